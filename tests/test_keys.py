"""The field-key grammar has one home (model/keys.py): every builder's key parses back to its parts."""
from __future__ import annotations

import pytest

from smartcity_desktop.model import keys as k
from smartcity_desktop.model import parse_key, spec_for
from smartcity_desktop.model.fields import FieldError

# (built key, the text DESIGN.md "Field keys" spells, section, item, name, source, part, year)
CASES = [
    (k.applicant_key("name"), "applicant.name", "applicant", "", "name", "", "", ""),
    (k.applicant_key("round"), "applicant.round", "applicant", "", "round", "", "", ""),
    (k.profile_key("stats_year"), "profile.stats_year", "profile", "", "stats_year", "", "", ""),
    (k.safeguard_key("policy"), "safeguards.policy", "safeguards", "", "policy", "", "", ""),
    (k.condition_key("1", "status"), "conditions[1].status", "conditions", "1", "status", "", "", ""),
    (k.condition_key(1, "documents"), "conditions[1].documents", "conditions", "1", "documents", "", "", ""),
    (k.budget_key(2015), "conditions[3].budget[2015].amount_wan", "conditions", "3", "budget", "", "", "2015"),
    (k.indicator_key("1.1.1", "applicable"), "indicators[1.1.1].applicable", "indicators", "1.1.1", "applicable",
     "", "", ""),
    (k.indicator_key("3.3.4", "target"), "indicators[3.3.4].target", "indicators", "3.3.4", "target", "", "", ""),
    (k.metric_key("1.1.1", 2, "baseline"), "indicators[1.1.1].metrics[2].baseline", "indicators", "1.1.1",
     "metrics", "2", "baseline", ""),
    (k.project_key("p1", "investment_wan"), "projects[p1].investment_wan", "projects", "p1", "investment_wan",
     "", "", ""),
    (k.project_key("a-B_9", "financing_mode"), "projects[a-B_9].financing_mode", "projects", "a-B_9",
     "financing_mode", "", "", ""),
    (k.funding_key("p1", "bank_loan"), "projects[p1].funding[bank_loan].amount_wan", "projects", "p1", "funding",
     "bank_loan", "", ""),
    (k.plan_key("p1", 2016), "projects[p1].investment_by_year[2016].amount_wan", "projects", "p1",
     "investment_by_year", "", "", "2016"),
    (k.material_key("plan_outline"), "materials[plan_outline].documents", "materials", "plan_outline", "documents",
     "", "", ""),
    (k.material_key("declaration", "pages"), "materials[declaration].pages", "materials", "declaration", "pages",
     "", "", ""),
    (k.dismissed_key("f123"), "analysis.dismissed[f123].reason", "analysis", "f123", "reason", "", "", ""),
]


@pytest.mark.parametrize("built,spelled,section,item,name,source,part,year", CASES,
                         ids=[c[1] for c in CASES])
def test_builders_and_parser_round_trip(built, spelled, section, item, name, source, part, year):
    assert built == spelled
    parsed = parse_key(built)
    assert (parsed.key, parsed.section, parsed.item, parsed.name, parsed.source, parsed.part, parsed.year) == \
        (spelled, section, item, name, source, part, year)
    spec_for(parsed)  # every built key names a real field
    assert k.key_section(built) == section
    if section != "analysis":  # the quick helpers serve the dossier's sections, not the analysis notes
        assert k.item_of_key(built) == item
        assert k.owner_of_key(built) == parsed.owner
        assert k.name_of_key(built) == name


def test_relative_names_and_prefixes_agree_with_whole_keys():
    assert k.project_key("p1", k.funding_name("fiscal")) == k.funding_key("p1", "fiscal")
    assert k.project_key("p1", k.plan_name(2015)) == k.plan_key("p1", 2015)
    assert k.indicator_key("1.1.1", k.metric_name(1, "unit")) == k.metric_key("1.1.1", 1, "unit")
    assert k.budget_key(2015).startswith(k.budget_prefix())
    assert k.metric_key("1.1.1", 3, "name").startswith(k.metrics_prefix("1.1.1"))
    assert k.project_key("p1", "name").startswith(k.prefix_of(k.project_owner("p1")))
    assert k.condition_owner(2) == "conditions[2]" and k.indicator_owner("1.2") == "indicators[1.2]"


@pytest.mark.parametrize("bad", ["", "applicant", "applicant.Name", "projects[p1]", "projects[a b].name",
                                 "indicators[1.1.1].metrics[0].name", "projects[p1].funding[fiscal].amount",
                                 "conditions[3].budget[15].amount_wan", "other.name", 42])
def test_parser_refuses_what_is_not_a_key(bad):
    with pytest.raises(FieldError):
        parse_key(bad)


def test_relative_project_names_parse():
    assert k.parse_project_name(k.plan_name(2016)).year == "2016"
    assert k.parse_project_name(k.funding_name("other")).source == "other"
    assert k.parse_project_name("investment_wan").name == "investment_wan"
