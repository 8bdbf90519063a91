#!/usr/bin/env python3
"""Render every kind of GUI page to PNG, offscreen, for docs/img/ and for looking at the screens.

    python tools/screenshots.py [--out docs/img] [--lang zh_CN|en]

Uses a fresh copy of the demo dossier and a throw-away settings folder, so it never touches the
user's files or settings. Each PNG is a grab of the real widget at 1280×820 (dialogs at their size).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"))
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR (2 renders a HiDPI screen)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="smartcity-shots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = args.scale
    os.environ["SMARTCITY_DATA_DIR"] = str(work / "data")
    os.environ["SMARTCITY_DOCUMENTS_DIR"] = str(work)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QWidget

    from smartcity_desktop.demo import build_demo
    from smartcity_desktop.i18n import set_language
    from smartcity_desktop.ui.shell.app import AppController, install_translators, make_application
    from smartcity_desktop.ui.shell.mainwindow import MainWindow
    from smartcity_desktop.ui.shell.style import apply_style

    app = make_application([sys.argv[0]])
    set_language(args.lang)
    install_translators(app, args.lang)
    apply_style(app)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.lang == "zh_CN" else "-en"
    written: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        for _ in range(3):
            QCoreApplication.processEvents()
        path = out / f"screen-{name}{suffix}.png"
        widget.grab().save(str(path))
        written.append(path)

    demo = build_demo(work / "demo.scdossier")
    controller = AppController()
    welcome = controller.show_welcome()
    welcome.resize(900, 560)
    shot(welcome, "welcome")

    from smartcity_desktop.ui.dialogs.new_dossier import NewDossierWizard

    wizard = NewDossierWizard()
    wizard.show()
    wizard.name_page.name.setText("梅园镇" if args.lang == "zh_CN" else "Meiyuan Town")
    shot(wizard, "wizard-name")
    wizard.next()
    wizard.next()  # an empty province is refused, in place
    shot(wizard, "wizard-province")
    wizard.unit_page.province.setEditText("浙江" if args.lang == "zh_CN" else "Zhejiang")
    wizard.next()
    shot(wizard, "wizard-scheme")
    wizard.next()
    shot(wizard, "wizard-save")
    wizard.close()

    window = MainWindow(demo)
    window.resize(1280, 820)
    window.show()
    for page, name in (("applicant", "applicant"), ("conditions[2]", "condition"),
                       ("indicators[1.1.1]", "indicator"), ("projects", "projects"),
                       ("safeguards", "safeguards"), ("attachments", "attachments"), ("review", "review-demo")):
        widget = window.show_page(page)
        if page == "projects":  # a selected project fills the detail pane beside the table
            view = widget.view
            view.setCurrentIndex(view.model().index(4, 1))
        shot(window, name)
    window.go_to("indicators[3.3.1].metrics[1].name")  # the quantified targets table (issue 11)
    shot(window, "indicator-metrics")
    window.go_to("profile.stats_year")
    shot(window, "applicant-period")
    window.go_to("conditions[3].budget[2014].amount_wan")
    shot(window, "condition-budget")
    scheme = window.session.scheme
    summary = next(i for i in scheme.indicators if scheme.is_summary(i.provenance))
    window.show_page(f"indicators[{summary.id}]")
    shot(window, "indicator-summary")
    window.session.set_value(f"indicators[{summary.id}].applicable", False)
    window.show_page(f"indicators[{summary.id}]")
    shot(window, "indicator-not-applicable")
    window.session.undo_stack.undo()
    window.registry["view.grid"].setChecked(True)
    shot(window, "grid")
    window.registry["view.grid"].setChecked(False)
    window.session.set_value("applicant.contact_email", "zhcs@binhu")
    window.session.set_value("applicant.contact_phone", "12")  # a warning beside the errors
    window.session.set_value("profile.urban_population", 900000)
    window.go_to("profile.urban_population")
    window.update_status()
    shot(window, "applicant-errors")
    window.session.undo_stack.undo()
    from smartcity_desktop.ui.dialogs.versions import VersionsDialog

    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    dialog = VersionsDialog(window.session, window)
    vid = dialog.make_version("初稿" if args.lang == "zh_CN" else "First draft")
    window.session.set_value("applicant.leader", "李明" if args.lang == "zh_CN" else "Li Ming")
    dialog.table.selectRow(0)
    dialog.compare(vid)
    dialog.show()
    shot(dialog, "versions")
    dialog.restore(vid)  # what the restore replaced is kept as an automatic version, offered back
    shot(dialog, "versions-restored")
    dialog.close()
    window.show_page("materials")
    shot(window, "materials")
    from smartcity_desktop.ui.dialogs.package import PackageDialog

    package_dialog = PackageDialog(window.session, window)
    package_dialog.show()
    shot(package_dialog, "package")
    package_dialog.close()
    window.close()

    empty = work / "empty.scdossier"
    from smartcity_desktop.scheme import default_scheme
    from smartcity_desktop.store import ProjectFile

    ProjectFile.create(empty, default_scheme(), values={"applicant.name": "梅园镇", "applicant.level": "town"}).close()
    window = MainWindow(empty)
    window.resize(1280, 820)
    window.show()
    window.show_page("review")
    shot(window, "review-new")
    window.show_page("indicators[3.3.5]")
    shot(window, "indicator-empty")
    window.go_to("indicators[3.3.5].target")  # as from the review page: the reason shows, without the name
    window.update_status()
    shot(window, "indicator-from-review")
    from smartcity_desktop.ui.dialogs.help import show_help

    guide = show_help("indicators", window)
    guide.resize(760, 620)
    shot(guide, "help")
    guide.close()
    window.show_page("safeguards")
    window.close()

    # reopened after a crash (a lock left by a process that is gone): the notice, at the page left
    import json
    import socket

    from smartcity_desktop.store.lock import lock_path

    lock_path(empty).write_text(json.dumps({"user": "staff", "host": socket.gethostname(), "pid": 2 ** 22 + 4321,
                                            "time": "2026-11-29T09:05:00+08:00", "program": "smartcity-desktop"}),
                                encoding="utf-8")
    window = MainWindow(empty)
    window.resize(1280, 820)
    window.show()
    shot(window, "crash-notice")
    window.close()
    QApplication.processEvents()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
