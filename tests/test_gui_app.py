"""Start-up flows: new-dossier wizard, welcome screen, demo copy, locked and unreadable files,
versions, attachments, the crash handler and the language switch."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui import MainWindow
from smartcity_desktop.ui.shell import settings
from smartcity_desktop.ui.shell.app import AppController, choose_language, install_translators
from smartcity_desktop.ui.dialogs.new_dossier import NewDossierWizard

pytestmark = pytest.mark.gui


def answer_next_dialog(qtbot, button_text: str | None = None, standard=None) -> list[str]:
    """Click a button of the next modal dialog (message boxes block the test otherwise)."""
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


def test_wizard_creates_the_dossier(qtbot, tmp_path: Path) -> None:
    wizard = NewDossierWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.name_page.name.setText("梅园镇")
    wizard.name_page.level.setCurrentIndex(wizard.name_page.level.findData("town"))
    wizard.next()
    assert wizard.unit_page.unit.text() == "梅园镇人民政府"  # proposed from the name
    wizard.unit_page.province.setEditText("江苏")  # typed short: kept as the official name
    wizard.next()
    assert "57" in wizard.scheme_page.detail.text()
    wizard.next()
    assert wizard.save_page.path.text().endswith(".scdossier")
    target = tmp_path / "梅园镇.scdossier"
    wizard.save_page.path.setText(str(target))
    wizard.next()  # the commit page creates the file
    assert wizard.created is not None
    pf = wizard.created
    assert pf.dossier.get("applicant.name") == "梅园镇"
    assert pf.dossier.get("applicant.level") == "town"
    assert pf.dossier.get("applicant.unit") == "梅园镇人民政府"
    assert pf.dossier.get("applicant.province") == "江苏省"
    pf.close()
    assert target.exists()


def test_wizard_reports_an_existing_file_in_place(qtbot, empty_path: Path) -> None:
    wizard = NewDossierWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.name_page.name.setText("测试区")
    wizard.next()
    wizard.unit_page.province.setEditText("浙江省")
    wizard.next()
    wizard.next()
    wizard.save_page.path.setText(str(empty_path))
    wizard.next()
    assert wizard.created is None
    assert "已存在" in wizard.save_page.error.text()
    assert wizard.currentPage() is wizard.save_page


def test_town_and_district_see_the_same_pages(qtbot, tmp_path: Path, scheme) -> None:
    pages = []
    for level in ("town", "district"):
        path = tmp_path / f"{level}.scdossier"
        ProjectFile.create(path, scheme, values={"applicant.level": level}).close()
        w = MainWindow(path)
        qtbot.addWidget(w)
        pages.append([p.id for p in w.order])
        w.close()
    assert pages[0] == pages[1]


def test_demo_copy_goes_to_documents_and_opens(qtbot, tmp_path: Path) -> None:
    controller = AppController()
    window = controller.open_demo(None)
    qtbot.addWidget(window)
    path = window.session.pf.path
    assert path.parent == Path(os.environ["SMARTCITY_DOCUMENTS_DIR"])
    assert path.name.startswith("示例卷宗")
    assert window.session.value("applicant.name")
    qtbot.waitUntil(lambda: settings.recent_files()[:1] == [str(path.resolve())], timeout=4000)
    window.session.save_now()


def test_locked_file_offers_read_only(qtbot, demo_path: Path) -> None:
    holder = ProjectFile.open(demo_path)  # "another program" holds it (same process: a live lock)
    try:
        controller = AppController()
        seen = answer_next_dialog(qtbot, "以只读方式打开")
        window = controller.open_path(demo_path, None)
        assert seen and "正由" in seen[0]
        assert window is not None and window.session.readonly
        assert window.windowTitle().endswith("（只读）")
        qtbot.addWidget(window)
    finally:
        holder.close()


def test_locked_file_can_be_opened_as_a_copy(qtbot, demo_path: Path, tmp_path: Path, monkeypatch) -> None:
    holder = ProjectFile.open(demo_path)
    copy = tmp_path / "副本.scdossier"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(copy), ""))
    try:
        controller = AppController()
        answer_next_dialog(qtbot, "打开一个副本")
        window = controller.open_path(demo_path, None)
        qtbot.addWidget(window)
        assert window.session.pf.path == copy
        assert not window.session.readonly
        assert window.session.value("applicant.name") == holder.dossier.get("applicant.name")
    finally:
        holder.close()


def test_unreadable_file_gets_a_clear_message(qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "不是卷宗.scdossier"
    bad.write_text("这不是数据库", encoding="utf-8")
    controller = AppController()
    seen = answer_next_dialog(qtbot, standard=QMessageBox.StandardButton.Ok)
    assert controller.open_path(bad, None) is None
    assert seen and "Traceback" not in seen[0] and "不是卷宗" in seen[0]


def test_versions_make_compare_restore(qtbot, demo_path: Path, monkeypatch) -> None:
    from smartcity_desktop.ui.dialogs.versions import VersionsDialog

    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    dialog = VersionsDialog(w.session, w)
    qtbot.addWidget(dialog)
    before = w.session.value("applicant.leader")
    vid = dialog.make_version("报送省厅前")
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "报送省厅前"
    w.session.set_value("applicant.leader", "李四")
    changes = dialog.compare(vid)
    assert [c[0] for c in changes] == ["applicant.leader"]
    assert dialog.diff.item(0, 0).text() == "责任主体主要负责人"
    assert dialog.diff.item(0, 1).text() == before and dialog.diff.item(0, 2).text() == "李四"
    dialog.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.restore_selected()
    assert w.session.value("applicant.leader") == before
    page = w.show_page("applicant")
    assert page.input_for("applicant.leader").text() == before  # the page shows the restored value
    w.close()


def test_attachments_add_list_open_remove(qtbot, empty_path: Path, tmp_path: Path, monkeypatch) -> None:
    from smartcity_desktop.ui.widgets import attachments

    doc = tmp_path / "规划纲要.txt"
    doc.write_text("智慧城市发展规划纲要" * 100, encoding="utf-8")
    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    page = w.show_page("conditions[2]")
    docs = page.input_for("conditions[2].documents")
    assert attachments.add_files(w.session, "conditions[2].documents", [str(doc)], w) == 1
    assert docs.count() == 1 and "规划纲要.txt" in docs.item(0).text() and "KB" in docs.item(0).text()
    opened: list[str] = []
    monkeypatch.setattr(attachments.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    docs.item(0).setSelected(True)
    docs.parentWidget().open_selected()
    assert opened and Path(opened[0]).read_text(encoding="utf-8") == doc.read_text(encoding="utf-8")
    overview = w.show_page("attachments")
    assert overview.tree.topLevelItemCount() == 1
    assert overview.tree.topLevelItem(0).text(1) == "申报条件 2"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    docs.item(0).setSelected(True)
    docs.parentWidget().remove_selected()
    assert w.session.value("conditions[2].documents") is None
    assert overview.tree.topLevelItemCount() == 0
    w.close()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        assert pf.attachments() == []


def test_drop_a_file_onto_an_indicator(qtbot, empty_path: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    doc = tmp_path / "证明.pdf"
    doc.write_bytes(b"%PDF-1.4 test")
    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    page = w.show_page("indicators[1.2.1]")
    target = page.documents
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(doc))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    target.dropEvent(event)
    assert len(w.session.value("indicators[1.2.1].documents")) == 1
    assert w.session.pf.attachments("indicators[1.2.1].documents")[0].name == "证明.pdf"
    w.close()


def test_unexpected_error_is_logged_and_shown_without_traceback(qtbot, monkeypatch) -> None:
    from smartcity_desktop.crashlog import log_file
    from smartcity_desktop.ui.shell import crash

    shown: list[str] = []
    monkeypatch.setattr(crash.QtWidgets.QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install_excepthook()
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    assert shown and "Traceback" not in shown[0] and "ZeroDivisionError" in shown[0]
    assert str(log_file()) in shown[0]
    assert "Traceback" in log_file().read_text(encoding="utf-8")


def test_language_choice_and_english_translation(qtbot, empty_path: Path) -> None:
    from smartcity_desktop.i18n import set_language

    assert choose_language(None) == "zh_CN"
    settings.LANGUAGE.set("en")
    assert choose_language(None) == "en"
    assert choose_language("zh_CN") == "zh_CN"  # --lang wins
    app = QApplication.instance()
    set_language("en")
    try:
        loaded = install_translators(app, "en")
        assert "app_en" in loaded
        w = MainWindow(empty_path)
        qtbot.addWidget(w)
        menus = [a.text() for a in w.menuBar().actions()]
        assert menus[0] == "&File"
        from smartcity_desktop.ui.shell.mainwindow import app_title

        assert app_title() == "Smart City Pilot Declaration Assistant"  # the display name Qt adds to titles
        assert w.windowTitle() == empty_path.name
        page = w.show_page("indicators[1.1.1]")
        assert page.input_for("indicators[1.1.1].target").accessibleName() == "Target"
        w.close()
    finally:
        set_language("zh_CN")
        install_translators(app, "zh_CN")


def test_language_switch_applies_to_an_open_dossier_at_once(qtbot, empty_path: Path) -> None:
    """The dossier moves to a new window in the new language: same file (still locked), same page,
    nothing typed is lost."""
    from smartcity_desktop.store import read_lock

    controller = AppController()
    window = controller.open_path(empty_path, None)
    window.show_page("indicators[2.1.1]")
    window.session.set_value("indicators[2.1.1].target", "到2015年城乡规划全覆盖")  # not yet autosaved
    app = QApplication.instance()
    try:
        assert controller.switch_language("en") is True
        assert len(controller.windows) == 1 and controller.welcome is None
        new = controller.windows[0]
        qtbot.addWidget(new)
        assert new is not window and new.session.pf is window.session.pf
        assert [a.text() for a in new.menuBar().actions()][0] == "&File"
        assert new.current_page == "indicators[2.1.1]"
        assert new.session.value("indicators[2.1.1].target") == "到2015年城乡规划全覆盖"
        assert read_lock(empty_path) is not None  # the file stayed open for the new window
        with ProjectFile.open(empty_path, readonly=True) as other:
            assert other.dossier.get("indicators[2.1.1].target") == "到2015年城乡规划全覆盖"
    finally:
        controller.switch_language("zh_CN")
        for w in list(controller.windows):
            w.close()
        if controller.welcome is not None:
            controller.welcome.close()
        install_translators(app, "zh_CN")
    assert read_lock(empty_path) is None


def test_encrypted_dossier_asks_for_its_passphrase(qtbot, tmp_path: Path, scheme, monkeypatch) -> None:
    from smartcity_desktop.ui.dialogs import passphrase as passphrase_dialog

    path = tmp_path / "加密.scdossier"
    ProjectFile.create(path, scheme, passphrase="正确口令123456", values={"applicant.name": "加密区"}).close()
    answers = iter(["错误口令", "正确口令123456"])
    asked: list[tuple[str, bool]] = []

    def fake_ask(_parent, file_name, wrong=False):
        asked.append((file_name, wrong))
        return next(answers)

    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", fake_ask)
    window = AppController().open_path(path, None)
    qtbot.addWidget(window)
    assert window.session.value("applicant.name") == "加密区"
    assert asked == [("加密.scdossier", False), ("加密.scdossier", True)]  # the second time says "wrong"


def test_cancelled_passphrase_opens_nothing(qtbot, tmp_path: Path, scheme, monkeypatch) -> None:
    from smartcity_desktop.ui.dialogs import passphrase as passphrase_dialog

    path = tmp_path / "加密.scdossier"
    ProjectFile.create(path, scheme, passphrase="口令口令口令口令口令", values={}).close()
    monkeypatch.setattr(passphrase_dialog, "ask_passphrase", lambda *a, **k: None)
    assert AppController().open_path(path, None) is None


def salvage_in_the_window(qtbot, monkeypatch, damaged: Path, dest: Path) -> tuple[object, list[str], list[str]]:
    """Open ``damaged`` as a user would and answer 恢复到新文件… with ``dest``: (the window opened, the damaged-file
    dialog's texts, the recovery report shown)."""
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(dest), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    seen = answer_next_dialog(qtbot, "恢复到新文件…")
    return AppController().open_path(damaged, None), seen, shown


def test_damaged_file_offers_recovery_into_a_new_file(qtbot, demo_path: Path, tmp_path: Path, monkeypatch) -> None:
    """A file cut short (an interrupted USB copy) is refused untouched; its readable rows are saved."""
    damaged = tmp_path / "截断.scdossier"
    raw = demo_path.read_bytes()
    damaged.write_bytes(raw[: len(raw) * 2 // 3])
    before = damaged.read_bytes()
    dest = tmp_path / "恢复.scdossier"
    window, seen, shown = salvage_in_the_window(qtbot, monkeypatch, damaged, dest)
    assert seen and "截断" in seen[0]
    assert window is not None and window.session.pf.path == dest
    qtbot.addWidget(window)
    assert window.session.value("applicant.name") == "江东省临川市滨湖区"
    assert shown and damaged.read_bytes() == before


def test_a_recovered_work_package_opens_as_the_units_package(qtbot, demo_path: Path, tmp_path: Path,
                                                             monkeypatch) -> None:
    """恢复到新文件… on a damaged .scpart: the salvaged file is the unit's package again (its window, its scope)."""
    import sqlite3

    from smartcity_desktop.departments import split_dossier

    with ProjectFile.open(demo_path) as pf:
        (package,) = split_dossier(pf, tmp_path / "pk", units=["区卫生局"])
    conn = sqlite3.connect(package)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pgno = conn.execute("SELECT max(pageno) FROM dbstat WHERE name = 'changes' AND pagetype = 'leaf'").fetchone()[0]
    conn.close()
    raw = bytearray(package.read_bytes())
    raw[(pgno - 1) * page_size:(pgno - 1) * page_size + 8] = b"\xff" * 8
    package.write_bytes(bytes(raw))
    dest = tmp_path / "恢复.scpart"
    window, seen, shown = salvage_in_the_window(qtbot, monkeypatch, package, dest)
    assert seen and window is not None and window.session.pf.path == dest
    qtbot.addWidget(window)
    assert shown and "区卫生局" in shown[0] and "仍可交回" in shown[0]
    assert window.session.pf.kind == "work_package" and window.unit is not None
    assert window.session.pf.edit_guard is not None  # the unit's edit scope holds


def test_lock_from_another_computer_can_be_taken_over_on_request(qtbot, empty_path: Path, monkeypatch) -> None:
    from smartcity_desktop.store.lock import lock_path

    lock_path(empty_path).write_text('{"user": "王五", "host": "other-pc", "pid": 1, "time": "09:00"}',
                                     encoding="utf-8")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    seen = answer_next_dialog(qtbot, "接管并编辑")
    window = AppController().open_path(empty_path, None)
    qtbot.addWidget(window)
    assert seen and "王五" in seen[0]
    assert window is not None and not window.session.readonly


def test_qt_own_dialogs_speak_chinese(qtbot) -> None:
    from PySide6.QtCore import QCoreApplication

    loaded = install_translators(QApplication.instance(), "zh_CN")
    assert "qtbase_zh_CN" in loaded
    # a standard button of QMessageBox / QDialogButtonBox comes from qtbase_zh_CN.qm
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_welcome_lists_recent_files_and_opens_one(qtbot, demo_path: Path) -> None:
    settings.add_recent(demo_path)
    controller = AppController()
    welcome = controller.show_welcome()
    item = welcome.recent.item(0)
    assert demo_path.name in item.text()
    welcome.recent.itemActivated.emit(item)
    assert len(controller.windows) == 1
    window = controller.windows[0]
    qtbot.addWidget(window)
    assert window.session.pf.path == demo_path
    assert controller.welcome is None  # the welcome screen gives way to the dossier


def test_opening_runs_off_the_gui_thread_and_the_window_keeps_painting(qtbot) -> None:
    import threading
    import time as _time

    from smartcity_desktop.ui.shell.ops import Op, on_gui_thread

    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    seen_threads: list[str] = []
    ask = on_gui_thread(lambda name: seen_threads.append(threading.current_thread().name) or f"答复{name}")

    def slow(_report: object) -> tuple[str, bool]:
        _time.sleep(0.3)
        return ask("甲"), threading.current_thread() is threading.main_thread()

    assert Op(None, slow, name="open").run_and_wait() == ("答复甲", False)
    timer.stop()
    assert len(ticks) >= 5  # the event loop ran while the worker slept
    assert seen_threads == [threading.main_thread().name]  # the "dialog" ran in the GUI thread
    with pytest.raises(ZeroDivisionError):
        Op(None, lambda _report: 1 / 0, name="open").run_and_wait()


def test_language_choice_on_the_welcome_screen_applies_at_once(qtbot) -> None:
    from smartcity_desktop.i18n import language, set_language

    controller = AppController()
    welcome = controller.show_welcome()
    try:
        welcome.language.setCurrentIndex(welcome.language.findData("en"))
        welcome.language.activated.emit(welcome.language.currentIndex())
        assert language() == "en"
        assert settings.LANGUAGE.get() == "en"
        assert controller.welcome is not welcome
        assert controller.welcome.new_button.text() == "New dossier…"
    finally:
        set_language("zh_CN")
        install_translators(QApplication.instance(), "zh_CN")
        if controller.welcome is not None:
            controller.welcome.close()


def test_restoring_a_version_brings_back_a_removed_attachment(qtbot, empty_path: Path, tmp_path: Path,
                                                              monkeypatch) -> None:
    from smartcity_desktop.ui.widgets import attachments
    from smartcity_desktop.ui.dialogs.versions import VersionsDialog

    doc = tmp_path / "领导小组通知.txt"
    doc.write_text("通知", encoding="utf-8")
    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    page = w.show_page("conditions[4]")
    docs = page.input_for("conditions[4].documents")
    attachments.add_files(w.session, "conditions[4].documents", [str(doc)], w)
    dialog = VersionsDialog(w.session, w)
    qtbot.addWidget(dialog)
    vid = dialog.make_version("有附件")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    docs.item(0).setSelected(True)
    docs.parentWidget().remove_selected()
    assert "尚无附件" in docs.item(0).text()
    dialog.table.selectRow(0)
    assert dialog.selected_id() == vid
    dialog.restore_selected()
    assert "领导小组通知.txt" in docs.item(0).text()
    w.close()


def test_application_has_the_program_icon(qapp):
    from smartcity_desktop.ui.shell.app import make_application

    app = make_application()
    sizes = {s.width() for s in app.windowIcon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes


@pytest.mark.parametrize("made_by", ["make_application", "elsewhere"])
def test_the_program_starts_in_fusion_whatever_the_environment_says(tmp_path: Path, made_by: str) -> None:
    """Fusion is chosen on the QApplication's command line (cheaper than ``setStyle`` at start-up), which
    must still win over a QT_STYLE_OVERRIDE the desktop sets; an application made elsewhere (tests, tools)
    gets it from ``apply_style``. In a child process: the style, palette and font must not leak into the
    other tests' application."""
    import subprocess

    make = ("from smartcity_desktop.ui.shell.app import make_application; app = make_application()"
            if made_by == "make_application" else "from PySide6.QtWidgets import QApplication; app = QApplication([])")
    code = f"{make}; from smartcity_desktop.ui.shell.style import apply_style; apply_style(app); print(app.style().name())"
    env = {**os.environ, "QT_STYLE_OVERRIDE": "windows", "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.strip() == "fusion"


def test_the_garbage_collector_is_off_while_starting_and_back_after_the_first_paint(tmp_path: Path) -> None:
    """main.py switches the cyclic collector off for the start (less work, same result) and the first window's
    first paint switches it back on: a program that kept it off would grow with every cycle it leaves."""
    import subprocess

    code = """
import gc, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from smartcity_desktop.main import main
seen = []
_exec = QApplication.exec
def exec_and_look(self=None):
    seen.append(gc.isenabled())  # the window is built and shown, not yet painted
    QTimer.singleShot(1500, QApplication.quit)
    code = _exec()
    seen.append(gc.isenabled())
    return code
QApplication.exec = exec_and_look
main(["--demo"])
print(seen, flush=True)
import os; os._exit(0)  # the window was left open (the loop was just told to quit): no closing here
"""
    (tmp_path / "docs").mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SMARTCITY_DATA_DIR": str(tmp_path / "data"),
           "SMARTCITY_DOCUMENTS_DIR": str(tmp_path / "docs"), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[False, True]"
