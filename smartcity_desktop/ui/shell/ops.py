"""Work off the UI thread, in one shape (Anki's ``CollectionOp``).

``Op(parent, work).success(cb).failure(cb).progress(cb).run_in_background()`` runs ``work(report)``
on a worker thread of one pool; ``report(percent, message)`` may be called from the work at any
time and reaches ``progress`` in the GUI thread. When the work ends, ``success(result)`` or
``failure(message, exc)`` runs in the GUI thread: the message is already in the user's language
(a ``SmartcityError`` says it; anything else is written to the crash log and described calmly,
never as a traceback). Without ``failure`` the message is shown in a message box. ``busy(widgets)``
disables those widgets (with a busy cursor) while it runs; ``exclusive(key)`` refuses a second op
with the same key (one re-key of a file at a time). If the parent is deleted before the work ends,
nothing is delivered. The worker never touches widgets: it gets plain data (a dossier snapshot,
a path) and hands back plain data.

``Latest`` builds "the newest state wins" on ``Op``: requests are debounced, a snapshot is taken
on the GUI thread when a run starts, requests arriving during a run cause one more run, and the
result of a run that is already stale is dropped (validation while typing, the analysis page).

``run_and_wait()`` is for the few flows that need the answer before they can go on (opening a
file returns its window, building the submission package reports what it wrote): the work still
runs in the pool, the window keeps painting, user input is held back until it ends, and the
work's exception is raised to the caller. ``on_gui_thread`` lets such work ask the user (a
passphrase) from the GUI thread.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6 import QtWidgets  # QMessageBox read where an error is shown: not built at every start
from PySide6.QtWidgets import QWidget

from smartcity_desktop.crashlog import log_exception
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.ui.shell.crash import friendly_message

T = TypeVar("T")
S = TypeVar("S")
R = TypeVar("R")
Report = Callable[..., None]  # report(percent: int, message: str = "") from the worker thread

_pool: QThreadPool | None = None
_alive: set[Op[Any]] = set()  # started and not yet delivered (keeps each op and its relay alive)
_exclusive: dict[str, Op[Any]] = {}


def pool() -> QThreadPool:
    """The program's own pool: long work (an export) never makes validation wait for a thread."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(max(4, QThreadPool.globalInstance().maxThreadCount()))
    return _pool


def running_ops() -> list[Op[Any]]:
    """The ops started and not yet delivered (tests, closing)."""
    return list(_alive)


def _valid(obj: QObject | None) -> bool:
    return obj is None or shiboken6.isValid(obj)



def collect_qt_garbage() -> None:
    """Collect cyclic garbage now, in the GUI thread, before long allocation-heavy work starts in a worker
    (a split writing workbooks, a merge): otherwise Python's collector may run in the worker and finalise a
    dead Qt wrapper there, deleting a Qt object off the GUI thread — seen as a segfault of the event loop
    while a hand-out ran late in the full test suite."""
    gc.collect()


class _Relay(QObject):
    """Lives in the GUI thread; the worker's signals reach the op's callbacks through it, queued."""

    progressed = Signal(int, str)
    finished = Signal()

    def __init__(self, op: Op[Any]):
        super().__init__()
        self._op = op
        self.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    @Slot(int, str)
    def _on_progress(self, percent: int, message: str) -> None:
        self._op._deliver_progress(percent, message)

    @Slot()
    def _on_finished(self) -> None:
        self._op._deliver()


class _Job(QRunnable):
    def __init__(self, op: Op[Any]):
        super().__init__()
        self._op = op

    def run(self) -> None:
        self._op._work_in_thread()


class Op(Generic[T]):
    """One piece of work off the UI thread; see the module docstring for the shape."""

    def __init__(self, parent: QObject | None, work: Callable[[Report], T], *, name: str = "operation"):
        self._parent = parent
        self._work = work
        self.name = name
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[str, BaseException], object] | None = None
        self._on_progress: Callable[[int, str], object] | None = None
        self._busy: tuple[QWidget, ...] = ()
        self._busy_enabled: list[bool] = []
        self._key: str | None = None
        self._relay: _Relay | None = None
        self._ended = threading.Event()
        self._ended.set()
        self._result: Any = None
        self._error: BaseException | None = None
        self._started = False
        self._waiting = False  # run_and_wait delivers itself

    # -- building --------------------------------------------------------------------------------
    def success(self, callback: Callable[[T], object]) -> Op[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[str, BaseException], object]) -> Op[T]:
        """``callback(message, exc)``: the message is fit to show; ``exc`` lets a caller show more."""
        self._on_failure = callback
        return self

    def progress(self, callback: Callable[[int, str], object]) -> Op[T]:
        self._on_progress = callback
        return self

    def busy(self, *widgets: QWidget) -> Op[T]:
        """Disable ``widgets`` while the work runs, with a busy cursor over the parent (a dialog) or,
        when the parent is no widget, over the first of them."""
        self._busy = widgets
        return self

    def exclusive(self, key: str) -> Op[T]:
        """At most one running op per ``key``: ``run_in_background`` refuses (False) while one runs."""
        self._key = key
        return self

    # -- state -----------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """Started and its result not yet delivered."""
        return self in _alive

    def wait(self, timeout: float = 5.0) -> bool:
        """Block until the work itself has ended (closing a window, tests); True if it has."""
        return self._ended.wait(timeout)

    @staticmethod
    def is_running(key: str) -> bool:
        return key in _exclusive

    # -- running ---------------------------------------------------------------------------------
    def run_in_background(self) -> bool:
        """Start; the callbacks run later in the GUI thread. False when an exclusive twin runs."""
        if not self._start():
            return False
        self._relay = _Relay(self)
        pool().start(_Job(self))
        return True

    def run_and_wait(self) -> T:
        """Run in the pool and wait here, painting but holding user input back; the result, or the
        work's exception raised here (callers of this form handle their own errors)."""
        if not self._start():
            raise RuntimeError(f"{self.name} is already running")
        self._relay = _Relay(self)
        self._waiting = True
        pool().start(_Job(self))
        while not self._ended.wait(0.01):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 30)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)  # queued progress
        self._finish()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._result

    def _start(self) -> bool:
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("an Op is started from the GUI thread")
        if self._started:
            raise RuntimeError(f"{self.name} was already started")
        if self._key is not None:
            if self._key in _exclusive:
                return False
            _exclusive[self._key] = self
        self._started = True
        self._ended.clear()
        _alive.add(self)
        self._busy_enabled = [w.isEnabled() for w in self._busy]
        for widget in self._busy:
            widget.setEnabled(False)
        cursor_on = self._cursor_widget()
        if cursor_on is not None:
            cursor_on.setCursor(Qt.CursorShape.BusyCursor)
        return True

    def _cursor_widget(self) -> QWidget | None:
        if not self._busy:
            return None
        return self._parent if isinstance(self._parent, QWidget) else self._busy[0]

    def _report(self, percent: int, message: str = "") -> None:
        relay = self._relay
        if relay is not None:
            relay.progressed.emit(int(percent), str(message))

    def _work_in_thread(self) -> None:
        try:
            self._result = self._work(self._report)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread as a message
            self._error = exc
        finally:
            relay = self._relay  # alive until delivered: emit before saying the work ended
            if relay is not None:
                relay.finished.emit()
            self._ended.set()

    def _finish(self) -> None:
        """Back to idle: forget the op, give the widgets back."""
        if self not in _alive:
            return
        _alive.discard(self)
        if self._key is not None and _exclusive.get(self._key) is self:
            del _exclusive[self._key]
        for widget, enabled in zip(self._busy, self._busy_enabled):
            if shiboken6.isValid(widget):
                widget.setEnabled(enabled)
        cursor_on = self._cursor_widget()
        if cursor_on is not None and shiboken6.isValid(cursor_on):
            cursor_on.unsetCursor()
        relay, self._relay = self._relay, None
        if relay is not None:
            relay.deleteLater()

    # -- delivering (GUI thread) -----------------------------------------------------------------
    def _deliver_progress(self, percent: int, message: str) -> None:
        if self._on_progress is not None and self in _alive and _valid(self._parent):
            self._on_progress(percent, message)

    def _deliver(self) -> None:
        if self not in _alive or self._waiting:  # run_and_wait delivers it itself
            return
        self._finish()
        error, result = self._error, self._result
        self._error = self._result = None
        message = ""
        if error is not None:
            logged = None if isinstance(error, SmartcityError) else log_exception(error, f"background {self.name}")
            message = friendly_message(error, logged)
        if not _valid(self._parent):
            return  # its window went away: nobody to tell (an unexpected error is in the log)
        if error is None:
            if self._on_success is not None:
                self._on_success(result)
        elif self._on_failure is not None:
            self._on_failure(message, error)
        else:
            parent = self._parent if isinstance(self._parent, QWidget) else None
            QtWidgets.QMessageBox.warning(parent, QCoreApplication.translate("Ops", "未能完成"), message)


class Latest(QObject, Generic[S, R]):
    """``work(snapshot())`` in the background for the newest state only.

    ``request()`` (re)starts a ``delay_ms`` debounce; the snapshot is taken on the GUI thread when
    the run starts. A request during a run marks the state stale: that run's result is dropped
    and one more run follows, so the last state is always the one shown. A failed run is logged
    (by ``Op``) and reported as ``fallback()``, or not at all when there is no fallback.
    """

    def __init__(self, parent: QObject | None, snapshot: Callable[[], S], work: Callable[[S], R],
                 done: Callable[[R], object], *, name: str, delay_ms: int = 0,
                 fallback: Callable[[], R] | None = None):
        super().__init__(parent)
        self._snapshot, self._work, self._done, self._fallback = snapshot, work, done, fallback
        self.name = name
        self._op: Op[R] | None = None
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)

    @property
    def running(self) -> bool:
        return self._op is not None and self._op.running

    @property
    def pending(self) -> bool:
        """A run is waiting for the debounce or for the running one to end."""
        return self._timer.isActive() or self._again

    def request(self, *_args: object) -> None:
        """The state changed: run again after the debounce (or after the running one)."""
        if self.running:
            self._again = True
        else:
            self._timer.start()

    def run_now(self) -> None:
        """Skip the debounce (the page was just shown)."""
        self._timer.stop()
        if self.running:
            self._again = True
        else:
            self._start()

    def stop(self) -> None:
        """No further runs (closing); a running one still ends, its result is dropped."""
        self._timer.stop()
        self._again = False
        self._done = lambda _result: None

    def wait(self, timeout: float = 5.0) -> bool:
        return self._op is None or self._op.wait(timeout)

    def _start(self) -> None:
        self._again = False
        snapshot = self._snapshot()
        work = self._work
        self._op = (Op(self, lambda _report: work(snapshot), name=self.name)
                    .success(self._finished).failure(self._failed))
        self._op.run_in_background()

    def _next(self) -> bool:
        """A newer state is waiting: drop this result, run again."""
        if not self._again:
            return False
        self._again = False
        self._timer.start()
        return True

    def _finished(self, result: R) -> None:
        if not self._next():
            self._done(result)

    def _failed(self, _message: str, _exc: BaseException) -> None:
        if not self._next() and self._fallback is not None:
            self._done(self._fallback())


class _Invoker(QObject):
    """Runs callables in the thread it lives in (the GUI thread), for work that needs a dialog."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, job: Callable[[], None]) -> None:
        job()


def on_gui_thread(fn: Callable[..., T]) -> Callable[..., T | None]:
    """Wrap ``fn`` (which shows a dialog) so work in the pool can call it and wait for the answer
    (the GUI thread is then in ``run_and_wait``, which processes the call)."""
    invoker = _Invoker()

    def wrapper(*args: Any) -> T | None:
        if threading.current_thread() is threading.main_thread():
            return fn(*args)
        done = threading.Event()
        box: dict[str, Any] = {}

        def job() -> None:
            try:
                box["value"] = fn(*args)
            except BaseException as exc:  # noqa: BLE001 - handed back to the worker
                box["error"] = exc
            finally:
                done.set()

        invoker.call.emit(job)
        done.wait()
        if "error" in box:
            raise box["error"]
        return box.get("value")

    wrapper.invoker = invoker  # type: ignore[attr-defined]  # keep it alive as long as the wrapper
    return wrapper


__all__ = ["Latest", "Op", "Report", "on_gui_thread", "pool", "running_ops"]
