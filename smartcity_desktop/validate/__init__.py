"""Validation: rules -> findings (severity, field key, message); pure functions of the dossier."""
from smartcity_desktop.model.sections import section_of
from smartcity_desktop.validate.findings import (
    ADVICE,
    CONFLICT,
    ERROR,
    INCONSISTENT,
    INELIGIBLE,
    INFO,
    INVALID,
    MISSING,
    WARNING,
    Finding,
    Summary,
    summarize,
)
from smartcity_desktop.validate.progress import (
    COMPLETE,
    EMPTY,
    PARTIAL,
    Progress,
    overall_percent,
    owner_progress,
    required_keys,
    section_progress,
)
from smartcity_desktop.validate.rules import RULES, validate

__all__ = [
    "ERROR", "INFO", "WARNING", "MISSING", "INVALID", "INCONSISTENT", "INELIGIBLE", "CONFLICT", "ADVICE", "Finding",
    "Summary", "section_of", "summarize", "COMPLETE", "EMPTY", "PARTIAL",
    "Progress", "overall_percent", "owner_progress", "required_keys", "section_progress", "RULES", "validate",
]
