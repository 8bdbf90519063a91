"""Investment totals of a dossier's projects: by level-1 area, by year and by funding source.

Pure functions of the dossier (no Qt) so the projects page, the exports and the tests compute the
same figures. The two allocation rules are stated here once, because a reader of a total must be
able to reproduce it by hand:

* A project serving indicators of several level-1 areas has its investment split **equally** among
  the distinct level-1 areas it serves (not per indicator, so a project listing three indicators of
  area 1 and one of area 2 gives half to each). A project serving none is counted as unassigned.
* By year, only what the applicant **declared** counts: each project's annual plan
  (``projects[<id>].investment_by_year[<year>].amount_wan``). A project without a declared plan is
  counted as "no annual plan declared" (``unscheduled``), never split by the program: an even split
  over ``start_year..end_year`` is only offered as a *proposal* (``proposed_plan``) that the user
  accepts or edits in the projects page, and is never stored or printed as if declared.

Amounts are in 万元 and not rounded here: rounding is for display.
"""
from __future__ import annotations

from smartcity_desktop.i18n import tr
from smartcity_desktop.model.dossier import Dossier, Project
from smartcity_desktop.model.fields import FUNDING_SOURCES
from smartcity_desktop.model.keys import plan_key

UNASSIGNED = ""  # the level-1 id used for investment of projects that serve no indicator
# 万元: two amounts closer than this are equal. Half the smallest unit the program shows (0.01 万元 = 100 元),
# so two figures that print the same are never called different and float sums (0.1 + 0.2) never raise
# a false "does not add up". The ONE tolerance: validation, the projects page and its detail pane use it.
MONEY_TOLERANCE = 0.005


def money_differs(a: float, b: float) -> bool:
    """Whether two amounts in 万元 differ by more than ``MONEY_TOLERANCE``."""
    return abs(a - b) > MONEY_TOLERANCE


def _projects(dossier: Dossier, projects: list[Project] | None) -> list[Project]:
    return dossier.projects() if projects is None else projects


def level1_ids(dossier: Dossier, project: Project) -> list[str]:
    """The distinct level-1 areas a project serves, in scheme order (unknown indicator ids ignored)."""
    scheme = dossier.scheme
    served = {scheme.indicator(i).level1_id for i in project.indicators if scheme.has_indicator(i)}
    return [l1.id for l1 in scheme.level1 if l1.id in served]


def project_years(project: Project) -> list[int]:
    """The years a project's investment is spread over (empty when unscheduled)."""
    start, end = project.start_year, project.end_year
    if start is None and end is None:
        return []
    if start is None or end is None:
        return [int(start if start is not None else end)]  # type: ignore[arg-type]
    if end < start:
        return []
    return list(range(int(start), int(end) + 1))


def plan_years(dossier: Dossier) -> list[int]:
    """The years an annual-plan or budget table needs: every year of a declared plan, the projects'
    build years, the condition-3 budget and the creation period, without gaps (at most 15 years)."""
    years: set[int] = set(dossier.budget())
    for p in dossier.projects():
        years.update(p.plan)
        if p.start_year and p.end_year and p.start_year <= p.end_year:
            years.update(range(p.start_year, p.end_year + 1))
    for key in ("profile.creation_start_year", "profile.creation_end_year"):
        if dossier.get(key) is not None:
            years.add(int(dossier.get(key)))
    if not years:
        return []
    first, last = min(years), max(years)
    return list(range(first, min(last, first + 14) + 1))


def total(dossier: Dossier, projects: list[Project] | None = None) -> float:
    """The sum of the projects' total investment (万元); projects without an amount count as 0."""
    return float(sum(p.investment_wan or 0 for p in _projects(dossier, projects)))


def by_level1(dossier: Dossier, projects: list[Project] | None = None) -> list[tuple[str, str, float]]:
    """``(level1_id, label, amount)`` for every level-1 area in scheme order (zero amounts included),
    then ``(UNASSIGNED, label, amount)`` if some investment serves no indicator. Sums to ``total``."""
    amounts = {l1.id: 0.0 for l1 in dossier.scheme.level1}
    unassigned = 0.0
    for p in _projects(dossier, projects):
        amount = float(p.investment_wan or 0)
        if not amount:
            continue
        areas = level1_ids(dossier, p)
        if not areas:
            unassigned += amount
            continue
        for area in areas:
            amounts[area] += amount / len(areas)
    rows = [(l1.id, l1.label, amounts[l1.id]) for l1 in dossier.scheme.level1]
    if unassigned:
        rows.append((UNASSIGNED, tr("未对应指标"), unassigned))
    return rows


def by_year(dossier: Dossier, projects: list[Project] | None = None) -> dict[int, float]:
    """The declared annual plans summed per calendar year, ascending; years between the first and
    last with no investment are included as 0 so a timeline has no gaps. See ``unscheduled``."""
    years: dict[int, float] = {}
    for p in _projects(dossier, projects):
        for year, amount in p.plan.items():
            years[year] = years.get(year, 0.0) + amount
    if not years:
        return {}
    return {y: years.get(y, 0.0) for y in range(min(years), max(years) + 1)}


def unscheduled(dossier: Dossier, projects: list[Project] | None = None) -> float:
    """Investment of projects that have declared no annual plan (not in ``by_year``)."""
    return float(sum(p.investment_wan or 0 for p in _projects(dossier, projects) if not p.plan))


def plan_gap(project: Project) -> float:
    """Declared plan total minus total investment (0 when there is no plan or no investment)."""
    if not project.plan or project.investment_wan is None:
        return 0.0
    return project.plan_total - float(project.investment_wan)


def proposed_plan(project: Project) -> dict[int, float]:
    """An even split of the investment over the project's build years, in 万元 rounded to 0.01 with
    the rounding rest in the last year so it adds up exactly. A starting value the user accepts or
    edits — never a declared plan by itself. Empty when years or investment are missing."""
    span = project_years(project)
    amount = float(project.investment_wan or 0)
    if not span or not amount:
        return {}
    share = round(amount / len(span), 2)
    plan = {year: share for year in span}
    plan[span[-1]] = round(amount - share * (len(span) - 1), 2)
    return plan


def plan_values(project: Project, plan: dict[int, float]) -> dict[str, float | None]:
    """The field values that make ``plan`` the project's declared plan (years not in it cleared)."""
    values: dict[str, float | None] = {
        plan_key(project.id, y): None for y in project.plan}
    for year, amount in plan.items():
        values[plan_key(project.id, year)] = amount
    return values


def by_source(dossier: Dossier, projects: list[Project] | None = None) -> dict[str, float]:
    """Funding per source (fiscal, bank_loan, social_capital, other), in that order."""
    sums = {s: 0.0 for s in FUNDING_SOURCES}
    for p in _projects(dossier, projects):
        for s in FUNDING_SOURCES:
            sums[s] += p.funding.get(s)
    return sums


def funding_total(dossier: Dossier, projects: list[Project] | None = None) -> float:
    """All funding of all sources; equals ``total`` when every project's funding adds up."""
    return float(sum(by_source(dossier, projects).values()))


def format_wan(amount: float | int | None) -> str:
    """``12,345.6`` — thousands separators and at most two decimals (no unit; callers add 万元)."""
    if amount is None:
        return ""
    text = f"{float(amount):,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
