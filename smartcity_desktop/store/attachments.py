"""Attachments of a project file: files stored inside it as blobs (tables ``blobs``, ``blob_chunks``, ``attachments``).

A file is streamed in 1 MiB chunks (never read whole into memory), deduplicated by SHA-256 (a keyed hash in an
encrypted dossier, so the file does not reveal which well-known document it holds), and checked again on the way
out. Linking an attachment to its ``…documents`` field is a value change: the project file does that through the
document, in the same transaction as the rows written here.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from smartcity_desktop.atomic import replacing
from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.importsource import file_size, open_regular
from smartcity_desktop.store import aad, schema
from smartcity_desktop.store.database import Database, DamagedFile

if TYPE_CHECKING:
    from hashlib import _Hash

MAX_ATTACHMENT_BYTES = 1024 * 1024 * 1024  # 1 GiB: far above any scanned document, below any disk trouble
MAX_NAME_BYTES = 200  # an attachment's name must still be a valid file name when saved out


class Attachment(NamedTuple):
    """An attachment as listed: its id, original name, size, the ``…documents`` field it belongs to, when and
    by whom it was added, and the blob that holds its bytes."""

    id: str
    name: str
    size: int
    target: str
    added_at: str
    author: str
    blob_id: str


class Incoming(NamedTuple):
    """A file about to be stored: its name, size, SHA-256 and a way to read it (checked again while read)."""

    name: str
    size: int
    sha256: str
    chunks: Callable[[], Iterator[bytes]]


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def clean_name(name: str) -> str:
    """Keep only a file's base name, without control characters (names come from other people)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    if len(base.encode("utf-8")) > MAX_NAME_BYTES:  # file systems count bytes: 255 on Linux and NTFS
        stem, dot, ext = base.rpartition(".")
        ext = dot + ext if dot and len(ext.encode("utf-8")) <= 16 else ""
        stem = stem if ext else base
        while len((stem + ext).encode("utf-8")) > MAX_NAME_BYTES:
            stem = stem[:-1]
        base = stem + ext
    return base or tr("附件")


def _sha256(data: bytes = b"") -> _Hash:
    """``hashlib.sha256``, imported when an attachment is first hashed: hashlib loads OpenSSL (~3-4 ms CPU),
    which opening a dossier does not need."""
    import hashlib

    return hashlib.sha256(data)


def hash_file(src: Path, max_size: int) -> tuple[int, str]:
    digest, size = _sha256(), 0
    try:
        with open_regular(src) as handle:  # a FIFO, device or folder is refused at once
            if file_size(handle) > max_size:  # refused at once, not after reading a gigabyte
                raise DataProblem(tr("附件 {name} 太大（超过 {limit}），未添加。", name=clean_name(src.name),
                                     limit=human_size(max_size)))
            while block := handle.read(schema.CHUNK_SIZE):
                size += len(block)
                if size > max_size:
                    raise DataProblem(tr("附件 {name} 太大（超过 {limit}），未添加。", name=clean_name(src.name),
                                         limit=human_size(max_size)))
                digest.update(block)
    except OSError as exc:
        raise FileProblem(tr("无法读取 {name}：{reason}", name=src.name, reason=exc.strerror or exc)) from None
    return size, digest.hexdigest()


def incoming(source: str | os.PathLike[str] | bytes, name: str | None, max_size: int) -> Incoming:
    """Measure a file (or bytes) before a transaction starts; DataProblem if it is too large."""
    if isinstance(source, bytes):
        data = source
        display = clean_name(name or tr("附件"))

        def from_bytes() -> Iterator[bytes]:
            for start in range(0, len(data), schema.CHUNK_SIZE):
                yield data[start:start + schema.CHUNK_SIZE]

        found = Incoming(display, len(data), _sha256(data).hexdigest(), from_bytes)
    else:
        src = Path(source)
        display = clean_name(name or src.name)
        size, digest = hash_file(src, max_size)

        def from_file() -> Iterator[bytes]:
            seen, check = 0, _sha256()
            with open_regular(src) as handle:
                while block := handle.read(schema.CHUNK_SIZE):
                    seen += len(block)
                    check.update(block)
                    yield block
            if seen != size or check.hexdigest() != digest:
                raise DataProblem(tr("文件 {name} 在读取过程中被修改，未添加。", name=display))

        found = Incoming(display, size, digest, from_file)
    if found.size > max_size:
        raise DataProblem(tr("附件 {name} 太大（{size}），上限为 {limit}。", name=found.name,
                             size=human_size(found.size), limit=human_size(max_size)))
    return found


def new_attachment_id() -> str:
    import secrets  # here, not at start: secrets imports hmac, which loads OpenSSL (~3-4 ms)

    return "a" + secrets.token_hex(6)


class Attachments:
    """The attachment rows and blobs of one open file."""

    COLUMNS = "id, blob_id, name, size, target, added_at, author"

    def __init__(self, db: Database):
        self.db = db

    # -- writing (inside the caller's transaction) -------------------------------------------------
    def insert(self, conn: sqlite3.Connection, aid: str, target: str, file: Incoming, stamp: str,
               author: str) -> Attachment:
        """Store the file's content (unless the same content is already there) and its attachment row."""
        codec = self.db.codec
        blob_id = codec.blob_id(file.sha256)
        if conn.execute("SELECT 1 FROM blobs WHERE id = ?", (blob_id,)).fetchone() is None:
            count = 0
            conn.execute("INSERT INTO blobs(id, size, chunks) VALUES (?, ?, 0)", (blob_id, file.size))
            for seq, block in enumerate(file.chunks()):
                conn.execute("INSERT INTO blob_chunks(blob_id, seq, data) VALUES (?, ?, ?)",
                             (blob_id, seq, codec.seal(block, aad.chunk(blob_id, seq))))
                count += 1
            conn.execute("UPDATE blobs SET chunks = ? WHERE id = ?", (count, blob_id))
        conn.execute(f"INSERT INTO attachments({self.COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
                     (aid, blob_id, codec.encode(file.name, aad.attachment_name(aid)), file.size, target, stamp,
                      author))
        return Attachment(aid, file.name, file.size, target, stamp, author, blob_id)

    @staticmethod
    def mark_removed(conn: sqlite3.Connection, aid: str, stamp: str) -> None:
        conn.execute("UPDATE attachments SET removed_at = ? WHERE id = ?", (stamp, aid))

    @staticmethod
    def bring_back(conn: sqlite3.Connection, ids: set[str]) -> dict[str, str]:
        """Attachments a restored version links to are listed again (their data was kept for it); returns
        id -> removal time of those that were hidden (the undo of the restore hides them again)."""
        hidden: dict[str, str] = {}
        for aid in ids:
            row = conn.execute("SELECT removed_at FROM attachments WHERE id = ?", (aid,)).fetchone()
            if row is not None and isinstance(row[0], str):
                hidden[aid] = row[0]
                conn.execute("UPDATE attachments SET removed_at = NULL WHERE id = ?", (aid,))
        return hidden

    @staticmethod
    def set_removed(conn: sqlite3.Connection, states: Mapping[str, str | None]) -> None:
        """id -> removal time (None: listed): an undone or redone restore puts the listing back as it was."""
        for aid, stamp in states.items():
            conn.execute("UPDATE attachments SET removed_at = ? WHERE id = ?", (stamp, aid))

    def purge_unreferenced(self, conn: sqlite3.Connection) -> None:
        """Delete removed attachments no version refers to any more, and blobs no attachment uses."""
        removed = [r[0] for r in conn.execute("SELECT id FROM attachments WHERE removed_at IS NOT NULL")]
        if not removed:
            return
        referenced: set[str] = set()
        for (data,) in conn.execute("SELECT data FROM versions"):
            try:
                values = self.db.codec.decode(data, aad.VERSION).get("values", {})
                referenced.update(v for key, val in values.items() if key.endswith(".documents") for v in val)
            except (ValueError, TypeError, AttributeError, RecursionError, FileProblem):
                return  # a version that cannot be read: keep every removed attachment rather than guess
        for aid in removed:
            if aid not in referenced:
                conn.execute("DELETE FROM attachments WHERE id = ?", (aid,))
        conn.execute("DELETE FROM blobs WHERE id NOT IN (SELECT blob_id FROM attachments)")

    # -- reading -------------------------------------------------------------------------------------
    def live_ids(self) -> frozenset[str]:
        rows = self.db.read("SELECT id FROM attachments WHERE removed_at IS NULL")
        return frozenset(r[0] for r in rows if isinstance(r[0], str))

    def _from_row(self, row: tuple[Any, ...]) -> Attachment:
        aid, blob_id, name, size, target, added_at, author = row
        damaged = tr("卷宗 {name} 已损坏：附件记录无效。", name=self.db.path.name)
        if not (isinstance(aid, str) and isinstance(blob_id, str) and isinstance(size, int) and size >= 0
                and isinstance(target, str)):
            raise DamagedFile(damaged)
        display = self.db.decode(name, aad.attachment_name(aid), tr("附件名称"))
        if not isinstance(display, str):
            raise DamagedFile(damaged)
        return Attachment(aid, display, size, target, added_at, author, blob_id)

    def list(self, target: str | None = None) -> list[Attachment]:
        sql = f"SELECT {self.COLUMNS} FROM attachments WHERE removed_at IS NULL"  # noqa: S608 - fixed names
        args: tuple[Any, ...] = ()
        if target:
            sql += " AND target = ?"
            args = (target,)
        return [self._from_row(r) for r in self.db.read(sql + " ORDER BY added_at, rowid", args)]

    def get(self, aid: str) -> Attachment:
        row = self.db.read_one(f"SELECT {self.COLUMNS} FROM attachments WHERE id = ?", (aid,))  # noqa: S608
        if row is None:
            raise DataProblem(tr("卷宗中没有附件 {aid}", aid=aid))
        return self._from_row(row)

    def read(self, aid: str) -> Iterator[bytes]:
        """The attachment's bytes, chunk by chunk (never the whole file in memory)."""
        att = self.get(aid)
        chunk_count = self.db.read_one("SELECT chunks FROM blobs WHERE id = ?", (att.blob_id,))
        total = chunk_count[0] if chunk_count else 0
        for seq in range(total):
            try:
                row = self.db.read_one("SELECT data FROM blob_chunks WHERE blob_id = ? AND seq = ?",
                                       (att.blob_id, seq))
            except sqlite3.DatabaseError:
                row = None  # a damaged page: reported like a missing chunk
            if row is None:
                raise DamagedFile(tr("附件 {name} 的数据不完整。", name=att.name))
            yield self.db.codec.open(row[0], aad.chunk(att.blob_id, seq))

    def save(self, aid: str, dest: str | os.PathLike[str]) -> Path:
        """Write an attachment to ``dest`` atomically, checking its SHA-256 on the way."""
        att = self.get(aid)
        dest = Path(dest)
        digest, size = _sha256(), 0
        try:
            with replacing(dest) as tmp:
                with open(tmp, "wb") as handle:
                    for block in self.read(aid):
                        digest.update(block)
                        size += len(block)
                        handle.write(block)
                # The blob id is the SHA-256 (plain) or its keyed hash (encrypted): one check for both.
                if size != att.size or self.db.codec.blob_id(digest.hexdigest()) != att.blob_id:
                    raise DamagedFile(tr("附件 {name} 的校验值不符，文件可能已损坏。", name=att.name))
        except OSError as exc:
            raise FileProblem(tr("无法写出附件到 {path}：{reason}", path=dest, reason=exc.strerror or exc)) from None
        return dest
