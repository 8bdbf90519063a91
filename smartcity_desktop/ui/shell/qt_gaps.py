"""Fills the gaps in Qt's own Chinese translation (qtbase_zh_CN.qm) that users meet in our windows.

Qt's file dialog asks for "&Look in:" and "Files of &type:" while the catalogue only has "Look in:"
and "Files of type:", so a Chinese file dialog showed two English labels; and Qt names the arrow
keys "左方向"/"右方向", so shortcuts read "Alt+左方向" where Chinese software writes "Alt+←". This
translator is installed after Qt's, so Qt asks it first; it answers only for these few strings.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

ZH_CN: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QShortcut", "Left"): "←",
    ("QShortcut", "Right"): "→",
    ("QShortcut", "Up"): "↑",
    ("QShortcut", "Down"): "↓",
}


class QtGapsTranslator(QTranslator):
    def __init__(self, table: dict[tuple[str, str], str], parent: QObject | None = None):
        super().__init__(parent)
        self.table = table

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return self.table.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self.table
