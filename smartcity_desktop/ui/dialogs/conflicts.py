"""The conflict view: a field both the office and a unit changed, side by side, decided one by one.

A departments merge (issue 14) leaves a conflict in the dossier: the dossier keeps its own value
("ours") and a ``conflict:<key>`` row of the departments state holds the base and the unit's value
("theirs"). Here each conflict shows base, ours and theirs with the differences highlighted
character by character (Chinese has no spaces to diff words on; difflib is fine for display, the
merge itself is the core's), and the user takes ours, theirs or an edited text. Each decision is
ONE undo step on the session's stack: undo puts the value and the conflict row back.
"""
from __future__ import annotations

import difflib
import html
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent, QUndoCommand
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.departments.merge import MERGED_ROW
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.model import FieldError
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.store.projectfile import CONFLICT_PREFIX
from smartcity_desktop.model.vocabulary import describe
from smartcity_desktop.ui.shell.session import DossierSession

translate = QCoreApplication.translate
KEY_ROLE = Qt.ItemDataRole.UserRole
ADDED = "#c9f2c9"  # inserted/replaced characters (green, like any diff tool)
REMOVED = "#f6c6c6"  # characters of the base that this side removed (red, struck through)


@dataclass(frozen=True)
class Conflict:
    """One unresolved conflict: the dossier holds ``ours``; ``row`` is the stored departments row."""

    key: str
    base: Any
    ours: Any
    theirs: Any
    unit: str = ""
    package: str = ""
    row: Any = None


def read_conflicts(pf: ProjectFile) -> list[Conflict]:
    """The unresolved conflicts of a dossier, in field-key order. A row is ``{base, theirs, unit?,
    package?}`` (``ours`` may be in it too; the dossier's current value is what "ours" means now)."""
    out = []
    for row_key, data in sorted(pf.department_state(CONFLICT_PREFIX).items()):
        key = row_key[len(CONFLICT_PREFIX):]
        row = data if isinstance(data, Mapping) else {}
        out.append(Conflict(key, row.get("base"), pf.dossier.get(key), row.get("theirs"),
                            str(row.get("unit") or ""), str(row.get("package") or ""), data))
    return out


def as_text(value: Any) -> str:
    """A value as the user reads it: text as is, lists joined, nothing as an empty string."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "、".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)


def char_diff(base: str, other: str) -> list[tuple[str, str]]:
    """``other`` against ``base`` in spans of (tag, text): ``same``, ``added`` (in other, not in base)
    and ``removed`` (in base, gone from other), character by character (``autojunk`` off: in a long
    Chinese paragraph frequent characters such as 的 must not be treated as junk)."""
    spans: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            spans.append(("same", other[j1:j2]))
            continue
        if op in ("delete", "replace"):
            spans.append(("removed", base[i1:i2]))
        if op in ("insert", "replace"):
            spans.append(("added", other[j1:j2]))
    return spans


def diff_html(base: str, other: str) -> str:
    """``char_diff`` as HTML for a QTextBrowser (escaped; line breaks kept)."""
    parts = []
    for tag, text in char_diff(base, other):
        piece = html.escape(text).replace("\n", "<br>")
        if tag == "added":
            parts.append(f'<span style="background-color:{ADDED}">{piece}</span>')
        elif tag == "removed":
            parts.append(f'<span style="background-color:{REMOVED}; text-decoration:line-through">{piece}</span>')
        else:
            parts.append(piece)
    return "".join(parts)


class ResolveConflictCommand(QUndoCommand):
    """One decision: the field takes ``new`` and the conflict row goes; undo brings both back."""

    def __init__(self, session: DossierSession, conflict: Conflict, new: Any, text: str):
        super().__init__(text)
        self.session = session
        self.conflict = conflict
        self.old = session.value(conflict.key)
        self.new = new
        self.changes = {conflict.key: (self.old, new)}  # the main window's undo reads this to show the page
        # as the core's resolve_conflicts does: once decided, later merges of that package start from the
        # unit's value (its "merged:<package id>" row), so merging the same package again changes nothing
        package_id = conflict.row.get("package_id") if isinstance(conflict.row, Mapping) else None
        self.merged_row = f"{MERGED_ROW}{package_id}" if isinstance(package_id, str) else None
        self.merged_before = (session.pf.department_state(self.merged_row).get(self.merged_row)
                              if self.merged_row else None)

    def _put(self, value: Any, state: dict[str, Any]) -> None:
        s = self.session
        # Taking the unit's value is the merge finishing: the change log says merge:PACKAGE (DESIGN.md's
        # source), not typed; keeping ours or an edit of one's own is typed.
        taken = self.conflict.package and value == self.conflict.theirs and value != self.old
        source = f"merge:{self.conflict.package}" if taken else "typed"
        s.document.apply(s.document.edit({self.conflict.key: value}, source, text=self.text()))  # the one write path
        s.save_now()  # the value first: a crash between the two leaves the conflict listed, never lost
        s.pf.set_department_state(state)  # also refreshes the dossier's conflict_keys
        s._findings = None
        s.valuesChanged.emit([self.conflict.key])

    def redo(self) -> None:
        state: dict[str, Any] = {CONFLICT_PREFIX + self.conflict.key: None}
        if self.merged_row:
            brought = dict(self.merged_before) if isinstance(self.merged_before, Mapping) else {}
            brought[self.conflict.key] = self.conflict.theirs
            state[self.merged_row] = brought
        self._put(self.new, state)

    def undo(self) -> None:
        row = self.conflict.row if self.conflict.row is not None else {
            "base": self.conflict.base, "theirs": self.conflict.theirs, "unit": self.conflict.unit,
            "package": self.conflict.package}
        state: dict[str, Any] = {CONFLICT_PREFIX + self.conflict.key: row}
        if self.merged_row:
            state[self.merged_row] = self.merged_before
        self._put(self.old, state)


def resolve(session: DossierSession, conflict: Conflict, value: Any, text: str) -> Any:
    """Check ``value`` for the conflict's field (FieldError if wrong) and push the decision."""
    new = session.dossier.coerce(conflict.key, value)
    session.undo_stack.push(ResolveConflictCommand(session, conflict, new, text))
    return new


class ConflictsDialog(QDialog):
    """Every unresolved conflict of the dossier; decide each by ours, theirs or an edit."""

    resolved = Signal(str)  # the field key just decided

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(translate("Conflicts", "合并冲突"))
        self.resize(1100, 640)
        self.conflicts: list[Conflict] = []
        self.intro = QLabel(translate(
            "Conflicts", "这些内容在分发之后本卷宗（牵头办公室）和部门都改过，程序无法替您决定。请逐项比较："
                         "绿色是相对分发时新增或改动的字，红色删除线是被删去的字。每个决定都可以撤销（Ctrl+Z）。"))
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("conflictList")
        self.list.setAccessibleName(translate("Conflicts", "未解决的冲突"))
        self.list.currentRowChanged.connect(self._show)
        self.field = QLabel()
        self.field.setObjectName("conflictField")
        self.field.setWordWrap(True)
        self.base_view = self._pane("conflictBase")
        self.ours_view = self._pane("conflictOurs")
        self.theirs_view = self._pane("conflictTheirs")
        self.base_title = QLabel(translate("Conflicts", "分发时（共同的原值）"))
        self.ours_title = QLabel(translate("Conflicts", "本卷宗现在的值"))
        self.theirs_title = QLabel()
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("conflictEdit")
        self.editor.setAccessibleName(translate("Conflicts", "编辑后采用的内容"))
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(120)
        self.take_ours = QPushButton(translate("Conflicts", "保留本卷宗的值"))
        self.take_ours.setObjectName("takeOurs")
        self.take_theirs = QPushButton(translate("Conflicts", "采用部门的值"))
        self.take_theirs.setObjectName("takeTheirs")
        self.take_edit = QPushButton(translate("Conflicts", "采用下面编辑的内容"))
        self.take_edit.setObjectName("takeEdited")
        self.take_ours.clicked.connect(lambda: self._decide("ours"))
        self.take_theirs.clicked.connect(lambda: self._decide("theirs"))
        self.take_edit.clicked.connect(lambda: self._decide("edit"))
        self.problem = QLabel()
        self.problem.setObjectName("conflictProblem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)

        sides = QGridLayout()
        for col, (title, view) in enumerate(((self.base_title, self.base_view), (self.ours_title, self.ours_view),
                                             (self.theirs_title, self.theirs_view))):
            title.setWordWrap(True)
            sides.addWidget(title, 0, col)
            sides.addWidget(view, 1, col)
            sides.setColumnStretch(col, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_ours)
        buttons.addWidget(self.take_theirs)
        buttons.addStretch(1)
        buttons.addWidget(self.take_edit)
        detail = QWidget()
        right = QVBoxLayout(detail)
        right.addWidget(self.field)
        right.addLayout(sides, 1)
        edit_label = QLabel(translate("Conflicts", "或者合并两边后自己写（先填入部门的值）："))
        edit_label.setBuddy(self.editor)
        right.addWidget(edit_label)
        right.addWidget(self.editor)
        right.addLayout(buttons)
        right.addWidget(self.problem)
        self.done_label = QLabel(translate("Conflicts", "所有冲突都已解决。检查页不再报告合并冲突。"))
        self.done_label.setObjectName("conflictsDone")
        self.done_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.done_label)
        self.detail = detail
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(detail)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 840])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(split, 1)
        layout.addWidget(close)
        session.undo_stack.indexChanged.connect(self._stack_moved)
        self.reload()

    def _stack_moved(self, _index: int) -> None:
        """A decision, an undo or a redo: show the conflicts as they are now (while the view is open)."""
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.reload()
        super().showEvent(event)

    def _pane(self, name: str) -> QTextBrowser:
        view = QTextBrowser()
        view.setObjectName(name)
        view.setOpenLinks(False)
        view.setAccessibleName({"conflictBase": translate("Conflicts", "分发时的值"),
                                "conflictOurs": translate("Conflicts", "本卷宗的值"),
                                "conflictTheirs": translate("Conflicts", "部门的值")}[name])
        return view

    # -- showing -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the conflicts again (after a decision, an undo or a merge), keeping the selection."""
        current = self.current_key()
        try:
            self.conflicts = read_conflicts(self.session.pf)
        except SmartcityError as exc:
            self.conflicts = []
            self.problem.setText(str(exc))
        was = self.list.blockSignals(True)
        self.list.clear()
        row = 0
        for i, c in enumerate(self.conflicts):
            item = QListWidgetItem(describe(self.session.dossier, c.key))
            item.setData(KEY_ROLE, c.key)
            item.setToolTip(c.key)
            self.list.addItem(item)
            if c.key == current:
                row = i
        self.list.blockSignals(was)
        self.detail.setEnabled(bool(self.conflicts))
        self.done_label.setVisible(not self.conflicts)
        for w in (self.take_ours, self.take_theirs, self.take_edit, self.editor):
            w.setVisible(bool(self.conflicts))
        if self.conflicts:
            self.list.setCurrentRow(row)
            self._show(row)
        else:
            for view in (self.base_view, self.ours_view, self.theirs_view):
                view.clear()
            self.field.clear()

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(KEY_ROLE) if item is not None else None

    def current(self) -> Conflict | None:
        key = self.current_key()
        return next((c for c in self.conflicts if c.key == key), None)

    def select(self, key: str) -> bool:
        for i, c in enumerate(self.conflicts):
            if c.key == key:
                self.list.setCurrentRow(i)
                return True
        return False

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        c = self.conflicts[row]
        base, ours, theirs = as_text(c.base), as_text(c.ours), as_text(c.theirs)
        self.field.setText(f"<b>{html.escape(describe(self.session.dossier, c.key))}</b>")
        self.base_view.setHtml(html.escape(base).replace("\n", "<br>") if base
                               else translate("Conflicts", "<i>（分发时为空）</i>"))
        self.ours_view.setHtml(diff_html(base, ours) or translate("Conflicts", "<i>（空）</i>"))
        self.theirs_view.setHtml(diff_html(base, theirs) or translate("Conflicts", "<i>（空）</i>"))
        unit = c.unit or translate("Conflicts", "部门")
        self.theirs_title.setText(translate("Conflicts", "{unit}交回的值").format(unit=unit) + (
            f"<br><small>{html.escape(c.package)}</small>" if c.package else ""))
        self.editor.setPlainText(theirs)
        self.problem.clear()

    # -- deciding ------------------------------------------------------------------------------
    def _decide(self, how: str) -> None:
        c = self.current()
        if c is None:
            return
        value = {"ours": c.ours, "theirs": c.theirs}.get(how, self.editor.toPlainText())
        text = {"ours": translate("Conflicts", "冲突：保留本卷宗的值"),
                "theirs": translate("Conflicts", "冲突：采用部门的值")}.get(
            how, translate("Conflicts", "冲突：采用编辑后的内容"))
        try:
            resolve(self.session, c, value if how != "edit" else (value.strip() or None), text)
        except FieldError as exc:
            self.problem.setText(exc.problem)
            return
        except SmartcityError as exc:
            QMessageBox.warning(self, translate("Conflicts", "未能保存决定"), str(exc))
            return
        self.resolved.emit(c.key)
        if not self.isVisible():
            self.reload()
        if self.conflicts:  # the next one
            self.list.setCurrentRow(min(self.list.currentRow(), len(self.conflicts) - 1))


__all__ = ["CONFLICT_PREFIX", "Conflict", "ConflictsDialog", "ResolveConflictCommand", "char_diff", "diff_html", "read_conflicts",
           "resolve"]
