"""One registry of actions keyed by id (as MusicBrainz Picard does): menus, the toolbar and the
shortcuts all read it, so a command has one text, one shortcut and one enabled state."""
from __future__ import annotations

from collections.abc import Callable

from typing import NamedTuple

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

translate = QCoreApplication.translate


class ActionSpec(NamedTuple):
    """One action's id, text, shortcuts, checkability and tip (a named tuple: a frozen dataclass compiles
    its methods when the module loads, ~1 ms of the start-up)."""

    id: str
    text: Callable[[], str]  # translated when the action is built (after the translator is installed)
    shortcut: tuple[QKeySequence.StandardKey | str, ...] = ()
    checkable: bool = False
    tip: Callable[[], str] | None = None


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("file.new", lambda: translate("Actions", "新建卷宗…"), (QKeySequence.StandardKey.New,)),
    ActionSpec("file.open", lambda: translate("Actions", "打开卷宗…"), (QKeySequence.StandardKey.Open,)),
    ActionSpec("file.demo", lambda: translate("Actions", "打开示例卷宗")),
    ActionSpec("file.save", lambda: translate("Actions", "立即保存"), (QKeySequence.StandardKey.Save,),
               tip=lambda: translate("Actions", "修改会在约 2 秒内自动保存；Ctrl+S 立即保存")),
    ActionSpec("file.versions", lambda: translate("Actions", "版本…")),
    ActionSpec("file.encryption", lambda: translate("Actions", "加密…")),
    ActionSpec("file.export", lambda: translate("Actions", "导出申报材料…"), ("Ctrl+E",)),
    ActionSpec("file.import", lambda: translate("Actions", "从 Excel 导入…")),
    ActionSpec("file.close", lambda: translate("Actions", "关闭卷宗"), (QKeySequence.StandardKey.Close,)),
    ActionSpec("file.quit", lambda: translate("Actions", "退出"), (QKeySequence.StandardKey.Quit,)),
    ActionSpec("edit.undo", lambda: translate("Actions", "撤销"), (QKeySequence.StandardKey.Undo,)),
    ActionSpec("edit.redo", lambda: translate("Actions", "重做"), (QKeySequence.StandardKey.Redo, "Ctrl+Y")),
    ActionSpec("go.back", lambda: translate("Actions", "上一页"), ("Alt+Left",)),
    ActionSpec("go.next", lambda: translate("Actions", "下一页"), ("Alt+Right",)),
    ActionSpec("go.outline", lambda: translate("Actions", "转到目录"), ("F6",)),
    ActionSpec("go.review", lambda: translate("Actions", "检查"), ("F7",)),
    ActionSpec("view.grid", lambda: translate("Actions", "指标总表"), ("Ctrl+G",), checkable=True),
    ActionSpec("departments.hand_out", lambda: translate("Actions", "分发给各部门…")),
    ActionSpec("departments.take_back", lambda: translate("Actions", "收回与合并…")),
    ActionSpec("departments.conflicts", lambda: translate("Actions", "合并冲突…")),
    ActionSpec("departments.progress", lambda: translate("Actions", "各部门进度…")),
    ActionSpec("settings.lang.zh", lambda: "中文（简体）", checkable=True),
    ActionSpec("settings.lang.en", lambda: "English", checkable=True),
    ActionSpec("help.guide", lambda: translate("Actions", "使用说明"), (QKeySequence.StandardKey.HelpContents, "F1")),
    ActionSpec("help.log", lambda: translate("Actions", "打开日志文件夹")),
    ActionSpec("help.about", lambda: translate("Actions", "关于")),
)


class ActionRegistry:
    """Builds every QAction once for a window; look them up by id."""

    def __init__(self, parent: QWidget):
        self._actions: dict[str, QAction] = {}
        for spec in SPECS:
            action = QAction(spec.text(), parent)
            action.setObjectName(spec.id)
            if spec.shortcut:
                keys: list[QKeySequence] = []
                for sc in spec.shortcut:
                    keys += QKeySequence.keyBindings(sc) if isinstance(sc, QKeySequence.StandardKey) \
                        else [QKeySequence(sc)]
                unique = {k.toString(): k for k in keys}
                action.setShortcuts(list(unique.values()))
            action.setCheckable(spec.checkable)
            tip = spec.tip() if spec.tip else spec.text().rstrip("…")
            if action.shortcut().toString():
                tip += f" ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            action.setToolTip(tip)
            action.setStatusTip(tip)
            parent.addAction(action)
            self._actions[spec.id] = action

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def __contains__(self, action_id: str) -> bool:
        return action_id in self._actions

    def connect(self, action_id: str, slot: Callable[..., object]) -> None:
        self._actions[action_id].triggered.connect(lambda _checked=False: slot())

    def ids(self) -> list[str]:
        return list(self._actions)
