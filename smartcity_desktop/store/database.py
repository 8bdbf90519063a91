"""The database under a project file: connect, check, migrate, transactions (SQLite as an application file format).

Why SQLite: a commit is atomic and durable (rollback journal + synchronous=FULL), so a crash or a power cut loses
at most the edits not yet flushed, never the file. Why the rollback journal and not WAL: users keep dossiers on
network shares and copy them by USB or e-mail, where WAL breaks. This module knows tables only as a whole (check,
migrate, back up); what the rows mean is in values.py, attachments.py and versions.py.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from smartcity_desktop.atomic import replacing
from smartcity_desktop.errors import DamagedFile, FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.store import crypto, schema, verify
from smartcity_desktop.store.header import read_header

__all__ = ["DamagedFile"]  # its home is errors.py (safefiles uses it too); the store's code imports it from here


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class NotADossier(FileProblem):
    pass


class NewerVersion(FileProblem):
    pass


class ReadOnly(FileProblem):
    pass



def sqlite_problem(path: Path, exc: sqlite3.Error) -> FileProblem:
    """Turn SQLite's English error into one sentence a user can act on."""
    text = str(exc).lower()
    if "full" in text:
        return FileProblem(tr("磁盘空间已满，未能保存到 {name}。请腾出空间后再保存；尚未保存的修改仍在程序中。",
                              name=path.name))
    if "readonly" in text or "read-only" in text:
        return ReadOnly(tr("卷宗 {name} 不可写（只读文件、只读文件夹或只读方式打开）。", name=path.name))
    if "locked" in text or "busy" in text:
        return FileProblem(tr("卷宗 {name} 正被另一程序写入，请稍后再试。", name=path.name))
    if "could not decode" in text:
        return DamagedFile(tr("卷宗 {name} 已损坏：其中有无法读取的内容。文件未作任何改动。", name=path.name))
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DamagedFile(tr("卷宗 {name} 已损坏，无法读取（{detail}）。", name=path.name, detail=exc))
    if "disk i/o" in text or "unable to open" in text:
        return FileProblem(tr("读写卷宗 {name} 时发生磁盘错误（{detail}）。", name=path.name, detail=exc))
    return FileProblem(tr("卷宗 {name} 读写失败：{detail}", name=path.name, detail=exc))


def quick_check(path: Path, conn: sqlite3.Connection) -> None:
    """Structural check of every table but the attachment chunks (~25 ms even in a 500 MB file): a
    damaged page is refused at open, untouched, rather than failing later in the middle of work.
    Chunks are checked when read (size, SHA-256 or AES-GCM tag)."""
    for table in schema.REQUIRED_TABLES:
        if table == "blob_chunks":
            continue
        try:
            result = [r[0] for r in conn.execute(f"PRAGMA quick_check({table})")]
        except sqlite3.DatabaseError:
            result = []
        if result != ["ok"]:
            raise DamagedFile(tr("卷宗 {name} 已损坏（数据表 {table}）。文件未作任何改动；可以把其中可读的内容恢复到新文件。",
                                 name=path.name, table=table))


def check_file(path: Path, *, truncation: bool = True) -> int:
    """Judge a file by its header without opening it in SQLite; return its schema version.

    Raises NotADossier / NewerVersion / DamagedFile with a message for the user; the file is not
    touched in any case. ``truncation=False`` skips the size check (done after journal recovery).
    """
    if not path.exists():
        raise FileProblem(tr("找不到文件 {path}", path=path))
    if not path.is_file():
        raise FileProblem(tr("{path} 不是文件", path=path))
    try:
        if path.stat().st_size == 0:
            raise NotADossier(tr("文件 {name} 是空的（0 字节），不是卷宗文件。", name=path.name))
        header = read_header(path)
    except OSError as exc:
        raise FileProblem(tr("无法读取 {name}：{reason}", name=path.name, reason=exc.strerror or exc)) from None
    if header is None:
        raise NotADossier(tr("文件 {name} 不是智慧城市申报卷宗（.scdossier）文件。", name=path.name))
    if header.application_id != schema.APPLICATION_ID:
        raise NotADossier(tr("文件 {name} 是其他程序的数据库，不是智慧城市申报卷宗。", name=path.name))
    if header.user_version > schema.SCHEMA_VERSION:
        raise NewerVersion(tr("卷宗 {name} 由更新版本的程序创建（文件格式 {found}，本程序支持到 {known}），"
                              "请升级程序后再打开。文件未作任何改动。",
                              name=path.name, found=header.user_version, known=schema.SCHEMA_VERSION))
    if truncation and header.truncated:
        raise DamagedFile(tr("卷宗 {name} 不完整（文件被截断，可能是复制中断）。文件未作任何改动。", name=path.name))
    return header.user_version


def readonly_uri(path: Path) -> str:
    """An SQLite URI opening ``path`` read-only, also for Windows drive and UNC (network share) paths.

    ``Path.as_uri()`` turns ``\\\\server\\share\\x`` into ``file://server/share/x``, whose authority SQLite
    refuses; SQLite wants an empty authority and the path after it (``file:////server/share/x``), and
    ``file:/C:/x`` for a drive path. Every other character is percent-encoded (``#``, ``?``, Chinese).
    """
    text = os.path.abspath(path).replace(os.sep, "/")
    if not text.startswith("/"):
        text = "/" + text  # C:/dir/x -> /C:/dir/x
    if text.startswith("//"):
        text = "//" + text  # //server/share/x -> ////server/share/x (empty authority)
    return "file:" + quote(text, safe="/:") + "?mode=ro"


def connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(readonly_uri(path), uri=True, isolation_level=None,
                               check_same_thread=False, timeout=5)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5)
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA trusted_schema=OFF")  # defence in depth: the schema is also checked (store/verify.py)
    return conn


def roll_back_hot_journal(path: Path) -> None:
    """Let SQLite roll back a transaction that a crash left half-done (a "hot" journal).

    A read-only connection cannot do that and would refuse the file; a short read-write
    connection restores the last committed state. SQLite itself decides whether the journal is
    hot (its writer is gone), so a live writer elsewhere is never disturbed.
    """
    journal = path.with_name(path.name + "-journal")
    try:
        if not journal.exists() or journal.stat().st_size == 0:
            return
    except OSError:
        return
    try:
        conn = sqlite3.connect(str(path), timeout=5)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise sqlite_problem(path, exc) from None



def migrate(path: Path, conn: sqlite3.Connection, version: int) -> None:
    """Upgrade an older file after copying it to ``<name>.v<N>-backup.scdossier``."""
    backup = path.with_name(f"{path.stem}.v{version}-backup{path.suffix}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.stem}.v{version}-backup-{n}{path.suffix}")
    with replacing(backup) as tmp:  # a crash mid-copy must not leave a broken "backup" behind
        shutil.copyfile(path, tmp)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for target, step in schema.pending_migrations(version):
            step(conn)
            conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise



class Database:
    """One open connection with its codec: the transactions every part of the store writes in.

    ``codec`` is replaced when the dossier is encrypted, decrypted or re-keyed (store/rekey.py); the parts read it
    from here, so they always seal with the current key. Not thread-safe for writers beyond ``mutex``: one program,
    one writer. ``format_version`` is below the current one only when an older file is read as it is (read-only):
    the parts then leave out what that format does not have."""

    def __init__(self, path: Path, conn: sqlite3.Connection, codec: crypto.Codec, readonly: bool,
                 format_version: int = schema.SCHEMA_VERSION):
        self.path = path
        self.conn: sqlite3.Connection | None = conn
        self.codec = codec
        self.readonly = readonly
        self.format_version = format_version
        self.mutex = threading.RLock()

    @property
    def connection(self) -> sqlite3.Connection:
        if self.conn is None:
            raise FileProblem(tr("卷宗 {name} 已关闭。", name=self.path.name))
        return self.conn

    def check_writable(self) -> None:
        if self.readonly:
            raise ReadOnly(tr("卷宗以只读方式打开，不能修改。"))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolled back on any error (an SQLite error becomes a user message)."""
        conn = self.connection
        with self.mutex:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise sqlite_problem(self.path, exc) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback(conn)
                raise sqlite_problem(self.path, exc) from None
            except BaseException:
                self._rollback(conn)
                raise

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def read(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        """Every row of a query, under the mutex (readers may run in a background thread)."""
        with self.mutex:
            return self.connection.execute(sql, args).fetchall()

    def read_one(self, sql: str, args: tuple[Any, ...] = ()) -> Any:
        with self.mutex:
            return self.connection.execute(sql, args).fetchone()

    def decode(self, stored: Any, aad: str, what: str) -> Any:
        """Decode a stored item read after open (version, change, attachment name); DamagedFile if it has the
        wrong storage class or is not what it claims."""
        try:
            return verify.decode_value(self.codec, stored, aad)
        except (ValueError, TypeError, RecursionError):
            raise DamagedFile(tr("卷宗 {name} 已损坏：{what}无法读取。", name=self.path.name, what=what)) from None

    def vacuum(self) -> None:
        """Rebuild the file so no free page keeps old content (after re-keying)."""
        with self.mutex:
            try:
                self.connection.execute("VACUUM")
            except sqlite3.Error as exc:
                raise sqlite_problem(self.path, exc) from None

    def integrity_problems(self) -> list[str]:
        rows = [r[0] for r in self.read("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows

    def copy_to(self, dest: Path) -> Path:
        return backup_copy(self.connection, dest)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def backup_copy(conn: sqlite3.Connection, dest: Path) -> Path:
    try:
        with replacing(dest) as tmp:
            target = sqlite3.connect(str(tmp))
            try:
                conn.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
    except (OSError, sqlite3.Error) as exc:
        raise FileProblem(tr("无法写出副本 {path}：{reason}", path=dest, reason=exc)) from None
    return dest


def copy_dossier(src: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path:
    """Copy a dossier that may be open in another program (read-only, consistent snapshot)."""
    src = Path(src)
    check_file(src)
    try:
        conn = sqlite3.connect(readonly_uri(src), uri=True)
    except sqlite3.Error as exc:
        raise sqlite_problem(src, exc) from None
    try:
        return backup_copy(conn, Path(dest))
    finally:
        conn.close()

