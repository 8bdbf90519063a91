"""The built-in demo dossier: a complete fictional district, made from resources/demo/."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from smartcity_desktop import __version__
from smartcity_desktop.atomic import fsync_dir
from smartcity_desktop.errors import FileProblem, SmartcityError
from smartcity_desktop.i18n import tr
from smartcity_desktop.paths import user_data_dir
from smartcity_desktop.resources import resource_path
from smartcity_desktop.safefiles import too_long
from smartcity_desktop.scheme import load_scheme_by_id
from smartcity_desktop.store import ProjectFile
from smartcity_desktop.store.database import connect, now_iso
from smartcity_desktop.store.lock import FileLock


def demo_data() -> dict[str, Any]:
    return json.loads(resource_path("demo", "demo-dossier.json").read_text(encoding="utf-8"))


def build_demo(path: str | os.PathLike[str], *, overwrite: bool = False, passphrase: str | None = None) -> Path:
    """Create ``path`` holding the demo dossier with its attachments; return the path."""
    data = demo_data()
    scheme = load_scheme_by_id(data["scheme"]["id"], data["scheme"].get("version"))
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileProblem(tr("文件 {path} 已存在，未覆盖。", path=path))
    with _written_into_place(path) as tmp:
        pf = ProjectFile.create(tmp, scheme, values=data["values"], author=tr("示例"), passphrase=passphrase)
        try:
            for item in data.get("attachments", []):
                pf.add_attachment(item["target"], resource_path("demo", item["file"]), name=item.get("name"))
        finally:
            pf.close()
    return path


@contextmanager
def _written_into_place(path: Path) -> Iterator[Path]:
    """A temp name beside ``path`` to write the dossier into, renamed onto ``path`` when the block ends well:
    a full disk half-way leaves neither a half dossier nor a lock (the target's lock is held meanwhile)."""
    lock = FileLock(path)
    lock.acquire()
    try:
        message = too_long(path, extra=14)
        if message:
            raise FileProblem(message)
        tmp = path.with_name(f".sc-demo-{os.urandom(6).hex()}.scdossier")
        try:
            yield tmp
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except OSError as exc:
            raise FileProblem(tr("无法创建 {path}：{reason}", path=path, reason=exc.strerror or exc)) from None
        except FileProblem as exc:  # name the file the user asked for, not the temp name
            raise FileProblem(tr("无法创建 {path}：{reason}", path=path,
                                 reason=str(exc).replace(tmp.name, path.name))) from None
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                try:
                    leftover.unlink()
                except OSError:
                    pass  # renamed into place, or never made
    finally:
        lock.release()


class _CacheDamaged(Exception):
    """The cached demo was damaged after it was verified (the copy cannot be renewed)."""


def _cached_demo() -> Path:
    """The demo dossier built once per program version, demo resources and author name (the user data
    cache); built and verified (reopened through the store's checks) when missing.

    Its name carries a 64-bit checksum of those (zlib's CRC-32 and Adler-32), not a cryptographic digest: it
    only tells builds apart, and every copy is opened through the store's full checks anyway; ``hashlib`` (and
    ``secrets``, which imports ``hmac``) would load OpenSSL at start for nothing else (~5 ms CPU)."""
    folder = resource_path("demo")
    stamp = f"{__version__}|{tr('示例')}"
    for item in sorted(folder.iterdir()):
        info = item.stat()
        stamp += f"|{item.name}:{info.st_size}:{info.st_mtime_ns}"
    data = stamp.encode()
    cache = user_data_dir() / "cache" / f"demo-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.scdossier"
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        build_demo(cache, overwrite=True)  # atomic: complete or absent
        try:
            ProjectFile.open(cache, readonly=True).close()
        except BaseException:
            cache.unlink(missing_ok=True)
            raise
        for stale in cache.parent.glob("demo-*.scdossier"):  # earlier versions' builds
            if stale != cache:
                try:
                    stale.unlink()
                except OSError:
                    pass  # in use elsewhere (Windows) or already gone: tried again next build
    return cache


def copy_demo(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` as ``build_demo`` would, but by copying the cached demo (start-up: writing ~800
    values with their change log costs ~50-85 ms CPU, a copy a few). The copy gets its own dossier id and
    today's times; a cache that cannot be made or read is dropped and the demo built in place instead."""
    path = Path(path)
    if path.exists():
        raise FileProblem(tr("文件 {path} 已存在，未覆盖。", path=path))
    try:
        cache = _cached_demo()
    except (OSError, sqlite3.Error, SmartcityError):
        return build_demo(path)
    try:
        with _written_into_place(path) as tmp:
            shutil.copyfile(cache, tmp)
            try:
                _renew(tmp)
            except sqlite3.Error:
                cache.unlink(missing_ok=True)
                raise _CacheDamaged from None
    except _CacheDamaged:  # dropped; build in place instead (the lock was released on the way out)
        return build_demo(path)
    return path


def _renew(copy: Path) -> None:
    """Give a copy of the cached demo a dossier id of its own and today's times (one transaction)."""
    conn = connect(copy, readonly=False)
    try:
        now = now_iso()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'dossier_id'", (os.urandom(16).hex(),))  # as uuid4().hex
        conn.execute("UPDATE meta SET value = ? WHERE key = 'created_at'", (now,))
        conn.execute("UPDATE fields SET changed_at = ?", (now,))
        conn.execute("UPDATE changes SET changed_at = ?", (now,))
        conn.execute("UPDATE attachments SET added_at = ?", (now,))
        conn.execute("COMMIT")
    finally:
        conn.close()


def demo_copy_path(folder: Path) -> Path:
    """A new file name for a copy of the demo in ``folder`` (never overwrites the user's files)."""
    base = tr("示例卷宗-滨湖区")
    candidate = folder / f"{base}.scdossier"
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}.scdossier"
        n += 1
    if not folder.is_dir():
        raise FileProblem(tr("文件夹 {folder} 不存在。", folder=folder))
    return candidate
