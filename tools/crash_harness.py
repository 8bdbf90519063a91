"""Crash harness: SIGKILL a worker at random moments while it writes a dossier, then check the file.

Scenarios (each is one kind of write the program does):
  typing     set + flush loops on three fields at once (the GUI's debounced autosave)
  import     a large JSON import (``import_json``: 1,300+ values in one transaction)
  xlsx       an Excel workbook import (``read_workbook`` + ``apply``), when that importer exists
  attach     ``add_attachment`` of a 6 MB file (chunks + link, one transaction)
  restore    ``restore_version`` of a named version that differs in every long text
  migrate    opening an older-format file (backup copy + schema upgrade in one transaction)
  rekey      ``encrypt_dossier`` (every row re-sealed in one transaction, then VACUUM)
  merge      ``merge_packages`` of four returned work packages (long texts, new projects, one conflict):
             before, or wholly merged with the conflict recorded and one safety version
  package    ``build_package --final`` (a final version in the dossier, then the package folder built
             under a temporary name and renamed): the folder is absent or verifies intact

After every kill the file must pass ``PRAGMA integrity_check``, open with ``ProjectFile.open`` (the
dead worker's lock is recovered: same host, dead pid) and hold a committed state: the typing
fields all carry one generation that the worker had reached, an import or restore is all there
(with exactly one new automatic safety version holding the state before it) or not at all, an attachment is complete and linked or absent, a migration is done or not begun.

The worker is a fork of this process (POSIX only), so an iteration costs milliseconds, not an
interpreter start. The tests import this module for a quick run (tests/test_reliability_crash.py);
the long run is:

    python tools/crash_harness.py --iterations 1000 [--scenario typing,import,...] [--seed 1]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smartcity_desktop.scheme import Scheme, default_scheme
from smartcity_desktop.store import ProjectFile, lock, schema

TYPING_KEYS = ("indicators[1.1.1].measures", "indicators[1.1.2].target", "profile.overview")
ATTACH_TARGET = "conditions[1].documents"
ATTACH_SIZE = 6 * 1024 * 1024


def _text(tag: str, n: int) -> str:
    return (f"【{tag}】" + "智慧城市建设推进信息化基础设施公共平台数据共享" * (n // 24 + 1))[:n]


def import_values(scheme: Scheme, tag: str) -> dict[str, Any]:
    """A large import: every indicator's long texts plus 100 projects, all marked with ``tag``."""
    values: dict[str, Any] = {}
    for ind in scheme.indicators:
        for name in ("current_state", "target", "measures"):
            values[f"indicators[{ind.id}].{name}"] = _text(f"{tag}-{ind.id}-{name}", 1500)
    for n in range(100):
        values[f"projects[imp{n:03d}].name"] = f"{tag}项目{n}"
        values[f"projects[imp{n:03d}].content"] = _text(f"{tag}-p{n}", 1500)
        values[f"projects[imp{n:03d}].order"] = n + 1
    return values


def _state_of(path: Path, passphrase: str | None = None) -> dict[str, Any]:
    with ProjectFile.open(path, passphrase=passphrase) as pf:
        return pf.committed_values()


def _automatic_count(path: Path) -> int:
    with ProjectFile.open(path, readonly=True) as pf:
        return sum(1 for v in pf.versions() if v.automatic)


def _safety_kept(path: Path, before: dict[str, Any], changed: bool, auto_before: int) -> str | None:
    """An import or restore that landed left exactly one new automatic version holding the state before
    it (written in the same transaction); one that did not land left none."""
    with ProjectFile.open(path, readonly=True) as pf:
        auto = [v for v in pf.versions() if v.automatic]
        if not changed:
            return None if len(auto) == auto_before else f"{len(auto) - auto_before} safety versions without the change"
        if len(auto) != auto_before + 1:
            return f"{len(auto) - auto_before} safety versions for one change"
        if pf.version_values(auto[-1].id) != before:
            return "the safety version does not hold the state before the change"
    return None


# -- scenarios: prepare(dir) -> context; work(path, ctx, report) runs in the child; check(...) -----
@dataclass
class Scenario:
    name: str
    prepare: Callable[[Path, Scheme], dict[str, Any]]
    work: Callable[[Path, dict[str, Any], Callable[[int], None]], None]
    check: Callable[[Path, dict[str, Any], list[int]], str | None]
    max_delay: float = 0.0  # seconds: the kill falls uniformly in [0, max_delay]; 0 = measured (×1.1)


def _base_file(folder: Path, scheme: Scheme, name: str = "crash.scdossier") -> Path:
    path = folder / name
    with ProjectFile.create(path, scheme, values={"applicant.name": "崩溃测试区", "applicant.level": "district",
                                                  "applicant.province": "江东省"}) as pf:
        pf.set_many({k: "初始" for k in TYPING_KEYS})
    return path


def prep_typing(folder: Path, scheme: Scheme) -> dict[str, Any]:
    return {"path": _base_file(folder, scheme)}


def work_typing(path: Path, ctx: dict[str, Any], report: Callable[[int], None]) -> None:
    pf = ProjectFile.open(path)
    for i in range(1, 10**6):
        pf.set_many({k: f"第{i}次输入" + "字" * 300 for k in TYPING_KEYS})
        pf.flush()
        report(i)


def check_typing(path: Path, ctx: dict[str, Any], acked: list[int]) -> str | None:
    values = _state_of(path)
    seen = {values.get(k, "").split("次")[0] for k in TYPING_KEYS}
    if len(seen) != 1:
        return f"typing fields disagree: {sorted(seen)}"
    token = seen.pop()
    gen = 0 if token == "初始" else int(token.removeprefix("第"))
    last = acked[-1] if acked else 0
    if gen not in (last, last + 1):  # the commit in flight may or may not have landed
        return f"typing generation {gen}, worker had committed {last}"
    return None


def prep_import(folder: Path, scheme: Scheme) -> dict[str, Any]:
    path = _base_file(folder, scheme)
    data = folder / "import.json"
    data.write_text(json.dumps(import_values(scheme, "导入"), ensure_ascii=False), encoding="utf-8")
    return {"path": path, "json": data, "before": _state_of(path), "auto": _automatic_count(path)}


def work_import(path: Path, ctx: dict[str, Any], report: Callable[[int], None]) -> None:
    from smartcity_desktop.jsonimport import read_json

    pf = ProjectFile.open(path)
    report(1)
    pf.import_json(read_json(ctx["json"]), source="import:crash.json")
    report(2)
    pf.close()
    report(3)


def _all_or_nothing(after: dict[str, Any], before: dict[str, Any], wanted: dict[str, Any], acked: list[int],
                    done_at: int) -> str | None:
    if after == before:
        return None if max(acked, default=0) < done_at else "import reported done but is absent"
    expected = dict(before)
    expected.update({k: v for k, v in wanted.items()})
    expected = {k: v for k, v in expected.items() if v is not None}
    if after == expected:
        return None
    half = sum(1 for k, v in wanted.items() if after.get(k) == v)
    return f"partial state: {half}/{len(wanted)} imported values present"


def check_import(path: Path, ctx: dict[str, Any], acked: list[int]) -> str | None:
    wanted = json.loads(Path(ctx["json"]).read_text(encoding="utf-8"))
    after = _state_of(path)
    return _all_or_nothing(after, ctx["before"], _normalised(path, wanted), acked, 2) or \
        _safety_kept(path, ctx["before"], after != ctx["before"], ctx["auto"])


def _normalised(path: Path, values: dict[str, Any]) -> dict[str, Any]:
    with ProjectFile.open(path, readonly=True) as pf:
        return pf.dossier.check_many(values)


def prep_xlsx(folder: Path, scheme: Scheme) -> dict[str, Any]:
    from smartcity_desktop.export import xlsx_import  # noqa: F401 - raises ImportError when not there yet

    ctx = prep_import(folder, scheme)
    book = folder / "import.xlsx"
    _write_import_workbook(ctx["path"], book, import_values(scheme, "表格"))
    ctx["xlsx"] = book
    with ProjectFile.open(ctx["path"], readonly=True) as pf:
        from smartcity_desktop.export.xlsx_import import read_workbook

        ctx["wanted"] = pf.dossier.check_many(read_workbook(book, pf.dossier))
    return ctx


def _write_import_workbook(path: Path, book: Path, values: dict[str, Any]) -> None:
    """The exported workbook of a dossier holding ``values``: the importer's own round-trip format."""
    from smartcity_desktop.export import export_dossier

    tmp = path.with_name("xlsx-source.scdossier")
    with ProjectFile.open(path, readonly=True) as pf:
        pf.copy_to(tmp)
    with ProjectFile.open(tmp) as pf:
        pf.apply(values, source="harness")
        (book.parent / "xlsx-out").mkdir(exist_ok=True)
        out = export_dossier(pf, book.parent / "xlsx-out", ["xlsx"])
    xlsx = [p for p in out if str(p).endswith(".xlsx")][0]
    os.replace(xlsx, book)
    tmp.unlink()


def work_xlsx(path: Path, ctx: dict[str, Any], report: Callable[[int], None]) -> None:
    from smartcity_desktop.export.xlsx_import import read_workbook

    pf = ProjectFile.open(path)
    report(1)
    pf.apply(read_workbook(ctx["xlsx"], pf.dossier), source="import:crash.xlsx")
    report(2)
    pf.close()


def check_xlsx(path: Path, ctx: dict[str, Any], acked: list[int]) -> str | None:
    after = _state_of(path)
    return _all_or_nothing(after, ctx["before"], ctx["wanted"], acked, 2) or \
        _safety_kept(path, ctx["before"], after != ctx["before"], ctx["auto"])


def prep_attach(folder: Path, scheme: Scheme) -> dict[str, Any]:
    path = _base_file(folder, scheme)
    blob = folder / "scan.pdf"
    data = random.Random(7).randbytes(ATTACH_SIZE)
    blob.write_bytes(data)
    return {"path": path, "blob": blob, "sha": hashlib.sha256(data).hexdigest()}


def work_attach(path: Path, ctx: dict[str, Any], report: Callable[[int], None]) -> None:
    pf = ProjectFile.open(path)
    report(1)
    pf.add_attachment(ATTACH_TARGET, ctx["blob"], name="扫描件.pdf")
    report(2)
    pf.close()


def check_attach(path: Path, ctx: dict[str, Any], acked: list[int]) -> str | None:
    with ProjectFile.open(path) as pf:
        docs = pf.dossier.get(ATTACH_TARGET) or []
        atts = pf.attachments(ATTACH_TARGET)
        blobs = pf.database.connection.execute("SELECT count(*) FROM blobs").fetchone()[0]
        if not docs and not atts:
            if blobs:
                return "orphan blob left behind"
            return None if max(acked, default=0) < 2 else "attachment reported added but absent"
        if [a.id for a in atts] != docs or len(atts) != 1:
            return f"attachment rows {len(atts)} and field {docs} disagree"
        digest = hashlib.sha256()
        for block in pf.read_attachment(atts[0].id):
            digest.update(block)
        if digest.hexdigest() != ctx["sha"]:
            return "attachment content differs"
    return None


def prep_restore(folder: Path, scheme: Scheme) -> dict[str, Any]:
    path = _base_file(folder, scheme)
    with ProjectFile.open(path) as pf:
        pf.apply(import_values(scheme, "版本甲"), source="harness")
        vid = pf.create_version("甲")
        pf.apply(import_values(scheme, "版本乙"), source="harness")
        b_state = pf.committed_values()
        a_state = pf.version_values(vid)
    return {"path": path, "vid": vid, "a": a_state, "b": b_state, "auto": _automatic_count(path)}


def work_restore(path: Path, ctx: dict[str, Any], report: Callable[[int], None]) -> None:
    pf = ProjectFile.open(path)
    report(1)
    pf.restore_version(ctx["vid"])
    report(2)
    pf.close()


def check_restore(path: Path, ctx: dict[str, Any], acked: list[int]) -> str | None:
    state = _state_of(path)
    if state == ctx["a"]:
        return _safety_kept(path, ctx["b"], True, ctx["auto"])
    if state == ctx["b"]:
        if max(acked, default=0) >= 2:
            return "restore reported done but absent"
        return _safety_kept(path, ctx["b"], False, ctx["auto"])
    return "state is neither the version nor the state before the restore"


def _step_v1(conn: sqlite3.Connection) -> None:
    """A stand-in upgrade that touches every row (as a real one might): rewrite each field's source.
    Its marker is a meta row, not a table: a file's schema objects must be exactly what ``schema.create``
    builds for its version (store/verify.py), so a real upgrade that adds a table adds it there too."""
    conn.execute("UPDATE fields SET source = 'migrated'")
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('upgrade_marker', 'v1')")


def prep_migrate(folder: Path, scheme: Scheme) -> dict[str, Any]:
    path = _base_file(folder, scheme)
    with ProjectFile.open(path) as pf:
        pf.apply(import_values(scheme, "旧版"), source="harness")
        before = pf.committed_values()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    return {"path": path, "before": before}


def work_migrate(path: Path, ctx: dict[str, Any], report: Callable[[int], None]) -> None:
    schema.MIGRATIONS[1] = _step_v1
    report(1)
    ProjectFile.open(path).close()
    report(2)


def check_migrate(path: Path, ctx: dict[str, Any], acked: list[int]) -> str | None:
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT key FROM meta WHERE key = 'upgrade_marker'")}
        sources = {r[0] for r in conn.execute("SELECT DISTINCT source FROM fields")}
    finally:
        conn.close()
    if version == 0:
        if "upgrade_marker" in tables or sources == {"migrated"}:
            return "version 0 but upgraded content"
        if max(acked, default=0) >= 2:
            return "migration reported done but absent"
    elif version == schema.SCHEMA_VERSION:
        if "upgrade_marker" not in tables or sources != {"migrated"}:
            return "version 1 without the upgrade's changes"
    else:
        return f"unexpected user_version {version}"
    # Every backup that exists must be a complete copy of the old file.
    for backup in path.parent.glob(f"{path.stem}.v0-backup*{path.suffix}"):
        bconn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            ok = bconn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            bversion = bconn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            return f"broken backup {backup.name}: {exc}"
        finally:
            bconn.close()
        if not ok or bversion != 0:
            return f"backup {backup.name} is not a sound copy of the old file"
    schema.MIGRATIONS[1] = _step_v1
    state = _state_of(path)
    schema.MIGRATIONS.pop(1, None)
    if state != ctx["before"]:
        return "values changed by the migration"
    return None


PASSPHRASE = "harness passphrase"


def prep_rekey(folder: Path, scheme: Scheme) -> dict[str, Any]:
    ctx = prep_attach(folder, scheme)
    with ProjectFile.open(ctx["path"]) as pf:
        pf.apply(import_values(scheme, "加密前"), source="harness")
        pf.add_attachment(ATTACH_TARGET, ctx["blob"], name="扫描件.pdf")
        ctx["before"] = pf.committed_values()
    return ctx


def work_rekey(path: Path, ctx: dict[str, Any], report: Callable[[int], None]) -> None:
    from smartcity_desktop.store.rekey import encrypt_dossier

    pf = ProjectFile.open(path)
    report(1)
    encrypt_dossier(pf, PASSPHRASE)
    report(2)
    pf.close()


def check_rekey(path: Path, ctx: dict[str, Any], acked: list[int]) -> str | None:
    with ProjectFile.open(path, passphrase=PASSPHRASE) as pf:
        if pf.committed_values() != ctx["before"]:
            return "values differ after an interrupted encryption"
        att = pf.attachments(ATTACH_TARGET)[0]
        digest = hashlib.sha256()
        for block in pf.read_attachment(att.id):
            digest.update(block)
        if digest.hexdigest() != ctx["sha"]:
            return "attachment differs after an interrupted encryption"
        if max(acked, default=0) >= 2 and not pf.encrypted:
            return "encryption reported done but the file is plain"
    return None


def prep_package(folder: Path, scheme: Scheme) -> dict[str, Any]:
    from smartcity_desktop.demo import build_demo

    return {"path": build_demo(folder / "crash.scdossier")}  # the demo has no errors: a package is allowed


def work_package(path: Path, ctx: dict[str, Any], report: Callable[[int], None]) -> None:
    from smartcity_desktop.package.submission import build_package

    os.environ["SMARTCITY_SOFFICE"] = ""  # no LibreOffice child that would outlive the killed worker
    pf = ProjectFile.open(path)
    report(1)
    build_package(pf, path.parent / "pkg", final=True)
    report(2)
    pf.close()


def check_package(path: Path, ctx: dict[str, Any], acked: list[int]) -> str | None:
    from smartcity_desktop.package.verify import verify_package

    folder = path.parent / "pkg"
    with ProjectFile.open(path) as pf:
        finals = {v.id for v in pf.versions() if v.final}
    if not folder.exists():
        return None if max(acked, default=0) < 2 else "package reported made but absent"
    result = verify_package(folder)
    if not result.intact:
        return f"package folder is not intact: {result.lines()[:3]}"
    version = result.manifest.get("version") or {}
    if version.get("id") not in finals:
        return "package names a final version the dossier does not hold"
    return None


MERGE_UNITS = ("区交通局", "区卫生局", "区水务局", "区城管局")


def prep_merge(folder: Path, scheme: Scheme) -> dict[str, Any]:
    """A dossier whose indicators and 40 projects belong to four units, split; every package returns with
    long texts rewritten and a new project, and the office has edited one field a unit also edited (so
    the merge leaves a conflict). The expected result is that of the same merge on a copy."""
    from smartcity_desktop.departments import guard, read_package, split_dossier
    from smartcity_desktop.departments.merge import merge_packages

    path = _base_file(folder, scheme)
    values: dict[str, Any] = {}
    for n, ind in enumerate(scheme.indicators):
        values[f"indicators[{ind.id}].lead_unit"] = MERGE_UNITS[n % 4]
        values[f"indicators[{ind.id}].target"] = _text(f"原-{ind.id}", 800)
    for n in range(40):
        values[f"projects[crash{n:03d}].name"] = f"项目{n}"
        values[f"projects[crash{n:03d}].order"] = n + 1
        values[f"projects[crash{n:03d}].lead_unit"] = MERGE_UNITS[n % 4]
    first = scheme.indicators[0].id
    with ProjectFile.open(path) as pf:
        pf.apply(values, source="harness")
        packages = split_dossier(pf, folder / "packages")
    for unit, package in zip(MERGE_UNITS, packages):
        with ProjectFile.open(package) as pkg:
            manifest = guard(pkg)
            assert manifest is not None
            edits = {f"indicators[{i}].target": _text(f"{unit}-{i}", 1500) for i in manifest.assignment.indicators}
            edits.update({f"projects[{p}].content": _text(f"{unit}-{p}", 1500) for p in manifest.assignment.projects})
            edits[f"projects[new{MERGE_UNITS.index(unit):03d}].name"] = f"{unit}新增项目"
            pkg.apply(edits, source="typed")
    with ProjectFile.open(path) as pf:
        pf.apply({f"indicators[{first}].target": "牵头办的修改"}, source="typed")
    before = _state_of(path)
    trial = folder / "trial.scdossier"
    shutil.copyfile(path, trial)
    with ProjectFile.open(trial) as pf:
        merge_packages(pf, [read_package(p) for p in packages])
        expected = pf.committed_values()
        conflicts = set(pf.dossier.conflict_keys)
    trial.unlink()
    return {"path": path, "packages": packages, "before": before, "expected": expected, "conflicts": conflicts,
            "auto": _automatic_count(path)}


def work_merge(path: Path, ctx: dict[str, Any], report: Callable[[int], None]) -> None:
    from smartcity_desktop.departments import read_package
    from smartcity_desktop.departments.merge import merge_packages

    pf = ProjectFile.open(path)
    report(1)
    merge_packages(pf, [read_package(p) for p in ctx["packages"]])
    report(2)
    pf.close()
    report(3)


def check_merge(path: Path, ctx: dict[str, Any], acked: list[int]) -> str | None:
    """Before, or fully merged: every taken value, the conflict kept beside the dossier's value, one safety version."""
    with ProjectFile.open(path, readonly=True) as pf:
        after = pf.committed_values()
        conflicts = set(pf.dossier.conflict_keys)
    if after == ctx["before"]:
        if conflicts:
            return "conflicts recorded without the merge"
        return None if max(acked, default=0) < 2 else "merge reported done but is absent"
    if after != ctx["expected"]:
        half = sum(1 for k, v in ctx["expected"].items() if after.get(k) == v and ctx["before"].get(k) != v)
        return f"partial merge: {half} merged values present"
    if conflicts != ctx["conflicts"]:
        return f"conflicts {sorted(conflicts)} instead of {sorted(ctx['conflicts'])}"
    return _safety_kept(path, ctx["before"], True, ctx["auto"])


SCENARIOS = {s.name: s for s in (
    Scenario("typing", prep_typing, work_typing, check_typing, 0.3),
    Scenario("import", prep_import, work_import, check_import),
    Scenario("xlsx", prep_xlsx, work_xlsx, check_xlsx),
    Scenario("attach", prep_attach, work_attach, check_attach),
    Scenario("restore", prep_restore, work_restore, check_restore),
    Scenario("migrate", prep_migrate, work_migrate, check_migrate),
    Scenario("rekey", prep_rekey, work_rekey, check_rekey),
    Scenario("package", prep_package, work_package, check_package),
    Scenario("merge", prep_merge, work_merge, check_merge),
)}


# -- the loop ------------------------------------------------------------------------------------
@dataclass
class Result:
    scenario: str
    iterations: int = 0
    killed_mid_work: int = 0
    garbled_locks: int = 0
    failures: list[str] = field(default_factory=list)


def _run_child(path: Path, scenario: Scenario, ctx: dict[str, Any], delay: float) -> tuple[list[int], bool]:
    """Fork a worker, SIGKILL it after ``delay`` seconds; return what it reported and whether it was
    still working when killed."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(read_fd)
        code = 0
        try:
            def report(step: int) -> None:
                os.write(write_fd, step.to_bytes(4, "little"))

            scenario.work(path, ctx, report)
            os.write(write_fd, (2**31 - 1).to_bytes(4, "little"))  # finished
        except BaseException:  # noqa: BLE001 - the worker must never return into the parent's code
            code = 3
        finally:
            os._exit(code)
    os.close(write_fd)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    data = b""
    while chunk := os.read(read_fd, 65536):
        data += chunk
    os.close(read_fd)
    steps = [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data) - len(data) % 4, 4)]
    finished = bool(steps) and steps[-1] == 2**31 - 1
    return [s for s in steps if s != 2**31 - 1], not finished


def _duration(master: bytes, folder: Path, scenario: Scenario, ctx: dict[str, Any]) -> float:
    """How long the worker takes when left alone (so kills spread over the whole write)."""
    work = folder / f"{scenario.name}-calibrate"
    work.mkdir(exist_ok=True)
    path = work / Path(ctx["path"]).name
    path.write_bytes(master)
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            scenario.work(path, dict(ctx, path=path), lambda step: None)
        except BaseException:  # noqa: BLE001
            code = 3
        finally:
            os._exit(code)
    deadline = started + 60  # a worker that hangs (it never should) must not hang the harness
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.perf_counter() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise RuntimeError(f"{scenario.name}: the worker did not finish in 60 s")
        time.sleep(0.002)
    schema.MIGRATIONS.pop(1, None)
    return time.perf_counter() - started


def _garbled_lock(path: Path) -> bool:
    held = lock.read_lock(path) if lock.lock_path(path).exists() else None
    return held is not None and held.pid == -1  # unreadable: named by its owner and time, pid -1


def verify(path: Path) -> str | None:
    """The scenario-independent checks: integrity, opens (lock recovered), no leftovers."""
    try:
        with ProjectFile.open(path, passphrase=PASSPHRASE if _encrypted(path) else None) as pf:
            problems = pf.integrity_problems()
    except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
        return f"does not open: {type(exc).__name__}: {exc}"
    if problems:
        return f"integrity_check: {problems[:3]}"
    leftovers = [p.name for p in path.parent.glob(f".{path.name}.*.tmp")]
    if leftovers:
        return f"temp files left: {leftovers}"
    return None


def _encrypted(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT 1 FROM meta WHERE key = 'encryption'").fetchone() is not None
    finally:
        conn.close()


def run(scenario_name: str, iterations: int, folder: Path, rng: random.Random,
        progress: Callable[[str], None] | None = None) -> Result:
    scenario = SCENARIOS[scenario_name]
    scheme = default_scheme()
    result = Result(scenario_name)
    master_dir = folder / f"{scenario_name}-master"
    master_dir.mkdir(parents=True, exist_ok=True)
    ctx = scenario.prepare(master_dir, scheme)
    master = Path(ctx["path"]).read_bytes()
    max_delay = scenario.max_delay or 1.1 * _duration(master, folder, scenario, ctx)
    for i in range(iterations):
        work = folder / f"{scenario_name}-{i}"
        work.mkdir()
        path = work / Path(ctx["path"]).name
        path.write_bytes(master)
        run_ctx = dict(ctx, path=path)
        schema.MIGRATIONS.pop(1, None)
        acked, interrupted = _run_child(path, scenario, run_ctx, rng.uniform(0, max_delay))
        result.iterations += 1
        result.killed_mid_work += int(interrupted)
        if _garbled_lock(path):  # killed between creating its lock and writing it: recovered after a grace
            result.garbled_locks += 1
            aged = time.time() - lock.UNREADABLE_GRACE - 1  # stands in for the user trying again later
            os.utime(lock.lock_path(path), (aged, aged))
        try:  # the scenario's check first: the generic one opens (and so may upgrade) the file
            problem = scenario.check(path, run_ctx, acked) or verify(path)
        except Exception as exc:  # noqa: BLE001 - a check that cannot even read the file is a failure
            problem = f"check failed: {type(exc).__name__}: {exc}"
        schema.MIGRATIONS.pop(1, None)
        if problem:
            result.failures.append(f"{scenario_name} #{i}: {problem}")
            if progress:
                progress(result.failures[-1])
        else:
            shutil.rmtree(work)  # files, and a package scenario's folders
    return result


def available(name: str) -> bool:
    if name == "xlsx":
        try:
            from smartcity_desktop.export import export_dossier  # noqa: F401
            from smartcity_desktop.export.xlsx_import import read_workbook  # noqa: F401
        except ImportError:
            return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description="SIGKILL a dossier writer at random moments; check every file.")
    parser.add_argument("--iterations", type=int, default=1000, help="in all, spread over the scenarios")
    parser.add_argument("--scenario", default=",".join(SCENARIOS))
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--keep", help="folder to keep failing files in (default: a temp folder)")
    args = parser.parse_args()
    if not hasattr(os, "fork"):
        print("the crash harness needs os.fork (Linux, macOS)", file=sys.stderr)
        return 2
    names = [n for n in args.scenario.split(",") if n]
    skipped = [n for n in names if not available(n)]
    names = [n for n in names if n not in skipped]
    rng = random.Random(args.seed)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="smartcity-crash-"))
    started = time.perf_counter()
    results = []
    per = max(1, args.iterations // len(names))
    for name in names:
        results.append(run(name, per, folder, rng, progress=lambda msg: print("FAIL", msg, flush=True)))
        r = results[-1]
        print(f"{name:8} {r.iterations - len(r.failures):5}/{r.iterations} survived "
              f"({r.killed_mid_work} killed mid-write, {r.garbled_locks} half-written locks)", flush=True)
    total = sum(r.iterations for r in results)
    failed = sum(len(r.failures) for r in results)
    print(f"\nseed {args.seed}: {total - failed}/{total} kills survived in {time.perf_counter() - started:.0f} s"
          + (f"; skipped (not available): {', '.join(skipped)}" if skipped else ""))
    if failed:
        print(f"failing files kept in {folder}")
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    sys.exit(main())
