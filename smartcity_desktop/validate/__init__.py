"""Validation: rules -> findings (severity, field key, message); pure functions of the dossier.

Importing this package (or ``validate.findings``) is cheap: the finding types, severities and kinds. The
rules and the progress counts (``validate``, ``overall_percent``…) are imported on first use of their name
(PEP 562), so the GUI's first window, which shows findings only after its first paint, does not load them
at start; ``from smartcity_desktop.validate import validate`` works as before everywhere.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
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

_PROGRESS = frozenset({"COMPLETE", "EMPTY", "PARTIAL", "Progress", "overall_percent", "owner_progress",
                       "required_keys", "section_progress"})
_RULES = frozenset({"RULES", "validate"})


def __getattr__(name: str) -> Any:
    """The rules' and progress' names, imported when first asked for (plain imports: PyInstaller sees them)."""
    if name in _PROGRESS:
        from smartcity_desktop.validate import progress

        value = getattr(progress, name)
    elif name in _RULES:
        from smartcity_desktop.validate import rules

        value = getattr(rules, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # asked once: later lookups find it directly
    return value


__all__ = [
    "ERROR", "INFO", "WARNING", "MISSING", "INVALID", "INCONSISTENT", "INELIGIBLE", "CONFLICT", "ADVICE", "Finding",
    "Summary", "section_of", "summarize", "COMPLETE", "EMPTY", "PARTIAL",
    "Progress", "overall_percent", "owner_progress", "required_keys", "section_progress", "RULES", "validate",
]
