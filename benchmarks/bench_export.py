"""Export speed: the demo dossier (docx + xlsx), the ratio against a bare python-docx script writing
the same paragraphs and tables, and the large benchmark dossier.

    python benchmarks/bench_export.py [--large PATH] [--repeat 5] [--json]

Times are measured inside the process (interpreter start excluded); the libraries' import time is
reported on its own. "first export" runs with an empty template cache, so it includes preparing the
Word template once (docxtpl tag patching + Jinja compilation); "disk cache" is a new process whose
cache under the data folder is filled; "warm" is every later export in the same process (the GUI).
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


def _timed(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def bare_python_docx(doc_path: Path) -> tuple[Any, int, int]:
    """What a hand-written python-docx script would do: the same paragraphs (text + style) and
    tables (cell texts), written with ``add_paragraph`` / ``add_table`` and ``row.cells``."""
    from docx import Document
    from docx.oxml.ns import qn

    src = Document(str(doc_path))
    blocks: list[tuple[str, Any]] = []
    for el in src.element.body:
        if el.tag == qn("w:p"):
            style = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            blocks.append(("p", (style.get(qn("w:val")) if style is not None else None,
                                 "".join(t.text or "" for t in el.iter(qn("w:t"))))))
        elif el.tag == qn("w:tbl"):
            rows = [["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.findall(qn("w:tc"))]
                    for tr in el.findall(qn("w:tr"))]
            blocks.append(("t", rows))
    style_names = {s.style_id: s.name for s in src.styles}

    def write() -> bytes:
        import io

        doc = Document(str(doc_path))  # the same styles, like a script starting from the template
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        for kind, content in blocks:
            if kind == "p":
                style, text = content
                doc.add_paragraph(text, style=style_names.get(style) if style else None)
            else:
                table = doc.add_table(rows=len(content), cols=max(len(r) for r in content))
                for row, texts in zip(table.rows, content):
                    for cell, text in zip(row.cells, texts):
                        cell.text = text
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    n_p = sum(1 for k, _ in blocks if k == "p")
    return write, n_p, len(blocks) - n_p


def bench(large: Path | None, repeat: int) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="bench-export-"))
    os.environ["SMARTCITY_DATA_DIR"] = str(data_dir / "data")  # empty template cache: a true cold start
    results: dict[str, Any] = {}
    t0 = time.perf_counter()
    from smartcity_desktop.demo import build_demo
    from smartcity_desktop.export import export_dossier
    from smartcity_desktop.store import ProjectFile

    demo = build_demo(data_dir / "demo.scdossier")
    out = data_dir / "out"
    out.mkdir()
    results["setup_s"] = time.perf_counter() - t0
    t = time.perf_counter()
    import docx  # noqa: F401 - the libraries an export loads on first use
    import docxtpl  # noqa: F401
    import jinja2.sandbox  # noqa: F401
    import xlsxwriter  # noqa: F401

    results["library_import_s"] = time.perf_counter() - t
    with ProjectFile.open(demo, readonly=True) as pf:
        t = time.perf_counter()
        demo_files = export_dossier(pf, out, ["docx", "xlsx"])
        results["demo_cold_s"] = time.perf_counter() - t
        warm = _timed(lambda: export_dossier(pf, out, ["docx", "xlsx"]), repeat)
        results["demo_warm_s"] = statistics.median(warm)

        from smartcity_desktop.export.context import build_export_data
        from smartcity_desktop.export.docx_export import _memory, render_docx
        from smartcity_desktop.export.xlsx_export import render_xlsx

        _memory.clear()  # a new process with the disk cache already filled
        t = time.perf_counter()
        export_dossier(pf, out, ["docx", "xlsx"])
        results["demo_disk_cached_s"] = time.perf_counter() - t
        data = build_export_data(pf.dossier, pf.attachments())
        results["demo_docx_s"] = statistics.median(_timed(lambda: render_docx(data), repeat))
        results["demo_xlsx_s"] = statistics.median(_timed(lambda: render_xlsx(data, pf.dossier_id), repeat))
    write, n_p, n_t = bare_python_docx(demo_files[0])
    write()
    results["bare_python_docx_s"] = statistics.median(_timed(write, repeat))
    results["bare_paragraphs"], results["bare_tables"] = n_p, n_t
    results["docx_ratio"] = results["demo_docx_s"] / results["bare_python_docx_s"]

    if large is None:
        from benchmarks.make_large import make  # type: ignore[import-not-found]

        large = data_dir / "large.scdossier"
        t = time.perf_counter()
        make(large, preset="large")
        results["large_build_s"] = time.perf_counter() - t
    with ProjectFile.open(large, readonly=True) as pf:
        results["large_projects"] = len(pf.dossier.project_ids())
        results["large_attachments"] = len(pf.attachments())
        t = time.perf_counter()
        large_files = export_dossier(pf, out, ["docx", "xlsx"])  # <申报单位>-申报书.docx, …-指标自评表.xlsx
        results["large_first_s"] = time.perf_counter() - t
        results["large_warm_s"] = statistics.median(_timed(lambda: export_dossier(pf, out, ["docx", "xlsx"]),
                                                           max(1, repeat // 2)))
    results["large_docx_bytes"] = large_files[0].stat().st_size
    results["large_xlsx_bytes"] = large_files[1].stat().st_size
    shutil.rmtree(data_dir, ignore_errors=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=Path, help="an existing large dossier (else make_large.py builds one)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    r = bench(args.large, args.repeat)
    if args.json:
        print(json.dumps(r, indent=2, ensure_ascii=False))
        return 0
    print(f"importing python-docx, docxtpl, jinja2, XlsxWriter:  {r['library_import_s']:.3f} s")
    print(f"demo docx+xlsx, first export, empty template cache:  {r['demo_cold_s']:.3f} s")
    print(f"demo docx+xlsx, template cache on disk only:        {r['demo_disk_cached_s']:.3f} s")
    print(f"demo docx+xlsx, warm (median of {args.repeat}):              {r['demo_warm_s']:.3f} s  (goal <= 0.5 s)")
    print(f"  docx {r['demo_docx_s']:.3f} s, xlsx {r['demo_xlsx_s']:.3f} s")
    print(f"bare python-docx, same {r['bare_paragraphs']} paragraphs + {r['bare_tables']} tables: "
          f"{r['bare_python_docx_s']:.3f} s -> ratio {r['docx_ratio']:.2f}x (goal <= 1.5x)")
    print(f"large ({r['large_projects']} projects, {r['large_attachments']} attachments) docx+xlsx: "
          f"first {r['large_first_s']:.3f} s, warm {r['large_warm_s']:.3f} s (goal <= 5 s); "
          f"docx {r['large_docx_bytes'] // 1024} KB, xlsx {r['large_xlsx_bytes'] // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
