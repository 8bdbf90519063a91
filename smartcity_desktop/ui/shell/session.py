"""The GUI's handle on one open dossier: edits with undo, debounced autosave, change signals.

Every widget edits through ``DossierSession.set_value`` so that undo/redo, autosave and the
outline's status all see the same stream of changes. Undo commands hold the model (keys and
values), never widgets — as orange-canvas-core does — so undo works across pages.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from smartcity_desktop.errors import DataProblem, SmartcityError
from smartcity_desktop.model import Dossier, FieldError
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.store import Attachment, ProjectFile
from smartcity_desktop.validate import Finding, validate

AUTOSAVE_MS = 1500  # DESIGN.md: every edit committed within about 2 s
_PROBE = object()  # equal to no stored value: asks a work package's guard whether a key may change at all
_MERGE_ID = 0x5C


class SetFieldsCommand(QUndoCommand):
    """Set one or more field keys; typing bursts on the same single key merge into one step."""

    def __init__(self, session: DossierSession, changes: Mapping[str, tuple[Any, Any]], text: str,
                 merge_key: str | None = None):
        super().__init__(text)
        self.session = session
        self.changes = dict(changes)
        self.merge_key = merge_key

    def id(self) -> int:
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, SetFieldsCommand) or other.merge_key != self.merge_key or not self.merge_key:
            return False
        key = self.merge_key
        self.changes[key] = (self.changes[key][0], other.changes[key][1])
        return True

    def redo(self) -> None:
        self.session._apply({k: new for k, (_old, new) in self.changes.items()})

    def undo(self) -> None:
        self.session._apply({k: old for k, (old, _new) in self.changes.items()})


class DossierSession(QObject):
    """Wraps a ProjectFile for the GUI. Signals carry field keys so views refresh only what changed."""

    valuesChanged = Signal(list)  # list[str] of field keys whose value changed
    reset = Signal()  # many values changed (version restored, import applied): refresh everything
    attachmentsChanged = Signal(str)  # the target key (…documents) whose attachments changed
    saved = Signal(str)  # "HH:MM:SS" of the commit
    saveFailed = Signal(str)  # a user message; pending edits are kept and retried

    def __init__(self, pf: ProjectFile, parent: QObject | None = None):
        super().__init__(parent)
        self.pf = pf
        self.undo_stack = QUndoStack(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)
        self._findings: list[Finding] | None = None
        self.last_error: str | None = None
        self.finding_filter: Callable[[Finding], bool] | None = None  # a work package: the unit's own only

    # -- reading -------------------------------------------------------------------------------
    @property
    def dossier(self) -> Dossier:
        return self.pf.dossier

    @property
    def scheme(self) -> Scheme:
        return self.pf.scheme

    @property
    def readonly(self) -> bool:
        return self.pf.readonly

    def value(self, key: str, default: Any = None) -> Any:
        return self.pf.dossier.get(key, default)

    def findings(self) -> list[Finding]:
        """Validation findings, recomputed lazily after a change (pure and fast: ~ms)."""
        if self._findings is None:
            self._findings = validate(self.pf.dossier)
            if self.finding_filter is not None:
                self._findings = [f for f in self._findings if self.finding_filter(f)]
        return self._findings

    # -- editing -------------------------------------------------------------------------------
    def set_value(self, key: str, value: Any, *, merge: bool = False, text: str | None = None) -> Any:
        """Check ``value`` for ``key`` (FieldError if wrong) and push an undoable change.

        ``merge=True`` for keystrokes: consecutive edits of the same key become one undo step.
        Returns the stored (normalised) value.
        """
        new = self.pf.dossier.coerce(key, value)
        old = self.pf.dossier.get(key)
        if old == new:
            return new
        self._check_scope({key: new})
        self.undo_stack.push(SetFieldsCommand(self, {key: (old, new)}, text or key, key if merge else None))
        return new

    def set_values(self, values: Mapping[str, Any], text: str) -> dict[str, Any]:
        """Several keys as one undo step (a new project, a project deletion, a grid paste)."""
        checked = self.pf.dossier.check_many(values)
        changes = {k: (self.pf.dossier.get(k), v) for k, v in checked.items() if self.pf.dossier.get(k) != v}
        self._check_scope({k: new for k, (_old, new) in changes.items()})
        if changes:
            self.undo_stack.push(SetFieldsCommand(self, changes, text))
        return checked

    def _check_scope(self, changes: Mapping[str, Any]) -> None:
        """A work package (issue 14/15) refuses edits outside its unit's fields: refuse BEFORE a command is
        pushed (a refusal inside redo would leave a broken undo step), as a FieldError the input shows."""
        if self.pf.edit_guard is None or not changes:
            return
        try:
            self.pf.edit_guard(changes)
        except FieldError:
            raise
        except DataProblem as exc:
            problems = getattr(exc, "problems", None) or [(next(iter(changes)), str(exc))]
            raise FieldError(str(problems[0][0]), str(problems[0][1])) from None

    def may_edit(self, key: str) -> bool:
        """False for a read-only dossier and, in a work package, for a field that is not the unit's."""
        if self.pf.readonly:
            return False
        return self.why_not_editable(key) is None

    def why_not_editable(self, key: str) -> str | None:
        """Why a work package refuses ``key`` (None: it may be edited). Asks the package's own guard with
        a value no field holds, so the guard's rules are the only rules."""
        if self.pf.edit_guard is None:
            return None
        try:
            self._check_scope({key: _PROBE})
        except FieldError as exc:
            return exc.problem
        return None

    def _apply(self, values: Mapping[str, Any]) -> None:
        self.pf.set_many(values)
        self._findings = None
        self._timer.start()
        self.valuesChanged.emit(list(values))

    # -- saving --------------------------------------------------------------------------------
    def save_now(self) -> bool:
        """Commit pending edits at once (Ctrl+S, closing, before export). False if it failed."""
        self._timer.stop()
        if self.pf.readonly:
            return True
        try:
            wrote = self.pf.flush()
        except SmartcityError as exc:
            self.last_error = str(exc)
            self.saveFailed.emit(str(exc))
            self._timer.start(AUTOSAVE_MS * 4)  # retry later; nothing is dropped from memory
            return False
        self.last_error = None
        if wrote:
            self.saved.emit(datetime.now().strftime("%H:%M:%S"))
        return True

    @property
    def has_unsaved(self) -> bool:
        return self.pf.has_unsaved

    # -- whole-dossier operations ------------------------------------------------------------------
    def add_attachment(self, target: str, path: str) -> Attachment:
        self.save_now()
        att = self.pf.add_attachment(target, path)
        self._after_bulk([target])
        self.attachmentsChanged.emit(target)
        return att

    def remove_attachment(self, aid: str) -> None:
        target = self.pf.attachment(aid).target
        self.save_now()
        self.pf.remove_attachment(aid)
        self._after_bulk([target])
        self.attachmentsChanged.emit(target)

    @property
    def last_safety_version(self) -> int | None:
        """The automatic version the last import or restore made of the state before it (None: none made)."""
        return self.pf.last_safety_version

    def apply_import(self, values: Mapping[str, Any], source: str) -> dict[str, Any]:
        """All-or-nothing import (JSON/Excel); clears undo history since it is a file-level step (the
        state before is kept as an automatic version: ``last_safety_version``)."""
        self.save_now()
        done = self.pf.apply(values, source)
        self.undo_stack.clear()
        self._after_bulk(None)
        return done

    def restore_version(self, vid: int) -> dict[str, Any]:
        self.save_now()
        done = self.pf.restore_version(vid)
        self.undo_stack.clear()
        self._after_bulk(None)
        return done

    def _after_bulk(self, keys: list[str] | None) -> None:
        self._findings = None
        if keys is None:
            self.reset.emit()
        else:
            self.valuesChanged.emit(keys)
        self.saved.emit(datetime.now().strftime("%H:%M:%S"))

    def close(self) -> None:
        self.save_now()
        self.pf.close()
