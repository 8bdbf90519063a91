"""Typed user options in one place (as Picard's config module does), stored with QSettings.

The settings live in an INI file in the user's data folder (``SMARTCITY_DATA_DIR`` in tests), so
tests never touch the real user's settings and a portable install keeps them beside its data.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from smartcity_desktop.paths import user_data_dir

T = TypeVar("T")
MAX_RECENT = 10


def settings_path() -> Path:
    return user_data_dir() / "settings.ini"


def qsettings() -> QSettings:
    """A QSettings bound to our INI file (read fresh each time: cheap, and always current)."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


class Option(Generic[T]):
    """One typed option: a key, a default and a type that values read back are coerced to."""

    def __init__(self, key: str, default: T, kind: type):
        self.key = key
        self.default = default
        self.kind = kind

    def get(self) -> T:
        raw: Any = qsettings().value(self.key, self.default)
        if raw is None:
            return self.default
        try:
            if self.kind is bool:
                return (raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")) # type: ignore
            if self.kind is list:
                if isinstance(raw, str):
                    return [raw] if raw else []  # type: ignore[return-value]
                return [str(v) for v in raw]  # type: ignore[return-value]
            if self.kind is QByteArray:
                return raw if isinstance(raw, QByteArray) else QByteArray()  # type: ignore[return-value]
            return self.kind(raw)
        except (TypeError, ValueError):
            return self.default

    def set(self, value: T) -> None:
        qsettings().setValue(self.key, value)  # written when the QSettings object goes away


LANGUAGE: Option[str] = Option("ui/language", "", str)  # "" = default (Chinese) unless --lang
RECENT_FILES: Option[list[str]] = Option("files/recent", [], list)
LAST_FOLDER: Option[str] = Option("files/last_folder", "", str)
GEOMETRY: Option[QByteArray] = Option("window/geometry", QByteArray(), QByteArray)
SPLITTER: Option[QByteArray] = Option("window/splitter", QByteArray(), QByteArray)
AUTHOR: Option[str] = Option("user/name", "", str)
LAST_PAGES: Option[list[str]] = Option("files/last_pages", [], list)  # "path<TAB>page id", newest first


def recent_files() -> list[str]:
    """Recent dossiers that still exist, newest first."""
    return [p for p in RECENT_FILES.get() if Path(p).exists()][:MAX_RECENT]


def add_recent(path: str | Path) -> None:
    path = str(Path(path).resolve())
    items = [p for p in RECENT_FILES.get() if p != path]
    RECENT_FILES.set([path, *items][:MAX_RECENT])


def remove_recent(path: str | Path) -> None:
    path = str(Path(path).resolve())
    RECENT_FILES.set([p for p in RECENT_FILES.get() if p != path])
