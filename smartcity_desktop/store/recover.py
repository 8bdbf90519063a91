"""Salvage what is still readable in a damaged dossier into a NEW file (the damaged one is never touched).

A file cut short by an interrupted copy, or with a damaged page, usually still holds most of its
rows: SQLite refuses a query as soon as it meets a bad page, so each table is read forwards until
the first error, backwards from the end until the first error, and the gap between is probed row
by row. Every value is then checked like an import (bad ones are dropped and counted), each
attachment is kept only if all its chunks are there and its checksum matches, the departments rows (the
split/merge state: signing secret, what each package brought, open conflicts) are re-sealed as they are, and the
result is written with the public store API: the new file is as sound as any new dossier.

A departments work package (meta ``kind = work_package``) stays one: same kind, same dossier id, its manifest rows
re-sealed, so it opens as the unit's package and still merges into its dossier. Its manifest is never guessed: if a
manifest row was lost, or another unit's value no longer matches the manifest, the salvaged file is a plain dossier
(a new id) and the report says it can no longer be handed back. The rows' names mirror ``departments.package``
(the store does not import departments/).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier, FieldError
from smartcity_desktop.scheme import Scheme, default_scheme, load_scheme_by_id
from smartcity_desktop.store import aad, crypto
from smartcity_desktop.store import values as values_part
from smartcity_desktop.store.header import MAGIC, read_header
from smartcity_desktop.store.database import now_iso
from smartcity_desktop.store.department_rows import (
    BASE_ROW,
    CONTEXT_ROW,
    MANIFEST_ROW,
    MAX_DEPARTMENT_ROWS,
    PACKAGE_KIND,
    SECRET_ROW,
)
from smartcity_desktop.store.projectfile import ProjectFile
from smartcity_desktop.store.verify import DOSSIER_ID, check_version_values
from smartcity_desktop.textsafe import printable

_SECRET = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # not tab, newline, CR (normalised later)

MAX_PROBES = 200_000  # row ids probed one by one across a damaged stretch
MAX_GAP = 2_000  # consecutive absent row ids after which a table with an unreadable end is taken as ended


@dataclass
class RecoveryReport:
    """What was saved and what was lost; ``text()`` is the summary shown to the user."""

    dest: Path
    values: int = 0
    values_lost: int = 0
    attachments: int = 0
    attachments_lost: int = 0
    versions: int = 0
    versions_lost: int = 0
    changes: int = 0
    departments: int = 0
    departments_lost: int = 0
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = [tr("已从损坏的卷宗中恢复到新文件 {path}：", path=self.dest),
                 tr("字段 {n} 项（至少 {lost} 项无法恢复）", n=self.values, lost=self.values_lost),
                 tr("附件 {n} 个（{lost} 个无法恢复）", n=self.attachments, lost=self.attachments_lost),
                 tr("命名版本 {n} 个（至少 {lost} 个无法恢复），修改记录 {c} 条", n=self.versions, lost=self.versions_lost,
                    c=self.changes)]
        if self.departments or self.departments_lost:
            lines.append(tr("部门分发与合并记录 {n} 条（至少 {lost} 条无法恢复）", n=self.departments,
                            lost=self.departments_lost))
        return "\n".join(lines + self.notes)


def _scan(conn: sqlite3.Connection, table: str, columns: str, where: str = "", args: tuple[Any, ...] = ()
          ) -> tuple[list[tuple[Any, ...]], int]:
    """Every readable row of ``table`` (rowid first) and the least number of rows that were unreadable."""
    cond = f"WHERE {where}" if where else ""
    sql = f"SELECT rowid, {columns} FROM {table} {cond}"  # noqa: S608 - names are ours, never user input
    forward: list[tuple[Any, ...]] = []
    try:
        for row in conn.execute(sql + " ORDER BY rowid", args):
            forward.append(row)
        return forward, 0
    except (sqlite3.DatabaseError, UnicodeError):
        pass
    backward: list[tuple[Any, ...]] = []
    try:
        for row in conn.execute(sql + " ORDER BY rowid DESC", args):
            backward.append(row)
    except (sqlite3.DatabaseError, UnicodeError):
        pass
    low = forward[-1][0] if forward else 0
    high = backward[-1][0] if backward else low + MAX_PROBES
    if backward and forward and backward[-1][0] <= low:  # the scans met: nothing is missing between them
        high = low
    probe_sql = sql + (" AND" if where else " WHERE") + " rowid = ?"
    middle: list[tuple[Any, ...]] = []
    errors: list[int] = []
    empty = 0
    for rowid in range(low + 1, min(high, low + 1 + MAX_PROBES)):
        try:
            row = conn.execute(probe_sql, (*args, rowid)).fetchone()
        except (sqlite3.DatabaseError, UnicodeError):
            errors.append(rowid)
            row = None
        if row is not None:
            middle.append(row)
            empty = 0
        else:
            empty += 1
            if not backward and empty >= MAX_GAP:  # past the last row, or nothing more reachable
                break
    seen = {r[0] for r in forward}
    rows = forward + [r for r in middle if r[0] not in seen]
    seen |= {r[0] for r in middle}
    rows += [r for r in reversed(backward) if r[0] not in seen]
    # Unreadable row ids below the last row found were rows; past it, at least one more may have been.
    last = max((r[0] for r in rows), default=0)
    lost = sum(1 for e in errors if e < last) + (1 if any(e > last for e in errors) else 0)
    return rows, lost


def _codec(meta: dict[str, str], passphrase: str | None, name: str) -> crypto.Codec:
    """The old file's codec. The passphrase itself is needed (not a cached key): the new file is
    encrypted with it too, never silently written in the clear."""
    if "encryption" not in meta:
        return crypto.Codec()
    try:
        params = crypto.checked_params(meta["encryption"])  # bounded before any key work
    except crypto.BadParameters as exc:
        raise FileProblem(tr("加密参数已损坏，无法恢复加密卷宗（{reason}）。", reason=exc.reason)) from None
    if not passphrase:
        raise crypto.PassphraseNeeded(name)
    return crypto.codec_from_passphrase(params, passphrase)


def _scheme(meta: dict[str, str], report: RecoveryReport) -> Scheme:
    try:
        return load_scheme_by_id(meta["scheme_id"], meta.get("scheme_version"))
    except (KeyError, FileProblem, DataProblem):
        report.notes.append(tr("注意：无法读出卷宗使用的指标体系，已按默认指标体系恢复。"))
        return default_scheme()


def salvage(src: str | os.PathLike[str], dest: str | os.PathLike[str], *, passphrase: str | None = None
            ) -> RecoveryReport:
    """Copy every readable value, attachment, version, change and departments row of ``src`` into the new
    file ``dest``."""
    src, dest = Path(src), Path(dest)
    if not src.is_file():
        raise FileProblem(tr("找不到文件 {path}", path=src))
    if dest.exists():
        raise FileProblem(tr("文件 {path} 已存在，未覆盖。", path=dest))
    with open(src, "rb") as handle:
        if handle.read(16) != MAGIC:
            raise FileProblem(tr("文件 {name} 不是卷宗文件，或开头已损坏，无法恢复。", name=src.name))
    from smartcity_desktop.privatetemp import scratch

    with scratch("recover") as work:  # private (0700), removed at exit; a killed run's at the next start
        copy = Path(work) / "damaged.db"
        shutil.copyfile(src, copy)
        journal = src.with_name(src.name + "-journal")
        if journal.is_file():  # an interrupted transaction: let SQLite roll it back, on the copy only
            shutil.copyfile(journal, copy.with_name(copy.name + "-journal"))
        _fit_header(copy)
        conn = sqlite3.connect(str(copy), isolation_level=None)
        conn.execute("PRAGMA trusted_schema=OFF")  # rows are copied, never the file's triggers or views
        damaged_text = [0]

        def text(raw: bytes) -> str:
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:  # keep the readable rest of a damaged text, marked with U+FFFD
                damaged_text[0] += 1
                return raw.decode("utf-8", "replace")

        conn.text_factory = text
        try:
            report = _salvage(conn, src, dest, passphrase or os.environ.get("SMARTCITY_PASSPHRASE"))
        except (sqlite3.DatabaseError, UnicodeError):
            raise FileProblem(tr("卷宗 {name} 损坏严重，没有可恢复的内容。", name=src.name)) from None
        finally:
            conn.close()
        if damaged_text[0]:
            report.notes.append(tr("注意：{n} 处文字有损坏的字符（显示为 �），请核对。", n=damaged_text[0]))
        return report


def _fit_header(copy: Path) -> None:
    """A cut-short file: drop the partial last page and make the header's page count match what
    is there (SQLite refuses a file shorter than its header says). Done on the copy only."""
    header = read_header(copy)
    if header is None or not header.truncated or header.page_size < 512:
        return
    pages = header.file_size // header.page_size
    with open(copy, "r+b") as handle:
        handle.truncate(pages * header.page_size)
        handle.seek(28)
        handle.write(struct.pack(">I", pages))


def _salvage(conn: sqlite3.Connection, src: Path, dest: Path, passphrase: str | None) -> RecoveryReport:
    report = RecoveryReport(dest)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except (sqlite3.DatabaseError, UnicodeError):
        raise FileProblem(tr("卷宗 {name} 记录表格结构的部分已损坏，没有可恢复的内容。", name=src.name)) from None
    if "fields" not in tables:
        raise FileProblem(tr("卷宗 {name} 中找不到数据表，没有可恢复的内容。", name=src.name))
    meta: dict[str, str] = {}
    if "meta" in tables:
        meta = {k: v for _rid, k, v in _scan(conn, "meta", "key, value")[0]}
    codec = _codec(meta, passphrase, src.name)
    scheme = _scheme(meta, report)
    checker = Dossier(scheme)

    values: dict[str, Any] = {}
    rows, lost = _scan(conn, "fields", "key, value")
    report.values_lost += lost
    for _rid, fkey, stored in rows:
        try:
            value = codec.decode(stored, aad.field(fkey))
            if isinstance(value, str):  # control characters older versions let through: dropped, text kept
                value = _CONTROL.sub("", value)
            values[fkey] = checker.coerce(fkey, value)
        except (FieldError, FileProblem, ValueError, TypeError, KeyError):
            report.values_lost += 1
    plain = {k: v for k, v in values.items() if v is not None and not k.endswith(".documents")}
    docs = {k: v for k, v in values.items() if v and k.endswith(".documents")}
    state = _departments(conn, tables, codec, report)
    kind = _package(meta, state, plain, checker, report) if meta.get("kind") == PACKAGE_KIND else None
    author = meta.get("created_by")
    pf = ProjectFile.create(dest, scheme, values=plain, passphrase=passphrase if codec.encrypted else None,
                            author=author if isinstance(author, str) else None, kind=kind)
    try:
        report.values = len(plain)
        id_map = _attachments(conn, tables, codec, pf, docs, report)
        # Every documents field now holding an attachment counts, also one whose own row was lost but
        # whose attachment survived (re-linked to its target field).
        report.values += len([k for k in pf.dossier.values() if k.endswith(".documents")])
        _history(conn, tables, codec, pf, id_map, report)
        if state:
            with pf.database.transaction() as tx:
                pf.department_rows.write(tx, state)
        report.departments = len(state)
        with pf.database.transaction() as tx:
            if not DOSSIER_ID.match(str(meta.get("dossier_id", ""))):
                meta.pop("dossier_id", None)
            for name in ("dossier_id", "created_at", "created_by"):
                if meta.get(name) and isinstance(meta[name], str):
                    tx.execute("UPDATE meta SET value = ? WHERE key = ?", (meta[name], name))
            tx.execute("INSERT INTO meta(key, value) VALUES ('recovered_from', ?), ('recovered_at', ?)",
                       (str(src), now_iso()))
    finally:
        pf.close()
    return report


def _digest(value: Any) -> str:
    """departments.package.digest: the fingerprint the manifest keeps of every other unit's value."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _chunks_of(state: dict[str, Any], prefix: str) -> list[dict[str, Any]] | None:
    """The manifest chunks ``prefix``0, 1, … in order; None unless they are dicts numbered without a gap."""
    found = {k[len(prefix):]: v for k, v in state.items() if k.startswith(prefix)}
    if set(found) != {str(n) for n in range(len(found))} or not all(isinstance(v, dict) for v in found.values()):
        return None
    return [found[str(n)] for n in range(len(found))]


def _package(meta: dict[str, str], state: dict[str, Any], plain: dict[str, Any], checker: Dossier,
             report: RecoveryReport) -> str | None:
    """The kind of the salvaged file of a work package: ``work_package`` when its manifest came through whole
    and every other unit's value still matches it (so the merge accepts it back); else None, a plain dossier
    with a new id and without the manifest rows, and a report line saying so. A lost value of the unit's own
    that the manifest's base holds is put back as it was at the split (a lost row cannot be told from one the
    unit cleared; the base never makes the merge erase the dossier's value)."""
    header = state.get(MANIFEST_ROW)
    base, context = _chunks_of(state, BASE_ROW), _chunks_of(state, CONTEXT_ROW)
    sound = (report.departments_lost == 0 and isinstance(header, dict) and base is not None and bool(context)
             and header.get("dossier_id") == meta.get("dossier_id") and DOSSIER_ID.match(str(meta.get("dossier_id"))))
    lost_context = 0
    restore: dict[str, Any] = {}
    if sound:
        assert base is not None and context is not None
        for chunk in base:
            for key, value in chunk.items():
                if key not in plain and value is not None and report.values_lost:
                    try:
                        restore[key] = checker.coerce(key, value)
                    except (FieldError, ValueError, TypeError, KeyError):
                        sound = False  # a base value no field takes: the manifest is not what the split wrote
        lost_context = sum(1 for chunk in context for key, fp in chunk.items()
                           if not key.endswith(".documents") and _digest(plain.get(key)) != fp)
    if sound and not lost_context:
        if restore:
            plain.update(restore)
            report.notes.append(tr("注意：本单位有 {n} 项内容无法恢复，已按拆分时的内容填回；拆分后若修改过，请重新填写。",
                                   n=len(restore)))
        unit = header.get("unit") if isinstance(header, dict) else None
        report.notes.append(tr("这是“{unit}”的部门工作包，恢复后仍可交回牵头部门合并。",
                               unit=printable(unit if isinstance(unit, str) else "", 60)))
        return PACKAGE_KIND
    for key in [k for k in state if k == MANIFEST_ROW or k.startswith((BASE_ROW, CONTEXT_ROW))]:
        del state[key]
    meta.pop("dossier_id", None)  # no longer its dossier's package: a dossier of its own
    if lost_context:
        report.notes.append(tr("注意：这原是部门工作包，但其他单位的 {n} 项内容无法恢复，已恢复为普通卷宗，不能再交回合并；"
                               "请把本单位填写的内容另行交给牵头部门。", n=lost_context))
    else:
        report.notes.append(tr("注意：这原是部门工作包，但分工信息已损坏（不作猜测），已恢复为普通卷宗，不能再交回合并；"
                               "请把本单位填写的内容另行交给牵头部门。"))
    return None


def _attachments(conn: sqlite3.Connection, tables: set[str], codec: crypto.Codec, pf: ProjectFile,
                 docs: dict[str, list[str]], report: RecoveryReport) -> dict[str, str]:
    """Re-add every complete attachment in its field's order; old id -> new id."""
    if not {"attachments", "blob_chunks", "blobs"} <= tables:
        report.attachments_lost = sum(len(v) for v in docs.values())
        return {}
    rows, _lost = _scan(conn, "attachments", "id, blob_id, name, size, target, removed_at")
    by_id = {r[1]: r for r in rows}
    wanted = [aid for ids in docs.values() for aid in ids]
    wanted += [r[1] for r in rows if r[6] is None and r[1] not in wanted]
    id_map: dict[str, str] = {}
    for aid in wanted:
        row = by_id.get(aid)
        if row is None:
            report.attachments_lost += 1
            continue
        _rid, _aid, blob_id, name, size, target, _removed = row
        try:
            display = codec.decode(name, aad.attachment_name(aid))
            from smartcity_desktop.privatetemp import folder

            # Decrypted attachment bytes: in the private folder, never loose in the system temp folder.
            with tempfile.NamedTemporaryFile(delete=False, suffix=".part", dir=folder("recover")) as tmp:
                digest, got = hashlib.sha256(), 0
                for block in _chunks(conn, blob_id, codec):
                    digest.update(block)
                    got += len(block)
                    tmp.write(block)
            try:
                if got != size or codec.blob_id(digest.hexdigest()) != blob_id:
                    raise DataProblem("checksum")
                new = pf.add_attachment(target, tmp.name, name=str(display))
            finally:
                os.unlink(tmp.name)
        except (sqlite3.DatabaseError, UnicodeError, FileProblem, DataProblem, ValueError, TypeError):
            report.attachments_lost += 1
            continue
        id_map[aid] = new.id
        report.attachments += 1
    return id_map


def _chunks(conn: sqlite3.Connection, blob_id: str, codec: crypto.Codec) -> Iterator[bytes]:
    (count,) = conn.execute("SELECT chunks FROM blobs WHERE id = ?", (blob_id,)).fetchone() or (None,)
    if count is None:
        raise DataProblem("no blob")
    for seq in range(count):
        row = conn.execute("SELECT data FROM blob_chunks WHERE blob_id = ? AND seq = ?", (blob_id, seq)).fetchone()
        if row is None:
            raise DataProblem("missing chunk")
        yield codec.open(row[0], aad.chunk(blob_id, seq))


def _history(conn: sqlite3.Connection, tables: set[str], old: crypto.Codec, pf: ProjectFile,
             id_map: dict[str, str], report: RecoveryReport) -> None:
    """Carry readable named versions (attachment ids remapped) and change-log rows over."""
    new = pf.codec
    checker = Dossier(pf.scheme)
    if "versions" in tables:
        rows, lost = _scan(conn, "versions", "name, created_at, author, final, data")
        report.versions_lost += lost
        for _rid, name, created_at, author, final, data in rows:
            try:
                label = old.decode(name, aad.VERSION_NAME)
                payload = old.decode(data, aad.VERSION)
                kept = payload.get("values", {})
                for k, v in list(kept.items()):
                    if k.endswith(".documents"):
                        kept[k] = [id_map[a] for a in v if a in id_map] or None
                payload["values"] = {k: v for k, v in kept.items() if v is not None}
                check_version_values(payload, checker)  # a hostile version is not carried
            except (FileProblem, ValueError, TypeError, AttributeError, KeyError, RecursionError):
                report.versions_lost += 1
                continue
            with pf.database.transaction() as tx:
                pf.version_store.insert_payload(tx, label, payload, author, final=bool(final), created_at=created_at)
            report.versions += 1
    if "changes" in tables:
        rows, _lost = _scan(conn, "changes", "key, old, new, author, source, changed_at")
        kept_rows = []
        for _rid, ckey, before, after, author, source, stamp in rows:
            try:
                b = None if before is None else new.encode(old.decode(before, aad.old_value(ckey)), aad.old_value(ckey))
                a = None if after is None else new.encode(old.decode(after, aad.new_value(ckey)), aad.new_value(ckey))
            except (FileProblem, ValueError, TypeError):
                continue
            kept_rows.append((ckey, b, a, author, source, stamp))
        with pf.database.transaction() as tx:
            values_part.insert_change_rows(tx, kept_rows)
        report.changes = len(kept_rows)


def _departments(conn: sqlite3.Connection, tables: set[str], old: crypto.Codec, report: RecoveryReport
                 ) -> dict[str, Any]:
    """The readable departments rows, to be re-sealed in the new file: with the signing secret and the ``merged:``
    records, packages split before the damage still merge (signature, idempotence); with a package's manifest,
    the package goes back. A row that cannot be read as it was written is counted as lost, never guessed."""
    if "departments" not in tables:  # a format-1 file: never split
        return {}
    rows, lost = _scan(conn, "departments", "key, data")
    report.departments_lost += lost + max(0, len(rows) - MAX_DEPARTMENT_ROWS)  # more than any file of ours holds
    wanted = bytes if old.encrypted else str
    state: dict[str, Any] = {}
    for _rid, key, data in rows[:MAX_DEPARTMENT_ROWS]:
        try:
            if not isinstance(key, str) or not isinstance(data, wanted) or key in state:
                raise ValueError(key)
            value = old.decode(data, aad.department_row(key))
            if value is None or (key == SECRET_ROW and not (isinstance(value, str) and _SECRET.fullmatch(value))):
                raise ValueError(key)  # a damaged secret would sign packages with another key
        except (FileProblem, ValueError, TypeError, RecursionError):
            report.departments_lost += 1
            continue
        state[key] = value
    return state
