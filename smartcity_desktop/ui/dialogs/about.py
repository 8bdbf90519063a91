"""Versions of the GUI toolkit, for ``--version`` and the About box."""
from __future__ import annotations

import PySide6
from PySide6 import QtCore


def qt_versions() -> str:
    return f"Qt {QtCore.qVersion()}, PySide6 {PySide6.__version__}"
