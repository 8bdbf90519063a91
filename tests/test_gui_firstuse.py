"""First use, smoother (issue 17): the cursor lands in each page's first empty field, the focus is
always visible, messages are styled by severity and never move the form, the program resumes at the
page the user left and says so after a crash."""
from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QPushButton

from gui_helpers import commit_text
from smartcity_desktop.store.lock import lock_path
from smartcity_desktop.ui import MainWindow
from smartcity_desktop.ui.widgets.field_message import ERROR, WARNING
from smartcity_desktop.ui.shell.style import AMBER_TEXT, RED

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, empty_path: Path) -> MainWindow:
    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def focused(window: MainWindow) -> str:
    widget = window.focusWidget()
    return widget.objectName() if widget else ""


# -- keyboard ------------------------------------------------------------------------------------------
def test_a_new_window_puts_the_cursor_in_the_first_empty_field(window: MainWindow) -> None:
    # the fixture's dossier has name, level and province from the wizard: the next field is the first empty one
    assert window.current_page == "applicant"
    assert focused(window) == "applicant.recommender"


def test_alt_right_lands_in_the_first_empty_field_of_each_page(qtbot, window: MainWindow) -> None:
    window.show_page("conditions[4]", focus=True)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_page == "indicators[1.1.1]"
    # not the 适用 yes/no choice (it always shows an answer): the first text to write
    assert focused(window) == "indicators[1.1.1].current_state"
    commit_text(window.focusWidget(), "已编制规划纲要初稿")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_page == "indicators[1.1.1]"
    assert focused(window) == "indicators[1.1.1].target"  # the filled field is skipped


@pytest.mark.parametrize("page_id", ["safeguards", "applicant"])  # pages that name their last Tab stop
def test_tab_follows_the_page_and_leaves_it_for_back_and_next(qtbot, window: MainWindow, page_id: str) -> None:
    page = window.show_page(page_id, focus=True)
    keys = page.keys()
    assert page.focus_key(keys[0])
    assert focused(window) == keys[0]
    for key in keys[1:]:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        assert focused(window) == key
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)  # no stop on the page's scroll area
    assert isinstance(window.focusWidget(), QPushButton)
    assert window.focusWidget().objectName() in ("backButton", "nextButton")


@pytest.mark.parametrize("page_id", ["conditions[1]", "indicators[1.1.1]", "applicant"])
def test_back_comes_right_after_the_pages_last_tab_stop(window: MainWindow, page_id: str) -> None:
    """Whether the page names its last Tab stop (a form of fields only) or the window walks the focus
    chain to find it (pages with lists and buttons), Back follows the page's last stop, Next follows Back."""
    page = window.show_page(page_id)
    before = window.back_button.previousInFocusChain()
    while not before.focusPolicy() & Qt.FocusPolicy.TabFocus:  # an editor's viewport, a scroll bar…
        before = before.previousInFocusChain()
    assert page.isAncestorOf(before)
    assert window.back_button.nextInFocusChain() is window.next_button


@pytest.mark.parametrize("page_id", ["applicant", "conditions[1]", "indicators[1.1.1]", "safeguards", "attachments",
                                     "analysis", "materials", "review", "projects"])
def test_every_role_label_has_its_look(window: MainWindow, page_id: str) -> None:
    """Role looks are given where a label is made (``set_role``), no longer by a search over the built page:
    a label named after a role but made without it would lose its look silently — this finds it."""
    from PySide6.QtWidgets import QLabel

    from smartcity_desktop.ui.shell.style import ROLES

    window.show_page(page_id)
    base = QApplication.font().pointSizeF()
    labels = [lb for lb in window.findChildren(QLabel) if lb.objectName() in ROLES]
    assert labels
    for label in labels:
        size, bold, fore, back = ROLES[label.objectName()]
        assert label.font().pointSizeF() == pytest.approx(base * size), label.objectName()
        assert label.font().bold() == bold, label.objectName()
        if fore and label.objectName() != "verdict":
            assert colour(label) == fore.lower(), label.objectName()
        assert label.autoFillBackground() == bool(back), label.objectName()


def test_the_focus_ring_follows_the_focus(qtbot, window: MainWindow) -> None:
    from smartcity_desktop.ui.widgets.focus_ring import RING_MARGIN, FocusRing

    ring = FocusRing(QApplication.instance(), "#1f4e8c")
    try:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
        for key in ("applicant.unit", "profile.gdp", "applicant.level"):
            window.go_to(key)
            edit = window.focusWidget()
            qtbot.waitUntil(lambda: ring.widget is edit, timeout=2000)  # noqa: B023 - waited for at once
            frame = ring.frame
            assert frame.parentWidget() is edit.parentWidget()
            assert frame.geometry() == edit.geometry().adjusted(-RING_MARGIN, -RING_MARGIN, RING_MARGIN, RING_MARGIN)
            # the ring is not clipped: the input's container keeps room for it
            assert edit.parentWidget().rect().contains(frame.geometry())
        window.go_to("indicators[1.1.1].target")  # a long text: the ring is around the editor
        assert ring.widget is window.focusWidget()
    finally:
        QApplication.instance().focusChanged.disconnect(ring._moved)
        if ring.frame is not None:
            ring.frame.hide()


# -- inline messages -----------------------------------------------------------------------------------
def colour(label) -> str:
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def test_errors_and_warnings_look_different(window: MainWindow) -> None:
    s = window.session
    s.set_value("profile.population", 1000)
    s.set_value("profile.urban_population", 2000)  # error: more urban than resident
    s.set_value("applicant.contact_phone", "12")  # warning: looks wrong
    page = window.show_page("applicant")
    window.update_status()
    error = page.binders["profile.urban_population"].error_label
    warning = page.binders["applicant.contact_phone"].error_label
    assert error.isVisibleTo(page) and warning.isVisibleTo(page)
    assert (error.severity, warning.severity) == (ERROR, WARNING)
    assert colour(error.label) == RED.lower() and colour(warning.label) == AMBER_TEXT.lower()
    assert error.accessibleName().startswith("错误") and warning.accessibleName().startswith("警告")
    assert error.icon.pixmap().toImage() != warning.icon.pixmap().toImage()
    # a screen reader hears the message with the field, not only the label beside it
    urban = page.binders["profile.urban_population"].widget
    assert urban.accessibleDescription().startswith("单位：人")
    assert "错误：城镇人口不能多于常住人口" in urban.accessibleDescription()
    assert "警告：" in page.binders["applicant.contact_phone"].widget.accessibleDescription()


def test_a_field_reached_from_the_review_page_says_why(qtbot, window: MainWindow) -> None:
    window.show_page("review", focus=True)
    review = window.stack.currentWidget()
    tree = review.tree
    item = next(tree.topLevelItem(g).child(c) for g in range(tree.topLevelItemCount())
                for c in range(tree.topLevelItem(g).childCount())
                if tree.topLevelItem(g).child(c).data(0, Qt.ItemDataRole.UserRole) == "profile.fiscal_revenue")
    tree.setCurrentItem(item)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert focused(window) == "profile.fiscal_revenue"
    page = window.stack.currentWidget()
    label = page.binders["profile.fiscal_revenue"].error_label
    assert label.isVisibleTo(page) and "地方一般公共预算收入" in label.text() and label.severity == ERROR
    assert not page.binders["applicant.leader"].error_label.isVisibleTo(page)  # not sent there: stays quiet
    assert not page.binders["applicant.contact_email"].error_label.isVisibleTo(page)  # "recommended" too
    commit_text(window.focusWidget(), "5")
    assert not label.isVisibleTo(page)  # gone as soon as there is a value


def test_an_indicator_page_does_not_repeat_its_name(window: MainWindow, scheme) -> None:
    name = scheme.indicator("1.1.1").label
    window.go_to("indicators[1.1.1].target")
    page = window.stack.currentWidget()
    label = page.binders["indicators[1.1.1].target"].error_label
    assert label.isVisibleTo(page)
    assert "创建目标" in label.text() and name not in label.text() and not label.text().startswith("1.1.1")


def test_messages_never_move_the_form(qtbot, window: MainWindow) -> None:
    s = window.session
    page = window.show_page("applicant")
    qtbot.wait(50)
    below = page.binders["profile.gdp"].widget
    longtext = next(b.widget for k, b in page.binders.items() if b.spec.kind == "longtext")
    name = page.binders["applicant.name"].widget
    before = (below.mapTo(page, below.rect().topLeft()), longtext.mapTo(page, longtext.rect().topLeft()),
              name.width())
    s.set_value("profile.population", 1000)
    s.set_value("profile.urban_population", 2000)
    s.set_value("applicant.name", "")
    window.go_to("applicant.name")
    window.update_status()
    qtbot.wait(50)
    assert page.binders["profile.urban_population"].error_label.isVisibleTo(page)
    assert page.binders["applicant.name"].error_label.isVisibleTo(page)
    after = (below.mapTo(page, below.rect().topLeft()), longtext.mapTo(page, longtext.rect().topLeft()),
             name.width())
    assert after == before


def test_amounts_get_their_separators_when_the_field_is_left(qtbot, window: MainWindow) -> None:
    window.go_to("profile.gdp")
    edit = window.focusWidget()
    qtbot.keyClicks(edit, "4256000")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.text() == "4,256,000"
    assert window.session.value("profile.gdp") == 4256000


# -- where they left off -------------------------------------------------------------------------------
def test_reopening_resumes_at_the_last_page(qtbot, empty_path: Path) -> None:
    first = MainWindow(empty_path)
    qtbot.addWidget(first)
    first.show_page("indicators[2.2.4]", focus=True)
    first.close()
    again = MainWindow(empty_path)
    qtbot.addWidget(again)
    again.show()
    assert again.current_page == "indicators[2.2.4]"
    assert again.outline.currentItem() is again.outline.pages["indicators[2.2.4]"]
    assert focused(again) == "indicators[2.2.4].current_state"
    assert again.notice is None  # a clean close: nothing to tell
    again.close()


def test_the_page_is_remembered_without_closing(qtbot, empty_path: Path) -> None:
    from smartcity_desktop.ui.shell.resume import last_page

    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    w.show_page("safeguards")
    qtbot.waitUntil(lambda: last_page(empty_path) == "safeguards", timeout=4000)  # a crash keeps it too
    w.close()


def test_after_a_crash_the_window_says_the_last_seconds_may_be_missing(qtbot, empty_path: Path) -> None:
    # what a killed program leaves: its lock file, naming this computer and a process that is gone
    lock_path(empty_path).write_text(json.dumps({
        "user": "tester", "host": socket.gethostname(), "pid": 2 ** 22 + 12345, "time": "2026-11-29T17:05:00+00:00",
        "program": "smartcity-desktop"}), encoding="utf-8")
    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.notice is not None and w.notice.isVisible()
    assert "最后几秒" in w.notice.text()
    assert "2026-11-29T17:05" not in w.notice.text()  # local time, readable
    assert not w.session.readonly  # the stale lock was taken over: editing goes on
    w.notice.close_button.click()
    qtbot.waitUntil(lambda: w.notice is None or not w.notice.isVisible(), timeout=1000)
    w.close()
    again = MainWindow(empty_path)  # a clean close in between: no notice any more
    qtbot.addWidget(again)
    assert again.notice is None
    again.close()


def test_a_lock_held_by_a_live_program_is_not_a_crash(empty_path: Path) -> None:
    from smartcity_desktop.ui.shell.resume import crashed_holder

    lock_path(empty_path).write_text(json.dumps({
        "user": "tester", "host": socket.gethostname(), "pid": os.getpid(), "time": "2026-11-29T17:05:00+00:00",
        "program": "smartcity-desktop"}), encoding="utf-8")
    assert crashed_holder(empty_path) is None
    lock_path(empty_path).unlink()
    assert crashed_holder(empty_path) is None


# -- the new-dossier wizard's province -------------------------------------------------------------------
def test_the_province_list_has_the_34_divisions_in_one_home() -> None:
    from smartcity_desktop.model.provinces import (
        AUTONOMOUS_REGION, MUNICIPALITY, PROVINCE, PROVINCES, SAR, canonical_province)

    kinds = [p.kind for p in PROVINCES]
    assert (kinds.count(PROVINCE), kinds.count(AUTONOMOUS_REGION), kinds.count(MUNICIPALITY), kinds.count(SAR)) \
        == (23, 5, 4, 2)
    assert len({p.code for p in PROVINCES}) == len({p.name for p in PROVINCES}) == 34
    for typed in ("浙江", "浙江省", "Zhejiang", "zhejiang", " Zhejiang Province "):
        assert canonical_province(typed) == "浙江省", typed
    assert canonical_province("广西") == "广西壮族自治区"
    assert canonical_province("Tibet") == "西藏自治区"
    assert canonical_province("江东省") is None and canonical_province("") is None


def test_the_applicant_pages_province_offers_the_list_once_focused_and_keeps_the_official_name(
        qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QLineEdit

    from smartcity_desktop.ui.widgets.province_box import ProvinceCompleter

    page = window.show_page("applicant")
    window.back_button.setFocus()
    assert page.findChild(ProvinceCompleter) is None  # made when the field is first focused, not with the page
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert window.go_to("applicant.province")
    edit = window.focusWidget()
    assert isinstance(edit, QLineEdit) and edit.objectName() == "applicant.province"
    qtbot.waitUntil(lambda: page.findChild(ProvinceCompleter) is not None, timeout=2000)
    edit.selectAll()
    commit_text(edit, "浙江")  # replaces what the field held
    edit.editingFinished.emit()
    assert window.session.value("applicant.province") == "浙江省" and edit.text() == "浙江省"


def _wizard_at_province(qtbot):
    from smartcity_desktop.ui.dialogs.new_dossier import NewDossierWizard

    wizard = NewDossierWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.name_page.name.setText("青石镇")
    wizard.next()
    assert wizard.currentPage() is wizard.unit_page
    return wizard


def test_the_wizard_refuses_an_empty_or_unknown_province(qtbot) -> None:
    wizard = _wizard_at_province(qtbot)
    page = wizard.unit_page
    wizard.next()
    assert wizard.currentPage() is page  # an empty 所在省 is not accepted
    assert page.province_error.isVisibleTo(page) and "所在省" in page.province_error.text()
    page.province.setEditText("江东省")
    wizard.next()
    assert wizard.currentPage() is page and "江东省" in page.province_error.text()
    page.province.setEditText("Zhejiang")
    assert not page.province_error.isVisibleTo(page)  # the message goes as soon as the user types
    wizard.next()
    assert wizard.currentPage() is wizard.scheme_page
    assert wizard.values()["applicant.province"] == "浙江省"


def test_typing_filters_the_province_list(qtbot) -> None:
    wizard = _wizard_at_province(qtbot)
    box = wizard.unit_page.province
    assert box.count() == 34 and box.findData("香港特别行政区") >= 0
    assert box.isEditable()
    commit_text(box.lineEdit(), "江")
    shown = box.filter.names.stringList()
    assert set(shown) == {"黑龙江省", "江苏省", "浙江省", "江西省"}
    box.lineEdit().clear()
    qtbot.keyClicks(box.lineEdit(), "xin")
    assert box.filter.names.stringList() == ["新疆维吾尔自治区"]
    popup = box.filter.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # chosen from the list with the keyboard
    assert box.value() == "新疆维吾尔自治区" and box.currentText() == "新疆维吾尔自治区"
    wizard.next()
    assert wizard.currentPage() is wizard.scheme_page  # the choice survives leaving the page
    assert wizard.values()["applicant.province"] == "新疆维吾尔自治区"


def test_the_applicant_page_keeps_the_official_province_name(qtbot, window: MainWindow) -> None:
    window.go_to("applicant.province")
    edit = window.focusWidget()
    edit.clear()
    qtbot.keyClicks(edit, "Zhejiang")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert window.session.value("applicant.province") == "浙江省" and edit.text() == "浙江省"


# -- paste from Word -------------------------------------------------------------------------------------
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style>
</head><body lang=ZH-CN><!--StartFragment-->
<p class=MsoNormal>到 2015 年底：<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>建成城市公共信息平台；</p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span
>&nbsp;&nbsp;&nbsp; </span></span><![endif]>政务数据共享率达到<span lang=EN-US>90%</span>。</p>
<p class=MsoNormal>一是加强组织领导；<br>二是完善政策保障。</p>
<!--EndFragment--></body></html>"""


def test_paste_from_word_keeps_paragraphs_and_numbered_lists(qtbot, window: MainWindow) -> None:
    from PySide6.QtCore import QMimeData

    window.go_to("indicators[1.1.1].target")
    editor = window.focusWidget()
    data = QMimeData()
    data.setHtml(WORD_HTML)
    data.setText("到 2015 年底：\r\n建成城市公共信息平台；\r\n政务数据共享率达到90%。\r\n一是加强组织领导；\x0b二是完善政策保障。\r\n")
    QApplication.clipboard().setMimeData(data)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    expected = ("到 2015 年底：\n1. 建成城市公共信息平台；\n2. 政务数据共享率达到90%。\n"
                "一是加强组织领导；\n二是完善政策保障。")
    assert editor.toPlainText() == expected
    assert window.session.value("indicators[1.1.1].target") == expected  # stored with its paragraphs
    window.undo()
    assert not window.session.value("indicators[1.1.1].target")  # one paste, one undo step


def test_plain_text_from_word_loses_its_control_characters(qtbot, window: MainWindow) -> None:
    from PySide6.QtCore import QMimeData

    window.go_to("safeguards.policy")
    editor = window.focusWidget()
    data = QMimeData()
    data.setText("（一）\t组织保障\r\n成立领导小组。\x0b由市长任组长。\r\n\r\n\r\n（二）\t资金保障\x0c\r\n")
    QApplication.clipboard().setMimeData(data)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "（一）组织保障\n成立领导小组。\n由市长任组长。\n\n（二）资金保障"


# -- polish ----------------------------------------------------------------------------------------------
def test_qt_file_dialogs_and_shortcuts_speak_chinese(qtbot) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QFileDialog, QLabel

    from smartcity_desktop.ui.shell.app import install_translators

    loaded = install_translators(QApplication.instance(), "zh_CN")
    assert "qtbase_zh_CN" in loaded and "qt_gaps_zh_CN" in loaded
    dialog = QFileDialog(None, "打开申报卷宗", str(Path.cwd()), "申报卷宗 (*.scdossier)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert not [t for t in labels if any("a" <= c.lower() <= "z" for c in t.replace("&", "").replace("L", "")
                                         .replace("T", "").replace("N", ""))]
    assert QKeySequence("Alt+Left").toString(QKeySequence.SequenceFormat.NativeText) == "Alt+←"


def test_the_menu_shows_arrow_shortcuts(window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    back = window.registry["go.back"]
    assert back.shortcut().toString(QKeySequence.SequenceFormat.NativeText) == "Alt+←"
    assert "左方向" not in back.toolTip()


def test_the_window_title_names_the_file_once(window: MainWindow, empty_path: Path) -> None:
    assert window.windowTitle() == empty_path.name
    assert "智慧城市试点申报助手" not in window.windowTitle()  # Qt adds the program's display name itself


def test_the_lock_dialog_says_who_and_since_when_once_in_local_time(qtbot, demo_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from smartcity_desktop.store import ProjectFile
    from smartcity_desktop.ui.shell.app import AppController
    from smartcity_desktop.ui.shell.resume import local_time

    holder = ProjectFile.open(demo_path)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text() + "\n" + box.informativeText())
        box.button(QMessageBox.StandardButton.Cancel).click()

    try:
        stamp = json.loads(lock_path(demo_path).read_text(encoding="utf-8"))["time"]
        QTimer.singleShot(20, answer)
        assert AppController().open_path(demo_path, None) is None
        assert seen
        shown = seen[0]
        assert stamp not in shown and "T" not in shown.split("：")[-1]  # no raw ISO time
        assert shown.count(local_time(stamp)) == 1
    finally:
        holder.close()


def test_read_only_looks_like_a_state_and_typing_says_why(qtbot, demo_path: Path) -> None:
    w = MainWindow(demo_path, readonly=True)
    qtbot.addWidget(w)
    w.show()
    assert colour(w.save_label) == AMBER_TEXT.lower()  # not green: nothing was saved
    w.go_to("applicant.contact_name")
    edit = w.focusWidget()
    before = edit.text()
    qtbot.keyClicks(edit, "x")
    assert edit.text() == before
    assert "只读" in w.statusBar().currentMessage()
    w.close()


def test_attachment_actions_wait_for_a_selection(qtbot, demo_path: Path) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    page = w.show_page("attachments")
    assert page.tree.topLevelItemCount() > 0
    page.tree.clearSelection()
    assert not page.open_button.isEnabled() and not page.remove_button.isEnabled()
    assert not page.goto_button.isEnabled()
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    assert page.open_button.isEnabled() and page.remove_button.isEnabled() and page.goto_button.isEnabled()
    w.close()


def test_one_project_is_singular_in_english(qtbot, empty_path: Path) -> None:
    from smartcity_desktop.ui.shell.app import install_translators

    app = QApplication.instance()
    from smartcity_desktop.i18n import set_language

    set_language("en")
    install_translators(app, "en")
    try:
        w = MainWindow(empty_path)
        qtbot.addWidget(w)
        w.session.set_value("projects[p1].name", "Platform")
        page = w.show_page("projects")
        page.refresh() if hasattr(page, "refresh") else None
        qtbot.waitUntil(lambda: page.summary.text().startswith("1 project,"), timeout=3000)
        w.close()
    finally:
        set_language("zh_CN")
        install_translators(app, "zh_CN")


def test_condition_messages_have_spaces_around_the_number(window: MainWindow) -> None:
    messages = [f.message for f in window.session.findings() if f.key == "conditions[2].status"]
    assert messages == ["申报条件 2 尚未填写具备情况"]


def test_singular_translations_differ_from_the_plural_ones() -> None:
    """A translation merge keyed by (context, source) alone would copy the plural text over the "n=1" one."""
    import xml.etree.ElementTree as ET

    root = ET.parse(Path(__file__).resolve().parent.parent / "resources" / "translations" / "app_en.ts").getroot()
    forms: dict[tuple[str, str], dict[str, str]] = {}
    for ctx in root.iter("context"):
        for m in ctx.iter("message"):
            key = (ctx.findtext("name") or "", m.findtext("source") or "")
            forms.setdefault(key, {})[m.findtext("comment") or ""] = m.findtext("translation") or ""
    pairs = [(f["n=1"], f[""]) for f in forms.values() if "n=1" in f and "" in f]
    assert len(pairs) >= 7
    assert all(one != many for one, many in pairs), pairs


def test_the_level_choices_include_county_in_the_wizard_and_on_the_applicant_page(qtbot, window: MainWindow) -> None:
    from smartcity_desktop.model import LEVELS

    assert "county" in LEVELS
    wizard = _wizard_at_province(qtbot)
    assert wizard.name_page.level.findData("county") >= 0
    combo = window.show_page("applicant").input_for("applicant.level")
    assert combo.findData("county") >= 0
