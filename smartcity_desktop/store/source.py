"""The read-only view of an open dossier that exports and the submission package read (a typed ``pf``).

``ProjectFile`` satisfies it; so can a copy made for a background thread. Reading through this Protocol instead
of a duck-typed ``Any`` lets mypy tell an export that it asked for something an open file does not offer, and
keeps writes out of the exporters' reach (the one write path is the document: model/document.py).
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Protocol, runtime_checkable

from smartcity_desktop.model import Dossier
from smartcity_desktop.store.attachments import Attachment
from smartcity_desktop.store.versions import VersionInfo


class ExportSource(Protocol):
    """What the exports read: the values, the attachment list, the dossier id and the author. An open
    ``ProjectFile`` is one; so is a copy made on the GUI thread for a background export (ui/dialogs/export.py)."""

    @property
    def dossier(self) -> Dossier: ...

    @property
    def dossier_id(self) -> str: ...

    @property
    def author(self) -> str: ...

    def attachments(self) -> list[Attachment]: ...


@runtime_checkable
class AttachmentReader(Protocol):
    """A source whose attachments' bytes can be read (an open file; a background copy gives page counts instead)."""

    def read_attachment(self, aid: str) -> Iterator[bytes]: ...


class DossierSource(ExportSource, AttachmentReader, Protocol):
    """Values, attachments and versions of one open dossier, read only (the submission package reads these)."""

    def versions(self) -> list[VersionInfo]: ...

    def version_values(self, vid: int) -> dict[str, Any]: ...

    def committed_values(self) -> dict[str, Any]: ...

    def diff(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[str, Any, Any]]: ...
