"""The attachments page: every attachment of the dossier in one table, where it belongs, size, who added
it; open a copy, go to the page it was added on, remove. (The per-field lists are ``widgets/attachments``.)"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.store import human_size
from smartcity_desktop.ui.pages.base import Page
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.ui.shell.style import set_role
from smartcity_desktop.ui.widgets.attachments import open_attachment, target_label

translate = QCoreApplication.translate


class AttachmentsPage(Page):
    """Every attachment of the dossier in one table: where it belongs, size, who added it."""

    def __init__(self, session: DossierSession, go_to: Callable[[str], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._go_to = go_to
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        title = QLabel(translate("Attachments", "附件", "section"))
        set_role(title, "pageTitle")
        layout.addWidget(title)
        intro = QLabel(translate("Attachments", "证明材料保存在卷宗文件内部。在申报条件或指标页面添加附件（按钮或拖放）；"
                                                "这里列出全部附件。双击打开副本，按“转到所属页面”回到添加它的地方。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setObjectName("attachmentsTable")
        self.tree.setAccessibleName(translate("Attachments", "全部附件"))
        self.tree.setHeaderLabels([translate("Attachments", "文件"), translate("Attachments", "所属"),
                                   translate("Attachments", "大小"), translate("Attachments", "添加人"),
                                   translate("Attachments", "添加时间")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(lambda _i, _c: self.open_selected())
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.summary = QLabel()
        row.addWidget(self.summary)
        row.addStretch(1)
        self.goto_button = QPushButton(translate("Attachments", "转到所属页面"))
        self.open_button = QPushButton(translate("Attachments", "打开"))
        self.remove_button = QPushButton(translate("Attachments", "移除"))
        for button in (self.goto_button, self.open_button, self.remove_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.goto_button.clicked.connect(self.go_to_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        session.attachmentsChanged.connect(self.reload)
        session.reset.connect(self.reload)
        self.reload()

    def _update_buttons(self) -> None:
        """Actions on an attachment are offered only when one is selected."""
        chosen = bool(self._selected())
        self.goto_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and not self.session.readonly)

    def reload(self, *_args: object) -> None:
        self.tree.clear()
        total = 0
        for att in self.session.pf.attachments():
            total += att.size
            item = QTreeWidgetItem([att.name, target_label(self.session, att.target), human_size(att.size),
                                    att.author, att.added_at[:16].replace("T", " ")])
            item.setData(0, Qt.ItemDataRole.UserRole, att.id)
            item.setData(1, Qt.ItemDataRole.UserRole, att.target)
            item.setToolTip(0, att.name)
            item.setToolTip(1, item.text(1))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
        for col in range(1, 5):
            self.tree.resizeColumnToContents(col)
        n = self.tree.topLevelItemCount()
        self.summary.setText((translate("Attachments", "共 {n} 个附件，{size}", "n=1") if n == 1  # English: 1 attachment
                              else translate("Attachments", "共 {n} 个附件，{size}")).format(n=n, size=human_size(total)))
        self._update_buttons()

    def _selected(self) -> list[QTreeWidgetItem]:
        return self.tree.selectedItems()

    def focus_key(self, key: str) -> bool:
        self.tree.setFocus()
        return True

    def go_to_selected(self) -> None:
        items = self._selected()
        if items:
            self._go_to(items[0].data(1, Qt.ItemDataRole.UserRole))

    def open_selected(self) -> None:
        for item in self._selected():
            open_attachment(self.session, self.session.pf.attachment(item.data(0, Qt.ItemDataRole.UserRole)), self)

    def remove_selected(self) -> None:
        items = self._selected()
        if not items or self.session.readonly:
            return
        names = "\n".join(i.text(0) for i in items)
        answer = QMessageBox.question(self, translate("Attachments", "移除附件"),
                                      translate("Attachments", "从卷宗中移除这些附件？\n{names}").format(names=names))
        if answer != QMessageBox.StandardButton.Yes:
            return
        for item in items:
            try:
                self.session.remove_attachment(item.data(0, Qt.ItemDataRole.UserRole))
            except SmartcityError as exc:
                QMessageBox.warning(self, translate("Attachments", "无法移除附件"), str(exc))
