"""Where the user left off: the page each dossier was last on, and whether the last session with it
ended in a crash (its lock file is still there, naming a program on this computer that is gone).

The page is a per-user setting (not stored in the dossier: a colleague opening the same file starts
where *they* left off, and a read-only file still remembers). Writes are debounced by the window.
"""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from smartcity_desktop.store.lock import LockInfo, is_stale, read_lock
from smartcity_desktop.ui.shell import settings

MAX_REMEMBERED = 30
SEPARATOR = "\t"


def _key(path: str | os.PathLike[str]) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(path)


def last_page(path: str | os.PathLike[str]) -> str:
    """The page id the dossier was last shown at, or "" (never opened here)."""
    key = _key(path)
    for entry in settings.LAST_PAGES.get():
        file, sep, page = entry.rpartition(SEPARATOR)
        if sep and file == key:
            return page
    return ""


def remember_page(path: str | os.PathLike[str], page: str) -> None:
    key = _key(path)
    entries = [e for e in settings.LAST_PAGES.get() if e.rpartition(SEPARATOR)[0] != key]
    settings.LAST_PAGES.set([f"{key}{SEPARATOR}{page}", *entries][:MAX_REMEMBERED])


def crashed_holder(path: str | os.PathLike[str]) -> LockInfo | None:
    """The lock left by this program on this computer when it died with the dossier open, if any.
    Call it *before* opening: opening takes such a stale lock over without asking."""
    holder = read_lock(Path(path))
    if holder is None or holder.pid == -1 or not is_stale(holder):
        return None
    return holder if holder.program == "smartcity-desktop" else None


def local_time(stamp: str) -> str:
    """An ISO time from a lock file ("2026-11-29T17:05:00+00:00") as the user's local wall time
    ("2026-11-29 18:05"); unreadable text is returned as it is."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")
