"""Build a large dossier for the benchmarks, through the public store API only.

Default ("large"): every one of the 57 indicators with 5,000 characters in each long text
(current state, target, measures), 200 projects with 5,000-character contents, and 100
attachments of 1 MB of random bytes each (random, so SHA-256 dedup cannot collapse them).
``--extra-mb`` adds more random attachments to reach a given file size (the ~500 MB case);
``--preset small`` makes a ~1 MB dossier with the same shape but short texts and no attachments.

    python benchmarks/make_large.py OUT.scdossier [--preset small|large] [--extra-mb 400]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from smartcity_desktop.scheme import Scheme, default_scheme
from smartcity_desktop.store import ProjectFile

# Common characters of planning prose, so texts look (and weigh: 3 bytes each in UTF-8) like real ones.
POOL = ("智慧城市建设推进信息化基础设施公共平台数据库管理服务网络覆盖率达到以上完成实施方案规划纲要部门共享"
        "政务电子健康档案社会保障交通能源环境安全应急监测系统平台项目投资资金财政银行贷款社会资本运营")
PUNCT = "，。；、"


def prose(rng: random.Random, n: int) -> str:
    """``n`` characters of pseudo-Chinese prose with punctuation every dozen characters or so."""
    out: list[str] = []
    while len(out) < n:
        out.extend(rng.choices(POOL, k=rng.randint(8, 20)))
        out.append(rng.choice(PUNCT))
    return "".join(out[:n - 1]) + "。"


def build_values(scheme: Scheme, text_chars: int, projects: int, seed: int = 2012) -> dict[str, Any]:
    rng = random.Random(seed)
    values: dict[str, Any] = {
        "applicant.name": "大型测试市", "applicant.level": "city", "applicant.province": "江东省",
        "applicant.unit": "大型测试市人民政府", "applicant.contact_phone": "0578-86012345",
        "profile.population": 1_200_000, "profile.urban_population": 900_000, "profile.area_km2": 1234.5,
        "profile.gdp": 8_000_000, "profile.fiscal_revenue": 600_000,
    }
    for name in ("overview", "foundation", "goals", "main_industries"):
        values[f"profile.{name}"] = prose(rng, text_chars)
    for name in ("organisation", "policy", "funding", "operation"):
        values[f"safeguards.{name}"] = prose(rng, text_chars)
    for cond in scheme.conditions:
        values[f"conditions[{cond.id}].status"] = "met"
        values[f"conditions[{cond.id}].evidence"] = prose(rng, text_chars)
    indicator_ids = [ind.id for ind in scheme.indicators]
    for iid in indicator_ids:
        p = f"indicators[{iid}]."
        values[p + "applicable"] = True
        for name in ("current_state", "target", "measures"):
            values[p + name] = prose(rng, text_chars)
        values[p + "lead_unit"] = "市" + prose(rng, 6)[:-1] + "局"
        values[p + "deadline"] = f"{rng.randint(2013, 2015)}-{rng.randint(1, 12):02d}"
        values[p + "readiness"] = rng.choice(("ready", "partial", "none"))
    for n in range(projects):
        pid = f"p{n:05d}"
        p = f"projects[{pid}]."
        values[p + "order"] = n + 1
        values[p + "name"] = f"第{n + 1}号" + prose(rng, 12)[:-1] + "项目"
        values[p + "content"] = prose(rng, text_chars)
        values[p + "indicators"] = rng.sample(indicator_ids, 3)
        values[p + "lead_unit"] = "市" + prose(rng, 6)[:-1] + "局"
        values[p + "start_year"] = 2013
        values[p + "end_year"] = rng.randint(2014, 2016)
        investment = rng.randint(100, 50_000)
        values[p + "investment_wan"] = investment
        values[p + "funding[fiscal].amount_wan"] = investment // 2
        values[p + "funding[bank_loan].amount_wan"] = investment - investment // 2
    return values


def add_random_attachments(pf: ProjectFile, count: int, size: int, targets: list[str], label: str) -> None:
    for n in range(count):
        target = targets[n % len(targets)]
        pf.add_attachment(target, os.urandom(size), name=f"{label}-{n:04d}.pdf")


def make(path: Path, *, preset: str = "large", extra_mb: int = 0, passphrase: str | None = None,
         quiet: bool = False) -> Path:
    """Create ``path`` (overwritten) and return it."""
    scheme = default_scheme()
    if preset == "small":
        text_chars, projects, attachments = 1_000, 20, 0
    else:
        text_chars, projects, attachments = 5_000, 200, 100
    started = time.perf_counter()
    values = build_values(scheme, text_chars, projects)
    pf = ProjectFile.create(path, scheme, values=values, overwrite=True, author="bench", passphrase=passphrase)
    try:
        targets = [f"indicators[{ind.id}].documents" for ind in scheme.indicators]
        add_random_attachments(pf, attachments, 1024 * 1024, targets, "附件")
        if extra_mb:
            chunk_mb = 4
            add_random_attachments(pf, max(1, extra_mb // chunk_mb), chunk_mb * 1024 * 1024, targets, "扫描件")
    finally:
        pf.close()
    if not quiet:
        size = path.stat().st_size
        print(f"{path}: {size / 1e6:.1f} MB, {len(values)} values, built in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--preset", choices=("small", "large"), default="large")
    parser.add_argument("--extra-mb", type=int, default=0, help="extra random attachments (in 4 MB files)")
    parser.add_argument("--encrypt", action="store_true", help="passphrase from SMARTCITY_PASSPHRASE")
    args = parser.parse_args()
    passphrase = os.environ.get("SMARTCITY_PASSPHRASE") if args.encrypt else None
    make(Path(args.out), preset=args.preset, extra_mb=args.extra_mb, passphrase=passphrase)
    return 0


if __name__ == "__main__":
    sys.exit(main())
