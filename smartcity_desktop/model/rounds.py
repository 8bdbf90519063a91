"""Round profiles: what differs between the 2012, 2013 and 2014 declaration rounds, as data.

The profiles live beside the scheme (``resources/rounds/<scheme id>.json``). A profile names the
applicant levels a round accepts, the materials it asks for, the variant of a condition's wording it
uses (the wording itself stays in the scheme: one home), and its deadline and format notes, each
with a provenance mark. Where no public source gave a fact, the value is empty with provenance
``none``: the program never invents a deadline.
"""
from __future__ import annotations

import json
from typing import Any, NamedTuple

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import pick, tr
from smartcity_desktop.model.fields import DEFAULT_ROUND, LEVELS, MATERIAL_KINDS, ROUNDS
from smartcity_desktop.resources import resource_path

FORMAT = "smartcity-rounds/1"
NO_SOURCE = "none"
Text = dict[str, str]


class Fact(NamedTuple):
    """A value with its provenance (V, S, R, or ``none`` when no source gave it) and a note."""

    value: Any
    provenance: str
    note: Text | None = None

    @property
    def known(self) -> bool:
        return self.value not in (None, "", {}) and self.provenance != NO_SOURCE

    @property
    def text(self) -> str:
        if isinstance(self.value, dict):
            return pick(self.value)
        return "" if self.value is None else str(self.value)

    @property
    def note_text(self) -> str:
        return pick(self.note) if self.note else ""


class RoundProfile(NamedTuple):
    """One declaration round: the levels it accepts, the materials it asks for, the condition wordings it
    uses (variant names of the scheme's conditions), its deadline and format notes."""

    id: str
    name: Text
    notice: Fact
    levels: tuple[str, ...]
    materials: tuple[str, ...]
    condition_variants: dict[str, str]
    deadline: Fact
    format_notes: Fact

    @property
    def label(self) -> str:
        return pick(self.name)

    def requires(self, kind: str) -> bool:
        return kind in self.materials


def _text(obj: Any) -> Text:
    if isinstance(obj, dict):
        return {"zh": str(obj.get("zh", "")), "en": str(obj.get("en", ""))}
    return {}


def _fact(obj: Any) -> Fact:
    if not isinstance(obj, dict):
        return Fact(None, NO_SOURCE)
    value = obj.get("value")
    if isinstance(value, dict):
        value = _text(value)
    elif "zh" in obj and value is None:  # a text fact written inline: {"zh", "en", "provenance"}
        value = _text(obj)
    return Fact(value, str(obj.get("provenance") or NO_SOURCE), _text(obj.get("note")))


def _parse(data: Any, where: str) -> dict[str, RoundProfile]:
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("rounds"), list):
        raise FileProblem(tr("申报批次文件 {path} 格式不对（应为 {fmt}）", path=where, fmt=FORMAT))
    out: dict[str, RoundProfile] = {}
    for raw in data["rounds"]:
        rid = str(raw.get("id", "")) if isinstance(raw, dict) else ""
        if rid not in ROUNDS:
            raise FileProblem(tr("申报批次文件 {path} 中有未知批次“{rid}”", path=where, rid=rid[:20]))
        materials = tuple(k for k in raw.get("materials", []) if k in MATERIAL_KINDS)
        variants = raw.get("condition_variants", {})
        out[rid] = RoundProfile(
            id=rid, name=_text(raw.get("name")) or {"zh": rid, "en": rid}, notice=_fact(raw.get("notice")),
            # a level this program version does not know yet (e.g. county) is left out, not an error
            levels=tuple(v for v in raw.get("levels", []) if v in LEVELS) or LEVELS,
            materials=materials,
            condition_variants={str(k): str(v) for k, v in variants.items()} if isinstance(variants, dict) else {},
            deadline=_fact(raw.get("deadline")), format_notes=_fact(raw.get("format_notes")))
    return out


_cache: dict[str, dict[str, RoundProfile]] = {}


def round_profiles(scheme_id: str) -> dict[str, RoundProfile]:
    """The rounds of a scheme, by id. A scheme without a profile file gets one generic round per id
    that asks for the 2012 materials (a province's own scheme still gets a checklist)."""
    if scheme_id in _cache:
        return _cache[scheme_id]
    path = resource_path("rounds", f"{scheme_id}.json")
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise FileProblem(tr("无法读取申报批次文件 {path}：{detail}", path=path, detail=exc)) from None
        profiles = _parse(data, str(path))
    else:
        generic = ("declaration", "plan_outline", "implementation_plan")
        profiles = {r: RoundProfile(r, {"zh": r, "en": r}, Fact(None, NO_SOURCE), LEVELS, generic, {},
                                    Fact(None, NO_SOURCE), Fact(None, NO_SOURCE)) for r in ROUNDS}
    _cache[scheme_id] = profiles
    return profiles


def round_id(dossier: Any) -> str:
    """The dossier's round (``applicant.round``; 2012 when not chosen)."""
    value = dossier.get("applicant.round")
    return value if value in ROUNDS else DEFAULT_ROUND


def profile_of(dossier: Any) -> RoundProfile:
    profiles = round_profiles(dossier.scheme.id)
    return profiles.get(round_id(dossier)) or profiles[min(profiles)]


def condition_text(dossier: Any, cid: str) -> str:
    """A condition's wording in the dossier's round (2014's condition 一 also names the 政府工作报告)."""
    cond = dossier.scheme.condition(cid)
    return pick(cond.text_for(profile_of(dossier).condition_variants.get(cid)))
