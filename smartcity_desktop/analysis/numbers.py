"""Figures and years as planning staff write them in Chinese prose.

``58.6万人``, ``约60万人``, ``５８．６万人`` (full-width), ``425.6亿元``, ``4,256,000万元``, ``58万—60万人``,
``58-60万人``, ``58万余人``: each becomes a :class:`Figure` with the value in the base unit (persons,
元, 平方公里), the tolerance its wording allows, and where it stands in the text. Pure functions, no
dossier, so the rules stay testable one phrase at a time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Multipliers written before the unit. Longest first so 万亿 is not read as 万.
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3, "": 1.0}
APPROXIMATE_BEFORE = ("约", "大约", "近", "将近", "接近", "逾", "超过", "超", "达约", "约为", "约有")
APPROXIMATE_TOLERANCE = 0.10  # "约60万人": within 10 %
EXACT_SLACK = 0.001  # on top of the written precision: 0.1 % for rounding differences in the tables

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MULT = "|".join(m for m in MULTIPLIERS if m)
_DASH = r"\s*(?:-|—|–|－|~|～|至|到)+\s*"


# Full-width forms staff paste from Word/WPS: digits, point, percent, dashes, tilde, Latin letters.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B),
                                          0xFF0E, 0xFF05, 0xFF0D, 0xFF5E)}
_FULLWIDTH[0xB2] = ord("2")  # km²
_FULLWIDTH_DIGITS = "０１２３４５６７８９"
_HAS_FULLWIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0e\uff05\uff0d\uff5e\u00b2]")


def normalise(text: str) -> str:
    """Full-width digits, point, percent, dashes and letters to ASCII, so ``５８．６万人`` reads as
    ``58.6万人``. Chinese punctuation (，。；) is kept: it marks clauses. Texts without a full-width
    digit (most) are returned as they are, which keeps a 2 MB dossier fast."""
    if not any(digit in text for digit in _FULLWIDTH_DIGITS):  # ten substring tests beat a regex scan
        return text
    return _HAS_FULLWIDTH.sub(lambda m: chr(_FULLWIDTH[ord(m.group())]), text)


@dataclass(frozen=True)
class Figure:
    """One figure found in a text: ``low``..``high`` in base units (equal unless a range was written)."""

    low: float
    high: float
    approximate: bool
    tolerance: float  # absolute, in base units
    text: str  # the figure as written, e.g. "约58.6万人"
    start: int
    end: int

    def agrees_with(self, value: float) -> bool:
        return self.low - self.tolerance <= value <= self.high + self.tolerance


def _value(number: str, multiplier: str) -> tuple[float, float]:
    """(value, half of the last written digit) in base units."""
    digits = number.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    factor = MULTIPLIERS[multiplier]
    return float(digits) * factor, 0.5 * (10 ** -decimals) * factor


def figure_pattern(units: str) -> re.Pattern[str]:
    """A pattern for ``[约]N[万|亿][-M[万|亿]][余]UNIT`` where UNIT is the alternation ``units``."""
    return re.compile(
        rf"(?P<before>{'|'.join(sorted(APPROXIMATE_BEFORE, key=len, reverse=True))})?"
        rf"(?P<n1>{_NUMBER})(?P<m1>{_MULT})?"
        rf"(?:{_DASH}(?P<n2>{_NUMBER})(?P<m2>{_MULT})?)?"
        rf"(?P<after1>余|多)?(?P<unit>{units})(?P<after2>左右|上下)?")


def read_figure(match: re.Match[str], unit_factor: float = 1.0) -> Figure:
    """The Figure of a match of ``figure_pattern``; ``unit_factor`` converts the unit (元 vs 万元)."""
    m1 = match.group("m1") or ""
    m2 = match.group("m2")
    if match.group("n2") is not None:
        # "58-60万人": the first number takes the second's multiplier when it has none of its own.
        first_mult = m1 or (m2 or "")
        low, low_half = _value(match.group("n1"), first_mult)
        high, high_half = _value(match.group("n2"), m2 or "")
        half = max(low_half, high_half)
        if low > high:
            low, high = high, low
    else:
        low, half = _value(match.group("n1"), m1)
        high = low
    low, high, half = low * unit_factor, high * unit_factor, half * unit_factor
    approximate = bool(match.group("before") or match.group("after1") or match.group("after2"))
    if approximate:
        tolerance = max(half, APPROXIMATE_TOLERANCE * high)
        if match.group("after1"):  # "58万余人": more than 58万, so up to the next round figure
            high = high + max(half * 2, APPROXIMATE_TOLERANCE * high)
    else:
        tolerance = half + EXACT_SLACK * high
    return Figure(low, high, approximate, tolerance, match.group(0), match.start(), match.end())


YEAR = re.compile(r"((?:19|20)\d\d)(?:\s*(?:-|—|–|－|~|～|至|到)\s*((?:19|20)\d\d))?\s*年")


def years_in(text: str) -> list[tuple[int, int, int]]:
    """Every calendar year written as ``2015年`` or ``2013—2015年`` in ``text`` (after ``normalise``):
    ``(year, start, end)``; a range gives both its years. Numbers in document numbers such as
    ``〔2011〕58号`` are not followed by 年 and are not taken."""
    out: list[tuple[int, int, int]] = []
    for m in YEAR.finditer(text):
        if m.start() and (text[m.start() - 1].isdigit() or text[m.start() - 1] == "."):
            continue  # part of a longer number
        out.append((int(m.group(1)), m.start(), m.end()))
        if m.group(2):
            out.append((int(m.group(2)), m.start(), m.end()))
    return out


CLAUSE_END = "。；;！？!?\n"
_CLAUSE_END = re.compile("[" + CLAUSE_END + "]")
SENTENCE_WINDOW = 400  # characters looked at on each side: a planning sentence is far shorter


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(left, right)`` of the sentence holding ``text[start:end]`` (between 。；！？ or line breaks)."""
    low = max(0, start - SENTENCE_WINDOW)
    left = max(text.rfind(c, low, start) for c in CLAUSE_END) + 1
    if left == 0:
        left = low
    m = _CLAUSE_END.search(text, end, end + SENTENCE_WINDOW)
    return left, (m.start() if m else min(len(text), end + SENTENCE_WINDOW))
