"""The GUI session on the one write path: undo steps hold the document's Edit objects, every applied edit (typed,
undone, written by the store) reaches the views through the document, and a read-only file refuses edits."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from smartcity_desktop.model.document import Edit
from smartcity_desktop.store import ProjectFile, ReadOnly
from smartcity_desktop.ui.shell.session import DossierSession, SetFieldsCommand

pytestmark = pytest.mark.gui


def test_undo_steps_hold_edits_and_views_hear_every_applied_one(qtbot: Any, empty_path: Path) -> None:
    session = DossierSession(ProjectFile.open(empty_path))
    heard: list[list[str]] = []
    session.valuesChanged.connect(heard.append)
    for text in ("李", "李四"):  # a burst of typing in one field: one step
        session.set_value("applicant.leader", text, merge=True, text="负责人")
    assert session.undo_stack.count() == 1
    command = session.undo_stack.command(0)
    assert isinstance(command, SetFieldsCommand) and isinstance(command.edit, Edit)
    assert command.edit.changes == {"applicant.leader": (None, "李四")}
    session.undo_stack.undo()
    assert session.value("applicant.leader") is None
    session.pf.set("applicant.unit", "规划局")  # a write that did not come from the session: heard too
    assert heard == [["applicant.leader"]] * 3 + [["applicant.unit"]]
    session.close()
    with ProjectFile.open(empty_path) as pf:
        assert pf.dossier.get("applicant.unit") == "规划局" and pf.dossier.get("applicant.leader") is None


def test_a_read_only_session_refuses_edits(qtbot: Any, empty_path: Path) -> None:
    session = DossierSession(ProjectFile.open(empty_path, readonly=True))
    with pytest.raises(ReadOnly):
        session.set_value("applicant.leader", "李四")
    with pytest.raises(ReadOnly):
        session.set_values({"applicant.leader": "李四"}, "批量")
    assert session.value("applicant.leader") is None and session.undo_stack.count() == 0
    session.close()


def test_a_work_packages_edit_guard_also_holds_for_the_gui(qtbot: Any, empty_path: Path) -> None:
    from collections.abc import Mapping

    from smartcity_desktop.errors import DataProblem

    def only_the_unit(values: Mapping[str, Any]) -> None:
        if any(k != "applicant.leader" for k in values):
            raise DataProblem("不是本单位的字段")

    session = DossierSession(ProjectFile.open(empty_path))
    session.pf.edit_guard = only_the_unit
    session.set_value("applicant.leader", "李四")
    with pytest.raises(DataProblem):
        session.set_value("applicant.unit", "规划局")
    with pytest.raises(DataProblem):
        session.set_values({"applicant.leader": "王五", "applicant.unit": "规划局"}, "批量")
    assert session.value("applicant.leader") == "李四" and session.value("applicant.unit") is None
    assert session.undo_stack.count() == 1
    session.close()
