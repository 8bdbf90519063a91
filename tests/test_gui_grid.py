"""The 57-indicator grid: edits through the session with undo, checkbox and combo editors, Excel-style
copy/paste as one undo step, refused pastes, validation tints and navigation to a field key."""
from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from smartcity_desktop.i18n import set_language
from smartcity_desktop.ui.pages.grid import IndicatorGrid, parse_tsv, to_tsv
from smartcity_desktop.ui.models.sheet_models import KEY_ROLE, SEVERITY_TINT
from smartcity_desktop.ui.shell.session import DossierSession

pytestmark = pytest.mark.gui




@pytest.fixture
def grid(session: DossierSession, qtbot: Any) -> IndicatorGrid:
    w = IndicatorGrid(session)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def _index(grid: IndicatorGrid, iid: str, column: str):
    return grid.model.index(grid.model.row_of(iid), grid.model.column(column))


def _select(grid: IndicatorGrid, top_left: Any, bottom_right: Any) -> None:
    grid.view.setCurrentIndex(top_left)
    grid.view.selectionModel().select(QItemSelection(top_left, bottom_right),
                                      QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_rows_columns_and_groups(grid: IndicatorGrid, session: DossierSession) -> None:
    scheme = session.scheme
    assert grid.model.rowCount() == len(scheme.indicators) == 57
    assert [grid.model.indicator_id(r) for r in range(grid.model.rowCount())] == [i.id for i in scheme.indicators]
    headers = [grid.model.headerData(c, Qt.Orientation.Horizontal) for c in range(grid.model.columnCount())]
    assert headers == ["编号", "一级指标", "二级指标", "三级指标", "是否适用", "现状基础", "创建目标", "主要措施",
                       "牵头单位", "完成时限", "基础条件", "量化指标", "单位", "现状值", "目标值"]
    # Level-1 and level-2 cells are merged over their indicators.
    row = 0
    for l1 in scheme.level1:
        assert grid.view.rowSpan(row, grid.model.column("l1")) == len(l1.indicators)
        for l2 in l1.children:
            assert grid.view.rowSpan(row, grid.model.column("l2")) == len(l2.indicators)
            assert grid.model.index(row, grid.model.column("l2")).data() == l2.label
            row += len(l2.indicators)
    # The label columns are read-only.
    for column in ("id", "l1", "l2", "name"):
        assert not grid.model.flags(grid.model.index(0, grid.model.column(column))) & Qt.ItemFlag.ItemIsEditable


def test_edit_undo_redo_and_other_views_see_it(grid: IndicatorGrid, session: DossierSession) -> None:
    index = _index(grid, "2.2.5", "target")
    key = "indicators[2.2.5].target"
    old = session.value(key)
    seen: list[list[str]] = []
    session.valuesChanged.connect(seen.append)
    assert grid.model.setData(index, "到2015年生活垃圾分类覆盖率达到60%。")
    assert session.value(key) == "到2015年生活垃圾分类覆盖率达到60%。"
    assert [key] in seen  # the guided page bound to this key hears about it
    session.undo_stack.undo()
    assert session.value(key) == old and index.data() == " ".join(old.split())
    session.undo_stack.redo()
    assert index.data() == "到2015年生活垃圾分类覆盖率达到60%。"


def test_applicable_checkbox(grid: IndicatorGrid, session: DossierSession) -> None:
    index = _index(grid, "3.3.9", "applicable")
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert grid.model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert grid.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert session.value("indicators[3.3.9].applicable") is False
    assert index.data() == "不适用"
    target = _index(grid, "3.3.9", "target")
    assert target.data(Qt.ItemDataRole.ForegroundRole) is not None  # answers of a not-applicable row are muted
    session.undo_stack.undo()
    assert session.value("indicators[3.3.9].applicable") is not False


def test_keyboard_space_toggles_and_f2_edits(grid: IndicatorGrid, session: DossierSession, qtbot: Any) -> None:
    grid.activateWindow()
    grid.view.setFocus()
    grid.view.setCurrentIndex(_index(grid, "4.3.3", "applicable"))
    qtbot.keyClick(grid.view, Qt.Key.Key_Space)
    assert session.value("indicators[4.3.3].applicable") is False
    grid.view.setCurrentIndex(_index(grid, "4.3.3", "lead_unit"))
    qtbot.keyClick(grid.view, Qt.Key.Key_F2)
    assert grid.view.findChild(QLineEdit, "indicators[4.3.3].lead_unit") is not None


def test_readiness_combo_editor(grid: IndicatorGrid, session: DossierSession, qtbot: Any) -> None:
    index = _index(grid, "1.2.2", "readiness")
    key = "indicators[1.2.2].readiness"
    grid.view.setCurrentIndex(index)
    grid.view.edit(index)
    combo = grid.view.findChild(QComboBox, key)
    assert combo is not None and combo.accessibleName() == "基础条件"
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[1:] == ["基础较好", "有一定基础", "尚无基础"]
    assert combo.currentData() == session.value(key)
    combo.setCurrentIndex(combo.findData("none"))
    combo.activated.emit(combo.currentIndex())  # choosing an entry confirms it
    qtbot.wait(5)
    assert session.value(key) == "none" and index.data() == "尚无基础"


def test_long_text_editor_keeps_paragraphs(grid: IndicatorGrid, session: DossierSession, qtbot: Any) -> None:
    index = _index(grid, "1.1.3", "measures")
    grid.view.setCurrentIndex(index)
    grid.view.edit(index)
    editor = grid.view.findChild(QPlainTextEdit, "indicators[1.1.3].measures")
    assert editor is not None and editor.accessibleName() == "主要措施"
    editor.setPlainText("一、出台管理办法。\n二、建立考核机制。")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(5)
    assert session.value("indicators[1.1.3].measures") == "一、出台管理办法。\n二、建立考核机制。"


def test_paste_2x3_block_is_one_undo_step(grid: IndicatorGrid, session: DossierSession) -> None:
    rows = ("2.1.1", "2.1.2")
    fields = ("current_state", "target", "measures")
    keys = [f"indicators[{r}].{f}" for r in rows for f in fields]
    before = [session.value(k) for k in keys]
    grid.view.setCurrentIndex(_index(grid, "2.1.1", "current_state"))
    count = session.undo_stack.count()
    # What Excel puts on the clipboard, including a cell with a line break (quoted) and CRLF rows.
    text = 'A1\t"B1 第一段\nB1 第二段"\tC1\r\nA2\tB2\tC2\r\n'
    QApplication.clipboard().setText(text)
    assert grid.view.paste() == 6
    assert [session.value(k) for k in keys] == ["A1", "B1 第一段\nB1 第二段", "C1", "A2", "B2", "C2"]
    assert session.undo_stack.count() == count + 1
    session.undo_stack.undo()
    assert [session.value(k) for k in keys] == before
    session.undo_stack.redo()
    assert session.value("indicators[2.1.2].measures") == "C2"


def test_paste_skips_read_only_columns_and_accepts_labels(grid: IndicatorGrid, session: DossierSession) -> None:
    # A row copied from the exported workbook: id and name columns come along and are ignored.
    grid.view.setCurrentIndex(_index(grid, "4.1.2", "name"))
    assert grid.view.paste("创新投入\t不适用\t现状\t目标\t措施\t区科技局\t2015/6\t有一定基础") == 7
    prefix = "indicators[4.1.2]."
    assert session.value(prefix + "applicable") is False
    assert session.value(prefix + "deadline") == "2015-06"
    assert session.value(prefix + "readiness") == "partial"
    assert session.value(prefix + "lead_unit") == "区科技局"


def test_bad_paste_changes_nothing(grid: IndicatorGrid, session: DossierSession) -> None:
    before = session.dossier.values()
    count = session.undo_stack.count()
    grid.view.setCurrentIndex(_index(grid, "1.1.1", "lead_unit"))
    assert grid.view.paste("区发改局\t明年年底\t基础较好\n区财政局\t2015-12\t很好") == 0
    assert session.dossier.values() == before
    assert session.undo_stack.count() == count
    assert grid.problem.isVisible()
    assert "1.1.1“完成时限”" in grid.problem.text() and "另有 1 处问题" in grid.problem.text()


def test_single_bad_edit_refused(grid: IndicatorGrid, session: DossierSession) -> None:
    index = _index(grid, "1.1.1", "deadline")
    old = session.value("indicators[1.1.1].deadline")
    assert not grid.model.setData(index, "2015-13")
    assert session.value("indicators[1.1.1].deadline") == old
    assert "日期" in grid.problem.text()


def test_one_value_fills_the_selection(grid: IndicatorGrid, session: DossierSession) -> None:
    _select(grid, _index(grid, "3.2.1", "lead_unit"), _index(grid, "3.2.4", "lead_unit"))
    assert grid.view.paste("区社会事业局") == 4
    assert {session.value(f"indicators[3.2.{n}].lead_unit") for n in range(1, 5)} == {"区社会事业局"}


def test_copy_selection(grid: IndicatorGrid, session: DossierSession, qtbot: Any) -> None:
    _select(grid, _index(grid, "1.2.1", "id"), _index(grid, "1.2.2", "applicable"))
    grid.view.setFocus()
    qtbot.keyClick(grid.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    rows = parse_tsv(QApplication.clipboard().text())
    names = [session.scheme.indicator(i).label for i in ("1.2.1", "1.2.2")]
    level2 = session.scheme.level2("1.2").label
    assert [r[0] for r in rows] == ["1.2.1", "1.2.2"]
    assert [r[3] for r in rows] == names and rows[0][2] == level2
    assert [r[4] for r in rows] == ["适用", "适用"]


def test_delete_key_clears_selection_in_one_step(grid: IndicatorGrid, session: DossierSession,
                                                 qtbot: Any) -> None:
    keys = ["indicators[1.3.1].lead_unit", "indicators[1.3.1].deadline", "indicators[1.3.2].lead_unit",
            "indicators[1.3.2].deadline"]
    before = [session.value(k) for k in keys]
    assert all(before)
    _select(grid, _index(grid, "1.3.1", "lead_unit"), _index(grid, "1.3.2", "deadline"))
    grid.view.setFocus()
    count = session.undo_stack.count()
    qtbot.keyClick(grid.view, Qt.Key.Key_Delete)
    assert [session.value(k) for k in keys] == [None] * 4
    assert session.undo_stack.count() == count + 1
    session.undo_stack.undo()
    assert [session.value(k) for k in keys] == before


def _tint(index: Any) -> Any:
    brush = index.data(Qt.ItemDataRole.BackgroundRole)
    return None if brush is None else brush.color()


def test_findings_tint_cells(grid: IndicatorGrid, session: DossierSession, qtbot: Any) -> None:
    index = _index(grid, "2.2.3", "target")
    assert _tint(index) != SEVERITY_TINT["error"]
    grid.model.setData(index, "")
    messages = [f.message for f in session.findings() if f.key == "indicators[2.2.3].target" and f.severity == "error"]
    assert messages  # the rule really fires
    # validated off the UI thread after a pause: the tint follows a moment later
    qtbot.waitUntil(lambda: _tint(index) == SEVERITY_TINT["error"], timeout=5000)
    assert messages[0] in index.data(Qt.ItemDataRole.ToolTipRole)
    # A finding on a field the grid does not show lands on the row's id cell.
    grid.model.setData(_index(grid, "2.2.3", "applicable"), False, Qt.ItemDataRole.CheckStateRole)
    hidden = [f.message for f in session.findings() if f.key == "indicators[2.2.3].not_applicable_reason"]
    assert hidden
    qtbot.waitUntil(lambda: hidden[0] in (_index(grid, "2.2.3", "id").data(Qt.ItemDataRole.ToolTipRole) or ""),
                    timeout=5000)


def test_focus_key(grid: IndicatorGrid) -> None:
    grid.activateWindow()
    assert grid.focus_key("indicators[3.3.5].measures")
    assert grid.view.currentIndex().data(KEY_ROLE) == "indicators[3.3.5].measures"
    assert grid.view.hasFocus()
    assert not grid.focus_key("indicators[3.3.5].documents")  # not a grid column
    assert not grid.focus_key("indicators[9.9.9].target")
    assert not grid.focus_key("projects[p1].name")


def test_language_switch(grid: IndicatorGrid) -> None:
    try:
        set_language("en")
        grid.retranslate()
        assert grid.model.headerData(grid.model.column("target"), Qt.Orientation.Horizontal) == "Target"
        assert grid.model.index(0, grid.model.column("applicable")).data() == "Applicable"
        header = grid.view.horizontalHeader()
        for column in range(grid.model.columnCount()):
            text = grid.model.headerData(column, Qt.Orientation.Horizontal)
            assert header.fontMetrics().horizontalAdvance(text) + 8 <= header.sectionSize(column), text
    finally:
        set_language("zh_CN")


def test_tsv_round_trip() -> None:
    rows = [["a", "多行\n文本", 'say "hi"'], ["", "tab\there", "x"]]
    assert parse_tsv(to_tsv(rows)) == rows
    assert parse_tsv("") == [[""]]
    assert parse_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]


def test_layout_at_1280x800(grid: IndicatorGrid) -> None:
    header = grid.view.horizontalHeader()
    fm = header.fontMetrics()
    for column in range(grid.model.columnCount()):
        text = grid.model.headerData(column, Qt.Orientation.Horizontal)
        assert fm.horizontalAdvance(text) + 8 <= header.sectionSize(column), f"header {text!r} is cut off"
    assert not grid.view.horizontalScrollBar().isVisible()
    assert grid.view.accessibleName()


def test_first_quantified_target_is_editable_in_the_grid(grid: IndicatorGrid, session: DossierSession) -> None:
    index = _index(grid, "3.3.1", "metrics[1].target")
    assert index.data() == session.value("indicators[3.3.1].metrics[1].target") == "90"  # the demo's
    assert grid.model.key(index) == "indicators[3.3.1].metrics[1].target"
    assert grid.model.index_of_key("indicators[3.3.1].metrics[1].target") == index
    assert grid.model.setData(_index(grid, "1.1.2", "metrics[1].name"), "专职人员")
    assert session.value("indicators[1.1.2].metrics[1].name") == "专职人员"
    assert not grid.model.index_of_key("indicators[3.3.1].metrics[2].name").isValid()  # only on the page


def test_a_long_answer_shows_its_start_in_the_cell_and_whole_in_the_editor(grid: IndicatorGrid,
                                                                           session: DossierSession) -> None:
    from smartcity_desktop.ui.models.sheet_models import CELL_CHARS

    chapter = "推进城市公共信息平台建设，实现部门数据共享。\n" * 300  # ~6,900 characters
    index = _index(grid, "2.2.3", "measures")
    assert grid.model.setData(index, chapter)
    shown = index.data(Qt.ItemDataRole.DisplayRole)
    assert len(shown) == CELL_CHARS + 1 and shown.endswith("…") and "\n" not in shown
    assert shown[:-1] == " ".join(chapter.split())[:CELL_CHARS]
    assert index.data(Qt.ItemDataRole.EditRole) == session.value("indicators[2.2.3].measures")
