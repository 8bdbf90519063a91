"""Table models over the dossier: a common base (``SheetModel``) and the projects table.

A cell of a sheet is one field key. Reading goes to ``session.value``; writing goes through
``session.set_value`` / ``session.set_values`` so every edit, paste and clear is one undo step on the
session's stack and the model never holds a second copy of the answers. Cells named by a validation
finding are tinted and carry the message in their tooltip; the findings come from the session's
``FindingsFeed`` (validated off the UI thread after a pause in typing), so an edit never waits for
a validation: the tints follow a moment later.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from smartcity_desktop.model import (
    FUNDING_SOURCES,
    PROJECT_FIELDS,
    FieldError,
    FieldSpec,
    ImportRefused,
    Project,
    choice_label,
    parse_key,
)
from smartcity_desktop.model.fields import FUNDING_SPEC, plan_year_spec
from smartcity_desktop.model.investment import format_wan, money_differs, plan_years, proposed_plan
from smartcity_desktop.model.keys import funding_name, key_section, parse_project_name, plan_name, project_key
from smartcity_desktop.model.vocabulary import display
from smartcity_desktop.ui.qt_abc import QtABCMeta, abstractmethod
from smartcity_desktop.ui.widgets.icons import status_icon
from smartcity_desktop.ui.shell.findings_feed import FindingsFeed
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.validate import Finding

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the field key of a cell ("" for computed cells)
SEVERITY_TINT = {"error": QColor("#fbe3e1"), "warning": QColor("#fdf3d7")}
ERROR_TEXT = QColor("#a12a1d")
TOOLTIP_CHARS = 800  # a tooltip shows the start of a long answer, not a whole chapter
# A cell shows three lines: Qt lays out the whole display text on every paint, and a screen of cells
# with 5,000-character chapters took ~0.7 s per repaint (benchmarks/bench_grid_edit.py); the editor
# and the tooltip keep the text.
CELL_CHARS = 160  # three lines of a column up to ~53 characters wide

AnyIndex = QModelIndex | QPersistentModelIndex


def rich_tooltip(*parts: str) -> str:
    """A tooltip that wraps (Qt only wraps rich text); parts are plain text, joined by a rule."""
    shown = []
    for part in parts:
        if not part:
            continue
        if len(part) > TOOLTIP_CHARS:
            part = part[:TOOLTIP_CHARS] + "…"
        shown.append(html.escape(part).replace("\n", "<br>"))
    return "<qt>" + "<hr>".join(shown) + "</qt>" if shown else ""


def one_line(text: str) -> str:
    """Long answers shown in a cell: paragraphs run together (the tooltip and editor keep them)."""
    return " ".join(text.split())


class SheetModel(QAbstractTableModel, metaclass=QtABCMeta):
    """A table whose cells are field keys of one session. Subclasses say which key a cell holds (an
    abstract base: a sheet that leaves one of the five methods below out cannot be built)."""

    editFailed = Signal(str)  # a user message: a value was refused and nothing changed
    edited = Signal()  # an edit, paste or clear was accepted

    def __init__(self, session: DossierSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._findings: dict[str, list[tuple[str, str]]] | None = None
        self.feed = FindingsFeed.of(session)
        self.feed.updated.connect(self.show_findings)
        session.valuesChanged.connect(self._values_changed)
        session.reset.connect(self._reset)

    # -- to be provided by subclasses -----------------------------------------------------------
    @abstractmethod
    def key(self, index: AnyIndex) -> str | None:
        """The field key a cell edits, or None for read-only / computed cells."""

    @abstractmethod
    def index_of_key(self, key: str) -> QModelIndex:
        """The cell showing ``key`` (invalid when this sheet does not show it)."""

    @abstractmethod
    def spec(self, index: AnyIndex) -> FieldSpec | None:
        """The field spec of a cell's key (its kind chooses the editor and the check box)."""

    @abstractmethod
    def describe(self, key: str) -> str:
        """Which cell a message is about, in the user's words (row and column)."""

    @abstractmethod
    def _values_changed(self, keys: list[str]) -> None:
        """The session changed ``keys``: emit ``dataChanged`` (or reset) for the cells showing them."""

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    # -- shared behaviour ----------------------------------------------------------------------
    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = self.key(index)
        if key and self.session.may_edit(key):  # not in a read-only dossier, nor another unit's cell of a package
            spec = self.spec(index)
            if spec is not None and spec.kind == "bool":
                return base | Qt.ItemFlag.ItemIsUserCheckable
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def findings_for(self, key: str) -> list[tuple[str, str]]:
        """(severity, message) of the errors and warnings about ``key``."""
        if self._findings is None:
            self._index_findings(self.feed.findings())
        assert self._findings is not None
        return self._findings.get(key, [])

    def _index_findings(self, findings: list[Finding]) -> None:
        found: dict[str, list[tuple[str, str]]] = {}
        for f in findings:
            if f.severity in SEVERITY_TINT:
                found.setdefault(f.key, []).append((f.severity, f.message))
        self._findings = found

    def show_findings(self, findings: list[Finding]) -> None:
        """A validation run ended (in the background): retint the cells, unless nothing changed
        (the usual case while typing: a repaint of the visible cells costs tens of ms)."""
        before = self._findings
        self._index_findings(findings)
        if before != self._findings:
            self.refresh_all()

    def finding_roles(self, keys: list[str], role: int) -> Any:
        """Background tint / message for the cell showing ``keys`` (errors win over warnings)."""
        found = [item for k in keys for item in self.findings_for(k)]
        if not found:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            worst = "error" if any(s == "error" for s, _m in found) else "warning"
            return QBrush(SEVERITY_TINT[worst])
        return "\n".join(m for _s, m in found)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        key = self.key(index)
        if not key or self.session.readonly:
            return False
        if role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if isinstance(value, str) and not value.strip():
            value = None
        try:
            self.session.set_value(key, value, text=self.tr("修改 {cell}").format(cell=self.describe(key)))
        except FieldError as exc:
            self.editFailed.emit(self.tr("{cell}：{problem}（未修改）").format(cell=self.describe(key),
                                                                        problem=exc.problem))
            return False
        self.edited.emit()
        return True

    def apply(self, values: Mapping[str, Any], text: str) -> bool:
        """Several cells as ONE undo step (paste, clear); all-or-nothing with a message when refused."""
        if self.session.readonly or not values:
            return False
        try:
            self.session.set_values(values, text)
        except ImportRefused as exc:
            first = exc.errors[0]
            more = self.tr("（另有 {n} 处问题）").format(n=len(exc.errors) - 1) if len(exc.errors) > 1 else ""
            self.editFailed.emit(self.tr("{cell}：{problem}{more}。未作任何修改。").format(
                cell=self.describe(first.key), problem=first.problem, more=more))
            return False
        self.edited.emit()
        return True

    def paste_block(self, top: int, left: int, rows: list[list[str]]) -> int:
        """Paste a block of texts with its top-left at (top, left) as one undo step.

        Read-only cells under the block (ids, names, sums) are skipped, as is whatever falls outside
        the table. Returns the number of cells written (0 when refused or nothing editable).
        """
        values: dict[str, Any] = {}
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                index = self.index(top + r, left + c)
                key = self.key(index) if index.isValid() else None
                if key:
                    values[key] = text if text.strip() else None
        if not values:
            return 0
        ok = self.apply(values, self.tr("粘贴 {n} 个单元格").format(n=len(values)))
        return len(values) if ok else 0

    def fill_cells(self, indexes: list[QModelIndex], text: str) -> int:
        """Put one pasted value into every editable selected cell (one undo step)."""
        values = {k: (text if text.strip() else None) for k in (self.key(i) for i in indexes) if k}
        if not values:
            return 0
        return len(values) if self.apply(values, self.tr("粘贴 {n} 个单元格").format(n=len(values))) else 0

    def clear_cells(self, indexes: list[QModelIndex]) -> int:
        """Empty the editable cells among ``indexes`` as one undo step; returns how many."""
        values = {k: None for k in (self.key(i) for i in indexes) if k and self.session.value(k) is not None}
        if not values:
            return 0
        return len(values) if self.apply(values, self.tr("清除 {n} 个单元格").format(n=len(values))) else 0

    def copy_text(self, index: AnyIndex) -> str:
        """A cell as text for the clipboard: full text, plain numbers, choice labels (pastable back)."""
        key = self.key(index)
        if not key:
            return str(self.data(index, Qt.ItemDataRole.DisplayRole) or "")
        value = self.session.value(key)
        spec = self.spec(index)
        if value is None:
            return "" if spec is None or spec.kind != "bool" else choice_label("bool", "true")
        if spec is not None and spec.kind == "bool":
            return choice_label("bool", "true" if value else "false")
        if spec is not None and spec.kind == "enum":
            return choice_label(spec.choice_group, value)
        if isinstance(value, list):
            return "、".join(value)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def refresh_all(self) -> None:
        """Repaint every cell (values, tints and tooltips)."""
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def retranslate(self) -> None:
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        self.refresh_all()


def display_text(spec: FieldSpec, value: Any) -> str:
    """How a stored value reads in a cell: the model's ``display``, but a long text on one line and a
    date as it is typed (the cell edits it in place)."""
    if value is None:
        return ""
    if spec.kind == "longtext":
        text = one_line(str(value)[:CELL_CHARS * 2])
        return text if len(text) <= CELL_CHARS else text[:CELL_CHARS] + "…"
    if spec.kind == "date":
        return str(value)
    return display(spec, value)


def edit_text(spec: FieldSpec, value: Any) -> Any:
    """What an editor starts with: plain numbers (no separators), the raw text, the id list."""
    if value is None:
        return [] if spec.kind == "ids" else ""
    if spec.kind == "ids":
        return list(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if spec.kind not in ("enum", "bool") else value


# -- the projects table ------------------------------------------------------------------------
ORDER, SUM = "#", "sum"
FUNDING_COLUMNS = tuple(funding_name(s) for s in FUNDING_SOURCES)
PROJECT_COLUMNS: tuple[str, ...] = (ORDER, "name", "content", "indicators", "lead_unit", "start_year", "end_year",
                                    "investment_wan", *FUNDING_COLUMNS, SUM)
NUMBER_COLUMNS = {"investment_wan", *FUNDING_COLUMNS, SUM}
PLAN_PREFIX = "investment_by_year["
PROPOSAL_TEXT = QColor("#8a8f98")


def plan_column(year: int) -> str:
    return plan_name(year)




class ProjectTableModel(SheetModel):
    """One row per project (in the dossier's order), one column per project field and funding source."""

    def __init__(self, session: DossierSession, parent: QObject | None = None):
        super().__init__(session, parent)
        self._pids: list[str] = []
        self._projects: dict[str, Project] = {}
        self._columns: tuple[str, ...] = PROJECT_COLUMNS
        self._load()

    def _load(self) -> None:
        d = self.session.dossier
        projects = d.projects()  # one pass over the values for every project's plan
        self._pids = [p.id for p in projects]
        self._projects = {p.id: p for p in projects}
        # one column per year of the annual plans (the projects' build years and declared years)
        self._columns = PROJECT_COLUMNS + tuple(plan_column(y) for y in plan_years(d))

    def years(self) -> list[int]:
        """The years that have a plan column, in order."""
        return [int(parse_project_name(name).year) for name in self._columns if name.startswith(PLAN_PREFIX)]

    # -- structure -------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._pids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def column(self, name: str) -> int:
        return self._columns.index(name)

    def column_name(self, column: int) -> str:
        return self._columns[column]

    def column_names(self) -> tuple[str, ...]:
        return self._columns

    def pid(self, row: int) -> str:
        return self._pids[row]

    def row_of(self, pid: str) -> int:
        return self._pids.index(pid) if pid in self._pids else -1

    def project(self, row: int) -> Project:
        return self._projects[self._pids[row]]

    def key(self, index: AnyIndex) -> str | None:
        if not index.isValid() or index.row() >= len(self._pids):
            return None
        name = self._columns[index.column()]
        if name in (ORDER, SUM):
            return None
        return project_key(self._pids[index.row()], name)

    def spec(self, index: AnyIndex) -> FieldSpec | None:
        name = self._columns[index.column()]
        if name == ORDER:
            return PROJECT_FIELDS["order"]
        if name == SUM or name.startswith("funding["):
            return FUNDING_SPEC
        if name.startswith(PLAN_PREFIX):
            return plan_year_spec(parse_project_name(name).year)
        return PROJECT_FIELDS[name]

    def index_of_key(self, key: str) -> QModelIndex:
        try:
            parsed = parse_key(key)
        except FieldError:
            return QModelIndex()
        if parsed.section != "projects" or parsed.item not in self._pids:
            return QModelIndex()
        if parsed.name == "order":
            name = ORDER
        elif parsed.name == "funding":
            name = funding_name(parsed.source)
        elif parsed.name == "investment_by_year":
            name = plan_column(int(parsed.year))
        else:
            name = parsed.name
        if name not in self._columns:
            return QModelIndex()
        return self.index(self._pids.index(parsed.item), self._columns.index(name))

    def header_label(self, name: str) -> str:
        if name == ORDER:
            return PROJECT_FIELDS["order"].label_text
        if name == SUM:
            return self.tr("资金合计\n（{unit}）").format(unit=FUNDING_SPEC.unit_text)
        if name.startswith(PLAN_PREFIX):
            return self.tr("{year}年\n（{unit}）").format(year=parse_project_name(name).year,
                                                       unit=FUNDING_SPEC.unit_text)
        if name.startswith("funding["):
            source = parse_project_name(name).source
            return self.tr("{label}\n（{unit}）").format(label=choice_label("funding", source),
                                                       unit=FUNDING_SPEC.unit_text)
        spec = PROJECT_FIELDS[name]
        if spec.unit:
            return self.tr("{label}\n（{unit}）").format(label=spec.label_text, unit=spec.unit_text)
        return spec.label_text

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        name = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_label(name)
        if role == Qt.ItemDataRole.ToolTipRole:
            if name.startswith(PLAN_PREFIX):
                return self.tr("本项目该年度的计划投资（申报的年度计划）；灰色斜体为按建设期平均分配的建议值，尚未申报")
            if name == SUM:
                return self.tr("四项资金来源之和；与总投资不一致时标红")
            if name == "indicators":
                return self.tr("本项目支撑的三级指标编号；悬停单元格可看指标名称")
            if name == "content":
                return self.tr("双击或按 F2 在多行编辑框中编辑；Ctrl+Enter 确认")
        return None

    # -- values ----------------------------------------------------------------------------------
    def funding_mismatch(self, p: Project) -> float | None:
        """Funding total minus investment when they disagree (None when they agree or nothing given)."""
        if p.investment_wan is None:
            return None
        diff = p.funding.total - float(p.investment_wan)
        return diff if money_differs(p.funding.total, float(p.investment_wan)) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._pids):
            return None
        name = self._columns[index.column()]
        p = self.project(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if name in NUMBER_COLUMNS or name.startswith(PLAN_PREFIX):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if name in (ORDER, "start_year", "end_year"):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if name == ORDER:
            return str(index.row() + 1) if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) \
                else None
        if name == SUM:
            return self._sum_data(p, role)
        if name.startswith(PLAN_PREFIX) and not p.plan:
            proposal = self._proposal_data(p, int(parse_project_name(name).year), role)
            if proposal is not None:
                return proposal
        key = project_key(p.id, name)
        spec = self.spec(index)
        assert spec is not None
        value = self.session.value(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return display_text(spec, value)
        if role == Qt.ItemDataRole.EditRole:
            return edit_text(spec, value)
        if role == KEY_ROLE:
            return key
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.finding_roles([key], role)
        if role == Qt.ItemDataRole.ToolTipRole:
            problem = self.finding_roles([key], role) or ""
            detail = ""
            if name == "indicators" and value:
                scheme = self.session.scheme
                detail = "\n".join(f"{i}  {scheme.indicator(i).label}" for i in value if scheme.has_indicator(i))
            elif name in ("content", "name") and value:
                detail = str(value)
            return rich_tooltip(problem, detail) or None
        return None

    def _proposal_data(self, p: Project, year: int, role: int) -> Any:
        """A project without a declared plan shows the even split as a PROPOSAL: grey italics, a
        tooltip saying so, never stored (the cell edits the real key; typing declares a value)."""
        amount = proposed_plan(p).get(year)
        if amount is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return format_wan(amount)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("建议值 {amount}，尚未申报").format(amount=format_wan(amount))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(PROPOSAL_TEXT)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("建议值：按建设期平均分配，尚未申报。在此输入金额，或在右侧“年度投资计划”中采用建议值。")
        return None

    def _sum_data(self, p: Project, role: int) -> Any:
        shown = p.funding_given or p.investment_wan is not None
        diff = self.funding_mismatch(p)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = format_wan(p.funding.total) if shown else ""
            if diff is not None and role == Qt.ItemDataRole.AccessibleTextRole:
                text += " " + self.tr("与总投资不一致")
            return text
        if diff is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon("error")
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(SEVERITY_TINT["error"])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ERROR_TEXT)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            word = self.tr("多") if diff > 0 else self.tr("少")
            return self.tr("资金合计 {total} 万元，比总投资 {investment} 万元{word} {diff} 万元").format(
                total=format_wan(p.funding.total), investment=format_wan(p.investment_wan), word=word,
                diff=format_wan(abs(diff)))
        return None

    def describe(self, key: str) -> str:
        try:
            parsed = parse_key(key)
        except FieldError:
            return key
        row = self.row_of(parsed.item)
        if parsed.name == "funding":
            what = choice_label("funding", parsed.source)
        elif parsed.name == "investment_by_year":
            what = plan_year_spec(parsed.year).label_text
        else:
            spec = PROJECT_FIELDS.get(parsed.name)
            what = spec.label_text if spec else parsed.name
        if row < 0:
            return what
        return self.tr("第 {row} 行“{column}”").format(row=row + 1, column=what)

    # -- refresh -------------------------------------------------------------------------------------
    def _values_changed(self, keys: list[str]) -> None:
        if not any(key_section(k) == "projects" for k in keys):
            return
        pids = self.session.dossier.project_ids()
        if pids != self._pids or tuple(plan_column(y) for y in plan_years(self.session.dossier)) != \
                self._columns[len(PROJECT_COLUMNS):]:
            self.beginResetModel()
            self._load()
            self.endResetModel()
        else:
            self._load()
            self.refresh_all()

    def _reset(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()

    # -- row operations (each one undo step) -----------------------------------------------------
    def add_project(self, name: str = "") -> str:
        """Create a project at the end; returns its id."""
        pid, values = self.session.dossier.new_project_values(name)
        self.session.set_values(values, self.tr("添加项目"))
        return pid

    def move_project(self, pid: str, delta: int) -> bool:
        """Move a project up (-1) or down (+1) by renumbering ``order`` (1..n) in one undo step."""
        pids = list(self._pids)
        row = pids.index(pid)
        target = row + delta
        if not 0 <= target < len(pids):
            return False
        pids[row], pids[target] = pids[target], pids[row]
        values = {project_key(p, "order"): n for n, p in enumerate(pids, start=1)
                  if self.session.value(project_key(p, "order")) != n}
        text = self.tr("上移项目") if delta < 0 else self.tr("下移项目")
        self.session.set_values(values, text)
        return True
