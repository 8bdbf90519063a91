"""Read a JSON import file defensively: a regular file only, bounded size, strict UTF-8, no NaN or
Infinity (also not as an overflowing ``1e400``), no duplicate keys, no lone surrogates, bounded nesting."""
from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from smartcity_desktop.errors import DataProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.importsource import read_bounded

MAX_JSON_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 64
MAX_KEYS = 50_000  # a full dossier with 200 projects has under 4,000 fields; checking is linear in this


def _reject_constant(name: str) -> Any:
    raise DataProblem(tr("JSON 中不允许 {name}", name=name))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose key appears twice is refused: JSON would silently keep the last one."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DataProblem(tr("JSON 中字段“{key}”出现了两次，无法确定该用哪个值", key=_printable(key)))
        result[key] = value
    return result


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise DataProblem(tr("JSON 中的数值 {text} 超出范围", text=text[:40]))
    return value


def _printable(text: str) -> str:
    """A key as it may be shown in a message: no control characters, no lone surrogates, short."""
    clean = "".join(ch if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF else "?" for ch in text)
    return clean[:80]


def _lone_surrogate(data: Any, depth: int = 0) -> str | None:
    """The key (or value owner) holding a lone UTF-16 surrogate (``"\\ud800"``): valid JSON, but not text
    that can be stored or shown. Returns the offending key, or None."""
    if isinstance(data, dict):
        for key, value in data.items():
            if _has_surrogate(key):
                return key
            if isinstance(value, str) and _has_surrogate(value) or _lone_surrogate(value, depth + 1) is not None:
                return key
    elif isinstance(data, list):
        for value in data:
            if isinstance(value, str) and _has_surrogate(value) or _lone_surrogate(value, depth + 1) is not None:
                return ""
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _depth_ok(text: str) -> bool:
    """Cheap pre-scan: nesting deeper than MAX_DEPTH is refused before the parser recurses."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def read_json(path: str | os.PathLike[str]) -> Any:
    path = Path(path)
    raw = read_bounded(path, MAX_JSON_BYTES,
                       tr("导入文件 {name} 过大（上限 50 MB），未导入任何内容。", name=path.name))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataProblem(tr("导入文件 {name} 不是有效的 UTF-8 文本（第 {pos} 字节），未导入任何内容。",
                             name=path.name, pos=exc.start)) from None
    if not _depth_ok(text):
        raise DataProblem(tr("导入文件 {name} 嵌套层数过多，未导入任何内容。", name=path.name))
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_float=_finite,
                          object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise DataProblem(tr("导入文件 {name} 不是有效的 JSON（第 {line} 行第 {col} 列：{msg}），未导入任何内容。",
                             name=path.name, line=exc.lineno, col=exc.colno, msg=exc.msg)) from None
    except DataProblem as exc:  # from the hooks: a duplicate key, NaN/Infinity, an overflowing number
        raise DataProblem(tr("导入文件 {name}：{problem}，未导入任何内容。", name=path.name, problem=exc)) from None
    except RecursionError:
        raise DataProblem(tr("导入文件 {name} 嵌套层数过多，未导入任何内容。", name=path.name)) from None
    except ValueError:  # e.g. an integer of thousands of digits (Python's int-size guard)
        raise DataProblem(tr("导入文件 {name} 中有无法读取的数值（位数过多），未导入任何内容。", name=path.name)) from None
    where = _lone_surrogate(data)
    if where is not None:
        raise DataProblem(tr("导入文件 {name} 中有无法识别的字符（孤立的 UTF-16 代理项{at}），未导入任何内容。",
                             name=path.name, at=tr("，字段“{key}”", key=_printable(where)) if where else ""))
    values = data.get("values") if isinstance(data, dict) and isinstance(data.get("values"), dict) else data
    if isinstance(values, dict) and len(values) > MAX_KEYS:
        raise DataProblem(tr("导入文件 {name} 有 {n} 项，远超一份卷宗的字段数（上限 {limit}），未导入任何内容。",
                             name=path.name, n=len(values), limit=MAX_KEYS))
    return data
