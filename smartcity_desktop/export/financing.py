"""投融资方案 (the projects' investment and financing plan, a required material since the 2014 round):
a Word document from its own restylable template and a workbook with the same tables.

Both are built from one ``financing_context`` so they can never disagree on a figure. The annual
figures are the projects' DECLARED plans only; a project without a plan is named as such, never
split by the program. The document's layout lives in resources/templates/投融资方案模板.docx (made by
tools/make_financing_template.py), so an office can restyle it in Word without a code change.
"""
from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from jinja2 import TemplateError
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook

from smartcity_desktop.errors import DataProblem
from smartcity_desktop.export.context import ExportData, clean, fmt_amount, paragraphs
from smartcity_desktop.export.fastzip import fast_zip
from smartcity_desktop.export.financing_tables import write_plan_sheet
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import investment as inv
from smartcity_desktop.model.fields import (
    BUDGET_CONDITION,
    FINANCING_MODES,
    FUNDING_SOURCES,
    FUNDING_STATUSES,
    PROJECT_NATURES,
    choice_label,
)
from smartcity_desktop.model.keys import condition_key
from smartcity_desktop.paths import user_data_dir
from smartcity_desktop.resources import resource_path

TEMPLATE_NAME = "投融资方案模板.docx"
DOC_SUFFIX = "投融资方案"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def default_template() -> Path:
    """The user's own template (``<data dir>/templates/投融资方案模板.docx``) wins over the shipped one."""
    own = user_data_dir() / "templates" / TEMPLATE_NAME
    return own if own.is_file() else resource_path("templates", TEMPLATE_NAME)


def file_stem(applicant: str | None) -> str:
    """``<applicant>-投融资方案``: the applicant's name made safe as a file name on every system."""
    name = _UNSAFE.sub("", (applicant or "").strip()).strip(". ")[:60]
    return f"{name or tr('申报单位')}-{DOC_SUFFIX}"


def mode_explanations() -> dict[str, str]:
    """What each financing mode means and what a reviewer expects to see stated for it."""
    return {
        "government_investment": tr("由本级财政预算安排资金（含上级补助），按政府投资项目管理程序审批建设；须列入年度财政预算和政府投资计划。"),
        "ppp": tr("政府和社会资本合作：通过竞争方式选择社会资本方组建项目公司，负责投资、建设和运营；社会资本通过使用者付费及必要的"
                  "政府付费获得合理回报，须完成物有所值评价和财政承受能力论证，并写明还款来源。"),
        "concession": tr("特许经营：政府授予企业在一定期限和范围内投资建设运营项目并收费的权利，期满移交；须写明收费等还款来源和特许经营期限。"),
        "purchase_of_services": tr("政府购买服务：由企业投资建设并提供服务，政府按合同约定的服务数量和质量付费，费用列入年度财政预算。"),
        "energy_performance_contract": tr("合同能源管理：由节能服务公司投资实施节能改造，以合同期内节约的能源费用分享收回投资。"),
        "enterprise_self_funded": tr("企业自筹：由项目业主（企业）以自有资金和银行贷款投资建设，自主经营、自负盈亏。"),
        "other": tr("其他方式：请在项目的资金来源和还款来源中写明具体安排。"),
    }


def _share(amount: float, total: float) -> str:
    return f"{100 * amount / total:.1f}%" if total else ""


def _group(projects: list[Any], attr: str, values: tuple[str, ...], group: str, total: float) -> list[dict[str, Any]]:
    rows = []
    for value in (*values, None):
        members = [p for p in projects if getattr(p, attr) == value]
        if not members:
            continue
        amount = sum(float(p.investment_wan or 0) for p in members)
        rows.append({"label": choice_label(group, value) if value else tr("未填写"), "count": len(members),
                     "amount": fmt_amount(amount), "share": _share(amount, total), "value": value or "",
                     "amount_value": amount,
                     "projects": "、".join(clean(p.name or p.id) for p in members)})
    return rows


def financing_context(data: ExportData) -> dict[str, Any]:
    """What the 投融资方案 shows (the Word template's context, and the workbook's content)."""
    d = data.dossier
    models = data.project_models
    total = data.total_investment
    funding = data.total_funding
    funded = sum(funding.values())
    years = inv.by_year(d, models)
    budget = d.budget()
    undeclared = [p for p in models if not p.plan and p.investment_wan]
    starts = [p.start_year for p in models if p.start_year]
    ends = [p.end_year for p in models if p.end_year]
    rows = []
    for row, p in zip(data.projects, models):
        sources = "；".join(f"{choice_label('funding', s)} {fmt_amount(p.funding.get(s))}"
                           for s in FUNDING_SOURCES if p.funding.get(s))
        plan = "；".join(f"{y}年 {fmt_amount(a)}" for y, a in p.plan.items())
        rows.append({
            "no": row.no, "id": p.id, "name": row.name, "owner": clean(p.owner or ""), "lead_unit": row.lead_unit,
            "nature": choice_label("nature", p.nature) if p.nature else "",
            "mode": choice_label("financing_mode", p.financing_mode) if p.financing_mode else "",
            "status": choice_label("funding_status", p.funding_status) if p.funding_status else "",
            "years": row.years, "investment": fmt_amount(row.investment), "sources": sources,
            "plan": plan or tr("尚未申报"), "plan_declared": bool(p.plan),
            "preparation": paragraphs(p.preparation), "om_funding": paragraphs(p.om_funding),
            "repayment": paragraphs(p.repayment_source),
            **{s: fmt_amount(p.funding.get(s)) for s in FUNDING_SOURCES},
        })
    explanations = mode_explanations()
    modes = _group(models, "financing_mode", FINANCING_MODES, "financing_mode", total)
    for m in modes:
        m["explanation"] = explanations.get(m["value"], "") if m["value"] else tr("以下项目尚未确定融资模式，请补充。")
    year_rows = [{"label": str(y), "amount": fmt_amount(a), "share": _share(a, total),
                  "count": sum(1 for p in models if p.plan.get(y)),
                  "budget": fmt_amount(budget[y]) if y in budget else ""} for y, a in years.items()]
    fiscal = funding["fiscal"]
    budget_total = float(sum(budget.values()))
    from smartcity_desktop.validate import ERROR, validate

    draft = any(f.severity == ERROR for f in validate(d))  # a dossier with errors exports as 草稿
    return {
        "draft": draft,
        "f": data.fields,
        "lines": lambda key: paragraphs(d.get(key) if isinstance(key, str) else None),
        "title": tr("智慧城市项目投融资方案"),
        "today": data.context()["today"],
        "summary": {
            "count": len(models), "investment": fmt_amount(total), "funded": fmt_amount(funded),
            "start": min(starts) if starts else "", "end": max(ends) if ends else "",
            "fiscal": fmt_amount(fiscal), "fiscal_share": _share(fiscal, funded),
            "social": fmt_amount(funding["social_capital"]), "social_share": _share(funding["social_capital"], funded),
            "bank": fmt_amount(funding["bank_loan"]), "bank_share": _share(funding["bank_loan"], funded),
            "declared_count": len(models) - len(undeclared),
            "declared_amount": fmt_amount(sum(years.values())),
        },
        "by_nature": _group(models, "nature", PROJECT_NATURES, "nature", total),
        "by_source": [{"label": choice_label("funding", s), "amount": fmt_amount(funding[s]),
                       "share": _share(funding[s], funded)} for s in FUNDING_SOURCES],
        "by_mode": modes,
        "by_status": _group(models, "funding_status", FUNDING_STATUSES, "funding_status", total),
        "by_year": year_rows,
        "undeclared": [{"name": clean(p.name or p.id), "investment": fmt_amount(float(p.investment_wan or 0))}
                       for p in undeclared],
        "undeclared_amount": fmt_amount(inv.unscheduled(d, models)),
        "projects": rows,
        "budget": [{"label": str(y), "amount": fmt_amount(a)} for y, a in budget.items()],
        "budget_total": fmt_amount(budget_total) if budget else "",
        "budget_condition": BUDGET_CONDITION,
        "budget_evidence": paragraphs(d.get(condition_key(BUDGET_CONDITION, "evidence"))),
        "funding_measures": paragraphs(d.get("safeguards.funding")),
        "totals": {"investment": fmt_amount(total), "funded": fmt_amount(funded),
                   "declared": fmt_amount(sum(years.values())), "count": len(models),
                   **{s: fmt_amount(v) for s, v in funding.items()}},
    }


# -- Word ---------------------------------------------------------------------------------------------
def render_financing_docx(data: ExportData, template: Path | None = None) -> bytes:
    """The 投融资方案 as .docx bytes (sandboxed, autoescaped rendering like the 申报书)."""
    from smartcity_desktop.export.docx_export import (
        jinja_env,
        load_template,
        merge_marked_tables,
    )

    path = template or default_template()
    tpl = load_template(path)
    try:
        tpl.render(financing_context(data), jinja_env=jinja_env(), autoescape=True)
    except TemplateError as exc:
        raise DataProblem(tr("投融资方案模板 {name} 有错误：{detail}", name=path.name, detail=str(exc)[:200])) from None
    merge_marked_tables(tpl.docx.element.body)
    out = io.BytesIO()
    with fast_zip():
        tpl.save(out)
    return out.getvalue()


# -- Excel --------------------------------------------------------------------------------------------
def render_financing_xlsx(data: ExportData, dossier_id: str = "") -> bytes:
    """The 投融资方案 workbook: summary tables with live formulas (and cached results), the project
    financing and annual-plan sheet with drop-downs, A4 print set-up on every sheet."""
    from smartcity_desktop.export.xlsx_export import (
        Styles,
        _put_number,
        _put_text,
        _setup_sheet,
    )

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                   "strings_to_urls": False})
    wb.set_properties({"title": tr("智慧城市项目投融资方案"), "author": "smartcity-desktop",
                       "created": datetime(2000, 1, 1)})
    st = Styles(wb)
    summary = wb.add_worksheet(tr("投融资汇总"))
    plan = write_plan_sheet(wb, data, st, _setup_sheet, _put_text, _put_number, tr("项目投融资与年度计划"))
    _financing_summary(wb, summary, data, st, plan)
    summary.activate()
    with fast_zip():
        wb.close()
    return out.getvalue()


def _financing_summary(wb: Workbook, ws: Any, data: ExportData, st: Any, plan: Any) -> None:
    ctx = financing_context(data)
    d = data.dossier
    models = data.project_models
    ws.set_column(0, 0, 2)
    ws.set_column(1, 1, 30)
    ws.set_column(2, 5, 15)
    ws.set_portrait()
    ws.set_paper(9)
    ws.set_margins(left=0.6, right=0.6, top=0.8, bottom=0.8)
    ws.fit_to_pages(1, 0)
    ws.set_footer(tr("&C第 &P 页，共 &N 页"))
    title = tr("{name}智慧城市项目投融资方案（单位：万元）", name=data.fields["applicant.name"])
    if ctx["draft"]:
        title = tr("【草稿】") + title
    ws.write_string(0, 1, title, st.title)
    row = 2
    invest_col = plan.column(plan.investment_col)
    total_cell = f"'{plan.sheet}'!{xl_rowcol_to_cell(plan.last, plan.investment_col, True, True)}"
    total = data.total_investment

    def header(text: str, heads: list[str]) -> None:
        nonlocal row
        ws.write_string(row, 1, text, st.title)
        row += 1
        for c, h in enumerate(heads, start=1):
            ws.write_string(row, c, h, st.header)
        row += 1

    def share(r: int, amount: float) -> None:
        """Column E: the amount in column D as a share of the total investment."""
        ws.write_formula(r, 4, f"=IF({total_cell}=0,0,{xl_rowcol_to_cell(r, 3)}/{total_cell})", st.percent,
                         amount / total if total else 0)

    # 一、总体投资规模 — by project nature (SUMIF over the plan sheet's nature column)
    header(tr("一、总体投资规模（按项目性质）"), [tr("项目性质"), tr("项目数"), tr("投资"), tr("占比")])
    start = row
    nature_col = plan.column(6)
    for value in PROJECT_NATURES:
        label = choice_label("nature", value)
        amount = sum(float(p.investment_wan or 0) for p in models if p.nature == value)
        count = sum(1 for p in models if p.nature == value)
        ws.write_string(row, 1, label, st.fixed)
        ws.write_formula(row, 2, f'=COUNTIF({nature_col},"{label}")', st.fixed, count)
        ws.write_formula(row, 3, f'=SUMIF({nature_col},"{label}",{invest_col})', st.amount_fixed, amount)
        share(row, amount)
        row += 1
    rest = sum(float(p.investment_wan or 0) for p in models if p.nature not in PROJECT_NATURES)
    ws.write_string(row, 1, tr("未填写"), st.fixed)
    ws.write_formula(row, 2, f"=COUNTA('{plan.sheet}'!$B${plan.first}:$B${plan.last})-SUM("
                             f"{xl_rowcol_to_cell(start, 2)}:{xl_rowcol_to_cell(row - 1, 2)})", st.fixed,
                     sum(1 for p in models if p.nature not in PROJECT_NATURES))
    ws.write_formula(row, 3, f"={total_cell}-SUM({xl_rowcol_to_cell(start, 3)}:{xl_rowcol_to_cell(row - 1, 3)})",
                     st.amount_fixed, rest)
    share(row, rest)
    row += 1
    ws.write_string(row, 1, tr("合计"), st.total)
    ws.write_formula(row, 2, f"=SUM({xl_rowcol_to_cell(start, 2)}:{xl_rowcol_to_cell(row - 1, 2)})", st.total,
                     len(models))
    ws.write_formula(row, 3, f"=SUM({xl_rowcol_to_cell(start, 3)}:{xl_rowcol_to_cell(row - 1, 3)})",
                     st.total_amount, total)
    row += 3

    # 二、资金来源结构 (from the projects' funding; cached totals)
    header(tr("二、资金来源结构"), [tr("资金来源"), tr("金额"), tr("占比")])
    start = row
    funding = data.total_funding
    funded = sum(funding.values())
    for s in FUNDING_SOURCES:
        ws.write_string(row, 1, choice_label("funding", s), st.fixed)
        ws.write_number(row, 2, funding[s], st.amount_fixed)
        base = f"SUM({xl_rowcol_to_cell(start, 2, True, True)}:{xl_rowcol_to_cell(start + 3, 2, True, True)})"
        ws.write_formula(row, 3, f"=IF({base}=0,0,{xl_rowcol_to_cell(row, 2)}/{base})", st.percent,
                         funding[s] / funded if funded else 0)
        row += 1
    ws.write_string(row, 1, tr("合计"), st.total)
    ws.write_formula(row, 2, f"=SUM({xl_rowcol_to_cell(start, 2)}:{xl_rowcol_to_cell(row - 1, 2)})",
                     st.total_amount, funded)
    row += 3

    # 三、融资模式 (COUNTIF/SUMIF over the plan sheet's mode column)
    header(tr("三、融资模式"), [tr("融资模式"), tr("项目数"), tr("投资"), tr("占比")])
    mode_col = plan.column(7)
    for value in FINANCING_MODES:
        label = choice_label("financing_mode", value)
        amount = sum(float(p.investment_wan or 0) for p in models if p.financing_mode == value)
        ws.write_string(row, 1, label, st.fixed)
        ws.write_formula(row, 2, f'=COUNTIF({mode_col},"{label}")', st.fixed,
                         sum(1 for p in models if p.financing_mode == value))
        ws.write_formula(row, 3, f'=SUMIF({mode_col},"{label}",{invest_col})', st.amount_fixed, amount)
        share(row, amount)
        row += 1
    row += 2

    # 四、分年度资金需求 (declared plans) against the condition-3 budget
    header(tr("四、分年度资金需求（各项目申报的年度计划）"), [tr("年度"), tr("计划投资"), tr("财政预算安排"), tr("占比")])
    start = row
    budget = d.budget()
    years = inv.by_year(d, models)
    for year, amount in years.items():
        ws.write_number(row, 1, year, st.fixed)
        col = plan.year_cols.get(year)
        if col is None:
            ws.write_number(row, 2, amount, st.amount_fixed)
        else:
            ws.write_formula(row, 2, f"=SUM({plan.column(col)})", st.amount_fixed, amount)
        if year in budget:
            ws.write_number(row, 3, budget[year], st.amount_fixed)
        else:
            ws.write_blank(row, 3, None, st.amount_fixed)
        ws.write_formula(row, 4, f"=IF({total_cell}=0,0,{xl_rowcol_to_cell(row, 2)}/{total_cell})", st.percent,
                         amount / total if total else 0)
        row += 1
    undated = inv.unscheduled(d, models)
    ws.write_string(row, 1, tr("未申报年度计划"), st.fixed)
    ws.write_formula(row, 2, f"={total_cell}-SUM({xl_rowcol_to_cell(start, 2)}:{xl_rowcol_to_cell(max(row - 1, start), 2)})"
                     if years else f"={total_cell}", st.amount_fixed, undated)
    ws.write_blank(row, 3, None, st.amount_fixed)
    ws.write_formula(row, 4, f"=IF({total_cell}=0,0,{xl_rowcol_to_cell(row, 2)}/{total_cell})", st.percent,
                     undated / total if total else 0)
    row += 1
    ws.write_string(row, 1, tr("合计"), st.total)
    for c, cached in ((2, total), (3, float(sum(budget.values())))):
        ws.write_formula(row, c, f"=SUM({xl_rowcol_to_cell(start, c)}:{xl_rowcol_to_cell(row - 1, c)})",
                         st.total_amount, cached)
    row += 2
    for text in (tr("项目财政资金合计 {fiscal} 万元；申报条件{n}中的财政预算安排合计 {budget} 万元。",
                    fiscal=ctx["summary"]["fiscal"], n=BUDGET_CONDITION, budget=ctx["budget_total"] or "0"),
                 tr("说明：分年度数字只汇总各项目申报的年度计划，未申报年度计划的项目单列，程序不作平均分摊。")):
        ws.merge_range(row, 1, row, 4, "", st.note)
        ws.write_string(row, 1, text, st.note)
        ws.set_row(row, 30)
        row += 1
