"""The provinces as data (model/provinces.py) and the command line keeping the official name."""
from __future__ import annotations

import json

from smartcity_desktop.cli import main
from smartcity_desktop.model.provinces import PROVINCES, find_province


def test_every_division_is_found_by_each_of_its_names() -> None:
    for p in PROVINCES:
        for typed in (p.name, p.short, p.en, p.en.upper(), f" {p.short} "):
            assert find_province(typed) == p, typed
    assert [p.code for p in PROVINCES] == sorted(p.code for p in PROVINCES)  # GB/T 2260 order


def test_new_keeps_the_official_province_name(tmp_path, capsys) -> None:
    path = tmp_path / "青石镇.scdossier"
    assert main(["new", str(path), "--name", "青石镇", "--level", "town", "--province", "Zhejiang"]) == 0
    capsys.readouterr()
    assert main(["dump", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["applicant.province"] == "浙江省"
    other = tmp_path / "demo.scdossier"  # a name that is none of the 34 (a fictional demo) is kept as typed
    assert main(["new", str(other), "--name", "滨湖区", "--level", "district", "--province", "江东省"]) == 0
    capsys.readouterr()
    assert main(["dump", str(other)]) == 0
    assert json.loads(capsys.readouterr().out)["applicant.province"] == "江东省"
