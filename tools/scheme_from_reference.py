"""Regenerate resources/schemes/mohurd-2012-trial.json from the domain reference table.

Kept so the shipped scheme's provenance is reproducible: the reference (shared/reference/mohurd-2012-pilot.md)
is the single source of the indicator names, explanations and provenance labels.
Usage: python tools/scheme_from_reference.py ../shared/reference/mohurd-2012-pilot.md
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

LEVEL1_EN = {
    "保障体系与基础设施": "Safeguards and infrastructure",
    "智慧建设与宜居": "Smart construction and liveability",
    "智慧管理与服务": "Smart management and services",
    "智慧产业与经济": "Smart industry and economy",
}
LEVEL2_EN = {
    "保障体系": "Safeguard system",
    "网络基础设施": "Network infrastructure",
    "公共平台与数据库": "Public platforms and databases",
    "城市建设管理": "Urban construction and management",
    "城市功能提升": "Improvement of urban functions",
    "政务服务": "Government services",
    "基本公共服务": "Basic public services",
    "专项应用": "Specialised applications",
    "产业规划": "Industrial planning",
    "产业升级": "Industrial upgrading",
    "新兴产业发展": "Emerging industries",
}
# The reference's "Corrections found later" (2026-11-29): a second public copy of the table. Where it
# differs, its wording wins and is marked S (one secondary copy). id -> (zh name or None, zh, en).
CORRECTIONS = {
    "1.1.2": (None, "指成立专门的领导组织体系和执行机构，负责智慧城市创建工作。",
              "A dedicated leading organisation and executive body are set up and in charge of the smart-city work."),
    "2.1.1": (None, "指编制完整合理的城乡规划，并根据城市发展的需要，制定道路交通规划、历史文化保护规划、城市景观风貌规划等"
                    "具体的专项规划，以综合指导城市建设。",
              "A complete and sound urban-rural plan, with specific plans (road traffic, historic and cultural "
              "conservation, townscape) made as the city's development requires, to guide urban construction."),
    "2.2.2": (None, "指生活、工业污水排放，城市雨水收集、疏导等方面的排水系统设施建设情况，以及利用现代信息技术手段提升其"
                    "整体功能的发展状况。",
              "Drainage facilities for domestic and industrial sewage and for collecting and channelling rainwater, "
              "and the use of modern information technology to improve their overall function."),
    "2.2.3": (None, "指城市节水器具的使用和水资源的循环利用情况，以及利用现代信息技术手段提升其整体水平的发展状况。",
              "Use of water-saving appliances and recycling of water resources, and the use of modern information "
              "technology to raise their overall level."),
    "2.2.4": (None, "指城市清洁燃气使用的普及状况，以及利用现代信息技术手段提升其安全运行水平的发展状况。",
              "How widely clean gas is used in the city, and the use of modern information technology to raise the "
              "safety of its operation."),
    "3.3.2": (None, "指城市能源智慧化管理及利用的建设情况，包含智能表具安装、能源管理与利用、路灯智能化管理等方面的建设。",
              "Smart management and use of the city's energy, including smart meters, energy management and use, "
              "and smart street-light management."),
    "3.3.3": (None, "指城市环境、生态智慧化管理与服务的建设情况，包含空气质量监测与服务、地表水环境质量监测与服务、环境噪声"
                    "监测与服务、污染源监控、城市饮用水环境等方面的建设。", None),
    "3.3.4": ("智慧国土", "指城市国土资源管理和服务的智慧化建设情况，包含土地利用规划实施、土地资源监测、土地利用变化监测、"
                        "地籍管理等方面的建设。",
              "Smart land-resource management and services, including implementation of land-use plans, "
              "land-resource monitoring, monitoring of land-use change and cadastral management."),
}
NAME_EN = {"智慧国土": "Smart land resources"}
# Level-1/2 names seen in the Chinese copy or the English translation (S); the others stay R.
CONFIRMED_NAMES = {"保障体系与基础设施", "保障体系", "智慧建设与宜居", "城市建设管理", "公共平台与数据库"}

CONDITIONS = [
    ("智慧城市建设工作已列入当地国民经济和社会发展“十二五”规划或相关专项规划",
     "Smart city construction is included in the local 12th Five-Year Plan for economic and social "
     "development or in a related special plan", ["plan"]),
    ("已完成智慧城市发展规划纲要编制",
     "The smart city development plan outline has been completed", ["plan_outline"]),
    ("已有明确的智慧城市建设资金筹措方案和保障渠道，如已列入政府财政预算",
     "A clear financing scheme and guarantee channels for smart city construction exist, "
     "e.g. included in the government budget", ["financing"]),
    ("责任主体的主要负责人负责创建国家智慧城市试点申报和组织管理",
     "The principal leader of the responsible body leads the pilot declaration and its organisation "
     "and management", ["leadership"]),
]


def main(reference: Path, out: Path) -> None:
    level1: dict[str, dict] = {}
    for line in reference.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 8 or not cells[0][:1].isdigit() or cells[0].count(".") != 2:
            continue
        iid, l1, l2, name, name_en, expl, expl_en, prov = cells
        if iid in CORRECTIONS:
            new_name, expl, new_en = CORRECTIONS[iid]
            if new_name:
                name, name_en = new_name, NAME_EN[new_name]
            expl_en = new_en or expl_en
            prov = "S"
        a, b, _ = iid.split(".")
        n1 = level1.setdefault(a, {"id": a, "name": {"zh": l1, "en": LEVEL1_EN[l1]},
                                   "provenance": "S" if l1 in CONFIRMED_NAMES else "R", "children": {}})
        n2 = n1["children"].setdefault(f"{a}.{b}", {"id": f"{a}.{b}", "name": {"zh": l2, "en": LEVEL2_EN[l2]},
                                                    "provenance": "S" if l2 in CONFIRMED_NAMES else "R",
                                                    "indicators": []})
        n2["indicators"].append({
            "id": iid, "name": {"zh": name, "en": name_en},
            "explanation": {"zh": expl, "en": expl_en}, "provenance": prov,
        })
    scheme = {
        "format": "smartcity-scheme/1",
        "id": "mohurd-2012-trial",
        "version": "2012.12",
        "name": {"zh": "国家智慧城市（区、镇）试点指标体系（试行）",
                 "en": "National smart city (district, town) pilot indicator system (trial)"},
        "issuer": {"zh": "住房城乡建设部办公厅 建办科〔2012〕42号",
                   "en": "General Office of MOHURD, Jian Ban Ke [2012] No. 42"},
        "issuer_provenance": "R",  # the document number was not seen in any source
        "provenance_labels": {
            "V": {"zh": "原文", "en": "verbatim", "summary": False},
            "S": {"zh": "经公开来源证实（意译）", "en": "confirmed in substance", "summary": False},
            "R": {"zh": "据广泛转载版本整理，措辞未经证实", "en": "reconstructed; wording not confirmed", "summary": True},
            "R*": {"zh": "说明为摘要，以住房城乡建设部原文为准", "en": "summary of the intended meaning; the MOHURD text prevails",
                   "summary": True},
        },
        "conditions": [
            {"id": str(i), "text": {"zh": zh, "en": en}, "provenance": "V", "document_kinds": kinds}
            for i, (zh, en, kinds) in enumerate(CONDITIONS, start=1)
        ],
        "indicator_fields": ["applicable", "not_applicable_reason", "current_state", "target", "measures",
                             "lead_unit", "deadline", "readiness", "projects", "documents"],
        "level1": [
            {"id": n1["id"], "name": n1["name"], "provenance": n1["provenance"],
             "children": list(n1["children"].values())}
            for n1 in level1.values()
        ],
    }
    out.write_text(json.dumps(scheme, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]), root / "resources" / "schemes" / "mohurd-2012-trial.json")
