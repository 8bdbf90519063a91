"""Open a file the user asked to import (JSON, workbook, attachment) without trusting what it is.

A path named ``x.json`` can be a FIFO (``open`` blocks for ever, while the dossier's lock is held), a
symlink to ``/dev/zero`` (``stat`` says 0 bytes, reading never ends), a device or a folder. So the file
is opened once with ``O_NONBLOCK`` (a FIFO opens at once instead of waiting for a writer), the opened
descriptor is checked with ``fstat`` (what was opened is what is checked: no race with a rename), and
only a regular file is accepted; reading stops at the size bound + 1 byte, whatever ``stat`` claimed.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from smartcity_desktop.errors import DataProblem, FileProblem, SmartcityError
from smartcity_desktop.i18n import tr

_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
          | getattr(os, "O_CLOEXEC", 0))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return tr("文件夹")
    if stat.S_ISFIFO(mode):
        return tr("命名管道")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return tr("设备")
    if stat.S_ISSOCK(mode):
        return tr("套接字")
    return tr("特殊文件")


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """The opened file if ``path`` is a regular file (symlinks followed); FileProblem otherwise."""
    path = Path(path)
    try:
        fd = os.open(path, _FLAGS)
    except IsADirectoryError:
        raise FileProblem(tr("{name} 是{kind}，不是普通文件，未导入。", name=path.name, kind=tr("文件夹"))) from None
    except FileNotFoundError:
        raise FileProblem(tr("找不到文件 {name}。", name=path.name)) from None
    except OSError as exc:
        raise FileProblem(tr("无法读取 {name}：{reason}", name=path.name, reason=exc.strerror or exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise FileProblem(tr("{name} 是{kind}，不是普通文件，未导入。", name=path.name, kind=_kind(mode)))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file never blocks; ordinary reads from here on
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def file_size(handle: BinaryIO) -> int:
    return os.fstat(handle.fileno()).st_size


def read_bounded(path: str | os.PathLike[str], limit: int, too_big: str,
                 problem: type[SmartcityError] = DataProblem) -> bytes:
    """The whole content of a regular file of at most ``limit`` bytes; ``problem(too_big)`` if larger
    (checked before reading and again while reading: a file may grow, or lie about its size)."""
    path = Path(path)
    with open_regular(path) as handle:
        if file_size(handle) > limit:
            raise problem(too_big)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise FileProblem(tr("无法读取 {name}：{reason}", name=path.name, reason=exc.strerror or exc)) from None
    if len(data) > limit:
        raise problem(too_big)
    return data
