"""GUI: the passphrase prompt and the encryption dialog (encrypt / change passphrase / decrypt)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from smartcity_desktop.store import PassphraseNeeded, ProjectFile
from smartcity_desktop.ui.dialogs.encryption import EncryptionDialog
from smartcity_desktop.ui.dialogs.passphrase import PassphraseDialog, ask_passphrase, passphrase_prompt
from smartcity_desktop.ui.shell.session import DossierSession

pytestmark = pytest.mark.gui
PASS = "湖滨大道188号-口令"
SECRET = "机密：规划调整方案"


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record every message box and answer Yes to confirmations (modal boxes cannot be clicked headless)."""
    seen: list[tuple[str, str]] = []

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        seen.append(("question", text))
        return QMessageBox.StandardButton.Yes

    def note(kind: str) -> Any:
        def show(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
            seen.append((kind, text))
            return QMessageBox.StandardButton.Ok
        return show

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", note("information"))
    monkeypatch.setattr(QMessageBox, "warning", note("warning"))
    return seen


def _answer_next_dialog(text: str | None, seen: list[bool]) -> None:
    """When the next passphrase dialog is up, note whether it says "wrong", type ``text`` and press
    Open (None: Cancel)."""
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(20, act)
            return
        seen.append(dialog.warning.isVisibleTo(dialog))
        dialog.grab()  # rendered for real before answering
        if text is None:
            dialog.reject()
        else:
            dialog.edit.setText(text)
            dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    QTimer.singleShot(0, act)


def test_passphrase_dialog_hides_shows_and_warns(qtbot: Any, tmp_path: Path) -> None:
    dialog = PassphraseDialog("滨湖区.scdossier", wrong=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warning.isVisible() and "口令不正确" in dialog.warning.text()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing typed yet
    dialog.edit.setText(PASS)
    assert ok.isEnabled() and dialog.edit.echoMode() == QLineEdit.EchoMode.Password
    dialog.toggle.trigger()
    assert dialog.edit.echoMode() == QLineEdit.EchoMode.Normal and dialog.toggle.text() == "隐藏口令"
    dialog.toggle.trigger()
    assert dialog.edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.edit.accessibleName() == "口令"
    dialog.grab().save(str(tmp_path / "passphrase.png"))
    fresh = PassphraseDialog("x.scdossier")
    qtbot.addWidget(fresh)
    fresh.show()
    assert not fresh.warning.isVisible()


def test_ask_passphrase_returns_text_or_none(qtbot: Any) -> None:
    seen: list[bool] = []
    _answer_next_dialog(PASS, seen)
    assert ask_passphrase(None, "a.scdossier") == PASS
    _answer_next_dialog(None, seen)
    assert ask_passphrase(None, "a.scdossier", wrong=True) is None
    assert seen == [False, True]


def test_store_asks_again_after_a_wrong_passphrase(qtbot: Any, empty_path: Path) -> None:
    from smartcity_desktop.store.rekey import encrypt_dossier

    with ProjectFile.open(empty_path) as pf:
        pf.set("profile.overview", SECRET)
        encrypt_dossier(pf, PASS)
    seen: list[bool] = []
    _answer_next_dialog("不是这个口令", seen)
    QTimer.singleShot(50, lambda: _answer_next_dialog(PASS, seen))
    with ProjectFile.open(empty_path, ask_passphrase=passphrase_prompt(None)) as pf:
        assert pf.dossier.get("profile.overview") == SECRET
    assert seen == [False, True]
    _answer_next_dialog(None, seen)
    with pytest.raises(PassphraseNeeded):
        ProjectFile.open(empty_path, ask_passphrase=passphrase_prompt(None))


def test_encrypt_change_and_decrypt_through_the_dialog(qtbot: Any, empty_path: Path, answers: list[tuple[str, str]],
                                                        tmp_path: Path) -> None:
    pf = ProjectFile.open(empty_path)
    session = DossierSession(pf)
    session.set_value("profile.overview", SECRET)  # pending in the autosave timer: the dialog saves it first
    dialog = EncryptionDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    changes: list[bool] = []
    dialog.encryptionChanged.connect(changes.append)
    assert "未加密" in dialog.status.text() and not dialog.decrypt_box.isVisible()
    dialog.grab().save(str(tmp_path / "encryption-plain.png"))

    dialog.new_edit.setText("short")
    assert "至少需要 8 个字符" in dialog.problem.text() and not dialog.apply_button.isEnabled()
    dialog.new_edit.setText(PASS)
    dialog.repeat_edit.setText(PASS + "x")
    assert "不一致" in dialog.problem.text() and not dialog.apply_button.isEnabled()
    dialog.repeat_edit.setText(PASS)
    assert dialog.problem.text() == "" and dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    assert dialog.running and not dialog.close_button.isEnabled()  # re-keying in the background
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert answers[0][0] == "question" and "忘记口令" in answers[0][1]
    assert answers[-1] == ("information", "卷宗已加密。") and changes == [True]
    assert pf.encrypted and SECRET.encode() not in empty_path.read_bytes()
    assert "已加密" in dialog.status.text() and dialog.decrypt_box.isVisible()
    assert dialog.new_edit.text() == "" and dialog.apply_button.text() == "更改口令"
    dialog.grab().save(str(tmp_path / "encryption-encrypted.png"))

    new = "另一个更长的口令2026"
    dialog.new_edit.setText(new)
    dialog.repeat_edit.setText(new)
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert answers[-1] == ("information", "口令已更改。") and changes == [True, True]
    session.close()
    with ProjectFile.open(empty_path, passphrase=new) as again:
        assert again.dossier.get("profile.overview") == SECRET
        session = DossierSession(again)
        dialog2 = EncryptionDialog(session)
        qtbot.addWidget(dialog2)
        dialog2.decrypt_button.click()
        qtbot.waitUntil(lambda: not dialog2.running, timeout=20_000)
        assert "明文" in answers[-2][1] and answers[-1] == ("information", "已解除加密。")
        assert not again.encrypted
    assert SECRET.encode() in empty_path.read_bytes()


def test_read_only_dossier_cannot_change_encryption(qtbot: Any, empty_path: Path) -> None:
    with ProjectFile.open(empty_path, readonly=True) as pf:
        dialog = EncryptionDialog(DossierSession(pf))
        qtbot.addWidget(dialog)
        assert "只读" in dialog.status.text()
        dialog.new_edit.setText(PASS)
        dialog.repeat_edit.setText(PASS)
        assert not dialog.new_edit.isEnabled() and not dialog.apply_button.isEnabled()


def test_failure_is_a_message_not_a_crash(qtbot: Any, empty_path: Path, answers: list[tuple[str, str]],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from smartcity_desktop.errors import FileProblem
    from smartcity_desktop.store import rekey

    def full_disk(pf: Any, passphrase: str, progress: Any = None) -> None:
        raise FileProblem("磁盘空间已满，未能保存到 empty.scdossier。")

    monkeypatch.setattr(rekey, "encrypt_dossier", full_disk)
    with ProjectFile.open(empty_path) as pf:
        dialog = EncryptionDialog(DossierSession(pf))
        qtbot.addWidget(dialog)
        dialog.new_edit.setText(PASS)
        dialog.repeat_edit.setText(PASS)
        dialog.apply_button.click()
        qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
        assert answers[-1] == ("warning", "磁盘空间已满，未能保存到 empty.scdossier。")
        assert not pf.encrypted and "未加密" in dialog.status.text()
