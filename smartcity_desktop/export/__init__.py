"""Exports: 申报书.docx (Word template), 指标自评表.xlsx (round-trip workbook) and their PDFs.

``export_dossier`` is what the GUI and the command line call. Every file is written to a temporary
name beside its target and then renamed, so a failed or interrupted export never leaves half a file.
"""
from __future__ import annotations

import errno
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from smartcity_desktop.atomic import replacing
from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.i18n import tr, use_language

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


def export_dossier(pf: Any, out_dir: Path, formats: list[str], progress: Progress | None = None, *,
                   template: Path | None = None, readiness_sheet: bool = False) -> list[Path]:
    """Write the requested exports of ``pf`` (a ProjectFile, read-only is fine) into ``out_dir``.

    ``formats``: any of docx, xlsx, pdf ("pdf" converts both documents through LibreOffice), financing
    (the 投融资方案 as .docx and .xlsx; with pdf, converted too).
    ``progress(percent, message)`` is called along the way. Returns the written paths.
    ``readiness_sheet``: the workbook gets the analysis sheet (the program's own measure).
    """
    from smartcity_desktop.export.context import build_export_data
    from smartcity_desktop.export.docx_export import render_docx
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
    with official_language():
        data = build_export_data(pf.dossier, pf.attachments())
    written: list[Path] = []
    docx = xlsx = None
    financing: list[tuple[str, bytes]] = []
    if "financing" in wanted:
        from smartcity_desktop.export.financing import file_stem, render_financing_docx, render_financing_xlsx

        report(15, tr("正在生成投融资方案……"))
        with official_language():
            stem = file_stem(pf.dossier.get("applicant.name"))
            financing = [(f"{stem}.docx", render_financing_docx(data)),
                         (f"{stem}.xlsx", render_financing_xlsx(data, pf.dossier_id))]
    if "plan" in wanted:
        from smartcity_desktop.export.plan_docx import plan_file_name, render_plan

        report(18, tr("正在生成实施方案……"))
        with official_language():
            financing.append((plan_file_name(pf.dossier.get("applicant.name")), render_plan(data)))  # extra documents
    # "pdf" converts every document of the call; alone (or with docx/xlsx) it means the 申报书 and 自评表
    main_pdf = "pdf" in wanted and (not financing or "docx" in wanted or "xlsx" in wanted)
    if "docx" in wanted or main_pdf:
        report(20, tr("正在生成申报书……"))
        with official_language():
            docx = render_docx(data, template)
    if "xlsx" in wanted or main_pdf:
        report(50, tr("正在生成指标自评表……"))
        with official_language():
            xlsx = render_xlsx(data, pf.dossier_id, readiness_sheet=readiness_sheet)
    if "docx" in wanted and docx is not None:
        written.append(write_atomic(out_dir / DOCX_NAME, docx))
    if "xlsx" in wanted and xlsx is not None:
        written.append(write_atomic(out_dir / XLSX_NAME, xlsx))
    for name, content in financing:
        written.append(write_atomic(out_dir / name, content))
    if "pdf" in wanted:
        # The 投融资方案's two files share a stem: the workbook's PDF is named …-投融资方案-表.pdf
        # rather than overwriting the document's.
        documents = [(n, c) for n, c in ((DOCX_NAME, docx), (XLSX_NAME, xlsx)) if c is not None and main_pdf]
        documents += [(f"{Path(n).stem}-表.xlsx" if n.endswith(".xlsx") else n, c) for n, c in financing]
        report(65, tr("正在用 LibreOffice 转换 PDF……"))
        from smartcity_desktop.privatetemp import scratch

        with scratch("pdf") as work:  # private (0700), removed at exit; a killed run's at the next start
            sources = []
            for name, content in documents:
                sources.append(work / name)
                sources[-1].write_bytes(content)
            for pdf in convert_to_pdf(sources, work):
                written.append(write_atomic(out_dir / pdf.name, pdf.read_bytes()))
    report(100, tr("导出完成"))
    return written
