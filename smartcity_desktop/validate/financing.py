"""The checks a reviewer makes on projects and money: the annual plan, the budget, the financing facts.

Pure functions of the dossier, like ``rules``. ``budget_exceeded`` is the ONE implementation of
"project fiscal money above the condition-3 budget": the validation rule here and the analysis
(``budget_exceeded`` finding) both call it, so the two can never disagree.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier
from smartcity_desktop.model import investment as inv
from smartcity_desktop.model.dossier import Project
from smartcity_desktop.model.fields import BUDGET_CONDITION
from smartcity_desktop.model.keys import budget_key, condition_key, plan_key
from smartcity_desktop.validate.findings import ERROR, WARNING, Finding

REPAYMENT_MODES = ("ppp", "concession")  # modes whose investment is repaid from the project's revenue


def _fmt(value: float) -> str:
    return inv.format_wan(value)


def _label(p: Project) -> str:
    return p.name or tr("项目 {order}", order=p.order)


def creation_period(d: Dossier) -> tuple[int | None, int | None]:
    """The declared creation period (创建期) ``profile.creation_start_year..creation_end_year``."""
    start, end = d.get("profile.creation_start_year"), d.get("profile.creation_end_year")
    return (int(start) if start is not None else None, int(end) if end is not None else None)


@dataclass(frozen=True)
class BudgetExcess:
    """Projects' fiscal money above what condition 三 says the government budgeted or committed."""

    fiscal: float  # the sum of projects[*].funding[fiscal].amount_wan
    budget: float  # the sum of conditions[3].budget[*].amount_wan (0 when none is declared)
    declared: bool  # whether any budget year is filled in
    key: str  # the field to show: the first budget year (or condition 三's status when none)

    @property
    def excess(self) -> float:
        return self.fiscal - self.budget


def budget_exceeded(d: Dossier) -> BudgetExcess | None:
    """``BudgetExcess`` when the projects' fiscal money is above the budgeted total, else None.

    Called by the validation rule below and by the analysis (finding kind ``budget_exceeded``)."""
    fiscal = float(sum(p.funding.fiscal for p in d.projects()))
    budget = d.budget()
    total = float(sum(budget.values()))
    if fiscal - total <= inv.MONEY_TOLERANCE:
        return None
    if budget:
        key = budget_key(min(budget))
    else:
        start, _end = creation_period(d)
        years = [y for p in d.projects() for y in p.plan] + [y for p in d.projects() if (y := p.start_year)]
        first = start or (min(years) if years else None)
        key = budget_key(first) if first else condition_key(BUDGET_CONDITION, "status")
    return BudgetExcess(fiscal, total, bool(budget), key)


def plan_rules(d: Dossier) -> Iterator[Finding]:
    """The declared annual plan: present (warning), adds up (error), inside the build years (error)."""
    for p in d.projects():
        label = _label(p)
        if not p.plan:
            if p.investment_wan:
                first = p.start_year or p.end_year
                key = plan_key(p.id, first) if first else p.key("start_year")
                yield Finding(WARNING, key, tr("{label}：尚未申报分年度投资计划", label=label), "project.plan_missing")
            continue
        span = inv.project_years(p)
        if p.start_year and p.end_year and span:
            for year in p.plan:
                if year not in span:
                    yield Finding(ERROR, plan_key(p.id, year),
                                  tr("{label}：{year} 年的计划投资不在建设期 {start}—{end} 年内", label=label, year=year,
                                     start=p.start_year, end=p.end_year), "project.plan_years")
        if p.investment_wan is not None and abs(inv.plan_gap(p)) > inv.MONEY_TOLERANCE:
            yield Finding(ERROR, plan_key(p.id, max(p.plan)),
                          tr("{label}：分年度计划合计 {sum} 万元，与总投资 {investment} 万元不一致", label=label,
                             sum=_fmt(p.plan_total), investment=_fmt(float(p.investment_wan))), "project.plan_sum")


def budget_rules(d: Dossier) -> Iterator[Finding]:
    excess = budget_exceeded(d)
    if excess is None:
        return
    if excess.declared:
        message = tr("项目财政资金合计 {fiscal} 万元，超过申报条件 {n} 中的财政预算安排 {budget} 万元（超出 {excess} 万元）",
                     fiscal=_fmt(excess.fiscal), n=BUDGET_CONDITION, budget=_fmt(excess.budget),
                     excess=_fmt(excess.excess))
    else:
        message = tr("项目财政资金合计 {fiscal} 万元，但申报条件 {n} 尚未填写分年度财政预算安排", fiscal=_fmt(excess.fiscal),
                     n=BUDGET_CONDITION)
    yield Finding(WARNING, excess.key, message, "financing.budget_exceeded")


def financing_rules(d: Dossier) -> Iterator[Finding]:
    """PPP/concession without a repayment source; projects outside the creation period."""
    start, end = creation_period(d)
    for p in d.projects():
        label = _label(p)
        if p.financing_mode in REPAYMENT_MODES and not p.repayment_source:
            yield Finding(WARNING, p.key("repayment_source"),
                          tr("{label}：采用{mode}模式，请写明还款来源", label=label,
                             mode="PPP" if p.financing_mode == "ppp" else tr("特许经营")), "financing.repayment")
        if start is not None and p.start_year is not None and p.start_year < start:
            yield Finding(WARNING, p.key("start_year"),
                          tr("{label}：开始年份 {year} 早于创建期（{start}—{end} 年）", label=label, year=p.start_year,
                             start=start, end=end if end is not None else ""), "financing.before_period")
        if end is not None and p.end_year is not None and p.end_year > end:
            yield Finding(WARNING, p.key("end_year"),
                          tr("{label}：完成年份 {year} 晚于创建期（{start}—{end} 年）", label=label, year=p.end_year,
                             start=start if start is not None else "", end=end), "financing.after_period")


FINANCING_RULES = (plan_rules, budget_rules, financing_rules)
