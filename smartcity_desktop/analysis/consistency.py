"""Consistency across texts and tables: what a reviewer catches by reading the prose next to the form.

* ``figure_mismatch`` — a figure written in a text (常住人口 58.6万人, 地区生产总值 425.6亿元, 总投资 8.83亿元,
  行政区域面积 368.5平方公里 …) disagrees with the structured value. The figure must follow its label
  closely (``2011年末常住人口58.6万人``); units are converted (亿/万/元, 万人/人); the written precision
  is allowed (58.6万人 covers 585,500–586,499) and words such as 约/近/余/左右 allow 10 %; a range
  (58—60万人) agrees when the value lies in it. Sentences about the future (到2015年, 力争, 预计, 目标 …)
  and, when the statistics year is known, sentences naming another year are skipped: a false alarm
  costs more trust than a missed one.
* ``date_mismatch`` — a year in an indicator's target or measures text later than its deadline
  (完成时限) or than the end of the creation period (``profile.creation_end_year``, when given).
* ``budget_exceeded`` — the projects' fiscal money (sum of ``funding[fiscal]``) above the fiscal
  budget of condition 3 (sum of ``conditions[3].budget[<year>].amount_wan``), when that budget is given.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from smartcity_desktop.analysis.findings import (
    BUDGET_EXCEEDED,
    DATE_MISMATCH,
    FIGURE_MISMATCH,
    AnalysisFinding,
    finding_id,
)
from smartcity_desktop.analysis.numbers import (
    Figure,
    figure_pattern,
    read_figure,
    sentence_span,
    years_in,
)
from smartcity_desktop.i18n import tr
from smartcity_desktop.model import (
    Dossier,
    IndicatorAnswer,
    Project,
    parse_key,
    spec_for,
)
from smartcity_desktop.model.fields import (
    CONDITION_FIELDS,
    INDICATOR_FIELDS,
    PROFILE_FIELDS,
    PROJECT_FIELDS,
    SAFEGUARD_FIELDS,
    FieldError,
)
from smartcity_desktop.model.investment import format_wan
from smartcity_desktop.model.keys import indicator_key
from smartcity_desktop.validate.financing import budget_exceeded as financing_budget_exceeded

# Words that put a sentence in the future or make it a target, not a statement of fact.
FUTURE = ("到20", "至20", "力争", "预计", "预期", "目标", "届时", "计划", "规划", "将达", "将超", "将增", "争取",
          "提高到", "增长到", "增加到", "翻一番", "突破", "年均增长")
# Texts that state targets as a whole: their figures are goals, never compared with today's values.
TARGET_TEXTS = ("profile.goals",)
# Between a label and its figure: a few characters, no digits, no clause break ("为", "达", "约为", "（GDP）").
_FILL = r"(?P<fill>[^\d，,。；;:：、\n]{0,8}?)"


@dataclass(frozen=True)
class Quantity:
    """One structured value that texts quote: its labels, the unit pattern and the factor from the
    written base unit (人, 元, 平方公里) to the unit the dossier stores (人, 万元, 平方公里)."""

    name: str  # what the message calls it
    labels: tuple[str, ...]
    units: str
    to_stored: float
    exclude_before: tuple[str, ...] = ()

    def pattern(self) -> re.Pattern[str]:
        labels = "|".join(sorted(self.labels, key=len, reverse=True))
        return re.compile(rf"(?P<label>{labels}){_FILL}" + figure_pattern(self.units).pattern)


# After 万/亿 the unit is often left out ("常住人口58.6万，…", "地区生产总值425.6亿。"): accepted at a clause end.
_BARE = r"(?<=[万亿])(?=[，,。；;、\s）)]|$)"
PERSONS = r"人(?!次|均|口)|" + _BARE
YUAN = r"元(?!/)|" + _BARE
KM2 = r"平方公里|平方千米|km2|km²"
PROFILE_QUANTITIES: dict[str, Quantity] = {
    "profile.population": Quantity("常住人口", ("常住人口", "常住总人口"), PERSONS, 1.0, ("城镇", "农村", "乡村", "城区")),
    "profile.urban_population": Quantity("城镇人口", ("城镇人口", "城镇常住人口"), PERSONS, 1.0),
    "profile.gdp": Quantity("地区生产总值", ("地区生产总值", "GDP"), YUAN, 1e-4, ("人均", "单位", "万元", "绿色")),
    "profile.fiscal_revenue": Quantity("地方一般公共预算收入", (
        "地方一般公共预算收入", "一般公共预算收入", "地方财政一般预算收入", "公共财政预算收入", "地方公共财政收入"),
        YUAN, 1e-4),
    "profile.area_km2": Quantity("行政区域面积", ("行政区域面积", "行政区划面积", "辖区面积", "国土面积", "区域总面积",
                                            "总面积"), KM2, 1.0,
                                 ("建成区", "建筑", "园区", "新增", "绿地", "水域", "耕地", "林地")),
    "profile.built_up_area_km2": Quantity("建成区面积", ("建成区面积", "建成区"), KM2, 1.0,
                                          ("新增", "扩大", "扩展", "拓展", "新城")),
}
INVESTMENT = Quantity("总投资", ("总投资", "投资总额", "计划投资", "估算投资", "概算投资", "总投入"), YUAN, 1e-4,
                      ("年度", "财政", "社会", "银行", "其中", "已完成", "累计完成"))
_PATTERNS: dict[str, re.Pattern[str]] = {}
# Every label contains one of these anchors. Labels are found by str.find of the anchors (C speed)
# and a startswith check, never by a regex scan of every position of a 2 MB dossier.
_ANCHORS = ("人口", "生产总值", "GDP", "收入", "面积", "建成区", "投资", "投入")
_ANCHORED: dict[str, dict[str, list[tuple[str, int]]]] = {}


def _anchored(q: Quantity) -> dict[str, list[tuple[str, int]]]:
    """anchor -> [(label, offset of the anchor in the label)] for the labels of ``q``."""
    table = _ANCHORED.get(q.name)
    if table is None:
        table = {}
        for label in q.labels:
            anchor = next(a for a in _ANCHORS if a in label)
            table.setdefault(anchor, []).append((label, label.index(anchor)))
        _ANCHORED[q.name] = table
    return table


def anchor_positions(text: str) -> dict[str, list[int]]:
    """Where each anchor occurs in ``text`` (only anchors that occur): found once per text and shared
    by every quantity looked for in it."""
    out: dict[str, list[int]] = {}
    for anchor in _ANCHORS:
        i = text.find(anchor)
        while i >= 0:
            out.setdefault(anchor, []).append(i)
            i = text.find(anchor, i + 1)
    return out


def _label_starts(text: str, q: Quantity, anchors: dict[str, list[int]]) -> list[int]:
    """Where the labels of ``q`` start in ``text``, ascending."""
    starts: set[int] = set()
    for anchor, labels in _anchored(q).items():
        for i in anchors.get(anchor, ()):
            for label, offset in labels:
                if i >= offset and text.startswith(label, i - offset):
                    starts.add(i - offset)
    return sorted(starts)


_LONGTEXT_NAMES = {spec.name for table in (PROFILE_FIELDS, SAFEGUARD_FIELDS, CONDITION_FIELDS, INDICATOR_FIELDS,
                                           PROJECT_FIELDS) for spec in table.values() if spec.kind == "longtext"}


def _pattern(q: Quantity) -> re.Pattern[str]:
    p = _PATTERNS.get(q.name)
    if p is None:
        p = _PATTERNS[q.name] = q.pattern()
    return p


def text_keys(dossier: Dossier) -> list[str]:
    """Every free-text answer (long texts) of the dossier (unordered: findings are sorted later)."""
    out: list[str] = []
    for key in dossier.keys_with_prefix(""):
        if key.rsplit(".", 1)[-1] not in _LONGTEXT_NAMES or not isinstance(dossier.get(key), str):
            continue
        try:
            if spec_for(parse_key(key)).kind == "longtext":
                out.append(key)
        except FieldError:
            continue
    return out


def _is_future(sentence: str) -> bool:
    return any(word in sentence for word in FUTURE)


def _other_year(sentence: str, before: int, stats_year: int | None) -> bool:
    """True when the sentence, before the figure, names a year that is not the statistics year."""
    if stats_year is None:
        return False
    years = [y for y, start, _end in years_in(sentence) if start < before]
    return bool(years) and years[-1] != stats_year


# Before a label in the same clause, these name a place above the applicant ("临川市常住人口320万人" in a
# district's dossier): such figures are not the applicant's. By applicant level.
HIGHER_PLACES = {"city": ("全国", "全省", "省"), "district": ("全国", "全省", "省", "全市", "市"),
                 "county": ("全国", "全省", "省", "全市", "市"), "town": ("全国", "全省", "省", "全市", "市", "全县", "县")}
_NOT_PLACES = re.compile("城市|市场|市民|市政|省级|市级|国家|国际")
# Before an investment label: money already spent, not the planned projects.
PAST = ("已建成", "建成投运", "已投入", "已投资", "累计", "历年", "已完成投资")
# Texts that describe what exists: an investment there is usually a past one.
BASE_TEXTS = (".current_state", ".evidence", "profile.foundation", "profile.overview", "profile.main_industries")
# Before an investment label: an annual amount, not a total ("2013年计划投资2亿元").
ANNUAL = re.compile(r"(?:19|20)\d\d\s*年|年度|每年|当年|年均")


def own_name(dossier: Dossier) -> str:
    """The applicant's own short name: "滨湖区" of "江东省临川市滨湖区" (after the last 省/市/州/盟)."""
    name = dossier.get("applicant.name")
    if not isinstance(name, str):
        return ""
    return re.split(r"[省市州盟]", name.strip())[-1] or name.strip()


_CLAUSE_TAIL = re.compile("[^，,。；;：:\n]*$")


def _clause_prefix(text: str, start: int) -> str:
    """From the start of the clause (after ，,。；：) to ``start``, at most 30 characters."""
    window = text[max(0, start - 30):start]
    m = _CLAUSE_TAIL.search(window)
    return m.group(0) if m else window


def find_figures(text: str, q: Quantity, stats_year: int | None = None, *, facts_only: bool = True,
                 level: str | None = None, own: str = "", existing_base: bool = False,
                 anchors: dict[str, list[int]] | None = None) -> Iterator[Figure]:
    """The figures of quantity ``q`` in ``text`` (already ``normalise``d); with ``facts_only``, not
    those in sentences about the future or (when ``stats_year`` is known) about another year. With
    the applicant's ``level`` (and ``own`` short name), not those of a place above it. In a text about
    the existing base (``existing_base``), an investment counts only when its clause names 项目: "数字城管
    系统2010年建成，总投资1200万元" is what was spent before, not the planned projects."""
    pattern = _pattern(q)
    ends: set[int] = set()  # "生产总值" inside "地区生产总值" reaches the same figure: read it once
    for start in _label_starts(text, q, anchor_positions(text) if anchors is None else anchors):
        m = pattern.match(text, start)
        if m is None or m.end() in ends:
            continue
        ends.add(m.end())
        before = text[max(0, m.start() - 4):m.start()]
        if any(before.endswith(word) for word in q.exclude_before):
            continue
        prefix = _clause_prefix(text, m.start())
        if level and ("市" in prefix or "省" in prefix or "国" in prefix or "县" in prefix):
            place = _NOT_PLACES.sub("", prefix)
            if not (own and own in place) and any(p in place for p in HIGHER_PLACES.get(level, ())):
                continue
        if q is INVESTMENT and (ANNUAL.search(prefix) or any(w in prefix for w in PAST)
                                or (existing_base and "项目" not in prefix)):
            continue
        if facts_only:
            left, right = sentence_span(text, m.start(), m.end())
            sentence = text[left:right]
            if _is_future(sentence) or _other_year(sentence, m.start() - left, stats_year):
                continue
        figure = read_figure(m, q.to_stored)
        if q.units is PERSONS and figure.high < 10 and not m.group("m1") and not m.group("m2"):
            continue  # "常住人口3人" is not a population figure
        yield figure


_QUANTITY_LABELS = {
    "常住人口": lambda: tr("常住人口"), "城镇人口": lambda: tr("城镇人口"), "地区生产总值": lambda: tr("地区生产总值"),
    "地方一般公共预算收入": lambda: tr("地方一般公共预算收入"), "行政区域面积": lambda: tr("行政区域面积"),
    "建成区面积": lambda: tr("建成区面积"), "本项目总投资": lambda: tr("本项目总投资"), "项目总投资": lambda: tr("项目总投资"),
}


def quantity_label(name: str) -> str:
    """The translated name of a compared quantity (``Quantity.name`` is the Chinese id)."""
    label = _QUANTITY_LABELS.get(name)
    return label() if label else name


def _value_text(key: str, value: float) -> str:
    """``value`` of the field ``key`` as the message shows it (investment: any other key, in 万元)."""
    if key in ("profile.population", "profile.urban_population"):
        return tr("{n} 人", n=f"{int(value):,}")
    if key.endswith("_km2"):
        return tr("{n} 平方公里", n=format_wan(value))
    return tr("{n} 万元", n=format_wan(value))


def figure_mismatches(dossier: Dossier, projects: list[Project],
                      answers: dict[str, IndicatorAnswer], texts: dict[str, str]) -> list[AnalysisFinding]:
    stats_year = dossier.get("profile.stats_year")
    stats_year = int(stats_year) if isinstance(stats_year, (int, float)) else None
    out: list[AnalysisFinding] = []
    investment_total = sum(float(p.investment_wan or 0) for p in projects)
    project_amounts = {float(p.investment_wan) for p in projects if p.investment_wan}
    by_id = {p.id: p for p in projects}

    def report(key: str, q: Quantity, figure: Figure, table_text: str) -> None:
        quoted = figure.text if len(figure.text) <= 40 else figure.text[:39] + "…"
        message = tr("文中写“{figure}”，与表中{name} {value} 不一致", figure=quoted, name=quantity_label(q.name),
                     value=table_text)
        out.append(AnalysisFinding(FIGURE_MISMATCH, key, message,
                                   finding_id(FIGURE_MISMATCH, key, f"{q.name}:{figure.text}"), 3))

    level = dossier.get("applicant.level")
    own = own_name(dossier)
    values = {k: float(v) for k in PROFILE_QUANTITIES if isinstance(v := dossier.get(k), (int, float))}
    amounts = sorted(project_amounts)
    for key, text in texts.items():
        anchors = anchor_positions(text)
        if not anchors:
            continue
        if key not in TARGET_TEXTS and not key.endswith(".target"):
            for value_key, value in values.items():
                q = PROFILE_QUANTITIES[value_key]
                for figure in find_figures(text, q, stats_year, level=level, own=own, anchors=anchors):
                    if not figure.agrees_with(value):
                        report(key, q, figure, _value_text(value_key, value))
        # Total investment: of the project itself in its own content; elsewhere of all projects (or
        # of one project, or of the projects serving the indicator whose text it is).
        parsed = parse_key(key)
        if parsed.section == "projects":
            project = by_id.get(parsed.item)
            if project is None or project.investment_wan is None:
                continue
            candidates = [float(project.investment_wan)]
            singles: list[float] = []
            name = "本项目总投资"
        else:
            if not projects:
                continue
            candidates = [investment_total]
            if parsed.section == "indicators" and parsed.item in answers:
                served = [by_id[p] for p in answers[parsed.item].projects if p in by_id]
                candidates.append(sum(float(p.investment_wan or 0) for p in served))
            singles = amounts
            name = "项目总投资"
        base = key.endswith(BASE_TEXTS)
        for figure in find_figures(text, INVESTMENT, facts_only=False, level=level, own=own, existing_base=base,
                                   anchors=anchors):
            if any(figure.agrees_with(c) for c in candidates) or _any_within(singles, figure):
                continue
            report(key, Quantity(name, INVESTMENT.labels, INVESTMENT.units, INVESTMENT.to_stored), figure,
                   _value_text("investment", candidates[0]))
    return out


def _any_within(sorted_amounts: list[float], figure: Figure) -> bool:
    """Whether one of the (ascending) amounts agrees with ``figure``."""
    i = bisect.bisect_left(sorted_amounts, figure.low - figure.tolerance)
    return i < len(sorted_amounts) and sorted_amounts[i] <= figure.high + figure.tolerance


def _year_of(value: object) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and re.match(r"^\d{4}", value):
        return int(value[:4])
    return None


def date_mismatches(dossier: Dossier, answers: dict[str, IndicatorAnswer],
                    texts: dict[str, str]) -> list[AnalysisFinding]:
    end_year = _year_of(dossier.get("profile.creation_end_year"))
    out: list[AnalysisFinding] = []
    for answer in answers.values():
        if not answer.applicable:
            continue
        deadline = _year_of(answer.deadline)
        if deadline is None and end_year is None:
            continue
        for name in ("target", "measures"):
            key = indicator_key(answer.id, name)
            text = texts.get(key)
            if not text:
                continue
            years = [y for y, _s, _e in years_in(text)]
            if not years:
                continue
            latest = max(years)
            if deadline is not None and latest > deadline:
                message = tr("{iid}：文中写到 {year} 年，晚于完成时限 {deadline}", iid=answer.id, year=latest,
                             deadline=answer.deadline)
            elif end_year is not None and latest > end_year:
                message = tr("{iid}：文中写到 {year} 年，晚于创建期（至 {end} 年）", iid=answer.id, year=latest,
                             end=end_year)
            else:
                continue
            out.append(AnalysisFinding(DATE_MISMATCH, key, message, finding_id(DATE_MISMATCH, key, str(latest)), 2))
    return out


def budget_exceeded(dossier: Dossier, projects: list[Project]) -> list[AnalysisFinding]:
    """The projects' fiscal money above the condition-3 budget (nothing when no budget is given).

    One implementation with the validation rule: ``validate.financing.budget_exceeded`` decides."""
    excess = financing_budget_exceeded(dossier)
    if excess is None or not excess.declared:
        return []
    budget = dossier.budget()
    message = tr("项目财政资金合计 {fiscal} 万元，超过申报条件三落实的财政预算 {budget} 万元（{years}）",
                 fiscal=format_wan(excess.fiscal), budget=format_wan(excess.budget),
                 years="、".join(str(y) for y in sorted(budget)))
    return [AnalysisFinding(BUDGET_EXCEEDED, excess.key, message, finding_id(BUDGET_EXCEEDED, "budget"), 3)]

