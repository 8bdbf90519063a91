"""The optional 基础条件分析 sheet of 指标自评表.xlsx: only on request, labelled as the program's own
measure, its figures those of ``analyze``, and the workbook still imports (the sheet is ignored)."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from smartcity_desktop.analysis import analyze
from smartcity_desktop.cli import main
from smartcity_desktop.export import XLSX_NAME, export_dossier
from smartcity_desktop.export.readiness_sheet import sheet_name
from smartcity_desktop.export.xlsx_import import read_workbook
from smartcity_desktop.store import ProjectFile


def _workbook(folder: Path) -> Path:
    """The exported workbook (its name starts with the applicant's name)."""
    (path,) = folder.glob(f"*{XLSX_NAME}")
    return path


def test_sheet_only_when_asked(demo_path: Path, tmp_path: Path) -> None:
    plain, extra = tmp_path / "plain", tmp_path / "extra"
    plain.mkdir()
    extra.mkdir()
    with ProjectFile.open(demo_path, readonly=True) as pf:
        export_dossier(pf, plain, ["xlsx"])
        export_dossier(pf, extra, ["xlsx"], readiness_sheet=True)
    assert sheet_name() not in openpyxl.load_workbook(_workbook(plain)).sheetnames
    assert sheet_name() in openpyxl.load_workbook(_workbook(extra)).sheetnames


def test_sheet_content_matches_the_analysis_and_import_ignores_it(demo_path: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(demo_path), "--out", str(tmp_path), "--format", "xlsx", "--readiness-sheet"]) == 0
    capsys.readouterr()
    wb = openpyxl.load_workbook(_workbook(tmp_path), data_only=True)
    ws = wb[sheet_name()]
    assert "本程序自己的衡量" in ws["A1"].value and "不是官方" in ws["A2"].value
    with ProjectFile.open(demo_path, readonly=True) as pf:
        result = analyze(pf.dossier)
        rows = {r[0]: r for r in ws.iter_rows(min_row=5, max_row=4 + len(result.readiness), values_only=True)}
        for r in result.readiness:
            row = rows[f"{r.id} {r.name}"]
            assert row[1] == r.applicable  # the cached value of the SUM formula
            assert row[2:7] == (r.ready, r.partial, r.none, r.unset, r.not_applicable)
        total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "合计")
        assert total[8] == pytest.approx(sum(c.amount_wan for c in result.coverage))
        matrix = {r[0]: r for r in ws.iter_rows(values_only=True) if r[0] and r[0][:1].isdigit() and r[2]}
        served = next(c for c in result.coverage if c.links)
        assert served.links[0].project_name in matrix[f"{served.id} {served.name}"][2]
        assert read_workbook(_workbook(tmp_path), pf.dossier) == {}
