"""The field-key grammar of DESIGN.md ("Field keys"): the one place keys are built and parsed.

A key names one answer everywhere (JSON key, widget objectName, finding target, workbook anchor), so
its spelling lives here only: the builders below make every form, ``parse_key`` splits any of them.
The rest of the program asks these functions instead of writing ``f"projects[{pid}]..."`` by hand,
so a change to the grammar is a change to this module and its round-trip test. (The builders spell
their key out in one f-string each rather than calling one another: they run for every key of every
validation, and the test checks they agree.)
"""
from __future__ import annotations

import re
from typing import NamedTuple

from smartcity_desktop.errors import DataProblem
from smartcity_desktop.i18n import tr

BUDGET_CONDITION = "3"  # 已有明确的智慧城市建设资金筹措方案和保障渠道: its page holds the budget by year
SIMPLE_SECTIONS = ("applicant", "profile", "safeguards")  # ``<section>.<name>``
ITEM_SECTIONS = ("conditions", "indicators", "projects", "materials")  # ``<section>[<item>].<name>``

_SIMPLE = re.compile(r"^(applicant|profile|safeguards)\.([a-z_0-9]+)$")
_ITEM = re.compile(r"^(conditions|indicators|projects|materials)\[([0-9A-Za-z._-]{1,64})\]\.([a-z_]+)$")
_FUNDING = re.compile(r"^projects\[([0-9A-Za-z_-]{1,64})\]\.funding\[([a-z_]+)\]\.amount_wan$")
_METRIC = re.compile(r"^indicators\[([0-9.]{1,20})\]\.metrics\[([1-9][0-9]?)\]\.([a-z_]+)$")
_PLAN = re.compile(r"^projects\[([0-9A-Za-z_-]{1,64})\]\.investment_by_year\[(\d{4})\]\.amount_wan$")
_BUDGET = re.compile(r"^conditions\[([0-9A-Za-z._-]{1,64})\]\.budget\[(\d{4})\]\.amount_wan$")
PROJECT_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
_DISMISSED = re.compile(r"^analysis\.dismissed\[([0-9A-Za-z_-]{1,64})\]\.(reason)$")


class FieldError(DataProblem):
    """One value (or key) that cannot be accepted, with the key it was meant for."""

    def __init__(self, key: str, message: str):
        self.key = key
        self.problem = message
        super().__init__(tr("字段 {key}：{problem}", key=key, problem=message))


class ParsedKey(NamedTuple):
    """A field key split into its parts: ``section``, the item id (condition, indicator, project,
    material kind), the field name, the funding source or metric number (``source``), the metric's
    part, and the year of an annual-plan or budget key. (A named tuple: immutable, and cheap to make
    for every value a dossier holds when it is opened.)"""

    key: str
    section: str
    item: str
    name: str
    source: str = ""
    part: str = ""
    year: str = ""

    @property
    def owner(self) -> str:
        """The prefix that groups a page's fields: ``indicators[1.1.1]``, ``applicant``..."""
        return f"{self.section}[{self.item}]" if self.item else self.section


def parse_key(key: str) -> ParsedKey:
    """Split any key of the grammar; FieldError for anything else (the one parser). Only the patterns of
    the key's section are tried (it runs for every value of a dossier when the file is opened)."""
    if not isinstance(key, str):
        raise FieldError(str(key), tr("字段名必须是文本"))
    section = key_section(key)
    if section in SIMPLE_SECTIONS:
        m = _SIMPLE.match(key)
        if m:
            return ParsedKey(key, m.group(1), "", m.group(2))
    elif section == "indicators":
        m = _METRIC.match(key)
        if m:  # name "metrics", source = the metric's number, part = name|unit|baseline|target
            return ParsedKey(key, "indicators", m.group(1), "metrics", m.group(2), m.group(3))
    elif section == "projects":
        m = _FUNDING.match(key)
        if m:
            return ParsedKey(key, "projects", m.group(1), "funding", m.group(2))
        m = _PLAN.match(key)
        if m:
            return ParsedKey(key, "projects", m.group(1), "investment_by_year", year=m.group(2))
    elif section == "conditions":
        m = _BUDGET.match(key)
        if m:
            return ParsedKey(key, "conditions", m.group(1), "budget", year=m.group(2))
    elif section == "analysis":
        m = _DISMISSED.match(key)
        if m:
            return ParsedKey(key, "analysis", m.group(1), m.group(2))
    if section in ITEM_SECTIONS:
        m = _ITEM.match(key)
        if m:
            return ParsedKey(key, m.group(1), m.group(2), m.group(3))
    raise FieldError(key, tr("不是有效的字段名"))


# -- quick questions about a key (no full parse: they run over every key of a change) ----------------
def key_section(key: str) -> str:
    """``projects`` for ``projects[p1].name``, ``applicant`` for ``applicant.name`` (no validation)."""
    return key.partition(".")[0].partition("[")[0]


def plan_of_key(key: str) -> tuple[str, int] | None:
    """(project id, year) of an annual-plan key, None for any other key (one regex, no full parse)."""
    m = _PLAN.match(key)
    return (m.group(1), int(m.group(2))) if m else None


def project_id_of(key: str) -> str | None:
    """The project id of a ``projects[<id>]...`` key, None for any other key (the fast test the
    dossier runs over all its values)."""
    if not key.startswith("projects["):
        return None
    end = key.find("]", 9)
    return key[9:end] if end > 9 else None


def _owner_end(key: str) -> int:
    """Where the owner of a key ends: after ``]`` of an item key, before the ``.`` of a simple one."""
    bracket, dot = key.find("["), key.find(".")
    if bracket >= 0 and (dot < 0 or bracket < dot):
        close = key.find("]", bracket)
        return close + 1 if close > 0 else len(key)
    return dot if dot >= 0 else len(key)


def item_of_key(key: str) -> str:
    """The item id of an item key (``p1`` of ``projects[p1].name``), "" for a simple key."""
    bracket, dot = key.find("["), key.find(".")
    if bracket < 0 or 0 <= dot < bracket:
        return ""
    close = key.find("]", bracket)
    return key[bracket + 1:close] if close > 0 else ""


def name_of_key(key: str) -> str:
    """The field name after the owner: ``order`` of ``projects[p1].order``, ``funding`` of a funding
    key, ``metrics`` of a metric key, ``name`` of ``applicant.name`` (no validation)."""
    start = _owner_end(key) + 1
    end = len(key)
    for mark in ("[", "."):
        at = key.find(mark, start)
        if 0 <= at < end:
            end = at
    return key[start:end]


def owner_of_key(key: str) -> str:
    """``projects[p1]`` of ``projects[p1].funding[fiscal].amount_wan``; the section of a simple key."""
    return key[:_owner_end(key)]


# -- builders: owners (a page's or an item's prefix) -------------------------------------------------
def item_owner(section: str, item: str | int) -> str:
    """``conditions[1]``, ``indicators[1.1.1]``, ``projects[p1]``, ``materials[declaration]``."""
    return f"{section}[{item}]"


def condition_owner(cid: str | int) -> str:
    return f"conditions[{cid}]"


def indicator_owner(iid: str) -> str:
    return f"indicators[{iid}]"


def project_owner(pid: str) -> str:
    return f"projects[{pid}]"


def prefix_of(owner: str) -> str:
    """The prefix every key of ``owner`` starts with (``projects[p1].``)."""
    return f"{owner}."


# -- builders: whole keys ----------------------------------------------------------------------------
def field_key(owner: str, name: str) -> str:
    """The key of field ``name`` of ``owner`` (a section such as ``applicant`` or an item owner such
    as ``indicators[1.1.1]``)."""
    return f"{owner}.{name}"


def simple_key(section: str, name: str) -> str:
    """``applicant.name``, ``profile.gdp``, ``safeguards.policy``."""
    return f"{section}.{name}"


def applicant_key(name: str) -> str:
    return f"applicant.{name}"


def profile_key(name: str) -> str:
    return f"profile.{name}"


def safeguard_key(name: str) -> str:
    return f"safeguards.{name}"


def condition_key(cid: str | int, name: str) -> str:
    """``conditions[<id>].status|evidence|documents``."""
    return f"conditions[{cid}].{name}"


def indicator_key(iid: str, name: str) -> str:
    """``indicators[<id>].<name>``; ``name`` may be a relative name such as ``metric_name(1, "target")``."""
    return f"indicators[{iid}].{name}"


def project_key(pid: str, name: str) -> str:
    """``projects[<id>].<name>``; ``name`` may be ``funding_name(...)`` or ``plan_name(...)``."""
    return f"projects[{pid}].{name}"


def material_key(kind: str, name: str = "documents") -> str:
    """``materials[<kind>].documents|pages``."""
    return f"materials[{kind}].{name}"


def funding_name(source: str) -> str:
    """The part of a funding key after the project: ``funding[fiscal].amount_wan`` (a table column)."""
    return f"funding[{source}].amount_wan"


def plan_name(year: str | int) -> str:
    """The part of an annual-plan key after the project: ``investment_by_year[2015].amount_wan``."""
    return f"investment_by_year[{year}].amount_wan"


def metric_item(n: str | int) -> str:
    """``metrics[<n>]``: one quantified target of an indicator (a finding about the whole row)."""
    return f"metrics[{n}]"


def metric_name(n: str | int, part: str) -> str:
    """The part of a metric key after the indicator: ``metrics[1].target``."""
    return f"{metric_item(n)}.{part}"


def funding_key(pid: str, source: str) -> str:
    """``projects[<id>].funding[<source>].amount_wan``."""
    return f"projects[{pid}].funding[{source}].amount_wan"


def plan_key(pid: str, year: str | int) -> str:
    """``projects[<id>].investment_by_year[<year>].amount_wan``."""
    return f"projects[{pid}].investment_by_year[{year}].amount_wan"


def metric_key(iid: str, n: str | int, part: str) -> str:
    """``indicators[<id>].metrics[<n>].name|unit|baseline|target``."""
    return f"indicators[{iid}].metrics[{n}].{part}"


def budget_key(year: str | int, cid: str = BUDGET_CONDITION) -> str:
    """``conditions[3].budget[<year>].amount_wan``."""
    return f"conditions[{cid}].budget[{year}].amount_wan"


def dismissed_key(finding_id: str) -> str:
    """``analysis.dismissed[<finding id>].reason``."""
    return f"analysis.dismissed[{finding_id}].reason"


def parse_project_name(name: str) -> ParsedKey:
    """Parse the part of a project key after the project (a table column such as
    ``funding[fiscal].amount_wan`` or ``investment_by_year[2015].amount_wan``)."""
    return parse_key(project_key("_", name))


def budget_prefix(cid: str = BUDGET_CONDITION) -> str:
    """What every budget key of the condition starts with."""
    return condition_key(cid, "budget[")


def metrics_prefix(iid: str) -> str:
    """What every metric key of the indicator starts with."""
    return indicator_key(iid, "metrics[")
