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
