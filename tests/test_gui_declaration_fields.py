"""Issue 11's fields in the GUI: statistics year and creation period, an indicator's quantified targets."""
from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import commit_text
from PySide6.QtWidgets import QLineEdit

from smartcity_desktop.model.fields import METRIC_FIELDS, PROFILE_FIELDS
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui import MainWindow


@pytest.fixture
def window(qtbot, empty_path: Path) -> MainWindow:
    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("name", ["stats_year", "creation_start_year", "creation_end_year"])
def test_year_fields_on_the_applicant_page(window: MainWindow, name: str) -> None:
    key = f"profile.{name}"
    assert window.go_to(key)
    widget = window.focusWidget()
    assert isinstance(widget, QLineEdit) and widget.objectName() == key
    assert widget.accessibleName() == PROFILE_FIELDS[name].label_text


def test_metrics_table_edits_keys_and_follows_the_indicator(qtbot, window: MainWindow, empty_path: Path) -> None:
    page = window.show_page("indicators[3.3.1]")
    for part, spec in METRIC_FIELDS.items():
        widget = page.input_for(f"indicators[3.3.1].metrics[1].{part}")
        assert widget.objectName() == f"indicators[3.3.1].metrics[1].{part}"
        assert spec.label_text in widget.accessibleName()
    assert window.go_to("indicators[3.3.1].metrics[1].name")
    commit_text(window.focusWidget(), "公交准点率")
    window.go_to("indicators[3.3.1].metrics[1].target")
    commit_text(window.focusWidget(), "90")
    assert window.session.value("indicators[3.3.1].metrics[1].name") == "公交准点率"
    # a key beyond the rows shown gets its row on demand (review page's "jump to the problem")
    assert window.go_to("indicators[3.3.1].metrics[7].unit")
    assert window.focusWidget().objectName() == "indicators[3.3.1].metrics[7].unit"
    # the shared page, shown for another indicator, points every metric input at that indicator
    page = window.show_page("indicators[2.2.1]")
    assert page.input_for("indicators[2.2.1].metrics[1].name").text() == ""
    assert page.input_for("indicators[3.3.1].metrics[1].name") is None
    page = window.show_page("indicators[3.3.1]")
    assert page.input_for("indicators[3.3.1].metrics[1].name").text() == "公交准点率"
    with qtbot.waitSignal(window.session.saved, timeout=4000):
        pass
    window.close()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        assert [(m.name, m.target) for m in pf.dossier.metrics("3.3.1")] == [("公交准点率", "90")]


def test_export_dialog_says_draft_and_font_warning(session, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from smartcity_desktop.ui.dialogs import export as export_dialog

    monkeypatch.setattr(export_dialog, "font_warning", lambda: "注意：本机缺少公文字体 仿宋_GB2312")
    monkeypatch.setattr(export_dialog, "pdf_available", lambda: True)
    dlg = export_dialog.ExportDialog(session)
    qtbot.addWidget(dlg)
    dlg.show()
    assert "没有错误" in dlg.draft_note.text()  # the demo: a final text, no mark
    dlg.pdf.setChecked(False)
    assert not dlg.font_note.isVisible()
    dlg.pdf.setChecked(True)
    assert dlg.font_note.isVisible() and "仿宋_GB2312" in dlg.font_note.text()
    session.set_value("applicant.contact_phone", None)
    again = export_dialog.ExportDialog(session)
    qtbot.addWidget(again)
    assert "草稿" in again.draft_note.text() and "1 处错误" in again.draft_note.text()


def test_gui_export_counts_attached_pdf_pages(session, qtbot, tmp_path: Path) -> None:
    """Page counts are read on the UI thread (the export runs in a worker without the project file)."""
    import io

    from docx import Document
    from pypdf import PdfWriter

    from smartcity_desktop.ui.dialogs.export import ExportDialog

    writer = PdfWriter()
    for _ in range(4):
        writer.add_blank_page(width=595, height=842)
    pdf = io.BytesIO()
    writer.write(pdf)
    src = tmp_path / "纲要全文.pdf"
    src.write_bytes(pdf.getvalue())
    session.pf.add_attachment("conditions[2].documents", src, name="纲要全文.pdf")
    dlg = ExportDialog(session)
    qtbot.addWidget(dlg)
    dlg.folder.setText(str(tmp_path / "out"))
    dlg.docx.setChecked(True)
    dlg.xlsx.setChecked(False)
    dlg.pdf.setChecked(False)
    with qtbot.waitSignal(dlg.finished_export, timeout=30_000):
        dlg.start.click()
    doc = Document(dlg.written[0])
    index = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["序号", "附件名称"])
    row = next(r for r in index.rows if r.cells[1].text == "纲要全文.pdf")
    assert row.cells[3].text == "4"
    assert doc.core_properties.author == session.pf.author
