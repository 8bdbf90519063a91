"""A small horizontal bar chart (investment by level-1 area): people would rather look than read.

Drawn with QPainter rather than Qt Charts, although Qt Charts imports here: Qt Charts cuts category
labels to about a third of the chart's width with no wrapping ("Smart constructi…" for an English
level-1 name) and its printf-style formats cannot print thousands separators. Here the labels wrap,
every bar carries its amount as ``12,345.6`` and the frozen program needs no Qt Charts module.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from smartcity_desktop.model.investment import format_wan

BAR_COLOR = QColor("#2f6db5")
AXIS_COLOR = QColor("#b8bec7")
PAD = 6.0


@dataclass(frozen=True)
class BarGeometry:
    """Where one item is drawn: its label, its bar and its amount."""

    label: QRectF
    bar: QRectF
    value: QRectF


class BarChart(QWidget):
    """Horizontal bars for ``(label, amount)`` pairs, first item on top, under a title naming the unit."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: list[tuple[str, float]] = []
        self._title = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 160)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    @property
    def items(self) -> list[tuple[str, float]]:
        return list(self._items)

    @property
    def title(self) -> str:
        return self._title

    def set_data(self, title: str, items: list[tuple[str, float]]) -> None:
        self._title = title
        self._items = [(label, max(0.0, float(amount))) for label, amount in items]
        self.setAccessibleName(title)
        self.setAccessibleDescription("；".join(f"{label} {format_wan(a)}" for label, a in self._items))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().lineSpacing()
        return QSize(360, int(line * 2 + max(4, len(self._items)) * line * 2.4))

    # -- geometry (separate from painting so it can be checked) ------------------------------------
    def title_height(self) -> float:
        return self.fontMetrics().lineSpacing() * 1.6

    def layout_bars(self) -> list[BarGeometry]:
        """The rectangles of every item at the current size; amounts never run past the right edge."""
        if not self._items:
            return []
        fm = self.fontMetrics()
        width, height = float(self.width()), float(self.height())
        widest_label = max(fm.horizontalAdvance(label) for label, _a in self._items)
        label_w = min(width * 0.38, widest_label + PAD)
        value_w = max(fm.horizontalAdvance(format_wan(a)) for _l, a in self._items) + PAD
        top = self.title_height()
        row_h = (height - top - PAD) / len(self._items)
        span = max(1.0, width - label_w - value_w - 2 * PAD)
        peak = max(a for _l, a in self._items) or 1.0
        out = []
        for n, (_label, amount) in enumerate(self._items):
            y = top + n * row_h
            bar_h = min(row_h * 0.55, fm.lineSpacing() * 1.6)
            bar = QRectF(label_w + PAD, y + (row_h - bar_h) / 2, span * amount / peak, bar_h)
            out.append(BarGeometry(QRectF(0, y, label_w, row_h), bar,
                                   QRectF(bar.right() + PAD / 2, y, value_w, row_h)))
        return out

    # -- painting ------------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        text = self.palette().text().color()
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text)
        p.drawText(QRectF(0, 0, self.width(), self.title_height()), Qt.AlignmentFlag.AlignCenter, self._title)
        p.setFont(self.font())
        bars = self.layout_bars()
        for (label, amount), g in zip(self._items, bars):
            p.setPen(text)
            p.drawText(g.label, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                                    | Qt.TextFlag.TextWordWrap), label)
            p.fillRect(g.bar, BAR_COLOR)
            p.drawText(g.value, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), format_wan(amount))
        if bars:
            x = bars[0].bar.left()
            p.setPen(AXIS_COLOR)
            p.drawLine(int(x), int(bars[0].label.top()), int(x), int(bars[-1].label.bottom()))
        p.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            total = sum(a for _l, a in self._items)
            for (label, amount), g in zip(self._items, self.layout_bars()):
                if g.label.top() <= event.pos().y() < g.label.bottom():
                    share = f"（{100 * amount / total:.1f}%）" if total else ""
                    QToolTip.showText(event.globalPos(), f"{label}：{format_wan(amount)}{share}", self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)
