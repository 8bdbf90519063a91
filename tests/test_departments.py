"""Departments (issue 14): split into work packages, the unit's edits, three-way merge, history.

The round trips use four real lead units of the demo dossier, by the program route (.scpart opened
and edited through the project file, as the GUI will) and the workbook route (cells edited with
openpyxl as a unit without the program would). Every refusal is checked to change nothing.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from smartcity_desktop.departments import (
    PackageEditRefused,
    assignment_for,
    guard,
    lead_units,
    merge_packages,
    read_package,
    split_dossier,
)
from smartcity_desktop.departments.merge import merge_text
from smartcity_desktop.export.workbook_layout import KIND_INDICATORS, KIND_PROJECTS
from smartcity_desktop.main import main
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.validate import validate

TRAFFIC, HEALTH, WATER, CITY = "区交通运输局", "区卫生局", "区水务局", "区城市管理局"
UNITS = (TRAFFIC, HEALTH, WATER, CITY)
T_TARGET = "indicators[3.3.1].target"  # 区交通运输局
H_MEASURES = "indicators[3.2.5].measures"  # 区卫生局
H_PROJECT = "projects[pd03b8f6c42]"
W_STATE = "indicators[2.2.1].current_state"  # 区水务局
C_TARGET = "indicators[2.1.2].target"  # 区城市管理局 (its indicator has an attachment)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def split(path: Path, out: Path, fmt: str = "scpart") -> dict[str, Path]:
    with ProjectFile.open(path) as pf:
        written = split_dossier(pf, out, units=UNITS, fmt=fmt, due="2026-12-31")
    return {unit: p for unit, p in zip(UNITS, written)}


def edit_package(path: Path, values: dict) -> None:
    """What the unit does in the program: open its package (the guard installed) and edit its fields."""
    with ProjectFile.open(path, author="卫生局张科员") as pkg:
        guard(pkg)
        pkg.apply(values, "typed")


def test_lead_units_and_assignment(demo_path):
    with ProjectFile.open(demo_path, readonly=True) as pf:
        values = pf.committed_values()
    units = lead_units(values)
    assert set(UNITS) <= set(units) and units == sorted(units)
    health = assignment_for(HEALTH, values)
    assert health.indicators == ("3.2.5",) and health.projects == ("pd03b8f6c42",)
    assert health.owns(H_MEASURES) and health.owns(f"{H_PROJECT}.funding[fiscal].amount_wan")
    assert not health.owns("indicators[3.2.5].lead_unit")  # the assignment itself
    assert not health.owns("indicators[3.2.5].documents")
    assert not health.owns(T_TARGET) and not health.owns("applicant.name")


def test_split_writes_one_small_project_file_per_unit(demo_path, tmp_path, capsys):
    code, out, _err = run(capsys, "split", str(demo_path), "--out", str(tmp_path / "pk"), "--due", "2026-12-31")
    assert code == 0
    paths = [Path(line) for line in out.splitlines()]
    with ProjectFile.open(demo_path, readonly=True) as pf:
        units = lead_units(pf.committed_values())
        dossier_values = pf.committed_values()
        dossier_id = pf.dossier_id
    assert sorted(p.name for p in paths) == sorted(f"{u}.scpart" for u in units)
    assert not [p for p in (tmp_path / "pk").iterdir() if p.name.startswith(".")]  # no temp files left
    with ProjectFile.open(tmp_path / "pk" / f"{CITY}.scpart", readonly=True) as pkg:
        manifest = guard(pkg)
        assert pkg.kind == "work_package" and pkg.dossier_id == dossier_id
        assert manifest is not None and manifest.unit == CITY and manifest.due == "2026-12-31"
        # the dossier's values for context, but only the unit's own attachments
        assert pkg.committed_values()["applicant.name"] == dossier_values["applicant.name"]
        assert [a.target for a in pkg.attachments()] == ["indicators[2.1.2].documents"]
        assert pkg.dossier.get("conditions[1].documents") is None
        assert manifest.base[C_TARGET] == dossier_values[C_TARGET]
    # the same command again never overwrites packages that may have come back
    code, _out, err = run(capsys, "split", str(demo_path), "--out", str(tmp_path / "pk"))
    assert code == 2 and "已存在" in err


def test_a_package_accepts_only_the_units_fields(demo_path, tmp_path, capsys):
    packages = split(demo_path, tmp_path / "pk")
    path = packages[HEALTH]
    before = path.read_bytes()
    with ProjectFile.open(path) as pkg:
        guard(pkg)
        for bad in ({"applicant.name": "改名"}, {T_TARGET: "别人的指标"}, {"indicators[3.2.5].lead_unit": "区教育局"},
                    {"projects[pnew0000001].lead_unit": "区教育局"}):
            with pytest.raises(PackageEditRefused):
                pkg.apply(bad, "typed")
        with pytest.raises(PackageEditRefused):
            pkg.set("applicant.name", "改名")
        with pytest.raises(PackageEditRefused):
            pkg.add_attachment("indicators[3.2.5].documents", b"x", name="x.txt")
        # its own fields and a new project of its own are fine
        pkg.apply({H_MEASURES: "单位改写", f"{H_PROJECT}.investment_wan": 5400,
                   "projects[pnew0000001].name": "新增：互联网医院", "projects[pnew0000001].lead_unit": HEALTH}, "typed")
    assert path.read_bytes() != before
    # the command line: an import touching another unit's field is refused, exit 1, nothing changed
    source = tmp_path / "other.json"
    source.write_text(json.dumps({T_TARGET: "越权", H_MEASURES: "再改"}, ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()
    code, _out, err = run(capsys, "import", str(path), str(source))
    assert code == 1 and "3.3.1" in err and path.read_bytes() == before


def _lead_office_edits(path: Path) -> None:
    """Meanwhile the lead office edits the dossier: one field alone, one the unit also edits (a
    conflict) and one text the unit edits elsewhere in the sentence (merged)."""
    with ProjectFile.open(path) as pf:
        pf.apply({T_TARGET: "牵头办改写的交通目标", W_STATE: "牵头办：" + pf.dossier.get(W_STATE),
                  "indicators[3.2.5].deadline": "2016-06"}, "typed")


def test_round_trip_four_units_program_route(demo_path, tmp_path, capsys):
    packages = split(demo_path, tmp_path / "pk")
    with ProjectFile.open(demo_path, readonly=True) as pf:
        original = pf.committed_values()
    edit_package(packages[TRAFFIC], {T_TARGET: "交通局的目标"})  # conflicts with the lead office
    edit_package(packages[HEALTH], {H_MEASURES: "卫生局重写的措施", f"{H_PROJECT}.investment_wan": 6000,
                                    f"{H_PROJECT}.funding[fiscal].amount_wan": 6000,
                                    "projects[p00new0health].name": "互联网医院平台",
                                    "projects[p00new0health].order": 99,
                                    "projects[p00new0health].investment_wan": 800})
    edit_package(packages[WATER], {W_STATE: original[W_STATE] + "2013年已建成水务数据中心。"})
    # 区城市管理局 sends its package back unchanged
    _lead_office_edits(demo_path)

    code, out, err = run(capsys, "merge", str(demo_path), *(str(packages[u]) for u in UNITS), "--json")
    assert code == 1, err  # one conflict left
    report = {p["unit"]: p for p in json.loads(out)["packages"]}
    assert report[TRAFFIC]["conflicts"] == [{"key": T_TARGET, "base": original[T_TARGET], "ours": "牵头办改写的交通目标",
                                             "theirs": "交通局的目标"}]
    assert report[TRAFFIC]["taken"] == []
    assert H_MEASURES in report[HEALTH]["taken"] and f"{H_PROJECT}.investment_wan" in report[HEALTH]["taken"]
    assert "indicators[3.2.5].deadline" in report[HEALTH]["kept"]  # changed only by the lead office
    assert report[WATER]["taken"] == [W_STATE]  # both edited the text, in different places: merged
    assert report[CITY] == {"package": f"{CITY}.scpart", "unit": CITY, "taken": [], "kept": [], "conflicts": []}

    with ProjectFile.open(demo_path) as pf:
        values = pf.committed_values()
        assert values[H_MEASURES] == "卫生局重写的措施"
        assert values[W_STATE] == "牵头办：" + original[W_STATE] + "2013年已建成水务数据中心。"
        assert values[T_TARGET] == "牵头办改写的交通目标"  # ours stays until decided
        assert values["indicators[3.2.5].deadline"] == "2016-06"
        assert values["projects[p00new0health].name"] == "互联网医院平台"
        assert values["projects[p00new0health].lead_unit"] == HEALTH  # a new project is the unit's
        assert values["projects[p00new0health].order"] == max(
            v for k, v in original.items() if k.endswith("].order")) + 1
        last = pf.changes(H_MEASURES)[0]
        assert (last.source, last.unit, last.author) == (f"merge:{HEALTH}.scpart", HEALTH, "卫生局张科员")
        # an unresolved conflict is a validation error (so `package` refuses)
        assert any(f.rule == "merge.conflict" and f.key == T_TARGET and f.severity == "error"
                   for f in validate(pf.dossier))
        versions_before = len(pf.versions())

    code, _out, err = run(capsys, "package", str(demo_path), "--out", str(tmp_path / "申报包"))
    assert code == 1 and not (tmp_path / "申报包").exists()  # the conflict blocks the submission package

    # idempotent: the same packages again change nothing (and make no new safety version)
    before = {k: v for k, v in values.items()}
    code, out, _err = run(capsys, "merge", str(demo_path), *(str(packages[u]) for u in UNITS), "--json")
    assert code == 1
    again = {p["unit"]: p for p in json.loads(out)["packages"]}
    assert again[HEALTH]["taken"] == [] and again[WATER]["taken"] == []
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert pf.committed_values() == before and len(pf.versions()) == versions_before

    # decided with --prefer theirs: the unit's value, the conflict gone
    code, _out, _err = run(capsys, "merge", str(demo_path), str(packages[TRAFFIC]), "--prefer", "theirs")
    assert code == 0
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert pf.dossier.get(T_TARGET) == "交通局的目标"
        assert not any(f.rule == "merge.conflict" for f in validate(pf.dossier))
    # the automatic safety version made before the first merge brings the dossier back
    with ProjectFile.open(demo_path) as pf:
        first_merge = min(v.id for v in pf.versions() if v.automatic and "合并前" in v.name)
        pf.restore_version(first_merge)
        assert pf.dossier.get(H_MEASURES) == original[H_MEASURES]


def test_conflicts_listed_and_decided_one_by_one(demo_path, tmp_path):
    """The core calls the GUI's conflict view will use: list, then decide per field."""
    from smartcity_desktop.departments.merge import open_conflicts, resolve_conflicts

    packages = split(demo_path, tmp_path / "pk")
    edit_package(packages[TRAFFIC], {T_TARGET: "交通局的目标", "indicators[3.3.1].measures": "交通局的措施"})
    with ProjectFile.open(demo_path) as pf:
        pf.apply({T_TARGET: "牵头办的目标", "indicators[3.3.1].measures": "牵头办的措施"}, "typed")
        merge_packages(pf, [read_package(packages[TRAFFIC])])
        listed = open_conflicts(pf)
        assert [(c["key"], c["ours"], c["theirs"], c["unit"]) for c in listed] == [
            (T_TARGET, "牵头办的目标", "交通局的目标", TRAFFIC),
            ("indicators[3.3.1].measures", "牵头办的措施", "交通局的措施", TRAFFIC)]
        assert resolve_conflicts(pf, [T_TARGET], "theirs") == {T_TARGET: "交通局的目标"}
        assert resolve_conflicts(pf, ["indicators[3.3.1].measures"], "ours") == {}
        assert open_conflicts(pf) == [] and not pf.dossier.conflict_keys
        assert pf.dossier.get("indicators[3.3.1].measures") == "牵头办的措施"
        assert pf.changes(T_TARGET)[0].unit == TRAFFIC
        # decided: the same package again raises no conflict
        assert merge_packages(pf, [read_package(packages[TRAFFIC])]).conflicts == 0


def test_prefer_ours_decides_for_the_dossier(demo_path, tmp_path, capsys):
    packages = split(demo_path, tmp_path / "pk")
    edit_package(packages[TRAFFIC], {T_TARGET: "交通局的目标"})
    _lead_office_edits(demo_path)
    code, out, _err = run(capsys, "merge", str(demo_path), str(packages[TRAFFIC]), "--prefer", "ours", "--json")
    assert code == 0
    assert json.loads(out)["packages"][0]["kept"] == [T_TARGET]
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert pf.dossier.get(T_TARGET) == "牵头办改写的交通目标" and not pf.dossier.conflict_keys
    # decided: merging the same package again does not raise the conflict again
    code, out, _err = run(capsys, "merge", str(demo_path), str(packages[TRAFFIC]), "--json")
    assert code == 0 and json.loads(out)["packages"][0]["conflicts"] == []


def test_round_trip_four_units_workbook_route(demo_path, tmp_path, capsys):
    packages = split(demo_path, tmp_path / "pk", fmt="xlsx")
    assert sorted(p.name for p in packages.values()) == sorted(f"{u}.xlsx" for u in UNITS)
    readme = openpyxl.load_workbook(packages[HEALTH]).worksheets[0]  # says whose it is, what to fill, how it goes back
    note = next(c.value for row in readme.iter_rows() for c in row if isinstance(c.value, str) and "部门工作包" in c.value)
    assert HEALTH in note and "3.2.5" in note and "2026-12-31" in note
    with ProjectFile.open(demo_path, readonly=True) as pf:
        original = pf.committed_values()

    def edit(unit: str, cells: dict[tuple[str, str, str], object]) -> None:
        wb = openpyxl.load_workbook(packages[unit])
        for (kind, owner, field), value in cells.items():
            ws = next(w for w in wb.worksheets if w["A1"].value == kind)
            col = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == field)
            if owner:
                row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == owner)
            else:  # a blank row of the projects sheet: a new project
                row = next(r for r in range(3, ws.max_row) if ws.cell(r, 1).value is None)
            ws.cell(row, col).value = value
        wb.save(packages[unit])

    edit(TRAFFIC, {(KIND_INDICATORS, "indicators[3.3.1]", "target"): "交通局的目标"})
    edit(HEALTH, {(KIND_INDICATORS, "indicators[3.2.5]", "measures"): "卫生局重写的措施"})
    edit(WATER, {(KIND_PROJECTS, "", "name"): "水务局新增：智慧排水", (KIND_PROJECTS, "", "lead_unit"): WATER,
                 (KIND_PROJECTS, "", "investment_wan"): 300})
    _lead_office_edits(demo_path)

    code, out, err = run(capsys, "merge", str(demo_path), *(str(packages[u]) for u in UNITS), "--json")
    assert code == 1, err
    report = {p["unit"]: p for p in json.loads(out)["packages"]}
    assert [c["key"] for c in report[TRAFFIC]["conflicts"]] == [T_TARGET]
    assert report[HEALTH]["taken"] == [H_MEASURES]
    new_keys = report[WATER]["taken"]
    assert any(k.endswith("].name") for k in new_keys) and all(k.startswith("projects[") for k in new_keys)
    assert report[CITY]["taken"] == [] and report[CITY]["conflicts"] == []
    with ProjectFile.open(demo_path, readonly=True) as pf:
        values = pf.committed_values()
        assert values[H_MEASURES] == "卫生局重写的措施"
        new_names = [k for k in values if k.endswith("].name") and values[k] == "水务局新增：智慧排水"]
        assert len(new_names) == 1 and values[new_names[0].replace(".name", ".lead_unit")] == WATER
        assert values[W_STATE] == "牵头办：" + original[W_STATE]
    # the same workbook again adds nothing (the new project's id is stable)
    code, out, _err = run(capsys, "merge", str(demo_path), str(packages[WATER]), "--json")
    assert code == 0 and json.loads(out)["packages"][0]["taken"] == []
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert pf.committed_values() == values
    # a package workbook is merged, never imported as a plain workbook
    before = demo_path.read_bytes()
    code, _out, err = run(capsys, "import", str(demo_path), str(packages[HEALTH]))
    assert code == 1 and "merge" in err and demo_path.read_bytes() == before


def test_a_workbook_edit_outside_the_unit_is_refused(demo_path, tmp_path, capsys):
    packages = split(demo_path, tmp_path / "pk", fmt="xlsx")
    wb = openpyxl.load_workbook(packages[HEALTH])
    ws = next(w for w in wb.worksheets if w["A1"].value == KIND_INDICATORS)
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == "target")
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "indicators[3.3.1]")
    ws.cell(row, col).value = "越权修改交通局的目标"
    wb.save(packages[HEALTH])
    before = demo_path.read_bytes()
    code, _out, err = run(capsys, "merge", str(demo_path), str(packages[HEALTH]))
    assert code == 1 and "3.3.1" in err and demo_path.read_bytes() == before


def test_foreign_and_hostile_packages_change_nothing(demo_path, tmp_path, capsys):
    packages = split(demo_path, tmp_path / "pk")
    second = tmp_path / "second.scdossier"  # another dossier (its own id)
    assert run(capsys, "demo-file", str(second))[0] == 0
    before = second.read_bytes()
    code, _out, err = run(capsys, "merge", str(second), str(packages[HEALTH]))
    assert code == 2 and "另一份卷宗" in err and second.read_bytes() == before

    def tampered(name: str, sql: str, *args: object) -> Path:
        path = tmp_path / name
        shutil.copyfile(packages[HEALTH], path)
        conn = sqlite3.connect(path)
        conn.execute(sql, args)
        conn.commit()
        conn.close()
        return path

    header = json.loads(sqlite3.connect(packages[HEALTH]).execute(
        "SELECT data FROM departments WHERE key = 'package'").fetchone()[0])
    wider = dict(header, indicators=[*header["indicators"], "3.3.1"])
    newer = dict(header, format=99)
    base_row = sqlite3.connect(packages[HEALTH]).execute(
        "SELECT key, data FROM departments WHERE key LIKE 'base:%' AND data LIKE ?", (f"%{H_MEASURES}%",)).fetchone()
    base = json.loads(base_row[1])
    base[H_MEASURES] = "被改过的基准"
    cases = {
        "wider.scpart": (tampered("wider.scpart", "UPDATE departments SET data = ? WHERE key = 'package'",
                                  json.dumps(wider, ensure_ascii=False)), 2, "签名不符"),
        "base.scpart": (tampered("base.scpart", "UPDATE departments SET data = ? WHERE key = ?",
                                 json.dumps(base, ensure_ascii=False), base_row[0]), 2, "签名不符"),
        "outside.scpart": (tampered("outside.scpart", "UPDATE fields SET value = ? WHERE key = ?",
                                    json.dumps("越权"), "applicant.name"), 1, "applicant.name"),
        "newer.scpart": (tampered("newer.scpart", "UPDATE departments SET data = ? WHERE key = 'package'",
                                  json.dumps(newer)), 2, "更新版本"),
        "nomanifest.scpart": (tampered("nomanifest.scpart", "DELETE FROM departments"), 2, "不是完好的工作包"),
    }
    truncated = tmp_path / "truncated.scpart"
    truncated.write_bytes(packages[HEALTH].read_bytes()[:5000])
    cases["truncated.scpart"] = (truncated, 2, "")
    as_package = tmp_path / "dossier-as-package.scpart"
    shutil.copyfile(second, as_package)
    cases["dossier"] = (as_package, 2, "是卷宗")
    before = demo_path.read_bytes()
    for name, (path, expected, words) in cases.items():
        code, _out, err = run(capsys, "merge", str(demo_path), str(packages[WATER]), str(path))
        assert code == expected, (name, err)
        assert words in err, (name, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert demo_path.read_bytes() == before, name  # nothing merged, not even the sound package


def test_encrypted_dossier_gives_encrypted_packages(tmp_path, scheme, monkeypatch, capsys):
    monkeypatch.setenv("SMARTCITY_PASSPHRASE", "correct horse battery")
    path = tmp_path / "secret.scdossier"
    with ProjectFile.create(path, scheme, passphrase="correct horse battery",
                            values={"applicant.name": "保密区", "indicators[1.1.1].lead_unit": "区发改局",
                                    "indicators[1.1.1].target": "机密目标甲"}):
        pass
    code, out, _err = run(capsys, "split", str(path), "--out", str(tmp_path / "pk"))
    assert code == 0
    package = Path(out.strip())
    assert "机密目标甲".encode() not in package.read_bytes() and "区发改局".encode() not in package.read_bytes()
    edit_package(package, {"indicators[1.1.1].target": "机密目标乙"})
    code, _out, err = run(capsys, "merge", str(path), str(package))
    assert code == 0, err
    raw = path.read_bytes()
    assert "机密目标乙".encode() not in raw and "区发改局".encode() not in raw and b"scpart" not in raw
    code, out, _err = run(capsys, "history", str(path), "indicators[1.1.1].target", "--json")
    newest = json.loads(out)["changes"][0]
    assert (newest["new"], newest["unit"], newest["source"]) == ("机密目标乙", "区发改局", "merge:区发改局.scpart")


def test_history_lists_who_changed_what(demo_path, tmp_path, capsys):
    source = tmp_path / "部门.json"
    source.write_text(json.dumps({"profile.gdp": 123.4}), encoding="utf-8")
    assert run(capsys, "import", str(demo_path), str(source))[0] == 0
    code, out, _err = run(capsys, "history", str(demo_path), "profile.gdp")
    assert code == 0
    first = out.splitlines()[0].split("\t")
    assert first[2:5] == ["-", "import:部门.json", "profile.gdp"] and first[5] == "123.4"
    code, out, _err = run(capsys, "history", str(demo_path), "--json")
    changes = json.loads(out)["changes"]
    assert set(changes[0]) == {"key", "changed_at", "author", "unit", "source", "old", "new"}


@pytest.mark.parametrize(("base", "ours", "theirs", "expected"), [
    ("建设交通信息平台。覆盖主要道路。", "建设综合交通信息平台。覆盖主要道路。", "建设交通信息平台。覆盖主要道路和公交线路。",
     "建设综合交通信息平台。覆盖主要道路和公交线路。"),
    ("建设交通信息平台。覆盖主要道路。", "建设交通信息平台。覆盖全部道路。", "建设交通信息平台。覆盖部分道路。", None),
    ("建设交通信息平台。", "", "建设交通信息平台。新增一句。", None),
])
def test_text_merge_on_chinese(base, ours, theirs, expected):
    assert merge_text(base, ours, theirs) == expected


def test_split_and_merge_arguments(demo_path, tmp_path, capsys):
    assert run(capsys, "split", str(demo_path), "--out", str(tmp_path / "x"), "--format", "pdf")[0] == 2
    assert run(capsys, "split", str(demo_path), "--out", str(tmp_path / "x"), "--due", "明年")[0] == 2
    assert run(capsys, "merge", str(demo_path), str(tmp_path / "missing.scpart"))[0] == 2
    packages = split(demo_path, tmp_path / "pk")
    code, _out, err = run(capsys, "merge", str(packages[HEALTH]), str(packages[WATER]))
    assert code == 2 and "工作包" in err


def test_rekeying_reseals_history_and_merge_state(tmp_path, scheme):
    """passwd / decrypt rewrite every sealed row: the change log's detail and the departments rows too."""
    from smartcity_desktop.store.rekey import change_passphrase, decrypt_dossier

    path = tmp_path / "k.scdossier"
    with ProjectFile.create(path, scheme, passphrase="first passphrase") as pf:
        pf.merge_apply({"profile.gdp": 7}, {"profile.gdp": "merge:区统计局.scpart"}, {"profile.gdp": "区统计局"},
                       {"conflict:profile.population": {"base": 1, "theirs": 2}}, "区统计局.scpart")
        change_passphrase(pf, "second passphrase")
    with ProjectFile.open(path, passphrase="second passphrase") as pf:
        assert (pf.changes("profile.gdp")[0].unit, pf.changes("profile.gdp")[0].source) == (
            "区统计局", "merge:区统计局.scpart")
        assert pf.department_state("conflict:") == {"conflict:profile.population": {"base": 1, "theirs": 2}}
        assert pf.dossier.conflict_keys == {"profile.population"}
        decrypt_dossier(pf)
    with ProjectFile.open(path) as pf:
        assert pf.changes("profile.gdp")[0].unit == "区统计局"
        assert pf.department_state("conflict:")["conflict:profile.population"]["theirs"] == 2


def test_units_whose_names_make_one_file_name_get_two_files(tmp_path, scheme, capsys):
    path = tmp_path / "d.scdossier"
    with ProjectFile.create(path, scheme, values={"indicators[1.1.1].lead_unit": "区卫生/健康局",
                                                  "indicators[1.1.2].lead_unit": "区卫生_健康局"}):
        pass
    code, out, _err = run(capsys, "split", str(path), "--out", str(tmp_path / "pk"))
    assert code == 0
    written = [Path(line) for line in out.splitlines()]
    assert len({p.name for p in written}) == 2 and all(p.is_file() for p in written)
    units = set()
    for package in written:
        with ProjectFile.open(package, readonly=True) as pkg:
            manifest = guard(pkg)
            assert manifest is not None
            units.add(manifest.unit)
    assert units == {"区卫生/健康局", "区卫生_健康局"}


def _smash_a_page_of(path: Path, table: str) -> None:
    """Damage the file as the recover tests do (a page header overwritten), on a page of ``table`` only."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pgno = conn.execute("SELECT max(pageno) FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,)).fetchone()[0]
    conn.close()
    raw = bytearray(path.read_bytes())
    raw[(pgno - 1) * page_size:(pgno - 1) * page_size + 8] = b"\xff" * 8
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("passphrase", [None, "recover passphrase"])
def test_a_package_split_before_the_damage_merges_into_the_salvaged_dossier(demo_path, tmp_path, capsys,
                                                                            monkeypatch, passphrase):
    """recover carries the departments rows: the signing secret (a package split before the damage is taken),
    what a package already brought (merging it again changes nothing) and open conflicts; sealed rows of an
    encrypted dossier are sealed again in the new file."""
    from smartcity_desktop.departments.merge import open_conflicts
    from smartcity_desktop.store import DamagedFile
    from smartcity_desktop.store.recover import salvage

    if passphrase:
        from smartcity_desktop.store.rekey import encrypt_dossier

        monkeypatch.setenv("SMARTCITY_PASSPHRASE", passphrase)  # the CLI's merge opens the encrypted files
        with ProjectFile.open(demo_path) as pf:
            encrypt_dossier(pf, passphrase)
    packages = split(demo_path, tmp_path / "pk")
    edit_package(packages[HEALTH], {H_MEASURES: "卫生局重写的措施"})
    with ProjectFile.open(demo_path, readonly=True, passphrase=passphrase) as pf:
        water = pf.dossier.get(W_STATE) + "2013年已建成水务数据中心。"
    edit_package(packages[WATER], {W_STATE: water})
    edit_package(packages[TRAFFIC], {T_TARGET: "交通局的目标"})
    _lead_office_edits(demo_path)  # T_TARGET changed on both sides: a conflict
    assert run(capsys, "merge", str(demo_path), str(packages[WATER]), str(packages[TRAFFIC]))[0] == 1
    with ProjectFile.open(demo_path, readonly=True, passphrase=passphrase) as pf:
        rows = len(pf.department_state())
        merged_water = pf.dossier.get(W_STATE)
    assert merged_water == "牵头办：" + water  # text merge of both edits

    _smash_a_page_of(demo_path, "changes")
    with pytest.raises(DamagedFile):
        ProjectFile.open(demo_path, readonly=True)
    saved = tmp_path / "saved.scdossier"
    report = salvage(demo_path, saved, passphrase=passphrase)
    assert (report.departments, report.departments_lost) == (rows, 0)
    assert "部门分发与合并记录" in report.text()
    if passphrase:
        assert "卫生局".encode() not in saved.read_bytes()  # the rows are sealed again, never in the clear

    code, out, err = run(capsys, "merge", str(saved), str(packages[HEALTH]), str(packages[WATER]), "--json")
    assert code == 0, err
    result = {p["unit"]: p for p in json.loads(out)["packages"]}
    assert result[HEALTH]["taken"] == [H_MEASURES]  # signed with the carried secret: taken as before
    assert result[WATER]["taken"] == []  # already merged before the damage: remembered
    with ProjectFile.open(saved, readonly=True, passphrase=passphrase) as pf:
        assert pf.dossier.get(H_MEASURES) == "卫生局重写的措施" and pf.dossier.get(W_STATE) == merged_water
        assert [c["key"] for c in open_conflicts(pf)] == [T_TARGET]


def test_recover_counts_a_damaged_departments_row_and_never_guesses_it(demo_path, tmp_path):
    from smartcity_desktop.store.recover import salvage

    split(demo_path, tmp_path / "pk")
    with ProjectFile.open(demo_path) as pf:
        pf.set_department_state({"handout:区卫生局": {"due": "2026-12-31", "route": "scpart"}})
        kept = {k: v for k, v in pf.department_state().items() if k != "secret"}
    conn = sqlite3.connect(demo_path, isolation_level=None)
    conn.execute("UPDATE departments SET data = substr(data, 1, 20) WHERE key = 'secret'")  # cut: not JSON
    conn.close()
    report = salvage(demo_path, tmp_path / "saved.scdossier")
    assert (report.departments, report.departments_lost) == (len(kept), 1)
    with ProjectFile.open(report.dest, readonly=True) as pf:
        assert pf.department_state() == kept  # no secret: the next split makes a new one (its packages re-split)


@pytest.mark.parametrize("passphrase", [None, "recover passphrase"])
def test_a_salvaged_work_package_is_the_units_package_again_and_merges(demo_path, tmp_path, capsys, monkeypatch,
                                                                       passphrase):
    """recover keeps a damaged .scpart a work package (kind, dossier id, manifest re-sealed): it opens with the
    unit's edit scope and the unit's edits are taken by the dossier it came from."""
    from smartcity_desktop.store import DamagedFile
    from smartcity_desktop.store.recover import salvage

    if passphrase:
        from smartcity_desktop.store.rekey import encrypt_dossier

        monkeypatch.setenv("SMARTCITY_PASSPHRASE", passphrase)
        with ProjectFile.open(demo_path) as pf:
            encrypt_dossier(pf, passphrase)
    packages = split(demo_path, tmp_path / "pk")
    edit_package(packages[CITY], {C_TARGET: "城管局改写的目标"})
    with ProjectFile.open(packages[CITY], readonly=True, passphrase=passphrase) as pkg:
        dossier_id, attachments = pkg.dossier_id, len(pkg.attachments())
    assert attachments  # the unit's own attachment travels in its package

    _smash_a_page_of(packages[CITY], "changes")
    with pytest.raises(DamagedFile):
        ProjectFile.open(packages[CITY], readonly=True)
    saved = tmp_path / "saved.scpart"
    report = salvage(packages[CITY], saved, passphrase=passphrase)
    assert report.departments_lost == 0 and report.attachments == attachments
    assert f"这是“{CITY}”的部门工作包，恢复后仍可交回牵头部门合并。" in report.text()
    if passphrase:  # the manifest and the values sealed again (the unit's name is only in recovered_from's path)
        raw = saved.read_bytes()
        assert "城管局改写的目标".encode() not in raw and b'"unit"' not in raw
        assert raw.count(CITY.encode()) == 1 and str(packages[CITY]).encode() in raw

    with ProjectFile.open(saved, passphrase=passphrase) as pkg:
        assert pkg.kind == "work_package" and pkg.dossier_id == dossier_id
        manifest = guard(pkg)
        assert manifest is not None and manifest.unit == CITY
        assert pkg.dossier.get(C_TARGET) == "城管局改写的目标"
        with pytest.raises(PackageEditRefused):  # the unit's edit scope holds in the salvaged package
            pkg.apply({T_TARGET: "城管局改别人的"}, "typed")
        pkg.apply({C_TARGET: "城管局恢复后再改的目标"}, "typed")

    code, out, err = run(capsys, "merge", str(demo_path), str(saved), "--json")
    assert code == 0, err
    (result,) = json.loads(out)["packages"]
    assert (result["unit"], result["taken"], result["conflicts"]) == (CITY, [C_TARGET], [])
    with ProjectFile.open(demo_path, readonly=True, passphrase=passphrase) as pf:
        assert pf.dossier.get(C_TARGET) == "城管局恢复后再改的目标"


def test_a_work_package_whose_manifest_was_damaged_is_salvaged_as_a_plain_dossier(demo_path, tmp_path, capsys):
    """The manifest is never guessed: a lost manifest row gives a plain dossier (a new id), and the report
    says it can no longer be handed back; the merge refuses it as not a package."""
    from smartcity_desktop.store.recover import salvage

    packages = split(demo_path, tmp_path / "pk")
    edit_package(packages[CITY], {C_TARGET: "城管局改写的目标"})
    with ProjectFile.open(packages[CITY], readonly=True) as pkg:
        dossier_id = pkg.dossier_id
    _smash_a_page_of(packages[CITY], "departments")
    saved = tmp_path / "saved.scpart"
    report = salvage(packages[CITY], saved)
    assert report.departments_lost >= 1
    assert "分工信息已损坏（不作猜测），已恢复为普通卷宗，不能再交回合并" in report.text()
    with ProjectFile.open(saved, readonly=True) as pf:
        assert pf.kind == "dossier" and pf.dossier_id != dossier_id
        assert guard(pf) is None and pf.department_state() == {}
        assert pf.dossier.get(C_TARGET) == "城管局改写的目标"  # the unit's work is kept, to hand over otherwise
    before = demo_path.read_bytes()
    code, _out, err = run(capsys, "merge", str(demo_path), str(saved))
    assert code == 2 and "不是部门工作包" in err
    assert demo_path.read_bytes() == before


def test_a_salvaged_package_puts_back_a_lost_value_of_the_unit_and_refuses_a_lost_one_of_another(
        demo_path, tmp_path, capsys):
    """A lost row of the unit's own field cannot be told from one it cleared: the base (the value at split) is
    put back, never a deletion the merge would take. A lost value of another unit's field no longer matches the
    manifest (the merge would refuse the package): a plain dossier, said so."""
    from smartcity_desktop.store.recover import salvage

    packages = split(demo_path, tmp_path / "pk")
    with ProjectFile.open(demo_path, readonly=True) as pf:
        base_measures = pf.dossier.get(H_MEASURES)
    edit_package(packages[HEALTH], {H_MEASURES: "卫生局重写的措施", f"{H_PROJECT}.name": "卫生局改名的项目"})
    conn = sqlite3.connect(packages[HEALTH], isolation_level=None)
    conn.execute("UPDATE fields SET value = '{damaged' WHERE key = ?", (H_MEASURES,))
    conn.close()
    saved = tmp_path / "saved.scpart"
    report = salvage(packages[HEALTH], saved)
    assert report.values_lost == 1
    assert "本单位有 1 项内容无法恢复，已按拆分时的内容填回" in report.text()
    with ProjectFile.open(saved, readonly=True) as pkg:
        assert pkg.kind == "work_package" and pkg.dossier.get(H_MEASURES) == base_measures
    code, out, err = run(capsys, "merge", str(demo_path), str(saved), "--json")
    assert code == 0, err
    (result,) = json.loads(out)["packages"]
    assert result["taken"] == [f"{H_PROJECT}.name"]  # the measures stay the dossier's: nothing erased
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert pf.dossier.get(H_MEASURES) == base_measures

    conn = sqlite3.connect(packages[HEALTH], isolation_level=None)
    conn.execute("UPDATE fields SET value = '{damaged' WHERE key = ?", (T_TARGET,))  # another unit's value
    conn.close()
    report = salvage(packages[HEALTH], tmp_path / "saved2.scpart")
    assert "其他单位的 1 项内容无法恢复，已恢复为普通卷宗，不能再交回合并" in report.text()
    with ProjectFile.open(report.dest, readonly=True) as pf:
        assert pf.kind == "dossier" and pf.dossier.get(f"{H_PROJECT}.name") == "卫生局改名的项目"
