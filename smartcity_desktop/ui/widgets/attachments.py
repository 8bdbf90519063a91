"""Attachments: a list per ``…documents`` field (add by dialog or drag-and-drop, open, remove), and
opening one, which the dossier-wide page (``pages/attachments.py``) uses too. The files live inside the
project file; opening one writes a temporary copy so the user's viewer never touches the dossier itself.
The copy goes through the one safe writer (safefiles: the stored name is data, never a path) into the
program's private temp folder (privatetemp: 0700, removed at exit and, after a crash, at the next start)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop import privatetemp
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.model import parse_key
from smartcity_desktop.safefiles import write_attachment
from smartcity_desktop.store import Attachment, human_size
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.ui.shell.style import set_role

translate = QCoreApplication.translate


def open_attachment(session: DossierSession, att: Attachment, parent: QWidget) -> Path | None:
    """Write a temporary copy and hand it to the system's viewer; return the copy's path."""
    try:
        # A fresh folder per opening: the copy keeps its (safe) name for the viewer's title bar.
        folder = Path(tempfile.mkdtemp(dir=privatetemp.folder("open")))
        dest = write_attachment(session.pf, att.id, folder)
    except OSError as exc:
        QMessageBox.warning(parent, translate("Attachments", "无法打开附件"), exc.strerror or str(exc))
        return None
    except SmartcityError as exc:
        QMessageBox.warning(parent, translate("Attachments", "无法打开附件"), str(exc))
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(dest)))
    return dest


def add_files(session: DossierSession, target: str, paths: list[str], parent: QWidget) -> int:
    """Store files as attachments of ``target``; errors are shown, never raised. Returns how many."""
    added = 0
    for path in paths:
        try:
            session.add_attachment(target, path)
            added += 1
        except SmartcityError as exc:
            QMessageBox.warning(parent, translate("Attachments", "无法添加附件"), str(exc))
        except OSError as exc:
            QMessageBox.warning(parent, translate("Attachments", "无法添加附件"),
                                translate("Attachments", "无法读取 {path}：{reason}").format(
                                    path=path, reason=exc.strerror or exc))
    return added


def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and Path(u.toLocalFile()).is_file()]


class AttachmentList(QWidget):
    """The documents of one condition or indicator. Accepts files dropped anywhere on it."""

    def __init__(self, session: DossierSession, key: str, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.key = key
        self.setAcceptDrops(not session.readonly)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setObjectName(key)
        self.list.setAccessibleName(label)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(120)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.add_button = QPushButton(translate("Attachments", "添加文件…"))
        self.open_button = QPushButton(translate("Attachments", "打开"))
        self.remove_button = QPushButton(translate("Attachments", "移除"))
        hint = QLabel(translate("Attachments", "也可以把文件拖到这里"))
        set_role(hint, "hint")
        for button in (self.add_button, self.open_button, self.remove_button):
            row.addWidget(button)
        row.addWidget(hint)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.add_button.setEnabled(not session.readonly)
        self.remove_button.setEnabled(not session.readonly)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        session.attachmentsChanged.connect(self._attachments_changed)
        session.valuesChanged.connect(self._values_changed)
        session.reset.connect(self.reload)
        self.reload()

    def _values_changed(self, keys: list[str]) -> None:
        if self.key in keys:  # undo of a link, a version restored, an import
            self.reload()

    def set_key(self, key: str) -> None:
        self.key = key
        self.list.setObjectName(key)
        self.reload()

    def _attachments_changed(self, target: str) -> None:
        if target == self.key:
            self.reload()

    def reload(self, *_args: object) -> None:
        self.list.clear()
        linked = self.session.value(self.key) or []
        by_id = {a.id: a for a in self.session.pf.attachments(self.key)}
        for aid in linked:
            att = by_id.get(aid)
            if att is None:
                continue
            item = QListWidgetItem(f"{att.name}    ({human_size(att.size)})")
            item.setData(Qt.ItemDataRole.UserRole, att.id)
            item.setToolTip(translate("Attachments", "{name}，{size}，{author} 添加于 {time}").format(
                name=att.name, size=human_size(att.size), author=att.author, time=att.added_at[:16]))
            self.list.addItem(item)
        if self.list.count() == 0:
            placeholder = QListWidgetItem(translate("Attachments", "（尚无附件）"))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self._update_buttons()

    def _selected(self) -> list[Attachment]:
        out = []
        for item in self.list.selectedItems():
            aid = item.data(Qt.ItemDataRole.UserRole)
            if aid:
                out.append(self.session.pf.attachment(aid))
        return out

    def _update_buttons(self) -> None:
        chosen = bool(self._selected())
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and not self.session.readonly)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, translate("Attachments", "选择要附上的文件"))
        if paths:
            add_files(self.session, self.key, paths, self)

    def open_selected(self) -> None:
        for att in self._selected():
            open_attachment(self.session, att, self)

    def remove_selected(self) -> None:
        chosen = self._selected()
        if not chosen:
            return
        names = "\n".join(a.name for a in chosen)
        answer = QMessageBox.question(self, translate("Attachments", "移除附件"),
                                      translate("Attachments", "从卷宗中移除这些附件？\n{names}").format(names=names))
        if answer != QMessageBox.StandardButton.Yes:
            return
        for att in chosen:
            try:
                self.session.remove_attachment(att.id)
            except SmartcityError as exc:
                QMessageBox.warning(self, translate("Attachments", "无法移除附件"), str(exc))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if not self.session.readonly and _dropped_files(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        if not self.session.readonly and _dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        files = _dropped_files(event)
        if files:
            event.acceptProposedAction()
            add_files(self.session, self.key, files, self)


def target_label(session: DossierSession, target: str) -> str:
    """Where an attachment belongs, for people: 申报条件 2 / 指标 1.1.1 名称."""
    try:
        parsed = parse_key(target)
    except SmartcityError:
        return target
    if parsed.section == "conditions":
        return translate("Attachments", "申报条件 {n}").format(n=parsed.item)
    if parsed.section == "indicators" and session.scheme.has_indicator(parsed.item):
        return f"{parsed.item} {session.scheme.indicator(parsed.item).label}"
    return target
