"""指标自评表.xlsx with XlsxWriter: human layout, hidden field keys, drop-downs, live formulas.

XlsxWriter (not openpyxl) writes it because it stores each formula's cached result, so viewers that
never recalculate still show the totals. Every user text goes through ``write_string`` (and the
workbook has ``strings_to_formulas`` off), so "=1+1" or "@cmd" typed by a user stays text.
The hidden keys that make the round trip work are described in ``workbook_layout``.
"""
from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from smartcity_desktop.export.context import ExportData, clean
from smartcity_desktop.export.fastzip import fast_zip
from smartcity_desktop.export.financing_tables import PlanSheet, write_plan_sheet
from smartcity_desktop.export.workbook_layout import (
    EXCEL_CELL_LIMIT,
    FORMAT,
    KIND_CONDITIONS,
    KIND_FIELDS,
    KIND_INDICATORS,
    KIND_PROJECTS,
    KIND_SUMMARY,
    META_SHEET,
    SPARE_PROJECT_ROWS,
    TOTAL_MARK,
    VALUE_FIELD,
)
from smartcity_desktop.i18n import tr
from smartcity_desktop.model.fields import (
    APPLICANT_FIELDS,
    BUDGET_CONDITION,
    CHOICE_LABELS,
    FUNDING_SOURCES,
    PROFILE_FIELDS,
    SAFEGUARD_FIELDS,
    budget_year_spec,
    choice_label,
)
from smartcity_desktop.model.fields import MAX_METRICS
from smartcity_desktop.model.investment import plan_years
from smartcity_desktop.model.keys import (
    budget_key,
    condition_owner,
    funding_key,
    funding_name,
    indicator_key,
    indicator_owner,
    metric_item,
)

FONT = "宋体"


class Styles:
    """The workbook's cell formats, created once."""

    def __init__(self, wb: Workbook):
        base = {"font_name": FONT, "font_size": 10, "valign": "top", "border": 1}
        self.title = wb.add_format({"font_name": FONT, "font_size": 14, "bold": True})
        self.note = wb.add_format({"font_name": FONT, "font_size": 10, "text_wrap": True, "valign": "top"})
        self.header = wb.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True,
                                     "align": "center", "valign": "vcenter"})
        self.text = wb.add_format({**base, "text_wrap": True, "num_format": "@"})
        self.fixed = wb.add_format({**base, "text_wrap": True, "bg_color": "#F2F2F2"})
        self.merged = wb.add_format({**base, "text_wrap": True, "bg_color": "#F2F2F2", "valign": "vcenter",
                                     "align": "center"})
        self.amount = wb.add_format({**base, "num_format": "#,##0.00"})
        self.amount_fixed = wb.add_format({**base, "num_format": "#,##0.00", "bg_color": "#F2F2F2"})
        self.integer = wb.add_format({**base, "num_format": "0"})
        self.number = wb.add_format({**base, "num_format": "#,##0.0#"})  # as the docx: 368.5, never "4,256,000."
        self.whole = wb.add_format({**base, "num_format": "#,##0"})
        self.percent = wb.add_format({**base, "num_format": "0.0%", "bg_color": "#F2F2F2"})
        self.total = wb.add_format({**base, "bold": True, "bg_color": "#F2F2F2"})
        self.total_amount = wb.add_format({**base, "bold": True, "num_format": "#,##0.00", "bg_color": "#F2F2F2"})
        self.key = wb.add_format({"font_name": FONT, "font_size": 8, "font_color": "#808080"})
        self.flag = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True})
        self.draft = wb.add_format({"font_name": FONT, "font_size": 12, "bold": True, "font_color": "#C00000",
                                    "text_wrap": True})


def _height(texts: list[tuple[str, float]], line: float = 13.5, limit: float = 400) -> float | None:
    """Row height that shows wrapped text (viewers do not always autofit on open). ``texts`` are
    (text, column width in characters); a CJK character takes about two width units."""
    lines = 1
    for text, width in texts:
        if not text:
            continue
        n = 0
        for para in text.split("\n"):
            # UTF-8 length: 1 byte per Latin char (1 unit), 3 per CJK char (2 units); fast on long texts
            units = (len(para.encode("utf-8")) + len(para)) / 2
            n += max(1, math.ceil(units / max(width - 1, 1)))
            if n * line > limit:
                break
        lines = max(lines, n)
    return None if lines <= 1 else min(limit, lines * line + 3)


def _put_text(ws: Worksheet, row: int, col: int, value: Any, fmt: Any) -> None:
    """Any user text as a string cell, never a formula; Excel's per-cell limit respected."""
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
        return
    text = clean(str(value))[:EXCEL_CELL_LIMIT]
    ws.write_string(row, col, text, fmt)


def _put_number(ws: Worksheet, row: int, col: int, value: Any, fmt: Any) -> None:
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, value, fmt)


def _setup_sheet(ws: Worksheet, kind: str, fields: list[str], headers: list[str], widths: list[float],
                 st: Styles, *, freeze_cols: int = 1) -> None:
    ws.write_string(0, 0, kind, st.key)
    for col, name in enumerate(fields, start=1):
        if name:
            ws.write_string(0, col, name, st.key)
    ws.set_row(0, None, None, {"hidden": True})
    ws.write_string(1, 0, "key", st.header)
    for col, text in enumerate(headers, start=1):
        ws.write_string(1, col, text, st.header)
    ws.set_row(1, 30)
    ws.set_column(0, 0, 14, None, {"hidden": True})
    for col, width in enumerate(widths, start=1):
        ws.set_column(col, col, width)
    ws.freeze_panes(2, freeze_cols)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.repeat_rows(1)
    ws.fit_to_pages(1, 0)
    ws.set_footer(tr("&C第 &P 页，共 &N 页"))


def _list_validation(ws: Worksheet, first: int, last: int, col: int, group: str, title: str) -> None:
    labels = [choice_label(group, v) for v in CHOICE_LABELS[group]]
    ws.data_validation(first, col, last, col, {
        "validate": "list", "source": labels, "show_error": True, "error_type": "stop",
        "error_title": title[:32], "error_message": tr("请从下拉列表中选择：{labels}", labels="、".join(labels))[:255],
        "ignore_blank": True})


def _fields_sheet(wb: Workbook, data: ExportData, st: Styles) -> None:
    ws = wb.add_worksheet(tr("基本情况"))
    _setup_sheet(ws, KIND_FIELDS, ["", VALUE_FIELD, ""], [tr("项目"), tr("内容"), tr("单位")], [30, 80, 10], st)
    row = 2
    d = data.dossier
    for section, specs in (("applicant", APPLICANT_FIELDS), ("profile", PROFILE_FIELDS),
                           ("safeguards", SAFEGUARD_FIELDS)):
        for name, spec in specs.items():
            key = f"{section}.{name}"
            value = d.get(key)
            ws.write_string(row, 0, key, st.key)
            ws.write_string(row, 1, spec.label_text, st.fixed)
            if spec.kind in ("int", "number", "year"):  # years (统计年度, 创建期) as numbers too
                fmt = st.integer if spec.kind != "number" else \
                    st.whole if isinstance(value, (int, float)) and float(value).is_integer() else st.number
                _put_number(ws, row, 2, value, fmt)
            elif spec.kind == "enum":
                _put_text(ws, row, 2, choice_label(spec.choice_group, value) if value else "", st.text)
                _list_validation(ws, row, row, 2, spec.choice_group, spec.label_text)
            else:
                _put_text(ws, row, 2, value, st.text)
                height = _height([(str(value or ""), 80)])
                if height:
                    ws.set_row(row, height)
            _put_text(ws, row, 3, spec.unit_text, st.fixed)
            row += 1
            if key == "profile.urban_population":
                ws.write_string(row, 1, tr("城镇化率（自动计算）"), st.fixed)
                _put_text(ws, row, 2, data.fields["profile.urbanisation_rate"], st.fixed)
                ws.write_blank(row, 3, None, st.fixed)
                row += 1
    # Condition 三's budget by year (the years of the plans and the creation period), importable too.
    for year in plan_years(d):
        key = budget_key(year)
        ws.write_string(row, 0, key, st.key)
        spec = budget_year_spec(str(year))
        ws.write_string(row, 1, tr("申报条件{n}：{label}", n=BUDGET_CONDITION, label=spec.label_text), st.fixed)
        _put_number(ws, row, 2, d.get(key), st.number)
        _put_text(ws, row, 3, spec.unit_text, st.fixed)
        row += 1


def _conditions_sheet(wb: Workbook, data: ExportData, st: Styles) -> None:
    ws = wb.add_worksheet(tr("申报条件"))
    _setup_sheet(ws, KIND_CONDITIONS, ["", "", "status", "evidence", ""],
                 [tr("序号"), tr("申报条件"), tr("具备情况"), tr("情况说明及依据"), tr("证明材料")],
                 [5, 30, 10, 56, 20], st, freeze_cols=3)  # ≥ 9 pt when fitted to A4 width, even in LibreOffice
    d = data.dossier
    for row, cond in enumerate(data.conditions, start=2):
        answer = d.condition(cond["id"])
        ws.write_string(row, 0, condition_owner(cond['id']), st.key)
        ws.write_number(row, 1, cond["no"], st.fixed)
        _put_text(ws, row, 2, cond["text"], st.fixed)
        _put_text(ws, row, 3, choice_label("condition_status", answer.status) if answer.status else "", st.text)
        _put_text(ws, row, 4, answer.evidence, st.text)
        _put_text(ws, row, 5, cond["documents"], st.fixed)
        height = _height([(cond["text"], 30), (answer.evidence or "", 56)])
        if height:
            ws.set_row(row, height)
    last = 2 + len(data.conditions) - 1
    _list_validation(ws, 2, max(last, 2), 3, "condition_status", tr("具备情况"))


def indicator_columns() -> list[tuple[str, str, float]]:
    """(field, header, width) of the indicators sheet; an empty field = display only."""
    return [
        ("", tr("一级指标"), 8), ("", tr("二级指标"), 8), ("", tr("编号"), 6.5), ("", tr("三级指标"), 14),
        ("applicable", tr("是否适用"), 8), ("not_applicable_reason", tr("不适用理由"), 12),
        ("", tr("指标说明"), 22), ("current_state", tr("现状基础"), 40), ("target", tr("创建目标"), 40),
        ("measures", tr("主要措施"), 40), ("lead_unit", tr("牵头单位"), 14), ("deadline", tr("完成时限"), 11),
        ("readiness", tr("基础条件"), 10), ("", tr("支撑项目"), 26), ("", tr("证明材料"), 24),
    ]


# The indicators sheet prints as sets of A4 landscape pages at 90 % (10 pt text prints at 9 pt), never
# shrunk to one page width (57 % made it 5 pt): the level/id/name columns repeat on every page, and the
# widths are chosen so that, even with LibreOffice's wider column unit (no Calibri), the page sets fall
# at 创建目标 and at 牵头单位: whole columns side by side.
INDICATOR_PRINT_SCALE = 90


def _indicators_sheet(wb: Workbook, data: ExportData, st: Styles) -> None:
    ws = wb.add_worksheet(tr("指标自评"))
    columns = indicator_columns()
    _setup_sheet(ws, KIND_INDICATORS, [c[0] for c in columns], [c[1] for c in columns], [c[2] for c in columns], st,
                 freeze_cols=5)
    d = data.dossier
    row = 2
    projects = data.project_models
    for group in data.groups:
        l1_start = row
        for child in group["children"]:
            l2_start = row
            for item in child["indicators"]:
                a = d.indicator(item["id"], projects)
                ws.write_string(row, 0, indicator_owner(item['id']), st.key)
                _put_text(ws, row, 3, item["id"], st.fixed)
                _put_text(ws, row, 4, item["name"], st.fixed)
                _put_text(ws, row, 5, choice_label("bool", "true" if a.applicable else "false"), st.text)
                _put_text(ws, row, 6, a.not_applicable_reason, st.text)
                _put_text(ws, row, 7, item["explanation"], st.fixed)
                for col, name in ((8, "current_state"), (9, "target"), (10, "measures"), (11, "lead_unit")):
                    _put_text(ws, row, col, getattr(a, name), st.text)
                _put_text(ws, row, 12, item["deadline"], st.text)  # 2015年12月, as in the 申报书
                _put_text(ws, row, 13, choice_label("readiness", a.readiness) if a.readiness else "", st.text)
                _put_text(ws, row, 14, item["projects"], st.fixed)
                _put_text(ws, row, 15, item["documents"], st.fixed)
                height = _height([(a.current_state or "", 40), (a.target or "", 40), (a.measures or "", 40),
                                  (a.not_applicable_reason or "", 12), (item["name"], 14),
                                  (item["explanation"], 22)])
                if height:
                    ws.set_row(row, height)
                row += 1
            _merge(ws, l2_start, row - 1, 2, child["name"], st.merged)
        _merge(ws, l1_start, row - 1, 1, group["name"], st.merged)
    last = row - 1
    _list_validation(ws, 2, last, 5, "bool", tr("是否适用"))
    _list_validation(ws, 2, last, 13, "readiness", tr("基础条件"))
    ws.fit_to_pages(0, 0)
    ws.set_print_scale(INDICATOR_PRINT_SCALE)
    ws.repeat_columns(1, 4)
    ws.print_area(1, 1, last, len(columns))


def _metrics_sheet(wb: Workbook, data: ExportData, st: Styles) -> None:
    """量化目标: one row per quantified target (indicators[<id>].metrics[<n>].*) of every applicable
    indicator, plus one blank row per indicator for a new one. The sheet is of kind #indicators with the
    row owner ``indicators[<id>].metrics[<n>]``, so the importer reads it like the indicators sheet."""
    ws = wb.add_worksheet(tr("量化目标"))
    _setup_sheet(ws, KIND_INDICATORS, ["", "", "name", "unit", "baseline", "target"],
                 [tr("编号"), tr("三级指标"), tr("量化指标"), tr("单位"), tr("现状值"), tr("目标值")],
                 [7, 18, 34, 9, 13, 13], st, freeze_cols=3)  # landscape A4 at 100 %
    row = 2
    d = data.dossier
    for ind in d.scheme.indicators:
        if d.get(indicator_key(ind.id, "applicable")) is False:
            continue
        metrics = d.metrics(ind.id)
        numbers = [m.n for m in metrics] + [max((m.n for m in metrics), default=0) + 1]
        by_n = {m.n: m for m in metrics}
        for n in numbers:
            if n > MAX_METRICS:
                continue
            m = by_n.get(n)
            ws.write_string(row, 0, indicator_key(ind.id, metric_item(n)), st.key)
            _put_text(ws, row, 1, ind.id, st.fixed)
            _put_text(ws, row, 2, clean(ind.label), st.fixed)
            for col, part in enumerate(("name", "unit", "baseline", "target"), start=3):
                _put_text(ws, row, col, getattr(m, part) if m else None, st.text)
            row += 1


def _merge(ws: Worksheet, first: int, last: int, col: int, text: str, fmt: Any) -> None:
    if last > first:
        ws.merge_range(first, col, last, col, "", fmt)
    ws.write_string(first, col, text, fmt)


def project_columns() -> list[tuple[str, str, int]]:
    """(field, header, width) of the projects sheet; an empty field = display only."""
    return [
        ("", tr("序号"), 6), ("name", tr("项目名称"), 26), ("content", tr("建设内容"), 44),
        ("indicators", tr("对应指标"), 16), ("", tr("所属领域"), 14), ("lead_unit", tr("牵头单位"), 16),
        ("start_year", tr("开始年份"), 9), ("end_year", tr("完成年份"), 9), ("investment_wan", tr("总投资（万元）"), 13),
    ] + [(funding_name(s), tr("{source}（万元）", source=choice_label("funding", s)), 12)
         for s in FUNDING_SOURCES] + [("", tr("资金合计（万元）"), 13)]


def _projects_sheet(wb: Workbook, data: ExportData, st: Styles) -> dict[str, Any]:
    ws = wb.add_worksheet(tr("建设项目"))
    columns = project_columns()
    _setup_sheet(ws, KIND_PROJECTS, [c[0] for c in columns], [c[1] for c in columns], [c[2] for c in columns], st,
                 freeze_cols=3)
    first = 2
    last = first + len(data.projects) + SPARE_PROJECT_ROWS - 1
    for i in range(first, last + 1):
        n = i - first
        p = data.projects[n] if n < len(data.projects) else None
        if p is not None:
            ws.write_string(i, 0, p.id, st.key)
            ws.write_number(i, 1, p.no, st.fixed)
        else:
            ws.write_blank(i, 1, None, st.fixed)
        source = data.project_models[n] if p else None
        _put_text(ws, i, 2, source.name if source else None, st.text)
        _put_text(ws, i, 3, source.content if source else None, st.text)
        _put_text(ws, i, 4, "、".join(source.indicators) if source else None, st.text)
        _put_text(ws, i, 5, p.area if p and source and source.indicators else None, st.fixed)
        _put_text(ws, i, 6, source.lead_unit if source else None, st.text)
        _put_number(ws, i, 7, source.start_year if source else None, st.integer)
        _put_number(ws, i, 8, source.end_year if source else None, st.integer)
        _put_number(ws, i, 9, source.investment_wan if source else None, st.amount)
        for k, s in enumerate(FUNDING_SOURCES):
            amount = data.dossier.get(funding_key(p.id, s)) if p else None
            _put_number(ws, i, 10 + k, amount, st.amount)
        cells = f"{xl_rowcol_to_cell(i, 10)}:{xl_rowcol_to_cell(i, 13)}"
        # blank until a source is filled in (a spare row shows nothing, not 0.00)
        ws.write_formula(i, 14, f'=IF(COUNT({cells})=0,"",SUM({cells}))', st.amount_fixed,
                         p.funding_total if p and source and source.funding_given else "")
        if p is None:  # spare rows: grouped and folded away, so they are not printed; "+" shows them
            ws.set_row(i, None, None, {"level": 1, "hidden": True})
        if source:
            height = _height([(source.content or "", 44), (source.name or "", 26)])
            if height:
                ws.set_row(i, height)
    total_row = last + 1
    if last >= first + len(data.projects):
        ws.set_row(total_row, None, None, {"collapsed": True})
    # 总投资 ≠ 资金合计: both cells turn red, in the sheet itself (validation says the same in the program)
    for col in (9, 14):
        ws.conditional_format(first, col, last, col, {
            "type": "formula", "format": st.flag,
            "criteria": f"=AND(${xl_col_to_name(14)}{first + 1}<>\"\",ROUND(${xl_col_to_name(9)}{first + 1}"
                        f"-N(${xl_col_to_name(14)}{first + 1}),2)<>0)"})
    ws.write_string(total_row, 0, TOTAL_MARK, st.key)
    ws.write_string(total_row, 1, tr("合计"), st.total)
    for col in range(2, 9):
        ws.write_blank(total_row, col, None, st.total)
    totals = [data.total_investment] + [data.total_funding[s] for s in FUNDING_SOURCES] + \
        [sum(data.total_funding.values())]
    for col, value in zip(range(9, 15), totals):
        rng = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"
        ws.write_formula(total_row, col, f"=SUM({rng})", st.total_amount, value)
    ws.data_validation(first, 7, last, 8, {
        "validate": "integer", "criteria": "between", "minimum": 1949, "maximum": 2100, "show_error": True,
        "error_type": "stop", "error_title": tr("年份"), "error_message": tr("请输入 1949 到 2100 之间的年份")})
    ws.data_validation(first, 9, last, 13, {
        "validate": "decimal", "criteria": ">=", "value": 0, "show_error": True, "error_type": "stop",
        "error_title": tr("金额"), "error_message": tr("请输入不小于 0 的金额（万元）")})
    ws.autofilter(1, 1, last, 14)
    ws.fit_to_pages(0, 0)  # like the indicators sheet: 90 %, 序号 and 项目名称 repeated on every page
    ws.set_print_scale(INDICATOR_PRINT_SCALE)
    ws.repeat_columns(1, 2)
    return {"sheet": ws.get_name(), "first": first + 1, "last": last + 1}


def _summary_sheet(wb: Workbook, data: ExportData, st: Styles, ref: dict[str, Any], plan: PlanSheet) -> None:
    """Summaries by area, year and source: live formulas over the projects sheet, with cached results."""
    ws = wb.add_worksheet(tr("投资汇总"))
    ws.write_string(0, 0, KIND_SUMMARY, st.key)
    ws.set_row(0, None, None, {"hidden": True})
    ws.set_column(0, 0, 4, None, {"hidden": True})
    ws.set_column(1, 1, 26)
    ws.set_column(2, 4, 16)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.repeat_rows(1)  # the title "建设项目投资汇总（单位：万元）" on every page
    ws.set_footer(tr("&C第 &P 页，共 &N 页"))
    sheet, first_row, last_row = ref["sheet"], ref["first"], ref["last"]

    def col(c: int) -> str:
        """A whole data column of the projects sheet (spare rows included), absolute."""
        letter = xl_col_to_name(c)
        return f"'{sheet}'!${letter}${first_row}:${letter}${last_row}"

    total = data.total_investment
    total_cell = f"'{sheet}'!{xl_rowcol_to_cell(last_row, 9, True, True)}"  # the 合计 row, 0-based last == 1-based last+1
    row = 1
    ws.write_string(row, 1, tr("建设项目投资汇总（单位：万元）"), st.title)
    row += 2

    def table(title: str, headers: list[str]) -> None:
        nonlocal row
        ws.write_string(row, 1, title, st.title)
        row += 1
        for c, h in enumerate(headers, start=1):
            ws.write_string(row, c, h, st.header)
        row += 1

    def share(r: int, c: int, amount: float) -> None:
        ws.write_formula(r, c, f"=IF({total_cell}=0,0,{xl_rowcol_to_cell(r, c - 1)}/{total_cell})", st.percent,
                         amount / total if total else 0)

    # By area: a project's investment is split equally among the level-1 areas it serves (column F
    # lists them, joined by 、), the rule of model/investment.py.
    table(tr("一、按领域（服务多个领域的项目，投资在这些领域间平均分配）"),
          [tr("领域"), tr("涉及项目数"), tr("投资"), tr("占比")])
    start = row
    areas, n_areas = col(5), f"((LEN({col(5)})-LEN(SUBSTITUTE({col(5)},\"、\",\"\")))+1)"
    by_label = {a.label: a for a in data.by_area}
    labels = [clean(l1.label) for l1 in data.dossier.scheme.level1]
    for label in labels:
        cell = xl_rowcol_to_cell(row, 1)
        summary = by_label.get(label)
        ws.write_string(row, 1, label, st.fixed)
        ws.write_formula(row, 2, f'=COUNTIF({areas},"*"&{cell}&"*")', st.fixed, summary.count if summary else 0)
        ws.write_formula(row, 3, f"=SUMPRODUCT(ISNUMBER(SEARCH({cell},{areas}))*{col(9)}/{n_areas})",
                         st.amount_fixed, summary.amount if summary else 0)
        share(row, 4, summary.amount if summary else 0)
        row += 1
    rest = [a for a in data.by_area if a.label not in labels]
    rest_amount, rest_count = sum(a.amount for a in rest), sum(a.count for a in rest)
    ws.write_string(row, 1, tr("未对应指标"), st.fixed)
    ws.write_formula(row, 2, f'=SUMPRODUCT(({areas}="")*({col(2)}<>""))', st.fixed, rest_count)
    amounts = f"{xl_rowcol_to_cell(start, 3)}:{xl_rowcol_to_cell(row - 1, 3)}"
    ws.write_formula(row, 3, f"={total_cell}-SUM({amounts})", st.amount_fixed, rest_amount)
    share(row, 4, rest_amount)
    row += 1
    _total_row(ws, row, start, st, [3], [sum(a.amount for a in data.by_area)])
    row += 3

    # By year: the declared annual plans (the year columns of the plan sheet), never an even split.
    table(tr("二、按年度（各项目申报的分年度投资计划）"), [tr("年度"), tr("投资"), tr("占比")])
    start = row
    years = [y for y in data.by_year if y.label.isdigit()]
    for y in years:
        ws.write_number(row, 1, int(y.label), st.fixed)
        year_col = plan.year_cols.get(int(y.label))
        if year_col is None:
            ws.write_number(row, 2, y.amount, st.amount_fixed)
        else:
            ws.write_formula(row, 2, f"=SUM({plan.column(year_col)})", st.amount_fixed, y.amount)
        share(row, 3, y.amount)
        row += 1
    undated = sum(y.amount for y in data.by_year if not y.label.isdigit())
    ws.write_string(row, 1, tr("未申报年度计划"), st.fixed)
    years_rng = f"{xl_rowcol_to_cell(start, 2)}:{xl_rowcol_to_cell(max(row - 1, start), 2)}"
    ws.write_formula(row, 2, f"={total_cell}-SUM({years_rng})" if years else f"={total_cell}", st.amount_fixed,
                     undated)
    share(row, 3, undated)
    row += 1
    ws.write_string(row, 1, tr("合计"), st.total)
    ws.write_formula(row, 2, f"=SUM({xl_rowcol_to_cell(start, 2)}:{xl_rowcol_to_cell(row - 1, 2)})",
                     st.total_amount, total)
    row += 3

    table(tr("三、按资金来源"), [tr("资金来源"), tr("金额"), tr("占比")])
    start = row
    funding_total = sum(data.total_funding.values())
    for k, s in enumerate(data.by_source):
        ws.write_string(row, 1, s.label, st.fixed)
        ws.write_formula(row, 2, f"=SUM({col(10 + k)})", st.amount_fixed, s.amount)
        sum_rng = f"${xl_col_to_name(2)}${start + 1}:${xl_col_to_name(2)}${start + len(data.by_source)}"
        ws.write_formula(row, 3, f"=IF(SUM({sum_rng})=0,0,{xl_rowcol_to_cell(row, 2)}/SUM({sum_rng}))",
                         st.percent, s.amount / funding_total if funding_total else 0)
        row += 1
    _total_row(ws, row, start, st, [2], [funding_total])


def _total_row(ws: Worksheet, row: int, start: int, st: Styles, cols: list[int], values: list[float]) -> None:
    ws.write_string(row, 1, tr("合计"), st.total)
    for c, value in zip(cols, values):
        fmt = st.total if isinstance(value, int) and c == 2 and len(cols) > 1 else st.total_amount
        ws.write_formula(row, c, f"=SUM({xl_rowcol_to_cell(start, c)}:{xl_rowcol_to_cell(row - 1, c)})", fmt, value)


def _readme_sheet(wb: Workbook, data: ExportData, st: Styles, dossier_id: str, draft: str = "",
                  extra_meta: Sequence[Sequence[str]] = (), note: str = "") -> None:
    ws = wb.add_worksheet(tr("填写说明"))
    ws.set_column(0, 0, 70)  # fits portrait A4 even in LibreOffice's wider column unit
    ws.set_paper(9)
    ws.set_portrait()
    ws.set_margins(left=0.6, right=0.6, top=0.8, bottom=0.8)
    ws.fit_to_pages(1, 0)
    ws.set_footer(tr("&C第 &P 页，共 &N 页"))
    lines = [
        tr("{name} 智慧城市试点指标自评表", name=data.fields["applicant.name"]),
        tr("导出时间：{time}", time=datetime.now().strftime("%Y-%m-%d %H:%M")),
        "",
        tr("1. 白色单元格可以填写或修改；灰色单元格由程序生成，修改不会被导入。"),
        tr("2. 带下拉箭头的单元格请从列表中选择；年份、金额只能填数字。"),
        tr("3. 新增建设项目请填在“建设项目”表的空白行中（不要插入到“合计”行之后）；不要删除隐藏的 A 列和第 1 行。"),
        tr("4. 填好后交回牵头部门，用“智慧城市试点申报助手”的“从 Excel 导入…”或命令 import 导入；有问题的单元格会逐一列出，"
           "全部无误才会导入。"),
        tr("5. “投资汇总”表中的数字由公式自动计算。"),
        tr("6. “建设项目”表的空白行已折叠（不打印）：点击左侧的“+”展开后填写。总投资与各资金来源合计不一致时，两格显示为红色。"),
        tr("7. “指标说明”列是程序整理的指标解释，供填写参考；部分措辞来自转载或摘要，以住房城乡建设部原文为准，不写入申报书。"),
        tr("8. 金额单位为万元，保留两位小数；完成时限按“2015年12月”或“2015-12”填写。"),
    ]
    ws.write_string(0, 0, lines[0], st.title)
    for r, text in enumerate(lines[1:], start=1):
        ws.write_string(r, 0, text, st.note)
        height = _height([(text, 66)])
        if height:
            ws.set_row(r, height)
    if draft:
        ws.write_string(len(lines) + 1, 0, draft, st.draft)
    if note:  # a departments work package: whose it is and how it goes back (departments/workbook.py)
        ws.write_string(len(lines) + 3, 0, note, st.draft)
        ws.set_row(len(lines) + 3, _height([(note, 50)]) or 36)
        ws.set_row(len(lines) + 1, 36)
    ws.hide_gridlines(2)
    meta = wb.add_worksheet(META_SHEET)
    for r, (k, v) in enumerate((("format", FORMAT), ("scheme", data.dossier.scheme.key), ("dossier", dossier_id),
                                ("exported", datetime.now().isoformat(timespec="seconds")))):
        meta.write_string(r, 0, k)
        meta.write_string(r, 1, v)
    for r, cells in enumerate(extra_meta, start=4):  # a departments work package's manifest (departments/)
        for c, text in enumerate(cells):
            meta.write_string(r, c, text)
    meta.very_hidden()


def render_xlsx(data: ExportData, dossier_id: str = "", readiness_sheet: bool = False, *, draft: str = "",
                author: str = "", extra_meta: Sequence[Sequence[str]] = (), note: str = "") -> bytes:
    """The self-assessment workbook as .xlsx bytes (``readiness_sheet``: add the analysis sheet); a
    non-empty ``draft`` heads every printed page."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                   "strings_to_urls": False})
    name = data.fields["applicant.name"]
    wb.set_properties({"title": tr("{name}智慧城市试点指标自评表", name=name) if name else tr("指标自评表"),
                       "author": author, "created": datetime.now().replace(microsecond=0)})
    st = Styles(wb)
    _readme_sheet(wb, data, st, dossier_id, draft, extra_meta, note)
    _fields_sheet(wb, data, st)
    _conditions_sheet(wb, data, st)
    _indicators_sheet(wb, data, st)
    ref = _projects_sheet(wb, data, st)
    plan = write_plan_sheet(wb, data, st, _setup_sheet, _put_text, _put_number, tr("投融资与年度计划"))
    _summary_sheet(wb, data, st, ref, plan)
    if readiness_sheet:
        from smartcity_desktop.export.readiness_sheet import add_readiness_sheet

        add_readiness_sheet(wb, data.dossier, st)
    _metrics_sheet(wb, data, st)  # after the others: their sheet positions stay as they were
    if draft:  # 草稿 on every printed page (Excel/WPS/LibreOffice page header), red and bold
        for ws in wb.worksheets():
            if ws.get_name() != META_SHEET:
                ws.set_header('&C&"黑体,Bold"&12&KC00000' + draft.replace("&", "&&"))
    wb.worksheets()[3].activate()
    with fast_zip():
        wb.close()
    return out.getvalue()
