"""Translation of the core's user-visible strings (validation messages, CLI errors, export labels).

The Qt layer uses Qt Linguist (.ts/.qm); the core must not import Qt, so it has this small catalog:
the Simplified Chinese text is the message id (the default language) and
``resources/translations/core_en.json`` maps it to English. ``tests/test_i18n.py`` checks that every
``tr("…")`` literal in the package has an English entry.
"""
from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from smartcity_desktop.resources import resource_path

_language = "zh_CN"
_thread = threading.local()  # a per-thread override (exports in a worker thread write Chinese)


def normalize_language(lang: str | None) -> str:
    """Map ``en_US``, ``en``, ``zh``, ``zh_CN.UTF-8``... to ``zh_CN`` or ``en`` (Chinese by default)."""
    if lang and lang.lower().startswith("en"):
        return "en"
    return "zh_CN"


def set_language(lang: str | None) -> None:
    global _language
    _language = normalize_language(lang)


def language() -> str:
    return getattr(_thread, "language", None) or _language


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Speak ``lang`` in this thread only, e.g. an export in a worker thread writing Chinese while the
    interface, in the GUI thread, stays English."""
    previous = getattr(_thread, "language", None)
    _thread.language = normalize_language(lang)
    try:
        yield
    finally:
        _thread.language = previous


def default_language() -> str:
    """The language to start in: SMARTCITY_LANG, else Chinese (the product's users write Chinese)."""
    return normalize_language(os.environ.get("SMARTCITY_LANG") or "zh_CN")


@lru_cache(maxsize=1)
def _english() -> dict[str, str]:
    path = resource_path("translations", "core_en.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str) and v}


_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _plural(text: str, params: dict[str, Any]) -> str:
    """English catalogue entries may write ``{n|change|changes}``: the first form when ``n`` is 1
    (Chinese needs none, so the message ids stay as they are)."""
    return _PLURAL.sub(lambda m: m.group(2) if params.get(m.group(1)) == 1 else m.group(3), text)


def tr(message: str, /, **params: Any) -> str:
    """Translate a Chinese message id to the current language and fill ``{name}`` placeholders."""
    text = _english().get(message, message) if language() == "en" else message
    if params and "|" in text:
        text = _plural(text, params)
    return text.format(**params) if params else text


def app_name() -> str:
    """The program's name in the current language."""
    from smartcity_desktop import APP_NAME_EN, APP_NAME_ZH

    return APP_NAME_EN if language() == "en" else APP_NAME_ZH


def pick(text: dict[str, str] | None) -> str:
    """Choose from a ``{"zh": ..., "en": ...}`` pair of a data file (schemes, labels)."""
    if not text:
        return ""
    if language() == "en" and text.get("en"):
        return text["en"]
    return text.get("zh") or text.get("en") or ""
