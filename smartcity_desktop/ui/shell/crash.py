"""Unexpected errors: written to the log in the user's data folder and shown as a calm message —
never a traceback on screen. A SmartcityError that escapes a slot is already a user message."""
from __future__ import annotations

import sys
import threading
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread
from PySide6 import QtWidgets  # QMessageBox read where shown: not built at start-up for a crash that may never come
from PySide6.QtWidgets import QApplication

from smartcity_desktop.crashlog import log_exception
from smartcity_desktop.errors import SmartcityError

translate = QCoreApplication.translate
_showing = False
shown_messages: list[str] = []  # what the user was shown (tests read it)


def friendly_message(exc: BaseException, log: object) -> str:
    if isinstance(exc, SmartcityError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return translate("Crash", "内存不足，刚才的操作没有完成。卷宗中已保存的内容不受影响。")
    return translate("Crash", "程序遇到了意外问题（{kind}），刚才的操作可能没有完成。已保存的内容不受影响。\n\n"
                              "详细信息已记录在：{log}\n如问题反复出现，请把这个文件发给技术支持。").format(
        kind=type(exc).__name__, log=log or "-")


def handle_exception(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: log, then tell the user in a dialog (from the GUI thread only)."""
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        QCoreApplication.quit()
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    log = None if isinstance(exc, SmartcityError) else log_exception(exc, "gui")
    message = friendly_message(exc, log)
    shown_messages.append(message)
    app = QApplication.instance()
    if app is None or _showing or QThread.currentThread() is not app.thread():
        return  # logged; a dialog can only be shown from the GUI thread
    _showing = True
    try:
        title = translate("Crash", "出现问题") if isinstance(exc, SmartcityError) else translate("Crash", "意外错误")
        QtWidgets.QMessageBox.warning(QApplication.activeWindow(), title, message)
    finally:
        _showing = False


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log_exception(args.exc_value, f"thread {args.thread.name if args.thread else ''}")


def install_excepthook() -> None:
    sys.excepthook = handle_exception
    threading.excepthook = _thread_hook
