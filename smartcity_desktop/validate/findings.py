"""A validation finding: how bad, which field, what kind of problem, what to do (its section: model/sections)."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from smartcity_desktop.i18n import tr

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_RANK = {ERROR: 0, WARNING: 1, INFO: 2}

# What kind of problem a finding is, so a screen can treat "not filled in yet" differently from a real
# mistake without knowing rule ids (the outline keeps its red icon for real mistakes; a page keeps
# "please fill in" quiet until the user is sent there).
MISSING = "missing"  # an answer or file the dossier asks for is not given yet
INVALID = "invalid"  # a value is wrong in itself: a malformed e-mail, a link to nothing, a half-filled row
INCONSISTENT = "inconsistent"  # values contradict each other: sums, year order, periods, budget
INELIGIBLE = "ineligible"  # the answers say the applicant does not (fully) meet the pilot's requirements
CONFLICT = "conflict"  # a merge of a lead unit's package left two values to choose between (departments)
ADVICE = "advice"  # worth a look, not wrong
KINDS = (MISSING, INVALID, INCONSISTENT, INELIGIBLE, CONFLICT, ADVICE)
RULE_KINDS: dict[str, str] = {
    **dict.fromkeys(("applicant.required", "applicant.recommended", "profile.required", "profile.recommended",
                     "condition.status", "condition.evidence", "condition.plan_document", "indicator.required",
                     "indicator.recommended", "indicator.reason", "project.none", "project.name",
                     "project.investment", "project.indicators", "project.recommended", "project.plan_missing",
                     "safeguards.recommended", "round.material"), MISSING),
    **dict.fromkeys(("applicant.email", "applicant.phone", "indicator.project_missing", "indicator.metric",
                     "attachment.missing"), INVALID),
    **dict.fromkeys(("profile.urban", "profile.area", "profile.revenue", "profile.creation_period",
                     "profile.stats_year", "project.years", "project.funding_sum", "project.plan_sum",
                     "project.plan_years", "financing.budget_exceeded", "financing.before_period",
                     "financing.after_period"), INCONSISTENT),
    **dict.fromkeys(("condition.not_met", "condition.partial", "round.level"), INELIGIBLE),
    "merge.conflict": CONFLICT,
    **dict.fromkeys(("indicator.no_project", "indicator.not_applicable_count", "financing.repayment"), ADVICE),
}


def kind_of_rule(rule: str) -> str:
    """The kind of a rule's findings; a rule not listed counts as a real mistake (``invalid``)."""
    return RULE_KINDS.get(rule, INVALID)


@dataclass(frozen=True)
class Finding:
    """One thing validation found. ``rule`` is the stable id (``validate --json`` keeps it); ``kind``
    (one of KINDS) is what the screens ask, set from ``RULE_KINDS`` unless the rule passes its own."""

    severity: str
    key: str
    message: str
    rule: str
    kind: str = ""

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", kind_of_rule(self.rule))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Summary:
    errors: int
    warnings: int
    infos: int

    @property
    def ready(self) -> bool:
        return self.errors == 0

    def text(self) -> str:
        verdict = tr("可以提交") if self.ready else tr("尚不能提交")
        return tr("{errors} 个错误，{warnings} 个警告 — {verdict}", errors=self.errors, warnings=self.warnings,
                  verdict=verdict)


def summarize(findings: list[Finding]) -> Summary:
    return Summary(sum(f.severity == ERROR for f in findings), sum(f.severity == WARNING for f in findings),
                   sum(f.severity == INFO for f in findings))
