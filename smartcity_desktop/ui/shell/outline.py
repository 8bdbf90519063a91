"""The outline: every page of the dossier in reading order, with a status icon and counts.

Which pages exist, their order and grouping, and which page shows a key (``page_of``) come from the
section registry (``model/sections.py``); ``page_order`` is the interview's path (Back/Next walk it);
``Outline`` is the tree on the left of the main window.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from smartcity_desktop.model import Dossier
from smartcity_desktop.model.keys import condition_owner, item_of_key, key_section
from smartcity_desktop.model.sections import (
    ANALYSIS,
    ATTACHMENTS,
    CONDITIONS,
    LEVEL2,
    MATERIALS,
    REVIEW,
    TAIL_PAGES,
    page_ids,
    page_of,
    sections,
)
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.ui.widgets.icons import COMPLETE, EMPTY, ERRORS, PARTIAL, status_icon
from smartcity_desktop.validate import ERROR, MISSING, Finding

translate = QCoreApplication.translate
PAGE_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class PageInfo:
    id: str  # applicant | conditions[1] | indicators[1.1.1] | projects | safeguards | attachments | review
    title: str


def page_title(scheme: Scheme, page: str) -> str:
    """The outline's text for a page of the registry (``model/sections.py``)."""
    section = key_section(page)
    if section == "conditions":
        return translate("Outline", "条件 {n}").format(n=item_of_key(page))
    if section == "indicators":
        return f"{item_of_key(page)} {scheme.indicator(item_of_key(page)).label}"
    tail = {ATTACHMENTS: translate("Outline", "附件", "section"), ANALYSIS: translate("Outline", "分析"),
            MATERIALS: translate("Outline", "申报材料"), REVIEW: translate("Outline", "检查与导出")}
    if page in tail:
        return tail[page]
    return next(s.label for s in sections(scheme) if s.pages == (page,))


def page_order(scheme: Scheme) -> list[PageInfo]:
    return [PageInfo(page, page_title(scheme, page)) for page in page_ids(scheme)]


def error_pages(findings: list[Finding]) -> set[str]:
    """Pages with real mistakes (wrong sums, contradictions, bad e-mail...): findings that only say "not
    filled yet" show as an empty or partly filled page instead of the red "has errors" icon."""
    return {page_of(f.key) for f in findings if f.severity == ERROR and f.kind != MISSING}


def page_status(d: Dossier, page: str, errors: set[str]) -> tuple[str, int, int]:
    """(state, filled, asked for) of one page."""
    from smartcity_desktop.validate.progress import page_progress  # the status comes after the first paint

    progress = page_progress(d, page)
    filled, total = progress.filled, progress.total
    if page in errors:
        state = ERRORS
    elif filled == 0:
        state = EMPTY
    else:
        state = COMPLETE if filled >= total else PARTIAL
    return state, filled, total


def combine(states: list[str]) -> str:
    if ERRORS in states:
        return ERRORS
    if all(s == COMPLETE for s in states):
        return COMPLETE
    if all(s == EMPTY for s in states):
        return EMPTY
    return PARTIAL


class Outline(QTreeWidget):
    """The left-hand tree. Emits ``pageChosen(page_id)`` when the user picks an entry."""

    pageChosen = Signal(str)

    def __init__(self, scheme: Scheme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outline")
        self.setAccessibleName(translate("Outline", "目录"))
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.pages: dict[str, QTreeWidgetItem] = {}
        self.groups: dict[str, tuple[QTreeWidgetItem, list[str]]] = {}
        self._build(scheme)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self._syncing = False

    def _leaf(self, parent: QTreeWidget | QTreeWidgetItem, page: str, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text, ""])
        item.setData(0, PAGE_ROLE, page)
        item.setToolTip(0, text)
        self.pages[page] = item
        return item

    def _group(self, parent: QTreeWidget | QTreeWidgetItem, gid: str, text: str, pages: list[str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text, ""])
        item.setData(0, PAGE_ROLE, pages[0] if pages else "")
        item.setToolTip(0, text)
        self.groups[gid] = (item, pages)
        return item

    def _build(self, scheme: Scheme) -> None:
        for section in sections(scheme):
            if section.pages == (section.id,):  # a section of one page: a leaf
                self._leaf(self, section.id, section.title)
                continue
            group = self._group(self, section.id, section.title, list(section.pages))
            if section.id == CONDITIONS:
                for c in scheme.conditions:
                    self._leaf(group, condition_owner(c.id), page_title(scheme, condition_owner(c.id))).setToolTip(
                        0, c.label)
            for child in section.children:
                g2 = self._group(group, child.id, child.title, list(child.pages))
                for page in child.pages:
                    self._leaf(g2, page, page_title(scheme, page))
        for page in TAIL_PAGES:
            leaf = self._leaf(self, page, page_title(scheme, page))
            if page == ANALYSIS:
                leaf.setToolTip(0, translate("Outline", "基础条件、项目支撑与前后一致性（本程序自己的衡量）"))
        for gid, (item, _pages) in self.groups.items():
            item.setExpanded(not gid.startswith(LEVEL2))

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if self._syncing:
            return
        page = item.data(0, PAGE_ROLE)
        if page:
            self.pageChosen.emit(page)

    def show_page(self, page: str) -> None:
        """Select the entry of the page being shown (without emitting pageChosen)."""
        item = self.pages.get(page)
        if item is None:
            return
        self._syncing = True
        try:
            parent = item.parent()
            while parent is not None:
                parent.setExpanded(True)
                parent = parent.parent()
            self.setCurrentItem(item)
            self.scrollToItem(item)
        finally:
            self._syncing = False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
                           Qt.Key.Key_Home, Qt.Key.Key_End):
            item = self.currentItem()
            if item is not None and item.childCount() == 0:
                self._activated(item)

    def update_status(self, d: Dossier, findings: list[Finding], attachment_count: int) -> None:
        errors = error_pages(findings)
        states: dict[str, str] = {}
        for page, item in self.pages.items():
            if page == "attachments":
                item.setText(1, str(attachment_count))
                item.setIcon(0, status_icon(COMPLETE if attachment_count else EMPTY))
                item.setToolTip(1, (translate("Outline", "{n} 个附件", "n=1") if attachment_count == 1
                                    else translate("Outline", "{n} 个附件")).format(n=attachment_count))
                continue
            if page == "materials":
                from smartcity_desktop.package.materials import material_counts

                ready, required = material_counts(d)
                item.setIcon(0, status_icon(COMPLETE if ready >= required else PARTIAL))
                item.setText(1, f"{ready}/{required}")
                item.setToolTip(1, translate("Outline", "本批次必需材料 {ready}/{required} 项已有").format(
                    ready=ready, required=required))
                continue
            if page == "analysis":  # its own page shows its results; it has nothing to fill in
                continue
            if page == "review":
                n_err = sum(1 for f in findings if f.severity == ERROR)
                item.setIcon(0, status_icon(ERRORS if n_err else COMPLETE))
                item.setText(1, str(n_err) if n_err else "")
                item.setToolTip(1, (translate("Outline", "{n} 个错误", "n=1") if n_err == 1
                                    else translate("Outline", "{n} 个错误")).format(n=n_err))
                continue
            state, filled, total = page_status(d, page, errors)
            states[page] = state
            item.setIcon(0, status_icon(state))
            item.setText(1, f"{filled}/{total}")
            item.setToolTip(1, translate("Outline", "已填 {filled} 项，共 {total} 项").format(filled=filled, total=total))
        for item, pages in self.groups.values():
            child_states = [states[p] for p in pages if p in states]
            item.setIcon(0, status_icon(combine(child_states)))
            done = sum(1 for s in child_states if s == COMPLETE)
            item.setText(1, f"{done}/{len(child_states)}")
            item.setToolTip(1, translate("Outline", "{done} 页已完成，共 {total} 页").format(done=done,
                                                                                      total=len(child_states)))
