"""Time the core on dossiers of ~1 MB, ~110 MB and ~500 MB; print one table (no asserts).

Measured per file: open (values decoded, attachment blobs not loaded), one-field commit
(``set`` + ``flush`` of one long-text field; median and p95 over ``--commits`` commits), dump
(every value as JSON) and validate. The targets are in benchmarks/README.md; the commit ratio
between the largest and the smallest file shows whether a commit stays flat with file size.

    python benchmarks/bench_core.py [--workdir /tmp/bench] [--commits 200] [--skip-huge]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_large import make

from smartcity_desktop.store import ProjectFile
from smartcity_desktop.validate import validate

TARGETS = {"open": 300.0, "commit_p50": 5.0, "validate": 50.0}


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def measure(path: Path, commits: int) -> dict[str, float]:
    size_mb = path.stat().st_size / 1e6  # before the commits below add to the change log
    opens = []
    for _ in range(5):
        start = time.perf_counter()
        pf = ProjectFile.open(path)
        opens.append((time.perf_counter() - start) * 1000)
        pf.close()
    pf = ProjectFile.open(path)
    try:
        key = "indicators[1.1.1].measures"
        base = pf.dossier.get(key) or ""
        counter = iter(range(10**9))

        def commit() -> None:
            pf.set(key, f"{base[:4000]}（第{next(counter)}次修改）")
            pf.flush()

        commit_ms = timed(commit, commits)
        dump_ms = timed(lambda: json.dumps(pf.dossier.values(), ensure_ascii=False), 5)
        validate_ms = timed(lambda: validate(pf.dossier), 5)
    finally:
        pf.close()
    return {"size_mb": size_mb, "open": statistics.median(opens),
            "commit_p50": statistics.median(commit_ms), "commit_p95": p95(commit_ms),
            "dump": statistics.median(dump_ms), "validate": statistics.median(validate_ms)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default=os.environ.get("TMPDIR", "/tmp") + "/smartcity-bench")
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--skip-huge", action="store_true", help="only the ~1 MB and ~110 MB files")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the dossiers even if present")
    args = parser.parse_args()
    print(f"{args.commits} commits per file; open, dump, validate: median of 5", file=sys.stderr)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    cases = [("small (~1 MB)", work / "small.scdossier", {"preset": "small"}),
             ("large (57×5000 chars, 200 projects, 100×1 MB)", work / "large.scdossier", {"preset": "large"})]
    if not args.skip_huge:
        cases.append(("huge (large + 392 MB more attachments)", work / "huge.scdossier",
                      {"preset": "large", "extra_mb": 392}))
    rows = []
    for label, path, options in cases:
        if args.rebuild or not path.exists():
            make(path, **options)  # type: ignore[arg-type]
        rows.append((label, measure(path, args.commits)))
    header = f"{'dossier':48} {'MB':>7} {'open ms':>8} {'commit p50':>11} {'commit p95':>11} {'dump ms':>8} " \
             f"{'validate ms':>12}"
    print(header)
    print("-" * len(header))
    for label, r in rows:
        print(f"{label:48} {r['size_mb']:7.1f} {r['open']:8.1f} {r['commit_p50']:11.2f} {r['commit_p95']:11.2f} "
              f"{r['dump']:8.1f} {r['validate']:12.1f}")
    ratio = rows[-1][1]["commit_p50"] / rows[0][1]["commit_p50"]
    print(f"\ncommit p50 ratio largest/smallest file: {ratio:.2f}")
    worst = {k: max(r[k] for _, r in rows) for k in TARGETS}
    for k, limit in TARGETS.items():
        print(f"target {k} <= {limit} ms: worst {worst[k]:.2f} ms -> {'met' if worst[k] <= limit else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
