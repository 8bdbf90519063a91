"""The program's temporary files: one private folder per process, gone when the process is.

PDF export hands LibreOffice plaintext .docx/.xlsx copies, and the GUI opens attachments as copies for
the system's viewer. For an encrypted dossier those copies are its plaintext, so they must not outlive
the process. Every temporary file of ours lives in ``<system temp>/smartcity-tmp-<pid>-<random>/``:

* created 0700 (``mkdtemp``), with ``owner.json`` naming the process (pid, start time, boot id);
* removed at normal exit and on exceptions (``atexit``) and on SIGTERM (``sigterm_exits`` turns it
  into an ordinary exit in the command line; the GUI closes its windows first, ui/shell/termination.py);
* a process killed outright (SIGKILL, power cut) cannot clean up: ``remove_stale()``, run at every start
  of the program, removes the folders of processes that no longer run (also after a pid was reused).

``scratch(kind)`` is a subfolder removed when its block ends (PDF export); ``folder(kind)`` one that lives
as long as the process (attachments opened in the GUI, which the viewer may read at any time).
"""
from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from smartcity_desktop.processes import boot_id, process_alive, process_start

PREFIX = "smartcity-tmp-"
OWNER_FILE = "owner.json"
LEGACY_PREFIXES = ("smartcity-pdf-", "smartcity-open-", "smartcity-recover-")  # before this module: no owner
LEGACY_AGE_S = 24 * 3600  # a legacy folder this old belongs to no running export or viewer any more

_lock = threading.Lock()
_root: Path | None = None
_root_pid = 0  # a forked child inherits ``_root`` but must not remove its parent's folder


def process_dir() -> Path:
    """This process's private temp folder (made on first use, removed at exit)."""
    global _root, _root_pid
    with _lock:
        if _root is None or _root_pid != os.getpid() or not _root.is_dir():
            root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))  # 0700, owned by us
            owner = {"pid": os.getpid(), "start": process_start(os.getpid()), "boot": boot_id()}
            (root / OWNER_FILE).write_text(json.dumps(owner), encoding="utf-8")
            if _root is None:
                atexit.register(cleanup)
            _root, _root_pid = root, os.getpid()
        return _root


def folder(kind: str) -> Path:
    """A subfolder for ``kind`` (e.g. "open") inside the private folder, kept until the process ends."""
    path = process_dir() / kind
    path.mkdir(mode=0o700, exist_ok=True)
    return path


@contextmanager
def scratch(kind: str) -> Iterator[Path]:
    """A fresh private subfolder for one job, removed with its content when the block ends."""
    path = Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=process_dir()))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def cleanup() -> None:
    """Remove this process's private folder (atexit; idempotent)."""
    global _root
    with _lock:
        root, _root = _root, None
    if root is not None and _root_pid == os.getpid():
        shutil.rmtree(root, ignore_errors=True)


def _owner_alive(path: Path) -> bool:
    try:
        with open(path / OWNER_FILE, "rb") as handle:
            owner = json.loads(handle.read(4096).decode("utf-8"))
        pid = int(owner["pid"])
    except FileNotFoundError:
        # A folder is made before its owner file: give a just-born one time; an old one lost its owner.
        try:
            return time.time() - os.lstat(path).st_mtime < 60
        except OSError:
            return False
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    if pid == os.getpid():
        return path == _root and _root_pid == pid
    return process_alive(pid, str(owner.get("start", "")), str(owner.get("boot", "")))


def remove_stale(temp_dir: Path | None = None) -> list[Path]:
    """Remove the private temp folders (ours, by owner uid) of processes that have ended; return them.

    Also removes folders of the older layout (``smartcity-pdf-*``, ``smartcity-open-*``) once they are a
    day old. Never follows a symlink and never touches another user's folder."""
    base = Path(temp_dir or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(base))
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        name = entry.name
        if not name.startswith((PREFIX, *LEGACY_PREFIXES)):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode) or (uid is not None and st.st_uid != uid):
            continue
        path = Path(entry.path)
        if name.startswith(PREFIX):
            if _owner_alive(path):
                continue
        elif time.time() - st.st_mtime < LEGACY_AGE_S:
            continue
        shutil.rmtree(path, ignore_errors=True)
        if not os.path.lexists(path):
            removed.append(path)
    return removed


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def install_sigterm_exit() -> Any:
    """SIGTERM becomes ``SystemExit(143)``: ``finally`` blocks close dossiers (releasing their locks) and
    atexit removes the private folder. Returns the previous handler (None if none could be set). For the
    command line; the GUI installs its own handler."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        return None
    try:
        return signal.signal(signal.SIGTERM, _exit_on_sigterm)
    except (ValueError, OSError):
        return None


@contextmanager
def sigterm_exits() -> Iterator[None]:
    """``install_sigterm_exit`` for the block only: a caller of ``main()`` in-process (tests, scripts)
    gets its own SIGTERM handler back afterwards."""
    previous = install_sigterm_exit()
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
