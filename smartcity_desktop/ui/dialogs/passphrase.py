"""The passphrase prompt for an encrypted dossier (opening it, or any time the store needs the key).

The store asks through a callback ``ask(file_name) -> passphrase | None`` and calls it again after
a wrong answer; ``passphrase_prompt(parent)`` makes such a callback that tells the user, from the
second call on, that the previous passphrase was wrong. The text field hides what is typed, with a
show/hide toggle (offices often type passphrases with a colleague watching).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


def eye_icon(crossed: bool, size: int = 32) -> QIcon:
    """An eye (drawn in code like ui/widgets/icons.py: no image files); ``crossed`` when the text is shown."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    p.setPen(QPen(QColor("#5f6368"), max(1.5, s / 14)))
    outline = QPainterPath()
    outline.moveTo(s * 0.08, s * 0.5)
    outline.quadTo(s * 0.5, s * 0.08, s * 0.92, s * 0.5)
    outline.quadTo(s * 0.5, s * 0.92, s * 0.08, s * 0.5)
    p.drawPath(outline)
    p.setBrush(QColor("#5f6368"))
    p.drawEllipse(QRectF(s * 0.38, s * 0.38, s * 0.24, s * 0.24))
    if crossed:
        p.drawLine(QPointF(s * 0.15, s * 0.85), QPointF(s * 0.85, s * 0.15))
    p.end()
    return QIcon(pix)


def add_visibility_toggle(edit: QLineEdit) -> QAction:
    """A show/hide eye at the end of a password field; its objectName is the field's plus ``.show``."""
    action = QAction(QCoreApplication.translate("PassphraseDialog", "显示口令"), edit)
    action.setObjectName(edit.objectName() + ".show")
    action.setCheckable(True)

    def toggled(shown: bool) -> None:
        edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        action.setText(QCoreApplication.translate("PassphraseDialog", "隐藏口令") if shown
                       else QCoreApplication.translate("PassphraseDialog", "显示口令"))
        action.setToolTip(action.text())
        action.setIcon(eye_icon(crossed=shown))

    action.toggled.connect(toggled)
    toggled(False)
    edit.addAction(action, QLineEdit.ActionPosition.TrailingPosition)
    return action


class PassphraseDialog(QDialog):
    """Asks for the passphrase of ``file_name``; ``wrong`` shows that the last one did not fit."""

    def __init__(self, file_name: str, wrong: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PassphraseDialog")
        self.setWindowTitle(self.tr("输入口令"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.warning = QLabel(self.tr("口令不正确，请重新输入。"))
        self.warning.setObjectName("passphrase.wrong")
        self.warning.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.warning.setVisible(wrong)
        layout.addWidget(self.warning)
        prompt = QLabel(self.tr("卷宗“{name}”已加密，请输入口令：").format(name=file_name))
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.edit = QLineEdit()
        self.edit.setObjectName("passphrase")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(self.tr("口令"))
        self.edit.setMinimumWidth(320)
        prompt.setBuddy(self.edit)
        self.toggle = add_visibility_toggle(self.edit)
        layout.addWidget(self.edit)
        note = QLabel(self.tr("口令只用于本机解密，不会发送到任何地方。忘记口令将无法打开卷宗。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("打开"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._update)
        self._update()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.edit.text()))

    def passphrase(self) -> str:
        return self.edit.text()


def ask_passphrase(parent: QWidget | None, file_name: str, wrong: bool = False) -> str | None:
    """Show the dialog; the passphrase, or None if the user cancelled."""
    dialog = PassphraseDialog(file_name, wrong, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.passphrase():
            return None
        return dialog.passphrase()
    finally:
        dialog.deleteLater()


def passphrase_prompt(parent: QWidget | None) -> Callable[[str], str | None]:
    """The store's ``ask_passphrase`` callback: says "wrong passphrase" from the second call on."""
    calls: dict[str, int] = {}

    def ask(file_name: str) -> str | None:
        calls[file_name] = calls.get(file_name, 0) + 1
        return ask_passphrase(parent, file_name, wrong=calls[file_name] > 1)

    return ask
