"""Encrypt a dossier, change its passphrase, or remove its encryption (File ▸ Encryption…).

Each action asks for confirmation (a forgotten passphrase cannot be recovered; decrypting leaves
the file readable by anyone), saves pending edits first, then rewrites the whole file in one
transaction through store.rekey: an interruption leaves it wholly as it was or wholly changed.
The rewrite (and the key derivation before it) runs in the background (``ops.Op``) with a
progress bar; meanwhile the dialog's actions are disabled and it cannot be closed, so the
dossier behind this modal dialog stays untouched until the file is wholly rewritten; one
re-key per file at a time.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.store import rekey
from smartcity_desktop.ui.dialogs.passphrase import add_visibility_toggle
from smartcity_desktop.ui.shell.ops import Op

MIN_LENGTH = 8


class EncryptionDialog(QDialog):
    """Shows whether the dossier is encrypted and offers the actions that fit."""

    encryptionChanged = Signal(bool)  # True: now encrypted

    def __init__(self, session: object, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.pf = session.pf  # type: ignore[attr-defined]
        self._op: Op[None] | None = None
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

        self.progress = QProgressBar()
        self.progress.setObjectName("encryption.progress")
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(self.tr("重写卷宗的进度"))
        self.progress.setFormat(self.tr("正在重写卷宗…… %p%"))
        self.progress.setVisible(False)
        layout.addWidget(self.progress)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("关闭"))
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
        passphrase, pf = self.new_edit.text(), self.pf
        self._run(lambda progress: rekey.encrypt_dossier(pf, passphrase, progress) if encrypting
                  else rekey.change_passphrase(pf, passphrase, progress),
                  self.tr("卷宗已加密。") if encrypting else self.tr("口令已更改。"))

    def _decrypt(self) -> None:
        if not self._confirm(self.tr("解除加密"), self.tr("解除加密后，卷宗内容以明文保存，任何拿到文件的人都能读取。"
                                                         "确定解除加密吗？")):
            return
        pf = self.pf
        self._run(lambda progress: rekey.decrypt_dossier(pf, progress), self.tr("已解除加密。"))

    @property
    def running(self) -> bool:
        """A re-keying is under way (the dialog cannot be closed, its actions are disabled)."""
        return self._op is not None and self._op.running

    def _run(self, action: Callable[[rekey.Progress], None], done: str) -> bool:
        """Save pending edits, then re-key in the background with progress; the outcome is a message,
        never a crash. False when it could not start."""
        save = getattr(self.session, "save_now", None)
        if callable(save) and not save():
            QMessageBox.warning(self, self.windowTitle(), self.tr("请先解决保存问题：尚未保存的修改无法写入卷宗。"))
            return False

        def work(report: Callable[..., None]) -> None:
            action(lambda rows, total: report(rows * 100 // max(total, 1)))

        def succeeded(_none: None) -> None:
            self._finished()
            self.encryptionChanged.emit(self.pf.encrypted)
            QMessageBox.information(self, self.windowTitle(), done)

        def failed(message: str, _exc: BaseException) -> None:
            self._finished()
            QMessageBox.warning(self, self.windowTitle(), message)

        self._op = (Op(self, work, name="rekey").exclusive(f"rekey:{self.pf.path}")
                    .progress(lambda percent, _message: self.progress.setValue(percent))
                    .success(succeeded).failure(failed)
                    .busy(self.passphrase_box, self.decrypt_box, self.close_button))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        if not self._op.run_in_background():
            self.progress.setVisible(False)
            QMessageBox.warning(self, self.windowTitle(), self.tr("这个卷宗正在重写，请等它完成。"))
            return False
        return True

    def _finished(self) -> None:
        self.progress.setVisible(False)
        self._refresh()

    def reject(self) -> None:
        if not self.running:  # never leave a half-rewritten file behind a closed dialog
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.running:
            event.ignore()
            return
        super().closeEvent(event)
