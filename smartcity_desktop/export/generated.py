"""The one registry of materials the program can generate, by material kind.

The materials checklist, ``export --format plan`` and the submission package all look a generated
material up here, so a new exporter (e.g. the 投融资方案) plugs in by one ``register`` call, without
the checklist or the package knowing it. A producer gets the prepared ``ExportData`` and the dossier
id and returns ``{suffix: bytes}`` (``.docx``, ``.xlsx``...), each file complete.
"""
from __future__ import annotations

import importlib
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
# Exporters that live in their own modules: (kind, module, file stem, adapter). The module is imported
# lazily the first time a kind is looked up; when it is absent, the kind is simply not generated.
_PLUGINS: tuple[tuple[str, str, str, Callable[[object], Producer]], ...] = ()


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


def _financing_adapter(module: object) -> Producer:
    """The 投融资方案 exporter (issue 12) writes a .docx and a .xlsx from the same ExportData."""
    docx = module.render_financing_docx  # type: ignore[attr-defined]
    xlsx = module.render_financing_xlsx  # type: ignore[attr-defined]

    def produce(data: ExportData, dossier_id: str, draft: bool) -> dict[str, bytes]:
        return {".docx": docx(data), ".xlsx": xlsx(data, dossier_id)}

    return produce


_PLUGINS = (("financing_plan", "smartcity_desktop.export.financing", "投融资方案", _financing_adapter),)

register("declaration", "申报书", _declaration, marks_draft=True)
register("self_assessment", "指标自评表", _self_assessment, marks_draft=True)
register("implementation_plan", "实施方案", _implementation_plan)


_loaded: set[str] = set()


def _load_plugins() -> None:
    """Import the plugin modules once (validation and the outline ask on every edit)."""
    for kind, name, stem, adapter in _PLUGINS:
        if name in _loaded:
            continue
        _loaded.add(name)
        try:
            module = importlib.import_module(name)
            producer = adapter(module)
        except (ImportError, AttributeError):
            continue  # not in this build (or an older version of it): the material is attached instead
        if kind not in _REGISTRY:
            register(kind, stem, producer)


def generator(kind: str) -> Generated | None:
    """The generator of a material kind, or None when the program cannot produce it."""
    if kind not in _REGISTRY:
        _load_plugins()
    return _REGISTRY.get(kind)


def generated_kinds() -> list[str]:
    _load_plugins()
    return list(_REGISTRY)
