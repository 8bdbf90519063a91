"""The layering of DESIGN.md, enforced: only smartcity_desktop.ui imports Qt, and each room imports only the rooms
below it (import-linter contracts in pyproject.toml)."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys

from conftest import ROOT

PACKAGE = ROOT / "smartcity_desktop"


def test_no_qt_import_outside_ui():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "shiboken6")]
    assert offenders == []


def test_import_linter_contracts_hold():
    lint = shutil.which("lint-imports")
    command = [lint] if lint else [sys.executable, "-m", "importlinter.cli"]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "5 kept, 0 broken" in proc.stdout


def test_core_imports_without_qt():
    code = ("import sys; sys.modules['PySide6'] = None\n"
            "import smartcity_desktop.cli, smartcity_desktop.store, smartcity_desktop.validate, "
            "smartcity_desktop.export, smartcity_desktop.scheme, smartcity_desktop.model")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
