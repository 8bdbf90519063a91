"""The built-in demo dossier: a complete fictional district, made from resources/demo/."""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

from smartcity_desktop.atomic import fsync_dir
from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.resources import resource_path
from smartcity_desktop.safefiles import too_long
from smartcity_desktop.scheme import load_scheme_by_id
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.store.lock import FileLock


def demo_data() -> dict[str, Any]:
    return json.loads(resource_path("demo", "demo-dossier.json").read_text(encoding="utf-8"))


def build_demo(path: str | os.PathLike[str], *, overwrite: bool = False, passphrase: str | None = None) -> Path:
    """Create ``path`` holding the demo dossier with its attachments; return the path."""
    data = demo_data()
    scheme = load_scheme_by_id(data["scheme"]["id"], data["scheme"].get("version"))
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileProblem(tr("文件 {path} 已存在，未覆盖。", path=path))
    # Built under a temp name and renamed when complete: a full disk half-way through the attachments
    # leaves neither a half dossier nor a lock (the target's lock is held meanwhile).
    lock = FileLock(path)
    lock.acquire()
    try:
        message = too_long(path, extra=14)
        if message:
            raise FileProblem(message)
        tmp = path.with_name(f".sc-demo-{secrets.token_hex(6)}.scdossier")
        try:
            pf = ProjectFile.create(tmp, scheme, values=data["values"], author=tr("示例"), passphrase=passphrase)
            try:
                for item in data.get("attachments", []):
                    pf.add_attachment(item["target"], resource_path("demo", item["file"]), name=item.get("name"))
            finally:
                pf.close()
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except OSError as exc:
            raise FileProblem(tr("无法创建 {path}：{reason}", path=path, reason=exc.strerror or exc)) from None
        except FileProblem as exc:  # name the file the user asked for, not the temp name
            raise FileProblem(tr("无法创建 {path}：{reason}", path=path,
                                 reason=str(exc).replace(tmp.name, path.name))) from None
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                try:
                    leftover.unlink()
                except OSError:
                    pass  # renamed into place, or never made
    finally:
        lock.release()
    return path


def demo_copy_path(folder: Path) -> Path:
    """A new file name for a copy of the demo in ``folder`` (never overwrites the user's files)."""
    base = tr("示例卷宗-滨湖区")
    candidate = folder / f"{base}.scdossier"
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}.scdossier"
        n += 1
    if not folder.is_dir():
        raise FileProblem(tr("文件夹 {folder} 不存在。", folder=folder))
    return candidate
