"""The GUI's side of issue 9's disk rules: "open attachment" goes through the one safe writer into the
private temp folder, and SIGTERM closes the program cleanly (lock released, temp copies gone)."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from smartcity_desktop import privatetemp
from smartcity_desktop.store import ProjectFile, read_lock
from smartcity_desktop.store.lock import lock_path


def test_open_attachment_writes_crafted_names_only_into_the_private_folder(
        qtbot: Any, empty_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from smartcity_desktop.ui.widgets import attachments as ui_attachments
    from smartcity_desktop.ui.shell.session import DossierSession

    victim = tmp_path / "victim"
    names = [str(victim / "owned.txt"), "../../../victim/x.desktop", "~/.local/share/applications/x.desktop",
             "C:\\Windows\\win.ini", "CON"]
    with ProjectFile.open(empty_path) as pf:
        ids = [pf.add_attachment("conditions[1].documents", f"内容{i}".encode(), name="a.txt").id
               for i in range(len(names))]
    conn = sqlite3.connect(empty_path)
    with conn:
        for aid, name in zip(ids, names):
            conn.execute("UPDATE attachments SET name = ? WHERE id = ?", (json.dumps(name), aid))
    conn.close()
    opened: list[str] = []
    monkeypatch.setattr(ui_attachments.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    session = DossierSession(ProjectFile.open(empty_path))
    try:
        private = privatetemp.folder("open")
        dests = []
        for i, aid in enumerate(ids):
            dest = ui_attachments.open_attachment(session, session.pf.attachment(aid), None)  # type: ignore[arg-type]
            assert dest is not None and dest.parent.parent == private and dest.read_bytes() == f"内容{i}".encode()
            dests.append(dest)
        assert [Path(p) for p in opened] == dests  # the viewer gets exactly the private copies
        assert [Path(p).name for p in opened] == ["owned.txt", "x.desktop", "x.desktop", "win.ini", "_CON"]
        assert not victim.exists()
    finally:
        session.pf.close()


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("delay", [0.0, 1.5])  # while the window is still being built / in the event loop
def test_sigterm_closes_the_gui_cleanly(empty_path: Path, tmp_path: Path, delay: float) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path), SMARTCITY_DATA_DIR=str(tmp_path / "d"))
    proc = subprocess.Popen([sys.executable, "-m", "smartcity_desktop", str(empty_path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            held = read_lock(empty_path)
            if held is not None and held.pid == proc.pid:
                break
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.1)
        else:
            raise AssertionError("the GUI never locked the dossier")
        privatetemp_dirs = list(tmp_path.glob(f"{privatetemp.PREFIX}*"))
        time.sleep(delay)
        proc.send_signal(signal.SIGTERM)  # maybe before the event loop runs: must still end cleanly
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 143, err
    assert not lock_path(empty_path).exists() and "Traceback" not in err
    assert not any(p.exists() for p in privatetemp_dirs) and not list(tmp_path.glob(f"{privatetemp.PREFIX}*"))
    with ProjectFile.open(empty_path) as pf:  # sound and free
        assert pf.dossier.get("applicant.name") == "测试区"
