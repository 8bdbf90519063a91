"""User templates are bounded: file size, zip ratio, XML nesting, render time, memory and output.
The sandbox already kept templates away from Python objects; these keep them from hanging the program
(issue 9: nested ranges hung ``check-template``)."""
from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document

from smartcity_desktop.export import template_limits
from smartcity_desktop.export.docx_export import default_template
from smartcity_desktop.export.template_check import check_template


def _template(tmp_path: Path, text: str, name: str = "t.docx") -> Path:
    doc = Document(str(default_template()))  # complete, so only the added paragraph can fail
    doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(str(path))
    return path


def _refused(path: Path, *words: str, within: float = 20.0) -> str:
    started = time.monotonic()
    report = check_template(path)
    took = time.monotonic() - started
    assert not report.ok and took < within, (report.problems, took)
    text = report.text()
    assert any(w in text for w in words), text
    return text


@pytest.fixture
def quick_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(template_limits, "RENDER_SECONDS", 2.0)
    monkeypatch.setattr(template_limits, "RENDER_MEMORY", 150 * 1024 * 1024)
    monkeypatch.setattr(template_limits, "MAX_OUTPUT", 5_000_000)


@pytest.mark.parametrize("body", [
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",  # nested ranges
    "{% set x = range(5000)|list %}{% for a in x %}{% for b in x %}{% for c in x %}{% endfor %}{% endfor %}"
    "{% endfor %}",  # no call, no output inside: only the watchdog can stop it
])
def test_endless_loops_are_stopped_by_time(tmp_path: Path, quick_limits: None, body: str) -> None:
    _refused(_template(tmp_path, body), "秒")


def test_huge_output_is_stopped(tmp_path: Path, quick_limits: None) -> None:
    body = "{% for a in range(100000) %}{% for b in range(100000) %}xxxxxxxx{% endfor %}{% endfor %}"
    _refused(_template(tmp_path, body), "字符", "秒")


def test_memory_growth_is_stopped(tmp_path: Path, quick_limits: None) -> None:
    body = "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ 1 }}"
    _refused(_template(tmp_path, body), "内存", "秒")


@pytest.mark.parametrize("body", ["{{ 'x' * 1000000000 }}", "{{ [1, 2] * 100000000 }}", "{{ 9 ** 100000000 }}",
                                  "{{ 'x'|center(1000000000) }}", "{{ 'x'|indent(1000000000) }}",
                                  "{{ '%999999999d' % 1 }}", "{{ '%*d' % (999999999, 1) }}",
                                  "{{ '{:>999999999}'.format(1) }}", "{{ '{:>{w}}'.format(1, w=999999999) }}",
                                  "{{ '%999999999d'|format(1) }}"])
def test_one_step_amplification_is_refused(tmp_path: Path, body: str) -> None:
    _refused(_template(tmp_path, body), "过大", within=10)


def test_the_shipped_template_is_within_every_bound(tmp_path: Path) -> None:
    report = check_template(default_template())
    assert report.ok, report.text()
    big = _template(tmp_path, "{% for a in range(2000) %}{{ a }}{% endfor %}{{ 'ab' * 1000 }}{{ 2 ** 20 }}"
                              "{{ '%5d' % 3 }}{{ 7 % 2 }}{{ '{:>8}'.format(1) }}{{ '%s-%s'|format(1, 2) }}")
    assert check_template(big).ok  # ordinary loops and arithmetic are untouched


def test_oversized_zip_bomb_and_deeply_nested_files_are_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.docx"
    with open(huge, "wb") as handle:
        handle.truncate(template_limits.MAX_FILE + 1)  # sparse: refused by size before reading
    _refused(huge, "太大", within=5)

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(default_template()) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/zeros.bin", b"\0" * (64 * 1024 * 1024))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    _refused(bomb, "压缩炸弹", within=5)

    nested = tmp_path / "nested.docx"
    with zipfile.ZipFile(default_template()) as src, zipfile.ZipFile(nested, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                deep = "<w:r>" * 20_000 + "</w:r>" * 20_000  # small enough to pass the ratio check
                data = text.replace("<w:body>", "<w:body><w:p>" + deep + "</w:p>", 1).encode("utf-8")
            dst.writestr(info, data)
    _refused(nested, "不是有效的 Word 文件", "无法", within=10)


def test_check_template_command_exit_codes(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "smartcity_desktop", "check-template", *args],
                              capture_output=True, text=True, timeout=120, check=False)

    missing = run(str(tmp_path / "没有.docx"))
    assert missing.returncode == 2 and "找不到文件" in missing.stderr and "Word" not in missing.stderr
    a_folder = run(str(tmp_path))
    assert a_folder.returncode == 2 and "Traceback" not in a_folder.stderr
    bomb = run(str(_template(tmp_path, "{{ 'x' * 1000000000 }}")))
    assert bomb.returncode == 1 and "过大" in bomb.stdout and "Traceback" not in bomb.stderr
