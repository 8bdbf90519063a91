"""The demo copy made from the cached build (start-up, issue 10 point 8): same content as a fresh build,
its own dossier id and times, and a damaged cache is rebuilt or bypassed, never copied."""
from __future__ import annotations

from pathlib import Path

from smartcity_desktop.demo import _cached_demo, build_demo, copy_demo
from smartcity_desktop.paths import user_data_dir
from smartcity_desktop.store import ProjectFile


def _content(path: Path) -> tuple[dict[str, object], list[tuple[str, str, bytes]]]:
    pf = ProjectFile.open(path, readonly=True)
    try:
        values = pf.dossier.values()
        for key, ids in values.items():  # attachment ids are random per build: compare what they name
            if key.endswith(".documents"):
                values[key] = sorted(pf.attachment(aid).name for aid in ids)
        files = sorted((a.target, a.name, b"".join(pf.read_attachment(a.id))) for a in pf.attachments())
        return values, files
    finally:
        pf.close()


def test_copy_equals_a_fresh_build_with_its_own_id(tmp_path: Path) -> None:
    built = build_demo(tmp_path / "built.scdossier")
    stale = user_data_dir() / "cache" / "demo-0000.scdossier"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"an earlier version's build")
    first = copy_demo(tmp_path / "一.scdossier")
    cache = _cached_demo()
    assert cache.parent == user_data_dir() / "cache" and not stale.exists()
    cached_at = cache.stat().st_mtime_ns
    second = copy_demo(tmp_path / "二.scdossier")
    assert cache.stat().st_mtime_ns == cached_at  # the second copy reused the cache
    assert _content(first) == _content(built) == _content(second)
    master = ProjectFile.open(cache, readonly=True)
    cache_made = master.meta["created_at"]
    master.close()
    ids = set()
    for path in (built, first, second):
        pf = ProjectFile.open(path)
        try:
            ids.add(pf.dossier_id)
            if path != built:  # a copy carries the time it was made, not the cache's
                assert pf.meta["created_at"] >= cache_made
            pf.set("applicant.name", "改过的名称")  # a copy is an ordinary, writable dossier
        finally:
            pf.close()
    assert len(ids) == 3
    assert not list(tmp_path.glob(".sc-demo-*"))


def test_a_damaged_cache_is_not_copied(tmp_path: Path) -> None:
    cache = _cached_demo()
    cache.write_bytes(b"not a dossier")
    copied = copy_demo(tmp_path / "demo.scdossier")  # falls back to building in place
    assert not cache.exists()  # dropped, built again next time
    values, files = _content(copied)
    assert values["applicant.name"] and len(files) == 5


def test_an_existing_file_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "mine.scdossier"
    target.write_bytes(b"the user's own")
    try:
        copy_demo(target)
    except Exception as exc:  # noqa: BLE001 - the message is what the user sees
        assert "已存在" in str(exc)
    assert target.read_bytes() == b"the user's own"
