"""The analysis page: reached from the outline, filled off the UI thread, findings jump to their
field, a dismissal with a reason is written to the dossier file and can be undone."""
from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import commit_text

from smartcity_desktop.analysis import dismissal_key
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui import MainWindow
from smartcity_desktop.ui.pages.analysis import ID_ROLE, KEY_ROLE, AnalysisPage

pytestmark = pytest.mark.gui


def _plant(path: Path) -> None:
    with ProjectFile.open(path) as pf:
        pf.set("profile.overview", pf.dossier.get("profile.overview").replace("常住人口58.6万人", "常住人口62.3万人"))
        pf.set("indicators[1.1.1].readiness", "none")
        pf.flush()


def _open_analysis(qtbot, window: MainWindow) -> AnalysisPage:
    window.outline.pageChosen.emit("analysis")
    page = window.pages["analysis"]
    assert isinstance(page, AnalysisPage)
    qtbot.waitUntil(lambda: page.result is not None, timeout=5000)
    return page


@pytest.fixture
def window(qtbot, demo_path: Path) -> MainWindow:
    _plant(demo_path)
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_page_shows_readiness_findings_and_note(qtbot, window: MainWindow, scheme) -> None:
    assert "analysis" in window.outline.pages
    page = _open_analysis(qtbot, window)
    assert page.worker is not None and not page.worker.running
    assert [r.id for r in page.chart.rows] == [l2.id for l1 in scheme.level1 for l2 in l1.children]
    assert "保障体系" in page.chart.accessibleDescription()
    assert "不是官方" in page.note.text()
    messages = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert any("62.3万人" in m for m in messages) and any(m.startswith("1.1.1") for m in messages)
    assert page.coverage.rowCount() == sum(1 for c in page.result.coverage if c.applicable)


def test_finding_jumps_to_its_field(qtbot, window: MainWindow) -> None:
    page = _open_analysis(qtbot, window)
    item = next(page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())
                if "62.3万人" in page.tree.topLevelItem(i).text(0))
    page.tree.itemActivated.emit(item, 0)
    assert window.current_page == "applicant"
    assert window.focusWidget().objectName() == "profile.overview"


def test_dismiss_with_reason_is_saved_and_undoable(qtbot, window: MainWindow, demo_path: Path) -> None:
    page = _open_analysis(qtbot, window)
    first = page.tree.topLevelItem(0)
    fid = first.data(0, ID_ROLE)
    page.tree.setCurrentItem(first)
    assert page.reason.objectName() == dismissal_key(fid)
    assert not page.dismiss_button.isEnabled()  # a reason is required
    commit_text(page.reason, "文中为2012年快报数")
    assert page.dismiss_button.isEnabled()
    page.dismiss_button.click()
    qtbot.waitUntil(lambda: all(f.id != fid for f in page.result.findings), timeout=5000)
    assert [f.dismissed_reason for f in page.result.dismissed] == ["文中为2012年快报数"]
    assert window.save_now()
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert pf.dossier.get(dismissal_key(fid)) == "文中为2012年快报数"
    # go_to(the dismissal key) lands on the reason box of that finding
    assert window.go_to(dismissal_key(fid))
    assert window.focusWidget() is page.reason and page.current_id() == fid
    window.undo()
    window.show_page("analysis")
    qtbot.waitUntil(lambda: any(f.id == fid for f in page.result.findings), timeout=5000)
    assert page.result.dismissed == []


def test_edits_update_the_page_in_the_background(qtbot, window: MainWindow) -> None:
    page = _open_analysis(qtbot, window)
    before = len(page.result.findings)
    window.session.set_value("indicators[1.1.2].readiness", "none")
    qtbot.waitUntil(lambda: len(page.result.findings) == before + 1, timeout=5000)


def test_export_dialog_adds_the_readiness_sheet_on_request(session, qtbot, tmp_path: Path) -> None:
    import openpyxl

    from smartcity_desktop.export import XLSX_NAME
    from smartcity_desktop.export.readiness_sheet import sheet_name
    from smartcity_desktop.ui.dialogs.export import ExportDialog

    dlg = ExportDialog(session)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.folder.setText(str(tmp_path))
    dlg.docx.setChecked(False)
    dlg.pdf.setChecked(False)
    dlg.xlsx.setChecked(False)
    assert not dlg.readiness.isEnabled()  # only the workbook carries it
    dlg.xlsx.setChecked(True)
    assert dlg.readiness.isEnabled() and not dlg.readiness.isChecked()
    assert "不是官方" in dlg.readiness.accessibleName()
    dlg.readiness.setChecked(True)
    with qtbot.waitSignal(dlg.finished_export, timeout=30_000):
        dlg.start.click()
    (workbook,) = tmp_path.glob(f"*{XLSX_NAME}")  # named after the applicant
    assert sheet_name() in openpyxl.load_workbook(workbook).sheetnames


def test_orphan_project_jumps_to_the_projects_page(qtbot, window: MainWindow) -> None:
    page = _open_analysis(qtbot, window)
    pid, values = window.session.dossier.new_project_values("智慧停车")
    window.session.set_values(values | {f"projects[{pid}].investment_wan": 500,
                                        f"projects[{pid}].indicators": ["2.2.6"]}, "test")
    key = f"projects[{pid}].indicators"
    qtbot.waitUntil(lambda: any(f.key == key for f in page.result.findings), timeout=5000)
    item = next(page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())
                if page.tree.topLevelItem(i).data(0, KEY_ROLE) == key)
    page.tree.itemActivated.emit(item, 0)
    assert window.current_page == "projects"


def test_read_only_dossier_cannot_dismiss(qtbot, demo_path: Path) -> None:
    _plant(demo_path)
    w = MainWindow(demo_path, readonly=True)
    qtbot.addWidget(w)
    w.show()
    page = _open_analysis(qtbot, w)
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    page.reason.setText("理由")
    assert not page.reason.isEnabled() and not page.dismiss_button.isEnabled()
    page.dismiss_current()
    assert not any(k.startswith("analysis.") for k in w.session.dossier.values())
