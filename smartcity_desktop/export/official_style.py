"""Chinese official-document style (GB/T 9704-2012) for python-docx documents: one home for it.

Used by tools/make_templates.py to build the 申报书 template and after rendering (properties, draft
mark); other generated documents (实施方案, 投融资方案, 材料清单) call the same helpers so they all look
alike. What the standard asks and Word can express:

- A4, margins 37 (top) / 35 (bottom) / 28 (left) / 26 (right) mm: a 156 × 225 mm type area;
- a document grid of 22 lines × 28 characters (``page_setup``), body 仿宋_GB2312 3号 (16 pt);
- title 方正小标宋简体 2号, headings 黑体 (一、) and 楷体_GB2312 (（一）);
- page numbers 4号 半角宋体 "— 1 —", odd pages right and even pages left, one character in from the
  edge of the type area (``page_number_footers``);
- East Asian fonts named explicitly (``w:eastAsia``; python-docx never writes it) and the East Asian
  language zh-CN (python-docx's default template says ja-JP, which makes LibreOffice pick JP glyphs).

Qt-free; only python-docx and lxml.
"""
from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from lxml import etree

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
LATIN = "Times New Roman"
OFFICIAL_FONTS = (BODY_FONT, TITLE_FONT, H2_FONT, H1_FONT)  # the fonts a faithful print needs
# Fallbacks Word/WPS use when a font is missing (altName) - all are Windows' standard Chinese fonts.
FONT_TABLE = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", H1_FONT: "SimHei", H2_FONT: "楷体", PAGE_FONT: "SimSun"}

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
COVER_TITLE_PT = 36  # 小初: the cover's "国家智慧城市试点 / 申报书" (GB/T 9704 has no cover; a document's own)
PAGE_NUMBER_PT = 14  # 4号
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TWIPS_PER_MM = 1440 / 25.4
# The type area is 156 × 225 mm; 22 lines in 225 mm gives the line pitch used by every body style.
TYPE_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
TYPE_HEIGHT_MM = PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]
LINE_PITCH_TWIPS = int(TYPE_HEIGHT_MM * TWIPS_PER_MM / LINES_PER_PAGE)  # 579 twips = 28.95 pt
LINE_PT = LINE_PITCH_TWIPS / 20
# Word's w:charSpace: (character pitch - default font size) in 1/4096 pt.
CHAR_PITCH_PT = TYPE_WIDTH_MM * TWIPS_PER_MM / 20 / CHARS_PER_LINE
# A hair under the exact pitch (-849, as common GB/T 9704 Word templates have it), so rounding of the margins in
# twips never drops the 28th character to the next line.
CHAR_SPACE = math.floor((CHAR_PITCH_PT - BODY_PT) * 4096) - 1

DRAFT_MARK = "草稿"

# Schema order of the children we touch (Word rejects out-of-order elements as a damaged file).
ORDER = {
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
           "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
           "cs em lang eastAsianLayout specVanish oMath",
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
           "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
           "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
           "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
             "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
              "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
              "printerSettings sectPrChange",
}


# -- fonts and styles ------------------------------------------------------------------------------
def set_fonts(rpr_owner: Any, east: str, latin: str = LATIN, size: float | None = None,
              bold: bool | None = None) -> None:
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


def paragraph_style(doc: Any, name: str, east: str, size: float, *, base: str | None = "Normal",
                    bold: bool = False, align: Any = None, indent_chars: float | None = 2,
                    line_pt: float | None = LINE_PT, before: float = 0, after: float = 0, keep_next: bool = False,
                    outline: int | None = None, latin: str = LATIN, style_id: str | None = None) -> Any:
    """Create or redefine a paragraph style with explicit East Asian font, size, spacing and indent."""
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if style_id:
        style.style_id = style_id
    if base and name != base:
        style.base_style = styles[base]
    style.hidden = False
    style.quick_style = True
    set_fonts(style.element, east, latin=latin, size=size, bold=bold)
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
    ind = OxmlElement("w:ind")
    if indent_chars is not None:
        ind.set(qn("w:firstLineChars"), str(int(indent_chars * 100)))
        ind.set(qn("w:firstLine"), str(int(indent_chars * size * 20)))
    else:
        ind.set(qn("w:firstLine"), "0")
        ind.set(qn("w:left"), "0")
    ppr.append(ind)
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    if outline is not None:
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(outline))
        ppr.append(lvl)
    if line_pt is None:  # tables and footers: not pulled onto the document grid
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.append(snap)
    return style


def build_styles(doc: Any) -> None:
    """The official styles (Normal, Title, Heading 1-3, toc 1-2, tables, signature, page number)."""
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    set_fonts(rpr_default, BODY_FONT, size=BODY_PT)
    paragraph_style(doc, "Normal", BODY_FONT, BODY_PT, base=None, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style(doc, "Title", TITLE_FONT, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=None,
                    line_pt=36, after=12)
    title = doc.styles["Title"].element.get_or_add_pPr()
    for old in title.findall(qn("w:pBdr")):
        title.remove(old)
    paragraph_style(doc, "Heading 1", H1_FONT, BODY_PT, keep_next=True, outline=0)
    paragraph_style(doc, "Heading 2", H2_FONT, BODY_PT, keep_next=True, outline=1)
    paragraph_style(doc, "Heading 3", BODY_FONT, BODY_PT, bold=True, keep_next=True, outline=2)
    paragraph_style(doc, "指标名称", BODY_FONT, BODY_PT, bold=True, keep_next=True, outline=3)
    for level in (1, 2):  # what a TOC field fills in (Word and LibreOffice both use these names)
        paragraph_style(doc, f"toc {level}", BODY_FONT, BODY_PT, indent_chars=None, style_id=f"TOC{level}")
        ppr = doc.styles[f"toc {level}"].element.get_or_add_pPr()
        ind = ppr.find(qn("w:ind"))
        ind.set(qn("w:left"), str((level - 1) * BODY_PT * 20 * 2))
        tabs = parse_xml(f'<w:tabs {nsdecls("w")}><w:tab w:val="right" w:leader="dot" '
                         f'w:pos="{int(TYPE_WIDTH_MM * TWIPS_PER_MM) - 10}"/></w:tabs>')
        ppr.append(tabs)
    paragraph_style(doc, "目录标题", H1_FONT, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=None,
                    line_pt=36, after=12)
    paragraph_style(doc, "封面项", BODY_FONT, BODY_PT, indent_chars=None, line_pt=32)
    paragraph_style(doc, "封面标题", TITLE_FONT, COVER_TITLE_PT, base="Title", align=WD_ALIGN_PARAGRAPH.CENTER,
                    indent_chars=None, line_pt=COVER_TITLE_PT * 1.6)
    paragraph_style(doc, "表格文字", BODY_FONT, 10.5, indent_chars=None, line_pt=None, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph_style(doc, "表格小字", BODY_FONT, 9, indent_chars=None, line_pt=None, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph_style(doc, "表头小字", H1_FONT, 9, indent_chars=None, line_pt=None, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "表头", H1_FONT, 10.5, indent_chars=None, line_pt=None, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "落款", BODY_FONT, BODY_PT, indent_chars=None, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(doc, "页码", PAGE_FONT, PAGE_NUMBER_PT, indent_chars=None, line_pt=None, latin=PAGE_FONT)
    paragraph_style(doc, "草稿标记", H1_FONT, 10.5, indent_chars=None, line_pt=None, align=WD_ALIGN_PARAGRAPH.CENTER)
    for name in ("Header", "Footer"):
        paragraph_style(doc, name, PAGE_FONT, PAGE_NUMBER_PT, indent_chars=None, line_pt=None)


KEEP_STYLES = {"Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "toc 1", "toc 2", "Table Grid",
               "Header", "Footer", "Default Paragraph Font", "Normal Table", "No List"}


def prune_styles(doc: Any, keep: set[str] | None = None) -> None:
    """Drop the styles nobody uses (python-docx's template brings ~160, many in blue italics) and the
    latent-style list, so Word/WPS/LibreOffice show only the document's own styles."""
    root = doc.styles.element
    keep_names = KEEP_STYLES | (keep or set())
    body = doc.element.body
    used_ids = {el.get(qn("w:val")) for tag in ("w:pStyle", "w:rStyle", "w:tblStyle") for el in body.iter(qn(tag))}
    for part in _header_footer_parts(doc):
        used_ids |= {el.get(qn("w:val")) for el in part.element.iter(qn("w:pStyle"))}
    styles = root.findall(qn("w:style"))
    name_of = {s.get(qn("w:styleId")): (s.find(qn("w:name")).get(qn("w:val")) if s.find(qn("w:name")) is not None
                                        else "") for s in styles}
    kept = {sid for sid, name in name_of.items() if name in keep_names or sid in used_ids
            or not re.fullmatch(r"[\x20-\x7e]+", name)}  # our own (Chinese-named) styles stay
    changed = True
    while changed:  # what a kept style is based on stays too
        changed = False
        for s in styles:
            if s.get(qn("w:styleId")) in kept:
                based = s.find(qn("w:basedOn"))
                if based is not None and based.get(qn("w:val")) not in kept:
                    kept.add(based.get(qn("w:val")))
                    changed = True
    for s in styles:
        if s.get(qn("w:styleId")) not in kept:
            root.remove(s)
            continue
        for tag in ("w:link", "w:next"):
            el = s.find(qn(tag))
            if el is not None and el.get(qn("w:val")) not in kept:
                s.remove(el)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)


LEFTOVER_RELS = ("/stylesWithEffects", "/thumbnail", "/customXml")


def drop_leftover_parts(doc: Any) -> None:
    """Remove what python-docx's default template carries but no document of ours uses: Word 2010's
    stylesWithEffects (another ~150 styles), a thumbnail picture of some other document, and a
    bibliography customXml part."""
    for source in (doc.part, doc.part.package):
        rels = source.rels
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(LEFTOVER_RELS):
                del rels[rid]


def _header_footer_parts(doc: Any) -> list[Any]:
    return [rel.target_part for rel in doc.part.rels.values()
            if rel.reltype.endswith(("/header", "/footer"))]


def font_table(doc: Any) -> None:
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
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def chinese_language(doc: Any) -> None:
    """East Asian language zh-CN in the settings (themeFontLang) and Chinese faces in the theme, so no
    program falls back to a Japanese face for Chinese text."""
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = OxmlElement("w:themeFontLang")
        settings.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    for part in doc.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            root = etree.fromstring(part.blob)
            a = "http://schemas.openxmlformats.org/drawingml/2006/main"
            for scheme, east in (("majorFont", H1_FONT), ("minorFont", BODY_FONT)):
                for font in root.iter(f"{{{a}}}{scheme}"):
                    for ea in font.findall(f"{{{a}}}ea"):
                        ea.set("typeface", east)
                    for script in font.findall(f"{{{a}}}font"):  # per-script faces: Jpan, Hang...
                        if script.get("script") in ("Jpan", "Hang", "Hant"):
                            font.remove(script)
                        elif script.get("script") == "Hans":
                            script.set("typeface", east)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- page ------------------------------------------------------------------------------------------
def page_setup(section: Any) -> None:
    """A4 portrait, GB/T 9704 margins, 22 lines × 28 characters document grid."""
    from docx.enum.section import WD_ORIENT

    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    sect.append(grid)
    schema_order(sect)


LIBREOFFICE_CONDENSE = -5  # twentieths of a point: 3号 at 15.75 pt pitch = 28 characters in 156 mm


def libreoffice_ready(data: bytes) -> bytes:
    """The .docx bytes prepared for LibreOffice's PDF step. LibreOffice snaps each character to the
    character grid and gives a glyph wider than the pitch two cells (Word compresses it instead), so a
    28-character grid prints 14 characters a line there. For the PDF the grid becomes a line grid and
    the 28 characters come from a 0.25 pt condensed spacing in the document defaults - the same line
    and page breaks Word makes with the grid."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "word/document.xml":
                blob = re.sub(rb'<w:docGrid w:type="linesAndChars"( w:linePitch="\d+")? w:charSpace="-?\d+"/>',
                              rb'<w:docGrid w:type="lines"\1/>', blob)
            elif info.filename == "word/styles.xml":
                blob = re.sub(rb"(<w:rPrDefault><w:rPr>(?:(?!</w:rPr>).)*?)(<w:sz |<w:lang |</w:rPr>)",
                              rb'\1<w:spacing w:val="%d"/>\2' % LIBREOFFICE_CONDENSE, blob, count=1, flags=re.DOTALL)
            dst.writestr(info, blob)
    return out.getvalue()


def _page_number_paragraph(p: Any, align: Any, side: str) -> None:
    p.style = p.part.document.styles["页码"] if hasattr(p.part, "document") else "页码"
    p.alignment = align
    ind = p.paragraph_format
    one_char = Pt(PAGE_NUMBER_PT)
    if side == "right":
        ind.right_indent = one_char
    else:
        ind.left_indent = one_char
    p.add_run("— ")
    p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = " —"
    r.append(t)
    p._p.append(r)


def page_number_footers(doc: Any, section: Any, start: int | None = 1) -> None:
    """"— 1 —" in 4号 宋体: odd pages at the right, even pages at the left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _page_number_paragraph(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT, "right")
    _page_number_paragraph(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT, "left")
    if start is not None:
        sect = section._sectPr
        pg = sect.find(qn("w:pgNumType"))
        if pg is None:
            pg = OxmlElement("w:pgNumType")
            sect.append(pg)
        pg.set(qn("w:start"), str(start))
        schema_order(sect)


def no_page_numbers(section: Any) -> None:
    """A section (the cover, the 目录) whose pages carry no number: its own empty footers."""
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False


# -- fields ----------------------------------------------------------------------------------------
def add_toc(doc: Any, levels: str = "1-2", placeholder: str = "") -> Any:
    """A real TOC field (headings ``levels``), marked dirty so Word/WPS rebuild it on opening; the
    program's PDF step updates it through LibreOffice. Returns the paragraph holding it."""
    p = doc.add_paragraph(style="toc 1")
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> TOC \\o "{levels}" \\h \\z \\u '
                          f'</w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p.add_run(placeholder)
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    return p


# -- after rendering -------------------------------------------------------------------------------
def set_properties(doc: Any, title: str, author: str, *, subject: str = "", when: datetime | None = None) -> None:
    """Clean document properties: the document's own title and author, real dates, nothing about the
    template or the library that wrote it."""
    now = (when or datetime.now()).replace(microsecond=0, tzinfo=None)
    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.created = props.modified = now
    props.revision = 1
    app = next((p for p in doc.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml"), None)
    if app is not None:
        app._blob = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
                     b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                     b'<Application>smartcity-desktop</Application><DocSecurity>0</DocSecurity>'
                     b'<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>'
                     b'<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>')


def mark_draft(doc: Any, text: str) -> None:
    """Put ``text`` (it should start with 草稿) in the header of every page of every section, in red,
    and a large pale 草稿 watermark behind the text."""
    for section in doc.sections:
        headers = [section.header, section.even_page_header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            header.is_linked_to_previous = False
            p = header.paragraphs[0]
            for r in list(p.runs):
                r._r.getparent().remove(r._r)
            if "草稿标记" in [s.name for s in doc.styles]:
                p.style = doc.styles["草稿标记"]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(text)
            run.bold = True
            rpr = run._r.get_or_add_rPr()
            color = OxmlElement("w:color")
            color.set(qn("w:val"), "C00000")
            rpr.append(color)
            p._p.append(_watermark())
            schema_order(p._p)


def _watermark() -> Any:
    """A VML text watermark (what Word's 水印 writes); Word, WPS and LibreOffice all draw it."""
    return parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" '
        f'xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>'
        f'<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        f'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
        f'<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
        f'<v:shape id="SmartcityDraftMark" o:spid="_x0000_s2049" type="#_x0000_t136" '
        f'style="position:absolute;margin-left:0;margin-top:0;width:400pt;height:160pt;rotation:315;'
        f'z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;'
        f'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
        f'fillcolor="#F2C4C4" stroked="f"><v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;{H1_FONT}&quot;;font-size:1pt" on="t" fitshape="t" '
        f'string="{DRAFT_MARK}"/>'
        f'</v:shape></w:pict></w:r>')


def schema_order(root: Any) -> None:
    """Sort the children of every rPr/pPr/sectPr/tblPr/tcPr under ``root`` into schema order (stable)."""
    for local, names in ORDER.items():
        rank = {qn(f"w:{n}"): i for i, n in enumerate(names.split())}
        targets = [root] if root.tag == qn(f"w:{local}") else []
        for el in targets + list(root.iter(qn(f"w:{local}"))):
            children = list(el)
            children.sort(key=lambda c: rank.get(c.tag, len(rank)))
            for c in children:
                el.append(c)
