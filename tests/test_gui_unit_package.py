"""A lead unit's window on its work package (issue 15): MainWindow(path) on a .scpart."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from smartcity_desktop.departments import split_dossier
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui import MainWindow
from tests.gui_helpers import commit_text

UNIT = "区卫生局"  # the demo's: indicator 3.2.5 and one project
OWN = "indicators[3.2.5].target"
OTHER = "indicators[3.2.1].target"  # 区教育局's


@pytest.fixture
def package(demo_path: Path, tmp_path: Path) -> Path:
    pf = ProjectFile.open(demo_path)
    try:
        [path] = split_dossier(pf, tmp_path / "out", units=[UNIT], due="2026-12-31")
    finally:
        pf.close()
    return path


@pytest.fixture
def window(qtbot, package: Path):
    w = MainWindow(package)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def test_opens_on_the_units_own_page_with_its_assignment(window) -> None:
    assert window.unit is not None and window.unit.unit == UNIT
    assert window.current_page == "indicators[3.2.5]"
    assert UNIT in window.unit.title.text() and "2026-12-31" in window.unit.detail.text()
    own = window.outline.pages["indicators[3.2.5]"]
    other = window.outline.pages["indicators[3.2.1]"]
    assert own.font(0).bold() and not other.font(0).bold()
    assert "仅供参考" in other.toolTip(0)
    assert window.progress.format().startswith("本单位")


def test_own_fields_are_editable_and_saved(window, package: Path) -> None:
    edit = window.findChild(QPlainTextEdit, OWN)
    assert edit is not None and not edit.isReadOnly()
    edit.setFocus()
    edit.selectAll()
    commit_text(edit, "到2016年，区属医院电子病历覆盖率达到95%。")
    assert window.session.value(OWN) == "到2016年，区属医院电子病历覆盖率达到95%。"
    window.save_now()
    window.close()
    pf = ProjectFile.open(package)
    try:
        assert pf.dossier.get(OWN) == "到2016年，区属医院电子病历覆盖率达到95%。"
    finally:
        pf.close()


def test_other_fields_are_context_and_typing_there_explains_why(qtbot, window) -> None:
    before = window.session.value(OTHER)
    window.go_to(OTHER)
    edit = window.findChild(QPlainTextEdit, OTHER)
    assert edit is not None and edit.isReadOnly()
    assert "不属于" in edit.toolTip()
    commit_text(edit, "改一下")
    assert window.session.value(OTHER) == before and edit.toPlainText() == before  # refused, not inserted
    assert not window.unit.notice.isHidden()
    assert "不能在这里修改" in window.unit.notice.text() and "3.2.1" in window.unit.notice.text()
    assert "不能在这里修改" in window.statusBar().currentMessage()
    # the lead unit itself is the assignment: not the unit's to change, even on its own page
    window.go_to("indicators[3.2.5].lead_unit")
    lead = window.findChild(QLineEdit, "indicators[3.2.5].lead_unit")
    assert lead is not None and lead.isReadOnly()
    # a choice on another unit's indicator is disabled, on its own enabled
    window.go_to("indicators[3.2.1].readiness")
    assert not window.findChild(QComboBox, "indicators[3.2.1].readiness").isEnabled()
    window.go_to("indicators[3.2.5].readiness")
    assert window.findChild(QComboBox, "indicators[3.2.5].readiness").isEnabled()


def test_a_refused_edit_pushes_no_undo_step(window) -> None:
    from smartcity_desktop.model import FieldError

    with pytest.raises(FieldError):
        window.session.set_value("applicant.name", "别的名字")
    with pytest.raises(FieldError):
        window.session.set_values({OWN: "可以", OTHER: "不可以"}, "paste")
    assert window.session.undo_stack.count() == 0
    assert window.session.value("applicant.name") != "别的名字"


def test_only_the_units_findings_are_listed(window) -> None:
    findings = window.session.findings()
    assert all(window.unit.owns(f.key) for f in findings)
    window.session.set_value(OWN, None)
    assert any(f.key.startswith("indicators[3.2.5]") for f in window.session.findings())


def test_hand_back_seals_a_version_and_says_where_to_send(qtbot, window, package: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = window.unit.hand_back()
    assert dialog is not None
    assert str(package) in dialog.message.text()
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == str(package)
    versions = window.session.pf.versions()
    assert versions and versions[-1].final and versions[-1].name.startswith("交回")
    dialog.accept()


def test_an_ordinary_dossier_is_unchanged(qtbot, demo_path: Path) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    try:
        assert w.unit is None
        w.go_to(OTHER)
        assert not w.findChild(QPlainTextEdit, OTHER).isReadOnly()
        assert w.session.may_edit(OTHER)
    finally:
        w.close()


def test_the_guide_button_opens_the_unit_guide(qtbot, window) -> None:
    help_window = window.unit.show_guide()
    qtbot.addWidget(help_window)
    assert help_window.topic == "11" and "部门填写指南" in help_window.heading_at_top()


def test_projects_table_in_a_package(qtbot, window) -> None:
    """Other units' project cells are not editable, nor deletable; the unit's own are; new projects are the unit's."""
    page = window.show_page("projects")
    model = page.model
    own = window.unit.projects()[0]
    other = next(p for p in window.session.dossier.project_ids() if p not in window.unit.projects())
    name = model.column("name")
    assert model.flags(model.index(model.row_of(own), name)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(model.row_of(other), name)) & Qt.ItemFlag.ItemIsEditable
    page.view.setCurrentIndex(model.index(model.row_of(other), name))
    page._update_actions()
    assert not page.delete_action.isEnabled() and not page.up_action.isEnabled()
    page.view.setCurrentIndex(model.index(model.row_of(own), name))
    page._update_actions()
    assert page.delete_action.isEnabled()
    pid = page.add_project(edit=False)
    assert pid and window.unit.owns(f"projects[{pid}].name")
    assert model.flags(model.index(model.row_of(pid), name)) & Qt.ItemFlag.ItemIsEditable
