"""Work off the UI thread (as Anki's CollectionOp does): validation of a dossier snapshot, opening files.

The worker never touches widgets or the project file; it gets an independent ``Dossier`` copy
and hands back plain findings through a queued signal. If edits arrive while it runs, one more
run follows so the last state is always the one shown.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal

from smartcity_desktop.crashlog import log_exception
from smartcity_desktop.model import Dossier
from smartcity_desktop.validate import validate

T = TypeVar("T")


class SnapshotWorker(QObject):
    """Runs ``work`` on dossier snapshots in a worker thread; ``done(result)`` arrives in the GUI thread.
    Edits during a run queue one more run (the newest snapshot), so the last state is always the one
    shown. A failing run is logged and reported as ``fallback`` (or not at all when it is None)."""

    done = Signal(object)

    def __init__(self, work: Callable[[Dossier], Any], name: str, fallback: Callable[[], Any] | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._work, self._name, self._fallback = work, name, fallback
        self._thread: threading.Thread | None = None
        self._again: Dossier | None = None
        self._lock = threading.Lock()

    def start(self, dossier: Dossier) -> None:
        snapshot = dossier.snapshot()
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                self._again = snapshot
                return
            self._thread = threading.Thread(target=self._run, args=(snapshot,), name=self._name, daemon=True)
            self._thread.start()

    def _run(self, snapshot: Dossier | None) -> None:
        while snapshot is not None:
            try:
                result = self._work(snapshot)
            except Exception as exc:  # noqa: BLE001 - a bug in the work must not kill the window
                log_exception(exc, f"background {self._name}")
                result = self._fallback() if self._fallback is not None else None
            with self._lock:
                snapshot, self._again = self._again, None
                if snapshot is None:
                    self._thread = None
            if snapshot is None and result is not None:
                self.done.emit(result)

    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    def wait(self, timeout: float = 5.0) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)


class BackgroundValidator(SnapshotWorker):
    """Validation of the current dossier off the UI thread; ``done(list[Finding])``."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(validate, "validate", list, parent)


class _Invoker(QObject):
    """Runs callables in the thread it lives in (the GUI thread), for workers that need a dialog."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, job: Callable[[], None]) -> None:
        job()


def on_gui_thread(fn: Callable[..., T]) -> Callable[..., T | None]:
    """Wrap ``fn`` (which shows a dialog) so a worker thread can call it and wait for the answer."""
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


def run_in_thread(fn: Callable[[], T]) -> T:
    """Run ``fn`` in a worker thread while the window keeps repainting (user input is held back, so
    nothing can be clicked twice); its exception, if any, is raised here."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the GUI thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="open", daemon=True)
    thread.start()
    while thread.is_alive():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 30)
        thread.join(0.01)
    if "error" in box:
        raise box["error"]
    return box["value"]
