"""Documents out of the program: ``export`` and ``check-template``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smartcity_desktop.cli.common import ArgumentError, Register, open_dossier
from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr



def cmd_export(args: argparse.Namespace) -> int:
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    from smartcity_desktop.export import FORMATS, export_dossier

    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ArgumentError(tr("未知的导出格式：{fmts}（可用 {known}）", fmts=",".join(unknown) or "-",
                               known="、".join(FORMATS)))
    from smartcity_desktop.export import count_errors
    from smartcity_desktop.safefiles import output_folder

    out = output_folder(args.out)  # a file, a read-only folder, a name too long: one line, exit 2
    pf = open_dossier(args.file, readonly=True)
    try:
        if pf.encrypted:
            print(tr("注意：卷宗已加密，但导出的文件不加密，请妥善保管。"), file=sys.stderr)
        written = export_dossier(pf, out, formats, readiness_sheet=getattr(args, "readiness_sheet", False))
        errors = count_errors(pf.dossier)
    finally:
        pf.close()
    for path in written:
        print(path)
    if errors:
        print(tr("注意：卷宗尚有 {n} 处错误，导出的文件已标为“草稿”（validate 可列出这些错误）。", n=errors), file=sys.stderr)
    if any(p.suffix == ".pdf" for p in written):
        from smartcity_desktop.export.fonts import font_warning

        warning = font_warning()
        if warning:
            print(warning, file=sys.stderr)
    return 0


def cmd_check_template(args: argparse.Namespace) -> int:
    from smartcity_desktop.export.template_check import check_template

    if not Path(args.template).is_file():
        raise FileProblem(tr("找不到文件 {path}。", path=args.template))
    report = check_template(Path(args.template))
    print(report.text())
    return 0 if report.ok else 1



def register(command: Register, sub: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to the parser."""
    p = command("export", cmd_export, tr("导出申报书和自评表（plan：实施方案初稿）"))
    p.add_argument("--out", required=True)
    p.add_argument("--format", default="docx,xlsx")
    p.add_argument("--readiness-sheet", action="store_true", help=tr("在自评表中附加基础条件分析表（本程序自己的衡量）"))
    p = sub.add_parser("check-template", help=tr("检查申报书模板中的占位符"))
    p.add_argument("template")
    p.set_defaults(func=cmd_check_template)
