"""The code checks itself: mypy and ruff, with the project's own configuration (pyproject.toml), are clean.

Each runs once per test session in a subprocess; a failure shows the tool's own report. Everyone keeps them
clean for the code they write or change (run `python -m mypy` and `python -m ruff check` before a merge).
"""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _run(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def test_mypy_is_clean() -> None:
    proc = _run("mypy")  # the files and options come from [tool.mypy]
    assert proc.returncode == 0, (proc.stdout[-6000:] + proc.stderr[-2000:]) or "mypy failed without output"
    assert "Success: no issues found" in proc.stdout


def test_ruff_is_clean() -> None:
    """[tool.ruff]: every noqa names an enabled rule and is still needed (RUF100)."""
    proc = _run("ruff", "check", "--no-cache", "--output-format", "concise", ".", timeout=300)
    assert proc.returncode == 0, (proc.stdout[-6000:] + proc.stderr[-2000:]) or "ruff failed without output"
