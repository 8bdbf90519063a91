"""Encryption at rest: encrypt / decrypt / change passphrase atomically, no plaintext in the file or its
journal, passphrase from the keyring, a prompt or SMARTCITY_PASSPHRASE, clear messages."""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.store import PassphraseNeeded, ProjectFile, WrongPassphrase
from smartcity_desktop.store.rekey import change_passphrase, decrypt_dossier, encrypt_dossier

SECRET_TEXT = "绝密：滨湖区数据中心机房位于湖滨大道188号地下二层"
SECRET_ATTACHMENT = "机密附件内容CONFIDENTIAL-PAYLOAD-7731".encode() * 2000
SECRET_NAME = "机密附件名称-征地补偿方案.pdf"
SECRET_VERSION = "内部版本-领导批示稿"
MARKERS = [SECRET_TEXT.encode(), "征地补偿方案".encode(), b"CONFIDENTIAL-PAYLOAD", "领导批示稿".encode(),
           "滨湖区".encode(), "江东省".encode()]
PASS1 = "first passphrase 1"
PASS2 = "second passphrase 2"


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in that really stores (the tests' default backend refuses everything)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def secret_dossier(demo_path: Path) -> Path:
    with ProjectFile.open(demo_path) as pf:
        pf.set("profile.foundation", SECRET_TEXT)
        pf.flush()
        pf.add_attachment("conditions[1].documents", SECRET_ATTACHMENT, name=SECRET_NAME)
        pf.create_version(SECRET_VERSION)
        pf.set("indicators[1.1.1].measures", SECRET_TEXT + "（之后的修改）")
    return demo_path


def _plaintext_in(data: bytes) -> list[bytes]:
    return [m for m in MARKERS if m in data]


def _snapshot(pf: ProjectFile) -> dict[str, Any]:
    atts = {a.name: b"".join(pf.read_attachment(a.id)) for a in pf.attachments()}
    return {"values": pf.committed_values(), "attachments": atts,
            "versions": [(v.name, pf.version_values(v.id)) for v in pf.versions()],
            "changes": [(c.key, c.old, c.new) for c in pf.changes(limit=100_000)]}


def test_encrypt_change_decrypt_round_trip_and_no_plaintext_left(secret_dossier: Path) -> None:
    pf = ProjectFile.open(secret_dossier)
    before = _snapshot(pf)
    assert _plaintext_in(secret_dossier.read_bytes())  # the markers really are there to begin with
    encrypt_dossier(pf, PASS1)
    assert pf.encrypted and _snapshot(pf) == before
    pf.close()
    raw = secret_dossier.read_bytes()
    assert _plaintext_in(raw) == []
    assert not secret_dossier.with_name(secret_dossier.name + "-journal").exists()
    with ProjectFile.open(secret_dossier, passphrase=PASS1) as pf:
        assert _snapshot(pf) == before
        assert pf.database.connection.execute("PRAGMA freelist_count").fetchone()[0] == 0  # VACUUMed: no stale pages
        change_passphrase(pf, PASS2)
    with pytest.raises(WrongPassphrase):
        ProjectFile.open(secret_dossier, passphrase=PASS1)
    with ProjectFile.open(secret_dossier, passphrase=PASS2) as pf:
        assert _snapshot(pf) == before
        for att in pf.attachments():
            pf.save_attachment(att.id, secret_dossier.parent / "check.bin")  # checksum verified on the way
        decrypt_dossier(pf)
    assert SECRET_TEXT.encode() in secret_dossier.read_bytes()
    with ProjectFile.open(secret_dossier) as pf:
        assert not pf.encrypted and _snapshot(pf) == before and pf.integrity_problems() == []


def test_journal_holds_no_plaintext_while_an_encrypted_dossier_is_rewritten(secret_dossier: Path) -> None:
    journal = secret_dossier.with_name(secret_dossier.name + "-journal")
    with ProjectFile.open(secret_dossier) as pf:
        encrypt_dossier(pf, PASS1)
    seen: list[bytes] = []

    def peek(done: int, total: int) -> None:  # called inside the re-keying transaction
        if journal.exists():
            seen.append(journal.read_bytes())

    with ProjectFile.open(secret_dossier, passphrase=PASS1) as pf:
        change_passphrase(pf, PASS2, progress=peek)
        # ...and during an ordinary edit of the encrypted dossier.
        original_write = pf.values.write

        def spy(*args: Any) -> Any:
            done = original_write(*args)
            seen.append(journal.read_bytes())
            return done

        pf.values.write = spy  # type: ignore[method-assign]
        pf.set("profile.overview", SECRET_TEXT + "（新的）")
        pf.flush()
    assert len(seen) >= 2 and all(len(j) > 512 for j in seen)  # live journals were read
    assert all(_plaintext_in(j) == [] for j in seen)
    assert _plaintext_in(secret_dossier.read_bytes()) == []


def test_rekey_refusals_are_clear(secret_dossier: Path) -> None:
    with ProjectFile.open(secret_dossier) as pf:
        with pytest.raises(FileProblem, match="没有加密"):
            decrypt_dossier(pf)
        with pytest.raises(FileProblem, match="没有加密"):
            change_passphrase(pf, PASS2)
        with pytest.raises(FileProblem, match="至少需要 8 个字符"):
            encrypt_dossier(pf, "short")
        assert not pf.encrypted
        encrypt_dossier(pf, PASS1)
        with pytest.raises(FileProblem, match="已经加密"):
            encrypt_dossier(pf, PASS2)
    with ProjectFile.open(secret_dossier, readonly=True, passphrase=PASS1) as pf, \
            pytest.raises(FileProblem, match="只读"):
        decrypt_dossier(pf)


def test_wrong_passphrase_prompt_and_cancel(secret_dossier: Path) -> None:
    with ProjectFile.open(secret_dossier) as pf:
        encrypt_dossier(pf, PASS1)
    with pytest.raises(WrongPassphrase, match="口令不正确"):
        ProjectFile.open(secret_dossier, passphrase="not the passphrase")
    answers = iter(["wrong one", "also wrong", PASS1])
    asked: list[str] = []

    def ask(name: str) -> str | None:
        asked.append(name)
        return next(answers)

    with ProjectFile.open(secret_dossier, ask_passphrase=ask) as pf:  # no keyring backend in tests: asked
        assert pf.dossier.get("profile.foundation") == SECRET_TEXT
    assert asked == [secret_dossier.name] * 3
    with pytest.raises(PassphraseNeeded, match="SMARTCITY_PASSPHRASE"):
        ProjectFile.open(secret_dossier, ask_passphrase=lambda name: None)


def test_keyring_caches_the_key_and_follows_changes(secret_dossier: Path, memory_keyring: MemoryKeyring) -> None:
    with ProjectFile.open(secret_dossier) as pf:
        encrypt_dossier(pf, PASS1)
        dossier_id = pf.dossier_id
    stored = memory_keyring.store[("smartcity-desktop", dossier_id)]
    assert PASS1 not in stored and len(stored) == 44  # the derived 32-byte key (base64), never the passphrase
    with ProjectFile.open(secret_dossier, ask_passphrase=lambda name: pytest.fail("asked despite the cache")) as pf:
        assert pf.encrypted
        change_passphrase(pf, PASS2)
    assert memory_keyring.store[("smartcity-desktop", dossier_id)] != stored
    with ProjectFile.open(secret_dossier) as pf:  # the new key was cached
        decrypt_dossier(pf)
    assert ("smartcity-desktop", dossier_id) not in memory_keyring.store


def test_stale_cached_key_is_dropped_and_the_user_asked(secret_dossier: Path, memory_keyring: MemoryKeyring) -> None:
    with ProjectFile.open(secret_dossier) as pf:
        encrypt_dossier(pf, PASS1)
        dossier_id = pf.dossier_id
    memory_keyring.store[("smartcity-desktop", dossier_id)] = "A" * 44  # a key from an older passphrase
    with ProjectFile.open(secret_dossier, ask_passphrase=lambda name: PASS1) as pf:
        assert pf.dossier.get("profile.foundation") == SECRET_TEXT
    assert memory_keyring.store[("smartcity-desktop", dossier_id)] != "A" * 44


def test_a_foreign_file_claiming_the_dossier_id_keeps_the_cached_key(secret_dossier: Path, tmp_path: Path,
                                                                     scheme: Any,
                                                                     memory_keyring: MemoryKeyring) -> None:
    """Opening a file that claims your dossier id (other parameters, other key) deleted your cached key."""
    import sqlite3

    with ProjectFile.open(secret_dossier) as pf:
        encrypt_dossier(pf, PASS1)
        dossier_id = pf.dossier_id
    cached = memory_keyring.store[("smartcity-desktop", dossier_id)]
    foreign = tmp_path / "同名.scdossier"
    ProjectFile.create(foreign, scheme, passphrase=PASS2, values={}).close()
    memory_keyring.store[("smartcity-desktop", dossier_id)] = cached  # creating it cached its own key elsewhere
    conn = sqlite3.connect(foreign, isolation_level=None)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'dossier_id'", (dossier_id,))
    conn.close()
    with pytest.raises(PassphraseNeeded):
        ProjectFile.open(foreign, ask_passphrase=lambda name: None)
    assert memory_keyring.store[("smartcity-desktop", dossier_id)] == cached
    with ProjectFile.open(secret_dossier, ask_passphrase=lambda name: pytest.fail("asked despite the cache")) as pf:
        assert pf.dossier.get("profile.foundation") == SECRET_TEXT


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    full = {k: v for k, v in os.environ.items() if not k.startswith("SMARTCITY_") or k in (
        "SMARTCITY_DATA_DIR", "SMARTCITY_DOCUMENTS_DIR", "SMARTCITY_LANG")}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "smartcity_desktop", *args], capture_output=True, text=True,
                          env=full, stdin=subprocess.DEVNULL, timeout=120)


def test_cli_encrypt_passwd_decrypt_headless(demo_path: Path, tmp_path: Path) -> None:
    path = str(demo_path)
    run = _cli("encrypt", path)
    assert run.returncode == 2 and "SMARTCITY_NEW_PASSPHRASE" in run.stderr  # no tty, no variable: asks for one
    assert _cli("encrypt", path, env={"SMARTCITY_NEW_PASSPHRASE": PASS1}).returncode == 0
    assert _plaintext_in(demo_path.read_bytes()) == []
    denied = _cli("info", path)
    assert denied.returncode == 2 and "SMARTCITY_PASSPHRASE" in denied.stderr
    wrong = _cli("info", path, env={"SMARTCITY_PASSPHRASE": "wrong passphrase"})
    assert wrong.returncode == 2 and "口令不正确" in wrong.stderr and "Traceback" not in wrong.stderr
    info = _cli("info", path, "--json", env={"SMARTCITY_PASSPHRASE": PASS1})
    assert info.returncode == 0 and '"encrypted": true' in info.stdout
    export = _cli("export", path, "--out", str(tmp_path / "out"), "--format", "xlsx",
                  env={"SMARTCITY_PASSPHRASE": PASS1})
    assert export.returncode == 0, export.stderr
    assert "不加密" in export.stderr  # exports of an encrypted dossier warn that they are not encrypted
    assert _cli("passwd", path, env={"SMARTCITY_PASSPHRASE": PASS1,
                                     "SMARTCITY_NEW_PASSPHRASE": PASS2}).returncode == 0
    assert _cli("info", path, env={"SMARTCITY_PASSPHRASE": PASS1}).returncode == 2
    assert _cli("decrypt", path, env={"SMARTCITY_PASSPHRASE": PASS2}).returncode == 0
    plain = _cli("info", path, "--json")
    assert plain.returncode == 0 and '"encrypted": false' in plain.stdout


def test_cli_new_encrypted_holds_no_plaintext(tmp_path: Path) -> None:
    path = tmp_path / "secret.scdossier"
    run = _cli("new", str(path), "--name", "保密测试区", "--level", "district", "--province", "江东省", "--encrypt",
               env={"SMARTCITY_PASSPHRASE": PASS1})
    assert run.returncode == 0, run.stderr
    assert "保密测试区".encode() not in path.read_bytes() and "江东省".encode() not in path.read_bytes()


def test_encrypting_a_file_with_a_crafted_change_log_row_is_refused_unchanged(demo_path: Path) -> None:
    import hashlib
    import sqlite3

    from smartcity_desktop.store import DamagedFile

    with ProjectFile.open(demo_path) as pf:
        pf.set("applicant.leader", "张建国")
        pf.flush()
    conn = sqlite3.connect(demo_path, isolation_level=None)
    conn.execute("UPDATE changes SET new = 42 WHERE id = (SELECT max(id) FROM changes)")  # INTEGER, not JSON text
    conn.close()
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    with ProjectFile.open(demo_path) as pf:
        with pytest.raises(DamagedFile, match="修改记录"):
            encrypt_dossier(pf, PASS1)
        assert not pf.encrypted
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before


def test_a_validly_sealed_value_of_the_wrong_kind_is_still_refused(secret_dossier: Path) -> None:
    """Someone who knows the passphrase can seal anything: the field-kind check runs after decryption too."""
    import sqlite3

    from smartcity_desktop.store import DamagedFile

    with ProjectFile.open(secret_dossier) as pf:
        encrypt_dossier(pf, PASS1)
        sealed = pf.codec.encode("galaxy", "applicant.level")
        date = pf.codec.encode("2012-02-31", "applicant.declaration_date")
    for key, value in (("applicant.level", sealed), ("applicant.declaration_date", date)):
        conn = sqlite3.connect(secret_dossier, isolation_level=None)
        conn.execute("INSERT OR REPLACE INTO fields(key, value, changed_at) VALUES (?, ?, '')", (key, value))
        conn.close()
        with pytest.raises(DamagedFile, match=key.replace(".", r"\.")):
            ProjectFile.open(secret_dossier, passphrase=PASS1)
        conn = sqlite3.connect(secret_dossier, isolation_level=None)
        conn.execute("DELETE FROM fields WHERE key = ?", (key,))
        conn.close()
