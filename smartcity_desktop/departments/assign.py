"""Who owns which field: the assignment of a lead unit (牵头单位).

A unit owns the indicators and the projects whose ``lead_unit`` is exactly its name (trimmed) — every
field of them except ``lead_unit`` itself (that is the assignment) and ``documents`` (attachments travel
as context only). New projects it adds are its own too (see ``package.check_edit``).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from smartcity_desktop.model import FieldError, parse_key
from smartcity_desktop.model.fields import PROJECT_ID
from smartcity_desktop.model.keys import indicator_owner, prefix_of, project_id_of, project_owner

NOT_ASSIGNED = frozenset({"lead_unit", "documents"})


def clean_unit(value: Any) -> str:
    """The unit's name as the split compares it: the text trimmed (no other normalisation)."""
    return value.strip() if isinstance(value, str) else ""


def _item(key: str) -> tuple[str, str, str] | None:
    """(section, item, field name) of an indicator or project key, else None."""
    try:
        parsed = parse_key(key)
    except FieldError:
        return None
    if parsed.section not in ("indicators", "projects"):
        return None
    return parsed.section, parsed.item, parsed.name


def lead_units(values: Mapping[str, Any]) -> list[str]:
    """Every lead unit named by an indicator or a project, sorted."""
    units = {clean_unit(v) for k, v in values.items()
             if k.endswith("].lead_unit") and k.startswith(("indicators[", "projects["))}
    return sorted(u for u in units if u)


@dataclass(frozen=True)
class Assignment:
    unit: str
    indicators: tuple[str, ...]
    projects: tuple[str, ...]

    def owns(self, key: str) -> bool:
        """True if ``key`` is one of the unit's fields (of its indicators and projects)."""
        item = _item(key)
        if item is None or item[2] in NOT_ASSIGNED:
            return False
        section, ident, _name = item
        return ident in (self.indicators if section == "indicators" else self.projects)

    def holds(self, key: str) -> bool:
        """True if ``key`` belongs to one of the unit's indicators or projects (any field)."""
        item = _item(key)
        return item is not None and item[1] in (self.indicators if item[0] == "indicators" else self.projects)

    def keys(self, values: Iterable[str]) -> list[str]:
        """The unit's keys among ``values`` (a cheap prefix test first: merges look at every value)."""
        prefixes = (tuple(prefix_of(indicator_owner(i)) for i in self.indicators)
                    + tuple(prefix_of(project_owner(p)) for p in self.projects))
        return [k for k in values if k.startswith(prefixes) and self.owns(k)] if prefixes else []

    def as_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "indicators": list(self.indicators), "projects": list(self.projects)}


def assignment_for(unit: str, values: Mapping[str, Any]) -> Assignment:
    """The unit's indicators (by id) and projects (by stable id) in ``values``."""
    indicators: list[str] = []
    projects: list[str] = []
    for key, value in values.items():
        if not key.endswith("].lead_unit") or clean_unit(value) != unit:
            continue
        item = _item(key)
        if item is None:
            continue
        (indicators if item[0] == "indicators" else projects).append(item[1])
    return Assignment(unit, tuple(sorted(indicators)), tuple(sorted(projects)))


def project_of(key: str) -> str | None:
    """The project id of a ``projects[<id>]…`` key, only if it is a well-formed id (a package may be crafted):
    ``keys.project_id_of`` with the id checked."""
    pid = project_id_of(key)
    return pid if pid and PROJECT_ID.match(pid) else None
