"""Issue 13: round profiles, the materials checklist, the 实施方案 draft, the submission package and
verify-package — through the command line, as staff and the receiving province use them."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader, PdfWriter

from smartcity_desktop.export.pdf import find_soffice
from smartcity_desktop.main import main
from smartcity_desktop.store import ProjectFile


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def make_pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def docx_text(path_or_bytes: Path | bytes) -> str:
    doc = Document(io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def marked_draft(path: Path) -> bool:
    """草稿 in the page furniture of a Word or Excel file (headers, footers, watermark, sheet headers)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if n.endswith(".xml") and ("header" in n or "footer" in n
                                                                    or "worksheets/sheet" in n or n == "word/document.xml")]
        return any("草稿" in z.read(n).decode("utf-8") for n in parts)


@pytest.fixture
def no_office(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTCITY_SOFFICE", "")  # packages without PDFs: fast, and the "missing" path


# -- round profiles and the checklist ------------------------------------------------------------
@pytest.mark.parametrize("round_id, kinds", [
    ("2012", ["declaration", "plan_outline", "implementation_plan"]),
    ("2013", ["declaration", "plan_outline", "implementation_plan"]),
    ("2014", ["declaration", "plan_outline", "implementation_plan", "financing_plan"]),
])
def test_each_rounds_checklist(tmp_path, capsys, round_id, kinds):
    path = tmp_path / f"r{round_id}.scdossier"
    code, _, _ = run(capsys, "new", path, "--name", "青石镇", "--level", "town", "--province", "江东省",
                     "--round", round_id)
    assert code == 0
    code, out, _ = run(capsys, "materials", path, "--json")
    data = json.loads(out)
    assert code == 0 and data["round"] == round_id
    rows = {m["kind"]: m for m in data["materials"]}
    assert [m["kind"] for m in data["materials"] if m["required"]] == kinds
    # the 指标自评表 always comes along; other materials are optional
    assert rows["self_assessment"]["status"] == "generated" and not rows["self_assessment"]["required"]
    assert rows["declaration"]["status"] == "generated"
    assert rows["implementation_plan"]["status"] == "generated"
    assert rows["plan_outline"]["status"] == "missing"  # only the staff can supply the 规划纲要
    for m in data["materials"]:
        assert set(m) >= {"kind", "label", "required", "status", "files"}


def test_round_profiles_keep_unknown_facts_empty_with_provenance():
    from smartcity_desktop.model.rounds import NO_SOURCE, round_profiles

    profiles = round_profiles("mohurd-2012-trial")
    assert profiles["2012"].deadline.value == "2012-12-31" and profiles["2012"].deadline.provenance == "V"
    for rid in ("2013", "2014"):
        assert profiles[rid].format_notes.value is None and profiles[rid].format_notes.provenance == NO_SOURCE
        assert not profiles[rid].format_notes.known and profiles[rid].format_notes.note_text
    assert profiles["2013"].deadline.value is None and profiles["2013"].deadline.provenance == NO_SOURCE


def test_2014_condition_one_wording_is_a_variant_held_by_the_scheme(demo_path):
    from smartcity_desktop.model.rounds import condition_text

    with ProjectFile.open(demo_path) as pf:
        base = condition_text(pf.dossier, "1")
        assert "政府工作报告" not in base and base == pf.scheme.condition("1").label
        pf.set("applicant.round", 2014)  # import also takes the number
        assert pf.dossier.get("applicant.round") == "2014"
        assert "本年度政府工作报告" in condition_text(pf.dossier, "1")
        assert "政府工作报告" in pf.scheme.condition("1").variants["gov_work_report"]["zh"]


def test_round_follows_in_validation(demo_path):
    from smartcity_desktop.validate import validate

    with ProjectFile.open(demo_path) as pf:
        assert not [f for f in validate(pf.dossier) if f.rule.startswith("round.")]
        pf.set("applicant.round", "2014")
        pf.set("conditions[1].status", "not_met")
        findings = validate(pf.dossier)
        # 2014 asks for the 投融资方案: missing unless attached or an exporter for it exists
        from smartcity_desktop.export.generated import generator

        wanted = generator("financing_plan") is None
        assert any(f.key == "materials[financing_plan].documents" for f in findings) == wanted
        not_met = next(f for f in findings if f.rule == "condition.not_met")
        assert "本年度政府工作报告" in not_met.message


def test_validation_knows_the_same_generated_materials_as_the_registry():
    """Validation sits below the exporters, so it reads the generated kinds from model.materials."""
    from smartcity_desktop.export.generated import generated_kinds
    from smartcity_desktop.model.materials import GENERATED_KINDS

    assert set(generated_kinds()) == GENERATED_KINDS


def test_attach_with_page_counts_and_entered_pages(demo_path, tmp_path, capsys):
    scan = make_pdf(tmp_path / "申报书（盖章）.pdf", 3)
    code, out, _ = run(capsys, "attach", demo_path, scan, "--to", "materials[declaration].documents")
    assert code == 0 and "materials[declaration].documents" in out
    note = tmp_path / "说明.txt"
    note.write_text("情况说明", encoding="utf-8")
    assert run(capsys, "attach", demo_path, note, "--to", "materials[other].documents")[0] == 0
    code, out, _ = run(capsys, "materials", demo_path, "--json")
    rows = {m["kind"]: m for m in json.loads(out)["materials"]}
    assert rows["declaration"]["status"] == "attached"
    assert rows["declaration"]["files"][0]["pages"] == 3
    assert rows["other"]["files"][0]["pages"] is None  # a text file: the user enters its pages
    assert rows["plan_outline"]["status"] == "attached"  # the demo's 规划纲要 lives there
    # a wrong key or a missing file is refused without touching the dossier
    assert run(capsys, "attach", demo_path, scan, "--to", "materials[nonsense].documents")[0] == 1
    assert run(capsys, "attach", demo_path, tmp_path / "no.pdf", "--to", "materials[other].documents")[0] == 2


# -- the 实施方案 draft -------------------------------------------------------------------------------
def test_plan_content_from_a_dossier_built_here(tmp_path, capsys):
    from smartcity_desktop.scheme import default_scheme

    path = tmp_path / "plan.scdossier"
    values = {
        "applicant.name": "青石镇", "applicant.level": "town", "applicant.province": "江东省",
        "applicant.unit": "青石镇人民政府", "profile.overview": "青石镇位于江东省北部。",
        "profile.foundation": "已建成镇村光纤网络。", "profile.goals": "到2016年建成智慧小镇框架。",
        "indicators[1.2.2].current_state": "光纤覆盖率60%。", "indicators[1.2.2].target": "光纤覆盖率达到95%。",
        "indicators[1.2.2].measures": "实施光纤入户工程。", "indicators[1.2.2].lead_unit": "镇经济发展办",
        "indicators[1.2.2].deadline": "2015-12",
        "indicators[3.3.1].target": "公交实时到站查询覆盖全部线路。", "indicators[3.3.1].lead_unit": "镇交通所",
        "indicators[3.3.1].deadline": "2016-06", "indicators[4.3.3].applicable": False,
        "indicators[4.3.3].not_applicable_reason": "无相关产业。",
        "projects[p1].order": 1, "projects[p1].name": "光纤入户工程", "projects[p1].content": "新建光缆120公里",
        "projects[p1].indicators": ["1.2.2"], "projects[p1].lead_unit": "镇经济发展办",
        "projects[p1].start_year": 2014, "projects[p1].end_year": 2015, "projects[p1].investment_wan": 800,
        "projects[p1].investment_by_year[2014].amount_wan": 300, "projects[p1].investment_by_year[2015].amount_wan": 500,
        "projects[p1].funding[fiscal].amount_wan": 800,
        "safeguards.organisation": "成立镇智慧城市建设领导小组。",
    }
    ProjectFile.create(path, default_scheme(), values=values).close()
    out = tmp_path / "out"
    code, stdout, _ = run(capsys, "export", path, "--out", out, "--format", "plan")
    assert code == 0
    plan = out / "青石镇-实施方案.docx"
    assert str(plan) in stdout
    text = docx_text(plan)
    assert "青石镇国家智慧城市试点实施方案" in text
    for heading in ("一、总体要求", "二、创建目标", "三、重点任务", "四、重点项目", "五、分年度实施计划", "六、保障措施"):
        assert heading in text
    assert "到2016年建成智慧小镇框架。" in text and "成立镇智慧城市建设领导小组。" in text
    # 重点任务 by level-1 area, per indicator: current state, measures, lead unit, deadline
    assert "（一）保障体系与基础设施" in text and "（二）智慧管理与服务" in text
    assert "现状基础：光纤覆盖率60%。" in text and "主要措施：实施光纤入户工程。" in text
    assert "牵头单位：镇经济发展办；完成时限：2015年12月" in text
    assert "4.3.3" not in text.split("三、重点任务")[1].split("四、重点项目")[0]  # not applicable: no task
    # 重点项目 table and the yearly plan (deadlines, project years and the declared annual plan 300 + 500)
    doc = Document(str(plan))
    project_rows = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert any(r[:5] == ["1", "光纤入户工程", "新建光缆120公里", "镇经济发展办", "2014—2015"] and r[5].startswith("800")
               for r in project_rows)
    yearly = {r.cells[0].text: [c.text for c in r.cells] for r in doc.tables[2].rows}
    assert yearly["2014年"][2] == "光纤入户工程" and yearly["2014年"][3].startswith("300")
    assert "1.2.2 宽带网络" in yearly["2015年"][1] and "3.3.1 智能交通" in yearly["2016年"][1]
    targets = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert ["1.2.2 宽带网络", "光纤覆盖率达到95%。", ""] in targets


# -- the submission package and its verification ------------------------------------------------
def test_package_verify_catches_changed_removed_added(demo_path, tmp_path, capsys, no_office):
    out = tmp_path / "申报包"
    code, stdout, err = run(capsys, "package", demo_path, "--out", out)
    assert code == 0, err
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names[:4] == ["01-申报书.docx", "02-智慧城市发展规划纲要.txt", "03-实施方案.docx", "04-指标自评表.xlsx"]
    assert "材料清单.docx" in names and "manifest.json" in names and "合订本.pdf" not in names
    assert any(n.startswith("附件/01-") for n in names)
    assert "LibreOffice" in err  # the package says what is missing
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == {"format", "dossier_id", "version", "program_version", "files"}
    assert {f["name"] for f in manifest["files"]} == set(names) - {"manifest.json"}
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert manifest["dossier_id"] == pf.dossier_id
    assert run(capsys, "verify-package", out)[0] == 0

    target = out / "03-实施方案.docx"
    original = target.read_bytes()
    target.write_bytes(original[:100] + bytes([original[100] ^ 1]) + original[101:])
    code, stdout, _ = run(capsys, "verify-package", out)
    assert code == 1 and "03-实施方案.docx" in stdout
    target.write_bytes(original)
    assert run(capsys, "verify-package", out)[0] == 0

    removed = out / "附件" / names[-1].split("/")[-1] if names[-1].startswith("附件/") else out / names[-1]
    keep = removed.read_bytes()
    removed.unlink()
    code, stdout, _ = run(capsys, "verify-package", out)
    assert code == 1 and removed.name in stdout
    removed.write_bytes(keep)

    (out / "附件" / "后加的.txt").write_text("x", encoding="utf-8")
    code, stdout, _ = run(capsys, "verify-package", out)
    assert code == 1 and "附件/后加的.txt" in stdout


def test_verify_package_without_a_readable_manifest(tmp_path, capsys):
    folder = tmp_path / "pkg"
    folder.mkdir()
    assert run(capsys, "verify-package", folder)[0] == 2
    (folder / "manifest.json").write_text(json.dumps({"format": "smartcity-package/1", "files": [
        {"name": "../outside.txt", "size": 1, "sha256": "0" * 64}]}), encoding="utf-8")
    code, _, err = run(capsys, "verify-package", folder)
    assert code == 2 and "manifest.json" in err


def test_package_of_a_dossier_with_errors_is_refused(empty_path, tmp_path, capsys, no_office):
    out = tmp_path / "pkg"
    code, _, err = run(capsys, "package", empty_path, "--out", out)
    assert code == 1 and "--draft" in err and not out.exists()
    assert not list(tmp_path.glob(".pkg.*"))  # no half-built folder left behind
    code, _, err = run(capsys, "package", empty_path, "--out", out, "--draft")
    assert code == 0, err
    for name in ("01-申报书.docx", "03-实施方案.docx", "04-指标自评表.xlsx"):  # 草稿 printed on every page
        assert marked_draft(out / name), name
    assert run(capsys, "verify-package", out)[0] == 0


def test_package_argument_errors(demo_path, tmp_path, capsys, no_office):
    assert run(capsys, "package", demo_path, "--out", tmp_path / "a", "--final", "--draft")[0] == 2
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x.txt").write_text("x", encoding="utf-8")
    assert run(capsys, "package", demo_path, "--out", busy)[0] == 2
    assert sorted(p.name for p in busy.iterdir()) == ["x.txt"]


def test_final_package_records_a_frozen_version_and_attached_scan_wins(demo_path, tmp_path, capsys, no_office):
    scan = make_pdf(tmp_path / "scan.pdf", 2)
    assert run(capsys, "attach", demo_path, scan, "--to", "materials[declaration].documents")[0] == 0
    out = tmp_path / "final"
    code, _, err = run(capsys, "package", demo_path, "--out", out, "--final")
    assert code == 0, err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"]["final"] is True
    assert (out / "01-申报书.pdf").read_bytes() == scan.read_bytes() and not (out / "01-申报书.docx").exists()
    with ProjectFile.open(demo_path) as pf:
        info = pf.version(manifest["version"]["id"])
        assert info.final and pf.version_values(info.id) == pf.committed_values()
        pf.set("profile.goals", "定稿之后的修改")  # later edits continue as a new draft
        frozen = pf.version_values(info.id)
        assert frozen.get("profile.goals") != "定稿之后的修改"
        from smartcity_desktop.package.submission import submitted_version

        state = submitted_version(pf)
        assert state is not None and state.version.id == info.id and state.changes_since == 1


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_combined_pdf_has_one_bookmark_per_material(demo_path, tmp_path, capsys):
    scan = make_pdf(tmp_path / "outline.pdf", 4)
    with ProjectFile.open(demo_path) as pf:  # the 规划纲要 as a PDF of 4 pages
        for aid in pf.dossier.get("materials[plan_outline].documents") or []:
            pf.remove_attachment(aid)
        pf.add_attachment("materials[plan_outline].documents", scan, name="规划纲要.pdf")
    out = tmp_path / "pkg"
    code, _, err = run(capsys, "package", demo_path, "--out", out)
    assert code == 0, err
    for name in ("01-申报书.pdf", "03-实施方案.pdf", "04-指标自评表.pdf", "合订本.pdf"):
        assert (out / name).is_file()
    reader = PdfReader(str(out / "合订本.pdf"))
    titles = [(o.title, reader.get_destination_page_number(o)) for o in reader.outline]
    assert [t for t, _ in titles] == ["01 申报书", "02 智慧城市发展规划纲要", "03 智慧城市试点实施方案", "04 指标自评表"]
    starts = [p for _, p in titles]
    assert starts == sorted(starts) and starts[0] == 0 and starts[2] - starts[1] == 4
    checklist = docx_text(out / "材料清单.docx")
    assert "02-智慧城市发展规划纲要.pdf" in checklist and "\n4\n" in checklist
    assert run(capsys, "verify-package", out)[0] == 0


def test_a_financing_exporter_plugs_in_through_the_registry(demo_path, tmp_path, capsys, no_office, monkeypatch):
    """The 投融资方案 exporter (issue 12) is found by the registry: the 2014 checklist marks it generated and
    the package holds it, without the checklist or the package naming it."""
    import sys
    import types

    from smartcity_desktop.export import generated

    fake = types.ModuleType("smartcity_desktop.export.financing")
    fake.render_financing_docx = lambda data: _docx_bytes("投融资方案：" + (data.fields["applicant.name"] or ""))
    fake.render_financing_xlsx = lambda data, dossier_id: _xlsx_bytes(dossier_id)
    monkeypatch.setitem(sys.modules, "smartcity_desktop.export.financing", fake)
    assert generated.generator("financing_plan") is not None  # registered like the others; the module is read per call
    with ProjectFile.open(demo_path) as pf:
        pf.set("applicant.round", "2014")
    _, out, _ = run(capsys, "materials", demo_path, "--json")
    rows = {m["kind"]: m for m in json.loads(out)["materials"]}
    assert rows["financing_plan"]["status"] == "generated" and rows["financing_plan"]["required"]
    out_dir = tmp_path / "pkg2014"
    assert run(capsys, "package", demo_path, "--out", out_dir)[0] == 0
    assert "投融资方案：" in docx_text(out_dir / "04-项目投融资方案.docx")
    assert (out_dir / "04-项目投融资方案.xlsx").is_file() and (out_dir / "05-指标自评表.xlsx").is_file()


def _docx_bytes(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _xlsx_bytes(text: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = text
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_verify_package_treats_a_symlink_as_changed(demo_path, tmp_path, capsys, no_office):
    out = tmp_path / "pkg"
    assert run(capsys, "package", demo_path, "--out", out)[0] == 0
    target = out / "03-实施方案.docx"
    outside = tmp_path / "copy.docx"
    outside.write_bytes(target.read_bytes())
    target.unlink()
    target.symlink_to(outside)  # same bytes, but not a file of the package
    code, stdout, _ = run(capsys, "verify-package", out)
    assert code == 1 and "03-实施方案.docx" in stdout


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_draft_combined_pdf_says_draft_on_every_page(demo_path, tmp_path, capsys):
    scan = make_pdf(tmp_path / "outline.pdf", 2)  # blank pages: only a stamp can mark them
    with ProjectFile.open(demo_path) as pf:
        for aid in pf.dossier.get("materials[plan_outline].documents") or []:
            pf.remove_attachment(aid)
        pf.add_attachment("materials[plan_outline].documents", scan, name="规划纲要.pdf")
        pf.set("applicant.contact_email", "not-an-address")  # an error: only a draft is allowed
    out = tmp_path / "draft"
    code, _, err = run(capsys, "package", demo_path, "--out", out, "--draft")
    assert code == 0, err
    reader = PdfReader(str(out / "合订本.pdf"))
    unmarked = [n + 1 for n, page in enumerate(reader.pages) if "草稿" not in (page.extract_text() or "")]
    assert unmarked == []
    assert all(o.title.endswith("（草稿）") for o in reader.outline)
    assert (out / "02-智慧城市发展规划纲要.pdf").read_bytes() == scan.read_bytes()  # the original stays as sent
