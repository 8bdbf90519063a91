"""The one registry of materials the program can generate, by material kind.

The materials checklist, ``export --format plan`` and the submission package all look a generated
material up here, so a new exporter (e.g. the 投融资方案) plugs in by one ``register`` call, without
the checklist or the package knowing it. A producer gets the prepared ``ExportData`` and the dossier
id and returns ``{suffix: bytes}`` (``.docx``, ``.xlsx``...), each file complete.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from smartcity_desktop.export.context import ExportData

Producer = Callable[[ExportData, str, bool], dict[str, bytes]]  # (data, dossier_id, draft) -> {suffix: bytes}


@dataclass(frozen=True)
class Generated:
    kind: str  # materials[<kind>] (DESIGN.md field keys)
    stem: str  # the file name after the applicant's name / the package number: 申报书, 实施方案...
    produce: Producer
    marks_draft: bool = False  # the producer prints 草稿 on every page itself (no second mark needed)


_REGISTRY: dict[str, Generated] = {}


def register(kind: str, stem: str, produce: Producer, *, marks_draft: bool = False) -> None:
    _REGISTRY[kind] = Generated(kind, stem, produce, marks_draft)


def _draft_text(draft: bool) -> str:
    from smartcity_desktop.i18n import tr

    return tr("草稿") if draft else ""


def _declaration(data: ExportData, dossier_id: str, draft: bool) -> dict[str, bytes]:
    from smartcity_desktop.export.docx_export import render_docx

    return {".docx": render_docx(data, draft=_draft_text(draft))}


def _self_assessment(data: ExportData, dossier_id: str, draft: bool) -> dict[str, bytes]:
    from smartcity_desktop.export.xlsx_export import render_xlsx

    return {".xlsx": render_xlsx(data, dossier_id, draft=_draft_text(draft))}


def _implementation_plan(data: ExportData, dossier_id: str, draft: bool) -> dict[str, bytes]:
    from smartcity_desktop.export.plan_docx import render_plan

    return {".docx": render_plan(data, draft=draft)}


def _financing_plan(data: ExportData, dossier_id: str, draft: bool) -> dict[str, bytes]:
    """The 投融资方案 (issue 12): a .docx and a .xlsx from the same ExportData."""
    from smartcity_desktop.export.financing import render_financing_docx, render_financing_xlsx

    return {".docx": render_financing_docx(data), ".xlsx": render_financing_xlsx(data, dossier_id)}


register("declaration", "申报书", _declaration, marks_draft=True)
register("self_assessment", "指标自评表", _self_assessment, marks_draft=True)
register("implementation_plan", "实施方案", _implementation_plan)
register("financing_plan", "投融资方案", _financing_plan)


def generator(kind: str) -> Generated | None:
    """The generator of a material kind, or None when the program cannot produce it."""
    return _REGISTRY.get(kind)


def generated_kinds() -> list[str]:
    return list(_REGISTRY)
