"""The PySide6 face of the program (the only package that imports Qt).

``from smartcity_desktop.ui import MainWindow`` is the public entry point (DESIGN.md); it is
resolved lazily so that importing a submodule such as ``ui.session`` stays light.
"""
from __future__ import annotations

from typing import Any

from smartcity_desktop.ui import _refcount_guard

_refcount_guard.apply()  # before any Qt call: see the module's docstring
__all__ = ["MainWindow"]


def __getattr__(name: str) -> Any:
    if name == "MainWindow":
        from smartcity_desktop.ui.shell import app  # noqa: F401 - its controller serves File › New/Open
        from smartcity_desktop.ui.shell.mainwindow import MainWindow

        return MainWindow
    raise AttributeError(name)
