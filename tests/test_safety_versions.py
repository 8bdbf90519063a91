"""Automatic safety versions (issue 9): every import and every restore first keeps the state before it as
a version that one restore brings back; only the newest automatic ones are kept, named ones never pruned."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from smartcity_desktop.cli import main
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.store.safety import (
    MAX_AUTOMATIC,
    automatic_ids,
    safety_name,
    to_prune,
)


def test_import_keeps_the_state_before_as_an_automatic_version(empty_path: Path) -> None:
    with ProjectFile.open(empty_path) as pf:
        before = pf.dossier.values()
        done = pf.import_json({"applicant.name": "新名字", "profile.gdp": 12.5}, source="import:部门.json")
        assert set(done) == {"applicant.name", "profile.gdp"}
        vid = pf.last_safety_version
        info = pf.version(vid)
        assert info.automatic and not info.final
        assert info.name.startswith("导入前自动保存 ") and "（部门.json）" in info.name
        assert pf.version_values(vid) == before
        pf.restore_version(vid)  # one action takes the import back
        assert pf.dossier.values() == before
    with ProjectFile.open(empty_path, readonly=True) as pf:  # and it was committed, not only in memory
        assert pf.dossier.values() == before
        assert [v.automatic for v in pf.versions()] == [True, True]


def test_refused_or_empty_imports_make_no_version(empty_path: Path) -> None:
    with ProjectFile.open(empty_path) as pf:
        with pytest.raises(SmartcityError):
            pf.import_json({"applicant.name": "新", "profile.population": -1}, source="import:x.json")
        assert pf.import_json({"applicant.name": pf.dossier.get("applicant.name")}, source="import:x.json") == {}
        assert pf.versions() == [] and pf.last_safety_version is None


def test_restore_keeps_the_state_before_and_can_itself_be_undone(empty_path: Path) -> None:
    with ProjectFile.open(empty_path) as pf:
        named = pf.create_version("初稿")
        pf.set("applicant.leader", "张三")
        pf.flush()
        edited = pf.dossier.values()
        pf.restore_version(named)
        safety = pf.last_safety_version
        assert pf.dossier.get("applicant.leader") is None
        info = pf.version(safety)
        assert info.automatic and info.name.startswith("恢复前自动保存 ") and f"版本 {named}" in info.name
        pf.restore_version(safety)  # "撤销这次恢复"
        assert pf.dossier.values() == edited
        assert not pf.version(named).automatic
        pf.restore_version(pf.last_safety_version)
        assert pf.last_safety_version is not None
        count = len(pf.versions())
        pf.restore_version(named)  # nothing differs: no new version
        assert pf.last_safety_version is None and len(pf.versions()) == count


def test_automatic_versions_are_bounded_and_named_ones_never_pruned(empty_path: Path) -> None:
    with ProjectFile.open(empty_path) as pf:
        first_named = pf.create_version("第一版")
        for i in range(MAX_AUTOMATIC + 5):
            pf.import_json({"applicant.leader": f"负责人{i}"}, source=f"import:{i}.json")
            if i == 3:
                pf.create_version("中间的命名版本")
        versions = pf.versions()
        auto = [v for v in versions if v.automatic]
        assert len(auto) == MAX_AUTOMATIC
        assert [v.name for v in versions if not v.automatic] == ["第一版", "中间的命名版本"]
        assert auto[-1].id == pf.last_safety_version  # the newest ones are kept
        assert "（14.json）" in auto[-1].name and "（5.json）" in auto[0].name
        # restoring the oldest automatic version at the limit keeps it (it is the one being restored)
        oldest = auto[0].id
        pf.restore_version(oldest)
        ids = [v.id for v in pf.versions()]
        assert oldest in ids and first_named in ids
        assert len([v for v in pf.versions() if v.automatic]) == MAX_AUTOMATIC


def test_pruning_drops_attachments_only_an_old_automatic_version_held(empty_path: Path, tmp_path: Path) -> None:
    doc = tmp_path / "旧通知.txt"
    doc.write_text("旧通知", encoding="utf-8")
    with ProjectFile.open(empty_path) as pf:
        att = pf.add_attachment("conditions[4].documents", doc)
        pf.import_json({"applicant.leader": "甲"}, source="import:a.json")  # this safety version holds the link
        pf.remove_attachment(att.id)
        assert att.id in _attachment_rows(pf)  # kept: a version still refers to it
        for i in range(MAX_AUTOMATIC):
            pf.import_json({"applicant.leader": f"乙{i}"}, source=f"import:{i}.json")
        assert att.id not in _attachment_rows(pf)  # its last version was pruned


def _attachment_rows(pf: ProjectFile) -> set[str]:
    """Every stored attachment row, also those unlinked but kept for a version."""
    return {r[0] for r in pf.database.connection.execute("SELECT id FROM attachments")}


def test_safety_versions_work_in_an_encrypted_dossier(tmp_path: Path, scheme, monkeypatch) -> None:
    monkeypatch.delenv("SMARTCITY_PASSPHRASE", raising=False)
    path = tmp_path / "加密.scdossier"
    pf = ProjectFile.create(path, scheme, values={"applicant.name": "测试区"}, passphrase="correct horse 9")
    try:
        pf.import_json({"applicant.name": "秘密区"}, source="import:机密.json")
        vid = pf.last_safety_version
        assert pf.version(vid).automatic and "机密.json" in pf.version(vid).name
    finally:
        pf.close()
    raw = path.read_bytes()
    assert "机密.json".encode() not in raw and "导入前自动保存".encode() not in raw  # names are sealed too


def test_marks_survive_a_damaged_or_crafted_meta_row(empty_path: Path) -> None:
    assert automatic_ids('[1, 2, "x", true, null]') == [1, 2]
    assert automatic_ids("not json") == [] and automatic_ids('{"a": 1}') == [] and automatic_ids(None) == []
    assert to_prune(list(range(1, 15)), keep=10) == [1, 2, 3, 4]
    assert safety_name("import", "a.xlsx").startswith("导入前自动保存") and safety_name("restore").startswith("恢复前")
    with ProjectFile.open(empty_path) as pf:
        pf.database.connection.execute("INSERT INTO meta(key, value) VALUES ('auto_versions', '{\"evil\": 1}')")
        pf.database.connection.commit()
        assert pf.versions() == []
        pf.import_json({"applicant.leader": "丙"}, source="import:x.json")  # a bad row is replaced, not an error
        assert [v.automatic for v in pf.versions()] == [True]


def test_cli_import_and_restore_say_how_to_undo(empty_path: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "部门.json"
    source.write_text(json.dumps({"applicant.leader": "李四"}, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(empty_path), str(source)]) == 0
    out = capsys.readouterr().out
    assert "已自动保存为版本 1" in out and f"versions {empty_path} restore 1" in out
    assert main(["versions", str(empty_path), "list"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "导入前自动保存" in first and first.endswith("（自动）")
    assert main(["versions", str(empty_path), "restore", "1"]) == 0
    out = capsys.readouterr().out
    assert "恢复前的内容已自动保存为版本 2" in out and "restore 2" in out
    with ProjectFile.open(empty_path, readonly=True) as pf:
        assert pf.dossier.get("applicant.leader") is None
        assert pf.version_values(2)["applicant.leader"] == "李四"


def test_a_crafted_index_cannot_get_named_versions_pruned(empty_path: Path) -> None:
    """The meta index lists ids; a crafted file could list the ids its receiver's named versions will get.
    Pruning trusts only the version's own payload, so those named versions survive any number of imports."""
    with ProjectFile.open(empty_path) as pf:
        pf.database.connection.execute("INSERT INTO meta(key, value) VALUES ('auto_versions', ?)", (json.dumps(list(range(1, 60))),))
        pf.database.connection.commit()
        named = [pf.create_version(f"命名{i}") for i in range(3)]
        for i in range(MAX_AUTOMATIC + 3):
            pf.import_json({"applicant.leader": f"负责人{i}"}, source=f"import:{i}.json")
        versions = {v.id: v for v in pf.versions()}
        assert all(vid in versions and not versions[vid].automatic for vid in named)
        assert sum(1 for v in versions.values() if v.automatic) == MAX_AUTOMATIC
