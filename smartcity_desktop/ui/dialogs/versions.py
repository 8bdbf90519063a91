"""Named versions: make one, list them, compare one with the current dossier, restore one."""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.model.vocabulary import describe
from smartcity_desktop.store.safety import MAX_AUTOMATIC
from smartcity_desktop.ui.shell.session import DossierSession

translate = QCoreApplication.translate


def short(value: Any, limit: int = 120) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


class VersionsDialog(QDialog):
    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(translate("Versions", "版本"))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(translate("Versions", "版本是整个卷宗在某一时刻的快照。可以随时建立版本，与当前内容比较，"
                                             "或恢复到某个版本。每次恢复或导入之前，程序会把当时的内容自动保存为一个"
                                             "版本（标有“自动”，列在下面，选中后可恢复；只保留最近 {n} 个）。")
                       .format(n=MAX_AUTOMATIC))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("versionsTable")
        self.table.setAccessibleName(translate("Versions", "版本列表"))
        self.table.setHorizontalHeaderLabels([translate("Versions", "名称"), translate("Versions", "建立时间"),
                                              translate("Versions", "建立人")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        splitter.addWidget(self.table)
        self.diff = QTableWidget(0, 3)
        self.diff.setObjectName("versionDiff")
        self.diff.setAccessibleName(translate("Versions", "比较结果"))
        self.diff.setHorizontalHeaderLabels([translate("Versions", "字段"), translate("Versions", "该版本中"),
                                             translate("Versions", "当前")])
        self.diff.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.diff.setWordWrap(True)
        for col in range(3):
            self.diff.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.diff.verticalHeader().setVisible(False)
        splitter.addWidget(self.diff)
        layout.addWidget(splitter, 1)
        self.diff_label = QLabel()
        layout.addWidget(self.diff_label)
        notice_row = QHBoxLayout()
        self.notice = QLabel()
        self.notice.setObjectName("restoreNotice")
        self.notice.setWordWrap(True)
        self.undo_restore_button = QPushButton(translate("Versions", "撤销这次恢复"))
        self.undo_restore_button.setObjectName("undoRestore")
        self.undo_restore_button.setAccessibleName(translate("Versions", "撤销这次恢复"))
        self.undo_restore_button.clicked.connect(self.undo_restore)
        # CJK glyphs come from a fallback face a little wider than the metrics Qt sizes buttons by
        self.undo_restore_button.setMinimumWidth(self.undo_restore_button.sizeHint().width() + self.undo_restore_button.fontMetrics().averageCharWidth() * 2)
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.undo_restore_button)
        layout.addLayout(notice_row)
        self._safety_vid: int | None = None
        self._show_notice("")
        row = QHBoxLayout()
        self.new_button = QPushButton(translate("Versions", "建立版本…"))
        self.compare_button = QPushButton(translate("Versions", "与当前比较"))
        self.restore_button = QPushButton(translate("Versions", "恢复到此版本…"))
        for button in (self.new_button, self.compare_button, self.restore_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.new_button.clicked.connect(self.ask_new_version)
        self.compare_button.clicked.connect(self.compare_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _i: self.compare_selected())
        self.new_button.setEnabled(not session.readonly)
        self.reload()

    def reload(self) -> None:
        versions = self.session.pf.versions()
        self.table.setRowCount(len(versions))
        for row, info in enumerate(reversed(versions)):
            name = QTableWidgetItem(info.name + (translate("Versions", "（定稿）") if info.final else "")
                                    + (translate("Versions", "（自动）") if info.automatic else ""))
            name.setData(Qt.ItemDataRole.UserRole, info.id)
            if info.automatic:
                name.setToolTip(translate("Versions", "恢复或导入之前自动保存的内容"))
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(info.created_at[:19].replace("T", " ")))
            self.table.setItem(row, 2, QTableWidgetItem(info.author))
        self.table.resizeColumnToContents(1)
        self._update_buttons()

    def select_version(self, vid: int) -> bool:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == vid:
                self.table.selectRow(row)
                return True
        return False

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 0) if rows else None
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.compare_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen and not self.session.readonly)

    def make_version(self, name: str) -> int:
        self.session.save_now()
        vid = self.session.pf.create_version(name)
        self.reload()
        return vid

    def ask_new_version(self) -> None:
        name, ok = QInputDialog.getText(self, translate("Versions", "建立版本"),
                                        translate("Versions", "版本名称（例如“报送省厅前”）："))
        if not ok or not name.strip():
            return
        try:
            self.make_version(name)
        except SmartcityError as exc:
            QMessageBox.warning(self, translate("Versions", "无法建立版本"), str(exc))

    def compare(self, vid: int) -> list[tuple[str, Any, Any]]:
        self.session.save_now()
        changes = self.session.pf.diff_version(vid)
        self.diff.setRowCount(len(changes))
        for row, (key, old, new) in enumerate(changes):
            label = QTableWidgetItem(describe(self.session.dossier, key))
            label.setToolTip(key)
            self.diff.setItem(row, 0, label)
            self.diff.setItem(row, 1, QTableWidgetItem(short(old)))
            self.diff.setItem(row, 2, QTableWidgetItem(short(new)))
        self.diff.resizeRowsToContents()
        self.diff_label.setText((translate("Versions", "与当前内容相比，有 {n} 个字段不同。", "n=1") if len(changes) == 1
                                 else translate("Versions", "与当前内容相比，有 {n} 个字段不同。")).format(n=len(changes)))
        return changes

    def compare_selected(self) -> None:
        vid = self.selected_id()
        if vid is not None:
            try:
                self.compare(vid)
            except SmartcityError as exc:  # a damaged or hostile stored version (issue 9)
                QMessageBox.warning(self, translate("Versions", "无法比较"), str(exc))

    def restore_selected(self) -> None:
        vid = self.selected_id()
        if vid is None:
            return
        info = self.session.pf.version(vid)
        answer = QMessageBox.question(
            self, translate("Versions", "恢复版本"),
            translate("Versions", "把卷宗恢复到版本“{name}”？当前内容会先自动保存为一个版本，"
                                  "恢复后可用“撤销这次恢复”一键取回。").format(name=info.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore(vid)

    def restore(self, vid: int) -> bool:
        """Restore ``vid``; the state before is kept as an automatic version, listed, selected and offered
        back by the "撤销这次恢复" button."""
        try:
            self.session.restore_version(vid)
        except SmartcityError as exc:
            QMessageBox.warning(self, translate("Versions", "无法恢复"), str(exc))
            return False
        safety = self.session.last_safety_version
        self.reload()
        self.compare(vid)
        if safety is None:
            self._show_notice(translate("Versions", "卷宗内容与该版本相同，没有需要恢复的修改。"))
            return True
        self._show_notice(translate("Versions", "已恢复。恢复前的内容已保存为版本“{name}”。").format(
            name=self.session.pf.version(safety).name), safety)
        self.select_version(safety)
        self.compare(safety)  # the table shows what the restore replaced
        return True

    def undo_restore(self) -> None:
        """One click: restore the automatic version made just before the last restore."""
        vid = self._safety_vid
        if vid is not None:
            self.restore(vid)

    def _show_notice(self, text: str, safety_vid: int | None = None) -> None:
        self._safety_vid = safety_vid
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self.undo_restore_button.setVisible(safety_vid is not None and not self.session.readonly)
