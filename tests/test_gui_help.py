"""F1 opens the bundled user guide at the page's topic, in the interface language; indicator pages link
to the note on where their explanation comes from."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from smartcity_desktop.i18n import set_language
from smartcity_desktop.ui import MainWindow
from smartcity_desktop.ui.dialogs.help import TOPICS, HelpWindow, guide_path

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def window(qtbot, empty_path: Path) -> MainWindow:
    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if HelpWindow._open is not None:
        HelpWindow._open.close()


def test_the_shipped_guides_are_the_docs() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_help.py"), "--check"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert guide_path("zh_CN").name == "user-guide.zh.md" and guide_path("en").name == "user-guide.en.md"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_topic_has_a_section_in_both_guides(qtbot, lang: str) -> None:
    set_language(lang)
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    help_window.show()
    for topic in TOPICS:
        assert help_window.show_topic(topic), (lang, topic)


@pytest.mark.parametrize(("page", "heading"), [("applicant", "2.2 申报单位与基本情况"), ("conditions[3]", "2.3 申报条件"),
                                               ("indicators[2.2.4]", "2.4 指标页面"), ("review", "5. 检查与导出"),
                                               ("analysis", "5.1 分析：评审时会被看出的问题，先自己看出来"),
                                               ("materials", "8. 申报材料与申报包")])
def test_f1_opens_the_guide_at_the_page_topic(qtbot, window: MainWindow, page: str, heading: str) -> None:
    window.show_page(page, focus=True)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F1)
    help_window = HelpWindow._open
    assert help_window is not None and help_window.isVisible()
    assert help_window.heading_at_top() == heading
    top = help_window.browser.cursorRect().top()
    bar = help_window.browser.verticalScrollBar()
    assert 0 <= top < 40 or bar.value() == bar.maximum()  # at the top of the window (unless near the end)


def test_f1_on_the_indicator_table(qtbot, window: MainWindow) -> None:
    window.registry["view.grid"].setChecked(True)
    window.registry["help.guide"].trigger()
    assert HelpWindow._open.heading_at_top().startswith("2.6")


def test_the_english_interface_gets_the_english_guide(qtbot, empty_path: Path) -> None:
    set_language("en")
    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    w.show_page("indicators[1.1.1]")
    w.registry["help.guide"].trigger()
    help_window = HelpWindow._open
    assert help_window.heading_at_top() == "2.4 Indicator pages"
    assert "使用说明" not in help_window.browser.toPlainText()[:200]
    help_window.close()
    w.close()


def test_an_indicator_page_links_to_the_provenance_note(qtbot, window: MainWindow) -> None:
    page = window.show_page("indicators[1.1.3]")
    link = page.provenance_link
    assert link.isVisibleTo(page) and "help:provenance" in link.text()
    link.linkActivated.emit("help:provenance")
    help_window = HelpWindow._open
    assert help_window.heading_at_top() == "2.5 指标说明的来源标记"
    text = help_window.browser.toPlainText()
    assert "R*" in text and "建办科〔2012〕42号" in text


def test_f1_on_the_welcome_screen_and_in_the_wizard(qtbot) -> None:
    from smartcity_desktop.ui.shell.app import AppController
    from smartcity_desktop.ui.dialogs.new_dossier import NewDossierWizard

    welcome = AppController().show_welcome()
    qtbot.addWidget(welcome)
    qtbot.waitExposed(welcome)
    welcome.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is welcome, timeout=2000)
    welcome.new_button.setFocus()
    qtbot.keyClick(welcome.new_button, Qt.Key.Key_F1)
    assert HelpWindow._open.heading_at_top() == "1. 开始"
    HelpWindow._open.close()
    wizard = NewDossierWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard, timeout=2000)
    wizard.name_page.name.setFocus()
    qtbot.keyClick(wizard.name_page.name, Qt.Key.Key_F1)
    assert HelpWindow._open.heading_at_top() == "1. 开始"
    HelpWindow._open.close()
