"""Where the shell's windows meet without importing each other.

Imports among the shell's windows go one way: ``app`` (the ``AppController``) builds ``mainwindow`` and
``welcome`` windows, and neither of them imports ``app`` (an import-linter contract in pyproject.toml
keeps it so). What a window needs from the program as a whole — a new dossier, open, the demo, another
language, quit — it asks of the ``Controller`` registered here; what the program needs to reach every
open dossier (SIGTERM: save and close them all) it finds in ``open_windows()``.
"""
from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smartcity_desktop.ui.shell.session import DossierSession


class Controller(Protocol):
    """The application-wide commands a window may ask for (``app.AppController`` implements them)."""

    def new_dossier(self, parent: QWidget | None = None) -> QWidget | None: ...

    def open_dialog(self, parent: QWidget | None = None) -> QWidget | None: ...

    def open_demo(self, parent: QWidget | None = None) -> QWidget | None: ...

    def open_path(self, path: str | os.PathLike[str], parent: QWidget | None = None) -> QWidget | None: ...

    def switch_language(self, lang: str) -> bool: ...

    def window_closed(self, window: QWidget) -> None: ...

    def quit(self) -> None: ...


class DossierWindow(Protocol):
    """What closing every dossier needs of a main window."""

    closed: bool

    @property
    def session(self) -> DossierSession: ...

    def close(self) -> bool: ...


_controller: Controller | None = None
_make_controller: Callable[[], Controller] | None = None
_open: list[weakref.ref[DossierWindow]] = []  # weak: a window dropped without closing is not kept alive


def set_controller(controller: Controller) -> None:
    """The controller of this process (the app sets itself when it starts)."""
    global _controller
    _controller = controller


def set_controller_factory(make: Callable[[], Controller]) -> None:
    """How to make a controller for a window opened without one (``MainWindow(path)`` of the public API)."""
    global _make_controller
    _make_controller = make


def controller() -> Controller:
    """The registered controller, made on first need if a factory is registered."""
    if _controller is None and _make_controller is not None:
        set_controller(_make_controller())
    if _controller is None:
        raise RuntimeError("no application controller: import smartcity_desktop.ui.shell.app first")
    return _controller


def opened(window: DossierWindow) -> None:
    """A main window has its dossier open (called when it is built)."""
    if window not in open_windows():
        _open.append(weakref.ref(window))


def closed(window: DossierWindow) -> None:
    """A main window has closed (or handed its file over to a new window)."""
    _open[:] = [ref for ref in _open if ref() not in (None, window)]


def open_windows() -> list[DossierWindow]:
    """The dossier windows not yet closed, oldest first."""
    return [w for ref in _open if (w := ref()) is not None]
