"""The document: the ONE write path for the values of an open dossier (plain Python, no Qt).

Every writer — a keystroke in the GUI, ``set``/``import`` on the command line, an import, a version restore,
later a department merge — goes the same way:

1. ``check(values)`` coerces each value once by its field's kind (``FieldError`` / ``ImportRefused``);
2. ``edit(checked, source)`` compares with the current state and returns an ``Edit``: the old and new value of every
   key that changes, with the author and the source of each (DESIGN.md's sources: ``typed``, ``import:FILE``,
   ``merge:PACKAGE``, ``restore:ID``, ``calculated``);
3. ``apply(edit)`` puts the new values into the dossier, remembers them as unsaved (unless the store already
   wrote them) and tells every listener. ``apply(edit.inverse())`` takes it back: that is undo.

An edit may also change whether attachments are listed (``Edit.removed``): a restore lists again the attachments its
version links, so its undo must hide them again, and its redo list them, on the same path as the values.

The store persists what the document hands it (``unsaved()`` -> write -> ``mark_saved``; bulk writers such as an
import write first and then ``apply(edit, saved=True)``), with no second parse or coercion. The GUI's undo stack
holds ``Edit`` objects and calls ``apply``; nothing outside this module writes into the ``Dossier``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from smartcity_desktop.model.dossier import Dossier

TYPED = "typed"
CALCULATED = "calculated"

Sources = str | Mapping[str, str]  # one source for every key, or one per key (a merge: the package per key)


@dataclass(frozen=True)
class Edit:
    """One change set, already checked: ``changes`` maps key -> (old, new) (None = no value), ``sources`` key ->
    source. Immutable, so an undo stack can keep it and apply it or its inverse any number of times.

    ``whole`` marks an edit that replaces much of the dossier (import, restore, merge): views reload everything
    instead of refreshing key by key. ``removed`` maps attachment id -> (removal time before, after), None = listed:
    the attachments a restore listed again (so that its undo hides them again, its redo lists them)."""

    changes: Mapping[str, tuple[Any, Any]]
    sources: Mapping[str, str]
    author: str
    text: str = ""
    whole: bool = False
    removed: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.changes or self.removed)

    def __len__(self) -> int:
        return len(self.changes)

    def __iter__(self) -> Iterator[str]:
        return iter(self.changes)

    @property
    def keys(self) -> list[str]:
        return list(self.changes)

    def new_values(self) -> dict[str, Any]:
        return {k: new for k, (_old, new) in self.changes.items()}

    def old_values(self) -> dict[str, Any]:
        return {k: old for k, (old, _new) in self.changes.items()}

    def source(self, key: str) -> str:
        return self.sources.get(key, TYPED)

    def inverse(self, source: str | None = None) -> Edit:
        """The edit that takes this one back (undo). ``source`` names where the old values come from when that
        is not the same as this edit's (undoing a restore brings back the automatic version made before it)."""
        sources = dict(self.sources) if source is None else {k: source for k in self.changes}
        return Edit({k: (new, old) for k, (old, new) in self.changes.items()}, sources, self.author, self.text,
                    self.whole, {a: (new, old) for a, (old, new) in self.removed.items()})

    def then(self, later: Edit) -> Edit:
        """This edit followed by ``later`` as one step (a burst of typing in one field): old values from this one,
        new values and sources from the later one."""
        changes = dict(self.changes)
        for key, (old, new) in later.changes.items():
            changes[key] = (changes[key][0] if key in changes else old, new)
        removed = dict(self.removed)
        for aid, (was, now) in later.removed.items():
            removed[aid] = (removed[aid][0] if aid in removed else was, now)
        return Edit(changes, {**self.sources, **later.sources}, later.author, self.text or later.text,
                    self.whole or later.whole, removed)


Listener = Callable[[Edit], None]


class _Unsaved(NamedTuple):
    """Where an unsaved value came from and when (``seq``: a later edit of the key supersedes it)."""

    source: str
    author: str
    seq: int


class Document:
    """The dossier of an open file plus its unsaved edits and its listeners (plain callbacks).

    ``author`` is who edits in this program (the change log's author of typed values)."""

    def __init__(self, dossier: Dossier, author: str):
        self.dossier = dossier
        self.author = author
        self._listeners: list[Listener] = []
        self._unsaved: dict[str, _Unsaved] = {}
        self._unsaved_removed: dict[str, tuple[str | None, int]] = {}  # attachment id -> (removal time, seq)
        self._seq = 0

    # -- reading -------------------------------------------------------------------------------
    def get(self, key: str, default: Any = None) -> Any:
        return self.dossier.get(key, default)

    @property
    def has_unsaved(self) -> bool:
        return bool(self._unsaved or self._unsaved_removed)

    def unsaved(self) -> dict[str, tuple[str, str, int]]:
        """key -> (source, author, sequence number) of every value applied but not yet written by the store."""
        return {k: (u.source, u.author, u.seq) for k, u in self._unsaved.items()}

    def unsaved_removed(self) -> dict[str, tuple[str | None, int]]:
        """attachment id -> (removal time, None = listed; sequence number) of every listing change applied but
        not yet written by the store (an undone or redone restore)."""
        return dict(self._unsaved_removed)

    def mark_saved(self, written: Mapping[str, tuple[str, str, int]],
                   removed: Mapping[str, tuple[str | None, int]] | None = None) -> None:
        """The store wrote these (as returned by ``unsaved`` and ``unsaved_removed``); a key edited again
        meanwhile stays unsaved."""
        for key, (_source, _author, seq) in written.items():
            pending = self._unsaved.get(key)
            if pending is not None and pending.seq == seq:
                del self._unsaved[key]
        for aid, (_stamp, seq) in (removed or {}).items():
            if aid in self._unsaved_removed and self._unsaved_removed[aid][1] == seq:
                del self._unsaved_removed[aid]

    # -- checking (the only place a value is coerced) ------------------------------------------
    def check_one(self, key: str, value: Any) -> Any:
        """The stored form of ``value`` for ``key``; FieldError naming what is wrong."""
        return self.dossier.coerce(key, value)

    def check(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The stored form of every value, or ImportRefused listing every bad one (nothing changes)."""
        return self.dossier.check_many(values)

    # -- editing -------------------------------------------------------------------------------
    def edit(self, checked: Mapping[str, Any], sources: Sources = TYPED, *, text: str = "",
             whole: bool = False, author: str | None = None) -> Edit:
        """The edit that makes the dossier hold ``checked`` (values from ``check``: never coerced again); keys
        whose value would not change are left out. ``sources``: one source, or one per key (missing: typed)."""
        changes: dict[str, tuple[Any, Any]] = {}
        for key, new in checked.items():
            old = self.dossier.get(key)
            if old != new:
                changes[key] = (old, new)
        if isinstance(sources, str):
            per_key = {k: sources for k in changes}
        else:
            per_key = {k: sources.get(k, TYPED) for k in changes}
        return Edit(changes, per_key, author or self.author, text, whole)

    def apply(self, edit: Edit, *, saved: bool = False) -> Edit:
        """Put the edit's new values into the dossier and notify the listeners. ``saved=True``: the store has
        already written them (an import, a restore), so they are not kept as unsaved."""
        if not edit:
            return edit
        self.dossier.put_checked(edit.new_values())
        for key in edit.changes:
            if saved:
                self._unsaved.pop(key, None)  # what the store wrote is the value now held
            else:
                self._seq += 1
                self._unsaved[key] = _Unsaved(edit.source(key), edit.author, self._seq)
        if edit.removed:
            self._apply_removed(edit, saved)
        for listener in list(self._listeners):
            listener(edit)
        return edit

    def _apply_removed(self, edit: Edit, saved: bool) -> None:
        """Which attachments are listed: kept for the store to write, and known at once to validation."""
        live = self.dossier.attachment_ids
        if live is not None:
            self.dossier.attachment_ids = (live | {a for a, (_old, new) in edit.removed.items() if new is None}) - {
                a for a, (_old, new) in edit.removed.items() if new is not None}
        for aid, (_old, new) in edit.removed.items():
            if saved:
                self._unsaved_removed.pop(aid, None)
            else:
                self._seq += 1
                self._unsaved_removed[aid] = (new, self._seq)

    def set_many(self, values: Mapping[str, Any], sources: Sources = TYPED) -> dict[str, Any]:
        """Check, then apply as one edit; return every checked value (changed or not)."""
        checked = self.check(values)
        self.apply(self.edit(checked, sources))
        return checked

    # -- listeners -----------------------------------------------------------------------------
    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(edit)`` after every applied edit; returns the function that stops it."""
        self._listeners.append(listener)

        def stop() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return stop
