"""``attachments`` and ``extract``: the command line's view of a dossier's attachments (DESIGN.md).

Both are built on safefiles, the one path by which attachments reach the disk: ``extract`` writes only
into the ``--out`` folder, under safe names (a crafted stored name never becomes a path), numbered on a
collision and never over an existing file.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from smartcity_desktop.cli.common import Register, open_dossier
from smartcity_desktop.i18n import tr
from smartcity_desktop.safefiles import check_ids, output_folder, write_attachments
from smartcity_desktop.textsafe import printable



def list_attachments(pf: Any, *, as_json: bool) -> int:
    """Print id, name, size and field of every attachment of ``pf`` (closed afterwards)."""
    try:
        rows = [{"id": a.id, "name": a.name, "size": a.size, "field": a.target}
                for a in pf.attachments()]
    finally:
        pf.close()
    if as_json:
        sys.stdout.write(json.dumps({"attachments": rows}, ensure_ascii=False, indent=2) + "\n")
        return 0
    for row in rows:
        print(f"{printable(row['id'])}\t{printable(row['name'])}\t{row['size']}\t{printable(row['field'])}")
    print(tr("共 {n} 个附件", n=len(rows)))
    return 0


def extract(pf: Any, ids: list[str], out: str) -> int:
    """Write the attachments ``ids`` of ``pf`` into ``out`` (made if missing); print the written paths.
    An unknown id is exit 1 before anything is written; an unusable folder exit 2."""
    try:
        check_ids(pf, ids)  # an unknown id: nothing written, not even the folder
        folder = output_folder(out)
        if pf.encrypted:
            print(tr("注意：卷宗已加密，但导出的文件不加密，请妥善保管。"), file=sys.stderr)
        written = write_attachments(pf, ids, folder)
    finally:
        pf.close()
    for path in written:
        print(printable(str(path)))
    return 0


def cmd_attachments(args: argparse.Namespace) -> int:
    return list_attachments(open_dossier(args.file, readonly=True), as_json=args.json)


def cmd_extract(args: argparse.Namespace) -> int:
    return extract(open_dossier(args.file, readonly=True), args.ids, args.out)


def register(command: Register, sub: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to the parser."""
    command("attachments", cmd_attachments, tr("列出附件：编号、名称、大小、所属字段")).add_argument(
        "--json", action="store_true")
    p = command("extract", cmd_extract, tr("把附件写入文件夹（只写在那里，使用安全的文件名）"))
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--out", required=True)
