"""Completion per section: how many of the answers a section asks for are given.

Used by ``info`` and by the wizard's outline (status icons and counts). "Asked for" follows the
same required fields as the rules, and an indicator marked not applicable asks only for its reason.
"""
from __future__ import annotations

from dataclasses import dataclass

from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier
from smartcity_desktop.model.keys import (
    applicant_key,
    condition_owner,
    field_key,
    indicator_owner,
    profile_key,
)
from smartcity_desktop.validate.rules import REQUIRED_APPLICANT, REQUIRED_INDICATOR, REQUIRED_PROFILE

EMPTY, PARTIAL, COMPLETE = "empty", "partial", "complete"


@dataclass(frozen=True)
class Progress:
    id: str
    label: str
    filled: int
    total: int

    @property
    def state(self) -> str:
        if self.filled == 0:
            return EMPTY
        return COMPLETE if self.filled >= self.total else PARTIAL

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.filled / self.total)


def _count(d: Dossier, keys: list[str]) -> int:
    return sum(1 for k in keys if d.get(k) not in (None, "", []))


def required_keys(d: Dossier, owner: str) -> list[str]:
    """The keys a page (``applicant``, ``conditions[1]``, ``indicators[1.1.1]``...) must have."""
    if owner == "applicant":
        return [applicant_key(n) for n in REQUIRED_APPLICANT] + [profile_key(n) for n in REQUIRED_PROFILE]
    if owner.startswith("conditions["):
        return [field_key(owner, "status"), field_key(owner, "evidence")]
    if owner.startswith("indicators["):
        if d.get(field_key(owner, "applicable")) is False:
            return [field_key(owner, "not_applicable_reason")]
        return [field_key(owner, n) for n in REQUIRED_INDICATOR]
    return []


def owner_progress(d: Dossier, owner: str, label: str = "") -> Progress:
    keys = required_keys(d, owner)
    return Progress(owner, label, _count(d, keys), len(keys))


def section_progress(d: Dossier) -> list[Progress]:
    """Applicant, conditions, each level-1 area, projects: filled / asked for."""
    out = [owner_progress(d, "applicant", tr("申报单位与基本情况"))]
    cond_keys = [k for c in d.scheme.conditions for k in required_keys(d, condition_owner(c.id))]
    out.append(Progress("conditions", tr("申报条件"), _count(d, cond_keys), len(cond_keys)))
    for level1 in d.scheme.level1:
        keys = [k for ind in level1.indicators for k in required_keys(d, indicator_owner(ind.id))]
        out.append(Progress(f"level1:{level1.id}", level1.label, _count(d, keys), len(keys)))
    projects = d.projects()
    done = sum(1 for p in projects if p.name and p.indicators and p.investment_wan is not None)
    out.append(Progress("projects", tr("项目与投资"), done, max(len(projects), 1)))
    return out


def overall_percent(d: Dossier) -> int:
    parts = section_progress(d)
    filled = sum(p.filled for p in parts)
    total = sum(p.total for p in parts)
    return 100 if total == 0 else round(100 * filled / total)
