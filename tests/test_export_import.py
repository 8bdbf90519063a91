"""Excel round trip: export, edit cells with openpyxl as a department would, import by field key."""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from smartcity_desktop.cli import main
from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.export import XLSX_NAME, export_dossier
from smartcity_desktop.export.workbook_layout import KIND_CONDITIONS, KIND_FIELDS, KIND_INDICATORS, KIND_PROJECTS
from smartcity_desktop.export.xlsx_import import WorkbookRefused, read_workbook
from smartcity_desktop.model.vocabulary import describe
from smartcity_desktop.store import ProjectFile


@pytest.fixture(scope="module")
def workbook_master(_demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("roundtrip")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SMARTCITY_DATA_DIR", str(out / "data"))
        with ProjectFile.open(_demo_master, readonly=True) as pf:
            export_dossier(pf, out, ["xlsx"])
    return next(out.glob(f"*{XLSX_NAME}"))


@pytest.fixture
def workbook(workbook_master: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "自评表-部门填写.xlsx"
    shutil.copyfile(workbook_master, dest)
    return dest


def sheet_of(wb: openpyxl.Workbook, kind: str):
    return next(ws for ws in wb.worksheets if ws["A1"].value == kind)


def row_of(ws, owner: str) -> int:
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == owner)


def col_of(ws, field: str) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == field)


def test_untouched_workbook_changes_nothing(workbook: Path, demo_path: Path) -> None:
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert read_workbook(workbook, pf.dossier) == {}


def test_edited_cells_come_back_by_field_key(workbook: Path, demo_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook)
    ind = sheet_of(wb, KIND_INDICATORS)
    r = row_of(ind, "indicators[1.1.2]")
    ind.cell(r, col_of(ind, "target")).value = "2014年底前建立月度调度机制"
    ind.cell(r, col_of(ind, "readiness")).value = "尚无基础"  # a drop-down label
    r = row_of(ind, "indicators[1.1.3]")
    ind.cell(r, col_of(ind, "applicable")).value = "不适用"
    ind.cell(r, col_of(ind, "not_applicable_reason")).value = "已由市级统一制定"
    ind.cell(r, col_of(ind, "deadline")).value = "2016-6"
    cond = sheet_of(wb, KIND_CONDITIONS)
    cond.cell(row_of(cond, "conditions[2]"), col_of(cond, "status")).value = "partial"  # a code works too
    fields = sheet_of(wb, KIND_FIELDS)
    fields.cell(row_of(fields, "applicant.contact_phone"), col_of(fields, "value")).value = 13800000000  # a number
    fields.cell(row_of(fields, "profile.population"), col_of(fields, "value")).value = 600000
    proj = sheet_of(wb, KIND_PROJECTS)
    first_id = proj.cell(3, 1).value
    proj.cell(3, col_of(proj, "investment_wan")).value = 7000
    proj.cell(3, col_of(proj, "funding[bank_loan].amount_wan")).value = 200
    blank = next(r for r in range(3, proj.max_row) if proj.cell(r, 1).value is None)
    proj.cell(blank, col_of(proj, "name")).value = "部门新增：智慧停车"
    proj.cell(blank, col_of(proj, "indicators")).value = "2.2.1，3.1.1"
    proj.cell(blank, col_of(proj, "start_year")).value = 2014
    proj.cell(blank, col_of(proj, "end_year")).value = 2015
    proj.cell(blank, col_of(proj, "investment_wan")).value = 1200.5
    proj.cell(blank, col_of(proj, "funding[social_capital].amount_wan")).value = 1200.5
    wb.save(workbook)

    with ProjectFile.open(demo_path) as pf:
        before = pf.dossier.values()
        values = read_workbook(workbook, pf.dossier)
        new_ids = {k[9:k.index("]")] for k in values if k.startswith("projects[")} - {first_id}
        assert len(new_ids) == 1
        pid = new_ids.pop()
        assert pid not in {k[9:k.index("]")] for k in before if k.startswith("projects[")}
        assert values == {
            "applicant.contact_phone": "13800000000",
            "profile.population": 600000,
            "conditions[2].status": "partial",
            "indicators[1.1.2].target": "2014年底前建立月度调度机制",
            "indicators[1.1.2].readiness": "none",
            "indicators[1.1.3].applicable": False,
            "indicators[1.1.3].not_applicable_reason": "已由市级统一制定",
            "indicators[1.1.3].deadline": "2016-06",
            f"projects[{first_id}].investment_wan": 7000,
            f"projects[{first_id}].funding[bank_loan].amount_wan": 200,
            f"projects[{pid}].order": max(p.order for p in pf.dossier.projects()) + 1,
            f"projects[{pid}].name": "部门新增：智慧停车",
            f"projects[{pid}].indicators": ["2.2.1", "3.1.1"],
            f"projects[{pid}].start_year": 2014,
            f"projects[{pid}].end_year": 2015,
            f"projects[{pid}].investment_wan": 1200.5,
            f"projects[{pid}].funding[social_capital].amount_wan": 1200.5,
        }
        pf.apply(values, source=f"import:{workbook.name}")
        assert pf.dossier.project(pid).name == "部门新增：智慧停车"
        # the one describe(key) of the model names the new project (was xlsx_import.describe_key: 项目“…”：…)
        assert describe(pf.dossier, f"projects[{pid}].funding[social_capital].amount_wan") == \
            "项目 部门新增：智慧停车 · 社会资本 金额（万元）"
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert pf.dossier.get("indicators[1.1.3].applicable") is False
        again = read_workbook(workbook, pf.dossier)
    # Everything else is now equal; the added row still has no hidden id, so it would be added again.
    assert {k[k.index("]"):] for k in again} == {k[k.index("]"):] for k in values if k.startswith(f"projects[{pid}]")}
    assert pid not in "".join(again)


def test_bad_cells_are_listed_and_nothing_is_applied(workbook: Path, demo_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook)
    ind = sheet_of(wb, KIND_INDICATORS)
    r = row_of(ind, "indicators[1.2.1]")
    ind.cell(r, col_of(ind, "readiness")).value = "很好"
    ind.cell(r, col_of(ind, "deadline")).value = "明年"
    ind.cell(row_of(ind, "indicators[1.1.1]"), col_of(ind, "target")).value = "合法的修改"
    proj = sheet_of(wb, KIND_PROJECTS)
    proj.cell(3, col_of(proj, "start_year")).value = "二〇一三"
    proj.cell(4, col_of(proj, "investment_wan")).value = -5
    wb.save(workbook)
    with ProjectFile.open(demo_path) as pf:
        before = pf.dossier.values()
        with pytest.raises(WorkbookRefused) as info:
            read_workbook(workbook, pf.dossier)
        assert pf.dossier.values() == before
    problems = {(p.sheet, p.cell) for p in info.value.problems}
    rr = r
    assert problems == {(ind.title, f"N{rr}"), (ind.title, f"M{rr}"), (proj.title, "H3"), (proj.title, "J4")}
    message = str(info.value)
    assert f"{ind.title}!M{rr}" in message and "基础较好" in message and "未导入任何内容" in message


def test_formula_without_cached_value_is_refused(workbook: Path, demo_path: Path) -> None:
    wb = openpyxl.load_workbook(workbook)
    ind = sheet_of(wb, KIND_INDICATORS)
    ind.cell(3, col_of(ind, "target")).value = "=A1"
    wb.save(workbook)
    with ProjectFile.open(demo_path, readonly=True) as pf, pytest.raises(WorkbookRefused, match="公式"):
        read_workbook(workbook, pf.dossier)


def test_refuses_fake_and_hostile_files(tmp_path: Path, demo_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    csv = tmp_path / "data.csv"
    csv.write_text("a,b", encoding="utf-8")
    other_zip = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("hello.txt", "hi")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    with ProjectFile.open(demo_path, readonly=True) as pf:
        for path, pattern in ((fake, "不是有效的 Excel"), (csv, "只能导入"), (other_zip, "不是有效的 Excel"),
                              (bomb, "压缩炸弹")):
            with pytest.raises(FileProblem, match=pattern):
                read_workbook(path, pf.dossier)


def test_foreign_workbook_is_refused(tmp_path: Path, demo_path: Path) -> None:
    path = tmp_path / "someone-else.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "#indicators"
    wb.save(path)
    with ProjectFile.open(demo_path, readonly=True) as pf, pytest.raises(DataProblem, match="不是本程序导出"):
        read_workbook(path, pf.dossier)


def test_cli_import_round_trip(workbook: Path, demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = openpyxl.load_workbook(workbook)
    ind = sheet_of(wb, KIND_INDICATORS)
    ind.cell(row_of(ind, "indicators[4.1.1]"), col_of(ind, "lead_unit")).value = "区经济和信息化局"
    wb.save(workbook)
    assert main(["import", str(demo_path), str(workbook)]) == 0
    assert "1" in capsys.readouterr().out
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert pf.dossier.get("indicators[4.1.1].lead_unit") == "区经济和信息化局"
    ind.cell(row_of(ind, "indicators[4.1.1]"), col_of(ind, "readiness")).value = "???"
    wb.save(workbook)
    assert main(["import", str(demo_path), str(workbook)]) == 1
    err = capsys.readouterr().err
    assert "指标自评!N" in err and "Traceback" not in err


def test_workbook_stays_importable_after_a_save_in_another_program(workbook: Path, demo_path: Path) -> None:
    """openpyxl rewrites the whole package (as Excel/WPS would): keys and layout must survive."""
    wb = openpyxl.load_workbook(workbook)
    buf = io.BytesIO()
    wb.save(buf)
    workbook.write_bytes(buf.getvalue())
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert read_workbook(workbook, pf.dossier) == {}


def test_absurd_numbers_of_rows_are_refused_quickly(workbook: Path, demo_path: Path) -> None:
    import time

    from smartcity_desktop.export import xlsx_import

    wb = openpyxl.load_workbook(workbook)
    proj = sheet_of(wb, KIND_PROJECTS)
    name_col = col_of(proj, "name")
    for r in range(proj.max_row + 1, proj.max_row + 1 + xlsx_import.MAX_NEW_PROJECTS + 10):
        proj.cell(r, name_col).value = f"项目{r}"
    wb.save(workbook)
    started = time.perf_counter()
    with ProjectFile.open(demo_path, readonly=True) as pf, pytest.raises(DataProblem, match="超过 500 个项目"):
        read_workbook(workbook, pf.dossier)
    assert time.perf_counter() - started < 10


def test_quantified_targets_round_trip(demo_path: Path, tmp_path: Path) -> None:
    """The 量化目标 sheet: existing metrics come back unchanged; a department edits one and adds one."""
    import openpyxl

    from smartcity_desktop.export.xlsx_import import read_workbook

    with ProjectFile.open(demo_path, readonly=True) as pf:
        written = export_dossier(pf, tmp_path, ["xlsx"])
        assert read_workbook(written[0], pf.dossier) == {}
    wb = openpyxl.load_workbook(written[0])
    ws = wb["量化目标"]
    rows = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    assert "indicators[3.3.1].metrics[3]" in rows and "indicators[3.3.1].metrics[4]" in rows  # 3 + a blank one
    ws.cell(rows["indicators[3.3.1].metrics[3]"], 7).value = "95"
    blank = rows["indicators[1.1.3].metrics[1]"]
    ws.cell(blank, 4).value = "出台政策文件"
    ws.cell(blank, 5).value = "件"
    ws.cell(blank, 7).value = "5"
    wb.save(written[0])
    with ProjectFile.open(demo_path, readonly=True) as pf:
        changes = read_workbook(written[0], pf.dossier)
    assert changes == {"indicators[3.3.1].metrics[3].target": "95", "indicators[1.1.3].metrics[1].name": "出台政策文件",
                       "indicators[1.1.3].metrics[1].unit": "件", "indicators[1.1.3].metrics[1].target": "5"}


# -- issue 9: which dossier, which keys, which cells -------------------------------------------------
def _set_dossier_id(wb: openpyxl.Workbook, value: str | None) -> None:
    from smartcity_desktop.export.workbook_layout import META_SHEET

    meta = wb[META_SHEET]
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "dossier")
    meta.cell(row, 2).value = value


def test_exported_workbook_carries_the_dossier_id(workbook: Path, demo_path: Path) -> None:
    from smartcity_desktop.export.workbook_layout import META_SHEET

    wb = openpyxl.load_workbook(workbook)
    meta = {r[0]: r[1] for r in wb[META_SHEET].iter_rows(values_only=True)}
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert meta["dossier"] == pf.dossier_id and len(pf.dossier_id) == 32
        assert read_workbook(workbook, pf.dossier, dossier_id=pf.dossier_id) == {}


def test_workbook_of_another_dossier_is_refused_with_exit_2(workbook: Path, demo_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from smartcity_desktop.export.xlsx_import import ForeignWorkbook

    wb = openpyxl.load_workbook(workbook)
    ind = sheet_of(wb, KIND_INDICATORS)
    ind.cell(row_of(ind, "indicators[4.1.1]"), col_of(ind, "lead_unit")).value = "别的城市的单位"
    _set_dossier_id(wb, "0123456789abcdef" * 2)
    wb.save(workbook)
    before = demo_path.read_bytes()
    with ProjectFile.open(demo_path, readonly=True) as pf, pytest.raises(ForeignWorkbook) as info:
        read_workbook(workbook, pf.dossier, dossier_id=pf.dossier_id)
    assert info.value.exit_code == 2 and "另一份卷宗" in str(info.value) and "01234567" in str(info.value)
    assert main(["import", str(demo_path), str(workbook)]) == 2
    err = capsys.readouterr().err
    assert "另一份卷宗" in err and "Traceback" not in err and err.count("\n") == 1
    assert demo_path.read_bytes() == before


def test_workbook_without_a_dossier_id_imports_with_a_warning(workbook: Path, demo_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    wb = openpyxl.load_workbook(workbook)
    ind = sheet_of(wb, KIND_INDICATORS)
    ind.cell(row_of(ind, "indicators[4.1.1]"), col_of(ind, "lead_unit")).value = "区经济和信息化局"
    _set_dossier_id(wb, None)
    wb.save(workbook)
    assert main(["import", str(demo_path), str(workbook)]) == 0
    captured = capsys.readouterr()
    assert "没有卷宗标识" in captured.err and "已导入 1 项修改" in captured.out
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert pf.dossier.get("indicators[4.1.1].lead_unit") == "区经济和信息化局"


def test_each_sheet_writes_only_its_own_keys(workbook: Path, demo_path: Path) -> None:
    """The hidden key column and the hidden field-name row are editable in Excel: a workbook once
    unlinked an attachment through them. Each sheet kind now writes only its section's answer fields."""
    wb = openpyxl.load_workbook(workbook)
    fields = sheet_of(wb, KIND_FIELDS)
    fields.cell(row_of(fields, "applicant.unit"), 1).value = "conditions[2].documents"  # another section's link
    fields.cell(row_of(fields, "applicant.leader"), 1).value = "indicators[1.1.1].target"  # another sheet's key
    ind = sheet_of(wb, KIND_INDICATORS)
    ind.cell(1, col_of(ind, "measures")).value = "documents"  # the attachment links of every indicator
    proj = sheet_of(wb, KIND_PROJECTS)
    proj.cell(1, col_of(proj, "content")).value = "order"
    cond = sheet_of(wb, KIND_CONDITIONS)
    cond.cell(1, col_of(cond, "evidence")).value = "documents"
    wb.save(workbook)
    with ProjectFile.open(demo_path) as pf:
        before = pf.dossier.values()
        with pytest.raises(WorkbookRefused) as info:
            read_workbook(workbook, pf.dossier, dossier_id=pf.dossier_id)
        assert pf.dossier.values() == before
    problems = {(p.sheet, p.cell) for p in info.value.problems}
    assert problems == {
        (fields.title, f"A{row_of(fields, 'conditions[2].documents')}"),
        (fields.title, f"A{row_of(fields, 'indicators[1.1.1].target')}"),
        (ind.title, f"{openpyxl.utils.get_column_letter(col_of(ind, 'documents'))}1"),
        (proj.title, f"{openpyxl.utils.get_column_letter(col_of(proj, 'order'))}1"),
        (cond.title, f"{openpyxl.utils.get_column_letter(col_of(cond, 'documents'))}1"),
    }  # one problem per refused key cell, not one per row
    assert "conditions[2].documents" in str(info.value) and "不能修改" in str(info.value)


MALFORMED = {  # value typed into a cell -> (sheet kind, owner, field, words in the reason)
    "NaN as text in an amount": (KIND_PROJECTS, None, "investment_wan", "NaN", "应为数字"),
    "12abc in an amount": (KIND_PROJECTS, None, "investment_wan", "12abc", "应为数字"),
    "a date in a year": (KIND_PROJECTS, None, "start_year", "2013-02-30", "应为数字"),
    "a number in a choice": (KIND_INDICATORS, "indicators[1.2.1]", "readiness", 3, "不是可选值"),
    "a month 13 in a deadline": (KIND_INDICATORS, "indicators[1.2.2]", "deadline", "2013-13-01", "日期"),
    "2013-02-30 in a deadline": (KIND_INDICATORS, "indicators[1.2.3]", "deadline", "2013-02-30", "没有这一天"),
    "a list in a condition status": (KIND_CONDITIONS, "conditions[1]", "status", "met, partial", "不是可选值"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_cells_are_named_sheet_and_cell(case: str, workbook: Path, demo_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    kind, owner, field, value, words = MALFORMED[case]
    wb = openpyxl.load_workbook(workbook)
    ws = sheet_of(wb, kind)
    row = row_of(ws, owner) if owner else 3 + 4  # the fifth project row (项目!…7, as in the issue)
    col = col_of(ws, field)
    ws.cell(row, col).value = value
    wb.save(workbook)
    before = demo_path.read_bytes()
    assert main(["import", str(demo_path), str(workbook)]) == 1
    err = capsys.readouterr().err
    where = f"{ws.title}!{openpyxl.utils.get_column_letter(col)}{row}"
    assert where in err and words in err and "内部错误" not in err and "Traceback" not in err
    assert err.count("\n") == 1 and "\\x0a" not in err  # one line, no escaped line breaks
    assert demo_path.read_bytes() == before


def test_numeric_nan_and_overflowing_cells_are_named(workbook: Path, demo_path: Path, tmp_path: Path) -> None:
    """A hand-made sheet can hold <v>NaN</v> in a numeric cell; in a text field it once became "nan"."""
    wb = openpyxl.load_workbook(workbook)
    proj = sheet_of(wb, KIND_PROJECTS)
    ind = sheet_of(wb, KIND_INDICATORS)
    proj.cell(3, col_of(proj, "investment_wan")).value = 123456.5
    ind.cell(row_of(ind, "indicators[1.1.1]"), col_of(ind, "lead_unit")).value = 654321.5
    wb.save(workbook)
    with zipfile.ZipFile(workbook) as src:
        members = {i.filename: src.read(i.filename) for i in src.infolist()}
    for name, data in members.items():
        if name.startswith("xl/worksheets/"):
            members[name] = data.replace(b"<v>123456.5</v>", b"<v>NaN</v>").replace(b"<v>654321.5</v>", b"<v>1E999</v>")
    hacked = tmp_path / "nan.xlsx"
    with zipfile.ZipFile(hacked, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    with ProjectFile.open(demo_path, readonly=True) as pf, pytest.raises(WorkbookRefused) as info:
        read_workbook(hacked, pf.dossier)
    cells = {f"{p.sheet}!{p.cell}" for p in info.value.problems}
    # openpyxl cannot parse NaN at all: the row is named (Excel's whole-row reference); 1E999 reads as
    # infinity, which once became the text "inf" in a text field: now the cell is named
    lead_cell = f"{openpyxl.utils.get_column_letter(col_of(ind, 'lead_unit'))}{row_of(ind, 'indicators[1.1.1]')}"
    assert cells == {f"{proj.title}!3:3", f"{ind.title}!{lead_cell}"}
    assert "无法读取的单元格" in str(info.value)
