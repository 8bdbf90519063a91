"""申报书.docx: reopened with python-docx and checked for content, layout and official style."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from smartcity_desktop.export import DOCX_NAME, export_dossier, file_name
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
            yield out / file_name(pf.dossier.get("applicant.name"), DOCX_NAME), pf
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
        if header[:3] == ["二级指标", "编号", "三级指标"]:
            return table
    raise AssertionError("overview table not found")


def test_only_the_docx_is_written_and_no_temp_files(exported: tuple[Path, ProjectFile]) -> None:
    path, _pf = exported
    assert sorted(p.name for p in path.parent.iterdir() if p.is_file()) == [path.name]


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


def test_no_provenance_notes_or_explanations_in_the_declaration(doc: Document, scheme: Scheme) -> None:
    """The program's notes on where a text comes from stay in the program (issue 11)."""
    text = all_text(doc)
    for label in scheme.provenance_labels.values():
        for note in label.text.values():
            assert note not in text
    assert "（说明" not in text and "措辞未经证实" not in text and "指标说明：" not in text
    assert "（适用）" not in text


def test_overview_table_groups_merges_and_widths(doc: Document, scheme: Scheme) -> None:
    table = overview_table(doc)
    rows = table._tbl.findall(qn("w:tr"))
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
    group_rows = [r for r in rows[1:] if len(r.findall(qn("w:tc"))) == 1]
    data_rows = [r for r in rows[1:] if len(r.findall(qn("w:tc"))) == 7]
    assert ["".join(t.text for t in r.iter(qn("w:t"))) for r in group_rows] == \
        [f"{'一二三四'[n]}、{l1.label}" for n, l1 in enumerate(scheme.level1)]
    assert all(r.find(f".//{qn('w:keepNext')}") is not None for r in group_rows)  # never alone at a page foot
    ids = ["".join(t.text for t in r.findall(f"{qn('w:tc')}[2]//{qn('w:t')}")) for r in data_rows]
    assert ids == [i.id for i in scheme.indicators]
    l2_groups = [l2 for l1 in scheme.level1 for l2 in l1.children if len(l2.indicators) > 1]
    restarts = [r for r in data_rows if r.find(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:vMerge')}") is not None
                and r.find(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:vMerge')}").get(qn("w:val")) == "restart"]
    assert len(restarts) == len(l2_groups)
    # the widest id and the headers fit: column widths in the grid add up to the 156 mm type area
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert abs(sum(widths) / 1440 * 25.4 - 156) < 1.5
    id_mm = widths[1] / 1440 * 25.4
    assert id_mm >= 11  # "3.3.10" at 9 pt is about 9 mm plus 2 mm padding


def test_quantified_targets_table_and_per_indicator_line(doc: Document, exported: tuple[Path, ProjectFile]) -> None:
    d = exported[1].dossier
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:3] == ["编号", "三级指标", "量化指标"])
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    expected = [(ind.id, m.name, m.unit, m.baseline, m.target) for ind in d.scheme.indicators
                for m in d.metrics(ind.id) if m.name]
    assert len(expected) >= 10
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in rows] == expected
    assert any(p.text.startswith("量化目标：信号灯联网控制率：46% → 90%；") for p in doc.paragraphs)


def test_toc_field_cover_and_numbering(doc: Document) -> None:
    body = doc.element.body
    instr = "".join(t.text for t in body.iter(qn("w:instrText")))
    assert "TOC" in instr and '\\o "1-2"' in instr
    begin = next(body.iter(qn("w:fldChar")))
    assert begin.get(qn("w:dirty")) == "true"  # Word/WPS rebuild it on opening
    assert "目　　录" in all_text(doc)
    first, body_section = doc.sections[0], doc.sections[-1]
    assert not list(first.footer._element.iter(qn("w:fldSimple")))  # cover and 目录: no page number
    pg = body_section._sectPr.find(qn("w:pgNumType"))
    assert pg is not None and pg.get(qn("w:start")) == "1"


def test_gbt9704_grid_and_page_numbers(doc: Document) -> None:
    from smartcity_desktop.export.official_style import CHAR_SPACE, LINE_PITCH_TWIPS

    for section in doc.sections:
        grid = section._sectPr.find(qn("w:docGrid"))
        assert grid.get(qn("w:type")) == "linesAndChars"
        assert int(grid.get(qn("w:linePitch"))) == LINE_PITCH_TWIPS == 579  # 225 mm / 22 lines
        assert int(grid.get(qn("w:charSpace"))) == CHAR_SPACE  # 156 mm / 28 characters of 16 pt
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[-1]
    for footer, align, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        p = footer.paragraphs[0]
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert any("PAGE" in (f.get(qn("w:instr")) or "") for f in footer._element.iter(qn("w:fldSimple")))
        assert p.alignment == {"right": 2, "left": 0}[align]
        indent = p.paragraph_format.right_indent if side == "right" else p.paragraph_format.left_indent
        assert indent == Pt(14)  # one 4号 character in
        assert p.style.name == "页码" and p.style.font.size == Pt(14)
        rfonts = p.style.element.rPr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")) == rfonts.get(qn("w:ascii")) == "宋体"  # 半角宋体 digits


def test_clean_properties_language_and_styles(doc: Document, exported: tuple[Path, ProjectFile]) -> None:
    import zipfile

    pf = exported[1]
    props = doc.core_properties
    assert props.title == f"{pf.dossier.get('applicant.name')}国家智慧城市试点申报书"
    assert props.author == pf.author and props.last_modified_by == pf.author
    assert "模板" not in props.title and not props.comments and props.created.year >= 2024
    with zipfile.ZipFile(exported[0]) as z:
        app = z.read("docProps/app.xml").decode()
        settings = z.read("word/settings.xml").decode()
        theme = z.read("word/theme/theme1.xml").decode()
    assert "Macintosh" not in app and "python-docx" not in app + (props.comments or "")
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings
    assert "Jpan" not in theme
    with zipfile.ZipFile(exported[0]) as z:
        names = z.namelist()
    assert not [n for n in names if "stylesWithEffects" in n or "thumbnail" in n or n.startswith("customXml")]
    names = {s.name for s in doc.styles}
    assert "Intense Quote" not in names and "Light Shading Accent 1" not in names
    assert doc.styles.element.find(qn("w:latentStyles")) is None


def test_no_draft_mark_without_errors(doc: Document) -> None:
    for section in doc.sections:  # the demo validates without errors: a final text
        for header in (section.header, section.even_page_header):
            assert "草稿" not in "".join(p.text for p in header.paragraphs)
            assert "SmartcityDraftMark" not in header._element.xml


def test_commitment_and_opinion_boxes(doc: Document, exported: tuple[Path, ProjectFile]) -> None:
    text = all_text(doc)
    unit = exported[1].dossier.get("applicant.unit")
    assert "九、承诺书" in text and f"{unit}郑重承诺" in text
    opinions = next(t for t in doc.tables if t.rows[0].cells[0].text == "申报单位意见")
    labels = [r.cells[0].text for r in opinions.rows]
    assert labels == ["申报单位意见", "所在城市人民政府意见", "省级住房城乡建设主管部门推荐意见"]  # the demo is a 区


def test_city_has_no_city_government_box_and_facts_have_year(empty_path: Path, tmp_path: Path) -> None:
    with ProjectFile.open(empty_path) as pf:
        pf.set_many({"applicant.level": "city", "profile.stats_year": 2012, "profile.population": 1000,
                     "profile.urban_population": 500, "profile.creation_start_year": 2013,
                     "profile.creation_end_year": 2016})
        pf.flush()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        export_dossier(pf, tmp_path, ["docx"])
    doc = Document(str(next(tmp_path.glob("*申报书.docx"))))
    opinions = next(t for t in doc.tables if t.rows[0].cells[0].text == "申报单位意见")
    assert [r.cells[0].text for r in opinions.rows] == ["申报单位意见", "省级住房城乡建设主管部门推荐意见"]
    text = all_text(doc)
    assert "下表数据为2012年统计数据。" in text and "2013年至2016年" in text
    facts = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == ["项目", "数值", "单位"])
    rate = next(r for r in facts.rows if r.cells[0].text == "城镇化率")
    assert [c.text for c in rate.cells] == ["城镇化率", "50.0", "%"]


def test_projects_investment_and_totals(doc: Document, exported: tuple[Path, ProjectFile]) -> None:
    d = exported[1].dossier
    projects = d.projects()
    text = all_text(doc)
    for p in projects:
        assert p.name in text
    total = sum(p.investment_wan or 0 for p in projects)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号" and "总投资" in t.rows[0].cells[3].text)
    assert len(table.rows) == 1 + len(projects) + 1
    last = [c.text for c in table.rows[-1].cells]
    assert last[3] == fmt_amount(total)
    assert last[4] == fmt_amount(sum(p.funding.fiscal for p in projects))
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
    assert [c.text for c in index.rows[0].cells] == ["序号", "附件名称", "对应事项", "页数", "份数"]
    names = [row.cells[1].text for row in index.rows[1:]]
    assert names == [a.name for a in pf.attachments()]
    assert all(row.cells[3].text == "—" and row.cells[4].text == "1" for row in index.rows[1:])  # .txt: unknown
    assert " B" not in "".join(row.cells[3].text for row in index.rows[1:])


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
    assert [h[:2] for h in h1] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"]
    h2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert any(h.startswith("（一）") for h in h2)


def test_awkward_text_is_escaped(empty_path: Path, tmp_path: Path) -> None:
    with ProjectFile.open(empty_path) as pf:
        pf.set_many({"applicant.unit": "A&B <公司> \"甲\"", "profile.overview": "第一段\x0b换行\n\n第二段 {{ 7*7 }}",
                     "indicators[1.1.1].target": "=1+1 @x"})
        pf.flush()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        export_dossier(pf, tmp_path, ["docx"])
    text = all_text(Document(str(next(tmp_path.glob("*申报书.docx")))))
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
    assert "本省专用版式：江东省" in all_text(Document(str(next(out.glob("*申报书.docx")))))


def test_elements_in_schema_order_so_word_opens_without_repair(empty_path: Path, tmp_path: Path) -> None:
    """Word refuses (asks to repair) out-of-order children; check the parts we write, on a draft (most
    post-processing: merges, keep-with-next, draft header, properties)."""
    import zipfile

    from lxml import etree

    from smartcity_desktop.export.official_style import ORDER

    with ProjectFile.open(empty_path, readonly=True) as pf:
        path = export_dossier(pf, tmp_path, ["docx"])[0]
    ranks = {local: {qn(f"w:{n}"): i for i, n in enumerate(names.split())} for local, names in ORDER.items()}
    ranks["sectPr"][qn("w:footerReference")] = ranks["sectPr"][qn("w:headerReference")]  # a choice group
    checked = 0
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(z.read(name))
            for local, rank in ranks.items():
                for el in root.iter(qn(f"w:{local}")):
                    order = [rank[c.tag] for c in el if c.tag in rank]
                    assert order == sorted(order), (name, local, [etree.QName(c).localname for c in el])
                    checked += 1
    assert checked > 500
