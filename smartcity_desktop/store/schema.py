"""The project file's SQL schema, its identity (application_id) and versioned upgrades.

Shape after MusicBrainz Picard's config_upgrade: one function per target version, run in order
inside one transaction after a backup copy has been written beside the file.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x53434453  # "SCDS"
SCHEMA_VERSION = 2
EXTENSION = ".scdossier"
CHUNK_SIZE = 1024 * 1024

SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE fields (
    key TEXT PRIMARY KEY,
    value NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'typed',
    changed_at TEXT NOT NULL
);
CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    old,
    new,
    author TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'typed',
    changed_at TEXT NOT NULL
);
CREATE INDEX changes_key ON changes(key);
CREATE TABLE blobs (id TEXT PRIMARY KEY, size INTEGER NOT NULL, chunks INTEGER NOT NULL);
CREATE TABLE blob_chunks (
    blob_id TEXT NOT NULL REFERENCES blobs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    UNIQUE (blob_id, seq)
);
CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    blob_id TEXT NOT NULL REFERENCES blobs(id),
    name NOT NULL,
    size INTEGER NOT NULL,
    target TEXT NOT NULL,
    added_at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    removed_at TEXT
);
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    name NOT NULL,
    created_at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    final INTEGER NOT NULL DEFAULT 0,
    data NOT NULL
);
"""
REQUIRED_TABLES = ("meta", "fields", "changes", "blobs", "blob_chunks", "attachments", "versions")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def upgrade_v2(conn: sqlite3.Connection) -> None:
    """Departments (issue 14): who filled what and the state of merges.

    ``changes.detail``: the unit (牵头单位) and the full source (``merge:PACKAGE``, ``import:FILE``) of a
    change, sealed like the values in an encrypted dossier (the clear ``source`` column keeps only the
    kind there). ``departments``: sealed rows of the split/merge state (the signing secret, merged
    packages, unresolved conflicts with both values). Idempotent, so a file whose version number was
    lowered still upgrades cleanly."""
    if "detail" not in _columns(conn, "changes"):
        conn.execute("ALTER TABLE changes ADD COLUMN detail")
    conn.execute("CREATE TABLE IF NOT EXISTS departments (key TEXT PRIMARY KEY, data NOT NULL)")


# target version -> upgrade from the version before it. Each runs inside the migration transaction.
Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: dict[int, Migration] = {2: upgrade_v2}
# An older file opened read-only is read as it is (not upgraded) from this version on: format 2 only added
# what departments write (the change log's detail, the departments table), which a reader can do without.
READABLE_AS_IS = 1
# The upgrades a new file is built with (a new file and an upgraded one then hold the same schema text).
BUILT_IN = dict(MIGRATIONS)


def create(conn: sqlite3.Connection, version: int | None = None) -> None:
    """The schema of ``version`` (default: the current one): version 1 plus the built-in upgrades."""
    version = SCHEMA_VERSION if version is None else version
    conn.executescript("BEGIN IMMEDIATE;" + SCHEMA_V1)  # one transaction: one sync, not one per statement
    try:
        for target in sorted(BUILT_IN):
            if target <= version:
                BUILT_IN[target](conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def pending_migrations(from_version: int, to_version: int | None = None) -> list[tuple[int, Migration]]:
    to_version = SCHEMA_VERSION if to_version is None else to_version
    return [(v, MIGRATIONS[v]) for v in range(from_version + 1, to_version + 1) if v in MIGRATIONS]
