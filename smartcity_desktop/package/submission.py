"""The submission package (DESIGN.md, Submission package): the whole set of materials, checked.

``build_package`` validates first (errors refuse it unless ``draft``), optionally makes a final named
version, then writes into a fresh folder: every material of the round as ``NN-<材料名>.<ext>`` (generated
ones exported, attached ones copied; an attached file wins), the other attachments under
``附件/NN-<safe name>``, ``材料清单.docx``, ``合订本.pdf`` with one bookmark per material (when LibreOffice is
present) and ``manifest.json`` listing every file with its size and SHA-256. The folder is built under a
temporary name beside the target and renamed at the end: an interrupted run never leaves half a package.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from smartcity_desktop import __version__
from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.model.rounds import profile_of
from smartcity_desktop.package.materials import (
    ATTACHED,
    GENERATED,
    MATERIAL_FILE_STEMS,
    MISSING,
    Material,
    checklist,
)
from smartcity_desktop.export.page_count import count_pages
from smartcity_desktop.privatetemp import scratch
from smartcity_desktop.safefiles import safe_name

if TYPE_CHECKING:  # typing only
    from smartcity_desktop.store import ProjectFile
    from smartcity_desktop.store.source import DossierSource

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "smartcity-package/1"
CHECKLIST_NAME = "材料清单.docx"
COMBINED_NAME = "合订本.pdf"
ATTACHMENT_DIR = "附件"
DRAFT_STAMP = "草稿"
# Files LibreOffice can turn into PDF pages for the 合订本 (PDFs are merged as they are).
CONVERTIBLE = {".docx", ".doc", ".xlsx", ".xls", ".odt", ".ods", ".rtf", ".txt", ".wps", ".et", ".png", ".jpg",
               ".jpeg", ".gif", ".bmp", ".tif", ".tiff"}
Progress = Callable[[int, str], None]


class PackageRefused(DataProblem):
    """The dossier has errors and no --draft was asked for (exit 1)."""


def guess_suffix(name: str, head: bytes) -> str:
    """The file's extension, or one guessed from its first bytes when the name has none (a scan named
    ``申报书（盖章）`` must still open, and LibreOffice needs the type to convert it)."""
    suffix = PurePath(name.replace("\\", "/")).suffix.lower()
    if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix):
        return suffix
    for magic, ext in ((b"%PDF", ".pdf"), (b"\x89PNG", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF8", ".gif"),
                       (b"II*\x00", ".tif"), (b"MM\x00*", ".tif"), (b"BM", ".bmp")):
        if head.startswith(magic):
            return ext
    for cut in range(4):  # the 512-byte head may end inside a multi-byte character
        try:
            if b"\x00" not in head:
                head[:len(head) - cut].decode("utf-8")
                return ".txt"
        except UnicodeDecodeError:
            continue
    return ""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class PackedMaterial:
    number: int
    material: Material
    files: list[str] = field(default_factory=list)  # names relative to the package folder
    pdfs: list[Path | bytes] = field(default_factory=list)  # what goes into the 合订本: package files or converted copies
    pages: int | None = None


@dataclass
class PackageReport:
    folder: Path
    files: list[str]
    version: dict[str, Any] | None
    draft: bool
    missing: list[str]  # required materials neither attached nor generated
    notes: list[str]  # what could not be done (no LibreOffice, a file that did not convert...)
    combined: bool


def final_version_name() -> str:
    return tr("定稿（申报包 {stamp}）", stamp=datetime.now().strftime("%Y-%m-%d %H:%M"))


def _current_version(pf: DossierSource) -> dict[str, Any] | None:
    """The newest named version equal to the dossier as it is, if any (the manifest names it)."""
    current = pf.committed_values()
    for info in reversed(pf.versions()):
        if pf.version_values(info.id) == current:
            return {"id": info.id, "name": info.name, "final": info.final}
    return None


def _prepare_folder(out: Path) -> Path:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FileProblem(tr("{path} 已存在且不是空文件夹；请选择新的文件夹。", path=out))
    parent = out.parent
    if not parent.is_dir():
        raise FileProblem(tr("文件夹 {folder} 不存在。", folder=parent))
    work = parent / f".{out.name}.{secrets.token_hex(4)}.tmp"
    try:
        work.mkdir()
    except OSError as exc:
        raise FileProblem(tr("无法在 {folder} 中写入：{reason}", folder=parent, reason=exc.strerror or exc)) from None
    return work


def build_package(pf: ProjectFile, out: str | os.PathLike[str], *, final: bool = False, draft: bool = False,
                  progress: Progress | None = None) -> PackageReport:
    """Write the submission package of ``pf`` (an open ProjectFile; writable when ``final``) into ``out``."""
    from smartcity_desktop.export import official_language
    from smartcity_desktop.export.context import build_export_data
    from smartcity_desktop.export.pdf import find_soffice
    from smartcity_desktop.validate import ERROR, validate

    def report(percent: int, message: str) -> None:
        if progress is not None:
            progress(percent, message)

    if final and draft:
        raise DataProblem(tr("--final 与 --draft 不能同时使用：定稿不能是草稿。"))
    out = Path(out)
    report(2, tr("正在检查卷宗……"))
    errors = [f for f in validate(pf.dossier) if f.severity == ERROR]
    if errors and not draft:
        raise PackageRefused(tr("卷宗有 {n} 个错误（首个：{first}），未生成申报包；请先改正，或生成草稿（--draft）。",
                                n=len(errors), first=errors[0].message))
    if final:
        pf.flush()  # the exports and the final version must show the same values
    work = _prepare_folder(out)
    try:
        # A final version is made only once everything else is written (a failed run leaves none);
        # its name is known before, for the 材料清单.
        version: dict[str, Any] | None = ({"id": None, "name": final_version_name(), "final": True} if final
                                          else _current_version(pf))
        result = _write_package(pf, work, draft, version, find_soffice() is not None, report,
                                build_export_data, official_language)
        if final:
            assert version is not None
            version["id"] = pf.create_version(version["name"], final=True)
        result.files = write_manifest(work, pf.dossier_id, version)
        if out.exists():
            out.rmdir()
        os.replace(work, out)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise FileProblem(tr("无法写入申报包 {path}：{reason}", path=out, reason=exc.strerror or exc)) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    result.folder = out
    report(100, tr("申报包已生成"))
    return result


def _write_package(pf: DossierSource, work: Path, draft: bool, version: dict[str, Any] | None, has_office: bool,
                   report: Progress, build_export_data: Any, official_language: Any) -> PackageReport:
    from smartcity_desktop.export.draft_mark import mark_draft
    from smartcity_desktop.export.generated import generator

    dossier = pf.dossier
    materials = [m for m in checklist(pf) if m.kind != "other"]
    with official_language():
        data = build_export_data(dossier, pf.attachments())
    packed: list[PackedMaterial] = []
    notes: list[str] = []
    missing: list[str] = []
    to_convert: list[tuple[PackedMaterial, Path]] = []
    for n, material in enumerate(materials, start=1):
        item = PackedMaterial(n, material)
        packed.append(item)
        stem = f"{n:02d}-{MATERIAL_FILE_STEMS.get(material.kind, material.kind)}"
        report(5 + 40 * n // max(len(materials), 1), tr("正在准备{label}……", label=material.label))
        if material.status == ATTACHED:
            for i, f in enumerate(material.files, start=1):
                item.files.append(_copy_attachment(pf, f.id, f.name, work, stem if len(material.files) == 1
                                                   else f"{stem}-{i}"))
        elif material.status == GENERATED:
            gen = generator(material.kind)
            assert gen is not None
            with official_language():
                produced = gen.produce(data, pf.dossier_id, draft)
            for suffix, content in produced.items():
                if draft and not gen.marks_draft:
                    content = mark_draft(suffix, content)
                (work / f"{stem}{suffix}").write_bytes(content)
                item.files.append(f"{stem}{suffix}")
        elif material.status == MISSING:
            if material.required:
                missing.append(material.label)
            continue
        for name in item.files:
            path = work / name
            if path.suffix.lower() == ".pdf":
                item.pdfs.append(path)  # an attached PDF goes into the 合订本 as it is
            elif path.suffix.lower() in CONVERTIBLE:
                to_convert.append((item, path))

    extra = _copy_other_attachments(pf, work, {f.id for m in materials for f in m.files})

    combined = False
    if not has_office:
        notes.append(tr("未找到 LibreOffice：未生成 PDF 和合订本（{name}）。安装 LibreOffice 后重新生成申报包即可。",
                        name=COMBINED_NAME))
    else:
        report(55, tr("正在用 LibreOffice 转换 PDF……"))
        _convert(work, to_convert, notes)
    for item in packed:
        item.pages = _pages(item)
    report(85, tr("正在生成材料清单……"))
    with official_language():
        (work / CHECKLIST_NAME).write_bytes(checklist_docx(pf, packed, extra, draft, version, notes))
    if has_office and any(item.pdfs for item in packed):
        report(90, tr("正在合成合订本……"))
        stamp = draft_stamp(notes) if draft and any(i.pdfs and i.material.status == ATTACHED for i in packed) \
            else None  # generated documents carry 草稿 in their own headers; attached ones get the stamp
        combined = merge_pdfs([(f"{item.number:02d} {item.material.label}" + (tr("（草稿）") if draft else ""),
                                item.pdfs, item.material.status == ATTACHED) for item in packed if item.pdfs],
                              work / COMBINED_NAME, stamp=stamp)
    return PackageReport(work, [], version, draft, missing, notes, combined)


def _write_attachment(pf: DossierSource, aid: str, folder: Path, name: str) -> Path:
    """Write one attachment into ``folder`` under ``name`` through the program's one safe attachment
    writer (safefiles: a safe name, never over an existing file, checked bytes, no half file)."""
    from smartcity_desktop.safefiles import write_attachment

    return Path(write_attachment(pf, aid, folder, name=name))


def _copy_attachment(pf: DossierSource, aid: str, name: str, folder: Path, stem: str) -> str:
    """Write one attachment into ``folder`` as ``stem`` + its (checked or guessed) extension; return its
    name relative to the package folder."""
    head = next(iter(pf.read_attachment(aid)), b"")[:512]
    written = _write_attachment(pf, aid, folder, stem + guess_suffix(name, head))
    return f"{ATTACHMENT_DIR}/{written.name}" if folder.name == ATTACHMENT_DIR else written.name


def _copy_other_attachments(pf: DossierSource, work: Path, taken: set[str]) -> list[tuple[str, str]]:
    """Every other attachment (conditions' and indicators' evidence, other materials) under 附件/."""
    rest = [a for a in pf.attachments() if a.id not in taken]
    out: list[tuple[str, str]] = []
    if not rest:
        return out
    folder = work / ATTACHMENT_DIR
    folder.mkdir()
    used: set[str] = set()
    for n, att in enumerate(rest, start=1):
        safe = safe_name(att.name)
        suffix = PurePath(safe).suffix
        stem = f"{n:02d}-{safe[:-len(suffix)] if re.fullmatch(r'[.][A-Za-z0-9]{1,5}', suffix) else safe}"
        while stem in used:
            stem += "_"
        used.add(stem)
        out.append((_copy_attachment(pf, att.id, att.name, folder, stem), att.target))
    return out


def _convert(work: Path, to_convert: list[tuple[PackedMaterial, Path]], notes: list[str]) -> None:
    """PDFs of the generated documents go into the package (NN-申报书.pdf...); PDFs of attached Word files,
    images or texts only into the 合订本 (the package keeps the staff's original file)."""
    from smartcity_desktop.export.pdf import convert_to_pdf

    if not to_convert:
        return
    with scratch("package") as temp:  # private, removed afterwards: plaintext of an encrypted dossier
        sources = []
        stems: set[str] = set()
        for item, path in to_convert:  # copies: the package keeps the files exactly as written
            stem = path.stem
            if stem in stems:  # 04-项目投融资方案.docx and .xlsx: the workbook's PDF is …-表.pdf
                stem += "-表" if path.suffix.lower() in (".xlsx", ".xls", ".ods", ".et") else f"-{len(stems)}"
            stems.add(stem)
            source = temp / "in" / f"{stem}{path.suffix}"
            source.parent.mkdir(exist_ok=True)
            data = path.read_bytes()
            if path.suffix.lower() == ".docx" and item.material.status == GENERATED:
                data = _libreoffice_ready(data)
            source.write_bytes(data)
            sources.append(source)
        # Package names are unique (NN-...), so one LibreOffice start converts them all.
        try:
            pdfs = convert_to_pdf(sources, temp)
        except FileProblem:
            pdfs = []
            for source in sources:  # find the one that fails, keep the others
                try:
                    pdfs += convert_to_pdf([source], temp)
                except FileProblem as exc:
                    notes.append(tr("{name} 未能转换为 PDF，未收入合订本（{detail}）", name=source.name, detail=exc))
                    pdfs.append(temp / "-")
        for (item, _path), source, pdf in zip(to_convert, sources, pdfs):
            if not pdf.is_file():
                continue
            if item.material.status == GENERATED:
                kept = work / (source.stem + ".pdf")
                shutil.copyfile(pdf, kept)
                item.files.append(kept.name)
                item.pdfs.append(kept)
            else:  # read now: the temporary folder goes before the 合订本 is written
                item.pdfs.append(pdf.read_bytes())


def _libreoffice_ready(data: bytes) -> bytes:
    """Generated Word files are prepared for LibreOffice's PDF step the way the exports prepare them
    (the official style's character grid, issue 11)."""
    from smartcity_desktop.export.official_style import libreoffice_ready

    return bytes(libreoffice_ready(data))


def _pdf_bytes(source: Path | bytes) -> bytes:
    return source if isinstance(source, bytes) else source.read_bytes()


def _pages(item: PackedMaterial) -> int | None:
    """Pages of a material: counted from its PDFs (attached, or converted for the 合订本), else the
    count the user entered for an attached file the program cannot read."""
    if item.material.status == ATTACHED and item.material.pages is not None:
        return item.material.pages
    counts = [count_pages("x.pdf", _pdf_bytes(p)) for p in item.pdfs]
    if not counts or not all(counts):
        return item.material.pages
    if item.material.status == ATTACHED and len(item.pdfs) < len(item.material.files):
        return None  # some file was neither a PDF nor convertible: its pages are unknown
    return sum(c for c in counts if c)


def draft_stamp(notes: list[str]) -> bytes | None:
    """A one-page A4 PDF holding only a red 草稿 at the top right (LibreOffice draws it with a CJK face;
    pypdf could not), laid over every page of a draft 合订本 — attached scans included."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    from smartcity_desktop.export.pdf import convert_to_pdf

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.right_margin = Mm(8), Mm(10)
    p = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(DRAFT_STAMP)
    run.bold = True
    run.font.size = Pt(22)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")
    with scratch("stamp") as tmp:
        source = tmp / "stamp.docx"
        doc.save(str(source))
        try:
            return convert_to_pdf([source], tmp)[0].read_bytes()
        except FileProblem as exc:
            notes.append(tr("合订本未能加盖“草稿”标记（{detail}）", detail=exc))
            return None


def _stamped(page: Any, stamp: Any) -> None:
    """Lay ``stamp`` (an A4 page) over ``page`` with their top-right corners together."""
    from pypdf import Transformation

    dx = float(page.mediabox.right) - float(stamp.mediabox.right)
    dy = float(page.mediabox.top) - float(stamp.mediabox.top)
    page.merge_transformed_page(stamp, Transformation().translate(dx, dy))


def merge_pdfs(parts: list[tuple[str, list[Path | bytes], bool]], dest: Path, *, stamp: bytes | None = None) -> bool:
    """One PDF of ``parts`` (title, PDFs, stamp it?) in order, with one top-level bookmark per part (pypdf);
    ``stamp`` (a one-page PDF) is laid over every page of the parts that ask for it."""
    from pypdf import PdfReader, PdfWriter

    stamp_page = None
    if stamp:
        try:
            stamp_page = PdfReader(io.BytesIO(stamp)).pages[0]
        except Exception:  # noqa: BLE001 - no stamp rather than no 合订本
            stamp_page = None
    writer = PdfWriter()
    for title, pdfs, stamp_it in parts:
        first_page: int | None = None
        for pdf in pdfs:
            try:
                reader = PdfReader(io.BytesIO(_pdf_bytes(pdf)))
                start = len(writer.pages)
                for page in reader.pages:
                    added = writer.add_page(page)
                    if stamp_page is not None and stamp_it:
                        _stamped(added, stamp_page)
            except Exception:  # noqa: BLE001, S112 - a damaged attached PDF: left out of the 合订本, still in the package
                continue
            if first_page is None and len(writer.pages) > start:
                first_page = start
        if first_page is not None:
            writer.add_outline_item(title=title, page_number=first_page)
    if not writer.pages:
        return False
    writer.page_mode = "/UseOutlines"
    with open(dest, "wb") as handle:
        writer.write(handle)
    return True


def write_manifest(folder: Path, dossier_id: str, version: dict[str, Any] | None) -> list[str]:
    """``manifest.json`` listing every file under ``folder`` (names relative, '/'-separated; not itself)."""
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                   and p.relative_to(folder).as_posix() != MANIFEST)
    manifest = {"format": MANIFEST_FORMAT, "dossier_id": dossier_id, "version": version,
                "program_version": __version__,
                "files": [{"name": n, "size": (folder / n).stat().st_size, "sha256": sha256_of(folder / n)}
                          for n in names]}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return names


def checklist_docx(pf: DossierSource, packed: list[PackedMaterial], extra: list[tuple[str, str]], draft: bool,
                   version: dict[str, Any] | None, notes: list[str]) -> bytes:
    """材料清单.docx: what the package holds, with page counts where known."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from smartcity_desktop.export.context import _target_label

    doc = Document()
    for name in ("Normal", "Heading 1", "Table Grid"):
        style = doc.styles[name]
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
        rfonts.set(qn("w:eastAsia"), "黑体" if name != "Normal" else "仿宋_GB2312")
        rfonts.set(qn("w:ascii"), "Times New Roman")
        rfonts.set(qn("w:hAnsi"), "Times New Roman")
    doc.styles["Normal"].font.size = Pt(12)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    d = pf.dossier
    profile = profile_of(d)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(tr("{name}国家智慧城市试点申报材料清单", name=d.get("applicant.name") or ""))
    run.font.size = Pt(20)
    run.bold = True
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")
    if draft:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(tr("草稿")).bold = True
    doc.add_paragraph(tr("申报批次：{round}；申报单位：{unit}", round=profile.label, unit=d.get("applicant.unit") or "—"))
    if version:
        doc.add_paragraph(tr("卷宗版本：{name}{final}", name=version["name"], final=tr("（定稿）") if version["final"] else ""))
    table = doc.add_table(rows=1, cols=5)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    widths = (Mm(14), Mm(42), Mm(56), Mm(28), Mm(16))
    for cell, text in zip(table.rows[0].cells, (tr("序号"), tr("材料"), tr("文件"), tr("来源"), tr("页数"))):
        cell.paragraphs[0].add_run(text).bold = True
    source = {ATTACHED: tr("附件（原件）"), GENERATED: tr("本程序生成"), MISSING: tr("缺")}
    for item in packed:
        m = item.material
        row = table.add_row().cells
        row[0].text = f"{item.number:02d}"
        row[1].text = m.label + ("" if m.required else tr("（参考）"))
        row[2].text = "\n".join(item.files) or tr("（未提供）")
        row[3].text = source[m.status]
        row[4].text = "" if item.pages is None else str(item.pages)
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    if extra:
        doc.add_paragraph(tr("其他附件（{folder}/）", folder=ATTACHMENT_DIR), style="Heading 1")
        t2 = doc.add_table(rows=1, cols=2)
        t2.style = doc.styles["Table Grid"]
        t2.rows[0].cells[0].paragraphs[0].add_run(tr("文件")).bold = True
        t2.rows[0].cells[1].paragraphs[0].add_run(tr("所属")).bold = True
        for name, target in extra:
            cells = t2.add_row().cells
            cells[0].text = name
            cells[1].text = _target_label(d, target)
    for note in notes:
        doc.add_paragraph(note)
    doc.add_paragraph(tr("本清单及 {manifest} 由程序生成；{manifest} 记录每个文件的 SHA-256 校验值，收件方可用 "
                         "verify-package 核对。", manifest=MANIFEST))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class SubmittedState:
    """The last final version (the one submitted) and how many fields changed since: a final version
    is frozen, later edits continue as a new draft."""

    version: Any  # store.VersionInfo
    changes_since: int


def submitted_version(pf: ProjectFile) -> SubmittedState | None:
    finals = [v for v in pf.versions() if v.final]
    if not finals:
        return None
    last = finals[-1]
    if not pf.readonly:
        pf.flush()
    return SubmittedState(last, len(pf.diff(pf.version_values(last.id), pf.committed_values())))
