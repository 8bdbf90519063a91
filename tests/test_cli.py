"""The command-line contract: subcommands, exit codes, one-line errors, untouched files on failure."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smartcity_desktop.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_new_info_dump_validate(tmp_path, capsys):
    path = tmp_path / "滨湖区.scdossier"
    code, out, _ = run(capsys, "new", path, "--name", "滨湖区", "--level", "district", "--province", "江东省")
    assert code == 0 and path.exists()
    code, out, _ = run(capsys, "dump", path)
    assert code == 0 and json.loads(out) == {"applicant.name": "滨湖区", "applicant.level": "district",
                                             "applicant.province": "江东省"}
    code, out, _ = run(capsys, "info", path, "--json")
    info = json.loads(out)
    assert code == 0 and info["applicant"]["name"] == "滨湖区" and info["sections"][0]["filled"] == 3
    code, out, _ = run(capsys, "validate", path)
    assert code == 1 and "尚不能提交" in out
    code, out, _ = run(capsys, "validate", path, "--json")
    data = json.loads(out)
    assert code == 1 and not data["ready"] and data["errors"] > 50
    assert {"severity", "key", "message", "rule", "section"} <= set(data["findings"][0])


def test_demo_validates_exit_0(demo_path, capsys):
    code, out, _ = run(capsys, "validate", demo_path)
    assert code == 0 and "可以提交" in out


def test_import_json_and_dump_round_trip(demo_path, empty_path, tmp_path, capsys):
    code, out, _ = run(capsys, "dump", demo_path)
    dump = tmp_path / "dump.json"
    dump.write_text(out, encoding="utf-8")
    values = json.loads(out)
    docs = [k for k in values if k.endswith(".documents")]
    for key in docs:  # attachment ids belong to the other file
        values.pop(key)
    dump.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "import", empty_path, dump)
    assert code == 0, err
    code, out, _ = run(capsys, "dump", empty_path)
    assert json.loads(out) == values


@pytest.mark.parametrize("content, words", [
    (b'{"applicant.name": 3}', "应为文本"),
    (b'{"nonsense.key": "x"}', "不是有效的字段名"),
    (b'{"applicant.level": "province"}', "不是可选值"),
    (b'[1, 2]', "JSON 对象"),
    (b"[" * 100_000 + b"]" * 100_000, "嵌套层数过多"),
    (b'{"applicant.name": "\xff\xfe"}', "UTF-8"),
    (b'{"applicant.name": ', "不是有效的 JSON"),
    (b'{"profile.gdp": NaN}', "NaN"),
])
def test_bad_json_is_refused_and_file_unchanged(empty_path, tmp_path, capsys, content, words):
    src = tmp_path / "bad.json"
    src.write_bytes(content)
    before = empty_path.read_bytes()
    code, out, err = run(capsys, "import", empty_path, src)
    assert code == 1
    assert words in err and err.count("\n") == 1 and "Traceback" not in err
    assert empty_path.read_bytes() == before


@pytest.mark.parametrize("make, code_expected", [
    (lambda p: p.write_bytes(b""), 2),
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50), 2),
    (lambda p: p.write_text("not a database", encoding="utf-8"), 2),
])
def test_unreadable_files_exit_2(tmp_path, capsys, make, code_expected):
    path = tmp_path / "x.scdossier"
    make(path)
    before = path.read_bytes()
    for command in ("dump", "validate", "info"):
        code, _out, err = run(capsys, command, path)
        assert code == code_expected and err.startswith("smartcity-desktop: ") and err.count("\n") == 1
    assert path.read_bytes() == before


def test_missing_file_and_bad_arguments_exit_2(tmp_path, capsys):
    assert run(capsys, "info", tmp_path / "none.scdossier")[0] == 2
    code, _out, err = run(capsys, "new", tmp_path / "x", "--name", "甲", "--level", "province", "--province", "乙")
    assert code == 2 and "参数有误" in err
    assert run(capsys, "export", tmp_path / "x.scdossier", "--out", tmp_path, "--format", "odt")[0] == 2


def test_writing_command_refuses_a_live_lock(empty_path, tmp_path, capsys):
    from smartcity_desktop.store import ProjectFile

    src = tmp_path / "v.json"
    src.write_text('{"profile.gdp": 5}', encoding="utf-8")
    holder = ProjectFile.open(empty_path)  # this live process holds the lock
    try:
        code, _out, err = run(capsys, "import", empty_path, src)
        assert code == 2 and "正由" in err
    finally:
        holder.close()
    assert run(capsys, "import", empty_path, src)[0] == 0


def test_versions_subcommands(empty_path, capsys):
    assert run(capsys, "versions", empty_path, "create", "初稿")[0] == 0
    code, out, _ = run(capsys, "versions", empty_path, "list")
    assert code == 0 and "初稿" in out
    assert run(capsys, "versions", empty_path, "restore", "1")[0] == 0
    code, out, _ = run(capsys, "versions", empty_path, "diff", "1")
    assert code == 0 and json.loads(out) == []


def test_english_messages(tmp_path, capsys):
    code, _out, err = run(capsys, "--lang", "en", "info", tmp_path / "none.scdossier")
    assert code == 2 and "File not found" in err


def test_python_dash_m_entry_point_and_version(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "smartcity_desktop", "--version"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 0 and "smartcity-desktop" in proc.stdout and "PySide6" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "smartcity_desktop", "dump", str(Path(tmp_path) / "no.scdossier")],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_a_closed_pipe_is_not_an_internal_error(demo_path, monkeypatch, capsys):
    """`smartcity-desktop dump FILE | head` must stop quietly, not report an internal error."""
    import io

    class ClosedPipe(io.TextIOWrapper):
        def write(self, _text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe(io.BytesIO(), encoding="utf-8"))
    code = main(["dump", str(demo_path)])
    err = capsys.readouterr().err
    assert code == 0 and err == ""


def test_the_command_table_is_what_the_parser_offers() -> None:
    """cli/entry.GROUPS is a plain table (the GUI start asks it without importing any group module); every
    name in it must be a registered subcommand and every subcommand must be in it."""
    import argparse

    from smartcity_desktop.cli import entry

    parser = entry.build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert sorted(sub.choices) == sorted(entry.COMMANDS)
