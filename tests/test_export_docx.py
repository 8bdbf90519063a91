"""申报书.docx: reopened with python-docx and checked for content, layout and official style."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from smartcity_desktop.export import DOCX_NAME, export_dossier
from smartcity_desktop.export.context import fmt_amount
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.store import ProjectFile


@pytest.fixture(scope="module")
def exported(_demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ProjectFile]]:
    out = tmp_path_factory.mktemp("docx")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SMARTCITY_DATA_DIR", str(out / "data"))
        pf = ProjectFile.open(_demo_master, readonly=True)
        try:
            export_dossier(pf, out, ["docx"])
            yield out / DOCX_NAME, pf
        finally:
            pf.close()


@pytest.fixture(scope="module")
def doc(exported: tuple[Path, ProjectFile]) -> Document:
    return Document(str(exported[0]))


def all_text(doc: Document) -> str:
    return "\n".join(t.text or "" for t in doc.element.body.iter(qn("w:t")))


def overview_table(doc: Document):
    for table in doc.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[:4] == ["一级指标", "二级指标", "编号", "三级指标"]:
            return table
    raise AssertionError("overview table not found")


def test_only_the_docx_is_written_and_no_temp_files(exported: tuple[Path, ProjectFile]) -> None:
    path, _pf = exported
    assert sorted(p.name for p in path.parent.iterdir() if p.is_file()) == [DOCX_NAME]


def test_cover_and_applicant_values(doc: Document, exported: tuple[Path, ProjectFile]) -> None:
    d = exported[1].dossier
    text = all_text(doc)
    for key in ("applicant.name", "applicant.unit", "applicant.leader", "applicant.contact_name",
                "applicant.contact_phone", "applicant.province"):
        assert d.get(key) and d.get(key) in text, key
    year, month, day = d.get("applicant.declaration_date").split("-")
    assert f"{year}年{int(month)}月{int(day)}日" in text
    assert "申报单位（盖章）" in text and "省级住房城乡建设主管部门推荐意见" in text


def test_all_57_indicators_with_answers(doc: Document, exported: tuple[Path, ProjectFile], scheme: Scheme) -> None:
    d = exported[1].dossier
    text = all_text(doc)
    assert len(scheme.indicators) == 57
    for ind in scheme.indicators:
        assert ind.label in text, ind.id
        answer = d.indicator(ind.id)
        if answer.applicable and answer.target:
            assert answer.target.splitlines()[0].strip() in text, ind.id
    not_applicable = [a for a in d.iter_indicators() if not a.applicable]
    assert not_applicable, "the demo has a not-applicable indicator"
    for a in not_applicable:
        assert a.not_applicable_reason.splitlines()[0].strip() in text
    assert "不适用理由：" in text


def test_summary_explanations_carry_their_provenance_note(doc: Document, scheme: Scheme) -> None:
    summaries = [i for i in scheme.indicators if scheme.is_summary(i.provenance)]
    verbatim = [i for i in scheme.indicators if not scheme.is_summary(i.provenance)]
    paragraphs = [p.text for p in doc.paragraphs]
    for ind in summaries[:10] + verbatim[:5]:
        line = next(p for p in paragraphs if p.startswith("指标说明：") and ind.explanation["zh"][:20] in p)
        assert (scheme.provenance_note(ind.provenance) in line) == scheme.is_summary(ind.provenance), ind.id


def test_overview_table_merged_repeated_header_rows_not_split(doc: Document, scheme: Scheme) -> None:
    table = overview_table(doc)
    rows = table._tbl.findall(qn("w:tr"))
    assert len(rows) == 1 + 57
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
    ids = ["".join(t.text for t in r.findall(f"{qn('w:tc')}[3]//{qn('w:t')}")) for r in rows[1:]]
    assert ids == [i.id for i in scheme.indicators]

    def merges(col: int) -> list[str | None]:
        out = []
        for r in rows[1:]:
            tc = r.findall(qn("w:tc"))[col]
            vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            out.append(None if vm is None else (vm.get(qn("w:val")) or "continue"))
        return out

    l1_groups = [l1 for l1 in scheme.level1 if len(l1.indicators) > 1]
    l2_groups = [l2 for l1 in scheme.level1 for l2 in l1.children if len(l2.indicators) > 1]
    assert merges(0).count("restart") == len(l1_groups)
    assert merges(1).count("restart") == len(l2_groups)
    assert merges(0).count("continue") == sum(len(g.indicators) - 1 for g in l1_groups)
    first_row_text = "".join(t.text for t in rows[1].findall(f"{qn('w:tc')}[1]//{qn('w:t')}"))
    assert first_row_text == scheme.level1[0].label


def test_projects_investment_and_totals(doc: Document, exported: tuple[Path, ProjectFile]) -> None:
    d = exported[1].dossier
    projects = d.projects()
    text = all_text(doc)
    for p in projects:
        assert p.name in text
    total = sum(p.investment_wan or 0 for p in projects)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号" and "总投资" in t.rows[0].cells[4].text)
    assert len(table.rows) == 1 + len(projects) + 1
    last = [c.text for c in table.rows[-1].cells]
    assert last[4] == fmt_amount(total)
    assert last[5] == fmt_amount(sum(p.funding.fiscal for p in projects))
    sources = next(t for t in doc.tables if t.rows[0].cells[0].text == "资金来源")
    assert sources.rows[-1].cells[1].text == fmt_amount(sum(p.funding.total for p in projects))
    years = next(t for t in doc.tables if t.rows[0].cells[0].text == "年度")
    assert years.rows[-1].cells[1].text == fmt_amount(total)


def test_conditions_and_attachment_index(doc: Document, exported: tuple[Path, ProjectFile], scheme: Scheme) -> None:
    pf = exported[1]
    text = all_text(doc)
    for cond in scheme.conditions:
        assert cond.label in text
        status = pf.dossier.condition(cond.id).status
        assert status
    index = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["序号", "附件名称"])
    names = [row.cells[1].text for row in index.rows[1:]]
    assert names == [a.name for a in pf.attachments()]


def test_official_style_fonts_and_page(doc: Document) -> None:
    def fonts(style_name: str) -> tuple[str | None, float | None]:
        style = doc.styles[style_name]
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        return rfonts.get(qn("w:eastAsia")), style.font.size.pt if style.font.size else None

    assert fonts("Normal") == ("仿宋_GB2312", 16)
    assert fonts("Title") == ("方正小标宋简体", 22)
    assert fonts("Heading 1") == ("黑体", 16)
    assert fonts("Heading 2") == ("楷体_GB2312", 16)
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert defaults.get(qn("w:eastAsia")) == "仿宋_GB2312"
    for style in doc.styles:
        rpr = style.element.rPr
        rfonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if rfonts is not None:  # no theme font may override the East Asian one
            assert rfonts.get(qn("w:eastAsiaTheme")) is None, style.name
    for section in doc.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
        for got, want in ((section.top_margin, 37), (section.bottom_margin, 35), (section.left_margin, 28),
                          (section.right_margin, 26)):
            assert abs(got - Mm(want)) < Mm(0.5)
    footer = doc.sections[-1].footer._element
    assert any("PAGE" in (f.get(qn("w:instr")) or "") for f in footer.iter(qn("w:fldSimple")))
    assert doc.styles["Heading 1"].font.size == Pt(16)


def test_headings_in_order(doc: Document) -> None:
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert [h[:2] for h in h1] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、"]
    h2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert any(h.startswith("（一）") for h in h2)


def test_awkward_text_is_escaped(empty_path: Path, tmp_path: Path) -> None:
    with ProjectFile.open(empty_path) as pf:
        pf.set_many({"applicant.unit": "A&B <公司> \"甲\"", "profile.overview": "第一段\x0b换行\n\n第二段 {{ 7*7 }}",
                     "indicators[1.1.1].target": "=1+1 @x"})
        pf.flush()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        export_dossier(pf, tmp_path, ["docx"])
    text = all_text(Document(str(tmp_path / DOCX_NAME)))
    assert "A&B <公司> \"甲\"" in text
    assert "第二段 {{ 7*7 }}" in text and "49" not in text.split("第二段")[1][:10]
    assert "换行" in text and "=1+1 @x" in text


def test_user_template_in_data_folder_is_used(empty_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from smartcity_desktop.export.docx_export import TEMPLATE_NAME, default_template

    data = tmp_path / "data"
    monkeypatch.setenv("SMARTCITY_DATA_DIR", str(data))
    own = Document(str(default_template()))
    own.add_paragraph("本省专用版式：{{ f['applicant.province'] }}")
    (data / "templates").mkdir(parents=True)
    own.save(str(data / "templates" / TEMPLATE_NAME))
    out = tmp_path / "out"
    out.mkdir()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        export_dossier(pf, out, ["docx"])
    assert "本省专用版式：江东省" in all_text(Document(str(out / DOCX_NAME)))
