"""The project file: identity, durability settings, edits, attachments, versions, locks, migrations."""
from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import struct

import pytest

from smartcity_desktop.errors import DataProblem, FileProblem
from smartcity_desktop.store import (
    LockedError,
    NewerVersion,
    NotADossier,
    ProjectFile,
    ReadOnly,
    copy_dossier,
    read_lock,
    schema,
)
from smartcity_desktop.store.lock import lock_path


def test_file_identity_and_durability_settings(empty_path):
    conn = sqlite3.connect(empty_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    with ProjectFile.open(empty_path) as pf:
        assert pf.database.connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert pf.database.connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert pf.dossier.get("applicant.name") == "测试区"
        assert pf.meta["scheme_id"] == "mohurd-2012-trial" and len(pf.dossier_id) == 32


def test_edits_are_pending_until_flush_and_survive_reopen(empty_path):
    pf = ProjectFile.open(empty_path, author="李四")
    pf.set("indicators[1.1.1].target", "到2015年完成规划纲要编制")
    assert pf.has_unsaved
    other = ProjectFile.open(empty_path, readonly=True)
    assert other.dossier.get("indicators[1.1.1].target") is None  # not committed yet
    other.close()
    assert pf.flush() is True and not pf.has_unsaved
    assert pf.flush() is False
    pf.set("indicators[1.1.1].target", None)
    pf.set("indicators[1.1.1].target", "新目标")
    pf.close()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        assert pf.dossier.get("indicators[1.1.1].target") == "新目标"
        author, source, _when = pf.field_origin("indicators[1.1.1].target")
        assert (author, source) == ("李四", "typed")
        log = pf.changes("indicators[1.1.1].target")
        assert [c.new for c in log] == ["新目标", "到2015年完成规划纲要编制"]
        assert log[0].old == "到2015年完成规划纲要编制"


def test_apply_is_all_or_nothing(empty_path):
    with ProjectFile.open(empty_path) as pf:
        with pytest.raises(DataProblem):
            pf.apply({"profile.gdp": 100, "profile.population": "many"}, "import:x.json")
        assert pf.dossier.get("profile.gdp") is None
        done = pf.apply({"profile.gdp": 100, "profile.population": 5000}, "import:x.json")
        assert done == {"profile.gdp": 100, "profile.population": 5000}
        assert pf.field_origin("profile.gdp")[1] == "import:x.json"


def test_readonly_refuses_writes(empty_path):
    with ProjectFile.open(empty_path, readonly=True) as pf, pytest.raises(ReadOnly):
        pf.set("applicant.name", "x")
    assert not lock_path(empty_path).exists()


def test_attachments_are_deduplicated_streamed_and_checked(empty_path, tmp_path):
    src = tmp_path / "规划纲要.pdf"
    payload = os.urandom(2 * 1024 * 1024 + 123)  # three chunks
    src.write_bytes(payload)
    with ProjectFile.open(empty_path) as pf:
        a1 = pf.add_attachment("conditions[2].documents", src)
        a2 = pf.add_attachment("indicators[1.1.1].documents", src, name="..\\..\\副本.pdf")
        assert a1.blob_id == a2.blob_id == hashlib.sha256(payload).hexdigest()
        assert a2.name == "副本.pdf"
        assert pf.database.connection.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1
        assert pf.database.connection.execute("SELECT count(*) FROM blob_chunks").fetchone()[0] == 3
        assert pf.dossier.get("conditions[2].documents") == [a1.id]
        out = pf.save_attachment(a1.id, tmp_path / "out.pdf")
        assert out.read_bytes() == payload
        pf.remove_attachment(a1.id)
        assert pf.dossier.get("conditions[2].documents") is None
        assert [a.id for a in pf.attachments()] == [a2.id]
        pf.remove_attachment(a2.id)
        assert pf.database.connection.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0
        with pytest.raises(Exception, match="证明材料"):
            pf.add_attachment("applicant.name", src)
        with pytest.raises(Exception, match="太大"):
            pf.add_attachment("conditions[2].documents", src, max_size=1024)
        assert pf.attachments() == []


def test_versions_create_diff_restore(empty_path):
    with ProjectFile.open(empty_path) as pf:
        att = pf.add_attachment("conditions[2].documents", b"outline", name="纲要.txt")
        v1 = pf.create_version("初稿")
        pf.set("applicant.name", "滨湖新区")
        pf.set("profile.gdp", 42)
        pf.remove_attachment(att.id)
        assert pf.diff_version(v1) == [("applicant.name", "测试区", "滨湖新区"), ("profile.gdp", None, 42),
                                       ("conditions[2].documents", [att.id], None)]
        keys = [k for k, _o, _n in pf.diff_version(v1)]
        assert keys == ["applicant.name", "profile.gdp", "conditions[2].documents"]
        v2 = pf.create_version("修改稿", final=True)
        assert [(v.name, v.final) for v in pf.versions()] == [("初稿", False), ("修改稿", True)]
        assert [k for k, _o, _n in pf.diff_version(v1, v2)] == keys
        pf.restore_version(v1)
        assert pf.dossier.get("applicant.name") == "测试区" and pf.dossier.get("profile.gdp") is None
        assert [a.id for a in pf.attachments()] == [att.id]  # kept because a version referred to it
        assert b"".join(pf.read_attachment(att.id)) == b"outline"
        assert pf.changes("applicant.name")[0].source == f"restore:{v1}"  # DESIGN.md: restore:ID


def test_lock_names_holder_and_stale_lock_is_recovered(empty_path):
    pf = ProjectFile.open(empty_path)
    holder = read_lock(empty_path)
    assert holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname()
    with pytest.raises(LockedError) as info:
        ProjectFile.open(empty_path)
    assert holder.user in str(info.value) and "只读" in str(info.value)
    with ProjectFile.open(empty_path, readonly=True) as ro:  # read-only needs no lock
        assert ro.dossier.get("applicant.name") == "测试区"
    pf.close()
    assert read_lock(empty_path) is None
    # A lock left by a dead process on this host is taken over without asking.
    lock_path(empty_path).write_text('{"user": "王五", "host": "%s", "pid": 999999999, "time": "t"}'
                                     % socket.gethostname(), encoding="utf-8")
    with ProjectFile.open(empty_path) as pf2:
        assert read_lock(empty_path).pid == os.getpid()
        pf2.set("profile.gdp", 1)
    # A lock from another computer cannot be checked: refused, unless the user chooses to take it.
    lock_path(empty_path).write_text('{"user": "王五", "host": "other-pc", "pid": 1, "time": "t"}', encoding="utf-8")
    with pytest.raises(LockedError, match="other-pc"):
        ProjectFile.open(empty_path)
    with ProjectFile.open(empty_path, steal_lock=True):
        pass


def test_copy_of_a_locked_dossier(empty_path, tmp_path):
    with ProjectFile.open(empty_path) as pf:
        pf.set("profile.gdp", 7)
        pf.flush()
        copy = copy_dossier(empty_path, tmp_path / "副本.scdossier")
    with ProjectFile.open(copy) as other:
        assert other.dossier.get("profile.gdp") == 7


def _bytes(path):
    return path.read_bytes()


def test_foreign_empty_and_newer_files_are_refused_untouched(tmp_path, empty_path):
    empty = tmp_path / "zero.scdossier"
    empty.write_bytes(b"")
    with pytest.raises(NotADossier, match="空"):
        ProjectFile.open(empty)
    text = tmp_path / "note.scdossier"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(NotADossier):
        ProjectFile.open(text)
    foreign = tmp_path / "other.scdossier"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = _bytes(foreign)
    with pytest.raises(NotADossier, match="其他程序"):
        ProjectFile.open(foreign)
    assert _bytes(foreign) == before
    raw = bytearray(_bytes(empty_path))
    raw[60:64] = struct.pack(">i", schema.SCHEMA_VERSION + 1)
    newer = tmp_path / "newer.scdossier"
    newer.write_bytes(bytes(raw))
    with pytest.raises(NewerVersion, match="更新版本"):
        ProjectFile.open(newer)
    assert _bytes(newer) == bytes(raw)
    assert not lock_path(newer).exists()


def test_older_file_is_migrated_after_a_backup(empty_path, monkeypatch):
    calls = []

    def to_v2(conn: sqlite3.Connection) -> None:
        calls.append(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")

    original = _bytes(empty_path)
    current = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(schema.MIGRATIONS, current + 1, to_v2)
    from smartcity_desktop.store import projectfile

    monkeypatch.setattr(projectfile.schema, "SCHEMA_VERSION", current + 1)
    with ProjectFile.open(empty_path) as pf:
        assert pf.dossier.get("applicant.name") == "测试区"
    backup = empty_path.with_name(f"empty.v{current}-backup.scdossier")
    assert backup.read_bytes() == original
    assert calls == [current]
    conn = sqlite3.connect(empty_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current + 1
    conn.close()


def test_version_1_file_upgrades_to_the_departments_schema(tmp_path, scheme):
    """A file of format 1 (before issue 14) gains the change-log detail and the departments table after
    a backup; its history is kept, and new changes carry their unit (sealed when encrypted)."""
    path = tmp_path / "old.scdossier"
    conn = sqlite3.connect(path)
    conn.executescript(schema.SCHEMA_V1)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", [
        ("dossier_id", "abc123"), ("scheme_id", scheme.id), ("scheme_version", scheme.version)])
    conn.execute("INSERT INTO fields(key, value, author, source, changed_at) VALUES "
                 "('applicant.name', '\"旧区\"', '甲', 'typed', '2026-01-01T00:00:00+08:00')")
    conn.execute("INSERT INTO changes(key, old, new, author, source, changed_at) VALUES "
                 "('applicant.name', NULL, '\"旧区\"', '甲', 'typed', '2026-01-01T00:00:00+08:00')")
    conn.commit()
    conn.close()
    original = _bytes(path)
    with ProjectFile.open(path, readonly=True) as pf:  # read-only: read as it is, not upgraded
        assert pf.dossier.get("applicant.name") == "旧区" and pf.changes()[0].source == "typed"
        assert pf.department_state() == {} and not pf.dossier.conflict_keys
    assert _bytes(path) == original
    with ProjectFile.open(path) as pf:
        assert pf.dossier.get("applicant.name") == "旧区"
        pf.merge_apply({"applicant.name": "新区"}, {"applicant.name": "merge:交通局.scpart"},
                       {"applicant.name": "交通局"}, {}, "交通局.scpart")
        log = pf.changes("applicant.name")
    assert [(c.source, c.unit) for c in log] == [("merge:交通局.scpart", "交通局"), ("typed", "")]
    assert path.with_name("old.v1-backup.scdossier").read_bytes() == original
    with ProjectFile.open(path) as pf:  # the upgraded file passes the schema check of the current format
        assert pf.changes("applicant.name")[0].unit == "交通局"


def test_create_refuses_to_overwrite(empty_path, scheme):
    with pytest.raises(FileProblem, match="已存在"):
        ProjectFile.create(empty_path, scheme)


def test_encrypted_dossier_holds_no_plaintext(tmp_path, scheme, monkeypatch):
    path = tmp_path / "secret.scdossier"
    pf = ProjectFile.create(path, scheme, passphrase="correct horse", values={"applicant.name": "保密区甲"})
    pf.set("indicators[1.1.1].measures", "机密措施内容ABC")
    pf.add_attachment("conditions[2].documents", b"CONFIDENTIAL-OUTLINE" * 50, name="机密纲要.txt")
    pf.create_version("机密版本")
    pf.close()
    raw = path.read_bytes()
    for plain in ("保密区甲", "机密措施内容ABC", "机密纲要", "机密版本"):
        assert plain.encode("utf-8") not in raw
    assert b"CONFIDENTIAL-OUTLINE" not in raw
    from smartcity_desktop.store import PassphraseNeeded, WrongPassphrase

    with pytest.raises(PassphraseNeeded):
        ProjectFile.open(path)
    with pytest.raises(WrongPassphrase):
        ProjectFile.open(path, passphrase="wrong horse")
    monkeypatch.setenv("SMARTCITY_PASSPHRASE", "correct horse")
    with ProjectFile.open(path, readonly=True) as pf:
        assert pf.encrypted and pf.dossier.get("indicators[1.1.1].measures") == "机密措施内容ABC"
        att = pf.attachments()[0]
        assert att.name == "机密纲要.txt"
        assert b"".join(pf.read_attachment(att.id)) == b"CONFIDENTIAL-OUTLINE" * 50


def test_readonly_open_rolls_back_a_crashed_transaction(empty_path):
    """A writer killed mid-transaction leaves a hot journal; even a read-only open sees the last commit."""
    import signal
    import subprocess
    import sys

    code = (
        "import sqlite3, os, signal, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size=1'); c.execute('BEGIN IMMEDIATE')\n"
        "for i in range(2000):\n"
        "    c.execute('INSERT INTO fields(key, value, changed_at) VALUES (?, ?, ?)', (f'applicant.x{i}', 'y' * 500, 't'))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(empty_path)], timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert empty_path.with_name(empty_path.name + "-journal").exists()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        assert pf.dossier.values() == {"applicant.name": "测试区", "applicant.level": "district",
                                       "applicant.province": "江东省"}
        assert pf.integrity_problems() == []


def test_long_chinese_attachment_name_is_shortened_to_a_valid_file_name(empty_path, tmp_path):
    name = "智慧城市发展规划纲要" * 20 + ".pdf"
    with ProjectFile.open(empty_path) as pf:
        att = pf.add_attachment("conditions[2].documents", b"x", name=name)
        assert att.name.endswith(".pdf") and len(att.name.encode("utf-8")) <= 200
        assert pf.save_attachment(att.id, tmp_path / att.name).read_bytes() == b"x"


def test_encrypted_change_log_does_not_name_the_import_file(tmp_path, scheme):
    """The file name is kept (history shows it) but only sealed: the clear column says ``import``."""
    path = tmp_path / "s.scdossier"
    with ProjectFile.create(path, scheme, passphrase="long enough") as pf:
        pf.apply({"profile.gdp": 5}, "import:机密来源.json")
        assert pf.changes("profile.gdp")[0].source == "import:机密来源.json"
    assert "机密来源".encode() not in path.read_bytes()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT source FROM changes WHERE key = 'profile.gdp'").fetchone()[0] == "import"
    conn.close()


def test_readonly_open_of_a_path_with_uri_characters(scheme, tmp_path):
    folder = tmp_path / "规划科 #2?终稿"
    folder.mkdir()
    path = folder / "滨湖区 申报.scdossier"
    ProjectFile.create(path, scheme, values={"applicant.name": "滨湖区"}).close()
    with ProjectFile.open(path, readonly=True) as pf:
        assert pf.dossier.get("applicant.name") == "滨湖区"
    assert copy_dossier(path, tmp_path / "copy.scdossier").exists()


def test_readonly_uri_for_windows_drive_and_network_share_paths(monkeypatch):
    """UNC paths (dossiers on a network share) need an empty URI authority; Path.as_uri() gives the
    server as authority, which SQLite refuses."""
    import ntpath

    from smartcity_desktop.store import projectfile

    monkeypatch.setattr(projectfile.os, "sep", "\\")
    monkeypatch.setattr(projectfile.os.path, "abspath", ntpath.abspath)
    assert projectfile.readonly_uri("C:\\Users\\张三\\a b.scdossier") == \
        "file:/C:/Users/%E5%BC%A0%E4%B8%89/a%20b.scdossier?mode=ro"
    assert projectfile.readonly_uri("\\\\fileserver\\share\\x.scdossier") == \
        "file:////fileserver/share/x.scdossier?mode=ro"


@pytest.mark.parametrize("data", [
    '{"values": {"applicant.level": "galaxy"}, "scheme": "x"}',
    '{"values": {"profile.gdp": NaN}}',
    '{"values": {"applicant.name": "滨湖\\u001b[2J区"}}',
    '{"values": {"applicant.declaration_date": "2012-02-31"}}',
    '{"values": {"indicators[9.9.9].target": "x"}}',
    '{"values": {"projects[p1].indicators": ["9.9.9"]}}',
    '{"values": {"conditions[2].documents": ["../../etc/passwd"]}}',
    '{"values": {"not a key": 1}}',
    '{"values": ["applicant.name"]}',
    '[1, 2, 3]',
    '"values"',
    '{not json',
    42,
    b'{"values": {}}',
])
def test_a_hostile_stored_version_is_refused_before_restore(empty_path, data):
    """``versions restore`` wrote a hostile version unchecked (every later command then crashed)."""
    from smartcity_desktop.store import DamagedFile

    with ProjectFile.open(empty_path) as pf:
        vid = pf.create_version("初稿")
        pf.set("applicant.name", "滨湖新区")
        pf.flush()
    conn = sqlite3.connect(empty_path, isolation_level=None)
    conn.execute("UPDATE versions SET data = ? WHERE id = ?", (data, vid))
    conn.close()
    with ProjectFile.open(empty_path) as pf:
        before = (pf.committed_values(), len(pf.changes()))
        with pytest.raises(DamagedFile, match=f"版本 {vid} 已损坏"):
            pf.restore_version(vid)
        with pytest.raises(DamagedFile):
            pf.diff_version(vid)
        assert (pf.committed_values(), len(pf.changes())) == before  # nothing written
        assert [v.name for v in pf.versions()] == ["初稿"]
    with ProjectFile.open(empty_path, readonly=True) as pf:
        assert pf.dossier.get("applicant.name") == "滨湖新区"


def test_a_sound_version_with_a_removed_attachment_still_restores(empty_path):
    with ProjectFile.open(empty_path) as pf:
        att = pf.add_attachment("conditions[2].documents", b"outline", name="纲要.txt")
        vid = pf.create_version("初稿")
        pf.remove_attachment(att.id)
        pf.restore_version(vid)
        assert pf.dossier.get("conditions[2].documents") == [att.id]


def test_hostile_version_names_and_change_log_rows_are_damage_not_crashes(empty_path):
    from smartcity_desktop.store import DamagedFile

    with ProjectFile.open(empty_path) as pf:
        pf.create_version("初稿")
        pf.set("applicant.name", "滨湖新区")
        pf.flush()
    conn = sqlite3.connect(empty_path, isolation_level=None)
    conn.execute("UPDATE versions SET name = 7")
    conn.execute("UPDATE changes SET new = 3.5")
    conn.close()
    with ProjectFile.open(empty_path, readonly=True) as pf:
        with pytest.raises(DamagedFile):
            pf.versions()
        with pytest.raises(DamagedFile):
            pf.changes()


def test_scheme_is_chosen_by_id_never_used_as_a_path(empty_path, tmp_path, monkeypatch):
    """An absolute scheme id loaded an outside scheme file; on Windows a UNC path could reach the network."""
    import json as _json

    from smartcity_desktop.resources import resource_path
    from smartcity_desktop.scheme import load_scheme_by_id

    outside = tmp_path / "outside.json"
    data = _json.loads(resource_path("schemes", "mohurd-2012-trial.json").read_text(encoding="utf-8"))
    outside.write_text(_json.dumps(data), encoding="utf-8")
    for bad in (str(outside.with_suffix("")), "../" * 8 + str(outside.with_suffix(""))[1:],
                "\\\\server\\share\\scheme", "C:\\schemes\\x", "a/b", "..", "", "x" * 101):
        with pytest.raises(FileProblem, match="无效"):
            load_scheme_by_id(bad)
    # A user scheme file is found by the id inside it, not by its file name.
    folder = tmp_path / "schemes"
    folder.mkdir()
    data["id"], data["version"] = "province-x", "2"
    (folder / "mohurd-2012-trial.json").write_text(_json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("SMARTCITY_SCHEME_DIR", str(folder))
    assert load_scheme_by_id("province-x", "2").id == "province-x"
    assert load_scheme_by_id("mohurd-2012-trial").id == "mohurd-2012-trial"


def test_opening_a_plain_dossier_imports_no_hashing_or_id_modules(demo_path):
    """The start path stays cheap (issue 10 point 8): opening (and closing) a plain dossier checks every value
    but needs no OpenSSL (hashlib, hmac, secrets: ~3-4 ms CPU), no ``calendar``, ``uuid`` or ``socket``; they
    are imported where an attachment is hashed, an id is drawn or a dossier is created."""
    import subprocess
    import sys

    heavy = ("hashlib", "hmac", "secrets", "calendar", "uuid", "socket", "_hashlib")
    code = ("import sys\n"
            "from smartcity_desktop.store import ProjectFile\n"
            "pf = ProjectFile.open(sys.argv[1]); n = len(pf.committed_values()); pf.close()\n"
            f"print(n, sorted(m for m in {heavy!r} if m in sys.modules))\n")
    proc = subprocess.run([sys.executable, "-c", code, str(demo_path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    count, loaded = proc.stdout.split(" ", 1)
    assert int(count) > 500 and loaded.strip() == "[]", proc.stdout
