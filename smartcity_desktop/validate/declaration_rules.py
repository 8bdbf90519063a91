"""Rules for the declaration's period facts and quantified targets (issue 11).

The statistics year dates every figure of the basic-facts table; the creation period (创建期, "经过3至5年
的创建期" in the ministry's lists) bounds every deadline; an indicator's quantified targets are only
useful to a reviewer with a name and a target value.
"""
from __future__ import annotations

from collections.abc import Iterator

from smartcity_desktop.i18n import tr
from smartcity_desktop.model import PROFILE_FIELDS, Dossier
from smartcity_desktop.model.keys import field_key, indicator_key, metric_item, profile_key
from smartcity_desktop.validate.findings import ERROR, WARNING, Finding

CREATION_YEARS = (3, 5)  # the ministry's "3至5年的创建期"


def period_rules(d: Dossier) -> Iterator[Finding]:
    for name in ("stats_year", "creation_start_year", "creation_end_year"):
        if d.get(profile_key(name)) is None:
            yield Finding(WARNING, profile_key(name), tr("请填写“{label}”", label=PROFILE_FIELDS[name].label_text),
                          "profile.recommended")
    start, end = d.get("profile.creation_start_year"), d.get("profile.creation_end_year")
    if start is not None and end is not None:
        if end < start:
            yield Finding(ERROR, "profile.creation_end_year", tr("创建期结束年份早于起始年份"), "profile.creation_period")
        elif not CREATION_YEARS[0] <= end - start + 1 <= CREATION_YEARS[1]:
            yield Finding(WARNING, "profile.creation_end_year",
                          tr("创建期为 {n} 年，试点通常经过 3 至 5 年的创建期", n=end - start + 1),
                          "profile.creation_period")
    stats = d.get("profile.stats_year")
    if stats is not None and start is not None and stats > start:
        yield Finding(WARNING, "profile.stats_year", tr("统计年度晚于创建期起始年份，请核对"), "profile.stats_year")


def metric_rules(d: Dossier) -> Iterator[Finding]:
    for ind in d.scheme.indicators:
        if not d.indicator(ind.id, []).applicable:
            continue
        for m in d.metrics(ind.id):
            key = indicator_key(ind.id, metric_item(m.n))
            if not m.name:
                yield Finding(ERROR, field_key(key, "name"), tr("{iid} {name}：第 {n} 项量化指标缺少名称", iid=ind.id,
                                                       name=ind.label, n=m.n), "indicator.metric")
            elif not m.target:
                yield Finding(WARNING, field_key(key, "target"), tr("{iid} {name}：量化指标“{metric}”缺少目标值", iid=ind.id,
                                                           name=ind.label, metric=m.name), "indicator.metric")


DECLARATION_RULES = (period_rules, metric_rules)
