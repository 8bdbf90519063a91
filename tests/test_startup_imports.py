"""Start-up imports only what the first window uses (issue 10 point 8): validation's rules wait for the first
validation, which runs after the window's first paint. Each check runs in a fresh interpreter, since this
test process has imported everything long ago."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import smartcity_desktop.validate as validation
from smartcity_desktop.model import sections
from smartcity_desktop.validate import findings, progress, rules

HEAVY = ("smartcity_desktop.validate.rules", "smartcity_desktop.validate.progress")


def _fresh(code: str) -> dict[str, object]:
    """Run ``code`` in a new interpreter; it prints one JSON object as its last line."""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_the_validation_package_loads_its_rules_only_when_asked() -> None:
    seen = _fresh(
        "import json, sys\n"
        "from smartcity_desktop.validate import ERROR, MISSING, Finding, section_of, summarize\n"
        "from smartcity_desktop.validate.findings import WARNING\n"
        f"before = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "from smartcity_desktop.validate import validate, overall_percent\n"
        f"after = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(json.dumps({'before': before, 'after': after}))\n")
    assert seen == {"before": [], "after": list(HEAVY)}


def test_every_name_of_the_package_is_its_modules_object() -> None:
    for name in validation.__all__:
        home = next((m for m in (rules, progress, findings, sections) if name in vars(m)), None)
        assert home is not None and getattr(validation, name) is getattr(home, name), name
    with pytest.raises(AttributeError, match="no_such_name"):
        validation.no_such_name  # noqa: B018 - the failing lookup is what is tested


def _window_imports(path: Path) -> dict[str, object]:
    """The rule modules loaded when the main window on ``path`` is built, at its first paint, and once its first
    validation filled the progress bar (a fresh interpreter)."""
    return _fresh(
        "import json, sys\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from smartcity_desktop.ui import MainWindow\n"
        "app = QApplication([])\n"
        "state = {}\n"
        "class Watch(QObject):\n"
        "    def eventFilter(self, obj, event):\n"
        "        if event.type() == QEvent.Type.Paint and 'paint' not in state:\n"
        f"            state['paint'] = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "        return False\n"
        f"window = MainWindow({str(path)!r})\n"
        f"built = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "watch = Watch(); window.installEventFilter(watch)\n"
        "window.show()\n"
        "for _ in range(500):\n"
        "    app.processEvents()\n"
        "    if window.progress.value() > 0: break\n"
        f"after = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(json.dumps({'built': built, 'painted': state.get('paint'), 'after': after,\n"
        "                  'progress': window.progress.value() > 0}))\n"
        "import os; os._exit(0)\n")


def test_the_first_window_is_built_and_painted_before_the_rules_are_loaded(demo_path: Path) -> None:
    """The main window on the demo, built and shown: no rule module before its first paint, the first
    validation (after the paint) loads them and fills the progress bar."""
    assert _window_imports(demo_path) == {"built": [], "painted": [], "after": list(HEAVY), "progress": True}


def test_a_lead_units_window_too(demo_path: Path, tmp_path: Path) -> None:
    """The same for a lead unit's work package (its progress counts the unit's share: departments.status)."""
    from smartcity_desktop.departments import split_dossier
    from smartcity_desktop.store import ProjectFile

    pf = ProjectFile.open(demo_path)
    try:
        [package] = split_dossier(pf, tmp_path / "out", units=["区卫生局"], due="2026-12-31")
    finally:
        pf.close()
    assert _window_imports(package) == {"built": [], "painted": [], "after": list(HEAVY), "progress": True}


@pytest.mark.parametrize("argv", [[], ["--demo"], ["卷宗.scdossier"], ["--demo", "a.scdossier"], ["a.scdossier", "--demo"],
                                  ["--demo", "--demo"], [""], ["dir with space/示例 卷宗.scdossier"]])
def test_the_everyday_gui_starts_read_as_the_parser_reads_them(argv: list[str]) -> None:
    from smartcity_desktop.main import gui_parser, plain_gui_arguments

    plain = plain_gui_arguments(argv)
    assert plain is not None
    assert vars(plain) == vars(gui_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["--lang", "en"], ["--lang=en", "a.scdossier"], ["-h"], ["--help"], ["--version"],
                                  ["a.scdossier", "b.scdossier"], ["--de"], ["--", "-a.scdossier"], ["-x"]])
def test_every_other_gui_start_is_left_to_the_parser(argv: list[str]) -> None:
    from smartcity_desktop.main import plain_gui_arguments

    assert plain_gui_arguments(argv) is None


def test_the_demo_copy_loads_no_openssl(tmp_path: Path) -> None:
    """``--demo`` copies the cached build: no hashlib, hmac or secrets (OpenSSL, ~5 ms of the start) for that."""
    from smartcity_desktop.demo import _cached_demo

    _cached_demo()  # built here (that build may hash its attachments); the copy below only reads it
    seen = _fresh(
        "import json, sys\n"
        "from pathlib import Path\n"
        "from smartcity_desktop.demo import copy_demo\n"
        f"copy = copy_demo(Path({str(tmp_path / 'copy.scdossier')!r}))\n"
        "print(json.dumps({'made': copy.exists(),\n"
        "                  'loaded': [m for m in ('hashlib', '_hashlib', 'hmac', 'secrets') if m in sys.modules]}))\n")
    assert seen == {"made": True, "loaded": []}
