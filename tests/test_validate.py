"""Validation rules: each rule of the core issue, on the demo (clean) and on deliberately broken data."""
from __future__ import annotations

import pytest

from smartcity_desktop.i18n import set_language
from smartcity_desktop.model import Dossier
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.validate import (
    ERROR,
    WARNING,
    overall_percent,
    section_of,
    section_progress,
    summarize,
    validate,
)


@pytest.fixture
def demo(demo_path) -> Dossier:
    with ProjectFile.open(demo_path, readonly=True) as pf:
        return Dossier(pf.scheme, pf.dossier.values())


def _rules(findings, key=None):
    return {(f.rule, f.severity) for f in findings if key is None or f.key == key}


def test_demo_validates_clean(demo):
    findings = validate(demo)
    assert summarize(findings).errors == 0 and summarize(findings).warnings == 0
    assert summarize(findings).ready
    assert overall_percent(demo) == 100


def test_empty_dossier_lists_required_fields(scheme):
    findings = validate(Dossier(scheme))
    keys = {f.key for f in findings if f.severity == ERROR}
    assert {"applicant.name", "applicant.level", "conditions[1].status", "indicators[3.3.11].lead_unit"} <= keys
    assert not summarize(findings).ready
    assert "尚不能提交" in summarize(findings).text()


def test_unmet_condition_is_an_error_and_partial_a_warning(demo):
    demo.set("conditions[3].status", "not_met")
    demo.set("conditions[4].status", "partial")
    found = _rules(validate(demo))
    assert ("condition.not_met", ERROR) in found and ("condition.partial", WARNING) in found


def test_plan_condition_without_document_warns(demo):
    # The 规划纲要 lives in materials[plan_outline].documents (DESIGN.md); condition 二's check reads it there.
    demo.set("conditions[2].documents", None)
    assert ("condition.plan_document", WARNING) not in _rules(validate(demo), "materials[plan_outline].documents")
    demo.set("materials[plan_outline].documents", None)
    assert ("condition.plan_document", WARNING) in _rules(validate(demo), "materials[plan_outline].documents")


def test_applicable_indicator_needs_its_answers_and_not_applicable_a_reason(demo):
    demo.set("indicators[1.2.1].measures", None)
    demo.set("indicators[2.2.6].not_applicable_reason", None)
    findings = validate(demo)
    assert ("indicator.required", ERROR) in _rules(findings, "indicators[1.2.1].measures")
    assert ("indicator.reason", ERROR) in _rules(findings, "indicators[2.2.6].not_applicable_reason")
    demo.set("indicators[2.2.6].applicable", True)
    assert ("indicator.required", ERROR) in _rules(validate(demo), "indicators[2.2.6].target")


def test_not_ready_indicator_without_project_warns(demo):
    iid = next(a.id for a in demo.iter_indicators() if a.readiness == "partial")
    for p in demo.projects():
        if iid in p.indicators:
            demo.set(p.key("indicators"), [i for i in p.indicators if i != iid] or ["1.1.1"])
    assert ("indicator.no_project", WARNING) in _rules(validate(demo), f"indicators[{iid}].projects")


def test_project_rules(demo):
    p = demo.projects()[0]
    demo.set(p.key("start_year"), 2015)
    demo.set(p.key("end_year"), 2013)
    demo.set(p.key("investment_wan"), p.investment_wan + 1)
    demo.set(p.key("indicators"), None)
    found = _rules(validate(demo))
    assert {("project.years", ERROR), ("project.funding_sum", ERROR), ("project.indicators", ERROR)} <= found
    message = next(f.message for f in validate(demo) if f.rule == "project.funding_sum")
    assert p.name in message and "万元" in message


def test_profile_consistency(demo):
    demo.set("profile.urban_population", demo.get("profile.population") + 1)
    assert ("profile.urban", ERROR) in _rules(validate(demo))


def test_messages_follow_the_language(demo):
    demo.set("applicant.leader", None)
    set_language("en")
    try:
        finding = next(f for f in validate(demo) if f.key == "applicant.leader")
        assert "Principal leader" in finding.message
        assert section_of("indicators[2.1.1].target", demo.scheme)[1].startswith("Indicators")
    finally:
        set_language("zh_CN")


def test_sections_and_progress(demo, scheme):
    assert section_of("indicators[2.1.1].target", scheme)[0] == "level1:2"
    assert section_of("projects[p1].name", scheme)[0] == "projects"
    parts = section_progress(Dossier(scheme, {"applicant.name": "甲"}))
    assert parts[0].filled == 1 and parts[0].state == "partial"
    assert all(p.state == "complete" for p in section_progress(demo))


def test_links_to_attachments_missing_from_the_file_are_errors(empty_path, tmp_path) -> None:
    """A crafted file (or an old import) can link evidence that is not stored: the attachment index would
    list a document that does not exist. Reported by validation, named by field."""
    import json
    import sqlite3

    from smartcity_desktop.store import ProjectFile

    doc = tmp_path / "通知.txt"
    doc.write_text("通知", encoding="utf-8")
    with ProjectFile.open(empty_path) as pf:
        att = pf.add_attachment("conditions[4].documents", doc)
        assert not [f for f in validate(pf.dossier) if f.rule == "attachment.missing"]
    conn = sqlite3.connect(empty_path)  # the crafted part: a link to nothing in another field
    conn.execute("INSERT INTO fields(key, value, changed_at) VALUES ('conditions[2].documents', ?, 'x')",
                 (json.dumps([att.id, "a0000dead000"]),))
    conn.commit()
    conn.close()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        found = [f for f in validate(pf.dossier) if f.rule == "attachment.missing"]
    assert [(f.severity, f.key) for f in found] == [("error", "conditions[2].documents")]
    assert "a0000dead000" in found[0].message and att.id not in found[0].message
