"""The selected project in detail, beside the projects table: content, financing facts, annual plan.

The table is dense; this pane shows one project whole so the page works at the default 1280×820
window. Its inputs are ordinary bound fields (objectName = field key), re-pointed at the selected
project's keys. The annual plan shows one amount per build year; a project with no declared plan
sees the even split as a PROPOSAL (grey placeholders and a note) that is stored only when the user
accepts it or types an amount — the program never declares a plan by itself.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.model import PROJECT_FIELDS
from smartcity_desktop.model import investment as inv
from smartcity_desktop.model.fields import FINANCING_FIELDS, plan_year_spec
from smartcity_desktop.model.keys import plan_key, prefix_of, project_key, project_owner
from smartcity_desktop.ui.widgets.field_widgets import Binder, bind_field
from smartcity_desktop.ui.shell.session import DossierSession

translate = QCoreApplication.translate


def message_below(binder: Binder) -> None:
    """The pane is narrow: a field's message goes under the field and takes room only while shown
    (a page keeps room for it beside the field, which here would leave the input a sliver)."""
    message = binder.error_label
    message.setMinimumWidth(0)
    message.setMaximumWidth(16_777_215)
    policy = message.sizePolicy()
    policy.setRetainSizeWhenHidden(False)
    message.setSizePolicy(policy)
    outer = binder.container.layout()
    if outer is None:
        return
    for i in range(outer.count()):
        item = outer.itemAt(i)
        row = item.layout() if item is not None else None
        if row is not None and row.indexOf(message) >= 0:
            row.removeWidget(message)
    outer.addWidget(message)


class YearAmounts(QWidget):
    """A year × amount form of bound number fields; ``set_years`` rebuilds it for other keys."""

    def __init__(self, session: DossierSession, key_of: Any, parent: QWidget | None = None, *,
                 narrow: bool = False):
        super().__init__(parent)
        self.session = session
        self.narrow = narrow  # messages under the amounts (the detail pane) rather than beside them
        self.key_of = key_of  # year -> field key
        self.binders: dict[str, Binder] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._years: list[int] = []

    @property
    def years(self) -> list[int]:
        return list(self._years)

    def set_years(self, years: list[int], force: bool = False) -> None:
        keys = [self.key_of(y) for y in years]
        if not force and years == self._years and keys == list(self.binders):
            for binder in self.binders.values():
                binder.load()
            return
        while self.form.rowCount():
            self.form.removeRow(0)
        self.binders = {}
        self._years = list(years)
        for year, key in zip(years, keys):
            binder = bind_field(self.session, key, plan_year_spec(str(year)), self)
            if self.narrow:
                message_below(binder)
            label = QLabel(translate("ProjectDetail", "{year} 年：").format(year=year))
            label.setBuddy(binder.widget)
            self.form.addRow(label, binder.container)
            self.binders[key] = binder

    def edit(self, year: int) -> QLineEdit | None:
        binder = self.binders.get(self.key_of(year))
        return binder.widget if binder is not None and isinstance(binder.widget, QLineEdit) else None


class ProjectDetailPane(QScrollArea):
    """Content, financing facts and the annual plan of one project (``set_project``)."""

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.pid = ""
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        inner.setObjectName("projectDetail")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(8, 0, 8, 8)
        self.body.setSpacing(8)
        self.setWidget(inner)

        self.heading = QLabel()
        self.heading.setObjectName("projectDetailTitle")
        self.heading.setWordWrap(True)
        self.body.addWidget(self.heading)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #5f6670;")
        self.body.addWidget(self.empty)

        self.plan_box = QGroupBox()
        plan_layout = QVBoxLayout(self.plan_box)
        self.plan_state = QLabel()
        self.plan_state.setObjectName("planState")
        self.plan_state.setWordWrap(True)
        plan_layout.addWidget(self.plan_state)
        self.plan = YearAmounts(session, lambda y: plan_key(self.pid, y), self.plan_box, narrow=True)
        plan_layout.addWidget(self.plan)
        buttons = QHBoxLayout()
        self.accept_proposal = QPushButton()
        self.accept_proposal.setObjectName("acceptProposal")
        self.accept_proposal.clicked.connect(self.accept)
        buttons.addWidget(self.accept_proposal)
        buttons.addStretch(1)
        plan_layout.addLayout(buttons)
        self.body.addWidget(self.plan_box)

        self.facts_box = QGroupBox()
        self.facts = QFormLayout(self.facts_box)
        self.facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.binders: dict[str, Binder] = {}  # field name -> binder (re-keyed per project)
        self._fact_labels: dict[str, QLabel] = {}
        self.body.addWidget(self.facts_box)
        self.content_box = QGroupBox()
        content_layout = QVBoxLayout(self.content_box)
        self.body.addWidget(self.content_box)
        for name in FINANCING_FIELDS:
            spec = PROJECT_FIELDS[name]
            binder = bind_field(session, project_key("-", name), spec, self.facts_box)  # re-keyed per project
            message_below(binder)
            label = QLabel()
            label.setBuddy(binder.widget)
            label.setWordWrap(True)
            if spec.kind == "longtext":
                binder.widget.setMinimumHeight(60)
                binder.widget.setMaximumHeight(90)
                self.facts.addRow(label)
                self.facts.addRow(binder.container)
            else:
                self.facts.addRow(label, binder.container)
            self.binders[name] = binder
            self._fact_labels[name] = label
        content = bind_field(session, project_key("-", "content"), PROJECT_FIELDS["content"],
                             self.content_box)
        message_below(content)
        content.widget.setMinimumHeight(80)
        content_layout.addWidget(content.container)
        self.binders["content"] = content
        self.body.addStretch(1)
        session.valuesChanged.connect(self._values_changed)
        session.reset.connect(lambda: self.set_project(self.pid))
        self.retranslate()
        self.set_project("")

    # -- which project ----------------------------------------------------------------------------
    def set_project(self, pid: str) -> None:
        if pid and not self.session.dossier.keys_with_prefix(prefix_of(project_owner(pid))):
            pid = ""
        self.pid = pid
        shown = bool(pid)
        for w in (self.plan_box, self.facts_box, self.content_box):
            w.setVisible(shown)
        self.empty.setVisible(not shown)
        if not shown:
            self.heading.setText("")
            return
        for name, binder in self.binders.items():
            key = project_key(pid, name)
            if binder.key != key:
                binder.rekey(key)
            else:
                binder.load()
        self._refresh_plan(force=True)

    def _years(self) -> list[int]:
        p = self.session.dossier.project(self.pid)
        years = set(inv.project_years(p)) if p.start_year and p.end_year else set()
        years.update(p.plan)
        if not years and p.start_year:
            years.add(p.start_year)
        return sorted(years)

    def _refresh_plan(self, force: bool = False) -> None:
        d = self.session.dossier
        p = d.project(self.pid)
        self.heading.setText(p.name or translate("ProjectDetail", "（未命名项目）"))
        self.plan.set_years(self._years(), force=force)
        proposal = inv.proposed_plan(p) if not p.plan else {}
        for year in self.plan.years:
            edit = self.plan.edit(year)
            if edit is not None:
                edit.setPlaceholderText(inv.format_wan(proposal[year]) if year in proposal else "")
        self.accept_proposal.setVisible(bool(proposal) and not self.session.readonly)
        if not self.plan.years:
            text = translate("ProjectDetail", "请先填写开始年份和完成年份，再填写分年度投资计划。")
            style = "color: #5f6670;"
        elif not p.plan:
            text = translate("ProjectDetail", "尚未申报年度计划。灰色数字是按建设期平均分配的建议值，不会保存；"
                                              "请按实际安排填写，或点击“采用建议值”。") if proposal else \
                translate("ProjectDetail", "尚未申报年度计划。")
            style = "color: #9c5700;"
        else:
            total = p.plan_total
            investment = float(p.investment_wan or 0)
            if p.investment_wan is not None and inv.money_differs(total, investment):
                text = translate("ProjectDetail", "计划合计 {sum} 万元，与总投资 {investment} 万元相差 {gap} 万元").format(
                    sum=inv.format_wan(total), investment=inv.format_wan(investment),
                    gap=inv.format_wan(abs(total - investment)))
                style = "color: #a12a1d;"
            else:
                text = translate("ProjectDetail", "计划合计 {sum} 万元，等于总投资").format(sum=inv.format_wan(total))
                style = "color: #2e8540;"
        self.plan_state.setText(text)
        self.plan_state.setStyleSheet(style)

    def accept(self) -> None:
        """Store the proposal as the declared plan (one undo step)."""
        if not self.pid or self.session.readonly:
            return
        p = self.session.dossier.project(self.pid)
        proposal = inv.proposed_plan(p)
        if proposal:
            self.session.set_values(inv.plan_values(p, proposal),
                                    translate("ProjectDetail", "采用建议的年度计划：{name}").format(name=p.name or p.id))

    def _values_changed(self, keys: list[str]) -> None:
        if not self.pid:
            return
        prefix = prefix_of(project_owner(self.pid))
        if not any(k.startswith(prefix) for k in keys):
            return
        if not self.session.dossier.keys_with_prefix(prefix):
            self.set_project("")
            return
        for binder in self.binders.values():
            if binder.key in keys:
                binder.load()
        self._refresh_plan()

    # -- findings, focus, language ----------------------------------------------------------------
    def show_findings(self, messages: dict[str, tuple[str, str]]) -> None:
        """``messages``: key -> (message, severity "error"|"warning")."""
        for binder in [*self.binders.values(), *self.plan.binders.values()]:
            binder.set_finding(*messages.get(binder.key, ("", "error")))

    def input_for(self, key: str) -> QWidget | None:
        for binder in [*self.binders.values(), *self.plan.binders.values()]:
            if binder.key == key:
                return binder.widget
        return None

    def focus_key(self, key: str) -> bool:
        widget = self.input_for(key)
        if widget is None:
            return False
        self.ensureWidgetVisible(widget, 20, 40)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def retranslate(self) -> None:
        self.empty.setText(translate("ProjectDetail", "在左侧表格中选择一个项目，这里显示它的年度投资计划、投融资情况和建设内容。"))
        self.plan_box.setTitle(translate("ProjectDetail", "年度投资计划（万元）"))
        self.facts_box.setTitle(translate("ProjectDetail", "投融资情况"))
        self.content_box.setTitle(PROJECT_FIELDS["content"].label_text)
        self.accept_proposal.setText(translate("ProjectDetail", "采用建议值"))
        self.accept_proposal.setToolTip(translate("ProjectDetail", "把按建设期平均分配的建议值保存为本项目申报的年度计划（可撤销）"))
        for name, label in self._fact_labels.items():
            label.setText(translate("ProjectDetail", "{label}：").format(label=PROJECT_FIELDS[name].label_text))
            self.binders[name].widget.setAccessibleName(PROJECT_FIELDS[name].label_text)
        self.binders["content"].widget.setAccessibleName(PROJECT_FIELDS["content"].label_text)
        if self.pid:
            self._refresh_plan()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
