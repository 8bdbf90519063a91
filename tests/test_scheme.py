"""The shipped scheme matches the reference, and the loader names file and place of every problem."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from smartcity_desktop.scheme import SchemeError, load_scheme
from smartcity_desktop.scheme.loader import available_schemes

from conftest import ROOT

SCHEME_FILE = ROOT / "resources" / "schemes" / "mohurd-2012-trial.json"


def test_counts_per_level2_match_reference(scheme):
    assert len(scheme.level1) == 4
    assert [l2.id for l1 in scheme.level1 for l2 in l1.children] == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3"]
    assert [len(l2.indicators) for l1 in scheme.level1 for l2 in l1.children] == [5, 3, 3, 8, 8, 4, 8, 11, 2, 2, 3]
    assert len(scheme.indicators) == 57
    assert len(scheme.conditions) == 4


def test_names_and_provenance_from_reference(scheme):
    ind = scheme.indicator("2.2.8")
    assert ind.name["zh"] == "地下管线与空间综合管理"
    assert ind.provenance == "R*" and scheme.is_summary("R*")
    assert not scheme.is_summary("S")
    assert scheme.indicator("1.1.1").provenance == "S"
    assert "以住房城乡建设部原文为准" in scheme.provenance_note("R*")
    assert scheme.level1_of("3.3.11").name["zh"] == "智慧管理与服务"
    assert "十二五" in scheme.condition("1").text["zh"]
    assert all(i.name["en"] and i.explanation["zh"] for i in scheme.indicators)


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "variant.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_second_scheme_loads_without_code_changes(tmp_path, monkeypatch):
    data = json.loads(SCHEME_FILE.read_text(encoding="utf-8"))
    data["id"], data["version"] = "province-variant", "2013.1"
    data["level1"] = data["level1"][:2]
    data["level1"][1]["children"][0]["indicators"].append(
        {"id": "2.1.9", "name": {"zh": "智慧停车", "en": "Smart parking"}, "provenance": "V"})
    path = _write(tmp_path, data)
    scheme = load_scheme(path)
    assert scheme.id == "province-variant" and len(scheme.indicators) == 11 + 17
    monkeypatch.setenv("SMARTCITY_SCHEME_DIR", str(tmp_path))
    assert "province-variant@2013.1" in {s.key for s in available_schemes()}


def test_syntax_error_reports_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n "format": "smartcity-scheme/1",\n "id": "x",,\n}', encoding="utf-8")
    with pytest.raises(SchemeError) as info:
        load_scheme(path)
    assert info.value.line == 3
    assert "broken.json:3" in str(info.value)


def test_bad_child_id_reports_location_and_line(tmp_path):
    data = json.loads(SCHEME_FILE.read_text(encoding="utf-8"))
    data["level1"][0]["children"][1]["indicators"][0]["id"] = "9.9.9"
    path = _write(tmp_path, data)
    with pytest.raises(SchemeError) as info:
        load_scheme(path)
    assert info.value.location == "/level1/0/children/1/indicators/0/id"
    assert info.value.line is not None
    assert path.read_text(encoding="utf-8").splitlines()[info.value.line - 1].strip().startswith('"id": "9.9.9"')


@pytest.mark.parametrize("mutate, location", [
    (lambda d: d.pop("conditions"), "/conditions"),
    (lambda d: d["level1"][0]["children"][0]["indicators"][0].update(provenance="X"),
     "/level1/0/children/0/indicators/0/provenance"),
    (lambda d: d["level1"][0].update(name={"en": "no chinese"}), "/level1/0/name"),
    (lambda d: d.update(format="other/1"), "/format"),
    (lambda d: d.update(indicator_fields=["colour"]), "/indicator_fields"),
])
def test_semantic_errors_name_their_location(tmp_path, mutate, location):
    data = json.loads(SCHEME_FILE.read_text(encoding="utf-8"))
    mutate(data)
    with pytest.raises(SchemeError) as info:
        load_scheme(_write(tmp_path, data))
    assert info.value.location == location


def test_not_utf8_and_not_object(tmp_path):
    bad = tmp_path / "gbk.json"
    bad.write_bytes("{\"名称\": 1}".encode("gbk"))
    with pytest.raises(SchemeError, match="UTF-8"):
        load_scheme(bad)
    arr = _write(tmp_path, [])  # type: ignore[arg-type]
    with pytest.raises(SchemeError):
        load_scheme(arr)
