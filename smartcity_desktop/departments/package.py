"""A work package: what a lead unit receives, may change, and sends back.

A ``.scpart`` is a project file (same SQLite application format) whose meta ``kind`` is
``work_package``, carrying its dossier's id; its sealed ``departments`` rows hold the manifest: the
unit, its assigned indicators and projects, the due date, the base (the unit's values at split time)
and a digest of every other value (so an edit outside the unit's fields is found and named at merge).
A ``.xlsx`` package is the self-assessment workbook with the same manifest in its very hidden
``_meta`` sheet. The manifest is signed (HMAC-SHA256) with a secret that only the dossier holds, so a
package whose assignment or base values were edited is refused at merge.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from smartcity_desktop.departments.assign import Assignment, clean_unit, project_of
from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier, FieldError
from smartcity_desktop.store.department_rows import BASE_ROW, CONTEXT_ROW, MANIFEST_ROW, PACKAGE_KIND
from smartcity_desktop.textsafe import printable

PACKAGE_EXTENSION = ".scpart"
FORMAT = 1
BASE_CHUNK = 200
CONTEXT_CHUNK = 2_000
MAX_BASE_ROWS = 1_000
DUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PACKAGE_ID = re.compile(r"^[0-9a-f]{32}$")


class ForeignPackage(FileProblem):
    """A package of another dossier, or a file that is not a package (exit 2, nothing changed)."""


class TamperedPackage(FileProblem):
    """A package whose manifest (assignment, base values) was changed after the split (exit 2)."""


class PackageEditRefused(DataProblem):
    """An edit outside the unit's fields (exit 1, nothing changed)."""

    def __init__(self, unit: str, problems: list[tuple[str, str]]):
        self.problems = problems
        first_key, first = problems[0]
        more = tr("（另有 {n} 处）", n=len(problems) - 1) if len(problems) > 1 else ""
        super().__init__(tr("工作包只能修改“{unit}”负责的指标和项目，未作任何改动：{key} {reason}{more}",
                            unit=printable(unit, 60), key=printable(first_key, 80), reason=first, more=more))


@dataclass(frozen=True)
class Manifest:
    package_id: str
    dossier_id: str
    assignment: Assignment
    due: str
    created_at: str
    base: dict[str, Any]  # the unit's keys: value at split time
    context: dict[str, str]  # every other key: digest of its value at split time
    mac: str = ""

    @property
    def unit(self) -> str:
        return self.assignment.unit

    def signed_part(self) -> dict[str, Any]:
        """What the signature covers: identity, assignment, due date and the base of the unit's keys."""
        return {"format": FORMAT, "package_id": self.package_id, "dossier_id": self.dossier_id,
                "unit": self.unit, "indicators": list(self.assignment.indicators),
                "projects": list(self.assignment.projects), "due": self.due,
                "base": {k: self.base[k] for k in sorted(self.assignment.keys(self.base))}}

    def signature(self, secret: bytes) -> str:
        text = json.dumps(self.signed_part(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hmac.new(secret, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def header(self) -> dict[str, Any]:
        """The manifest without the base (the base is stored in chunks beside it)."""
        return {"format": FORMAT, "package_id": self.package_id, "dossier_id": self.dossier_id,
                "unit": self.unit, "indicators": list(self.assignment.indicators),
                "projects": list(self.assignment.projects), "due": self.due, "created_at": self.created_at,
                "mac": self.mac}

    @cached_property
    def known_projects(self) -> frozenset[str]:
        """Projects that existed at split time (any other project id is one the unit added)."""
        return frozenset(pid for k in (*self.base, *self.context) if (pid := project_of(k)) is not None)

    def base_projects(self) -> frozenset[str]:
        return self.known_projects


def digest(value: Any) -> str:
    """A short fingerprint of a value (None included), to notice a change without keeping the value."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def split_values(assignment: Assignment, values: Mapping[str, Any],
                 digests: Mapping[str, str] | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """(base, context) of a package: the unit's values, and digests of all the others (``digests``:
    those of ``values`` computed once for every package of a split)."""
    own = set(assignment.keys(values))
    if digests is None:
        digests = {k: digest(v) for k, v in values.items() if k not in own}
    return ({k: values[k] for k in own}, {k: digests[k] for k in values if k not in own})


def manifest_rows(manifest: Manifest) -> dict[str, Any]:
    """The departments rows of a package holding ``manifest``."""
    rows: dict[str, Any] = {MANIFEST_ROW: manifest.header()}
    keys = sorted(manifest.base)
    for n, start in enumerate(range(0, len(keys), BASE_CHUNK)):
        rows[f"{BASE_ROW}{n}"] = {k: manifest.base[k] for k in keys[start:start + BASE_CHUNK]}
    keys = sorted(manifest.context)
    for n, start in enumerate(range(0, len(keys), CONTEXT_CHUNK)):
        rows[f"{CONTEXT_ROW}{n}"] = {k: manifest.context[k] for k in keys[start:start + CONTEXT_CHUNK]}
    return rows


def _strings(value: Any, pattern: str = "") -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and len(v) <= 64 for v in value):
        raise ValueError
    return tuple(value)


def manifest_from(header: Any, base: Any, context: Any, name: str) -> Manifest:
    """Check the shape of a stored manifest; a malformed one is refused as not a sound package (exit 2)."""
    try:
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            fmt = header.get("format") if isinstance(header, dict) else None
            if isinstance(fmt, int) and fmt > FORMAT:
                raise FileProblem(tr("工作包 {name} 由更新版本的程序生成（格式 {fmt}），请升级程序后再合并。", name=name, fmt=fmt))
            raise ValueError
        unit = header.get("unit")
        due, pid, did, mac = (header.get(k) for k in ("due", "package_id", "dossier_id", "mac"))
        if not (isinstance(unit, str) and unit == clean_unit(unit) and 0 < len(unit) <= 200
                and isinstance(due, str) and (not due or DUE.match(due)) and isinstance(pid, str)
                and PACKAGE_ID.match(pid) and isinstance(did, str) and 0 < len(did) <= 64
                and isinstance(mac, str) and isinstance(base, dict) and isinstance(context, dict)
                and all(isinstance(v, str) for v in context.values())):
            raise ValueError
        assignment = Assignment(unit, _strings(header.get("indicators")), _strings(header.get("projects")))
        created = header.get("created_at")
        return Manifest(pid, did, assignment, due, created if isinstance(created, str) else "", dict(base),
                        dict(context), mac)
    except ValueError:
        raise FileProblem(tr("{name} 不是完好的工作包（分工信息缺失或已损坏），未作任何改动。", name=name)) from None


def check_edit(manifest: Manifest, current: Mapping[str, Any] | None, changes: Mapping[str, Any]) -> None:
    """Refuse (PackageEditRefused, nothing changed) any change outside the unit's fields: its indicators
    and projects (not their lead unit, not attachments), and projects it adds whose lead unit is itself
    or not yet given. The GUI's package editor and every import into a package call this (``current``:
    the values now, so re-setting an unchanged value passes; None: every entry of ``changes`` is a change)."""
    problems: list[tuple[str, str]] = []
    known = manifest.base_projects()
    for key, value in changes.items():
        if current is not None and value == current.get(key):
            continue
        if manifest.assignment.owns(key):
            continue
        pid = project_of(key)
        if pid is not None and pid not in known:  # a project the unit added
            if key.endswith("].lead_unit") and clean_unit(value) not in ("", manifest.unit):
                problems.append((key, tr("新项目的牵头单位只能是本单位“{unit}”", unit=manifest.unit)))
            continue
        if key.endswith("].lead_unit") and manifest.assignment.holds(key):
            problems.append((key, tr("牵头单位是分工本身，只能由牵头部门调整")))
        elif key.endswith("].documents"):
            problems.append((key, tr("工作包中的附件仅供参考，新的证明材料请另行交给牵头部门")))
        else:
            problems.append((key, tr("不属于“{unit}”负责的指标和项目", unit=manifest.unit)))
    if problems:
        raise PackageEditRefused(manifest.unit, problems)


def package_manifest(pf: Any) -> Manifest:
    """The manifest of an open ``.scpart`` (ForeignPackage if ``pf`` is a dossier)."""
    if pf.kind != PACKAGE_KIND:
        raise ForeignPackage(tr("{name} 是卷宗，不是部门工作包，不能作为工作包合并。", name=pf.path.name))
    rows = pf.department_state()
    parts: list[dict[str, Any]] = [{}, {}]
    for n, prefix in enumerate((BASE_ROW, CONTEXT_ROW)):
        chunks = [v for k, v in rows.items() if k.startswith(prefix)]
        if len(chunks) > MAX_BASE_ROWS or not all(isinstance(c, dict) for c in chunks):
            raise FileProblem(tr("{name} 不是完好的工作包（分工信息缺失或已损坏），未作任何改动。", name=pf.path.name))
        for chunk in chunks:
            parts[n].update(chunk)
    manifest = manifest_from(rows.get(MANIFEST_ROW), parts[0], parts[1], pf.path.name)
    if manifest.dossier_id != pf.dossier_id:
        raise TamperedPackage(tr("工作包 {name} 的标识前后不一致（可能被改动过），未作任何改动。", name=pf.path.name))
    return manifest


def guard(pf: Any) -> Manifest | None:
    """If ``pf`` is a work package, make it refuse edits outside the unit's fields (every write path of
    the project file calls the guard); return its manifest."""
    if pf.kind != PACKAGE_KIND:
        return None
    manifest = package_manifest(pf)

    def check(changes: Mapping[str, Any]) -> None:
        check_edit(manifest, pf.dossier.values(), changes)

    pf.edit_guard = check
    return manifest


@dataclass(frozen=True)
class ReturnedPackage:
    """A package as it came back: its file name, manifest and current values (``theirs``)."""

    name: str
    manifest: Manifest
    values: dict[str, Any]
    authors: dict[str, str] = field(default_factory=dict)  # who last set each of the unit's keys (.scpart)


def check_base(manifest: Manifest, dossier: Dossier, name: str) -> None:
    """Every base value is one of the unit's keys and a valid value of its field (a crafted package could
    hold anything)."""
    for key, value in manifest.base.items():
        try:
            if not manifest.assignment.owns(key):
                raise ValueError
            dossier.check_stored(key, value)
        except (FieldError, TypeError, ValueError):
            raise TamperedPackage(tr("工作包 {name} 的基准内容无效（{key}），未作任何改动。", name=name,
                                     key=printable(key, 80))) from None


def read_package(path: str | Path, *, ask_passphrase: Callable[[str], str | None] | None = None,
                 dossier: Dossier | None = None) -> ReturnedPackage:
    """Read a returned package (``.scpart`` or ``.xlsx``) without changing it. For a workbook, the
    ``dossier`` gives the scheme; its cells are read against the base (so only the unit's edits count)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == PACKAGE_EXTENSION:
        from smartcity_desktop.store import ProjectFile

        pf = ProjectFile.open(path, readonly=True, ask_passphrase=ask_passphrase)
        try:
            manifest = package_manifest(pf)
            check_base(manifest, pf.dossier, path.name)
            values = pf.committed_values()
            known = manifest.base_projects()
            mine = manifest.assignment.keys(values) + [k for k in values if k.startswith("projects[")
                                                        and project_of(k) not in known]
            authors = {k: str(origin[0])[:100] for k in mine if (origin := pf.field_origin(k)) and origin[0]}
            return ReturnedPackage(path.name, manifest, values, authors)
        finally:
            pf.close()
    if suffix in (".xlsx", ".xlsm"):
        if dossier is None:
            raise FileProblem(tr("需要卷宗才能读取工作簿形式的工作包 {name}。", name=path.name))
        from smartcity_desktop.departments.workbook import read_workbook_package

        return read_workbook_package(path, dossier)
    raise ForeignPackage(tr("{name} 不是工作包（只能合并 .scpart 或 .xlsx 文件）。", name=path.name))
