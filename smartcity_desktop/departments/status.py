"""Where each lead unit stands (issue 15's 各部门进度): assigned, filled, handed out, returned,
conflicts, overdue — read from the dossier, its change log and its departments rows.

``handout:<unit>`` rows ({due, route, file, at}) are written by the GUI's hand-out when it writes the
packages (the core's ``split`` keeps no per-unit record in the dossier); "returned" is the newest
change-log row whose unit is the unit (every merged value carries it); conflicts are the core's
``conflict:<key>`` rows with their unit.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from smartcity_desktop.departments.assign import assignment_for, lead_units
from smartcity_desktop.model import Dossier
from smartcity_desktop.store.projectfile import CONFLICT_PREFIX
from smartcity_desktop.model.keys import indicator_owner

HANDOUT_PREFIX = "handout:"
MAX_LOG_ROWS = 100_000


@dataclass(frozen=True)
class UnitStatus:
    unit: str
    indicators: int
    projects: int
    filled: int  # percent of what its indicators and projects ask for
    due: str = ""
    handed_out: str = ""  # when its package was written ("" = not by this program's hand-out)
    returned: str = ""  # when the last value merged from its package was written ("" = nothing yet)
    conflicts: int = 0

    def overdue(self, today: date | None = None) -> bool:
        """Due date passed and nothing came back."""
        if not self.due or self.returned:
            return False
        try:
            return date.fromisoformat(self.due) < (today or date.today())
        except ValueError:
            return False


def filled_percent(d: Dossier, indicators: Iterable[str], projects: Iterable[str]) -> int:
    """Share of what the indicators ask for (as the outline counts it) and of each project's essentials
    (name, indicators served, investment) that is filled in."""
    from smartcity_desktop.validate.progress import owner_progress  # a unit's window asks after its first paint

    filled = total = 0
    for iid in indicators:
        p = owner_progress(d, indicator_owner(iid))
        filled, total = filled + p.filled, total + p.total
    known = set(d.project_ids())
    for pid in projects:
        if pid in known:
            proj = d.project(pid)
            filled += sum(1 for v in (proj.name, proj.indicators, proj.investment_wan) if v not in (None, "", []))
            total += 3
    return 100 if total == 0 else round(100 * filled / total)


def unit_statuses(pf: Any) -> list[UnitStatus]:
    """One row per lead unit the dossier names (and any unit handed out or in conflict)."""
    values = pf.dossier.values()
    handouts = {k[len(HANDOUT_PREFIX):]: v for k, v in pf.department_state(HANDOUT_PREFIX).items()
                if isinstance(v, dict)}
    conflicts: dict[str, int] = {}
    for row in pf.department_state(CONFLICT_PREFIX).values():
        unit = row.get("unit") if isinstance(row, dict) else None
        if isinstance(unit, str):
            conflicts[unit] = conflicts.get(unit, 0) + 1
    returned: dict[str, str] = {}
    for change in pf.changes(limit=MAX_LOG_ROWS):  # newest first
        if change.unit and change.source.startswith("merge") and change.unit not in returned:
            returned[change.unit] = change.changed_at
    units = sorted(set(lead_units(values)) | set(handouts) | set(conflicts))
    out = []
    for unit in units:
        a = assignment_for(unit, values)
        h = handouts.get(unit, {})
        out.append(UnitStatus(unit, len(a.indicators), len(a.projects),
                              filled_percent(pf.dossier, a.indicators, a.projects),
                              str(h.get("due") or ""), str(h.get("at") or ""), returned.get(unit, ""),
                              conflicts.get(unit, 0)))
    return out


__all__ = ["HANDOUT_PREFIX", "UnitStatus", "filled_percent", "unit_statuses"]
