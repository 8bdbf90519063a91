#!/usr/bin/env python3
"""Walk the departments round (issue 15) as the coordinator and as two units, saving the pictures of
docs/img/departments-*.png: hand out two packages, the units fill them (one types into a context
field and hands back), the office edits one of the same fields meanwhile, takes both back (summary,
merge), resolves the conflict, looks at the progress and at a field's history.

    xvfb-run -a -s "-screen 0 1280x900x24" python tools/departments_screenshots.py OUTDIR
    WALK_LANG=en xvfb-run -a -s "-screen 0 1280x900x24" python tools/departments_screenshots.py OUTDIR

(the second writes the -en variants). ``convert X.png -colors 256 PNG8:docs/img/X.png`` keeps them
small. Work files go to a temporary folder.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="departments-walk-"))
os.environ["SMARTCITY_DATA_DIR"] = str(WORK / "data")
os.environ["SMARTCITY_DOCUMENTS_DIR"] = str(WORK / "docs")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QDate  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QWidget  # noqa: E402

WATER, HEALTH = "区水务局", "区卫生局"


def main(out: Path) -> None:
    from smartcity_desktop.demo import build_demo
    from smartcity_desktop.i18n import set_language
    from smartcity_desktop.ui import MainWindow
    from smartcity_desktop.ui.dialogs.conflicts import ConflictsDialog
    from smartcity_desktop.ui.dialogs.departments_progress import DepartmentsProgressDialog
    from smartcity_desktop.ui.dialogs.hand_out import HandOutDialog
    from smartcity_desktop.ui.dialogs.take_back import TakeBackDialog, scan_folder
    from smartcity_desktop.ui.shell.app import install_translators
    from smartcity_desktop.ui.shell.style import apply_style
    from smartcity_desktop.ui.widgets.field_widgets import Binder
    from tests.gui_helpers import commit_text

    app = QApplication(sys.argv)
    apply_style(app)
    lang = os.environ.get("WALK_LANG", "zh_CN")
    set_language(lang)
    install_translators(app, "en" if lang == "en" else "zh_CN")
    suffix = "" if lang == "zh_CN" else "-en"
    out.mkdir(parents=True, exist_ok=True)
    dossier = build_demo(WORK / "滨湖区.scdossier")
    folder = WORK / "分发"

    def wait(done: Callable[[], bool], secs: float = 30) -> None:
        end = time.time() + secs
        while not done() and time.time() < end:
            app.processEvents()
            time.sleep(0.02)
        app.processEvents()

    def shot(widget: QWidget, name: str) -> None:
        widget.show()
        wait(lambda: False, 0.3)
        widget.grab().save(str(out / f"{name}{suffix}.png"))

    # the coordinator hands out two packages
    w = MainWindow(dossier)
    w.resize(1280, 820)
    w.show()
    hand_out = HandOutDialog(w.session, w)
    hand_out.resize(1180, 700)
    for r in range(hand_out.table.rowCount()):
        item = hand_out.table.item(r, 0)
        item.setCheckState(item.checkState().Checked if item.text() in (HEALTH, WATER) else item.checkState().Unchecked)
    row = next(r for r in range(hand_out.table.rowCount()) if hand_out.table.item(r, 0).text() == WATER)
    hand_out.table.setCurrentCell(row, 0)
    hand_out.table.cellWidget(row, 3).setDate(QDate(2026, 12, 20))
    hand_out.folder.setText(str(folder))
    shot(hand_out, "departments-hand-out")
    hand_out.write()
    wait(lambda: not hand_out.busy)
    hand_out.close()
    w.session.set_value("indicators[2.2.1].target", "到2016年，城区供水管网漏损率降至10%以内，水质在线监测覆盖全部水厂。")
    w.save_now()
    w.close()

    # the units fill their packages
    edits = {WATER: {"indicators[2.2.1].target": "到2016年，城区供水管网漏损率降至12%以内，水质在线监测覆盖全部水厂和二次供水泵房。",
                     "indicators[2.2.1].measures": "建设供水管网压力与水质在线监测系统，推广智能水表。"},
             HEALTH: {"indicators[3.2.5].target": "到2016年，区属医院电子病历覆盖率达到95%，居民电子健康档案建档率达到90%。"}}
    for unit, values in edits.items():
        u = MainWindow(folder / f"{unit}.scpart")
        u.resize(1280, 820)
        u.show()
        for key, value in values.items():
            u.session.set_value(key, value)
        u.save_now()
        if unit == WATER:
            u.go_to("indicators[2.1.5].target")
            commit_text(u.findChild(QPlainTextEdit, "indicators[2.1.5].target"), "试")
            shot(u, "departments-unit-context")
            QMessageBox.question = lambda *_a, **_k: QMessageBox.StandardButton.Yes  # type: ignore[method-assign]
            back = u.unit.hand_back() if u.unit is not None else None
            if back is not None:
                shot(back, "departments-unit-hand-back")
                back.accept()
        u.close()

    # the coordinator takes them back and decides the conflict
    w = MainWindow(dossier)
    w.resize(1280, 820)
    w.show()
    take = TakeBackDialog(w.session, w)
    take.resize(1000, 460)
    take.add_paths(scan_folder(folder))
    wait(lambda: not take.busy and take.preview is not None)
    shot(take, "departments-take-back")
    take.merge()
    wait(lambda: not take.busy and take.merged is not None)
    shot(take, "departments-merged")
    take.close()
    conflicts = ConflictsDialog(w.session, w)
    conflicts.resize(1180, 600)
    shot(conflicts, "departments-conflict")
    conflicts.take_theirs.click()
    conflicts.close()
    progress = DepartmentsProgressDialog(w.session, w)
    progress.resize(1000, 460)
    shot(progress, "departments-progress")
    w.go_to("indicators[3.2.5].target")
    edit = w.findChild(QPlainTextEdit, "indicators[3.2.5].target")
    binder = next(b for b in edit.children() if isinstance(b, Binder))
    popover = binder.show_history()
    wait(lambda: False, 0.3)
    popover.grab().save(str(out / f"departments-history{suffix}.png"))
    popover.close()
    w.close()
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img"))
