"""Issue 12 in the GUI: the detail pane (financing facts, annual plan with a proposal that is never
stored by itself), year columns in the table and the grid paste, condition 三's budget, go_to."""
from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from smartcity_desktop.model import investment as inv
from smartcity_desktop.ui.shell.mainwindow import MainWindow
from smartcity_desktop.ui.pages.projects import ProjectsPage
from smartcity_desktop.ui.shell.session import DossierSession
from tests.gui_helpers import commit_text

pytestmark = pytest.mark.gui


@pytest.fixture
def page(session: DossierSession, qtbot: Any) -> ProjectsPage:
    w = ProjectsPage(session)
    qtbot.addWidget(w)
    w.resize(1280, 820)
    w.show()
    qtbot.waitExposed(w)
    return w


def _select(page: ProjectsPage, pid: str) -> None:
    page.view.setCurrentIndex(page.model.index(page.model.row_of(pid), page.model.column("name")))


def test_detail_pane_follows_selection_and_edits_financing_facts(page: ProjectsPage, session: DossierSession) -> None:
    pid = page.model.pid(4)
    _select(page, pid)
    assert page.detail.pid == pid and page.detail.heading.text() == session.value(f"projects[{pid}].name")
    owner = page.detail.findChild(QLineEdit, f"projects[{pid}].owner")
    assert owner is not None and owner.text() == session.value(f"projects[{pid}].owner")
    assert owner.accessibleName() == "项目业主"
    commit_text(owner, "滨湖水务投资公司")
    assert session.value(f"projects[{pid}].owner").endswith("滨湖水务投资公司")
    mode = page.detail.findChild(QComboBox, f"projects[{pid}].financing_mode")
    assert mode is not None and mode.currentData() == "ppp"
    labels = [mode.itemText(i) for i in range(mode.count())]
    assert {"政府投资", "PPP", "特许经营", "政府购买服务", "合同能源管理", "企业自筹", "其他"} <= set(labels)
    mode.setCurrentIndex(mode.findData("concession"))
    assert session.value(f"projects[{pid}].financing_mode") == "concession"
    session.undo_stack.undo()
    assert session.value(f"projects[{pid}].financing_mode") == "ppp" and mode.currentData() == "ppp"
    other = page.model.pid(0)
    _select(page, other)  # the same inputs now edit the other project
    assert page.detail.findChild(QLineEdit, f"projects[{other}].owner") is not None
    assert page.detail.findChild(QLineEdit, f"projects[{pid}].owner") is None


def test_plan_proposal_is_shown_not_stored_until_accepted(page: ProjectsPage, session: DossierSession) -> None:
    pid = page.model.pid(0)
    plan_keys = session.dossier.keys_with_prefix(f"projects[{pid}].investment_by_year[")
    session.set_values({k: None for k in plan_keys}, "清空年度计划")
    _select(page, pid)
    p = session.dossier.project(pid)
    proposal = inv.proposed_plan(p)
    assert p.plan == {} and proposal and sum(proposal.values()) == pytest.approx(p.investment_wan)
    edits = {y: page.detail.plan.edit(y) for y in proposal}
    assert all(e is not None and e.text() == "" and e.placeholderText() == inv.format_wan(proposal[y])
               for y, e in edits.items())  # shown as grey placeholders, stored nowhere
    assert "建议值" in page.detail.plan_state.text()
    cell = page.model.index(page.model.row_of(pid), page.model.column(f"investment_by_year[{min(proposal)}].amount_wan"))
    assert cell.data() == inv.format_wan(proposal[min(proposal)]) and cell.data(Qt.ItemDataRole.FontRole).italic()
    assert "建议值" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert page.model.copy_text(cell) == ""  # copying a proposal copies nothing declared
    assert session.dossier.project(pid).plan == {}
    button = page.detail.findChild(QPushButton, "acceptProposal")
    assert button.isVisible()
    button.click()
    assert session.dossier.project(pid).plan == proposal
    assert not button.isVisible() and "等于总投资" in page.detail.plan_state.text()
    session.undo_stack.undo()
    assert session.dossier.project(pid).plan == {}


def test_plan_typed_in_the_pane_and_the_table_and_pasted(page: ProjectsPage, session: DossierSession) -> None:
    pid = page.model.pid(2)  # 2013-2014, 1,800 万元
    _select(page, pid)
    edit = page.detail.plan.edit(2013)
    assert edit is not None and edit.objectName() == f"projects[{pid}].investment_by_year[2013].amount_wan"
    edit.setFocus()
    edit.selectAll()
    edit.insert("1000")
    assert session.value(f"projects[{pid}].investment_by_year[2013].amount_wan") == 1000
    assert "相差" in page.detail.plan_state.text()  # 1,000 + 700 != 1,800
    col = page.model.column("investment_by_year[2014].amount_wan")
    assert page.model.setData(page.model.index(page.model.row_of(pid), col), "800")
    assert session.dossier.project(pid).plan == {2013: 1000, 2014: 800}
    assert "等于总投资" in page.detail.plan_state.text() and page.detail.plan.edit(2014).text() == "800"
    # a block pasted from Excel into two projects' year columns is one undo step
    first = page.model.column("investment_by_year[2013].amount_wan")
    rows = [page.model.pid(r) for r in (0, 1)]
    count = session.undo_stack.count()
    assert page.model.paste_block(0, first, [["2,000", "3,000", "1,800"], ["6000", "4000", "2000"]]) == 6
    assert session.undo_stack.count() == count + 1
    assert session.dossier.project(rows[0]).plan == {2013: 2000, 2014: 3000, 2015: 1800}
    assert session.dossier.project(rows[1]).plan == {2013: 6000, 2014: 4000, 2015: 2000}


def test_plan_error_shown_beside_the_field_and_go_to(demo_path: Any, qtbot: Any) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    w.resize(1280, 820)
    w.show()
    s = w.session
    pid = s.dossier.project_ids()[0]
    key = f"projects[{pid}].investment_by_year[2015].amount_wan"
    s.set_value(key, 1)
    assert w.go_to(key)
    QCoreApplication.processEvents()
    page = w.page("projects")
    assert page.detail.pid == pid
    focused = w.focusWidget()
    assert focused is not None and focused.objectName() == key
    assert any(f.rule == "project.plan_sum" and f.key == key for f in s.findings())
    page.show_findings(s.findings())
    error = page.detail.plan.binders[key].error_label
    assert error.isVisibleTo(page) and "不一致" in error.text()
    owner = f"projects[{pid}].repayment_source"
    assert w.go_to(owner) and w.focusWidget().objectName() == owner  # a field only the pane shows


def test_budget_on_condition_three(demo_path: Any, qtbot: Any) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    w.resize(1280, 820)
    w.show()
    s = w.session
    key = "conditions[3].budget[2015].amount_wan"
    assert w.go_to(key)
    edit = w.focusWidget()
    assert isinstance(edit, QLineEdit) and edit.objectName() == key and edit.text() == "16,000"
    page = w.page("conditions[3]")
    state = page.findChild(type(page.title), "budgetState")
    assert "45,000" in state.text() and "超出" not in state.text()
    edit.selectAll()
    edit.insert("10000")
    assert s.value(key) == 10000
    assert "超出 5,300" in state.text()  # 39,000 budgeted against 44,300 of projects' fiscal money
    assert any(f.rule == "financing.budget_exceeded" for f in s.findings())


def test_a_new_plan_year_keeps_the_selection(page: ProjectsPage, session: DossierSession) -> None:
    pid = page.model.pid(2)  # 2013-2014
    _select(page, pid)
    years = page.model.years()
    cell = page.model.index(page.model.row_of(pid), page.model.column("end_year"))
    page.view.setCurrentIndex(cell)
    assert page.model.setData(cell, str(max(years) + 2))  # a build year beyond every plan column so far
    assert page.model.years()[-1] == max(years) + 2  # the table grew a column...
    current = page.view.currentIndex()
    assert page.model.pid(current.row()) == pid and page.model.column_name(current.column()) == "end_year"
    assert page.detail.pid == pid and max(years) + 2 in page.detail.plan.years  # ...and the pane kept the project


def test_export_dialog_offers_the_financing_plan(session: DossierSession, qtbot: Any, tmp_path: Any) -> None:
    from smartcity_desktop.ui.dialogs.export import ExportDialog

    dlg = ExportDialog(session)
    qtbot.addWidget(dlg)
    dlg.show()
    box = dlg.findChild(type(dlg.docx), "exportFinancing")
    assert box is not None and "投融资方案" in box.accessibleName()
    dlg.folder.setText(str(tmp_path))
    for b in (dlg.docx, dlg.xlsx, dlg.pdf):
        b.setChecked(False)
    box.setChecked(True)
    assert dlg.formats() == ["financing"]
    with qtbot.waitSignal(dlg.finished_export, timeout=30_000):
        dlg.start.click()
    name = session.value("applicant.name")
    assert dlg.written == [str(tmp_path / f"{name}-投融资方案.docx"), str(tmp_path / f"{name}-投融资方案.xlsx")]
