"""Keys and values in people's words: ``describe(key)`` and ``display(value)``, once.

Every screen, export and message that names a field or shows a stored value asks these, so the
versions dialog, the import preview, the tables' messages and the 申报书 say the same thing:
``3.3.4 智慧国土 · 创建目标``, ``项目 智慧停车 · 总投资（万元）``, ``1,234.5``, ``适用``, ``2015年12月``.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from smartcity_desktop.i18n import tr
from smartcity_desktop.model.fields import FieldSpec, choice_label, spec_for
from smartcity_desktop.model.investment import format_wan
from smartcity_desktop.model.keys import FieldError, ParsedKey, parse_key, project_key
from smartcity_desktop.model.materials import material_label
from smartcity_desktop.scheme import Scheme


class _Values(Protocol):
    """What ``describe`` reads: a dossier (its scheme and values) — or a session's view of one."""

    scheme: Scheme

    def get(self, key: str, default: Any = None) -> Any: ...


def field_label(parsed: ParsedKey, spec: FieldSpec | None = None) -> str:
    """The field's own label, with the funding source, metric number and unit where the key has them:
    ``创建目标``, ``财政资金 金额（万元）``, ``第 2 项 目标值``, ``2015年计划投资（万元）``."""
    spec = spec or spec_for(parsed)
    label = spec.label_text
    if parsed.name == "funding":
        label = f"{choice_label('funding', parsed.source)} {label}"
    elif parsed.name == "metrics":
        label = tr("第 {n} 项{label}", n=parsed.source, label=label)
    if spec.unit:
        label = tr("{label}（{unit}）", label=label, unit=spec.unit_text)
    return label


def describe(dossier: _Values, key: str, pending: Mapping[str, Any] | None = None) -> str:
    """A field key as people name it, in the current language. ``pending`` values (an import being
    previewed) name projects that do not exist yet. A key that is not a field is returned as it is."""
    try:
        parsed = parse_key(key)
        label = field_label(parsed)
    except FieldError:
        return key
    if parsed.section == "conditions":
        return tr("申报条件 {n} · {label}", n=parsed.item, label=label)
    if parsed.section == "indicators":
        scheme = dossier.scheme
        name = scheme.indicator(parsed.item).label if scheme.has_indicator(parsed.item) else ""
        return f"{parsed.item} {name} · {label}" if name else f"{parsed.item} · {label}"
    if parsed.section == "projects":
        name_key = project_key(parsed.item, "name")
        name = (pending or {}).get(name_key) or dossier.get(name_key) or parsed.item
        return tr("项目 {name} · {label}", name=name, label=label)
    if parsed.section == "materials":
        return f"{material_label(parsed.item)} · {label}"
    return label


def fmt_date(value: str | None) -> str:
    """``2015-12`` -> 2015年12月, ``2013-01-15`` -> 2013年1月15日 (official documents spell dates out)."""
    if not value:
        return ""
    parts = value.split("-")
    out = f"{parts[0]}年"
    if len(parts) > 1:
        out += f"{int(parts[1])}月"
    if len(parts) > 2:
        out += f"{int(parts[2])}日"
    return out


def display(spec: FieldSpec, value: Any) -> str:
    """A stored value as people read it: choices and yes/no by their label, amounts and counts with
    thousands separators and at most two decimals, dates spelled out, lists joined with 、.
    (An editor's starting text is another thing: it must be typed back, see the ui's ``edit_text``.)"""
    if value is None:
        return ""
    kind = spec.kind
    if kind == "enum":
        return choice_label(spec.choice_group, value)
    if kind == "bool":
        return choice_label("bool", "true" if value else "false")
    if kind == "date":
        return fmt_date(value)
    if kind in ("number", "int") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_wan(value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def display_key(key: str, value: Any) -> str:
    """``display`` for the field named by ``key`` (raw text for a key that is not a field)."""
    try:
        spec = spec_for(parse_key(key))
    except FieldError:
        return "" if value is None else str(value)
    return display(spec, value)
