"""``Page``: what the main window needs from a page, and nothing more.

The main window keeps one page per outline entry (the shared indicator page serves all 57), builds it on
first visit and then only talks to it through this interface: no probing with ``getattr``/``hasattr``.
A page is a ``QWidget`` (it sits in the window's stack) and an abstract base class: a page that leaves
``focus_key`` unimplemented cannot be built (``ui/qt_abc.py``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from smartcity_desktop.ui.qt_abc import QtABCMeta, abstractmethod

if TYPE_CHECKING:
    from smartcity_desktop.validate import Finding


class Page(QWidget, metaclass=QtABCMeta):
    """One page of the main window. Only ``focus_key`` is required; the rest has a neutral default."""

    def enter(self, page_id: str) -> None:
        """The window is about to show this page for outline entry ``page_id``. A page that serves
        several entries (the shared indicator page: ``indicators[1.1.1]``, …) switches to it here."""

    def keys(self) -> list[str]:
        """The field keys this page shows now: undo/redo of a change elsewhere jumps to that page."""
        return []

    def show_findings(self, findings: list[Finding]) -> None:
        """The latest validation findings (after every edit, from a worker): show what concerns the page."""

    @abstractmethod
    def focus_key(self, key: str) -> bool:
        """Bring field ``key`` into view and give it keyboard focus; False if this page does not hold it.
        ``MainWindow.go_to(key)`` (the review page's "jump to the problem", outside tests) ends here."""

    def first_input(self) -> QWidget | None:
        """Where the cursor goes when the user enters the page (Back/Next, the outline); None: the page."""
        return None

    def last_input(self) -> QWidget | None:
        """The page's last Tab stop, if the page knows it (Tab goes from there to Back/Next); None: the
        window finds it by walking the focus chain (which makes PySide6 build every Qt class it meets on
        the way: ~20 ms on the first page, counted in the start-up)."""
        return None

    def reveal(self, widget: QWidget) -> None:
        """Scroll ``widget`` (one of the page's own) into view; pages that scroll override this."""

    def wait(self) -> None:
        """Finish the page's background work; the window calls it before it closes the dossier."""
