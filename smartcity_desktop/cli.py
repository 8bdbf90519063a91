"""The command line (DESIGN.md contract). The GUI and the CLI are two faces of the same core.

Exit codes: 0 success; 1 the dossier has errors (validate) or the command failed on the user's
data; 2 a file cannot be read or the arguments are wrong. Errors are one line on stderr.
"""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from smartcity_desktop import __version__
from smartcity_desktop.errors import DataProblem, FileProblem, SmartcityError
from smartcity_desktop.i18n import app_name, default_language, set_language, tr
from smartcity_desktop.textsafe import json_safe, printable

COMMANDS = ("new", "import", "dump", "validate", "export", "info", "versions", "check-template", "demo-file",
            "encrypt", "decrypt", "passwd", "recover", "attachments", "extract", "attach", "materials",
            "package", "verify-package")
COMMANDS += ("analyze",)


class ArgumentError(FileProblem):
    """Wrong arguments (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ArgumentError(tr("参数有误：{message}（用 --help 查看用法）", message=message))


def _passphrase_prompt(name: str) -> str | None:
    if not sys.stdin or not sys.stdin.isatty():
        return None
    return getpass.getpass(tr("卷宗 {name} 的口令：", name=name))


def _open(path: str, *, readonly: bool) -> Any:
    from smartcity_desktop.store import ProjectFile

    return ProjectFile.open(path, readonly=readonly, ask_passphrase=_passphrase_prompt)


def _print_json(data: Any) -> None:
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


# -- commands -----------------------------------------------------------------------------------
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
    pf = _open(args.file, readonly=False)
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
    pf = _open(args.file, readonly=True)
    try:
        _print_json(pf.dossier.values())
    finally:
        pf.close()
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from smartcity_desktop.validate import section_of, summarize, validate

    pf = _open(args.file, readonly=True)
    try:
        findings = validate(pf.dossier)
        summary = summarize(findings)
        if args.json:
            _print_json({"ready": summary.ready, "errors": summary.errors, "warnings": summary.warnings,
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

    pf = _open(args.file, readonly=True)
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
            _print_json(info)
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
    pf = _open(args.file, readonly=True)
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


def cmd_versions(args: argparse.Namespace) -> int:
    pf = _open(args.file, readonly=args.action in ("list", "diff"))
    try:
        if args.action == "list":
            for v in pf.versions():
                final = tr("（定稿）") if v.final else ""
                auto = tr("（自动）") if v.automatic else ""
                print("	".join(printable(x) for x in (v.id, v.created_at, v.author, v.name + final + auto)))
        elif args.action == "create":
            if not args.args:
                raise ArgumentError(tr("请给出版本名称"))
            vid = pf.create_version(" ".join(args.args), final=args.final)
            print(tr("已创建版本 {vid}", vid=vid))
        elif args.action == "restore":
            vid = _version_id(args.args)
            done = pf.restore_version(vid)
            print(tr("已恢复到版本 {vid}（{n} 项修改）", vid=vid, n=len(done)))
            if pf.last_safety_version is not None:
                print(tr("恢复前的内容已自动保存为版本 {vid}；撤销这次恢复：smartcity-desktop versions {file} restore {vid}",
                         vid=pf.last_safety_version, file=args.file))
        else:
            ids = [int(a) for a in args.args if a.isdigit()]
            if not ids:
                raise ArgumentError(tr("请给出版本编号"))
            changes = pf.diff_version(ids[0], ids[1] if len(ids) > 1 else None)
            _print_json([{"key": k, "old": o, "new": n} for k, o, n in changes])
    finally:
        pf.close()
    return 0


def _version_id(values: list[str]) -> int:
    if not values or not values[0].isdigit():
        raise ArgumentError(tr("请给出版本编号"))
    return int(values[0])


def cmd_check_template(args: argparse.Namespace) -> int:
    from smartcity_desktop.export.template_check import check_template

    if not Path(args.template).is_file():
        raise FileProblem(tr("找不到文件 {path}。", path=args.template))
    report = check_template(Path(args.template))
    print(report.text())
    return 0 if report.ok else 1


def cmd_demo_file(args: argparse.Namespace) -> int:
    from smartcity_desktop.demo import build_demo

    path = build_demo(args.file, overwrite=args.force)
    print(tr("已创建示例卷宗 {path}", path=path))
    return 0


def _new_passphrase(*names: str) -> str:
    """A new passphrase from the first set environment variable of ``names``, else asked twice on a tty."""
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    if not sys.stdin or not sys.stdin.isatty():
        raise ArgumentError(tr("需要新口令：请设置环境变量 {var}。", var=names[0]))
    passphrase = getpass.getpass(tr("新口令（至少 8 个字符）："))
    if getpass.getpass(tr("再输入一次：")) != passphrase:
        raise ArgumentError(tr("两次输入的口令不一致。"))
    return passphrase


def _rekey(path: str, action: Callable[[Any], None], done: str) -> int:
    """Open for writing, re-seal every row (one transaction, see store/rekey.py), say what was done."""
    pf = _open(path, readonly=False)
    try:
        action(pf)
    finally:
        pf.close()
    print(done)
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from smartcity_desktop.store.rekey import encrypt_dossier

    passphrase = _new_passphrase("SMARTCITY_NEW_PASSPHRASE", "SMARTCITY_PASSPHRASE")
    return _rekey(args.file, lambda pf: encrypt_dossier(pf, passphrase), tr("已加密卷宗 {path}", path=args.file))


def cmd_decrypt(args: argparse.Namespace) -> int:
    from smartcity_desktop.store.rekey import decrypt_dossier

    return _rekey(args.file, decrypt_dossier,
                  tr("已解除卷宗 {path} 的加密；文件内容不再受口令保护。", path=args.file))


def cmd_passwd(args: argparse.Namespace) -> int:
    from smartcity_desktop.store.rekey import change_passphrase

    passphrase = _new_passphrase("SMARTCITY_NEW_PASSPHRASE")
    return _rekey(args.file, lambda pf: change_passphrase(pf, passphrase), tr("已更改卷宗 {path} 的口令", path=args.file))


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


def cmd_attachments(args: argparse.Namespace) -> int:
    from smartcity_desktop.cli_attachments import list_attachments

    return list_attachments(_open(args.file, readonly=True), as_json=args.json)


def cmd_extract(args: argparse.Namespace) -> int:
    from smartcity_desktop.cli_attachments import extract

    return extract(_open(args.file, readonly=True), args.ids, args.out)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="smartcity-desktop", description=tr("{app}：命令行", app=app_name()))
    parser.add_argument("--lang", choices=("zh_CN", "en"), help=tr("界面语言"))
    parser.add_argument("--version", action="store_true", help=tr("显示版本"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, func: Callable[[argparse.Namespace], int], text: str,
                *positionals: str) -> argparse.ArgumentParser:
        """A subcommand whose first argument is the dossier FILE (then ``positionals``)."""
        p = sub.add_parser(name, help=text)
        for arg in ("file", *positionals):
            p.add_argument(arg)
        p.set_defaults(func=func)
        return p

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
    p = command("export", cmd_export, tr("导出申报书和自评表（plan：实施方案初稿）"))
    p.add_argument("--out", required=True)
    p.add_argument("--format", default="docx,xlsx")
    p.add_argument("--readiness-sheet", action="store_true", help=tr("在自评表中附加基础条件分析表（本程序自己的衡量）"))
    command("info", cmd_info, tr("卷宗概况")).add_argument("--json", action="store_true")
    p = command("versions", cmd_versions, tr("命名版本：list / create 名称 / restore 编号 / diff 编号 [编号]"))
    p.add_argument("action", choices=("list", "create", "restore", "diff"))
    p.add_argument("args", nargs="*")
    p.add_argument("--final", action="store_true", help=tr("标记为定稿"))
    p = sub.add_parser("check-template", help=tr("检查申报书模板中的占位符"))
    p.add_argument("template")
    p.set_defaults(func=cmd_check_template)
    command("encrypt", cmd_encrypt, tr("加密卷宗（新口令取自 SMARTCITY_NEW_PASSPHRASE 或询问）"))
    command("decrypt", cmd_decrypt, tr("解除卷宗加密"))
    command("passwd", cmd_passwd, tr("更改加密卷宗的口令（新口令取自 SMARTCITY_NEW_PASSPHRASE 或询问）"))
    command("recover", cmd_recover, tr("把损坏卷宗中可读的内容恢复到新文件"), "new")
    command("demo-file", cmd_demo_file, tr("生成示例卷宗文件")).add_argument("--force", action="store_true")
    command("attachments", cmd_attachments, tr("列出附件：编号、名称、大小、所属字段")).add_argument(
        "--json", action="store_true")
    p = command("extract", cmd_extract, tr("把附件写入文件夹（只写在那里，使用安全的文件名）"))
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--out", required=True)
    from smartcity_desktop.cli_analyze import add_analyze_command

    add_analyze_command(command)
    from smartcity_desktop.cli_materials import add_parsers

    add_parsers(sub, command, _open)
    return parser


def _configure_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def _language_from(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return default_language()


def command_of(argv: Sequence[str]) -> str | None:
    """The subcommand, if the first positional word (after global options) is one."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang":
            i += 2
            continue
        if arg.startswith("-"):
            i += 1
            continue
        return arg if arg in COMMANDS else None
    return None


def guarded(argv: Sequence[str], action: Callable[[], int]) -> int:
    """Run ``action`` the way every entry point must: errors become one line on stderr plus an exit
    code (DESIGN.md), unexpected ones are logged to a file, never shown as a traceback."""
    try:
        return action()
    except SmartcityError as exc:
        print(f"smartcity-desktop: {printable(exc)}", file=sys.stderr)  # one line, no terminal escapes
        return exc.exit_code
    except KeyboardInterrupt:
        print(tr("已取消"), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (``dump FILE | head``): not an error of ours; stop quietly.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - swallow the interpreter's final flush
        except OSError:
            pass
        return 0
    except MemoryError:
        print(tr("内存不足，操作已取消；卷宗未改动。"), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the contract: one clear line, never a traceback
        from smartcity_desktop.crashlog import log_exception

        where = log_exception(exc, "cli " + " ".join(list(argv)[:1]))
        print(tr("程序内部错误（{kind}）；详细信息已写入 {log}", kind=type(exc).__name__, log=where or "-"),
              file=sys.stderr)
        return 1


def prepare(argv: Sequence[str] | None) -> list[str]:
    """Common start-up of both faces: UTF-8 streams and the language from --lang / SMARTCITY_LANG."""
    args = list(sys.argv[1:] if argv is None else argv)
    _configure_streams()
    set_language(_language_from(args))
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """The subcommands (new, import, dump, validate, export, info, ...). Qt-free."""
    args = prepare(argv)

    def run() -> int:
        parsed = build_parser().parse_args(args)
        if parsed.version:
            print(f"smartcity-desktop {__version__}")
            return 0
        if parsed.command is None:
            raise ArgumentError(tr("请给出命令：{cmds}", cmds=", ".join(COMMANDS)))
        return int(parsed.func(parsed))

    return guarded(args, run)


__all__ = ["main", "guarded", "prepare", "command_of", "COMMANDS", "DataProblem"]
