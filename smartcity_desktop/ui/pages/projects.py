"""The projects & financing page: an editable table of projects with live investment totals.

Every change (cell edit, add, delete, move, paste) is one undoable step through the session; the
totals and the chart are recomputed from the dossier by ``model.investment`` — the same functions
the exports use — whenever a project key changes.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.model import FUNDING_SOURCES, FieldError, FieldSpec, choice_label
from smartcity_desktop.model import investment as inv
from smartcity_desktop.model.keys import item_of_key, name_of_key, key_section
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.ui.pages.base import Page
from smartcity_desktop.ui.widgets.charts import BarChart
from smartcity_desktop.ui.pages.grid import EDITOR_STYLE, SheetDelegate, SheetView, text_line_height
from smartcity_desktop.ui.widgets.project_detail import ProjectDetailPane
from smartcity_desktop.ui.models.sheet_models import (
    FUNDING_COLUMNS,
    ORDER,
    SUM,
    AnyIndex,
    ProjectTableModel,
    plan_column,
)
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.ui.shell.style import set_role
from smartcity_desktop.validate.findings import MISSING

ID_ROLE = Qt.ItemDataRole.UserRole + 2


class IndicatorPicker(QTreeWidget):
    """Checkable tree of the scheme's indicators grouped by level-1 and level-2 (checking a group
    checks all its indicators). Used as the cell editor of a project's 对应指标."""

    def __init__(self, scheme: Scheme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self._leaves: list[QTreeWidgetItem] = []
        group_flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate
        leaf_flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
        for l1 in scheme.level1:
            top = QTreeWidgetItem(self, [f"{l1.id}  {l1.label}"])
            top.setFlags(group_flags)
            top.setCheckState(0, Qt.CheckState.Unchecked)
            bold = QFont(top.font(0))
            bold.setBold(True)
            top.setFont(0, bold)
            for l2 in l1.children:
                mid = QTreeWidgetItem(top, [f"{l2.id}  {l2.label}"])
                mid.setFlags(group_flags)
                mid.setCheckState(0, Qt.CheckState.Unchecked)
                for ind in l2.indicators:
                    leaf = QTreeWidgetItem(mid, [f"{ind.id}  {ind.label}"])
                    leaf.setFlags(leaf_flags)
                    leaf.setData(0, ID_ROLE, ind.id)
                    leaf.setCheckState(0, Qt.CheckState.Unchecked)
                    self._leaves.append(leaf)
        self.expandAll()

    def set_ids(self, ids: list[str]) -> None:
        chosen = set(ids)
        first = None
        for leaf in self._leaves:
            on = leaf.data(0, ID_ROLE) in chosen
            leaf.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            if on and first is None:
                first = leaf
        if first is not None:
            self.setCurrentItem(first)
            self.scrollToItem(first, QAbstractItemView.ScrollHint.PositionAtCenter)
        elif self._leaves:
            self.setCurrentItem(self._leaves[0])

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)  # placed after set_ids: centre the first checked indicator now
        current = self.currentItem()
        if current is not None:
            self.scrollToItem(current, QAbstractItemView.ScrollHint.PositionAtCenter)

    def ids(self) -> list[str]:
        """Checked indicator ids in scheme order."""
        return [str(leaf.data(0, ID_ROLE)) for leaf in self._leaves if leaf.checkState(0) == Qt.CheckState.Checked]


class ProjectDelegate(SheetDelegate):
    """The sheet editors plus the indicator picker for a project's 对应指标."""

    def __init__(self, scheme: Scheme, parent: QWidget | None = None):
        super().__init__(parent)
        self.scheme = scheme

    def make_editor(self, parent: QWidget, spec: FieldSpec | None, index: AnyIndex) -> QWidget:
        if spec is not None and spec.kind == "ids":
            picker = IndicatorPicker(self.scheme, parent)
            picker.setStyleSheet("QTreeWidget { " + EDITOR_STYLE + " }")
            picker.setToolTip(self.tr("勾选本项目支撑的指标；Enter 或 Tab 确认，Esc 取消"))
            return picker
        return super().make_editor(parent, spec, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, IndicatorPicker):
            editor.set_ids(list(index.data(Qt.ItemDataRole.EditRole) or []))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, IndicatorPicker):
            model.setData(index, editor.ids(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: AnyIndex) -> None:
        if isinstance(editor, IndicatorPicker):
            self.place(editor, option.rect, max(option.rect.width(), 420), 420)
        else:
            super().updateEditorGeometry(editor, option, index)


class SummaryTable(QTableWidget):
    """A read-only little table: label, amount (万元), share; the last row is the bold total."""

    MIN_ROWS = 5

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 3, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        self.verticalHeader().setDefaultSectionSize(text_line_height(self.font()) + 6)

    def fill(self, headers: list[str], rows: list[tuple[str, float]], total_label: str, total: float,
             base: float | None = None, tooltips: dict[int, str] | None = None) -> None:
        """``base`` is what shares are a percentage of (the total by default)."""
        self.setHorizontalHeaderLabels(headers)
        base = total if base is None else base
        self.setRowCount(len(rows) + 1)
        bold = QFont(self.font())
        bold.setBold(True)
        for n, (label, amount) in enumerate([*rows, (total_label, total)]):
            share = f"{100.0 * amount / base:.1f}%" if base else "—"
            cells = (QTableWidgetItem(label), QTableWidgetItem(inv.format_wan(amount)), QTableWidgetItem(share))
            for c, item in enumerate(cells):
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if n == len(rows):
                    item.setFont(bold)
                if tooltips and n in tooltips:
                    item.setToolTip(tooltips[n])
                self.setItem(n, c, item)
        self.setMinimumHeight(self.sizeHint().height())  # never a scroll bar for a handful of rows
        self.setMinimumWidth(self.content_width())  # nor a cut-off label in a narrow window

    def content_width(self) -> int:
        """The width that shows every header and cell whole."""
        bold_fm = QFontMetrics(self.font())
        if self.rowCount():
            bold = QFont(self.font())
            bold.setBold(True)
            bold_fm = QFontMetrics(bold)
        width = 2 * self.frameWidth() + 4
        for c in range(self.columnCount()):
            header = self.horizontalHeaderItem(c)
            texts = [header.text() if header else ""] + [self.cell_text(r, c) for r in range(self.rowCount())]
            width += max(bold_fm.horizontalAdvance(t) for t in texts) + 10
        return width

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Tall enough for a typical summary (six rows) so the page opens without inner scrolling."""
        hint = super().sizeHint()
        rows = max(self.rowCount(), self.MIN_ROWS)
        hint.setHeight(self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader().defaultSectionSize()
                       + 2 * self.frameWidth() + 2)
        return hint

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item else ""


class ProjectsPage(Page):
    """Projects & financing: the project table, add/delete/move, totals by area/year/source, a chart."""

    message = Signal(str)  # the last refusal message, for the window's status bar

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = ProjectTableModel(session, self)
        self.view = SheetView(self)
        self.view.setObjectName("projects")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ProjectDelegate(session.scheme, self.view))
        self.detail = ProjectDetailPane(session, self)
        self.detail.setObjectName("projectDetailPane")
        self._build_actions()
        self._build_totals()
        self._build_layout()
        self.setFocusProxy(self.view)  # the window's setFocus() on the page lands in the table
        self.model.editFailed.connect(self.show_problem)
        self.model.edited.connect(lambda: self.show_problem(""))
        self.model.modelReset.connect(self._update_actions)
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._update_actions())
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._show_current())
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._size_columns)  # year columns come and go
        self.model.modelReset.connect(self._restore_current)
        self._kept: tuple[str, str] | None = None
        session.valuesChanged.connect(self._values_changed)
        session.reset.connect(self.refresh_totals)
        self.retranslate()
        self.refresh_totals()
        self._update_actions()

    # -- building --------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(slot: Any, key: QKeySequence | str) -> QAction:
            act = QAction(self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.view.addAction(act)
            return act

        self.add_action = action(lambda: self.add_project(), QKeySequence(Qt.Key.Key_Insert))
        self.delete_action = action(lambda: self.delete_selected(), QKeySequence("Ctrl+Delete"))
        self.up_action = action(lambda: self.move_current(-1), QKeySequence("Alt+Up"))
        self.down_action = action(lambda: self.move_current(1), QKeySequence("Alt+Down"))
        self.buttons = []
        for act in (self.add_action, self.delete_action, self.up_action, self.down_action):
            button = QToolButton(self)
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons.append(button)

    def _build_totals(self) -> None:
        self.area_note = QLabel(self)
        self.year_note = QLabel(self)
        for note in (self.area_note, self.year_note):
            note.setWordWrap(True)
            note.setStyleSheet("color: #5f6670;")
        self.source_note = QLabel(self)
        self.source_note.setWordWrap(True)
        self.area_box, self.area_table = self._summary_box(self.area_note)
        self.year_box, self.year_table = self._summary_box(self.year_note)
        self.source_box, self.source_table = self._summary_box(self.source_note)
        self.chart = BarChart(self)

    def _summary_box(self, note: QLabel | None = None) -> tuple[QGroupBox, SummaryTable]:
        """A titled box holding a totals table (and a note under it)."""
        box = QGroupBox(self)
        table = SummaryTable(box)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(table, 1)
        if note is not None:
            layout.addWidget(note)
        return box, table

    def _build_layout(self) -> None:
        self.title = QLabel(self)
        set_role(self.title, "pageTitle")
        self.summary = QLabel(self)
        self.summary.setObjectName("projectsSummary")
        self.problem = QLabel(self)
        self.problem.setObjectName("projectsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a12a1d;")
        self.problem.setVisible(False)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6670;")
        bar = QHBoxLayout()
        for button in self.buttons:
            bar.addWidget(button)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)

        totals = QWidget(self)
        row = QHBoxLayout(totals)
        row.setContentsMargins(0, 0, 0, 0)
        # The three summaries share one tabbed place (their captions whole in any language at
        # 1280×820), the chart of the declared plan by year beside them.
        self.totals_tabs = QTabWidget(self)
        self.totals_tabs.setObjectName("projectTotals")
        for box in (self.area_box, self.year_box, self.source_box):
            self.totals_tabs.addTab(box, "")
        self.totals_tabs.setCurrentWidget(self.year_box)
        self.totals_tabs.setUsesScrollButtons(False)  # every caption whole, never behind arrows
        row.addWidget(self.totals_tabs, 2)
        row.addWidget(self.chart, 1)
        self.chart.setMinimumWidth(180)
        # In a narrow window the totals scroll sideways rather than squeeze labels or widen the window.
        self.totals_area = QScrollArea(self)
        self.totals_area.setWidget(totals)
        self.totals_area.setWidgetResizable(True)
        self.totals_area.setFrameShape(QFrame.Shape.NoFrame)
        self.totals_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The table and, beside it, the selected project whole (content, financing facts, annual plan).
        self.columns = QSplitter(Qt.Orientation.Horizontal, self)
        self.columns.addWidget(self.view)
        self.columns.addWidget(self.detail)
        self.columns.setStretchFactor(0, 1)
        self.columns.setStretchFactor(1, 0)
        self.columns.setChildrenCollapsible(False)
        self.detail.setMinimumWidth(300)
        self.columns.setSizes([620, 330])
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.columns)
        self.splitter.addWidget(self.totals_area)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.splitter, 1)

    def _size_columns(self) -> None:
        fm = self.view.fontMetrics()
        em = fm.horizontalAdvance("国")
        lines = text_line_height(self.view.font())
        self.view.verticalHeader().setDefaultSectionSize(lines * 2 + 12)
        c = self.model.column
        money = fm.horizontalAdvance("00,000.00") + 14  # widened to the header text by set_column_widths
        widths = {c(ORDER): em * 2 + 16, c("name"): em * 11, c("content"): em * 11, c("indicators"): em * 8 + 8,
                  c("lead_unit"): em * 7, c("start_year"): em * 4 + 12, c("end_year"): em * 4 + 12,
                  c("investment_wan"): money, c(SUM): money + 22}  # + the mismatch icon
        widths.update({c(f): money for f in FUNDING_COLUMNS})
        widths.update({c(plan_column(y)): money for y in self.model.years()})
        self.view.set_column_widths(widths, stretch=(c("name"), c("content")))

    def retranslate(self) -> None:
        self.title.setText(self.tr("项目与投资"))
        self.view.setAccessibleName(self.tr("项目与资金表"))
        self.add_action.setText(self.tr("添加项目"))
        self.add_action.setToolTip(self.tr("在表末添加一个项目（Insert）"))
        self.delete_action.setText(self.tr("删除项目"))
        self.delete_action.setToolTip(self.tr("删除所选行的项目，删除前会确认，可撤销（Ctrl+Delete）"))
        self.up_action.setText(self.tr("上移"))
        self.up_action.setToolTip(self.tr("把所选项目上移一行（Alt+↑）"))
        self.down_action.setText(self.tr("下移"))
        self.down_action.setToolTip(self.tr("把所选项目下移一行（Alt+↓）"))
        for button, act in zip(self.buttons, (self.add_action, self.delete_action, self.up_action,
                                              self.down_action)):
            button.setAccessibleName(act.text())
        self.hint.setText(self.tr("双击、F2、Enter 或直接输入编辑单元格；Delete 清空所选单元格；可从 Excel 粘贴。"
                                  "金额单位均为万元，各资金来源之和应等于总投资。"))
        split = self.tr("一个项目对应多个一级指标时，其投资在这些一级指标之间平均分摊。")
        spread = self.tr("按各项目申报的分年度投资计划汇总；未申报年度计划的项目单列，不作平均分摊。")
        self.area_box.setTitle(self.tr("按一级指标（万元）"))
        self.area_box.setToolTip(split)
        self.area_note.setText(self.tr("跨一级指标的项目：投资平均分摊"))
        self.year_box.setTitle(self.tr("按年度（万元）"))
        self.year_box.setToolTip(spread)
        self.year_note.setText(self.tr("按申报的年度计划汇总"))
        self.source_box.setTitle(self.tr("按资金来源（万元）"))
        for box, table in ((self.area_box, self.area_table), (self.year_box, self.year_table),
                           (self.source_box, self.source_table)):
            table.setAccessibleName(box.title())
            self.totals_tabs.setTabText(self.totals_tabs.indexOf(box), box.title())
            self.totals_tabs.setTabToolTip(self.totals_tabs.indexOf(box), box.toolTip())
            box.setTitle("")  # the tab shows it
        self.model.retranslate()
        self._size_columns()  # header texts changed length
        self.refresh_totals()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- totals ------------------------------------------------------------------------------------
    def _values_changed(self, keys: list[str]) -> None:
        if any(key_section(k) == "projects" for k in keys):
            self.refresh_totals()

    def refresh_totals(self) -> None:
        d = self.session.dossier
        projects = d.projects()
        total = inv.total(d, projects)
        amount_h, share_h = self.tr("金额"), self.tr("占比")
        areas = inv.by_level1(d, projects)
        split = self.tr("一个项目对应多个一级指标时，其投资在这些一级指标之间平均分摊。")
        self.area_table.fill([self.tr("一级指标"), amount_h, share_h],
                             [(label, amount) for _id, label, amount in areas], self.tr("合计"), total,
                             tooltips={n: split for n in range(len(areas) + 1)})
        years = [(str(y), a) for y, a in inv.by_year(d, projects).items()]
        unscheduled = inv.unscheduled(d, projects)
        if unscheduled:
            years.append((self.tr("未申报年度计划"), unscheduled))
        self.year_table.fill([self.tr("年度"), amount_h, share_h], years, self.tr("合计"), total)
        sources = inv.by_source(d, projects)
        funded = sum(sources.values())
        self.source_table.fill([self.tr("资金来源"), amount_h, share_h],
                               [(choice_label("funding", s), sources[s]) for s in FUNDING_SOURCES],
                               self.tr("合计"), funded)
        gap = funded - total
        if inv.money_differs(funded, total):
            word = self.tr("多") if gap > 0 else self.tr("少")
            self.source_note.setText(self.tr("资金合计比总投资{word} {gap} 万元").format(
                word=word, gap=inv.format_wan(abs(gap))))
            self.source_note.setToolTip(self.tr("资金来源合计 {funded} 万元，总投资 {total} 万元").format(
                funded=inv.format_wan(funded), total=inv.format_wan(total)))
            self.source_note.setStyleSheet("color: #a12a1d;")
        else:
            self.source_note.setText(self.tr("资金来源合计等于总投资"))
            self.source_note.setToolTip("")
            self.source_note.setStyleSheet("color: #2e8540;")
        self.summary.setText((self.tr("共 {n} 个项目，总投资 {total} 万元", "n=1") if len(projects) == 1  # English: 1 project
                              else self.tr("共 {n} 个项目，总投资 {total} 万元")).format(n=len(projects),
                                                                                  total=inv.format_wan(total)))
        plan = [(self.tr("{year}年").format(year=y), a) for y, a in inv.by_year(d, projects).items()]
        if unscheduled:
            plan.append((self.tr("未申报"), unscheduled))
        self.chart.set_data(self.tr("按年度的计划投资（万元）"), plan)
        # Tall enough for the tables, plus a sideways scroll bar should the window be narrow.
        inner = self.totals_area.widget()
        if inner is not None:
            self.totals_area.setMinimumHeight(inner.minimumSizeHint().height()
                                              + self.totals_area.horizontalScrollBar().sizeHint().height())

    # -- row operations --------------------------------------------------------------------------
    def _update_actions(self) -> None:
        writable = not self.session.readonly
        row = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        # a work package: the unit deletes only its own projects and leaves the office's order alone
        own = row >= 0 and self.session.may_edit(f"projects[{self.model.pid(row)}].name")
        reorder = writable and self.session.pf.edit_guard is None
        self.add_action.setEnabled(writable)
        self.delete_action.setEnabled(writable and row >= 0 and own)
        self.up_action.setEnabled(reorder and row > 0)
        self.down_action.setEnabled(reorder and 0 <= row < self.model.rowCount() - 1)

    def _focus_row(self, row: int, column: int) -> QModelIndex:
        index = self.model.index(row, column)
        if index.isValid():
            self.view.focus_index(index)
        self._update_actions()
        return index

    def add_project(self, edit: bool = True) -> str:
        """Add an empty project at the end, select its name cell and (``edit``) start typing there."""
        if self.session.readonly:
            return ""
        pid = self.model.add_project()
        index = self._focus_row(self.model.row_of(pid), self.model.column("name"))
        if edit:
            self.view.edit(index)
        return pid

    def selected_pids(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return [self.model.pid(r) for r in rows if r < self.model.rowCount()]

    def delete_selected(self, confirm: bool = True) -> int:
        """Delete the selected rows' projects (after a confirmation) as one undo step."""
        pids = self.selected_pids()
        if not pids or self.session.readonly:
            return 0
        names = [self.model.project(self.model.row_of(p)).name or self.tr("（未命名）") for p in pids]
        if confirm:
            question = (self.tr("删除项目“{name}”？").format(name=names[0]) if len(pids) == 1
                        else self.tr("删除所选的 {n} 个项目？").format(n=len(pids)))
            answer = QMessageBox.question(self, self.tr("删除项目"), question + "\n" + self.tr("删除后可用“撤销”恢复。"),
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        first = self.model.row_of(pids[0])
        values: dict[str, Any] = {}
        for pid in pids:
            values.update(self.session.dossier.project_removal(pid))
        text = (self.tr("删除项目“{name}”").format(name=names[0]) if len(pids) == 1
                else self.tr("删除 {n} 个项目").format(n=len(pids)))
        try:
            self.session.set_values(values, text)
        except FieldError as exc:  # a work package: another unit's project is not the unit's to delete
            QMessageBox.information(self, self.tr("删除项目"), exc.problem)
            return 0
        if self.model.rowCount():
            self._focus_row(min(first, self.model.rowCount() - 1), self.model.column("name"))
        return len(pids)

    def move_current(self, delta: int) -> bool:
        index = self.view.currentIndex()
        if not index.isValid() or self.session.readonly or self.session.pf.edit_guard is not None:
            return False
        pid = self.model.pid(index.row())
        if not self.model.move_project(pid, delta):
            return False
        self._focus_row(self.model.row_of(pid), index.column())
        return True

    # -- the detail pane -------------------------------------------------------------------------
    def _remember_current(self) -> None:
        """A reset (a project added or removed, a plan year appearing) keeps the selected cell."""
        index = self.view.currentIndex()
        self._kept = None
        if index.isValid() and index.row() < self.model.rowCount():
            self._kept = (self.model.pid(index.row()), self.model.column_name(index.column()))

    def _restore_current(self) -> None:
        kept, self._kept = self._kept, None
        row = self.model.row_of(kept[0]) if kept else -1
        if kept and row >= 0:
            name = kept[1] if kept[1] in self.model.column_names() else "name"
            self.view.setCurrentIndex(self.model.index(row, self.model.column(name)))
        self._show_current()

    def _show_current(self) -> None:
        index = self.view.currentIndex()
        pid = self.model.pid(index.row()) if index.isValid() and index.row() < self.model.rowCount() else ""
        if pid != self.detail.pid or not pid:
            self.detail.set_project(pid)

    def show_findings(self, findings: list[Any]) -> None:
        """Real mistakes beside the detail pane's inputs (the table tints its own cells)."""
        messages: dict[str, tuple[str, str]] = {}
        for f in findings:  # "please fill in" and "no plan yet" are said by the review and the pane's state line
            if f.severity in ("error", "warning") and key_section(f.key) == "projects" and f.kind != MISSING:
                messages.setdefault(f.key, (f.message, f.severity))
        self.detail.show_findings(messages)

    # -- messages and navigation -----------------------------------------------------------------
    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        if message:
            self.message.emit(message)

    def focus_key(self, key: str) -> bool:
        """Select, show and focus the cell of ``key`` (``projects`` alone: the table itself)."""
        if key == "projects":
            if self.model.rowCount():
                self.view.focus_index(self.model.index(0, self.model.column("name")))
            else:
                self.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        index = self.model.index_of_key(key)
        pid = item_of_key(key) if key_section(key) == "projects" else ""
        row = self.model.row_of(pid) if pid else -1
        if not index.isValid() and row >= 0:
            index = self.model.index(row, self.model.column("name"))  # a field only the detail pane shows
        if not index.isValid():
            return False
        self.view.focus_index(index)
        self._update_actions()
        self._show_current()
        # The annual plan and the financing facts are edited in the pane: the jump lands there.
        if self.detail.input_for(key) is not None and name_of_key(key) != "content":
            return self.detail.focus_key(key)
        return True
