"""What both exports show, prepared once from the dossier: display texts by field key plus the
structures a template loops over (indicator groups, the overview, projects, investment summaries).

The .docx template and the .xlsx writer read the same ``ExportData`` so the declaration and the
workbook can never disagree on a total or a label.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from smartcity_desktop.i18n import pick, tr
from smartcity_desktop.model import Dossier
from smartcity_desktop.model import investment as inv
from smartcity_desktop.model.dossier import Project
from smartcity_desktop.model.fields import FUNDING_SOURCES, PROFILE_FIELDS, choice_label, parse_key
from smartcity_desktop.model.keys import condition_key, indicator_owner, prefix_of, profile_key
from smartcity_desktop.model.vocabulary import display_key, fmt_date

CN_NUMERALS = "一二三四五六七八九十"
# XML 1.0 forbids these; Word's manual line break (\x0b) and page break (\x0c) arrive by paste.
_BAD_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text safe for an XML part: Word's vertical tab becomes a newline, other control chars go."""
    return _BAD_XML.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n").replace("\r\n", "\n"))


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二 (enough for chapter and item numbers)."""
    if n <= 10:
        return CN_NUMERALS[n - 1]
    if n < 20:
        return "十" + CN_NUMERALS[n - 11]
    tens, ones = divmod(n, 10)
    return CN_NUMERALS[tens - 1] + "十" + (CN_NUMERALS[ones - 1] if ones else "")


def fmt_amount(value: float | None) -> str:
    """万元 with thousands separators and two decimals, as the workbook's #,##0.00 cells show it, so
    the declaration and the workbook print the same figure; blank if unknown."""
    return "" if value is None else f"{value:,.2f}"


def display(key: str, value: Any) -> str:
    """One stored value as the text a reader of the declaration sees: the model's ``display``, XML-safe."""
    return clean(display_key(key, value))


class Fields(dict[str, str]):
    """``f['applicant.name']`` in a template: display text by field key, blank for unknown keys."""

    def __missing__(self, key: str) -> str:
        return ""


def paragraphs(text: str | None) -> list[str]:
    return [line.strip() for line in clean(text or "").split("\n") if line.strip()]


@dataclass
class ProjectRow:
    no: int
    id: str
    name: str
    content: str
    indicators: str
    area: str
    lead_unit: str
    start_year: int | None
    end_year: int | None
    years: str
    investment: float
    funding: dict[str, float]
    funding_total: float
    plan: str = ""  # the DECLARED annual plan, "2014年 150万元、2015年 620.5万元" ("" when none)

    def as_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in ("no", "id", "name", "content", "indicators", "area", "lead_unit",
                                             "years", "plan")}
        out["investment"] = fmt_amount(self.investment)
        out.update({s: fmt_amount(v) for s, v in self.funding.items()})
        out["funding_total"] = fmt_amount(self.funding_total)
        return out


@dataclass
class Summary:
    label: str
    amount: float
    count: int = 0

    def as_dict(self, total: float) -> dict[str, Any]:
        share = f"{100 * self.amount / total:.1f}%" if total else ""
        return {"label": self.label, "amount": fmt_amount(self.amount), "count": self.count, "share": share}


@dataclass
class ExportData:
    """Everything the two exports show; ``context()`` is what the Word template sees."""

    dossier: Dossier
    fields: Fields
    facts: list[dict[str, str]]
    conditions: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    overview: list[dict[str, str]]
    projects: list[ProjectRow]
    by_area: list[Summary]
    by_year: list[Summary]
    by_source: list[Summary]
    attachments: list[dict[str, Any]]
    project_models: list[Project] = field(default_factory=list)
    metrics: list[dict[str, str]] = field(default_factory=list)
    overview_groups: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total_investment(self) -> float:
        return sum(p.investment for p in self.projects)

    @property
    def total_funding(self) -> dict[str, float]:
        return {s: sum(p.funding[s] for p in self.projects) for s in FUNDING_SOURCES}

    def context(self) -> dict[str, Any]:
        total = self.total_investment
        funding = self.total_funding
        f = self.fields
        return {
            "f": f,
            "lines": lambda key: paragraphs(self.dossier.get(key) if isinstance(key, str) else None),
            "title": tr("国家智慧城市试点申报书"),
            "level_label": f["applicant.level"],
            "today": fmt_date(date.today().isoformat()),
            "facts": self.facts,
            "conditions": self.conditions,
            "groups": self.groups,
            "overview": self.overview,
            "projects": [p.as_dict() for p in self.projects],
            "project_total": {"investment": fmt_amount(total), "funding_total": fmt_amount(sum(funding.values())),
                              **{s: fmt_amount(v) for s, v in funding.items()}, "count": len(self.projects)},
            "by_area": [s.as_dict(total) for s in self.by_area],
            "by_year": [s.as_dict(total) for s in self.by_year],
            "by_source": [s.as_dict(sum(funding.values())) for s in self.by_source],
            "attachments": self.attachments,
            "metrics": self.metrics,
            "overview_groups": self.overview_groups,
            "creation_period": creation_period(self.dossier),
            # a district, county or town declares with its city's opinion; a 设市城市 does not
            "city_opinion": self.dossier.get("applicant.level") in ("district", "county", "town"),
        }


def creation_period(dossier: Dossier) -> str:
    """``2013年至2015年`` (or one end only), blank when neither year is given."""
    start, end = dossier.get("profile.creation_start_year"), dossier.get("profile.creation_end_year")
    if start and end:
        return f"{start}年至{end}年" if start != end else f"{start}年"
    if start or end:
        return tr("{year}年起", year=start) if start else tr("至{year}年", year=end)
    return ""


def metric_text(m: Any) -> str:
    """One quantified target in a sentence: ``公交准点率：78% → 90%``."""
    unit = clean(m.unit or "")

    def value(v: str | None) -> str:
        return f"{clean(v)}{unit}" if v and unit and unit not in v else clean(v or "")

    name = clean(m.name or "")
    if not m.target:  # a target still to be set: the metric's name alone (validation warns about it)
        return name
    if m.baseline and m.baseline.strip() not in ("—", "-"):
        return f"{name}：{value(m.baseline)} → {value(m.target)}"
    return f"{name}：{value(m.target)}"


def _areas(dossier: Dossier, project: Project) -> str:
    """The level-1 areas a project serves, joined with 、 (its investment is split equally among them)."""
    ids = inv.level1_ids(dossier, project)
    return "、".join(clean(l1.label) for l1 in dossier.scheme.level1 if l1.id in ids)


def _project_rows(dossier: Dossier, models: list[Project]) -> list[ProjectRow]:
    rows = []
    for n, p in enumerate(models, start=1):
        funding = {s: p.funding.get(s) for s in FUNDING_SOURCES}
        years = "—".join(str(y) for y in (p.start_year, p.end_year) if y) if p.start_year != p.end_year \
            else str(p.start_year or "")
        rows.append(ProjectRow(
            no=n, id=p.id, name=clean(p.name or ""), content=clean(p.content or ""),
            indicators="、".join(p.indicators), area=_areas(dossier, p),
            lead_unit=clean(p.lead_unit or ""), start_year=p.start_year, end_year=p.end_year, years=years,
            investment=float(p.investment_wan or 0), funding=funding, funding_total=p.funding.total,
            plan="、".join(tr("{year}年 {amount}万元", year=y, amount=fmt_amount(a)) for y, a in p.plan.items())))
    return rows


def build_export_data(dossier: Dossier, attachments: Iterable[Any] = (),
                      pages: dict[str, int | None] | None = None) -> ExportData:
    """Prepare the export once. ``attachments`` are the project file's Attachment records;
    ``pages`` their page counts by attachment id where known (see page_count.py)."""
    scheme = dossier.scheme
    values = dossier.values()
    fields = Fields()
    for key in dossier.field_order():
        fields[key] = display(key, values.get(key))
    for key, value in values.items():
        if key not in fields:
            try:
                fields[key] = display(key, value)
            except Exception:  # noqa: BLE001 - a key of a newer program version: shown raw rather than failing
                fields[key] = clean(str(value))
    rate = dossier.urbanisation_rate()
    fields["profile.urbanisation_rate"] = f"{rate}%" if rate is not None else ""
    pages = pages or {}

    names: dict[str, list[str]] = {}
    attachment_rows = []
    for n, att in enumerate(attachments, start=1):
        names.setdefault(att.target, []).append(clean(att.name))
        count = pages.get(att.id)
        attachment_rows.append({"no": n, "name": clean(att.name), "target": _target_label(dossier, att.target),
                                "size": _size(att.size), "pages": str(count) if count else "—", "copies": "1"})

    facts = []
    for name, spec in PROFILE_FIELDS.items():
        if spec.kind in ("number", "int"):  # the years (kind "year") are said above and below the table
            facts.append({"label": spec.label_text, "value": fields[profile_key(name)], "unit": spec.unit_text})
            if name == "urban_population":
                facts.append({"label": tr("城镇化率"), "value": fields["profile.urbanisation_rate"].rstrip("%"),
                              "unit": "%"})

    conditions = []
    for n, cond in enumerate(scheme.conditions, start=1):
        answer = dossier.condition(cond.id)
        conditions.append({
            "no": n, "cn": cn_number(n), "id": cond.id, "text": clean(cond.label),
            "note": scheme.provenance_note(cond.provenance) if scheme.is_summary(cond.provenance) else "",
            "status": choice_label("condition_status", answer.status) if answer.status else tr("未填写"),
            "evidence": paragraphs(answer.evidence),
            "documents": "、".join(names.get(condition_key(cond.id, "documents"), [])),
        })

    linked = dossier.projects()
    projects = _project_rows(dossier, linked)
    project_names = {p.id: p.name for p in projects}
    groups: list[dict[str, Any]] = []
    overview: list[dict[str, str]] = []
    overview_groups: list[dict[str, Any]] = []
    metric_rows: list[dict[str, str]] = []
    for n1, l1 in enumerate(scheme.level1, start=1):
        children = []
        first_row = len(overview)
        for n2, l2 in enumerate(l1.children, start=1):
            items = []
            for ind in l2.indicators:
                a = dossier.indicator(ind.id, linked)
                prefix = prefix_of(indicator_owner(ind.id))
                item: dict[str, Any] = {
                    "id": ind.id, "name": clean(ind.label), "explanation": clean(pick(ind.explanation)),
                    "note": scheme.provenance_note(ind.provenance) if scheme.is_summary(ind.provenance) else "",
                    "applicable": a.applicable, "applicable_label": fields[prefix + "applicable"]
                    or choice_label("bool", "true"),
                    "reason": paragraphs(a.not_applicable_reason),
                    "current_state": paragraphs(a.current_state), "target": paragraphs(a.target),
                    "measures": paragraphs(a.measures), "lead_unit": fields[prefix + "lead_unit"],
                    "deadline": fields[prefix + "deadline"], "readiness": fields[prefix + "readiness"],
                    "projects": "、".join(project_names.get(p, p) for p in a.projects),
                    "documents": "、".join(names.get(prefix + "documents", [])),
                    "metrics": "；".join(metric_text(m) for m in dossier.metrics(ind.id) if m.name)
                    if a.applicable else "",
                }
                if a.applicable:
                    metric_rows += [{"id": ind.id, "indicator": item["name"], "name": clean(m.name or ""),
                                     "unit": clean(m.unit or ""), "baseline": clean(m.baseline or ""),
                                     "target": clean(m.target or "")} for m in dossier.metrics(ind.id) if m.name]
                items.append(item)
                overview.append({"l1": clean(l1.label), "l2": clean(l2.label), "id": ind.id, "name": item["name"],
                                 "applicable": item["applicable_label"], "readiness": item["readiness"],
                                 "lead_unit": item["lead_unit"] if a.applicable else "",
                                 "deadline": item["deadline"] if a.applicable else ""})
            children.append({"no": n2, "id": l2.id, "name": clean(l2.label), "indicators": items})
        groups.append({"no": n1, "cn": cn_number(n1), "id": l1.id, "name": clean(l1.label), "children": children})
        overview_groups.append({"no": n1, "cn": cn_number(n1), "name": clean(l1.label), "rows": overview[first_row:]})

    # The allocation rules live in model/investment.py (shared with the projects page).
    areas_of = {p.id: inv.level1_ids(dossier, p) for p in linked}
    by_area = [Summary(clean(label), amount,
                       sum(1 for ids in areas_of.values() if (area in ids if area else not ids)))
               for area, label, amount in inv.by_level1(dossier, linked)]
    by_year = [Summary(str(year), amount, sum(1 for p in linked if p.plan.get(year)))
               for year, amount in inv.by_year(dossier, linked).items()]  # the DECLARED plans only
    undated = inv.unscheduled(dossier, linked)
    if undated:
        by_year.append(Summary(tr("未申报年度计划"), undated, sum(1 for p in linked if not p.plan and p.investment_wan)))
    by_source = [Summary(choice_label("funding", s), amount, sum(1 for p in linked if p.funding.get(s)))
                 for s, amount in inv.by_source(dossier, linked).items()]
    return ExportData(dossier=dossier, fields=fields, facts=facts, conditions=conditions, groups=groups,
                      overview=overview, projects=projects, by_area=by_area, by_year=by_year, by_source=by_source,
                      attachments=attachment_rows, project_models=linked,
                      metrics=metric_rows, overview_groups=overview_groups)


def _size(size: int) -> str:
    from smartcity_desktop.store.projectfile import human_size

    return human_size(size)


def _target_label(dossier: Dossier, target: str) -> str:
    """``conditions[2].documents`` -> 申报条件二; ``indicators[2.1.2].documents`` -> 指标 2.1.2 name."""
    try:
        parsed = parse_key(target)
    except Exception:  # noqa: BLE001 - not a field key: shown as it is
        return target
    if parsed.section == "conditions":
        ids = [c.id for c in dossier.scheme.conditions]
        n = ids.index(parsed.item) + 1 if parsed.item in ids else 0
        return tr("申报条件{n}", n=cn_number(n)) if n else target
    if parsed.section == "indicators" and dossier.scheme.has_indicator(parsed.item):
        return f"{parsed.item} {dossier.scheme.indicator(parsed.item).label}"
    return target
