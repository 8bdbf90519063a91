"""The materials checklist: every material of the dossier's round with its status.

A material is ``attached`` when files are stored in ``materials[<kind>].documents`` (an attached file
wins over a generated one: the stamped scan of the 申报书, the staff's final 实施方案), ``generated``
when the program can produce it (export/generated.py), else ``missing``. Page counts are known for
PDFs and images; for other files the user enters them (``materials[<kind>].pages``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from smartcity_desktop.export.generated import generator
from smartcity_desktop.export.page_count import IMAGE_SUFFIXES, count_pages, worth_reading
from smartcity_desktop.model.fields import MATERIAL_KINDS
from smartcity_desktop.model.materials import material_key, material_label
from smartcity_desktop.model.rounds import RoundProfile, profile_of

if TYPE_CHECKING:
    from smartcity_desktop.store.attachments import Attachment
    from smartcity_desktop.store.source import DossierSource

GENERATED, ATTACHED, MISSING = "generated", "attached", "missing"
# Short names for file names in the package (NN-<材料名>.<ext>): the official documents' own names.
MATERIAL_FILE_STEMS = {"declaration": "申报书", "self_assessment": "指标自评表", "plan_outline": "智慧城市发展规划纲要",
                       "implementation_plan": "实施方案", "financing_plan": "项目投融资方案", "other": "其他材料"}


@dataclass(frozen=True)
class MaterialFile:
    id: str
    name: str
    size: int
    pages: int | None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "pages": self.pages}


@dataclass(frozen=True)
class Material:
    kind: str
    label: str
    required: bool
    status: str
    files: list[MaterialFile] = field(default_factory=list)
    can_generate: bool = False
    pages_entered: int | None = None  # materials[<kind>].pages, for files whose pages cannot be counted

    @property
    def key(self) -> str:
        return material_key(self.kind)

    @property
    def pages(self) -> int | None:
        """Total pages when every file's count is known (or the user entered the rest)."""
        if not self.files:
            return None
        counted = [f.pages for f in self.files]
        if all(p is not None for p in counted):
            return sum(p for p in counted if p is not None)
        if self.pages_entered is not None:
            return sum(p for p in counted if p is not None) + self.pages_entered
        return None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "required": self.required, "status": self.status,
                "files": [f.as_dict() for f in self.files], "can_generate": self.can_generate,
                "pages_entered": self.pages_entered}


_page_cache: dict[str, int | None] = {}


def attachment_pages(pf: DossierSource, att: Attachment) -> int | None:
    """Page count of a stored attachment, cached by its content (blob id)."""
    if PurePath(att.name).suffix.lower() in IMAGE_SUFFIXES:
        return 1
    if not worth_reading(att.name, att.size):
        return None
    if att.blob_id not in _page_cache:
        _page_cache[att.blob_id] = count_pages(att.name, b"".join(pf.read_attachment(att.id)))
    return _page_cache[att.blob_id]


def round_kinds(profile: RoundProfile) -> list[str]:
    """The checklist's rows: the round's materials in the official order, the 指标自评表 (always), then
    other materials."""
    kinds = [k for k in MATERIAL_KINDS if k in profile.materials]
    return kinds + [k for k in ("self_assessment", "other") if k not in kinds]


def checklist(pf: DossierSource, *, count: bool = True) -> list[Material]:
    """The materials of ``pf``'s dossier in its round (``pf``: an open ProjectFile)."""
    dossier = pf.dossier
    profile = profile_of(dossier)
    by_id = {a.id: a for a in pf.attachments()}
    out = []
    for kind in round_kinds(profile):
        files = []
        for aid in dossier.get(material_key(kind)) or []:
            att = by_id.get(aid)
            if att is not None:
                files.append(MaterialFile(att.id, att.name, att.size, attachment_pages(pf, att) if count else None))
        can_generate = generator(kind) is not None
        status = ATTACHED if files else GENERATED if can_generate else MISSING
        out.append(Material(kind, material_label(kind), profile.requires(kind), status, files, can_generate,
                            dossier.get(material_key(kind, "pages"))))
    return out


def material_counts(dossier: Any) -> tuple[int, int]:
    """(ready, required) among the round's required materials, from the dossier alone (for the outline:
    no page counting, no file access)."""
    profile = profile_of(dossier)
    ready = sum(1 for kind in profile.materials if dossier.get(material_key(kind)) or generator(kind) is not None)
    return ready, len(profile.materials)
