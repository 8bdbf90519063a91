"""PDF through LibreOffice (CI installs libreoffice-writer-nogui and libreoffice-calc-nogui)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.export import export_dossier
from smartcity_desktop.export.pdf import find_soffice
from smartcity_desktop.store import ProjectFile


@pytest.mark.skipif(shutil.which("soffice") is None and find_soffice() is None,
                    reason="LibreOffice (soffice) is not installed: PDF export cannot be tested here")
def test_both_exports_convert_to_pdf(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with ProjectFile.open(demo_path, readonly=True) as pf:
        written = export_dossier(pf, out, ["pdf"])
    assert [p.name for p in written] == ["江东省临川市滨湖区-申报书.pdf", "江东省临川市滨湖区-指标自评表.pdf"]
    for pdf in written:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 10_000
    assert sorted(p.name for p in out.iterdir()) == ["江东省临川市滨湖区-指标自评表.pdf", "江东省临川市滨湖区-申报书.pdf"]


def test_missing_libreoffice_is_a_clear_message(demo_path: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTCITY_SOFFICE", "")
    out = tmp_path / "out"
    out.mkdir()
    with ProjectFile.open(demo_path, readonly=True) as pf, pytest.raises(FileProblem, match="LibreOffice"):
        export_dossier(pf, out, ["docx", "pdf"])
    assert list(out.iterdir()) == []  # refused before anything was written


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed: cannot recalculate")
def test_libreoffice_recalculates_the_same_totals(demo_path: Path, tmp_path: Path) -> None:
    """The workbook's formulas, computed by a real spreadsheet, give the cached values we wrote."""
    import csv
    import subprocess

    import openpyxl

    from smartcity_desktop.export import XLSX_NAME

    with ProjectFile.open(demo_path) as pf:  # an odd project: only an end year, two areas
        pid, values = pf.dossier.new_project_values("只有完成年份的项目")
        values.update({f"projects[{pid}].end_year": 2014, f"projects[{pid}].investment_wan": 99.5,
                       f"projects[{pid}].indicators": ["1.1.1", "4.1.1"],
                       f"projects[{pid}].funding[other].amount_wan": 99.5})
        pf.set_many(values)
        pf.flush()
        export_dossier(pf, tmp_path, ["xlsx"])
    cached = openpyxl.load_workbook(next(tmp_path.glob(f"*{XLSX_NAME}")), data_only=True)
    index = next(i for i, ws in enumerate(cached.worksheets) if ws["A1"].value == "#summary")
    expected = [[c for c in row] for row in cached.worksheets[index].iter_rows(values_only=True)]
    stripped = openpyxl.load_workbook(next(tmp_path.glob(f"*{XLSX_NAME}")))  # openpyxl drops cached results on save
    stripped.save(tmp_path / "nocache.xlsx")
    profile = (tmp_path / "lo-profile").resolve().as_uri()
    subprocess.run([find_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{index + 1}",
                    "--outdir", str(tmp_path), str(tmp_path / "nocache.xlsx")], check=True, capture_output=True,
                   timeout=180)
    out = next(tmp_path.glob("nocache*.csv"))
    got = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    checked = 0
    for want_row, got_row in zip(expected, got):
        for want, text in zip(want_row, got_row):
            if isinstance(want, (int, float)) and not isinstance(want, bool):
                value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
                assert value == pytest.approx(want, abs=1e-6), (want_row, got_row)
                checked += 1
    assert checked > 20
