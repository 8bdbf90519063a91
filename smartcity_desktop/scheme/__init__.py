"""The indicator system as data: conditions and the level-1/2/3 hierarchy, loaded from scheme files."""
from smartcity_desktop.scheme.model import (
    Condition,
    Indicator,
    Level1,
    Level2,
    ProvenanceLabel,
    Scheme,
)
from smartcity_desktop.scheme.loader import (
    DEFAULT_SCHEME_ID,
    SchemeError,
    available_schemes,
    load_scheme,
    load_scheme_by_id,
    default_scheme,
)

__all__ = [
    "Condition", "Indicator", "Level1", "Level2", "ProvenanceLabel", "Scheme", "SchemeError",
    "DEFAULT_SCHEME_ID", "available_schemes", "load_scheme", "load_scheme_by_id", "default_scheme",
]
