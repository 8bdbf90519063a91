"""The project file's SQL schema, its identity (application_id) and versioned upgrades.

Shape after MusicBrainz Picard's config_upgrade: one function per target version, run in order
inside one transaction after a backup copy has been written beside the file.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x53434453  # "SCDS"
SCHEMA_VERSION = 1
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

# target version -> upgrade from the version before it. Each runs inside the migration transaction.
Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: dict[int, Migration] = {}


def create(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA_V1)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def pending_migrations(from_version: int, to_version: int | None = None) -> list[tuple[int, Migration]]:
    to_version = SCHEMA_VERSION if to_version is None else to_version
    return [(v, MIGRATIONS[v]) for v in range(from_version + 1, to_version + 1) if v in MIGRATIONS]
