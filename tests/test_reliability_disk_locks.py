"""Disk full, read-only files and folders, and a second program on the same dossier: clear messages,
nothing lost."""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.scheme import Scheme
from smartcity_desktop.store import LockedError, ProjectFile, ReadOnly, copy_dossier, read_lock
from smartcity_desktop.store.lock import lock_path

posix_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks a second program (POSIX)")


def _in_child(work: Callable[[], str]) -> str:
    """Run ``work`` in a forked process; return what it returned (or the exception it raised)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        try:
            out = work()
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            out = f"{type(exc).__name__}: {exc}"
        os.write(write_fd, out.encode("utf-8"))
        os._exit(0)
    os.close(write_fd)
    os.waitpid(pid, 0)
    data = b""
    while chunk := os.read(read_fd, 65536):
        data += chunk
    os.close(read_fd)
    return data.decode("utf-8")


# -- disk full ------------------------------------------------------------------------------------
@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs (a real ENOSPC), where this machine lets us mount one (root in CI)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a tiny filesystem needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _fill(folder: Path, leave: int) -> Path:
    st = os.statvfs(folder)
    filler = folder / "filler.bin"
    filler.write_bytes(b"\0" * max(0, st.f_bavail * st.f_frsize - leave))
    return filler


def test_disk_full_gives_a_clear_message_and_loses_nothing(tiny_disk: Path, scheme: Scheme) -> None:
    path = tiny_disk / "满盘.scdossier"
    pf = ProjectFile.create(path, scheme, values={"applicant.name": "满盘区", "applicant.level": "district",
                                                  "applicant.province": "江东省"})
    pf.set("profile.overview", "已保存的内容")
    pf.flush()
    filler = _fill(tiny_disk, 120_000)
    with pytest.raises(FileProblem, match="磁盘空间已满"):
        pf.add_attachment("conditions[1].documents", os.urandom(1 << 20), name="扫描件.pdf")
    assert pf.attachments() == [] and pf.dossier.get("conditions[1].documents") is None
    typed = {}
    with pytest.raises(FileProblem, match="磁盘空间已满.*尚未保存的修改仍在程序中"):
        for i in range(100):
            key = f"indicators[1.1.{1 + i % 5}].measures"
            typed[key] = f"第{i}段" + "字" * 20_000
            pf.set(key, typed[key])
            pf.flush()
    assert pf.has_unsaved  # the edit that did not fit is still in memory...
    with pytest.raises(FileProblem, match="磁盘空间已满"):
        ProjectFile.create(tiny_disk / "新卷宗.scdossier", scheme, values={"profile.overview": "字" * 90_000})
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler.bin", "满盘.scdossier", "满盘.scdossier.lock"]
    filler.unlink()
    assert pf.flush() is True and not pf.has_unsaved  # ...and is saved once there is room again
    pf.close()
    with ProjectFile.open(path) as again:
        assert again.integrity_problems() == []
        assert {k: again.dossier.get(k) for k in typed} == typed
        assert again.dossier.get("profile.overview") == "已保存的内容"


@posix_only
def test_file_size_limit_mid_write_is_a_clear_error_and_the_file_stays_sound(empty_path: Path) -> None:
    def work() -> str:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        pf = ProjectFile.open(empty_path)
        limit = empty_path.stat().st_size + 64 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        try:
            pf.add_attachment("conditions[1].documents", os.urandom(1 << 20), name="big.pdf")
        except FileProblem as exc:
            return "FileProblem: " + str(exc)
        finally:
            pf.database.connection.close()
        return "no error"

    result = _in_child(work)
    assert result.startswith("FileProblem: ") and "empty.scdossier" in result
    with ProjectFile.open(empty_path) as pf:  # the dead child's lock is recovered; nothing half-written
        assert pf.integrity_problems() == [] and pf.attachments() == []


# -- read-only files and folders ------------------------------------------------------------------
def _as_other_user(work: Callable[[], str]) -> str:
    """Permissions mean nothing to root: check them as 'nobody' when we are root."""
    "".encode("utf-8-sig")  # codecs a setuid child could no longer import from a root-only install
    if os.geteuid() != 0:
        return work()

    def dropped() -> str:
        os.setgid(65534)
        os.setuid(65534)
        return work()

    return _in_child(dropped)


@pytest.fixture
def shared_copy(empty_path: Path) -> Iterator[Path]:
    """The dossier in a folder of its own that another user can reach (pytest's tmp folders are 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="smartcity-perm-"))
    os.chmod(folder, 0o777)
    path = folder / empty_path.name
    shutil.copyfile(empty_path, path)
    os.chmod(path, 0o666)
    try:
        yield path
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder, ignore_errors=True)


@posix_only
def test_read_only_file_is_refused_for_editing_but_opens_read_only(shared_copy: Path) -> None:
    empty_path = shared_copy
    os.chmod(empty_path, 0o444)
    before = empty_path.read_bytes()

    def work() -> str:
        out = []
        try:
            ProjectFile.open(empty_path)
            out.append("opened for editing")
        except FileProblem as exc:
            out.append(f"{type(exc).__name__}: {exc}")
        with ProjectFile.open(empty_path, readonly=True) as pf:
            out.append(f"read-only: {pf.dossier.get('applicant.name')}")
        return "\n".join(out)

    try:
        result = _as_other_user(work).splitlines()
    finally:
        os.chmod(empty_path, 0o644)
    assert result[0].startswith("ReadOnly: ") and "不可写" in result[0]
    assert result[1] == "read-only: 测试区"
    assert empty_path.read_bytes() == before
    assert not lock_path(empty_path).exists()


@posix_only
def test_read_only_folder_says_so_and_offers_read_only(shared_copy: Path) -> None:
    empty_path = shared_copy
    folder = empty_path.parent
    os.chmod(folder, 0o555)

    def work() -> str:
        try:
            ProjectFile.open(empty_path)
            return "opened for editing"
        except FileProblem as exc:
            first = str(exc)
        with ProjectFile.open(empty_path, readonly=True) as pf:
            return first + "\n" + str(pf.dossier.get("applicant.name"))

    try:
        result = _as_other_user(work).splitlines()
    finally:
        os.chmod(folder, 0o755)
    assert "没有写入权限" in result[0] and "只读" in result[0]
    assert result[1] == "测试区"


def test_read_only_open_refuses_every_write_with_a_message(empty_path: Path) -> None:
    with ProjectFile.open(empty_path, readonly=True) as pf:
        for attempt in (lambda: pf.set("applicant.name", "x"), lambda: pf.apply({"applicant.name": "x"}, "t"),
                        lambda: pf.add_attachment("conditions[1].documents", b"x"),
                        lambda: pf.create_version("v")):
            with pytest.raises(ReadOnly, match="只读"):
                attempt()


# -- a second program -----------------------------------------------------------------------------
@pytest.fixture
def holder(empty_path: Path) -> Iterator[int]:
    """Another program (a forked process) with the dossier open for editing."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        try:
            pf = ProjectFile.open(empty_path, author="王五")
            pf.set("profile.overview", "另一程序已保存的内容")
            pf.flush()
            os.write(write_fd, b"ready")
            time.sleep(60)
        finally:
            os._exit(0)
    os.close(write_fd)
    assert os.read(read_fd, 5) == b"ready"
    os.close(read_fd)
    try:
        yield pid
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass


@posix_only
def test_second_program_gets_who_holds_it_read_only_or_a_copy(holder: int, empty_path: Path,
                                                              tmp_path: Path) -> None:
    with pytest.raises(LockedError) as info:
        ProjectFile.open(empty_path)
    held = info.value.holder
    assert held is not None and held.pid == holder and held.host == socket.gethostname() and held.time
    message = str(info.value)
    assert held.user in message and held.host in message and held.time in message and "只读" in message
    with ProjectFile.open(empty_path, readonly=True) as pf:
        assert pf.dossier.get("profile.overview") == "另一程序已保存的内容"
    copy = copy_dossier(empty_path, tmp_path / "副本.scdossier")
    with ProjectFile.open(copy) as pf:
        assert pf.dossier.get("profile.overview") == "另一程序已保存的内容"
        pf.set("profile.overview", "在副本中修改")
    run = subprocess.run([sys.executable, "-m", "smartcity_desktop", "import", str(empty_path),
                          str(_json(tmp_path, {"applicant.name": "改名"}))], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 2 and held.host in run.stderr and "Traceback" not in run.stderr
    # The holder dies without closing: its lock is stale (same host, dead pid) and recovered silently.
    os.kill(holder, signal.SIGKILL)
    os.waitpid(holder, 0)
    with ProjectFile.open(empty_path) as pf:
        assert read_lock(empty_path).pid == os.getpid()
        assert pf.dossier.get("profile.overview") == "另一程序已保存的内容"


def _json(folder: Path, values: dict[str, str]) -> Path:
    path = folder / "change.json"
    path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return path


def test_lock_from_another_computer_asks_and_can_be_taken_over(empty_path: Path) -> None:
    lock_path(empty_path).write_text(json.dumps({"user": "zhangsan", "host": "规划科-PC07", "pid": 4242,
                                                 "time": "2026-11-26T08:00:00+08:00"}), encoding="utf-8")
    with pytest.raises(LockedError, match="zhangsan.*规划科-PC07.*2026-11-26T08:00:00"):
        ProjectFile.open(empty_path)  # cannot tell whether that program still runs: the user decides
    with ProjectFile.open(empty_path, steal_lock=True) as pf:  # the user's explicit choice
        assert read_lock(empty_path).host == socket.gethostname()
        assert pf.dossier.get("applicant.name") == "测试区"
    assert not lock_path(empty_path).exists()


def test_half_written_lock_is_recovered_after_a_grace_period(empty_path: Path) -> None:
    """A program killed between creating its lock and writing it leaves an empty lock file."""
    from smartcity_desktop.store import lock as lockmod

    lock_path(empty_path).write_bytes(b"")
    with pytest.raises(LockedError):  # just created: its writer may be about to fill it
        ProjectFile.open(empty_path)
    old = time.time() - lockmod.UNREADABLE_GRACE - 1
    os.utime(lock_path(empty_path), (old, old))
    with ProjectFile.open(empty_path) as pf:
        assert pf.dossier.get("applicant.name") == "测试区"


# -- odd locks (issue 9): real path, pid reuse, odd lock files, never "?" ---------------------------
def _write_lock(path: Path, **fields: object) -> None:
    data = {"user": "lisi", "host": socket.gethostname(), "pid": os.getpid(), "time": "2026-11-26T08:00:00+08:00"}
    data.update(fields)
    lock_path(path).write_text(json.dumps(data), encoding="utf-8")


@posix_only
def test_a_symlink_to_the_dossier_finds_the_same_lock(holder: int, empty_path: Path, tmp_path: Path) -> None:
    alias_dir = tmp_path / "别处"
    alias_dir.mkdir()
    alias = alias_dir / "别名.scdossier"
    alias.symlink_to(empty_path)
    with pytest.raises(LockedError) as info:
        ProjectFile.open(alias)
    assert info.value.holder is not None and info.value.holder.pid == holder
    run = subprocess.run([sys.executable, "-m", "smartcity_desktop", "import", str(alias),
                          str(_json(tmp_path, {"applicant.name": "绕过"}))], capture_output=True, text=True,
                         timeout=60, check=False)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    with ProjectFile.open(empty_path, readonly=True) as pf:
        assert pf.dossier.get("applicant.name") == "测试区"
    assert not lock_path(alias).exists()


@posix_only
def test_a_reused_pid_or_an_earlier_boot_does_not_block(empty_path: Path) -> None:
    from smartcity_desktop.processes import boot_id, process_start

    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        time.sleep(0.2)
        _write_lock(empty_path, pid=other.pid, start=process_start(other.pid), boot=boot_id())
        with pytest.raises(LockedError, match="lisi"):  # that very process still runs
            ProjectFile.open(empty_path)
        _write_lock(empty_path, pid=other.pid, start="12345", boot=boot_id())  # the pid now names another program
        with ProjectFile.open(empty_path) as pf:
            assert read_lock(empty_path).pid == os.getpid() and pf.dossier.get("applicant.name") == "测试区"
        if boot_id():
            _write_lock(empty_path, pid=other.pid, start=process_start(other.pid), boot="an-earlier-boot")
            with ProjectFile.open(empty_path):
                assert read_lock(empty_path).pid == os.getpid()
    finally:
        other.kill()
        other.wait()
    assert not lock_path(empty_path).exists()


@posix_only
def test_odd_lock_files_are_recovered_or_named_never_blocking_forever(empty_path: Path, tmp_path: Path) -> None:
    from smartcity_desktop.store import lock as lockmod

    lock = lock_path(empty_path)
    outside = tmp_path / "别人的文件.txt"
    outside.write_text("原样", encoding="utf-8")
    for make in (lambda: lock.symlink_to(tmp_path / "nowhere"),  # dangling: once blocked forever
                 lambda: lock.symlink_to(outside),  # never written through
                 lambda: os.mkfifo(lock)):  # never opened (would hang)
        make()
        started = time.monotonic()
        with ProjectFile.open(empty_path) as pf:
            assert pf.dossier.get("applicant.name") == "测试区" and not lock.is_symlink()
        assert time.monotonic() - started < 5 and not lock.exists()
    assert outside.read_text(encoding="utf-8") == "原样" and not (tmp_path / "nowhere").exists()

    for content in (b"", b"\xff\xfe garbage", b"{" * 10_000_000, b'{"user": 1}', b"[1, 2]"):
        lock.write_bytes(content)
        with pytest.raises(LockedError) as info:  # just written: its writer may be about to finish
            ProjectFile.open(empty_path)
        message = str(info.value)
        assert "?" not in message and current_user_name() in message and "未知计算机" in message
        old = time.time() - lockmod.UNREADABLE_GRACE - 1
        os.utime(lock, (old, old))
        with ProjectFile.open(empty_path):
            assert read_lock(empty_path).pid == os.getpid()

    lock.mkdir()
    with pytest.raises(FileProblem, match="是一个文件夹") as refused:
        ProjectFile.open(empty_path)
    assert not isinstance(refused.value, LockedError) and lock.is_dir()  # a folder is the user's: not removed
    lock.rmdir()


def current_user_name() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


def test_refused_creates_leave_no_lock_and_no_file(tmp_path: Path) -> None:
    target = tmp_path / "短口令.scdossier"
    env = dict(os.environ, SMARTCITY_PASSPHRASE="short")
    run = subprocess.run([sys.executable, "-m", "smartcity_desktop", "new", str(target), "--name", "短口令区",
                          "--level", "district", "--province", "江东省", "--encrypt"], capture_output=True,
                         text=True, timeout=60, check=False, env=env)
    assert run.returncode == 2 and "8 个字符" in run.stderr
    long_name = tmp_path / ("长" * 80 + ".scdossier")  # 250 bytes: legal, but no room for the journal
    for args in (["new", str(long_name), "--name", "长名区", "--level", "district", "--province", "江东省"],
                 ["demo-file", str(long_name)]):
        run = subprocess.run([sys.executable, "-m", "smartcity_desktop", *args], capture_output=True, text=True,
                             timeout=60, check=False)
        assert run.returncode == 2 and "文件名太长" in run.stderr and "磁盘错误" not in run.stderr, run.stderr
    assert sorted(os.listdir(tmp_path)) == []


def test_new_and_demo_file_on_a_full_disk_leave_no_lock_and_no_half_file(tiny_disk: Path) -> None:
    filler = _fill(tiny_disk, 120 * 1024)  # room for a new, empty dossier (~60 KB), not for the demo (~190 KB)
    runs = {}
    for args in (["demo-file", str(tiny_disk / "示例.scdossier")],
                 ["new", str(tiny_disk / "新.scdossier"), "--name", "满盘区", "--level", "district",
                  "--province", "江东省"],
                 ["demo-file", str(tiny_disk / "示例2.scdossier")]):
        run = subprocess.run([sys.executable, "-m", "smartcity_desktop", *args], capture_output=True, text=True,
                             timeout=60, check=False)
        runs[Path(args[1]).name] = run
        assert run.returncode in (0, 2) and "Traceback" not in run.stderr and "内部错误" not in run.stderr, run.stderr
        assert not [p for p in os.listdir(tiny_disk) if p.endswith((".lock", ".tmp", "-journal"))]
    assert runs["示例.scdossier"].returncode == 2 and "磁盘空间已满" in runs["示例.scdossier"].stderr
    assert "示例.scdossier" in runs["示例.scdossier"].stderr and ".sc-demo" not in runs["示例.scdossier"].stderr
    assert runs["新.scdossier"].returncode == 0
    assert sorted(os.listdir(tiny_disk)) == ["filler.bin", "新.scdossier"]  # no half demo, no temp, no lock
    with ProjectFile.open(tiny_disk / "新.scdossier", readonly=True) as pf:
        assert pf.dossier.get("applicant.name") == "满盘区"
    filler.unlink()


@posix_only
def test_sigterm_to_a_command_releases_its_lock(empty_path: Path) -> None:
    """The command line turns SIGTERM into an ordinary exit: the dossier is closed, the lock removed."""
    script = ("import sys, time\n"
              "from smartcity_desktop import privatetemp\n"
              "from smartcity_desktop.store import ProjectFile\n"
              "privatetemp.install_sigterm_exit()\n"
              "with ProjectFile.open(sys.argv[1]) as pf:\n"
              "    pf.set('profile.overview', '终止前的修改')\n"
              "    print('ready', flush=True)\n"
              "    time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(empty_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    assert read_lock(empty_path).pid == proc.pid
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert proc.returncode == 143 and not lock_path(empty_path).exists()
    with ProjectFile.open(empty_path) as pf:  # the pending edit was flushed by close()
        assert pf.dossier.get("profile.overview") == "终止前的修改"


def test_a_crafted_lock_cannot_write_escapes_into_the_message(empty_path: Path) -> None:
    """A lock file on a shared folder can be written by anyone: what it says is shown cleaned and bounded."""
    lock_path(empty_path).write_text(json.dumps({"user": "\x1b]0;owned\x07张三\x1b[2J", "host": "PC\u202e07" + "x" * 5000,
                                                 "pid": 4242, "time": ""}), encoding="utf-8")
    with pytest.raises(LockedError) as info:
        ProjectFile.open(empty_path)
    message = str(info.value)
    assert "\x1b" not in message and "\x07" not in message and "\u202e" not in message and len(message) < 400
    assert "张三" in message and "PC07" in message and "未知时间" in message


def test_an_existing_dossier_with_a_name_near_255_bytes_says_so(empty_path: Path, tmp_path: Path) -> None:
    """A file named on another system can be 248–255 bytes long: too long for SQLite's journal beside it."""
    long = tmp_path / ("长" * 79 + "12.scdossier")  # 249 bytes; "-journal" would make 257
    shutil.copyfile(empty_path, long)
    with pytest.raises(ReadOnly, match="文件名太长.*只读") as info:
        ProjectFile.open(long)
    assert "磁盘错误" not in str(info.value) and not lock_path(long).exists()
    with ProjectFile.open(long, readonly=True) as pf:
        assert pf.dossier.get("applicant.name") == "测试区"
