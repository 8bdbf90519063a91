"""申报书.docx: the Word template (resources/templates/) rendered with docxtpl.

Layout lives in the template, not here, so staff can restyle it in Word or drop in their province's
layout. Rendering is sandboxed (a user-supplied template cannot reach Python objects) and autoescaped
(``A&B <公司>`` must not break the XML). After rendering, tables whose alt-text description reads
``smartcity:merge=1,2`` get equal neighbouring cells of those columns merged vertically.
"""
from __future__ import annotations

import hashlib
import io
import marshal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docxtpl
import jinja2

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from smartcity_desktop.atomic import replacing
from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.export.context import ExportData
from smartcity_desktop.export.fastzip import fast_zip
from smartcity_desktop.export.official_style import mark_draft, set_properties
from smartcity_desktop.i18n import tr
from smartcity_desktop.paths import user_data_dir
from smartcity_desktop.resources import resource_path

TEMPLATE_NAME = "申报书模板.docx"
MERGE_MARK = "smartcity:merge="


def default_template() -> Path:
    """The user's own template (``<data dir>/templates/申报书模板.docx``) wins over the shipped one, so an
    office can adapt the layout without write access to the program folder."""
    own = user_data_dir() / "templates" / TEMPLATE_NAME
    return own if own.is_file() else resource_path("templates", TEMPLATE_NAME)


_CACHE_TAG = f"{sys.version_info[0]}{sys.version_info[1]}-jinja{jinja2.__version__}-docxtpl{docxtpl.__version__}"
_memory: dict[tuple[str, str], Any] = {}


def _cache_dir() -> Path:
    return user_data_dir() / "cache" / "templates"


def _cached(kind: str, source: str, produce: Callable[[], Any], dump: Callable[[Any], bytes],
            load: Callable[[bytes], Any]) -> Any:
    """Memoise template preparation (docxtpl's tag patching, Jinja compilation) in memory and on disk.

    Both depend only on the template text, and they are most of an export's time; the cache key is a
    hash of that text plus the library versions, so an edited template is simply prepared again."""
    digest = hashlib.sha256(f"{_CACHE_TAG}\0{kind}\0{source}".encode()).hexdigest()
    hit = _memory.get((kind, digest))
    if hit is not None:
        return hit
    path = _cache_dir() / f"{digest[:32]}.{kind}"
    value = None
    try:
        value = load(path.read_bytes())
    except Exception:  # noqa: BLE001 - missing, unreadable or from another build: prepare it again
        value = None
    if value is None:
        value = produce()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with replacing(path) as tmp:
                tmp.write_bytes(dump(value))
        except OSError:
            pass  # a read-only profile only loses the speed-up
    if len(_memory) > 64:
        _memory.clear()
    _memory[(kind, digest)] = value
    return value


class TemplateEnvironment(SandboxedEnvironment):
    """Sandboxed and autoescaped; compiled templates are cached (see ``_cached``)."""

    def __init__(self) -> None:
        super().__init__(autoescape=True)

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:  # noqa: A002
        if not isinstance(source, str) or globals or template_class:
            return super().from_string(source, globals, template_class)
        kind = f"jinja-{type(self).__name__}-{int(bool(self.autoescape))}"  # the code depends on the settings
        code = _cached(kind, source, lambda: self.compile(source), marshal.dumps, marshal.loads)
        return self.template_class.from_code(self, code, self.make_globals(None), None)


class FastTemplate(DocxTemplate):
    """docxtpl with its template-only preparation cached, and no line-break pass when none is needed."""

    def patch_xml(self, src_xml: str) -> str:
        return _cached("patched", src_xml, lambda: DocxTemplate.patch_xml(self, src_xml),
                       lambda v: v.encode("utf-8"), lambda b: b.decode("utf-8"))

    def resolve_listing(self, xml: str) -> str:
        # Our context splits long texts into paragraphs; only a raw f['…'] value may hold these.
        if not any(ch in xml for ch in "\n\t\a\f"):
            return xml
        return super().resolve_listing(xml)


def jinja_env() -> SandboxedEnvironment:
    from smartcity_desktop.export.template_limits import BoundedEnvironment

    return BoundedEnvironment()  # a user's template may loop or grow without end: time and memory bounds


def load_template(path: Path) -> DocxTemplate:
    from smartcity_desktop.export.template_limits import check_template_file

    check_template_file(Path(path))  # size, member count, zip ratio before any parser reads it
    try:
        tpl = FastTemplate(str(path))
        tpl.init_docx()
        return tpl
    except FileNotFoundError:
        raise FileProblem(tr("找不到申报书模板：{path}", path=path)) from None
    except Exception as exc:  # noqa: BLE001 - a zip that is not a Word document, a damaged file...
        raise FileProblem(tr("申报书模板不是有效的 Word 文件：{path}（{detail}）", path=path,
                             detail=type(exc).__name__)) from None


def render_docx(data: ExportData, template: Path | None = None, *, author: str = "", draft: str = "") -> bytes:
    """The rendered declaration as .docx bytes: document properties name the applicant's declaration
    and ``author``; a non-empty ``draft`` (e.g. "草稿：尚有 3 处错误") is printed on every page."""
    path = template or default_template()
    tpl = load_template(path)
    try:
        tpl.render(data.context(), jinja_env=jinja_env(), autoescape=True)
    except TemplateError as exc:
        raise DataProblem(tr("申报书模板 {name} 有错误：{detail}（可用 check-template 检查）", name=path.name,
                             detail=str(exc)[:200])) from None
    merge_marked_tables(tpl.docx.element.body)
    name = data.fields["applicant.name"]
    set_properties(tpl.docx, f"{name}国家智慧城市试点申报书" if name else "国家智慧城市试点申报书", author,
                   subject="国家智慧城市试点申报书")
    if draft:
        mark_draft(tpl.docx, draft)
    out = io.BytesIO()
    with fast_zip():
        tpl.save(out)
    return out.getvalue()


def _text(tc: BaseOxmlElement) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def merge_marked_tables(body: BaseOxmlElement) -> None:
    for tbl in body.iter(qn("w:tbl")):
        desc = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblDescription')}")
        if desc is None or not (desc.get(qn("w:val")) or "").startswith(MERGE_MARK):
            continue
        cols = sorted({int(c) - 1 for c in desc.get(qn("w:val"))[len(MERGE_MARK):].split(",") if c.strip().isdigit()
                       and int(c) > 0})
        rows = [tr for tr in tbl.findall(qn("w:tr")) if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None]
        merge_rows(rows, cols)
        desc.getparent().remove(desc)  # a rendering instruction, not content (and unknown to Word 2007)


def merge_rows(rows: list[BaseOxmlElement], cols: list[int]) -> None:
    """Merge vertically runs of equal cells; a later column merges only inside its left neighbour's run."""
    grid = [tr.findall(qn("w:tc")) for tr in rows]
    texts = [[_text(tc) for tc in cells] if cols and len(cells) > max(cols) else None for cells in grid]
    for n, col in enumerate(cols):
        keys = [tuple(row[c] for c in cols[:n + 1]) if row is not None else None for row in texts]
        start = 0
        for i in range(1, len(grid) + 1):
            if i < len(grid) and keys[i] is not None and keys[i] == keys[start]:
                continue
            if i - start > 1:
                first = grid[start][col]
                first.vMerge = "restart"
                first.get_or_add_tcPr().vAlign_val = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                for tr_el in rows[start:i - 1]:  # a merged group stays on one page (readable)
                    for p in tr_el.iter(qn("w:p")):
                        ppr = p.get_or_add_pPr()
                        if ppr.find(qn("w:keepNext")) is None:
                            ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, OxmlElement("w:keepNext"))
                for cells in grid[start + 1:i]:
                    tc = cells[col]
                    tc.vMerge = "continue"
                    for p in tc.findall(qn("w:p"))[1:]:
                        tc.remove(p)
                    for r in tc.findall(f"{qn('w:p')}/{qn('w:r')}"):
                        r.getparent().remove(r)
            start = i
