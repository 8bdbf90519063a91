"""The shared official-style helpers, fonts and page counts (issue 11), without LibreOffice."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document

from smartcity_desktop.export import file_name
from smartcity_desktop.export.fonts import (
    font_warning,
    substitutes,
    write_substitution_table,
)
from smartcity_desktop.export.official_style import (
    CHAR_SPACE,
    LINE_PITCH_TWIPS,
    add_toc,
    build_styles,
    libreoffice_ready,
    mark_draft,
    page_setup,
)
from smartcity_desktop.export.page_count import count_pages

LINUX_FONTS = frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Serif CJK JP", "DejaVu Serif"})


def test_grid_is_28_by_22_in_the_type_area():
    assert LINE_PITCH_TWIPS == 579  # 225 mm / 22
    pitch_pt = 16 + CHAR_SPACE / 4096
    assert abs(pitch_pt * 28 - 156 / 25.4 * 72) < 1  # 28 characters fill 156 mm


def test_substitutes_prefer_chinese_faces_and_never_jp():
    subs = substitutes(LINUX_FONTS)
    assert subs["仿宋_GB2312"] == subs["方正小标宋简体"] == subs["楷体_GB2312"] == "Noto Serif CJK SC"
    assert subs["黑体"] == "Noto Sans CJK SC"
    assert not any("JP" in v for v in subs.values())
    windows = frozenset({"FangSong", "SimSun", "SimHei", "KaiTi", "仿宋_GB2312"})
    subs = substitutes(windows)
    assert "仿宋_GB2312" not in subs  # installed: never replaced
    assert subs["楷体_GB2312"] == "KaiTi" and subs["黑体"] == "SimHei"


def test_font_warning_names_missing_fonts_and_stand_ins():
    warning = font_warning(LINUX_FONTS)
    assert "仿宋_GB2312" in warning and "黑体→Noto Sans CJK SC" in warning
    assert font_warning(frozenset({"仿宋_GB2312", "方正小标宋简体", "楷体_GB2312", "黑体"})) == ""


def test_substitution_table_in_profile_keeps_other_settings(tmp_path: Path):
    path = tmp_path / "user" / "registrymodifications.xcu"
    path.parent.mkdir(parents=True)
    path.write_text('<?xml version="1.0"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry">\n'
                    '<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="x"><value>1</value></prop></item>\n'
                    '</oor:items>\n', encoding="utf-8")
    write_substitution_table(tmp_path, {"仿宋_GB2312": "Noto Serif CJK SC"})
    write_substitution_table(tmp_path, {"仿宋_GB2312": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC"})  # again
    text = path.read_text(encoding="utf-8")
    assert "/org.openoffice.Setup/Office" in text
    assert text.count("<value>仿宋_GB2312</value>") == 1 and "<value>Noto Sans CJK SC</value>" in text
    assert text.count('oor:name="Replacement"') == 1


def test_libreoffice_ready_swaps_char_grid_for_condensed_spacing():
    doc = Document()
    build_styles(doc)
    page_setup(doc.sections[0])
    add_toc(doc)
    raw = io.BytesIO()
    doc.save(raw)
    ready = zipfile.ZipFile(io.BytesIO(libreoffice_ready(raw.getvalue())))
    body = ready.read("word/document.xml").decode()
    styles = ready.read("word/styles.xml").decode()
    assert 'w:type="lines"' in body and "charSpace" not in body
    assert '<w:spacing w:val="-5"/>' in styles.split("</w:rPrDefault>")[0]


def test_mark_draft_on_every_header():
    doc = Document()
    build_styles(doc)
    doc.add_section()
    mark_draft(doc, "草稿：卷宗尚有 3 处错误")
    for section in doc.sections:
        for header in (section.header, section.even_page_header):
            assert header.paragraphs[0].text == "草稿：卷宗尚有 3 处错误"
            assert "SmartcityDraftMark" in header._element.xml


def test_file_names_carry_the_applicant():
    assert file_name("青石镇", "申报书.docx") == "青石镇-申报书.docx"
    assert file_name(' 滨湖区<"测试">/ ', "指标自评表.xlsx") == "滨湖区测试-指标自评表.xlsx"
    assert file_name(None, "申报书.docx") == "申报书.docx"
    assert file_name("...", "申报书.docx") == "申报书.docx"


def test_page_counts_only_where_the_file_says():
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    pdf = io.BytesIO()
    writer.write(pdf)
    assert count_pages("规划.pdf", pdf.getvalue()) == 3
    assert count_pages("扫描.jpg", b"\xff\xd8\xff") == 1
    assert count_pages("说明.txt", "文字".encode()) is None
    assert count_pages("坏.pdf", b"%PDF-1.4 garbage") is None
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("docProps/app.xml", "<Properties><Pages>12</Pages></Properties>")
    assert count_pages("方案.docx", docx.getvalue()) == 12


def test_page_counts_skip_files_that_are_not_what_they_say():
    from smartcity_desktop.export.page_count import plausible, worth_reading

    assert not plausible("扫描.pdf", b"\x8f\x00random")
    assert plausible("扫描.pdf", b"%PDF-1.7\n")
    assert plausible("方案.docx", b"PK\x03\x04....")
    assert not worth_reading("照片.jpg", 10) and not worth_reading("大.pdf", 60 * 1024 * 1024)
