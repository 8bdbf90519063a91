"""The departments' split/merge state inside a project file (table ``departments``, format 2).

Sealed rows beside the values: the signing secret of the work packages, the packages merged, and every unresolved
conflict (``conflict:<field key>`` with base and both values). What the rows mean belongs to ``departments/``;
here they are only read, written in the caller's transaction, and bounded (a file may be crafted).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from smartcity_desktop.i18n import tr
from smartcity_desktop.store import aad
from smartcity_desktop.store.database import Database

MAX_DEPARTMENT_ROWS = 10_000
CONFLICT_PREFIX = "conflict:"  # departments row of an unresolved merge conflict: conflict:<field key>
# The rows' names and the work package's kind, here because both departments/ (which gives them meaning) and the
# store's recover (which must carry them into a salvaged file and may not import departments/) need them:
PACKAGE_KIND = "work_package"  # meta ``kind`` of a departments work package (.scpart)
SECRET_ROW = "secret"  # in the dossier's departments rows: the signing key of its packages
MANIFEST_ROW = "package"  # in a package: the manifest without the base
BASE_ROW = "base:"  # in a package: the base, in chunks of BASE_CHUNK keys
CONTEXT_ROW = "context:"  # in a package: key -> digest of every other value at split, in chunks


class DepartmentRows:
    def __init__(self, db: Database):
        self.db = db

    def read(self, prefix: str = "") -> dict[str, Any]:
        """The rows whose key starts with ``prefix`` (decoded; a damaged row: DamagedFile)."""
        if self.db.format_version < 2:  # a format-1 file read as it is has no departments rows
            return {}
        rows = self.db.read("SELECT key, data FROM departments WHERE substr(key, 1, ?) = ? LIMIT ?",
                            (len(prefix), prefix, MAX_DEPARTMENT_ROWS))
        what = tr("部门分发与合并记录")
        return {str(k): self.db.decode(d, aad.department_row(k), what) for k, d in rows if isinstance(k, str)}

    def write(self, conn: sqlite3.Connection, state: Mapping[str, Any]) -> None:
        """Inside the caller's transaction: write rows (a value of None deletes the row)."""
        for key, value in state.items():
            if value is None:
                conn.execute("DELETE FROM departments WHERE key = ?", (key,))
            else:
                conn.execute("INSERT INTO departments(key, data) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET data = excluded.data",
                             (key, self.db.codec.encode(value, aad.department_row(key))))

    def conflict_keys(self) -> frozenset[str]:
        """Field keys with an unresolved merge conflict (validation reports them)."""
        if self.db.format_version < 2:
            return frozenset()
        rows = self.db.read("SELECT key FROM departments WHERE substr(key, 1, ?) = ? LIMIT ?",
                            (len(CONFLICT_PREFIX), CONFLICT_PREFIX, MAX_DEPARTMENT_ROWS))
        return frozenset(r[0][len(CONFLICT_PREFIX):] for r in rows if isinstance(r[0], str))
