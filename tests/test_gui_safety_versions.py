"""GUI safety versions: a restore and an Excel import first keep the state before them as an automatic
version, which is listed in the versions dialog and brought back in one click ("撤销这次恢复",
"撤销这次导入"); a workbook of another dossier is a refusal in the dialog, nothing applied."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from gui_helpers import load_workbook
from smartcity_desktop.export import XLSX_NAME, export_dossier
from smartcity_desktop.export.workbook_layout import META_SHEET
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui import MainWindow
from smartcity_desktop.ui.dialogs.import_preview import ExcelImportDialog
from smartcity_desktop.ui.dialogs.versions import VersionsDialog

pytestmark = pytest.mark.gui


def _edit_workbook(path: Path, owner: str, field: str, value: Any, dossier_id: str | None = None) -> None:
    wb = openpyxl.load_workbook(path)
    ws = next(w for w in wb.worksheets if w["A1"].value == "#indicators")
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == owner)
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == field)
    ws.cell(row, col).value = value
    if dossier_id is not None:
        meta = wb[META_SHEET]
        row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "dossier")
        meta.cell(row, 2).value = dossier_id
    wb.save(path)


def test_restore_keeps_the_state_before_and_one_click_brings_it_back(qtbot: Any, demo_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    dialog = VersionsDialog(w.session, w)
    qtbot.addWidget(dialog)
    dialog.show()
    intro = dialog.findChildren(type(dialog.notice))[0].text()
    assert "仍保留在修改记录中" not in intro and "自动" in intro  # the promise now has a view behind it
    assert dialog.notice.isHidden() and dialog.undo_restore_button.isHidden()
    before = w.session.value("applicant.leader")
    vid = dialog.make_version("报送省厅前")
    w.session.set_value("applicant.leader", "李四")  # work done after the version: must not be lost
    dialog.table.selectRow(0)
    asked: list[str] = []

    def yes(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    dialog.restore_selected()
    assert w.session.value("applicant.leader") == before
    assert "自动保存" in asked[0] and "撤销这次恢复" in asked[0]
    safety = w.session.last_safety_version
    infos = {v.id: v for v in w.session.pf.versions()}
    assert infos[safety].automatic and not infos[vid].automatic
    assert w.session.pf.version_values(safety)["applicant.leader"] == "李四"
    # listed (newest first), marked, selected, and offered back
    assert dialog.table.rowCount() == 2 and "（自动）" in dialog.table.item(0, 0).text()
    assert dialog.selected_id() == safety
    assert not dialog.notice.isHidden() and infos[safety].name in dialog.notice.text()
    assert not dialog.undo_restore_button.isHidden()
    dialog.undo_restore_button.click()  # one click, no question
    assert w.session.value("applicant.leader") == "李四"
    assert w.show_page("applicant").input_for("applicant.leader").text() == "李四"
    assert len(w.session.pf.versions()) == 3  # the undo itself kept the restored state too
    w.close()


def test_excel_import_can_be_undone_in_one_click(qtbot: Any, demo_path: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    book = export_dossier(w.session.pf, tmp_path, ["xlsx"])[0]  # <申报单位>-指标自评表.xlsx
    old = w.session.value("indicators[2.1.1].lead_unit")
    _edit_workbook(book, "indicators[2.1.1]", "lead_unit", "区规划分局")

    def run_dialog(dlg: ExcelImportDialog) -> int:  # what the user does in the modal dialog
        assert load_workbook(qtbot, dlg, book)
        assert "版本" in dlg.summary.text()
        dlg.apply_button.click()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ExcelImportDialog, "exec", run_dialog)
    review = w.show_page("review")
    assert review.undo_import_button.isHidden()
    review.open_import()
    assert w.session.value("indicators[2.1.1].lead_unit") == "区规划分局"
    safety = w.session.last_safety_version
    info = w.session.pf.version(safety)
    assert info.name.startswith("导入前自动保存") and XLSX_NAME in info.name
    assert not review.undo_import_button.isHidden() and info.name in review.import_notice.text()
    review.undo_import_button.click()
    assert w.session.value("indicators[2.1.1].lead_unit") == old
    assert review.undo_import_button.isHidden() and "已撤销导入" in review.import_notice.text()
    automatic = [v for v in w.session.pf.versions() if v.automatic]
    assert len(automatic) == 2  # before the import, and before its undo (so the import is not lost either)
    w.close()


def test_workbook_of_another_dossier_is_refused_in_the_dialog(qtbot: Any, demo_path: Path, tmp_path: Path) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    book = export_dossier(w.session.pf, tmp_path, ["xlsx"])[0]  # <申报单位>-指标自评表.xlsx
    _edit_workbook(book, "indicators[2.1.1]", "lead_unit", "别处的单位", dossier_id="f" * 32)
    dlg = ExcelImportDialog(w.session)
    qtbot.addWidget(dlg)
    assert not load_workbook(qtbot, dlg, book)
    assert "另一份卷宗" in dlg.summary.text() and not dlg.apply_button.isEnabled()
    assert w.session.value("indicators[2.1.1].lead_unit") != "别处的单位"
    w.close()


def test_workbook_without_an_id_imports_with_a_warning(qtbot: Any, demo_path: Path, tmp_path: Path) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    book = export_dossier(w.session.pf, tmp_path, ["xlsx"])[0]  # <申报单位>-指标自评表.xlsx
    _edit_workbook(book, "indicators[2.1.1]", "lead_unit", "区规划分局", dossier_id="")
    dlg = ExcelImportDialog(w.session)
    qtbot.addWidget(dlg)
    assert load_workbook(qtbot, dlg, book)
    assert "没有卷宗标识" in dlg.summary.text() and dlg.apply_button.isEnabled()
    w.close()


def test_restore_is_one_undo_step_through_the_real_window(qtbot: Any, demo_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo (Ctrl+Z) after a restore brings back the state before it (the automatic safety version stays);
    redo restores again; the change log names where each value came from."""
    from gui_helpers import commit_text

    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    dialog = VersionsDialog(w.session, w)
    qtbot.addWidget(dialog)
    before = w.session.value("applicant.leader")
    named = dialog.make_version("报送省厅前")
    w.go_to("applicant.leader")
    commit_text(w.focusWidget(), "李四")
    typed = w.session.value("applicant.leader")
    assert typed != before and typed.endswith("李四")
    w.go_to("indicators[2.1.1].measures")
    commit_text(w.focusWidget(), "恢复后要撤回的措施")
    measures = w.session.value("indicators[2.1.1].measures")
    assert "恢复后要撤回的措施" in measures
    w.session.save_now()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    dialog.table.selectRow(0)
    dialog.restore_selected()
    assert w.session.value("applicant.leader") == before
    safety = w.session.last_safety_version
    assert safety is not None and w.session.pf.version(safety).automatic
    steps = w.session.undo_stack.count()
    assert "报送省厅前" in w.session.undo_stack.undoText()
    dialog.close()
    w.registry["edit.undo"].trigger()  # Ctrl+Z (test_gui_mainwindow checks the key reaches this action)
    assert w.session.value("applicant.leader") == typed  # the whole restore is one step
    assert w.session.value("indicators[2.1.1].measures") == measures
    assert w.show_page("applicant").input_for("applicant.leader").text() == typed
    assert w.session.undo_stack.index() == steps - 1
    assert w.session.pf.version(safety).automatic  # the safety version stays as it is
    w.session.save_now()
    assert not w.session.has_unsaved
    undo_row = w.session.pf.changes("applicant.leader", limit=1)[0]
    assert undo_row.new == typed and undo_row.source == f"restore:{safety}"

    w.registry["edit.redo"].trigger()
    assert w.session.value("applicant.leader") == before
    w.session.save_now()
    assert w.session.pf.changes("applicant.leader", limit=1)[0].source == f"restore:{named}"
    w.close()
    with ProjectFile.open(demo_path) as pf:  # what the window wrote is what the file holds
        assert pf.dossier.get("applicant.leader") == before


def test_excel_import_is_one_undo_step(qtbot: Any, demo_path: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    book = export_dossier(w.session.pf, tmp_path, ["xlsx"])[0]
    old = w.session.value("indicators[2.1.1].lead_unit")
    _edit_workbook(book, "indicators[2.1.1]", "lead_unit", "区规划分局")

    def run_dialog(dlg: ExcelImportDialog) -> int:
        assert load_workbook(qtbot, dlg, book)  # read in the background
        dlg.apply_button.click()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ExcelImportDialog, "exec", run_dialog)
    w.show_page("review").open_import()
    assert w.session.value("indicators[2.1.1].lead_unit") == "区规划分局"
    assert XLSX_NAME in w.session.undo_stack.undoText()
    w.registry["edit.undo"].trigger()
    assert w.session.value("indicators[2.1.1].lead_unit") == old
    w.registry["edit.redo"].trigger()
    assert w.session.value("indicators[2.1.1].lead_unit") == "区规划分局"
    w.close()


def test_undoing_a_restore_hides_again_the_attachments_it_brought_back(qtbot: Any, demo_path: Path,
                                                                       tmp_path: Path) -> None:
    """A restore lists again the attachments its version links; Ctrl+Z takes the whole restore back, those
    attachments hidden again as they were (removal time kept), and Ctrl+Y brings them back, through the one
    write path: the change log says what happened to the field's links."""
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    pf = w.session.pf
    key = "conditions[2].documents"
    evidence = tmp_path / "规划纲要.txt"
    evidence.write_text("纲要", encoding="utf-8")
    att = w.session.add_attachment(key, str(evidence))
    linked = w.session.value(key)
    named = VersionsDialog(w.session, w).make_version("附件齐全")
    w.session.remove_attachment(att.id)
    unlinked = w.session.value(key)
    removed_at = pf.database.read_one("SELECT removed_at FROM attachments WHERE id = ?", (att.id,))[0]
    assert removed_at and att.id not in {a.id for a in pf.attachments()}
    overview = w.show_page("attachments")
    listed = overview.tree.topLevelItemCount()

    w.session.restore_version(named)
    assert w.session.value(key) == linked and att.id in {a.id for a in pf.attachments(key)}
    assert overview.tree.topLevelItemCount() == listed + 1
    safety = w.session.last_safety_version

    w.registry["edit.undo"].trigger()
    assert w.session.value(key) == unlinked
    assert att.id not in {a.id for a in pf.attachments()}  # hidden again at once, as before the restore
    assert overview.tree.topLevelItemCount() == listed
    assert att.id not in pf.dossier.attachment_ids
    assert pf.database.read_one("SELECT removed_at FROM attachments WHERE id = ?", (att.id,))[0] == removed_at
    assert not w.session.has_unsaved
    row = pf.changes(key, limit=1)[0]
    assert (row.old, row.new, row.source) == (linked, unlinked, f"restore:{safety}")

    w.registry["edit.redo"].trigger()
    assert w.session.value(key) == linked and att.id in {a.id for a in pf.attachments(key)}
    assert overview.tree.topLevelItemCount() == listed + 1
    w.session.save_now()
    assert pf.changes(key, limit=1)[0].source == f"restore:{named}"
    w.registry["edit.undo"].trigger()
    w.close()
    with ProjectFile.open(demo_path, readonly=True) as again:  # what the window wrote is what the file holds
        assert again.dossier.get(key) == unlinked and att.id not in {a.id for a in again.attachments()}
