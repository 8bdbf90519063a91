"""The outline: every page of the dossier in reading order, with a status icon and counts.

``PageOrder`` is the interview's path (Back/Next walk it); ``page_of`` maps any field key to the
page that holds it; ``Outline`` is the tree on the left of the main window.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from smartcity_desktop.model import SAFEGUARD_FIELDS, Dossier, FieldError, parse_key
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.ui.widgets.icons import COMPLETE, EMPTY, ERRORS, PARTIAL, status_icon
from smartcity_desktop.validate import ERROR, Finding, owner_progress

translate = QCoreApplication.translate
PAGE_ROLE = Qt.ItemDataRole.UserRole
# Findings that only say "not filled yet": the outline shows those as empty/partly filled, and
# keeps the red "has errors" icon for real mistakes (wrong sums, contradictions, bad e-mail...).
MISSING_RULES = {"applicant.required", "profile.required", "condition.status", "condition.evidence",
                 "indicator.required", "indicator.reason", "project.name", "project.investment",
                 "project.indicators"}


@dataclass(frozen=True)
class PageInfo:
    id: str  # applicant | conditions[1] | indicators[1.1.1] | projects | safeguards | attachments | review
    title: str


def page_order(scheme: Scheme) -> list[PageInfo]:
    pages = [PageInfo("applicant", translate("Outline", "申报单位与基本情况"))]
    pages += [PageInfo(f"conditions[{c.id}]", translate("Outline", "条件 {n}").format(n=c.id)) for c in scheme.conditions]
    pages += [PageInfo(f"indicators[{i.id}]", f"{i.id} {i.label}") for i in scheme.indicators]
    pages += [PageInfo("projects", translate("Outline", "项目与投资")),
              PageInfo("safeguards", translate("Outline", "保障措施")),
              PageInfo("attachments", translate("Outline", "附件", "section")),
              PageInfo("analysis", translate("Outline", "分析")),
              PageInfo("materials", translate("Outline", "申报材料")),
              PageInfo("review", translate("Outline", "检查与导出"))]
    return pages


def page_of(key: str) -> str:
    """The page that shows ``key`` (unknown keys land on the review page)."""
    if key in ("projects",):
        return "projects"
    try:
        parsed = parse_key(key)
    except FieldError:
        return "review"
    if parsed.section in ("applicant", "profile"):
        return "applicant"
    if parsed.section in ("conditions", "indicators"):
        return parsed.owner
    return parsed.section


def error_pages(findings: list[Finding]) -> set[str]:
    return {page_of(f.key) for f in findings if f.severity == ERROR and f.rule not in MISSING_RULES}


def page_status(d: Dossier, page: str, errors: set[str]) -> tuple[str, int, int]:
    """(state, filled, asked for) of one page."""
    if page == "safeguards":
        filled = sum(1 for n in SAFEGUARD_FIELDS if d.get(f"safeguards.{n}"))
        total = len(SAFEGUARD_FIELDS)
    elif page == "projects":  # as validate.section_progress counts it, without the other sections
        projects = d.projects()
        filled = sum(1 for p in projects if p.name and p.indicators and p.investment_wan is not None)
        total = max(len(projects), 1)
    else:
        progress = owner_progress(d, page)
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
        self._leaf(self, "applicant", translate("Outline", "申报单位与基本情况"))
        conds = [f"conditions[{c.id}]" for c in scheme.conditions]
        group = self._group(self, "conditions", translate("Outline", "申报条件"), conds)
        for c in scheme.conditions:
            leaf = self._leaf(group, f"conditions[{c.id}]", translate("Outline", "条件 {n}").format(n=c.id))
            leaf.setToolTip(0, c.label)
        for l1 in scheme.level1:
            g1 = self._group(self, f"level1:{l1.id}", f"{l1.id} {l1.label}",
                             [f"indicators[{i.id}]" for i in l1.indicators])
            for l2 in l1.children:
                g2 = self._group(g1, f"level2:{l2.id}", f"{l2.id} {l2.label}",
                                 [f"indicators[{i.id}]" for i in l2.indicators])
                for ind in l2.indicators:
                    self._leaf(g2, f"indicators[{ind.id}]", f"{ind.id} {ind.label}")
        self._leaf(self, "projects", translate("Outline", "项目与投资"))
        self._leaf(self, "safeguards", translate("Outline", "保障措施"))
        self._leaf(self, "attachments", translate("Outline", "附件", "section"))
        self._leaf(self, "analysis", translate("Outline", "分析")).setToolTip(
            0, translate("Outline", "基础条件、项目支撑与前后一致性（本程序自己的衡量）"))
        self._leaf(self, "materials", translate("Outline", "申报材料"))
        self._leaf(self, "review", translate("Outline", "检查与导出"))
        for gid, (item, _pages) in self.groups.items():
            item.setExpanded(not gid.startswith("level2:"))

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

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
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
