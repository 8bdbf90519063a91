"""Build resources/templates/投融资方案模板.docx, the Word template of the 智慧城市项目投融资方案.

Run ``python tools/make_financing_template.py`` after changing the layout; like the 申报书 template
(tools/make_templates.py) the output is byte-for-byte reproducible and an ordinary Word file that
staff may restyle. Its tags are docxtpl (Jinja) tags over ``export.financing.financing_context``:
``summary``, ``by_nature``, ``by_source``, ``by_mode``, ``by_status``, ``by_year``, ``undeclared``,
``projects``, ``budget``, ``totals`` plus ``f[...]`` and ``lines(...)`` as in the 申报书.

The official style (GB/T 9704 page, fonts, page numbers) comes from ``export/official_style.py``,
the one home the 申报书 template uses too, so both documents look alike.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_templates as declaration

from smartcity_desktop.export import official_style as style

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "templates" / "投融资方案模板.docx"
para, tag, loop_table = declaration.para, declaration.tag, declaration.loop_table


def official_style(doc: DocxDocument) -> None:
    """Styles and A4 page set-up after GB/T 9704 (export/official_style.py, as the 申报书)."""
    style.build_styles(doc)
    style.page_setup(doc.sections[0])
    style.no_page_numbers(doc.sections[0])  # the cover has no page number


def finish_style(doc: DocxDocument) -> None:
    """Font table fallbacks, zh-CN East Asian language, unused styles pruned, schema order."""
    style.font_table(doc)
    style.chinese_language(doc)
    style.prune_styles(doc)
    style.drop_leftover_parts(doc)
    style.schema_order(doc.element)
    style.schema_order(doc.styles.element)


def cover(doc: DocxDocument) -> None:
    tag(doc, "{%p if draft %}")
    para(doc, "草　稿（尚有未解决的错误，不能作为正式申报材料）", "落款")
    tag(doc, "{%p endif %}")
    for _ in range(3):
        para(doc, "", "封面项")
    para(doc, "{{ f['applicant.name'] }}", "封面标题")
    para(doc, "智慧城市项目投融资方案", "封面标题")
    for _ in range(4):
        para(doc, "", "封面项")
    for label, value in (("编制单位（盖章）：", "{{ f['applicant.unit'] }}"),
                         ("联系人及电话：", "{{ f['applicant.contact_name'] }}　{{ f['applicant.contact_phone'] }}"),
                         ("编制日期：", "{{ f['applicant.declaration_date'] or today }}")):
        p = para(doc, "", "封面项")
        from docx.shared import Mm

        p.paragraph_format.left_indent = Mm(20)
        p.add_run(label)
        p.add_run(value).underline = True


def body(doc: DocxDocument) -> None:
    para(doc, "一、总体投资规模", "Heading 1")
    para(doc, "{{ f['applicant.name'] }}智慧城市试点共安排重点建设项目 {{ summary.count }} 个，总投资 "
              "{{ summary.investment }} 万元{% if summary.start %}，建设期 {{ summary.start }}—{{ summary.end }} 年"
              "{% endif %}。其中财政资金 {{ summary.fiscal }} 万元（{{ summary.fiscal_share }}），银行贷款 "
              "{{ summary.bank }} 万元（{{ summary.bank_share }}），社会资本 {{ summary.social }} 万元"
              "（{{ summary.social_share }}）。")
    para(doc, "（一）按项目性质（单位：万元）", "Heading 2")
    loop_table(doc, ["项目性质", "项目数", "投资", "占比"],
               ["{{ r.label }}", "{{ r.count }}", "{{ r.amount }}", "{{ r.share }}"], [50, 25, 45, 30],
               "for r in by_nature", total=["合计", "{{ totals.count }}", "{{ totals.investment }}", "100%"],
               align_right=(1, 2, 3))

    para(doc, "二、资金来源结构", "Heading 1")
    para(doc, "（一）按资金来源（单位：万元）", "Heading 2")
    loop_table(doc, ["资金来源", "金额", "占比"], ["{{ r.label }}", "{{ r.amount }}", "{{ r.share }}"], [55, 50, 40],
               "for r in by_source", total=["合计", "{{ totals.funded }}", "100%"], align_right=(1, 2))
    para(doc, "（二）资金落实情况（单位：万元）", "Heading 2")
    loop_table(doc, ["落实情况", "项目数", "投资", "占比"],
               ["{{ r.label }}", "{{ r.count }}", "{{ r.amount }}", "{{ r.share }}"], [50, 25, 45, 30],
               "for r in by_status", total=["合计", "{{ totals.count }}", "{{ totals.investment }}", "100%"],
               align_right=(1, 2, 3))

    para(doc, "三、分年度资金需求", "Heading 1")
    para(doc, "下表汇总各项目申报的分年度投资计划（已申报 {{ summary.declared_count }} 个项目，合计 "
              "{{ summary.declared_amount }} 万元），与申报条件{{ budget_condition }}中的财政预算安排对照。"
              "未申报年度计划的项目单独列出，不作平均分摊。")
    loop_table(doc, ["年度", "计划投资（万元）", "项目数", "财政预算安排（万元）", "占总投资"],
               ["{{ r.label }}", "{{ r.amount }}", "{{ r.count }}", "{{ r.budget }}", "{{ r.share }}"],
               [25, 40, 22, 42, 26], "for r in by_year",
               total=["合计", "{{ totals.declared }}", "", "{{ budget_total }}", ""], align_right=(1, 2, 3, 4))
    tag(doc, "{%p if undeclared %}")
    para(doc, "尚未申报年度计划的项目（合计 {{ undeclared_amount }} 万元）：{% for u in undeclared %}{{ u.name }}"
              "（{{ u.investment }} 万元）{% if not loop.last %}、{% endif %}{% endfor %}。")
    tag(doc, "{%p endif %}")
    para(doc, "各项目分年度投资计划（单位：万元）", "Heading 3")
    loop_table(doc, ["序号", "项目名称", "建设期", "总投资", "分年度投资计划"],
               ["{{ p.no }}", "{{ p.name }}", "{{ p.years }}", "{{ p.investment }}", "{{ p.plan }}"],
               [12, 46, 26, 22, 50], "for p in projects", style="表格小字", align_right=(3,))

    para(doc, "四、项目投融资安排", "Heading 1")
    para(doc, "（一）项目投融资一览表（单位：万元）", "Heading 2")
    loop_table(doc, ["序号", "项目名称", "项目业主", "项目性质", "融资模式", "落实情况", "建设期", "总投资"],
               ["{{ p.no }}", "{{ p.name }}", "{{ p.owner }}", "{{ p.nature }}", "{{ p.mode }}", "{{ p.status }}",
                "{{ p.years }}", "{{ p.investment }}"], [10, 30, 22, 16, 18, 18, 24, 18], "for p in projects",
               total=["", "合计（{{ totals.count }} 个项目）", "", "", "", "", "", "{{ totals.investment }}"],
               style="表格小字", align_right=(7,))
    para(doc, "（二）分项目说明", "Heading 2")
    tag(doc, "{%p for p in projects %}")
    para(doc, "{{ p.no }}. {{ p.name }}", "指标名称")
    para(doc, "{{ p.owner }}；项目性质：{{ p.nature }}；融资模式：{{ p.mode }}；资金落实情况：{{ p.status }}。",
         bold_prefix="项目业主：")
    para(doc, "{{ p.sources }}（总投资 {{ p.investment }} 万元）。", bold_prefix="资金来源：")
    para(doc, "{{ p.years }}；{{ p.plan }}。", bold_prefix="建设期及分年度计划：")
    for field, label in (("preparation", "前期工作："), ("repayment", "还款来源："), ("om_funding", "运维资金：")):
        tag(doc, f"{{%p for t in p.{field} %}}")
        p = doc.add_paragraph()
        p.add_run(f"{{% if loop.first %}}{label}{{% endif %}}").bold = True
        p.add_run("{{ t }}")
        tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")

    para(doc, "五、融资模式说明", "Heading 1")
    tag(doc, "{%p for m in by_mode %}")
    para(doc, "（{{ loop.index }}）{{ m.label }}（{{ m.count }} 个项目，{{ m.amount }} 万元）", "Heading 2")
    para(doc, "{{ m.explanation }}")
    para(doc, "{{ m.projects }}。", bold_prefix="采用该模式的项目：")
    tag(doc, "{%p endfor %}")

    para(doc, "六、保障措施", "Heading 1")
    para(doc, "（一）财政预算安排", "Heading 2")
    tag(doc, "{%p for t in budget_evidence %}")
    para(doc, "{{ t }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if budget %}")
    loop_table(doc, ["年度", "财政预算安排（万元）"], ["{{ r.label }}", "{{ r.amount }}"], [40, 60], "for r in budget",
               total=["合计", "{{ budget_total }}"], align_right=(1,))
    tag(doc, "{%p endif %}")
    para(doc, "（二）资金保障措施", "Heading 2")
    tag(doc, "{%p for t in funding_measures %}")
    para(doc, "{{ t }}")
    tag(doc, "{%p endfor %}")
    para(doc, "")
    para(doc, "{{ f['applicant.unit'] }}", "落款")
    para(doc, "{{ f['applicant.declaration_date'] or today }}", "落款")


def build() -> bytes:
    doc = Document()
    official_style(doc)
    cover(doc)
    body_section = doc.add_section(WD_SECTION.NEW_PAGE)
    style.page_setup(body_section)
    style.page_number_footers(doc, body_section, start=1)
    body(doc)
    finish_style(doc)
    style.set_properties(doc, "智慧城市项目投融资方案（模板）", "smartcity-desktop", when=declaration.FIXED_TIME)
    raw = io.BytesIO()
    doc.save(raw)
    return declaration._reproducible_zip(raw.getvalue())


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(OUT.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
