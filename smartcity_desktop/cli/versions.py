"""Named versions: ``versions FILE list|create NAME [--final]|restore ID|diff ID [ID]``."""
from __future__ import annotations

import argparse

from smartcity_desktop.cli.common import ArgumentError, Register, open_dossier, print_json, version_id
from smartcity_desktop.i18n import tr
from smartcity_desktop.textsafe import printable



def cmd_versions(args: argparse.Namespace) -> int:
    pf = open_dossier(args.file, readonly=args.action in ("list", "diff"))
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
            vid = version_id(args.args)
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
            print_json([{"key": k, "old": o, "new": n} for k, o, n in changes])
    finally:
        pf.close()
    return 0



def register(command: Register, sub: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to the parser."""
    p = command("versions", cmd_versions, tr("命名版本：list / create 名称 / restore 编号 / diff 编号 [编号]"))
    p.add_argument("action", choices=("list", "create", "restore", "diff"))
    p.add_argument("args", nargs="*")
    p.add_argument("--final", action="store_true", help=tr("标记为定稿"))
