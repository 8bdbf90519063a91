"""各部门进度 (issue 15): per lead unit — assigned, filled, handed out, returned, conflicts, overdue —
and the per-field history (who, unit, when, from where) that every field's context menu also opens."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.departments.status import unit_statuses
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.ui.shell.session import DossierSession

translate = QCoreApplication.translate
OVERDUE = "#b00020"
HISTORY_ROWS = 50


def local(stamp: str) -> str:
    """An ISO time stamp as the user's local wall time: 2026-11-29 20:41."""
    from smartcity_desktop.ui.shell.resume import local_time

    return local_time(stamp) if stamp else ""


def source_text(source: str) -> str:
    """DESIGN.md's source forms in words: typed, import:FILE, merge:PACKAGE, restore:ID, calculated."""
    kind, _, detail = source.partition(":")
    words = {"typed": translate("History", "手工填写"), "import": translate("History", "导入"),
             "merge": translate("History", "合并"), "restore": translate("History", "恢复版本"),
             "calculated": translate("History", "自动计算"), "attachment": translate("History", "附件", "source")}
    text = words.get(kind, kind)
    return f"{text} {detail}" if detail else text


class DepartmentsProgressDialog(QDialog):
    COLUMNS = 8

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("departmentsProgress")
        self.setWindowTitle(translate("Progress", "各部门进度"))
        self.resize(1000, 520)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("unitStatus")
        self.table.setAccessibleName(translate("Progress", "各部门进度"))
        self.table.setHorizontalHeaderLabels([
            translate("Progress", "牵头单位"), translate("Progress", "指标", "column"), translate("Progress", "项目", "column"),
            translate("Progress", "已填"), translate("Progress", "分发"), translate("Progress", "截止"),
            translate("Progress", "交回"), translate("Progress", "冲突")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setObjectName("progressSummary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.reload()

    def reload(self, today: date | None = None) -> None:
        try:
            rows = unit_statuses(self.session.pf)
        except SmartcityError as exc:
            self.summary.setText(str(exc))
            return
        self.rows = rows
        self.table.setRowCount(len(rows))
        overdue = 0
        for r, s in enumerate(rows):
            late = s.overdue(today)
            overdue += late
            due = s.due + (translate("Progress", "（已逾期）") if late else "")
            cells = [s.unit, str(s.indicators), str(s.projects), f"{s.filled}%", local(s.handed_out) or "—",
                     due or "—", local(s.returned) or (translate("Progress", "未交回") if s.handed_out else "—"), str(s.conflicts or "")]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (1, 2, 3, 7):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if (c == 5 and late) or (c == 7 and s.conflicts):
                    item.setForeground(QColor(OVERDUE))
                self.table.setItem(r, c, item)
        returned = sum(1 for s in rows if s.returned)
        conflicts = sum(s.conflicts for s in rows)
        self.summary.setText(translate(
            "Progress", "{n} 个牵头单位：{returned} 个已交回，{overdue} 个已逾期未交回，{conflicts} 项合并冲突待决定。"
                        "“已填”按本卷宗现在的内容计算（部门交回并合并后才会增加）。").format(
            n=len(rows), returned=returned, overdue=overdue, conflicts=conflicts))


class HistoryPopover(QFrame):
    """Who changed one field, in which unit, when and from where (the change log), newest first."""

    def __init__(self, session: DossierSession, key: str, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("historyPopover")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        from smartcity_desktop.model.vocabulary import describe
        from smartcity_desktop.ui.dialogs.versions import short

        title = QLabel(translate("History", "修改记录：{field}").format(field=describe(session.dossier, key)))
        title.setWordWrap(True)
        layout.addWidget(title)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("fieldHistory")
        self.table.setAccessibleName(translate("History", "修改记录", "table"))
        self.table.setHorizontalHeaderLabels([translate("History", "时间"), translate("History", "修改人"),
                                              translate("History", "单位"), translate("History", "来源"),
                                              translate("History", "新的值")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        try:
            session.save_now()
            changes = session.pf.changes(key, limit=HISTORY_ROWS)
        except SmartcityError as exc:
            changes = []
            title.setText(str(exc))
        self.table.setRowCount(len(changes))
        for r, ch in enumerate(changes):
            for c, text in enumerate((local(ch.changed_at), ch.author, ch.unit, source_text(ch.source),
                                      short(ch.new, 60))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if not changes:
            layout.addWidget(QLabel(translate("History", "这一项还没有修改记录。")))
        layout.addWidget(self.table)
        self.resize(640, 90 + 28 * min(max(len(changes), 1), 8))


def show_history(session: DossierSession, key: str, anchor: QWidget, at: QPoint | None = None) -> HistoryPopover:
    popover = HistoryPopover(session, key, anchor)
    popover.move(anchor.mapToGlobal(at if at is not None else QPoint(0, anchor.height())))
    popover.show()
    return popover


__all__ = ["DepartmentsProgressDialog", "HistoryPopover", "show_history", "source_text"]
