"""Show text from a file (or another person) on a terminal or in a one-line message without letting it act.

A dossier arrives by e-mail: its values, keys, version names and scheme ids are someone else's text.
Control characters (ESC starts terminal escape sequences, BEL rings, CR overwrites a line) and the
bidirectional overrides (which reorder what is shown) are replaced by visible escapes such as ``\\x1b``.
"""
from __future__ import annotations

import re

# C0, DEL, C1, the bidirectional embedding/override/isolate marks, the
# invisible format characters (zero-width, word joiner, BOM), line/paragraph separators and lone surrogates.
_INVISIBLE = "\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff"
_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f" + _INVISIBLE + "]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, limit: int | None = None) -> str:
    """``text`` on one line with every control character shown as an escape, cut to ``limit`` characters."""
    shown = _ONE_LINE.sub(_escape, str(text))
    if limit is not None and len(shown) > limit:
        shown = shown[: max(limit - 1, 0)] + "…"
    return shown


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # json.dumps already escapes C0


def json_safe(dumped: str) -> str:
    """JSON text (``ensure_ascii=False``) with DEL, C1 and bidirectional marks written as \\u escapes:
    still the same JSON, but nothing a terminal acts on."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", dumped)
