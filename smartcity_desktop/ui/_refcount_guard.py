"""Detect and contain a reference-count bug of some PySide6 wheels on Python < 3.12.

Measured here (PySide6 6.12.0, CPython 3.11): every call of a Qt method that returns nothing
(``setText``, ``setVisible``, ``polish``…) took one reference from ``None`` without giving it
back; a few tens of thousands of calls later CPython aborts with "Fatal Python error:
none_dealloc" — at exit at best, in the middle of the user's work at worst. 6.11.3 does not do
this, and pyproject.toml excludes 6.12; this guard is the second line for an installation that got
an affected version anyway. It probes first (a thousand void calls on a QObject) and only if
``None`` lost references does it give None/True/False an extra 2**40 references, which makes them
immortal in practice, as Python 3.12+ made them. Nothing else changes.
"""
from __future__ import annotations

import sys

EXTRA = 1 << 40
PROBE_CALLS = 1000
_state: bool | None = None


def leaks_none() -> bool:
    """True if a void Qt call loses a reference to None (the bug), measured, not guessed."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - PROBE_CALLS // 2


def apply() -> bool:
    """Idempotent; True if the guard was needed and applied (CPython < 3.12 with a leaking PySide6)."""
    global _state
    if _state is not None:
        return _state
    _state = False
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or not leaks_none():
        return False
    import ctypes  # only here: importing it costs ~5 ms of every start

    for obj in (None, True, False, Ellipsis, NotImplemented):
        ctypes.c_ssize_t.from_address(id(obj)).value += EXTRA  # ob_refcnt is the first field
    _state = True
    return True
