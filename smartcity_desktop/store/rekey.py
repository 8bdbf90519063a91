"""Encrypt, decrypt or change the passphrase of an open dossier, atomically.

Every sealed row (fields, change log, versions, attachment names, blob chunks, and the keyed
blob ids) is rewritten with the new codec in ONE transaction, so a crash leaves the dossier
wholly under the old key or wholly under the new one. ``secure_delete`` zeroes what the old
rows occupied, and a VACUUM afterwards rebuilds the file so no free page keeps old content.

Limit (said in docs/reliability.md): while the transaction runs, SQLite's rollback journal holds
the old pages, so encrypting a plain dossier briefly writes its plaintext to the journal (which
is deleted at commit); copies made before encryption (backups, e-mail) are not reachable here.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from typing import Any

from smartcity_desktop import keyring_cache as keystore
from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.store import aad, crypto
from smartcity_desktop.store.database import DamagedFile
from smartcity_desktop.store.projectfile import ProjectFile

Progress = Callable[[int, int], None]  # (rows done, rows in all); also called inside the transaction


def encrypt_dossier(pf: ProjectFile, passphrase: str, progress: Progress | None = None) -> None:
    """Encrypt a plain dossier with ``passphrase`` (at least 8 characters)."""
    _writable(pf)
    if pf.encrypted:
        raise FileProblem(tr("卷宗 {name} 已经加密。", name=pf.path.name))
    params, codec = crypto.new_encryption(passphrase)
    _rekey(pf, codec, params, progress)
    keystore.remember_key(pf.dossier_id, codec.key)


def decrypt_dossier(pf: ProjectFile, progress: Progress | None = None) -> None:
    """Remove encryption: every value and attachment is stored in the clear again."""
    _writable(pf)
    if not pf.encrypted:
        raise FileProblem(tr("卷宗 {name} 没有加密。", name=pf.path.name))
    _rekey(pf, crypto.Codec(), None, progress)
    keystore.forget_key(pf.dossier_id)


def change_passphrase(pf: ProjectFile, new_passphrase: str, progress: Progress | None = None) -> None:
    """Re-encrypt everything under a key derived from ``new_passphrase`` (fresh salt)."""
    _writable(pf)
    if not pf.encrypted:
        raise FileProblem(tr("卷宗 {name} 没有加密，请先加密。", name=pf.path.name))
    params, codec = crypto.new_encryption(new_passphrase)
    _rekey(pf, codec, params, progress)
    keystore.remember_key(pf.dossier_id, codec.key)


def _writable(pf: ProjectFile) -> None:
    pf.database.check_writable()
    pf.flush()


def _count_rows(conn: sqlite3.Connection) -> int:
    total = 0
    for table in ("fields", "changes", "versions", "attachments", "blob_chunks"):
        total += conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
    return total


def _rekey(pf: ProjectFile, new: crypto.Codec, params: dict[str, object] | None, progress: Progress | None) -> None:
    try:
        _rekey_rows(pf, new, params, progress)
    except (ValueError, TypeError, AttributeError, RecursionError):
        # A change-log row or version that cannot be decoded (damaged or crafted): the transaction
        # was rolled back, nothing changed.
        raise DamagedFile(tr("卷宗 {name} 已损坏：{what}无法读取。", name=pf.path.name,
                             what=tr("修改记录或版本"))) from None


def _rekey_rows(pf: ProjectFile, new: crypto.Codec, params: dict[str, object] | None,
                progress: Progress | None) -> None:
    db = pf.database
    old = db.codec
    conn = db.connection
    conn.execute("PRAGMA secure_delete=ON")
    total = _count_rows(conn)
    done = 0

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if progress is not None and (done % 64 == 0 or done == total):
            progress(done, total)

    def reseal(stored: Any, label: str) -> Any:
        return None if stored is None else new.encode(old.decode(stored, label), label)

    with db.transaction() as tx:
        for key, value in tx.execute("SELECT key, value FROM fields").fetchall():
            tx.execute("UPDATE fields SET value = ? WHERE key = ?", (reseal(value, aad.field(key)), key))
            tick()
        for rid, key, before, after, detail in tx.execute("SELECT id, key, old, new, detail FROM changes").fetchall():
            tx.execute("UPDATE changes SET old = ?, new = ?, detail = ? WHERE id = ?",
                       (reseal(before, aad.old_value(key)), reseal(after, aad.new_value(key)),
                        reseal(detail, aad.detail(key)), rid))
            tick()
        for key, data in tx.execute("SELECT key, data FROM departments").fetchall():
            tx.execute("UPDATE departments SET data = ? WHERE key = ?", (reseal(data, aad.department_row(key)), key))
        for vid, name, data in tx.execute("SELECT id, name, data FROM versions").fetchall():
            tx.execute("UPDATE versions SET name = ?, data = ? WHERE id = ?",
                       (reseal(name, aad.VERSION_NAME), reseal(data, aad.VERSION), vid))
            tick()
        for aid, name in tx.execute("SELECT id, name FROM attachments").fetchall():
            tx.execute("UPDATE attachments SET name = ? WHERE id = ?", (reseal(name, aad.attachment_name(aid)), aid))
            tick()
        for blob_id, size, chunks in tx.execute("SELECT id, size, chunks FROM blobs").fetchall():
            done_chunks = _rekey_blob(tx, old, new, blob_id, size, chunks)
            tick(done_chunks)
        if params is None:
            tx.execute("DELETE FROM meta WHERE key = 'encryption'")
        else:
            tx.execute("INSERT INTO meta(key, value) VALUES ('encryption', ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (json.dumps(params),))
    db.codec = new
    if params is None:
        pf.meta.pop("encryption", None)
    else:
        pf.meta["encryption"] = json.dumps(params)
    if progress is not None:
        progress(total, total)
    db.vacuum()


def _rekey_blob(tx: sqlite3.Connection, old: crypto.Codec, new: crypto.Codec, blob_id: str, size: int,
                chunks: int) -> int:
    """Re-seal one blob chunk by chunk (never whole in memory) under its new (keyed) id."""
    # Pass 1 computes the content hash (the new id depends on it); pass 2 re-seals each chunk.
    digest = hashlib.sha256()
    seqs = [r[0] for r in tx.execute("SELECT seq FROM blob_chunks WHERE blob_id = ? ORDER BY seq", (blob_id,))]
    for seq in seqs:
        data = tx.execute("SELECT data FROM blob_chunks WHERE blob_id = ? AND seq = ?", (blob_id, seq)).fetchone()[0]
        digest.update(old.open(data, aad.chunk(blob_id, seq)))
    new_id = new.blob_id(digest.hexdigest())
    if new_id != blob_id:
        tx.execute("INSERT INTO blobs(id, size, chunks) VALUES (?, ?, ?)", (new_id, size, chunks))
    for seq in seqs:
        data = tx.execute("SELECT data FROM blob_chunks WHERE blob_id = ? AND seq = ?", (blob_id, seq)).fetchone()[0]
        sealed = new.seal(old.open(data, aad.chunk(blob_id, seq)), aad.chunk(new_id, seq))
        tx.execute("UPDATE blob_chunks SET blob_id = ?, data = ? WHERE blob_id = ? AND seq = ?",
                   (new_id, sealed, blob_id, seq))
    if new_id != blob_id:
        tx.execute("UPDATE attachments SET blob_id = ? WHERE blob_id = ?", (new_id, blob_id))
        tx.execute("DELETE FROM blobs WHERE id = ?", (blob_id,))
    return len(seqs)
