"""Excel import with a preview: pick a workbook, see every change (field, key, old, new), then apply.

Reading is all or nothing: a workbook with cells the program cannot accept shows each one (sheet,
cell, reason) and nothing can be applied until the department's file is corrected. A large
workbook takes seconds to read: it is read in the background (``ops.Op``) against a snapshot of
the dossier, the window keeps responding, and ``loaded(ok)`` says when the preview is there.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.export.xlsx_import import WorkbookRefused, read_workbook
from smartcity_desktop.model.keys import name_of_key
from smartcity_desktop.model.vocabulary import describe, display_key
from smartcity_desktop.paths import documents_dir
from smartcity_desktop.ui.shell.ops import Op
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.ui.shell.settings import qsettings

FOLDER_KEY = "import/folder"
PREVIEW_CHARS = 200


class ExcelImportDialog(QDialog):
    """Import a 指标自评表.xlsx filled in by a department."""

    imported = Signal(dict)
    loaded = Signal(bool)  # reading ended: True the preview is shown, False refused (the reasons shown)

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.values: dict[str, Any] = {}
        self.warnings: list[str] = []
        self.path: Path | None = None
        self._op: Op[tuple[dict[str, Any], list[str]]] | None = None
        self.setWindowTitle(self.tr("导入 Excel 自评表"))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("选择由本程序导出、经各部门填写的“指标自评表”。导入前会列出全部修改，确认后才应用；"
                               "有无法接受的单元格时不会导入任何内容。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        row = QHBoxLayout()
        self.file = QLineEdit()
        self.file.setObjectName("importFile")
        self.file.setReadOnly(True)
        self.file.setAccessibleName(self.tr("工作簿文件"))
        row.addWidget(self.file, 1)
        self.choose = QPushButton(self.tr("选择工作簿…"))
        self.choose.setObjectName("importChoose")
        self.choose.clicked.connect(self._choose)
        row.addWidget(self.choose)
        layout.addLayout(row)

        self.summary = QLabel("")
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("importPreview")
        self.table.setAccessibleName(self.tr("将要修改的内容"))
        self.table.setHorizontalHeaderLabels([self.tr("字段"), self.tr("字段名"), self.tr("原值"), self.tr("新值")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 170)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.apply_button = QPushButton(self.tr("应用导入"))
        self.apply_button.setObjectName("importApply")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)

    def _choose(self) -> None:
        start = str(qsettings().value(FOLDER_KEY, "") or documents_dir())
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择 Excel 工作簿"), start,
                                              self.tr("Excel 工作簿 (*.xlsx *.xlsm)"))
        if name:
            qsettings().setValue(FOLDER_KEY, str(Path(name).parent))
            self.load(Path(name))

    @property
    def reading(self) -> bool:
        return self._op is not None and self._op.running

    def load(self, path: Path) -> None:
        """Start reading ``path`` in the background; the preview (or the reasons it is refused)
        follows, then ``loaded``."""
        self.path = Path(path)
        self.file.setText(str(path))
        self.values = {}
        self.warnings = []
        self.table.setRowCount(0)
        self.apply_button.setEnabled(False)
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("正在读取工作簿……"))
        source, snapshot, dossier_id = self.path, self.session.dossier.snapshot(), self.session.pf.dossier_id

        def work(_report: object) -> tuple[dict[str, Any], list[str]]:
            warnings: list[str] = []
            return read_workbook(source, snapshot, dossier_id=dossier_id, warnings=warnings), warnings

        self._op = Op(self, work, name="read workbook").success(self._read).failure(self._refused).busy(self.choose)
        self._op.run_in_background()

    def _read(self, result: tuple[dict[str, Any], list[str]]) -> None:
        self.values, self.warnings = result
        self._show_preview()
        self.loaded.emit(True)

    def _refused(self, message: str, exc: BaseException) -> None:
        if isinstance(exc, WorkbookRefused):
            self._show_problems(exc)
        else:
            self._error(message)
        self.loaded.emit(False)

    def _text(self, key: str, value: Any) -> str:
        text = display_key(key, value)
        return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…"

    def _show_preview(self) -> None:
        d = self.session.dossier
        rows = [k for k in self.values if name_of_key(k) != "order"]
        self.table.setRowCount(len(rows))
        for r, key in enumerate(rows):
            old = self._text(key, d.get(key))
            new = self._text(key, self.values[key])
            cells = [describe(d, key, self.values), key, old, new if new else self.tr("（清空）")]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        new_projects = sum(1 for k in self.values if name_of_key(k) == "order")
        if not self.values:
            self.summary.setStyleSheet("")
            self.summary.setText(self.tr("工作簿与当前卷宗一致，没有需要导入的修改。"))
            return
        text = (self.tr("将修改 {n} 项", "n=1") if len(rows) == 1 else self.tr("将修改 {n} 项")).format(n=len(rows))
        if new_projects:
            text += (self.tr("，其中新增项目 {n} 个", "n=1") if new_projects == 1
                     else self.tr("，其中新增项目 {n} 个")).format(n=new_projects)
        if self.session.readonly:
            self.summary.setStyleSheet("color: #b00020;")
            self.summary.setText(text + self.tr("。卷宗以只读方式打开，不能导入。"))
            return
        self.summary.setStyleSheet("color: #8a5a00;" if self.warnings else "")
        self.summary.setText("\n".join([*self.warnings, text + self.tr(
            "。请核对后点击“应用导入”（可在“版本”中恢复导入前的内容）。")]))
        self.apply_button.setEnabled(True)

    def _show_problems(self, exc: WorkbookRefused) -> None:
        self._error(self.tr("工作簿中有 {n} 处无法导入，未导入任何内容。请在 Excel 中改正下列单元格后重新选择：")
                    .format(n=len(exc.problems)))
        self.table.setHorizontalHeaderLabels([self.tr("工作表"), self.tr("单元格"), self.tr("问题"), ""])
        self.table.setColumnHidden(3, True)
        self.table.setRowCount(len(exc.problems))
        for r, p in enumerate(exc.problems):
            for c, text in enumerate((p.sheet, p.cell, p.reason, "")):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()

    def _error(self, message: str) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("字段"), self.tr("字段名"), self.tr("原值"), self.tr("新值")])
        self.table.setColumnHidden(3, False)
        self.summary.setStyleSheet("color: #b00020;")
        self.summary.setText(message)

    def apply(self) -> None:
        if not self.values or self.path is None:
            return
        try:
            done = self.session.apply_import(self.values, source=f"import:{self.path.name}")
        except SmartcityError as exc:
            self._error(str(exc))
            self.apply_button.setEnabled(False)
            return
        self.imported.emit(done)
        self.accept()
