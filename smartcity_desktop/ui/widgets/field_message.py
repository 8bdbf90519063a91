"""The one-line message beside a field, styled by severity: an error (red circle, red text) must be
fixed before submitting, a warning (amber triangle, dark amber text) is advice — the same words the
review page uses (错误 / 警告). Its place in the layout is kept while it is hidden, so the form never
jumps when a message appears or goes away."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from smartcity_desktop.ui.widgets.icons import status_icon
from smartcity_desktop.ui.shell.style import AMBER_TEXT, RED

translate = QCoreApplication.translate
ERROR, WARNING = "error", "warning"
COLOURS = {ERROR: RED, WARNING: AMBER_TEXT}


def severity_name(severity: str) -> str:
    """The word the review page uses for a severity (read out by screen readers before the text)."""
    return translate("Fields", "警告") if severity == WARNING else translate("Fields", "错误")


class FieldMessage(QWidget):
    """Icon + text; ``show_message("", …)`` hides it without giving up its room in the layout."""

    def __init__(self, parent: QWidget | None = None, *, keep_room: bool = True):
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.severity = ERROR
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.icon = QLabel()
        self.icon.setObjectName("fieldMessageIcon")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setObjectName("fieldMessageText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 1)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(keep_room)
        self.setSizePolicy(policy)
        self.setVisible(False)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802 - reads like QLabel's, which this replaced
        self.show_message(text, self.severity)

    def show_message(self, text: str, severity: str = ERROR) -> None:
        if not text and not self.label.text():  # nothing shown, nothing to show: every field, as a page is built
            self.setVisible(False)
            return
        if severity not in COLOURS:
            severity = ERROR
        if severity != self.severity or self.icon.pixmap().isNull():
            self.severity = severity
            size = max(12, self.label.fontMetrics().height() - 2)
            self.icon.setPixmap(status_icon(severity).pixmap(size, size))
            palette = self.label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(COLOURS[severity]))
            self.label.setPalette(palette)
        if text != self.label.text():
            self.label.setText(text)
            self.setAccessibleName(translate("Fields", "{severity}：{text}").format(
                severity=severity_name(severity), text=text) if text else "")
            self.setToolTip(text)
        self.setVisible(bool(text))
