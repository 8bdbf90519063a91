"""``smartcity-desktop analyze FILE [--json]`` (DESIGN.md): readiness, coverage and findings.

Findings are advice, so the command exits 0 whenever it ran (2 when the file cannot be read, as
every command). """
from __future__ import annotations

import argparse
from smartcity_desktop.cli.common import Register, open_dossier, print_json
from smartcity_desktop.i18n import tr



def cmd_analyze(args: argparse.Namespace) -> int:
    from smartcity_desktop.analysis import analyze, kind_label, note
    from smartcity_desktop.model.investment import format_wan

    pf = open_dossier(args.file, readonly=True)
    try:
        result = analyze(pf.dossier)
    finally:
        pf.close()
    if args.json:
        print_json(result.as_dict())
        return 0
    print(note())
    print(tr("基础条件（适用指标数：基础较好 / 有一定基础 / 尚无基础 / 未填）"))
    for r in result.readiness:
        print(f"  {r.id} {r.name}: {r.ready} / {r.partial} / {r.none} / {r.unset}")
    applicable = [c for c in result.coverage if c.applicable]
    funded = [c for c in applicable if c.funded]
    total = sum(c.amount_wan for c in applicable)
    print(tr("有项目和资金支撑的适用指标：{n} / {total}，合计 {amount} 万元", n=len(funded), total=len(applicable),
             amount=format_wan(total)))
    for f in result.findings:
        print(f"[{kind_label(f.kind)}] {f.key}: {f.message}")
    if result.dismissed:
        print(tr("另有 {n} 条已忽略的提示", n=len(result.dismissed)))
    print(tr("{n} 条提示", n=len(result.findings)) if result.findings else tr("没有发现不一致之处。"))
    return 0


def register(command: Register, sub: argparse._SubParsersAction) -> None:
    """Add this group's subcommand to the parser."""
    command("analyze", cmd_analyze, tr("分析基础条件、项目支撑和前后一致性（本程序自己的衡量）")).add_argument(
        "--json", action="store_true")
