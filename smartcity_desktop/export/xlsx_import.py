"""Read an exported (and possibly edited) 指标自评表.xlsx back into field values, all or nothing.

``read_workbook`` returns only the values that differ from the dossier (so a preview shows exactly
what will change, and importing an untouched workbook changes nothing). A blank answer cell clears
that answer. Projects are never deleted by an import (a removed row is ignored); a new row in the
projects sheet (no hidden id) becomes a new project. Display-only columns (grey) are not read.

The file is checked before any XML parser sees it: a real zip, bounded member count, sizes and
compression ratio (zip bombs), and openpyxl only parses with defusedxml installed (no entity tricks).
"""
from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.export.workbook_layout import (
    EXCEL_CELL_LIMIT,
    FIRST_DATA_ROW,
    FORMAT,
    KIND_CONDITIONS,
    KIND_FIELDS,
    KIND_INDICATORS,
    KIND_PROJECTS,
    META_SHEET,
    TOTAL_MARK,
    VALUE_FIELD,
)
from smartcity_desktop.i18n import tr
from smartcity_desktop.importsource import read_bounded
from smartcity_desktop.model import Dossier
from smartcity_desktop.model.dossier import new_project_id
from smartcity_desktop.model.fields import (
    CHOICE_LABELS,
    PROJECT_ID,
    FieldError,
    choice_label,
    parse_key,
    spec_for,
)
from smartcity_desktop.model.keys import field_key, name_of_key, project_key, project_owner, key_section

MAX_FILE = 30 * 1024 * 1024  # bytes on disk
MAX_MEMBERS = 2_000
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all members together
MAX_RATIO = 200  # uncompressed / compressed, checked for members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_PROBLEMS_SHOWN = 50
MAX_SHEET_ROWS = 10_000  # an exported sheet has a few hundred rows; far more is not our workbook
MAX_NEW_PROJECTS = 500  # a dossier has tens of projects, never thousands


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    cell: str
    reason: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}：{self.reason}"


class WorkbookRefused(DataProblem):
    """Cells that cannot be accepted, each with sheet, cell and reason; nothing was applied."""

    def __init__(self, problems: list[CellProblem]):
        self.problems = problems
        lines = [str(p) for p in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(tr("……另有 {n} 处问题", n=len(problems) - MAX_PROBLEMS_SHOWN))
        # One line (DESIGN.md: an error is one line; the CLI shows a newline as a visible \x0a escape)
        super().__init__(tr("工作簿中有 {n} 处无法导入，未导入任何内容：", n=len(problems)) + "；".join(lines))


def check_package(path: Path) -> bytes:
    """The workbook's bytes, read once from a regular file (not a FIFO, device or folder) and bounded, after
    refusing anything that is not a plausible, bounded .xlsx before an XML parser reads it. Everything later
    parses these bytes, never the path again (the file cannot be swapped between check and parse)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise FileProblem(tr("只能导入 .xlsx 工作簿：{name}", name=path.name))
    data = read_bounded(path, MAX_FILE, tr("工作簿太大（超过 {limit} MB）：{name}", limit=MAX_FILE // 2**20,
                                             name=path.name), FileProblem)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FileProblem(tr("{name} 不是有效的 Excel 工作簿（.xlsx）。", name=path.name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileProblem(tr("{name} 不是有效的 Excel 工作簿（.xlsx）。", name=path.name)) from None
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileProblem(tr("{name} 不是有效的 Excel 工作簿（.xlsx）。", name=path.name))
    if len(infos) > MAX_MEMBERS:
        raise FileProblem(tr("{name} 内部文件过多，拒绝读取。", name=path.name))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise FileProblem(tr("{name} 解压后异常庞大（疑似压缩炸弹），拒绝读取。", name=path.name))
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise FileProblem(tr("缺少安全解析组件 defusedxml，无法读取 Excel 文件。"))
    return data


def _load(data: bytes, name: str, data_only: bool = True) -> Any:
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on damaged files
        raise FileProblem(tr("{name} 无法作为 Excel 工作簿读取（{detail}）。", name=name,
                             detail=type(exc).__name__)) from None


def workbook_meta(data: bytes, name: str, max_col: int = 2) -> dict[str, list[Any]]:
    """The ``_meta`` rows of a workbook's bytes (as ``check_package`` returned them)."""
    wb = _load(data, name)
    try:
        return meta_rows(wb, max_col=max_col)
    finally:
        wb.close()


def _cell_name(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


def _raw(value: Any, kind: str) -> Any:
    """A cell value as the model's coerce() expects it (Excel turns typed text into numbers/dates)."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value if kind == "longtext" else value.strip()
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if kind in ("date", "text", "longtext") else value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float) and kind in ("text", "longtext", "date", "ids", "refs"):
        if math.isfinite(value) and value.is_integer():
            value = int(value)
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool) and kind in ("text", "longtext", "ids", "refs"):
        return str(value)
    if isinstance(value, bool) and kind in ("text", "longtext"):
        return str(value)
    return value


def _unchanged(key: str, new: Any, old: Any) -> bool:
    if new == old:
        return True
    if old is None and new is True and name_of_key(key) == "applicable":
        return True  # indicators are applicable unless said otherwise
    if isinstance(old, str) and isinstance(new, str) and len(old) > EXCEL_CELL_LIMIT:
        return new == old[:EXCEL_CELL_LIMIT].strip() or new == old[:EXCEL_CELL_LIMIT]
    return False


UNCOMPUTED = object()  # a formula cell without a cached result (written by a tool that never calculates)


def _merged_rows(values: Iterator[tuple[Any, ...]], cells: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """Cached values, with formulas that have no cached value marked UNCOMPUTED."""
    for vrow, crow in zip(values, cells):
        if any(getattr(c, "data_type", None) == "f" for c in crow):
            vrow = tuple(UNCOMPUTED if getattr(c, "data_type", None) == "f" and (i >= len(vrow) or vrow[i] is None)
                         else (vrow[i] if i < len(vrow) else None) for i, c in enumerate(crow))
        yield vrow


# Which keys each sheet kind may write (the hidden key column and row 1 are editable in Excel, so a
# workbook must not reach another section through them), and fields no workbook may write at all:
# attachment links change only by attaching or removing a file (an import once silently unlinked one).
SHEET_SECTIONS = {KIND_FIELDS: ("applicant", "profile", "safeguards"), KIND_CONDITIONS: ("conditions",),
                  KIND_INDICATORS: ("indicators",), KIND_PROJECTS: ("projects",)}
NEVER_IMPORTED = ("documents", "order")  # "order": new rows get theirs from the importer
# Keys of another section that a sheet kind also shows: condition 三's budget rows sit on 基本情况.
EXTRA_NAMES = {KIND_FIELDS: (("conditions", "budget"),)}


def _not_allowed(kind: str, key: str) -> str:
    """Why the sheet of ``kind`` may not write ``key`` ("" when it may; unknown keys are left to the
    field check, which names them)."""
    try:
        parsed = parse_key(key)
    except FieldError:
        return ""
    extra = (parsed.section, parsed.name) in EXTRA_NAMES.get(kind, ())
    if (parsed.section not in SHEET_SECTIONS.get(kind, ()) and not extra) or parsed.name in NEVER_IMPORTED:
        return tr("此工作表不能修改字段 {key}（隐藏的字段名被改动过？），未导入任何内容", key=_shown(key))
    return ""


def _shown(value: Any) -> str:
    """A cell's content as a message may quote it: printable, short."""
    text = str(value)
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:40]


class _Reader:
    def __init__(self, dossier: Dossier):
        self.dossier = dossier
        self.problems: list[CellProblem] = []
        self.values: dict[str, Any] = {}
        self.seen: dict[str, str] = {}
        self.new_projects = 0
        self.refused_columns: set[tuple[str, str]] = set()
        self.next_order = max((int(v) for k, v in dossier.values().items()
                               if key_section(k) == "projects" and name_of_key(k) == "order"), default=0) + 1

    def take(self, sheet: str, cell: str, key: str, raw: Any, kind: str = "", key_cell: str = "") -> None:
        """Check one cell for ``key``. ``kind`` (the sheet kind) limits which keys the sheet may write;
        ``key_cell`` names the hidden cell the key came from (column A of a #fields sheet)."""
        if kind:
            refusal = _not_allowed(kind, key)
            if refusal:
                where = key_cell or cell
                if (sheet, where) not in self.refused_columns:
                    self.refused_columns.add((sheet, where))
                    self.problems.append(CellProblem(sheet, where, refusal))
                return
        if key in self.seen:
            self.problems.append(CellProblem(sheet, cell, tr("与 {other} 重复（同一字段出现两次）", other=self.seen[key])))
            return
        self.seen[key] = f"{sheet}!{cell}"
        if raw is UNCOMPUTED:
            self.problems.append(CellProblem(sheet, cell, tr("单元格是公式但没有计算结果，请直接填写内容")))
            return
        if isinstance(raw, float) and not math.isfinite(raw):  # a numeric cell holding NaN/INF (hand-made XML)
            self.problems.append(CellProblem(sheet, cell, tr("单元格中的数值无效（{value}）", value=_shown(raw))))
            return
        spec = None
        try:
            spec = spec_for(parse_key(key))
            value = self.dossier.coerce(key, _raw(raw, spec.kind))
        except FieldError as exc:
            reason = exc.problem
            if spec is not None and spec.choice_group and spec.kind in ("enum", "bool"):
                labels = "、".join(choice_label(spec.choice_group, v) for v in CHOICE_LABELS[spec.choice_group])
                reason = tr("“{value}”不是可选值，请从下拉列表中选择：{labels}", value=str(raw)[:40], labels=labels)
            self.problems.append(CellProblem(sheet, cell, reason))
            return
        except (ValueError, TypeError, ArithmeticError):  # a cell value of a shape no field expects
            self.problems.append(CellProblem(sheet, cell, tr("无法识别单元格内容“{value}”", value=_shown(raw))))
            return
        if not _unchanged(key, value, self.dossier.get(key)):
            self.values[key] = value

    def sheet(self, ws: Any, wsf: Any) -> None:
        """``ws`` gives cached values, ``wsf`` the same sheet with formulas (to spot uncomputed ones)."""
        rows = self._guarded(ws.title, _merged_rows(ws.iter_rows(values_only=True), wsf.iter_rows()))
        first = next(rows, None)
        if not first or not isinstance(first[0], str):
            return
        kind = first[0].strip()
        if kind not in (KIND_FIELDS, KIND_CONDITIONS, KIND_INDICATORS, KIND_PROJECTS):
            return
        names = {i: str(v).strip() for i, v in enumerate(first) if i and isinstance(v, str) and v.strip()}
        title = ws.title
        for r, row in enumerate(rows, start=2):
            if r > MAX_SHEET_ROWS:
                raise DataProblem(tr("工作表“{sheet}”超过 {n} 行，不是本程序导出的自评表，拒绝导入。", sheet=title,
                                     n=MAX_SHEET_ROWS))
            if r < FIRST_DATA_ROW or not row:
                continue
            owner = row[0].strip() if isinstance(row[0], str) else ("" if row[0] is None else str(row[0]))
            if owner == TOTAL_MARK:
                continue
            cells = {i: (row[i] if i < len(row) else None) for i in names}
            if kind == KIND_FIELDS:
                if owner:
                    col = next((i for i, n in names.items() if n == VALUE_FIELD), None)
                    if col is not None:
                        self.take(title, _cell_name(r, col + 1), owner, cells[col], kind, _cell_name(r, 1))
                continue
            if kind == KIND_PROJECTS:
                project = self.project_owner(title, r, owner, cells)
                if project is None:
                    continue
                owner = project
            elif not owner:
                continue
            elif key_section(owner) != ("conditions" if kind == KIND_CONDITIONS else "indicators"):
                self.problems.append(CellProblem(title, _cell_name(r, 1), tr("隐藏列 A 的内容“{v}”无法识别",
                                                                               v=owner[:40])))
                continue
            for i, name in names.items():
                self.take(title, _cell_name(r, i + 1), field_key(owner, name), cells[i], kind, _cell_name(1, i + 1))

    def _guarded(self, title: str, rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
        """Rows until the parser meets a cell it cannot read (openpyxl raises e.g. ValueError for
        ``<v>NaN</v>`` in a numeric cell); that becomes a problem naming the row (``项目!7:7``)."""
        row = 0
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on hand-made XML
                cell = f"{row + 1}:{row + 1}"
                self.problems.append(CellProblem(title, cell, tr("这一行有无法读取的单元格（{detail}），请在 Excel 中重新填写",
                                                                 detail=_shown(exc))))
                return
            row += 1
            yield values

    def project_owner(self, title: str, r: int, owner: str, cells: dict[int, Any]) -> str | None:
        """``projects[id]`` for a row; a row without id but with content becomes a new project."""
        if owner:
            if not PROJECT_ID.match(owner):
                self.problems.append(CellProblem(title, _cell_name(r, 1), tr("项目编号“{v}”无效", v=owner[:40])))
                return None
            return project_owner(owner)
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            return None
        self.new_projects += 1
        if self.new_projects > MAX_NEW_PROJECTS:
            raise DataProblem(tr("工作表“{sheet}”新增了超过 {n} 个项目，拒绝导入（请检查是否误填）。", sheet=title,
                                 n=MAX_NEW_PROJECTS))
        pid = new_project_id()
        while project_key(pid, "order") in self.dossier:
            pid = new_project_id()
        self.values[project_key(pid, "order")] = self.next_order
        self.next_order += 1
        return project_owner(pid)


class ForeignWorkbook(FileProblem):
    """A workbook exported from another dossier (exit 2): its answers would replace this dossier's."""


def meta_rows(wb: Any, max_row: int = 20, max_col: int = 2) -> dict[str, list[Any]]:
    """The very hidden ``_meta`` sheet as name -> the cells after it ({} when there is none)."""
    if META_SHEET not in wb.sheetnames:
        return {}
    rows: dict[str, list[Any]] = {}
    for row in wb[META_SHEET].iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True):
        if row and isinstance(row[0], str):
            rows[row[0]] = list(row[1:])
    return rows


def _check_meta(wb: Any, dossier: Dossier, name: str, dossier_id: str | None = None,
                warnings: list[str] | None = None, package: bool = False) -> None:
    if META_SHEET not in wb.sheetnames:
        raise DataProblem(tr("{name} 不是本程序导出的自评表（缺少识别信息），无法按字段导入。", name=name))
    meta = {k: (v[0] if v else None) for k, v in meta_rows(wb).items()}
    if "package" in meta and not package:
        raise DataProblem(tr("{name} 是部门工作包（工作簿），请用“合并工作包”（命令 merge）合并，而不是导入。", name=name))
    if meta.get("format") != FORMAT:
        raise DataProblem(tr("{name} 的格式版本（{fmt}）不受支持。", name=name, fmt=meta.get("format") or "-"))
    scheme = meta.get("scheme")
    if isinstance(scheme, str) and scheme.split("@")[0] != dossier.scheme.id:
        raise DataProblem(tr("{name} 是按指标体系 {theirs} 导出的，与本卷宗的 {ours} 不同，不能导入。", name=name,
                             theirs=scheme, ours=dossier.scheme.key))
    if dossier_id is None:
        return
    theirs = meta.get("dossier")
    theirs = theirs.strip() if isinstance(theirs, str) else ""
    if theirs and theirs != dossier_id:
        raise ForeignWorkbook(tr("{name} 是从另一份卷宗（标识 {theirs}…）导出的自评表，不能导入到本卷宗（标识 {ours}…）；"
                                 "未导入任何内容。", name=name, theirs=_shown(theirs)[:8], ours=dossier_id[:8]))
    if not theirs and warnings is not None:
        warnings.append(tr("{name} 中没有卷宗标识（旧版本导出或被改动过），无法确认它来自本卷宗，请核对要导入的修改。",
                           name=name))


def read_workbook(path: Path, dossier: Dossier, content: bytes | None = None, *, dossier_id: str | None = None,
                  warnings: list[str] | None = None, package: bool = False) -> dict[str, Any]:
    """Field key -> new value for every cell that differs from ``dossier``; raises WorkbookRefused
    (a DataProblem) listing sheet!cell and reason for each cell it cannot accept. ``content``: the
    bytes ``check_package(path)`` returned, read before the dossier was opened (no lock held meanwhile).
    With ``dossier_id`` (the open dossier's), a workbook of another dossier is refused (ForeignWorkbook,
    exit 2) and one without an id imports with a line appended to ``warnings``."""
    path = Path(path)
    data = check_package(path) if content is None else content
    wb = _load(data, path.name)
    wbf = _load(data, path.name, data_only=False)
    try:
        _check_meta(wb, dossier, path.name, dossier_id, warnings, package)
        reader = _Reader(dossier)
        for ws, wsf in zip(wb.worksheets, wbf.worksheets):
            if ws.title != META_SHEET:
                reader.sheet(ws, wsf)
    finally:
        wb.close()
        wbf.close()
    if reader.problems:
        raise WorkbookRefused(reader.problems)
    return {k: reader.values[k] for k in dossier.ordered_keys(reader.values)}
