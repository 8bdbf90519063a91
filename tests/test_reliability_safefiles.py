"""Attachments leave a dossier only through safefiles: a crafted stored name never becomes a path
outside the folder the program (or the user) chose; ``attachments`` and ``extract`` are built on it."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.safefiles import (
    WINDOWS_RESERVED,
    numbered,
    output_folder,
    safe_name,
    too_long,
    write_attachment,
    write_attachments,
)
from smartcity_desktop.store import DamagedFile, ProjectFile

# Each of these, stored as an attachment's name in a crafted dossier, once received the file's bytes.
CRAFTED = ["/tmp/smartcity-victim/owned.txt", "../../../smartcity-victim/up.txt",
           "~/.local/share/applications/x.desktop", "C:\\Windows\\System32\\drivers\\etc\\hosts",
           "\\\\fileserver\\share\\payload.exe", "C:relative.txt", "CON", "nul.txt", "Com1.tar.gz", "LPT9",
           "name\x1b]0;owned\x07.pdf", "bell\x07\x00nul.pdf", "\u202etxt.exe", "trailing. . .", " spaced ",
           "..", ".", "", "...hidden", "a" * 300 + ".pdf", "报告" * 60 + ".docx", "x." + "y" * 40, "a<b>c:d|e?f*.pdf",
           "line\nbreak.pdf", "zero\u200bwidth.pdf", "dir/"]


def _is_safe(name: str, limit: int = 255) -> bool:
    stem = name.split(".")[0].rstrip(" ").upper()
    return (bool(name) and "/" not in name and "\\" not in name and ":" not in name
            and not name.startswith(".") and not name.endswith((".", " ")) and stem not in WINDOWS_RESERVED
            and all(ch.isprintable() and ch not in "\u200b\u202e" for ch in name)
            and len(name.encode("utf-8")) <= limit)


@pytest.mark.parametrize("name", CRAFTED)
def test_every_crafted_name_becomes_one_plain_file_name(name: str) -> None:
    cleaned = safe_name(name)
    assert _is_safe(cleaned), (name, cleaned)
    assert _is_safe(safe_name(name, limit=40), 40)


def test_long_names_keep_their_extension_and_numbers_fit() -> None:
    assert safe_name("报告" * 60 + ".docx").endswith(".docx")
    assert len(safe_name("报告" * 60 + ".docx").encode("utf-8")) <= 255
    assert safe_name("a" * 300 + ".pdf").endswith(".pdf")
    assert numbered("报告.pdf", 2) == "报告 (2).pdf" and numbered("报告.pdf", 1) == "报告.pdf"
    long = safe_name("报" * 100 + ".pdf")
    assert numbered(long, 12).endswith(" (12).pdf") and len(numbered(long, 12).encode("utf-8")) <= 255
    assert safe_name("", fallback="附件-a1") == "附件-a1" and safe_name("../") == "附件"


def _craft_names(path: Path, names: list[str]) -> list[str]:
    """Give the dossier's attachments these stored names, as someone with sqlite3 could (plain dossier)."""
    with ProjectFile.open(path) as pf:
        ids = [pf.add_attachment("conditions[1].documents", f"内容{i}".encode(), name=f"f{i}.txt").id
               for i in range(len(names))]
    conn = sqlite3.connect(path)
    with conn:
        for aid, name in zip(ids, names):
            conn.execute("UPDATE attachments SET name = ? WHERE id = ?", (json.dumps(name), aid))
    conn.close()
    return ids


def test_crafted_names_are_written_only_inside_the_chosen_folder(empty_path: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    names = [str(victim / "owned.txt"), "../victim/up.txt", "../../victim/x", *CRAFTED]
    ids = _craft_names(empty_path, names)
    out = tmp_path / "out"
    out.mkdir()
    before = {p for p in tmp_path.rglob("*") if not p.is_relative_to(out)}
    with ProjectFile.open(empty_path, readonly=True) as pf:
        written = write_attachments(pf, ids, out)
    assert len(written) == len(names) and len(set(written)) == len(names)  # collisions were numbered
    for i, path in enumerate(written):
        assert path.parent == out.resolve() and _is_safe(path.name), path
        assert path.read_bytes() == f"内容{i}".encode()
    assert {p for p in tmp_path.rglob("*") if not p.is_relative_to(out)} == before  # nothing anywhere else
    assert not victim.exists() and sorted(os.listdir(out)) == sorted(p.name for p in written)  # no temp left


def test_a_symlink_planted_in_the_folder_is_never_followed(empty_path: Path, tmp_path: Path) -> None:
    ids = _craft_names(empty_path, ["报告.pdf"])
    outside = tmp_path / "outside.txt"
    outside.write_text("原样", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "报告.pdf").symlink_to(outside)
    (out / "dangling.pdf").symlink_to(tmp_path / "nowhere")
    with ProjectFile.open(empty_path, readonly=True) as pf:
        path = write_attachment(pf, ids[0], out)
    assert path.name == "报告 (2).pdf" and not path.is_symlink() and path.read_bytes() == "内容0".encode()
    assert outside.read_text(encoding="utf-8") == "原样" and not (tmp_path / "nowhere").exists()


def test_existing_files_are_never_overwritten(empty_path: Path, tmp_path: Path) -> None:
    ids = _craft_names(empty_path, ["报告.pdf", "报告.PDF"])
    out = tmp_path / "out"
    out.mkdir()
    (out / "报告.pdf").write_text("用户自己的", encoding="utf-8")
    with ProjectFile.open(empty_path, readonly=True) as pf:
        first, second = write_attachments(pf, ids, out)
    assert (out / "报告.pdf").read_text(encoding="utf-8") == "用户自己的"
    assert first.name == "报告 (2).pdf" and second.name == "报告 (3).PDF"  # case-insensitive file systems too


def test_a_damaged_attachment_leaves_no_file(empty_path: Path, tmp_path: Path) -> None:
    ids = _craft_names(empty_path, ["报告.pdf"])
    conn = sqlite3.connect(empty_path)
    with conn:
        conn.execute("UPDATE attachments SET size = size + 1")
    conn.close()
    out = tmp_path / "out"
    out.mkdir()
    with ProjectFile.open(empty_path, readonly=True) as pf, pytest.raises(DamagedFile, match="校验值不符"):
        write_attachment(pf, ids[0], out)
    assert os.listdir(out) == []


def test_unknown_ids_write_nothing(empty_path: Path, tmp_path: Path) -> None:
    ids = _craft_names(empty_path, ["a.txt"])
    out = tmp_path / "out"
    out.mkdir()
    with ProjectFile.open(empty_path, readonly=True) as pf, pytest.raises(DataProblem, match="没有附件 nope"):
        write_attachments(pf, [ids[0], "nope"], out)
    assert os.listdir(out) == []


def test_output_folder_edges(tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(FileProblem, match="不是文件夹"):
        output_folder(a_file)
    with pytest.raises(FileProblem, match="文件名太长"):
        output_folder(tmp_path / ("长" * 90))
    assert output_folder(tmp_path / "新" / "文件夹").is_dir()
    assert too_long(tmp_path / ("长" * 85)) is None and "文件名太长" in (too_long(tmp_path / ("长" * 86)) or "")


# -- the command line -----------------------------------------------------------------------------
def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "smartcity_desktop", *args], capture_output=True, text=True,
                          timeout=120, check=False)


def test_attachments_and_extract_commands(empty_path: Path, tmp_path: Path) -> None:
    ids = _craft_names(empty_path, ["/etc/smartcity-owned", "报告\x1b[2J.pdf", "报告.pdf"])
    listed = _cli("attachments", str(empty_path), "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)["attachments"]
    assert [r["id"] for r in rows] == ids and rows[2] == {"id": ids[2], "name": "报告.pdf", "size": 7,
                                                          "field": "conditions[1].documents"}
    text = _cli("attachments", str(empty_path))
    assert text.returncode == 0 and "\x1b" not in text.stdout and "报告\\x1b[2J.pdf" in text.stdout

    out = tmp_path / "取出"
    done = _cli("extract", str(empty_path), *ids, "--out", str(out))
    assert done.returncode == 0, done.stderr
    names = sorted(os.listdir(out))
    assert names == sorted(["smartcity-owned", "报告_[2J.pdf", "报告.pdf"]) and not Path("/etc/smartcity-owned").exists()
    assert [Path(line).parent for line in done.stdout.splitlines()] == [out.resolve()] * 3

    unknown = _cli("extract", str(empty_path), ids[0], "nope", "--out", str(tmp_path / "另一个"))
    assert unknown.returncode == 1 and "nope" in unknown.stderr and not (tmp_path / "另一个").exists()
    at_file = _cli("extract", str(empty_path), ids[0], "--out", str(empty_path))
    assert at_file.returncode == 2 and "不是文件夹" in at_file.stderr and "Traceback" not in at_file.stderr
    missing = _cli("extract", str(tmp_path / "没有.scdossier"), ids[0], "--out", str(out))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_without_hard_links_nothing_is_overwritten_either(empty_path: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """FAT USB sticks and some network shares have no hard links: the writer falls back to rename."""
    ids = _craft_names(empty_path, ["报告.pdf"] * 3)
    out = tmp_path / "out"
    out.mkdir()
    (out / "报告.pdf").write_text("用户自己的", encoding="utf-8")

    def no_links(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    with ProjectFile.open(empty_path, readonly=True) as pf:
        written = write_attachments(pf, ids, out)
    assert [p.name for p in written] == ["报告 (2).pdf", "报告 (3).pdf", "报告 (4).pdf"]
    assert (out / "报告.pdf").read_text(encoding="utf-8") == "用户自己的" and len(os.listdir(out)) == 4
