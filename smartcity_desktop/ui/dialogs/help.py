"""F1: the user guide, bundled and offline, in the interface language, opened at the topic of the
page the user is on. The guides are Markdown (docs/user-guide.zh.md and docs/user-guide.en.md,
shipped as resources/help/ by tools/build_help.py) shown with QTextBrowser.setMarkdown; a topic is
the number its heading starts with ("2.4 指标页面" / "2.4 Indicator pages"), the same in both
languages, so a page finds its section without anchors (Qt's Markdown reader drops HTML anchors)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from smartcity_desktop.i18n import language
from smartcity_desktop.model.keys import key_section
from smartcity_desktop.resources import resource_path

translate = QCoreApplication.translate

# page id (or kind) -> the section number its heading starts with, in both guides
TOPICS: dict[str, str] = {
    "welcome": "1", "wizard": "1",
    "outline": "2.1", "keyboard": "2.1",
    "applicant": "2.2", "conditions": "2.3", "indicators": "2.4", "provenance": "2.5", "grid": "2.6",
    "projects": "2.7", "safeguards": "2.8", "attachments": "2.8", "messages": "2.9", "paste": "2.10",
    "versions": "3", "departments": "4", "review": "5", "export": "5", "analysis": "5.1", "encryption": "6", "problems": "7",
    "materials": "8", "package": "8", "shortcuts": "9",
}


def guide_path(lang: str | None = None) -> Path:
    """The shipped guide for the interface language (Chinese unless English)."""
    return resource_path("help", "user-guide.en.md" if (lang or language()) == "en" else "user-guide.zh.md")


def topic_of(page_id: str) -> str:
    """The guide topic for a page id ("indicators[1.1.1]" -> "indicators", "conditions[2]" -> "conditions")."""
    return key_section(page_id) if page_id else "welcome"


class HelpWindow(QDialog):
    """The guide in a window of its own (non-modal: the user reads and types side by side)."""

    _open: HelpWindow | None = None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(translate("Help", "使用说明"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(760, 720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide")
        self.browser.setAccessibleName(translate("Help", "使用说明"))
        self.browser.setOpenLinks(False)
        self.browser.document().setDocumentMargin(16)
        self.browser.anchorClicked.connect(self._link)
        layout.addWidget(self.browser)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        path = guide_path()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            text = translate("Help", "# 使用说明\n\n找不到使用说明文件（{path}）。请重新安装程序。").format(path=path)
        self.browser.setMarkdown(text)

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "file", "mailto"):
            QDesktopServices.openUrl(url)

    def show_topic(self, topic: str) -> bool:
        """Scroll so that the section for ``topic`` starts at the top; False if there is none."""
        number = TOPICS.get(topic, topic)
        doc = self.browser.document()
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                head = block.text().strip()
                if head.startswith((f"{number} ", f"{number}. ", f"{number}　")):
                    cursor = QTextCursor(block)
                    self.browser.setTextCursor(cursor)
                    top = doc.documentLayout().blockBoundingRect(block).top()
                    self.browser.verticalScrollBar().setValue(max(0, int(top) - int(doc.documentMargin())))
                    self.topic = topic
                    return True
            block = block.next()
        return False

    def heading_at_top(self) -> str:
        """The heading of the section shown at the top (tests and screen readers)."""
        return self.browser.textCursor().block().text()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if HelpWindow._open is self:
            HelpWindow._open = None
        super().closeEvent(event)


def show_help(topic: str, parent: QWidget | None = None) -> HelpWindow:
    """Open (or bring forward) the guide at ``topic``."""
    window = HelpWindow._open
    if window is None:
        window = HelpWindow(parent)
        HelpWindow._open = window
    window.show()
    window.show_topic(topic)
    window.raise_()
    window.activateWindow()
    return window
