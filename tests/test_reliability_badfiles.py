"""Broken project files (tests/badfiles/corpus.py): each refused with a clear message, never touched;
readable rows of a damaged file can be salvaged into a new file."""
from __future__ import annotations

import hashlib
import importlib.util
import json
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


# -- crafted files: a dossier is data, never code or paths (issue 9) -----------------------------------------
@pytest.fixture(scope="module")
def crafted(tmp_path_factory: pytest.TempPathFactory, _demo_master: Path) -> dict[str, tuple[Path, str]]:
    return corpus.crafted_cases(_demo_master, tmp_path_factory.mktemp("crafted"))


@pytest.mark.parametrize("readonly", [False, True])
def test_every_crafted_file_is_refused_as_damaged_quickly_and_untouched(crafted: dict[str, tuple[Path, str]],
                                                                        readonly: bool) -> None:
    import time

    from smartcity_desktop.store import DamagedFile

    assert len(crafted) >= 50
    for name, (path, _expect) in crafted.items():
        before = _digest(path)
        start = time.perf_counter()
        with pytest.raises(DamagedFile) as info:
            ProjectFile.open(path, readonly=readonly, passphrase="a passphrase that is never used")
        assert time.perf_counter() - start < 2, name  # before any key stretching or loading
        message = str(info.value)
        assert "\n" not in message and "\x1b" not in message and "\x07" not in message, name
        assert "恢复" in message, name  # says how to get the data back
        assert _digest(path) == before, f"{name} was modified"
        assert _leftovers(path) == [], f"{name} left {_leftovers(path)}"


def test_crafted_messages_name_what_is_wrong(crafted: dict[str, tuple[Path, str]]) -> None:
    expected = {"schema-trigger-rewrites-data": "触发器 evil", "schema-view": "视图 everything",
                "schema-foreign-index": "索引 evil_index", "schema-index-redefined": "changes_key",
                "scheme-id-absolute": "不能是路径", "scheme-id-unc": "不能是路径", "kdf-n-2-24": "n=16777216",
                "kdf-p-million": "p=1000000", "value-storage-integer": "INTEGER", "value-nan": "profile.gdp",
                "value-level-galaxy": "galaxy", "value-date-2012-02-31": "2012-02-31",
                "value-escape-sequence": "U+001B", "key-with-escape": "\\x1b", "too-many-fields": "50000",
                "value-unknown-indicator-id": "9.9.9"}
    for name, words in expected.items():
        with pytest.raises(FileProblem) as info:
            ProjectFile.open(crafted[name][0], readonly=True)
        assert words in str(info.value), (name, str(info.value))


def test_a_foreign_trigger_never_runs(_demo_master: Path, tmp_path: Path) -> None:
    """Before the check, an ordinary import into such a file rewrote all investments and deleted the versions."""
    import sqlite3

    path = tmp_path / "trigger.scdossier"
    path.write_bytes(_demo_master.read_bytes())
    with ProjectFile.open(path) as pf:
        pf.create_version("报送前")
        investments = {k: v for k, v in pf.committed_values().items() if k.endswith("investment_wan")}
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(corpus.CRAFTED_SQL["schema-trigger-rewrites-data"][0])
    conn.close()
    for readonly in (False, True):
        with pytest.raises(FileProblem, match="触发器"), ProjectFile.open(path, readonly=readonly) as pf:
            pf.apply({"applicant.contact_name": "王五"}, "import:x.json")
    conn = sqlite3.connect(path)
    try:
        versions = conn.execute("SELECT count(*) FROM versions").fetchone()[0]
        stored = dict(conn.execute("SELECT key, value FROM fields WHERE key LIKE '%.investment_wan'").fetchall())
    finally:
        conn.close()
    assert versions == 1 and len(investments) > 3
    assert {k: json.loads(v) for k, v in stored.items()} == investments


def test_cli_refuses_crafted_files_with_exit_2_and_one_clean_line(crafted: dict[str, tuple[Path, str]],
                                                                  tmp_path: Path) -> None:
    import os

    cases = (("schema-trigger-raise-abort", "import"), ("scheme-id-absolute", "info"), ("kdf-n-2-24", "dump"),
             ("value-storage-integer", "export"), ("value-level-galaxy", "validate"), ("key-with-escape", "info"),
             ("value-escape-sequence", "validate"), ("value-date-2012-02-31", "versions"))
    source = tmp_path / "in.json"
    source.write_text('{"applicant.contact_name": "王五"}', encoding="utf-8")
    for name, command in cases:
        extra = {"export": ["--out", str(tmp_path / "out")], "import": [str(source)], "versions": ["list"]}
        run = subprocess.run([sys.executable, "-m", "smartcity_desktop", command, str(crafted[name][0]),
                              *extra.get(command, [])], capture_output=True, text=True, timeout=60,
                             env={**os.environ, "SMARTCITY_PASSPHRASE": "never used here"})
        assert run.returncode == 2, (name, run.stderr)
        assert run.stderr.count("\n") == 1 and "已损坏" in run.stderr, (name, run.stderr)
        assert "Traceback" not in run.stderr and "程序内部错误" not in run.stderr, run.stderr
        assert "\x1b" not in run.stderr + run.stdout and "\x07" not in run.stderr + run.stdout, name
        assert run.stdout == "", (name, run.stdout)


def test_recover_salvages_a_crafted_file_without_its_schema_objects(crafted: dict[str, tuple[Path, str]],
                                                                    _demo_master: Path, tmp_path: Path) -> None:
    import sqlite3

    with ProjectFile.open(_demo_master, readonly=True) as pf:
        original = {k: v for k, v in pf.committed_values().items() if not k.endswith(".documents")}
        version_count = len(pf.versions())
    for name in ("schema-trigger-rewrites-data", "schema-trigger-raise-abort", "schema-view", "schema-foreign-index"):
        dest = tmp_path / f"{name}-recovered.scdossier"
        report = salvage(crafted[name][0], dest)
        conn = sqlite3.connect(dest)
        try:
            objects = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view')")}
            indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        finally:
            conn.close()
        assert objects == set() and "evil_index" not in indexes, name
        with ProjectFile.open(dest) as pf:  # a sound file: opens, and a save runs no foreign code
            values = pf.committed_values()
            assert {k: v for k, v in values.items() if not k.endswith(".documents")} == original, name
            assert len(pf.versions()) == version_count == report.versions
            pf.set("applicant.contact_name", "王五")
            pf.flush()


def test_recover_salvages_what_is_sound_of_typed_garbage(crafted: dict[str, tuple[Path, str]], _demo_master: Path,
                                                         tmp_path: Path) -> None:
    with ProjectFile.open(_demo_master, readonly=True) as pf:
        original = pf.committed_values()
    for name, lost_key in (("value-level-galaxy", "applicant.level"), ("value-storage-integer", "applicant.name"),
                           ("value-nan", "profile.gdp"), ("key-with-escape", None),
                           ("scheme-id-absolute", None), ("value-escape-sequence", None)):
        report = salvage(crafted[name][0], tmp_path / f"{name}.scdossier")
        with ProjectFile.open(report.dest, readonly=True) as pf:
            values = pf.committed_values()
            assert pf.scheme.id == "mohurd-2012-trial"
        if lost_key:
            assert lost_key not in values and report.values_lost >= 1, name
        kept = [k for k in original if k != lost_key and not k.endswith(".documents")]
        assert all(values.get(k) == original[k] for k in kept if k != "applicant.name" or lost_key), name
    # A control character is dropped from the text, the rest of the text kept.
    with ProjectFile.open(tmp_path / "value-escape-sequence.scdossier", readonly=True) as pf:
        assert pf.dossier.get("applicant.name") == "滨湖[2J区"


def test_cli_output_carries_no_terminal_escapes(demo_path: Path, tmp_path: Path) -> None:
    """ESC and BEL were accepted and printed raw by info/validate (terminal escape injection)."""
    import os
    import sqlite3

    from smartcity_desktop.errors import DataProblem
    from smartcity_desktop.model import FieldError

    with ProjectFile.open(demo_path) as pf:
        with pytest.raises(FieldError, match="applicant.name"):
            pf.set("applicant.name", "滨湖\x1b]0;pwned\x07区")
        with pytest.raises(DataProblem):
            pf.create_version("版本\x1b[2J")
        pf.create_version("报送前")
    conn = sqlite3.connect(demo_path, isolation_level=None)  # a version name stored by some other means
    conn.execute("UPDATE versions SET name = ?", ('"报送前\\u001b[2J\\u009b"',))
    conn.close()
    hostile = tmp_path / "名\x1b[31m字\u202e.scdossier"
    demo_path.rename(hostile)
    source = tmp_path / "in.json"
    source.write_text(json.dumps({"applicant.contact_name": "王\x1b[2J五"}), encoding="utf-8")
    env = {**os.environ, "SMARTCITY_LANG": "zh_CN"}
    for args in (["info", str(hostile)], ["validate", str(hostile)], ["versions", str(hostile), "list"],
                 ["dump", str(hostile)], ["info", str(hostile), "--json"], ["import", str(hostile), str(source)]):
        run = subprocess.run([sys.executable, "-m", "smartcity_desktop", *args], capture_output=True, text=True,
                             timeout=60, env=env)
        out = run.stdout + run.stderr
        assert run.returncode in (0, 1), (args, run.stderr)
        assert not any(c in out for c in "\x1b\x07\x9b\u202e"), (args, out[:300])
        assert "程序内部错误" not in out and "Traceback" not in out, (args, out)
        if args[0] == "import":
            assert run.returncode == 1 and "applicant.contact_name" in run.stderr, run.stderr
        if args[0] == "versions":
            assert "报送前\\x1b[2J\\x9b" in run.stdout


def test_cli_versions_restore_refuses_a_hostile_version_and_writes_nothing(demo_path: Path) -> None:
    import sqlite3

    with ProjectFile.open(demo_path) as pf:
        vid = pf.create_version("报送前")
        values = pf.committed_values()
    conn = sqlite3.connect(demo_path, isolation_level=None)
    conn.execute("UPDATE versions SET data = ? WHERE id = ?", ('{"values": {"applicant.level": "galaxy"}}', vid))
    conn.close()
    before = _digest(demo_path)
    for action in ("restore", "diff"):
        run = subprocess.run([sys.executable, "-m", "smartcity_desktop", "versions", str(demo_path), action, str(vid)],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 2, run.stderr
        assert f"版本 {vid} 已损坏" in run.stderr and "galaxy" in run.stderr and run.stderr.count("\n") == 1
        assert "程序内部错误" not in run.stderr
    assert _digest(demo_path) == before
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert pf.committed_values() == values


def test_no_crafted_file_reaches_the_internal_error_path(crafted: dict[str, tuple[Path, str]], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Every crafted file through the commands that write (in-process, so all of them stay quick): exit 2 with the
    damaged message, never "程序内部错误", never a terminal escape."""
    from smartcity_desktop.cli import main

    monkeypatch.setenv("SMARTCITY_PASSPHRASE", "a passphrase never used")
    monkeypatch.setenv("SMARTCITY_NEW_PASSPHRASE", "another passphrase")
    source = tmp_path / "in.json"
    source.write_text('{"applicant.contact_name": "王五"}', encoding="utf-8")
    for name, (path, _expect) in crafted.items():
        before = _digest(path)
        for args in (["import", str(path), str(source)], ["versions", str(path), "restore", "1"],
                     ["encrypt", str(path)]):
            code = main(args)
            out, err = capsys.readouterr()
            assert code == 2 and "已损坏" in err, (name, args[0], err)
            assert "程序内部错误" not in err and "\x1b" not in out + err, (name, args[0], err)
        assert _digest(path) == before, name
