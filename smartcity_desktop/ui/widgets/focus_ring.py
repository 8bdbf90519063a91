"""A focus ring that is always visible: Fusion marks a focused push button or combo box so faintly
that a keyboard user cannot tell where Tab went. One small overlay widget follows the focus widget
and paints a 2-px accent outline around it.

Not a QProxyStyle in Python (measured: every pixelMetric/drawControl call then crosses into Python,
~4 ms more per page switch) and not a style sheet (see style.py): the overlay costs something only
when the focus moves or the focused widget moves or resizes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6 import QtCore, QtGui  # the painting classes are read where the ring is painted: not built at start-up
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMenu, QMenuBar, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

RING_WIDTH = 2
RING_MARGIN = 3  # px outside the widget (inputs keep this much room: fields.FOCUS_ROOM)


class FocusRingFrame(QWidget):
    """Paints the ring; lives beside the focused widget, in its parent, above it."""

    def __init__(self, colour: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("focusRing")
        self.colour = QColor(colour)
        self.target: QWidget | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def follow(self, target: QWidget | None) -> None:
        old = self.target
        if old is not None and shiboken6.isValid(old):
            old.removeEventFilter(self)
        self.target = target
        parent = target.parentWidget() if target is not None else None
        if target is None or parent is None:
            self.hide()
            return
        if self.parentWidget() is not parent:
            self.setParent(parent)
        target.installEventFilter(self)
        self._place()

    def _place(self) -> None:
        target = self.target
        if target is None or not shiboken6.isValid(target):
            self.hide()
            return
        m = RING_MARGIN
        self.setGeometry(target.geometry().adjusted(-m, -m, m, m))
        self.raise_()
        self.setVisible(target.isVisible())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.target and event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                                                        QEvent.Type.Hide):
            self._place()
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setPen(QtGui.QPen(self.colour, RING_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = RING_WIDTH / 2
        painter.drawRoundedRect(QtCore.QRectF(self.rect()).adjusted(half, half, -half, -half), 4, 4)
        painter.end()


class FocusRing:
    """Moves one ring to whichever widget has keyboard focus (in any window)."""

    def __init__(self, app: QApplication, colour: str):
        self.colour = colour
        self.frame: FocusRingFrame | None = None
        app.focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = new
        if new is None or new.isWindow() or isinstance(new, (QMenu, QMenuBar)):
            target = None
        elif isinstance(new.parentWidget(), QAbstractScrollArea):  # a scroll area's viewport: ring the area
            target = new.parentWidget()
        if self.frame is None or not shiboken6.isValid(self.frame):
            if target is None:
                return
            self.frame = FocusRingFrame(self.colour)
        self.frame.follow(target)

    @property
    def widget(self) -> QWidget | None:
        """The widget the ring is drawn around (None when hidden)."""
        frame = self.frame
        if frame is None or not shiboken6.isValid(frame) or not frame.isVisible():
            return None
        return frame.target


def install_focus_ring(app: QApplication, colour: str) -> FocusRing:
    ring = getattr(app, "_smartcity_focus_ring", None)
    if isinstance(ring, FocusRing):
        return ring
    ring = FocusRing(app, colour)
    app._smartcity_focus_ring = ring  # type: ignore[attr-defined]  # kept alive as long as the application
    return ring
