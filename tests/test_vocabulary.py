"""One vocabulary (issue 10, point 1): finding kinds, the money tolerance, describe/display, sections."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from smartcity_desktop.model import Dossier
from smartcity_desktop.model import investment as inv
from smartcity_desktop.validate import INCONSISTENT, INVALID, MISSING, validate
from smartcity_desktop.validate.findings import KINDS, RULE_KINDS, Finding

VALIDATE = Path(__file__).resolve().parent.parent / "smartcity_desktop" / "validate"


def _rule_ids_in_source() -> set[str]:
    """Every rule id a ``Finding(...)`` call in validate/ passes as a literal (4th argument)."""
    found: set[str] = set()
    for path in VALIDATE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Finding" and len(node.args) >= 4:
                rule = node.args[3]
                if isinstance(rule, ast.Constant) and isinstance(rule.value, str):
                    found.add(rule.value)
    # rules passed through a helper (``_missing(d, key, label, severity, rule)``)
    for path in VALIDATE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_missing":
                found.add(node.args[-1].value)  # type: ignore[union-attr]
    return found


def test_every_rule_has_a_kind_and_every_listed_rule_exists():
    rules = _rule_ids_in_source()
    assert len(rules) > 40
    assert rules == set(RULE_KINDS), (rules - set(RULE_KINDS), set(RULE_KINDS) - rules)
    assert set(RULE_KINDS.values()) <= set(KINDS)


def test_findings_carry_their_kind(scheme):
    d = Dossier(scheme, {"applicant.contact_email": "not-an-email", "profile.population": 10,
                         "profile.urban_population": 20})
    by_rule = {f.rule: f for f in validate(d)}
    assert by_rule["applicant.required"].kind == MISSING
    assert by_rule["applicant.email"].kind == INVALID
    assert by_rule["profile.urban"].kind == INCONSISTENT
    assert Finding("error", "x", "m", "a.rule.nobody.knows").kind == INVALID  # unknown: a real mistake
    assert Finding("error", "x", "m", "applicant.required", kind=INVALID).kind == INVALID  # a rule may say


def test_validate_json_keeps_rule_and_adds_kind(empty_path, capsys):
    from smartcity_desktop.cli import main

    assert main(["validate", str(empty_path), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert all({"rule", "kind"} <= set(f) for f in findings)
    assert {f["kind"] for f in findings if f["rule"] == "applicant.required"} == {MISSING}


@pytest.mark.parametrize("a,b,differ", [(100, 100.004, False), (100, 100.006, True), (0.1 + 0.2, 0.3, False),
                                        (1234.5, 1234.49, True)])
def test_one_money_tolerance(a, b, differ):
    assert inv.money_differs(a, b) is differ
    assert inv.MONEY_TOLERANCE == 0.005  # half of 0.01 万元, the smallest amount the program shows


def test_one_section_registry_places_every_key_on_one_page(scheme):
    from smartcity_desktop.model import keys as k
    from smartcity_desktop.model.sections import (
        ANALYSIS,
        MATERIALS,
        PROJECTS,
        REVIEW,
        TAIL_PAGES,
        page_ids,
        page_of,
        section_of,
        sections,
    )
    from smartcity_desktop.validate import section_progress

    pages = page_ids(scheme)
    assert pages[0] == "applicant" and pages[-len(TAIL_PAGES):] == list(TAIL_PAGES)
    assert len(pages) == len(set(pages)) == 1 + len(scheme.conditions) + len(scheme.indicators) + 2 + len(TAIL_PAGES)
    in_sections = [p for s in sections(scheme) for p in s.pages]
    assert len(in_sections) == len(set(in_sections))  # no page in two sections
    for key in Dossier(scheme).field_order():
        assert page_of(key) in pages, key
    assert page_of(k.profile_key("gdp")) == "applicant"
    assert page_of(k.metric_key("1.1.1", 1, "name")) == "indicators[1.1.1]"
    assert page_of(k.budget_key(2015)) == "conditions[3]"
    assert page_of(k.funding_key("p1", "fiscal")) == page_of("projects") == PROJECTS
    assert page_of(k.material_key("declaration")) == MATERIALS
    assert page_of(k.dismissed_key("x")) == ANALYSIS
    assert page_of("no such key") == REVIEW
    assert section_of(k.indicator_key("2.1.1", "target"), scheme)[0] == "level1:2"
    assert section_of(k.material_key("declaration"), scheme)[0] == "other"
    counted = [s.id for s in sections(scheme) if s.counted]
    assert [p.id for p in section_progress(Dossier(scheme))] == counted
    assert counted[0] == "applicant" and counted[-1] == PROJECTS


def test_one_describe_names_every_key_form(scheme):
    from smartcity_desktop.i18n import use_language
    from smartcity_desktop.model import keys as k
    from smartcity_desktop.model.vocabulary import describe

    d = Dossier(scheme, {"projects[p1].name": "智慧停车", "projects[p1].order": 1})
    assert describe(d, k.indicator_key("3.3.4", "target")) == f"3.3.4 {scheme.indicator('3.3.4').label} · 创建目标"
    assert describe(d, k.project_key("p1", "investment_wan")) == "项目 智慧停车 · 总投资（万元）"
    assert describe(d, k.funding_key("p1", "fiscal")) == "项目 智慧停车 · 财政资金 金额（万元）"
    assert describe(d, k.plan_key("p2", 2015), {"projects[p2].name": "新项目"}) == "项目 新项目 · 2015年计划投资（万元）"
    assert describe(d, k.condition_key(2, "evidence")) == "申报条件 2 · 情况说明及依据"
    assert describe(d, k.budget_key(2016)) == "申报条件 3 · 2016年财政预算安排（万元）"
    assert describe(d, k.metric_key("1.1.1", 2, "target")).endswith(" · 第 2 项目标值")
    assert describe(d, k.material_key("plan_outline")) == "智慧城市发展规划纲要 · 材料文件"
    assert describe(d, k.profile_key("area_km2")) == "行政区域面积（平方公里）"
    assert describe(d, "not a key") == "not a key"
    with use_language("en"):
        assert describe(d, k.project_key("p1", "investment_wan")) == "Project 智慧停车 · Total investment (10k CNY)"


def test_one_display_shows_values_as_people_read_them():
    from smartcity_desktop.model import keys as k
    from smartcity_desktop.model.vocabulary import display_key

    assert display_key(k.project_key("p1", "investment_wan"), 1234567.5) == "1,234,567.5"
    assert display_key(k.project_key("p1", "investment_wan"), 12.0) == "12"
    assert display_key(k.profile_key("population"), 560000) == "560,000"
    assert display_key(k.profile_key("stats_year"), 2015) == "2015"  # a year is not a count
    assert display_key(k.indicator_key("1.1.1", "applicable"), False) == "不适用"
    assert display_key(k.condition_key(1, "status"), "partial") == "部分具备"
    assert display_key(k.indicator_key("1.1.1", "deadline"), "2015-12") == "2015年12月"
    assert display_key(k.project_key("p1", "indicators"), ["1.1.1", "2.1.1"]) == "1.1.1、2.1.1"
    assert display_key(k.project_key("p1", "name"), None) == ""
    assert display_key("not a key", 5) == "5"
