"""Validation while the user edits: one debounced background run per session, shared by its views.

Validating a large dossier takes ~25 ms; on every keystroke on the GUI thread that is felt. The
feed listens to the session's change signals, waits for a pause (``DELAY_MS``), validates a
snapshot in the pool (``ops.Latest``: the newest state wins, stale results are dropped) and
emits ``updated(findings)``. The main window (outline, progress, the page's messages) and the
expert grid and project table (cell tints) all read the same run instead of validating again.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from smartcity_desktop.model import Dossier
from smartcity_desktop.ui.shell.ops import Latest
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.validate import Finding

DELAY_MS = 300


def _validate(dossier: Dossier) -> list[Finding]:
    """``validate``, its rules imported by the first run (after the window's first paint), not with the window."""
    from smartcity_desktop.validate.rules import validate

    return validate(dossier)


class FindingsFeed(QObject):
    """The findings of the session's latest state, computed off the UI thread after each change."""

    updated = Signal(list)  # list[Finding] of the newest state

    def __init__(self, session: DossierSession):
        super().__init__(session)
        self.session = session
        self.latest: list[Finding] | None = None  # the last delivered run (None: none yet)
        self.runner: Latest[Dossier, list[Finding]] = Latest(
            self, lambda: session.dossier.snapshot(), _validate, self._deliver, name="validate",
            delay_ms=DELAY_MS, fallback=list)
        session.valuesChanged.connect(self.runner.request)
        session.reset.connect(self.runner.request)
        session.attachmentsChanged.connect(self.runner.request)

    @classmethod
    def of(cls, session: DossierSession) -> FindingsFeed:
        """The session's feed (made on first use; it lives as long as the session)."""
        feed = session.findChild(cls)
        return feed if isinstance(feed, cls) else cls(session)

    def findings(self) -> list[Finding]:
        """The newest delivered findings; the first time (nothing run yet) computed here, once."""
        if self.latest is None:
            self.latest = self.session.findings()
        return self.latest

    def _deliver(self, findings: list[Finding]) -> None:
        self.latest = findings
        self.updated.emit(findings)

    def request(self) -> None:
        self.runner.request()

    def stop(self) -> None:
        self.runner.stop()

    def wait(self, timeout: float = 5.0) -> bool:
        return self.runner.wait(timeout)


__all__ = ["DELAY_MS", "FindingsFeed"]
