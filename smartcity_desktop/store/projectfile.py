"""The project file (.scdossier): one SQLite database used as an application file format.

Why SQLite: a commit is atomic and durable (rollback journal + synchronous=FULL), so a crash or a
power cut loses at most the edits not yet flushed, never the file. Why the rollback journal and
not WAL: users keep dossiers on network shares and copy them by USB or e-mail, where WAL breaks.

The GUI calls ``set`` per edit and ``flush`` on its debounce timer (and on Ctrl+S); imports call
``apply``, which checks everything first and writes it in one transaction (all or nothing).
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import threading
import uuid
from urllib.parse import quote
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from smartcity_desktop import __version__
from smartcity_desktop.atomic import fsync_dir, replacing
from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.importsource import file_size, open_regular
from smartcity_desktop.model import Dossier, FieldError
from smartcity_desktop.model.document import TYPED, Document, Edit, Sources
from smartcity_desktop.model.fields import first_control_character
from smartcity_desktop.scheme import Scheme, load_scheme_by_id
from smartcity_desktop.store import crypto, safety, schema, verify
from smartcity_desktop.store.header import read_header
from smartcity_desktop.store.lock import FileLock, current_user

MAX_ATTACHMENT_BYTES = 1024 * 1024 * 1024  # 1 GiB: far above any scanned document, below any disk trouble
MAX_NAME_BYTES = 200  # an attachment's name must still be a valid file name when saved out
PassphrasePrompt = Callable[[str], str | None]


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class NotADossier(FileProblem):
    pass


class NewerVersion(FileProblem):
    pass


class DamagedFile(FileProblem):
    pass


class ReadOnly(FileProblem):
    pass


@dataclass(frozen=True)
class Attachment:
    id: str
    name: str
    size: int
    target: str
    added_at: str
    author: str
    blob_id: str


@dataclass(frozen=True)
class VersionInfo:
    id: int
    name: str
    created_at: str
    author: str
    final: bool
    automatic: bool = False  # a safety version made before an import or a restore (store/safety.py)


@dataclass(frozen=True)
class Change:
    key: str
    old: Any
    new: Any
    author: str
    source: str
    changed_at: str


def _sqlite_problem(path: Path, exc: sqlite3.Error) -> FileProblem:
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


def _quick_check(path: Path, conn: sqlite3.Connection) -> None:
    """Structural check of every table but the attachment chunks (~25 ms even in a 500 MB file): a
    damaged page is refused at open, untouched, rather than failing later in the middle of work.
    Chunks are checked when read (size, SHA-256 or AES-GCM tag)."""
    for table in schema.REQUIRED_TABLES:
        if table == "blob_chunks":
            continue
        try:
            result = [r[0] for r in conn.execute(f"PRAGMA quick_check({table})")]  # noqa: S608 - fixed names
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


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
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


def _roll_back_hot_journal(path: Path) -> None:
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
        raise _sqlite_problem(path, exc) from None


def _clean_name(name: str) -> str:
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


class ProjectFile:
    """An open dossier file. Not thread-safe for writers beyond its own lock: one program, one writer."""

    def __init__(self, path: Path, conn: sqlite3.Connection, codec: crypto.Codec, meta: dict[str, str],
                 readonly: bool, lock: FileLock | None, author: str):
        self.path = path
        self._conn = conn
        self.codec = codec
        self.meta = meta
        self.readonly = readonly
        self._lock = lock
        self.author = author
        self._mutex = threading.RLock()
        self.scheme: Scheme = load_scheme_by_id(meta.get("scheme_id", ""), meta.get("scheme_version"))
        self._committed = self._load_values()
        verify.check_attachments(path, conn, codec, Dossier(self.scheme), MAX_ATTACHMENT_BYTES)
        self.document = Document(Dossier(self.scheme, self._committed), author)
        self._refresh_attachment_ids()
        self.last_saved: str | None = None
        self.last_safety_version: int | None = None  # made by the last apply / restore_version, if any

    # -- opening and creating ------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike[str], scheme: Scheme, *, author: str | None = None,
               passphrase: str | None = None, values: Mapping[str, Any] | None = None,
               overwrite: bool = False) -> ProjectFile:
        """Make a new dossier file atomically (built beside it, then renamed into place)."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise FileProblem(tr("文件 {path} 已存在，未覆盖。", path=path))
        if not path.parent.is_dir():
            raise FileProblem(tr("文件夹 {folder} 不存在。", folder=path.parent))
        from smartcity_desktop.safefiles import too_long

        message = too_long(path, extra=14)  # room for the temp name it is built under (and the journal)
        if message:
            raise FileProblem(message)
        checked = Dossier(scheme).check_many(values or {})
        lock = FileLock(path)
        lock.acquire()
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            conn = _connect(tmp, readonly=False)
            try:
                codec: crypto.Codec = crypto.Codec()
                meta = {"dossier_id": uuid.uuid4().hex, "scheme_id": scheme.id, "scheme_version": scheme.version,
                        "created_at": now_iso(), "created_by": author or current_user(),
                        "program_version": __version__}
                if passphrase:
                    params, codec = crypto.new_encryption(passphrase)
                    meta["encryption"] = json.dumps(params)
                    conn.execute("PRAGMA secure_delete=ON")
                schema.create(conn)  # executescript: runs outside our transaction (temp file anyway)
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta.items())
                stamp = now_iso()
                who = author or current_user()
                conn.executemany(
                    "INSERT INTO fields(key, value, author, source, changed_at) VALUES (?, ?, ?, 'created', ?)",
                    [(k, codec.encode(v, k), who, stamp) for k, v in checked.items() if v is not None])
                conn.execute("COMMIT")
            finally:
                conn.close()
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except sqlite3.Error as exc:
            lock.release()
            raise _sqlite_problem(path, exc) from None
        except OSError as exc:
            lock.release()
            raise FileProblem(tr("无法创建 {path}：{reason}", path=path, reason=exc.strerror or exc)) from None
        except BaseException:  # e.g. a passphrase too short: no lock may outlive a refused create
            lock.release()
            raise
        finally:
            if tmp.exists():
                tmp.unlink()
        lock.release()
        key = getattr(codec, "key", None)
        return cls.open(path, author=author, key=key)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, readonly: bool = False, author: str | None = None,
             passphrase: str | None = None, key: bytes | None = None,
             ask_passphrase: PassphrasePrompt | None = None, steal_lock: bool = False,
             migrate: bool = True) -> ProjectFile:
        """Open a dossier; a foreign, newer, truncated or damaged file is refused untouched."""
        path = Path(path)
        check_file(path, truncation=False)
        lock = None
        if not readonly:
            if not os.access(path, os.W_OK):  # SQLite would open it anyway and fail at the first save
                raise ReadOnly(tr("卷宗 {name} 不可写（只读文件、只读文件夹或只读方式打开）。", name=path.name))
            from smartcity_desktop.safefiles import too_long

            message = too_long(path, extra=len("-journal"))  # SQLite could not make its journal: "disk I/O error"
            if message:
                raise ReadOnly(message + tr("可以只读方式打开。"))
            lock = FileLock(path)
            lock.acquire(steal=steal_lock)
        conn = None
        try:
            _roll_back_hot_journal(path)
            version = check_file(path)
            conn = _connect(path, readonly)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            missing = [t for t in schema.REQUIRED_TABLES if t not in tables]
            if missing:
                raise DamagedFile(tr("卷宗 {name} 缺少数据表（{tables}），无法打开。文件未作任何改动。",
                                     name=path.name, tables=", ".join(missing)))
            verify.check_schema(path, conn)  # before anything reads or writes through the file's schema
            verify.check_counts(path, conn)
            _quick_check(path, conn)
            if version < schema.SCHEMA_VERSION:
                if readonly or not migrate:
                    raise ReadOnly(tr("卷宗 {name} 是旧版格式，只读方式无法升级；请以可编辑方式打开，程序会先备份再升级。",
                                      name=path.name))
                cls._migrate(path, conn, version)
            meta = verify.check_meta(path, conn.execute("SELECT key, value FROM meta").fetchall())
            for needed in ("dossier_id", "scheme_id", "scheme_version"):
                if needed not in meta:
                    raise DamagedFile(tr("卷宗 {name} 缺少基本信息（{what}），无法打开。", name=path.name, what=needed))
            codec = cls._unlock(path, meta, passphrase=passphrase, key=key, ask=ask_passphrase)
            return cls(path, conn, codec, meta, readonly, lock, author or current_user())
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            if lock:
                lock.release()
            raise _sqlite_problem(path, exc) from None
        except (UnicodeError, ValueError):  # damaged bytes inside a readable page (text, JSON, SQLite's message)
            if conn is not None:
                conn.close()
            if lock:
                lock.release()
            raise DamagedFile(tr("卷宗 {name} 已损坏：其中有无法读取的内容。文件未作任何改动。", name=path.name)) from None
        except BaseException:
            if conn is not None:
                conn.close()
            if lock:
                lock.release()
            raise

    @staticmethod
    def _unlock(path: Path, meta: dict[str, str], *, passphrase: str | None, key: bytes | None,
                ask: PassphrasePrompt | None) -> crypto.Codec:
        params = verify.check_encryption(path, meta)  # bounded before any key is derived or tried
        if params is None:
            return crypto.Codec()
        from smartcity_desktop import keyring_cache as keystore

        dossier_id = meta["dossier_id"]
        if key is not None:
            return crypto.codec_from_key(params, key)
        supplied = passphrase or os.environ.get("SMARTCITY_PASSPHRASE")
        if supplied:
            codec = crypto.codec_from_passphrase(params, supplied)
            keystore.remember_key(dossier_id, codec.key)
            return codec
        cached = keystore.cached_key(dossier_id)
        if cached is not None:
            try:
                return crypto.codec_from_key(params, cached)
            except crypto.WrongPassphrase:
                # Not forgotten: a file that merely claims this dossier id must not delete the user's key.
                # A stale key is replaced below as soon as the right passphrase is given.
                pass
        while ask is not None:
            answer = ask(path.name)
            if answer is None:
                break
            try:
                codec = crypto.codec_from_passphrase(params, answer)
            except crypto.WrongPassphrase:
                continue  # the prompt is asked again; the UI says why
            keystore.remember_key(dossier_id, codec.key)
            return codec
        raise crypto.PassphraseNeeded(path.name)

    @staticmethod
    def _migrate(path: Path, conn: sqlite3.Connection, version: int) -> None:
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

    # -- reading -------------------------------------------------------------------------------
    def _load_values(self) -> dict[str, Any]:
        """Every value, checked against its field's kind: a crafted value makes the file "damaged"."""
        return verify.load_values(self.path, self._conn, self.codec, Dossier(self.scheme))

    def _decode(self, stored: Any, aad: str, what: str) -> Any:
        """Decode a stored item read after open (version, change, attachment name); DamagedFile if it
        has the wrong storage class or is not what it claims."""
        try:
            return verify.decode_value(self.codec, stored, aad)
        except (ValueError, TypeError, RecursionError):
            raise DamagedFile(tr("卷宗 {name} 已损坏：{what}无法读取。", name=self.path.name, what=what)) from None

    @property
    def dossier(self) -> Dossier:
        """The values in memory (read them here; write through ``set``/``apply`` or ``document``)."""
        return self.document.dossier

    @property
    def dossier_id(self) -> str:
        return self.meta["dossier_id"]

    @property
    def encrypted(self) -> bool:
        return self.codec.encrypted

    @property
    def has_unsaved(self) -> bool:
        return self.document.has_unsaved

    def committed_values(self) -> dict[str, Any]:
        return dict(self._committed)

    # -- writing -------------------------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.readonly:
            raise ReadOnly(tr("卷宗以只读方式打开，不能修改。"))

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._mutex:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _sqlite_problem(self.path, exc) from None
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise _sqlite_problem(self.path, exc) from None
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def _write(self, conn: sqlite3.Connection, changes: Mapping[str, Any], sources: Sources,
               authors: Mapping[str, str] | None = None) -> dict[str, Any]:
        """Write changed values and their change-log rows; return what really changed."""
        stamp = now_iso()
        done: dict[str, Any] = {}
        for key, new in changes.items():
            old = self._committed.get(key)
            if old == new:
                continue
            author = authors.get(key, self.author) if authors else self.author
            source = sources if isinstance(sources, str) else sources.get(key, TYPED)
            if self.codec.encrypted:
                source = source.split(":", 1)[0]  # "import:<file name>" would leak the name in clear
            if new is None:
                conn.execute("DELETE FROM fields WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO fields(key, value, author, source, changed_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value=excluded.value, author=excluded.author, "
                    "source=excluded.source, changed_at=excluded.changed_at",
                    (key, self.codec.encode(new, key), author, source, stamp))
            conn.execute(
                "INSERT INTO changes(key, old, new, author, source, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                (key, None if old is None else self.codec.encode(old, "old:" + key),
                 None if new is None else self.codec.encode(new, "new:" + key), author, source, stamp))
            done[key] = new
        return done

    def _committed_update(self, done: Mapping[str, Any]) -> None:
        for key, value in done.items():
            if value is None:
                self._committed.pop(key, None)
            else:
                self._committed[key] = value
        self.last_saved = now_iso()

    def set(self, key: str, value: Any, source: str = TYPED) -> Any:
        """Change one value in memory (through the document); it is written by the next ``flush`` (the GUI
        debounces). Returns the stored form; FieldError if the value does not fit the field."""
        self._check_writable()
        stored = self.document.check_one(key, value)
        self.document.apply(self.document.edit({key: stored}, source))
        return stored

    def set_many(self, values: Mapping[str, Any], source: str = TYPED) -> dict[str, Any]:
        self._check_writable()
        return self.document.set_many(values, source)

    def flush(self) -> bool:
        """Commit every unsaved edit of the document in one transaction; True if anything was written."""
        pending = self.document.unsaved()
        if not pending:
            return False
        self._check_writable()
        changes = {key: self.document.get(key) for key in pending}
        with self._transaction() as conn:
            done = self._write(conn, changes, {k: p[0] for k, p in pending.items()},
                               {k: p[1] for k, p in pending.items()})
        self._committed_update(done)
        self.document.mark_saved(pending)
        return bool(done)

    def apply(self, values: Mapping[str, Any], source: Sources, *, safety_version: bool = True) -> dict[str, Any]:
        """Check every value, then write all of them in one transaction (imports, merges): all or nothing.
        When anything changes, the state before is first kept as an automatic safety version (in the
        same transaction; its id in ``last_safety_version``), which one restore brings back.

        ``source`` is one source for every key (``import:FILE``) or a mapping key -> source. A department merge
        calls ``pf.apply(taken, {key: f"merge:{package}" for key in taken})``: each value is checked once, the
        change log records it with its own source, and the document's listeners (the GUI) hear one edit."""
        return self.apply_as_edit(values, source, safety_version=safety_version).new_values()

    def apply_as_edit(self, values: Mapping[str, Any], source: Sources, *, safety_version: bool = True,
                      text: str = "") -> Edit:
        """``apply``, returning the document's ``Edit`` (what changed, old and new): the GUI keeps it as one
        undo step."""
        self._check_writable()
        checked = self.document.check(values)
        self._check_attachment_links(checked)
        self.flush()
        edit = self.document.edit(checked, source, text=text, whole=True)
        self.last_safety_version = None
        saved = None
        with self._transaction() as conn:
            if safety_version and edit:
                detail = source.split(":", 1)[1] if isinstance(source, str) and source.startswith("import:") else ""
                saved = self._safety_version(conn, safety.safety_name(safety.IMPORT, detail))
            done = self._write(conn, edit.new_values(), edit.sources)
        self.last_safety_version = saved
        self._committed_update(done)
        self.document.apply(edit, saved=True)
        self._refresh_attachment_ids()
        return edit

    def _check_attachment_links(self, values: Mapping[str, Any]) -> None:
        """An imported ``…documents`` list may only name attachments stored in this dossier for that very
        field: a link to nothing would be listed as evidence that does not exist."""
        linked = {k: v for k, v in values.items() if k.endswith(".documents") and v}
        if not linked:
            return
        known = {(a.id, a.target) for a in self.attachments()}
        for key, ids in linked.items():
            for aid in ids:
                if (aid, key) not in known and aid not in (self.dossier.get(key) or []):
                    raise FieldError(key, tr("卷宗中没有附件 {aid}（证明材料只能通过添加文件来关联）", aid=aid))

    def import_json(self, data: Any, source: str) -> dict[str, Any]:
        """Apply a ``{field key: value}`` mapping (or a dump/demo document holding ``values``)."""
        if isinstance(data, dict) and isinstance(data.get("values"), dict):
            data = data["values"]
        if not isinstance(data, dict):
            raise DataProblem(tr("导入内容应为“字段名 → 值”的 JSON 对象。"))
        return self.apply(data, source)

    # -- attachments ---------------------------------------------------------------------------
    def _check_target(self, target: str) -> None:
        parsed, _spec = self.dossier.spec(target)
        if parsed.name != "documents":
            raise FieldError(target, tr("只能把附件添加到“证明材料”字段"))

    def add_attachment(self, target: str, source: str | os.PathLike[str] | bytes, name: str | None = None,
                       max_size: int = MAX_ATTACHMENT_BYTES) -> Attachment:
        """Store a file inside the dossier (streamed in 1 MiB chunks, deduplicated by SHA-256) and
        link it to ``target`` (a ``…documents`` field), all in one transaction."""
        self._check_writable()
        self._check_target(target)
        if isinstance(source, bytes):
            size, digest = len(source), hashlib.sha256(source).hexdigest()
            display = _clean_name(name or tr("附件"))

            def chunks() -> Iterator[bytes]:
                for start in range(0, len(source), schema.CHUNK_SIZE):
                    yield source[start:start + schema.CHUNK_SIZE]
        else:
            src = Path(source)
            display = _clean_name(name or src.name)
            size, digest = self._hash_file(src, max_size)

            def chunks() -> Iterator[bytes]:
                seen, check = 0, hashlib.sha256()
                with open_regular(src) as handle:
                    while block := handle.read(schema.CHUNK_SIZE):
                        seen += len(block)
                        check.update(block)
                        yield block
                if seen != size or check.hexdigest() != digest:
                    raise DataProblem(tr("文件 {name} 在读取过程中被修改，未添加。", name=display))
        if size > max_size:
            raise DataProblem(tr("附件 {name} 太大（{size}），上限为 {limit}。", name=display,
                                 size=human_size(size), limit=human_size(max_size)))
        blob_id = self.codec.blob_id(digest)
        aid = "a" + secrets.token_hex(6)
        stamp = now_iso()
        documents = list(self.dossier.get(target) or [])
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM blobs WHERE id = ?", (blob_id,)).fetchone() is None:
                count = 0
                conn.execute("INSERT INTO blobs(id, size, chunks) VALUES (?, ?, 0)", (blob_id, size))
                for seq, block in enumerate(chunks()):
                    conn.execute("INSERT INTO blob_chunks(blob_id, seq, data) VALUES (?, ?, ?)",
                                 (blob_id, seq, self.codec.seal(block, f"{blob_id}:{seq}")))
                    count += 1
                conn.execute("UPDATE blobs SET chunks = ? WHERE id = ?", (count, blob_id))
            conn.execute("INSERT INTO attachments(id, blob_id, name, size, target, added_at, author) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (aid, blob_id, self.codec.encode(display, "attachment:" + aid), size, target, stamp,
                          self.author))
            edit = self.document.edit({target: documents + [aid]}, "attachment")
            done = self._write(conn, edit.new_values(), edit.sources)
        self._committed_update(done)
        self.document.apply(edit, saved=True)
        self._refresh_attachment_ids()
        return Attachment(aid, display, size, target, stamp, self.author, blob_id)

    @staticmethod
    def _hash_file(src: Path, max_size: int) -> tuple[int, str]:
        digest, size = hashlib.sha256(), 0
        try:
            with open_regular(src) as handle:  # a FIFO, device or folder is refused at once
                if file_size(handle) > max_size:  # refused at once, not after reading a gigabyte
                    raise DataProblem(tr("附件 {name} 太大（超过 {limit}），未添加。", name=_clean_name(src.name),
                                         limit=human_size(max_size)))
                while block := handle.read(schema.CHUNK_SIZE):
                    size += len(block)
                    if size > max_size:
                        raise DataProblem(tr("附件 {name} 太大（超过 {limit}），未添加。", name=_clean_name(src.name),
                                             limit=human_size(max_size)))
                    digest.update(block)
        except OSError as exc:
            raise FileProblem(tr("无法读取 {name}：{reason}", name=src.name, reason=exc.strerror or exc)) from None
        return size, digest.hexdigest()

    def _refresh_attachment_ids(self) -> None:
        """Tell the dossier which attachments exist (validation reports links to missing ones)."""
        with self._mutex:
            rows = self._conn.execute("SELECT id FROM attachments WHERE removed_at IS NULL").fetchall()
        self.dossier.attachment_ids = frozenset(r[0] for r in rows if isinstance(r[0], str))

    def _attachment_from_row(self, row: tuple[Any, ...]) -> Attachment:
        aid, blob_id, name, size, target, added_at, author = row
        if not (isinstance(aid, str) and isinstance(blob_id, str) and isinstance(size, int) and size >= 0
                and isinstance(target, str)):
            raise DamagedFile(tr("卷宗 {name} 已损坏：附件记录无效。", name=self.path.name))
        display = self._decode(name, "attachment:" + aid, tr("附件名称"))
        if not isinstance(display, str):
            raise DamagedFile(tr("卷宗 {name} 已损坏：附件记录无效。", name=self.path.name))
        return Attachment(aid, display, size, target, added_at, author, blob_id)

    def attachments(self, target: str | None = None) -> list[Attachment]:
        sql = ("SELECT id, blob_id, name, size, target, added_at, author FROM attachments "
               "WHERE removed_at IS NULL")
        args: tuple[Any, ...] = ()
        if target:
            sql += " AND target = ?"
            args = (target,)
        with self._mutex:
            rows = self._conn.execute(sql + " ORDER BY added_at, rowid", args).fetchall()
        return [self._attachment_from_row(r) for r in rows]

    def attachment(self, aid: str) -> Attachment:
        with self._mutex:
            row = self._conn.execute("SELECT id, blob_id, name, size, target, added_at, author FROM attachments "
                                     "WHERE id = ?", (aid,)).fetchone()
        if row is None:
            raise DataProblem(tr("卷宗中没有附件 {aid}", aid=aid))
        return self._attachment_from_row(row)

    def read_attachment(self, aid: str) -> Iterator[bytes]:
        """The attachment's bytes, chunk by chunk (never the whole file in memory)."""
        att = self.attachment(aid)
        with self._mutex:
            chunk_count = self._conn.execute("SELECT chunks FROM blobs WHERE id = ?", (att.blob_id,)).fetchone()
        total = chunk_count[0] if chunk_count else 0
        for seq in range(total):
            with self._mutex:
                try:
                    row = self._conn.execute("SELECT data FROM blob_chunks WHERE blob_id = ? AND seq = ?",
                                             (att.blob_id, seq)).fetchone()
                except sqlite3.DatabaseError:
                    row = None  # a damaged page: reported like a missing chunk
            if row is None:
                raise DamagedFile(tr("附件 {name} 的数据不完整。", name=att.name))
            yield self.codec.open(row[0], f"{att.blob_id}:{seq}")

    def save_attachment(self, aid: str, dest: str | os.PathLike[str]) -> Path:
        """Write an attachment to ``dest`` atomically, checking its SHA-256 on the way."""
        att = self.attachment(aid)
        dest = Path(dest)
        digest, size = hashlib.sha256(), 0
        try:
            with replacing(dest) as tmp:
                with open(tmp, "wb") as handle:
                    for block in self.read_attachment(aid):
                        digest.update(block)
                        size += len(block)
                        handle.write(block)
                # The blob id is the SHA-256 (plain) or its keyed hash (encrypted): one check for both.
                if size != att.size or self.codec.blob_id(digest.hexdigest()) != att.blob_id:
                    raise DamagedFile(tr("附件 {name} 的校验值不符，文件可能已损坏。", name=att.name))
        except OSError as exc:
            raise FileProblem(tr("无法写出附件到 {path}：{reason}", path=dest, reason=exc.strerror or exc)) from None
        return dest

    def remove_attachment(self, aid: str) -> None:
        """Unlink an attachment from its field. Its data stays while a named version refers to it."""
        self._check_writable()
        att = self.attachment(aid)
        documents = [d for d in (self.dossier.get(att.target) or []) if d != aid]
        with self._transaction() as conn:
            conn.execute("UPDATE attachments SET removed_at = ? WHERE id = ?", (now_iso(), aid))
            edit = self.document.edit({att.target: documents or None}, "attachment")
            done = self._write(conn, edit.new_values(), edit.sources)
            self._purge_unreferenced(conn)
        self._committed_update(done)
        self.document.apply(edit, saved=True)
        self._refresh_attachment_ids()

    def _purge_unreferenced(self, conn: sqlite3.Connection) -> None:
        removed = [r[0] for r in conn.execute("SELECT id FROM attachments WHERE removed_at IS NOT NULL")]
        if not removed:
            return
        referenced: set[str] = set()
        for (data,) in conn.execute("SELECT data FROM versions"):
            try:
                values = self.codec.decode(data, "version").get("values", {})
                referenced.update(v for key, val in values.items() if key.endswith(".documents") for v in val)
            except (ValueError, TypeError, AttributeError, RecursionError, FileProblem):
                return  # a version that cannot be read: keep every removed attachment rather than guess
        for aid in removed:
            if aid not in referenced:
                conn.execute("DELETE FROM attachments WHERE id = ?", (aid,))
        conn.execute("DELETE FROM blobs WHERE id NOT IN (SELECT blob_id FROM attachments)")

    # -- versions (named snapshots) --------------------------------------------------------------
    def create_version(self, name: str, final: bool = False) -> int:
        self._check_writable()
        name = name.strip()
        if not name:
            raise DataProblem(tr("版本名称不能为空。"))
        if first_control_character(name) is not None or "\n" in name or "\t" in name:
            raise DataProblem(tr("版本名称中有不允许的控制字符。"))
        self.flush()
        payload = {"values": self._committed, "scheme": self.scheme.key}
        with self._transaction() as conn:
            cur = conn.execute("INSERT INTO versions(name, created_at, author, final, data) VALUES (?, ?, ?, ?, ?)",
                               (self.codec.encode(name[:200], "version-name"), now_iso(), self.author, int(final),
                                self.codec.encode(payload, "version")))
        return int(cur.lastrowid or 0)

    def _safety_version(self, conn: sqlite3.Connection, name: str, protect: int | None = None) -> int:
        """Inside the caller's transaction: keep the committed state as an automatic version, mark it in
        meta, prune the oldest automatic ones beyond safety.MAX_AUTOMATIC (never named ones, never
        ``protect``: the version being restored)."""
        payload = {"values": self._committed, "scheme": self.scheme.key, "automatic": True}
        cur = conn.execute("INSERT INTO versions(name, created_at, author, final, data) VALUES (?, ?, ?, 0, ?)",
                           (self.codec.encode(name[:200], "version-name"), now_iso(), self.author,
                            self.codec.encode(payload, "version")))
        vid = int(cur.lastrowid or 0)
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
            self._purge_unreferenced(conn)
        value = safety.encode_ids([i for i in ids if i not in candidates])
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                     (safety.META_KEY, value))
        return vid

    def _is_automatic_row(self, conn: sqlite3.Connection, vid: int) -> bool:
        row = conn.execute("SELECT data FROM versions WHERE id = ?", (vid,)).fetchone()
        try:
            payload = self.codec.decode(row[0], "version") if row else None
        except Exception:  # noqa: BLE001 - an unreadable version is never deleted as "automatic"
            return False
        return isinstance(payload, dict) and payload.get("automatic") is True

    def versions(self) -> list[VersionInfo]:
        with self._mutex:
            rows = self._conn.execute("SELECT id, name, created_at, author, final FROM versions ORDER BY id").fetchall()
            marks = self._conn.execute("SELECT value FROM meta WHERE key = ?", (safety.META_KEY,)).fetchone()
        auto = set(safety.automatic_ids(marks[0] if marks and isinstance(marks[0], str) else None))
        infos = []
        for i, n, c, a, f in rows:
            name = self._decode(n, "version-name", tr("版本名称"))
            if not isinstance(i, int) or not isinstance(name, str):
                raise DamagedFile(tr("卷宗 {name} 已损坏：版本记录无效。", name=self.path.name))
            infos.append(VersionInfo(i, name, str(c), str(a), bool(f), i in auto))
        return infos

    def version(self, vid: int) -> VersionInfo:
        for info in self.versions():
            if info.id == vid:
                return info
        raise DataProblem(tr("没有编号为 {vid} 的版本。", vid=vid))

    def version_values(self, vid: int) -> dict[str, Any]:
        """A version's values, checked like the file's own values before anything uses them: a hostile
        stored version is refused as damaged (DamagedFile), nothing written."""
        with self._mutex:
            row = self._conn.execute("SELECT length(data) FROM versions WHERE id = ?", (vid,)).fetchone()
            if row is None:
                raise DataProblem(tr("没有编号为 {vid} 的版本。", vid=vid))
            if not isinstance(row[0], int) or row[0] > verify.MAX_VERSION_BYTES:
                raise DamagedFile(tr("版本 {vid} 已损坏（{reason}），无法使用；卷宗未作任何改动。", vid=vid,
                                     reason=tr("内容过大")))
            (data,) = self._conn.execute("SELECT data FROM versions WHERE id = ?", (vid,)).fetchone()
        try:
            wanted = bytes if self.codec.encrypted else str
            if not isinstance(data, wanted):
                raise ValueError(tr("存储类型不对"))
            payload = self.codec.decode(data, "version")
            return verify.check_version_values(payload, Dossier(self.scheme))
        except (ValueError, TypeError, RecursionError) as exc:
            raise DamagedFile(tr("版本 {vid} 已损坏（{reason}），无法使用；卷宗未作任何改动。", vid=vid,
                                 reason=exc if isinstance(exc, ValueError) and str(exc) else tr("无法读取"))) from None

    def diff(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
        """Fields that differ between two value maps, in the dossier's reading order."""
        keys = {k for k in set(old) | set(new) if old.get(k) != new.get(k)}
        return [(k, old.get(k), new.get(k)) for k in self.dossier.ordered_keys(keys)]

    def diff_version(self, vid: int, other: int | None = None) -> list[tuple[str, Any, Any]]:
        """Changes from version ``vid`` to version ``other`` (or to the current state)."""
        self.flush()
        after = self.version_values(other) if other is not None else self._committed
        return self.diff(self.version_values(vid), after)

    def restore_version(self, vid: int) -> dict[str, Any]:
        """Make the dossier equal to a named version, in one transaction. The state before is first kept
        as an automatic safety version (``last_safety_version``): restoring that one undoes the restore."""
        return self.restore_as_edit(vid).new_values()

    def restore_as_edit(self, vid: int) -> Edit:
        """``restore_version``, returning the document's ``Edit`` (the GUI keeps it as one undo step)."""
        self._check_writable()
        info = self.version(vid)
        target = self.version_values(vid)
        self.flush()
        changes = {k: None for k in self._committed if k not in target}
        changes.update({k: v for k, v in target.items() if self._committed.get(k) != v})
        wanted = {v for k, val in target.items() if k.endswith(".documents") for v in val}
        edit = self.document.edit(changes, f"restore:{info.name}", text=info.name, whole=True)
        self.last_safety_version = None
        saved = None
        with self._transaction() as conn:
            if edit:
                saved = self._safety_version(conn, safety.safety_name(safety.RESTORE, tr("版本 {vid}", vid=vid)),
                                             protect=vid)
            done = self._write(conn, edit.new_values(), edit.sources)
            for aid in wanted:
                conn.execute("UPDATE attachments SET removed_at = NULL WHERE id = ?", (aid,))
        self.last_safety_version = saved
        self._committed_update(done)
        self.document.apply(edit, saved=True)
        self._refresh_attachment_ids()
        return edit

    # -- change log ----------------------------------------------------------------------------
    def changes(self, key: str | None = None, limit: int = 1000) -> list[Change]:
        sql = "SELECT key, old, new, author, source, changed_at FROM changes"
        args: tuple[Any, ...] = ()
        if key:
            sql += " WHERE key = ?"
            args = (key,)
        with self._mutex:
            rows = self._conn.execute(sql + " ORDER BY id DESC LIMIT ?", (*args, limit)).fetchall()
        what = tr("修改记录")
        return [Change(str(k), None if o is None else self._decode(o, f"old:{k}", what),
                       None if n is None else self._decode(n, f"new:{k}", what), str(a), str(s), str(t))
                for k, o, n, a, s, t in rows]

    def field_origin(self, key: str) -> tuple[str, str, str] | None:
        """(author, source, changed_at) of a stored value: who, how and when it was last set."""
        with self._mutex:
            row = self._conn.execute("SELECT author, source, changed_at FROM fields WHERE key = ?", (key,)).fetchone()
        return tuple(row) if row else None  # type: ignore[return-value]

    # -- whole-file operations -----------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        with self._mutex:
            rows = [r[0] for r in self._conn.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows

    def copy_to(self, dest: str | os.PathLike[str]) -> Path:
        """A consistent copy of the committed file (SQLite backup API), written atomically."""
        self.flush()
        return backup_copy(self._conn, Path(dest))

    def close(self) -> None:
        """Flush pending edits, close the database and release the lock (idempotent)."""
        if self._conn is None:
            return
        try:
            if not self.readonly:
                self.flush()
        finally:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]
            if self._lock:
                self._lock.release()

    def __enter__(self) -> ProjectFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
        raise _sqlite_problem(src, exc) from None
    try:
        return backup_copy(conn, Path(dest))
    finally:
        conn.close()


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"

