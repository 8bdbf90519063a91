"""Encrypt a dossier, change its passphrase, or remove its encryption (File ▸ Encryption…).

Each action asks for confirmation (a forgotten passphrase cannot be recovered; decrypting leaves
the file readable by anyone), saves pending edits first, then rewrites the whole file in one
transaction through store.rekey: an interruption leaves it wholly as it was or wholly changed.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.store import rekey
from smartcity_desktop.ui.dialogs.passphrase import add_visibility_toggle

MIN_LENGTH = 8


class EncryptionDialog(QDialog):
    """Shows whether the dossier is encrypted and offers the actions that fit."""

    encryptionChanged = Signal(bool)  # True: now encrypted

    def __init__(self, session: object, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.pf = session.pf  # type: ignore[attr-defined]
        self.setObjectName("EncryptionDialog")
        self.setWindowTitle(self.tr("卷宗加密"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("encryption.status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.passphrase_box = QGroupBox()
        form = QFormLayout(self.passphrase_box)
        self.new_edit = self._password_field("encryption.new", self.tr("新口令"))
        self.repeat_edit = self._password_field("encryption.repeat", self.tr("再输入一次"))
        form.addRow(self.tr("新口令："), self.new_edit)
        form.addRow(self.tr("再输入一次："), self.repeat_edit)
        self.problem = QLabel()
        self.problem.setObjectName("encryption.problem")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("encryption.apply")
        self.apply_button.clicked.connect(self._apply)
        form.addRow(self.apply_button)
        layout.addWidget(self.passphrase_box)

        self.decrypt_box = QGroupBox(self.tr("解除加密"))
        decrypt_layout = QVBoxLayout(self.decrypt_box)
        note = QLabel(self.tr("解除后，卷宗内容以明文保存，任何拿到文件的人都能读取。"))
        note.setWordWrap(True)
        decrypt_layout.addWidget(note)
        self.decrypt_button = QPushButton(self.tr("解除加密…"))
        self.decrypt_button.setObjectName("encryption.decrypt")
        self.decrypt_button.clicked.connect(self._decrypt)
        decrypt_layout.addWidget(self.decrypt_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.decrypt_box)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.new_edit.textChanged.connect(self._check)
        self.repeat_edit.textChanged.connect(self._check)
        self._refresh()

    def _password_field(self, name: str, label: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(label)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        add_visibility_toggle(edit)
        return edit

    # -- state ------------------------------------------------------------------------------------
    def _refresh(self) -> None:
        encrypted = self.pf.encrypted
        if encrypted:
            self.status.setText(self.tr("此卷宗已加密（AES-256-GCM）。文件及其日志中不含明文；口令保存在系统钥匙串中（如有）。"))
            self.passphrase_box.setTitle(self.tr("更改口令"))
            self.apply_button.setText(self.tr("更改口令"))
        else:
            self.status.setText(self.tr("此卷宗未加密：拿到文件的人都能读取其内容。加密后，打开卷宗需要口令。"))
            self.passphrase_box.setTitle(self.tr("加密此卷宗"))
            self.apply_button.setText(self.tr("加密"))
        self.decrypt_box.setVisible(encrypted)
        if self.pf.readonly:
            self.status.setText(self.status.text() + "\n" + self.tr("卷宗以只读方式打开，不能更改加密设置。"))
        for widget in (self.new_edit, self.repeat_edit, self.decrypt_button):
            widget.setEnabled(not self.pf.readonly)
        self.new_edit.clear()
        self.repeat_edit.clear()
        self._check()

    def _check(self) -> bool:
        """Enable the action only for a usable passphrase typed twice; say what is missing."""
        new, repeat = self.new_edit.text(), self.repeat_edit.text()
        problem = ""
        if new and len(new) < MIN_LENGTH:
            problem = self.tr("口令至少需要 8 个字符。")
        elif new and repeat and new != repeat:
            problem = self.tr("两次输入的口令不一致。")
        self.problem.setText(problem)
        ok = bool(new) and new == repeat and not problem and not self.pf.readonly
        self.apply_button.setEnabled(ok)
        return ok

    # -- actions ----------------------------------------------------------------------------------
    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _apply(self) -> None:
        if not self._check():
            return
        encrypting = not self.pf.encrypted
        if encrypting:
            question = self.tr("加密后，每次打开卷宗都需要口令。忘记口令将无法打开卷宗，程序也无法找回。确定加密吗？")
        else:
            question = self.tr("更改后，旧口令将不能再打开此卷宗。确定更改口令吗？")
        if not self._confirm(self.windowTitle(), question):
            return
        passphrase = self.new_edit.text()
        if self._run(lambda: rekey.encrypt_dossier(self.pf, passphrase) if encrypting
                     else rekey.change_passphrase(self.pf, passphrase)):
            QMessageBox.information(self, self.windowTitle(),
                                    self.tr("卷宗已加密。") if encrypting else self.tr("口令已更改。"))

    def _decrypt(self) -> None:
        if not self._confirm(self.tr("解除加密"), self.tr("解除加密后，卷宗内容以明文保存，任何拿到文件的人都能读取。"
                                                         "确定解除加密吗？")):
            return
        if self._run(lambda: rekey.decrypt_dossier(self.pf)):
            QMessageBox.information(self, self.windowTitle(), self.tr("已解除加密。"))

    def _run(self, action: object) -> bool:
        """Save pending edits, run the re-keying with a wait cursor; a failure is a message, never a crash."""
        save = getattr(self.session, "save_now", None)
        if callable(save) and not save():
            QMessageBox.warning(self, self.windowTitle(), self.tr("请先解决保存问题：尚未保存的修改无法写入卷宗。"))
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            action()  # type: ignore[operator]
        except SmartcityError as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            self._refresh()
            return False
        QGuiApplication.restoreOverrideCursor()
        self._refresh()
        self.encryptionChanged.emit(self.pf.encrypted)
        return True
