"""The materials of a dossier as vocabulary: their field keys, their names, and which ones the program writes.

Validation asks "must the user attach this material?" and the checklist, the package and the GUI show its name;
all of them read it here, below validate/ and export/ (the checklist itself is package/materials.py, the
producers are export/generated.py, which registers one for each kind in ``GENERATED_KINDS``).
"""
from __future__ import annotations

from smartcity_desktop.i18n import pick
from smartcity_desktop.model.keys import material_key  # noqa: F401 - the materials' key, built where every key is

MATERIAL_LABELS: dict[str, dict[str, str]] = {
    "declaration": {"zh": "申报书", "en": "Declaration form"},
    "self_assessment": {"zh": "指标自评表", "en": "Indicator self-assessment workbook"},
    "plan_outline": {"zh": "智慧城市发展规划纲要", "en": "Smart city development plan outline"},
    "implementation_plan": {"zh": "智慧城市试点实施方案", "en": "Pilot implementation plan"},
    "financing_plan": {"zh": "智慧城市项目投融资方案", "en": "Project investment and financing plan"},
    "other": {"zh": "其他材料", "en": "Other materials"},
}
# DESIGN.md (field keys): "The program generates declaration, self_assessment, implementation_plan and
# financing_plan"; an attached file still wins over the generated one.
GENERATED_KINDS = frozenset({"declaration", "self_assessment", "implementation_plan", "financing_plan"})


def material_label(kind: str) -> str:
    return pick(MATERIAL_LABELS.get(kind, {"zh": kind, "en": kind}))
