"""分发给各部门 (issue 15): the coordinator hands each lead unit its work package.

The lead units are the ones the dossier names (indicators' and projects' ``lead_unit``, via the core's
``lead_units``/``assignment_for``); an indicator is reassigned by choosing another unit (an undoable
edit of its ``lead_unit``, so the split sees it at once). Each unit gets a due date and a route —
the program (``.scpart``) or a workbook (``.xlsx``) for a unit without it — and the packages are
written by the core's ``split_dossier`` into one folder. A covering note per unit says what to fill,
by when and how to return it; it can be copied into an e-mail or printed.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.departments import assignment_for, lead_units, split_dossier
from smartcity_desktop.departments.split import package_name
from smartcity_desktop.departments.status import HANDOUT_PREFIX
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.model import FieldError
from smartcity_desktop.ui.shell.ops import Op, Report, collect_qt_garbage
from smartcity_desktop.ui.shell.session import DossierSession

translate = QCoreApplication.translate
DEFAULT_DAYS = 14
ROUTES = ("scpart", "xlsx")
ITEM_ROLE = Qt.ItemDataRole.UserRole
ITEMS_MIME = "application/x-qabstractitemmodeldatalist"  # what a QListWidget drags


@dataclass
class UnitPlan:
    """What the coordinator decided for one unit."""

    unit: str
    indicators: tuple[str, ...]
    projects: tuple[str, ...]
    due: str
    route: str = "scpart"
    chosen: bool = True


def route_label(route: str) -> str:
    return translate("HandOut", "本程序（.scpart）") if route == "scpart" else translate("HandOut", "Excel 工作簿（.xlsx）")


def covering_note(plan: UnitPlan, session: DossierSession, applicant: str) -> str:
    """The note that goes with a package: what to fill, by when, how to return (e-mail or print)."""
    scheme = session.scheme
    lines = [translate("HandOut", "{unit}：").format(unit=plan.unit), ""]
    lines.append(translate("HandOut", "{applicant}正在准备国家智慧城市试点申报材料。请贵单位填写随附工作包“{file}”中"
                                      "由贵单位牵头的内容，并于 {due} 前交回。").format(
        applicant=applicant, file=package_name(plan.unit, plan.route), due=plan.due))
    if plan.indicators:
        lines.append("")
        lines.append(translate("HandOut", "负责的指标（{n} 项）：").format(n=len(plan.indicators)))
        for iid in plan.indicators:
            label = scheme.indicator(iid).label if scheme.has_indicator(iid) else ""
            lines.append(f"  {iid} {label}")
    if plan.projects:
        lines.append("")
        lines.append(translate("HandOut", "负责的项目（{n} 个）：").format(n=len(plan.projects)))
        for pid in plan.projects:
            lines.append("  " + str(session.value(f"projects[{pid}].name") or pid))
    lines.append("")
    if plan.route == "scpart":
        lines.append(translate(
            "HandOut", "填写方法：安装“智慧城市试点申报助手”后双击工作包打开，只有贵单位负责的内容可以修改，其余内容"
                       "仅供参考。填完后点击窗口上方的“交回…”，把工作包文件原样发回（电子邮件附件、U 盘或共享文件夹均可）。"))
    else:
        lines.append(translate(
            "HandOut", "填写方法：用 Excel 或 WPS 打开工作簿，只填写贵单位负责的指标和项目所在的行，不要改动其他行、"
                       "隐藏的列和工作表；保存后把工作簿原样发回（电子邮件附件、U 盘或共享文件夹均可）。"))
    lines.append(translate("HandOut", "详细说明见程序“帮助 › 使用说明”中的“部门填写指南”（一页）。如有疑问请与我们联系。"))
    return "\n".join(lines)


class _UnitTable(QTableWidget):
    """The units table takes indicators dragged from the unit's list: dropped on a row, they are
    reassigned to that row's unit (the same undoable edit as choosing the unit)."""

    def __init__(self, dialog: HandOutDialog):
        super().__init__(0, 5)
        self.dialog = dialog
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def _from_items(self, event: QDropEvent | QDragMoveEvent | QDragEnterEvent) -> bool:
        return event.mimeData().hasFormat(ITEMS_MIME) and bool(self.dialog.items.selectedItems())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if self._from_items(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        if self._from_items(event) and self.rowAt(event.position().toPoint().y()) >= 0:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        row = self.rowAt(event.position().toPoint().y())
        if not self._from_items(event) or row < 0:
            event.ignore()
            return
        event.acceptProposedAction()
        self.dialog.reassign([i.data(ITEM_ROLE) for i in self.dialog.items.selectedItems()],
                             self.dialog.plans[row].unit)


class HandOutDialog(QDialog):
    """Units with their indicators and projects; due date and route each; write the packages."""

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("handOutDialog")
        self.setWindowTitle(translate("HandOut", "分发给各部门"))
        self.resize(1100, 680)
        self.plans: list[UnitPlan] = []
        self.written: list[Path] = []
        self._op: Op[list[Path]] | None = None
        intro = QLabel(translate(
            "HandOut", "每个牵头单位会收到一个工作包：整份申报书供参考，只有该单位负责的指标和项目可以填写。"
                       "在右侧可以把指标改派给别的单位（选择单位，或拖到左侧的单位上）；为每个单位定好截止日期和方式（有本程序的用 .scpart，"
                       "没有的用 Excel 工作簿），然后写出到一个文件夹。"))
        intro.setWordWrap(True)
        self.table = _UnitTable(self)
        self.table.setObjectName("units")
        self.table.setAccessibleName(translate("HandOut", "牵头单位"))
        self.table.setHorizontalHeaderLabels([translate("HandOut", "牵头单位"), translate("HandOut", "指标", "column"),
                                              translate("HandOut", "项目", "column"), translate("HandOut", "截止日期"),
                                              translate("HandOut", "方式")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._show_unit(row))
        # the chosen unit: its items, reassignment, covering note
        self.items = QListWidget()
        self.items.setObjectName("unitItems")
        self.items.setAccessibleName(translate("HandOut", "该单位负责的指标和项目"))
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.items.setDragEnabled(True)  # drag onto a unit in the table to reassign
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.reassign_to = QComboBox()
        self.reassign_to.setObjectName("reassignTo")
        self.reassign_to.setEditable(True)
        self.reassign_to.setAccessibleName(translate("HandOut", "改派给"))
        self.reassign_button = QPushButton(translate("HandOut", "改派所选指标"))
        self.reassign_button.setObjectName("reassign")
        self.reassign_button.clicked.connect(self._reassign)
        self.reassign_problem = QLabel()
        self.reassign_problem.setWordWrap(True)
        self.reassign_problem.setStyleSheet("color: #b00020")
        reassign_row = QHBoxLayout()
        reassign_label = QLabel(translate("HandOut", "改派给："))
        reassign_label.setBuddy(self.reassign_to)
        reassign_row.addWidget(reassign_label)
        reassign_row.addWidget(self.reassign_to, 1)
        reassign_row.addWidget(self.reassign_button)
        self.note = QPlainTextEdit()
        self.note.setObjectName("coveringNote")
        self.note.setAccessibleName(translate("HandOut", "随工作包发出的说明"))
        self.copy_button = QPushButton(translate("HandOut", "复制说明"))
        self.copy_button.setObjectName("copyNote")
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.note.toPlainText()))
        self.print_button = QPushButton(translate("HandOut", "打印说明…"))
        self.print_button.setObjectName("printNote")
        self.print_button.clicked.connect(self._print_note)
        note_row = QHBoxLayout()
        note_row.addStretch(1)
        note_row.addWidget(self.copy_button)
        note_row.addWidget(self.print_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(translate("HandOut", "该单位负责：")))
        right_layout.addWidget(self.items, 2)
        right_layout.addLayout(reassign_row)
        right_layout.addWidget(self.reassign_problem)
        right_layout.addWidget(QLabel(translate("HandOut", "随工作包发出的说明（可修改后复制到邮件或打印）：")))
        right_layout.addWidget(self.note, 3)
        right_layout.addLayout(note_row)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([520, 560])
        # where to write
        self.folder = QLineEdit(str(session.pf.path.parent / translate("HandOut", "部门工作包")))
        self.folder.setObjectName("outFolder")
        self.folder.setAccessibleName(translate("HandOut", "写出到文件夹"))
        browse = QPushButton(translate("HandOut", "浏览…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_label = QLabel(translate("HandOut", "写出到："))
        folder_label.setBuddy(self.folder)
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.summary = QLabel()
        self.summary.setObjectName("handOutSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.hide()
        self.write_button = QPushButton(translate("HandOut", "写出工作包"))
        self.write_button.setObjectName("writePackages")
        self.write_button.clicked.connect(self.write)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.write_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(folder_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.write_button.setEnabled(not session.readonly)
        self.reload()

    # -- the units -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Units and their assignments as the dossier says now (after a reassignment too), keeping
        the due dates and routes already chosen."""
        before = {p.unit: p for p in self.plans}
        current = self.current_unit()
        values = self.session.dossier.values()
        default_due = (date.today() + timedelta(days=DEFAULT_DAYS)).isoformat()
        self.plans = []
        for unit in lead_units(values):
            a = assignment_for(unit, values)
            old = before.get(unit)
            self.plans.append(UnitPlan(unit, a.indicators, a.projects, old.due if old else default_due,
                                       old.route if old else "scpart", old.chosen if old else True))
        self.table.setRowCount(len(self.plans))
        for row, plan in enumerate(self.plans):
            unit_item = QTableWidgetItem(plan.unit)
            unit_item.setFlags(unit_item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            unit_item.setCheckState(Qt.CheckState.Checked if plan.chosen else Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, unit_item)
            for col, n in ((1, len(plan.indicators)), (2, len(plan.projects))):
                item = QTableWidgetItem(str(n))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
            due = QDateEdit(QDate.fromString(plan.due, "yyyy-MM-dd"))
            due.setObjectName(f"due:{plan.unit}")
            due.setAccessibleName(translate("HandOut", "{unit} 的截止日期").format(unit=plan.unit))
            due.setDisplayFormat("yyyy-MM-dd")
            due.setCalendarPopup(True)
            # the slots name the unit, never the widget: a slot that holds its own sender keeps the Python
            # wrapper alive into the widget's C++ destruction (a re-load replaces the cell widgets)
            due.dateChanged.connect(partial(self._due_changed, plan.unit))
            self.table.setCellWidget(row, 3, due)
            route = QComboBox()
            route.setObjectName(f"route:{plan.unit}")
            route.setAccessibleName(translate("HandOut", "{unit} 的方式").format(unit=plan.unit))
            for r in ROUTES:
                route.addItem(route_label(r), r)
            route.setCurrentIndex(ROUTES.index(plan.route))
            route.currentIndexChanged.connect(partial(self._route_changed, plan.unit))
            self.table.setCellWidget(row, 4, route)
        self.reassign_to.clear()
        self.reassign_to.addItems([p.unit for p in self.plans])
        self.reassign_to.setCurrentText("")
        if not self.plans:
            self.summary.setText(translate("HandOut", "卷宗中的指标和项目都还没有填写牵头单位：先在各指标页填写“牵头单位”。"))
        rows = [i for i, p in enumerate(self.plans) if p.unit == current]
        self.table.setCurrentCell(rows[0] if rows else 0, 0)
        self._show_unit(self.table.currentRow())

    def current_unit(self) -> str | None:
        row = self.table.currentRow()
        return self.plans[row].unit if 0 <= row < len(self.plans) else None

    def plan(self, unit: str) -> UnitPlan:
        return next(p for p in self.plans if p.unit == unit)

    def _due_changed(self, unit: str, when: QDate) -> None:
        plan = self.plan(unit)
        plan.due = when.toString("yyyy-MM-dd")
        self._refresh_note(plan)

    def _route_changed(self, unit: str, index: int) -> None:
        plan = self.plan(unit)
        plan.route = ROUTES[index] if 0 <= index < len(ROUTES) else plan.route  # items are added in ROUTES order
        self._refresh_note(plan)

    def _refresh_note(self, plan: UnitPlan) -> None:
        if plan.unit == self.current_unit():
            self.note.setPlainText(covering_note(plan, self.session, self._applicant()))

    def _applicant(self) -> str:
        return str(self.session.value("applicant.name") or "")

    def _show_unit(self, row: int) -> None:
        self.items.clear()
        if not 0 <= row < len(self.plans):
            self.note.clear()
            return
        plan = self.plans[row]
        scheme = self.session.scheme
        for iid in plan.indicators:
            label = scheme.indicator(iid).label if scheme.has_indicator(iid) else ""
            item = QListWidgetItem(translate("HandOut", "指标 {id} {label}").format(id=iid, label=label))
            item.setData(ITEM_ROLE, f"indicators[{iid}].lead_unit")
            self.items.addItem(item)
        for pid in plan.projects:
            item = QListWidgetItem(translate("HandOut", "项目 {name}").format(
                name=self.session.value(f"projects[{pid}].name") or pid))
            item.setData(ITEM_ROLE, f"projects[{pid}].lead_unit")
            self.items.addItem(item)
        self.note.setPlainText(covering_note(plan, self.session, self._applicant()))

    def _reassign(self) -> None:
        self.reassign([i.data(ITEM_ROLE) for i in self.items.selectedItems()], self.reassign_to.currentText())

    def reassign(self, keys: list[str], target: str) -> bool:
        """Give ``keys`` (``…lead_unit`` of indicators/projects) to ``target``: one undoable edit."""
        target = target.strip()
        self.reassign_problem.clear()
        if not keys:
            self.reassign_problem.setText(translate("HandOut", "先在上面的列表中选择要改派的指标或项目。"))
            return False
        if not target:
            self.reassign_problem.setText(translate("HandOut", "请选择或输入接手的牵头单位。"))
            return False
        try:
            self.session.set_values({k: target for k in keys}, translate("HandOut", "改派给 {unit}").format(unit=target))
        except FieldError as exc:
            self.reassign_problem.setText(exc.problem)
            return False
        self.reload()
        return True

    # -- writing -------------------------------------------------------------------------------------
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("HandOut", "选择写出工作包的文件夹"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def chosen_plans(self) -> list[UnitPlan]:
        for row, plan in enumerate(self.plans):
            item = self.table.item(row, 0)
            plan.chosen = item is not None and item.checkState() == Qt.CheckState.Checked
        return [p for p in self.plans if p.chosen]

    def write(self) -> None:
        plans = self.chosen_plans()
        if not plans:
            self.summary.setText(translate("HandOut", "没有选择任何单位。"))
            return
        if not self.session.save_now():
            self.summary.setText(self.session.last_error or "")
            return
        pf, out = self.session.pf, Path(self.folder.text().strip())
        jobs = [(p.unit, p.route, p.due) for p in plans]
        self._jobs = jobs

        def work(report: Report) -> list[Path]:
            written: list[Path] = []
            for n, (unit, route, due) in enumerate(jobs):
                report(round(100 * n / len(jobs)), unit)
                written += split_dossier(pf, out, units=[unit], fmt=route, due=due)
            return written

        self.progress.setValue(0)
        self.progress.show()
        collect_qt_garbage()
        self._op = Op(self, work, name="hand out").progress(lambda pct, _m: self.progress.setValue(pct)).success(
            self._written).failure(lambda message, _exc: self._failed(message)).busy(self.write_button, self.buttons)
        self._op.run_in_background()

    def _done(self) -> None:
        self._op = None
        self.progress.hide()

    def _written(self, paths: list[Path]) -> None:
        self._done()
        self.written = paths
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        try:  # the 各部门进度 dashboard reads the due dates from here
            self.session.pf.set_department_state({
                HANDOUT_PREFIX + unit: {"due": due, "route": route, "file": path.name, "at": stamp}
                for (unit, route, due), path in zip(self._jobs, paths, strict=False)})
        except SmartcityError as exc:
            self.summary.setText(str(exc))
            return
        self.summary.setText(translate("HandOut", "已写出 {n} 个工作包到 {folder}。把每个文件连同它的说明发给对应的单位。").format(
            n=len(paths), folder=Path(self.folder.text()).resolve()))

    def _failed(self, message: str) -> None:
        self._done()
        self.summary.setText(message)

    @property
    def busy(self) -> bool:
        return self._op is not None

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def _print_note(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            doc = QTextDocument()
            doc.setPlainText(self.note.toPlainText())
            doc.print_(printer)


__all__ = ["HandOutDialog", "UnitPlan", "covering_note"]
