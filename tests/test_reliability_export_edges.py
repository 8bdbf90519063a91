"""``export --out`` at the edges: a file, a read-only disk, names near 255 bytes — one clear line and
exit 2, never an internal error or a vague "磁盘错误"."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.export import write_atomic


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "smartcity_desktop", *args], capture_output=True, text=True,
                          timeout=180, check=False)


def _one_clear_line(run: subprocess.CompletedProcess[str], *words: str) -> None:
    assert run.returncode == 2, (run.returncode, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr and "内部错误" not in run.stderr, run.stderr
    assert any(w in lines[0] for w in words), lines[0]


def test_out_pointing_at_a_file(demo_path: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "导出"
    a_file.write_text("不是文件夹", encoding="utf-8")
    _one_clear_line(_cli("export", str(demo_path), "--out", str(a_file)), "不是文件夹")
    assert a_file.read_text(encoding="utf-8") == "不是文件夹"
    _one_clear_line(_cli("export", str(demo_path), "--out", str(a_file / "子文件夹")), "无法创建文件夹")


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    """A read-only tmpfs (EROFS even for root), where the machine lets us mount one."""
    mount = tmp_path / "ro"
    mount.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a filesystem needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(mount)], capture_output=True,
                          check=False)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)


def test_out_on_a_read_only_disk(demo_path: Path, read_only_disk: Path) -> None:
    _one_clear_line(_cli("export", str(demo_path), "--out", str(read_only_disk)), "没有写入权限")
    _one_clear_line(_cli("export", str(demo_path), "--out", str(read_only_disk / "新")), "无法创建文件夹")
    with pytest.raises(FileProblem, match="没有写入权限"):
        write_atomic(read_only_disk / "申报书.docx", b"x")


def test_names_near_255_bytes(tmp_path: Path) -> None:
    fits = tmp_path / ("名" * 83 + ".docx")  # 254 bytes: legal, and written (the temp name is kept short)
    assert write_atomic(fits, b"ok").read_bytes() == b"ok"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
    with pytest.raises(FileProblem, match="文件名太长") as info:
        write_atomic(tmp_path / ("名" * 84 + ".docx"), b"x")  # 257 bytes
    assert "磁盘错误" not in str(info.value) and "255" in str(info.value)
    _one_clear_line(_cli("export", str(tmp_path / "x.scdossier"), "--out", str(tmp_path / ("长" * 90))), "文件名太长")
