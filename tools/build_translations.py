#!/usr/bin/env python3
"""Rebuild the Qt translations: scan the GUI for strings (pyside6-lupdate) into the Qt Linguist
sources ``resources/translations/app_<lang>.ts``, then compile them to ``.qm`` (pyside6-lrelease).

Chinese is the source language (the strings in the code), so only English needs a file. Translators
edit the ``.ts`` in Qt Linguist; this script keeps their work (lupdate merges) and drops strings that
no longer exist (``-no-obsolete``). ``--check`` fails if any string is untranslated (used by tests/CI).

    python tools/build_translations.py            # update .ts and build .qm
    python tools/build_translations.py --check    # also fail on unfinished translations
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "smartcity_desktop" / "ui"
OUT = ROOT / "resources" / "translations"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    import PySide6  # the tools ship inside the PySide6 wheel

    base = Path(PySide6.__file__).parent
    for candidate in (base / name, base / f"{name}.exe", base / "Qt" / "libexec" / name.replace("pyside6-", "")):
        if candidate.exists():
            return str(candidate)
    raise SystemExit(f"{name} not found (install PySide6)")


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))


def unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    out = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        if translation.get("type") in ("unfinished",) or not (translation.text or "").strip() and \
                not list(translation):
            out.append(message.findtext("source") or "")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a string is untranslated")
    parser.add_argument("--no-update", action="store_true", help="only compile the existing .ts files")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    problems = 0
    for lang in LANGUAGES:
        ts = OUT / f"app_{lang}.ts"
        if not args.no_update:
            subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                            "-target-language", "en_US", "-ts", str(ts)], cwd=ROOT, check=True)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(OUT / f"app_{lang}.qm")], cwd=ROOT,
                       check=True)
        missing = unfinished(ts)
        if missing:
            print(f"{ts.name}: {len(missing)} untranslated: " + " | ".join(missing[:10]), file=sys.stderr)
            problems += len(missing) if args.check else 0
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
