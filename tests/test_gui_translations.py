"""Every user-visible Qt string has an English translation, and the shipped .qm is current."""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build_translations  # noqa: E402


def sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name") or "", m.findtext("source") or "") for c in root.iter("context")
            for m in c.iter("message")}


def test_every_string_in_the_code_is_translated(tmp_path: Path) -> None:
    shipped = ROOT / "resources" / "translations" / "app_en.ts"
    fresh = tmp_path / "scan.ts"
    subprocess.run([build_translations.tool("pyside6-lupdate"), *build_translations.sources(), "-no-obsolete",
                    "-ts", str(fresh)], cwd=ROOT, check=True, capture_output=True)
    missing = sources(fresh) - sources(shipped)
    assert not missing, f"run tools/build_translations.py and translate: {sorted(missing)[:10]}"
    assert build_translations.unfinished(shipped) == []


def test_compiled_translation_is_shipped_and_loads() -> None:
    from PySide6.QtCore import QTranslator

    qm = ROOT / "resources" / "translations" / "app_en.qm"
    assert qm.exists()
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "文件(&F)") == "&File"
    assert qm.stat().st_mtime >= (ROOT / "resources" / "translations" / "app_en.ts").stat().st_mtime - 1
