"""Whole-file writes: the target is the old file or the complete new one, and no temp file is left."""
from __future__ import annotations

import pytest

from smartcity_desktop.atomic import replacing


def test_success_replaces_the_target(tmp_path):
    dest = tmp_path / "申报书.docx"
    dest.write_bytes(b"old")
    with replacing(dest) as tmp:
        assert tmp.parent == dest.parent and tmp != dest
        tmp.write_bytes(b"new")
    assert dest.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["申报书.docx"]


def test_failure_keeps_the_old_file_and_leaves_nothing(tmp_path):
    dest = tmp_path / "指标自评表.xlsx"
    dest.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(dest) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert dest.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["指标自评表.xlsx"]
