"""指标自评表.xlsx: reopened with openpyxl and checked for content, layout, validation and formulas."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from smartcity_desktop.export import XLSX_NAME, export_dossier
from smartcity_desktop.export.context import fmt_date
from smartcity_desktop.export.workbook_layout import KIND_INDICATORS, KIND_PROJECTS, KIND_SUMMARY, TOTAL_MARK
from smartcity_desktop.model.fields import FUNDING_SOURCES
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.store import ProjectFile


@pytest.fixture(scope="module")
def exported(_demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ProjectFile]]:
    out = tmp_path_factory.mktemp("xlsx")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SMARTCITY_DATA_DIR", str(out / "data"))
        pf = ProjectFile.open(_demo_master, readonly=True)
        try:
            written = export_dossier(pf, out, ["xlsx"])
            assert [p.name for p in written] == [f"江东省临川市滨湖区-{XLSX_NAME}"]
            yield written[0], pf
        finally:
            pf.close()


@pytest.fixture(scope="module")
def wb(exported: tuple[Path, ProjectFile]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(exported[0])


@pytest.fixture(scope="module")
def wb_values(exported: tuple[Path, ProjectFile]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(exported[0], data_only=True)


def sheet_of(wb: openpyxl.Workbook, kind: str):
    return next(ws for ws in wb.worksheets if ws["A1"].value == kind)


def test_indicator_sheet_content_and_merges(wb: openpyxl.Workbook, exported: tuple[Path, ProjectFile],
                                            scheme: Scheme) -> None:
    ws = sheet_of(wb, KIND_INDICATORS)
    d = exported[1].dossier
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows] == [f"indicators[{i.id}]" for i in scheme.indicators]
    assert [r[4] for r in rows] == [i.label for i in scheme.indicators]
    for r in rows:
        iid = r[0][11:-1]
        answer = d.indicator(iid)
        assert r[5] == ("适用" if answer.applicable else "不适用")
        assert r[9] == answer.target and r[11] == answer.lead_unit
        assert r[12] == (fmt_date(answer.deadline) if answer.deadline else None)  # 2015年12月, as in the docx
        assert r[7] == scheme.indicator(iid).explanation["zh"]  # 指标说明 for a department without the program
    merged = {str(m) for m in ws.merged_cells.ranges}
    l2_multi = [l2 for l1 in scheme.level1 for l2 in l1.children if len(l2.indicators) > 1]
    assert sum(1 for m in merged if m.startswith("C")) == len(l2_multi)
    assert sum(1 for m in merged if m.startswith("B")) == len(scheme.level1)
    assert ws["B3"].value == scheme.level1[0].label
    # frozen header, hidden key column and field-name row, print setup
    assert ws.freeze_panes == "F3"
    assert ws.column_dimensions["A"].hidden and ws.row_dimensions[1].hidden
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert ws.print_title_rows == "$2:$2" and ws.print_title_cols == "$B:$E"
    # print-friendly: 90 % (10 pt prints at 9 pt), never shrunk to fit one page width
    assert ws.page_setup.scale == 90 and not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["I"].width > 20 and ws["I3"].alignment.wrap_text
    assert all(c.font.sz >= 10 for row in ws.iter_rows(min_row=2, max_row=5, min_col=2) for c in row)


def test_dropdowns_reject_wrong_entries(wb: openpyxl.Workbook) -> None:
    ws = sheet_of(wb, KIND_INDICATORS)
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    applicable = validations["F3:F59"]
    readiness = validations["N3:N59"]
    for dv, labels in ((applicable, ["适用", "不适用"]), (readiness, ["基础较好", "有一定基础", "尚无基础"])):
        assert dv.type == "list" and dv.showErrorMessage and dv.errorStyle in (None, "stop")
        assert dv.formula1.strip('"').split(",") == labels


def test_projects_sheet_totals_are_formulas_with_cached_values(wb: openpyxl.Workbook, wb_values: openpyxl.Workbook,
                                                                exported: tuple[Path, ProjectFile]) -> None:
    d = exported[1].dossier
    projects = d.projects()
    ws, wv = sheet_of(wb, KIND_PROJECTS), sheet_of(wb_values, KIND_PROJECTS)
    ids = [r[0] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]
    assert ids[:-1] == [p.id for p in projects] and ids[-1] == TOTAL_MARK
    total_row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == TOTAL_MARK)
    assert ws.cell(total_row, 10).value.startswith("=SUM(")
    assert wv.cell(total_row, 10).value == pytest.approx(sum(p.investment_wan or 0 for p in projects))
    for k, source in enumerate(FUNDING_SOURCES):
        assert wv.cell(total_row, 11 + k).value == pytest.approx(sum(p.funding.get(source) for p in projects))
    assert "SUM(" in ws.cell(3, 15).value and wv.cell(3, 15).value == pytest.approx(projects[0].funding.total)
    spare = [r for r in range(3, total_row) if ws.cell(r, 1).value is None]
    assert spare and all(ws.row_dimensions[r].hidden and ws.row_dimensions[r].outlineLevel == 1 for r in spare)
    assert all(wv.cell(r, 15).value in (None, "") for r in spare)  # no "0.00" in blank rows
    assert ws.cell(3, 10).number_format == "#,##0.00"
    flags = [rule for rng in ws.conditional_formatting for rule in rng.rules]
    assert any("ROUND(" in (rule.formula or [""])[0] for rule in flags)  # 总投资 ≠ 资金合计 turns red
    assert ws.cell(3, 3).value == projects[0].name
    assert ws.cell(3, 5).value == "、".join(projects[0].indicators)


def test_summary_sheet_formulas_and_cached_values(wb: openpyxl.Workbook, wb_values: openpyxl.Workbook,
                                                  exported: tuple[Path, ProjectFile]) -> None:
    projects = exported[1].dossier.projects()
    total = sum(p.investment_wan or 0 for p in projects)
    ws, wv = sheet_of(wb, KIND_SUMMARY), sheet_of(wb_values, KIND_SUMMARY)
    formulas = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert any("COUNTIF(" in c.value for c in formulas) and any("SUMPRODUCT(" in c.value for c in formulas)
    for c in formulas:
        assert wv[c.coordinate].value is not None, c.coordinate  # viewers that never recalculate see numbers
    totals = [wv.cell(c.row, c.column).value for c in formulas if ws.cell(c.row, 2).value == "合计"
              and c.column == 4]
    assert totals and totals[0] == pytest.approx(total)
    by_year = {ws.cell(r, 2).value: wv.cell(r, 3).value for r in range(1, ws.max_row + 1)
               if isinstance(ws.cell(r, 2).value, int)}
    expected: dict[int, float] = {}
    for p in projects:  # the declared annual plans, summed (not an even split of each project)
        for y, amount in p.plan.items():
            expected[y] = expected.get(y, 0) + amount
    assert by_year == pytest.approx(expected)
    assert len(set(by_year.values())) == len(by_year)


def test_user_text_is_never_a_formula(empty_path: Path, tmp_path: Path) -> None:
    nasty = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3", "@SUM(A1)"]
    with ProjectFile.open(empty_path) as pf:
        pid, values = pf.dossier.new_project_values(nasty[0])
        values[f"projects[{pid}].lead_unit"] = nasty[1]
        values["indicators[1.1.1].target"] = nasty[2]
        values["conditions[1].evidence"] = nasty[3]
        pf.set_many(values)
        pf.flush()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        export_dossier(pf, tmp_path, ["xlsx"])
    wb = openpyxl.load_workbook(next(tmp_path.glob(f"*{XLSX_NAME}")))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value in nasty]
    assert {c.value for c in cells} == set(nasty)
    assert all(c.data_type == "s" for c in cells)


def test_empty_dossier_exports(empty_path: Path, tmp_path: Path) -> None:
    with ProjectFile.open(empty_path, readonly=True) as pf:
        written = export_dossier(pf, tmp_path, ["docx", "xlsx"])
    assert [p.name for p in written] == ["测试区-申报书.docx", f"测试区-{XLSX_NAME}"]
    wb = openpyxl.load_workbook(next(tmp_path.glob(f"*{XLSX_NAME}")), data_only=True)
    ws = sheet_of(wb, KIND_PROJECTS)
    total_row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == TOTAL_MARK)
    assert ws.cell(total_row, 10).value == 0


def test_exports_are_chinese_in_an_english_interface(empty_path: Path, tmp_path: Path, scheme: Scheme) -> None:
    from docx import Document

    from smartcity_desktop.i18n import language, set_language

    set_language("en")
    try:
        with ProjectFile.open(empty_path, readonly=True) as pf:
            export_dossier(pf, tmp_path, ["docx", "xlsx"])
        assert language() == "en"  # the interface language is restored
    finally:
        set_language("zh_CN")
    text = "\n".join(p.text for p in Document(str(next(tmp_path.glob("*申报书.docx")))).paragraphs)
    assert scheme.indicators[0].name["zh"] in text and scheme.indicators[0].name["en"] not in text
    wb = openpyxl.load_workbook(next(tmp_path.glob(f"*{XLSX_NAME}")))
    assert sheet_of(wb, KIND_INDICATORS).title == "指标自评"


def test_every_sheet_prints_on_a4_with_titles(wb: openpyxl.Workbook) -> None:
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        assert str(ws.page_setup.paperSize) == "9", ws.title
        assert ws.oddFooter.center.text, ws.title  # page numbers
        if ws["A1"].value in (KIND_INDICATORS, KIND_PROJECTS, "#conditions", "#fields"):
            assert ws.print_title_rows == "$2:$2", ws.title
    summary = sheet_of(wb, KIND_SUMMARY)
    assert summary.print_title_rows == "$2:$2"
    readme = next(ws for ws in wb.worksheets if ws.title == "填写说明")
    assert readme.page_setup.orientation == "portrait" and readme.sheet_properties.pageSetUpPr.fitToPage
    assert not readme.oddHeader.center.text  # the demo has no errors: no draft mark


def test_draft_mark_in_workbook_and_declaration(empty_path: Path, tmp_path: Path) -> None:
    from docx import Document

    with ProjectFile.open(empty_path, readonly=True) as pf:
        written = export_dossier(pf, tmp_path, ["docx", "xlsx"])
    wb = openpyxl.load_workbook(written[1])
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            assert "草稿" in ws.oddHeader.center.text, ws.title
    doc = Document(str(written[0]))
    for section in doc.sections:
        assert "草稿" in section.header.paragraphs[0].text and "草稿" in section.even_page_header.paragraphs[0].text
