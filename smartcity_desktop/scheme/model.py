"""Immutable objects describing one indicator scheme (no answers here: those live in the dossier)."""
from __future__ import annotations

from dataclasses import dataclass, field

from smartcity_desktop.i18n import pick

Text = dict[str, str]


@dataclass(frozen=True)
class ProvenanceLabel:
    code: str
    text: Text
    summary: bool  # True: the explanation is not the official wording and must say so


@dataclass(frozen=True)
class Condition:
    id: str
    text: Text
    provenance: str
    document_kinds: tuple[str, ...] = ()
    # Other wordings of this condition that a declaration round may use (see model/rounds.py):
    # the scheme holds the text (zh, en and its provenance code), a round profile names the variant.
    variants: dict[str, Text] = field(default_factory=dict, compare=False)

    @property
    def label(self) -> str:
        return pick(self.text)

    def text_for(self, variant: str | None) -> Text:
        return self.variants.get(variant or "", self.text)


@dataclass(frozen=True)
class Indicator:
    id: str
    name: Text
    explanation: Text
    provenance: str
    level1_id: str
    level2_id: str

    @property
    def label(self) -> str:
        return pick(self.name)


@dataclass(frozen=True)
class Level2:
    id: str
    name: Text
    indicators: tuple[Indicator, ...]
    provenance: str = ""  # how sure the name is (V/S/R), like an indicator's

    @property
    def label(self) -> str:
        return pick(self.name)


@dataclass(frozen=True)
class Level1:
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
