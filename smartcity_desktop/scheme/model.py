"""Immutable objects describing one indicator scheme (no answers here: those live in the dossier).

The parts of a scheme are named tuples, the scheme itself a frozen dataclass (it indexes its indicators): a frozen
dataclass compiles six methods when its module is imported (~1 ms each class in Python 3.11), a named tuple none,
and this module is imported at every start.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from smartcity_desktop.i18n import pick

Text = dict[str, str]
NO_VARIANTS: Mapping[str, Text] = MappingProxyType({})


class ProvenanceLabel(NamedTuple):
    """What a provenance code (V, S, R) means, shown beside the texts that carry it."""

    code: str
    text: Text
    summary: bool  # True: the explanation is not the official wording and must say so


class Condition(NamedTuple):
    """One condition an applicant must meet (申报条件), with the documents that prove it."""

    id: str
    text: Text
    provenance: str
    document_kinds: tuple[str, ...] = ()
    # Other wordings of this condition that a declaration round may use (see model/rounds.py):
    # the scheme holds the text (zh, en and its provenance code), a round profile names the variant.
    variants: Mapping[str, Text] = NO_VARIANTS

    @property
    def label(self) -> str:
        return pick(self.text)

    def text_for(self, variant: str | None) -> Text:
        return self.variants.get(variant or "", self.text)


class Indicator(NamedTuple):
    """A level-3 indicator: what the applicant answers (its id names the answer's keys)."""

    id: str
    name: Text
    explanation: Text
    provenance: str
    level1_id: str
    level2_id: str

    @property
    def label(self) -> str:
        return pick(self.name)


class Level2(NamedTuple):
    """A level-2 indicator: a group of level-3 indicators."""

    id: str
    name: Text
    indicators: tuple[Indicator, ...]
    provenance: str = ""  # how sure the name is (V/S/R), like an indicator's

    @property
    def label(self) -> str:
        return pick(self.name)


class Level1(NamedTuple):
    """A level-1 indicator (保障体系与基础设施, ...): a group of level-2 indicators."""

    id: str
    name: Text
    children: tuple[Level2, ...]
    provenance: str = ""

    @property
    def label(self) -> str:
        return pick(self.name)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for l2 in self.children for i in l2.indicators)


@dataclass(frozen=True)
class Scheme:
    """One indicator system: conditions, the level-1/2/3 hierarchy and its provenance labels, as a scheme file
    (scheme/loader.py) describes it; indicators and level-2 groups are indexed by id."""

    id: str
    version: str
    name: Text
    issuer: Text
    conditions: tuple[Condition, ...]
    level1: tuple[Level1, ...]
    provenance_labels: dict[str, ProvenanceLabel]
    indicator_fields: tuple[str, ...]
    issuer_provenance: str = ""  # the issuer and document number are themselves reconstructed (R)
    _by_id: dict[str, Indicator] = field(default_factory=dict, compare=False, repr=False)
    _l2_by_id: dict[str, Level2] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for l1 in self.level1:
            for l2 in l1.children:
                self._l2_by_id[l2.id] = l2
                for ind in l2.indicators:
                    self._by_id[ind.id] = ind

    @property
    def label(self) -> str:
        return pick(self.name)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(self._by_id.values())

    def indicator(self, iid: str) -> Indicator:
        return self._by_id[iid]

    def has_indicator(self, iid: str) -> bool:
        return iid in self._by_id

    def level2(self, l2id: str) -> Level2:
        return self._l2_by_id[l2id]

    def level1_of(self, iid: str) -> Level1:
        ind = self._by_id[iid]
        return next(l1 for l1 in self.level1 if l1.id == ind.level1_id)

    def condition(self, cid: str) -> Condition:
        return next(c for c in self.conditions if c.id == cid)

    def has_condition(self, cid: str) -> bool:
        return any(c.id == cid for c in self.conditions)

    def is_summary(self, provenance: str) -> bool:
        label = self.provenance_labels.get(provenance)
        return bool(label and label.summary)

    def provenance_note(self, provenance: str) -> str:
        label = self.provenance_labels.get(provenance)
        return pick(label.text) if label else ""

    @property
    def key(self) -> str:
        """``id@version``: what a dossier records about the scheme it was made with."""
        return f"{self.id}@{self.version}"
