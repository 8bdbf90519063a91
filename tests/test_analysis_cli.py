"""``analyze FILE [--json]``: the DESIGN.md shape, exit 0 when it ran (findings are advice), 2 unreadable."""
from __future__ import annotations

import json

from smartcity_desktop.analysis import dismissal_key
from smartcity_desktop.main import main
from smartcity_desktop.store import ProjectFile


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_json_shape_and_no_findings(demo_path, capsys, scheme):
    code, out, err = run(capsys, "analyze", demo_path, "--json")
    data = json.loads(out)
    assert code == 0 and err == ""
    assert "不是官方" in data["note"]
    assert data["findings"] == []
    level2 = [l2 for l1 in scheme.level1 for l2 in l1.children]
    assert [r["id"] for r in data["readiness"]] == [l2.id for l2 in level2]
    assert {"id", "name", "ready", "partial", "none", "unset"} <= set(data["readiness"][0])
    assert len(data["coverage"]) == len(scheme.indicators)
    assert {"id", "name", "readiness", "amount_wan", "projects"} <= set(data["coverage"][0])


def test_findings_are_advice_exit_0_and_dismissal_is_kept(demo_path, capsys):
    with ProjectFile.open(demo_path) as pf:
        pf.set("profile.overview", pf.dossier.get("profile.overview").replace("425.6亿元", "452.6亿元"))
        pf.flush()
    code, out, _ = run(capsys, "analyze", demo_path, "--json")
    data = json.loads(out)
    assert code == 0
    assert [(f["kind"], f["key"]) for f in data["findings"]] == [("figure_mismatch", "profile.overview")]
    assert "452.6亿元" in data["findings"][0]["message"]
    code, out, _ = run(capsys, "analyze", demo_path)
    assert code == 0 and "profile.overview" in out and "不是官方" in out
    with ProjectFile.open(demo_path) as pf:
        pf.set(dismissal_key(data["findings"][0]["id"]), "统计口径不同")
        pf.flush()
    code, out, _ = run(capsys, "analyze", demo_path, "--json")
    data = json.loads(out)
    assert data["findings"] == [] and data["dismissed"][0]["dismissed_reason"] == "统计口径不同"


def test_unreadable_file_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.scdossier"
    bad.write_bytes(b"not a dossier")
    code, out, err = run(capsys, "analyze", bad)
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err


def test_dismissal_key_goes_through_import_and_dump(demo_path, tmp_path, capsys):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"analysis.dismissed[figure_mismatch-0123456789].reason": "口径不同"}), encoding="utf-8")
    code, _out, _err = run(capsys, "import", demo_path, good)
    assert code == 0
    code, out, _err = run(capsys, "dump", demo_path)
    assert json.loads(out)["analysis.dismissed[figure_mismatch-0123456789].reason"] == "口径不同"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"analysis.dismissed[../../x].reason": "x"}), encoding="utf-8")
    code, _out, err = run(capsys, "import", demo_path, bad)
    assert code == 1 and "analysis.dismissed" in err and err.count("\n") == 1
