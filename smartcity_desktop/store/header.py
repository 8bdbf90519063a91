"""Read the SQLite file header directly, so a file can be judged without opening (or touching) it.

The 100-byte header holds the page size, the page count, user_version (our schema version) and
application_id (who the file belongs to): enough to refuse a foreign, newer or truncated file
byte-for-byte untouched, before SQLite's own recovery could write to it.
"""
from __future__ import annotations

import struct
from pathlib import Path
from typing import NamedTuple

MAGIC = b"SQLite format 3\x00"


class Header(NamedTuple):
    """What the first 100 bytes of an SQLite file say (read before SQLite touches the file)."""

    page_size: int
    page_count: int
    user_version: int
    application_id: int
    file_size: int

    @property
    def truncated(self) -> bool:
        return self.page_count > 0 and self.file_size < self.page_size * self.page_count


def read_header(path: Path) -> Header | None:
    """The header, or None if the file is not an SQLite database (or shorter than a header)."""
    with open(path, "rb") as handle:
        raw = handle.read(100)
        handle.seek(0, 2)
        size = handle.tell()
    if len(raw) < 100 or not raw.startswith(MAGIC):
        return None
    page_size = struct.unpack(">H", raw[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count = struct.unpack(">I", raw[28:32])[0]
    user_version = struct.unpack(">i", raw[60:64])[0]
    application_id = struct.unpack(">i", raw[68:72])[0]
    return Header(page_size, page_count, user_version, application_id & 0xFFFFFFFF, size)
