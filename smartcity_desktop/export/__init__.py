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
PLAN_NAME = "实施方案.docx"
FORMATS = ("docx", "xlsx", "pdf", "plan")

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
                   template: Path | None = None) -> list[Path]:
    """Write the requested exports of ``pf`` (a ProjectFile, read-only is fine) into ``out_dir``.

    ``formats``: any of docx, xlsx, pdf ("pdf" converts both documents through LibreOffice).
    ``progress(percent, message)`` is called along the way. Returns the written paths.
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
        raise DataProblem(tr("未知的导出格式：{fmts}（可用 docx、xlsx、pdf、plan）", fmts=",".join(unknown) or "-"))
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
    if "docx" in wanted or "pdf" in wanted:
        report(20, tr("正在生成申报书……"))
        with official_language():
            docx = render_docx(data, template)
    if "xlsx" in wanted or "pdf" in wanted:
        report(50, tr("正在生成指标自评表……"))
        with official_language():
            xlsx = render_xlsx(data, pf.dossier_id)
    plan = None
    if "plan" in wanted:
        from smartcity_desktop.export.plan_docx import render_plan

        report(60, tr("正在生成实施方案……"))
        with official_language():
            plan = render_plan(data)
        written.append(write_atomic(out_dir / PLAN_NAME, plan))
    if "docx" in wanted and docx is not None:
        written.append(write_atomic(out_dir / DOCX_NAME, docx))
    if "xlsx" in wanted and xlsx is not None:
        written.append(write_atomic(out_dir / XLSX_NAME, xlsx))
    if "pdf" in wanted and docx is not None and xlsx is not None:
        report(65, tr("正在用 LibreOffice 转换 PDF……"))
        from smartcity_desktop.privatetemp import scratch

        with scratch("pdf") as work:  # private (0700), removed at exit; a killed run's at the next start
            sources = [work / DOCX_NAME, work / XLSX_NAME]
            sources[0].write_bytes(docx)
            sources[1].write_bytes(xlsx)
            if plan is not None:
                sources.append(work / PLAN_NAME)
                sources[-1].write_bytes(plan)
            for pdf in convert_to_pdf(sources, work):
                written.append(write_atomic(out_dir / pdf.name, pdf.read_bytes()))
    report(100, tr("导出完成"))
    return written
