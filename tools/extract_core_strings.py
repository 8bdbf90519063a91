"""Collect every ``tr("…")`` message id of the Qt-free core into resources/translations/core_en.json.

Existing English texts are kept; new ids are added with an empty text (to be translated); ids no
longer used are dropped. ``--check`` exits 1 if any id lacks an English text (the test runs it).
Usage: python tools/extract_core_strings.py [--check]
"""
from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "resources" / "translations" / "core_en.json"


def message_ids() -> list[str]:
    found: dict[str, None] = {}
    for path in sorted((ROOT / "smartcity_desktop").rglob("*.py")):
        if "ui" in path.relative_to(ROOT / "smartcity_desktop").parts[:1]:
            continue  # the Qt layer uses Qt Linguist
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found[node.args[0].value] = None
    return list(found)


def main(check: bool) -> int:
    current = json.loads(CATALOG.read_text(encoding="utf-8")) if CATALOG.exists() else {}
    ids = message_ids()
    missing = [m for m in ids if not current.get(m)]
    if check:
        for m in missing:
            print(f"missing English: {m}")
        return 1 if missing else 0
    catalog = {m: current.get(m, "") for m in ids}
    CATALOG.write_text(json.dumps(catalog, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(ids)} messages, {len(missing)} without English")
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
