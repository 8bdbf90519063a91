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
    """Icon + text; ``show_message("", …)`` hides it without giving up its room in the layout.

    The icon and text labels are made with the first message: a form of 26 fields shows none when it is
    built, and two labels per field were ~5 ms of the start-up. Until then the room kept is one line of
    text (what the empty labels asked for)."""

    def __init__(self, parent: QWidget | None = None, *, keep_room: bool = True):
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.severity = ERROR
        self._icon: QLabel | None = None
        self._label: QLabel | None = None
        self._text = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if keep_room:
            self.setMinimumHeight(self.fontMetrics().height())
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(keep_room)
        self.setSizePolicy(policy)
        self.setVisible(False)

    def _parts(self) -> tuple[QLabel, QLabel]:
        if self._icon is None or self._label is None:
            self._icon = QLabel()
            self._icon.setObjectName("fieldMessageIcon")
            self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
            self._label = QLabel()
            self._label.setObjectName("fieldMessageText")
            self._label.setWordWrap(True)
            self._label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            layout = self.layout()
            assert isinstance(layout, QHBoxLayout)
            layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(self._label, 1)
        return self._icon, self._label

    @property
    def icon(self) -> QLabel:
        return self._parts()[0]

    @property
    def label(self) -> QLabel:
        return self._parts()[1]

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - reads like QLabel's, which this replaced
        self.show_message(text, self.severity)

    def show_message(self, text: str, severity: str = ERROR) -> None:
        if not text and not self._text:  # nothing shown, nothing to show: every field, as a page is built
            self.setVisible(False)
            return
        icon, label = self._parts()
        if severity not in COLOURS:
            severity = ERROR
        if severity != self.severity or icon.pixmap().isNull():
            self.severity = severity
            size = max(12, label.fontMetrics().height() - 2)
            icon.setPixmap(status_icon(severity).pixmap(size, size))
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(COLOURS[severity]))
            label.setPalette(palette)
        if text != self._text:
            self._text = text
            label.setText(text)
            self.setAccessibleName(translate("Fields", "{severity}：{text}").format(
                severity=severity_name(severity), text=text) if text else "")
            self.setToolTip(text)
        self.setVisible(bool(text))
