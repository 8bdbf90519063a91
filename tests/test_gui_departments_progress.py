"""各部门进度 and the per-field history (issue 15)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QPlainTextEdit

from smartcity_desktop.departments import (
    guard,
    merge_packages,
    read_package,
    split_dossier,
)
from smartcity_desktop.departments.status import HANDOUT_PREFIX, unit_statuses
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui.dialogs.departments_progress import (
    DepartmentsProgressDialog,
    source_text,
)

HEALTH, WATER = "区卫生局", "区水务局"
TARGET = "indicators[3.2.5].target"


def _returned_round(demo_path: Path, tmp_path: Path) -> None:
    pf = ProjectFile.open(demo_path)
    try:
        [path] = split_dossier(pf, tmp_path / "out", units=[HEALTH])
        pf.set_department_state({HANDOUT_PREFIX + HEALTH: {"due": "2026-01-10", "at": "2025-12-20T09:00:00"},
                                 HANDOUT_PREFIX + WATER: {"due": "2026-01-10", "at": "2025-12-20T09:00:00"}})
        pkg = ProjectFile.open(path)
        try:
            guard(pkg)
            pkg.set_many({TARGET: "卫生局交回的目标。"})
            pkg.flush()
        finally:
            pkg.close()
        merge_packages(pf, [read_package(path, dossier=pf.dossier)])
    finally:
        pf.close()


def test_status_per_unit(demo_path: Path, tmp_path: Path) -> None:
    _returned_round(demo_path, tmp_path)
    pf = ProjectFile.open(demo_path)
    try:
        rows = {s.unit: s for s in unit_statuses(pf)}
    finally:
        pf.close()
    health, water = rows[HEALTH], rows[WATER]
    assert (health.indicators, health.projects) == (1, 1) and (water.indicators, water.projects) == (3, 1)
    assert health.returned and not water.returned
    assert not health.overdue(date(2026, 2, 1)) and water.overdue(date(2026, 2, 1))
    assert not water.overdue(date(2026, 1, 1))
    assert 0 <= water.filled <= 100


def test_dashboard_and_field_history(qtbot, demo_path: Path, tmp_path: Path) -> None:
    _returned_round(demo_path, tmp_path)
    from smartcity_desktop.ui import MainWindow

    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    try:
        dialog = DepartmentsProgressDialog(w.session, w)
        qtbot.addWidget(dialog)
        dialog.reload(today=date(2026, 2, 1))
        cells = {dialog.table.item(r, 0).text(): [dialog.table.item(r, c).text() for c in range(8)]
                 for r in range(dialog.table.rowCount())}
        assert cells[WATER][6] == "未交回" and "逾期" in cells[WATER][5]
        assert cells["区教育局"][6] == "—"  # never handed out: nothing to return
        assert cells[HEALTH][6].startswith("20") and "逾期" not in cells[HEALTH][5]
        assert "1 个已逾期" in dialog.summary.text()
        w.go_to(TARGET)
        binder_widget = w.findChild(QPlainTextEdit, TARGET)
        popover = _binder_of(binder_widget).show_history()
        qtbot.addWidget(popover)
        rows = [[popover.table.item(0, c).text() for c in range(5)]]
        assert rows[0][2] == HEALTH and rows[0][3].startswith(source_text("merge:x").split()[0])
        assert "卫生局交回的目标" in rows[0][4]
    finally:
        w.close()


def _binder_of(widget):
    from smartcity_desktop.ui.widgets.field_widgets import Binder

    return next(b for b in widget.children() if isinstance(b, Binder))
