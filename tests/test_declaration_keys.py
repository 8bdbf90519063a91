"""Issue 11's new keys: level county, statistics year, creation period, indicators' quantified targets."""
from __future__ import annotations

import pytest

from smartcity_desktop.model import Dossier, FieldError, parse_key
from smartcity_desktop.model.fields import spec_for
from smartcity_desktop.validate import validate


def test_metric_keys_parse_and_reject_out_of_range():
    p = parse_key("indicators[3.3.1].metrics[2].baseline")
    assert (p.section, p.item, p.name, p.source, p.part, p.owner) == (
        "indicators", "3.3.1", "metrics", "2", "baseline", "indicators[3.3.1]")
    for bad in ("indicators[3.3.1].metrics[0].name", "indicators[3.3.1].metrics[x].name",
                "indicators[3.3.1].metrics[1].colour", "indicators[3.3.1].metrics[21].name"):
        with pytest.raises(FieldError):
            spec_for(parse_key(bad))


def test_metrics_view_order_and_text_values(scheme):
    d = Dossier(scheme)
    d.set_many({"indicators[3.3.1].metrics[2].name": "公交准点率", "indicators[3.3.1].metrics[2].target": "90",
                "indicators[3.3.1].metrics[1].name": "信号灯联网控制率", "indicators[3.3.1].metrics[1].unit": "%",
                "indicators[3.3.1].metrics[1].baseline": "46", "indicators[3.3.1].metrics[1].target": " ≥90 ",
                "indicators[3.3.1].target": "目标"})
    metrics = d.metrics("3.3.1")
    assert [(m.n, m.name, m.target) for m in metrics] == [(1, "信号灯联网控制率", "≥90"), (2, "公交准点率", "90")]
    keys = list(d.values())
    assert keys.index("indicators[3.3.1].target") < keys.index("indicators[3.3.1].metrics[1].name") \
        < keys.index("indicators[3.3.1].metrics[1].target") < keys.index("indicators[3.3.1].metrics[2].name")
    assert d.metrics("1.1.1") == []


def test_county_level_and_year_fields(scheme):
    d = Dossier(scheme)
    assert d.set("applicant.level", "县") == "county"
    assert d.set("applicant.level", "county") == "county"
    assert d.set("profile.stats_year", "2012") == 2012
    with pytest.raises(FieldError):
        d.set("profile.creation_end_year", "1900")


def test_period_and_metric_rules(scheme):
    d = Dossier(scheme, {"profile.stats_year": 2014, "profile.creation_start_year": 2013,
                         "profile.creation_end_year": 2012, "indicators[2.2.1].metrics[1].target": "12",
                         "indicators[2.2.1].metrics[2].name": "漏损率"})
    found = {(f.key, f.severity) for f in validate(d)}
    assert ("profile.creation_end_year", "error") in found
    assert ("profile.stats_year", "warning") in found
    assert ("indicators[2.2.1].metrics[1].name", "error") in found
    assert ("indicators[2.2.1].metrics[2].target", "warning") in found
    d.set("profile.creation_end_year", 2025)
    assert any(f.key == "profile.creation_end_year" and "3 至 5" in f.message for f in validate(d))


def test_scheme_carries_the_reference_corrections(scheme):
    """The reference's "Corrections found later": second-copy wording marked S, names' and issuer's marks."""
    assert scheme.indicator("3.3.4").label == "智慧国土" and scheme.indicator("3.3.4").provenance == "S"
    assert scheme.indicator("1.1.2").explanation["zh"] == "指成立专门的领导组织体系和执行机构，负责智慧城市创建工作。"
    for iid in ("2.1.1", "2.2.2", "2.2.3", "2.2.4", "3.3.2", "3.3.3"):
        assert scheme.indicator(iid).provenance == "S", iid
    assert scheme.indicator("2.2.3").explanation["zh"].startswith("指城市节水器具的使用和水资源的循环利用情况")
    assert scheme.indicator("3.3.3").explanation["zh"].endswith("城市饮用水环境等方面的建设。")
    assert scheme.indicator("3.3.1").provenance == "R"  # not found in any readable source
    assert [l1.provenance for l1 in scheme.level1] == ["S", "S", "R", "R"]
    assert {l2.label: l2.provenance for l1 in scheme.level1 for l2 in l1.children}["公共平台与数据库"] == "S"
    assert scheme.issuer_provenance == "R" and scheme.is_summary(scheme.issuer_provenance)


def test_county_in_cli_new(tmp_path):
    from smartcity_desktop.cli import main

    path = tmp_path / "县.scdossier"
    assert main(["new", str(path), "--name", "青石县", "--level", "county", "--province", "江东省"]) == 0
    from smartcity_desktop.store import ProjectFile

    with ProjectFile.open(path, readonly=True) as pf:
        assert pf.dossier.get("applicant.level") == "county"
