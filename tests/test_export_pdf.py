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


def _pdftotext(pdf: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, check=True,
                          timeout=60).stdout.decode("utf-8")


needs_pdf_tools = pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                                     reason="LibreOffice or poppler-utils (pdftotext) not installed")


@pytest.fixture(scope="module")
def declaration_pdf(_demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SMARTCITY_DATA_DIR", str(out / "data"))
        with ProjectFile.open(_demo_master, readonly=True) as pf:
            written = export_dossier(pf, out, ["docx", "pdf"])
    assert [p.suffix for p in written] == [".docx", ".pdf"]  # pdf converts only what this call exported
    return written[1]


@needs_pdf_tools
def test_pdf_toc_lists_headings_with_page_numbers(declaration_pdf: Path) -> None:
    import re

    from smartcity_desktop.export.pdf import find_uno_python

    if find_uno_python(find_soffice() or "") is None:
        pytest.skip("no Python with LibreOffice's uno module (python3-uno): the PDF's 目录 keeps its placeholder")

    toc = _pdftotext(declaration_pdf, "-f", "2", "-l", "3")
    assert "目" in toc and "录" in toc
    entries = re.findall(r"^([一二三四五六七八九十]+、\S+?)\.{3,}\s*(\d+)\s*$", toc, re.MULTILINE)
    assert len(entries) >= 8, toc[:500]
    numbers = [int(n) for _, n in entries]
    assert numbers == sorted(numbers) and numbers[0] == 1  # real page numbers, body starts at 1
    assert "更新域" not in toc  # not the placeholder


@needs_pdf_tools
def test_pdf_has_no_wrapped_ids_or_headers_and_no_notes(declaration_pdf: Path, scheme) -> None:
    import re

    text = _pdftotext(declaration_pdf)
    overview = text[text.index("三、指标体系自评总览", text.index("五、")):]  # the body's, not the 目录 line
    for ind in scheme.indicators:
        assert re.search(rf"(?<![\d.]){re.escape(ind.id)}(?![\d.])", overview), ind.id  # "3.3.10", never "3.3.1"+"0"
    for header in ("二级指标", "三级指标", "是否适用", "基础条件", "牵头单位", "完成时限"):
        assert header in overview, header
    for note in ("据广泛转载版本整理", "以住房城乡建设部原文为准", "（适用）"):
        assert note not in text
    assert "草稿" not in text  # the demo has no errors


@needs_pdf_tools
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) not installed")
def test_pdf_uses_serif_and_sans_cjk_faces(declaration_pdf: Path) -> None:
    import subprocess

    from smartcity_desktop.export.fonts import installed_families

    if not {"Noto Serif CJK SC", "Noto Sans CJK SC"} <= installed_families():
        pytest.skip("the CJK fonts .ci/run installs (fonts-noto-cjk) are absent")
    fonts = subprocess.run(["pdffonts", str(declaration_pdf)], capture_output=True, check=True,
                           timeout=60).stdout.decode()
    # pdffonts names an OTC by its first face (…CJKjp…) even for SC glyphs (STYLE.md): check serif and sans
    assert "NotoSerifCJK" in fonts  # 仿宋_GB2312 / 方正小标宋简体 / 楷体_GB2312 -> a serif face
    assert "NotoSansCJK" in fonts  # 黑体 -> a sans face


@needs_pdf_tools
def test_draft_pdf_says_so_on_pages(empty_path: Path, tmp_path: Path) -> None:
    with ProjectFile.open(empty_path, readonly=True) as pf:
        written = export_dossier(pf, tmp_path, ["pdf"])
    assert [p.name for p in written] == ["测试区-申报书.pdf", "测试区-指标自评表.pdf"]
    for pdf in written:
        first = _pdftotext(pdf, "-f", "1", "-l", "1")
        assert "草稿" in first, pdf.name


def test_cli_font_warning_only_when_a_pdf_is_made(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from smartcity_desktop.cli import main
    from smartcity_desktop.export import fonts

    monkeypatch.setattr(fonts, "font_warning", lambda families=None: "注意：本机缺少公文字体 黑体")
    assert main(["export", str(demo_path), "--out", str(tmp_path / "a"), "--format", "docx"]) == 0
    out, err = capsys.readouterr()
    assert out.strip().endswith("江东省临川市滨湖区-申报书.docx") and "公文字体" not in err and "草稿" not in err
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: no PDF, no warning to test")
    assert main(["export", str(demo_path), "--out", str(tmp_path / "b"), "--format", "docx,pdf"]) == 0
    out, err = capsys.readouterr()
    assert [Path(p).name for p in out.split()] == ["江东省临川市滨湖区-申报书.docx", "江东省临川市滨湖区-申报书.pdf"]
    assert "注意：本机缺少公文字体 黑体" in err
