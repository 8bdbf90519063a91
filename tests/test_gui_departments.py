"""A work package double-clicked (.scpart is a registered file type) opens read-only in the GUI until the
GUI for departments (the next issue) lets a unit edit its own fields there."""
from __future__ import annotations

from pathlib import Path

import pytest

from smartcity_desktop.departments import split_dossier
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui.shell.app import AppController

pytestmark = pytest.mark.gui


def test_a_work_package_opens_read_only(qtbot, demo_path: Path, tmp_path: Path) -> None:
    with ProjectFile.open(demo_path) as pf:
        (package,) = split_dossier(pf, tmp_path / "pk", units=["区卫生局"])
    before = package.read_bytes()
    window = AppController().open_path(package, None)
    assert window is not None
    qtbot.addWidget(window)
    assert window.session.readonly and window.windowTitle().endswith("（只读）")
    assert window.session.value("indicators[3.2.5].lead_unit") == "区卫生局"
    window.close()
    assert package.read_bytes() == before
