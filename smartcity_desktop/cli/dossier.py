"""The dossier itself: ``new``, ``import``, ``dump``, ``validate``, ``info``, ``demo-file``, ``recover``."""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from smartcity_desktop.cli.common import ArgumentError, Register, open_dossier, print_json
from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.textsafe import printable



def cmd_new(args: argparse.Namespace) -> int:
    from smartcity_desktop.scheme import default_scheme, load_scheme, load_scheme_by_id
    from smartcity_desktop.store import ProjectFile

    if args.scheme_file:
        scheme = load_scheme(args.scheme_file)
    elif args.scheme:
        scheme = load_scheme_by_id(args.scheme)
    else:
        scheme = default_scheme()
    passphrase = None
    if args.encrypt:
        passphrase = os.environ.get("SMARTCITY_PASSPHRASE")
        if not passphrase:
            if not sys.stdin or not sys.stdin.isatty():
                raise ArgumentError(tr("加密卷宗需要口令：请设置环境变量 SMARTCITY_PASSPHRASE。"))
            passphrase = getpass.getpass(tr("新口令（至少 8 个字符）："))
            if getpass.getpass(tr("再输入一次：")) != passphrase:
                raise ArgumentError(tr("两次输入的口令不一致。"))
    from smartcity_desktop.model.provinces import canonical_province

    province = canonical_province(args.province) or args.province  # "浙江" / "Zhejiang" -> 浙江省, as the wizard keeps it
    values = {"applicant.name": args.name, "applicant.level": args.level, "applicant.province": province}
    if args.round:
        values["applicant.round"] = args.round
    path = Path(args.file)
    if path.suffix.lower() != ".scdossier":
        path = path.with_name(path.name + ".scdossier")
    pf = ProjectFile.create(path, scheme, values=values, passphrase=passphrase)
    pf.close()
    print(tr("已创建卷宗 {path}", path=path))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    source = Path(args.source)
    suffix = source.suffix.lower()
    if suffix not in (".json", ".xlsx", ".xlsm"):
        raise ArgumentError(tr("只能导入 .json 或 .xlsx 文件：{name}", name=source.name))
    # The source is read (and refused if it is a FIFO, a device, a folder or too big) before the
    # dossier is opened, so its lock is never held while a hostile source is being read.
    if suffix == ".json":
        from smartcity_desktop.jsonimport import read_json

        data = read_json(source)
    else:
        from smartcity_desktop.export.xlsx_import import check_package, read_workbook

        content = check_package(source)
    pf = open_dossier(args.file, readonly=False)
    try:
        if suffix == ".json":
            done = pf.import_json(data, source=f"import:{source.name}")
        else:
            warnings: list[str] = []
            values = read_workbook(source, pf.dossier, content, dossier_id=pf.dossier_id, warnings=warnings)
            for line in warnings:
                print(tr("注意：{warning}", warning=line), file=sys.stderr)
            done = pf.apply(values, source=f"import:{source.name}")
        safety_vid = pf.last_safety_version
    finally:
        pf.close()
    print(tr("已导入 {n} 项修改（来自 {name}）", n=len(done), name=source.name))
    if safety_vid is not None:
        print(tr("导入前的内容已自动保存为版本 {vid}；撤销这次导入：smartcity-desktop versions {file} restore {vid}",
                 vid=safety_vid, file=args.file))
    return 0


def cmd_dump(args: argparse.Namespace) -> int:
    pf = open_dossier(args.file, readonly=True)
    try:
        print_json(pf.dossier.values())
    finally:
        pf.close()
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from smartcity_desktop.validate import section_of, summarize, validate

    pf = open_dossier(args.file, readonly=True)
    try:
        findings = validate(pf.dossier)
        summary = summarize(findings)
        if args.json:
            print_json({"ready": summary.ready, "errors": summary.errors, "warnings": summary.warnings,
                         "findings": [f.as_dict() | {"section": section_of(f.key, pf.scheme)[0]}
                                      for f in findings]})
        else:
            marks = {"error": tr("错误"), "warning": tr("警告"), "info": tr("提示")}
            for f in findings:
                print(printable(f"[{marks[f.severity]}] {f.key}: {f.message}"))  # no terminal escapes
            print(summary.text())
    finally:
        pf.close()
    return 0 if summary.ready else 1


def cmd_info(args: argparse.Namespace) -> int:
    from smartcity_desktop.model import choice_label
    from smartcity_desktop.validate import overall_percent, section_progress

    pf = open_dossier(args.file, readonly=True)
    try:
        d = pf.dossier
        progress = section_progress(d)
        info = {
            "file": str(pf.path), "scheme": {"id": pf.scheme.id, "version": pf.scheme.version,
                                             "name": pf.scheme.label},
            "applicant": {"name": d.get("applicant.name"), "level": d.get("applicant.level"),
                          "province": d.get("applicant.province")},
            "encrypted": pf.encrypted, "projects": len(d.project_ids()), "attachments": len(pf.attachments()),
            "versions": len(pf.versions()), "completion_percent": overall_percent(d),
            "sections": [{"id": p.id, "label": p.label, "filled": p.filled, "total": p.total,
                          "percent": p.percent} for p in progress],
        }
        if args.json:
            print_json(info)
        else:
            level = choice_label("level", d.get("applicant.level")) if d.get("applicant.level") else "-"
            print(printable(tr("卷宗：{path}", path=pf.path)))  # user text: no terminal escapes
            print(printable(tr("指标体系：{name}（{sid} {version}）", name=pf.scheme.label, sid=pf.scheme.id,
                               version=pf.scheme.version)))
            print(printable(tr("申报单位：{name}（{level}，{province}）", name=d.get("applicant.name") or "-",
                               level=level, province=d.get("applicant.province") or "-")))
            print(tr("项目 {p} 个，附件 {a} 个，版本 {v} 个{enc}", p=info["projects"], a=info["attachments"],
                     v=info["versions"], enc=tr("，已加密") if pf.encrypted else ""))
            print(tr("总体完成度 {pct}%", pct=info["completion_percent"]))
            for p in progress:
                print(f"  {p.label}: {p.filled}/{p.total} ({p.percent}%)")
    finally:
        pf.close()
    return 0


def cmd_demo_file(args: argparse.Namespace) -> int:
    from smartcity_desktop.demo import build_demo

    path = build_demo(args.file, overwrite=args.force)
    print(tr("已创建示例卷宗 {path}", path=path))
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    from smartcity_desktop.store.recover import salvage

    passphrase = os.environ.get("SMARTCITY_PASSPHRASE")
    try:
        report = salvage(args.file, args.new, passphrase=passphrase)
    except FileProblem as exc:
        from smartcity_desktop.store import PassphraseNeeded

        if not isinstance(exc, PassphraseNeeded) or not sys.stdin or not sys.stdin.isatty():
            raise
        report = salvage(args.file, args.new, passphrase=getpass.getpass(tr("卷宗 {name} 的口令：",
                                                                            name=Path(args.file).name)))
    print(report.text())
    return 0



def register(command: Register, sub: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to the parser (``command`` adds the FILE argument)."""
    p = command("new", cmd_new, tr("新建卷宗"))
    p.add_argument("--name", required=True)
    p.add_argument("--level", required=True, choices=("city", "district", "county", "town"))
    p.add_argument("--province", required=True)
    p.add_argument("--scheme", help=tr("指标体系编号"))
    p.add_argument("--scheme-file", help=tr("指标体系文件（JSON）"))
    p.add_argument("--encrypt", action="store_true", help=tr("加密卷宗（口令取自 SMARTCITY_PASSPHRASE 或询问）"))
    p.add_argument("--round", choices=("2012", "2013", "2014"), help=tr("申报批次（年度），默认 2012"))
    command("import", cmd_import, tr("导入 JSON 或 Excel"), "source")
    command("dump", cmd_dump, tr("以 JSON 输出全部内容"))
    command("validate", cmd_validate, tr("检查完整性和一致性")).add_argument("--json", action="store_true")
    command("info", cmd_info, tr("卷宗概况")).add_argument("--json", action="store_true")
    command("demo-file", cmd_demo_file, tr("生成示例卷宗文件")).add_argument("--force", action="store_true")
    command("recover", cmd_recover, tr("把损坏卷宗中可读的内容恢复到新文件"), "new")
