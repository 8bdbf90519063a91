"""Submission package speed: the materials checklist, ``package`` and ``verify-package``, on the demo
dossier and on the large benchmark dossier (benchmarks/make_large.py: 100 attachments of 1 MB).

    python benchmarks/bench_package.py [--large PATH] [--repeat 3] [--office] [--json]

Without ``--office`` LibreOffice is switched off (``SMARTCITY_SOFFICE=""``), so the figures are the
program's own work (exports, copying attachments, hashing, the checklist); ``--office`` adds one demo
run with the PDFs and the 合订本. Times are medians inside the process (interpreter start excluded).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _median(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure(path: Path, work: Path, repeat: int, label: str) -> dict[str, Any]:
    from smartcity_desktop.package.materials import _page_cache, checklist
    from smartcity_desktop.package.submission import build_package
    from smartcity_desktop.package.verify import verify_package
    from smartcity_desktop.store import ProjectFile

    out: dict[str, Any] = {"dossier": label, "size_mb": round(path.stat().st_size / 2**20, 1)}
    with ProjectFile.open(path, readonly=True) as pf:
        def cold() -> None:
            _page_cache.clear()
            checklist(pf)

        out["checklist_s"] = round(_median(cold, repeat), 3)
        out["checklist_warm_s"] = round(_median(lambda: checklist(pf), repeat), 4)
        n = 0

        def package() -> None:
            nonlocal n
            n += 1
            build_package(pf, work / f"{label}-{n}", draft=True)

        out["package_s"] = round(_median(package, repeat), 2)
    folder = work / f"{label}-1"
    files = [p for p in folder.rglob("*") if p.is_file()]
    out["package_files"] = len(files)
    out["package_mb"] = round(sum(p.stat().st_size for p in files) / 2**20, 1)
    out["verify_s"] = round(_median(lambda: verify_package(folder), repeat), 3)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", help="a dossier made by benchmarks/make_large.py")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--office", action="store_true", help="also one demo run with LibreOffice")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="smartcity-bench-package-"))
    os.environ["SMARTCITY_DATA_DIR"] = str(work / "data")
    office = os.environ.get("SMARTCITY_SOFFICE")
    os.environ["SMARTCITY_SOFFICE"] = ""
    try:
        from smartcity_desktop.demo import build_demo

        results = [measure(build_demo(work / "demo.scdossier"), work, args.repeat, "demo")]
        if args.large:
            results.append(measure(Path(args.large), work, args.repeat, "large"))
        if args.office:
            if office is None:
                del os.environ["SMARTCITY_SOFFICE"]
            else:
                os.environ["SMARTCITY_SOFFICE"] = office
            from smartcity_desktop.package.submission import build_package
            from smartcity_desktop.store import ProjectFile

            with ProjectFile.open(work / "demo.scdossier", readonly=True) as pf:
                t = time.perf_counter()
                report = build_package(pf, work / "demo-office")
                results.append({"dossier": "demo with LibreOffice", "package_s": round(time.perf_counter() - t, 1),
                                "combined_pdf": report.combined, "package_files": len(report.files) + 1})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for r in results:
            print("  ".join(f"{k}={v}" for k, v in r.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
