"""Bounds for user-supplied declaration templates: the sandbox stops a template reaching Python objects,
these stop it exhausting the machine (issue 9: nested ranges hung ``check-template``).

* the file: at most ``MAX_FILE`` bytes, a real zip with at most ``MAX_MEMBERS`` members, ``MAX_UNCOMPRESSED``
  bytes inflated and no member above ``RATIO_FLOOR`` inflating more than ``MAX_RATIO`` times (zip bombs);
  XML nesting is bounded by libxml2 itself (256 levels without ``huge_tree``, which python-docx never sets);
* the rendering (``BoundedEnvironment``): a watchdog thread stops a render that runs longer than
  ``RENDER_SECONDS`` or grows the process by more than ``RENDER_MEMORY`` bytes (an asynchronous exception
  lands between two bytecodes of the compiled template, so even a loop with an empty body stops); the
  output is capped at ``MAX_OUTPUT`` characters; ``*``, ``**``, the padding filters and format widths
  (``%``, ``str.format``, ``|format``) refuse results that would be huge in one step (those allocate inside
  C before the watchdog could act).

A refusal is a ``jinja2.SecurityError`` with a one-line reason; render_docx turns it into a DataProblem.
"""
from __future__ import annotations

import ctypes
import operator
import os
import re
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

from jinja2.environment import Template
from jinja2.sandbox import SecurityError

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.export.docx_export import TemplateEnvironment
from smartcity_desktop.i18n import tr

MAX_FILE = 20 * 1024 * 1024
MAX_MEMBERS = 1_000
MAX_UNCOMPRESSED = 150 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
RENDER_SECONDS = 60.0  # the shipped template renders in well under a second
RENDER_MEMORY = 768 * 1024 * 1024  # growth of the process while rendering
MAX_OUTPUT = 100_000_000  # characters of document XML (the shipped template gives ~1 M)
MAX_ITEMS = 10_000_000  # characters or items one * or padding filter may produce
WATCH_INTERVAL_S = 0.02


def check_template_file(path: Path) -> None:
    """Refuse a template file that is too big or a zip bomb, before any parser reads it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileProblem(tr("找不到申报书模板：{path}", path=path)) from None
    except OSError as exc:
        raise FileProblem(tr("无法读取文件：{path}", path=path) + f"（{exc.strerror or exc}）") from None
    if size > MAX_FILE:
        raise FileProblem(tr("申报书模板太大（{size} MB，上限 {limit} MB）：{path}", size=size // 2**20,
                             limit=MAX_FILE // 2**20, path=path))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileProblem(tr("申报书模板不是有效的 Word 文件：{path}（{detail}）", path=path, detail="zip")) from None
    if len(infos) > MAX_MEMBERS:
        raise FileProblem(tr("申报书模板 {path} 内部文件过多，拒绝读取。", path=path))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise FileProblem(tr("申报书模板 {path} 解压后异常庞大（疑似压缩炸弹），拒绝读取。", path=path))


class RenderLimit(SecurityError):
    """Raised inside a render that went over its time or memory budget (see ``_Watchdog``)."""


def _rss() -> int:
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0  # unknown here (not Linux): only the time limit applies


class _Watchdog:
    """Stops the rendering thread when it runs too long or grows the process too much."""

    def __init__(self) -> None:
        self.thread_id = threading.get_ident()
        self.reason = ""
        self._lock = threading.Lock()
        self._active = True
        self._stop = threading.Event()
        self._deadline = time.monotonic() + RENDER_SECONDS
        self._base = _rss()
        self._watcher = threading.Thread(target=self._watch, name="template-watchdog", daemon=True)
        self._watcher.start()

    def _watch(self) -> None:
        while not self._stop.wait(WATCH_INTERVAL_S):
            if time.monotonic() > self._deadline:
                self._fire(tr("生成超过 {s} 秒（可能有过大的循环），已停止", s=int(RENDER_SECONDS)))
                return
            rss = _rss()
            if self._base and rss - self._base > RENDER_MEMORY:
                self._fire(tr("生成占用内存超过 {mb} MB，已停止", mb=RENDER_MEMORY // 2**20))
                return

    def _fire(self, reason: str) -> None:
        with self._lock:
            if not self._active:
                return
            self.reason = reason
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_id), ctypes.py_object(RenderLimit))

    def close(self) -> None:
        with self._lock:
            self._active = False
            if self.reason:  # fired, maybe not delivered yet: never let it land outside the render
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_id), None)
        self._stop.set()


class BoundedTemplate(Template):
    """Renders chunk by chunk under a watchdog and an output cap."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        watchdog = _Watchdog()
        try:
            parts: list[str] = []
            size = 0
            try:
                for chunk in self.root_render_func(ctx):
                    size += len(chunk)
                    if size > MAX_OUTPUT:
                        raise SecurityError(tr("生成的内容超过 {n} 个字符，已停止", n=MAX_OUTPUT))
                    parts.append(chunk)
            except RenderLimit:
                raise SecurityError(watchdog.reason or tr("超出生成限制，已停止")) from None
            finally:
                watchdog.close()
            return self.environment.concat(parts)
        except RenderLimit:  # delivered after the loop, before close() could withdraw it
            raise SecurityError(watchdog.reason or tr("超出生成限制，已停止")) from None
        except SecurityError:
            raise
        except Exception:
            self.environment.handle_exception()
            raise  # pragma: no cover - handle_exception always raises


def _too_many(n: int) -> SecurityError:
    return SecurityError(tr("模板要生成的内容过大（{n} 项），已拒绝", n=n))


def _bounded_mul(left: Any, right: Any) -> Any:
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (str, bytes, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_ITEMS:
            raise _too_many(len(seq) * times)
    return operator.mul(left, right)


def _bounded_pow(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 64:
        raise _too_many(right)
    return operator.pow(left, right)


_HUGE_WIDTH = re.compile(r"\d{8,}")  # a width or precision of 10 M+ in a format string


def _check_format(fmt: Any, values: Any) -> None:
    """``'%999999999d' % 1``, ``'{:>{w}}'.format(1, w=10**9)``: refuse before C allocates the padding."""
    if not isinstance(fmt, str):
        return
    if _HUGE_WIDTH.search(fmt):
        raise _too_many(MAX_ITEMS)
    items = values.values() if isinstance(values, dict) else values if isinstance(values, (tuple, list)) else [values]
    for value in items:
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_ITEMS:
            raise _too_many(value)


def _bounded_mod(left: Any, right: Any) -> Any:
    _check_format(left, right)
    return operator.mod(left, right)


def _bounded_format_filter(original: Any) -> Any:
    def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_format(value, kwargs or args)
        return original(value, *args, **kwargs)

    bounded.__name__ = "format"
    return bounded


def _width_bounded(name: str, original: Any) -> Any:
    def bounded(value: Any, width: Any = 80, *args: Any, **kwargs: Any) -> Any:
        if isinstance(width, int) and width > MAX_ITEMS:
            raise _too_many(width)
        return original(value, width, *args, **kwargs)

    bounded.__name__ = name
    return bounded


class BoundedEnvironment(TemplateEnvironment):
    """The program's sandboxed, autoescaped template environment with the bounds above."""

    template_class = BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self) -> None:
        super().__init__()
        for name in ("center", "indent"):
            self.filters[name] = _width_bounded(name, self.filters[name])
        self.filters["format"] = _bounded_format_filter(self.filters["format"])

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "*":
            return _bounded_mul(left, right)
        if operator_ == "**":
            return _bounded_pow(left, right)
        if operator_ == "%":
            return _bounded_mod(left, right)
        return super().call_binop(context, operator_, left, right)

    def call(__self, __context: Any,  # noqa: N805 - jinja2's own signature (positional by the __ names)
             __obj: Any, *args: Any, **kwargs: Any) -> Any:
        target = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        if isinstance(getattr(target, "__self__", None), str) and getattr(target, "__name__", "") in (
                "format", "format_map"):
            values = [*args, *kwargs.values(), *(v for a in args if isinstance(a, dict) for v in a.values())]
            _check_format(target.__self__, values)  # format_map's mapping counts too
        return super().call(__context, __obj, *args, **kwargs)
