"""Split a dossier into one work package per lead unit (DESIGN.md, Departments: split & merge)."""
from __future__ import annotations

import os
import secrets
import shutil
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from smartcity_desktop.departments.assign import Assignment, assignment_for, clean_unit, lead_units
from smartcity_desktop.departments.package import (
    DUE,
    PACKAGE_EXTENSION,
    PACKAGE_KIND,
    Manifest,
    digest,
    manifest_rows,
    split_values,
)
from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.store.department_rows import SECRET_ROW

FORMATS = ("scpart", "xlsx")
Progress = Callable[[int, int], None]


def dossier_secret(pf: Any, *, create: bool) -> bytes | None:
    """The dossier's signing secret for its packages (made, sealed in its departments rows, on first split)."""
    value = pf.department_state(SECRET_ROW).get(SECRET_ROW)
    if isinstance(value, str) and len(value) == 64:
        return bytes.fromhex(value)
    if not create:
        return None
    value = secrets.token_hex(32)
    pf.set_department_state({SECRET_ROW: value})
    return bytes.fromhex(value)


def context_values(values: dict[str, Any]) -> dict[str, Any]:
    """The dossier's values as a package carries them: everything for context, but no attachment links
    (the unit's own attachments are copied in and linked again under their new ids)."""
    return {k: v for k, v in values.items() if not k.endswith("].documents")}


def package_name(unit: str, fmt: str) -> str:
    from smartcity_desktop.safefiles import safe_name

    return safe_name(unit + (PACKAGE_EXTENSION if fmt == "scpart" else ".xlsx"), fallback=tr("工作包"))


def split_dossier(pf: Any, out_dir: str | os.PathLike[str], *, units: Sequence[str] = (), fmt: str = "scpart",
                  due: str = "", progress: Progress | None = None) -> list[Path]:
    """Write one package per unit (all lead units, or ``units``) into ``out_dir``; return the paths.
    Existing files are never overwritten (a returned package may be lying there)."""
    if fmt not in FORMATS:
        raise FileProblem(tr("未知的工作包格式：{fmt}（可用 scpart、xlsx）", fmt=fmt))
    if due and not DUE.match(due):
        raise FileProblem(tr("截止日期应为 YYYY-MM-DD：{due}", due=due))
    if pf.kind == PACKAGE_KIND:
        raise FileProblem(tr("{name} 是部门工作包，不能再拆分。", name=pf.path.name))
    from smartcity_desktop.safefiles import numbered, output_folder

    out = output_folder(out_dir)
    pf.flush()
    values = pf.committed_values()
    known = lead_units(values)
    chosen = [clean_unit(u) for u in units] if units else known
    if not chosen:
        raise DataProblem(tr("卷宗中的指标和项目都没有填写牵头单位，无法拆分。"))
    if any(not u for u in chosen):
        raise FileProblem(tr("牵头单位名称不能为空。"))
    targets: list[tuple[str, Path]] = []
    used: set[str] = set()
    for unit in dict.fromkeys(chosen):  # two names may become one file name ("A/B", "A_B"): number the second
        name, n = package_name(unit, fmt), 1
        while numbered(name, n).casefold() in used:
            n += 1
        used.add(numbered(name, n).casefold())
        targets.append((unit, out / numbered(name, n)))
    taken = [str(p) for _u, p in targets if p.exists()]
    if taken:
        raise FileProblem(tr("文件已存在，未覆盖：{paths}", paths="、".join(taken[:3])))
    secret = dossier_secret(pf, create=True)
    assert secret is not None
    written: list[Path] = []
    if fmt == "scpart":
        shared = context_values(values)
        digests = {k: digest(v) for k, v in shared.items()}
        with _template(pf, out, shared) as template:
            for n, (unit, path) in enumerate(targets):
                written.append(_write_scpart(pf, template, assignment_for(unit, values), path, secret, due, digests))
                if progress is not None:
                    progress(n + 1, len(targets))
        return written
    from smartcity_desktop.departments.workbook import write_workbook_package

    shared = context_values(values)
    digests = {k: digest(v) for k, v in shared.items()}
    for n, (unit, path) in enumerate(targets):
        manifest = _manifest(pf, assignment_for(unit, values), shared, due, secret, digests)
        written.append(write_workbook_package(pf, manifest, shared, path))
        if progress is not None:
            progress(n + 1, len(targets))
    return written


@contextmanager
def _template(pf: Any, out: Path, values: dict[str, Any]) -> Iterator[Path]:
    """The part every package shares (the dossier's values, sealed like the dossier), made once and
    copied per unit: a split of 20 packages costs one file creation, not 20."""
    from smartcity_desktop.store import ProjectFile

    tmp = out / f".split-{secrets.token_hex(4)}.tmp{PACKAGE_EXTENSION}"
    try:
        ProjectFile.create(tmp, pf.scheme, values=values, kind=PACKAGE_KIND, dossier_id=pf.dossier_id,
                           sealed_like=pf, author=pf.author).close()
        yield tmp
    finally:
        _remove(tmp)


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass


def _manifest(pf: Any, assignment: Assignment, values: dict[str, Any], due: str, secret: bytes,
              digests: dict[str, str] | None = None) -> Manifest:
    """The signed manifest of a package made from ``values`` (the package's values at split time)."""
    from smartcity_desktop.store.projectfile import now_iso

    base, context = split_values(assignment, values, digests)
    manifest = Manifest(uuid.uuid4().hex, pf.dossier_id, assignment, due, now_iso(), base, context)
    return Manifest(manifest.package_id, manifest.dossier_id, assignment, due, manifest.created_at, base, context,
                    manifest.signature(secret))


def _write_scpart(pf: Any, template: Path, assignment: Assignment, path: Path, secret: bytes, due: str,
                  digests: dict[str, str]) -> Path:
    """Copy the template under a temporary name beside the package, add the unit's attachments and the
    signed manifest, and rename it into place when complete: a crash never leaves a half-made package
    under the unit's name."""
    from smartcity_desktop.atomic import fsync_dir
    from smartcity_desktop.privatetemp import scratch
    from smartcity_desktop.store import ProjectFile

    tmp = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.tmp{PACKAGE_EXTENSION}")
    try:
        shutil.copyfile(template, tmp)
        pkg = ProjectFile.open(tmp, author=pf.author, key=getattr(pf.codec, "key", None))
        try:
            own = [a for a in pf.attachments() if a.target.startswith("indicators[") and assignment.holds(a.target)]
            if own:
                with scratch("split") as folder:
                    for att in own:
                        copy = pf.save_attachment(att.id, folder / att.id)
                        pkg.add_attachment(att.target, copy, name=att.name)
                        copy.unlink()
            values = pkg.committed_values()
            mine = {k: digest(values[k]) for k in values if k.endswith("].documents")}  # relinked attachments
            pkg.set_department_state(manifest_rows(_manifest(pf, assignment, values, due, secret, {**digests, **mine})))
        finally:
            pkg.close()
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        raise FileProblem(tr("无法写出工作包 {path}：{reason}", path=path, reason=exc.strerror or exc)) from None
    finally:
        _remove(tmp)
    return path
