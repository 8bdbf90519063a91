"""Time from launch to the first painted window, for the bundle and for the venv, cold and warm.

    python installers/linux/measure_startup.py [--runs 3] [--display :77]

Runs on an X server (start one: ``Xvfb :77 -screen 0 1440x900x24 &``). For each program it
launches ``<program> --demo`` under xcb and reads a patch of the screen every 20 ms (plain Xlib
through ctypes: this script must not itself keep Qt's libraries mapped, or the venv's "cold" start
would find them in memory) until it stops being black; "cold" drops the page cache first (root only: writes /proc/sys/vm/drop_caches), so every
library is read from disk again, as on the first start after a reboot. Also times ``--version``
(Python and Qt loaded, no window). Prints a Markdown table for docs/installers.md.
The Qt xcb plugin needs libxcb-icccm4 and libxcb-keysyms1; set LD_LIBRARY_PATH if they are
unpacked somewhere instead of installed.
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


class Screen:
    """The X root window, read through libX11 (XGetImage/XGetPixel) without Qt."""

    def __init__(self, display: str) -> None:
        self.x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XGetImage.restype = ctypes.c_void_p
        self.x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                     ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        self.x.XGetPixel.restype = ctypes.c_ulong
        self.x.XGetPixel.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        self.x.XDestroyImage.argtypes = [ctypes.c_void_p]
        self.display = self.x.XOpenDisplay(display.encode())
        if not self.display:
            raise SystemExit(f"cannot open X display {display}")
        self.root = self.x.XDefaultRootWindow(self.display)

    def painted(self) -> bool:
        """Anything drawn in the top-left 400x300 (where an unmanaged window appears)?"""
        image = self.x.XGetImage(self.display, self.root, 0, 0, 400, 300, 0xFFFFFFFF, 2)  # ZPixmap
        try:
            return any(self.x.XGetPixel(image, x, y) & 0xFFFFFF for x in range(5, 400, 23)
                       for y in range(5, 300, 17))
        finally:
            self.x.XDestroyImage(image)


def time_window(command: list[str], env: dict[str, str], screen: Screen) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not screen.painted():
            if proc.poll() is not None:
                raise SystemExit(f"{command[0]} exited with {proc.returncode} before showing a window")
            if time.perf_counter() - start > 120:
                raise SystemExit(f"{command[0]}: no window after 120 s")
            time.sleep(0.02)
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(10)
        time.sleep(0.5)  # let the screen clear


def time_version(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command + ["--version"], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--display", default=os.environ.get("DISPLAY", ":77"))
    parser.add_argument("--program", action="append", default=[], metavar="LABEL=PATH",
                        help="also time this program (e.g. a bundle built with other options)")
    args = parser.parse_args()
    screen = Screen(args.display)
    if screen.painted():
        raise SystemExit("the X screen is not empty: use a fresh Xvfb")
    venv_script = shutil.which("smartcity-desktop", path=str(Path(sys.executable).parent))
    programs = {"bundle (dist/smartcity-desktop)": str(ROOT / "dist" / "smartcity-desktop" / "smartcity-desktop"),
                "venv (console script)": venv_script or "smartcity-desktop"}
    programs.update(item.split("=", 1) for item in args.program)
    home = Path(tempfile.mkdtemp(prefix="smartcity-startup-"))
    base_env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "DISPLAY": args.display,
                "QT_QPA_PLATFORM": "xcb", "SMARTCITY_DOCUMENTS_DIR": str(home),
                "LD_LIBRARY_PATH": os.environ.get("LD_LIBRARY_PATH", "")}
    can_drop = drop_caches()
    rows = []
    for label, program in programs.items():
        results: dict[str, list[float]] = {"cold window": [], "warm window": [], "cold --version": [],
                                           "warm --version": []}
        for _ in range(args.runs):
            if can_drop:
                drop_caches()
                results["cold --version"].append(time_version([program], base_env))
                drop_caches()
                results["cold window"].append(time_window([program, "--demo"], base_env, screen))
            results["warm --version"].append(time_version([program], base_env))
            results["warm window"].append(time_window([program, "--demo"], base_env, screen))
        rows.append((label, {k: statistics.median(v) for k, v in results.items() if v}))
    shutil.rmtree(home, ignore_errors=True)
    keys = ["cold window", "warm window", "cold --version", "warm --version"]
    print(f"median of {args.runs} runs; cold = page cache dropped: {'yes' if can_drop else 'NO (not root)'}")
    print("| program | " + " | ".join(keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for label, values in rows:
        print(f"| {label} | " + " | ".join(f"{values[k]:.2f} s" if k in values else "-" for k in keys) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
