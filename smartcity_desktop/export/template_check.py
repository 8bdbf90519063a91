"""Check a declaration template before it is used: placeholders that are not field keys, unknown
variables, required content that is missing, syntax errors, and a trial rendering.

So a province can adapt the Word template (``smartcity-desktop check-template FILE.docx``) and see
at once what the program will not be able to fill.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError, meta, nodes

from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.i18n import tr
from smartcity_desktop.model.fields import FieldError

# What the template context offers (export/context.py ExportData.context()).
CONTEXT_NAMES = frozenset({"f", "lines", "title", "level_label", "today", "facts", "conditions", "groups",
                           "overview", "projects", "project_total", "metrics", "overview_groups",
                           "creation_period", "city_opinion", "by_area", "by_year", "by_source",
                           "attachments"})
DERIVED_KEYS = frozenset({"profile.urbanisation_rate"})
REQUIRED_KEYS = ("applicant.name", "applicant.unit", "applicant.leader", "applicant.contact_name",
                 "applicant.contact_phone", "applicant.declaration_date")
# each entry: any one of these names must be used
REQUIRED_NAMES: tuple[tuple[str, ...], ...] = (("conditions",), ("groups", "overview"), ("projects",))


@dataclass
class TemplateReport:
    path: Path
    unknown_keys: list[str] = field(default_factory=list)
    unknown_names: list[str] = field(default_factory=list)
    missing_keys: list[str] = field(default_factory=list)
    missing_names: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.unknown_keys or self.unknown_names or self.missing_keys or self.missing_names
                    or self.problems)

    def text(self) -> str:
        lines = [tr("模板：{name}（引用 {n} 个字段）", name=self.path.name, n=len(self.keys))]
        if self.unknown_keys:
            lines.append(tr("不是字段名的占位符：{items}", items="、".join(self.unknown_keys)))
        if self.unknown_names:
            lines.append(tr("未知的变量：{items}", items="、".join(self.unknown_names)))
        if self.missing_keys:
            lines.append(tr("缺少必需的字段：{items}", items="、".join(self.missing_keys)))
        if self.missing_names:
            lines.append(tr("缺少必需的内容：{items}", items="、".join(self.missing_names)))
        lines += self.problems
        lines.append(tr("检查通过，可以使用。") if self.ok else tr("请修改模板后再检查。"))
        return "\n".join(lines)


def _template_source(path: Path) -> str:
    """The template's body, headers and footers as docxtpl prepares them for Jinja."""
    from docx.oxml import parse_xml

    from smartcity_desktop.export.docx_export import load_template

    tpl = load_template(path)
    tpl.init_docx()
    xml = tpl.patch_xml(tpl.get_xml())
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _rel, part in tpl.get_headers_footers(uri):
            xml += tpl.patch_xml(tpl.xml_to_string(parse_xml(part.blob)))
    return xml


def _is_key(key: str, dossier: object) -> bool:
    if key in DERIVED_KEYS:
        return True
    try:
        dossier.spec(key)  # type: ignore[attr-defined]
    except FieldError:
        return False
    return True


def check_template(path: Path) -> TemplateReport:
    from smartcity_desktop.export.docx_export import jinja_env
    from smartcity_desktop.model import Dossier
    from smartcity_desktop.scheme import default_scheme

    path = Path(path)
    report = TemplateReport(path)
    try:
        source = _template_source(path)
    except SmartcityError as exc:
        report.problems.append(str(exc))
        return report
    env = jinja_env()
    try:
        ast = env.parse(source)
    except TemplateError as exc:
        report.problems.append(tr("模板语法错误：{detail}", detail=getattr(exc, "message", None) or str(exc)))
        return report

    keys: list[str] = []
    attrs: set[str] = set()
    for node in ast.find_all((nodes.Getitem, nodes.Call, nodes.Getattr)):
        if isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Name) and node.node.name == "f" \
                and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            keys.append(node.arg.value)
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "lines" \
                and node.args and isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
            keys.append(node.args[0].value)
        elif isinstance(node, nodes.Getattr):
            attrs.add(node.attr)
    dossier = Dossier(default_scheme())
    report.keys = sorted(set(keys))
    report.unknown_keys = [k for k in report.keys if not _is_key(k, dossier)]
    used = meta.find_undeclared_variables(ast)
    report.unknown_names = sorted(used - CONTEXT_NAMES)
    report.missing_keys = [k for k in REQUIRED_KEYS if k not in report.keys]
    report.missing_names = [" / ".join(group) for group in REQUIRED_NAMES if not used.intersection(group)]
    if "explanation" in attrs and "note" not in attrs:
        report.problems.append(tr("模板显示了指标说明（explanation），但没有显示其来源说明（note）：摘要性说明必须注明来源。"))
    if not report.problems:
        _trial_render(path, report)
    return report


def _trial_render(path: Path, report: TemplateReport) -> None:
    """Render with an empty dossier: catches errors only visible at run time (sandbox, filters)."""
    from smartcity_desktop.export.context import build_export_data
    from smartcity_desktop.export.docx_export import render_docx
    from smartcity_desktop.model import Dossier
    from smartcity_desktop.scheme import default_scheme

    try:
        render_docx(build_export_data(Dossier(default_scheme())), path)
    except SmartcityError as exc:
        report.problems.append(str(exc))
    except Exception as exc:  # noqa: BLE001 - a template can fail in many ways; the report says so instead of crashing
        report.problems.append(tr("试生成失败：{detail}", detail=f"{type(exc).__name__}: {str(exc)[:200]}"))
