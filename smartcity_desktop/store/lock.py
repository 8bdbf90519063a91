"""The lock file beside a dossier: who holds it (user, host, pid, time), and stale-lock recovery.

SQLite's own locks only last a transaction; a user needs to know for the whole session that a
colleague has the dossier open (often on a network share), and who. ``<file>.lock`` is created
atomically (O_EXCL); a lock whose process is gone on this same host is stale and taken over
without asking; a lock from another host cannot be checked, so the caller asks the user.
"""
from __future__ import annotations

import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some service contexts; a lock still works
        return "unknown"


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    time: str
    program: str = "smartcity-desktop"

    @property
    def same_host(self) -> bool:
        return self.host == socket.gethostname()

    def describe(self) -> str:
        return tr("{user}（计算机 {host}，自 {time} 起）", user=self.user, host=self.host, time=self.time)


class LockedError(FileProblem):
    def __init__(self, path: Path, holder: LockInfo | None):
        self.path = path
        self.holder = holder
        who = holder.describe() if holder else tr("另一个程序")
        super().__init__(tr("卷宗 {name} 正由 {who} 打开编辑；可以只读方式打开，或打开一个副本。",
                            name=path.name, who=who))


UNREADABLE_GRACE = 2.0  # seconds: a live program writes its lock's content microseconds after creating it


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
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


def read_lock(path: Path) -> LockInfo | None:
    """The holder named in ``path``'s lock file, or None if there is none (or it is unreadable)."""
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["time"]),
                        str(data.get("program", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockInfo("?", "?", -1, "?")


def is_stale(info: LockInfo) -> bool:
    return info.same_host and (info.pid == -1 or not pid_alive(info.pid))


class FileLock:
    """Holds ``<file>.lock`` while a dossier is open for writing."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.lock_file = lock_path(self.path)
        self.held = False

    def acquire(self, *, steal: bool = False) -> None:
        """Take the lock; recover a stale one; raise LockedError if a live program holds it.

        ``steal`` is for the user's explicit choice after being told who holds it (another host).
        """
        for _attempt in range(3):
            try:
                fd = os.open(self.lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = read_lock(self.path)
                if holder is None:
                    continue
                if holder.pid == os.getpid() and holder.same_host:
                    raise LockedError(self.path, holder) from None
                if steal or is_stale(holder) or (holder.pid == -1 and _age(self.lock_file) > UNREADABLE_GRACE):
                    self._remove()  # an empty/garbled lock older than the grace: its writer died mid-write
                    continue
                raise LockedError(self.path, holder) from None
            except PermissionError:
                raise FileProblem(tr("无法在 {folder} 中创建锁文件：没有写入权限。可以只读方式打开。",
                                     folder=self.lock_file.parent)) from None
            except OSError as exc:
                raise FileProblem(tr("无法创建锁文件 {name}：{reason}", name=self.lock_file.name,
                                     reason=exc.strerror or exc)) from None
            info = {"user": current_user(), "host": socket.gethostname(), "pid": os.getpid(),
                    "time": datetime.now().astimezone().isoformat(timespec="seconds"),
                    "program": "smartcity-desktop"}
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(info, handle, ensure_ascii=False)
            self.held = True
            return
        raise LockedError(self.path, read_lock(self.path))

    def _remove(self) -> None:
        try:
            self.lock_file.unlink()
        except FileNotFoundError:
            pass

    def release(self) -> None:
        if self.held:
            holder = read_lock(self.path)
            if holder and holder.pid == os.getpid() and holder.same_host:
                self._remove()
            self.held = False
