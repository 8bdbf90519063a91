"""The quantified targets of an indicator (``indicators[<id>].metrics[<n>].name|unit|baseline|target``)
as a small table of line edits on the indicator page.

Each cell is an ordinary bound input (objectName = its field key, accessible name = its label and row),
so undo, go_to(key), validation messages and the shared indicator page's rekeying work as for any
other field. Rows appear as needed: the indicator's metrics plus one blank row, at least three.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from smartcity_desktop.model.fields import MAX_METRICS, METRIC_FIELDS
from smartcity_desktop.model.keys import metric_key
from smartcity_desktop.ui.widgets.field_widgets import Binder, bind_field
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.ui.shell.style import set_role

MIN_ROWS = 3
STRETCH = {"name": 4, "unit": 1, "baseline": 2, "target": 2}


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class MetricsBox(QGroupBox):
    """量化目标: rows of (量化指标, 单位, 现状值, 目标值) bound to the indicator's metric keys."""

    def __init__(self, session: DossierSession, iid: str, binders: dict[str, Binder],
                 parent: QWidget | None = None):
        super().__init__(translate("Pages", "量化目标"), parent)
        self.setObjectName("metricsBox")
        self.session = session
        self.iid = iid
        self.binders = binders  # the page's: rows registered here are the page's inputs
        self.rows: list[dict[str, Binder]] = []
        self.grid = QGridLayout(self)
        for col, (part, spec) in enumerate(METRIC_FIELDS.items()):
            header = QLabel(spec.label_text)
            header.setObjectName("metricsHeader")
            self.grid.addWidget(header, 0, col)
            self.grid.setColumnStretch(col, STRETCH[part])
        self.add_button = QPushButton(translate("Pages", "增加一行"))
        self.add_button.setObjectName("addMetric")
        self.add_button.clicked.connect(self.add_row)
        hint = QLabel(translate("Pages", "每行一项可量化的目标，如“公交准点率 / % / 78 / 90”；写入申报书的量化目标表。"))
        set_role(hint, "hint")
        hint.setWordWrap(True)
        self.hint = hint
        self.ensure_rows()

    def key(self, n: int, part: str) -> str:
        return metric_key(self.iid, n, part)

    def needed_rows(self) -> int:
        used = [m.n for m in self.session.dossier.metrics(self.iid)]
        return min(MAX_METRICS, max(MIN_ROWS, (max(used) if used else 0) + 1))

    def ensure_rows(self, at_least: int = 0) -> None:
        """Enough rows for the indicator's metrics plus a blank one (and ``at_least``)."""
        while len(self.rows) < max(self.needed_rows(), min(at_least, MAX_METRICS)):
            self.add_row()
        self._place_footer()

    def add_row(self) -> None:
        if len(self.rows) >= MAX_METRICS:
            return
        n = len(self.rows) + 1
        row: dict[str, Binder] = {}
        for col, (part, spec) in enumerate(METRIC_FIELDS.items()):
            binder = bind_field(self.session, self.key(n, part), spec, self)
            binder.widget.setAccessibleName(translate("Pages", "{label}（第 {n} 项）").format(
                label=spec.label_text, n=n))
            self.grid.addWidget(binder.container, n, col)
            self.binders[self.key(n, part)] = binder
            row[part] = binder
        self.rows.append(row)
        self._place_footer()

    def _place_footer(self) -> None:
        last = len(self.rows) + 1
        self.grid.addWidget(self.add_button, last, 0)
        self.grid.addWidget(self.hint, last, 1, 1, len(METRIC_FIELDS) - 1)
        self.add_button.setEnabled(len(self.rows) < MAX_METRICS and not self.session.readonly)

    def set_indicator(self, iid: str) -> None:
        """Called after the page rekeyed every binder (the keys carry the indicator id)."""
        self.iid = iid
        self.ensure_rows()
