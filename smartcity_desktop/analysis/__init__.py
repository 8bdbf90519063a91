"""Analysis: readiness, traceability and consistency — what a reviewer would catch, before they do.

Pure functions of the dossier (which carries its scheme), like ``validate``: no file, no Qt, no
clock. Everything here is the program's own measure: the 2012 scheme has no official weights or
scores, so nothing is called a score and every view says so (``NOTE``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smartcity_desktop.analysis.consistency import (
    budget_exceeded,
    date_mismatches,
    figure_mismatches,
    text_keys,
)
from smartcity_desktop.analysis.findings import (
    BUDGET_EXCEEDED,
    DATE_MISMATCH,
    DISMISSED_PREFIX,
    FIGURE_MISMATCH,
    KINDS,
    ORPHAN_PROJECT,
    UNFUNDED_INDICATOR,
    AnalysisFinding,
    dismissal_key,
    finding_id,
)
from smartcity_desktop.analysis.numbers import normalise
from smartcity_desktop.analysis.readiness import Readiness, readiness_by_level2
from smartcity_desktop.analysis.traceability import (
    Coverage,
    coverage,
    orphan_projects,
    unfunded_indicators,
)
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier
from smartcity_desktop.model.keys import item_of_key, key_section


def note() -> str:
    """The label every view of the analysis carries."""
    return tr("本分析是本程序自己的衡量，供自查参考，不是官方评分或评审结论。")


def kind_label(kind: str) -> str:
    return {FIGURE_MISMATCH: tr("数字不一致"), DATE_MISMATCH: tr("时间不一致"), UNFUNDED_INDICATOR: tr("目标缺少项目或资金"),
            ORPHAN_PROJECT: tr("项目未对应指标"), BUDGET_EXCEEDED: tr("财政资金超出预算")}.get(kind, kind)


@dataclass
class Analysis:
    readiness: list[Readiness]
    coverage: list[Coverage]
    findings: list[AnalysisFinding]  # not dismissed, most important first
    dismissed: list[AnalysisFinding] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The ``analyze --json`` shape (DESIGN.md): note, readiness, coverage, findings (+ dismissed)."""
        return {"note": note(), "readiness": [r.as_dict() for r in self.readiness],
                "coverage": [c.as_dict() for c in self.coverage],
                "findings": [f.as_dict() for f in self.findings],
                "dismissed": [f.as_dict() for f in self.dismissed]}


def analyze(dossier: Dossier) -> Analysis:
    """Readiness by level-2 area, the indicator × project × money matrix, and every finding."""
    projects = dossier.projects()
    answers = {ind.id: dossier.indicator(ind.id, projects) for ind in dossier.scheme.indicators}
    texts = {key: normalise(dossier.get(key)) for key in text_keys(dossier)}
    rows = coverage(dossier, answers, projects)
    found = (figure_mismatches(dossier, projects, answers, texts) + date_mismatches(dossier, answers, texts)
             + budget_exceeded(dossier, projects) + unfunded_indicators(dossier, rows)
             + orphan_projects(dossier, rows, projects))
    order = {k: i for i, k in enumerate(dossier.field_order())}
    project_rank = {pid: i for i, pid in enumerate(dossier.project_ids())}

    def rank(f: AnalysisFinding) -> tuple[int, int, int, str]:
        if key_section(f.key) == "projects":
            return (-f.weight, len(order) + project_rank.get(item_of_key(f.key), 0), KINDS.index(f.kind), f.key)
        return (-f.weight, order.get(f.key, len(order)), KINDS.index(f.kind), f.key)

    findings, dismissed = [], []
    for f in sorted(found, key=rank):
        reason = dossier.get(dismissal_key(f.id))
        if isinstance(reason, str) and reason.strip():
            dismissed.append(AnalysisFinding(f.kind, f.key, f.message, f.id, f.weight, reason))
        else:
            findings.append(f)
    return Analysis(readiness_by_level2(dossier, answers), rows, findings, dismissed)


__all__ = [
    "BUDGET_EXCEEDED",
    "DATE_MISMATCH",
    "DISMISSED_PREFIX",
    "FIGURE_MISMATCH",
    "KINDS",
    "ORPHAN_PROJECT",
    "UNFUNDED_INDICATOR",
    "Analysis",
    "AnalysisFinding",
    "Coverage",
    "Readiness",
    "analyze",
    "dismissal_key",
    "finding_id",
    "kind_label",
    "note",
]
