"""The one background-operation helper (ui/shell/ops.py) and the work moved onto it: results and
progress arrive in the GUI thread, errors become calm messages, re-entry is refused, the newest
state wins, and re-keying, Excel reading and validation while editing no longer block the window."""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from smartcity_desktop.crashlog import log_file
from smartcity_desktop.errors import DataProblem
from smartcity_desktop.export import export_dossier
from smartcity_desktop.ui.shell.ops import Latest, Op, running_ops
from smartcity_desktop.ui.shell.session import DossierSession

pytestmark = pytest.mark.gui


def _on_main() -> bool:
    return threading.current_thread() is threading.main_thread()


def _wait_idle(qtbot: Any, op: Op[Any] | Latest[Any, Any]) -> None:
    qtbot.waitUntil(lambda: not op.running, timeout=20_000)


class _Ticks:
    """A timer on the GUI thread: if the event loop is blocked, it does not tick."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.count += 1


def test_success_and_progress_arrive_in_the_gui_thread(qtbot: Any) -> None:
    seen: list[tuple[str, Any, bool]] = []
    worker_on_main: list[bool] = []

    def work(report: Any) -> int:
        worker_on_main.append(_on_main())
        for n in (10, 50, 90):
            report(n, f"第{n}步")
            time.sleep(0.02)
        return 42

    op = (Op(None, work, name="test").progress(lambda p, m: seen.append(("progress", (p, m), _on_main())))
          .success(lambda r: seen.append(("success", r, _on_main()))))
    assert op.run_in_background()
    assert op.running
    _wait_idle(qtbot, op)
    assert worker_on_main == [False]
    assert seen == [("progress", (10, "第10步"), True), ("progress", (50, "第50步"), True),
                    ("progress", (90, "第90步"), True), ("success", 42, True)]
    assert op not in running_ops()


def test_failure_is_a_message_in_the_users_language_and_unexpected_ones_go_to_the_log(qtbot: Any) -> None:
    failures: list[tuple[str, BaseException]] = []

    def refused(_report: Any) -> None:
        raise DataProblem("工作簿中有 2 处无法导入。")

    op = Op(None, refused).failure(lambda m, e: failures.append((m, e)))
    op.run_in_background()
    _wait_idle(qtbot, op)
    assert failures[0][0] == "工作簿中有 2 处无法导入。" and isinstance(failures[0][1], DataProblem)

    def bug(_report: Any) -> None:
        raise KeyError("内部错误的键")

    op = Op(None, bug, name="bug-test").failure(lambda m, e: failures.append((m, e)))
    op.run_in_background()
    _wait_idle(qtbot, op)
    message = failures[1][0]
    assert "意外问题（KeyError）" in message and str(log_file()) in message
    assert "Traceback" not in message
    logged = log_file().read_text(encoding="utf-8")
    assert "background bug-test" in logged and "内部错误的键" in logged


def test_without_a_failure_callback_the_message_is_shown_in_a_box(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    parent = QWidget()
    qtbot.addWidget(parent)

    def full(_report: Any) -> None:
        raise DataProblem("磁盘空间已满。")

    op = Op(parent, full)
    op.run_in_background()
    _wait_idle(qtbot, op)
    assert shown == ["磁盘空间已满。"]


def test_busy_widgets_are_disabled_while_it_runs_and_exclusive_refuses_a_twin(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    button = QPushButton("开始", parent)
    release = threading.Event()
    first = Op(parent, lambda _r: release.wait(10), name="rekey").exclusive("rekey:a").busy(button)
    assert first.run_in_background()
    assert not button.isEnabled() and parent.cursor().shape() == Qt.CursorShape.BusyCursor
    assert Op.is_running("rekey:a")
    twin = Op(parent, lambda _r: None).exclusive("rekey:a")
    assert not twin.run_in_background() and not twin.running
    other = Op(parent, lambda _r: None).exclusive("rekey:b")  # another file: allowed
    assert other.run_in_background()
    release.set()
    _wait_idle(qtbot, first)
    assert button.isEnabled() and not Op.is_running("rekey:a")
    assert parent.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_nothing_is_delivered_to_a_deleted_parent(qtbot: Any) -> None:
    parent = QObject()
    delivered: list[Any] = []
    release = threading.Event()
    op = Op(parent, lambda _r: release.wait(10)).success(delivered.append)
    op.run_in_background()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(parent), timeout=5000)
    release.set()
    _wait_idle(qtbot, op)
    assert delivered == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))


def test_run_and_wait_keeps_the_window_painting_and_raises_the_works_error(qtbot: Any) -> None:
    ticks = _Ticks()
    reported: list[int] = []

    def slow(report: Any) -> str:
        time.sleep(0.2)
        report(100)
        return "完成"

    assert Op(None, slow).progress(lambda p, _m: reported.append(p)).run_and_wait() == "完成"
    ticks.timer.stop()
    assert ticks.count >= 5 and reported == [100]
    with pytest.raises(DataProblem):
        Op(None, lambda _r: (_ for _ in ()).throw(DataProblem("不行"))).run_and_wait()


def test_latest_drops_stale_results_and_runs_again_with_the_newest_state(qtbot: Any) -> None:
    state = {"n": 0}
    gate = threading.Event()
    ran: list[int] = []
    shown: list[int] = []

    def work(n: int) -> int:
        if not ran:
            gate.wait(10)  # the first run is slow: the user goes on typing meanwhile
        ran.append(n)
        return n

    owner = QObject()
    latest: Latest[int, int] = Latest(owner, lambda: state["n"], work, shown.append, name="test", delay_ms=10)
    latest.request()
    qtbot.waitUntil(lambda: latest.running, timeout=5000)
    for n in (1, 2, 3):  # three edits during the run
        state["n"] = n
        latest.request()
    gate.set()
    qtbot.waitUntil(lambda: shown == [3], timeout=5000)
    qtbot.wait(100)
    assert ran == [0, 3]  # one more run with the newest snapshot, not one per edit
    assert shown == [3]  # the stale result of the first run was dropped


def test_latest_reports_the_fallback_after_a_failed_run(qtbot: Any) -> None:
    shown: list[list[str]] = []
    owner = QObject()

    def broken(_snapshot: int) -> list[str]:
        raise RuntimeError("bug")

    latest: Latest[int, list[str]] = Latest(owner, lambda: 1, broken, shown.append, name="validate", fallback=list)
    latest.run_now()
    qtbot.waitUntil(lambda: shown == [[]], timeout=5000)


def test_grid_edits_are_validated_off_the_gui_thread_after_a_pause(qtbot: Any, session: DossierSession,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import smartcity_desktop.ui.shell.findings_feed as feed_module
    import smartcity_desktop.validate.rules as rules_module
    from smartcity_desktop.ui.pages.grid import IndicatorGrid

    calls: list[bool] = []
    real = rules_module.validate

    def counting(dossier: Any) -> Any:
        calls.append(_on_main())
        return real(dossier)

    monkeypatch.setattr(rules_module, "validate", counting)  # the feed and the session import it when they run
    grid = IndicatorGrid(session)
    qtbot.addWidget(grid)
    grid.resize(1280, 800)
    grid.show()
    qtbot.waitExposed(grid)
    model = grid.model
    index = model.index(model.row_of("2.2.3"), model.column("target"))
    index.data(Qt.ItemDataRole.BackgroundRole)  # the first look at the tints validates once, before any edit
    calls.clear()
    for text in ("目标一", "目标二", ""):  # a burst of edits, the last one leaves an error
        assert model.setData(index, text)
        grid.view.viewport().repaint()  # painting the tints must not validate either
    assert calls == []  # nothing validated on the GUI thread while editing
    qtbot.waitUntil(lambda: (index.data(Qt.ItemDataRole.BackgroundRole) is not None
                             and "目标" not in str(session.value("indicators[2.2.3].target"))
                             and any(not main for main in calls)), timeout=5000)
    qtbot.wait(feed_module.DELAY_MS + 100)
    assert calls and not any(calls)  # every run was in the background
    assert len(calls) == 1  # the burst was debounced into one run


def test_rekeying_does_not_block_the_window(qtbot: Any, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from smartcity_desktop.store import ProjectFile
    from smartcity_desktop.ui.dialogs.encryption import EncryptionDialog

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    pf = ProjectFile.open(demo_path)
    session = DossierSession(pf)
    dialog = EncryptionDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    ticks = _Ticks()
    at_end: list[int] = []
    progress: list[int] = []
    dialog.progress.valueChanged.connect(progress.append)
    dialog.encryptionChanged.connect(lambda _on: at_end.append(ticks.count))
    dialog.new_edit.setText("一个足够长的口令2026")
    dialog.repeat_edit.setText("一个足够长的口令2026")
    dialog.apply_button.click()
    assert dialog.running and ticks.count == 0  # the click returned at once
    assert dialog.progress.isVisible() and not dialog.passphrase_box.isEnabled()
    dialog.reject()
    assert dialog.isVisible()  # cannot be closed while the file is rewritten
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert at_end and at_end[0] >= 2  # the event loop kept running during the re-keying
    assert progress and progress[-1] == 100 and pf.encrypted
    ticks.timer.stop()
    session.close()


def test_excel_reading_does_not_block_the_window(qtbot: Any, session: DossierSession, tmp_path: Path) -> None:
    from smartcity_desktop.ui.dialogs.import_preview import ExcelImportDialog

    book = export_dossier(session.pf, tmp_path, ["xlsx"])[0]
    dialog = ExcelImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    ticks = _Ticks()
    at_end: list[int] = []
    dialog.loaded.connect(lambda _ok: at_end.append(ticks.count))
    dialog.load(book)
    assert dialog.reading and not dialog.choose.isEnabled() and "正在读取" in dialog.summary.text()
    qtbot.waitUntil(lambda: bool(at_end), timeout=20_000)
    assert at_end[0] >= 1  # the event loop ran while the workbook was read
    assert dialog.choose.isEnabled() and "没有需要导入的修改" in dialog.summary.text()
    ticks.timer.stop()
