"""check-template: a province's adapted template is checked before it is used."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from smartcity_desktop.cli import main
from smartcity_desktop.export.docx_export import default_template
from smartcity_desktop.export.template_check import REQUIRED_KEYS, check_template


def test_shipped_template_passes() -> None:
    report = check_template(default_template())
    assert report.ok, report.text()
    assert set(REQUIRED_KEYS) <= set(report.keys)
    assert "检查通过" in report.text()


def test_shipped_template_tags_are_all_known(tmp_path: Path) -> None:
    """Every variable the shipped template uses is something the export context provides."""
    from docxtpl import DocxTemplate

    from smartcity_desktop.export.template_check import CONTEXT_NAMES

    used = DocxTemplate(str(default_template())).get_undeclared_template_variables()
    assert used and used <= CONTEXT_NAMES


def test_unknown_placeholders_and_variables_are_listed(tmp_path: Path) -> None:
    doc = Document(str(default_template()))
    doc.add_paragraph("{{ f['applicant.nmae'] }} {{ f['indicators[9.9.9].target'] }} {{ applicnt }}")
    path = tmp_path / "省级模板.docx"
    doc.save(str(path))
    report = check_template(path)
    assert not report.ok
    assert report.unknown_keys == ["applicant.nmae", "indicators[9.9.9].target"]
    assert report.unknown_names == ["applicnt"]
    assert "applicant.nmae" in report.text() and "applicnt" in report.text()


def test_missing_required_content_is_listed(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{{ f['applicant.name'] }}申报书")
    doc.add_paragraph("{%p for c in conditions %}")
    doc.add_paragraph("{{ c.text }}")
    doc.add_paragraph("{%p endfor %}")
    path = tmp_path / "简版.docx"
    doc.save(str(path))
    report = check_template(path)
    assert not report.ok
    assert "applicant.unit" in report.missing_keys and "applicant.name" not in report.missing_keys
    assert report.missing_names == ["groups / overview", "projects"]


def test_syntax_error_and_bad_files(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{% for x in %}")
    broken = tmp_path / "broken.docx"
    doc.save(str(broken))
    report = check_template(broken)
    assert not report.ok and "语法错误" in report.text()
    fake = tmp_path / "fake.docx"
    fake.write_text("no", encoding="utf-8")
    assert not check_template(fake).ok
    assert "不是有效的 Word 文件" in check_template(fake).text()


def test_sandbox_blocks_python_internals(tmp_path: Path) -> None:
    doc = Document(str(default_template()))
    doc.add_paragraph("{{ f.__class__.__mro__[1].__subclasses__() }}")
    path = tmp_path / "evil.docx"
    doc.save(str(path))
    report = check_template(path)
    assert not report.ok
    assert any("unsafe" in p or "安全" in p or "Security" in p for p in report.problems), report.problems


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-template", str(default_template())]) == 0
    doc = Document(str(default_template()))
    doc.add_paragraph("{{ f['nope'] }}")
    path = tmp_path / "t.docx"
    doc.save(str(path))
    assert main(["check-template", str(path)]) == 1
    assert "nope" in capsys.readouterr().out
