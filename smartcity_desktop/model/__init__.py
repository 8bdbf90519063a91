"""The dossier model (plain Python, no Qt): field keys, field kinds and typed views of the answers."""
from smartcity_desktop.model.dossier import (
    ConditionAnswer,
    Dossier,
    Funding,
    ImportRefused,
    IndicatorAnswer,
    Project,
    new_project_id,
)
from smartcity_desktop.model.fields import (
    APPLICANT_FIELDS,
    CHOICE_LABELS,
    CONDITION_FIELDS,
    CONDITION_STATUS,
    FUNDING_SOURCES,
    INDICATOR_FIELDS,
    LEVELS,
    PROFILE_FIELDS,
    PROJECT_FIELDS,
    READINESS,
    SAFEGUARD_FIELDS,
    FieldError,
    FieldSpec,
    ParsedKey,
    choice_label,
    parse_key,
    spec_for,
)

__all__ = [
    "ConditionAnswer", "Dossier", "Funding", "ImportRefused", "IndicatorAnswer", "Project", "new_project_id",
    "APPLICANT_FIELDS", "CHOICE_LABELS", "CONDITION_FIELDS", "CONDITION_STATUS", "FUNDING_SOURCES",
    "INDICATOR_FIELDS", "LEVELS", "PROFILE_FIELDS", "PROJECT_FIELDS", "READINESS", "SAFEGUARD_FIELDS",
    "FieldError", "FieldSpec", "ParsedKey", "choice_label", "parse_key", "spec_for",
]
