"""How long an edit in the expert grid holds the GUI thread on the large dossier.

Opens the large benchmark dossier (``make_large.py``), shows the indicator grid (Ctrl+G), then
edits cells the way the delegate does (``model.setData``), 30 times with a 150 ms pause, and
measures on the GUI thread: the time of each edit including the repaint it causes (``setData`` +
processing the events it posted), and the longest gap of a 5 ms heartbeat timer over the whole
run (edits, repaints, background validations, autosaves). Goal: an edit never waits for a
validation (≤ 50 ms per edit; the heartbeat's longest gap ≤ 100 ms).

    python benchmarks/bench_grid_edit.py [--workdir /tmp/bench-gui]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-gui"))
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SMARTCITY_DATA_DIR", str(args.workdir / "data"))
    large = args.workdir / "large.scdossier"
    if not large.exists():
        from make_large import make

        make(large, quiet=True)

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from smartcity_desktop.ui.shell.mainwindow import MainWindow

    window = MainWindow(large)
    window.resize(1280, 820)
    window.show()
    window.show_grid(True)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    grid = window._grid
    model = grid.model  # type: ignore[union-attr]
    column = model.column("lead_unit")
    edit_ms: list[float] = []
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def beat() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(beat)
    heart.start()
    run = time.strftime("%H%M%S")  # values differ from any earlier run's: each edit really changes a value
    for n in range(args.edits):
        index = model.index(n % model.rowCount(), column)
        started = time.perf_counter()
        assert model.setData(index, f"牵头单位{n}-{run}")
        app.processEvents()
        edit_ms.append((time.perf_counter() - started) * 1000)
        until = time.perf_counter() + 0.15
        while time.perf_counter() < until:
            app.processEvents()
            time.sleep(0.001)
    until = time.perf_counter() + 2.5  # the last validation and an autosave
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.001)
    heart.stop()
    window.close()
    print(f"edit on the GUI thread, ms: median {statistics.median(edit_ms):.1f}  "
          f"p90 {sorted(edit_ms)[int(len(edit_ms) * 0.9)]:.1f}  max {max(edit_ms):.1f}")
    print(f"longest heartbeat gap over the run, ms: {max(gaps[1:]):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
