"""The GUI's answer to hostile import sources (issue 9): a FIFO, a link to /dev/zero or a folder picked as
a workbook or an attachment is a friendly refusal at once, never a hang or an exit."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from gui_helpers import load_workbook
from smartcity_desktop.ui import MainWindow
from smartcity_desktop.ui.dialogs.import_preview import ExcelImportDialog

pytestmark = [pytest.mark.gui,
              pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="POSIX only")]


def _sources(folder: Path, suffix: str) -> list[Path]:
    fifo = folder / f"管道{suffix}"
    os.mkfifo(fifo)
    zero = folder / f"零{suffix}"
    zero.symlink_to("/dev/zero")
    directory = folder / f"文件夹{suffix}"
    directory.mkdir()
    return [fifo, zero, directory]


def test_workbook_dialog_refuses_special_files_at_once(qtbot: Any, demo_path: Path, tmp_path: Path) -> None:
    w = MainWindow(demo_path)
    qtbot.addWidget(w)
    dlg = ExcelImportDialog(w.session)
    qtbot.addWidget(dlg)
    for source in _sources(tmp_path, ".xlsx"):
        started = time.perf_counter()
        assert not load_workbook(qtbot, dlg, source)
        assert time.perf_counter() - started < 1.0
        assert "不是普通文件" in dlg.summary.text() and source.name in dlg.summary.text()
        assert not dlg.apply_button.isEnabled()
    w.close()


def test_attaching_special_files_is_a_message(qtbot: Any, empty_path: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from smartcity_desktop.ui.widgets import attachments

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    w = MainWindow(empty_path)
    qtbot.addWidget(w)
    sources = _sources(tmp_path, ".pdf")
    started = time.perf_counter()
    assert attachments.add_files(w.session, "conditions[2].documents", [str(s) for s in sources], w) == 0
    assert time.perf_counter() - started < 2.0
    assert len(shown) == 3 and all("不是普通文件" in text for text in shown)
    assert w.session.pf.attachments() == [] and w.session.value("conditions[2].documents") is None
    w.close()
