"""The welcome screen: new dossier, open, recent files, open the demo, interface language."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop import __version__
from smartcity_desktop.i18n import language
from smartcity_desktop.ui.shell import settings
from smartcity_desktop.ui.shell.style import set_role
from smartcity_desktop.ui.shell.windows import Controller

translate = QCoreApplication.translate


class WelcomeWindow(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("welcome")
        self.setWindowTitle(translate("Welcome", "智慧城市试点申报助手"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(860, 560)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 24)
        title = QLabel(translate("Welcome", "智慧城市试点申报助手"))
        set_role(title, "pageTitle")
        outer.addWidget(title)
        sub = QLabel(translate("Welcome", "按住房城乡建设部《国家智慧城市试点暂行管理办法》和指标体系（试行），"
                                          "逐项准备申报材料：申报条件、57 项三级指标、建设项目与投资，最后检查并导出申报书和自评表。"))
        sub.setWordWrap(True)
        set_role(sub, "intro")
        outer.addWidget(sub)
        body = QHBoxLayout()
        body.setSpacing(32)
        buttons = QVBoxLayout()
        buttons.setSpacing(12)
        self.new_button = QPushButton(translate("Welcome", "新建申报卷宗…"))
        self.open_button = QPushButton(translate("Welcome", "打开卷宗…"))
        self.demo_button = QPushButton(translate("Welcome", "打开示例卷宗"))
        for button, name in ((self.new_button, "newButton"), (self.open_button, "openButton"),
                             (self.demo_button, "demoButton")):
            button.setObjectName(name)
            button.setMinimumHeight(44)
            button.setMinimumWidth(220)
            buttons.addWidget(button)
        demo_note = QLabel(translate("Welcome", "示例卷宗是一个虚构的区，会复制到“文档”文件夹，可随意修改。"))
        demo_note.setWordWrap(True)
        set_role(demo_note, "hint")
        demo_note.setMaximumWidth(240)
        buttons.addWidget(demo_note)
        buttons.addStretch(1)
        lang_row = QHBoxLayout()
        lang_label = QLabel(translate("Welcome", "界面语言："))
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.setAccessibleName(translate("Welcome", "界面语言"))
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(1 if language() == "en" else 0)
        lang_label.setBuddy(self.language)
        lang_row.addWidget(lang_label)
        lang_row.addWidget(self.language, 1)
        buttons.addLayout(lang_row)
        body.addLayout(buttons)
        recent_box = QVBoxLayout()
        recent_box.setSpacing(6)
        recent_label = QLabel(translate("Welcome", "最近打开的卷宗"))
        bold = recent_label.font()
        bold.setBold(True)
        recent_label.setFont(bold)
        recent_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # no gap below it
        self.recent = QListWidget()
        self.recent.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long folder keeps its end (the file's place)
        self.recent.setSpacing(2)
        self.recent.setObjectName("recentFiles")
        self.recent.setAccessibleName(translate("Welcome", "最近打开的卷宗"))
        recent_label.setBuddy(self.recent)
        recent_box.addWidget(recent_label)
        recent_box.addWidget(self.recent, 1)
        body.addLayout(recent_box, 1)
        outer.addLayout(body, 1)
        footer = QLabel(translate("Welcome", "版本 {version} · 所有内容保存在本机的卷宗文件中，无需联网。").format(
            version=__version__))
        set_role(footer, "hint")
        outer.addWidget(footer)
        self.new_button.clicked.connect(lambda: controller.new_dossier(self))
        self.open_button.clicked.connect(lambda: controller.open_dialog(self))
        self.demo_button.clicked.connect(lambda: controller.open_demo(self))
        self.recent.itemActivated.connect(self._open_recent)
        self.language.activated.connect(self._language_chosen)
        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self, self._help)
        self.fill_recent()

    def fill_recent(self) -> None:
        self.recent.clear()
        for path in settings.recent_files():
            item = QListWidgetItem(f"{Path(path).name}\n{Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        if self.recent.count() == 0:
            item = QListWidgetItem(translate("Welcome", "（还没有打开过卷宗）"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)

    def _help(self) -> None:
        from smartcity_desktop.ui.dialogs.help import show_help

        show_help("welcome", self)

    def _open_recent(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.controller.open_path(path, self)

    def _language_chosen(self, _index: int) -> None:
        lang = self.language.currentData()
        if lang == language():
            settings.LANGUAGE.set(lang)
            return
        if not self.controller.switch_language(lang):
            QMessageBox.information(self, translate("Welcome", "界面语言"),
                                    translate("Welcome", "界面语言将在下次启动程序时切换。"))
