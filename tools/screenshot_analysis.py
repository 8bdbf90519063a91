#!/usr/bin/env python3
"""Render the analysis page to docs/img/screen-analysis[-en].png, offscreen, 1280×820.

    python tools/screenshot_analysis.py [--out docs/img] [--lang zh_CN|en]

The demo dossier is consistent (no findings), so a copy gets three planted inconsistencies — a
population figure in the overview that disagrees with the table, an indicator marked 尚无基础
without a project, a target naming a year after its deadline — and one of them dismissed with a
reason, so the picture shows every part of the page. Kept apart from tools/screenshots.py so that
the other pictures are not regenerated with it.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"))
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="smartcity-shots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SMARTCITY_DATA_DIR"] = str(work / "data")
    os.environ["SMARTCITY_DOCUMENTS_DIR"] = str(work)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

    from PySide6.QtCore import QCoreApplication

    from smartcity_desktop.analysis import analyze, dismissal_key
    from smartcity_desktop.demo import build_demo
    from smartcity_desktop.i18n import set_language
    from smartcity_desktop.store import ProjectFile
    from smartcity_desktop.ui.shell.app import install_translators, make_application
    from smartcity_desktop.ui.shell.mainwindow import MainWindow
    from smartcity_desktop.ui.shell.style import apply_style

    app = make_application([sys.argv[0]])
    set_language(args.lang)
    install_translators(app, args.lang)
    apply_style(app)
    demo = build_demo(work / "demo.scdossier")
    with ProjectFile.open(demo) as pf:
        d = pf.dossier
        pf.set("profile.overview", d.get("profile.overview").replace("常住人口58.6万人", "常住人口62.3万人"))
        pf.set("indicators[1.1.1].readiness", "none")
        key = "indicators[1.2.1].target"
        pf.set(key, d.get(key) + "2016年实现行政村光纤全覆盖。")
        key = "indicators[1.1.1].current_state"
        pf.set(key, d.get(key).replace("总投资约8.83亿元", "总投资约12亿元"))
        dismissed = next(f for f in analyze(pf.dossier).findings if f.key == key)
        pf.set(dismissal_key(dismissed.id), "文中为实施方案初稿时的估算数" if args.lang == "zh_CN"
               else "the text quotes the first draft's estimate")
        pf.flush()
    window = MainWindow(demo)
    window.resize(1280, 820)
    window.show()
    page = window.show_page("analysis")
    deadline = time.monotonic() + 10
    while page.result is None and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    tree = page.tree
    tree.expandAll()
    tree.setCurrentItem(tree.topLevelItem(0))
    for _ in range(3):
        QCoreApplication.processEvents()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"screen-analysis{'' if args.lang == 'zh_CN' else '-en'}.png"
    window.grab().save(str(path))
    window.close()
    shutil.rmtree(work, ignore_errors=True)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
