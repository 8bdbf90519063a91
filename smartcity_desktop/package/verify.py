"""``verify-package DIR``: check a received submission package against its manifest.

Whoever receives the package (the province, a colleague) can tell whether any file was changed,
removed or added since it was made. The manifest itself may come from anyone: names that would
leave the folder are refused as an unreadable manifest, never followed.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.package.submission import MANIFEST, MANIFEST_FORMAT, sha256_of

MAX_MANIFEST_BYTES = 10 * 1024 * 1024
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class Verification:
    folder: Path
    checked: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)

    @property
    def intact(self) -> bool:
        return not (self.changed or self.missing or self.added)

    def lines(self) -> list[str]:
        out = [tr("已改动：{name}", name=n) for n in self.changed]
        out += [tr("缺少：{name}", name=n) for n in self.missing]
        out += [tr("多出：{name}", name=n) for n in self.added]
        if self.intact:
            out.append(tr("申报包完整：{n} 个文件与清单一致。", n=self.checked))
        else:
            out.append(tr("申报包与清单不一致：改动 {c} 个，缺少 {m} 个，多出 {a} 个。", c=len(self.changed),
                          m=len(self.missing), a=len(self.added)))
        return out


def _safe_relative(name: object) -> str:
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        raise ValueError
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")) or ":" in path.parts[0]:
        raise ValueError
    return name


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    bad = FileProblem(tr("{path} 中没有可读的 {manifest}，无法核对。", path=folder, manifest=MANIFEST))
    try:
        if not folder.is_dir() or path.stat().st_size > MAX_MANIFEST_BYTES:
            raise bad
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        raise bad from None
    try:
        if data.get("format") != MANIFEST_FORMAT or not isinstance(data.get("files"), list):
            raise ValueError
        seen = set()
        for entry in data["files"]:
            name = _safe_relative(entry.get("name"))
            if name in seen or name == MANIFEST or not isinstance(entry.get("size"), int) \
                    or not _HEX64.match(str(entry.get("sha256", ""))):
                raise ValueError
            seen.add(name)
    except (ValueError, AttributeError, TypeError):
        raise bad from None
    return data


def verify_package(folder: str | Path) -> Verification:
    """Compare every file under ``folder`` with ``manifest.json`` (size, then SHA-256)."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    result = Verification(folder, manifest=manifest)
    listed = {}
    for entry in manifest["files"]:
        listed[entry["name"]] = entry
        path = folder / entry["name"]
        if path.is_symlink():  # a package holds plain files; a link may point anywhere
            result.changed.append(entry["name"])
            continue
        if not path.is_file():
            result.missing.append(entry["name"])
            continue
        result.checked += 1
        try:
            same = path.stat().st_size == entry["size"] and sha256_of(path) == entry["sha256"]
        except OSError:
            same = False
        if not same:
            result.changed.append(entry["name"])
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if (path.is_file() or path.is_symlink()) and name != MANIFEST and name not in listed:
            result.added.append(name)
    return result
