"""An analysis finding and how a user's dismissal of it is kept in the dossier.

A finding is advice, not an error: the user may know better ("the text gives the 2010 census
figure"). Dismissing one stores the reason under ``analysis.dismissed[<finding id>].reason`` in the
dossier (so it travels with the file, its history and its versions). The id is derived from what
the finding is about — its kind, its field and the figure or year it quotes — not from the
message, so it survives a change of interface language, and a dismissed finding comes back when
the text it was about changes.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any

FIGURE_MISMATCH = "figure_mismatch"
DATE_MISMATCH = "date_mismatch"
UNFUNDED_INDICATOR = "unfunded_indicator"
ORPHAN_PROJECT = "orphan_project"
BUDGET_EXCEEDED = "budget_exceeded"
KINDS = (FIGURE_MISMATCH, DATE_MISMATCH, UNFUNDED_INDICATOR, ORPHAN_PROJECT, BUDGET_EXCEEDED)

DISMISSED_PREFIX = "analysis.dismissed["


def dismissal_key(finding_id: str) -> str:
    """The field key holding the reason a finding was dismissed."""
    return f"{DISMISSED_PREFIX}{finding_id}].reason"


def finding_id(kind: str, key: str, detail: str = "") -> str:
    """Stable id: ``<kind>-<10 hex digits>`` of kind, key and the quoted figure/year (``detail``)."""
    digest = hashlib.sha1(f"{kind}|{key}|{detail}".encode()).hexdigest()[:10]
    return f"{kind}-{digest}"


@dataclass(frozen=True)
class AnalysisFinding:
    """``weight``: 3 matters most (shown first), 1 least — the program's own ordering, not a score."""

    kind: str
    key: str
    message: str
    id: str
    weight: int = 2
    dismissed_reason: str | None = None

    @property
    def dismissed(self) -> bool:
        return self.dismissed_reason is not None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["dismissed_reason"] is None:
            del data["dismissed_reason"]
        return data
