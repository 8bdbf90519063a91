"""The parts behind ProjectFile (store/database, values, attachments, versions, aad): each does its job on its
own, the labels that bind sealed items to their place live in one module, and the store's tools (rekey, recover)
use the parts' public names, never ProjectFile's privates."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartcity_desktop.store import ProjectFile, aad
from smartcity_desktop.store.attachments import incoming
from smartcity_desktop.store.database import DamagedFile, ReadOnly

STORE = Path(__file__).resolve().parent.parent / "smartcity_desktop" / "store"


def test_values_write_only_what_differs_and_log_it(empty_path: Path) -> None:
    with ProjectFile.open(empty_path, author="甲") as pf:
        before = len(pf.changes())
        with pf.database.transaction() as conn:
            done = pf.values.write(conn, {"applicant.name": "测试区", "applicant.leader": "李四"},
                                   {"applicant.leader": "merge:规划局.scpart"}, {"applicant.leader": "规划局 王五"})
        pf.values.committed_update(done)
        assert done == {"applicant.leader": "李四"}  # the name was already so: no row, no log entry
        row = pf.changes("applicant.leader")[0]
        assert (row.old, row.new, row.author, row.source) == (None, "李四", "规划局 王五", "merge:规划局.scpart")
        assert len(pf.changes()) == before + 1
        assert pf.field_origin("applicant.leader")[:2] == ("规划局 王五", "merge:规划局.scpart")


def test_a_failed_transaction_changes_nothing(empty_path: Path) -> None:
    with ProjectFile.open(empty_path) as pf:
        with pytest.raises(RuntimeError), pf.database.transaction() as conn:
            pf.values.write(conn, {"applicant.leader": "李四"}, "typed")
            raise RuntimeError("interrupted")
        assert pf.database.read_one("SELECT count(*) FROM fields WHERE key = 'applicant.leader'")[0] == 0


def test_attachments_are_deduplicated_and_checked_on_the_way_out(empty_path: Path, tmp_path: Path) -> None:
    with ProjectFile.open(empty_path) as pf:
        data = b"%PDF-1.4 " + bytes(range(256)) * 5000
        store = pf.attachment_store
        with pf.database.transaction() as conn:
            one = store.insert(conn, "a000000000001", "conditions[1].documents", incoming(data, "甲.pdf", 10**7),
                               "2026-01-01T00:00:00+08:00", "甲")
            two = store.insert(conn, "a000000000002", "conditions[2].documents", incoming(data, "../乙.pdf", 10**7),
                               "2026-01-01T00:00:00+08:00", "甲")
        assert one.blob_id == two.blob_id and two.name == "乙.pdf"
        assert pf.database.read_one("SELECT count(*) FROM blobs")[0] == 1
        assert b"".join(store.read(one.id)) == data
        assert store.save(two.id, tmp_path / "out.pdf").read_bytes() == data
        assert store.live_ids() == {one.id, two.id}


def test_versions_keep_values_and_refuse_a_damaged_one(empty_path: Path) -> None:
    with ProjectFile.open(empty_path) as pf:
        with pf.database.transaction() as conn:
            vid = pf.version_store.insert(conn, "  甲  ", {"applicant.leader": "李四"}, "甲")
            bad = pf.version_store.insert_payload(conn, "坏", {"values": {"applicant.level": "galaxy"}}, "甲")
        assert pf.version_store.values(vid) == {"applicant.leader": "李四"}
        assert pf.version(vid).name == "  甲  "  # names are checked by the facade (create_version), kept here
        with pytest.raises(DamagedFile):
            pf.version_store.values(bad)


def test_readonly_parts_refuse_writes(empty_path: Path) -> None:
    with ProjectFile.open(empty_path, readonly=True) as pf:
        with pytest.raises(ReadOnly):
            pf.database.check_writable()
        with pytest.raises(ReadOnly):
            pf.set("applicant.leader", "李四")


def test_sealing_labels_live_in_one_module() -> None:
    """The associated-data labels are part of the file format: written in store/aad.py only."""
    literal = re.compile(r"""["'](old:|new:|attachment:|version-name|version)["']|:\{seq\}""")
    offenders = [f"{p.name}:{n}" for p in STORE.glob("*.py") if p.name != "aad.py"
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if literal.search(line) and "aad." not in line]
    assert offenders == []
    assert (aad.old_value("k"), aad.new_value("k"), aad.chunk("b", 3)) == ("old:k", "new:k", "b:3")


def test_the_store_tools_use_public_parts_only() -> None:
    private = re.compile(r"\bpf\._[a-z]")
    for name in ("rekey.py", "recover.py"):
        text = (STORE / name).read_text(encoding="utf-8")
        assert not private.search(text), name
    # ...and nothing in the store writes into the model's privates
    for path in STORE.glob("*.py"):
        assert "._put(" not in path.read_text(encoding="utf-8"), path.name
