"""Build resources/templates/申报书模板.docx, the Word template of the declaration (申报书).

Run ``python tools/make_templates.py`` after changing the layout; the output is byte-for-byte
reproducible (fixed timestamps), so a diff of the committed template means a real change.

The template is an ordinary Word file: staff may open it in Word/WPS, restyle it or replace it with
their province's layout. It holds docxtpl (Jinja) tags:
``{{ f['applicant.name'] }}`` (any field key), ``{%p for t in lines('profile.overview') %}`` (a long text
as paragraphs), loops over ``conditions``, ``groups``, ``overview``, ``projects``, ``by_area``,
``by_year``, ``by_source``, ``attachments`` (see docs/exports.md). A table whose alt-text description
is ``smartcity:merge=1,2`` gets equal neighbouring cells of those columns merged after rendering.

Official style after GB/T 9704-2012: A4; margins 37/35/28/26 mm; title 方正小标宋简体 2号 (22 pt);
body 仿宋_GB2312 3号 (16 pt); headings 黑体 (一、) and 楷体_GB2312 (（一）); page numbers "— 1 —"
in 宋体 4号. python-docx never writes ``w:eastAsia``, so every style's fonts are set through oxml,
and the font table names a fallback (altName, GB2312 charset) for machines without these fonts.
"""
from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "templates" / "申报书模板.docx"

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
LATIN = "Times New Roman"
# Fallbacks Word/WPS use when a font is missing (altName) - all are Windows' standard Chinese fonts.
FONT_TABLE = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", H1_FONT: "SimHei", H2_FONT: "楷体", PAGE_FONT: "SimSun"}
FIXED_TIME = datetime(2012, 12, 5, tzinfo=timezone.utc)


def set_fonts(rpr_owner, east: str, latin: str = LATIN, size: float | None = None, bold: bool | None = None) -> None:
    """Write w:rFonts with eastAsia (and no theme fonts, which would override it) on a style or run."""
    if hasattr(rpr_owner, "get_or_add_rPr"):
        rpr = rpr_owner.get_or_add_rPr()
    else:
        rpr = rpr_owner.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_owner.append(rpr)
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")
    rpr.insert(0, fonts)
    for tag in ("w:color", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(int(size * 2)))
            rpr.append(el)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)
            el = OxmlElement(tag)
            if not bold:
                el.set(qn("w:val"), "0")
            rpr.append(el)


def paragraph_style(doc, name: str, east: str, size: float, *, base: str | None = "Normal", bold: bool = False,
                    align=None, indent_chars: float | None = 2, line_pt: float | None = 28, before: float = 0,
                    after: float = 0, keep_next: bool = False, outline: int | None = None):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and name != base:
        style.base_style = styles[base]
    style.hidden = False
    style.quick_style = True
    set_fonts(style.element, east, size=size, bold=bold)
    pf = style.paragraph_format
    pf.alignment = align
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.keep_with_next = keep_next
    pf.widow_control = True
    if line_pt:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_pt)
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:ind")):
        ppr.remove(old)
    if indent_chars is not None:
        ind = OxmlElement("w:ind")
        ind.set(qn("w:firstLineChars"), str(int(indent_chars * 100)))
        ind.set(qn("w:firstLine"), str(int(indent_chars * size * 20)))
        ppr.append(ind)
    else:
        ind = OxmlElement("w:ind")
        ind.set(qn("w:firstLine"), "0")
        ind.set(qn("w:left"), "0")
        ppr.append(ind)
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    if outline is not None:
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(outline))
        ppr.append(lvl)
    return style


def build_styles(doc) -> None:
    # Document defaults: everything (tables, footnotes, new styles) starts from Chinese-safe fonts.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    set_fonts(rpr_default, BODY_FONT, size=16)
    paragraph_style(doc, "Normal", BODY_FONT, 16, base=None, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style(doc, "Title", TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=None, line_pt=36,
                    before=0, after=12)
    title = doc.styles["Title"].element.get_or_add_pPr()
    for old in title.findall(qn("w:pBdr")):
        title.remove(old)
    paragraph_style(doc, "Heading 1", H1_FONT, 16, keep_next=True, outline=0)
    paragraph_style(doc, "Heading 2", H2_FONT, 16, keep_next=True, outline=1)
    paragraph_style(doc, "Heading 3", BODY_FONT, 16, bold=True, keep_next=True, outline=2)
    paragraph_style(doc, "指标名称", BODY_FONT, 16, bold=True, keep_next=True, outline=3)
    paragraph_style(doc, "指标说明", H2_FONT, 14, line_pt=24)
    paragraph_style(doc, "封面项", BODY_FONT, 16, indent_chars=None, line_pt=32)
    paragraph_style(doc, "封面标题", TITLE_FONT, 22, base="Title", align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=None,
                    line_pt=40)
    paragraph_style(doc, "表格文字", BODY_FONT, 10.5, indent_chars=None, line_pt=None, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph_style(doc, "表格小字", BODY_FONT, 9, indent_chars=None, line_pt=None, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph_style(doc, "表头", H1_FONT, 10.5, indent_chars=None, line_pt=None, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "落款", BODY_FONT, 16, indent_chars=None, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(doc, "页码", PAGE_FONT, 14, indent_chars=None, line_pt=None, align=WD_ALIGN_PARAGRAPH.CENTER)
    for name in ("Header", "Footer"):
        paragraph_style(doc, name, PAGE_FONT, 14, indent_chars=None, line_pt=None)
    # The other built-in styles (Heading 4-9, Subtitle, Quote...) name theme fonts, which override
    # w:eastAsia in Word: replace them so no style can fall back to a Latin font for Chinese.
    themes = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    for style in doc.styles.element.findall(qn("w:style")):
        for rfonts in style.iter(qn("w:rFonts")):
            if any(rfonts.get(t) for t in themes):
                for t in themes:
                    rfonts.attrib.pop(t, None)
                heading = "heading" in (style.find(qn("w:name")).get(qn("w:val")) or "").lower()
                rfonts.set(qn("w:eastAsia"), H1_FONT if heading else BODY_FONT)
                rfonts.set(qn("w:ascii"), LATIN)
                rfonts.set(qn("w:hAnsi"), LATIN)


def page_setup(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)


def para(doc, text: str = "", style: str | None = None, *, bold_prefix: str = ""):
    p = doc.add_paragraph(style=style)
    if bold_prefix:
        p.add_run(bold_prefix).bold = True
    if text:
        p.add_run(text)
    return p


def tag(doc, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p ... %}); it disappears on rendering."""
    doc.add_paragraph(text)


def _cell_text(cell, text: str, style: str) -> None:
    p = cell.paragraphs[0]
    p.style = cell.part.document.styles[style] if hasattr(cell.part, "document") else style
    p.add_run(text)


def _row_flags(row, *, header: bool = False, cant_split: bool = True) -> None:
    trpr = row._tr.get_or_add_trPr()
    if cant_split:
        trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def loop_table(doc, headers: list[str], cells: list[str], widths: list[float], loop: str, *,
               total: list[str] | None = None, style: str = "表格文字", merge: str = "",
               align_right: tuple[int, ...] = ()) -> None:
    """A table: repeated header row, one row per item of ``loop`` (rows never split), optional total."""
    n = len(headers)
    table = doc.add_table(rows=0, cols=n)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    rows = [("header", headers), ("tag", [f"{{%tr {loop} %}}"] + [""] * (n - 1)), ("data", cells),
            ("tag", ["{%tr endfor %}"] + [""] * (n - 1))]
    if total:
        rows.append(("total", total))
    for kind, texts in rows:
        row = table.add_row()
        _row_flags(row, header=kind == "header")
        for i, (cell, text) in enumerate(zip(row.cells, texts)):
            cell.width = Mm(widths[i])
            p = cell.paragraphs[0]
            p.style = doc.styles["表头" if kind == "header" else style]
            if kind in ("data", "total") and i in align_right:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = p.add_run(text)
            if kind == "total":
                run.bold = True
    for i, width in enumerate(widths):
        table.columns[i].width = Mm(width)
    tblpr = table._tbl.tblPr
    if merge:
        desc = OxmlElement("w:tblDescription")
        desc.set(qn("w:val"), f"smartcity:merge={merge}")
        tblpr.append(desc)


def page_number_footer(section) -> None:
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.style = section.part.document.styles["页码"] if hasattr(section.part, "document") else "页码"
    p.add_run("— ")
    fld = parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    p._p.append(fld)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = " —"
    r.append(t)
    p._p.append(r)


def lines(doc, key: str, style: str | None = None) -> None:
    tag(doc, f"{{%p for t in lines('{key}') %}}")
    para(doc, "{{ t }}", style)
    tag(doc, "{%p endfor %}")


def cover(doc) -> None:
    for _ in range(2):
        para(doc, "", "封面项")
    para(doc, "国家智慧城市试点", "封面标题")
    para(doc, "申　报　书", "封面标题")
    for _ in range(2):
        para(doc, "", "封面项")
    items = [
        ("申报城市（区、镇）：", "{{ f['applicant.name'] }}"),
        ("行政层级：", "{{ f['applicant.level'] }}"),
        ("所在省（自治区、直辖市）：", "{{ f['applicant.province'] }}"),
        ("申报单位（盖章）：", "{{ f['applicant.unit'] }}"),
        ("主要负责人：", "{{ f['applicant.leader'] }}{% if f['applicant.leader_title'] %}"
                      "（{{ f['applicant.leader_title'] }}）{% endif %}"),
        ("联系人及电话：", "{{ f['applicant.contact_name'] }}　{{ f['applicant.contact_phone'] }}"),
        ("电子邮箱：", "{{ f['applicant.contact_email'] }}"),
        ("通讯地址：", "{{ f['applicant.address'] }}"),
        ("推荐单位：", "{{ f['applicant.recommender'] }}"),
        ("申报日期：", "{{ f['applicant.declaration_date'] }}"),
    ]
    for label, value in items:
        p = para(doc, "", "封面项")
        p.paragraph_format.left_indent = Mm(20)
        p.add_run(label)
        p.add_run(value).underline = True


def body(doc) -> None:
    para(doc, "一、申报城市（区、镇）基本情况", "Heading 1")
    para(doc, "（一）主要经济社会指标", "Heading 2")
    loop_table(doc, ["项目", "数值", "单位"], ["{{ r.label }}", "{{ r.value }}", "{{ r.unit }}"], [60, 55, 35],
               "for r in facts", align_right=(1,))
    for n, (key, label) in enumerate([("profile.overview", "基本情况"), ("profile.main_industries", "主导产业"),
                                      ("profile.foundation", "建设基础"), ("profile.goals", "创建目标")], start=2):
        para(doc, f"（{'一二三四五六七八九'[n - 1]}）{label}", "Heading 2")
        lines(doc, key)

    para(doc, "二、申报条件具备情况", "Heading 1")
    tag(doc, "{%p for c in conditions %}")
    para(doc, "（{{ c.cn }}）{{ c.text }}", "Heading 2")
    tag(doc, "{%p if c.note %}")
    para(doc, "（说明：{{ c.note }}）", "指标说明")
    tag(doc, "{%p endif %}")
    para(doc, "{{ c.status }}", bold_prefix="具备情况：")
    tag(doc, "{%p for t in c.evidence %}")
    para(doc, "{{ t }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if c.documents %}")
    para(doc, "{{ c.documents }}", bold_prefix="证明材料：")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")

    para(doc, "三、指标体系自评总览", "Heading 1")
    loop_table(doc, ["一级指标", "二级指标", "编号", "三级指标", "是否适用", "基础条件", "牵头单位", "完成时限"],
               ["{{ r.l1 }}", "{{ r.l2 }}", "{{ r.id }}", "{{ r.name }}", "{{ r.applicable }}",
                "{{ r.readiness }}", "{{ r.lead_unit }}", "{{ r.deadline }}"],
               [15, 15, 13, 32, 15, 16, 26, 24], "for r in overview", merge="1,2")

    para(doc, "四、分项指标自评", "Heading 1")
    tag(doc, "{%p for g in groups %}")
    para(doc, "（{{ g.cn }}）{{ g.name }}", "Heading 2")
    tag(doc, "{%p for c in g.children %}")
    para(doc, "{{ g.no }}.{{ c.no }} {{ c.name }}", "Heading 3")
    tag(doc, "{%p for i in c.indicators %}")
    para(doc, "{{ i.id }} {{ i.name }}（{{ i.applicable_label }}）", "指标名称")
    para(doc, "指标说明：{{ i.explanation }}{% if i.note %}（{{ i.note }}）{% endif %}", "指标说明")
    tag(doc, "{%p if i.applicable %}")
    for field, label in (("current_state", "现状基础："), ("target", "创建目标："), ("measures", "主要措施：")):
        tag(doc, f"{{%p for t in i.{field} %}}")
        p = doc.add_paragraph()
        p.add_run(f"{{% if loop.first %}}{label}{{% endif %}}").bold = True
        p.add_run("{{ t }}")
        tag(doc, "{%p endfor %}")
    para(doc, "{{ i.readiness }}　牵头单位：{{ i.lead_unit }}　完成时限：{{ i.deadline }}", bold_prefix="基础条件：")
    tag(doc, "{%p if i.projects %}")
    para(doc, "{{ i.projects }}", bold_prefix="支撑项目：")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if i.documents %}")
    para(doc, "{{ i.documents }}", bold_prefix="证明材料：")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    tag(doc, "{%p for t in i.reason %}")
    p = doc.add_paragraph()
    p.add_run("{% if loop.first %}不适用理由：{% endif %}").bold = True
    p.add_run("{{ t }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")

    para(doc, "五、建设项目与投资", "Heading 1")
    para(doc, "（一）重点建设项目（单位：万元）", "Heading 2")
    loop_table(doc, ["序号", "项目名称", "牵头单位", "建设期", "总投资", "财政资金", "银行贷款", "社会资本", "其他"],
               ["{{ p.no }}", "{{ p.name }}", "{{ p.lead_unit }}", "{{ p.years }}", "{{ p.investment }}",
                "{{ p.fiscal }}", "{{ p.bank_loan }}", "{{ p.social_capital }}", "{{ p.other }}"],
               [11, 28, 18, 14, 17, 17, 17, 17, 17], "for p in projects",
               total=["", "合计（{{ project_total.count }} 个项目）", "", "", "{{ project_total.investment }}",
                      "{{ project_total.fiscal }}", "{{ project_total.bank_loan }}",
                      "{{ project_total.social_capital }}", "{{ project_total.other }}"],
               style="表格小字", align_right=(4, 5, 6, 7, 8))
    para(doc, "（二）项目建设内容", "Heading 2")
    tag(doc, "{%p for p in projects %}")
    para(doc, "{{ p.no }}. {{ p.name }}", "指标名称")
    para(doc, "{{ p.content }}")
    para(doc, "{{ p.indicators }}；牵头单位：{{ p.lead_unit }}；建设期：{{ p.years }}。", bold_prefix="对应指标：")
    tag(doc, "{%p if p.plan %}")
    para(doc, "{{ p.plan }}。", bold_prefix="分年度投资计划：")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    para(doc, "（三）投资汇总（单位：万元）", "Heading 2")
    para(doc, "1. 按领域（服务多个领域的项目，投资在这些领域间平均分配）", "Heading 3")
    loop_table(doc, ["领域", "涉及项目数", "投资", "占比"],
               ["{{ s.label }}", "{{ s.count }}", "{{ s.amount }}", "{{ s.share }}"], [60, 25, 40, 25],
               "for s in by_area", total=["合计", "{{ project_total.count }}", "{{ project_total.investment }}",
                                          "100%"], align_right=(1, 2, 3))
    para(doc, "2. 按年度（各项目申报的分年度投资计划；未申报年度计划的项目单列）", "Heading 3")
    loop_table(doc, ["年度", "投资", "占比"], ["{{ s.label }}", "{{ s.amount }}", "{{ s.share }}"], [50, 50, 40],
               "for s in by_year", total=["合计", "{{ project_total.investment }}", "100%"], align_right=(1, 2))
    para(doc, "3. 按资金来源", "Heading 3")
    loop_table(doc, ["资金来源", "金额", "占比"], ["{{ s.label }}", "{{ s.amount }}", "{{ s.share }}"], [50, 50, 40],
               "for s in by_source", total=["合计", "{{ project_total.funding_total }}", "100%"], align_right=(1, 2))

    para(doc, "六、保障措施", "Heading 1")
    for n, (key, label) in enumerate([("organisation", "组织保障"), ("policy", "政策保障"), ("funding", "资金保障"),
                                      ("operation", "运营保障")]):
        para(doc, f"（{'一二三四'[n]}）{label}", "Heading 2")
        lines(doc, f"safeguards.{key}")

    para(doc, "七、附件目录", "Heading 1")
    loop_table(doc, ["序号", "附件名称", "对应事项", "大小"],
               ["{{ a.no }}", "{{ a.name }}", "{{ a.target }}", "{{ a.size }}"], [12, 80, 45, 19],
               "for a in attachments", align_right=(3,))

    para(doc, "八、审核意见", "Heading 1").paragraph_format.page_break_before = True  # both seal blocks on one page
    table = doc.add_table(rows=2, cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Mm(30), Mm(126)
    for row, (label, height) in zip(table.rows, (("申报单位意见", 95), ("省级住房城乡建设主管部门推荐意见", 75))):
        _row_flags(row)
        row.height = Mm(height)
        row.cells[0].width, row.cells[1].width = Mm(30), Mm(126)
        p = row.cells[0].paragraphs[0]
        p.style = doc.styles["表头"]
        p.add_run(label)
    cell = table.rows[0].cells[1]
    first = cell.paragraphs[0]
    first.add_run("{%p for t in lines('safeguards.applicant_opinion') %}")
    cell.add_paragraph("{{ t }}")
    cell.add_paragraph("{%p endfor %}")
    cell.add_paragraph("")
    cell.add_paragraph("主要负责人（签字）：", style="落款")
    cell.add_paragraph("申报单位（盖章）", style="落款")
    cell.add_paragraph("年　　月　　日", style="落款")
    cell = table.rows[1].cells[1]
    cell.paragraphs[0].add_run("")
    for _ in range(3):
        cell.add_paragraph("")
    cell.add_paragraph("（盖章）", style="落款")
    cell.add_paragraph("年　　月　　日", style="落款")


# Schema order of the children we touch (Word rejects out-of-order elements as a damaged file).
ORDER = {
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
           "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
           "cs em lang eastAsianLayout specVanish oMath",
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
           "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
           "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
           "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
              "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
              "printerSettings sectPrChange",
}


def schema_order(root) -> None:
    """Sort the children of every rPr/pPr/sectPr under ``root`` into schema order (stable)."""
    for local, names in ORDER.items():
        rank = {qn(f"w:{n}"): i for i, n in enumerate(names.split())}
        for el in root.iter(qn(f"w:{local}")):
            children = list(el)
            children.sort(key=lambda c: rank.get(c.tag, len(rank)))
            for c in children:
                el.append(c)


def font_table(doc) -> None:
    """Name a standard fallback (altName) and the GB2312 charset for each Chinese font we use."""
    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = parse_xml(part.blob)
    for name, alt in FONT_TABLE.items():
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        root.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            f'<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'))
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build() -> bytes:
    doc = Document()
    build_styles(doc)
    page_setup(doc.sections[0])
    cover(doc)
    body_section = doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(body_section)
    page_number_footer(body_section)
    sect = body_section._sectPr
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    sect.append(pg)
    # the cover page has no page number: its own (empty) footer
    doc.sections[0].footer.is_linked_to_previous = False
    body(doc)
    font_table(doc)
    schema_order(doc.element)
    schema_order(doc.styles.element)
    props = doc.core_properties
    props.title = "国家智慧城市试点申报书（模板）"
    props.author = props.last_modified_by = "smartcity-desktop"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    return _reproducible_zip(raw.getvalue())


def _reproducible_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2012, 12, 5, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(OUT.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
