"""The review page: findings grouped by section with severity icons, a verdict, export/import.

Activating a finding jumps to the field (``MainWindow.go_to``). The export and import dialogs
belong to the export engineer's modules and are imported only when their buttons are pressed.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.crashlog import log_exception
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.validate import ERROR, INFO, WARNING, section_of, summarize
from smartcity_desktop.ui.pages.base import Page
from smartcity_desktop.ui.widgets.icons import status_icon
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.ui.shell.style import set_role, set_state_colour

translate = QCoreApplication.translate
KEY_ROLE = Qt.ItemDataRole.UserRole
RULE_ROLE = Qt.ItemDataRole.UserRole + 1


def severity_text(severity: str) -> str:
    return {ERROR: translate("Review", "错误"), WARNING: translate("Review", "警告"),
            INFO: translate("Review", "提示")}.get(severity, severity)


class ReviewPage(Page):
    def __init__(self, session: DossierSession, go_to: Callable[[str], bool], parent: QWidget | None = None,
                 resolve_conflict: Callable[[str], None] | None = None):
        super().__init__(parent)
        self.session = session
        self._go_to = go_to
        self._resolve_conflict = resolve_conflict  # a merge conflict opens the conflict view (issue 15)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        title = QLabel(translate("Review", "检查与导出"))
        set_role(title, "pageTitle")
        layout.addWidget(title)
        self.summary = QLabel()
        set_role(self.summary, "verdict")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        hint = QLabel(translate("Review", "双击或按回车转到需要修改的地方。错误必须改正后才能提交；警告建议处理。"))
        hint.setWordWrap(True)
        set_role(hint, "hint")
        layout.addWidget(hint)
        self.tree = QTreeWidget()
        self.tree.setObjectName("findings")
        self.tree.setAccessibleName(translate("Review", "检查结果"))
        self.tree.setHeaderLabels([translate("Review", "问题"), translate("Review", "级别")])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        layout.addWidget(self.tree, 1)
        self.submitted = QLabel()
        self.submitted.setObjectName("submittedVersion")
        self.submitted.setWordWrap(True)
        layout.addWidget(self.submitted)
        row = QHBoxLayout()
        self.recheck_button = QPushButton(translate("Review", "重新检查"))
        self.export_button = QPushButton(translate("Review", "导出申报材料…"))
        self.import_button = QPushButton(translate("Review", "从 Excel 导入…"))
        self.export_button.setObjectName("exportButton")
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(not session.readonly)
        row.addWidget(self.recheck_button)
        row.addStretch(1)
        row.addWidget(self.import_button)
        row.addWidget(self.export_button)
        self.package_button = QPushButton(translate("Review", "生成申报包…"))
        self.package_button.setObjectName("packageButton")
        self.package_button.clicked.connect(self.open_package)
        row.addWidget(self.package_button)
        layout.addLayout(row)
        undo_row = QHBoxLayout()
        self.import_notice = QLabel()
        self.import_notice.setObjectName("importNotice")
        self.import_notice.setWordWrap(True)
        self.undo_import_button = QPushButton(translate("Review", "撤销这次导入"))
        self.undo_import_button.setObjectName("undoImport")
        self.undo_import_button.setAccessibleName(translate("Review", "撤销这次导入"))
        self.undo_import_button.clicked.connect(self.undo_import)
        # CJK glyphs come from a fallback face a little wider than the metrics Qt sizes buttons by
        self.undo_import_button.setMinimumWidth(self.undo_import_button.sizeHint().width() + self.undo_import_button.fontMetrics().averageCharWidth() * 2)
        undo_row.addWidget(self.import_notice, 1)
        undo_row.addWidget(self.undo_import_button)
        layout.addLayout(undo_row)
        self._import_safety: int | None = None
        self._show_import_notice("")
        self.recheck_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.open_export)
        self.import_button.clicked.connect(self.open_import)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.reload)
        session.valuesChanged.connect(self._schedule)
        session.reset.connect(self._schedule)
        self.reload()

    def _schedule(self, *_args: object) -> None:
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self.reload()

    def reload(self) -> None:
        self._stale = False
        findings = self.session.findings()
        summary = summarize(findings)
        self.summary.setText(summary.text())
        set_state_colour(self.summary, summary.ready)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        counts: dict[str, dict[str, int]] = {}
        for f in findings:
            gid, label = section_of(f.key, self.session.scheme)
            group = groups.get(gid)
            if group is None:
                group = QTreeWidgetItem(self.tree, [label, ""])
                group.setFirstColumnSpanned(False)
                groups[gid] = group
                counts[gid] = {ERROR: 0, WARNING: 0, INFO: 0}
            counts[gid][f.severity] = counts[gid].get(f.severity, 0) + 1
            item = QTreeWidgetItem(group, [f.message, severity_text(f.severity)])
            item.setIcon(0, status_icon(f.severity))
            item.setData(0, KEY_ROLE, f.key)
            item.setData(0, RULE_ROLE, f.rule)
            item.setToolTip(0, f"{f.message}\n{f.key}")
        for gid, group in groups.items():
            c = counts[gid]
            worst = ERROR if c[ERROR] else WARNING if c[WARNING] else INFO
            group.setIcon(0, status_icon(worst))
            group.setText(1, translate("Review", "{e} 错误 / {w} 警告").format(e=c[ERROR], w=c[WARNING]))
            group.setExpanded(bool(c[ERROR]) or len(groups) <= 3)
        if not findings:
            QTreeWidgetItem(self.tree, [translate("Review", "没有发现问题。"), ""])
        self._show_submitted()

    def _show_submitted(self) -> None:
        """Which version went out (the last final one) and whether the dossier moved on since."""
        from smartcity_desktop.package.submission import submitted_version

        try:
            state = submitted_version(self.session.pf)
        except Exception as exc:  # noqa: BLE001 - a status line must never break the page
            log_exception(exc, "submitted version")
            state = None
        if state is None:
            self.submitted.setText(translate("Review", "尚未生成定稿版本（生成申报包时可选择“定稿”）。"))
            return
        since = (translate("Review", "此后已修改 {n} 处，当前为新草稿。").format(n=state.changes_since)
                 if state.changes_since else translate("Review", "此后没有修改。"))
        self.submitted.setText(translate("Review", "已报送的定稿版本：{name}（{when}）。{since}").format(
            name=state.version.name, when=state.version.created_at[:16].replace("T", " "), since=since))

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, KEY_ROLE)
        if key and item.data(0, RULE_ROLE) == "merge.conflict" and self._resolve_conflict is not None:
            self._resolve_conflict(key)
        elif key:
            self._go_to(key)
        else:
            item.setExpanded(not item.isExpanded())

    def focus_key(self, key: str) -> bool:
        self.tree.setFocus()
        return True

    # -- export / import (the export engineer's dialogs, imported lazily) --------------------------
    def open_export(self) -> None:
        self.session.save_now()
        try:
            from smartcity_desktop.ui.dialogs.export import ExportDialog
        except ImportError as exc:
            self._unavailable(exc)
            return
        ExportDialog(self.session, self.window()).exec()

    def open_package(self) -> None:
        from smartcity_desktop.ui.dialogs.package import PackageDialog

        self.session.save_now()
        PackageDialog(self.session, self.window()).exec()
        self.reload()

    def open_import(self) -> None:
        try:
            from smartcity_desktop.ui.dialogs.import_preview import ExcelImportDialog
        except ImportError as exc:
            self._unavailable(exc)
            return
        dialog = ExcelImportDialog(self.session, self.window())
        dialog.imported.connect(self.after_import)
        dialog.exec()

    def after_import(self, done: dict) -> None:
        """Say what the import changed and offer it back in one click (the automatic version made before)."""
        safety = self.session.last_safety_version
        if safety is None:
            self._show_import_notice("")
            return
        self._show_import_notice(translate("Review", "已导入 {n} 项修改；导入前的内容已自动保存为版本“{name}”。").format(
            n=len(done), name=self.session.pf.version(safety).name), safety)

    def undo_import(self) -> None:
        """Restore the automatic version made just before the import (itself kept as one: nothing is lost)."""
        vid = self._import_safety
        if vid is None:
            return
        try:
            self.session.restore_version(vid)
        except SmartcityError as exc:
            QMessageBox.warning(self, translate("Review", "无法撤销导入"), str(exc))
            return
        self._show_import_notice(translate("Review", "已撤销导入，卷宗恢复到导入前的内容（撤销前的内容也已保存为版本，"
                                                     "可在“版本”中找回）。"))

    def _show_import_notice(self, text: str, safety_vid: int | None = None) -> None:
        self._import_safety = safety_vid
        self.import_notice.setText(text)
        self.import_notice.setVisible(bool(text))
        self.undo_import_button.setVisible(safety_vid is not None and not self.session.readonly)

    def _unavailable(self, exc: Exception) -> None:
        log_exception(exc, "optional dialog missing")
        QMessageBox.information(self, translate("Review", "功能不可用"),
                                translate("Review", "此版本中没有安装这个功能。"))
