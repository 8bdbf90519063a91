"""What a merge would do, without doing it (the GUI's summary before anything is written, issue 15).

The core's ``merge_packages`` decides taken / kept / conflict and then writes everything in one call
to ``pf.merge_apply``. A dry run hands it the open dossier with that one write replaced by a note, so
the summary is the core's own decision, never a second copy of the merge rules. (A ``dry_run`` flag
in ``merge_packages`` itself would make this module unnecessary.)
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from smartcity_desktop.departments.merge import MergeReport, merge_packages
from smartcity_desktop.departments.package import ReturnedPackage


class _DryRun:
    """The dossier as the merge reads it; its writes are recorded instead of made."""

    def __init__(self, pf: Any):
        self._pf = pf
        self.last_safety_version: int | None = None
        self.values: dict[str, Any] = {}
        self.state: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pf, name)

    def flush(self) -> dict[str, Any]:
        return {}  # the caller saves first; a dry run writes nothing, not even pending edits

    def merge_apply(self, values: Mapping[str, Any], sources: Mapping[str, str], units: Mapping[str, str],
                    state: Mapping[str, Any], *_more: Any, **_named: Any) -> dict[str, Any]:
        """Note what the merge would write (whatever else the core passes along, e.g. the authors)."""
        self.values, self.state = dict(values), dict(state)
        return {}


def preview_merge(pf: Any, packages: Sequence[ReturnedPackage], prefer: str | None = None) -> MergeReport:
    """The report ``merge_packages(pf, packages, prefer)`` would give, with the dossier untouched.
    Raises what the merge would raise (another dossier's package, a tampered one) before any write."""
    return merge_packages(_DryRun(pf), packages, prefer)


__all__ = ["preview_merge"]
