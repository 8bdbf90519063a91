"""Run something right after a window's first paint: work the first sight of a window does not need
waits for it (the main window's first validation, the cyclic garbage collector at start-up)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Runs ``then`` once, right after ``window``'s first paint. Validation and the outline's status
    (~50–100 ms with a dossier's first validation) wait for it, so the window shows that much sooner: a
    zero-timer set while the window is built fires *before* that paint. (It holds no reference to the
    window but as its Qt parent, so a closed window is not kept alive by it.)"""

    def __init__(self, window: QWidget, then: Callable[[], object]):
        super().__init__(window)
        self._then: Callable[[], object] | None = then
        window.installEventFilter(self)

    def cancel(self) -> bool:
        """Stop watching; True if ``then`` had not run yet."""
        if self._then is None:
            return False
        self._then = None
        window = self.parent()
        if window is not None:
            window.removeEventFilter(self)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        then = self._then
        if then is not None and event.type() == QEvent.Type.Paint and watched is self.parent() and self.cancel():
            QTimer.singleShot(0, watched, then)  # the rest of the window is painted before this fires
        return False
