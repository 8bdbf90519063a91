"""A calm bar above the page for something the user should know but need not answer at once (the
last session ended in a crash): it does not block the window like a message box, stays until it is
dismissed, and is reachable by keyboard (its button takes Tab focus; Esc on it closes it)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from smartcity_desktop.ui.widgets.icons import status_icon
from smartcity_desktop.ui.shell.style import AMBER_BACK

translate = QCoreApplication.translate


class NoticeBar(QFrame):
    def __init__(self, text: str, severity: str = "warning", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(AMBER_BACK))
        self.setPalette(palette)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        icon = QLabel()
        icon.setPixmap(status_icon(severity).pixmap(20, 20))
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(text)
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.close_button = QPushButton(translate("Notice", "知道了"))
        self.close_button.setObjectName("noticeClose")
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(text)

    def text(self) -> str:
        return self.label.text()

    def dismiss(self) -> None:
        self.hide()
        self.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)
