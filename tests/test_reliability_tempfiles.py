"""Temporary files (PDF export's plaintext copies, attachments opened in the GUI) live in one private
folder per process, removed at exit, on SIGTERM and on exceptions; a killed process's folder is removed
at the next start of the program."""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from smartcity_desktop import privatetemp
from smartcity_desktop.processes import boot_id, process_start

posix_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="signals and pids (POSIX)")


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A system temp folder of the test's own (TMPDIR), for this process and its children."""
    root = tmp_path / "systemp"
    root.mkdir()
    monkeypatch.setenv("TMPDIR", str(root))
    monkeypatch.setattr("tempfile.tempdir", None)
    privatetemp.cleanup()
    yield root
    privatetemp.cleanup()


def _ours(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.name.startswith(privatetemp.PREFIX))


def test_private_folder_is_0700_recognisable_and_names_its_owner(temp_root: Path) -> None:
    folder = privatetemp.folder("open")
    root = privatetemp.process_dir()
    assert folder.parent == root and root.parent == temp_root
    assert root.name.startswith(f"{privatetemp.PREFIX}{os.getpid()}-")
    if os.name == "posix":
        assert stat.S_IMODE(root.stat().st_mode) == 0o700 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    owner = json.loads((root / privatetemp.OWNER_FILE).read_text(encoding="utf-8"))
    assert owner["pid"] == os.getpid() and owner["start"] == process_start(os.getpid())
    with privatetemp.scratch("pdf") as work:
        (work / "申报书.docx").write_bytes(b"plaintext")
    assert not work.exists()
    with pytest.raises(RuntimeError), privatetemp.scratch("pdf") as work:
        (work / "x").write_bytes(b"plaintext")
        raise RuntimeError("export failed")
    assert not work.exists()
    assert privatetemp.remove_stale() == []  # our own live folder is not stale
    privatetemp.cleanup()
    assert not root.exists()


CHILD = textwrap.dedent("""
    import os, sys, time
    from smartcity_desktop import privatetemp
    privatetemp.install_sigterm_exit()
    (privatetemp.folder("open") / "plaintext.txt").write_text("秘密", encoding="utf-8")
    print("ready", flush=True)
    how = sys.argv[1]
    if how == "raise":
        raise RuntimeError("boom")
    if how == "wait":
        time.sleep(60)
""")


@posix_only
@pytest.mark.parametrize("how", ["normal", "raise", "sigterm", "sigkill"])
def test_folder_is_gone_after_the_process_ends(temp_root: Path, how: str) -> None:
    proc = subprocess.Popen([sys.executable, "-c", CHILD, "wait" if how.startswith("sig") else how],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    if how == "sigterm":
        proc.send_signal(signal.SIGTERM)
    elif how == "sigkill":
        proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    if how == "sigterm":
        assert proc.returncode == 143
    left = _ours(temp_root)
    if how != "sigkill":
        assert left == []
        return
    assert len(left) == 1 and (left[0] / "open" / "plaintext.txt").is_file()  # SIGKILL cannot be caught
    assert privatetemp.remove_stale() == left and _ours(temp_root) == []  # ...the next start removes it


@posix_only
def test_stale_means_dead_or_reused_pid_and_only_our_folders(temp_root: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        time.sleep(0.2)

        def make(name: str, owner: dict[str, object] | None) -> Path:
            path = temp_root / name
            path.mkdir(mode=0o700)
            (path / "copy.pdf").write_bytes(b"x")
            if owner is not None:
                (path / privatetemp.OWNER_FILE).write_text(json.dumps(owner), encoding="utf-8")
            return path

        live = make(f"{privatetemp.PREFIX}live", {"pid": sleeper.pid, "start": process_start(sleeper.pid),
                                                   "boot": boot_id()})
        reused = make(f"{privatetemp.PREFIX}reused", {"pid": sleeper.pid, "start": "1", "boot": boot_id()})
        old_boot = make(f"{privatetemp.PREFIX}oldboot", {"pid": sleeper.pid, "start": process_start(sleeper.pid),
                                                          "boot": "another-boot"})
        garbage = make(f"{privatetemp.PREFIX}garbage", None)
        (garbage / privatetemp.OWNER_FILE).write_bytes(b"\xff\xfe not json")
        newborn = make(f"{privatetemp.PREFIX}newborn", None)  # made, owner file not yet written
        orphan = make(f"{privatetemp.PREFIX}orphan", None)
        old = time.time() - 3600
        os.utime(orphan, (old, old))
        legacy_old = make("smartcity-pdf-abc", None)
        os.utime(legacy_old, (time.time() - 2 * 86400,) * 2)
        legacy_new = make("smartcity-open-abc", None)
        target = make("unrelated", None)
        link = temp_root / f"{privatetemp.PREFIX}link"
        link.symlink_to(target)
        removed = set(privatetemp.remove_stale())
        expected = {reused, garbage, orphan, legacy_old}
        if boot_id():
            expected.add(old_boot)
        assert removed == expected
        assert live.is_dir() and newborn.is_dir() and legacy_new.is_dir() and (target / "copy.pdf").is_file()
    finally:
        sleeper.kill()
        sleeper.wait()


@posix_only
def test_a_killed_pdf_export_of_an_encrypted_dossier_leaves_only_what_the_next_start_removes(
        temp_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from smartcity_desktop.demo import build_demo
    from smartcity_desktop.export.pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    monkeypatch.setenv("SMARTCITY_PASSPHRASE", "口令 passphrase 1")
    dossier = build_demo(tmp_path / "加密.scdossier", passphrase="口令 passphrase 1")

    def export(*extra: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "smartcity_desktop", "export", str(dossier), "--out",
                                 str(tmp_path / "out"), "--format", "pdf", *extra], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def wait_for_plaintext() -> Path:
        deadline = time.time() + 60
        while time.time() < deadline:
            found = list(temp_root.glob(f"{privatetemp.PREFIX}*/pdf-*/*.docx"))
            if found:
                return found[0]
            time.sleep(0.02)
        raise AssertionError("the export never wrote its temp copy")

    for sig, code in ((signal.SIGTERM, 143), (signal.SIGKILL, -9)):
        proc = export()
        plaintext = wait_for_plaintext()
        proc.send_signal(sig)
        proc.communicate(timeout=60)
        assert proc.returncode == code
        if sig == signal.SIGTERM:
            assert _ours(temp_root) == []  # removed on the way out
        else:
            assert plaintext.exists()  # SIGKILL: nothing can run... until the program starts again
            info = subprocess.run([sys.executable, "-m", "smartcity_desktop", "info", str(dossier)],
                                  capture_output=True, text=True, timeout=60, check=False)
            assert info.returncode == 0, info.stderr
            assert _ours(temp_root) == []


def test_recover_keeps_decrypted_attachments_in_the_private_folder(temp_root: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """``recover`` writes each decrypted attachment to a temp file before storing it again: those files
    (and the copy of the damaged dossier) must be in the private folder, not loose in the temp folder."""
    import tempfile

    from smartcity_desktop.demo import build_demo
    from smartcity_desktop.store.recover import salvage

    dossier = build_demo(tmp_path / "加密.scdossier", passphrase="口令 passphrase 1")
    made: list[Path] = []
    original = tempfile.NamedTemporaryFile

    def recording(*args: object, **kwargs: object) -> object:
        handle = original(*args, **kwargs)  # type: ignore[call-overload]
        made.append(Path(handle.name))
        return handle

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", recording)
    report = salvage(dossier, tmp_path / "恢复.scdossier", passphrase="口令 passphrase 1")
    assert report.attachments == 5 and len(made) == 5
    private = privatetemp.process_dir()
    assert all(p.is_relative_to(private) for p in made), made
    assert [p.name for p in temp_root.iterdir()] == [private.name]  # nothing else in the temp folder
