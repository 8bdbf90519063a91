"""Command-line subcommands of the submission flow: ``attach``, ``materials``, ``package`` and
``verify-package`` (DESIGN.md, Command line and Submission package)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smartcity_desktop.cli.common import ArgumentError, Register, open_dossier, print_json
from smartcity_desktop.i18n import tr



def cmd_attach(args: argparse.Namespace) -> int:
    from smartcity_desktop.errors import FileProblem

    paths = [Path(p) for p in args.paths]
    for path in paths:
        if not path.is_file():
            raise FileProblem(tr("找不到文件 {path}", path=path))
    pf = open_dossier(args.file, readonly=False)
    try:
        pf.dossier.spec(args.to)  # an unknown key is refused before anything is stored
        for path in paths:
            att = pf.add_attachment(args.to, path)
            print(f"{att.id}\t{att.name}\t{args.to}")
    finally:
        pf.close()
    return 0


def cmd_materials(args: argparse.Namespace) -> int:
    from smartcity_desktop.package.materials import ATTACHED, GENERATED, checklist
    from smartcity_desktop.model.rounds import profile_of

    pf = open_dossier(args.file, readonly=True)
    try:
        items = checklist(pf)
        profile = profile_of(pf.dossier)
    finally:
        pf.close()
    if args.json:
        print_json({"round": profile.id, "materials": [m.as_dict() for m in items]})
        return 0
    marks = {GENERATED: tr("程序生成"), ATTACHED: tr("已附文件")}
    print(tr("申报批次：{label}", label=profile.label))
    for m in items:
        status = marks.get(m.status, tr("缺"))
        need = tr("必需") if m.required else tr("可选")
        pages = tr("，{n} 页", n=m.pages) if m.pages is not None else ""
        print(f"[{status}] {m.label}（{need}{pages}）  {m.key}")
        for f in m.files:
            print(f"    {f.id}  {f.name}" + (tr("（{n} 页）", n=f.pages) if f.pages is not None else ""))
    return 0


def cmd_package(args: argparse.Namespace) -> int:
    from smartcity_desktop.package.submission import build_package

    if args.final and args.draft:
        raise ArgumentError(tr("--final 与 --draft 不能同时使用：定稿不能是草稿。"))
    out = Path(args.out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ArgumentError(tr("{path} 已存在且不是空文件夹；请选择新的文件夹。", path=out))
    pf = open_dossier(args.file, readonly=not args.final)
    try:
        if pf.encrypted:
            print(tr("注意：卷宗已加密，但申报包中的文件不加密，请妥善保管。"), file=sys.stderr)
        report = build_package(pf, out, final=args.final, draft=args.draft)
    finally:
        pf.close()
    for name in report.files:
        print(out / name)
    if report.version:
        print(tr("版本：{name}{final}", name=report.version["name"],
                 final=tr("（定稿）") if report.version["final"] else ""))
    for label in report.missing:
        print(tr("缺少材料：{label}", label=label), file=sys.stderr)
    for note in report.notes:
        print(note, file=sys.stderr)
    return 0


def cmd_verify_package(args: argparse.Namespace) -> int:
    from smartcity_desktop.package.verify import verify_package

    result = verify_package(Path(args.dir))
    for line in result.lines():
        print(line)
    return 0 if result.intact else 1


def register(command: Register, sub: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to the parser (``command`` adds the FILE argument)."""
    p = command("attach", cmd_attach, tr("把文件存为附件（如 materials[plan_outline].documents）"))
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--to", required=True, metavar="KEY", help=tr("附件所属的“…documents”字段"))
    command("materials", cmd_materials, tr("申报材料清单及状态")).add_argument("--json", action="store_true")
    p = command("package", cmd_package, tr("生成申报包（全部材料、合订本、清单）"))
    p.add_argument("--out", required=True)
    p.add_argument("--final", action="store_true", help=tr("先生成定稿版本（此后的修改为新草稿）"))
    p.add_argument("--draft", action="store_true", help=tr("卷宗有错误时仍生成，每份文件标“草稿”"))
    p = sub.add_parser("verify-package", help=tr("核对收到的申报包是否完整、未被改动"))
    p.add_argument("dir")
    p.set_defaults(func=cmd_verify_package)
