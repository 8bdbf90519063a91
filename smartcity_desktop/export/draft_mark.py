"""Mark a generated document 草稿 (draft) on every page: a package made with ``--draft`` must not pass for
the real thing. Word files get a red 草稿 in every section's header; workbooks a 草稿 page header on
every sheet (written into the sheet XML, so XlsxWriter's cached formula results survive)."""
from __future__ import annotations

import io
import re
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from smartcity_desktop.export.fastzip import LEVEL, fast_zip

DRAFT = "草稿"


def mark_docx(data: bytes) -> bytes:
    doc = Document(io.BytesIO(data))
    for section in doc.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            header.is_linked_to_previous = False
            first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            p = first.insert_paragraph_before()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = p.add_run(DRAFT)
            run.bold = True
            run.font.size = Pt(16)
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")
    out = io.BytesIO()
    with fast_zip():  # level 1, like every export: deflate is most of the time on a long dossier
        doc.save(out)
    return out.getvalue()


_SHEET = re.compile(r"^xl/worksheets/sheet\d+\.xml$")
_HEADER = '<oddHeader>&amp;R&amp;"-,Bold"&amp;14' + DRAFT + "</oddHeader>"


def _mark_sheet(xml: str) -> str:
    if "<headerFooter" in xml:
        xml = re.sub(r"<oddHeader>.*?</oddHeader>", "", xml, flags=re.DOTALL)
        xml = re.sub(r"<headerFooter\s*/>", "<headerFooter></headerFooter>", xml)
        return re.sub(r"(<headerFooter[^>]*>)", r"\1" + _HEADER.replace("\\", "\\\\"), xml, count=1)
    # headerFooter comes after pageSetup and before rowBreaks/colBreaks/drawing... in CT_Worksheet
    for anchor in ("<rowBreaks", "<colBreaks", "<customProperties", "<cellWatches", "<ignoredErrors",
                   "<smartTags", "<drawing", "<legacyDrawing", "<picture", "<oleObjects", "<controls",
                   "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"):
        if anchor in xml:
            return xml.replace(anchor, f"<headerFooter>{_HEADER}</headerFooter>{anchor}", 1)
    return xml


def mark_xlsx(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as dst:
        for info in src.infolist():
            raw = src.read(info.filename)
            if _SHEET.match(info.filename):
                raw = _mark_sheet(raw.decode("utf-8")).encode("utf-8")
            dst.writestr(info, raw, compresslevel=LEVEL)
    return out.getvalue()


def mark_draft(suffix: str, data: bytes) -> bytes:
    """``data`` marked 草稿 when it is a Word or Excel file; other files are returned unchanged."""
    if suffix == ".docx":
        return mark_docx(data)
    if suffix == ".xlsx":
        return mark_xlsx(data)
    return data
