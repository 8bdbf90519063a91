"""Issue 13 in the GUI: the round in the wizard and on the applicant page, the 申报材料 page, and
"生成申报包…" at the end of the review page (with the submitted version shown afterwards)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QMessageBox

from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui import MainWindow
from smartcity_desktop.ui.dialogs.new_dossier import NewDossierWizard

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, demo_path: Path) -> MainWindow:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_wizard_chooses_the_round(qtbot, tmp_path: Path) -> None:
    wizard = NewDossierWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.name_page.name.setText("梅园镇")
    wizard.next()
    wizard.unit_page.province.setEditText("江苏省")  # one of the 34 (the wizard refuses others)
    wizard.next()
    combo = wizard.scheme_page.round
    assert combo.objectName() == "applicant.round" and combo.accessibleName()
    combo.setCurrentIndex(combo.findData("2014"))
    assert "投融资方案" in wizard.scheme_page.round_detail.text()
    wizard.next()
    wizard.save_page.path.setText(str(tmp_path / "梅园镇.scdossier"))
    wizard.next()
    assert wizard.created is not None
    assert wizard.created.dossier.get("applicant.round") == "2014"
    wizard.created.close()


def test_round_on_the_applicant_page_drives_the_materials_page(window: MainWindow) -> None:
    assert window.go_to("applicant.round")
    combo = window.focusWidget()
    assert isinstance(combo, QComboBox) and combo.objectName() == "applicant.round"
    page = window.show_page("materials")
    assert not page.material_box("financing_plan").isVisible()  # 2012: no 投融资方案
    assert "已附文件" in page.material_box("plan_outline").status.text()
    assert page.material_box("implementation_plan").generate_button.isVisible()
    combo.setCurrentIndex(combo.findData("2014"))
    window.session.save_now()
    page = window.show_page("materials")
    assert window.session.dossier.get("applicant.round") == "2014"
    assert page.material_box("financing_plan").isVisible()
    assert "2014" in page.round_note.text() and "10" in page.facts.text()
    # every input on the page is named by its key
    for key in ("materials[declaration].documents", "materials[plan_outline].pages"):
        widget = page.input_for(key)
        assert widget is not None and widget.objectName() == key and widget.accessibleName()
    assert window.go_to("materials[plan_outline].documents")
    assert window.focusWidget().objectName() == "materials[plan_outline].documents"


def test_attach_on_the_materials_page_wins_over_generated(window: MainWindow, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    scan = tmp_path / "申报书盖章扫描件.pdf"
    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(595, 842)
    with open(scan, "wb") as handle:
        writer.write(handle)
    page = window.show_page("materials")
    box = page.material_box("declaration")
    assert "本程序" in box.status.text()
    assert box.pages_row.isHidden()  # generated: nothing to count by hand
    assert not page.material_box("plan_outline").pages_row.isHidden()  # the demo's 规划纲要 is a text file
    window.session.add_attachment("materials[declaration].documents", str(scan))
    assert "已附文件，共 2 页" in box.status.text()
    assert box.files.list.count() == 1
    assert box.pages_row.isHidden()  # a PDF's pages are counted


def test_package_from_the_review_page(window: MainWindow, tmp_path: Path, monkeypatch, qtbot) -> None:
    from smartcity_desktop.ui.dialogs.package import PackageDialog

    monkeypatch.setenv("SMARTCITY_SOFFICE", "")
    review = window.show_page("review")
    assert review.package_button.isVisible() and "尚未生成定稿" in review.submitted.text()
    dialog = PackageDialog(window.session, window)
    qtbot.addWidget(dialog)
    target = tmp_path / "报送"
    dialog.folder.setText(str(target))
    dialog.final.setChecked(True)
    dialog.draft.setChecked(True)
    assert not dialog.final.isChecked()  # final and draft exclude each other
    dialog.final.setChecked(True)
    dialog.make_package()
    assert dialog.report is not None, dialog.message.text()
    assert dialog.progress.value() == 100  # progress came through from the worker thread
    assert "LibreOffice" in dialog.message.text()  # says what is missing
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"]["final"] is True
    review.reload()
    assert "已报送的定稿版本" in review.submitted.text() and "此后没有修改" in review.submitted.text()
    window.session.set_value("profile.goals", "报送后的修改")
    window.session.save_now()
    review.reload()
    assert "此后已修改 1 处" in review.submitted.text()


def test_package_dialog_shows_a_refusal(qtbot, empty_path: Path, tmp_path: Path, monkeypatch) -> None:
    from smartcity_desktop.ui.dialogs.package import PackageDialog
    from smartcity_desktop.ui.shell.session import DossierSession

    monkeypatch.setenv("SMARTCITY_SOFFICE", "")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail("no message boxes expected"))
    session = DossierSession(ProjectFile.open(empty_path))
    try:
        dialog = PackageDialog(session)
        qtbot.addWidget(dialog)
        dialog.folder.setText(str(tmp_path / "pkg"))
        dialog.make_package()
        assert dialog.report is None and "--draft" in dialog.message.text()
        assert not (tmp_path / "pkg").exists()
        dialog.draft.setChecked(True)
        dialog.make_package()
        assert dialog.report is not None and (tmp_path / "pkg" / "manifest.json").is_file()
    finally:
        session.close()
