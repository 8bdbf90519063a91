"""The expert grid: all indicators of the scheme in one editable table, plus the sheet view and
delegates the projects table shares (keyboard editing, Excel-style copy/paste, Delete clears).

The grid edits the same field keys as the guided pages, through the same session, so an edit here
shows there at once and undo works across both. A paste from Excel is one undo step and is
all-or-nothing: one bad value refuses the whole block with a message, changing nothing.
"""
from __future__ import annotations

import csv
import io
import math
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.i18n import pick
from smartcity_desktop.model import INDICATOR_FIELDS, FieldError, FieldSpec, choice_label, parse_key
from smartcity_desktop.model.fields import METRIC_FIELDS
from smartcity_desktop.model.keys import indicator_key, indicator_owner, metric_name, prefix_of
from smartcity_desktop.model.vocabulary import display
from smartcity_desktop.ui.models.sheet_models import (
    KEY_ROLE,
    AnyIndex,
    SheetModel,
    display_text,
    edit_text,
    rich_tooltip,
)
from smartcity_desktop.ui.shell.session import DossierSession

EDITOR_STYLE = "border: 2px solid #2f6db5;"  # a larger editor floats over its neighbours: frame it
BAND = QColor("#f3f6fa")  # every other level-2 group, so long rows stay readable
GROUP_TINT = QColor("#e8eef6")  # the merged level-1/level-2 cells
MUTED = QColor("#8a8f98")  # answers of indicators marked not applicable


def text_line_height(font: QFont) -> int:
    """The height of one line of Chinese text as item views lay it out.

    QFontMetrics.lineSpacing() measures only the primary font; Chinese glyphs come from a fallback
    CJK font that is taller (21 px against 16 px here), so rows sized by lineSpacing() lose a line.
    """
    layout = QTextLayout("国Ag", font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return max(QFontMetrics(font).lineSpacing(), math.ceil(line.height()))


# -- clipboard text (Excel's tab-separated format) --------------------------------------------------
def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells from Excel/WPS clipboard text: tabs between cells, quoted cells may hold newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return [[""]]
    return [row or [""] for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')]


def to_tsv(rows: list[list[str]]) -> str:
    """The inverse of ``parse_tsv``: what Excel itself puts on the clipboard."""
    out = io.StringIO()
    csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\r\n").writerows(rows)
    return out.getvalue()


# -- editors ------------------------------------------------------------------------------------------
class SheetDelegate(QStyledItemDelegate):
    """Editors by field kind: a tall multi-line editor for long texts (Ctrl+Enter confirms), a combo
    for choices (choosing confirms), a line edit for the rest. Editors are named by their field key."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:  # noqa: N802
        model = index.model()
        spec: FieldSpec | None = model.spec(index) if isinstance(model, SheetModel) else None
        editor = self.make_editor(parent, spec, index)
        if spec is not None:
            editor.setObjectName(str(index.data(KEY_ROLE) or ""))
            editor.setAccessibleName(spec.label_text)
        return editor

    def make_editor(self, parent: QWidget, spec: FieldSpec | None, index: AnyIndex) -> QWidget:
        kind = spec.kind if spec else "text"
        if kind == "longtext":
            edit = QPlainTextEdit(parent)
            edit.setTabChangesFocus(True)
            edit.setStyleSheet("QPlainTextEdit { " + EDITOR_STYLE + " }")
            edit.setToolTip(self.tr("Enter 换行，Ctrl+Enter 或 Tab 确认，Esc 取消"))
            return edit
        if kind == "enum" and spec is not None:
            box = QComboBox(parent)
            box.addItem(self.tr("—（未填）"), None)
            for choice in spec.choices:
                box.addItem(choice_label(spec.choice_group, choice), choice)
            box.activated.connect(lambda _i, b=box: self._commit_and_close(b))
            return box
        line = QLineEdit(parent)
        if kind in ("number", "int", "year"):
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
        if kind == "date":
            line.setPlaceholderText(self.tr("如 2015-12"))
        if spec is not None and kind == "text":
            line.setMaxLength(spec.max_length)
        return line

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value or ""))
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: AnyIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            lines = text_line_height(editor.font())
            self.place(editor, option.rect, max(option.rect.width(), 380), lines * 8 + 14)
        else:
            super().updateEditorGeometry(editor, option, index)

    @staticmethod
    def place(editor: QWidget, cell: QRect, width: int, height: int) -> None:
        """Open a larger editor over the cell, moved so it stays inside the view."""
        parent = editor.parentWidget()
        area = parent.rect() if parent is not None else QRect(cell)
        width = min(width, area.width())
        height = min(max(height, cell.height()), area.height())
        x = min(cell.left(), area.right() - width + 1)
        y = min(cell.top(), area.bottom() - height + 1)
        editor.setGeometry(QRect(max(0, x), max(0, y), width, height))

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        if (isinstance(editor, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self._commit_and_close(editor)
            return True
        return super().eventFilter(editor, event)


# -- the sheet view ----------------------------------------------------------------------------------
class SheetView(QTableView):
    """A QTableView over a SheetModel with spreadsheet keys: Enter/F2/typing edit, Delete clears,
    Ctrl+C/Ctrl+V copy and paste a block of cells as tab-separated text (Excel, WPS)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(40)
        self._widths: dict[int, int] = {}
        self._stretch: tuple[int, ...] = ()

    def sheet(self) -> SheetModel:
        model = self.model()
        assert isinstance(model, SheetModel)
        return model

    # -- column widths -------------------------------------------------------------------------------
    def set_column_widths(self, widths: dict[int, int], stretch: tuple[int, ...] = ()) -> None:
        """Starting widths (widened to fit the header text in any language); the ``stretch`` columns
        share the room left, never going below their width."""
        header = self.horizontalHeader()
        fm = header.fontMetrics()
        model = self.model()
        for column, width in list(widths.items()):
            text = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
            need = max((fm.horizontalAdvance(line) for line in text.split("\n")), default=0) + 18
            widths[column] = max(width, need)
        self._widths = dict(widths)
        self._stretch = stretch
        for column, width in widths.items():
            self.horizontalHeader().resizeSection(column, width)
        self._fit_columns()

    def _fit_columns(self) -> None:
        if not self._stretch or not self.model():
            return
        fixed = sum(w for c, w in self._widths.items() if c not in self._stretch)
        # Always leave room for the vertical scroll bar, so rows added later never bring a sideways one.
        room = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width() - fixed - 2
        share = room // len(self._stretch)
        for column in self._stretch:
            self.horizontalHeader().resizeSection(column, max(self._widths.get(column, 120), share))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_columns()

    # -- keyboard ------------------------------------------------------------------------------------
    def _sheet_key(self, event: QKeyEvent) -> str:
        if event.matches(QKeySequence.StandardKey.Copy):
            return "copy"
        if event.matches(QKeySequence.StandardKey.Paste):
            return "paste"
        if event.matches(QKeySequence.StandardKey.Cut):
            return "cut"
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            return "clear"
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            return "edit"
        return ""

    def event(self, event: QEvent) -> bool:
        # The window's Edit menu may own Ctrl+C/V/Delete; inside the sheet the sheet handles them.
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and self.state() != QAbstractItemView.State.EditingState and self._sheet_key(event)):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        action = self._sheet_key(event) if self.state() != QAbstractItemView.State.EditingState else ""
        if action == "copy":
            self.copy_selection()
        elif action == "paste":
            self.paste()
        elif action == "cut":
            if self.copy_selection():
                self.clear_selection_cells()
        elif action == "clear":
            self.clear_selection_cells()
        elif action == "edit":
            index = self.currentIndex()
            if index.isValid() and not self.edit(index, QAbstractItemView.EditTrigger.EditKeyPressed, event):
                super().keyPressEvent(event)
        else:
            super().keyPressEvent(event)

    # -- clipboard -----------------------------------------------------------------------------------
    def _selected(self) -> list[QModelIndex]:
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not indexes and self.currentIndex().isValid():
            indexes = [self.currentIndex()]
        return indexes

    def selection_text(self) -> str:
        """The selected cells as tab-separated text (the bounding rectangle; gaps are empty)."""
        indexes = self._selected()
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        model = self.sheet()
        grid = [[model.copy_text(model.index(r, c)) if (r, c) in chosen else ""
                 for c in range(cols[0], cols[-1] + 1)] for r in range(rows[0], rows[-1] + 1)]
        return to_tsv(grid)

    def copy_selection(self) -> bool:
        text = self.selection_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return bool(text)

    def paste(self, text: str | None = None) -> int:
        """Paste tab-separated text at the selection's top-left (one value fills the whole selection)."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        indexes = self._selected()
        if not indexes or not text:
            return 0
        block = parse_tsv(text)
        model = self.sheet()
        top = min(i.row() for i in indexes)
        left = min(i.column() for i in indexes)
        if len(block) == 1 and len(block[0]) == 1 and len(indexes) > 1:
            return model.fill_cells(indexes, block[0][0])  # Excel: one value fills the selection
        done = model.paste_block(top, left, block)
        if done:
            bottom = min(top + len(block), model.rowCount()) - 1
            right = min(left + max(len(r) for r in block), model.columnCount()) - 1
            self.setCurrentIndex(model.index(top, left))
            self.selectionModel().select(QItemSelection(model.index(top, left), model.index(bottom, right)),
                                         QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return done

    def clear_selection_cells(self) -> int:
        return self.sheet().clear_cells(self._selected())

    # -- navigation ----------------------------------------------------------------------------------
    def focus_index(self, index: QModelIndex) -> None:
        """Select a cell, scroll it into view and give the table keyboard focus."""
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.setFocus(Qt.FocusReason.OtherFocusReason)


# -- the indicator grid ------------------------------------------------------------------------------
ID, L1, L2, NAME = "id", "l1", "l2", "name"
# The first quantified target (indicators[<id>].metrics[1].*) has columns too; more rows on the page.
METRIC_COLUMNS = tuple(metric_name(1, part) for part in METRIC_FIELDS)
GRID_FIELDS = ("applicable", "current_state", "target", "measures", "lead_unit", "deadline", "readiness",
               *METRIC_COLUMNS)
GRID_COLUMNS: tuple[str, ...] = (ID, L1, L2, NAME, *GRID_FIELDS)


def field_spec(name: str) -> FieldSpec | None:
    """The spec of a grid column: an indicator field or a part of the first metric."""
    if name.startswith("metrics["):
        return METRIC_FIELDS.get(name.rsplit(".", 1)[1])
    return INDICATOR_FIELDS.get(name)


class IndicatorGridModel(SheetModel):
    """One row per level-3 indicator in scheme order; the answer columns are indicator field keys."""

    def __init__(self, session: DossierSession, parent: QObject | None = None):
        super().__init__(session, parent)
        self._rows = list(session.scheme.indicators)
        self._row_of = {ind.id: n for n, ind in enumerate(self._rows)}
        self._band: list[int] = []
        groups: list[str] = []
        for ind in self._rows:
            if not groups or groups[-1] != ind.level2_id:
                groups.append(ind.level2_id)
            self._band.append((len(groups) - 1) % 2)
        shown = set(GRID_FIELDS)
        self._hidden_fields = [n for n in INDICATOR_FIELDS if n not in shown]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(GRID_COLUMNS)

    def column(self, name: str) -> int:
        return GRID_COLUMNS.index(name)

    def indicator_id(self, row: int) -> str:
        return self._rows[row].id

    def row_of(self, iid: str) -> int:
        return self._row_of.get(iid, -1)

    def spans(self) -> list[tuple[int, int, int]]:
        """(column, first row, row count) of the merged level-1 and level-2 cells."""
        out: list[tuple[int, int, int]] = []
        for column, attr in ((GRID_COLUMNS.index(L1), "level1_id"), (GRID_COLUMNS.index(L2), "level2_id")):
            start = 0
            for n in range(1, len(self._rows) + 1):
                if n == len(self._rows) or getattr(self._rows[n], attr) != getattr(self._rows[start], attr):
                    out.append((column, start, n - start))
                    start = n
        return out

    def key(self, index: AnyIndex) -> str | None:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        name = GRID_COLUMNS[index.column()]
        if name not in GRID_FIELDS:
            return None
        return indicator_key(self._rows[index.row()].id, name)

    def spec(self, index: AnyIndex) -> FieldSpec | None:
        name = GRID_COLUMNS[index.column()]
        return field_spec(name)

    def index_of_key(self, key: str) -> QModelIndex:
        try:
            parsed = parse_key(key)
        except FieldError:
            return QModelIndex()
        name = metric_name(parsed.source, parsed.part) if parsed.name == "metrics" else parsed.name
        if parsed.section != "indicators" or parsed.item not in self._row_of or name not in GRID_FIELDS:
            return QModelIndex()
        return self.index(self._row_of[parsed.item], GRID_COLUMNS.index(name))

    def describe(self, key: str) -> str:
        try:
            parsed = parse_key(key)
        except FieldError:
            return key
        spec = METRIC_FIELDS.get(parsed.part) if parsed.name == "metrics" else INDICATOR_FIELDS.get(parsed.name)
        return self.tr("{id}“{column}”").format(id=parsed.item, column=spec.label_text if spec else parsed.name)

    def header_label(self, name: str) -> str:
        if name == ID:
            return self.tr("编号")
        if name == L1:
            return self.tr("一级指标")
        if name == L2:
            return self.tr("二级指标")
        if name == NAME:
            return self.tr("三级指标")
        if name in METRIC_COLUMNS:  # the first quantified target: 量化指标, 单位, 现状值, 目标值
            return METRIC_FIELDS[name.rsplit(".", 1)[1]].label_text
        return INDICATOR_FIELDS[name].label_text

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return self._rows[section].id if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_label(GRID_COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole and GRID_COLUMNS[section] in METRIC_COLUMNS:
            return self.tr("第 1 项量化目标；更多项在指标页面的“量化目标”表中填写")
        if role == Qt.ItemDataRole.ToolTipRole and GRID_COLUMNS[section] in ("current_state", "target", "measures"):
            return self.tr("双击、F2 或直接输入开始编辑；Enter 换行，Ctrl+Enter 确认")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ind = self._rows[index.row()]
        name = GRID_COLUMNS[index.column()]
        prefix = prefix_of(indicator_owner(ind.id))
        applicable = self.session.value(prefix + "applicable") is not False
        if name in (ID, L1, L2, NAME):
            return self._label_data(ind, name, role, prefix)
        key = prefix + name
        spec = field_spec(name)
        assert spec is not None
        value = self.session.value(key)
        if role == KEY_ROLE:
            return key
        if spec.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if applicable else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return display(spec, applicable)
            if role == Qt.ItemDataRole.EditRole:
                return applicable
        elif role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return display_text(spec, value)
        elif role == Qt.ItemDataRole.EditRole:
            return edit_text(spec, value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.finding_roles([key], role) or (QBrush(BAND) if self._band[index.row()] else None)
        if role == Qt.ItemDataRole.ForegroundRole and not applicable and spec.kind != "bool":
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.ToolTipRole:
            problem = self.finding_roles([key], role) or ""
            note = "" if applicable or spec.kind == "bool" else self.tr("本指标已标为不适用")
            full = str(value) if spec.kind == "longtext" and value else ""
            return rich_tooltip(problem, note, full) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if spec.kind in ("date", "enum"):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _label_data(self, ind: Any, name: str, role: int, prefix: str) -> Any:
        scheme = self.session.scheme
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if name == ID:
                return ind.id
            if name == L1:
                return scheme.level1_of(ind.id).label
            if name == L2:
                return scheme.level2(ind.level2_id).label
            return ind.label
        hidden = [prefix + n for n in self._hidden_fields]
        if role == Qt.ItemDataRole.BackgroundRole:
            if name in (L1, L2):
                return QBrush(GROUP_TINT)
            if name == ID:
                found = self.finding_roles(hidden, role)
                if found is not None:
                    return found
            return QBrush(BAND) if self._band[self._row_of[ind.id]] else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == ID:
                return rich_tooltip(self.finding_roles(hidden, role) or "") or None
            if name == NAME:
                note = scheme.provenance_note(ind.provenance) if scheme.is_summary(ind.provenance) else ""
                return rich_tooltip(ind.label, pick(ind.explanation), note) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if name in (L1, L2, ID):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and name in (L1, L2):
            font = QGuiApplication.font()
            font.setBold(name == L1)
            return font
        return None

    def _values_changed(self, keys: list[str]) -> None:
        # Repaint the edited rows now (applicability mutes a whole row); the tints, which depend on
        # projects too, follow with the background validation (``show_findings`` repaints all).
        rows = set()
        for key in keys:
            try:
                parsed = parse_key(key)
            except FieldError:
                continue
            if parsed.section == "indicators" and parsed.item in self._row_of:
                rows.add(self._row_of[parsed.item])
        last = self.columnCount() - 1
        for row in sorted(rows):
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _reset(self) -> None:
        self.refresh_all()  # the rows are the scheme's: only values changed (keeps spans and selection)


class IndicatorGrid(QWidget):
    """All indicators in one editable table (expert mode), on the same data as the guided pages."""

    message = Signal(str)  # the last refusal message, for the window's status bar

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = IndicatorGridModel(session, self)
        self.view = SheetView(self)
        self.view.setObjectName("indicatorGrid")
        self.view.setModel(self.model)
        self.view.setItemDelegate(SheetDelegate(self.view))
        for column, row, count in self.model.spans():
            if count > 1:
                self.view.setSpan(row, column, count, 1)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("gridHint")
        self.problem = QLabel(self)
        self.problem.setObjectName("gridProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a12a1d;")
        self.problem.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)  # the window's setFocus() on the page lands in the table
        self.model.editFailed.connect(self.show_problem)
        self.model.edited.connect(lambda: self.show_problem(""))
        self.retranslate()

    def _size_rows(self) -> None:
        """Row height for three lines of text; column widths that fit their contents in the current
        language (whole words of the group names, the longest choice label beside a checkbox)."""
        fm = self.view.fontMetrics()
        lines = text_line_height(self.view.font())
        self.view.verticalHeader().setDefaultSectionSize(lines * 3 + 12)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        em = fm.horizontalAdvance("国")
        bold = QFont(self.view.font())
        bold.setBold(True)
        scheme = self.session.scheme

        def longest_word(texts: list[str], font: QFont) -> int:
            """Widest word that cannot wrap (Chinese wraps between any two characters)."""
            metrics = QFontMetrics(font)
            words = [w for t in texts for w in t.split() if w.isascii()]
            return max((metrics.horizontalAdvance(w) for w in words), default=0) + 16

        def widest(texts: list[str]) -> int:
            return max(fm.horizontalAdvance(t) for t in texts) + 16

        check = self.view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 12
        c = self.model.column
        widths = {c(ID): em * 4,
                  c(L1): max(em * 5 + 12, longest_word([l1.label for l1 in scheme.level1], bold)),
                  c(L2): max(em * 5 + 12, longest_word([l2.label for l1 in scheme.level1 for l2 in l1.children],
                                                       self.view.font())),
                  c(NAME): em * 8 + 12,
                  c("applicable"): widest([choice_label("bool", v) for v in ("true", "false")]) + check,
                  c("current_state"): em * 10, c("target"): em * 10, c("measures"): em * 10,
                  c("lead_unit"): em * 7, c("deadline"): widest(["2015-12-31"]),
                  c("readiness"): widest([choice_label("readiness", v) for v in INDICATOR_FIELDS["readiness"].choices]),
                  **{c(name): max(em * w, fm.horizontalAdvance(self.model.header_label(name)) + 16)
                     for name, w in zip(METRIC_COLUMNS, (6, 3, 4, 4))}}
        self.view.set_column_widths(widths, stretch=(c("current_state"), c("target"), c("measures")))

    def retranslate(self) -> None:
        self.view.setAccessibleName(self.tr("全部三级指标总表"))
        self.hint.setText(self.tr("全部 {n} 项三级指标一表编辑：双击、F2 或直接输入即可编辑；可从 Excel 粘贴一块单元格"
                                  "（一步可撤销）；Delete 清空所选。红底为错误，黄底为提醒，悬停看说明。").format(n=self.model.rowCount()))
        self.model.retranslate()
        self._size_rows()  # header texts changed length

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        if message:
            self.message.emit(message)

    def focus_key(self, key: str) -> bool:
        """Select, show and focus the cell of ``key``; False when the grid does not show that field."""
        index = self.model.index_of_key(key)
        if not index.isValid():
            return False
        self.view.focus_index(index)
        return True


__all__ = ["IndicatorGrid", "IndicatorGridModel", "SheetDelegate", "SheetView", "parse_tsv", "to_tsv"]
