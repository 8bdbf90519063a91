"""Issue 12 core: the declared annual plan, financing facts, the condition-3 budget and the checks on them."""
from __future__ import annotations

import pytest

from smartcity_desktop.model import Dossier, FieldError, parse_key
from smartcity_desktop.model import investment as inv
from smartcity_desktop.validate import ERROR, WARNING, validate
from smartcity_desktop.validate.financing import budget_exceeded

PID = "pfin1"


def _dossier(scheme, **extra) -> Dossier:
    """One project, 2014-2016, 1,000 万元 (fiscal 600, social capital 400), with an UNEVEN plan."""
    values = {
        f"projects[{PID}].order": 1, f"projects[{PID}].name": "智慧停车", f"projects[{PID}].indicators": ["3.3.1"],
        f"projects[{PID}].start_year": 2014, f"projects[{PID}].end_year": 2016,
        f"projects[{PID}].investment_wan": 1000,
        f"projects[{PID}].funding[fiscal].amount_wan": 600, f"projects[{PID}].funding[social_capital].amount_wan": 400,
        f"projects[{PID}].investment_by_year[2014].amount_wan": 150,
        f"projects[{PID}].investment_by_year[2015].amount_wan": 620.5,
        f"projects[{PID}].investment_by_year[2016].amount_wan": 229.5,
    }
    d = Dossier(scheme)
    d.set_many(values)
    d.set_many(extra)
    return d


def _found(d: Dossier, rule: str) -> list:
    return [f for f in validate(d) if f.rule == rule]


def test_keys_parse_and_check(scheme):
    parsed = parse_key(f"projects[{PID}].investment_by_year[2015].amount_wan")
    assert (parsed.section, parsed.item, parsed.name, parsed.year) == ("projects", PID, "investment_by_year", "2015")
    parsed = parse_key("conditions[3].budget[2014].amount_wan")
    assert (parsed.section, parsed.item, parsed.name, parsed.year) == ("conditions", "3", "budget", "2014")
    d = Dossier(scheme)
    assert d.set("conditions[3].budget[2014].amount_wan", "1,500") == 1500
    with pytest.raises(FieldError):
        d.set("conditions[2].budget[2014].amount_wan", 10)  # only condition 三 holds the budget
    with pytest.raises(FieldError):
        d.set(f"projects[{PID}].investment_by_year[1900].amount_wan", 10)
    with pytest.raises(FieldError):
        d.set(f"projects[{PID}].investment_by_year[2015].amount_wan", -1)
    assert d.set(f"projects[{PID}].nature", "准经营性") == "quasi_commercial"  # labels accepted like drop-downs
    assert d.set(f"projects[{PID}].financing_mode", "PPP") == "ppp"
    with pytest.raises(FieldError):
        d.set(f"projects[{PID}].funding_status", "差不多")


def test_project_view_and_declared_summaries(scheme):
    d = _dossier(scheme)
    p = d.project(PID)
    assert p.plan == {2014: 150, 2015: 620.5, 2016: 229.5}
    assert inv.by_year(d) == {2014: 150, 2015: 620.5, 2016: 229.5}  # the declared plan, not 333.33 each
    assert inv.unscheduled(d) == 0
    d.set_many({f"projects[{PID}].investment_by_year[{y}].amount_wan": None for y in (2014, 2015, 2016)})
    assert inv.by_year(d) == {} and inv.unscheduled(d) == 1000  # no plan: nothing invented


def test_proposal_is_even_adds_up_and_is_not_stored(scheme):
    d = _dossier(scheme)
    d.set_many({f"projects[{PID}].investment_by_year[{y}].amount_wan": None for y in (2014, 2015, 2016)})
    p = d.project(PID)
    proposal = inv.proposed_plan(p)
    assert proposal == {2014: 333.33, 2015: 333.33, 2016: 333.34}
    assert sum(proposal.values()) == pytest.approx(1000)
    assert d.project(PID).plan == {}  # proposing stores nothing
    d.set_many(inv.plan_values(p, proposal))  # accepting stores it as declared
    assert d.project(PID).plan == proposal


def test_plan_present_is_clean(scheme):
    d = _dossier(scheme)
    rules = {f.rule for f in validate(d)}
    assert not rules & {"project.plan_missing", "project.plan_sum", "project.plan_years"}


def test_plan_missing_is_a_warning(scheme):
    d = _dossier(scheme)
    d.set_many({f"projects[{PID}].investment_by_year[{y}].amount_wan": None for y in (2014, 2015, 2016)})
    (f,) = _found(d, "project.plan_missing")
    assert f.severity == WARNING and f.key == f"projects[{PID}].investment_by_year[2014].amount_wan"


def test_plan_not_adding_up_is_an_error(scheme):
    d = _dossier(scheme, **{f"projects[{PID}].investment_by_year[2016].amount_wan": 200})
    (f,) = _found(d, "project.plan_sum")
    assert f.severity == ERROR and f.key == f"projects[{PID}].investment_by_year[2016].amount_wan"
    assert "970.5" in f.message and "1,000" in f.message


def test_plan_outside_build_years_is_an_error(scheme):
    d = _dossier(scheme, **{f"projects[{PID}].investment_by_year[2016].amount_wan": None,
                            f"projects[{PID}].investment_by_year[2017].amount_wan": 229.5})
    (f,) = _found(d, "project.plan_years")
    assert f.severity == ERROR and f.key == f"projects[{PID}].investment_by_year[2017].amount_wan"
    assert not _found(d, "project.plan_sum")  # it still adds up


def test_budget_exceeded_both_ways(scheme):
    d = _dossier(scheme, **{"conditions[3].budget[2014].amount_wan": 300, "conditions[3].budget[2015].amount_wan": 200})
    excess = budget_exceeded(d)
    assert excess is not None and (excess.fiscal, excess.budget, excess.excess) == (600, 500, 100)
    (f,) = _found(d, "financing.budget_exceeded")
    assert f.severity == WARNING and f.key == "conditions[3].budget[2014].amount_wan"
    d.set("conditions[3].budget[2016].amount_wan", 100)
    assert budget_exceeded(d) is None and not _found(d, "financing.budget_exceeded")


def test_budget_missing_counts_as_exceeded(scheme):
    d = _dossier(scheme)
    excess = budget_exceeded(d)
    assert excess is not None and not excess.declared and excess.key == "conditions[3].budget[2014].amount_wan"


def test_ppp_without_repayment_source_both_ways(scheme):
    d = _dossier(scheme, **{f"projects[{PID}].financing_mode": "ppp"})
    (f,) = _found(d, "financing.repayment")
    assert f.severity == WARNING and f.key == f"projects[{PID}].repayment_source"
    d.set(f"projects[{PID}].financing_mode", "concession")
    assert _found(d, "financing.repayment")
    d.set(f"projects[{PID}].repayment_source", "停车收费收入")
    assert not _found(d, "financing.repayment")
    d.set_many({f"projects[{PID}].repayment_source": None, f"projects[{PID}].financing_mode": "government_investment"})
    assert not _found(d, "financing.repayment")


def test_project_outside_creation_period_both_ways(scheme):
    d = _dossier(scheme, **{"profile.creation_start_year": 2015, "profile.creation_end_year": 2015})
    before, after = _found(d, "financing.before_period"), _found(d, "financing.after_period")
    assert [f.key for f in before] == [f"projects[{PID}].start_year"]
    assert [f.key for f in after] == [f"projects[{PID}].end_year"]
    assert all(f.severity == WARNING for f in before + after)
    d.set_many({"profile.creation_start_year": 2014, "profile.creation_end_year": 2016})
    assert not _found(d, "financing.before_period") and not _found(d, "financing.after_period")


def test_demo_has_an_uneven_declared_plan(scheme):
    from smartcity_desktop.demo import demo_data

    d = Dossier(scheme, demo_data()["values"])
    years = inv.by_year(d)
    assert sum(years.values()) == pytest.approx(inv.total(d)) and inv.unscheduled(d) == 0
    assert len(set(years.values())) == len(years)  # not an even split
    assert all(p.owner and p.nature and p.financing_mode and p.funding_status for p in d.projects())
    assert budget_exceeded(d) is None
