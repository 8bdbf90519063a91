"""The analysis page: readiness by level-2 area as stacked bars, the findings a reviewer would
catch (jump to the field, dismiss with a reason kept in the dossier), and the indicator × project ×
money table. Labelled as the program's own measure, never as an official score.

The analysis runs on a snapshot of the dossier in the background (``ops.Latest``, as validation
does): typing never waits for it, and the page shows the last result until the new one arrives.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.analysis import (
    Analysis,
    AnalysisFinding,
    Readiness,
    analyze,
    dismissal_key,
    kind_label,
    note,
)
from smartcity_desktop.model import Dossier, choice_label
from smartcity_desktop.model.investment import format_wan
from smartcity_desktop.model.keys import indicator_key
from smartcity_desktop.ui.pages.base import Page
from smartcity_desktop.ui.widgets.icons import status_icon
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.ui.shell.style import set_role
from smartcity_desktop.ui.shell.ops import Latest
from smartcity_desktop.validate import INFO, WARNING

translate = QCoreApplication.translate
KEY_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# ready, partial, none, not answered: green, amber, red, grey (the outline's status colours)
SEGMENT_COLOURS = (QColor("#3a8f5c"), QColor("#e0a526"), QColor("#c8453b"), QColor("#b8bec7"))
PAD = 6.0
DELAY_MS = 400


def segment_labels() -> tuple[str, str, str, str]:
    return (choice_label("readiness", "ready"), choice_label("readiness", "partial"),
            choice_label("readiness", "none"), translate("Analysis", "未填"))


class ReadinessChart(QWidget):
    """One stacked horizontal bar per level-2 area: ready / partial / none / not answered."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[Readiness] = []
        self.setObjectName("readinessChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(200)

    @property
    def rows(self) -> list[Readiness]:
        return list(self._rows)

    def set_rows(self, rows: list[Readiness]) -> None:
        self._rows = list(rows)
        labels = segment_labels()
        self.setAccessibleName(translate("Analysis", "各二级指标的基础条件"))
        self.setAccessibleDescription("；".join(
            f"{r.id} {r.name}: " + "，".join(f"{labels[i]} {n}" for i, n in enumerate(self._counts(r)))
            for r in self._rows))
        self.updateGeometry()
        self.update()

    @staticmethod
    def _counts(r: Readiness) -> tuple[int, int, int, int]:
        return (r.ready, r.partial, r.none, r.unset)

    def _line(self) -> float:
        return float(self.fontMetrics().lineSpacing())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(520, int(self._line() * (2.6 + 1.7 * max(4, len(self._rows)))))

    def legend_height(self) -> float:
        return self._line() * 1.8

    def layout_rows(self) -> list[tuple[QRectF, list[QRectF]]]:
        """(label rectangle, segment rectangles) of every row at the current size."""
        if not self._rows:
            return []
        fm = self.fontMetrics()
        width = float(self.width())
        label_w = min(width * 0.4, max(fm.horizontalAdvance(f"{r.id} {r.name}") for r in self._rows) + 3 * PAD)
        top = self.legend_height()
        row_h = (self.height() - top - PAD) / len(self._rows)
        span = max(1.0, width - label_w - 3 * PAD)
        peak = max(max(sum(self._counts(r)) for r in self._rows), 1)
        out = []
        for n, r in enumerate(self._rows):
            y = top + n * row_h
            bar_h = min(row_h * 0.7, self._line() * 1.3)
            x = label_w + PAD
            segments = []
            for count in self._counts(r):
                w = span * count / peak
                segments.append(QRectF(x, y + (row_h - bar_h) / 2, w, bar_h))
                x += w
            out.append((QRectF(0, y, label_w, row_h), segments))
        return out

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        text = self.palette().text().color()
        fm = self.fontMetrics()
        # Legend
        x, line = PAD, self._line()
        for colour, label in zip(SEGMENT_COLOURS, segment_labels()):
            p.fillRect(QRectF(x, line * 0.45, line * 0.9, line * 0.9), colour)
            x += line * 1.2
            p.setPen(text)
            p.drawText(QRectF(x, 0, fm.horizontalAdvance(label) + PAD, line * 1.8),
                       int(Qt.AlignmentFlag.AlignVCenter), label)
            x += fm.horizontalAdvance(label) + line
        small = QFont(self.font())
        for r, (label_rect, segments) in zip(self._rows, self.layout_rows()):
            p.setPen(text)
            p.setFont(self.font())
            p.drawText(label_rect.adjusted(0, 0, -PAD, 0), int(Qt.AlignmentFlag.AlignRight
                                                              | Qt.AlignmentFlag.AlignVCenter), f"{r.id} {r.name}")
            p.setFont(small)
            for colour, rect, count in zip(SEGMENT_COLOURS, segments, self._counts(r)):
                if count == 0:
                    continue
                p.fillRect(rect, colour)
                if rect.width() >= fm.horizontalAdvance(str(count)) + 4:
                    p.setPen(QColor("white") if colour != SEGMENT_COLOURS[3] else text)
                    p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), str(count))
            if r.not_applicable:
                end = segments[-1].right() + PAD
                p.setPen(QColor("#6b7480"))
                p.drawText(QRectF(end, label_rect.top(), self.width() - end, label_rect.height()),
                           int(Qt.AlignmentFlag.AlignVCenter),
                           translate("Analysis", "不适用 {n}").format(n=r.not_applicable))
        p.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            labels = segment_labels()
            for r, (label_rect, _segments) in zip(self._rows, self.layout_rows()):
                if label_rect.top() <= event.pos().y() < label_rect.bottom():
                    parts = "\n".join(f"{labels[i]}：{n}" for i, n in enumerate(self._counts(r)))
                    QToolTip.showText(event.globalPos(), f"{r.id} {r.name}\n{parts}", self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)


class AnalysisPage(Page):
    def __init__(self, session: DossierSession, go_to: Callable[[str], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._go_to = go_to
        self.result: Analysis | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        title = QLabel(translate("Analysis", "分析：基础条件、项目支撑与前后一致性"))
        set_role(title, "pageTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.note = QLabel(note())
        set_role(self.note, "provenanceSummary")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.summary = QLabel(translate("Analysis", "正在分析…"))
        self.summary.setObjectName("analysisSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.chart = ReadinessChart()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("analysisTabs")
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self.tabs.addTab(self._build_findings(), translate("Analysis", "提示", "findings"))
        self.tabs.addTab(self._build_coverage(), translate("Analysis", "指标 × 项目 × 资金"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        # the newest state wins; nothing is shown after a failed run (it is in the log)
        self.worker: Latest[Dossier, Analysis] = Latest(self, lambda: session.dossier.snapshot(), analyze,
                                                        self.show_result, name="analysis")
        self._stale = True
        session.valuesChanged.connect(self._schedule)
        session.reset.connect(self._schedule)

    def _build_findings(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 8, 0, 0)
        hint = QLabel(translate("Analysis", "双击或按回车转到相关内容。提示只是建议：核实后若无需修改，可写明理由将其忽略，理由保存在卷宗中。"))
        set_role(hint, "hint")
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.tree = QTreeWidget()
        self.tree.setObjectName("analysisFindings")
        self.tree.setAccessibleName(translate("Analysis", "分析提示"))
        self.tree.setHeaderLabels([translate("Analysis", "提示", "findings"), translate("Analysis", "类别")])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        self.tree.currentItemChanged.connect(self._selection_changed)
        v.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.reason = QLineEdit()
        self.reason.setAccessibleName(translate("Analysis", "忽略理由"))
        self.reason.setPlaceholderText(translate("Analysis", "忽略的理由（必填），如：文中为2010年普查数"))
        self.reason.textChanged.connect(self._update_buttons)
        self.reason.returnPressed.connect(self.dismiss_current)
        self.dismiss_button = QPushButton(translate("Analysis", "忽略此提示"))
        self.dismiss_button.setObjectName("dismissFinding")
        self.restore_button = QPushButton(translate("Analysis", "恢复提示"))
        self.restore_button.setObjectName("restoreFinding")
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.restore_button.clicked.connect(self.restore_current)
        row.addWidget(self.reason, 1)
        row.addWidget(self.dismiss_button)
        row.addWidget(self.restore_button)
        v.addLayout(row)
        self._update_buttons()
        return box

    def _build_coverage(self) -> QWidget:
        self.coverage = QTableWidget(0, 4)
        self.coverage.setObjectName("analysisCoverage")
        self.coverage.setAccessibleName(translate("Analysis", "指标、支撑项目和资金"))
        self.coverage.setHorizontalHeaderLabels([translate("Analysis", "指标"), translate("Analysis", "基础条件"),
                                                 translate("Analysis", "支撑项目（分摊金额，万元）"),
                                                 translate("Analysis", "资金（万元）")])
        self.coverage.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.coverage.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.coverage.setWordWrap(False)  # one line per indicator; the full project list is the tooltip
        header = self.coverage.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.coverage.verticalHeader().setVisible(False)
        self.coverage.cellActivated.connect(self._coverage_activated)
        self.coverage.cellDoubleClicked.connect(self._coverage_activated)
        return self.coverage

    # -- running -----------------------------------------------------------------------------------
    def _schedule(self, *_args: object) -> None:
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Start an analysis of the current state in the worker thread."""
        self._stale = False
        self.worker.run_now()

    def show_result(self, result: Analysis) -> None:
        self.result = result
        self.chart.set_rows(result.readiness)
        applicable = [c for c in result.coverage if c.applicable]
        funded = sum(1 for c in applicable if c.funded)
        ready = sum(r.ready for r in result.readiness)
        summary = translate("Analysis", "适用指标 {n} 项，其中基础较好 {ready} 项；有项目和资金支撑 {funded} 项。").format(
            n=len(applicable), ready=ready, funded=funded)
        if result.findings:
            summary += translate("Analysis", "发现 {n} 条提示。").format(n=len(result.findings))
        else:
            summary += translate("Analysis", "没有发现不一致之处。")
        self.summary.setText(summary)
        self._fill_findings(result)
        self._fill_coverage(result)

    def _fill_findings(self, result: Analysis) -> None:
        selected = self.current_id()
        self.tree.clear()
        chosen = None
        for f in result.findings:
            item = self._finding_item(self.tree, f)
            chosen = item if f.id == selected else chosen
        if not result.findings:
            QTreeWidgetItem(self.tree, [translate("Analysis", "没有发现不一致之处。"), ""])
        if result.dismissed:
            group = QTreeWidgetItem(self.tree, [translate("Analysis", "已忽略（{n}）").format(n=len(result.dismissed)), ""])
            for f in result.dismissed:
                item = self._finding_item(group, f)
                item.setText(1, translate("Analysis", "已忽略"))
                item.setForeground(0, QColor("#6b7480"))
                chosen = item if f.id == selected else chosen
            group.setExpanded(chosen is not None and chosen.parent() is group)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._selection_changed()

    def _finding_item(self, parent: QTreeWidget | QTreeWidgetItem, f: AnalysisFinding) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [f.message, kind_label(f.kind)])
        if not f.dismissed:  # advice, never an error: weight 3 (matters most) amber, else blue
            item.setIcon(0, status_icon(WARNING if f.weight >= 3 else INFO))
        item.setData(0, KEY_ROLE, f.key)
        item.setData(0, ID_ROLE, f.id)
        tip = f"{f.message}\n{f.key}"
        if f.dismissed_reason:
            tip += "\n" + translate("Analysis", "忽略理由：{reason}").format(reason=f.dismissed_reason)
        item.setToolTip(0, tip)
        return item

    def _fill_coverage(self, result: Analysis) -> None:
        rows = [c for c in result.coverage if c.applicable]
        self.coverage.setRowCount(len(rows))
        for n, c in enumerate(rows):
            projects = "；".join(f"{link.project_name}（{format_wan(link.amount_wan)}）" for link in c.links)
            if not c.links:
                projects = translate("Analysis", "（无）")
            cells = (f"{c.id} {c.name}", choice_label("readiness", c.readiness) if c.readiness else
                     translate("Analysis", "未填"), projects, format_wan(c.amount_wan))
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                cell.setData(KEY_ROLE, indicator_key(c.id, "projects"))
                if col == 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.coverage.setItem(n, col, cell)

    # -- acting on findings ------------------------------------------------------------------------
    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def _current_finding(self) -> AnalysisFinding | None:
        fid = self.current_id()
        if self.result is None or fid is None:
            return None
        return next((f for f in self.result.findings + self.result.dismissed if f.id == fid), None)

    def _selection_changed(self, *_args: object) -> None:
        f = self._current_finding()
        # The reason box edits analysis.dismissed[<id>].reason: its objectName is that field key.
        self.reason.setObjectName(dismissal_key(f.id) if f is not None else "")
        self.reason.blockSignals(True)
        self.reason.setText((f.dismissed_reason or "") if f is not None else "")
        self.reason.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        f = self._current_finding()
        writable = not self.session.readonly
        self.reason.setEnabled(writable and f is not None)
        self.dismiss_button.setEnabled(writable and f is not None and bool(self.reason.text().strip()))
        self.restore_button.setEnabled(writable and f is not None and f.dismissed)

    def dismiss_current(self) -> None:
        f = self._current_finding()
        reason = self.reason.text().strip()
        if f is None or not reason or self.session.readonly:
            return
        self.session.set_value(dismissal_key(f.id), reason, text=translate("Analysis", "忽略分析提示"))
        self.refresh()

    def restore_current(self) -> None:
        f = self._current_finding()
        if f is None or not f.dismissed or self.session.readonly:
            return
        self.session.set_value(dismissal_key(f.id), None, text=translate("Analysis", "恢复分析提示"))
        self.refresh()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, KEY_ROLE)
        if key:
            self._go_to(key)
        else:
            item.setExpanded(not item.isExpanded())

    def _coverage_activated(self, row: int, column: int) -> None:
        cell = self.coverage.item(row, column)
        if cell is not None and cell.data(KEY_ROLE):
            self._go_to(cell.data(KEY_ROLE))

    def focus_key(self, key: str) -> bool:
        """``go_to`` of a dismissal key: select its finding and put the cursor in the reason box."""
        self.tabs.setCurrentIndex(0)
        items = self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        for item in items:
            fid = item.data(0, ID_ROLE)
            if fid and dismissal_key(fid) == key:
                parent = item.parent()
                if parent is not None:
                    parent.setExpanded(True)
                self.tree.setCurrentItem(item)
                self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def wait(self, timeout: float = 5.0) -> None:
        """Tests and closing: let a running analysis finish."""
        self.worker.wait(timeout)
