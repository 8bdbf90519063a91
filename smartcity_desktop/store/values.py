"""The values of a project file and their change log (tables ``fields`` and ``changes``).

The store keeps the committed values in memory (``committed``) so that a write only touches keys whose value
really changes, and the change log records old and new from the file, not from whatever was typed in between.
Values arrive here already checked by the document (model/document.py): nothing is parsed or coerced again.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from smartcity_desktop.i18n import tr
from smartcity_desktop.model.document import TYPED, Sources
from smartcity_desktop.store import aad
from smartcity_desktop.store.database import Database, now_iso


class Change(NamedTuple):
    """One row of the change log, decoded: a key's old and new value, who, how and when."""

    key: str
    old: Any
    new: Any
    author: str
    source: str
    changed_at: str
    unit: str = ""  # the lead unit (牵头单位) a merged value came from



def insert_created(conn: sqlite3.Connection, codec: Any, values: Mapping[str, Any], author: str) -> None:
    """The first values of a new file (source ``created``, no change-log rows)."""
    stamp = now_iso()
    conn.executemany(
        "INSERT INTO fields(key, value, author, source, changed_at) VALUES (?, ?, ?, 'created', ?)",
        [(k, codec.encode(v, aad.field(k)), author, stamp) for k, v in values.items() if v is not None])


def insert_change_rows(conn: sqlite3.Connection, rows: Iterable[tuple[str, Any, Any, str, str, str]]) -> None:
    """Change-log rows already sealed for this file (``recover`` carries a damaged file's log over)."""
    conn.executemany("INSERT INTO changes(key, old, new, author, source, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                     list(rows))


class Values:
    """The committed values of one open file and the writer of its value rows and change log."""

    def __init__(self, db: Database, committed: dict[str, Any], author: str):
        self.db = db
        self.committed = committed
        self.author = author
        self.last_saved: str | None = None

    def write(self, conn: sqlite3.Connection, changes: Mapping[str, Any], sources: Sources,
              authors: Mapping[str, str] | None = None, units: Mapping[str, str] | None = None) -> dict[str, Any]:
        """Inside the caller's transaction: write every value that differs from the committed one, with its
        change-log row; return what really changed (call ``committed_update`` after the commit). The row's
        ``detail`` (sealed when encrypted) keeps the full source and the unit (``units``) when either says more
        than the clear ``source`` column."""
        codec = self.db.codec
        stamp = now_iso()
        done: dict[str, Any] = {}
        for key, new in changes.items():
            old = self.committed.get(key)
            if old == new:
                continue
            author = (authors or {}).get(key) or self.author
            source = full = sources if isinstance(sources, str) else sources.get(key, TYPED)
            unit = (units or {}).get(key, "")
            if codec.encrypted:
                source = source.split(":", 1)[0]  # "import:<file name>" would leak the name in clear
            detail = (codec.encode({"source": full, "unit": unit}, aad.detail(key))
                      if unit or full != source else None)
            if new is None:
                conn.execute("DELETE FROM fields WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO fields(key, value, author, source, changed_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value=excluded.value, author=excluded.author, "
                    "source=excluded.source, changed_at=excluded.changed_at",
                    (key, codec.encode(new, aad.field(key)), author, source, stamp))
            conn.execute(
                "INSERT INTO changes(key, old, new, author, source, changed_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, None if old is None else codec.encode(old, aad.old_value(key)),
                 None if new is None else codec.encode(new, aad.new_value(key)), author, source, stamp, detail))
            done[key] = new
        return done

    def committed_update(self, done: Mapping[str, Any]) -> None:
        """After the commit: the in-memory copy of the file's values follows."""
        for key, value in done.items():
            if value is None:
                self.committed.pop(key, None)
            else:
                self.committed[key] = value
        self.last_saved = now_iso()

    def changes(self, key: str | None = None, limit: int = 1000) -> list[Change]:
        """The change log, newest first (of one key, or of all); the unit and the full source come from the
        sealed detail."""
        detail = "detail" if self.db.format_version >= 2 else "NULL"  # format 1 read as it is: no detail column
        sql = f"SELECT key, old, new, author, source, changed_at, {detail} FROM changes"  # noqa: S608 - fixed names
        args: tuple[Any, ...] = ()
        if key:
            sql += " WHERE key = ?"
            args = (key,)
        rows = self.db.read(sql + " ORDER BY id DESC LIMIT ?", (*args, limit))
        what = tr("修改记录")
        out = []
        for k, o, n, a, s, t, d in rows:
            source, unit = str(s), ""
            if d is not None:
                detail = self.db.decode(d, aad.detail(k), what)
                if isinstance(detail, dict):
                    source = str(detail.get("source") or source)[:300]
                    unit = str(detail.get("unit") or "")[:200]
            out.append(Change(str(k), None if o is None else self.db.decode(o, aad.old_value(k), what),
                              None if n is None else self.db.decode(n, aad.new_value(k), what), str(a), source,
                              str(t), unit))
        return out

    def origin(self, key: str) -> tuple[str, str, str] | None:
        """(author, source, changed_at) of a stored value: who, how and when it was last set."""
        row = self.db.read_one("SELECT author, source, changed_at FROM fields WHERE key = ?", (key,))
        return (str(row[0]), str(row[1]), str(row[2])) if row else None
