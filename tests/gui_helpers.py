"""Helpers for the GUI tests: type Chinese the way an input method delivers it."""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def commit_text(widget: QWidget, text: str) -> None:
    """Send ``text`` as an input-method commit (qtbot.keyClicks cannot type Chinese)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def load_workbook(qtbot: Any, dialog: Any, path: Any) -> bool:
    """Let the Excel import dialog read ``path`` (in the background) and wait for it: True when the
    preview is shown, False when the workbook was refused."""
    with qtbot.waitSignal(dialog.loaded, timeout=20_000) as blocker:
        dialog.load(path)
    return bool(blocker.args[0])
