"""Completion per section: how many of the answers a section asks for are given.

Used by ``info`` and by the wizard's outline (status icons and counts). "Asked for" follows the
same required fields as the rules, and an indicator marked not applicable asks only for its reason.
"""
from __future__ import annotations

from dataclasses import dataclass

from smartcity_desktop.model import SAFEGUARD_FIELDS, Dossier
from smartcity_desktop.model.keys import applicant_key, field_key, key_section, profile_key, safeguard_key
from smartcity_desktop.model.sections import PROJECTS, SAFEGUARDS, sections
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
    if key_section(owner) == "conditions":
        return [field_key(owner, "status"), field_key(owner, "evidence")]
    if key_section(owner) == "indicators":
        if d.get(field_key(owner, "applicable")) is False:
            return [field_key(owner, "not_applicable_reason")]
        return [field_key(owner, n) for n in REQUIRED_INDICATOR]
    return []


def owner_progress(d: Dossier, owner: str, label: str = "") -> Progress:
    keys = required_keys(d, owner)
    return Progress(owner, label, _count(d, keys), len(keys))


def page_progress(d: Dossier, page: str) -> Progress:
    """Filled / asked for on one page of the registry (``model/sections.py``): the projects page counts
    complete projects (name, indicators, investment), safeguards its answers, the others their keys."""
    if page == PROJECTS:
        projects = d.projects()
        done = sum(1 for p in projects if p.name and p.indicators and p.investment_wan is not None)
        return Progress(page, "", done, max(len(projects), 1))
    if page == SAFEGUARDS:
        return Progress(page, "", sum(1 for n in SAFEGUARD_FIELDS if d.get(safeguard_key(n))), len(SAFEGUARD_FIELDS))
    return owner_progress(d, page)


def section_progress(d: Dossier) -> list[Progress]:
    """Filled / asked for of every counted section of the registry (applicant, conditions, each level-1
    area, projects)."""
    out = []
    for section in sections(d.scheme):
        if section.counted:
            parts = [page_progress(d, page) for page in section.pages]
            out.append(Progress(section.id, section.label, sum(p.filled for p in parts), sum(p.total for p in parts)))
    return out


def overall_percent(d: Dossier) -> int:
    parts = section_progress(d)
    filled = sum(p.filled for p in parts)
    total = sum(p.total for p in parts)
    return 100 if total == 0 else round(100 * filled / total)
