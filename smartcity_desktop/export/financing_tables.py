"""The projects' financing facts and declared annual plans as workbook sheets (XlsxWriter).

One writer for both workbooks that show them: the 指标自评表 (sheet "投融资与年度计划", importable back
like the projects sheet: its hidden row 1 names each column's field, column A the project id) and the
投融资方案 workbook. The by-year summaries of both sum the year columns written here, so what the
workbooks total is exactly the plan the applicant declared — never an even split.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from smartcity_desktop.export.context import ExportData
from smartcity_desktop.export.workbook_layout import KIND_PROJECTS, TOTAL_MARK
from smartcity_desktop.i18n import tr
from smartcity_desktop.model.fields import CHOICE_LABELS, PROJECT_FIELDS, choice_label
from smartcity_desktop.model.investment import plan_years
from smartcity_desktop.model.keys import plan_name

ENUM_FIELDS = ("nature", "financing_mode", "funding_status")


@dataclass
class PlanSheet:
    """Where the plan table landed, for formulas on other sheets (1-based rows, 0-based columns)."""

    sheet: str
    first: int
    last: int
    investment_col: int
    year_cols: dict[int, int] = field(default_factory=dict)

    def column(self, col: int) -> str:
        letter = xl_col_to_name(col)
        return f"'{self.sheet}'!${letter}${self.first}:${letter}${self.last}"


def plan_columns(years: list[int]) -> list[tuple[str, str, float]]:
    """(field, header, width) of the plan sheet; an empty field = display only."""
    cols: list[tuple[str, str, float]] = [
        ("", tr("序号"), 6), ("", tr("项目名称"), 24), ("", tr("建设期"), 10), ("", tr("总投资（万元）"), 12)]
    cols += [(name, PROJECT_FIELDS[name].label_text, 12 if name in ENUM_FIELDS else 20)
             for name in ("owner", *ENUM_FIELDS, "preparation", "om_funding", "repayment_source")]
    cols += [(plan_name(y), tr("{year}年（万元）", year=y), 11) for y in years]
    cols += [("", tr("计划合计（万元）"), 12), ("", tr("差额（万元）"), 10)]
    return cols


def write_plan_sheet(wb: Workbook, data: ExportData, st: Any, setup: Any, put_text: Any, put_number: Any,
                     title: str) -> PlanSheet:
    """The financing facts and the declared annual plan, one row per project, with live totals.

    ``st``/``setup``/``put_text``/``put_number`` are the workbook's own styles and helpers (so both
    workbooks look the same and user text is never a formula)."""
    d = data.dossier
    years = plan_years(d)
    columns = plan_columns(years)
    ws: Worksheet = wb.add_worksheet(title)
    setup(ws, KIND_PROJECTS, [c[0] for c in columns], [c[1] for c in columns], [c[2] for c in columns], st,
          freeze_cols=3)
    first = 2
    n = len(data.projects)
    last = first + max(n, 1) - 1
    year0 = 12  # column of the first year (0 = hidden key column, then the 11 columns above)
    sum_col = year0 + len(years)  # 计划合计; the 差额 column follows
    for i, (row, p) in enumerate(zip(data.projects, data.project_models)):
        r = first + i
        ws.write_string(r, 0, p.id, st.key)
        ws.write_number(r, 1, row.no, st.fixed)
        put_text(ws, r, 2, p.name, st.fixed)
        put_text(ws, r, 3, row.years, st.fixed)
        put_number(ws, r, 4, p.investment_wan, st.amount_fixed)
        put_text(ws, r, 5, p.owner, st.text)
        for k, name in enumerate(ENUM_FIELDS):
            value = getattr(p, name)
            put_text(ws, r, 6 + k, choice_label(name, value) if value else "", st.text)
        for k, name in enumerate(("preparation", "om_funding", "repayment_source")):
            put_text(ws, r, 9 + k, getattr(p, name), st.text)
        for k, year in enumerate(years):
            put_number(ws, r, year0 + k, p.plan.get(year), st.amount)
        if years:
            cells = f"{xl_rowcol_to_cell(r, year0)}:{xl_rowcol_to_cell(r, sum_col - 1)}"
            ws.write_formula(r, sum_col, f"=SUM({cells})", st.amount_fixed, p.plan_total)
        else:
            ws.write_number(r, sum_col, 0, st.amount_fixed)
        gap = p.plan_total - float(p.investment_wan or 0) if p.plan else 0.0
        ws.write_formula(r, sum_col + 1, f"=IF({xl_rowcol_to_cell(r, sum_col)}=0,0,"
                                         f"{xl_rowcol_to_cell(r, sum_col)}-{xl_rowcol_to_cell(r, 4)})",
                         st.amount_fixed, round(gap, 2))
        ws.set_row(r, 45)
    total_row = last + 1
    ws.write_string(total_row, 0, TOTAL_MARK, st.key)
    ws.write_string(total_row, 1, tr("合计"), st.total)
    for col in (2, 3, *range(5, 12)):
        ws.write_blank(total_row, col, None, st.total)
    cached = {4: sum(float(p.investment_wan or 0) for p in data.project_models)}
    for k, year in enumerate(years):
        cached[year0 + k] = sum(p.plan.get(year, 0.0) for p in data.project_models)
    cached[sum_col] = sum(p.plan_total for p in data.project_models)
    cached[sum_col + 1] = sum(round(p.plan_total - float(p.investment_wan or 0), 2) if p.plan else 0.0
                              for p in data.project_models)
    for col, value in cached.items():
        rng = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"
        ws.write_formula(total_row, col, f"=SUM({rng})", st.total_amount, value)
    for k, name in enumerate(ENUM_FIELDS):
        labels = [choice_label(name, v) for v in CHOICE_LABELS[name]]
        ws.data_validation(first, 6 + k, last, 6 + k, {
            "validate": "list", "source": labels, "show_error": True, "error_type": "stop",
            "error_title": PROJECT_FIELDS[name].label_text[:32],
            "error_message": tr("请从下拉列表中选择：{labels}", labels="、".join(labels))[:255], "ignore_blank": True})
    if years:
        ws.data_validation(first, year0, last, sum_col - 1, {
            "validate": "decimal", "criteria": ">=", "value": 0, "show_error": True, "error_type": "stop",
            "error_title": tr("金额"), "error_message": tr("请输入不小于 0 的金额（万元）")})
    ws.repeat_columns(1, 2)  # 序号 and 项目名称 on every printed page
    ws.fit_to_pages(2, 0)  # too wide for one legible A4 page: two pages across, as many down as needed
    return PlanSheet(ws.get_name(), first + 1, last + 1, 4,
                     {year: year0 + k for k, year in enumerate(years)})
