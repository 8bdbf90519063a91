"""Condition 三's budget by year (``conditions[3].budget[<year>].amount_wan``) on its page.

One amount per year of the projects' plans and the creation period, compared live with the projects'
fiscal money through the same ``budget_exceeded`` the validation and the analysis use.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from smartcity_desktop.model import investment as inv
from smartcity_desktop.model.keys import budget_key, budget_prefix, key_section
from smartcity_desktop.ui.widgets.project_detail import YearAmounts
from smartcity_desktop.validate.financing import budget_exceeded
from smartcity_desktop.ui.shell.style import set_role

translate = QCoreApplication.translate


class BudgetEditor(QGroupBox):
    """The budget form of a condition page; its binders are registered in the page's ``binders``."""

    def __init__(self, page: Any):
        super().__init__(translate("Budget", "分年度财政预算安排（万元）"))
        self.page = page
        self.session = page.session
        self.setObjectName("budgetEditor")
        layout = QVBoxLayout(self)
        note = QLabel(translate("Budget", "填写政府已列入预算或已承诺安排的智慧城市建设财政资金。项目的财政资金合计不应超过这里的合计。"))
        note.setWordWrap(True)
        set_role(note, "hint")
        layout.addWidget(note)
        self.years = YearAmounts(self.session, budget_key, self)
        layout.addWidget(self.years)
        self.state = QLabel()
        self.state.setObjectName("budgetState")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.sync()
        self.session.valuesChanged.connect(self._values_changed)
        self.session.reset.connect(self.sync)

    def wanted_years(self) -> list[int]:
        years = inv.plan_years(self.session.dossier)
        if not years:
            this = QDate.currentDate().year()
            years = [this, this + 1, this + 2]
        return years

    def sync(self) -> None:
        for key in list(self.years.binders):
            self.page.binders.pop(key, None)
        self.years.set_years(self.wanted_years())
        self.page.binders.update(self.years.binders)
        d = self.session.dossier
        fiscal = sum(p.funding.fiscal for p in d.projects())
        budget = sum(d.budget().values())
        excess = budget_exceeded(d)
        text = translate("Budget", "预算合计 {budget} 万元；项目财政资金合计 {fiscal} 万元").format(
            budget=inv.format_wan(budget), fiscal=inv.format_wan(fiscal))
        if excess is not None:
            text += translate("Budget", "，超出 {excess} 万元").format(excess=inv.format_wan(excess.excess))
        self.state.setText(text)
        self.state.setStyleSheet("color: #a12a1d;" if excess is not None else "color: #2e8540;")

    def _values_changed(self, keys: list[str]) -> None:
        if any(key_section(k) == "projects" or k.startswith((budget_prefix(), "profile.creation")) for k in keys):
            self.sync()
