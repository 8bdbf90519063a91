"""Find the shipped resources (schemes, templates, translations, demo) wherever the program runs.

Three layouts exist: a source checkout or editable install (``<repo>/resources``), a wheel install
(``smartcity_desktop/_resources``, mapped by pyproject) and a PyInstaller bundle (``sys._MEIPASS``).
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def resource_root() -> Path:
    here = Path(__file__).resolve().parent
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    candidates += [here / "_resources", here.parent / "resources"]
    for candidate in candidates:
        if (candidate / "schemes").is_dir():
            return candidate
    raise FileNotFoundError("resources/ not found next to the program")


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)
