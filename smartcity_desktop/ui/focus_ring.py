"""A focus ring that is always visible: Fusion marks a focused push button or combo box so faintly
that a keyboard user cannot tell where Tab went. One ``QFocusFrame`` follows the focus widget and
is painted by a proxy of the Fusion style as a 2-px accent outline (no style sheet: see style.py)."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFocusFrame,
    QMenu,
    QMenuBar,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

RING_WIDTH = 2
RING_MARGIN = 3  # px outside the widget


class FocusRingStyle(QProxyStyle):
    """Fusion, plus the focus frame's look (Fusion itself draws none)."""

    def __init__(self, colour: str, base: str = "Fusion"):
        super().__init__(base)
        self.colour = QColor(colour)

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption,  # noqa: N802 - Qt's name
                    painter: QPainter, widget: QWidget | None = None) -> None:
        if element == QStyle.ControlElement.CE_FocusFrame:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.colour, RING_WIDTH))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = RING_WIDTH / 2
            painter.drawRoundedRect(QRectF(option.rect).adjusted(half, half, -half, -half), 4, 4)
            painter.restore()
            return
        super().drawControl(element, option, painter, widget)

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,  # noqa: N802
                    widget: QWidget | None = None) -> int:
        if metric in (QStyle.PixelMetric.PM_FocusFrameHMargin, QStyle.PixelMetric.PM_FocusFrameVMargin):
            return RING_MARGIN
        return super().pixelMetric(metric, option, widget)


class FocusRing:
    """Moves one focus frame to whichever widget has keyboard focus (in any window)."""

    def __init__(self, app: QApplication):
        self.frame: QFocusFrame | None = None
        app.focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new.isWindow() or isinstance(new, (QMenu, QMenuBar)):
            target = None
        else:
            target = new
        if self.frame is None or not shiboken6.isValid(self.frame):
            if target is None:
                return
            self.frame = QFocusFrame(target)  # it lives beside the widget, in the widget's parent
        self.frame.setWidget(target)  # type: ignore[arg-type]  # None detaches the frame
        if target is None:
            self.frame.hide()


def install_focus_ring(app: QApplication, colour: str) -> FocusRing:
    app.setStyle(FocusRingStyle(colour))
    ring = getattr(app, "_smartcity_focus_ring", None)
    if isinstance(ring, FocusRing):
        return ring
    ring = FocusRing(app)
    setattr(app, "_smartcity_focus_ring", ring)  # kept alive as long as the application
    return ring
