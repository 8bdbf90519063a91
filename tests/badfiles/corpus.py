"""Generator of broken project files, made from a sound dossier at test time (nothing binary in git).

``make_corpus(good, folder)`` writes one file per case into ``folder`` and returns
``{name: (path, expectation)}``. Expectations:
  "refuse"  ProjectFile.open must refuse it with a FileProblem (clear message), file untouched;
  "flip"    a random bit flip: refused, or (when it fell inside a stored text, which SQLite cannot
            detect) opened, but never an unexpected exception, and the file is untouched either way.
"""
from __future__ import annotations

import json
import random
import sqlite3
import struct
import zipfile
from pathlib import Path

from smartcity_desktop.store import schema

TRUNCATION_POINTS = 24
RANDOM_FLIPS = 40


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / f"{name}.scdossier"
    path.write_bytes(data)
    return path


def _sql_variant(good: Path, folder: Path, name: str, *statements: str) -> Path:
    path = folder / f"{name}.scdossier"
    path.write_bytes(good.read_bytes())
    conn = sqlite3.connect(path, isolation_level=None)
    for sql in statements:
        conn.execute(sql)
    conn.close()
    return path


def _page_size(data: bytes) -> int:
    size = struct.unpack(">H", data[16:18])[0]
    return 65536 if size == 1 else size


def make_corpus(good: Path, folder: Path, seed: int = 2012) -> dict[str, tuple[Path, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    raw = good.read_bytes()
    page = _page_size(raw)
    rng = random.Random(seed)
    cases: dict[str, tuple[Path, str]] = {}

    def add(name: str, data: bytes, expect: str = "refuse") -> None:
        cases[name] = (_write(folder, name, data), expect)

    # Nothing, or less than a header.
    add("zero-length", b"")
    add("one-byte", raw[:1])
    add("half-header", raw[:50])
    add("header-only", raw[:100])
    # Cut short at many offsets (an interrupted copy or download).
    cuts = sorted({512, page - 1, page, page + 1, 2 * page, len(raw) - page, len(raw) - 1}
                  | {int(len(raw) * (i + 1) / (TRUNCATION_POINTS + 1)) for i in range(TRUNCATION_POINTS)})
    for cut in cuts:
        if 0 < cut < len(raw):
            add(f"truncated-at-{cut}", raw[:cut])
    # Not SQLite at all.
    add("random-bytes", rng.randbytes(64 * 1024))
    add("text-file", "这不是卷宗文件。\n".encode() * 500)
    add("pdf-renamed", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(8000))
    zpath = folder / "zip.tmp"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    add("xlsx-renamed", zpath.read_bytes())
    zpath.unlink()
    add("sqlite-magic-then-garbage", b"SQLite format 3\x00" + rng.randbytes(page * 4 - 16))
    # Header fields damaged in place.
    bad = bytearray(raw)
    bad[16:18] = b"\x00\x07"  # page size 7: impossible
    add("bad-page-size", bytes(bad))
    bad = bytearray(raw)
    bad[0] ^= 0x01
    add("magic-flipped", bytes(bad))
    # Other programs' SQLite files, newer versions, missing pieces.
    foreign = folder / "foreign-sqlite.scdossier"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三', '123')")
    conn.commit()
    conn.close()
    cases["foreign-sqlite"] = (foreign, "refuse")
    cases["other-application-id"] = (_sql_variant(good, folder, "other-application-id",
                                                  "PRAGMA application_id = 1234567"), "refuse")
    cases["newer-version"] = (_sql_variant(good, folder, "newer-version",
                                           f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}"), "refuse")
    cases["far-future-version"] = (_sql_variant(good, folder, "far-future-version",
                                                "PRAGMA user_version = 2147483647"), "refuse")
    for table in schema.REQUIRED_TABLES:
        cases[f"missing-table-{table}"] = (_sql_variant(good, folder, f"missing-table-{table}",
                                                        f"DROP TABLE {table}"), "refuse")
    for needed in ("dossier_id", "scheme_id", "scheme_version"):
        cases[f"meta-without-{needed}"] = (_sql_variant(good, folder, f"meta-without-{needed}",
                                                        f"DELETE FROM meta WHERE key = '{needed}'"), "refuse")
    cases["unknown-scheme"] = (_sql_variant(good, folder, "unknown-scheme",
                                            "UPDATE meta SET value = 'no-such-scheme' WHERE key = 'scheme_id'"),
                               "refuse")
    cases["value-not-json"] = (_sql_variant(good, folder, "value-not-json",
                                            "UPDATE fields SET value = '{not json' WHERE key = 'applicant.name'"),
                               "refuse")
    cases["value-invalid-utf8"] = (_sql_variant(good, folder, "value-invalid-utf8",
                                                "UPDATE fields SET value = CAST(X'22FFFE22' AS TEXT) "
                                                "WHERE key = 'applicant.name'"), "refuse")
    cases["encryption-params-garbled"] = (_sql_variant(
        good, folder, "encryption-params-garbled",
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('encryption', '{garbled')"), "refuse")
    cases["encryption-params-incomplete"] = (_sql_variant(
        good, folder, "encryption-params-incomplete",
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('encryption', " + "'" + json.dumps({"alg": "AES-256-GCM"}) + "')"),
        "refuse")
    for name, (path, expect) in crafted_cases(good, folder).items():
        cases[name] = (path, expect)
    # Damaged b-tree pages (the catalogue on page 1 and each table's root page).
    for pgno in range(1, min(15, len(raw) // page)):
        bad = bytearray(raw)
        start = 100 if pgno == 1 else (pgno - 1) * page
        bad[start:start + 8] = b"\xff" * 8
        add(f"page-{pgno}-header-smashed", bytes(bad))
    # Random single-bit flips anywhere past the header.
    for n in range(RANDOM_FLIPS):
        bad = bytearray(raw)
        pos = rng.randrange(100, len(raw))
        bad[pos] ^= 1 << rng.randrange(8)
        add(f"bit-flip-{n:02d}-at-{pos}", bytes(bad), "flip")
    return cases


def _params(**changes: object) -> str:
    """Encryption parameters as a file stores them, with some replaced (the check is made before any key work)."""
    import base64

    params: dict[str, object] = {"alg": "AES-256-GCM", "kdf": "scrypt", "n": 2**15, "r": 8, "p": 1,
                                 "salt": base64.b64encode(b"s" * 16).decode(),
                                 "check": base64.b64encode(b"c" * (12 + 30 + 16)).decode()}
    params.update(changes)
    return json.dumps(params).replace("'", "''")


def _set_value(key: str, sql_value: str) -> str:
    return (f"INSERT OR REPLACE INTO fields(key, value, changed_at) VALUES ('{key}', {sql_value}, "
            "'2026-01-01T00:00:00+08:00')")


# Crafted (not damaged) files: a dossier is data, never code or paths (issue 9). Each is refused as damaged.
CRAFTED_SQL: dict[str, tuple[str, ...]] = {
    # Schema objects that are not the program's own (a trigger runs on every save; a view shadows data).
    "schema-trigger-rewrites-data": ("CREATE TRIGGER evil AFTER UPDATE ON fields BEGIN "
                                     "UPDATE fields SET value = '0' WHERE key LIKE '%investment%'; "
                                     "DELETE FROM versions; END",),
    "schema-trigger-raise-abort": ("CREATE TRIGGER block BEFORE INSERT ON changes BEGIN "
                                   "SELECT RAISE(ABORT, '请联系 evil@example.com 解锁'); END",),
    "schema-view": ("CREATE VIEW everything AS SELECT * FROM fields",),
    "schema-foreign-index": ("CREATE INDEX evil_index ON fields(value)",),
    "schema-foreign-table": ("CREATE TABLE payload (x BLOB)",),
    "schema-analyze-statistics": ("ANALYZE",),
    "schema-index-redefined": ("DROP INDEX changes_key", "CREATE INDEX changes_key ON changes(author)"),
    "schema-own-index-missing": ("DROP INDEX changes_key",),
    "schema-table-redefined": ("ALTER TABLE meta ADD COLUMN extra TEXT DEFAULT 'x'",),
    # The scheme id used as a path.
    "scheme-id-absolute": ("UPDATE meta SET value = '/tmp/outside-scheme' WHERE key = 'scheme_id'",),
    "scheme-id-dotdot": ("UPDATE meta SET value = '../../../etc/scheme' WHERE key = 'scheme_id'",),
    "scheme-id-unc": ("UPDATE meta SET value = '\\\\server\\share\\scheme' WHERE key = 'scheme_id'",),
    "scheme-id-separator": ("UPDATE meta SET value = 'schemes/mohurd-2012-trial' WHERE key = 'scheme_id'",),
    "scheme-id-blob": ("UPDATE meta SET value = CAST('mohurd-2012-trial' AS BLOB) WHERE key = 'scheme_id'",),
    "scheme-version-escape": ("UPDATE meta SET value = char(27) || '[2J' WHERE key = 'scheme_version'",),
    "dossier-id-garbage": ("UPDATE meta SET value = '../' || char(27) WHERE key = 'dossier_id'",),
    # Key-stretching parameters out of bounds (n=2^24 took 16.8 GB; p=10^6 ran for minutes).
    "kdf-n-2-24": ("INSERT OR REPLACE INTO meta(key, value) VALUES ('encryption', '" + _params(n=2**24) + "')",),
    "kdf-p-million": ("INSERT OR REPLACE INTO meta(key, value) VALUES ('encryption', '" + _params(p=10**6) + "')",),
    "kdf-r-huge": ("INSERT OR REPLACE INTO meta(key, value) VALUES ('encryption', '" + _params(r=2**20) + "')",),
    "kdf-n-not-power-of-2": ("INSERT OR REPLACE INTO meta(key, value) VALUES ('encryption', '"
                             + _params(n=30000) + "')",),
    "kdf-n-text": ("INSERT OR REPLACE INTO meta(key, value) VALUES ('encryption', '" + _params(n="32768") + "')",),
    "kdf-salt-empty": ("INSERT OR REPLACE INTO meta(key, value) VALUES ('encryption', '" + _params(salt="") + "')",),
    "kdf-salt-huge": ("INSERT OR REPLACE INTO meta(key, value) VALUES ('encryption', '"
                      + _params(salt="QUFB" * 100_000) + "')",),
    "kdf-check-short": ("INSERT OR REPLACE INTO meta(key, value) VALUES ('encryption', '"
                        + _params(check="AAAA") + "')",),
    "kdf-other-algorithm": ("INSERT OR REPLACE INTO meta(key, value) VALUES ('encryption', '"
                            + _params(kdf="pbkdf2") + "')",),
    # Typed garbage: storage classes, kinds, keys, enum values, dates, unknown indicators.
    "value-storage-integer": ("UPDATE fields SET value = 42 WHERE key = 'applicant.name'",),
    "value-storage-real": ("UPDATE fields SET value = 1.5 WHERE key = 'profile.population'",),
    "value-storage-blob": ("UPDATE fields SET value = CAST('\"滨湖区\"' AS BLOB) WHERE key = 'applicant.name'",),
    "value-json-null": ("UPDATE fields SET value = 'null' WHERE key = 'applicant.name'",),
    "value-abc-for-number": ("UPDATE fields SET value = '\"abc\"' WHERE key = 'profile.population'",),
    "value-number-as-text": ("UPDATE fields SET value = '\"586000\"' WHERE key = 'profile.population'",),
    "value-nan": ("UPDATE fields SET value = 'NaN' WHERE key = 'profile.gdp'",),
    "value-infinity": ("UPDATE fields SET value = '-Infinity' WHERE key = 'profile.gdp'",),
    "value-negative-area": ("UPDATE fields SET value = '-5' WHERE key = 'profile.area_km2'",),
    "value-number-for-text": ("UPDATE fields SET value = '12' WHERE key = 'applicant.name'",),
    "value-level-galaxy": ("UPDATE fields SET value = '\"galaxy\"' WHERE key = 'applicant.level'",),
    "value-date-2012-99-99": (_set_value("applicant.declaration_date", "'\"2012-99-99\"'"),),
    "value-date-2012-02-31": (_set_value("applicant.declaration_date", "'\"2012-02-31\"'"),),
    "value-escape-sequence": (_set_value("applicant.name", "'\"滨湖\\u001b[2J区\"'"),),
    "value-bell": (_set_value("profile.overview", "'\"响铃\\u0007\"'"),),
    "value-text-too-long": (_set_value("applicant.name", "'\"' || printf('%.300c', 'x') || '\"'"),),
    "value-list-of-numbers": (_set_value("indicators[1.1.1].projects", "'[1, 2]'"),),
    "value-bool-as-number": (_set_value("indicators[1.1.1].applicable", "'1'"),),
    "value-too-large": (_set_value("profile.overview", "'\"' || printf('%.3000000c', 'x') || '\"'"),),
    "key-outside-grammar": (_set_value("applicant.name; DROP TABLE x", "'\"x\"'"),),
    "key-with-escape": (_set_value("applicant.' || char(27) || '[2J", "'\"x\"'"),),
    "key-unknown-field": (_set_value("applicant.favourite_colour", "'\"red\"'"),),
    "key-unknown-indicator": (_set_value("indicators[9.9.9].target", "'\"x\"'"),),
    "key-unknown-condition": (_set_value("conditions[99].status", "'\"met\"'"),),
    "value-unknown-indicator-id": (_set_value("projects[pcrafted].indicators", "'[\"1.1.1\", \"9.9.9\"]'"),),
    # Attachment rows (listed by every page; their names become file names when saved out).
    "attachment-id-path": ("UPDATE attachments SET id = '../../x' WHERE rowid = (SELECT min(rowid) FROM attachments)",),
    "attachment-size-negative": ("UPDATE attachments SET size = -1",),
    "attachment-size-text": ("UPDATE attachments SET size = 'big'",),
    "attachment-target-not-documents": ("UPDATE attachments SET target = 'applicant.name'",),
    "attachment-target-unknown-indicator": ("UPDATE attachments SET target = 'indicators[9.9.9].documents'",),
    "attachment-name-integer": ("UPDATE attachments SET name = 5",),
    "attachment-time-blob": ("UPDATE attachments SET added_at = X'00'",),
    "attachment-blob-id-path": ("PRAGMA foreign_keys = OFF", "UPDATE attachments SET blob_id = '../blob'"),
    # Size bounds.
    "too-many-fields": ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50001) "
                        "INSERT INTO fields(key, value, changed_at) SELECT 'projects[q' || i || '].order', i, '' "
                        "FROM n",),
    "too-many-projects": ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2001) "
                          "INSERT INTO fields(key, value, changed_at) SELECT 'projects[q' || i || '].order', "
                          "CAST(i AS TEXT), '' FROM n",),
    "too-many-versions": ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001) "
                          "INSERT INTO versions(name, created_at, data) SELECT '\"v\"', '', '{}' FROM n",),
}


def crafted_cases(good: Path, folder: Path) -> dict[str, tuple[Path, str]]:
    """The crafted files of CRAFTED_SQL, each a copy of ``good`` changed by plain SQL."""
    folder.mkdir(parents=True, exist_ok=True)
    return {name: (_sql_variant(good, folder, name, *statements), "refuse")
            for name, statements in CRAFTED_SQL.items()}


def _judge(path: Path, passphrase: str | None) -> str:
    """'refused' (clear message at open), 'detected' (opens, but reading an attachment, a version or
    the change log reports damage), 'opened' (nothing noticed) or 'CRASH: ...' (anything else)."""
    from smartcity_desktop.errors import FileProblem
    from smartcity_desktop.store import ProjectFile

    try:
        pf = ProjectFile.open(path, passphrase=passphrase)
    except FileProblem:
        return "refused"
    except Exception as exc:  # noqa: BLE001 - the finding
        return f"CRASH: {type(exc).__name__}: {exc}"
    try:
        for att in pf.attachments():
            for _block in pf.read_attachment(att.id):
                pass
        pf.versions()
        pf.changes()
    except FileProblem:
        return "detected"
    except Exception as exc:  # noqa: BLE001
        return f"CRASH: {type(exc).__name__}: {exc}"
    finally:
        pf.close()
    return "opened"


def main() -> int:
    """Print the figures recorded in docs/reliability.md: python tests/badfiles/corpus.py"""
    import hashlib
    import os
    import tempfile
    from collections import Counter

    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    from smartcity_desktop.demo import build_demo

    with tempfile.TemporaryDirectory() as work:
        for label, passphrase in (("plain", None), ("encrypted", "corpus passphrase")):
            good = build_demo(Path(work) / f"{label}.scdossier", passphrase=passphrase)
            cases = make_corpus(good, Path(work) / label)
            tally: Counter[tuple[str, str]] = Counter()
            for name, (path, expect) in cases.items():
                before = hashlib.sha256(path.read_bytes()).hexdigest()
                verdict = _judge(path, passphrase)
                if hashlib.sha256(path.read_bytes()).hexdigest() != before:
                    verdict = "MODIFIED"
                tally[(expect, verdict.split(":")[0])] += 1
                if verdict.startswith(("CRASH", "MODIFIED")) or (expect == "refuse" and verdict != "refused"):
                    print(f"  {label} {name}: {verdict}")
            print(f"{label}: {len(cases)} files; " + ", ".join(f"{e}/{v}: {n}" for (e, v), n in sorted(tally.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
