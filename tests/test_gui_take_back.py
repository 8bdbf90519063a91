"""收回与合并 (issue 15): a summary per package before anything is written, the merge in the background,
one conflict left for the conflict view, and the whole round undoable by the safety version."""
from __future__ import annotations

from pathlib import Path

import pytest

from smartcity_desktop.departments import guard, split_dossier
from smartcity_desktop.departments.package import read_package
from smartcity_desktop.departments.preview import preview_merge
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui.dialogs.conflicts import ConflictsDialog, read_conflicts
from smartcity_desktop.ui.dialogs.take_back import TakeBackDialog, scan_folder

HEALTH, WATER = "区卫生局", "区水务局"
HEALTH_TARGET = "indicators[3.2.5].target"
WATER_TARGET = "indicators[2.2.1].target"
WATER_MEASURES = "indicators[2.2.1].measures"


def _fill(path: Path, values: dict[str, str]) -> None:
    pkg = ProjectFile.open(path)
    try:
        guard(pkg)
        pkg.set_many(values)
        pkg.flush()
    finally:
        pkg.close()


@pytest.fixture
def round_trip(demo_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two units' packages returned into one folder; the office changed one of the same fields meanwhile."""
    out = tmp_path / "returned"
    pf = ProjectFile.open(demo_path)
    try:
        split_dossier(pf, out, units=[HEALTH, WATER], due="2026-12-31")
        pf.set_many({WATER_TARGET: "牵头办公室改写的供水目标。"})
        pf.flush()
    finally:
        pf.close()
    _fill(out / f"{HEALTH}.scpart", {HEALTH_TARGET: "到2016年，电子病历覆盖率达到95%。"})
    _fill(out / f"{WATER}.scpart", {WATER_TARGET: "水务局写的供水目标。", WATER_MEASURES: "建设供水管网监测系统。"})
    return demo_path, out


def test_preview_writes_nothing(round_trip) -> None:
    dossier_path, out = round_trip
    pf = ProjectFile.open(dossier_path)
    try:
        before = pf.committed_values()
        packages = [read_package(p, dossier=pf.dossier) for p in scan_folder(out)]
        report = preview_merge(pf, packages)
        by_unit = {p.unit: p for p in report.packages}
        assert by_unit[HEALTH].taken == [HEALTH_TARGET] and not by_unit[HEALTH].conflicts
        assert [c["key"] for c in by_unit[WATER].conflicts] == [WATER_TARGET]
        assert WATER_MEASURES in by_unit[WATER].taken
        assert pf.committed_values() == before and pf.department_state("conflict:") == {}
    finally:
        pf.close()


def test_the_round_in_the_dialog_then_the_conflict_view(qtbot, session_on, round_trip) -> None:
    dossier_path, out = round_trip
    session = session_on(dossier_path)
    dialog = TakeBackDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths(scan_folder(out))
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is not None, timeout=20000)
    rows = {dialog.table.item(r, 1).text(): [dialog.table.item(r, c).text() for c in range(2, 5)]
            for r in range(dialog.table.rowCount())}
    assert rows[HEALTH] == ["1", "0", "0"] and rows[WATER][2] == "1"
    assert "尚未写入" in dialog.summary.text()
    assert dialog.undo_button.isHidden() and dialog.conflicts_button.isHidden()  # nothing merged yet
    assert session.value(HEALTH_TARGET) != "到2016年，电子病历覆盖率达到95%。"  # nothing written yet
    assert dialog.merge_button.isEnabled()
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.merged is not None, timeout=20000)
    assert session.value(HEALTH_TARGET) == "到2016年，电子病历覆盖率达到95%。"
    assert session.value(WATER_MEASURES) == "建设供水管网监测系统。"
    assert session.value(WATER_TARGET) == "牵头办公室改写的供水目标。"  # ours kept until decided
    assert not dialog.conflicts_button.isHidden() and not dialog.undo_button.isHidden()
    assert any(f.key == WATER_TARGET and f.rule == "merge.conflict" for f in session.findings())
    from smartcity_desktop.ui.shell.outline import error_pages

    assert "indicators[2.2.1]" in error_pages(session.findings())  # the outline marks the page as having errors
    # the conflict view: take the unit's text
    view = ConflictsDialog(session)
    qtbot.addWidget(view)
    view.show()
    assert view.current_key() == WATER_TARGET
    assert WATER in view.theirs_title.text()
    view.take_theirs.click()
    assert session.value(WATER_TARGET) == "水务局写的供水目标。"
    assert read_conflicts(session.pf) == []
    assert not any(f.rule == "merge.conflict" for f in session.findings())
    assert "indicators[2.2.1]" not in error_pages(session.findings())
    history = session.pf.changes(HEALTH_TARGET)
    assert history[0].unit == HEALTH and history[0].source.startswith("merge:")
    # merging the same packages again after the decision changes nothing and brings no conflict back
    again = TakeBackDialog(session)
    qtbot.addWidget(again)
    again.add_paths(scan_folder(out))
    qtbot.waitUntil(lambda: not again.busy and again.preview is not None, timeout=20000)
    assert again.preview.conflicts == 0 and not any(p.taken for p in again.preview.packages)


def test_keeping_ours_in_the_view_is_remembered_by_later_merges(qtbot, session_on, round_trip) -> None:
    dossier_path, out = round_trip
    session = session_on(dossier_path)
    dialog = TakeBackDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths(scan_folder(out))
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is not None, timeout=20000)
    dialog.merge()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.merged is not None, timeout=20000)
    view = ConflictsDialog(session)
    qtbot.addWidget(view)
    view.take_ours.click()
    assert session.value(WATER_TARGET) == "牵头办公室改写的供水目标。" and read_conflicts(session.pf) == []
    from smartcity_desktop.departments.preview import preview_merge

    session.save_now()
    report = preview_merge(session.pf, [read_package(p, dossier=session.dossier) for p in scan_folder(out)])
    assert report.conflicts == 0
    session.undo_stack.undo()  # the decision undone: the conflict is back, and so is the package's old state
    assert [c.key for c in read_conflicts(session.pf)] == [WATER_TARGET]
    report = preview_merge(session.pf, [read_package(p, dossier=session.dossier) for p in scan_folder(out)])
    assert report.conflicts == 1


def test_undo_the_merge_restores_the_dossier(qtbot, session_on, round_trip) -> None:
    dossier_path, out = round_trip
    session = session_on(dossier_path)
    before = session.value(HEALTH_TARGET)
    dialog = TakeBackDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths(scan_folder(out))
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is not None, timeout=20000)
    dialog.merge()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.merged is not None, timeout=20000)
    dialog.undo_button.click()
    assert session.value(HEALTH_TARGET) == before


def test_a_foreign_package_is_refused_before_anything(qtbot, session_on, round_trip, tmp_path: Path,
                                                      empty_path: Path) -> None:
    _dossier_path, out = round_trip
    session = session_on(empty_path)
    dialog = TakeBackDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths([out / f"{HEALTH}.scpart"])
    qtbot.waitUntil(lambda: not dialog.busy and dialog.summary.text() != "", timeout=20000)
    assert "另一份卷宗" in dialog.summary.text() and not dialog.merge_button.isEnabled()
    (tmp_path / "note.xlsx").write_bytes(b"not a workbook")
    dialog.add_paths([tmp_path / "note.xlsx"])
    qtbot.waitUntil(lambda: not dialog.busy and dialog.table.rowCount() == 2 and dialog.table.item(1, 5).text()
                    not in ("", "检查中…"), timeout=20000)
    assert dialog.table.item(1, 5).text()


@pytest.fixture
def session_on():
    from smartcity_desktop.ui.shell.session import DossierSession

    opened = []

    def open_(path: Path) -> DossierSession:
        s = DossierSession(ProjectFile.open(path))
        opened.append(s)
        return s

    yield open_
    for s in opened:
        s.close()


def test_encrypted_packages_are_read_with_the_dossiers_passphrase(qtbot, session_on, tmp_path: Path, scheme,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """An encrypted dossier's packages are sealed with its key; without a cached key the passphrase is asked
    (here it comes from SMARTCITY_PASSPHRASE, as headless use does)."""
    monkeypatch.setenv("SMARTCITY_PASSPHRASE", "一二三四五六七八-secret")
    path = tmp_path / "sealed.scdossier"
    ProjectFile.create(path, scheme, passphrase="一二三四五六七八-secret", values={
        "applicant.name": "保密区", "indicators[1.1.1].lead_unit": "区发改局",
        "indicators[1.1.1].target": "原来的目标"}).close()
    pf = ProjectFile.open(path)
    try:
        [package] = split_dossier(pf, tmp_path / "out")
    finally:
        pf.close()
    assert "原来的目标".encode() not in package.read_bytes()
    _fill(package, {"indicators[1.1.1].target": "发改局写的目标"})
    session = session_on(path)
    dialog = TakeBackDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths([package])
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is not None, timeout=20000)
    dialog.merge()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.merged is not None, timeout=20000)
    assert session.value("indicators[1.1.1].target") == "发改局写的目标"
