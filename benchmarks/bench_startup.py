#!/usr/bin/env python3
"""Start-up: ``smartcity-desktop --demo`` to its first window shown, against a bare PySide6 window (no asserts).

    python benchmarks/bench_startup.py [--runs 11] [--workdir DIR] [--json] [--importtime] [--baseline ROOT]

Each run is a fresh process, the cases in a shuffled order each round so all see the same load, and the figure is the
child's CPU time (user + sys, from ``wait4``): on this shared 2-core machine wall time mostly measures
the wait for a core. Every program stops when the first paint of its window is done (an event filter
on each top-level window sees its first Paint event and exits the loop after it): the window is
built, laid out, shown and drawn; work the program defers until after the first paint is not counted.

* bare: ``QApplication`` + a ``QWidget`` resized to 1280×820 and shown;
* mock: the floor — the widgets of our first window (menus, toolbar, outline, the applicant page's 26
  labelled inputs) built in plain PySide6 with Chinese text and no code of ours: what any program that
  shows this window pays over the bare one;
* demo: the installed command's code path, ``smartcity_desktop.main.main(["--demo"])``: argument
  parsing, translators, style, a new copy of the demo dossier written into the Documents folder, opened
  in a worker thread, the main window built on its resume page;
* file: the same with an existing dossier (``smartcity-desktop FILE``), without the demo copy;
* baseline_demo (with ``--baseline ROOT``): the demo case run from another checkout, e.g. ``git worktree add
  /tmp/before <commit>``, so a change is compared with its predecessor under the same load.

The goal (issue 10): demo / bare ≤ 1.5 (CPU, medians of the same run). ``--importtime`` prints the
modules that cost most to import on the demo path (``python -X importtime``, self time, ms).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL = 1.5

# Every program stops at the end of the first paint of a window: an event filter on each top-level window
# sees its first Paint event and asks the loop to exit, which it does once that paint (of the whole window)
# is done. The filter sits on the windows, not on the application: a Python filter on the application is
# called for every event of every object, and each object of a Qt class Python has not seen yet makes
# PySide6 build that class (and its enums) to hand it over — ~60 enums, 10-15 ms, of the harness's own work.
FIRST_PAINT = r"""
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
class _FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QApplication.exit(0)  # leaves the loop when this paint is done
        return False
_first_paint = _FirstPaint()
def _watch_windows():
    for window in QApplication.topLevelWidgets():
        window.installEventFilter(_first_paint)
"""

BARE = FIRST_PAINT + r"""
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget(); w.resize(1280, 820); w.show()
_watch_windows()
app.exec()
print("ready", len(QApplication.topLevelWidgets()), flush=True)
import os; os._exit(0)
"""

# The floor: the widgets of our first window (the demo's applicant page, counted on the real window: a
# menu bar of 10 menus, a toolbar of 11 buttons, an outline tree of 80 entries, a progress bar, 3 groups with
# 26 labelled inputs — 20 line edits, 4 multi-line, 2 combo boxes — each with its hidden message label, a
# status bar), in plain PySide6 with Chinese text and no application code: no dossier, no imports of ours.
# What this costs over the bare window is what any program showing that window pays.
MOCK = FIRST_PAINT + r"""
import sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QMainWindow,
    QPlainTextEdit, QProgressBar, QPushButton, QScrollArea, QSplitter, QStackedWidget, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget, QHBoxLayout)
app = QApplication(sys.argv[:1])
app.setStyle("Fusion")
w = QMainWindow(); w.resize(1280, 820); w.setWindowTitle("示例市 — 智慧城市试点申报助手")
for m in ("文件", "编辑", "查看", "检查", "导出", "部门", "版本", "工具", "窗口", "帮助"):
    menu = w.menuBar().addMenu(m)
    for a in ("新建卷宗…", "打开…", "保存", "另存为…"):
        menu.addAction(a)
tools = w.addToolBar("工具栏")
for a in ("打开", "保存", "撤销", "重做", "检查", "导出", "分发", "收回", "版本", "表格", "帮助"):
    tools.addAction(a)
tree = QTreeWidget(); tree.setHeaderHidden(True)
for s in range(8):
    top = QTreeWidgetItem(tree, [f"第{s + 1}部分 申报条件与基本情况"])
    for i in range(9):
        QTreeWidgetItem(top, [f"{s + 1}.{i + 1} 城市公共信息平台建设"])
tree.expandAll()
page = QWidget(); lay = QVBoxLayout(page)
title = QLabel("申报单位基本情况"); f = title.font(); f.setPointSizeF(f.pointSizeF() * 1.5); f.setBold(True)
title.setFont(f); lay.addWidget(title)
lay.addWidget(QLabel("填写申报城市（区、镇）的基本信息。带 * 的为必填项。"))
n = 0
for g, count in (("申报单位", 10), ("联系人", 8), ("城市概况", 8)):
    box = QGroupBox(g); form = QFormLayout(box)
    for i in range(count):
        edit = QPlainTextEdit() if n % 7 == 6 and n < 28 else QComboBox() if n in (3, 12) else QLineEdit()
        if isinstance(edit, QComboBox):
            edit.addItems(["— 请选择 —", "地级市", "县级市", "区", "镇"])
        edit.setObjectName(f"applicant.field{n}"); edit.setAccessibleName(f"申报单位名称{n}")
        cell = QWidget(); cl = QVBoxLayout(cell); cl.setContentsMargins(0, 0, 0, 0); cl.addWidget(edit)
        msg = QLabel(""); msg.hide(); cl.addWidget(msg)
        form.addRow(QLabel(f"申报单位名称{n} *"), cell); n += 1
    lay.addWidget(box)
scroll = QScrollArea(); scroll.setWidgetResizable(True); scroll.setWidget(page)
stack = QStackedWidget(); stack.addWidget(scroll)
right = QWidget(); rl = QVBoxLayout(right); rl.addWidget(stack)
nav = QHBoxLayout(); nav.addWidget(QPushButton("上一步")); nav.addWidget(QPushButton("下一步")); rl.addLayout(nav)
left = QWidget(); ll = QVBoxLayout(left); bar = QProgressBar(); bar.setValue(42); ll.addWidget(bar); ll.addWidget(tree)
split = QSplitter(Qt.Orientation.Horizontal); split.addWidget(left); split.addWidget(right)
w.setCentralWidget(split); w.statusBar().showMessage("已保存")
w.show()
_watch_windows()
app.exec()
print("ready", 1, flush=True)
import os; os._exit(0)
"""

# The program's own entry point, in the installed command's order: the core first, PySide6 when main() opens
# the GUI. The harness must not import PySide6 before main() (its import hook would then read the source of
# every module of ours imported after it, ~40 ms the real command does not pay): a finder on sys.meta_path
# waits for PySide6.QtWidgets to be loaded by the program and only then wraps QApplication.exec to install
# the same first-paint filter as the other cases.
OURS = r"""
import importlib.machinery, sys
FIRST_PAINT = """ + repr(FIRST_PAINT) + r"""
class _WhenQtWidgetsLoads:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(cls)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            exec(FIRST_PAINT, globals())
            _exec = module.QApplication.exec
            def _exec_once(self=None):
                _watch_windows()
                return _exec()
            module.QApplication.exec = _exec_once
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, _WhenQtWidgetsLoads)
from smartcity_desktop.main import main
code = main(sys.argv[1:])
if code != 0:
    sys.exit(f"exit code {code}")
from PySide6.QtWidgets import QApplication
shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
print("ready", len(shown), ",".join(sorted(type(w).__name__ for w in shown)), flush=True)
import os; os._exit(0)
"""


def env(workdir: Path, code_root: Path = ROOT) -> dict[str, str]:
    out = dict(os.environ)
    # Compiled bytecode as an installed program has it (pip and PyInstaller compile every module): the
    # warm-up runs write it under the work folder, whatever PYTHONDONTWRITEBYTECODE the shell has.
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    out.update(PYTHONPYCACHEPREFIX=str(workdir / "pycache"), QT_QPA_PLATFORM="offscreen",
               # each checkout its own data folder: the demo cache is named by the program's build, and two
               # checkouts sharing one would each find the other's and rebuild it on every run
               SMARTCITY_DATA_DIR=str(workdir / ("data" if code_root == ROOT else f"data-{code_root.name}")),
               SMARTCITY_DOCUMENTS_DIR=str(workdir / "documents"), SMARTCITY_LANG="zh_CN",
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    out["PYTHONPATH"] = str(code_root)  # this checkout's code (or --baseline's), nothing else
    return out


def timed(workdir: Path, code: str, *args: str, code_root: Path = ROOT) -> tuple[float, float, str]:
    """Wall and CPU ms of one fresh process (CPU from wait4's rusage of exactly that child)."""
    start = time.perf_counter()
    # cwd: not a checkout (``python -c`` puts the working folder first on sys.path, which would win over
    # PYTHONPATH and run this checkout's code as the baseline too)
    proc = subprocess.Popen([sys.executable, "-c", code, *args], env=env(workdir, code_root), cwd=workdir,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    out = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    if status != 0 or not out.startswith("ready"):
        raise SystemExit(f"start failed (status {status}): {out[-500:]} {err[-2000:]}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000, out.strip()


def clean_documents(workdir: Path) -> None:
    """Each --demo run writes a new copy: remove them so every run finds the same folder; and the lock
    each run leaves (it ends with os._exit), or the next run would open with the crash notice."""
    docs = workdir / "documents"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    (workdir / "existing.scdossier.lock").unlink(missing_ok=True)


def measure(workdir: Path, runs: int, baseline: Path | None = None) -> dict[str, float | str]:
    from smartcity_desktop.demo import build_demo

    clean_documents(workdir)
    dossier = workdir / "existing.scdossier"
    if not dossier.exists():
        os.environ.update(env(workdir))
        build_demo(dossier)
    cases: dict[str, tuple[Path, tuple[str, ...]]] = {
        "bare": (ROOT, (BARE,)), "mock": (ROOT, (MOCK,)), "demo": (ROOT, (OURS, "--demo")),
        "file": (ROOT, (OURS, str(dossier)))}
    if baseline is not None:  # another checkout (e.g. before a change), measured in the same run
        cases["baseline_demo"] = (baseline, (OURS, "--demo"))
    for root, case in cases.values():  # warm the OS file cache for all (a cold disk is not what we compare)
        timed(workdir, *case, code_root=root)
        clean_documents(workdir)
    shuffle = random.Random(20261129)
    walls: dict[str, list[float]] = {name: [] for name in cases}
    cpus: dict[str, list[float]] = {name: [] for name in cases}
    shown = ""
    for _ in range(runs):
        order = list(cases.items())
        shuffle.shuffle(order)  # no case always runs right after the same other one
        for name, (root, case) in order:
            wall, cpu, out = timed(workdir, *case, code_root=root)
            walls[name].append(wall)
            cpus[name].append(cpu)
            if name == "demo":
                shown = out
            clean_documents(workdir)
    result: dict[str, float | str] = {"runs": float(runs), "demo_window": shown}
    for name in cases:
        result[f"{name}_cpu_ms"] = statistics.median(cpus[name])
        result[f"{name}_cpu_min_ms"] = min(cpus[name])
        result[f"{name}_wall_ms"] = statistics.median(walls[name])
    for name in [n for n in cases if n != "bare"]:
        result[f"{name}_ratio_cpu"] = float(result[f"{name}_cpu_ms"]) / float(result["bare_cpu_ms"])
        result[f"{name}_ratio_wall"] = float(result[f"{name}_wall_ms"]) / float(result["bare_wall_ms"])
    result["demo_over_mock_cpu"] = float(result["demo_cpu_ms"]) / float(result["mock_cpu_ms"])
    result["load_average"] = os.getloadavg()[0]
    return result


def importtime(workdir: Path, top: int = 25) -> list[tuple[float, float, str]]:
    """(self ms, cumulative ms, module) of the costliest imports of one --demo start."""
    clean_documents(workdir)
    timed(workdir, OURS, "--demo")  # bytecode compiled first
    clean_documents(workdir)
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", OURS, "--demo"], env=env(workdir), cwd=workdir,
                          capture_output=True, text=True, check=False)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(1)) / 1000, int(m.group(2)) / 1000, m.group(3)[1:] + m.group(4)))
    ours = sum(r[0] for r in rows if r[2].strip().startswith("smartcity_desktop"))
    total = sum(r[0] for r in rows)
    print(f"imports: {total:.0f} ms in all, {ours:.0f} ms in smartcity_desktop modules (self times)")
    return sorted(rows, reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default="")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--importtime", action="store_true", help="list the costliest imports instead")
    parser.add_argument("--baseline", type=Path, help="another checkout's root to measure in the same run")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="smartcity-bench-start-"))
    workdir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    try:
        if args.importtime:
            for self_ms, cum_ms, name in importtime(workdir):
                print(f"{self_ms:8.1f} {cum_ms:8.1f}  {name}")
            return 0
        results = measure(workdir, args.runs, args.baseline)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        for key, value in results.items():
            mark = ""
            if key == "demo_ratio_cpu":
                mark = f"  goal ≤ {GOAL:g}: {'met' if float(value) <= GOAL else 'NOT met'}"
            print(f"{key:18} {value:>10.2f}{mark}" if isinstance(value, float) else f"{key:18} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
