"""Start the GUI: QApplication, translators, style, crash handler, then the welcome screen or a
dossier. ``AppController`` owns the open windows and the flows every window shares (new, open,
demo), including the answers to a locked or encrypted file."""
from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSize, QTranslator, Qt
from PySide6.QtGui import QGuiApplication, QIcon
# QMessageBox and QFileDialog are read from the module where used: naming a PySide6 class in an import
# makes PySide6 build it (and its enums) when this module loads (~4 ms of the start-up for these two)
from PySide6 import QtWidgets
from PySide6.QtWidgets import QApplication, QWidget

from smartcity_desktop import paths
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.i18n import language, normalize_language, set_language
from smartcity_desktop.resources import resource_path
from smartcity_desktop.store import (
    EXTENSION,
    DamagedFile,
    LockedError,
    PassphraseNeeded,
    ProjectFile,
    copy_dossier,
)
from smartcity_desktop.store.lock import LockInfo
from smartcity_desktop.ui.shell import settings, windows
from smartcity_desktop.ui.shell.crash import install_excepthook
from smartcity_desktop.ui.shell.first_paint import AfterFirstPaint
from smartcity_desktop.ui.shell.style import STYLE_ARGUMENTS, STYLE_CHOSEN, apply_style
from smartcity_desktop.ui.shell.ops import Op, on_gui_thread

if TYPE_CHECKING:
    from smartcity_desktop.ui.shell.mainwindow import MainWindow
    from smartcity_desktop.ui.shell.welcome import WelcomeWindow

translate = QCoreApplication.translate
_translators: list[QTranslator] = []


def file_filter() -> str:
    return translate("App", "申报卷宗 (*{ext});;所有文件 (*)").format(ext=EXTENSION)


def open_filter() -> str:
    """The open dialog also takes a departments work package (a unit opens it like a dossier)."""
    return translate("App", "申报卷宗或部门工作包 (*{ext} *.scpart);;所有文件 (*)").format(ext=EXTENSION)


def install_translators(app: QCoreApplication, lang: str) -> list[str]:
    """Our .qm (Chinese is the source language, so only English needs one) and Qt's own qtbase_*.qm
    so that standard dialogs (file chooser, message box buttons) speak the same language."""
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    loaded: list[str] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_name = "qtbase_en" if lang == "en" else "qtbase_zh_CN"
    candidates = [(qt_name, qt_dir)]
    if lang == "en":
        candidates.append(("app_en", str(resource_path("translations"))))
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
            loaded.append(name)
    if lang != "en":  # after Qt's own catalogue, so it is asked first: the few strings Qt lacks
        from smartcity_desktop.ui.shell.qt_gaps import ZH_CN, QtGapsTranslator

        gaps = QtGapsTranslator(ZH_CN, app)
        app.installTranslator(gaps)
        _translators.append(gaps)
        loaded.append("qt_gaps_zh_CN")
    QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Chinese,
                               QLocale.Country.UnitedStates if lang == "en" else QLocale.Country.China))
    return loaded


def ask_passphrase(parent: QWidget | None) -> Callable[[str], str | None]:
    """The store's ``ask_passphrase`` callback (it says "wrong passphrase" from the second try on). The
    dialog's module is imported when a passphrase is first asked for: most dossiers are not encrypted."""
    prompt: Callable[[str], str | None] | None = None

    def ask(file_name: str) -> str | None:
        nonlocal prompt
        if prompt is None:
            from smartcity_desktop.ui.dialogs.passphrase import passphrase_prompt

            prompt = passphrase_prompt(parent)
        return prompt(file_name)

    return ask


class AppController:
    """Opens dossiers into windows and shows the welcome screen when none is open. The windows reach
    it through ``windows.controller()`` (they never import this module: the imports go one way)."""

    _instance: AppController | None = None

    def __init__(self) -> None:
        self.windows: list[MainWindow] = []
        self.welcome: WelcomeWindow | None = None
        self._quitting = False
        self._switching = False  # windows are being replaced (language switch): no welcome screen
        AppController._instance = self
        windows.set_controller(self)

    @classmethod
    def instance(cls) -> AppController:
        return cls._instance or cls()

    # -- windows ------------------------------------------------------------------------------------
    def show_welcome(self) -> WelcomeWindow:
        from smartcity_desktop.ui.shell.welcome import WelcomeWindow

        if self.welcome is None:
            self.welcome = WelcomeWindow(self)
        self.welcome.show()
        self.welcome.raise_()
        return self.welcome

    def switch_language(self, lang: str) -> bool:
        """Remember the choice and apply it at once: the welcome screen is rebuilt, and each open
        dossier moves to a new window in the new language (its file stays open and locked; the
        page shown is kept; the undo history starts afresh). True if applied to every window."""
        settings.LANGUAGE.set(lang)
        app = QCoreApplication.instance()
        if app is None:
            return False
        set_language(lang)
        install_translators(app, language())
        QGuiApplication.setApplicationDisplayName(translate("App", "智慧城市试点申报助手"))
        applied = True
        self._switching = True
        try:
            for old in list(self.windows):
                page, geometry = old.current_page, old.geometry()
                pf = old.hand_over()
                if pf is None:
                    applied = False
                    continue
                window = self._show_main(pf)
                window.setGeometry(geometry)
                if page:
                    window.show_page(page)
        finally:
            self._switching = False
        if self.welcome is not None:
            old_welcome, self.welcome = self.welcome, None
            geometry = old_welcome.geometry()
            old_welcome.close()
            self.show_welcome().setGeometry(geometry)
        return applied

    def window_closed(self, window: QWidget) -> None:
        if window in self.windows:
            self.windows.remove(window)
        if not self.windows and not QCoreApplication.closingDown() and not self._quitting and not self._switching:
            self.show_welcome()

    def quit(self) -> None:
        self._quitting = True
        for window in list(self.windows):
            if not window.close():
                self._quitting = False
                return
        if self.welcome is not None:
            self.welcome.close()
        QCoreApplication.quit()

    def _show_main(self, pf: ProjectFile, crashed: LockInfo | None = None) -> MainWindow:
        from smartcity_desktop.ui.shell.mainwindow import MainWindow

        window = MainWindow(pf=pf, controller=self, crashed=crashed)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.windows.append(window)
        window.show()
        if self.welcome is not None:
            self.welcome.close()
            self.welcome = None
        return window

    # -- opening ------------------------------------------------------------------------------------------
    def open_path(self, path: str | os.PathLike[str], parent: QWidget | None = None) -> QWidget | None:
        """Open a dossier with every answer a person may need: locked, encrypted, unreadable."""
        path = Path(path)
        for window in self.windows:
            if window.session.pf.path.resolve() == path.resolve():
                window.raise_()
                window.activateWindow()
                return window
        author = settings.AUTHOR.get() or None
        from smartcity_desktop.ui.shell.resume import crashed_holder

        crashed = crashed_holder(path)  # before opening: opening takes a stale lock over silently
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pf = self._open(path, parent, author)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if pf is None:
            return None
        return self._show_main(pf, crashed=crashed)

    def _open(self, path: Path, parent: QWidget | None, author: str | None) -> ProjectFile | None:
        """Open in a worker thread (a migration of an old 500 MB file copies it first): the window
        keeps painting; the passphrase prompt, if needed, is shown from the GUI thread."""
        ask = on_gui_thread(ask_passphrase(parent))
        try:  # a departments work package opens like a dossier: its window lets the unit edit its own fields
            return Op(parent, lambda _report: ProjectFile.open(path, author=author, ask_passphrase=ask),
                      name="open").run_and_wait()
        except LockedError as exc:
            return self._locked(path, exc, parent, author)
        except PassphraseNeeded:
            return None  # the user cancelled the passphrase prompt
        except DamagedFile as exc:
            return self._damaged(path, exc, parent, author)
        except SmartcityError as exc:
            QtWidgets.QMessageBox.warning(parent, translate("App", "无法打开卷宗"), str(exc))
            settings.remove_recent(path) if not path.exists() else None
            return None

    def _damaged(self, path: Path, exc: DamagedFile, parent: QWidget | None,
                 author: str | None) -> ProjectFile | None:
        """A damaged file is never repaired in place: offer to salvage what is readable into a new file."""
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, translate("App", "卷宗已损坏"), str(exc),
                          QtWidgets.QMessageBox.StandardButton.NoButton, parent)
        box.setInformativeText(translate("App", "可以把仍能读出的内容恢复到一个新文件中；原文件不会被改动。"))
        recover = box.addButton(translate("App", "恢复到新文件…"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(recover)
        box.exec()
        if box.clickedButton() is not recover:
            return None
        default = path.with_name(translate("App", "{stem}-恢复{suffix}").format(stem=path.stem, suffix=path.suffix))
        dest, _ = QtWidgets.QFileDialog.getSaveFileName(parent, translate("App", "恢复的内容保存为"), str(default),
                                              file_filter())
        if not dest:
            return None
        from smartcity_desktop.store.recover import salvage

        passphrase = None
        while True:
            try:
                report = Op(parent, lambda _report: salvage(path, dest, passphrase=passphrase),  # noqa: B023 - run at once
                            name="salvage").run_and_wait()
                break
            except PassphraseNeeded:
                passphrase = ask_passphrase(parent)(path.name)
                if passphrase is None:
                    return None
            except SmartcityError as err:
                QtWidgets.QMessageBox.warning(parent, translate("App", "无法恢复"), str(err))
                return None
        QtWidgets.QMessageBox.information(parent, translate("App", "恢复完成"), report.text())
        try:
            return ProjectFile.open(dest, author=author, ask_passphrase=ask_passphrase(parent))
        except SmartcityError as err:
            QtWidgets.QMessageBox.warning(parent, translate("App", "无法打开卷宗"), str(err))
            return None

    def _locked(self, path: Path, exc: LockedError, parent: QWidget | None, author: str | None) -> ProjectFile | None:
        holder = exc.holder
        text = str(exc)
        if holder is not None:  # who and since when, once, in the user's local time
            from smartcity_desktop.ui.shell.resume import local_time

            text = translate("App", "卷宗 {name} 正由 {user}（计算机 {host}）打开编辑，打开时间：{time}。").format(
                name=path.name, user=holder.user, host=holder.host, time=local_time(holder.time))
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, translate("App", "卷宗正在被使用"), text,
                          QtWidgets.QMessageBox.StandardButton.NoButton, parent)
        if holder is not None:
            box.setInformativeText(translate("App", "可以只读方式打开，或打开一个副本。"))
        readonly = box.addButton(translate("App", "以只读方式打开"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        copy = box.addButton(translate("App", "打开一个副本"), QtWidgets.QMessageBox.ButtonRole.ActionRole)
        take = None
        if holder is not None and not holder.same_host:
            # A lock from another computer cannot be checked from here: it may be left over from a
            # crash there. Only the user can know; taking it over is their explicit choice.
            take = box.addButton(translate("App", "接管并编辑"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(readonly)
        box.exec()
        clicked = box.clickedButton()
        try:
            if take is not None and clicked is take:
                sure = QtWidgets.QMessageBox.warning(
                    parent, translate("App", "接管并编辑"),
                    translate("App", "只有在确认 {host} 上的程序已经关闭时才应接管，否则两处的修改会互相覆盖。确定接管？")
                    .format(host=holder.host if holder else "?"),
                    QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No, QtWidgets.QMessageBox.StandardButton.No)
                if sure != QtWidgets.QMessageBox.StandardButton.Yes:
                    return None
                return ProjectFile.open(path, author=author, ask_passphrase=ask_passphrase(parent), steal_lock=True)
            if clicked is readonly:
                return ProjectFile.open(path, readonly=True, author=author, ask_passphrase=ask_passphrase(parent))
            if clicked is copy:
                default = path.with_name(translate("App", "{stem}-副本{suffix}").format(stem=path.stem,
                                                                                     suffix=path.suffix))
                dest, _ = QtWidgets.QFileDialog.getSaveFileName(parent, translate("App", "副本保存为"), str(default),
                                                      file_filter())
                if not dest:
                    return None
                copied = copy_dossier(path, dest)
                return ProjectFile.open(copied, author=author, ask_passphrase=ask_passphrase(parent))
        except PassphraseNeeded:
            return None
        except SmartcityError as err:
            QtWidgets.QMessageBox.warning(parent, translate("App", "无法打开卷宗"), str(err))
        return None

    def open_dialog(self, parent: QWidget | None = None) -> QWidget | None:
        start = settings.LAST_FOLDER.get() or str(paths.documents_dir())
        path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, translate("App", "打开申报卷宗"), start, open_filter())
        if not path:
            return None
        settings.LAST_FOLDER.set(str(Path(path).parent))
        return self.open_path(path, parent)

    def open_demo(self, parent: QWidget | None = None) -> QWidget | None:
        from smartcity_desktop.demo import copy_demo, demo_copy_path

        try:
            path = copy_demo(demo_copy_path(paths.documents_dir()))
        except SmartcityError as exc:
            QtWidgets.QMessageBox.warning(parent, translate("App", "无法建立示例卷宗"), str(exc))
            return None
        return self.open_path(path, parent)

    def new_dossier(self, parent: QWidget | None = None) -> QWidget | None:
        from smartcity_desktop.ui.dialogs.new_dossier import NewDossierWizard

        wizard = NewDossierWizard(parent)
        if wizard.exec() != NewDossierWizard.DialogCode.Accepted or wizard.created is None:
            return None
        return self._show_main(wizard.created)


windows.set_controller_factory(AppController.instance)  # for a MainWindow(path) opened on its own


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names (QSettings, window icons) and HiDPI behaviour."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance()
    if app is None:
        app = QApplication([*(argv or [sys.argv[0]]), *STYLE_ARGUMENTS])
        app.setProperty(STYLE_CHOSEN, True)
    app.setOrganizationName("smartcity-desktop")
    app.setApplicationName("smartcity-desktop")
    QGuiApplication.setApplicationDisplayName(translate("App", "智慧城市试点申报助手"))
    QGuiApplication.setWindowIcon(application_icon())
    QGuiApplication.setDesktopFileName("smartcity-desktop")  # lets Wayland match the desktop entry's icon
    return app  # type: ignore[return-value]


def application_icon() -> QIcon:
    """The program's icon in every shipped size (PNG: no SVG image plugin needed)."""
    icon = QIcon()
    for size in (16, 22, 24, 32, 48, 64, 128, 256):
        path = resource_path("icons", f"smartcity-desktop-{size}.png")
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def choose_language(lang: str | None) -> str:
    """--lang wins, then the settings choice, then SMARTCITY_LANG / Chinese."""
    if lang:
        return normalize_language(lang)
    saved = settings.LANGUAGE.get()
    if saved:
        return normalize_language(saved)
    from smartcity_desktop.i18n import default_language

    return default_language()


def run_gui(file: str | None, lang: str | None = None, demo: bool = False) -> int:
    """The CLI's GUI entry point: returns the process exit code."""
    app = make_application(sys.argv[:1])
    set_language(choose_language(lang))
    install_translators(app, language())
    app.setApplicationDisplayName(translate("App", "智慧城市试点申报助手"))
    install_excepthook()
    from smartcity_desktop.ui.shell.termination import install_sigterm_handler

    install_sigterm_handler(app)  # SIGTERM saves, releases the locks, removes temp copies, exits 143
    apply_style(app)
    controller = AppController()
    window: QWidget | None = None
    if demo:
        window = controller.open_demo(None)
    elif file:
        if not Path(file).exists():
            QtWidgets.QMessageBox.warning(None, translate("App", "无法打开卷宗"),
                                translate("App", "找不到文件 {path}。").format(path=file))
        else:
            window = controller.open_path(file, None)
    if window is None:
        window = controller.show_welcome()
    # main.py switched the cyclic garbage collector off for the start (see there): it comes back once
    # the first window is on screen, or at once if the start ended without one
    if window.isVisible():
        AfterFirstPaint(window, gc.enable)
    else:
        gc.enable()
    return int(app.exec())
