"""Field keys, type checks with clear messages, and the dossier's typed views."""
from __future__ import annotations

import re

import pytest

from smartcity_desktop.model import Dossier, FieldError, ImportRefused, parse_key


def test_parse_key_grammar():
    assert parse_key("applicant.name").owner == "applicant"
    p = parse_key("indicators[1.1.1].target")
    assert (p.section, p.item, p.name, p.owner) == ("indicators", "1.1.1", "target", "indicators[1.1.1]")
    f = parse_key("projects[pab12].funding[bank_loan].amount_wan")
    assert (f.item, f.name, f.source) == ("pab12", "funding", "bank_loan")
    for bad in ("applicant", "indicators[1.1.1]", "x.y", "projects[a b].name", "conditions[1].status.x"):
        with pytest.raises(FieldError):
            parse_key(bad)


@pytest.mark.parametrize("key, raw, stored", [
    ("applicant.level", "district", "district"),
    ("applicant.level", "镇", "town"),
    ("conditions[1].status", "已具备", "met"),
    ("indicators[1.1.1].applicable", "不适用", False),
    ("indicators[1.1.1].applicable", True, True),
    ("profile.gdp", "1,234.5", 1234.5),
    ("profile.population", "586000", 586000),
    ("profile.population", 586000.0, 586000),
    ("indicators[1.1.1].deadline", "2015/6", "2015-06"),
    ("indicators[1.1.1].deadline", 2015, "2015"),
    ("projects[p1].start_year", "2013", 2013),
    ("projects[p1].indicators", "1.1.1、2.2.5, 1.1.1", ["1.1.1", "2.2.5"]),
    ("applicant.name", "  滨湖区 ", "滨湖区"),
    ("indicators[1.1.1].target", "", None),
])
def test_coerce_accepts_and_normalises(scheme, key, raw, stored):
    assert Dossier(scheme).set(key, raw) == stored


@pytest.mark.parametrize("key, raw, words", [
    ("applicant.level", "province", "不是可选值"),
    ("applicant.name", 3, "应为文本"),
    ("profile.gdp", "很多", "应为数字"),
    ("profile.gdp", -1, "不能小于"),
    ("profile.population", 1.5, "整数"),
    ("profile.gdp", float("nan"), "应为数字"),
    ("projects[p1].start_year", 1900, "年份"),
    ("indicators[1.1.1].deadline", "2015-13", "日期"),
    ("indicators[9.9.9].target", "x", "没有三级指标"),
    ("conditions[5].status", "met", "没有申报条件"),
    ("applicant.colour", "red", "没有这个字段"),
    ("projects[p1].indicators", ["1.1.1", "8.8.8"], "8.8.8"),
    ("projects[p1].funding[gold].amount_wan", 1, "资金来源"),
    ("indicators[1.1.1].applicable", "maybe", "true"),
    ("applicant.name", "x" * 201, "过长"),
])
def test_bad_values_say_which_key_and_what_was_expected(scheme, key, raw, words):
    d = Dossier(scheme)
    with pytest.raises(FieldError) as info:
        d.set(key, raw)
    assert key in str(info.value) and words in str(info.value)
    assert d.get(key) is None


def test_check_many_refuses_all_or_nothing(scheme):
    d = Dossier(scheme, {"applicant.name": "甲区"})
    with pytest.raises(ImportRefused) as info:
        d.set_many({"applicant.name": "乙区", "profile.gdp": "abc", "bad": 1})
    assert len(info.value.errors) == 2
    assert d.get("applicant.name") == "甲区"


def test_projects_and_links(scheme):
    d = Dossier(scheme)
    pid, values = d.new_project_values("城市公共信息平台")
    d.set_many(values)
    pid2, values2 = d.new_project_values("智慧停车")
    d.set_many(values2)
    assert d.project_ids() == [pid, pid2]
    d.set_many({f"projects[{pid}].indicators": ["1.3.2"], f"projects[{pid}].investment_wan": 100,
                f"projects[{pid}].funding[fiscal].amount_wan": 60,
                f"projects[{pid}].funding[social_capital].amount_wan": 40,
                "indicators[1.3.1].projects": [pid]})
    p = d.project(pid)
    assert p.funding.total == 100 and p.funding_given and p.name == "城市公共信息平台"
    assert d.indicator("1.3.2").projects == [pid]  # linked from the project side
    assert d.indicator("1.3.1").projects == [pid]  # linked from the indicator side
    removal = d.project_removal(pid)
    assert removal["indicators[1.3.1].projects"] is None
    d.set_many(removal)
    assert d.project_ids() == [pid2] and d.indicator("1.3.2").projects == []


def test_values_are_in_reading_order(scheme):
    d = Dossier(scheme)
    d.set("safeguards.policy", "政策")
    d.set("indicators[2.1.1].target", "目标")
    d.set("applicant.name", "甲区")
    d.set("conditions[1].status", "met")
    assert list(d.values()) == ["applicant.name", "conditions[1].status", "indicators[2.1.1].target",
                                "safeguards.policy"]


def test_urbanisation_rate_is_derived(scheme):
    d = Dossier(scheme, {"profile.population": 1000, "profile.urban_population": 772})
    assert d.urbanisation_rate() == 77.2


@pytest.mark.parametrize("key, raw, words", [
    ("applicant.declaration_date", "2012-02-31", "没有这一天"),
    ("applicant.declaration_date", "2013-02-29", "没有这一天"),
    ("applicant.declaration_date", "2012-99-99", "应为日期"),
    ("applicant.name", "滨湖\x1b[2J区", "U+001B"),
    ("applicant.name", "滨湖\x07区", "U+0007"),
    ("profile.overview", "第一段\n\x9b31m第二段", "U+009B"),
    ("profile.overview", "删除\x7f", "U+007F"),
])
def test_invalid_dates_and_control_characters_are_refused_on_write(scheme, key, raw, words):
    with pytest.raises(FieldError, match=re.escape(words)) as info:
        Dossier(scheme).set(key, raw)
    assert info.value.key == key


def test_tab_newline_and_windows_line_ends_are_kept_as_text(scheme):
    d = Dossier(scheme)
    assert d.set("applicant.declaration_date", "2012-02-29") == "2012-02-29"
    assert d.set("profile.overview", "一\t二\r\n三\r四\x0b五\x0c六") == "一\t二\n三\n四\n五\n六"
    with pytest.raises(FieldError):
        d.set("applicant.declaration_date", "٢٠١٢-01")  # other scripts' digits are not a date here


@pytest.mark.parametrize("key, stored", [
    ("applicant.level", "galaxy"),
    ("applicant.level", "设市城市"),  # a label is accepted when typed, but a file stores the value
    ("applicant.name", 42),
    ("applicant.name", ["a"]),
    ("applicant.name", "a\x1bb"),
    ("applicant.name", None),
    ("profile.population", "abc"),
    ("profile.population", "586000"),
    ("profile.population", 5.5),
    ("profile.population", True),
    ("profile.gdp", float("nan")),
    ("profile.gdp", float("inf")),
    ("profile.gdp", -1),
    ("projects[p1].start_year", 1800),
    ("indicators[1.1.1].applicable", 1),
    ("indicators[1.1.1].deadline", "2012-99-99"),
    ("indicators[1.1.1].deadline", "2012-02-31"),
    ("indicators[1.1.1].deadline", "2015/6"),
    ("indicators[1.1.1].projects", "p1,p2"),
    ("indicators[1.1.1].projects", ["../x"]),
    ("projects[p1].indicators", ["9.9.9"]),
    ("indicators[9.9.9].target", "x"),
    ("conditions[99].status", "met"),
    ("applicant.nonsense", "x"),
])
def test_stored_values_are_checked_against_their_kind(scheme, key, stored):
    with pytest.raises(FieldError):
        Dossier(scheme).check_stored(key, stored)


def test_sound_stored_values_pass_the_read_check(scheme):
    d = Dossier(scheme)
    for key, stored in [("applicant.level", "town"), ("profile.gdp", 1234.5), ("profile.population", 586000),
                        ("indicators[1.1.1].applicable", False), ("indicators[1.1.1].deadline", "2015-06"),
                        ("applicant.declaration_date", "2012-02-29"), ("profile.overview", "旧文件\r\n中的换行"),
                        ("projects[p1].indicators", ["1.1.1", "1.1.2"]), ("projects[p1].order", 3)]:
        d.check_stored(key, stored)


def test_days_in_month_counts_as_the_calendar_module_does(scheme):
    """Dates are checked without importing ``calendar`` at start; the count must be the calendar's own,
    leap years of centuries (1900 no, 2000 yes) and year 0 (a stored "0000-02-29") included."""
    import calendar

    from smartcity_desktop.model.fields import days_in_month

    for year in (*range(0, 2101), 2400, 9999):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)
    d = Dossier(scheme)
    assert d.set("applicant.declaration_date", "2000-02-29") == "2000-02-29"
    with pytest.raises(FieldError, match="没有这一天"):
        d.set("applicant.declaration_date", "1900-02-29")
