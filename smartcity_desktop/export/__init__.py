"""Exports: 申报书.docx (Word template), 指标自评表.xlsx (round-trip workbook) and their PDFs.

``export_dossier`` is what the GUI and the command line call. Every file is written to a temporary
name beside its target and then renamed, so a failed or interrupted export never leaves half a file.
"""
from __future__ import annotations

import errno
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartcity_desktop.atomic import replacing
from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.i18n import tr, use_language

if TYPE_CHECKING:  # typing only: exports stay importable without opening the store
    from smartcity_desktop.store.source import ExportSource

DOCX_NAME = "申报书.docx"
XLSX_NAME = "指标自评表.xlsx"
FORMATS = ("docx", "xlsx", "pdf", "financing", "plan")  # financing = <applicant>-投融资方案.docx + .xlsx
# plan = <applicant>-实施方案.docx (the draft implementation plan, export/plan_docx.py)

Progress = Callable[[int, str], None]


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temp file and ``os.replace`` (never half a file)."""
    try:
        with replacing(path) as tmp:
            tmp.write_bytes(data)
    except PermissionError:
        if not path.exists():  # nothing there to be held open: the folder itself refuses
            raise FileProblem(tr("无法写入文件夹 {path}：没有写入权限（只读文件夹或只读磁盘）。", path=path.parent)) from None
        raise FileProblem(tr("无法写入 {path}：文件可能正在 Word/Excel/WPS 中打开，请关闭后重试。", path=path)) from None
    except OSError as exc:
        from smartcity_desktop.safefiles import too_long

        message = too_long(path) if exc.errno == errno.ENAMETOOLONG else None
        if exc.errno == errno.EROFS:
            message = tr("无法写入文件夹 {path}：没有写入权限（只读文件夹或只读磁盘）。", path=path.parent)
        raise FileProblem(message or tr("无法写入 {path}：{detail}", path=path, detail=exc.strerror or exc)) from None
    return path


def official_language() -> AbstractContextManager[None]:
    """The declaration and the workbook go to Chinese authorities and departments: their content is
    Chinese whatever language the program's interface uses. Per thread, so the GUI thread keeps its
    language while an export runs in the background."""
    return use_language("zh_CN")


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def file_name(applicant: str | None, name: str) -> str:
    """``青石镇-申报书.docx``: export file names start with the applicant's name (DESIGN.md), made safe
    for Windows (no reserved characters, no trailing dot or space, not too long)."""
    prefix = _UNSAFE.sub("", applicant or "").strip().strip(".").strip()[:60]
    return f"{prefix}-{name}" if prefix else name


def draft_text(errors: int) -> str:
    """What a draft says on every page; empty for a dossier without errors."""
    return tr("草稿：卷宗尚有 {n} 处错误，改正后重新导出方可报送", n=errors) if errors else ""


def count_errors(dossier: Any) -> int:
    from smartcity_desktop.validate import validate
    from smartcity_desktop.validate.findings import ERROR

    return sum(1 for f in validate(dossier) if f.severity == ERROR)


def attachment_pages(pf: ExportSource) -> dict[str, int | None]:
    """Page counts of the dossier's attachments where the file says so (for the attachment index)."""
    from smartcity_desktop.export.page_count import count_pages, plausible, worth_reading

    known = getattr(pf, "page_counts", None)  # the GUI reads them on its thread (Snapshot)
    if isinstance(known, dict):
        return known
    from smartcity_desktop.store.source import AttachmentReader

    pages: dict[str, int | None] = {}
    if not isinstance(pf, AttachmentReader):  # neither counts nor bytes: every count unknown
        return {att.id: None for att in pf.attachments()}
    for att in pf.attachments():
        if not worth_reading(att.name, att.size):  # images count 1 unread; other kinds are unknown
            pages[att.id] = count_pages(att.name, b"")
            continue
        try:
            chunks = iter(pf.read_attachment(att.id))
            head = next(chunks, b"")
            if not plausible(att.name, head):  # not what its name says: no count, and not read further
                pages[att.id] = None
                continue
            pages[att.id] = count_pages(att.name, head + b"".join(chunks))
        except Exception:  # noqa: BLE001 - an unreadable blob is reported elsewhere; here it only lacks a count
            pages[att.id] = None
    return pages


def export_dossier(pf: ExportSource, out_dir: Path, formats: list[str], progress: Progress | None = None, *,
                   template: Path | None = None, readiness_sheet: bool = False) -> list[Path]:
    """Write the requested exports of ``pf`` (a ProjectFile, read-only is fine, or any ExportSource) into ``out_dir``.

    ``formats``: any of docx, xlsx, pdf, financing (the 投融资方案 as .docx and .xlsx), plan (实施方案).
    "pdf" converts every document exported in the same call; alone it means the 申报书 and the 自评表
    (as PDF only). File names start with the applicant's name. A dossier with errors is exported as a
    draft (草稿 in every document). ``progress(percent, message)`` is called along the way.
    ``readiness_sheet``: the workbook gets the analysis sheet (the program's own measure).
    Returns the written paths.
    """
    from smartcity_desktop.export.context import build_export_data
    from smartcity_desktop.export.docx_export import render_docx
    from smartcity_desktop.export.official_style import libreoffice_ready
    from smartcity_desktop.export.pdf import convert_to_pdf, find_soffice, missing_message
    from smartcity_desktop.export.xlsx_export import render_xlsx

    def report(percent: int, message: str) -> None:
        if progress is not None:
            progress(percent, message)

    wanted = [f.strip().lower() for f in formats if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise DataProblem(tr("未知的导出格式：{fmts}（可用 {known}）", fmts=",".join(unknown) or "-",
                             known="、".join(FORMATS)))
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise FileProblem(tr("文件夹 {folder} 不存在。", folder=out_dir))
    if "pdf" in wanted and find_soffice() is None:
        raise FileProblem(missing_message())

    report(5, tr("正在整理数据……"))
    errors = count_errors(pf.dossier)
    draft_line = draft_text(errors)
    draft = bool(errors)  # errors: 草稿 on every page of every document
    with official_language():
        data = build_export_data(pf.dossier, pf.attachments(), attachment_pages(pf))
    applicant = pf.dossier.get("applicant.name")
    author = getattr(pf, "author", "") or ""
    written: list[Path] = []
    financing: list[tuple[str, bytes]] = []
    if "financing" in wanted:
        from smartcity_desktop.export.financing import file_stem, render_financing_docx, render_financing_xlsx

        report(15, tr("正在生成投融资方案……"))
        with official_language():
            stem = file_stem(pf.dossier.get("applicant.name"))
            financing = [(f"{stem}.docx", render_financing_docx(data)),
                         (f"{stem}.xlsx", render_financing_xlsx(data, pf.dossier_id))]
        if draft:
            from smartcity_desktop.export.draft_mark import mark_docx, mark_xlsx

            financing = [(financing[0][0], mark_docx(financing[0][1])), (financing[1][0], mark_xlsx(financing[1][1]))]
    if "plan" in wanted:
        from smartcity_desktop.export.plan_docx import plan_file_name, render_plan

        report(18, tr("正在生成实施方案……"))
        with official_language():
            financing.append((plan_file_name(pf.dossier.get("applicant.name")), render_plan(data, draft=draft)))
    # "pdf" alone means the 申报书 and the 自评表; with other formats it converts what they export
    pdf_only = "pdf" in wanted and not any(f in wanted for f in ("docx", "xlsx", "financing", "plan"))
    documents: list[tuple[str, bytes]] = []  # the 申报书 / 自评表 made in this call
    if "docx" in wanted or pdf_only:
        report(20, tr("正在生成申报书……"))
        with official_language():
            documents.append((file_name(applicant, DOCX_NAME),
                              render_docx(data, template, author=author, draft=draft_line)))
    if "xlsx" in wanted or pdf_only:
        report(50, tr("正在生成指标自评表……"))
        with official_language():
            documents.append((file_name(applicant, XLSX_NAME),
                              render_xlsx(data, pf.dossier_id, readiness_sheet=readiness_sheet, draft=draft_line,
                                          author=author)))
    for name, blob in documents:
        if name.endswith(".docx") and "docx" in wanted or name.endswith(".xlsx") and "xlsx" in wanted:
            written.append(write_atomic(out_dir / name, blob))
    for name, content in financing:
        written.append(write_atomic(out_dir / name, content))
    if "pdf" in wanted:
        # The 投融资方案's two files share a stem: the workbook's PDF is named …-投融资方案-表.pdf
        # rather than overwriting the document's.
        documents += [(f"{Path(n).stem}-表.xlsx" if n.endswith(".xlsx") else n, c) for n, c in financing]
        report(65, tr("正在用 LibreOffice 转换 PDF……"))
        from smartcity_desktop.privatetemp import scratch

        with scratch("pdf") as work:  # private (0700), removed at exit; a killed run's at the next start
            sources = []
            for name, blob in documents:
                (work / name).write_bytes(libreoffice_ready(blob) if name.endswith(".docx") else blob)
                sources.append(work / name)
            for pdf in convert_to_pdf(sources, work):
                written.append(write_atomic(out_dir / pdf.name, pdf.read_bytes()))
    report(100, tr("导出完成"))
    return written
