"""A lead unit's focused window on its work package (issue 15): ``MainWindow(path)`` on a ``.scpart``.

The package carries the whole dossier for context, but only the unit's indicators and projects (and
projects it adds) may change: the package's guard (departments.package.guard) refuses anything else on
every write path, the session asks that guard before an edit is pushed, and the inputs of other keys
are shaded read-only. This module adds what the unit sees: a bar naming the unit, its assignment and
due date; the outline with its own pages in bold and the others greyed as context; its own progress
and findings only; a notice when someone types where they may not; and "交回" (hand back), which
seals what is handed back as a final version and says where to send the file.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.departments import PACKAGE_KIND, Manifest, guard
from smartcity_desktop.departments.assign import project_of
from smartcity_desktop.departments.status import filled_percent
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.model import FieldError, parse_key
from smartcity_desktop.ui.widgets.field_widgets import READONLY_TYPING
from smartcity_desktop.validate import ERROR, Finding

if TYPE_CHECKING:
    from smartcity_desktop.ui.shell.mainwindow import MainWindow

translate = QCoreApplication.translate
BAR_BACK = "#e6f0fb"  # calm blue: information about the whole window, not a warning
GUIDE_TOPIC = "11"  # "## 11. 部门填写指南" / "## 11. Guide for units" in docs/user-guide.*.md
CONTEXT_TEXT = "#8a9099"  # outline entries the unit reads for context only


def is_package(window_pf: object) -> bool:
    return getattr(window_pf, "kind", "dossier") == PACKAGE_KIND


class UnitMode(QObject):
    """Everything a unit's window does differently from a dossier's."""

    def __init__(self, window: MainWindow, manifest: Manifest):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.manifest = manifest
        self.base_projects = manifest.base_projects()
        self.bar = self._build_bar()
        window.right_layout.insertWidget(0, self.bar)
        self._mark_outline()
        window.progress.setFormat(translate("UnitMode", "本单位完成 %p%"))
        window.progress.setAccessibleName(translate("UnitMode", "本单位的完成度"))
        READONLY_TYPING.attempted.connect(self._typed_in_context)
        self.last_refusal = ""

    # -- what is the unit's ------------------------------------------------------------------------
    @property
    def unit(self) -> str:
        return self.manifest.unit

    def indicators(self) -> list[str]:
        return list(self.manifest.assignment.indicators)

    def projects(self) -> list[str]:
        """The unit's projects: those assigned and those it added since (they are its own)."""
        assigned = list(self.manifest.assignment.projects)
        added = [p for p in self.session.dossier.project_ids() if p not in self.base_projects]
        return assigned + [p for p in added if p not in assigned]

    def owns(self, key: str) -> bool:
        """A key the unit answers for (its findings count; its fields are editable)."""
        if self.manifest.assignment.holds(key):
            return True
        pid = project_of(key)
        return pid is not None and pid not in self.base_projects

    def own_pages(self) -> list[str]:
        pages = [f"indicators[{i}]" for i in self.indicators() if f"indicators[{i}]" in self.window.index_of]
        return pages + ["projects"]

    def start_page(self) -> str:
        return self.own_pages()[0]

    def own_findings(self, findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if self.owns(f.key)]

    def percent(self) -> int:
        """Filled share of what the unit's indicators ask for, plus its projects' essentials."""
        return filled_percent(self.session.dossier, self.indicators(), self.projects())

    # -- what the unit sees ----------------------------------------------------------------------------
    def _build_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("unitBar")
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar.setAutoFillBackground(True)
        palette = bar.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(BAR_BACK))
        bar.setPalette(palette)
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(16, 8, 16, 8)
        text = QVBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("unitTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("unitDetail")
        self.detail.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("unitNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5a00")
        self.notice.hide()
        text.addWidget(self.title)
        text.addWidget(self.detail)
        text.addWidget(self.notice)
        layout.addLayout(text, 1)
        self.hand_back_button = QPushButton(translate("UnitMode", "交回…"))
        self.hand_back_button.setObjectName("handBack")
        self.hand_back_button.setAccessibleName(translate("UnitMode", "交回工作包"))
        self.hand_back_button.setEnabled(not self.session.readonly)
        self.hand_back_button.clicked.connect(self.hand_back)
        self.guide_button = QPushButton(translate("UnitMode", "填写指南"))
        self.guide_button.setObjectName("unitGuide")
        self.guide_button.clicked.connect(self.show_guide)
        layout.addWidget(self.guide_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.hand_back_button, 0, Qt.AlignmentFlag.AlignTop)
        self.title.setText(translate("UnitMode", "{unit} 的工作包").format(unit=self.unit))
        n_ind, n_proj = len(self.indicators()), len(self.manifest.assignment.projects)
        due = self.manifest.due or translate("UnitMode", "未定")
        self.detail.setText(translate(
            "UnitMode", "本单位负责 {n} 项指标、{p} 个项目（也可以新增本单位牵头的项目），请在 {due} 前交回。"
                        "灰色的内容是整份申报书的其他部分，仅供参考，不能修改。").format(n=n_ind, p=n_proj, due=due))
        return bar

    def show_guide(self) -> QWidget:
        """The one-page guide for units (chapter 11 of the user guide, the one the covering note names)."""
        from smartcity_desktop.ui.dialogs.help import show_help

        return show_help(GUIDE_TOPIC, self.window)

    def _mark_outline(self) -> None:
        own = set(self.own_pages())
        outline = self.window.outline
        for page, item in outline.pages.items():
            font = QFont(item.font(0))
            if page in own:
                font.setBold(True)
                item.setToolTip(0, translate("UnitMode", "本单位负责：{title}").format(title=item.text(0)))
            elif page != "review":
                item.setForeground(0, QColor(CONTEXT_TEXT))
                item.setToolTip(0, translate("UnitMode", "仅供参考（不由本单位填写）：{title}").format(
                    title=item.text(0)))
            item.setFont(0, font)

    def _typed_in_context(self, widget: QWidget) -> None:
        """Typing into a field that is not the unit's: say why, in the bar and the status line."""
        if self.window.closed or widget.window() is not self.window or self.session.readonly:
            return
        key = widget.objectName()
        why = self.session.why_not_editable(key) or ""
        try:
            parse_key(key)
            from smartcity_desktop.model.vocabulary import describe

            what = describe(self.session.dossier, key)
        except FieldError:
            what = key
        message = translate("UnitMode", "“{what}”不能在这里修改：{why}。如需改动，请联系牵头办公室。").format(
            what=what, why=why.rstrip("。") or translate("UnitMode", "不属于本单位负责的内容"))
        self.last_refusal = message
        self.notice.setText(message)
        self.notice.show()
        self.window.statusBar().showMessage(message, 8000)

    # -- handing back --------------------------------------------------------------------------------
    def hand_back(self) -> QDialog | None:
        """Save, note the state handed back as a final version (so the unit can later see what it
        sent), and tell where to send the file. Unfinished own fields are said, not blocked: the
        office may want an early partial return."""
        if not self.window.save_now():
            QMessageBox.warning(self.window, translate("UnitMode", "未能交回"), self.session.last_error or "")
            return None
        errors = [f for f in self.own_findings(self.session.findings()) if f.severity == ERROR]
        if errors and not getattr(self, "_confirmed", False):
            answer = QMessageBox.question(
                self.window, translate("UnitMode", "还有未完成的内容"),
                translate("UnitMode", "本单位负责的内容还有 {n} 个问题（见“检查与导出”）。仍要交回吗？").format(
                    n=len(errors)))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        try:
            self.session.pf.create_version(translate("UnitMode", "交回 {when}").format(
                when=datetime.now().strftime("%Y-%m-%d %H:%M")), final=True)
        except SmartcityError as exc:
            QMessageBox.warning(self.window, translate("UnitMode", "未能交回"), str(exc))
            return None
        dialog = HandBackDialog(self.session.pf.path, self.unit, self.manifest.due, len(errors), self.window)
        dialog.open()
        return dialog


class HandBackDialog(QDialog):
    """Where the sealed package goes: the file, the due date, how to send it."""

    def __init__(self, path: Path, unit: str, due: str, problems: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("handBackDialog")
        self.setWindowTitle(translate("UnitMode", "交回工作包"))
        self.setMinimumWidth(560)
        self.path = path
        layout = QVBoxLayout(self)
        lines = [translate("UnitMode", "{unit} 的工作包已保存并封存为交回版本。").format(unit=unit),
                 translate("UnitMode", "请把这个文件发回牵头办公室（电子邮件附件、U 盘或共享文件夹均可）：")]
        self.message = QLabel("<br>".join(lines) + f"<br><b>{path}</b>")
        self.message.setObjectName("handBackMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        extra = []
        if due:
            extra.append(translate("UnitMode", "截止日期：{due}。").format(due=due))
        if problems:
            extra.append(translate("UnitMode", "本单位的内容还有 {n} 个问题；之后补上的话，再交回一次即可，牵头办公室合并时只取新的改动。").format(
                n=problems))
        extra.append(translate("UnitMode", "交回后仍可以继续修改这个文件；请不要改文件名。"))
        note = QLabel("\n".join(extra))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.copy_button = QPushButton(translate("UnitMode", "复制文件位置"))
        self.copy_button.setObjectName("copyPath")
        self.folder_button = QPushButton(translate("UnitMode", "打开所在文件夹"))
        self.folder_button.setObjectName("openFolder")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(str(path)))
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent))))
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


def install(window: MainWindow) -> UnitMode | None:
    """Make ``window`` a unit's window if its file is a work package (the guard is set before any page
    is built); None for a dossier. A damaged manifest raises SmartcityError like any unreadable file."""
    pf = window.session.pf
    if not is_package(pf):
        return None
    manifest = guard(pf)
    if manifest is None:
        return None
    mode = UnitMode(window, manifest)
    window.session.finding_filter = lambda f: mode.owns(f.key)  # the unit's own validation
    return mode


__all__ = ["HandBackDialog", "UnitMode", "install", "is_package"]
