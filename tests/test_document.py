"""The document (model/document.py): the one write path. A value is coerced once, an edit can be applied and
reverted, listeners hear every applied edit, and the store writes what the document hands it with its source."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import smartcity_desktop.model.dossier as dossier_module
from smartcity_desktop.model import Dossier, FieldError, ImportRefused
from smartcity_desktop.model.document import Document, Edit
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.store import ProjectFile


@pytest.fixture
def doc(scheme: Scheme) -> Document:
    return Document(Dossier(scheme, {"applicant.name": "青石镇"}), "张三")


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Spy on the key parser and the coercion the model uses (every check goes through them)."""
    seen: list[str] = []
    real_parse, real_coerce = dossier_module.parse_key, dossier_module.coerce

    def parse(key: str) -> Any:
        seen.append("parse:" + key)
        return real_parse(key)

    def coerce(key: str, spec: Any, value: Any) -> Any:
        seen.append("coerce:" + key)
        return real_coerce(key, spec, value)

    monkeypatch.setattr(dossier_module, "parse_key", parse)
    monkeypatch.setattr(dossier_module, "coerce", coerce)
    return seen


def test_an_edit_records_old_new_author_and_source(doc: Document) -> None:
    checked = doc.check({"applicant.name": " 青石镇 ", "profile.population": "586,000", "applicant.leader": "李四"})
    edit = doc.edit(checked, "import:各部门.xlsx")
    assert "applicant.name" not in edit  # unchanged after coercion (trimmed): left out
    assert edit.changes == {"profile.population": (None, 586000), "applicant.leader": (None, "李四")}
    assert edit.author == "张三" and edit.source("applicant.leader") == "import:各部门.xlsx"
    assert doc.get("applicant.leader") is None  # an edit is a proposal until applied
    doc.apply(edit)
    assert doc.get("profile.population") == 586000
    doc.apply(edit.inverse())
    assert doc.get("profile.population") is None and doc.get("applicant.leader") is None
    doc.apply(edit)  # an edit is a value: it applies again
    assert doc.get("applicant.leader") == "李四"


def test_per_key_sources_for_a_merge(doc: Document) -> None:
    edit = doc.edit(doc.check({"applicant.leader": "李四", "applicant.unit": "规划局"}),
                    {"applicant.leader": "merge:规划局.scpart"})
    assert edit.source("applicant.leader") == "merge:规划局.scpart"
    assert edit.source("applicant.unit") == "typed"  # not named: typed


def test_a_keystroke_is_parsed_and_coerced_once_on_its_way_to_disk(empty_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    with ProjectFile.open(empty_path) as pf:
        seen = _count_parses(monkeypatch)
        pf.set("profile.gdp", "1,234.5")
        pf.set_many({"applicant.leader": "李四"})
        pf.flush()
        assert seen == ["parse:profile.gdp", "coerce:profile.gdp",
                        "parse:applicant.leader", "coerce:applicant.leader"]
    with ProjectFile.open(empty_path) as pf:
        assert pf.dossier.get("profile.gdp") == 1234.5
        assert [c.source for c in pf.changes("profile.gdp")] == ["typed"]


def test_bad_values_refuse_the_whole_batch(doc: Document) -> None:
    with pytest.raises(FieldError):
        doc.check_one("profile.population", "很多")
    with pytest.raises(ImportRefused) as info:
        doc.check({"profile.population": "很多", "applicant.leader": "李四", "applicant.nope": 1})
    assert len(info.value.errors) == 2
    assert doc.get("applicant.leader") is None


def test_listeners_hear_every_applied_edit_and_can_stop(doc: Document) -> None:
    heard: list[Edit] = []
    stop = doc.listen(heard.append)
    doc.set_many({"applicant.leader": "李四"})
    doc.set_many({"applicant.leader": "李四"})  # no change: no edit, nothing heard
    edit = heard[-1]
    doc.apply(edit.inverse())
    assert [e.new_values() for e in heard] == [{"applicant.leader": "李四"}, {"applicant.leader": None}]
    stop()
    doc.set_many({"applicant.leader": "王五"})
    assert len(heard) == 2


def test_typing_bursts_merge_into_one_edit(doc: Document) -> None:
    first = doc.apply(doc.edit({"applicant.leader": "李"}))
    second = doc.apply(doc.edit({"applicant.leader": "李四"}))
    burst = first.then(second)
    assert burst.changes == {"applicant.leader": (None, "李四")}
    doc.apply(burst.inverse())
    assert doc.get("applicant.leader") is None


def test_unsaved_edits_are_what_the_store_writes(empty_path: Path) -> None:
    with ProjectFile.open(empty_path, author="甲") as pf:
        doc = pf.document
        assert not pf.has_unsaved
        doc.apply(doc.edit(doc.check({"profile.stats_year": "2012"}), "calculated"))
        assert pf.has_unsaved and doc.unsaved()["profile.stats_year"][0] == "calculated"
        assert pf.flush() and not pf.has_unsaved
        assert not pf.flush()  # nothing left
        row = pf.changes("profile.stats_year")[0]
        assert (row.old, row.new, row.author, row.source) == (None, 2012, "甲", "calculated")


def test_an_edit_made_while_saving_stays_unsaved(doc: Document) -> None:
    doc.set_many({"applicant.leader": "李"})
    pending = doc.unsaved()
    doc.set_many({"applicant.leader": "李四"})  # typed while the store was writing "李"
    doc.mark_saved(pending)
    assert doc.has_unsaved


def test_import_and_restore_return_their_edit_and_the_store_keeps_its_hands_off(empty_path: Path) -> None:
    with ProjectFile.open(empty_path) as pf:
        heard: list[Edit] = []
        pf.document.listen(heard.append)
        vid = pf.create_version("开始")
        edit = pf.apply_as_edit({"applicant.leader": "李四", "applicant.name": "测试区"}, "import:a.json")
        assert edit.whole and edit.new_values() == {"applicant.leader": "李四"}
        assert not pf.has_unsaved  # written in its own transaction
        restored = pf.restore_as_edit(vid)
        assert restored.changes == {"applicant.leader": ("李四", None)}
        assert restored.source("applicant.leader") == f"restore:{vid}"
        assert heard == [edit, restored]
        assert pf.restore_version(pf.last_safety_version or 0) == {"applicant.leader": "李四"}


def test_a_merge_writes_through_apply_with_a_source_and_an_author_per_value(empty_path: Path) -> None:
    with ProjectFile.open(empty_path, author="牵头办") as pf:
        done = pf.apply({"applicant.leader": "李四", "applicant.unit": "规划局"},
                        {"applicant.leader": "merge:规划局.scpart", "applicant.unit": "merge:规划局.scpart"},
                        author="规划局")
        assert done == {"applicant.leader": "李四", "applicant.unit": "规划局"}
        row = pf.changes("applicant.leader")[0]
        assert (row.source, row.author) == ("merge:规划局.scpart", "规划局")
        assert pf.version(pf.last_safety_version or 0).author == "牵头办"  # the safety version is the office's


def test_undoing_a_restore_hides_again_the_attachments_it_listed_again(empty_path: Path) -> None:
    """The restore's Edit carries which attachments it listed again; its inverse hides them (removal time kept)
    and ``flush`` writes that with the values, in one transaction; applying the edit again lists them."""
    key = "conditions[2].documents"
    with ProjectFile.open(empty_path) as pf:
        att = pf.add_attachment(key, b"outline", name="纲要.txt")
        vid = pf.create_version("初稿")
        pf.remove_attachment(att.id)
        (stamp,) = pf.database.read_one("SELECT removed_at FROM attachments WHERE id = ?", (att.id,))
        edit = pf.restore_as_edit(vid)
        assert edit.removed == {att.id: (stamp, None)} and [a.id for a in pf.attachments()] == [att.id]
        assert edit.inverse().inverse().removed == edit.removed
        pf.document.apply(edit.inverse("restore:9"))
        assert pf.has_unsaved and att.id not in pf.dossier.attachment_ids  # validation knows at once
        assert pf.flush() and not pf.has_unsaved
        assert pf.attachments() == [] and pf.dossier.get(key) is None
        assert pf.database.read_one("SELECT removed_at FROM attachments WHERE id = ?", (att.id,)) == (stamp,)
        assert (pf.changes(key, limit=1)[0].new, pf.changes(key, limit=1)[0].source) == (None, "restore:9")
        pf.document.apply(edit)
        pf.flush()
        assert [a.id for a in pf.attachments(key)] == [att.id] and pf.dossier.get(key) == [att.id]
    only_listing = Edit({}, {}, "me", removed={"a1": ("2026-01-01T00:00:00", None)})
    assert only_listing and only_listing.inverse().removed == {"a1": (None, "2026-01-01T00:00:00")}
    burst = only_listing.then(Edit({}, {}, "me", removed={"a1": (None, "2026-02-02T00:00:00")}))
    assert burst.removed == {"a1": ("2026-01-01T00:00:00", "2026-02-02T00:00:00")}
