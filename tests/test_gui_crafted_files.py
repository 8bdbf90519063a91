"""A crafted dossier in the GUI (issue 9): a friendly refusal with a way back, never an exit or a traceback."""
from __future__ import annotations

import hashlib
import importlib.util
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton

from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui import MainWindow
from smartcity_desktop.ui.shell.app import AppController

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("badfiles_corpus", ROOT / "tests" / "badfiles" / "corpus.py")
assert _spec and _spec.loader
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

SHOWN = ("schema-trigger-raise-abort", "schema-view", "scheme-id-absolute", "kdf-p-million",
         "value-storage-integer", "value-level-galaxy", "value-date-2012-02-31", "key-with-escape",
         "too-many-projects")


def answer_next_dialog(qtbot, button_text: str | None = None, standard=None) -> list[str]:
    """Click a button of the next modal dialog and record its text (as in test_gui_app.py)."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, click)
            return
        seen.append(box.text() if isinstance(box, QMessageBox) else box.windowTitle())
        if isinstance(box, QMessageBox) and standard is not None:
            box.button(standard).click()
            return
        for button in box.findChildren(QPushButton):
            if button_text is None or button.text() == button_text:
                button.click()
                return

    QTimer.singleShot(20, click)
    return seen


@pytest.fixture(scope="module")
def crafted(tmp_path_factory: pytest.TempPathFactory, _demo_master: Path) -> dict[str, tuple[Path, str]]:
    return corpus.crafted_cases(_demo_master, tmp_path_factory.mktemp("gui-crafted"))


@pytest.mark.parametrize("name", SHOWN)
def test_a_crafted_file_is_refused_with_a_dialog_and_the_welcome_screen_stays(qtbot, crafted, name: str) -> None:
    path = crafted[name][0]
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    controller = AppController()
    welcome = controller.show_welcome()
    qtbot.addWidget(welcome)
    seen = answer_next_dialog(qtbot, standard=QMessageBox.StandardButton.Cancel)
    assert controller.open_path(path, welcome) is None
    assert seen and "已损坏" in seen[0] and "\x1b" not in seen[0], seen
    assert controller.windows == [] and welcome.isVisible()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_crafted_file_can_be_recovered_into_a_sound_new_file(qtbot, crafted, tmp_path: Path,
                                                              monkeypatch) -> None:
    dest = tmp_path / "恢复.scdossier"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(dest), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    seen = answer_next_dialog(qtbot, "恢复到新文件…")
    window = AppController().open_path(crafted["schema-trigger-raise-abort"][0], None)
    assert seen and "触发器" in seen[0]
    assert window is not None and window.session.pf.path == dest
    qtbot.addWidget(window)
    window.session.set_value("applicant.leader", "张建国")  # the attacker's RAISE(ABORT) no longer blocks a save
    window.session.save_now()
    conn = sqlite3.connect(dest)
    try:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM fields WHERE key = 'applicant.leader'").fetchone()[0] == 1
    finally:
        conn.close()


def test_a_control_character_typed_or_pasted_gets_an_inline_message(qtbot, empty_path: Path) -> None:
    window = MainWindow(empty_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.go_to("applicant.leader")
    edit = window.focusWidget()
    assert isinstance(edit, QLineEdit)
    edit.setText("张\x1b[2J建国")
    edit.textEdited.emit(edit.text())  # what a paste delivers
    binder = window.stack.currentWidget().binders["applicant.leader"]
    assert binder.error_label.isVisible() and "控制字符" in binder.error_label.text()
    assert window.session.value("applicant.leader") != "张\x1b[2J建国"
    window.close()


def test_restoring_a_hostile_stored_version_is_refused_with_a_message(qtbot, demo_path: Path, monkeypatch) -> None:
    from smartcity_desktop.ui.dialogs.versions import VersionsDialog

    with ProjectFile.open(demo_path) as pf:
        vid = pf.create_version("报送前")
    conn = sqlite3.connect(demo_path, isolation_level=None)
    conn.execute("UPDATE versions SET data = ? WHERE id = ?", ('{"values": {"applicant.level": "galaxy"}}', vid))
    conn.close()
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    dialog = VersionsDialog(window.session, window)
    qtbot.addWidget(dialog)
    before = window.session.pf.committed_values()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    dialog.table.selectRow(0)
    dialog.restore_selected()
    dialog.compare_selected()
    assert len(warnings) == 2 and all("已损坏" in w for w in warnings), warnings
    assert window.session.pf.committed_values() == before
    window.close()
