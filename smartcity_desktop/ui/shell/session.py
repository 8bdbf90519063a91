"""The GUI's handle on one open dossier: edits with undo, debounced autosave, change signals.

Every widget edits through ``DossierSession.set_value``, which goes through the file's ``Document`` (the one
write path, model/document.py): the value is coerced once, the undo stack keeps the document's ``Edit`` and
applies it through the document's public API, and every applied edit — typed, undone, imported, restored —
reaches the views through one document listener, so undo/redo, autosave and the outline's status all see the
same stream of changes. Undo commands hold edits (keys and values), never widgets — as orange-canvas-core
does — so undo works across pages.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from smartcity_desktop.errors import DataProblem, SmartcityError
from smartcity_desktop.model import Dossier, FieldError
from smartcity_desktop.model.document import Document, Edit
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.store import Attachment, ProjectFile
from smartcity_desktop.validate import Finding

AUTOSAVE_MS = 1500  # DESIGN.md: every edit committed within about 2 s
_PROBE = object()  # equal to no stored value: asks a work package's guard whether a key may change at all
_MERGE_ID = 0x5C
translate = QCoreApplication.translate


class SetFieldsCommand(QUndoCommand):
    """One ``Edit`` of the document as one undo step; typing bursts on the same single key merge into one.

    It holds the document's public value objects and calls ``Document.apply`` (redo) and ``apply(inverse)`` (undo),
    never a widget or the session's internals, so undo works across pages. ``done=True``: the edit was already
    applied (and written) by the store — an import or a restore — so the first redo, which ``push`` calls, is
    skipped. ``undo_source``: the change-log source of the undo (undoing a restore brings back the automatic
    version made before it)."""

    def __init__(self, document: Document, edit: Edit, merge_key: str | None = None, *, done: bool = False,
                 undo_source: str | None = None):
        super().__init__(edit.text)
        self.document = document
        self.edit = edit
        self.merge_key = merge_key
        self.undo_source = undo_source
        self._skip_redo = done

    @property
    def changes(self) -> Mapping[str, tuple[Any, Any]]:
        """key -> (old, new) of this step (the main window shows the page where undo changes something)."""
        return self.edit.changes

    def id(self) -> int:
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, SetFieldsCommand) or other.merge_key != self.merge_key or not self.merge_key:
            return False
        self.edit = self.edit.then(other.edit)
        return True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.document.apply(self.edit)

    def undo(self) -> None:
        self.document.apply(self.edit.inverse(self.undo_source))


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
        self.document = pf.document
        self.undo_stack = QUndoStack(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)
        self._findings: list[Finding] | None = None
        self.last_error: str | None = None
        self._stop_listening = self.document.listen(self._document_changed)
        self.finding_filter: Callable[[Finding], bool] | None = None  # a work package: the unit's own only

    # -- reading -------------------------------------------------------------------------------
    @property
    def dossier(self) -> Dossier:
        return self.document.dossier

    @property
    def scheme(self) -> Scheme:
        return self.pf.scheme

    @property
    def readonly(self) -> bool:
        return self.pf.readonly

    def value(self, key: str, default: Any = None) -> Any:
        return self.document.get(key, default)

    def findings(self) -> list[Finding]:
        """Validation findings, recomputed lazily after a change (pure and fast: ~ms)."""
        if self._findings is None:
            from smartcity_desktop.validate.rules import validate  # the first run comes after the first paint

            self._findings = validate(self.document.dossier)
            if self.finding_filter is not None:
                self._findings = [f for f in self._findings if self.finding_filter(f)]
        return self._findings

    # -- editing -------------------------------------------------------------------------------
    def set_value(self, key: str, value: Any, *, merge: bool = False, text: str | None = None) -> Any:
        """Check ``value`` for ``key`` (FieldError if wrong) and push an undoable change.

        ``merge=True`` for keystrokes: consecutive edits of the same key become one undo step.
        Returns the stored (normalised) value.
        """
        self.pf.database.check_writable()  # ReadOnly: the document itself does not know how the file was opened
        new = self.document.check_one(key, value)
        edit = self.document.edit({key: new}, text=text or key)
        if edit:
            self._check_scope(edit.new_values())  # a work package: only the unit's own fields
            self.undo_stack.push(SetFieldsCommand(self.document, edit, key if merge else None))
        return new

    def set_values(self, values: Mapping[str, Any], text: str) -> dict[str, Any]:
        """Several keys as one undo step (a new project, a project deletion, a grid paste)."""
        self.pf.database.check_writable()
        checked = self.document.check(values)
        edit = self.document.edit(checked, text=text)
        if edit:
            self._check_scope(edit.new_values())
            self.undo_stack.push(SetFieldsCommand(self.document, edit))
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

    def _document_changed(self, edit: Edit) -> None:
        """Every applied edit (typed, undone, imported, restored, merged) reaches the views from here."""
        self._findings = None
        if self.document.unsaved_removed():  # an undone/redone restore: attachments are written at once, as
            self.save_now()  # adding or removing one is, so the views below list what the file holds
        elif self.document.has_unsaved:
            self._timer.start()
        if edit.whole:
            self.reset.emit()
        else:
            self.valuesChanged.emit(edit.keys)

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
        self._after_store()
        self.attachmentsChanged.emit(target)
        return att

    def remove_attachment(self, aid: str) -> None:
        target = self.pf.attachment(aid).target
        self.save_now()
        self.pf.remove_attachment(aid)
        self._after_store()
        self.attachmentsChanged.emit(target)

    @property
    def last_safety_version(self) -> int | None:
        """The automatic version the last import or restore made of the state before it (None: none made)."""
        return self.pf.last_safety_version

    def apply_import(self, values: Mapping[str, Any], source: str) -> dict[str, Any]:
        """All-or-nothing import (JSON/Excel) as ONE undo step (the state before is also kept as an automatic
        version: ``last_safety_version``)."""
        self.save_now()
        name = source.split(":", 1)[1] if source.startswith("import:") else source
        edit = self.pf.apply_as_edit(values, source, text=translate("Session", "导入 {name}").format(name=name))
        self._push_done(edit)
        return edit.new_values()

    def restore_version(self, vid: int) -> dict[str, Any]:
        """Restore a version as ONE undo step: Ctrl+Z brings back the state before it (which is also kept as an
        automatic version, as before)."""
        self.save_now()
        name = self.pf.version(vid).name
        edit = self.pf.restore_as_edit(vid)
        self._push_done(edit, translate("Session", "恢复版本“{name}”").format(name=name))
        return edit.new_values()

    def _push_done(self, edit: Edit, text: str | None = None) -> None:
        """Keep an edit the store already applied and wrote as one undo step."""
        if edit:
            safety = self.pf.last_safety_version
            undo_source = f"restore:{safety}" if safety is not None else None
            command = SetFieldsCommand(self.document, edit, done=True, undo_source=undo_source)
            if text:
                command.setText(text)
            self.undo_stack.push(command)
        else:
            self.reset.emit()  # nothing changed, but attachments may have come back: views reload
        self._after_store()

    def refresh_all(self) -> None:
        """After a file-level step done outside the session (a departments merge in the background): views reload
        everything, the status bar says it was saved."""
        self.reset.emit()
        self._after_store()

    def _after_store(self) -> None:
        """The store wrote at once (attachments, import, restore): tell the status bar."""
        self._findings = None
        self.saved.emit(datetime.now().strftime("%H:%M:%S"))

    def close(self) -> None:
        self.save_now()
        self._stop_listening()
        self.pf.close()
