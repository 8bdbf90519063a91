"""The project file (.scdossier): one SQLite database used as an application file format.

``ProjectFile`` is the facade the rest of the program uses; the work is done by its parts, each with its own name:
``database`` (connect, check, migrate, transactions), ``values`` (values + change log), ``attachments`` (blobs),
``versions`` (named snapshots), ``department_rows`` (split/merge state), ``unlock`` (which key), ``lock.py`` (the
lock file), ``crypto.py`` + ``aad.py`` (sealing and its labels).

Values are written through the file's ``document`` (model/document.py), the one write path: the GUI calls ``set``
per edit and ``flush`` on its debounce timer (and on Ctrl+S); imports call ``apply``, which checks everything first
and writes it in one transaction (all or nothing); a restore is one transaction too.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from smartcity_desktop import __version__
from smartcity_desktop.atomic import fsync_dir
from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier, FieldError
from smartcity_desktop.model.document import TYPED, Document, Edit, Sources
from smartcity_desktop.scheme import Scheme, load_scheme_by_id
from smartcity_desktop.store import crypto, safety, schema, verify
from smartcity_desktop.store import values as values_part
from smartcity_desktop.store.attachments import (
    MAX_ATTACHMENT_BYTES,
    Attachment,
    Attachments,
    human_size,
    incoming,
    new_attachment_id,
)
from smartcity_desktop.store.department_rows import CONFLICT_PREFIX, MAX_DEPARTMENT_ROWS, DepartmentRows
from smartcity_desktop.store.database import (
    Database,
    DamagedFile,
    NewerVersion,
    NotADossier,
    ReadOnly,
    check_file,
    connect,
    copy_dossier,
    migrate as upgrade_schema,
    now_iso,
    quick_check,
    readonly_uri,
    roll_back_hot_journal,
    sqlite_problem,
)
from smartcity_desktop.store.lock import FileLock, current_user
from smartcity_desktop.store.unlock import PassphrasePrompt, unlock
from smartcity_desktop.store.values import Change, Values
from smartcity_desktop.store.versions import VersionInfo, Versions, checked_name

EditGuard = Callable[[Mapping[str, Any]], None]  # raises DataProblem for edits a work package may not make

__all__ = [  # the names other modules import from here (the parts are their homes)
    "CONFLICT_PREFIX", "MAX_ATTACHMENT_BYTES", "MAX_DEPARTMENT_ROWS", "Attachment", "Change", "DamagedFile",
    "EditGuard", "NewerVersion", "NotADossier", "PassphrasePrompt", "ProjectFile", "ReadOnly", "VersionInfo",
    "check_file", "copy_dossier", "human_size", "now_iso", "readonly_uri",
]


class ProjectFile:
    """An open dossier file. Not thread-safe for writers beyond its own lock: one program, one writer.

    Its parts are public (``database``, ``values``, ``attachment_store``, ``version_store``, ``department_rows``,
    ``document``) for the store's own tools (rekey, recover) and for tests; everything else uses the methods below."""

    def __init__(self, path: Path, conn: sqlite3.Connection, codec: crypto.Codec, meta: dict[str, str],
                 readonly: bool, lock: FileLock | None, author: str, format_version: int = schema.SCHEMA_VERSION):
        self.path = path
        self.format_version = format_version  # below the current one only when an older file is read as it is
        self.meta = meta
        self.readonly = readonly
        self._lock = lock
        self.author = author
        self.database = Database(path, conn, codec, readonly, format_version)
        self.scheme: Scheme = load_scheme_by_id(meta.get("scheme_id", ""), meta.get("scheme_version"))
        checker = Dossier(self.scheme)  # checks keys and values against the scheme; holds none itself
        committed = verify.load_values(path, conn, codec, checker)
        verify.check_attachments(path, conn, codec, checker, MAX_ATTACHMENT_BYTES)
        self.values = Values(self.database, committed, author)
        self.attachment_store = Attachments(self.database)
        self.version_store = Versions(self.database, self.scheme, self.attachment_store)
        self.department_rows = DepartmentRows(self.database)
        self.document = Document(Dossier(self.scheme, committed), author)
        self._refresh_attachment_ids()
        self.last_safety_version: int | None = None  # made by the last apply / restore_version, if any
        # Set for a departments work package (departments.package.guard): refuses edits outside the unit's.
        self.edit_guard: EditGuard | None = None

    # -- opening and creating ------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike[str], scheme: Scheme, *, author: str | None = None,
               passphrase: str | None = None, values: Mapping[str, Any] | None = None,
               overwrite: bool = False, kind: str | None = None, dossier_id: str | None = None,
               sealed_like: ProjectFile | None = None) -> ProjectFile:
        """Make a new dossier file atomically (built beside it, then renamed into place).

        ``kind``/``dossier_id``/``sealed_like``: a departments work package (issue 14) is a project file
        of another application kind (meta ``kind``) carrying its dossier's id, encrypted with the same
        parameters (so the same passphrase opens it)."""
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
        import secrets  # here, not at start: secrets imports hmac, which loads OpenSSL (~3-4 ms)

        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            conn = connect(tmp, readonly=False)
            try:
                codec: crypto.Codec = crypto.Codec()
                import uuid  # here, not at start: it imports platform (~10 ms, its regexes) for this one id

                meta = {"dossier_id": dossier_id or uuid.uuid4().hex, "scheme_id": scheme.id,
                        "scheme_version": scheme.version, "created_at": now_iso(),
                        "created_by": author or current_user(), "program_version": __version__}
                if kind:
                    meta["kind"] = kind
                if sealed_like is not None and sealed_like.encrypted:
                    meta["encryption"] = sealed_like.meta["encryption"]
                    codec = sealed_like.codec
                    conn.execute("PRAGMA secure_delete=ON")
                elif passphrase:
                    params, codec = crypto.new_encryption(passphrase)
                    meta["encryption"] = json.dumps(params)
                    conn.execute("PRAGMA secure_delete=ON")
                schema.create(conn)  # executescript: runs outside our transaction (temp file anyway)
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta.items())
                values_part.insert_created(conn, codec, checked, author or current_user())
                conn.execute("COMMIT")
            finally:
                conn.close()
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except sqlite3.Error as exc:
            lock.release()
            raise sqlite_problem(path, exc) from None
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
            roll_back_hot_journal(path)
            version = check_file(path)
            conn = connect(path, readonly)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            missing = [t for t in schema.REQUIRED_TABLES if t not in tables]
            if missing:
                raise DamagedFile(tr("卷宗 {name} 缺少数据表（{tables}），无法打开。文件未作任何改动。",
                                     name=path.name, tables=", ".join(missing)))
            verify.check_schema(path, conn, version)  # before anything reads or writes through the file's schema
            verify.check_counts(path, conn)
            quick_check(path, conn)
            if version < schema.SCHEMA_VERSION and not (readonly and version >= schema.READABLE_AS_IS):
                if readonly or not migrate:
                    raise ReadOnly(tr("卷宗 {name} 是旧版格式，只读方式无法升级；请以可编辑方式打开，程序会先备份再升级。",
                                      name=path.name))
                upgrade_schema(path, conn, version)
            meta = verify.check_meta(path, conn.execute("SELECT key, value FROM meta").fetchall())
            for needed in ("dossier_id", "scheme_id", "scheme_version"):
                if needed not in meta:
                    raise DamagedFile(tr("卷宗 {name} 缺少基本信息（{what}），无法打开。", name=path.name, what=needed))
            codec = unlock(path, meta, passphrase=passphrase, key=key, ask=ask_passphrase)
            return cls(path, conn, codec, meta, readonly, lock, author or current_user(),
                       format_version=min(version, schema.SCHEMA_VERSION) if readonly else schema.SCHEMA_VERSION)
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            if lock:
                lock.release()
            raise sqlite_problem(path, exc) from None
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

    # -- reading -------------------------------------------------------------------------------
    @property
    def codec(self) -> crypto.Codec:
        return self.database.codec

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
        return dict(self.values.committed)

    # -- writing values (through the document) ---------------------------------------------------
    def check_edit(self, checked: Mapping[str, Any] | None = None) -> None:
        """Refuse a write before it starts: a read-only file (ReadOnly), or — in a departments work package —
        values outside the unit's own (the edit guard's DataProblem). Every writer calls this, the GUI session
        too, with the values already checked."""
        self.database.check_writable()
        if self.edit_guard is not None and checked:
            self.edit_guard(checked)

    def set(self, key: str, value: Any, source: str = TYPED) -> Any:
        """Change one value in memory (through the document); it is written by the next ``flush`` (the GUI
        debounces). Returns the stored form; FieldError if the value does not fit the field."""
        self.database.check_writable()
        stored = self.document.check_one(key, value)
        self.check_edit({key: stored})
        self.document.apply(self.document.edit({key: stored}, source))
        return stored

    def set_many(self, values: Mapping[str, Any], source: str = TYPED) -> dict[str, Any]:
        self.database.check_writable()
        checked = self.document.check(values)
        self.check_edit(checked)
        self.document.apply(self.document.edit(checked, source))
        return checked

    def flush(self) -> bool:
        """Commit every unsaved edit of the document in one transaction; True if anything was written. That
        includes which attachments are listed, when an undone or redone restore changed it."""
        pending = self.document.unsaved()
        listing = self.document.unsaved_removed()
        if not pending and not listing:
            return False
        self.database.check_writable()
        changes = {key: self.document.get(key) for key in pending}
        with self.database.transaction() as conn:
            done = self.values.write(conn, changes, {k: p[0] for k, p in pending.items()},
                                     {k: p[1] for k, p in pending.items()})
            self.attachment_store.set_removed(conn, {aid: stamp for aid, (stamp, _seq) in listing.items()})
        self.values.committed_update(done)
        self.document.mark_saved(pending, listing)
        if listing:
            self._refresh_attachment_ids()
        return bool(done or listing)

    def apply(self, values: Mapping[str, Any], source: Sources, *, safety_version: bool = True,
              author: str | None = None) -> dict[str, Any]:
        """Check every value, then write all of them in one transaction (imports, merges): all or nothing.
        When anything changes, the state before is first kept as an automatic safety version (in the
        same transaction; its id in ``last_safety_version``), which one restore brings back.

        ``source`` is one source for every key (``import:FILE``) or a mapping key -> source (``merge:PACKAGE`` per
        key); ``author``: who the values come from (default: this program's user). Each value is checked once, the
        change log records it with its own source, and the document's listeners (the GUI) hear one edit. A
        department merge uses ``merge_apply``: the same path plus the unit per key and the departments rows in
        the same transaction."""
        return self.apply_as_edit(values, source, safety_version=safety_version, author=author).new_values()

    def apply_as_edit(self, values: Mapping[str, Any], source: Sources, *, safety_version: bool = True,
                      text: str = "", author: str | None = None) -> Edit:
        """``apply``, returning the document's ``Edit`` (what changed, old and new): the GUI keeps it as one
        undo step."""
        self.database.check_writable()
        checked = self.document.check(values)
        self.check_edit(checked)
        self._check_attachment_links(checked)
        self.flush()
        edit = self.document.edit(checked, source, text=text, whole=True, author=author)
        self.last_safety_version = None
        saved = None
        with self.database.transaction() as conn:
            if safety_version and edit:
                detail = source.split(":", 1)[1] if isinstance(source, str) and source.startswith("import:") else ""
                saved = self.version_store.insert_safety(conn, safety.safety_name(safety.IMPORT, detail),
                                                         self.values.committed, self.author)
            done = self.values.write(conn, edit.new_values(), edit.sources, dict.fromkeys(edit.changes, edit.author))
        self.last_safety_version = saved
        self._stored(edit, done)
        return edit

    def _stored(self, edit: Edit, done: Mapping[str, Any]) -> None:
        """After a transaction that wrote ``edit``: the committed copy, the document and the attachment ids follow."""
        self.values.committed_update(done)
        self.document.apply(edit, saved=True)
        self._refresh_attachment_ids()

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
    def add_attachment(self, target: str, source: str | os.PathLike[str] | bytes, name: str | None = None,
                       max_size: int = MAX_ATTACHMENT_BYTES) -> Attachment:
        """Store a file inside the dossier (streamed in 1 MiB chunks, deduplicated by SHA-256) and
        link it to ``target`` (a ``…documents`` field), all in one transaction."""
        self.database.check_writable()
        parsed, _spec = self.dossier.spec(target)
        if parsed.name != "documents":
            raise FieldError(target, tr("只能把附件添加到“证明材料”字段"))
        self.check_edit({target: [*(self.dossier.get(target) or []), "a000000000000"]})
        file = incoming(source, name, max_size)
        aid = new_attachment_id()
        edit = self.document.edit({target: list(self.dossier.get(target) or []) + [aid]}, "attachment")
        with self.database.transaction() as conn:
            att = self.attachment_store.insert(conn, aid, target, file, now_iso(), self.author)
            done = self.values.write(conn, edit.new_values(), edit.sources)
        self._stored(edit, done)
        return att

    def attachments(self, target: str | None = None) -> list[Attachment]:
        return self.attachment_store.list(target)

    def attachment(self, aid: str) -> Attachment:
        return self.attachment_store.get(aid)

    def read_attachment(self, aid: str) -> Iterator[bytes]:
        """The attachment's bytes, chunk by chunk (never the whole file in memory)."""
        return self.attachment_store.read(aid)

    def save_attachment(self, aid: str, dest: str | os.PathLike[str]) -> Path:
        """Write an attachment to ``dest`` atomically, checking its SHA-256 on the way."""
        return self.attachment_store.save(aid, dest)

    def remove_attachment(self, aid: str) -> None:
        """Unlink an attachment from its field. Its data stays while a named version refers to it."""
        self.database.check_writable()
        att = self.attachment(aid)
        documents = [d for d in (self.dossier.get(att.target) or []) if d != aid]
        self.check_edit({att.target: documents or None})
        edit = self.document.edit({att.target: documents or None}, "attachment")
        with self.database.transaction() as conn:
            self.attachment_store.mark_removed(conn, aid, now_iso())
            done = self.values.write(conn, edit.new_values(), edit.sources)
            self.attachment_store.purge_unreferenced(conn)
        self._stored(edit, done)

    def _refresh_attachment_ids(self) -> None:
        """Tell the dossier which attachments exist (validation reports links to missing ones) and which keys
        hold an unresolved merge conflict (an error for validation)."""
        self.dossier.attachment_ids = self.attachment_store.live_ids()
        self.dossier.conflict_keys = self.department_rows.conflict_keys()

    # -- versions (named snapshots) --------------------------------------------------------------
    def create_version(self, name: str, final: bool = False) -> int:
        self.database.check_writable()
        name = checked_name(name)
        self.flush()
        with self.database.transaction() as conn:
            return self.version_store.insert(conn, name, self.values.committed, self.author, final=final)

    def versions(self) -> list[VersionInfo]:
        return self.version_store.list()

    def version(self, vid: int) -> VersionInfo:
        return self.version_store.get(vid)

    def version_values(self, vid: int) -> dict[str, Any]:
        """A version's values, checked like the file's own values before anything uses them: a hostile
        stored version is refused as damaged (DamagedFile), nothing written."""
        return self.version_store.values(vid)

    def diff(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
        """Fields that differ between two value maps, in the dossier's reading order."""
        keys = {k for k in set(old) | set(new) if old.get(k) != new.get(k)}
        return [(k, old.get(k), new.get(k)) for k in self.dossier.ordered_keys(keys)]

    def diff_version(self, vid: int, other: int | None = None) -> list[tuple[str, Any, Any]]:
        """Changes from version ``vid`` to version ``other`` (or to the current state)."""
        self.flush()
        after = self.version_values(other) if other is not None else self.values.committed
        return self.diff(self.version_values(vid), after)

    def restore_version(self, vid: int) -> dict[str, Any]:
        """Make the dossier equal to a named version, in one transaction. The state before is first kept
        as an automatic safety version (``last_safety_version``): restoring that one undoes the restore."""
        return self.restore_as_edit(vid).new_values()

    def restore_as_edit(self, vid: int) -> Edit:
        """``restore_version``, returning the document's ``Edit`` (the GUI keeps it as one undo step)."""
        self.database.check_writable()
        info = self.version(vid)
        target = self.version_values(vid)
        self.flush()
        committed = self.values.committed
        changes = {k: None for k in committed if k not in target}
        changes.update({k: v for k, v in target.items() if committed.get(k) != v})
        wanted = {v for k, val in target.items() if k.endswith(".documents") for v in val}
        edit = self.document.edit(changes, f"restore:{info.id}", text=info.name, whole=True)  # DESIGN.md: restore:ID
        self.last_safety_version = None
        saved = None
        with self.database.transaction() as conn:
            if edit:
                saved = self.version_store.insert_safety(
                    conn, safety.safety_name(safety.RESTORE, tr("版本 {vid}", vid=vid)), committed, self.author,
                    protect=vid)
            done = self.values.write(conn, edit.new_values(), edit.sources)
            hidden = self.attachment_store.bring_back(conn, wanted)
        if hidden:  # part of the edit: undoing the restore hides them again (with their removal time)
            edit = replace(edit, removed={aid: (stamp, None) for aid, stamp in hidden.items()})
        self.last_safety_version = saved
        self._stored(edit, done)
        return edit

    # -- change log ----------------------------------------------------------------------------
    def changes(self, key: str | None = None, limit: int = 1000) -> list[Change]:
        return self.values.changes(key, limit)

    def field_origin(self, key: str) -> tuple[str, str, str] | None:
        """(author, source, changed_at) of a stored value: who, how and when it was last set."""
        return self.values.origin(key)

    # -- departments state (issue 14): sealed rows beside the values --------------------------------
    @property
    def kind(self) -> str:
        """``dossier``, or the application kind a work package declares in meta (``work_package``)."""
        return self.meta.get("kind", "dossier")

    def department_state(self, prefix: str = "") -> dict[str, Any]:
        """The departments rows whose key starts with ``prefix`` (decoded; a damaged row: DamagedFile)."""
        return self.department_rows.read(prefix)

    def set_department_state(self, state: Mapping[str, Any]) -> None:
        """Write (or delete, value None) departments rows in one transaction."""
        self.database.check_writable()
        with self.database.transaction() as conn:
            self.department_rows.write(conn, state)
        self._refresh_attachment_ids()

    def merge_apply(self, values: Mapping[str, Any], sources: Mapping[str, str], units: Mapping[str, str],
                    state: Mapping[str, Any], safety_detail: str,
                    authors: Mapping[str, str] | None = None) -> dict[str, Any]:
        """A departments merge on the one write path: checked values (each with its ``merge:PACKAGE`` source,
        unit and the author who typed it in the package, when known) and the departments rows (conflicts,
        merged packages) in ONE transaction, after an automatic safety version (when a value changes) that one
        restore brings back; then the document applies it as one whole edit. All or nothing."""
        return self.merge_as_edit(values, sources, units, state, safety_detail, authors).new_values()

    def merge_as_edit(self, values: Mapping[str, Any], sources: Mapping[str, str], units: Mapping[str, str],
                      state: Mapping[str, Any], safety_detail: str,
                      authors: Mapping[str, str] | None = None) -> Edit:
        """``merge_apply``, returning the document's ``Edit`` (a GUI merge can keep it as one undo step)."""
        self.database.check_writable()
        checked = self.document.check(values)
        self.flush()
        edit = self.document.edit(checked, sources, whole=True)
        self.last_safety_version = None
        saved = None
        with self.database.transaction() as conn:
            if edit:
                saved = self.version_store.insert_safety(conn, safety.safety_name(safety.MERGE, safety_detail),
                                                         self.values.committed, self.author)
            done = self.values.write(conn, edit.new_values(), edit.sources, authors, units)
            self.department_rows.write(conn, state)
        self.last_safety_version = saved
        self._stored(edit, done)
        return edit

    # -- whole-file operations -----------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        return self.database.integrity_problems()

    def copy_to(self, dest: str | os.PathLike[str]) -> Path:
        """A consistent copy of the committed file (SQLite backup API), written atomically."""
        self.flush()
        return self.database.copy_to(Path(dest))

    def close(self) -> None:
        """Flush pending edits, close the database and release the lock (idempotent)."""
        if self.database.conn is None:
            return
        try:
            if not self.readonly:
                self.flush()
        finally:
            self.database.close()
            if self._lock:
                self._lock.release()

    def __enter__(self) -> ProjectFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
