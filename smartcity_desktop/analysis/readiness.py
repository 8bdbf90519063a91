"""Readiness by level-2 area: how many applicable indicators are ready, partly ready or not started.

The counts come straight from each indicator's ``readiness`` answer (基础较好/有一定基础/尚无基础);
nothing is weighted or scored — there are no official weights for this scheme.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from smartcity_desktop.model import Dossier, IndicatorAnswer


@dataclass(frozen=True)
class Readiness:
    id: str  # the level-2 id, e.g. "1.1"
    name: str
    ready: int
    partial: int
    none: int
    unset: int  # applicable, readiness not answered
    not_applicable: int

    @property
    def applicable(self) -> int:
        return self.ready + self.partial + self.none + self.unset

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def readiness_by_level2(dossier: Dossier, answers: dict[str, IndicatorAnswer] | None = None) -> list[Readiness]:
    """One entry per level-2 area, in scheme order."""
    if answers is None:
        answers = {a.id: a for a in dossier.iter_indicators()}
    out: list[Readiness] = []
    for l1 in dossier.scheme.level1:
        for l2 in l1.children:
            counts = {"ready": 0, "partial": 0, "none": 0, "unset": 0, "not_applicable": 0}
            for ind in l2.indicators:
                answer = answers[ind.id]
                if not answer.applicable:
                    counts["not_applicable"] += 1
                elif answer.readiness in ("ready", "partial", "none"):
                    counts[answer.readiness] += 1
                else:
                    counts["unset"] += 1
            out.append(Readiness(l2.id, l2.label, **counts))
    return out
