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
        a, b, _ = iid.split(".")
        n1 = level1.setdefault(a, {"id": a, "name": {"zh": l1, "en": LEVEL1_EN[l1]}, "children": {}})
        n2 = n1["children"].setdefault(f"{a}.{b}", {"id": f"{a}.{b}", "name": {"zh": l2, "en": LEVEL2_EN[l2]},
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
            {"id": n1["id"], "name": n1["name"], "children": list(n1["children"].values())}
            for n1 in level1.values()
        ],
    }
    out.write_text(json.dumps(scheme, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]), root / "resources" / "schemes" / "mohurd-2012-trial.json")
