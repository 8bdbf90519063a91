"""The built-in demo dossier: a complete fictional district, made from resources/demo/."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.resources import resource_path
from smartcity_desktop.scheme import load_scheme_by_id
from smartcity_desktop.store import ProjectFile


def demo_data() -> dict[str, Any]:
    return json.loads(resource_path("demo", "demo-dossier.json").read_text(encoding="utf-8"))


def build_demo(path: str | os.PathLike[str], *, overwrite: bool = False, passphrase: str | None = None) -> Path:
    """Create ``path`` holding the demo dossier with its attachments; return the path."""
    data = demo_data()
    scheme = load_scheme_by_id(data["scheme"]["id"], data["scheme"].get("version"))
    path = Path(path)
    pf = ProjectFile.create(path, scheme, values=data["values"], overwrite=overwrite, author=tr("示例"),
                            passphrase=passphrase)
    try:
        for item in data.get("attachments", []):
            pf.add_attachment(item["target"], resource_path("demo", item["file"]), name=item.get("name"))
    finally:
        pf.close()
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
