#!/usr/bin/env python3
"""Ship the user guides with the program: copy docs/user-guide.{zh,en}.md to resources/help/.

    python tools/build_help.py [--check]

docs/ is where the guides are written (and read on the web); resources/ is what installers and
wheels carry. ``--check`` (and tests/test_gui_help.py) fails when the shipped copy is stale.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ("user-guide.zh.md", "user-guide.en.md")


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name in GUIDES:
        source = (ROOT / "docs" / name).read_bytes()
        target = ROOT / "resources" / "help" / name
        if target.is_file() and target.read_bytes() == source:
            continue
        stale.append(name)
        if not check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source)
    if check and stale:
        print("stale in resources/help/: " + ", ".join(stale) + " (run python tools/build_help.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
