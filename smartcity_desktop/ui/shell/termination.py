"""SIGTERM in the GUI (logout, shutdown, ``kill``): close every dossier cleanly, then exit.

Without a handler the process dies at once: its lock stays beside the dossier and its temporary
attachment copies stay in the temp folder. Python runs signal handlers only between bytecodes, and
Qt's event loop runs in C++; a wake-up file descriptor watched by a QSocketNotifier brings control back
to Python as soon as the signal arrives.
"""
from __future__ import annotations

import os
import signal

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from smartcity_desktop.crashlog import log_exception
from smartcity_desktop.ui.shell import windows

EXIT_CODE = 128 + 15


def close_all_dossiers(app: QApplication) -> None:
    """Save and close every open dossier (releasing its lock), then leave the event loop."""
    for widget in windows.open_windows():  # the main windows, registered as they open
        if widget.closed:
            continue
        session = widget.session
        try:
            if session.save_now():
                widget.close()  # the ordinary path: settings, background work stopped, file closed
            else:  # cannot write now (disk full…): nobody to ask; keep the file sound and free the lock
                session.pf.close()
        except Exception as exc:  # noqa: BLE001 - exiting anyway; the lock is released by close()'s finally
            log_exception(exc, "closing on SIGTERM")
    app.exit(EXIT_CODE)


class _SignalWatcher(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._closing: QTimer | None = None
        if os.name == "posix":  # a pipe: importing socket for a socketpair costs start-up ~6-8 ms
            self._reader, self._writer = os.pipe()
            os.set_blocking(self._reader, False)
            os.set_blocking(self._writer, False)
            self._sockets = None
        else:  # Windows: set_wakeup_fd takes only a socket
            import socket

            self._sockets = socket.socketpair()
            for end in self._sockets:
                end.setblocking(False)
            self._reader, self._writer = (end.fileno() for end in self._sockets)
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        signal.set_wakeup_fd(self._writer)
        signal.signal(signal.SIGTERM, self._on_sigterm)

    def _drain(self) -> None:
        try:
            while self._sockets[0].recv(64) if self._sockets else os.read(self._reader, 64):
                pass
        except OSError:
            pass  # nothing more to read; Python has run (or will run) the handler

    def _on_sigterm(self, _signum: int, _frame: object) -> None:
        # Only schedule here: the signal may land anywhere, even in an import. The closing pass runs from
        # the event loop, and repeats until the process ends — before app.exec() (a file still opening)
        # exit() does nothing, and a window opened meanwhile must be closed too.
        if self._closing is None:
            self._closing = QTimer(self)
            self._closing.setInterval(100)
            self._closing.timeout.connect(lambda: close_all_dossiers(self._app))
            self._closing.start()
            QTimer.singleShot(0, lambda: close_all_dossiers(self._app))


def install_sigterm_handler(app: QApplication) -> QObject | None:
    """Make SIGTERM close the program cleanly (POSIX; Windows sends no SIGTERM to GUI programs)."""
    if not hasattr(signal, "SIGTERM") or not hasattr(signal, "set_wakeup_fd"):
        return None
    try:
        return _SignalWatcher(app)
    except (ValueError, OSError):  # not the main thread, or no sockets: the default behaviour stays
        return None
