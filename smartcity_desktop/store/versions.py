"""Named versions of a project file (table ``versions``): snapshots of every value, listed, compared, restored.

A version holds values only; attachments it links to are kept while it exists (attachments.purge_unreferenced).
Automatic safety versions (store/safety.py) are ordinary versions marked in their payload and indexed in meta.
A stored version is checked like the file's own values before anything uses it: a file may be crafted.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any, NamedTuple

from smartcity_desktop.errors import DataProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier
from smartcity_desktop.model.fields import first_control_character
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.store import aad, safety, verify
from smartcity_desktop.store.attachments import Attachments
from smartcity_desktop.store.database import Database, DamagedFile, now_iso

MAX_NAME = 200


class VersionInfo(NamedTuple):
    """A named version as listed (its values are read when used: ``Versions.values``)."""

    id: int
    name: str
    created_at: str
    author: str
    final: bool
    automatic: bool = False  # a safety version made before an import or a restore (store/safety.py)


def checked_name(name: str) -> str:
    """A version name as the user typed it, trimmed; DataProblem if empty or with control characters."""
    name = name.strip()
    if not name:
        raise DataProblem(tr("版本名称不能为空。"))
    if first_control_character(name) is not None or "\n" in name or "\t" in name:
        raise DataProblem(tr("版本名称中有不允许的控制字符。"))
    return name


class Versions:
    """The versions of one open file."""

    def __init__(self, db: Database, scheme: Scheme, attachments: Attachments):
        self.db = db
        self.scheme = scheme
        self.attachments = attachments

    # -- writing (inside the caller's transaction) ---------------------------------------------------
    def insert(self, conn: sqlite3.Connection, name: str, values: Mapping[str, Any], author: str, *,
               final: bool = False, automatic: bool = False, created_at: str | None = None) -> int:
        payload: dict[str, Any] = {"values": dict(values), "scheme": self.scheme.key}
        if automatic:
            payload["automatic"] = True
        return self.insert_payload(conn, name, payload, author, final=final, created_at=created_at)

    def insert_payload(self, conn: sqlite3.Connection, name: str, payload: Mapping[str, Any], author: str, *,
                       final: bool = False, created_at: str | None = None) -> int:
        """A version row from a payload already checked (``recover`` carries a damaged file's versions over)."""
        codec = self.db.codec
        cur = conn.execute("INSERT INTO versions(name, created_at, author, final, data) VALUES (?, ?, ?, ?, ?)",
                           (codec.encode(name[:MAX_NAME], aad.VERSION_NAME), created_at or now_iso(), author,
                            int(final), codec.encode(dict(payload), aad.VERSION)))
        return int(cur.lastrowid or 0)

    def insert_safety(self, conn: sqlite3.Connection, name: str, values: Mapping[str, Any], author: str,
                      protect: int | None = None) -> int:
        """Keep ``values`` (the committed state) as an automatic version, mark it in meta, prune the oldest
        automatic ones beyond safety.MAX_AUTOMATIC (never named ones, never ``protect``: the version being
        restored)."""
        vid = self.insert(conn, name, values, author, automatic=True)
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (safety.META_KEY,)).fetchone()
        existing = {r[0] for r in conn.execute("SELECT id FROM versions")}
        ids = [i for i in safety.automatic_ids(row[0] if row else None) if i in existing and i != vid] + [vid]
        others = [i for i in ids if i != protect]
        candidates = safety.to_prune(others, safety.MAX_AUTOMATIC - (len(ids) - len(others)))
        # The meta list is only an index: a crafted file could list ids its receiver's named versions will
        # get. A version is deleted only if its own payload, written by us, says it is automatic.
        pruned = [i for i in candidates if self._is_automatic_row(conn, i)]
        if pruned:
            conn.executemany("DELETE FROM versions WHERE id = ?", [(i,) for i in pruned])
            self.attachments.purge_unreferenced(conn)
        value = safety.encode_ids([i for i in ids if i not in candidates])
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                     (safety.META_KEY, value))
        return vid

    def _is_automatic_row(self, conn: sqlite3.Connection, vid: int) -> bool:
        row = conn.execute("SELECT data FROM versions WHERE id = ?", (vid,)).fetchone()
        try:
            payload = self.db.codec.decode(row[0], aad.VERSION) if row else None
        except Exception:  # noqa: BLE001 - an unreadable version is never deleted as "automatic"
            return False
        return isinstance(payload, dict) and payload.get("automatic") is True

    # -- reading -------------------------------------------------------------------------------------
    def list(self) -> list[VersionInfo]:
        with self.db.mutex:
            rows = self.db.read("SELECT id, name, created_at, author, final FROM versions ORDER BY id")
            marks = self.db.read_one("SELECT value FROM meta WHERE key = ?", (safety.META_KEY,))
        auto = set(safety.automatic_ids(marks[0] if marks and isinstance(marks[0], str) else None))
        infos = []
        for i, n, c, a, f in rows:
            name = self.db.decode(n, aad.VERSION_NAME, tr("版本名称"))
            if not isinstance(i, int) or not isinstance(name, str):
                raise DamagedFile(tr("卷宗 {name} 已损坏：版本记录无效。", name=self.db.path.name))
            infos.append(VersionInfo(i, name, str(c), str(a), bool(f), i in auto))
        return infos

    def get(self, vid: int) -> VersionInfo:
        for info in self.list():
            if info.id == vid:
                return info
        raise DataProblem(tr("没有编号为 {vid} 的版本。", vid=vid))

    def values(self, vid: int) -> dict[str, Any]:
        """A version's values, checked like the file's own values before anything uses them: a hostile
        stored version is refused as damaged (DamagedFile), nothing written."""
        with self.db.mutex:
            row = self.db.read_one("SELECT length(data) FROM versions WHERE id = ?", (vid,))
            if row is None:
                raise DataProblem(tr("没有编号为 {vid} 的版本。", vid=vid))
            if not isinstance(row[0], int) or row[0] > verify.MAX_VERSION_BYTES:
                raise DamagedFile(tr("版本 {vid} 已损坏（{reason}），无法使用；卷宗未作任何改动。", vid=vid,
                                     reason=tr("内容过大")))
            (data,) = self.db.read_one("SELECT data FROM versions WHERE id = ?", (vid,))
        codec = self.db.codec
        try:
            wanted = bytes if codec.encrypted else str
            if not isinstance(data, wanted):
                raise ValueError(tr("存储类型不对"))
            payload = codec.decode(data, aad.VERSION)
            return verify.check_version_values(payload, Dossier(self.scheme))
        except (ValueError, TypeError, RecursionError) as exc:
            raise DamagedFile(tr("版本 {vid} 已损坏（{reason}），无法使用；卷宗未作任何改动。", vid=vid,
                                 reason=exc if isinstance(exc, ValueError) and str(exc) else tr("无法读取"))) from None
