"""Build resources/templates/实施方案模板.docx, the Word template of the 实施方案 draft.

Run ``python tools/make_plan_template.py`` after changing the layout (reproducible output, like
tools/make_templates.py). Tags: the 申报书's context (``f``, ``lines``, ``projects``, ``project_total``...)
plus ``targets``, ``areas`` (level-1 areas with their ``tasks``), ``yearly``, ``period``,
``safeguard_items`` and ``draft`` (see export/plan_docx.py and docs/exports.md).
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import make_templates as mt

from smartcity_desktop.export import official_style as official

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "templates" / "实施方案模板.docx"


def official_style(doc: DocxDocument) -> None:
    """GB/T 9704 look (A4, margins, grid, fonts with w:eastAsia, "— 1 —" page numbers): the shared
    official style of the 申报书 (export/official_style.py)."""
    section = doc.sections[0]
    official.build_styles(doc)
    official.page_setup(section)
    official.page_number_footers(doc, section, start=1)


def finish_style(doc: DocxDocument) -> None:
    """Font table, Chinese language settings, unused styles dropped, schema order."""
    official.font_table(doc)
    official.chinese_language(doc)
    official.prune_styles(doc)
    official.schema_order(doc.element)
    official.schema_order(doc.styles.element)


def heading(doc: DocxDocument, text: str, level: int) -> None:
    mt.para(doc, text, "Heading 1" if level == 1 else "Heading 2" if level == 2 else "Heading 3")


def body(doc: DocxDocument) -> None:
    p = mt.para(doc, "{% if draft %}草　稿{% endif %}", "落款")
    p.runs[0].bold = True
    mt.para(doc, "{{ f['applicant.name'] }}国家智慧城市试点实施方案", "Title")
    mt.para(doc, "（{% if period %}{{ period }}，{% endif %}初稿）", "封面项").alignment = 1

    heading(doc, "一、总体要求", 1)
    heading(doc, "（一）基本情况", 2)
    mt.lines(doc, "profile.overview")
    heading(doc, "（二）建设基础", 2)
    mt.lines(doc, "profile.foundation")
    heading(doc, "（三）主导产业", 2)
    mt.lines(doc, "profile.main_industries")

    heading(doc, "二、创建目标", 1)
    mt.para(doc, "{% if period %}创建期为{{ period }}。{% endif %}对照《国家智慧城市（区、镇）试点指标体系（试行）》，"
                 "本方案确定适用指标{{ indicator_count }}项，总体目标如下。")
    mt.lines(doc, "profile.goals")
    mt.para(doc, "主要指标的创建目标（含量化指标）见下表。", None)
    mt.loop_table(doc, ["指标", "创建目标", "量化指标（现状→目标）"],
                  ["{{ t.id }} {{ t.name }}", "{{ t.target }}", "{{ t.metrics }}"], [40, 75, 42], "for t in targets",
                  style="表格小字")

    heading(doc, "三、重点任务", 1)
    mt.tag(doc, "{%p for a in areas %}")
    heading(doc, "（{{ a.cn }}）{{ a.name }}", 2)
    mt.tag(doc, "{%p for t in a.tasks %}")
    mt.para(doc, "{{ t.no }}. {{ t.id }} {{ t.name }}", "Heading 3")
    mt.para(doc, "{% for x in t.current_state %}{{ x }}{% endfor %}", bold_prefix="现状基础：")
    mt.para(doc, "{% for x in t.target %}{{ x }}{% endfor %}", bold_prefix="创建目标：")
    mt.para(doc, "{% for x in t.measures %}{{ x }}{% endfor %}", bold_prefix="主要措施：")
    mt.para(doc, "{{ t.lead_unit or '待定' }}；完成时限：{{ t.deadline or '待定' }}"
                 "{% if t.projects %}；支撑项目：{{ t.projects }}{% endif %}。", bold_prefix="牵头单位：")
    mt.tag(doc, "{%p endfor %}")
    mt.tag(doc, "{%p endfor %}")

    heading(doc, "四、重点项目", 1)
    mt.para(doc, "共安排重点项目{{ project_total.count }}个，总投资{{ project_total.investment or 0 }}万元。")
    mt.loop_table(doc, ["序号", "项目名称", "建设内容", "牵头单位", "建设年限", "总投资（万元）"],
                  ["{{ p.no }}", "{{ p.name }}", "{{ p.content }}", "{{ p.lead_unit }}", "{{ p.years }}",
                   "{{ p.investment }}"], [11, 32, 55, 24, 17, 20], "for p in projects",
                  total=["", "合计", "", "", "", "{{ project_total.investment }}"], style="表格小字", align_right=(5,))

    heading(doc, "五、分年度实施计划", 1)
    mt.para(doc, "按各指标的完成时限和项目的建设年限，分年度安排如下（计划投资按项目建设年限内的年度计划汇总）。")
    mt.loop_table(doc, ["年度", "完成的指标任务", "在建项目", "计划投资（万元）"],
                  ["{{ y.year }}", "{{ y.tasks }}", "{{ y.projects }}", "{{ y.amount }}"], [20, 62, 55, 22],
                  "for y in yearly", style="表格小字", align_right=(3,))

    heading(doc, "六、保障措施", 1)
    mt.tag(doc, "{%p for s in safeguard_items %}")
    heading(doc, "（{{ s.cn }}）{{ s.label }}", 2)
    mt.tag(doc, "{%p for x in s.lines %}")
    mt.para(doc, "{{ x }}")
    mt.tag(doc, "{%p endfor %}")
    mt.tag(doc, "{%p endfor %}")
    mt.para(doc, "")
    mt.para(doc, "{{ f['applicant.unit'] }}", "落款")
    mt.para(doc, "{{ today }}", "落款")


def build() -> bytes:
    doc = Document()
    official_style(doc)
    body(doc)
    finish_style(doc)
    props = doc.core_properties
    props.title = "国家智慧城市试点实施方案（模板）"
    props.author = props.last_modified_by = "smartcity-desktop"
    props.created = props.modified = mt.FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    return mt._reproducible_zip(raw.getvalue())


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(OUT.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
