"""Projects & financing page: cell edits through real editors, undo/redo, add/delete/move,
refused values, live totals (checked against hand-computed figures) and the page layout."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPlainTextEdit

from smartcity_desktop.i18n import set_language
from smartcity_desktop.model import Dossier, FieldError
from smartcity_desktop.model import investment as inv
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui.models.sheet_models import KEY_ROLE
from smartcity_desktop.ui.pages.projects import IndicatorPicker, ProjectsPage
from smartcity_desktop.ui.shell.session import DossierSession

pytestmark = pytest.mark.gui

# Three projects whose totals are easy to work out by hand (see test_totals_by_hand).
HAND = {
    "projects[pa].order": 1, "projects[pa].name": "甲", "projects[pa].investment_wan": 900,
    "projects[pa].indicators": ["1.1.1", "2.1.1"], "projects[pa].start_year": 2013, "projects[pa].end_year": 2015,
    "projects[pa].funding[fiscal].amount_wan": 600, "projects[pa].funding[other].amount_wan": 300,
    "projects[pa].investment_by_year[2013].amount_wan": 200, "projects[pa].investment_by_year[2014].amount_wan": 500,
    "projects[pa].investment_by_year[2015].amount_wan": 200,
    "projects[pb].order": 2, "projects[pb].name": "乙", "projects[pb].investment_wan": 100,
    "projects[pb].indicators": ["1.1.1", "1.2.1"], "projects[pb].start_year": 2014,
    "projects[pb].funding[bank_loan].amount_wan": 100,
    "projects[pc].order": 3, "projects[pc].name": "丙", "projects[pc].investment_wan": 50,
}




@pytest.fixture
def page(session: DossierSession, qtbot: Any) -> ProjectsPage:
    w = ProjectsPage(session)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def _cell(page: ProjectsPage, pid: str, column: str):
    return page.model.index(page.model.row_of(pid), page.model.column(column))


def _commit(editor: Any, qtbot: Any, key: Qt.Key = Qt.Key.Key_Return,
            modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(editor, key, modifier)
    qtbot.wait(5)  # the delegate commits through a queued call


# -- totals (pure functions; also what the page shows) -------------------------------------------------
def test_totals_by_hand(scheme: Scheme) -> None:
    d = Dossier(scheme, HAND)
    # 甲 900 serves areas 1 and 2 -> 450 each; 乙 100 serves area 1 only (two indicators, one area);
    # 丙 50 serves nothing -> unassigned.
    areas = {aid: amount for aid, _label, amount in inv.by_level1(d)}
    assert areas == {"1": 550.0, "2": 450.0, "3": 0.0, "4": 0.0, inv.UNASSIGNED: 50.0}
    # 甲 declared 200/500/200 for 2013-2015; 乙 and 丙 declared no annual plan: nothing is invented.
    assert inv.by_year(d) == {2013: 200.0, 2014: 500.0, 2015: 200.0}
    assert inv.unscheduled(d) == 150.0
    assert inv.by_source(d) == {"fiscal": 600.0, "bank_loan": 100.0, "social_capital": 0.0, "other": 300.0}
    assert inv.total(d) == 1050.0
    assert inv.funding_total(d) == 1000.0


def test_year_edge_cases(scheme: Scheme) -> None:
    d = Dossier(scheme, {"projects[px].order": 1, "projects[px].investment_wan": 80,
                         "projects[px].start_year": 2016, "projects[px].end_year": 2014,  # inconsistent, no plan
                         "projects[py].order": 2, "projects[py].investment_wan": 60, "projects[py].end_year": 2013,
                         "projects[py].investment_by_year[2013].amount_wan": 60,
                         "projects[pz].order": 3, "projects[pz].investment_wan": 40,
                         "projects[pz].investment_by_year[2016].amount_wan": 40})
    assert inv.by_year(d) == {2013: 60.0, 2014: 0.0, 2015: 0.0, 2016: 40.0}  # the gap years are shown as 0
    assert inv.unscheduled(d) == 80.0
    assert inv.proposed_plan(d.project("px")) == {}  # end before start: nothing to propose
    assert inv.proposed_plan(d.project("py")) == {2013: 60.0}


def test_format_wan() -> None:
    assert inv.format_wan(1234567.891) == "1,234,567.89"
    assert inv.format_wan(6800) == "6,800"
    assert inv.format_wan(12.5) == "12.5"
    assert inv.format_wan(0) == "0"
    assert inv.format_wan(None) == ""


def test_demo_totals_are_consistent(session: DossierSession) -> None:
    d = session.dossier
    total = sum(p.investment_wan or 0 for p in d.projects())
    assert total > 0
    assert inv.total(d) == pytest.approx(total)
    assert sum(a for _i, _l, a in inv.by_level1(d)) == pytest.approx(total)
    assert sum(inv.by_year(d).values()) + inv.unscheduled(d) == pytest.approx(total)


def test_page_shows_hand_totals(empty_path: Path, qtbot: Any) -> None:
    pf = ProjectFile.open(empty_path)
    s = DossierSession(pf)
    try:
        s.set_values(HAND, "setup")
        w = ProjectsPage(s)
        qtbot.addWidget(w)
        area = {w.area_table.cell_text(r, 0): w.area_table.cell_text(r, 1) for r in range(w.area_table.rowCount())}
        level1 = {l1.id: l1.label for l1 in s.scheme.level1}
        assert area[level1["1"]] == "550" and area[level1["2"]] == "450" and area["合计"] == "1,050"
        assert area["未对应指标"] == "50"
        years = {w.year_table.cell_text(r, 0): w.year_table.cell_text(r, 1) for r in range(w.year_table.rowCount())}
        assert years == {"2013": "200", "2014": "500", "2015": "200", "未申报年度计划": "150", "合计": "1,050"}
        src = {w.source_table.cell_text(r, 0): w.source_table.cell_text(r, 1) for r in range(w.source_table.rowCount())}
        assert src["财政资金"] == "600" and src["合计"] == "1,000"
        assert "50" in w.source_note.text()  # funding 1,000 vs investment 1,050
        assert "平均分摊" in w.area_box.toolTip() and "申报的分年度投资计划" in w.year_box.toolTip()
        # the chart shows the declared plan by year, and what has no plan yet
        assert w.chart.items == [("2013年", 200.0), ("2014年", 500.0), ("2015年", 200.0), ("未申报", 150.0)]
        # A live edit moves the totals at once.
        pc = w.model.index(w.model.row_of("pc"), w.model.column("investment_wan"))
        assert w.model.setData(pc, "150")
        total_row = w.area_table.rowCount() - 1
        assert w.area_table.cell_text(total_row, 1) == "1,150"
        assert "1,150" in w.summary.text()
    finally:
        s.close()


# -- editing ------------------------------------------------------------------------------------------
def test_edit_investment_marks_funding_mismatch_and_undoes(page: ProjectsPage, session: DossierSession) -> None:
    pid = page.model.pid(0)
    key = f"projects[{pid}].investment_wan"
    before = session.value(key)
    p = session.dossier.project(pid)
    assert p.funding.total == pytest.approx(before)  # the demo adds up
    sum_cell = _cell(page, pid, "sum")
    assert sum_cell.data(Qt.ItemDataRole.DecorationRole) is None
    count = session.undo_stack.count()

    assert page.model.setData(_cell(page, pid, "investment_wan"), f"{before + 1000:,}")
    assert session.value(key) == before + 1000
    assert session.undo_stack.count() == count + 1
    assert sum_cell.data(Qt.ItemDataRole.DecorationRole) is not None  # the visible mark
    assert "1,000" in sum_cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "与总投资不一致" in sum_cell.data(Qt.ItemDataRole.AccessibleTextRole)

    session.undo_stack.undo()
    assert session.value(key) == before
    assert sum_cell.data(Qt.ItemDataRole.DecorationRole) is None
    session.undo_stack.redo()
    assert session.value(key) == before + 1000


def test_edit_with_real_line_editor(page: ProjectsPage, session: DossierSession, qtbot: Any) -> None:
    pid = page.model.pid(2)
    index = _cell(page, pid, "lead_unit")
    key = index.data(KEY_ROLE)
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    editor = page.view.findChild(QLineEdit, key)  # editors are named by their field key
    assert editor is not None and editor.accessibleName() == "牵头单位"
    editor.setText("区大数据中心")
    _commit(editor, qtbot)
    assert session.value(key) == "区大数据中心"
    assert index.data() == "区大数据中心"
    session.undo_stack.undo()
    assert session.value(key) != "区大数据中心"


def test_keyboard_enter_opens_editor_and_delete_clears(page: ProjectsPage, session: DossierSession,
                                                       qtbot: Any) -> None:
    pid = page.model.pid(1)
    index = _cell(page, pid, "end_year")
    page.view.setFocus()
    page.view.setCurrentIndex(index)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    editor = page.view.findChild(QLineEdit, f"projects[{pid}].end_year")
    assert editor is not None and editor.text() == str(session.value(f"projects[{pid}].end_year"))
    editor.setText("2016")
    _commit(editor, qtbot)
    assert session.value(f"projects[{pid}].end_year") == 2016
    page.view.setCurrentIndex(index)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert session.value(f"projects[{pid}].end_year") is None
    session.undo_stack.undo()
    assert session.value(f"projects[{pid}].end_year") == 2016


def test_content_multiline_editor(page: ProjectsPage, session: DossierSession, qtbot: Any) -> None:
    pid = page.model.pid(0)
    index = _cell(page, pid, "content")
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    editor = page.view.findChild(QPlainTextEdit, f"projects[{pid}].content")
    assert editor is not None
    assert editor.height() > page.view.rowHeight(index.row())  # a real multi-line editor, not a cell
    editor.setPlainText("第一期：建设平台。\n第二期：推广应用。")
    _commit(editor, qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert session.value(f"projects[{pid}].content") == "第一期：建设平台。\n第二期：推广应用。"
    assert "\n" not in index.data()  # shown on one line in the cell, full text in the tooltip
    assert "第二期" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_indicator_picker(page: ProjectsPage, session: DossierSession, qtbot: Any) -> None:
    pid = page.model.pid(0)
    index = _cell(page, pid, "indicators")
    key = f"projects[{pid}].indicators"
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    picker = page.view.findChild(IndicatorPicker, key)
    assert picker is not None
    assert picker.ids() == [i.id for i in session.scheme.indicators if i.id in session.value(key)]
    assert picker.topLevelItemCount() == len(session.scheme.level1)
    picker.set_ids(["2.2.5", "1.1.1"])
    _commit(picker, qtbot)
    assert session.value(key) == ["1.1.1", "2.2.5"]  # scheme order
    assert index.data() == "1.1.1、2.2.5"
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert session.scheme.indicator("2.2.5").label in tip and session.scheme.indicator("1.1.1").label in tip
    # Space toggles the current indicator (keyboard use).
    page.view.edit(index)
    picker = page.view.findChild(IndicatorPicker, key)
    leaf = picker.topLevelItem(2).child(0).child(0)  # 3.1.1
    picker.setCurrentItem(leaf)
    qtbot.keyClick(picker, Qt.Key.Key_Space)
    assert "3.1.1" in picker.ids()
    qtbot.keyClick(picker, Qt.Key.Key_Escape)  # Esc cancels: nothing stored
    qtbot.wait(5)
    assert session.value(key) == ["1.1.1", "2.2.5"]
    # Checking a level-2 group checks all its indicators.
    page.view.edit(index)
    picker = page.view.findChild(IndicatorPicker, key)
    group = picker.topLevelItem(0).child(1)
    group.setCheckState(0, Qt.CheckState.Checked)
    _commit(picker, qtbot)
    level2 = session.scheme.level1[0].children[1]
    assert set(session.value(key)) == {"1.1.1", "2.2.5", *(i.id for i in level2.indicators)}


def test_wrong_value_refused_changes_nothing(page: ProjectsPage, session: DossierSession) -> None:
    pid = page.model.pid(0)
    count = session.undo_stack.count()
    before = dict(session.dossier.values())
    assert not page.model.setData(_cell(page, pid, "investment_wan"), "六千八百")
    assert not page.model.setData(_cell(page, pid, "start_year"), "1800")
    assert not page.model.setData(_cell(page, pid, "funding[fiscal].amount_wan"), "-5")
    assert session.dossier.values() == before
    assert session.undo_stack.count() == count
    assert page.problem.isVisible() and "不能小于" in page.problem.text() and "第 1 行" in page.problem.text()
    assert page.model.setData(_cell(page, pid, "name"), "新名称")
    assert not page.problem.isVisible()
    with pytest.raises(FieldError):  # the same check the table relies on
        session.dossier.coerce(f"projects[{pid}].end_year", "明年")


def test_readonly_session_has_no_editable_cells(demo_path: Path, qtbot: Any) -> None:
    s = DossierSession(ProjectFile.open(demo_path, readonly=True))
    try:
        w = ProjectsPage(s)
        qtbot.addWidget(w)
        index = w.model.index(0, w.model.column("name"))
        assert not (w.model.flags(index) & Qt.ItemFlag.ItemIsEditable)
        assert not w.add_action.isEnabled()
    finally:
        s.close()


# -- rows ---------------------------------------------------------------------------------------------
def test_add_delete_with_confirmation_and_undo(page: ProjectsPage, session: DossierSession,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    n = page.model.rowCount()
    count = session.undo_stack.count()
    pid = page.add_project(edit=False)
    assert page.model.rowCount() == n + 1 and page.model.row_of(pid) == n
    assert session.undo_stack.count() == count + 1
    assert page.view.currentIndex() == _cell(page, pid, "name")
    assert page.model.setData(_cell(page, pid, "name"), "智慧停车诱导系统")
    assert page.model.setData(_cell(page, pid, "investment_wan"), "800")

    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Any:
        def question(_parent: Any, _title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
            asked.append(text)
            return reply
        return question

    page.view.setCurrentIndex(_cell(page, pid, "lead_unit"))
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert page.delete_selected() == 0
    assert page.model.rowCount() == n + 1 and "智慧停车诱导系统" in asked[-1]

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    page.view.setCurrentIndex(_cell(page, pid, "lead_unit"))
    assert page.delete_selected() == 1
    assert page.model.rowCount() == n and pid not in session.dossier.project_ids()
    assert not session.dossier.keys_with_prefix(f"projects[{pid}].")

    session.undo_stack.undo()  # the deletion is one step
    assert session.value(f"projects[{pid}].name") == "智慧停车诱导系统"
    assert session.value(f"projects[{pid}].investment_wan") == 800
    assert page.model.rowCount() == n + 1


def test_insert_key_adds_a_project(page: ProjectsPage, session: DossierSession, qtbot: Any) -> None:
    page.activateWindow()
    page.view.setFocus()
    n = page.model.rowCount()
    qtbot.keyClick(page.view, Qt.Key.Key_Insert)
    assert page.model.rowCount() == n + 1
    editor = page.view.findChild(QLineEdit, f"projects[{page.model.pid(n)}].name")
    assert editor is not None  # typing the new project's name can start at once


def test_delete_removes_links_from_indicators(page: ProjectsPage, session: DossierSession,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pid, other = page.model.pid(0), page.model.pid(1)
    key = "indicators[3.3.5].projects"  # a link made from the indicator's side
    session.set_value(key, [pid, other])
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    page.view.setCurrentIndex(_cell(page, pid, "name"))
    page.delete_selected()
    assert session.value(key) == [other]
    session.undo_stack.undo()
    assert session.value(key) == [pid, other]


def test_move_up_down(page: ProjectsPage, session: DossierSession) -> None:
    order = session.dossier.project_ids()
    page.view.setCurrentIndex(_cell(page, order[1], "name"))
    assert page.move_current(-1)
    assert session.dossier.project_ids()[:2] == [order[1], order[0]]
    assert page.view.currentIndex().row() == 0  # the moved project stays selected
    assert not page.move_current(-1)  # already first
    assert page.move_current(1)
    assert session.dossier.project_ids() == order
    session.undo_stack.undo()
    assert session.dossier.project_ids()[:2] == [order[1], order[0]]
    session.undo_stack.undo()
    assert session.dossier.project_ids() == order


def test_paste_block_into_projects(page: ProjectsPage, session: DossierSession) -> None:
    pid0, pid1 = page.model.pid(0), page.model.pid(1)
    page.view.setCurrentIndex(_cell(page, pid0, "start_year"))
    count = session.undo_stack.count()
    assert page.view.paste("2014\t2016\n2015\t2017\r\n") == 4
    assert session.undo_stack.count() == count + 1
    assert [session.value(f"projects[{p}].{f}") for p in (pid0, pid1) for f in ("start_year", "end_year")] == \
        [2014, 2016, 2015, 2017]


def test_focus_key(page: ProjectsPage, session: DossierSession) -> None:
    page.activateWindow()
    pid = page.model.pid(5)
    key = f"projects[{pid}].funding[bank_loan].amount_wan"
    assert page.focus_key(key)
    assert page.view.currentIndex().data(KEY_ROLE) == key
    assert page.view.hasFocus()
    assert page.focus_key("projects")
    assert not page.focus_key("projects[nosuch].name")
    assert not page.focus_key("indicators[1.1.1].target")
    assert not page.focus_key("not a key")


def test_external_change_refreshes(page: ProjectsPage, session: DossierSession) -> None:
    pid = page.model.pid(3)
    session.set_value(f"projects[{pid}].name", "外部修改的名称")  # e.g. from another page
    assert _cell(page, pid, "name").data() == "外部修改的名称"


# -- looks --------------------------------------------------------------------------------------------
def test_layout_at_1280x800(page: ProjectsPage, tmp_path: Path) -> None:
    view = page.view
    header = view.horizontalHeader()
    fm = header.fontMetrics()
    for column in range(page.model.columnCount()):
        text = page.model.headerData(column, Qt.Orientation.Horizontal)
        widest = max(fm.horizontalAdvance(line) for line in text.split("\n"))
        assert widest + 8 <= header.sectionSize(column), f"header {text!r} is cut off"
    # At 1280 px the table scrolls sideways (money and year columns) while the detail pane beside it
    # shows the selected project whole; the name column is in view and the pane is not squeezed.
    name = page.model.column("name")
    assert header.sectionViewportPosition(name) + header.sectionSize(name) <= view.viewport().width()
    assert page.detail.isVisible() and page.detail.width() >= 300
    for table in (page.area_table, page.source_table):
        assert not table.verticalScrollBar().isVisible()
    assert page.view.accessibleName() and all(b.accessibleName() for b in page.buttons)


def test_headers_fit_in_english(page: ProjectsPage) -> None:
    try:
        set_language("en")
        page.retranslate()
        header = page.view.horizontalHeader()
        for column in range(page.model.columnCount()):
            text = page.model.headerData(column, Qt.Orientation.Horizontal)
            widest = max(header.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
            assert widest + 8 <= header.sectionSize(column), f"header {text!r} is cut off"
    finally:
        set_language("zh_CN")


def test_chart_bars(page: ProjectsPage, session: DossierSession) -> None:
    chart = page.chart
    years = inv.by_year(session.dossier)  # the demo's declared plan by year
    assert chart.items == [(f"{y}年", amount) for y, amount in years.items()]
    bars = chart.layout_bars()
    assert len(bars) == len(years)
    peak = max(years.values())
    longest = max(g.bar.width() for g in bars)
    for amount, g in zip(years.values(), bars):
        assert g.bar.width() == pytest.approx(longest * amount / peak, abs=0.5)  # bars to scale
        assert g.value.right() <= chart.width()  # the amount at the bar's end is never cut off
        assert g.label.right() <= g.bar.left()
    assert "万元" in chart.title and chart.accessibleDescription()
