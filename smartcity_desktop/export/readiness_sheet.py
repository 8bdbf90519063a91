"""The optional "基础条件分析" sheet of 指标自评表.xlsx: readiness by level-2 area and the indicator ×
project × money table, from ``analysis.analyze``.

Optional (``export --readiness-sheet``, a check box in the export dialog) because the workbook goes
to the reviewers and this is the program's own measure: the sheet says so in its title row. It
carries no field keys, so ``import`` of the workbook ignores it.
"""
from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook

from smartcity_desktop.analysis import analyze, note
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier, choice_label


def sheet_name() -> str:
    return tr("基础条件分析")


def add_readiness_sheet(wb: Workbook, dossier: Dossier, st: Any) -> None:
    """Append the sheet to ``wb``; ``st`` is xlsx_export's Styles (same fonts and borders)."""
    result = analyze(dossier)
    ws = wb.add_worksheet(sheet_name())
    ws.set_column(0, 0, 30)
    ws.set_column(1, 8, 11)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.write_string(0, 0, tr("基础条件与项目支撑分析（本程序自己的衡量）"), st.title)
    ws.merge_range(1, 0, 1, 8, note(), st.note)
    ws.set_row(1, 30)
    headers = [tr("二级指标"), tr("适用指标数"), choice_label("readiness", "ready"), choice_label("readiness", "partial"),
               choice_label("readiness", "none"), tr("未填"), tr("不适用"), tr("有项目和资金支撑"), tr("资金（万元）")]
    row = 3
    for col, h in enumerate(headers):
        ws.write_string(row, col, h, st.header)
    ws.set_row(row, 30)
    ws.freeze_panes(row + 1, 1)
    row += 1
    first = row
    by_level2: dict[str, list[Any]] = {}
    for c in result.coverage:
        by_level2.setdefault(c.level2_id, []).append(c)
    for r in result.readiness:
        rows = [c for c in by_level2.get(r.id, []) if c.applicable]
        ws.write_string(row, 0, f"{r.id} {r.name}", st.fixed)
        counts = [r.ready, r.partial, r.none, r.unset]
        ws.write_formula(row, 1, f"=SUM({xl_rowcol_to_cell(row, 2)}:{xl_rowcol_to_cell(row, 5)})", st.fixed,
                         sum(counts))
        for col, n in enumerate(counts + [r.not_applicable, sum(1 for x in rows if x.funded)], start=2):
            ws.write_number(row, col, n, st.fixed)
        ws.write_number(row, 8, round(sum(x.amount_wan for x in rows), 2), st.amount_fixed)
        row += 1
    ws.write_string(row, 0, tr("合计"), st.total)
    for col in range(1, 9):
        total = sum(_cell_value(result, col))
        ws.write_formula(row, col, f"=SUM({xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(row - 1, col)})",
                         st.total_amount if col == 8 else st.total, total)
    row += 3
    ws.write_string(row, 0, tr("指标 × 项目 × 资金（服务多个指标的项目，投资在这些指标间平均分配）"), st.title)
    row += 1
    for col, h in ((0, tr("指标")), (1, tr("基础条件")), (8, tr("分摊资金（万元）"))):
        ws.write_string(row, col, h, st.header)
    ws.merge_range(row, 2, row, 7, tr("支撑项目"), st.header)
    ws.set_row(row, 30)
    row += 1
    for c in result.coverage:
        if not c.applicable:
            continue
        projects = "；".join(f"{link.project_name}（{link.amount_wan:,.2f}）" for link in c.links) or tr("（无）")
        ws.write_string(row, 0, f"{c.id} {c.name}", st.fixed)
        ws.write_string(row, 1, choice_label("readiness", c.readiness) if c.readiness else tr("未填"), st.fixed)
        ws.merge_range(row, 2, row, 7, projects, st.fixed)
        ws.write_number(row, 8, round(c.amount_wan, 2), st.amount_fixed)
        if len(projects) > 40:
            ws.set_row(row, 15 * (1 + len(projects) // 40))
        row += 1


def _cell_value(result: Any, column: int) -> list[float]:
    """The cached values of one column of the readiness table (for the 合计 formulas)."""
    out: list[float] = []
    for r in result.readiness:
        rows = [c for c in result.coverage if c.level2_id == r.id and c.applicable]
        values = [r.applicable, r.ready, r.partial, r.none, r.unset, r.not_applicable,
                  sum(1 for x in rows if x.funded), round(sum(x.amount_wan for x in rows), 2)]
        out.append(values[column - 1])
    return out
