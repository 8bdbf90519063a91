"""A validation finding: how bad, which field, what to do — and which section it belongs to."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from smartcity_desktop.i18n import tr
from smartcity_desktop.model import parse_key
from smartcity_desktop.scheme import Scheme

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_RANK = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass(frozen=True)
class Finding:
    severity: str
    key: str
    message: str
    rule: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def section_of(key: str, scheme: Scheme) -> tuple[str, str]:
    """(section id, translated label) used to group findings: the wizard's outline sections."""
    try:
        parsed = parse_key(key)
    except Exception:  # noqa: BLE001 - an unparsable key still needs a group
        return "other", tr("其他")
    if parsed.section in ("applicant", "profile"):
        return "applicant", tr("申报单位与基本情况")
    if parsed.section == "conditions":
        return "conditions", tr("申报条件")
    if parsed.section == "indicators" and scheme.has_indicator(parsed.item):
        level1 = scheme.level1_of(parsed.item)
        return f"level1:{level1.id}", tr("指标：{name}", name=level1.label)
    if parsed.section == "projects":
        return "projects", tr("项目与投资")
    if parsed.section == "safeguards":
        return "safeguards", tr("保障措施")
    return "other", tr("其他")


@dataclass(frozen=True)
class Summary:
    errors: int
    warnings: int
    infos: int

    @property
    def ready(self) -> bool:
        return self.errors == 0

    def text(self) -> str:
        verdict = tr("可以提交") if self.ready else tr("尚不能提交")
        return tr("{errors} 个错误，{warnings} 个警告 — {verdict}", errors=self.errors, warnings=self.warnings,
                  verdict=verdict)


def summarize(findings: list[Finding]) -> Summary:
    return Summary(sum(f.severity == ERROR for f in findings), sum(f.severity == WARNING for f in findings),
                   sum(f.severity == INFO for f in findings))
