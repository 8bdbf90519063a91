"""The lock file beside a dossier: who holds it (user, host, pid, time), and stale-lock recovery.

SQLite's own locks only last a transaction; a user needs to know for the whole session that a
colleague has the dossier open (often on a network share), and who. ``<file>.lock`` is created
atomically (O_EXCL) beside the dossier's real path (a symlink to the dossier finds the same lock); a
lock whose process is gone on this same host is stale and taken over without asking — "gone" includes a
pid that now belongs to another process (the lock records the boot and the process's start time); a
lock from another host cannot be checked, so the caller asks the user. Odd lock files (a symlink, a
folder, a FIFO, garbage, an empty or huge file) give a clear message or are recovered, never a lock
that blocks forever, and the holder is always named by what is known (the lock file's owner and time).
"""
from __future__ import annotations

import errno
import getpass
import json
import os
import stat
import time
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.processes import boot_id, process_alive, process_start


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some service contexts; a lock still works
        return "unknown"


def host_name() -> str:
    """This computer's name as ``socket.gethostname()`` gives it (POSIX: the same uname call), without
    importing ``socket`` at start-up (~10-20 ms) where ``os.uname`` has it."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


MAX_LOCK_BYTES = 64 * 1024  # a real lock is ~200 bytes; more is garbage (never read whole)


class LockInfo(NamedTuple):
    """Who holds a lock, as its file says (or as much as is known of an odd lock file)."""

    user: str
    host: str
    pid: int
    time: str
    program: str = "smartcity-desktop"
    start: str = ""
    boot: str = ""

    @property
    def same_host(self) -> bool:
        return self.host == host_name()

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
        return time.time() - os.lstat(path).st_mtime
    except OSError:
        return 0.0


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _owner(st: os.stat_result) -> str:
    try:
        import pwd

        return pwd.getpwuid(st.st_uid).pw_name
    except (ImportError, KeyError):
        return tr("未知用户")


def _unreadable(st: os.stat_result | None) -> LockInfo:
    """What is known of a lock whose content cannot be read: its owner and time (never "?")."""
    if st is None:
        return LockInfo(tr("未知用户"), tr("未知计算机"), -1, tr("未知时间"))
    when = datetime.fromtimestamp(st.st_mtime).astimezone().isoformat(timespec="seconds")
    return LockInfo(_owner(st), tr("未知计算机"), -1, when)


def _shown(value: object, limit: int = 120) -> str:
    """A lock's text as it may be shown: a lock on a share may be crafted (no terminal escapes, bounded)."""
    import unicodedata

    text = "".join(ch for ch in str(value) if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp"))
    return text[:limit].strip()


class OddLockFile(FileProblem):
    """The lock file's place holds something that is not a file we could have written (a folder)."""


def read_lock(path: Path) -> LockInfo | None:
    """The holder named in ``path``'s lock file, or None if there is none.

    A lock that cannot be read (garbage, empty, huge, a symlink or a FIFO) gives pid -1 and the owner
    and time of the lock file, so a message never names the holder "?"."""
    lock = lock_path(path)
    try:
        st = os.lstat(lock)
    except FileNotFoundError:
        return None
    except OSError:
        return _unreadable(None)
    if stat.S_ISDIR(st.st_mode):
        raise OddLockFile(tr("锁文件 {name} 是一个文件夹，卷宗无法加锁。请删除这个文件夹后重试。", name=lock))
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_LOCK_BYTES:
        return _unreadable(st)  # a symlink, FIFO, device or a huge file: never opened, never followed
    try:
        fd = os.open(lock, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_LOCK_BYTES + 1)
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(_shown(data["user"]) or tr("未知用户"), _shown(data["host"]) or tr("未知计算机"),
                        int(data["pid"]), _shown(data["time"]) or tr("未知时间"), _shown(data.get("program", "")),
                        _shown(data.get("start", "")), _shown(data.get("boot", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return _unreadable(st)


def is_stale(info: LockInfo) -> bool:
    return info.same_host and (info.pid == -1 or not process_alive(info.pid, info.start, info.boot))


class FileLock:
    """Holds ``<file>.lock`` while a dossier is open for writing."""

    def __init__(self, path: Path):
        self.path = Path(path)
        # The real path: a symlink (or another spelling) of the dossier must find the same lock.
        self.real = Path(os.path.realpath(self.path))
        self.lock_file = lock_path(self.real)
        self.held = False

    def acquire(self, *, steal: bool = False) -> None:
        """Take the lock; recover a stale one; raise LockedError if a live program holds it.

        ``steal`` is for the user's explicit choice after being told who holds it (another host).
        """
        for _attempt in range(3):
            try:
                fd = os.open(self.lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
            except FileExistsError:
                holder = read_lock(self.real)
                if holder is None:
                    continue
                if holder.pid == os.getpid() and holder.same_host:
                    raise LockedError(self.path, holder) from None
                odd = os.path.islink(self.lock_file) or not os.path.isfile(self.lock_file)
                if steal or odd or is_stale(holder) or (holder.pid == -1 and _age(self.lock_file) > UNREADABLE_GRACE):
                    self._remove()  # an empty/garbled lock older than the grace: its writer died mid-write
                    continue
                raise LockedError(self.path, holder) from None
            except PermissionError:
                raise FileProblem(tr("无法在 {folder} 中创建锁文件：没有写入权限。可以只读方式打开。",
                                     folder=self.lock_file.parent)) from None
            except OSError as exc:
                if exc.errno == errno.ENAMETOOLONG:
                    from smartcity_desktop.safefiles import too_long

                    raise FileProblem(too_long(self.path, extra=len(".lock")) or str(exc)) from None
                raise FileProblem(tr("无法创建锁文件 {name}：{reason}", name=self.lock_file.name,
                                     reason=exc.strerror or exc)) from None
            info = {"user": current_user(), "host": host_name(), "pid": os.getpid(),
                    "time": datetime.now().astimezone().isoformat(timespec="seconds"),
                    "program": "smartcity-desktop", "start": process_start(os.getpid()), "boot": boot_id()}
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(info, handle, ensure_ascii=False)
            except OSError as exc:  # a full disk: an empty lock would name nobody; leave none
                self._remove()
                raise FileProblem(tr("无法创建锁文件 {name}：{reason}", name=self.lock_file.name,
                                     reason=exc.strerror or exc)) from None
            self.held = True
            return
        raise LockedError(self.path, read_lock(self.real))

    def _remove(self) -> None:
        try:
            self.lock_file.unlink()
        except FileNotFoundError:
            pass

    def release(self) -> None:
        if self.held:
            try:
                holder = read_lock(self.real)
            except FileProblem:  # replaced by a folder meanwhile: not ours to remove
                holder = None
            if holder and holder.pid == os.getpid() and holder.same_host:
                self._remove()
            self.held = False
