"""Per-user folders (data, logs, documents) without Qt, so the CLI and the GUI agree on them."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from smartcity_desktop import APP_ID


def user_data_dir() -> Path:
    override = os.environ.get("SMARTCITY_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_ID


def log_dir() -> Path:
    return user_data_dir() / "logs"


def documents_dir() -> Path:
    """The user's documents folder (where a copy of the demo dossier is placed)."""
    override = os.environ.get("SMARTCITY_DOCUMENTS_DIR")
    if override:
        return Path(override)
    for candidate in (Path.home() / "Documents", Path.home() / "文档"):
        if candidate.is_dir():
            return candidate
    return Path.home()
