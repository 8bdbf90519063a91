"""Write unexpected errors to a log file in the user's data folder (never a traceback on screen)."""
from __future__ import annotations

import logging
import traceback
from datetime import datetime
from pathlib import Path

from smartcity_desktop import __version__
from smartcity_desktop.paths import log_dir


def log_file() -> Path:
    return log_dir() / "smartcity-desktop.log"


def log_exception(exc: BaseException, context: str = "") -> Path | None:
    """Append the traceback to the log; return the log's path (None if even that failed)."""
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"\n=== {datetime.now().isoformat(timespec='seconds')} v{__version__} {context}\n")
            handle.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        return path
    except OSError:
        logging.getLogger(__name__).exception("could not write the crash log")
        return None
