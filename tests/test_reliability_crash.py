"""SIGKILL during writes (quick CI run of tools/crash_harness.py): every file stays sound and committed.

The long run (1,000 kills) is ``python tools/crash_harness.py``; its figures are in docs/reliability.md.
"""
from __future__ import annotations

import importlib.util
import os
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash harness forks its worker (POSIX)")]


def _harness():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("crash_harness", ROOT / "tools" / "crash_harness.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_harness"] = module
    spec.loader.exec_module(module)
    return module


harness = _harness()


@pytest.mark.parametrize(("scenario", "iterations"), [
    ("typing", 4), ("import", 6), ("attach", 6), ("restore", 5), ("migrate", 6), ("rekey", 5), ("xlsx", 4),
    ("package", 5), ("merge", 5)])
def test_kill_9_leaves_a_sound_committed_file(scenario: str, iterations: int, tmp_path: Path) -> None:
    if not harness.available(scenario):
        pytest.skip(f"{scenario}: the importer it drives is not in this build yet")
    result = harness.run(scenario, iterations, tmp_path, random.Random(1234))
    assert result.failures == []
    assert result.iterations == iterations
    # Kills must land while the worker is still writing, or the test proves nothing (the delays are
    # drawn over the measured write time; under heavy load a few more land after it).
    assert result.killed_mid_work >= 1


def test_checks_catch_a_half_applied_import(tmp_path: Path) -> None:
    """The harness's own check is not vacuous: a file holding half an import is reported."""
    from smartcity_desktop.scheme import default_scheme
    from smartcity_desktop.store import ProjectFile

    ctx = harness.prep_import(tmp_path, default_scheme())
    wanted = harness._normalised(ctx["path"], harness.json.loads(Path(ctx["json"]).read_text(encoding="utf-8")))
    half = dict(list(wanted.items())[: len(wanted) // 2])
    with ProjectFile.open(ctx["path"]) as pf:
        pf.apply(half, source="test")
    assert "partial state" in (harness.check_import(ctx["path"], ctx, [1]) or "")


def test_stale_lock_of_a_killed_writer_is_recovered(tmp_path: Path) -> None:
    """The killed worker's lock names a dead pid on this host: the next open takes it over silently."""
    from smartcity_desktop.scheme import default_scheme
    from smartcity_desktop.store import ProjectFile, read_lock

    ctx = harness.prep_typing(tmp_path, default_scheme())
    acked, interrupted = harness._run_child(ctx["path"], harness.SCENARIOS["typing"], ctx, 0.15)
    assert interrupted and acked
    holder = read_lock(ctx["path"])
    assert holder is not None and holder.pid != os.getpid()
    with ProjectFile.open(ctx["path"]) as pf:
        assert pf.integrity_problems() == []
        assert read_lock(ctx["path"]).pid == os.getpid()
