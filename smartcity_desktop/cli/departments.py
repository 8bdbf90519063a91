"""Departments (DESIGN.md, Departments: split & merge): ``split``, ``merge`` and ``history``.

``split FILE --out DIR [--unit UNIT]... [--format scpart|xlsx] [--due YYYY-MM-DD]`` prints the paths it wrote.
``merge FILE PACKAGE... [--prefer ours|theirs] [--json]``: exit 0 merged, 1 conflicts left (listed, kept in
the dossier), 2 a package unreadable or of another dossier (nothing changed).
``history FILE [KEY] [--json]``: who changed what, when, from where (and for merges, which unit).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smartcity_desktop.cli.common import ArgumentError, Register, open_dossier, passphrase_prompt, print_json
from smartcity_desktop.i18n import tr
from smartcity_desktop.textsafe import printable

HISTORY_LIMIT = 1_000_000


def cmd_split(args: argparse.Namespace) -> int:
    from smartcity_desktop.departments import split_dossier

    pf = open_dossier(args.file, readonly=False)
    try:
        written = split_dossier(pf, args.out, units=args.unit or (), fmt=args.format, due=args.due or "")
    finally:
        pf.close()
    for path in written:
        print(path)
    if pf.encrypted and args.format == "xlsx":
        print(tr("注意：卷宗已加密，但工作簿形式的工作包不加密，请妥善保管。"), file=sys.stderr)
    return 0


def _short(value: object) -> str:
    text = "" if value is None else str(value)
    return printable(text if len(text) <= 40 else text[:39] + "…")


def cmd_merge(args: argparse.Namespace) -> int:
    from smartcity_desktop.departments import read_package
    from smartcity_desktop.departments.merge import merge_packages

    for name in args.packages:
        if not Path(name).is_file():
            raise ArgumentError(tr("找不到工作包 {path}", path=name))
    pf = open_dossier(args.file, readonly=False)
    try:
        if pf.kind != "dossier":
            raise ArgumentError(tr("{name} 是部门工作包，不是卷宗：请把工作包合并到卷宗中。", name=Path(args.file).name))
        packages = [read_package(name, ask_passphrase=passphrase_prompt, dossier=pf.dossier)
                    for name in args.packages]
        report = merge_packages(pf, packages, prefer=args.prefer)
    finally:
        pf.close()
    if args.json:
        print_json(report.as_dict())
    else:
        for p in report.packages:
            print(printable(tr("{package}（{unit}）：采用 {taken} 项，保留本卷宗 {kept} 项，冲突 {conflicts} 项",
                               package=p.package, unit=p.unit, taken=len(p.taken), kept=len(p.kept),
                               conflicts=len(p.conflicts))))
            for c in p.conflicts:
                print(printable(tr("  冲突 {key}：本卷宗“{ours}”，工作包“{theirs}”", key=c["key"], ours=_short(c["ours"]),
                                   theirs=_short(c["theirs"]))))
        if report.safety_version is not None:
            print(tr("合并前的内容已自动保存为版本 {vid}；撤销这次合并：smartcity-desktop versions {file} restore {vid}",
                     vid=report.safety_version, file=args.file))
    if report.conflicts:
        print(tr("有 {n} 项冲突未解决：两个值都已保留，本卷宗的值暂时有效；用 --prefer ours 或 --prefer theirs 再次合并来决定。",
                 n=report.conflicts), file=sys.stderr)
        return 1
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    pf = open_dossier(args.file, readonly=True)
    try:
        changes = pf.changes(args.key, limit=HISTORY_LIMIT)
    finally:
        pf.close()
    if args.json:
        print_json({"changes": [{"key": c.key, "changed_at": c.changed_at, "author": c.author, "unit": c.unit,
                                 "source": c.source, "old": c.old, "new": c.new} for c in changes]})
        return 0
    for c in changes:
        print("\t".join(printable(x) for x in (c.changed_at, c.author, c.unit or "-", c.source, c.key,
                                               _short(c.new))))
    if not changes:
        print(tr("没有修改记录。"))
    return 0


def register(command: Register, sub: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to the parser."""
    p = command("split", cmd_split, tr("按牵头单位拆分为部门工作包"))
    p.add_argument("--out", required=True)
    p.add_argument("--unit", action="append", help=tr("只为这个牵头单位生成（可重复）"))
    p.add_argument("--format", choices=("scpart", "xlsx"), default="scpart")
    p.add_argument("--due", help=tr("交回截止日期 YYYY-MM-DD"))
    p = command("merge", cmd_merge, tr("把交回的部门工作包逐项合并到卷宗"))
    p.add_argument("packages", nargs="+", metavar="PACKAGE")
    p.add_argument("--prefer", choices=("ours", "theirs"), help=tr("冲突时保留本卷宗的值（ours）或工作包的值（theirs）"))
    p.add_argument("--json", action="store_true")
    p = command("history", cmd_history, tr("修改记录：谁、何时、从哪里改了什么"))
    p.add_argument("key", nargs="?")
    p.add_argument("--json", action="store_true")
