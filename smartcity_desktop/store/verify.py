"""A dossier is data, never code or paths (DESIGN.md): what ``ProjectFile.open`` checks before it trusts a file.

A ``.scdossier`` arrives by e-mail or USB, so it may be crafted. SQLite would run a trigger stored in
the file on every save, resolve a view instead of a table and follow any index; the meta table names
the scheme; the values are someone else's JSON. So at open, before anything reads or writes through
the file's schema: its schema objects must be exactly the program's own, the meta rows well formed
(the scheme id a name, never a path), the file within generous size bounds, and every value of the
right kind for its field. Anything else is ``DamagedFile`` (exit 2), the file untouched; ``recover``
salvages the sound rows into a new file (it copies rows, never schema objects).
"""
from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier, FieldError
from smartcity_desktop.model.fields import PROJECT_ID
from smartcity_desktop.scheme.loader import valid_scheme_id
from smartcity_desktop.store import aad, crypto, schema
from smartcity_desktop.textsafe import printable

# Size bounds, far above any real dossier (the 523 MB benchmark dossier has 2,482 values, 200 projects,
# 198 attachments) and far below what exhausts a desktop. docs/reliability.md states them.
MAX_FIELDS = 50_000  # value rows; a full dossier with 200 projects has under 4,000
MAX_VALUE_BYTES = 2 * 1024 * 1024  # one stored value (100,000 characters of text need at most ~600 KB of JSON)
MAX_PROJECTS = 2_000
MAX_ATTACHMENTS = 100_000
MAX_VERSIONS = 10_000
MAX_VERSION_BYTES = 128 * 1024 * 1024  # one named version (a copy of all values)
MAX_META_ROWS = 100
MAX_META_VALUE = 4_096
DOSSIER_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
BLOB_ID = re.compile(r"^[0-9a-f]{64}$")  # SHA-256, or its HMAC in an encrypted dossier


def _damaged(path: Path, reason: str) -> NoReturn:
    from smartcity_desktop.store.database import DamagedFile  # database imports this module

    raise DamagedFile(tr("卷宗 {name} 已损坏或被改动过：{reason}。文件未作任何改动；可以把其中可读的内容恢复到新文件。",
                         name=path.name, reason=reason))


def _normal_sql(sql: str | None) -> str | None:
    return " ".join(sql.split()) if sql is not None else None


@lru_cache(maxsize=8)
def expected_objects(version: int | None = None) -> frozenset[tuple[str, str, str, str | None]]:
    """(type, name, table, sql) of every schema object a dossier of format ``version`` (default: the
    current one) holds, taken from a database built by ``schema.create`` (so the expectation cannot
    drift from the schema itself; older versions are version 1 plus their upgrades)."""
    conn = sqlite3.connect(":memory:")
    try:
        schema.create(conn, version)
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    finally:
        conn.close()
    return frozenset((t, n, tb, _normal_sql(s)) for t, n, tb, s in rows)


def check_schema(path: Path, conn: sqlite3.Connection, version: int | None = None) -> None:
    """Refuse a file whose tables, indices, triggers or views are not exactly the program's own (of its
    format ``version`` before it is upgraded, or of the current one)."""
    expected = expected_objects()
    if version is not None and version < schema.SCHEMA_VERSION:
        older = expected_objects(version)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if names == {e[1] for e in older} and expected != older:
            expected = older
    found = set()
    for kind, name, table, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"):
        row = (kind, name, table, _normal_sql(sql) if isinstance(sql, str) else sql)
        if row in expected:  # the program never runs ANALYZE: sqlite_stat* tables are foreign too
            found.add(row)
            continue
        what = {"trigger": tr("触发器"), "view": tr("视图"), "index": tr("索引"), "table": tr("数据表")}.get(
            str(kind), printable(kind, 20))
        known = any(e[0] == kind and e[1] == name for e in expected)
        _damaged(path, tr("其中的{what} {obj} 与本程序的定义不同", what=what, obj=printable(name, 60)) if known
                 else tr("其中有本程序不会建立的{what} {obj}", what=what, obj=printable(name, 60)))
    missing = sorted(e[1] for e in expected - found)
    if missing:
        _damaged(path, tr("缺少本程序的结构（{names}）", names=", ".join(missing)))


def check_meta(path: Path, rows: list[tuple[Any, Any]]) -> dict[str, str]:
    """The meta rows as a dict, each key and value text of bounded length; the dossier id and the
    scheme id plain names (the scheme id is looked up among known schemes, never used as a path)."""
    if len(rows) > MAX_META_ROWS:
        _damaged(path, tr("基本信息的条目过多（{n}）", n=len(rows)))
    meta: dict[str, str] = {}
    for key, value in rows:
        if not isinstance(key, str) or not isinstance(value, str) or len(key) > 100 or len(value) > MAX_META_VALUE:
            _damaged(path, tr("基本信息 {key} 的内容无效", key=printable(key, 40)))
        meta[key] = value
    if "dossier_id" in meta and not DOSSIER_ID.match(meta["dossier_id"]):
        _damaged(path, tr("卷宗编号无效"))
    if "scheme_id" in meta and not valid_scheme_id(meta["scheme_id"]):
        _damaged(path, tr("指标体系编号“{sid}”无效（只能是编号，不能是路径）", sid=printable(meta["scheme_id"], 60)))
    if "scheme_version" in meta and (len(meta["scheme_version"]) > 64
                                     or printable(meta["scheme_version"]) != meta["scheme_version"]):
        _damaged(path, tr("指标体系版本“{ver}”无效", ver=printable(meta["scheme_version"], 60)))
    return meta


def check_encryption(path: Path, meta: dict[str, str]) -> dict[str, Any] | None:
    """The bounded encryption parameters (None for a plain dossier), checked before any key work."""
    if "encryption" not in meta:
        return None
    try:
        return crypto.checked_params(meta["encryption"])
    except crypto.BadParameters as exc:
        _damaged(path, exc.reason)


def check_counts(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse a file beyond the size bounds before loading anything (SQLite counts b-tree entries)."""
    for table, limit in (("fields", MAX_FIELDS), ("attachments", MAX_ATTACHMENTS), ("versions", MAX_VERSIONS)):
        (count,) = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - fixed names
        if count > limit:
            _damaged(path, tr("数据表 {table} 有 {n} 行，超过上限 {limit}", table=table, n=count, limit=limit))


def decode_value(codec: crypto.Codec, stored: Any, aad: str) -> Any:
    """Decode one stored value, refusing a wrong SQLite storage class (INTEGER, REAL, NULL, or BLOB in a
    plain dossier) or an oversized one: ValueError, which callers turn into "damaged"."""
    wanted = bytes if codec.encrypted else str
    if not isinstance(stored, wanted):
        kind = {int: "INTEGER", float: "REAL", bytes: "BLOB", str: "TEXT"}.get(type(stored), "NULL")
        raise ValueError(tr("存储类型为 {kind}，应为 {wanted}", kind=kind, wanted="BLOB" if codec.encrypted else "TEXT"))
    if len(stored) > MAX_VALUE_BYTES:
        raise ValueError(tr("超过 {limit} 字节的上限", limit=MAX_VALUE_BYTES))
    return codec.decode(stored, aad)


def load_values(path: Path, conn: sqlite3.Connection, codec: crypto.Codec, checker: Dossier) -> dict[str, Any]:
    """Every stored value, each checked against its field's kind (``Dossier.check_stored``)."""
    values: dict[str, Any] = {}
    for key, stored in conn.execute("SELECT key, value FROM fields"):
        if not isinstance(key, str):
            _damaged(path, tr("字段名 {key} 不是文本", key=printable(key, 40)))
        try:
            value = decode_value(codec, stored, aad.field(key))
        except (ValueError, TypeError, RecursionError) as exc:
            reason = str(exc) if isinstance(exc, ValueError) and not isinstance(exc, UnicodeError) else ""
            if isinstance(exc, ValueError) and type(exc).__name__ == "JSONDecodeError":
                reason = tr("不是有效的 JSON")
            _damaged(path, tr("字段 {key} 的存储内容无法读取（{reason}）", key=printable(key, 80),
                              reason=printable(reason or tr("无法解码"), 120)))
        try:
            checker.check_stored(key, value)
        except FieldError as exc:
            _damaged(path, tr("字段 {key} 的值不符合要求（{problem}）", key=printable(key, 80),
                              problem=printable(exc.problem, 120)))
        values[key] = value
    projects = {k[9:k.index("]")] for k in values if k.startswith("projects[")}
    if len(projects) > MAX_PROJECTS:
        _damaged(path, tr("项目有 {n} 个，超过上限 {limit}", n=len(projects), limit=MAX_PROJECTS))
    return values


def check_version_values(payload: Any, checker: Dossier) -> dict[str, Any]:
    """The values of a stored named version, checked like the file's own values before a restore or
    a comparison uses them; ValueError (with a reason for the user) if anything is wrong. Like the
    file's own values, a documents field may name an attachment that is not in the file (a JSON
    import can bring such ids): that is not damage."""
    if not isinstance(payload, dict) or not isinstance(payload.get("values"), dict):
        raise ValueError(tr("版本内容的格式不对"))
    values = payload["values"]
    if len(values) > MAX_FIELDS:
        raise ValueError(tr("版本中的字段过多（{n}）", n=len(values)))
    for key, value in values.items():
        try:
            checker.check_stored(key, value)
        except FieldError as exc:
            raise ValueError(tr("字段 {key} 的值不符合要求（{problem}）", key=printable(key, 80),
                                problem=printable(exc.problem, 120))) from None
    return dict(values)


def check_attachments(path: Path, conn: sqlite3.Connection, codec: crypto.Codec, checker: Dossier,
                      max_size: int) -> None:
    """Every attachment row well formed (so listing attachments can never fail later): an id of the
    id grammar, a hex blob id, a size within the limit, a ``…documents`` field of this scheme as its
    target, and a name that decodes to text. Names are made safe where they are written to disk."""
    for aid, blob_id, name, size, target, removed_at, added_at, author in conn.execute(
            "SELECT id, blob_id, name, size, target, removed_at, added_at, author FROM attachments"):
        problem = ""
        if not isinstance(aid, str) or not PROJECT_ID.match(aid):
            problem = tr("附件编号 {aid} 无效", aid=printable(aid, 40))
        elif not isinstance(blob_id, str) or not BLOB_ID.match(blob_id):
            problem = tr("附件 {aid} 的数据编号无效", aid=aid)
        elif not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= max_size:
            problem = tr("附件 {aid} 的大小无效", aid=aid)
        elif ((removed_at is not None and not isinstance(removed_at, str)) or not isinstance(added_at, str)
              or not isinstance(author, str)):
            problem = tr("附件 {aid} 的记录无效", aid=aid)
        else:
            try:
                _parsed, spec = checker.spec(target) if isinstance(target, str) else (None, None)
                ok = spec is not None and target.endswith("].documents")
            except FieldError:
                ok = False
            if not ok:
                problem = tr("附件 {aid} 所属的字段 {target} 无效", aid=aid, target=printable(target, 60))
            else:
                try:
                    ok = isinstance(decode_value(codec, name, aad.attachment_name(aid)), str)
                except (ValueError, TypeError, RecursionError, FileProblem):
                    ok = False
                if not ok:
                    problem = tr("附件 {aid} 的名称无法读取", aid=aid)
        if problem:
            _damaged(path, problem)
