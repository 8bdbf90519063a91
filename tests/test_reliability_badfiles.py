"""Broken project files (tests/badfiles/corpus.py): each refused with a clear message, never touched;
readable rows of a damaged file can be salvaged into a new file."""
from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.store.recover import salvage

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("badfiles_corpus", ROOT / "tests" / "badfiles" / "corpus.py")
assert _spec and _spec.loader
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory, _demo_master: Path) -> dict[str, tuple[Path, str]]:
    return corpus.make_corpus(_demo_master, tmp_path_factory.mktemp("badfiles"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path)


def _open_and_read_everything(path: Path, readonly: bool) -> None:
    with ProjectFile.open(path, readonly=readonly) as pf:
        for att in pf.attachments():
            for _block in pf.read_attachment(att.id):
                pass
        pf.versions()
        pf.changes()


def test_corpus_is_large_and_varied(cases: dict[str, tuple[Path, str]]) -> None:
    kinds = {name.split("-at-")[0].rstrip("0123456789-") for name in cases}
    assert len(cases) >= 100
    assert {"zero-length", "truncated", "foreign-sqlite", "newer-version", "bit-flip"} <= kinds
    assert any(name.startswith("missing-table-") for name in cases)


@pytest.mark.parametrize("readonly", [False, True])
def test_every_broken_file_is_refused_clearly_and_left_untouched(cases: dict[str, tuple[Path, str]],
                                                                 readonly: bool) -> None:
    refused = opened = 0
    for name, (path, expect) in cases.items():
        before = _digest(path)
        try:
            _open_and_read_everything(path, readonly)
        except FileProblem as exc:
            message = str(exc)
            assert message and "Traceback" not in message and "\n" not in message, name
            refused += 1
        else:
            # Only a flipped bit inside a stored text can go unnoticed: SQLite keeps no checksums.
            assert expect == "flip", f"{name} was opened instead of refused"
            opened += 1
        assert _digest(path) == before, f"{name} was modified"
        assert _leftovers(path) == [], f"{name} left {_leftovers(path)}"
    assert refused >= sum(1 for _p, e in cases.values() if e == "refuse")
    assert refused + opened == len(cases)


def test_messages_name_the_problem(cases: dict[str, tuple[Path, str]]) -> None:
    expected = {"zero-length": "0 字节", "foreign-sqlite": "其他程序", "newer-version": "更新版本",
                "truncated-at-512": "截断", "missing-table-versions": "versions", "xlsx-renamed": "不是",
                "page-8-header-smashed": "恢复"}
    for name, words in expected.items():
        with pytest.raises(FileProblem, match=words):
            ProjectFile.open(cases[name][0])


def test_cli_exits_2_with_one_line_for_broken_files(cases: dict[str, tuple[Path, str]]) -> None:
    for name in ("zero-length", "truncated-at-512", "page-1-header-smashed"):
        run = subprocess.run([sys.executable, "-m", "smartcity_desktop", "dump", str(cases[name][0])],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 2, name
        assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr


def test_truncated_file_is_salvaged_into_a_new_sound_file(cases: dict[str, tuple[Path, str]], _demo_master: Path,
                                                          tmp_path: Path) -> None:
    with ProjectFile.open(_demo_master, readonly=True) as pf:
        original = pf.committed_values()
        attachment_count = len(pf.attachments())
    salvaged_any = 0
    truncated = [n for n in cases if n.startswith("truncated-at-")]
    for name in sorted(set(truncated[::3] + [truncated[-1]])):  # every third cut and the last: enough, quick
        path = cases[name][0]
        before = _digest(path)
        dest = tmp_path / f"{name}-recovered.scdossier"
        try:
            report = salvage(path, dest)
        except FileProblem as exc:  # cut inside the catalogue: nothing to save, and it says so
            assert "没有可恢复" in str(exc)
            assert not dest.exists()
            continue
        salvaged_any += 1
        assert _digest(path) == before
        with ProjectFile.open(dest) as pf:
            assert pf.integrity_problems() == []
            values = pf.committed_values()
            # Everything recovered is exactly what was there (attachment ids are new ones).
            for key, value in values.items():
                if not key.endswith(".documents"):
                    assert original.get(key) == value, key
            assert report.values == len(values)
            assert len(pf.attachments()) == report.attachments <= attachment_count
            assert pf.meta.get("recovered_from") == str(path)
    assert salvaged_any >= 5
    # A file cut just before its end loses (almost) nothing.
    cut = max(int(n.rsplit("-", 1)[1]) for n in cases if n.startswith("truncated-at-"))
    with ProjectFile.open(tmp_path / f"truncated-at-{cut}-recovered.scdossier", readonly=True) as pf:
        kept = {k for k in pf.committed_values() if not k.endswith(".documents")}
    assert len(kept) >= len([k for k in original if not k.endswith(".documents")]) - 5


def test_damaged_page_is_salvaged(cases: dict[str, tuple[Path, str]], tmp_path: Path) -> None:
    path = cases["page-8-header-smashed"][0]
    report = salvage(path, tmp_path / "saved.scdossier")
    with ProjectFile.open(report.dest) as pf:
        assert pf.integrity_problems() == []
        assert pf.dossier.get("applicant.name") == "江东省临川市滨湖区"
    assert report.values > 500


def test_recover_refuses_what_is_not_a_dossier(cases: dict[str, tuple[Path, str]], tmp_path: Path) -> None:
    for name in ("zero-length", "random-bytes", "text-file"):
        with pytest.raises(FileProblem):
            salvage(cases[name][0], tmp_path / f"{name}.scdossier")
        assert not (tmp_path / f"{name}.scdossier").exists()
    with pytest.raises(FileProblem, match="已存在"):
        salvage(cases["truncated-at-512"][0], cases["zero-length"][0])


def test_cli_recover(cases: dict[str, tuple[Path, str]], tmp_path: Path) -> None:
    cut = max(int(n.rsplit("-", 1)[1]) for n in cases if n.startswith("truncated-at-"))
    dest = tmp_path / "cli-recovered.scdossier"
    run = subprocess.run([sys.executable, "-m", "smartcity_desktop", "recover",
                          str(cases[f"truncated-at-{cut}"][0]), str(dest)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "已从损坏的卷宗中恢复" in run.stdout and dest.exists()
    info = subprocess.run([sys.executable, "-m", "smartcity_desktop", "info", str(dest)], capture_output=True,
                          text=True, timeout=60)
    assert info.returncode == 0 and "滨湖区" in info.stdout


def test_encrypted_damaged_file_is_salvaged_encrypted(_demo_master: Path, tmp_path: Path) -> None:
    from smartcity_desktop.store import PassphraseNeeded, WrongPassphrase
    from smartcity_desktop.store.rekey import encrypt_dossier

    path = tmp_path / "secret.scdossier"
    path.write_bytes(_demo_master.read_bytes())
    with ProjectFile.open(path) as pf:
        encrypt_dossier(pf, "recover passphrase")
    cut = tmp_path / "secret-cut.scdossier"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])
    with pytest.raises(PassphraseNeeded):
        salvage(cut, tmp_path / "a.scdossier")
    with pytest.raises(WrongPassphrase):
        salvage(cut, tmp_path / "b.scdossier", passphrase="not the passphrase")
    report = salvage(cut, tmp_path / "c.scdossier", passphrase="recover passphrase")
    assert report.values > 100
    assert "滨湖区".encode() not in report.dest.read_bytes()  # never silently written in the clear
    with ProjectFile.open(report.dest, passphrase="recover passphrase") as pf:
        assert pf.encrypted and pf.integrity_problems() == []
        assert pf.dossier.get("applicant.name") == "江东省临川市滨湖区"
