"""分发给各部门 (issue 15): units with their counts, reassignment, due date and route each, the covering note."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit

from smartcity_desktop.departments import read_package
from smartcity_desktop.ui.dialogs.hand_out import HandOutDialog


def _row(dialog: HandOutDialog, unit: str) -> int:
    return next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == unit)


def test_units_counts_reassignment_and_packages(qtbot, session, tmp_path: Path) -> None:
    dialog = HandOutDialog(session)
    qtbot.addWidget(dialog)
    row = _row(dialog, "区水务局")
    assert [dialog.table.item(row, c).text() for c in (1, 2)] == ["3", "1"]
    dialog.table.setCurrentCell(row, 0)
    assert dialog.items.count() == 4 and "2.2.1" in dialog.items.item(0).text()
    assert "区水务局" in dialog.note.toPlainText() and "2.2.1" in dialog.note.toPlainText()
    # reassign 2.2.3 to 区城市管理局: an undoable edit of its lead unit, counts follow
    dialog.items.item(2).setSelected(True)
    dialog.reassign_to.setCurrentText("区城市管理局")
    dialog.reassign_button.click()
    assert session.value("indicators[2.2.3].lead_unit") == "区城市管理局"
    assert dialog.table.item(_row(dialog, "区水务局"), 1).text() == "2"
    assert dialog.table.item(_row(dialog, "区城市管理局"), 1).text() == "5"
    session.undo_stack.undo()
    assert session.value("indicators[2.2.3].lead_unit") == "区水务局"
    dialog.reload()
    # only two units, one by workbook, each with its own due date
    for r in range(dialog.table.rowCount()):
        dialog.table.item(r, 0).setCheckState(
            dialog.table.item(r, 0).checkState().Checked if dialog.table.item(r, 0).text() in ("区水务局", "区卫生局")
            else dialog.table.item(r, 0).checkState().Unchecked)
    water, health = _row(dialog, "区水务局"), _row(dialog, "区卫生局")
    dialog.table.cellWidget(water, 3).setDate(QDate(2026, 12, 20))
    assert isinstance(dialog.table.cellWidget(health, 4), QComboBox)
    dialog.table.cellWidget(health, 4).setCurrentIndex(1)  # Excel workbook
    dialog.table.setCurrentCell(health, 0)
    assert "Excel" in dialog.note.toPlainText() and "区卫生局.xlsx" in dialog.note.toPlainText()
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.note.toPlainText()
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.write_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert sorted(p.name for p in dialog.written) == ["区卫生局.xlsx", "区水务局.scpart"]
    assert "2 个工作包" in dialog.summary.text()
    pkg = read_package(tmp_path / "out" / "区水务局.scpart")
    assert pkg.manifest.due == "2026-12-20" and pkg.manifest.assignment.indicators == ("2.2.1", "2.2.2", "2.2.3")
    assert isinstance(dialog.table.cellWidget(water, 3), QDateEdit)


def test_existing_packages_are_not_overwritten(qtbot, session, tmp_path: Path) -> None:
    dialog = HandOutDialog(session)
    qtbot.addWidget(dialog)
    for r in range(dialog.table.rowCount()):
        item = dialog.table.item(r, 0)
        item.setCheckState(item.checkState().Checked if item.text() == "区卫生局" else item.checkState().Unchecked)
    (tmp_path / "区卫生局.scpart").write_bytes(b"returned already")
    dialog.folder.setText(str(tmp_path))
    dialog.write()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert "已存在" in dialog.summary.text() and (tmp_path / "区卫生局.scpart").read_bytes() == b"returned already"


def test_drag_an_indicator_onto_another_unit(qtbot, session) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDropEvent

    dialog = HandOutDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.setCurrentCell(_row(dialog, "区水务局"), 0)
    dialog.items.item(1).setSelected(True)  # 2.2.2
    mime = dialog.items.model().mimeData([dialog.items.indexFromItem(dialog.items.item(1))])
    target = _row(dialog, "区环境保护局")
    rect = dialog.table.visualRect(dialog.table.model().index(target, 0))
    drop = QDropEvent(QPointF(rect.center()), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    dialog.table.dropEvent(drop)
    assert session.value("indicators[2.2.2].lead_unit") == "区环境保护局"
    assert dialog.table.item(_row(dialog, "区环境保护局"), 1).text() == "2"
    session.undo_stack.undo()
    assert session.value("indicators[2.2.2].lead_unit") == "区水务局"
