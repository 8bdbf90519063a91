"""Traceability: which indicator is served by which project, with how much money.

A project may serve several indicators. In the matrix its investment is split **equally** among the
applicable indicators it serves (stated once here, so a reader can redo the sums by hand), so the
amounts of all indicators add up to the investment of the projects that serve one. A link may be
made from either side (the indicator's ``projects`` or the project's ``indicators``); both count.

Findings:

* ``unfunded_indicator`` — an applicable indicator that is not "ready" (基础较好) and has no project
  with money. A ready indicator can reach its target on what exists, so it is shown without a
  project in the matrix but not reported. Weight by readiness: 尚无基础 3, 有一定基础/not answered 2.
* ``orphan_project`` — a project that serves no applicable indicator (none named, or only ones
  marked not applicable): money a reviewer cannot trace to a target.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smartcity_desktop.analysis.findings import (
    ORPHAN_PROJECT,
    UNFUNDED_INDICATOR,
    AnalysisFinding,
    finding_id,
)
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier, IndicatorAnswer, Project
from smartcity_desktop.model.investment import format_wan
from smartcity_desktop.model.keys import indicator_key

UNFUNDED_WEIGHT = {"none": 3, "partial": 2, None: 2}


@dataclass(frozen=True)
class Link:
    project_id: str
    project_name: str
    amount_wan: float  # this indicator's equal share of the project's investment


@dataclass
class Coverage:
    id: str
    name: str
    level2_id: str
    applicable: bool
    readiness: str | None
    links: list[Link] = field(default_factory=list)

    @property
    def amount_wan(self) -> float:
        return sum(link.amount_wan for link in self.links)

    @property
    def funded(self) -> bool:
        return self.amount_wan > 0

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "level2": self.level2_id, "applicable": self.applicable,
                "readiness": self.readiness, "amount_wan": round(self.amount_wan, 2),
                "projects": [{"id": k.project_id, "name": k.project_name, "amount_wan": round(k.amount_wan, 2)}
                             for k in self.links]}


def _project_label(project: Project) -> str:
    return project.name or tr("项目 {order}", order=project.order)


def coverage(dossier: Dossier, answers: dict[str, IndicatorAnswer], projects: list[Project]) -> list[Coverage]:
    """One row per indicator of the scheme, in scheme order, with the projects that serve it."""
    scheme = dossier.scheme
    rows = {ind.id: Coverage(ind.id, ind.label, ind.level2_id, answers[ind.id].applicable, answers[ind.id].readiness)
            for ind in scheme.indicators}
    by_id = {p.id: p for p in projects}
    served: dict[str, list[str]] = {p.id: [] for p in projects}
    for answer in answers.values():  # answer.projects already holds links made from both sides
        for pid in answer.projects:
            if pid in served and answer.applicable and answer.id not in served[pid]:
                served[pid].append(answer.id)
    for pid, iids in served.items():
        project = by_id[pid]
        share = float(project.investment_wan or 0) / len(iids) if iids else 0.0
        for iid in iids:
            rows[iid].links.append(Link(pid, _project_label(project), share))
    return list(rows.values())


def unfunded_indicators(dossier: Dossier, rows: list[Coverage]) -> list[AnalysisFinding]:
    out: list[AnalysisFinding] = []
    for row in rows:
        if not row.applicable or row.readiness == "ready" or row.funded:
            continue
        key = indicator_key(row.id, "projects")
        if row.links:
            message = tr("{iid} {name}：支撑项目均未填写投资，目标没有资金保障", iid=row.id, name=row.name)
        elif row.readiness == "none":
            message = tr("{iid} {name}：尚无基础，却没有任何支撑项目和资金", iid=row.id, name=row.name)
        else:
            message = tr("{iid} {name}：基础尚不完善，目标没有支撑项目和资金", iid=row.id, name=row.name)
        out.append(AnalysisFinding(UNFUNDED_INDICATOR, key, message, finding_id(UNFUNDED_INDICATOR, key),
                                   UNFUNDED_WEIGHT.get(row.readiness, 2)))
    return out


def orphan_projects(dossier: Dossier, rows: list[Coverage], projects: list[Project]) -> list[AnalysisFinding]:
    linked = {link.project_id for row in rows for link in row.links}
    out: list[AnalysisFinding] = []
    for project in projects:
        if project.id in linked:
            continue
        key = project.key("indicators")
        amount = format_wan(project.investment_wan) if project.investment_wan else ""
        if amount:
            message = tr("{label}（{amount} 万元）没有对应任何适用的指标，评审时无法说明这笔投资服务于哪个目标",
                         label=_project_label(project), amount=amount)
        else:
            message = tr("{label}没有对应任何适用的指标", label=_project_label(project))
        out.append(AnalysisFinding(ORPHAN_PROJECT, key, message, finding_id(ORPHAN_PROJECT, key), 2))
    return out
