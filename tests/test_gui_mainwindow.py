"""The main window through its public contracts: go_to, objectName = field key, outline, Back/Next,
autosave to the file, undo across pages, review jumps."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from gui_helpers import commit_text
from smartcity_desktop.model import APPLICANT_FIELDS, INDICATOR_FIELDS
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui import MainWindow
from smartcity_desktop.ui.widgets.icons import COMPLETE, EMPTY, ERRORS, PARTIAL

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, empty_path: Path) -> MainWindow:
    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def focused(window: MainWindow) -> str:
    """The widget that has (or will get, once the window is active) keyboard focus."""
    widget = window.focusWidget()
    return widget.objectName() if widget else ""


@pytest.mark.parametrize("key", ["applicant.contact_email", "profile.gdp", "conditions[2].evidence",
                                 "conditions[3].status", "indicators[3.3.5].target", "indicators[1.1.1].lead_unit",
                                 "indicators[2.2.4].documents", "safeguards.policy"])
def test_go_to_focuses_the_widget_named_by_the_key(window: MainWindow, key: str) -> None:
    assert window.go_to(key)
    assert focused(window) == key
    assert window.focusWidget().accessibleName()


def test_every_input_of_an_indicator_page_is_named_by_its_key(window: MainWindow) -> None:
    page = window.show_page("indicators[2.1.3]")
    for name, spec in INDICATOR_FIELDS.items():
        key = f"indicators[2.1.3].{name}"
        widget = page.input_for(key)
        assert widget is not None, key
        assert widget.objectName() == key
        assert widget.accessibleName() == spec.label_text
    # the shared indicator page follows the indicator shown
    page = window.show_page("indicators[4.3.3]")
    assert page.input_for("indicators[4.3.3].target").objectName() == "indicators[4.3.3].target"
    assert "4.3.3" in page.title.text()


def test_indicator_page_shows_path_explanation_and_a_summary_mark(window: MainWindow, scheme) -> None:
    summary = next(i for i in scheme.indicators if scheme.is_summary(i.provenance))
    page = window.show_page(f"indicators[{summary.id}]")
    assert page.title.text().startswith(summary.id)
    level1 = scheme.level1_of(summary.id)
    assert level1.label in page.path_label.text()
    assert page.explanation.text()
    assert page.provenance_label.text().startswith("【摘要】")
    verbatim = next(i for i in scheme.indicators if not scheme.is_summary(i.provenance))
    page = window.show_page(f"indicators[{verbatim.id}]")
    assert "摘要" not in page.provenance_label.text()


def test_typed_chinese_is_saved_to_the_file_and_found_after_reopening(qtbot, window: MainWindow,
                                                                      empty_path: Path) -> None:
    window.go_to("indicators[1.1.1].target")
    editor = window.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    commit_text(editor, "2015年底前建成城市公共信息平台")
    window.go_to("applicant.contact_name")
    commit_text(window.focusWidget(), "王晓峰")
    with qtbot.waitSignal(window.session.saved, timeout=4000):
        pass  # autosave within about 2 s, without asking
    assert window.save_label.text().startswith("已保存")
    window.close()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        assert pf.dossier.get("indicators[1.1.1].target") == "2015年底前建成城市公共信息平台"
        assert pf.dossier.get("applicant.contact_name") == "王晓峰"
    again = MainWindow(empty_path)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.go_to("indicators[1.1.1].target")
    assert again.focusWidget().toPlainText() == "2015年底前建成城市公共信息平台"
    again.close()


def test_ctrl_s_commits_at_once(qtbot, window: MainWindow, empty_path: Path) -> None:
    window.go_to("applicant.leader")
    commit_text(window.focusWidget(), "张建国")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.has_unsaved
    with ProjectFile.open(empty_path, readonly=True) as pf:
        assert pf.dossier.get("applicant.leader") == "张建国"


def test_wrong_number_shows_a_message_and_keeps_the_text(qtbot, window: MainWindow) -> None:
    window.go_to("profile.gdp")
    edit = window.focusWidget()
    assert isinstance(edit, QLineEdit)
    qtbot.keyClicks(edit, "12a")
    page = window.stack.currentWidget()
    binder = page.binders["profile.gdp"]
    assert binder.error_label.isVisible()
    assert "数字" in binder.error_label.text()
    assert edit.text() == "12a"
    assert window.session.value("profile.gdp") == 12  # the last valid value typed ("12")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert not binder.error_label.isVisible()


def test_undo_and_redo_work_across_pages(qtbot, window: MainWindow) -> None:
    window.go_to("applicant.leader")
    commit_text(window.focusWidget(), "张建国")
    window.go_to("indicators[2.1.1].measures")
    commit_text(window.focusWidget(), "建立规划信息平台")
    s = window.session
    focus = window.focusWidget()
    qtbot.keyClick(focus, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # reaches the window's stack
    assert s.value("indicators[2.1.1].measures") is None
    assert focus.toPlainText() == ""
    window.registry["edit.undo"].trigger()
    assert s.value("applicant.leader") is None
    assert window.current_page == "applicant"  # undo shows where it changed something
    window.registry["edit.redo"].trigger()
    window.registry["edit.redo"].trigger()
    assert s.value("applicant.leader") == "张建国"
    assert s.value("indicators[2.1.1].measures") == "建立规划信息平台"
    assert window.current_page == "indicators[2.1.1]"


def test_back_and_next_walk_every_page_and_erase_nothing(qtbot, window: MainWindow) -> None:
    window.go_to("conditions[1].evidence")
    commit_text(window.focusWidget(), "已列入“十二五”规划")
    window.show_page("applicant")
    seen = [window.current_page]
    while window.next_button.isEnabled():
        qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        seen.append(window.current_page)
    assert seen == [p.id for p in window.order]
    assert len(seen) == 1 + 4 + 57 + 6  # projects, safeguards, attachments, analysis, materials, review
    assert seen[-1] == "review"
    while window.back_button.isEnabled():
        window.go_back()
    assert window.current_page == "applicant"
    assert window.session.value("conditions[1].evidence") == "已列入“十二五”规划"


def test_outline_status_icons_and_counts_follow_the_answers(qtbot, window: MainWindow) -> None:
    item = window.outline.pages["indicators[1.1.2]"]
    window.update_status()
    assert item.text(1) == "0/4"
    s = window.session
    s.set_value("indicators[1.1.2].current_state", "已成立领导小组")
    window.update_status()
    assert item.text(1) == "1/4"
    for name in ("target", "measures", "lead_unit"):
        s.set_value(f"indicators[1.1.2].{name}", "内容")
    window.update_status()
    assert item.text(1) == "4/4"
    assert window.outline.pages["applicant"].text(1).endswith("/11")
    s.set_value("applicant.contact_email", "not-an-email")
    window.update_status()
    from smartcity_desktop.ui.shell.outline import error_pages, page_status

    assert "applicant" in error_pages(s.findings())
    assert page_status(s.dossier, "applicant", error_pages(s.findings()))[0] == ERRORS
    assert page_status(s.dossier, "indicators[1.1.2]", set())[0] == COMPLETE
    assert page_status(s.dossier, "indicators[1.1.3]", set())[0] == EMPTY
    assert page_status(s.dossier, "conditions[1]", set())[0] == EMPTY
    s.set_value("conditions[1].status", "met")
    assert page_status(s.dossier, "conditions[1]", set())[0] == PARTIAL
    # the outline jumps anywhere
    window.outline.pageChosen.emit("indicators[3.2.1]")
    assert window.current_page == "indicators[3.2.1]"


def test_not_applicable_shows_only_the_reason(window: MainWindow) -> None:
    page = window.show_page("indicators[2.2.8]")
    combo = page.input_for("indicators[2.2.8].applicable")
    assert isinstance(combo, QComboBox)
    assert not page.reason_box.isVisibleTo(page)
    combo.setCurrentIndex(combo.findData(False))
    assert window.session.value("indicators[2.2.8].applicable") is False
    assert page.reason_box.isVisibleTo(page)
    assert not page.answer_box.isVisibleTo(page)


def test_review_lists_findings_and_jumps_to_the_field(qtbot, window: MainWindow) -> None:
    review = window.show_page("review")
    assert "个错误" in review.summary.text() and "尚不能提交" in review.summary.text()
    tree = review.tree
    target = None
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        for j in range(group.childCount()):
            if group.child(j).data(0, Qt.ItemDataRole.UserRole) == "applicant.leader":
                target = group.child(j)
    assert target is not None
    assert not target.icon(0).isNull()
    tree.itemActivated.emit(target, 0)
    assert window.current_page == "applicant"
    assert focused(window) == "applicant.leader"


def test_demo_dossier_has_no_errors_in_review(qtbot, demo_path: Path) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    review = w.show_page("review")
    assert "0 个错误" in review.summary.text()
    qtbot.waitUntil(lambda: w.progress.value() == 100, timeout=3000)  # filled in after the first paint
    w.close()


def test_project_links_on_an_indicator_page(qtbot, demo_path: Path) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    s = w.session
    pid, values = s.dossier.new_project_values("城市公共信息平台二期")
    s.set_values(values, "新建项目")
    page = w.show_page("indicators[1.3.2]")
    links = page.input_for("indicators[1.3.2].projects")
    item = next(links.item(i) for i in range(links.count()) if links.item(i).data(Qt.ItemDataRole.UserRole) == pid)
    item.setCheckState(Qt.CheckState.Checked)
    assert pid in s.value("indicators[1.3.2].projects")
    w.close()


def test_window_title_and_readonly(qtbot, demo_path: Path) -> None:
    w = MainWindow(demo_path, readonly=True)
    qtbot.addWidget(w)
    assert w.windowTitle() == "demo.scdossier（只读）"  # Qt appends the program's display name, once
    w.go_to("applicant.name")
    edit = w.focusWidget()
    assert edit.isReadOnly()
    assert not w.registry["file.save"].isEnabled()
    w.close()


def test_geometry_is_remembered(qtbot, empty_path: Path) -> None:
    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    w.resize(711, 577)
    w.show()
    qtbot.waitExposed(w)
    w.close()
    again = MainWindow(empty_path)
    qtbot.addWidget(again)
    assert again.size().width() == 711
    again.close()


def test_labels_come_from_the_field_specs(window: MainWindow) -> None:
    page = window.show_page("applicant")
    for name, spec in APPLICANT_FIELDS.items():
        assert page.input_for(f"applicant.{name}").accessibleName() == spec.label_text


def test_a_mistake_is_shown_beside_its_field(qtbot, window: MainWindow) -> None:
    s = window.session
    s.set_value("profile.population", 1000)
    page = window.show_page("applicant")
    window.go_to("profile.urban_population")
    commit_text(window.focusWidget(), "2000")
    window.update_status()
    label = page.binders["profile.urban_population"].error_label
    assert label.isVisibleTo(page) and "城镇人口不能多于常住人口" in label.text()
    assert not page.binders["applicant.leader"].error_label.isVisibleTo(page)  # "please fill in" stays quiet
    s.set_value("profile.urban_population", 500)
    window.update_status()
    assert not label.isVisibleTo(page)


def test_outline_follows_typing_through_background_validation(qtbot, window: MainWindow) -> None:
    item = window.outline.pages["conditions[4]"]
    window.go_to("conditions[4].evidence")
    commit_text(window.focusWidget(), "区委书记任领导小组组长")
    qtbot.waitUntil(lambda: item.text(1) == "1/2", timeout=3000)  # no explicit refresh: the timer + worker
    window.go_to("applicant.contact_email")
    commit_text(window.focusWidget(), "bad@")
    label = window.stack.currentWidget().binders["applicant.contact_email"].error_label
    qtbot.waitUntil(lambda: "电子邮箱格式不正确" in label.text(), timeout=3000)


def test_keyboard_only_use(qtbot, window: MainWindow) -> None:
    """F6 to the outline, arrows pick pages, Tab reaches every input, Enter on a finding jumps."""
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.outline.hasFocus() or window.focusWidget() is window.outline
    qtbot.keyClick(window.outline, Qt.Key.Key_Down)
    qtbot.keyClick(window.outline, Qt.Key.Key_Down)
    assert window.current_page == "conditions[1]"
    for page_id in ("applicant", "conditions[2]", "indicators[1.1.1]", "safeguards"):
        page = window.show_page(page_id)
        for key in page.keys():  # noqa: SIM118 - a page's field keys, not a dict
            widget = page.input_for(key)
            assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, key
    window.show_page("review", focus=True)
    review = window.stack.currentWidget()
    tree = review.tree
    group = tree.topLevelItem(0)
    tree.setCurrentItem(group.child(0))
    key = group.child(0).data(0, Qt.ItemDataRole.UserRole)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert focused(window) == key


def test_outline_projects_count_agrees_with_the_core(qtbot, demo_path: Path) -> None:
    from smartcity_desktop.ui.shell.outline import page_status
    from smartcity_desktop.validate import section_progress

    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    d = w.session.dossier
    core = next(p for p in section_progress(d) if p.id == "projects")
    assert page_status(d, "projects", set())[1:] == (core.filled, core.total)
    w.close()


def test_verdict_is_green_when_ready_and_red_when_not(qtbot, demo_path: Path, window: MainWindow) -> None:
    from PySide6.QtGui import QPalette

    review = window.show_page("review")
    red = review.summary.palette().color(QPalette.ColorRole.WindowText)
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    ready = w.show_page("review")
    green = ready.summary.palette().color(QPalette.ColorRole.WindowText)
    assert red.red() > red.green() and green.green() > green.red()
    w.close()


def test_amounts_show_thousands_separators_and_are_accepted_back(qtbot, window: MainWindow) -> None:
    window.session.set_value("profile.gdp", 4256000.5)
    window.session.set_value("profile.population", 586000)
    assert window.go_to("profile.gdp")
    gdp = window.findChild(QLineEdit, "profile.gdp")
    assert gdp.text() == "4,256,000.5"
    assert window.findChild(QLineEdit, "profile.population").text() == "586,000"
    gdp.setFocus()
    gdp.selectAll()
    qtbot.keyClicks(gdp, "1,234,567")
    assert window.session.value("profile.gdp") == 1234567
