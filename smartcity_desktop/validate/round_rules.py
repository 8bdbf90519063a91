"""Rules that follow the dossier's declaration round (model/rounds.py): the levels a round accepts
and the materials it asks for. Pure functions of the dossier, like every rule."""
from __future__ import annotations

from collections.abc import Iterator

from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier, choice_label
from smartcity_desktop.model.keys import material_key
from smartcity_desktop.model.materials import GENERATED_KINDS, material_label
from smartcity_desktop.model.rounds import profile_of
from smartcity_desktop.validate.findings import ERROR, WARNING, Finding

PLAN_OUTLINE_KEY = material_key("plan_outline")


def round_rules(d: Dossier) -> Iterator[Finding]:
    profile = profile_of(d)
    level = d.get("applicant.level")
    if level and level not in profile.levels:
        yield Finding(ERROR, "applicant.level",
                      tr("{round}不接受“{level}”申报（可申报：{allowed}）", round=profile.label,
                         level=choice_label("level", level),
                         allowed="、".join(choice_label("level", v) for v in profile.levels)), "round.level")
    for kind in profile.materials:
        if kind == "plan_outline":  # reported by the condition 二 rule, which reads the same field
            continue
        if not d.get(material_key(kind)) and kind not in GENERATED_KINDS:
            yield Finding(WARNING, material_key(kind),
                          tr("{round}要求提交“{material}”，本程序不能生成，请附上文件", round=profile.label,
                             material=material_label(kind)), "round.material")
