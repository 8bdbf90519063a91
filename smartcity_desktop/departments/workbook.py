"""The workbook route: a work package as the self-assessment workbook, for a unit without the program.

The workbook is the usual 指标自评表 (hidden keys, drop-downs, 指标说明; user text never becomes a
formula) of the package's values; its very hidden ``_meta`` sheet also holds the signed manifest
(row ``package``) and the base (row ``base``), as JSON split over cells (Excel keeps 32,767 characters
in a cell). Returned, its cells are read against the base, so only what the unit changed counts.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from smartcity_desktop.departments.assign import project_of
from smartcity_desktop.departments.package import Manifest, ReturnedPackage, check_base, manifest_from
from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier, FieldError
from smartcity_desktop.model.keys import project_key, project_owner

CELL = 30_000  # characters of JSON per cell
MAX_CELLS = 400  # 12 million characters: far above any dossier's values


def _chunks(data: Any) -> list[str]:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return [text[i:i + CELL] for i in range(0, len(text), CELL)] or [""]


def write_workbook_package(pf: Any, manifest: Manifest, values: dict[str, Any], path: Path) -> Path:
    """The workbook of ``values`` (the package's values at split) with the manifest in ``_meta``."""
    from smartcity_desktop.export import write_atomic
    from smartcity_desktop.export.context import build_export_data
    from smartcity_desktop.export.xlsx_export import render_xlsx

    data = build_export_data(Dossier(pf.scheme, values))
    items = [*manifest.assignment.indicators, *(values.get(project_key(p, "name")) or p for p in manifest.assignment.projects)]
    note = tr("部门工作包：{unit}。只填写本单位负责的指标和项目（{items}），可在“建设项目”表的空白行新增本单位的项目；"
              "其他内容仅供参考，改动会使整个工作包被拒绝。填好后交回牵头部门合并（不要自行导入）。", unit=manifest.unit,
              items="、".join(str(i) for i in items[:12]) + ("……" if len(items) > 12 else "") or tr("暂无"))
    if manifest.due:
        note += tr("交回截止日期：{due}。", due=manifest.due)
    content = render_xlsx(data, pf.dossier_id, author=pf.author, note=note,
                          extra_meta=[["package", *_chunks(manifest.header())], ["base", *_chunks(manifest.base)],
                                      ["context", *_chunks(manifest.context)], ["values", *_chunks(values)]])
    return write_atomic(path, content)


def _joined(cells: list[Any] | None, name: str) -> Any:
    if not cells or not all(c is None or isinstance(c, str) for c in cells):
        raise FileProblem(tr("{name} 不是完好的工作包（分工信息缺失或已损坏），未作任何改动。", name=name))
    try:
        return json.loads("".join(c for c in cells if c))
    except (ValueError, RecursionError):
        raise FileProblem(tr("{name} 不是完好的工作包（分工信息缺失或已损坏），未作任何改动。", name=name)) from None


def read_workbook_package(path: Path, dossier: Dossier) -> ReturnedPackage:
    from smartcity_desktop.export.xlsx_import import check_package, read_workbook, workbook_meta

    content = check_package(path)
    meta = workbook_meta(content, path.name, max_col=MAX_CELLS + 1)
    if "package" not in meta:
        raise FileProblem(tr("{name} 是普通的自评表，不是部门工作包；请用“导入”（命令 import）。", name=path.name))
    manifest = manifest_from(_joined(meta.get("package"), path.name), _joined(meta.get("base"), path.name),
                             _joined(meta.get("context"), path.name), path.name)
    check_base(manifest, dossier, path.name)
    at_split = _joined(meta.get("values"), path.name)
    if not isinstance(at_split, dict):
        raise FileProblem(tr("{name} 不是完好的工作包（分工信息缺失或已损坏），未作任何改动。", name=path.name))
    at_split = {k: v for k, v in at_split.items() if _valid(dossier, k, v)}
    at_split.update(manifest.base)  # the signed values win over the unsigned copy
    changes = read_workbook(path, Dossier(dossier.scheme, at_split), content, dossier_id=manifest.dossier_id,
                            package=True)
    theirs = dict(at_split)
    for key, value in _stable_new_projects(changes, manifest).items():
        if value is None:
            theirs.pop(key, None)
        else:
            theirs[key] = value
    return ReturnedPackage(path.name, manifest, theirs)


def _valid(dossier: Dossier, key: str, value: Any) -> bool:
    try:
        dossier.check_stored(key, value)
    except (FieldError, TypeError, ValueError):
        return False
    return True


def _stable_new_projects(changes: dict[str, Any], manifest: Manifest) -> dict[str, Any]:
    """The reader gives a new project row a random id; give it one derived from the package and the
    row's place instead, so merging the same workbook twice adds the project once."""
    known = manifest.base_projects()
    new = {pid for k in changes if (pid := project_of(k)) is not None and pid not in known}
    if not new:
        return changes
    ordered = sorted(new, key=lambda p: int(changes.get(project_key(p, "order")) or 0))
    rename = {pid: "p" + hashlib.sha256(f"{manifest.package_id}:{n}".encode()).hexdigest()[:10]
              for n, pid in enumerate(ordered)}
    out = {}
    for key, value in changes.items():
        pid = project_of(key)
        out[key.replace(project_owner(pid), project_owner(rename[pid]), 1) if pid in rename else key] = value
    return out
