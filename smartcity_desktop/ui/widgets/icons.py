"""Status and severity icons drawn in code (no image files to ship, sharp at any HiDPI scale)."""
from __future__ import annotations

from functools import lru_cache

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter, QPixmap

EMPTY, PARTIAL, COMPLETE, ERRORS = "empty", "partial", "complete", "errors"
GREY, BLUE, GREEN, RED, AMBER = "#8a8f98", "#2f6db5", "#2e8540", "#c0392b", "#d68910"


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    from PySide6.QtGui import QPainter, QPixmap

    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pix, painter


def _draw(kind: str, size: int) -> QPixmap:
    # the painting classes are imported when the first icon is drawn (after the window's first paint):
    # naming them at the top would make PySide6 build them, with their enums, at every start
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QPainterPath, QPen

    pix, p = _canvas(size)
    s = float(size)
    r = QRectF(s * 0.1, s * 0.1, s * 0.8, s * 0.8)
    pen_w = max(1.0, s / 10)
    if kind == EMPTY:
        p.setPen(QPen(QColor(GREY), pen_w))
        p.drawEllipse(r)
    elif kind == PARTIAL:
        p.setPen(QPen(QColor(BLUE), pen_w))
        p.drawEllipse(r)
        path = QPainterPath()
        path.moveTo(r.center())
        path.arcTo(r, 90, 180)
        path.closeSubpath()
        p.fillPath(path, QColor(BLUE))
    elif kind == COMPLETE:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(GREEN))
        p.drawEllipse(r)
        p.setPen(QPen(QColor("white"), pen_w * 1.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                      Qt.PenJoinStyle.RoundJoin))
        p.drawPolyline([QPointF(s * 0.3, s * 0.52), QPointF(s * 0.45, s * 0.66), QPointF(s * 0.71, s * 0.36)])
    elif kind in (ERRORS, "error", "warning", "info"):
        color = {"warning": AMBER, "info": BLUE}.get(kind, RED)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(color))
        if kind == "warning":
            tri = QPainterPath()
            tri.moveTo(s * 0.5, s * 0.08)
            tri.lineTo(s * 0.95, s * 0.9)
            tri.lineTo(s * 0.05, s * 0.9)
            tri.closeSubpath()
            p.drawPath(tri)
        else:
            p.drawEllipse(r)
        p.setPen(QPen(QColor("white"), pen_w * 1.3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        if kind == "info":
            p.drawLine(QPointF(s * 0.5, s * 0.45), QPointF(s * 0.5, s * 0.7))
            p.drawPoint(QPointF(s * 0.5, s * 0.3))
        else:
            top = 0.3 if kind != "warning" else 0.36
            p.drawLine(QPointF(s * 0.5, s * top), QPointF(s * 0.5, s * 0.58))
            p.drawPoint(QPointF(s * 0.5, s * 0.74))
    p.end()
    return pix


@lru_cache(maxsize=None)
def status_icon(kind: str) -> QIcon:
    """An icon for a page state (empty/partial/complete/errors) or a finding severity."""
    icon = QIcon()
    for size in (16, 24, 32, 48):
        icon.addPixmap(_draw(kind, size))
    return icon
