"""Read a JSON import file defensively: bounded size, strict UTF-8, no NaN, bounded nesting."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.i18n import tr

MAX_JSON_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 64
MAX_KEYS = 50_000  # a full dossier with 200 projects has under 4,000 fields; checking is linear in this


def _reject_constant(name: str) -> Any:
    raise DataProblem(tr("JSON 中不允许 {name}", name=name))


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
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise DataProblem(tr("导入文件 {name} 过大（上限 50 MB），未导入任何内容。", name=path.name))
        raw = path.read_bytes()
    except OSError as exc:
        raise FileProblem(tr("无法读取 {name}：{reason}", name=path.name, reason=exc.strerror or exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataProblem(tr("导入文件 {name} 不是有效的 UTF-8 文本（第 {pos} 字节），未导入任何内容。",
                             name=path.name, pos=exc.start)) from None
    if not _depth_ok(text):
        raise DataProblem(tr("导入文件 {name} 嵌套层数过多，未导入任何内容。", name=path.name))
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DataProblem(tr("导入文件 {name} 不是有效的 JSON（第 {line} 行第 {col} 列：{msg}），未导入任何内容。",
                             name=path.name, line=exc.lineno, col=exc.colno, msg=exc.msg)) from None
    except RecursionError:
        raise DataProblem(tr("导入文件 {name} 嵌套层数过多，未导入任何内容。", name=path.name)) from None
    except ValueError:  # e.g. an integer of thousands of digits (Python's int-size guard)
        raise DataProblem(tr("导入文件 {name} 中有无法读取的数值（位数过多），未导入任何内容。", name=path.name)) from None
    values = data.get("values") if isinstance(data, dict) and isinstance(data.get("values"), dict) else data
    if isinstance(values, dict) and len(values) > MAX_KEYS:
        raise DataProblem(tr("导入文件 {name} 有 {n} 项，远超一份卷宗的字段数（上限 {limit}），未导入任何内容。",
                             name=path.name, n=len(values), limit=MAX_KEYS))
    return data
