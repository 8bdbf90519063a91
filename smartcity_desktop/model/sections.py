"""The dossier's sections and pages: one registry that the outline, progress, review, validation and
``info`` read, so they cannot disagree about what belongs where or in which order.

A *page* shows the fields of one owner (``applicant`` also shows ``profile.*``; ``conditions[2]``,
``indicators[1.1.1]``; ``projects``, ``safeguards``, ``materials``) or has no fields of its own
(attachments, analysis, review). A *section* groups pages: the applicant, the four conditions, one
level-1 area of indicators each (with its level-2 groups), projects, safeguards. Findings are grouped
and completion is counted by section.
"""
from __future__ import annotations

from typing import NamedTuple

from smartcity_desktop.i18n import language, tr
from smartcity_desktop.model.keys import FieldError, condition_owner, indicator_owner, parse_key
from smartcity_desktop.scheme import Scheme

APPLICANT, CONDITIONS, PROJECTS, SAFEGUARDS, OTHER = "applicant", "conditions", "projects", "safeguards", "other"
LEVEL1, LEVEL2 = "level1:", "level2:"  # section ids: level1:<id>, level2:<id>
ATTACHMENTS, ANALYSIS, MATERIALS, REVIEW = "attachments", "analysis", "materials", "review"
# Pages after the sections, in this order; they hold no answers a section counts.
TAIL_PAGES = (ATTACHMENTS, ANALYSIS, MATERIALS, REVIEW)
# Which page shows a key's grammar section (conditions and indicators: the item's own page).
_PAGE_OF_SECTION = {"applicant": APPLICANT, "profile": APPLICANT, "safeguards": SAFEGUARDS, "projects": PROJECTS,
                    "materials": MATERIALS, "analysis": ANALYSIS}


class Section(NamedTuple):
    """A group of pages. ``number`` is the level-1/level-2 id of an indicator area ("" otherwise);
    ``counted`` says whether completion (``info``, the overall percentage) counts it."""

    id: str
    label: str
    pages: tuple[str, ...]
    number: str = ""
    counted: bool = True
    children: tuple[Section, ...] = ()

    @property
    def title(self) -> str:
        """The outline's text: ``1 保障体系与基础设施`` for an area, the label otherwise."""
        return f"{self.number} {self.label}" if self.number else self.label

    @property
    def heading(self) -> str:
        """The review's heading over the section's findings."""
        return tr("指标：{name}", name=self.label) if self.id.startswith(LEVEL1) else self.label


_SECTIONS: dict[str, tuple[Scheme, list[Section]]] = {}  # language -> (scheme, its sections)


def sections(scheme: Scheme) -> list[Section]:
    """Every section in reading order (built once per scheme and language: progress asks on every edit)."""
    found = _SECTIONS.get(language())
    if found is None or found[0] is not scheme:
        found = _SECTIONS[language()] = (scheme, _build(scheme))
    return list(found[1])


def _build(scheme: Scheme) -> list[Section]:
    out = [Section(APPLICANT, tr("申报单位与基本情况"), (APPLICANT,)),
           Section(CONDITIONS, tr("申报条件"), tuple(condition_owner(c.id) for c in scheme.conditions))]
    for l1 in scheme.level1:
        children = tuple(Section(LEVEL2 + l2.id, l2.label, tuple(indicator_owner(i.id) for i in l2.indicators),
                                 number=l2.id) for l2 in l1.children)
        out.append(Section(LEVEL1 + l1.id, l1.label, tuple(indicator_owner(i.id) for i in l1.indicators),
                           number=l1.id, children=children))
    out += [Section(PROJECTS, tr("项目与投资"), (PROJECTS,)),
            Section(SAFEGUARDS, tr("保障措施"), (SAFEGUARDS,), counted=False)]
    return out


def page_ids(scheme: Scheme) -> list[str]:
    """Every page in reading order: the interview's path (Back/Next walk it)."""
    return [page for s in sections(scheme) for page in s.pages] + list(TAIL_PAGES)


def page_of(key: str) -> str:
    """The page that shows ``key`` (``projects`` alone: the projects page; unknown keys: the review)."""
    if key == PROJECTS:
        return PROJECTS
    try:
        parsed = parse_key(key)
    except FieldError:
        return REVIEW
    if parsed.section in ("conditions", "indicators"):
        return parsed.owner
    return _PAGE_OF_SECTION.get(parsed.section, REVIEW)


def section_of(key: str, scheme: Scheme) -> tuple[str, str]:
    """(section id, heading) a finding about ``key`` is grouped under; keys of no section: ``other``."""
    section = _sections_by_page(scheme).get(page_of(key))
    return (section.id, section.heading) if section is not None else (OTHER, tr("其他"))


_BY_PAGE: dict[str, tuple[Scheme, dict[str, Section]]] = {}  # language -> (scheme, page -> section)


def _sections_by_page(scheme: Scheme) -> dict[str, Section]:
    """page -> section, kept for the last scheme per language (the review asks once per finding)."""
    found = _BY_PAGE.get(language())
    if found is None or found[0] is not scheme:
        found = _BY_PAGE[language()] = (scheme, {page: s for s in sections(scheme) for page in s.pages})
    return found[1]
