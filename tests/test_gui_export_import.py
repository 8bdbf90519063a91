"""Export dialog (background export with progress, remembered folder, PDF availability, errors) and
Excel import dialog (preview of every change before applying, refusals listed cell by cell)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document

from gui_helpers import load_workbook
from smartcity_desktop.export import DOCX_NAME, XLSX_NAME, export_dossier, file_name
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui.dialogs.export import ExportDialog
from smartcity_desktop.ui.dialogs.import_preview import ExcelImportDialog
from smartcity_desktop.ui.shell.session import DossierSession

pytestmark = pytest.mark.gui




def test_export_runs_in_background_and_offers_the_folder(session: DossierSession, qtbot: Any,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "导出"
    session.set_value("applicant.contact_name", "李四")  # unsaved edit: the dialog saves first
    dlg = ExportDialog(session)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.folder.setText(str(out))
    dlg.docx.setChecked(True)
    dlg.xlsx.setChecked(True)
    dlg.pdf.setChecked(False)
    assert not dlg.open_folder.isVisible()
    with qtbot.waitSignal(dlg.finished_export, timeout=30_000):
        dlg.start.click()
        assert dlg.running and not dlg.start.isEnabled()
    name = session.pf.dossier.get("applicant.name")
    assert dlg.written == [str(out / file_name(name, DOCX_NAME)), str(out / file_name(name, XLSX_NAME))]
    assert dlg.progress.value() == 100 and dlg.open_folder.isVisible() and not dlg.running
    assert "李四" in "".join(p.text for p in Document(str(out / file_name(name, DOCX_NAME))).paragraphs)
    assert not session.has_unsaved
    again = ExportDialog(session)  # folder and formats are remembered
    qtbot.addWidget(again)
    assert again.folder.text() == str(out)
    assert again.formats() == ["docx", "xlsx"]


def test_pdf_disabled_with_reason_without_libreoffice(session: DossierSession, qtbot: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTCITY_SOFFICE", "")
    dlg = ExportDialog(session)
    qtbot.addWidget(dlg)
    assert not dlg.pdf.isEnabled() and "LibreOffice" in dlg.pdf.toolTip()
    dlg.pdf.setChecked(True)
    assert "pdf" not in dlg.formats()


def test_export_errors_are_messages(session: DossierSession, qtbot: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    dlg = ExportDialog(session)
    qtbot.addWidget(dlg)
    dlg.folder.setText(str(blocker / "sub"))
    dlg.start.click()
    assert "无法使用文件夹" in dlg.status.text() and not dlg.running
    dlg.docx.setChecked(False)
    dlg.xlsx.setChecked(False)
    dlg.pdf.setChecked(False)
    dlg.start.click()
    assert "至少选择一种" in dlg.status.text()


def test_encrypted_dossier_warns_that_exports_are_not(tmp_path: Path, scheme: Scheme, qtbot: Any) -> None:
    path = tmp_path / "secret.scdossier"
    ProjectFile.create(path, scheme, values={"applicant.name": "保密区"}, passphrase="口令 passphrase 1").close()
    s = DossierSession(ProjectFile.open(path, passphrase="口令 passphrase 1"))
    try:
        dlg = ExportDialog(s)
        qtbot.addWidget(dlg)
        warning = dlg.findChild(type(dlg.status), "exportEncryptedWarning")
        assert warning is not None and "不加密" in warning.text()
    finally:
        s.close()


@pytest.fixture
def workbook(session: DossierSession, tmp_path: Path) -> Path:
    export_dossier(session.pf, tmp_path, ["xlsx"])
    return tmp_path / file_name(session.pf.dossier.get("applicant.name"), XLSX_NAME)


def _set(path: Path, sheet_kind: str, owner: str, field: str, value: Any) -> None:
    wb = openpyxl.load_workbook(path)
    ws = next(w for w in wb.worksheets if w["A1"].value == sheet_kind)
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == owner)
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == field)
    ws.cell(row, col).value = value
    wb.save(path)


def test_import_preview_then_apply(session: DossierSession, workbook: Path, qtbot: Any) -> None:
    _set(workbook, "#indicators", "indicators[2.1.1]", "lead_unit", "区规划分局")
    _set(workbook, "#indicators", "indicators[2.1.1]", "readiness", "尚无基础")
    old_lead = session.value("indicators[2.1.1].lead_unit")
    dlg = ExcelImportDialog(session)
    qtbot.addWidget(dlg)
    dlg.show()
    assert load_workbook(qtbot, dlg, workbook)
    rows = {dlg.table.item(r, 1).text(): [dlg.table.item(r, c).text() for c in range(4)]
            for r in range(dlg.table.rowCount())}
    assert set(rows) == {"indicators[2.1.1].lead_unit", "indicators[2.1.1].readiness"}
    assert rows["indicators[2.1.1].lead_unit"][2:] == [old_lead, "区规划分局"]
    assert rows["indicators[2.1.1].readiness"][3] == "尚无基础"
    # the model's one describe(key) (was the import preview's own "指标 2.1.1 …：牵头单位")
    assert rows["indicators[2.1.1].lead_unit"][0] == "2.1.1 城乡规划 · 牵头单位"
    assert session.value("indicators[2.1.1].lead_unit") == old_lead  # nothing applied yet
    assert "2" in dlg.summary.text() and dlg.apply_button.isEnabled()
    with qtbot.waitSignal(session.reset, timeout=5_000):
        dlg.apply_button.click()
    assert session.value("indicators[2.1.1].lead_unit") == "区规划分局"
    assert session.value("indicators[2.1.1].readiness") == "none"
    assert dlg.result() == dlg.DialogCode.Accepted


def test_import_refusal_lists_cells_and_applies_nothing(session: DossierSession, workbook: Path, qtbot: Any) -> None:
    _set(workbook, "#indicators", "indicators[3.1.1]", "deadline", "下半年")
    _set(workbook, "#indicators", "indicators[3.1.2]", "target", "合法修改")
    dlg = ExcelImportDialog(session)
    qtbot.addWidget(dlg)
    assert not load_workbook(qtbot, dlg, workbook)
    assert not dlg.apply_button.isEnabled() and dlg.values == {}
    assert dlg.table.rowCount() == 1
    assert dlg.table.item(0, 0).text() == "指标自评" and dlg.table.item(0, 1).text().startswith("M")
    assert "未导入任何内容" in dlg.summary.text()
    assert session.value("indicators[3.1.2].target") != "合法修改"


def test_import_of_a_fake_file_is_a_message(session: DossierSession, tmp_path: Path, qtbot: Any) -> None:
    fake = tmp_path / "表.xlsx"
    fake.write_text("not excel", encoding="utf-8")
    dlg = ExcelImportDialog(session)
    qtbot.addWidget(dlg)
    assert not load_workbook(qtbot, dlg, fake)
    assert "不是有效的 Excel" in dlg.summary.text()


def test_unchanged_workbook_has_nothing_to_apply(session: DossierSession, workbook: Path, qtbot: Any) -> None:
    dlg = ExcelImportDialog(session)
    qtbot.addWidget(dlg)
    assert load_workbook(qtbot, dlg, workbook)
    assert dlg.table.rowCount() == 0 and not dlg.apply_button.isEnabled()
    assert "没有需要导入的修改" in dlg.summary.text()
