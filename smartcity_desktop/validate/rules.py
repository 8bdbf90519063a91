"""The validation rules: pure functions of the dossier (which carries its scheme).

Each rule yields findings; ``validate`` runs them all. Keeping them pure (no file, no Qt, no clock)
means the GUI can run them on every edit, the CLI in a script, and a scoring scheme can later be
added the same way.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from smartcity_desktop.i18n import tr
from smartcity_desktop.model import (
    APPLICANT_FIELDS,
    CONDITION_FIELDS,
    INDICATOR_FIELDS,
    PROFILE_FIELDS,
    PROJECT_FIELDS,
    SAFEGUARD_FIELDS,
    Dossier,
)
from smartcity_desktop.model.investment import format_wan, money_differs
from smartcity_desktop.model.keys import (
    applicant_key,
    condition_owner,
    field_key,
    indicator_owner,
    prefix_of,
    profile_key,
    project_key,
    project_owner,
    safeguard_key,
)
from smartcity_desktop.model.rounds import condition_text
from smartcity_desktop.validate.declaration_rules import DECLARATION_RULES
from smartcity_desktop.validate.financing import FINANCING_RULES
from smartcity_desktop.validate.findings import ERROR, INFO, SEVERITY_RANK, WARNING, Finding
from smartcity_desktop.validate.references import attachment_rules
from smartcity_desktop.validate.round_rules import PLAN_OUTLINE_KEY, round_rules

Rule = Callable[[Dossier], Iterator[Finding]]
REQUIRED_APPLICANT = ("name", "level", "province", "unit", "leader", "contact_name", "contact_phone")
RECOMMENDED_APPLICANT = ("contact_email", "declaration_date", "recommender")
REQUIRED_PROFILE = ("area_km2", "population", "gdp", "fiscal_revenue")
RECOMMENDED_PROFILE = ("urban_population", "main_industries", "overview", "foundation", "goals")
REQUIRED_INDICATOR = ("current_state", "target", "measures", "lead_unit")
RECOMMENDED_INDICATOR = ("deadline", "readiness")
PLAN_CONDITION = "2"  # 已完成智慧城市发展规划纲要编制: the outline itself should be attached
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[0-9+\-()（） ]{7,30}$")


def _missing(dossier: Dossier, key: str, label: str, severity: str, rule: str) -> Iterator[Finding]:
    if dossier.get(key) in (None, "", []):
        yield Finding(severity, key, tr("请填写“{label}”", label=label), rule)


def applicant_rules(d: Dossier) -> Iterator[Finding]:
    for name in REQUIRED_APPLICANT:
        yield from _missing(d, applicant_key(name), APPLICANT_FIELDS[name].label_text, ERROR, "applicant.required")
    for name in RECOMMENDED_APPLICANT:
        yield from _missing(d, applicant_key(name), APPLICANT_FIELDS[name].label_text, WARNING,
                            "applicant.recommended")
    email = d.get("applicant.contact_email")
    if email and not EMAIL.match(email):
        yield Finding(ERROR, "applicant.contact_email", tr("电子邮箱格式不正确"), "applicant.email")
    phone = d.get("applicant.contact_phone")
    if phone and not PHONE.match(phone):
        yield Finding(WARNING, "applicant.contact_phone", tr("联系电话格式看起来不正确"), "applicant.phone")


def profile_rules(d: Dossier) -> Iterator[Finding]:
    for name in REQUIRED_PROFILE:
        yield from _missing(d, profile_key(name), PROFILE_FIELDS[name].label_text, ERROR, "profile.required")
    for name in RECOMMENDED_PROFILE:
        yield from _missing(d, profile_key(name), PROFILE_FIELDS[name].label_text, WARNING, "profile.recommended")
    pop, urban = d.get("profile.population"), d.get("profile.urban_population")
    if pop is not None and urban is not None and urban > pop:
        yield Finding(ERROR, "profile.urban_population", tr("城镇人口不能多于常住人口"), "profile.urban")
    area, built = d.get("profile.area_km2"), d.get("profile.built_up_area_km2")
    if area is not None and built is not None and built > area:
        yield Finding(ERROR, "profile.built_up_area_km2", tr("建成区面积不能大于行政区域面积"), "profile.area")
    gdp, revenue = d.get("profile.gdp"), d.get("profile.fiscal_revenue")
    if gdp and revenue and revenue > gdp:
        yield Finding(WARNING, "profile.fiscal_revenue", tr("财政收入大于地区生产总值，请核对单位（万元）"),
                      "profile.revenue")


def condition_rules(d: Dossier) -> Iterator[Finding]:
    for cond in d.scheme.conditions:
        answer = d.condition(cond.id)
        key = condition_owner(cond.id)
        if answer.status is None:
            yield Finding(ERROR, field_key(key, "status"), tr("申报条件 {n} 尚未填写具备情况", n=cond.id), "condition.status")
        elif answer.status == "not_met":
            yield Finding(ERROR, field_key(key, "status"),
                          tr("不具备申报条件 {n}（{text}），不符合申报要求", n=cond.id, text=condition_text(d, cond.id)),
                          "condition.not_met")
        elif answer.status == "partial":
            yield Finding(WARNING, field_key(key, "status"),
                          tr("申报条件 {n} 仅部分具备，请在“情况说明及依据”中写明差距和完成时间", n=cond.id), "condition.partial")
        if answer.status in ("met", "partial") and not answer.evidence:
            yield Finding(ERROR, field_key(key, "evidence"),
                          tr("请填写申报条件 {n} 的“{label}”", n=cond.id, label=CONDITION_FIELDS["evidence"].label_text),
                          "condition.evidence")
        # The 规划纲要 lives in materials[plan_outline].documents (older dossiers: the condition's documents).
        if cond.id == PLAN_CONDITION and answer.status in ("met", "partial") and not answer.documents \
                and not d.get(PLAN_OUTLINE_KEY):
            yield Finding(WARNING, PLAN_OUTLINE_KEY, tr("尚未附上智慧城市发展规划纲要文件"), "condition.plan_document")


def indicator_rules(d: Dossier) -> Iterator[Finding]:
    fields = d.scheme.indicator_fields
    for answer in d.iter_indicators():
        key = indicator_owner(answer.id)
        name = d.scheme.indicator(answer.id).label
        if not answer.applicable:
            if not answer.not_applicable_reason and "not_applicable_reason" in fields:
                yield Finding(ERROR, field_key(key, "not_applicable_reason"),
                              tr("{iid} {name}：标为不适用时须说明理由", iid=answer.id, name=name),
                              "indicator.reason")
            continue
        for field in REQUIRED_INDICATOR:
            if field in fields and not getattr(answer, field):
                yield Finding(ERROR, field_key(key, field), tr("{iid} {name}：请填写“{label}”", iid=answer.id, name=name,
                                                          label=INDICATOR_FIELDS[field].label_text),
                              "indicator.required")
        for field in RECOMMENDED_INDICATOR:
            if field in fields and not getattr(answer, field):
                yield Finding(WARNING, field_key(key, field), tr("{iid} {name}：建议填写“{label}”", iid=answer.id, name=name,
                                                            label=INDICATOR_FIELDS[field].label_text),
                              "indicator.recommended")
        if answer.readiness in ("partial", "none") and not answer.projects:
            yield Finding(WARNING, field_key(key, "projects"),
                          tr("{iid} {name}：基础条件尚未达到“基础较好”，但没有支撑项目", iid=answer.id, name=name),
                          "indicator.no_project")
        for pid in answer.projects:
            if project_key(pid, "order") not in d and not d.keys_with_prefix(prefix_of(project_owner(pid))):
                yield Finding(ERROR, field_key(key, "projects"),
                              tr("{iid} {name}：关联的项目 {pid} 不存在", iid=answer.id, name=name, pid=pid),
                              "indicator.project_missing")


def project_rules(d: Dossier) -> Iterator[Finding]:
    projects = d.projects()
    if not projects:
        yield Finding(WARNING, "projects", tr("尚未填写任何建设项目"), "project.none")
    for p in projects:
        label = p.name or tr("项目 {order}", order=p.order)
        if not p.name:
            yield Finding(ERROR, p.key("name"), tr("{label}：请填写项目名称", label=label), "project.name")
        for field in ("content", "lead_unit", "start_year", "end_year"):
            if getattr(p, field) in (None, ""):
                yield Finding(WARNING, p.key(field), tr("{label}：请填写“{what}”", label=label,
                                                         what=PROJECT_FIELDS[field].label_text), "project.recommended")
        if p.start_year and p.end_year and p.start_year > p.end_year:
            yield Finding(ERROR, p.key("end_year"), tr("{label}：完成年份早于开始年份", label=label), "project.years")
        if not p.indicators:
            yield Finding(ERROR, p.key("indicators"), tr("{label}：至少要对应一个指标", label=label), "project.indicators")
        if p.investment_wan is None:
            yield Finding(ERROR, p.key("investment_wan"), tr("{label}：请填写总投资", label=label), "project.investment")
        elif money_differs(p.funding.total, p.investment_wan):
            yield Finding(ERROR, p.key("funding[fiscal].amount_wan"),
                          tr("{label}：各资金来源合计 {total} 万元，与总投资 {investment} 万元不一致", label=label,
                             total=_fmt(p.funding.total), investment=_fmt(p.investment_wan)),
                          "project.funding_sum")


def safeguard_rules(d: Dossier) -> Iterator[Finding]:
    for name in SAFEGUARD_FIELDS:
        yield from _missing(d, safeguard_key(name), SAFEGUARD_FIELDS[name].label_text, WARNING, "safeguards.recommended")


def summary_rules(d: Dossier) -> Iterator[Finding]:
    applicable = sum(1 for a in d.iter_indicators() if a.applicable)
    total = len(d.scheme.indicators)
    if applicable < total:
        yield Finding(INFO, "indicators", tr("{n} 项指标标为不适用（共 {total} 项）", n=total - applicable, total=total),
                      "indicator.not_applicable_count")


def conflict_rules(d: Dossier) -> Iterator[Finding]:
    """A departments merge left both values of a field (issue 14): an error until someone decides."""
    for key in sorted(d.conflict_keys):
        yield Finding(ERROR, key, tr("合并冲突尚未解决：牵头单位与本卷宗都改了这一项（用 merge --prefer 或冲突视图决定保留哪一个）"),
                      "merge.conflict")


def _fmt(value: float) -> str:
    return format_wan(value)  # the one money display: separators, at most two decimals


RULES: tuple[Rule, ...] = (applicant_rules, profile_rules, condition_rules, indicator_rules, project_rules,
                           safeguard_rules, summary_rules, attachment_rules, *FINANCING_RULES, round_rules)
RULES += DECLARATION_RULES  # statistics year, creation period, quantified targets (declaration_rules.py)
RULES += (conflict_rules,)


def validate(dossier: Dossier) -> list[Finding]:
    """Every finding, errors first, then in the dossier's reading order."""
    findings = [f for rule in RULES for f in rule(dossier)]
    order = {k: i for i, k in enumerate(dossier.field_order())}
    return sorted(findings, key=lambda f: (SEVERITY_RANK[f.severity], order.get(f.key, len(order))))
