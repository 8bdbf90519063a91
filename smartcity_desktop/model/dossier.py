"""The dossier: every answer of one application, addressable by field key, with typed views.

Values live in one flat ``key -> value`` mapping, the same shape the project file stores and the
JSON import/dump use; the views (``indicator()``, ``projects()``...) give validation and export a
readable structure without a second copy of the data that could drift.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from smartcity_desktop.errors import DataProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.model.fields import (
    APPLICANT_FIELDS,
    CONDITION_FIELDS,
    FUNDING_SOURCES,
    INDICATOR_FIELDS,
    METRIC_FIELDS,
    PROFILE_FIELDS,
    PROJECT_FIELDS,
    SAFEGUARD_FIELDS,
    FieldError,
    FieldSpec,
    ParsedKey,
    check_stored,
    coerce,
    parse_key,
    spec_for,
)
from smartcity_desktop.model.keys import (
    applicant_key,
    budget_prefix,
    condition_key,
    condition_owner,
    indicator_key,
    indicator_owner,
    key_section,
    metrics_prefix,
    name_of_key,
    plan_of_key,
    prefix_of,
    profile_key,
    project_id_of,
    project_key,
    project_owner,
    safeguard_key,
)
from smartcity_desktop.scheme import Scheme


class ImportRefused(DataProblem):
    """Several values could not be accepted; nothing was applied."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        first = errors[0].args[0] if errors else ""
        more = tr("（另有 {n} 处问题）", n=len(errors) - 1) if len(errors) > 1 else ""
        super().__init__(tr("未导入任何内容：{first}{more}", first=first, more=more))


@dataclass
class Funding:
    """A project's money by source (万元), read from its ``funding[<source>].amount_wan`` keys."""

    fiscal: float = 0
    bank_loan: float = 0
    social_capital: float = 0
    other: float = 0

    @property
    def total(self) -> float:
        return self.fiscal + self.bank_loan + self.social_capital + self.other

    def get(self, source: str) -> float:
        return float(getattr(self, source))


@dataclass
class Project:
    """A typed view of one project's answers (``projects[<id>].*``), built by ``Dossier.projects``."""

    id: str
    order: int
    name: str | None = None
    content: str | None = None
    indicators: list[str] = field(default_factory=list)
    lead_unit: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    investment_wan: float | None = None
    funding: Funding = field(default_factory=Funding)
    funding_given: bool = False
    owner: str | None = None
    nature: str | None = None
    financing_mode: str | None = None
    funding_status: str | None = None
    preparation: str | None = None
    om_funding: str | None = None
    repayment_source: str | None = None
    plan: dict[int, float] = field(default_factory=dict)  # the DECLARED annual plan (year -> 万元), sorted

    @property
    def plan_total(self) -> float:
        return float(sum(self.plan.values()))

    def key(self, name: str) -> str:
        return project_key(self.id, name)


@dataclass
class IndicatorAnswer:
    """A typed view of one indicator's answers (``indicators[<id>].*``)."""

    id: str
    applicable: bool = True
    not_applicable_reason: str | None = None
    current_state: str | None = None
    target: str | None = None
    measures: str | None = None
    lead_unit: str | None = None
    deadline: str | None = None
    readiness: str | None = None
    projects: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


@dataclass
class Metric:
    """One quantified target of an indicator (``indicators[<id>].metrics[<n>].*``), values as text."""

    n: int
    name: str | None = None
    unit: str | None = None
    baseline: str | None = None
    target: str | None = None


@dataclass
class ConditionAnswer:
    """A typed view of one condition's answers (``conditions[<id>].*``)."""

    id: str
    status: str | None = None
    evidence: str | None = None
    documents: list[str] = field(default_factory=list)


def new_project_id() -> str:
    """Stable, unique across copies of a dossier (so merged departmental copies never collide)."""
    import secrets  # here, not at start: secrets imports hmac, which loads OpenSSL (~3-4 ms)

    return "p" + secrets.token_hex(5)


class Dossier:
    """All answers of one application plus the scheme they answer."""

    attachment_ids: frozenset[str] | None = None  # set by the store (validate checks links); None = unknown
    conflict_keys: frozenset[str] = frozenset()  # set by the store: keys with an unresolved merge conflict

    def __init__(self, scheme: Scheme, values: Mapping[str, Any] | None = None):
        self.scheme = scheme
        self._values: dict[str, Any] = {}
        self._projects_cache: list[Project] | None = None
        if values:
            for key, value in values.items():
                if value is not None:
                    self._values[key] = value

    # -- single values -------------------------------------------------------------------------
    def spec(self, key: str) -> tuple[ParsedKey, FieldSpec]:
        parsed = parse_key(key)
        if parsed.section == "conditions" and not self.scheme.has_condition(parsed.item):
            raise FieldError(key, tr("指标体系中没有申报条件 {item}", item=parsed.item))
        if parsed.section == "indicators" and not self.scheme.has_indicator(parsed.item):
            raise FieldError(key, tr("指标体系中没有三级指标 {item}", item=parsed.item))
        return parsed, spec_for(parsed)

    def coerce(self, key: str, value: Any) -> Any:
        parsed, spec = self.spec(key)
        value = coerce(key, spec, value)
        if value is not None and spec.kind == "ids":
            unknown = [v for v in value if not self.scheme.has_indicator(v)]
            if unknown:
                raise FieldError(key, tr("指标体系中没有指标 {ids}", ids="、".join(unknown[:5])))
        return value

    def check_stored(self, key: str, value: Any) -> None:
        """Check a value read from a file (FieldError if it fails its field's kind, or names an
        indicator or condition the scheme does not have): a file may be crafted."""
        _parsed, spec = self.spec(key)
        check_stored(key, spec, value)
        if spec.kind == "ids":
            unknown = [v for v in value if not self.scheme.has_indicator(v)]
            if unknown:
                raise FieldError(key, tr("指标体系中没有指标 {ids}", ids="、".join(unknown[:5])))

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def set(self, key: str, value: Any) -> Any:
        """Check, normalise and store one value; return what was stored (None = cleared). For a dossier on its
        own (tests, checks); an open file's dossier is written through its ``Document`` (model/document.py)."""
        value = self.coerce(key, value)
        self.put_checked({key: value})
        return value

    def put_checked(self, values: Mapping[str, Any]) -> None:
        """Store values that ``coerce`` already produced (None = clear), without checking them again: the
        document's ``apply`` is the caller for an open file, so nothing is parsed twice."""
        self._projects_cache = None
        for key, value in values.items():
            if value is None:
                self._values.pop(key, None)
            else:
                self._values[key] = value

    def check_many(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Normalise a batch or raise ImportRefused listing every bad value (nothing is changed)."""
        errors: list[FieldError] = []
        out: dict[str, Any] = {}
        for key, value in values.items():
            try:
                out[key] = self.coerce(key, value)
            except FieldError as exc:
                errors.append(exc)
        if errors:
            raise ImportRefused(errors)
        return out

    def set_many(self, values: Mapping[str, Any]) -> dict[str, Any]:
        checked = self.check_many(values)
        self.put_checked(checked)
        return checked

    def values(self) -> dict[str, Any]:
        """A copy of every stored value, in the dossier's reading order."""
        return {key: self._values[key] for key in self.ordered_keys(self._values)}

    def snapshot(self) -> Dossier:
        """An independent copy (values are replaced, never mutated in place, so a shallow copy is
        enough): lets the GUI validate in a background thread while the user keeps typing."""
        copy = Dossier(self.scheme, self._values)
        copy.conflict_keys = self.conflict_keys
        return copy

    def __contains__(self, key: str) -> bool:
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)

    def keys_with_prefix(self, prefix: str) -> list[str]:
        return [k for k in self._values if k.startswith(prefix)]

    # -- ordering ------------------------------------------------------------------------------
    def field_order(self) -> list[str]:
        """Every key the scheme asks for (without projects), in reading order."""
        keys = [applicant_key(n) for n in APPLICANT_FIELDS] + [profile_key(n) for n in PROFILE_FIELDS]
        for cond in self.scheme.conditions:
            keys += [condition_key(cond.id, n) for n in CONDITION_FIELDS]
        for ind in self.scheme.indicators:
            keys += [indicator_key(ind.id, n) for n in INDICATOR_FIELDS if n in self.scheme.indicator_fields]
        keys += [safeguard_key(n) for n in SAFEGUARD_FIELDS]
        return keys

    def ordered_keys(self, keys: Iterable[str]) -> list[str]:
        rank = {k: i for i, k in enumerate(self.field_order())}
        project_rank = {p: i for i, p in enumerate(self.project_ids())}
        field_rank = {n: i for i, n in enumerate(PROJECT_FIELDS)}
        source_rank = {s: i for i, s in enumerate(FUNDING_SOURCES)}
        part_rank = {n: i for i, n in enumerate(METRIC_FIELDS)}

        def sort_key(key: str) -> tuple[int, int, int, int, str]:
            if key in rank:
                return (0, rank[key], 0, 0, key)
            try:
                parsed = parse_key(key)
            except FieldError:
                return (2, 0, 0, 0, key)
            if parsed.section == "indicators" and parsed.name == "metrics":
                anchor = rank.get(indicator_key(parsed.item, "target"))
                if anchor is not None:
                    return (0, anchor, int(parsed.source), part_rank.get(parsed.part, 9), key)
            if parsed.section == "projects":
                return (1, project_rank.get(parsed.item, 10**6), field_rank.get(parsed.name, 99),
                        source_rank.get(parsed.source, 0), key)
            return (2, 0, 0, 0, key)

        return sorted(keys, key=sort_key)

    # -- projects ------------------------------------------------------------------------------
    def project_ids(self) -> list[str]:
        ids: dict[str, int] = {}
        for key in self._values:
            pid = project_id_of(key)
            if pid is not None:
                ids.setdefault(pid, 10**9)
                if key == project_key(pid, "order"):
                    ids[pid] = int(self._values[key])
        return sorted(ids, key=lambda p: (ids[p], p))

    def new_project_values(self, name: str = "") -> tuple[str, dict[str, Any]]:
        """The values that create a project (id and order); the caller applies them, so undo works."""
        pid = new_project_id()
        while project_key(pid, "order") in self._values:
            pid = new_project_id()
        order = max((int(v) for k, v in self._values.items()
                     if key_section(k) == "projects" and name_of_key(k) == "order"), default=0) + 1
        values: dict[str, Any] = {project_key(pid, "order"): order}
        if name:
            values[project_key(pid, "name")] = name
        return pid, values

    def project_removal(self, pid: str) -> dict[str, Any]:
        """The values that delete a project: all its keys cleared, and links to it removed."""
        values: dict[str, Any] = {k: None for k in self.keys_with_prefix(prefix_of(project_owner(pid)))}
        for key, value in self._values.items():
            if key_section(key) == "indicators" and name_of_key(key) == "projects" and pid in value:
                remaining = [p for p in value if p != pid]
                values[key] = remaining or None
        return values

    def _plans(self, pid: str | None = None) -> dict[str, dict[int, float]]:
        """Declared annual plans by project id, in ONE pass over the values (``projects()`` would
        otherwise scan every value once per project)."""
        plans: dict[str, dict[int, float]] = {}
        for key, value in self._values.items():
            plan = plan_of_key(key) if "].investment_by_year[" in key else None  # most keys: the cheap test
            if plan is not None and (pid is None or plan[0] == pid):
                plans.setdefault(plan[0], {})[plan[1]] = float(value)
        return plans

    def project(self, pid: str, plans: dict[str, dict[int, float]] | None = None) -> Project:
        prefix = prefix_of(project_owner(pid))
        p = Project(id=pid, order=int(self._values.get(prefix + "order", 0)))
        for name in ("name", "content", "lead_unit", "start_year", "end_year", "investment_wan", "owner", "nature",
                     "financing_mode", "funding_status", "preparation", "om_funding", "repayment_source"):
            setattr(p, name, self._values.get(prefix + name))
        plan = (self._plans(pid) if plans is None else plans).get(pid, {})
        p.plan = dict(sorted(plan.items()))
        p.indicators = list(self._values.get(prefix + "indicators", []))
        for source in FUNDING_SOURCES:
            amount = self._values.get(f"{prefix}funding[{source}].amount_wan")
            if amount is not None:
                p.funding_given = True
                setattr(p.funding, source, float(amount))
        return p

    def projects(self) -> list[Project]:
        """Every project in order. Cached until the next change: validation asks for them in several
        rules. The Project objects are read-only views (build new values to change a project)."""
        if self._projects_cache is None:
            plans = self._plans()
            self._projects_cache = [self.project(pid, plans) for pid in self.project_ids()]
        return list(self._projects_cache)

    # -- conditions and indicators ---------------------------------------------------------------
    def condition(self, cid: str) -> ConditionAnswer:
        prefix = prefix_of(condition_owner(cid))
        return ConditionAnswer(cid, self._values.get(prefix + "status"), self._values.get(prefix + "evidence"),
                               list(self._values.get(prefix + "documents", [])))

    def indicator(self, iid: str, projects: list[Project] | None = None) -> IndicatorAnswer:
        prefix = prefix_of(indicator_owner(iid))
        answer = IndicatorAnswer(iid)
        for name in INDICATOR_FIELDS:
            value = self._values.get(prefix + name)
            if value is None:
                continue
            setattr(answer, name, list(value) if isinstance(value, list) else value)
        # A project that names the indicator supports it too (links may be made from either side).
        for project in self.projects() if projects is None else projects:
            if iid in project.indicators and project.id not in answer.projects:
                answer.projects.append(project.id)
        return answer

    def metrics(self, iid: str) -> list[Metric]:
        """The indicator's quantified targets in number order; rows left wholly blank are skipped."""
        prefix = metrics_prefix(iid)
        found: dict[int, Metric] = {}
        for key, value in self._values.items():
            if key.startswith(prefix):
                try:
                    parsed = parse_key(key)
                except FieldError:
                    continue
                if parsed.name == "metrics" and parsed.part in METRIC_FIELDS:
                    n = int(parsed.source)
                    setattr(found.setdefault(n, Metric(n)), parsed.part, value)
        return [found[n] for n in sorted(found)]
    def budget(self) -> dict[int, float]:
        """``conditions[3].budget[<year>].amount_wan`` as year -> 万元 (sorted): the fiscal money the
        government has budgeted or committed for smart-city work."""
        prefix = budget_prefix()
        return dict(sorted((int(parse_key(k).year), float(v)) for k, v in self._values.items() if k.startswith(prefix)))

    def iter_indicators(self) -> Iterator[IndicatorAnswer]:
        projects = self.projects()
        for ind in self.scheme.indicators:
            yield self.indicator(ind.id, projects)

    # -- derived facts -------------------------------------------------------------------------
    def urbanisation_rate(self) -> float | None:
        """Derived, never stored: 城镇化率 = urban population / population (percent)."""
        pop, urban = self.get("profile.population"), self.get("profile.urban_population")
        if not pop or urban is None:
            return None
        return round(100.0 * urban / pop, 1)
