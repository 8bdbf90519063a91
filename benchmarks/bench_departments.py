"""Departments speed: split the large benchmark dossier into 20 work packages, and merge 20 returned ones.

The large dossier of ``make_large.py`` (57 indicators × 3 texts of 5,000 characters, 200 projects, 100
attachments of 1 MB on indicators) gets 20 lead units (indicators and projects dealt round-robin, through
the public API). Each returned package has every text of its unit rewritten and one new project, and the
office has edited one field per unit meanwhile (so merges also take the kept and conflict paths).
Targets (issue 14): split into 20 packages ≤ 5 s; merge of the 20 returned packages ≤ 5 s in all.

    python benchmarks/bench_departments.py [--large PATH] [--repeat 3] [--json]

Times are medians inside the process (interpreter start excluded), wall clock and CPU (this process); the
merge time includes reading and checking the 20 packages (open, signature, the unit's edits) and the one
transaction.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UNITS = [f"市第{n + 1}局" for n in range(20)]


def prepare(large: Path, work: Path) -> Path:
    from smartcity_desktop.store import ProjectFile

    path = work / "large.scdossier"
    shutil.copyfile(large, path)
    with ProjectFile.open(path) as pf:
        values: dict[str, Any] = {}
        for n, ind in enumerate(pf.scheme.indicators):
            values[f"indicators[{ind.id}].lead_unit"] = UNITS[n % 20]
        for n, pid in enumerate(pf.dossier.project_ids()):
            values[f"projects[{pid}].lead_unit"] = UNITS[n % 20]
        pf.apply(values, "typed", safety_version=False)
    return path


def returned(packages: list[Path]) -> None:
    """What the units do: rewrite every text of theirs and add a project (through the guarded API)."""
    from smartcity_desktop.departments import guard
    from smartcity_desktop.store import ProjectFile

    for n, package in enumerate(packages):
        with ProjectFile.open(package) as pkg:
            manifest = guard(pkg)
            assert manifest is not None
            edits: dict[str, Any] = {}
            for iid in manifest.assignment.indicators:
                for name in ("current_state", "target", "measures"):
                    edits[f"indicators[{iid}].{name}"] = f"{manifest.unit}改写：" + (pkg.dossier.get(
                        f"indicators[{iid}].{name}") or "")[:3000]
            for pid in manifest.assignment.projects:
                edits[f"projects[{pid}].content"] = f"{manifest.unit}改写的建设内容。" * 50
            edits[f"projects[bench{n:03d}].name"] = f"{manifest.unit}新增项目"
            pkg.apply(edits, "typed")


def office_edits(path: Path) -> None:
    from smartcity_desktop.store import ProjectFile

    with ProjectFile.open(path) as pf:
        edits = {}
        for n, ind in enumerate(pf.scheme.indicators[:20]):
            edits[f"indicators[{ind.id}].target"] = f"牵头办修改 {n}"  # conflicts with the unit's rewrite
            edits[f"indicators[{ind.id}].deadline"] = "2016-12"  # kept
        pf.apply(edits, "typed")


def measure(large: Path, repeat: int) -> dict[str, Any]:
    from smartcity_desktop.departments import read_package, split_dossier
    from smartcity_desktop.departments.merge import merge_packages
    from smartcity_desktop.store import ProjectFile

    splits: list[float] = []
    merges: list[float] = []
    split_cpu: list[float] = []
    merge_cpu: list[float] = []
    report = None
    sizes: list[int] = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="bench-dept-") as tmp:
            work = Path(tmp)
            path = prepare(large, work)
            with ProjectFile.open(path) as pf:
                started, cpu = time.perf_counter(), time.process_time()
                packages = split_dossier(pf, work / "packages")
                splits.append(time.perf_counter() - started)
                split_cpu.append(time.process_time() - cpu)
            sizes = [p.stat().st_size for p in packages]
            returned(packages)
            office_edits(path)
            started, cpu = time.perf_counter(), time.process_time()
            with ProjectFile.open(path) as pf:
                result = merge_packages(pf, [read_package(p) for p in packages])
            merges.append(time.perf_counter() - started)
            merge_cpu.append(time.process_time() - cpu)
            report = result
    assert report is not None
    return {
        "packages": 20, "split_s": round(statistics.median(splits), 2), "split_all": [round(t, 2) for t in splits],
        "split_cpu_s": round(statistics.median(split_cpu), 2),
        "merge_s": round(statistics.median(merges), 2), "merge_all": [round(t, 2) for t in merges],
        "merge_cpu_s": round(statistics.median(merge_cpu), 2),
        "package_mb_min_max": [round(min(sizes) / 1e6, 1), round(max(sizes) / 1e6, 1)],
        "taken": sum(len(p.taken) for p in report.packages), "kept": sum(len(p.kept) for p in report.packages),
        "conflicts": report.conflicts,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=Path, help="the large dossier (made by make_large.py when absent)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_large import make

    with tempfile.TemporaryDirectory(prefix="bench-large-") as tmp:
        large = args.large or make(Path(tmp) / "large.scdossier")
        if not large.exists():
            make(large)
        result = measure(large, args.repeat)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key:20} {value}")
        ok = result["split_s"] <= 5 and result["merge_s"] <= 5
        print("targets (split ≤ 5 s, merge ≤ 5 s):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
