"""Page counts of attachments, for the 申报书's attachment index (页数) and the materials checklist.

Known only where the file says so: a PDF (its page tree, read with pypdf), a Word/WPS .docx whose
docProps/app.xml records <Pages> (Word writes it on save), a single image (one page). Anything else
is None ("—" in the index): a count we cannot vouch for is not printed.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif"}
PARSED_SUFFIXES = {".pdf", ".docx", ".xlsx", ".pptx", ".wps"}
MAX_BYTES = 50 * 1024 * 1024  # larger files are not read whole for a page count


def plausible(name: str, head: bytes) -> bool:
    """Whether the first bytes match the kind the name claims (a PDF header, a zip): random or mislabelled
    files are not read further (pypdf would scan a whole random file for its end marker)."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".pdf":
        return b"%PDF-" in head[:1024]
    return head.startswith(b"PK\x03\x04")


def worth_reading(name: str, size: int) -> bool:
    """Whether the file must be read to count its pages (only parsed kinds, not too large)."""
    return PurePath(name).suffix.lower() in PARSED_SUFFIXES and size <= MAX_BYTES


def count_pages(name: str, data: bytes) -> int | None:
    """The number of pages of the file ``name`` holding ``data``, or None when unknown."""
    suffix = PurePath(name).suffix.lower()
    if len(data) > MAX_BYTES:
        return None
    try:
        if suffix == ".pdf" or data.startswith(b"%PDF"):
            if not plausible("x.pdf", data):
                return None
            import logging

            from pypdf import PdfReader

            logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged PDF is not the user's console's business
            return len(PdfReader(io.BytesIO(data), strict=False).pages) or None
        if suffix in (".docx", ".xlsx", ".pptx", ".wps") and zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                info = z.getinfo("docProps/app.xml")
                if info.file_size > 1_000_000:
                    return None
                m = re.search(rb"<(?:\w+:)?Pages>(\d{1,6})</", z.read(info))
                return int(m.group(1)) if m and int(m.group(1)) > 0 else None
        if suffix in IMAGE_SUFFIXES:
            return 1
    except Exception:  # noqa: BLE001 - a damaged or hostile file: no count rather than a failed export
        return None
    return None
