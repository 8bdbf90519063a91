"""收回与合并 (issue 15): pick returned work packages or scan a folder, see per package what a merge
would take, keep and leave in conflict BEFORE anything is written, then merge in the background.

Reading packages and the dry run (departments.preview) run in a worker thread; the merge itself is
the core's ``merge_packages`` (one transaction, after an automatic safety version that one restore
brings back). The dialog is modal, so nobody edits the dossier while it runs; the work runs on the program's one
background helper (ui/shell/ops.Op).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.departments import PACKAGE_EXTENSION, MergeReport, merge_packages
from smartcity_desktop.departments.package import ReturnedPackage, read_package
from smartcity_desktop.departments.preview import preview_merge
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.ui.shell.ops import Op, Report, collect_qt_garbage, on_gui_thread
from smartcity_desktop.ui.shell.session import DossierSession

translate = QCoreApplication.translate


@dataclass
class Candidate:
    """One file the user picked: read (``package``) or refused (``problem``)."""

    path: Path
    package: ReturnedPackage | None = None
    problem: str = ""


def scan_folder(folder: Path) -> list[Path]:
    """The returned packages lying in ``folder`` (not its subfolders): .scpart and .xlsx files."""
    found = [p for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith((".", "~$"))
             and p.suffix.lower() in (PACKAGE_EXTENSION, ".xlsx")]
    return found


class TakeBackDialog(QDialog):
    """The coordinator's take-back: files, per-package summary, then the merge."""

    COLUMNS = ("file", "unit", "taken", "kept", "conflicts", "status")

    def __init__(self, session: DossierSession, parent: QWidget | None = None,
                 show_conflicts: Callable[[], None] | None = None):
        super().__init__(parent)
        self.session = session
        self.show_conflicts = show_conflicts
        self.setObjectName("takeBackDialog")
        self.setWindowTitle(translate("TakeBack", "收回与合并"))
        self.resize(980, 520)
        self.candidates: list[Candidate] = []
        self.preview: MergeReport | None = None
        self.merged: MergeReport | None = None
        self._op: Op[Any] | None = None
        intro = QLabel(translate(
            "TakeBack", "选择各部门交回的工作包（.scpart 或 .xlsx），或扫描收件的文件夹。程序先列出每个工作包会采用、"
                        "保留和冲突的内容，确认后才合并；合并前会自动保存一个版本，可一步恢复。"))
        intro.setWordWrap(True)
        self.add_button = QPushButton(translate("TakeBack", "添加工作包…"))
        self.add_button.setObjectName("addPackages")
        self.scan_button = QPushButton(translate("TakeBack", "扫描文件夹…"))
        self.scan_button.setObjectName("scanFolder")
        self.remove_button = QPushButton(translate("TakeBack", "移除所选"))
        self.remove_button.setObjectName("removePackage")
        self.add_button.clicked.connect(self._pick_files)
        self.scan_button.clicked.connect(self._pick_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        top = QHBoxLayout()
        for b in (self.add_button, self.scan_button, self.remove_button):
            top.addWidget(b)
        top.addStretch(1)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("packages")
        self.table.setAccessibleName(translate("TakeBack", "交回的工作包"))
        self.table.setHorizontalHeaderLabels([
            translate("TakeBack", "文件"), translate("TakeBack", "牵头单位"), translate("TakeBack", "采用"),
            translate("TakeBack", "保留"), translate("TakeBack", "冲突"), translate("TakeBack", "说明")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in range(len(self.COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setObjectName("takeBackSummary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("takeBackProgress")
        self.progress.hide()
        self.merge_button = QPushButton(translate("TakeBack", "合并"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge)
        self.conflicts_button = QPushButton(translate("TakeBack", "处理冲突…"))
        self.conflicts_button.setObjectName("openConflicts")
        self.conflicts_button.hide()
        self.conflicts_button.clicked.connect(self._open_conflicts)
        self.undo_button = QPushButton(translate("TakeBack", "撤销这次合并"))
        self.undo_button.setObjectName("undoMerge")
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo_merge)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.conflicts_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.hide()  # after addButton, which shows them: they belong to a finished merge
        self.conflicts_button.hide()
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        self.setEnabled(not session.readonly)

    # -- choosing files ----------------------------------------------------------------------------
    def _pick_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, translate("TakeBack", "选择交回的工作包"), str(self.session.pf.path.parent),
            translate("TakeBack", "部门工作包 (*.scpart *.xlsx);;所有文件 (*)"))
        if paths:
            self.add_paths([Path(p) for p in paths])

    def _pick_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("TakeBack", "选择收件文件夹"),
                                                  str(self.session.pf.path.parent))
        if folder:
            self.add_paths(scan_folder(Path(folder)))

    def _remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.candidates[row]
        self._check()

    def add_paths(self, paths: list[Path]) -> None:
        """Add files (duplicates ignored) and check them all again in the background."""
        known = {c.path.resolve() for c in self.candidates}
        for p in paths:
            if p.resolve() not in known:
                self.candidates.append(Candidate(p))
                known.add(p.resolve())
        if not paths:
            self.summary.setText(translate("TakeBack", "这个文件夹里没有工作包（.scpart 或 .xlsx）。"))
        self._check()

    # -- checking (read + dry run) ---------------------------------------------------------------
    def _check(self) -> None:
        self.preview = None
        self._show_rows()
        if not self.candidates:
            self.merge_button.setEnabled(False)
            return
        self.session.save_now()  # the dry run reads the committed dossier
        pf, dossier = self.session.pf, self.session.dossier.snapshot()
        candidates = [Candidate(c.path) for c in self.candidates]
        from smartcity_desktop.ui.dialogs.passphrase import passphrase_prompt

        ask = on_gui_thread(passphrase_prompt(self))  # an encrypted package, without a cached key

        def work(report: Report) -> tuple[list[Candidate], MergeReport | None, str]:
            for n, c in enumerate(candidates):
                report(round(100 * n / max(len(candidates), 1)), c.path.name)
                try:
                    c.package = read_package(c.path, dossier=dossier, ask_passphrase=ask)
                except SmartcityError as exc:
                    c.problem = str(exc)
            ready = [c.package for c in candidates if c.package is not None]
            if not ready:
                return candidates, None, ""
            try:
                return candidates, preview_merge(pf, ready), ""
            except SmartcityError as exc:  # e.g. another dossier's package: say which, merge nothing
                return candidates, None, str(exc)

        self._run(work, self._checked, translate("TakeBack", "正在读取工作包…"))

    def _checked(self, result: tuple[list[Candidate], MergeReport | None, str]) -> None:
        self.candidates, self.preview, problem = result
        self._show_rows()
        readable = [c for c in self.candidates if c.package is not None]
        if problem:
            self.summary.setText(problem)
        elif self.preview is not None:
            taken = sum(len(p.taken) for p in self.preview.packages)
            self.summary.setText(translate(
                "TakeBack", "合并 {n} 个工作包将采用 {taken} 项部门的修改，保留 {kept} 项本卷宗的修改，{conflicts} 项冲突"
                            "（冲突项保留本卷宗的值，另存部门的值，待您逐项决定）。尚未写入任何内容。").format(
                n=len(readable), taken=taken, kept=sum(len(p.kept) for p in self.preview.packages),
                conflicts=self.preview.conflicts))
        else:
            self.summary.setText(translate("TakeBack", "没有可以合并的工作包。"))
        self.merge_button.setEnabled(self.preview is not None and not problem)

    def _show_rows(self) -> None:
        self.table.setRowCount(len(self.candidates))
        results = {p.package: p for p in (self.preview.packages if self.preview else [])}
        for row, c in enumerate(self.candidates):
            r = results.get(c.path.name)
            unit = c.package.manifest.unit if c.package else ""
            status = c.problem or (translate("TakeBack", "可以合并") if r is not None else
                                   translate("TakeBack", "检查中…") if c.package is None else "")
            if r is not None and not (r.taken or r.conflicts):
                status = translate("TakeBack", "没有新的修改（可能已合并过）")
            cells = [c.path.name, unit, str(len(r.taken)) if r else "", str(len(r.kept)) if r else "",
                     str(len(r.conflicts)) if r else "", status]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(c.path) if col == 0 else text)
                if col in (2, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)

    # -- merging ---------------------------------------------------------------------------------
    def merge(self) -> None:
        packages = [c.package for c in self.candidates if c.package is not None]
        if not packages or self.preview is None:
            return
        self.session.save_now()
        pf = self.session.pf

        def work(report: Report) -> MergeReport:
            report(10, translate("TakeBack", "正在保存合并前的版本并合并…"))
            return merge_packages(pf, packages)

        self._run(work, self._merged, translate("TakeBack", "正在合并…"))

    def _merged(self, report: MergeReport) -> None:
        self.merged = report
        self.session.undo_stack.clear()  # a file-level step, undone by restoring the safety version
        self.session.refresh_all()
        taken = sum(len(p.taken) for p in report.packages)
        text = translate("TakeBack", "已合并：采用 {taken} 项，{conflicts} 项冲突待决定。").format(
            taken=taken, conflicts=report.conflicts)
        if report.safety_version is not None:
            text += translate("TakeBack", "合并前的状态已保存为自动版本，需要时可一步撤销。")
        self.summary.setText(text)
        self.candidates = []
        self.preview = report
        self.table.setRowCount(0)
        self.merge_button.setEnabled(False)
        self.undo_button.setVisible(report.safety_version is not None)
        self.conflicts_button.setVisible(report.conflicts > 0)

    def undo_merge(self) -> None:
        if self.merged is None or self.merged.safety_version is None:
            return
        try:
            self.session.restore_version(self.merged.safety_version)
        except SmartcityError as exc:
            QMessageBox.warning(self, translate("TakeBack", "未能撤销合并"), str(exc))
            return
        self.summary.setText(translate("TakeBack", "已撤销这次合并：卷宗回到合并前的状态。"))
        self.undo_button.hide()
        self.conflicts_button.hide()
        self.merged = None

    def _open_conflicts(self) -> None:
        if self.show_conflicts is not None:
            self.show_conflicts()
            return
        from smartcity_desktop.ui.dialogs.conflicts import ConflictsDialog

        ConflictsDialog(self.session, self).exec()

    # -- the worker (ui/shell/ops.Op) ----------------------------------------------------------------
    def _run(self, work: Callable[[Report], Any], done: Callable[[Any], None], text: str) -> None:
        self.progress.setValue(0)
        self.progress.setFormat(text + " %p%")
        self.progress.show()
        self.merge_button.setEnabled(False)
        collect_qt_garbage()

        def progressed(pct: int, msg: str) -> None:
            self.progress.setValue(pct)
            self.progress.setFormat((msg or text) + " %p%")

        def ok(result: Any) -> None:
            self._op = None
            self.progress.hide()
            done(result)

        def failed(message: str, _exc: BaseException) -> None:
            self._op = None
            self.progress.hide()
            self.summary.setText(message)
            self.merge_button.setEnabled(False)

        self._op = Op(self, work, name="take back").progress(progressed).success(ok).failure(failed).busy(
            self.add_button, self.scan_button, self.remove_button, self.buttons)
        self._op.run_in_background()

    @property
    def busy(self) -> bool:
        return self._op is not None

    def reject(self) -> None:
        if self.busy:  # never close while the file is being written
            return
        super().reject()


__all__ = ["Candidate", "TakeBackDialog", "scan_folder"]
