"""Automatic safety versions: the state just before an import or a version restore, kept so that one
action (``versions restore ID``, the GUI's "撤销这次导入" / "撤销恢复") brings it back.

They are ordinary versions (same table, checked and restored the same way; their payload also says
``"automatic": true``), listed by id in the file's ``meta`` row ``auto_versions`` (a JSON list: a cheap
index for listing, so no schema change is needed and an older program simply shows them as named
versions). Only the newest ``MAX_AUTOMATIC`` are kept; a version is pruned only if its own payload says
it is automatic, so the user's named versions are never pruned, even when a crafted file's index lists
the ids they will get.
"""
from __future__ import annotations

import json
from datetime import datetime

from smartcity_desktop.i18n import tr

META_KEY = "auto_versions"
MAX_AUTOMATIC = 10  # about a working week of imports; each holds the values only (attachments are shared)

IMPORT = "import"
RESTORE = "restore"
MERGE = "merge"


def safety_name(reason: str, detail: str = "", when: datetime | None = None) -> str:
    """"导入前自动保存 2026-11-29 18:00（各部门.xlsx）": what came next, when, and from where."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%d %H:%M")
    if reason == MERGE:
        name = tr("合并前自动保存 {time}", time=stamp)
    else:
        name = tr("导入前自动保存 {time}", time=stamp) if reason == IMPORT else tr("恢复前自动保存 {time}", time=stamp)
    return name + (tr("（{detail}）", detail=detail[:120]) if detail else "")


def automatic_ids(meta_value: str | None) -> list[int]:
    """The ids listed in the meta row (a damaged or crafted row counts as none: they are just versions)."""
    if not meta_value or not isinstance(meta_value, (str, bytes)):
        return []
    try:
        ids = json.loads(meta_value)
    except ValueError:
        return []
    if not isinstance(ids, list):
        return []
    return [i for i in ids if isinstance(i, int) and not isinstance(i, bool)][-1000:]


def encode_ids(ids: list[int]) -> str:
    return json.dumps(sorted(set(ids)))


def to_prune(ids: list[int], keep: int = MAX_AUTOMATIC) -> list[int]:
    """The oldest automatic ids beyond the newest ``keep``."""
    ordered = sorted(set(ids))
    return ordered[:-keep] if len(ordered) > keep else []
