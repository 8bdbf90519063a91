"""The shell's structure: every page implements the ``Page`` interface the main window relies on, the
abstract bases refuse an unfinished subclass, the window registry and controller serve SIGTERM and
File › New without the windows importing the app."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex

from conftest import ROOT
from smartcity_desktop.ui import MainWindow
from smartcity_desktop.ui.models.sheet_models import SheetModel
from smartcity_desktop.ui.pages.base import Page
from smartcity_desktop.ui.qt_abc import abstract_methods
from smartcity_desktop.ui.shell import windows

pytestmark = pytest.mark.gui
UI = ROOT / "smartcity_desktop" / "ui"


def test_a_page_without_focus_key_cannot_be_built(qtbot) -> None:
    class Unfinished(Page):
        pass

    with pytest.raises(TypeError, match="focus_key"):
        Unfinished()

    class Finished(Page):
        def focus_key(self, key: str) -> bool:
            return key == "x"

    page = Finished()
    qtbot.addWidget(page)
    assert page.focus_key("x") and page.keys() == [] and page.first_input() is None
    assert abstract_methods(Finished) == frozenset()


def test_a_sheet_model_must_say_which_key_each_cell_holds(qtbot, empty_path: Path) -> None:
    assert abstract_methods(SheetModel) == {"key", "index_of_key", "spec", "describe", "_values_changed"}

    class HalfSheet(SheetModel):
        def key(self, index: object) -> str | None:
            return None

        def index_of_key(self, key: str) -> QModelIndex:
            return QModelIndex()

    window = MainWindow(empty_path)
    qtbot.addWidget(window)
    with pytest.raises(TypeError, match="describe, spec"):
        HalfSheet(window.session)


def test_every_page_of_the_outline_is_a_page(qtbot, demo_path: Path) -> None:
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    window.show()
    for info in window.order:
        page = window.show_page(info.id, focus=True)
        assert isinstance(page, Page), info.id
        assert window.stack.currentWidget() is page
    # the shared indicator page is one widget, entered as each indicator
    assert window.page("indicators[1.1.1]") is window.page("indicators[4.3.3]")
    shown = window.page("indicators[4.3.3]").keys()
    assert "indicators[4.3.3].target" in shown
    assert set(window.pages) == {"applicant", "conditions[1]", "conditions[2]", "conditions[3]", "conditions[4]",
                                 "indicators", "projects", "safeguards", "attachments", "analysis", "materials",
                                 "review"}


def test_windows_register_while_open_and_reach_the_controller(qtbot, empty_path: Path) -> None:
    from smartcity_desktop.ui.shell.app import AppController

    window = MainWindow(empty_path)
    qtbot.addWidget(window)
    assert window in windows.open_windows()
    controller = AppController()
    assert windows.controller() is controller
    assert window._controller() is controller
    window.close()
    assert window not in windows.open_windows()


def test_the_shell_windows_never_import_the_app() -> None:
    """The import-linter contracts (test_architecture) hold this too; here without the tool: no module of
    ui/ but app.py names ``ui.shell.app``, and pages/dialogs/widgets/models never name the windows."""
    windows_modules = ("smartcity_desktop.ui.shell.app", "smartcity_desktop.ui.shell.mainwindow",
                       "smartcity_desktop.ui.shell.welcome", "smartcity_desktop.ui.shell.actions")
    offenders = []
    for path in UI.rglob("*.py"):
        rel = path.relative_to(UI)
        if rel.as_posix() == "__init__.py":
            continue  # the package's lazy MainWindow entry sits above the shell
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            forbidden = windows_modules[:1] if rel.parts[0] == "shell" else windows_modules
            if rel.as_posix() == "shell/app.py":
                continue
            offenders += [f"{rel}: {n}" for n in names if n in forbidden]
    assert offenders == []



def test_validation_and_status_wait_for_the_first_paint(qtbot, demo_path: Path) -> None:
    """Start-up: the window is built and painted before the first validation (docs/gui.md); a window
    never shown still gets its status."""
    window = MainWindow(demo_path)
    qtbot.addWidget(window)
    assert window.progress.value() < 0  # no status yet: nothing was validated while the window was built
    window.show()
    qtbot.waitUntil(lambda: window.progress.value() > 0)
    assert window.outline.topLevelItemCount() > 0
    hidden = MainWindow(demo_path, readonly=True)
    qtbot.addWidget(hidden)
    qtbot.waitUntil(lambda: hidden.progress.value() > 0)
    assert not hidden.isVisible()
