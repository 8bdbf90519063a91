"""生成申报包: the submission package from the GUI (the same core as ``package`` on the command line).

The user picks a new folder and whether this is the final version (a frozen named version is made
first; later edits continue as a new draft) or a draft (allowed with errors; every document is
marked 草稿). Refusals and what is missing are shown in the dialog, never as a traceback.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.package.submission import PackageReport
from smartcity_desktop.paths import documents_dir
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.ui.shell.style import set_role, set_state_colour

translate = QCoreApplication.translate


def default_folder(session: DossierSession) -> Path:
    name = session.dossier.get("applicant.name") or translate("Package", "申报")
    base = documents_dir() / translate("Package", "{name}-申报包-{day}").format(name=name, day=date.today().isoformat())
    candidate, n = base, 2
    while candidate.exists():
        candidate = base.with_name(f"{base.name}-{n}")
        n += 1
    return candidate


class PackageDialog(QDialog):
    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.report: PackageReport | None = None
        self.setWindowTitle(translate("Package", "生成申报包"))
        layout = QVBoxLayout(self)
        intro = QLabel(translate("Package", "申报包是一个新文件夹：本批次全部材料按序编号（附上的文件优先于程序生成的文件）、"
                                            "其他附件、材料清单、合订本 PDF（需要 LibreOffice）和校验清单 manifest.json。"
                                            "收件方可用 verify-package 核对文件是否被改动。"))
        intro.setWordWrap(True)
        set_role(intro, "hint")
        layout.addWidget(intro)
        form = QFormLayout()
        row = QHBoxLayout()
        self.folder = QLineEdit(str(default_folder(session)))
        self.folder.setObjectName("packageFolder")
        self.folder.setAccessibleName(translate("Package", "申报包文件夹"))
        browse = QPushButton(translate("Package", "浏览…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(translate("Package", "新文件夹："), row)
        layout.addLayout(form)
        self.final = QCheckBox(translate("Package", "这是正式报送的定稿（先保存为定稿版本；之后的修改作为新草稿）"))
        self.final.setObjectName("packageFinal")
        self.draft = QCheckBox(translate("Package", "草稿：卷宗有错误也生成，每份文件标注“草稿”"))
        self.draft.setObjectName("packageDraft")
        self.final.toggled.connect(self._final_toggled)
        self.draft.toggled.connect(self._draft_toggled)
        self.final.setEnabled(not session.readonly)
        layout.addWidget(self.final)
        layout.addWidget(self.draft)
        self.progress = QProgressBar()
        self.progress.setObjectName("packageProgress")
        self.progress.setAccessibleName(translate("Package", "进度"))
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.message = QLabel()
        self.message.setObjectName("packageMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(translate("Package", "打开文件夹"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_folder)
        self.create_button = QPushButton(translate("Package", "生成"))
        self.create_button.setObjectName("packageCreate")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.make_package)
        close = QPushButton(translate("Package", "关闭"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(620, 320)

    def _final_toggled(self, on: bool) -> None:
        if on:  # a final version cannot be a draft
            self.draft.setChecked(False)

    def _draft_toggled(self, on: bool) -> None:
        if on:
            self.final.setChecked(False)

    def _show_progress(self, percent: int, text: str) -> None:
        self.progress.setValue(percent)
        self.progress.setFormat(f"{text} %p%")

    def _browse(self) -> None:
        parent = QFileDialog.getExistingDirectory(self, translate("Package", "申报包放在哪个文件夹中"),
                                                  str(Path(self.folder.text()).parent))
        if parent:
            self.folder.setText(str(Path(parent) / Path(self.folder.text()).name))

    def _open_folder(self) -> None:
        if self.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.folder)))

    def make_package(self) -> None:
        from smartcity_desktop.package.submission import build_package
        from smartcity_desktop.ui.shell.ops import Op

        text = self.folder.text().strip()
        if not text:
            self.message.setText(translate("Package", "请填写申报包的文件夹。"))
            set_state_colour(self.message, False)
            return
        self.session.save_now()
        pf, final, draft = self.session.pf, self.final.isChecked(), self.draft.isChecked()
        self.message.setText(translate("Package", "正在生成申报包……"))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        try:
            report = Op(self, lambda report: build_package(pf, Path(text), final=final, draft=draft, progress=report),
                        name="package").progress(self._show_progress).run_and_wait()
        except SmartcityError as exc:
            self.progress.setVisible(False)
            self.message.setText(str(exc))
            set_state_colour(self.message, False)
            return
        self.report = report
        self._show_progress(100, translate("Package", "完成"))
        lines = [translate("Package", "已生成申报包：{folder}（{n} 个文件）").format(folder=report.folder,
                                                                          n=len(report.files) + 1)]
        if report.version:
            lines.append(translate("Package", "卷宗版本：{name}").format(name=report.version["name"]))
        lines += [translate("Package", "缺少材料：{label}").format(label=label) for label in report.missing]
        lines += report.notes
        self.message.setText("\n".join(lines))
        set_state_colour(self.message, not report.missing)
        self.open_button.setEnabled(True)
        self.create_button.setEnabled(False)
        if final:
            self.session.reset.emit()  # the review page shows the submitted version
