"""Write a file so that it is either the old one or the complete new one, never half of either.

Every writer of a whole file (exports, attachment copies, dossier copies, migration backups, caches)
fills a temp file beside the target, flushes it to disk and renames it into place; a crash or a full
disk at any moment leaves the target untouched and no temp file behind.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles for this)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def replacing(dest: Path) -> Iterator[Path]:
    """Yield a temp path beside ``dest`` to fill; when the block ends without error, the temp file is
    synced and renamed over ``dest``; otherwise it is removed and ``dest`` is left as it was."""
    import secrets  # here, not at start: secrets imports hmac, which loads OpenSSL (~3-4 ms)

    dest = Path(dest)
    tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.tmp")
    if len(tmp.name.encode("utf-8")) > 255:  # a legal name near the 255-byte limit must still be writable
        tmp = dest.with_name(f".sc-{secrets.token_hex(8)}.tmp")
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    finally:
        try:
            tmp.unlink()
        except OSError:
            pass  # renamed into place (the normal case) or never created
