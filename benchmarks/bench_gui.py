#!/usr/bin/env python3
"""GUI speed and memory: cold start, page switch, typing stall with autosave, memory (no asserts).

    python benchmarks/bench_gui.py [--workdir /tmp/bench-gui] [--runs 5] [--skip-large]

* cold start: process start → main window with the demo dossier shown and the event loop idle,
  as a ratio to a bare PySide6 ``QMainWindow`` started the same way in the same run (goal ≤ 1.5×);
* page switch: ``show_page`` + paint for every page of the demo, first visit and revisit (≤ 50 ms);
* typing stall: the longest gap of a 5 ms heartbeat timer while 300 characters arrive one every
  30 ms into an indicator's long text on the large dossier, with pauses that let autosave commit
  (≤ 100 ms);
* memory: resident set size with the large dossier open and every page visited (≤ 200 MB).
Runs offscreen (QT_QPA_PLATFORM=offscreen) so figures do not depend on a display.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
TARGETS = {"start_ratio": 1.5, "start_ratio_cpu": 1.5, "switch_ms": 50.0, "switch_cpu_max_ms": 50.0,
           "stall_ms": 100.0, "stall_median_burst_ms": 100.0, "rss_mb": 200.0}

BARE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 820); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
print("ready", flush=True)
import os; os._exit(0)
"""

OURS = r"""
import sys
from PySide6.QtCore import QTimer
from smartcity_desktop.i18n import set_language
from smartcity_desktop.ui.shell.app import install_translators, make_application
from smartcity_desktop.ui.shell.crash import install_excepthook
from smartcity_desktop.ui.shell.style import apply_style
app = make_application(sys.argv[:1])
set_language("zh_CN"); install_translators(app, "zh_CN"); install_excepthook(); apply_style(app)
from smartcity_desktop.ui.shell.mainwindow import MainWindow
w = MainWindow(sys.argv[1]); w.resize(1280, 820); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
print("ready", flush=True)
import os; os._exit(0)
"""


def env(workdir: Path) -> dict[str, str]:
    out = dict(os.environ)
    out.update(QT_QPA_PLATFORM="offscreen", SMARTCITY_DATA_DIR=str(workdir / "data"),
               SMARTCITY_DOCUMENTS_DIR=str(workdir), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    return out


def cold_start(workdir: Path, demo: Path, runs: int) -> dict[str, float]:
    def once(code: str, *args: str) -> tuple[float, float]:
        """(wall ms, CPU ms of the child): CPU time is the fairer figure on a busy machine."""
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code, *args], env=env(workdir), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = (time.perf_counter() - start) * 1000
        out = proc.stdout.read() if proc.stdout else ""
        if "ready" not in out or status != 0:
            raise SystemExit(proc.stderr.read()[-2000:] if proc.stderr else "start failed")
        return wall, (usage.ru_utime + usage.ru_stime) * 1000

    once(BARE)  # warm the OS file cache for both (a cold disk is not what we compare)
    once(OURS, str(demo))
    bare, ours = [], []
    for _ in range(runs):
        bare.append(once(BARE))
        ours.append(once(OURS, str(demo)))
    bw, ow = statistics.median(b[0] for b in bare), statistics.median(o[0] for o in ours)
    bc, oc = statistics.median(b[1] for b in bare), statistics.median(o[1] for o in ours)
    return {"bare_ms": bw, "ours_ms": ow, "start_ratio": ow / bw, "bare_cpu_ms": bc, "ours_cpu_ms": oc,
            "start_ratio_cpu": oc / bc}


def in_process(workdir: Path, demo: Path, large: Path | None) -> dict[str, float]:
    os.environ.update(env(workdir))
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from smartcity_desktop.ui.shell.app import install_translators, make_application
    from smartcity_desktop.ui.shell.mainwindow import MainWindow
    from smartcity_desktop.ui.shell.style import apply_style

    app = make_application([sys.argv[0]])
    install_translators(app, "zh_CN")
    apply_style(app)
    out: dict[str, float] = {}

    window = MainWindow(demo)
    window.resize(1280, 820)
    window.show()
    app.processEvents()

    def switch_times() -> tuple[list[float], list[float]]:
        wall, cpu = [], []
        for info in window.order:
            start, start_cpu = time.perf_counter(), time.thread_time()
            window.show_page(info.id)
            app.processEvents()
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
        return wall, cpu

    (first, _first_cpu), (again, again_cpu) = switch_times(), switch_times()
    ids = [info.id for info in window.order]
    slow = sorted(zip(again_cpu, ids), reverse=True)[:3]
    print("slowest page switches (CPU ms, revisit): " + ", ".join(f"{pid} {ms:.0f}" for ms, pid in slow),
          file=sys.stderr)
    out.update(switch_first_median_ms=statistics.median(first), switch_first_max_ms=max(first),
               switch_median_ms=statistics.median(again), switch_p90_ms=sorted(again)[int(len(again) * 0.9)],
               switch_ms=max(again), switch_cpu_median_ms=statistics.median(again_cpu),
               switch_cpu_max_ms=max(again_cpu))
    window.close()

    if large is not None:
        window = MainWindow(large)
        window.resize(1280, 820)
        window.show()
        app.processEvents()
        for info in window.order:  # every page built and shown once
            window.show_page(info.id)
            app.processEvents()
        window.go_to("indicators[2.1.1].measures")
        editor = window.focusWidget()
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        burst_of: list[int] = []

        def beat() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            burst_of.append(max(typed[0] - 1, 0) // 100)
            last[0] = now

        heart = QTimer()
        heart.setInterval(5)
        heart.timeout.connect(beat)
        saves: list[str] = []
        window.session.saved.connect(saves.append)
        text = "推进城市公共信息平台建设，实现部门数据共享。" * 20
        typed = [0]

        def type_one() -> None:
            i = typed[0]
            if i >= 300:
                return
            typed[0] += 1
            event = QInputMethodEvent()
            event.setCommitString(text[i % len(text)])
            QApplication.sendEvent(editor, event)
            # bursts of 100 characters, then a 2 s pause so autosave commits in between
            QTimer.singleShot(2000 if typed[0] % 100 == 0 else 30, type_one)

        heart.start()
        QTimer.singleShot(30, type_one)
        deadline = time.perf_counter() + 20
        while (typed[0] < 300 or len(saves) < 3) and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.001)
        heart.stop()
        out["stall_ms"] = max(gaps[1:]) if len(gaps) > 1 else float("nan")
        # each burst of typing + the autosave after it, separately: on a shared machine one burst can
        # catch another process's CPU spike; the median burst is the typical experience
        per_burst = [max((g for g, b in zip(gaps[1:], burst_of[1:]) if b == n), default=0.0) for n in range(3)]
        out["stall_median_burst_ms"] = statistics.median(per_burst)
        out["autosaves"] = float(len(saves))
        out["rss_mb"] = rss_mb()
        window.close()
    return out


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default="")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="smartcity-bench-gui-"))
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.update(env(workdir))
    from smartcity_desktop.demo import build_demo

    demo = workdir / "demo.scdossier"
    if demo.exists():
        demo.unlink()
    build_demo(demo)
    large = None
    if not args.skip_large:
        from make_large import make

        large = workdir / "large.scdossier"
        if not large.exists():
            make(large, quiet=True)
    results = cold_start(workdir, demo, args.runs)
    results.update(in_process(workdir, demo, large))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'measure':34} {'value':>10}  goal")
        for key, value in results.items():
            goal = TARGETS.get(key)
            mark = "" if goal is None else f"≤ {goal:g}  {'ok' if value <= goal else 'OVER'}"
            print(f"{key:34} {value:10.2f}  {mark}")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
