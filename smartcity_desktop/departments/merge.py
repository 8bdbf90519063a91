"""Merge returned work packages into the dossier: field by field, three-way against each package's base.

For every field of the unit (and every field of a project it added):
- changed only in the package -> **taken** (written, change log source ``merge:PACKAGE`` with the unit);
- changed only in the dossier -> **kept**;
- changed on both sides to different values -> **conflict**, unless it is text whose edits do not
  overlap and diff-match-patch applies every patch exactly, both ways round, to the same result.
  A conflict keeps the dossier's value and stores base and theirs beside it (a validation error until
  decided); ``prefer`` decides at once.
Everything is checked first (dossier id, signature, the unit's edits); then one transaction writes the
values and the merge state after an automatic safety version. What a package brought is remembered per
package, so merging it again changes nothing (and an updated copy of it merges against what was taken).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from smartcity_desktop.departments.assign import project_of
from smartcity_desktop.departments.package import (
    ForeignPackage,
    ReturnedPackage,
    TamperedPackage,
    check_base,
    check_edit,
    digest,
)
from smartcity_desktop.departments.split import dossier_secret
from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier, FieldError
from smartcity_desktop.store.projectfile import CONFLICT_PREFIX
from smartcity_desktop.model.keys import prefix_of, project_key, project_owner

MERGED_ROW = "merged:"  # + package id: {key: theirs value} of what the package brought (the new ancestor)
TEXT_KINDS = ("text", "longtext")
NO_VALUE = digest(None)
PREFER = ("ours", "theirs")


@dataclass
class PackageResult:
    package: str
    unit: str
    taken: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"package": self.package, "unit": self.unit, "taken": self.taken, "kept": self.kept,
                "conflicts": self.conflicts}


@dataclass
class MergeReport:
    packages: list[PackageResult]
    safety_version: int | None = None

    @property
    def conflicts(self) -> int:
        return sum(len(p.conflicts) for p in self.packages)

    def as_dict(self) -> dict[str, Any]:
        return {"packages": [p.as_dict() for p in self.packages]}


def merge_text(base: Any, ours: Any, theirs: Any) -> str | None:
    """The text with both sides' edits, or None when they touch the same place (a conflict).

    diff-match-patch (Google's library) makes the patches base->theirs and base->ours; the merge is
    accepted only if each set applies to the other side exactly (no fuzzy matching) and both orders
    give the same text."""
    if not all(isinstance(v, str) for v in (base, ours, theirs)):
        return None
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    # A patch's context must match exactly (one wrong character in its 32-character pattern scores
    # 0.03), wherever the other side's edits moved it (distance counts nothing).
    dmp.Match_Threshold = 0.001
    dmp.Match_Distance = 10**9
    dmp.Patch_DeleteThreshold = 0.0
    one, ok_one = dmp.patch_apply(dmp.patch_make(base, theirs), ours)
    two, ok_two = dmp.patch_apply(dmp.patch_make(base, ours), theirs)
    if not all(ok_one) or not all(ok_two) or one != two:
        return None
    return str(one)


def _kind(dossier: Dossier, key: str) -> str:
    try:
        return dossier.spec(key)[1].kind
    except FieldError:
        return ""


def verify_package(pf: Any, package: ReturnedPackage, secret: bytes | None) -> None:
    """Refuse a package of another dossier, one whose manifest was changed, or edits outside its unit."""
    manifest = package.manifest
    if manifest.dossier_id != pf.dossier_id:
        raise ForeignPackage(tr("工作包 {name} 来自另一份卷宗（标识 {theirs}…），不能合并到本卷宗（标识 {ours}…）；"
                                "未作任何改动。", name=package.name, theirs=manifest.dossier_id[:8],
                                ours=pf.dossier_id[:8]))
    if secret is None or manifest.signature(secret) != manifest.mac:
        raise TamperedPackage(tr("工作包 {name} 的分工或基准内容在拆分后被改动过（签名不符），拒绝合并；未作任何改动。",
                                 name=package.name))
    check_base(manifest, pf.dossier, package.name)
    theirs = package.values
    owned = set(manifest.assignment.keys(set(theirs) | set(manifest.base)))
    changes = {k: theirs.get(k) for k in (set(theirs) | set(manifest.context)) - owned
               if not k.endswith("].documents") and digest(theirs.get(k)) != manifest.context.get(k, NO_VALUE)}
    check_edit(manifest, None, changes)


def merge_packages(pf: Any, packages: Sequence[ReturnedPackage], prefer: str | None = None) -> MergeReport:
    """Merge ``packages`` into the open dossier ``pf`` in one transaction (see the module docstring)."""
    if prefer is not None and prefer not in PREFER:
        raise FileProblem(tr("--prefer 只能是 ours 或 theirs"))
    if pf.kind != "dossier":
        raise FileProblem(tr("{name} 是部门工作包，不能向其中合并。", name=pf.path.name))
    secret = dossier_secret(pf, create=False)
    for package in packages:
        verify_package(pf, package, secret)
    pf.flush()
    working = pf.committed_values()
    dossier: Dossier = pf.dossier
    conflicts_before = pf.department_state(CONFLICT_PREFIX)
    updates: dict[str, Any] = {}
    sources: dict[str, str] = {}
    units: dict[str, str] = {}
    authors: dict[str, str] = {}
    state: dict[str, Any] = {}
    results = []
    next_order = max((int(v) for k, v in working.items() if k.endswith("].order")), default=0) + 1

    def take(key: str, value: Any, package: ReturnedPackage) -> None:
        updates[key] = value
        working[key] = value
        sources[key] = f"merge:{package.name}"
        units[key] = package.manifest.unit
        if key in package.authors:
            authors[key] = package.authors[key]
        if f"{CONFLICT_PREFIX}{key}" in conflicts_before or f"{CONFLICT_PREFIX}{key}" in state:
            state[f"{CONFLICT_PREFIX}{key}"] = None

    for package in packages:
        manifest = package.manifest
        result = PackageResult(package.name, manifest.unit)
        row = f"{MERGED_ROW}{manifest.package_id}"
        brought: dict[str, Any] = dict(state.get(row) or pf.department_state(row).get(row) or {})
        theirs = package.values
        known = manifest.base_projects()
        new_projects = {pid for k in theirs if (pid := project_of(k)) is not None and pid not in known}
        new_prefixes = tuple(prefix_of(project_owner(pid)) for pid in new_projects)
        keys = set(manifest.assignment.keys(set(manifest.base) | set(theirs) | set(working)))
        keys.update(k for k in theirs if new_prefixes and k.startswith(new_prefixes))
        for key in dossier.ordered_keys(keys):
            base = brought[key] if key in brought else manifest.base.get(key)
            mine, their = working.get(key), theirs.get(key)
            if their == base:
                if mine != base:
                    result.kept.append(key)
                continue
            if mine == their:
                brought[key] = their
                continue
            if project_of(key) in new_projects and key.endswith("].order") and mine is None:
                their = next_order  # numbered after the dossier's projects, in merge order
                next_order += 1
            if mine == base:
                take(key, their, package)
                brought[key] = theirs.get(key)
                result.taken.append(key)
                continue
            merged = merge_text(base, mine, their) if _kind(dossier, key) in TEXT_KINDS else None
            if merged is not None or prefer == "theirs":
                take(key, their if merged is None else merged, package)
                brought[key] = their
                result.taken.append(key)
            elif prefer == "ours":
                brought[key] = their  # decided: later merges of this package start from here
                result.kept.append(key)
                if f"{CONFLICT_PREFIX}{key}" in conflicts_before:
                    state[f"{CONFLICT_PREFIX}{key}"] = None
            else:
                state[f"{CONFLICT_PREFIX}{key}"] = {"base": base, "theirs": their, "package": package.name,
                                                     "unit": manifest.unit, "package_id": manifest.package_id}
                result.conflicts.append({"key": key, "base": base, "ours": mine, "theirs": their})
        for pid in sorted(new_projects):  # a new project without a lead unit is the unit's own
            key = project_key(pid, "lead_unit")
            if working.get(key) is None and any(k.startswith(prefix_of(project_owner(pid))) for k in updates):
                take(key, manifest.unit, package)
        state[row] = brought
        results.append(result)
    for key, conflict in conflicts_before.items():  # decided meanwhile by editing the value to theirs
        if key not in state and isinstance(conflict, dict) and working.get(key[len(CONFLICT_PREFIX):]) == conflict.get(
                "theirs"):
            state[key] = None
    names = "、".join(p.name for p in packages)
    pf.merge_apply(updates, sources, units, state, names, authors)
    return MergeReport(results, pf.last_safety_version)


def open_conflicts(pf: Any) -> list[dict[str, Any]]:
    """The unresolved conflicts of the dossier, in reading order: {key, base, ours, theirs, package, unit}
    (what the GUI's conflict view lists)."""
    rows = pf.department_state(CONFLICT_PREFIX)
    out = []
    for row, data in rows.items():
        key = row[len(CONFLICT_PREFIX):]
        if isinstance(data, dict):
            out.append({"key": key, "base": data.get("base"), "ours": pf.dossier.get(key), "theirs": data.get("theirs"),
                        "package": str(data.get("package") or ""), "unit": str(data.get("unit") or "")})
    order = {k: n for n, k in enumerate(pf.dossier.ordered_keys([c["key"] for c in out]))}
    return sorted(out, key=lambda c: order.get(c["key"], 0))


def resolve_conflicts(pf: Any, keys: Sequence[str], prefer: str) -> dict[str, Any]:
    """Decide conflicts: ``theirs`` writes the unit's value (source ``merge:PACKAGE``, the unit), ``ours``
    keeps the dossier's; either way the conflict is gone and later merges of that package start from the
    unit's value. One transaction (after a safety version when a value changes); returns what was written."""
    if prefer not in PREFER:
        raise FileProblem(tr("--prefer 只能是 ours 或 theirs"))
    rows = pf.department_state(CONFLICT_PREFIX)
    updates: dict[str, Any] = {}
    sources: dict[str, str] = {}
    units: dict[str, str] = {}
    state: dict[str, Any] = {}
    for key in keys:
        data = rows.get(f"{CONFLICT_PREFIX}{key}")
        if not isinstance(data, dict):
            continue
        state[f"{CONFLICT_PREFIX}{key}"] = None
        package_id = data.get("package_id")
        if isinstance(package_id, str):
            row = f"{MERGED_ROW}{package_id}"
            brought = state.get(row) or dict(pf.department_state(row).get(row) or {})
            brought[key] = data.get("theirs")
            state[row] = brought
        if prefer == "theirs":
            updates[key] = data.get("theirs")
            sources[key] = f"merge:{data.get('package') or ''}"
            units[key] = str(data.get("unit") or "")
    if not state:
        return {}
    return pf.merge_apply(updates, sources, units, state, tr("解决合并冲突"))
