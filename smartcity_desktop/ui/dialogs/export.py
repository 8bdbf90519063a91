"""The export dialog: formats, folder (remembered), progress, errors as messages, "open folder".

The export runs in the background (``ops.Op``, as Anki's CollectionOp does) from a snapshot of the
dossier taken on the UI thread, so the window stays responsive and later edits cannot race the writer.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.export import attachment_pages, export_dossier
from smartcity_desktop.export.fonts import font_warning
from smartcity_desktop.export.pdf import pdf_available
from smartcity_desktop.model import Dossier
from smartcity_desktop.paths import documents_dir
from smartcity_desktop.ui.shell.ops import Op
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.ui.shell.settings import qsettings

FOLDER_KEY = "export/folder"
FORMATS_KEY = "export/formats"


@dataclass
class Snapshot:
    """What export_dossier reads from a ProjectFile, copied on the UI thread."""

    dossier: Dossier
    dossier_id: str
    _attachments: list[Any]
    page_counts: dict[str, int | None] = field(default_factory=dict)  # read here: blobs stay on this thread
    author: str = ""

    def attachments(self) -> list[Any]:
        return self._attachments


class ExportDialog(QDialog):
    """Export the session's dossier to 申报书.docx / 指标自评表.xlsx (/ PDFs)."""

    finished_export = Signal(list)

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.written: list[str] = []
        self._op: Op[list[str]] | None = None
        self.setWindowTitle(self.tr("导出申报材料"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)

        box = QGroupBox(self.tr("导出内容"))
        box_layout = QVBoxLayout(box)
        self.docx = QCheckBox(self.tr("申报书（Word，.docx）"))
        self.xlsx = QCheckBox(self.tr("指标自评表（Excel，.xlsx，可交各部门填写后导回）"))
        self.financing = QCheckBox(self.tr("投融资方案（Word 和 Excel，按各项目申报的年度计划）"))
        self.pdf = QCheckBox(self.tr("PDF（由 LibreOffice 转换）"))
        for name, box_widget in (("exportDocx", self.docx), ("exportXlsx", self.xlsx),
                                 ("exportFinancing", self.financing), ("exportPdf", self.pdf)):
            box_widget.setObjectName(name)
            box_widget.setAccessibleName(box_widget.text())
            box_layout.addWidget(box_widget)
        self.readiness = QCheckBox(self.tr("在自评表中附加“基础条件分析”表（本程序自己的衡量，不是官方评分）"))
        self.readiness.setObjectName("exportReadinessSheet")
        self.readiness.setAccessibleName(self.readiness.text())
        box_layout.addWidget(self.readiness)
        if not pdf_available():
            self.pdf.setEnabled(False)
            self.pdf.setToolTip(self.tr("未安装 LibreOffice，无法导出 PDF。安装 LibreOffice（免费）后即可使用；"
                                        "也可以用 Word/WPS 打开导出的文件另存为 PDF。"))
        saved = str(qsettings().value(FORMATS_KEY, "docx,xlsx") or "docx,xlsx").split(",")
        self.docx.setChecked("docx" in saved)
        self.xlsx.setChecked("xlsx" in saved)
        self.financing.setChecked("financing" in saved)
        self.pdf.setChecked("pdf" in saved and self.pdf.isEnabled())
        self.readiness.setEnabled(self.xlsx.isChecked() or self.pdf.isChecked())
        for fmt in (self.xlsx, self.pdf):
            fmt.toggled.connect(lambda _on: self.readiness.setEnabled(self.xlsx.isChecked() or self.pdf.isChecked()))
        layout.addWidget(box)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("保存到：")))
        self.folder = QLineEdit(str(qsettings().value(FOLDER_KEY, "") or documents_dir()))
        self.folder.setObjectName("exportFolder")
        self.folder.setAccessibleName(self.tr("导出文件夹"))
        row.addWidget(self.folder, 1)
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        layout.addLayout(row)

        if session.pf.encrypted:
            warn = QLabel(self.tr("注意：卷宗已加密，但导出的 Word/Excel/PDF 文件不加密，请妥善保管。"))
            warn.setObjectName("exportEncryptedWarning")
            warn.setWordWrap(True)
            warn.setStyleSheet("color: #9c5700;")
            layout.addWidget(warn)

        errors = sum(1 for f in session.findings() if f.severity == "error")
        self.draft_note = QLabel(self.tr("卷宗尚有 {n} 处错误：导出的每份文件都将标为“草稿”。改正后重新导出即为正式文本。")
                                 .format(n=errors) if errors else self.tr("卷宗没有错误：导出的文件为正式文本（无草稿标记）。"))
        self.draft_note.setObjectName("exportDraftNote")
        self.draft_note.setWordWrap(True)
        if errors:
            self.draft_note.setStyleSheet("color: #c00000;")
        layout.addWidget(self.draft_note)
        sample = QLabel(self.tr("申报书中的“承诺书”为程序提供的示范文本（部里未公布格式），请在 Word/WPS 中按本地要求核对修改。"))
        sample.setObjectName("exportCommitmentNote")
        sample.setWordWrap(True)
        layout.addWidget(sample)
        self.font_note = QLabel(font_warning() if self.pdf.isEnabled() else "")
        self.font_note.setObjectName("exportFontWarning")
        self.font_note.setWordWrap(True)
        self.font_note.setStyleSheet("color: #9c5700;")
        layout.addWidget(self.font_note)
        self.font_note.setVisible(bool(self.font_note.text()) and self.pdf.isChecked())
        self.pdf.toggled.connect(lambda on: self.font_note.setVisible(on and bool(self.font_note.text())))

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setAccessibleName(self.tr("导出进度"))
        layout.addWidget(self.progress)
        self.status = QLabel("")
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_folder = QPushButton(self.tr("打开文件夹"))
        self.open_folder.setObjectName("exportOpenFolder")
        self.open_folder.setVisible(False)
        self.open_folder.clicked.connect(self._open_folder)
        self.start = QPushButton(self.tr("导出"))
        self.start.setObjectName("exportStart")
        self.start.setDefault(True)
        self.start.clicked.connect(self.start_export)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        for b in (self.open_folder, self.start, self.close_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)

    def formats(self) -> list[str]:
        return [f for f, box in (("docx", self.docx), ("xlsx", self.xlsx), ("financing", self.financing),
                                 ("pdf", self.pdf))
                if box.isChecked() and box.isEnabled()]

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择导出文件夹"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    @property
    def running(self) -> bool:
        return self._op is not None and self._op.running

    @Slot()
    def start_export(self) -> None:
        formats = self.formats()
        folder = Path(self.folder.text().strip()).expanduser()
        if not formats:
            self._show_error(self.tr("请至少选择一种导出格式。"))
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._show_error(self.tr("无法使用文件夹 {folder}：{detail}").format(folder=folder,
                                                                           detail=exc.strerror or exc))
            return
        settings = qsettings()
        settings.setValue(FOLDER_KEY, str(folder))
        settings.setValue(FORMATS_KEY, ",".join(formats))
        if not self.session.save_now():
            self._show_error(self.tr("保存失败，未导出：{detail}").format(detail=self.session.last_error or ""))
            return
        pf = self.session.pf
        snapshot = Snapshot(Dossier(pf.dossier.scheme, pf.dossier.values()), pf.dossier_id, pf.attachments(),
                            attachment_pages(pf), getattr(pf, "author", "") or "")
        self.open_folder.setVisible(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在导出……"))
        self.progress.setValue(0)
        readiness_sheet = self.readiness.isChecked() and self.readiness.isEnabled()

        def work(report: Callable[[int, str], None]) -> list[str]:
            written = export_dossier(snapshot, folder, formats,
                                     progress=report, readiness_sheet=readiness_sheet)
            return [str(p) for p in written]

        self._op = (Op(self, work, name="export").progress(self._on_progress).success(self._on_done)
                    .failure(self._on_failed).busy(self.start, self.close_button))
        self._op.run_in_background()

    @Slot(int, str)
    def _on_progress(self, percent: int, message: str) -> None:
        self.progress.setValue(percent)
        self.status.setText(message)

    def _on_done(self, paths: list[str]) -> None:
        self.written = paths
        self.progress.setValue(100)
        names = "\n".join(Path(p).name for p in paths)
        self.status.setText(self.tr("已导出到 {folder}：\n{names}").format(folder=self.folder.text(), names=names))
        self.open_folder.setVisible(True)
        self.open_folder.setFocus()
        self.finished_export.emit(paths)

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.progress.setValue(0)
        self._show_error(message)

    def _show_error(self, message: str) -> None:
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(message)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text()))

    def reject(self) -> None:
        if self.running:  # never leave a writer behind; it finishes in seconds
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        if self.running:
            event.ignore()
            return
        super().closeEvent(event)
