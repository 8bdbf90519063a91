"""A work package double-clicked (.scpart is a registered file type) opens in the unit's window: its own
fields editable, the rest read-only for context (tests/test_gui_unit_package.py covers that window)."""
from __future__ import annotations

from pathlib import Path

import pytest

from smartcity_desktop.departments import split_dossier
from smartcity_desktop.model import FieldError
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui.shell.app import AppController

pytestmark = pytest.mark.gui


def test_a_work_package_opens_in_the_units_window(qtbot, demo_path: Path, tmp_path: Path) -> None:
    with ProjectFile.open(demo_path) as pf:
        (package,) = split_dossier(pf, tmp_path / "pk", units=["区卫生局"])
    window = AppController().open_path(package, None)
    assert window is not None  # the controller's window deletes itself on close: not handed to qtbot
    try:
        assert not window.session.readonly and window.unit is not None and window.unit.unit == "区卫生局"
        assert window.session.may_edit("indicators[3.2.5].target")
        with pytest.raises(FieldError):
            window.session.set_value("indicators[3.2.1].target", "别的单位的指标")
        with pytest.raises(FieldError):
            window.session.set_value("indicators[3.2.5].lead_unit", "区教育局")
        window.session.set_value("indicators[3.2.5].target", "卫生局填写的目标。")
    finally:
        window.close()
    with ProjectFile.open(package) as pkg:
        assert pkg.dossier.get("indicators[3.2.5].target") == "卫生局填写的目标。"
