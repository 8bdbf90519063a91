"""The conflict view (issue 15): side by side with character-level highlighting, one undo step per decision."""
from __future__ import annotations

import pytest

from smartcity_desktop.ui.dialogs.conflicts import (
    CONFLICT_PREFIX,
    ConflictsDialog,
    char_diff,
    diff_html,
    read_conflicts,
)

TARGET = "indicators[1.1.1].target"
MEASURES = "indicators[1.1.1].measures"


def test_char_diff_marks_chinese_characters_not_words() -> None:
    spans = char_diff("到2015年建成区覆盖率达到80%。", "到2016年建成区覆盖率达到90%以上。")
    assert ("removed", "5") in spans and ("added", "6") in spans
    assert ("removed", "8") in spans and ("added", "9") in spans
    assert ("added", "以上") in spans
    assert "".join(t for tag, t in spans if tag != "removed") == "到2016年建成区覆盖率达到90%以上。"
    assert "".join(t for tag, t in spans if tag != "added") == "到2015年建成区覆盖率达到80%。"


def test_diff_html_escapes_text() -> None:
    out = diff_html("A&B", "A&B <公司>")
    assert "&lt;公司&gt;" in out and "<公司>" not in out


@pytest.fixture
def conflicted(session):
    base = session.value(TARGET)
    session.set_value(TARGET, "到2016年，规划纲要经市人大审议通过。")
    session.save_now()
    session.pf.set_department_state({CONFLICT_PREFIX + TARGET: {
        "base": base, "theirs": "到2015年底，规划纲要经市政府常务会议审议通过并公布。",
        "unit": "市发展改革委", "package": "市发展改革委.scpart"}})
    session.undo_stack.clear()
    return session, base


def test_read_conflicts_reports_ours_from_the_dossier(conflicted) -> None:
    session, base = conflicted
    [c] = read_conflicts(session.pf)
    assert (c.key, c.base, c.ours, c.unit) == (TARGET, base, "到2016年，规划纲要经市人大审议通过。", "市发展改革委")


def test_choose_theirs_then_undo_and_redo(qtbot, conflicted) -> None:
    session, _base = conflicted
    dialog = ConflictsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 1
    assert "市发展改革委" in dialog.theirs_title.text()
    assert "background-color" in dialog.theirs_view.toHtml()  # the differences are highlighted
    dialog.take_theirs.click()
    assert session.value(TARGET) == "到2015年底，规划纲要经市政府常务会议审议通过并公布。"
    assert read_conflicts(session.pf) == []
    [change] = session.pf.changes(TARGET, limit=1)  # the unit's value, from its package: not "typed"
    assert change.source.startswith("merge:") and change.source.endswith(".scpart")
    assert dialog.list.count() == 0 and not dialog.done_label.isHidden()
    assert session.undo_stack.count() == 1  # one undo step per decision
    session.undo_stack.undo()
    assert session.value(TARGET) == "到2016年，规划纲要经市人大审议通过。"
    [back] = read_conflicts(session.pf)
    assert back.theirs == "到2015年底，规划纲要经市政府常务会议审议通过并公布。" and back.unit == "市发展改革委"
    assert dialog.list.count() == 1  # the dialog follows the undo
    session.undo_stack.redo()
    assert read_conflicts(session.pf) == []


def test_keep_ours_and_edit(qtbot, conflicted) -> None:
    session, _base = conflicted
    session.pf.set_department_state({CONFLICT_PREFIX + MEASURES: {
        "base": session.value(MEASURES), "theirs": "部门写的措施。", "unit": "市发展改革委"}})
    dialog = ConflictsDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert dialog.select(TARGET)
    dialog.take_ours.click()
    assert session.value(TARGET) == "到2016年，规划纲要经市人大审议通过。"
    assert [c.key for c in read_conflicts(session.pf)] == [MEASURES]
    assert dialog.current_key() == MEASURES
    dialog.editor.setPlainText("合并两边后的措施。")
    dialog.take_edit.click()
    assert session.value(MEASURES) == "合并两边后的措施。"
    assert read_conflicts(session.pf) == [] and session.undo_stack.count() == 2
    session.close()
    from smartcity_desktop.store import ProjectFile

    pf = ProjectFile.open(session.pf.path)  # the decisions are in the file
    try:
        assert pf.dossier.get(MEASURES) == "合并两边后的措施。" and pf.department_state(CONFLICT_PREFIX) == {}
    finally:
        pf.close()


def test_a_value_the_field_refuses_is_explained(qtbot, session) -> None:
    key = f"projects[{session.dossier.project_ids()[0]}].investment_wan"
    session.pf.set_department_state({CONFLICT_PREFIX + key: {"base": 100, "theirs": 120, "unit": "市交通局"}})
    dialog = ConflictsDialog(session)
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText("很多")
    dialog.take_edit.click()
    assert dialog.problem.text() and len(read_conflicts(session.pf)) == 1
    dialog.editor.setPlainText("130")
    dialog.take_edit.click()
    assert session.value(key) == 130 and read_conflicts(session.pf) == []
