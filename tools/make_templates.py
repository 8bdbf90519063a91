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
from docx.document import Document as DocxDocument
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from smartcity_desktop.export.official_style import (  # noqa: E402 - ROOT is put on the path first
    add_toc,
    build_styles,
    chinese_language,
    drop_leftover_parts,
    font_table,
    no_page_numbers,
    page_number_footers,
    page_setup,
    prune_styles,
    schema_order,
    set_properties,
)

OUT = ROOT / "resources" / "templates" / "申报书模板.docx"

FIXED_TIME = datetime(2012, 12, 5, tzinfo=timezone.utc)
NARROW_CELL_MARGIN_MM = 1  # table cells: 1 mm left/right (Word's 1.9 mm default wraps "3.3.10" and 表头)


def para(doc: DocxDocument, text: str = "", style: str | None = None, *, bold_prefix: str = "") -> Paragraph:
    p = doc.add_paragraph(style=style)
    if bold_prefix:
        p.add_run(bold_prefix).bold = True
    if text:
        p.add_run(text)
    return p


def tag(doc: DocxDocument, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p ... %}); it disappears on rendering."""
    doc.add_paragraph(text)


def _cell_text(cell: _Cell, text: str, style: str) -> None:
    p = cell.paragraphs[0]
    p.style = cell.part.document.styles[style] if hasattr(cell.part, "document") else style
    p.add_run(text)


def _row_flags(row: _Row, *, header: bool = False, cant_split: bool = True) -> None:
    trpr = row._tr.get_or_add_trPr()
    if cant_split:
        trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def narrow_cells(table: Table) -> None:
    """1 mm cell padding left and right, so ids and headers fit their columns on one line."""
    tblpr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(NARROW_CELL_MARGIN_MM * 1440 / 25.4)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)


def keep_with_next(row: _Row) -> None:
    for p in row._tr.iter(qn("w:p")):
        ppr = p.get_or_add_pPr()
        ppr.append(OxmlElement("w:keepNext"))


def loop_table(doc: DocxDocument, headers: list[str], cells: list[str], widths: list[float], loop: str, *,
               total: list[str] | None = None, style: str = "表格文字", merge: str = "",
               align_right: tuple[int, ...] = (), group: tuple[str, str] | None = None) -> None:
    """A table: repeated header row, one row per item of ``loop`` (rows never split), optional total.

    ``group`` = (outer loop, text): a full-width group row (kept with the next row) before each
    group's rows, e.g. the level-1 name above its indicators; ``loop`` then runs inside it."""
    n = len(headers)
    table = doc.add_table(rows=0, cols=n)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    rows = [("header", headers)]
    if group:
        rows += [("tag", [f"{{%tr {group[0]} %}}"] + [""] * (n - 1)), ("group", [group[1]] + [""] * (n - 1))]
    rows += [("tag", [f"{{%tr {loop} %}}"] + [""] * (n - 1)), ("data", cells),
             ("tag", ["{%tr endfor %}"] + [""] * (n - 1))]
    if group:
        rows.append(("tag", ["{%tr endfor %}"] + [""] * (n - 1)))
    if total:
        rows.append(("total", total))
    for kind, texts in rows:
        row = table.add_row()
        _row_flags(row, header=kind == "header")
        for i, (cell, text) in enumerate(zip(row.cells, texts)):
            cell.width = Mm(widths[i])
            p = cell.paragraphs[0]
            small = style == "表格小字"
            p.style = doc.styles[("表头小字" if small else "表头") if kind in ("header", "group") else style]
            if kind in ("data", "total") and i in align_right:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = p.add_run(text)
            if kind == "total":
                run.bold = True
        if kind == "group":
            merged = row.cells[0].merge(row.cells[n - 1])
            for extra in merged.paragraphs[1:]:  # merging keeps each cell's (empty) paragraph
                extra._p.getparent().remove(extra._p)
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
            keep_with_next(row)
    for i, width in enumerate(widths):
        table.columns[i].width = Mm(width)
    narrow_cells(table)
    tblpr = table._tbl.tblPr
    if merge:
        desc = OxmlElement("w:tblDescription")
        desc.set(qn("w:val"), f"smartcity:merge={merge}")
        tblpr.append(desc)


def lines(doc: DocxDocument, key: str, style: str | None = None) -> None:
    tag(doc, f"{{%p for t in lines('{key}') %}}")
    para(doc, "{{ t }}", style)
    tag(doc, "{%p endfor %}")


def cover(doc: DocxDocument) -> None:
    for _ in range(2):
        para(doc, "", "封面项")
    para(doc, "国家智慧城市试点", "封面标题")
    para(doc, "申　报　书", "封面标题")
    for _ in range(2):
        para(doc, "", "封面项")
    items = [
        ("申报城市（区、县、镇）：", "{{ f['applicant.name'] }}"),
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


def contents(doc: DocxDocument) -> None:
    """目录 on its own page (no page number): a TOC field over the 一、 and （一） headings."""
    p = para(doc, "目　　录", "目录标题")
    p.paragraph_format.page_break_before = True
    add_toc(doc, "1-2", "（此处为目录：Word/WPS 打开文件时自动生成；如未生成，请右键此处选择“更新域”。）")


COMMITMENT = (  # a sample: no official wording was published (see docs/exports.md); staff may edit it
    "本单位郑重承诺：本申报书及所附材料所填报的内容和数据真实、准确、完整，所附证明材料均为有效文件，"
    "不存在虚报、瞒报或弄虚作假的情况。",
    "本单位将严格按照国家智慧城市试点工作的有关要求，落实组织机构、资金保障和各项创建任务，"
    "在创建期内按期完成规划纲要和实施方案确定的目标，主动接受住房城乡建设主管部门的指导、检查和评估。",
    "如有不实，本单位愿承担相应责任。",
)


def body(doc: DocxDocument) -> None:
    para(doc, "一、申报城市（区、县、镇）基本情况", "Heading 1")
    para(doc, "（一）主要经济社会指标", "Heading 2")
    tag(doc, "{%p if f['profile.stats_year'] %}")
    para(doc, "下表数据为{{ f['profile.stats_year'] }}年统计数据。")
    tag(doc, "{%p endif %}")
    loop_table(doc, ["项目", "数值", "单位"], ["{{ r.label }}", "{{ r.value }}", "{{ r.unit }}"], [60, 55, 35],
               "for r in facts", align_right=(1,))
    for n, (key, label) in enumerate([("profile.overview", "基本情况"), ("profile.main_industries", "主导产业"),
                                      ("profile.foundation", "建设基础"), ("profile.goals", "创建目标")], start=2):
        para(doc, f"（{'一二三四五六七八九'[n - 1]}）{label}", "Heading 2")
        if key == "profile.goals":
            tag(doc, "{%p if creation_period %}")
            para(doc, "{{ creation_period }}", bold_prefix="创建期：")
            tag(doc, "{%p endif %}")
        lines(doc, key)

    para(doc, "二、申报条件具备情况", "Heading 1")
    tag(doc, "{%p for c in conditions %}")
    para(doc, "（{{ c.cn }}）{{ c.text }}", "Heading 2")
    para(doc, "{{ c.status }}", bold_prefix="具备情况：")
    tag(doc, "{%p for t in c.evidence %}")
    para(doc, "{{ t }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if c.documents %}")
    para(doc, "{{ c.documents }}", bold_prefix="证明材料：")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")

    para(doc, "三、指标体系自评总览", "Heading 1")
    # Level-1 names as full-width group rows (readable on every page); level-2 merged only within a
    # group, whose rows are kept together. Widths fit "3.3.10", "是否适用" and "2015年12月" on one line.
    loop_table(doc, ["二级指标", "编号", "三级指标", "是否适用", "基础条件", "牵头单位", "完成时限"],
               ["{{ r.l2 }}", "{{ r.id }}", "{{ r.name }}", "{{ r.applicable }}", "{{ r.readiness }}",
                "{{ r.lead_unit }}", "{{ r.deadline }}"],
               [18, 12, 36, 15, 18, 35, 22], "for r in g.rows", merge="1", style="表格小字",
               group=("for g in overview_groups", "{{ g.cn }}、{{ g.name }}"))

    para(doc, "四、主要量化目标", "Heading 1")
    tag(doc, "{%p if metrics %}")
    loop_table(doc, ["编号", "三级指标", "量化指标", "单位", "现状值", "目标值"],
               ["{{ m.id }}", "{{ m.indicator }}", "{{ m.name }}", "{{ m.unit }}", "{{ m.baseline }}",
                "{{ m.target }}"],
               [13, 30, 52, 19, 21, 21], "for m in metrics", merge="1,2", style="表格小字", align_right=(4, 5))
    tag(doc, "{%p else %}")
    para(doc, "（各项指标的量化目标尚未填写。）")
    tag(doc, "{%p endif %}")

    para(doc, "五、分项指标自评", "Heading 1")
    tag(doc, "{%p for g in groups %}")
    para(doc, "（{{ g.cn }}）{{ g.name }}", "Heading 2")
    tag(doc, "{%p for c in g.children %}")
    para(doc, "{{ g.no }}.{{ c.no }} {{ c.name }}", "Heading 3")
    tag(doc, "{%p for i in c.indicators %}")
    para(doc, "{{ i.id }} {{ i.name }}{% if not i.applicable %}（不适用）{% endif %}", "指标名称")
    tag(doc, "{%p if i.applicable %}")
    for field, label in (("current_state", "现状基础："), ("target", "创建目标：")):
        tag(doc, f"{{%p for t in i.{field} %}}")
        p = doc.add_paragraph()
        p.add_run(f"{{% if loop.first %}}{label}{{% endif %}}").bold = True
        p.add_run("{{ t }}")
        tag(doc, "{%p endfor %}")
    tag(doc, "{%p if i.metrics %}")
    para(doc, "{{ i.metrics }}", bold_prefix="量化目标：")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for t in i.measures %}")
    p = doc.add_paragraph()
    p.add_run("{% if loop.first %}主要措施：{% endif %}").bold = True
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

    para(doc, "六、建设项目与投资", "Heading 1")
    para(doc, "（一）重点建设项目（单位：万元）", "Heading 2")
    # 牵头单位 is in （二）项目建设内容 below: the amount columns need the width ("12,000.00" on one line)
    loop_table(doc, ["序号", "项目名称", "建设期", "总投资", "财政资金", "银行贷款", "社会资本", "其他"],
               ["{{ p.no }}", "{{ p.name }}", "{{ p.years }}", "{{ p.investment }}",
                "{{ p.fiscal }}", "{{ p.bank_loan }}", "{{ p.social_capital }}", "{{ p.other }}"],
               [8, 34, 19, 19, 19, 19, 19, 19], "for p in projects",
               total=["", "合计（{{ project_total.count }} 个项目）", "", "{{ project_total.investment }}",
                      "{{ project_total.fiscal }}", "{{ project_total.bank_loan }}",
                      "{{ project_total.social_capital }}", "{{ project_total.other }}"],
               style="表格小字", align_right=(3, 4, 5, 6, 7))
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

    para(doc, "七、保障措施", "Heading 1")
    for n, (key, label) in enumerate([("organisation", "组织保障"), ("policy", "政策保障"), ("funding", "资金保障"),
                                      ("operation", "运营保障")]):
        para(doc, f"（{'一二三四'[n]}）{label}", "Heading 2")
        lines(doc, f"safeguards.{key}")

    para(doc, "八、附件目录", "Heading 1")
    loop_table(doc, ["序号", "附件名称", "对应事项", "页数", "份数"],
               ["{{ a.no }}", "{{ a.name }}", "{{ a.target }}", "{{ a.pages }}", "{{ a.copies }}"],
               [12, 76, 44, 12, 12], "for a in attachments", align_right=(3, 4))

    para(doc, "九、承诺书", "Heading 1").paragraph_format.page_break_before = True
    for text in COMMITMENT:
        para(doc, text.replace("本单位郑重承诺", "{{ f['applicant.unit'] or '本单位' }}郑重承诺"))
    para(doc, "")
    para(doc, "申报单位（盖章）：", "落款")
    para(doc, "主要负责人（签字）：", "落款")
    para(doc, "年　　月　　日", "落款")

    para(doc, "十、审核意见", "Heading 1").paragraph_format.page_break_before = True  # seal blocks together
    table = doc.add_table(rows=4, cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Mm(30), Mm(126)
    rows = (("申报单位意见", 70), ("", 0), ("所在城市人民政府意见", 45), ("省级住房城乡建设主管部门推荐意见", 45))
    for row, (label, height) in zip(table.rows, rows):
        _row_flags(row)
        row.cells[0].width, row.cells[1].width = Mm(30), Mm(126)
        if height:
            row.height = Mm(height)
        p = row.cells[0].paragraphs[0]
        p.style = doc.styles["表头"]
        p.add_run(label)
    # the city government's opinion: only for a district, county or town (a 设市城市 is its own city)
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr if city_opinion %}")
    row = table.add_row()
    row.cells[0].paragraphs[0].add_run("{%tr endif %}")
    row._tr.getparent().remove(row._tr)
    table.rows[2]._tr.addnext(row._tr)
    cell = table.rows[0].cells[1]
    first = cell.paragraphs[0]
    first.add_run("{%p for t in lines('safeguards.applicant_opinion') %}")
    cell.add_paragraph("{{ t }}")
    cell.add_paragraph("{%p endfor %}")
    cell.add_paragraph("")
    cell.add_paragraph("主要负责人（签字）：", style="落款")
    cell.add_paragraph("申报单位（盖章）", style="落款")
    cell.add_paragraph("年　　月　　日", style="落款")
    for r in (2, 4):  # the row height gives the writing space; the lines only hold the seal and date
        cell = table.rows[r].cells[1]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        cell.paragraphs[0].add_run("")
        cell.add_paragraph("（盖章）", style="落款")
        cell.add_paragraph("年　　月　　日", style="落款")


def build() -> bytes:
    doc = Document()
    build_styles(doc)
    page_setup(doc.sections[0])
    no_page_numbers(doc.sections[0])  # cover and 目录: no page number
    cover(doc)
    contents(doc)
    body_section = doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(body_section)
    page_number_footers(doc, body_section, start=1)
    body(doc)
    font_table(doc)
    chinese_language(doc)
    prune_styles(doc)
    drop_leftover_parts(doc)
    schema_order(doc.element)
    schema_order(doc.styles.element)
    set_properties(doc, "国家智慧城市试点申报书（模板）", "smartcity-desktop", when=FIXED_TIME)
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
