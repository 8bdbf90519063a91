"""实施方案.docx: a draft of the implementation plan, built from the dossier and its own template.

The staff rewrite it into their final 实施方案; it gives them a complete skeleton in the official
style: 总体要求 and 创建目标 (with the quantified targets where present), 重点任务 by level-1 area (current
state, measures, lead unit, deadline per indicator), the 重点项目 table, an 分年度实施计划 from the
indicators' deadlines and the projects' years, and 保障措施. The template
(``resources/templates/实施方案模板.docx``, made by ``tools/make_plan_template.py``) holds the layout, so an
office can restyle it in Word; a user copy in ``<data dir>/templates/`` wins, as for the 申报书.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from smartcity_desktop.errors import DataProblem
from smartcity_desktop.export.context import (
    ExportData,
    clean,
    cn_number,
    fmt_amount,
    fmt_date,
    paragraphs,
)
from smartcity_desktop.export.docx_export import (
    jinja_env,
    load_template,
    merge_marked_tables,
)
from smartcity_desktop.export.fastzip import fast_zip
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import investment as inv
from smartcity_desktop.model.fields import METRIC_FIELDS
from smartcity_desktop.model.keys import FieldError, indicator_key, parse_key, safeguard_key
from smartcity_desktop.paths import user_data_dir
from smartcity_desktop.resources import resource_path

PLAN_TEMPLATE_NAME = "实施方案模板.docx"


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def plan_file_name(applicant: str | None) -> str:
    """``<applicant>-实施方案.docx`` (DESIGN.md: export file names start with the applicant's name)."""
    name = _UNSAFE_NAME.sub("", (applicant or "").strip()).strip(". ")[:60]
    return f"{name or tr('申报单位')}-实施方案.docx"


def default_plan_template() -> Path:
    own = user_data_dir() / "templates" / PLAN_TEMPLATE_NAME
    return own if own.is_file() else resource_path("templates", PLAN_TEMPLATE_NAME)


def _metrics(values: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """Quantified targets ``indicators[id].metrics[n].name|unit|baseline|target`` by indicator, in n order.
    Read by pattern, so the draft shows them whether or not this program version edits them."""
    found: dict[str, dict[int, dict[str, str]]] = {}
    for key, value in values.items():
        if value in (None, ""):
            continue
        try:
            parsed = parse_key(key)
        except FieldError:
            continue
        if parsed.name == "metrics" and parsed.part in METRIC_FIELDS:
            found.setdefault(parsed.item, {}).setdefault(int(parsed.source), {})[parsed.part] = clean(str(value))
    return {iid: [rows[n] for n in sorted(rows)] for iid, rows in found.items()}


def _year(deadline: str | None) -> int | None:
    return int(deadline[:4]) if deadline and deadline[:4].isdigit() else None


def plan_context(data: ExportData, *, draft: bool = False) -> dict[str, Any]:
    """What the 实施方案 template sees: the 申报书's context plus targets, tasks and the yearly plan."""
    d = data.dossier
    values = d.values()
    metrics = _metrics(values)
    ctx = data.context()
    targets: list[dict[str, Any]] = []
    areas: list[dict[str, Any]] = []
    deadlines: dict[int, list[str]] = {}
    applicable = 0
    for group in data.groups:
        tasks: list[dict[str, Any]] = []
        for child in group["children"]:
            for item in child["indicators"]:
                if not item["applicable"]:
                    continue
                applicable += 1
                rows = metrics.get(item["id"], [])
                if not (item["current_state"] or item["target"] or item["measures"] or item["lead_unit"]
                        or item["deadline"] or rows):
                    continue  # nothing written yet: the draft lists the tasks the staff have begun
                if item["target"] or rows:
                    targets.append({"id": item["id"], "name": item["name"], "target": "；".join(item["target"]),
                                    "metrics": "；".join(
                                        f"{r.get('name', '')}：{r.get('baseline', '—')}→{r.get('target', '—')}"
                                        f"{r.get('unit', '')}" for r in rows)})
                year = _year(d.get(indicator_key(item['id'], "deadline")))
                if year is not None:
                    deadlines.setdefault(year, []).append(f"{item['id']} {item['name']}")
                tasks.append({**item, "no": len(tasks) + 1, "cn": cn_number(len(tasks) + 1), "metrics": rows})
        if tasks:
            areas.append({"no": len(areas) + 1, "cn": cn_number(len(areas) + 1), "name": group["name"],
                          "tasks": tasks})
    per_year = inv.by_year(d, data.project_models)  # the declared annual plans
    running_years = {y for p in data.project_models for y in inv.project_years(p)}
    years = sorted(set(per_year) | set(deadlines) | running_years)
    yearly = []
    for year in years:
        running = [p.name or p.id for p in data.project_models if year in inv.project_years(p)]
        yearly.append({"year": f"{year}年", "tasks": "；".join(deadlines.get(year, [])) or "—",
                       "projects": "、".join(clean(n) for n in running) or "—",
                       "amount": fmt_amount(per_year.get(year, 0.0)) if year in per_year else "—"})
    start = d.get("profile.creation_start_year") or (min(years) if years else None)
    end = d.get("profile.creation_end_year") or (max(years) if years else None)
    period = f"{start}—{end}年" if start and end and start != end else (f"{start}年" if start else "")
    safeguards = [{"cn": cn_number(n), "label": label, "lines": paragraphs(d.get(safeguard_key(key)))}
                  for n, (key, label) in enumerate((("organisation", tr("组织保障")), ("policy", tr("政策保障")),
                                                    ("funding", tr("资金保障")), ("operation", tr("运营保障"))),
                                                   start=1)]
    ctx.update({"title": tr("国家智慧城市试点实施方案"), "draft": draft, "targets": targets, "areas": areas,
                "yearly": yearly, "period": period, "safeguard_items": safeguards,
                "indicator_count": applicable, "fmt_date": fmt_date})
    return ctx


def render_plan(data: ExportData, template: Path | None = None, *, draft: bool = False) -> bytes:
    """The rendered 实施方案 draft as .docx bytes."""
    path = template or default_plan_template()
    tpl = load_template(path)
    try:
        tpl.render(plan_context(data, draft=draft), jinja_env=jinja_env(), autoescape=True)
    except TemplateError as exc:
        raise DataProblem(tr("实施方案模板 {name} 有错误：{detail}", name=path.name, detail=str(exc)[:200])) from None
    merge_marked_tables(tpl.docx.element.body)
    out = io.BytesIO()
    with fast_zip():
        tpl.save(out)
    return out.getvalue()
