"""Which process is this, and is a recorded one still running? (used by the lock file and the private temp folder)

A pid alone names a process only until it is reused; with the process's start time and the boot it names one
process for good, so neither a lock nor a temp folder is mistaken for a live one after a restart or a reboot.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def boot_id() -> str:
    """Changes at every boot (Linux): a lock or temp folder from an earlier boot names no live process."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def process_start(pid: int) -> str:
    """When process ``pid`` started, as an opaque text ("" when unknown): with the pid it names one
    process for good, so a pid reused by another program is not mistaken for the lock's holder."""
    if pid <= 0:
        return ""
    if sys.platform.startswith("linux"):
        try:
            raw = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
            return raw.rsplit(")", 1)[1].split()[19]  # field 22, starttime in clock ticks since boot
        except (OSError, IndexError):
            return ""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return ""
        times = [wintypes.FILETIME() for _ in range(4)]
        ok = kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times))
        kernel32.CloseHandle(handle)
        return f"{times[0].dwHighDateTime}:{times[0].dwLowDateTime}" if ok else ""
    return ""


def process_alive(pid: int, start: str = "", boot: str = "") -> bool:
    """Is the process that recorded (pid, start, boot) on this host still running?"""
    if boot and boot_id() and boot != boot_id():
        return False
    if not pid_alive(pid):
        return False
    if start:
        now = process_start(pid)
        if now and now != start:
            return False  # the pid was reused by another program
    return True


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
