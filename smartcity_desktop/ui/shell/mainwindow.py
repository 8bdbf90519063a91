"""The main window: outline on the left, the current page on the right, Back/Next at the bottom.

Pages are created the first time they are shown (start-up stays fast with 66 pages) and then kept:
all of them together cost a few MB (see docs/gui.md). ``go_to(key)`` is the contract the review
page and outside tests use to reach any field.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QActionGroup, QCloseEvent, QColor
# Qt classes a window only needs on demand are read from their modules where used: naming a PySide6 class
# in an import makes PySide6 build it (and its enums) when this module loads, ~2-4 ms each at start-up
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop import __version__
from smartcity_desktop.crashlog import log_exception, log_file
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.i18n import language
from smartcity_desktop.model.keys import item_of_key, key_section
from smartcity_desktop.model.sections import page_of
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.ui.pages.base import Page
from smartcity_desktop.ui.shell import settings, windows
from smartcity_desktop.ui.shell.actions import ActionRegistry
from smartcity_desktop.store.lock import LockInfo
from smartcity_desktop.ui.shell.outline import Outline, PageInfo, page_order
from smartcity_desktop.ui.shell.resume import crashed_holder, last_page, local_time, remember_page
from smartcity_desktop.ui.shell.findings_feed import FindingsFeed
from smartcity_desktop.ui.shell.first_paint import AfterFirstPaint
from smartcity_desktop.ui.shell.session import DossierSession, SetFieldsCommand
from smartcity_desktop.ui.widgets.field_widgets import READONLY_TYPING
from smartcity_desktop.ui.shell.style import set_role, set_state_colour
from smartcity_desktop.validate import Finding

if TYPE_CHECKING:
    from smartcity_desktop.ui.widgets.notice_bar import NoticeBar
    from smartcity_desktop.ui.pages.review import ReviewPage
    from smartcity_desktop.ui.shell.unit_mode import UnitMode

translate = QCoreApplication.translate
REMEMBER_PAGE_MS = 1500  # an INI write costs ~20 ms: not on every page turn


def READONLY_WHY() -> str:  # noqa: N802 - reads as the constant message it is
    return translate("MainWindow", "这个卷宗以只读方式打开，不能修改。要修改，请在别处关闭它后重新打开，或打开一个副本。")


def app_title() -> str:
    return translate("MainWindow", "智慧城市试点申报助手")


class MainWindow(QMainWindow):
    """One open dossier. ``MainWindow(path)`` opens the file itself (SmartcityError if it cannot);
    the app passes an already opened ``pf`` after handling locks and passphrases."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, pf: ProjectFile | None = None,
                 readonly: bool = False, controller: windows.Controller | None = None,
                 crashed: LockInfo | None = None):
        super().__init__()
        if pf is None:
            if path is None:
                raise ValueError("MainWindow needs a path or an open ProjectFile")
            crashed = crashed or crashed_holder(path)  # before opening: opening takes the stale lock over
            pf = ProjectFile.open(path, readonly=readonly, author=settings.AUTHOR.get() or None)
        self.controller = controller
        self.session = DossierSession(pf, self)
        self.order: list[PageInfo] = page_order(self.session.scheme)
        self.index_of = {p.id: i for i, p in enumerate(self.order)}
        self.pages: dict[str, Page] = {}  # by page id; "indicators" is the one page of all indicators
        self.current_page = ""
        self._grid: QWidget | None = None
        self.closed = False
        self._first_shown = False  # the first page is shown without findings: validation waits for the first paint
        self._keep_file_open = False  # set by hand_over(): a new window takes the open file
        self.registry = ActionRegistry(self)
        self._page_timer = QTimer(self)  # the page shown is remembered (resume) once the user settles
        self._page_timer.setSingleShot(True)
        self._page_timer.setInterval(REMEMBER_PAGE_MS)
        self._page_timer.timeout.connect(self._remember_page)
        self._build_ui()
        self._build_menus()
        self._connect()
        self.unit: UnitMode | None = None  # a departments work package (issue 15): the unit's focused window
        if pf.kind != "dossier":
            from smartcity_desktop.ui.shell.unit_mode import install

            self.unit = install(self)
        self._update_title()
        self._restore_geometry()
        self.notice: NoticeBar | None = None
        if crashed is not None:
            self._show_crash_notice(crashed)
        windows.opened(self)
        resume = last_page(pf.path)
        first = self.unit.start_page() if self.unit is not None else "applicant"
        self.show_page(resume if resume in self.index_of else first, focus=True)
        self._first_shown = True
        self._after_paint = AfterFirstPaint(self, self.update_status)
        QTimer.singleShot(0, self._status_if_not_shown)
        QTimer.singleShot(1500, self._remember)  # writing the INI file costs ~20 ms: not before the first paint

    # -- building ----------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.outline = Outline(self.session.scheme)
        self.progress = QProgressBar()
        self.progress.setObjectName("overallProgress")
        self.progress.setAccessibleName(translate("MainWindow", "总体完成度"))
        self.progress.setFormat(translate("MainWindow", "总体完成 %p%"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.outline, 1)
        left.setMinimumWidth(260)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.stack, 1)
        self.right_layout = right_layout
        nav = QWidget()
        nav.setObjectName("navBar")
        nav_layout = QHBoxLayout(nav)
        nav_layout.setContentsMargins(16, 8, 16, 8)
        self.back_button = QPushButton(translate("MainWindow", "‹ 上一页"))
        self.back_button.setObjectName("backButton")
        self.next_button = QPushButton(translate("MainWindow", "下一页 ›"))
        self.next_button.setObjectName("nextButton")
        self.next_button.setDefault(False)
        self.position = QLabel()
        set_role(self.position, "position")
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nav_layout.addWidget(self.back_button)
        nav_layout.addWidget(self.position, 1)
        nav_layout.addWidget(self.next_button)
        right_layout.addWidget(nav)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 940])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.save_label = QLabel()
        set_role(self.save_label, "saveState")
        self.statusBar().addPermanentWidget(self.save_label)
        nav.setAutoFillBackground(True)
        palette = nav.palette()
        palette.setColor(palette.ColorRole.Window, QColor("#e9edf2"))
        nav.setPalette(palette)
        self.save_label.setText(translate("MainWindow", "只读") if self.session.readonly
                                else translate("MainWindow", "自动保存已开启"))
        if self.session.readonly:  # a state to notice, not good news: amber, like a warning
            set_role(self.save_label, "readonlyBadge")
            self.save_label.setToolTip(READONLY_WHY())
            READONLY_TYPING.attempted.connect(self._typed_while_readonly)

    def _build_menus(self) -> None:
        a = self.registry
        bar = self.menuBar()
        file_menu = bar.addMenu(translate("MainWindow", "文件(&F)"))
        for aid in ("file.new", "file.open", "file.demo"):
            file_menu.addAction(a[aid])
        self.recent_menu = file_menu.addMenu(translate("MainWindow", "最近打开"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        for aid in ("file.save", "file.versions", "file.encryption"):
            file_menu.addAction(a[aid])
        file_menu.addSeparator()
        for aid in ("file.import", "file.export"):
            file_menu.addAction(a[aid])
        file_menu.addSeparator()
        file_menu.addAction(a["file.close"])
        file_menu.addAction(a["file.quit"])
        edit_menu = bar.addMenu(translate("MainWindow", "编辑(&E)"))
        edit_menu.addAction(a["edit.undo"])
        edit_menu.addAction(a["edit.redo"])
        go_menu = bar.addMenu(translate("MainWindow", "转到(&G)"))
        for aid in ("go.back", "go.next", "go.outline", "go.review"):
            go_menu.addAction(a[aid])
        view_menu = bar.addMenu(translate("MainWindow", "视图(&V)"))
        view_menu.addAction(a["view.grid"])
        if self.session.pf.kind == "dossier":  # a unit's package has its own bar instead (unit_mode)
            departments_menu = bar.addMenu(translate("MainWindow", "部门(&D)"))
            for aid in ("departments.hand_out", "departments.take_back", "departments.conflicts",
                        "departments.progress"):
                departments_menu.addAction(a[aid])
                a[aid].setEnabled(not self.session.readonly or aid == "departments.progress")
        settings_menu = bar.addMenu(translate("MainWindow", "设置(&S)"))
        lang_menu = settings_menu.addMenu(translate("MainWindow", "界面语言"))
        group = QActionGroup(self)
        for aid in ("settings.lang.zh", "settings.lang.en"):
            group.addAction(a[aid])
            lang_menu.addAction(a[aid])
        a["settings.lang.en" if language() == "en" else "settings.lang.zh"].setChecked(True)
        help_menu = bar.addMenu(translate("MainWindow", "帮助(&H)"))
        help_menu.addAction(a["help.guide"])
        help_menu.addSeparator()
        help_menu.addAction(a["help.log"])
        help_menu.addAction(a["help.about"])
        tools = QToolBar(translate("MainWindow", "工具栏"))
        tools.setObjectName("mainToolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for tool in ("go.back", "go.next", None, "file.save", "edit.undo", "edit.redo", None, "file.versions",
                     "view.grid", "go.review", "file.export"):
            if tool is None:
                tools.addSeparator()
            else:
                tools.addAction(a[tool])
        self.addToolBar(tools)
        readonly = self.session.readonly
        for aid in ("file.save", "file.import", "file.encryption", "edit.undo", "edit.redo"):
            a[aid].setEnabled(not readonly)

    def _connect(self) -> None:
        a, s = self.registry, self.session
        a.connect("file.new", lambda: self._controller().new_dossier(self))
        a.connect("file.open", lambda: self._controller().open_dialog(self))
        a.connect("file.demo", lambda: self._controller().open_demo(self))
        a.connect("file.save", self.save_now)
        a.connect("file.versions", self.show_versions)
        a.connect("file.encryption", self.show_encryption)
        a.connect("file.export", lambda: self._review().open_export())
        a.connect("file.import", lambda: self._review().open_import())
        a.connect("file.close", self.close)
        a.connect("file.quit", lambda: self._controller().quit())
        a.connect("edit.undo", self.undo)
        a.connect("edit.redo", self.redo)
        a.connect("go.back", self.go_back)
        a.connect("go.next", self.go_next)
        a.connect("go.outline", lambda: self.outline.setFocus(Qt.FocusReason.ShortcutFocusReason))
        a.connect("go.review", lambda: self.show_page("review", focus=True))
        a["view.grid"].toggled.connect(self.show_grid)
        a.connect("departments.hand_out", self.show_hand_out)
        a.connect("departments.take_back", self.show_take_back)
        a.connect("departments.conflicts", self.show_conflicts)
        a.connect("departments.progress", self.show_departments_progress)
        a.connect("settings.lang.zh", lambda: self._choose_language("zh_CN"))
        a.connect("settings.lang.en", lambda: self._choose_language("en"))
        a.connect("help.log", lambda: QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(log_file().parent))))
        a.connect("help.about", self.about)
        a.connect("help.guide", self.show_help)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.outline.pageChosen.connect(lambda page: self.show_page(page))
        s.undo_stack.canUndoChanged.connect(self._can_undo)
        s.undo_stack.canRedoChanged.connect(self._can_redo)
        a["edit.undo"].setEnabled(False)
        a["edit.redo"].setEnabled(False)
        s.saved.connect(self._saved)
        s.saveFailed.connect(self._save_failed)
        self._validator = FindingsFeed.of(s)  # debounced validation off the UI thread, shared with the grid
        self._validator.updated.connect(self._show_status)

    def _can_undo(self, ok: bool) -> None:
        self.registry["edit.undo"].setEnabled(ok and not self.session.readonly)

    def _can_redo(self, ok: bool) -> None:
        self.registry["edit.redo"].setEnabled(ok and not self.session.readonly)

    def _typed_while_readonly(self, widget: QWidget) -> None:
        if not self.closed and widget.window() is self:
            self.statusBar().showMessage(READONLY_WHY(), 6000)

    def _show_crash_notice(self, holder: LockInfo) -> None:
        """The last session with this dossier ended without closing (crash, power cut, kill): what was
        committed is there, the last seconds of typing may not be."""
        from smartcity_desktop.ui.widgets.notice_bar import NoticeBar  # only after a crash: not at every start

        self.notice = NoticeBar(translate(
            "MainWindow", "上次使用这个卷宗时（{time} 打开），程序没有正常退出。已保存的内容都在，但最后几秒内的输入"
                          "可能没有保存：请看一下上次编辑的页面。").format(time=local_time(holder.time)), "warning")
        self.right_layout.insertWidget(0, self.notice)

    def _remember_page(self) -> None:
        if self.current_page and not self.closed:
            remember_page(self.session.pf.path, self.current_page)

    def _remember(self) -> None:
        if not self.closed:
            settings.add_recent(self.session.pf.path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files()
        for path in files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self._controller().open_path(p, self))
        if not files:
            self.recent_menu.addAction(translate("MainWindow", "（无）")).setEnabled(False)

    def _controller(self) -> windows.Controller:
        """Who opens other dossiers and switches the language: the app's controller (this module never
        imports ``app``: see ``windows.py``)."""
        if self.controller is None:
            self.controller = windows.controller()
        return self.controller

    # -- pages ---------------------------------------------------------------------------------------
    def page(self, page_id: str) -> Page:
        """The page of ``page_id``, created on first use and entered (one shared page serves every
        indicator: entering it as ``indicators[1.2.3]`` shows that indicator)."""
        slot = "indicators" if key_section(page_id) == "indicators" else page_id
        widget = self.pages.get(slot)
        if widget is None:
            widget = self._create_page(page_id)
            self.pages[slot] = widget
            self.stack.addWidget(widget)
            self._tab_to_nav(widget)
        widget.enter(page_id)
        return widget

    def _shown_page(self) -> Page | None:
        """The page in the stack now (None while the indicator table is shown instead)."""
        current = self.stack.currentWidget()
        return next((p for p in self.pages.values() if p is current), None)

    def _tab_to_nav(self, page: Page) -> None:
        """Tab from a page's last field goes to Back/Next (then the outline), not round the window:
        pages are built late, so their fields would otherwise come last in the focus chain. The page
        names its last Tab stop if it knows it; else, as the page was just added to the stack, it is at
        the end of the window's chain and its last tab stop is found walking back from there (a few
        steps, where walking the page forward wrapped some 200 widgets for Python)."""
        last: QWidget | None = page.last_input()
        w = None if last is not None else self.previousInFocusChain()
        while w is not None and w is not self and page.isAncestorOf(w):
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                last = w
                break
            w = w.previousInFocusChain()
        if last is not None:
            QWidget.setTabOrder(last, self.back_button)
            QWidget.setTabOrder(self.back_button, self.next_button)

    def _create_page(self, page_id: str) -> Page:
        from smartcity_desktop.ui.pages import guided as pages

        s = self.session
        if page_id == "applicant":
            return pages.ApplicantPage(s)
        if key_section(page_id) == "conditions":
            return pages.ConditionPage(s, item_of_key(page_id))
        if key_section(page_id) == "indicators":
            return pages.IndicatorPage(s, item_of_key(page_id))
        if page_id == "safeguards":
            return pages.SafeguardsPage(s)
        if page_id == "attachments":
            from smartcity_desktop.ui.pages.attachments import AttachmentsPage

            return AttachmentsPage(s, self.go_to)
        if page_id == "analysis":
            from smartcity_desktop.ui.pages.analysis import AnalysisPage

            return AnalysisPage(s, self.go_to)
        if page_id == "materials":
            from smartcity_desktop.ui.pages.materials import MaterialsPage

            return MaterialsPage(s)
        if page_id == "review":
            from smartcity_desktop.ui.pages.review import ReviewPage

            return ReviewPage(s, self.go_to, resolve_conflict=self.show_conflicts)
        if page_id == "projects":
            try:
                from smartcity_desktop.ui.pages.projects import ProjectsPage
            except ImportError:  # the projects module ships separately; keep the window usable
                return pages.MissingPart(translate("MainWindow", "项目与投资"))
            return ProjectsPage(s, None)  # dense tables: hosted as is, without an extra title row
        raise KeyError(page_id)

    def show_page(self, page_id: str, focus: bool = False) -> Page:
        if self.registry["view.grid"].isChecked():
            self.registry["view.grid"].setChecked(False)
        widget = self.page(page_id)
        self.stack.setCurrentWidget(widget)
        self.current_page = page_id
        if self._first_shown:  # (the first page gets them from update_status, after the first paint)
            widget.show_findings(self.session.findings())
        self.outline.show_page(page_id)
        index = self.index_of[page_id]
        self.position.setText(translate("MainWindow", "第 {n} / {total} 页  ·  {title}").format(
            n=index + 1, total=len(self.order), title=self.order[index].title))
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.order) - 1)
        self.registry["go.back"].setEnabled(index > 0)
        self.registry["go.next"].setEnabled(index < len(self.order) - 1)
        self._page_timer.start()
        if focus:
            first = widget.first_input()
            if first is not None:
                widget.reveal(first)
            (first or widget).setFocus(Qt.FocusReason.TabFocusReason)
        return widget

    def go_back(self) -> None:
        index = self.index_of.get(self.current_page, 0)
        if index > 0:
            self.show_page(self.order[index - 1].id, focus=True)

    def go_next(self) -> None:
        index = self.index_of.get(self.current_page, 0)
        if index < len(self.order) - 1:
            self.show_page(self.order[index + 1].id, focus=True)

    def go_to(self, key: str) -> bool:
        """Show the page holding field ``key`` and give that field keyboard focus."""
        page_id = page_of(key)
        if page_id not in self.index_of:
            page_id = "review"
        widget = self.show_page(page_id)
        done = widget.focus_key(key)
        if not done and page_id != "review":
            widget.setFocus()
        return done

    def show_grid(self, on: bool) -> None:
        if on:
            if self._grid is None:
                try:
                    from smartcity_desktop.ui.pages.grid import IndicatorGrid

                    self._grid = IndicatorGrid(self.session, None)
                except ImportError:
                    from smartcity_desktop.ui.pages.guided import MissingPart

                    self._grid = MissingPart(translate("MainWindow", "指标总表"))
                self.stack.addWidget(self._grid)
            self.stack.setCurrentWidget(self._grid)
            self.position.setText(translate("MainWindow", "指标总表（再按 Ctrl+G 回到当前页面）"))
            self._grid.setFocus()
        elif self.current_page:
            self.stack.setCurrentWidget(self.page(self.current_page))
            self.show_page(self.current_page)

    def _review(self) -> ReviewPage:
        from smartcity_desktop.ui.pages.review import ReviewPage

        page = self.page("review")
        assert isinstance(page, ReviewPage)
        return page

    def show_help(self) -> None:
        """F1: the user guide at the topic of what is shown (the indicator table, or the page)."""
        from smartcity_desktop.ui.dialogs.help import show_help, topic_of

        grid = self._grid is not None and self.stack.currentWidget() is self._grid
        show_help("grid" if grid else topic_of(self.current_page), self)

    # -- undo across pages ------------------------------------------------------------------------
    def _step(self, undo: bool) -> None:
        stack = self.session.undo_stack
        index = stack.index() - 1 if undo else stack.index()
        command = stack.command(index) if 0 <= index < stack.count() else None
        keys = list(command.changes) if isinstance(command, SetFieldsCommand) else []
        stack.undo() if undo else stack.redo()
        if keys and self._grid is not None and self.stack.currentWidget() is self._grid:
            return
        current = self._shown_page()
        shown = set(current.keys()) if current is not None else set()
        if keys and not shown.intersection(keys) and page_of(keys[0]) != self.current_page:
            self.go_to(keys[0])
        self.statusBar().showMessage(
            (translate("MainWindow", "已撤销：{what}") if undo else translate("MainWindow", "已重做：{what}")).format(
                what=command.text() if command else ""), 4000)

    def undo(self) -> None:
        self._step(True)

    def redo(self) -> None:
        self._step(False)

    # -- status ---------------------------------------------------------------------------------------
    def _show_status(self, findings: list[Finding]) -> None:
        if not self.closed:
            self._apply_status(findings)

    def _status_if_not_shown(self) -> None:
        """A window built but not shown (yet) gets its status now instead of after its first paint."""
        if not self.isVisible() and self._after_paint.cancel():
            self.update_status()

    def update_status(self) -> None:
        """Refresh the outline, progress bar and the current page's findings now."""
        if not self.closed:
            self._apply_status(self.session.findings())

    def _apply_status(self, findings: list[Finding]) -> None:
        from smartcity_desktop.validate.progress import overall_percent  # after the first paint, not at start

        d = self.session.dossier
        if self.unit is not None:
            findings = self.unit.own_findings(findings)
        self.outline.update_status(d, findings, len(self.session.pf.attachments()))
        current = self._shown_page()
        if current is not None:
            current.show_findings(findings)
        self.progress.setValue(self.unit.percent() if self.unit is not None else overall_percent(d))

    def _saved(self, stamp: str) -> None:
        set_state_colour(self.save_label, True)
        self.save_label.setText(translate("MainWindow", "已保存 {time}").format(time=stamp))
        self._update_title()

    def _save_failed(self, message: str) -> None:
        set_state_colour(self.save_label, False)
        self.save_label.setText(translate("MainWindow", "保存失败，稍后重试"))
        self.save_label.setToolTip(message)
        self.statusBar().showMessage(message, 10000)

    def save_now(self) -> bool:
        ok = self.session.save_now()
        if ok and not self.session.readonly and not self.session.has_unsaved:
            from datetime import datetime

            self._saved(datetime.now().strftime("%H:%M:%S"))
        return ok

    def _update_title(self) -> None:
        path = self.session.pf.path
        # the file first; Qt appends the program's name (QGuiApplication.applicationDisplayName) itself
        title = path.name
        if self.session.readonly:
            title += translate("MainWindow", "（只读）")
        self.setWindowTitle(title)
        self.setWindowFilePath(str(path))

    # -- dialogs ------------------------------------------------------------------------------------------
    def show_versions(self) -> None:
        from smartcity_desktop.ui.dialogs.versions import VersionsDialog

        VersionsDialog(self.session, self).exec()

    # departments (issue 15): the dialogs live in their own modules, imported when first used
    def show_hand_out(self) -> None:
        from smartcity_desktop.ui.dialogs.hand_out import HandOutDialog

        HandOutDialog(self.session, self).exec()

    def show_take_back(self) -> None:
        from smartcity_desktop.ui.dialogs.take_back import TakeBackDialog

        TakeBackDialog(self.session, self, show_conflicts=self.show_conflicts).exec()

    def show_conflicts(self, key: str | None = None) -> None:
        from smartcity_desktop.ui.dialogs.conflicts import ConflictsDialog

        dialog = ConflictsDialog(self.session, self)
        if key:
            dialog.select(key)
        dialog.exec()

    def show_departments_progress(self) -> None:
        from smartcity_desktop.ui.dialogs.departments_progress import DepartmentsProgressDialog

        DepartmentsProgressDialog(self.session, self).exec()

    def show_encryption(self) -> None:
        try:
            from smartcity_desktop.ui.dialogs.encryption import EncryptionDialog
        except ImportError:
            QtWidgets.QMessageBox.information(self, translate("MainWindow", "功能不可用"),
                                    translate("MainWindow", "此版本中没有安装这个功能。"))
            return
        self.session.save_now()
        EncryptionDialog(self.session, self).exec()

    def _choose_language(self, lang: str) -> None:
        self._controller().switch_language(lang)

    def hand_over(self) -> ProjectFile | None:
        """Save and close this window but leave its file open (and locked) for a new window, which
        is how the interface language changes live. None if the user kept the window open."""
        if not self.session.save_now():
            return None
        self._keep_file_open = True
        if not self.close():
            self._keep_file_open = False
            return None
        return self.session.pf

    def about(self) -> None:
        QtWidgets.QMessageBox.about(self, translate("MainWindow", "关于"), translate(
            "MainWindow", "<b>{name}</b> {version}<br>用于准备国家智慧城市试点申报材料（住房城乡建设部 2012 年指标体系）。"
                          "<br>卷宗文件：{path}").format(name=app_title(), version=__version__,
                                                    path=self.session.pf.path))

    # -- window state ------------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = settings.GEOMETRY.get()
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        splitter = settings.SPLITTER.get()
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.session.save_now():
            answer = QtWidgets.QMessageBox.warning(
                self, translate("MainWindow", "保存失败"),
                translate("MainWindow", "最近的修改未能写入卷宗：{reason}\n仍要关闭吗？未保存的修改将丢失。").format(
                    reason=self.session.last_error or ""),
                QtWidgets.QMessageBox.StandardButton.Close | QtWidgets.QMessageBox.StandardButton.Cancel, QtWidgets.QMessageBox.StandardButton.Cancel)
            if answer != QtWidgets.QMessageBox.StandardButton.Close:
                event.ignore()
                return
        settings.add_recent(self.session.pf.path)
        self._page_timer.stop()
        self._remember_page()
        settings.GEOMETRY.set(self.saveGeometry())
        settings.SPLITTER.set(self.splitter.saveState())
        self.closed = True
        self._validator.stop()
        self._validator.wait()
        for page in self.pages.values():
            page.wait()
        windows.closed(self)
        try:
            if not self._keep_file_open:
                self.session.pf.close()
        except SmartcityError as exc:  # the user already chose to close; keep the reason in the log
            log_exception(exc, "closing a dossier")
        event.accept()
        super().closeEvent(event)
        if self.controller is not None:
            self.controller.window_closed(self)


__all__ = ["MainWindow"]
