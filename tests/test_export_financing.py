"""Issue 12 exports: an UNEVEN declared annual plan found exactly in the 申报书, the 投融资方案 (.docx) and
its workbook (reopened with openpyxl), and in the 指标自评表's importable plan sheet; the CLI format."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from smartcity_desktop.export import DOCX_NAME, XLSX_NAME, export_dossier, file_name
from smartcity_desktop.export.workbook_layout import KIND_PROJECTS
from smartcity_desktop.export.xlsx_import import read_workbook
from smartcity_desktop.main import main
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.store import ProjectFile

PLAN = {2014: 150, 2015: 620.5, 2016: 229.5}  # 1,000 万元 over three years, far from 333.33 each
EVEN = "333.33"


@pytest.fixture
def planned(tmp_path: Path, scheme: Scheme) -> Path:
    """Two projects: 甲 with the uneven plan and financing facts, 乙 with no plan declared."""
    path = tmp_path / "测试区.scdossier"
    values = {
        "applicant.name": "测试区", "applicant.level": "district", "applicant.province": "江东省",
        "projects[pa].order": 1, "projects[pa].name": "智慧停车", "projects[pa].indicators": ["3.3.1"],
        "projects[pa].start_year": 2014, "projects[pa].end_year": 2016, "projects[pa].investment_wan": 1000,
        "projects[pa].funding[fiscal].amount_wan": 600, "projects[pa].funding[social_capital].amount_wan": 400,
        "projects[pa].owner": "测试交通投资公司", "projects[pa].nature": "quasi_commercial",
        "projects[pa].financing_mode": "concession", "projects[pa].funding_status": "partly_secured",
        "projects[pa].repayment_source": "停车收费收入", "projects[pa].om_funding": "特许经营者承担",
        "projects[pa].preparation": "可研已批复",
        **{f"projects[pa].investment_by_year[{y}].amount_wan": a for y, a in PLAN.items()},
        "projects[pb].order": 2, "projects[pb].name": "政务云", "projects[pb].indicators": ["1.3.1"],
        "projects[pb].start_year": 2014, "projects[pb].end_year": 2015, "projects[pb].investment_wan": 300,
        "projects[pb].funding[fiscal].amount_wan": 300,
        "conditions[3].budget[2014].amount_wan": 500, "conditions[3].budget[2015].amount_wan": 400,
    }
    ProjectFile.create(path, scheme, values=values).close()
    return path


def _text(path: Path) -> str:
    return "\n".join(t.text or "" for t in Document(str(path)).element.body.iter(qn("w:t")))


def _tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(path)).tables]


def test_financing_docx_and_xlsx_hold_exactly_the_declared_plan(planned: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with ProjectFile.open(planned, readonly=True) as pf:
        written = export_dossier(pf, out, ["financing"])
    assert [p.name for p in written] == ["测试区-投融资方案.docx", "测试区-投融资方案.xlsx"]
    assert sorted(p.name for p in out.iterdir()) == ["测试区-投融资方案.docx", "测试区-投融资方案.xlsx"]

    docx = written[0]
    text = _text(docx)
    for heading in ("一、总体投资规模", "二、资金来源结构", "三、分年度资金需求", "四、项目投融资安排", "五、融资模式说明",
                    "六、保障措施"):
        assert heading in text
    assert "{{" not in text and "{%" not in text
    tables = _tables(docx)
    by_year = next(t for t in tables if t[0][0] == "年度" and "计划投资（万元）" in t[0])
    assert [(r[0], r[1], r[3]) for r in by_year[1:-1]] == [("2014", "150.00", "500.00"),
                                                             ("2015", "620.50", "400.00"), ("2016", "229.50", "")]
    assert by_year[-1][:2] == ["合计", "1,000.00"]  # only the declared plan; 乙's 300 is named, not split
    assert "政务云（300.00 万元）" in text and EVEN not in text
    overview = next(t for t in tables if t[0][:3] == ["序号", "项目名称", "项目业主"])
    assert overview[1][1:8] == ["智慧停车", "测试交通投资公司", "准经营性", "特许经营", "部分落实", "2014—2016",
                                "1,000.00"]
    assert "停车收费收入" in text and "特许经营：政府授予企业" in text
    assert "草　稿" in text  # this dossier still has errors (no conditions, no indicators...)
    headers = [p.text for s in Document(str(docx)).sections for p in s.header.paragraphs]
    assert "草稿" in headers  # and on every page

    wb = openpyxl.load_workbook(written[1])
    wv = openpyxl.load_workbook(written[1], data_only=True)
    plan = next(ws for ws in wb.worksheets if ws["A1"].value == KIND_PROJECTS)
    keys = [c.value for c in plan[1]]
    years = {int(k[19:23]): i for i, k in enumerate(keys) if isinstance(k, str) and k.startswith("investment_by")}
    row = next(r for r in plan.iter_rows(min_row=3, values_only=True) if r[0] == "pa")
    assert {y: row[i] for y, i in years.items() if row[i] is not None} == PLAN
    assert row[keys.index("nature")] == "准经营性" and row[keys.index("financing_mode")] == "特许经营"
    lists = [dv for dv in plan.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 3 and all(dv.showErrorMessage for dv in lists)
    summary = wv.worksheets[0]
    cached = {summary.cell(r, 2).value: summary.cell(r, 3).value for r in range(1, summary.max_row + 1)
              if isinstance(summary.cell(r, 2).value, int) and summary.cell(r, 2).value > 2000}
    assert cached == pytest.approx(PLAN)  # formulas with cached results: viewers that never recalculate
    formulas = [c.value for r in wb.worksheets[0].iter_rows() for c in r if isinstance(c.value, str)
                and c.value.startswith("=")]
    assert any("SUMIF(" in f for f in formulas)
    assert wb.worksheets[0].page_setup.paperSize == 9 and plan.page_setup.paperSize == 9
    assert wb.worksheets[0]["B1"].value.startswith("【草稿】")


def test_demo_financing_plan_is_not_a_draft(_demo_master: Path, tmp_path: Path) -> None:
    with ProjectFile.open(_demo_master, readonly=True) as pf:
        docx, xlsx = export_dossier(pf, tmp_path, ["financing"])
        plan = {p.name: p.plan for p in pf.dossier.projects()}
    text = _text(docx)
    assert "草　稿" not in text and "尚未申报年度计划的项目" not in text
    assert "草稿" not in [p.text for s in Document(str(docx)).sections for p in s.header.paragraphs]
    rows = {r[1]: r[4] for t in _tables(docx) if t[0][:5] == ["序号", "项目名称", "建设期", "总投资", "分年度投资计划"]
            for r in t[1:]}
    assert rows["滨湖智慧水务工程"] == "2013年 1,500.00；2014年 3,500.00；2015年 2,500.00"
    assert plan["滨湖智慧水务工程"] == {2013: 1500, 2014: 3500, 2015: 2500}
    assert not openpyxl.load_workbook(xlsx).worksheets[0]["B1"].value.startswith("【草稿】")


def test_declaration_and_workbook_use_the_declared_plan(planned: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with ProjectFile.open(planned, readonly=True) as pf:
        export_dossier(pf, out, ["docx", "xlsx"])
        dossier = pf.dossier
        docx, xlsx = out / file_name("测试区", DOCX_NAME), out / file_name("测试区", XLSX_NAME)
        text = _text(docx)
        assert "2014年 150.00万元、2015年 620.50万元、2016年 229.50万元" in text
        assert "各项目申报的分年度投资计划" in text and EVEN not in text
        by_year = next(t for t in _tables(docx) if t[0][:2] == ["年度", "投资"])
        assert [r[:2] for r in by_year[1:-1]] == [["2014", "150.00"], ["2015", "620.50"], ["2016", "229.50"],
                                                  ["未申报年度计划", "300.00"]]
        # the 指标自评表's plan sheet reads back unchanged, and an edited year comes back as that key
        assert read_workbook(xlsx, dossier) == {}
        wb = openpyxl.load_workbook(xlsx)
        ws = next(w for w in wb.worksheets if w["A1"].value == KIND_PROJECTS and w.title == "投融资与年度计划")
        col = [c.value for c in ws[1]].index("investment_by_year[2015].amount_wan") + 1
        row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "pb")
        ws.cell(row, col).value = 120
        ws.cell(row, [c.value for c in ws[1]].index("funding_status") + 1).value = "已落实"
        fields = next(w for w in wb.worksheets if w["A1"].value == "#fields")
        budget = {fields.cell(r, 1).value: r for r in range(3, fields.max_row + 1)
                  if str(fields.cell(r, 1).value or "").startswith("conditions[3].budget[")}
        assert list(budget) == [f"conditions[3].budget[{y}].amount_wan" for y in (2014, 2015, 2016)]
        assert fields.cell(budget["conditions[3].budget[2014].amount_wan"], 3).value == 500
        fields.cell(budget["conditions[3].budget[2016].amount_wan"], 3).value = 250
        wb.save(tmp_path / "edited.xlsx")
    with ProjectFile.open(planned, readonly=True) as pf:
        changes = read_workbook(tmp_path / "edited.xlsx", pf.dossier)
    assert changes == {"projects[pb].investment_by_year[2015].amount_wan": 120, "projects[pb].funding_status": "secured",
                       "conditions[3].budget[2016].amount_wan": 250}


def test_cli_export_financing(planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli"
    code = main(["export", str(planned), "--out", str(out), "--format", "financing"])
    printed = capsys.readouterr().out.split()
    assert code == 0 and [Path(p).name for p in printed] == ["测试区-投融资方案.docx", "测试区-投融资方案.xlsx"]
    code = main(["export", str(planned), "--out", str(out), "--format", "financng"])
    err = capsys.readouterr().err
    assert code == 2 and "financng" in err and "financing" in err and "Traceback" not in err
