"""Hostile imports: each refused with a clear message, the dossier unchanged, in seconds, memory bounded.

JSON (jsonimport.read_json + ProjectFile.import_json), Excel (export.xlsx_import.read_workbook) and
attachments (ProjectFile.add_attachment). Exported workbooks never turn user text into formulas.
"""
from __future__ import annotations

import hashlib
import json
import re
import resource
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.jsonimport import read_json
from smartcity_desktop.store import ProjectFile

FAST = 20.0  # seconds: generous for a loaded 2-core CI machine; each case takes well under 2 s here


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(action: Callable[[], Any], dossier: Path) -> str:
    """Run ``action``; it must raise a SmartcityError quickly and leave ``dossier`` byte-identical."""
    before = _digest(dossier)
    started = time.perf_counter()
    with pytest.raises(SmartcityError) as info:
        action()
    assert time.perf_counter() - started < FAST
    assert _digest(dossier) == before
    message = str(info.value)
    assert message.strip() and "Traceback" not in message
    return message


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- JSON -------------------------------------------------------------------------------------------
JSON_CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "deep nesting": (lambda p: p.write_text("[" * 200_000 + "]" * 200_000), "嵌套"),
    "deep objects": (lambda p: p.write_text('{"a":' * 5_000 + "1" + "}" * 5_000), "嵌套"),
    "integer of 5,000 digits": (lambda p: p.write_text('{"profile.population": ' + "9" * 5_000 + "}"), "位数"),
    "NaN": (lambda p: p.write_text('{"profile.gdp": NaN}'), "NaN"),
    "Infinity": (lambda p: p.write_text('{"profile.gdp": -Infinity}'), "Infinity"),
    "not UTF-8": (lambda p: p.write_bytes('{"applicant.name": "滨湖区"}'.encode("gb18030")), "UTF-8"),
    "not JSON": (lambda p: p.write_text("applicant.name = 滨湖区"), "JSON"),
    "top-level list": (lambda p: p.write_text('[["applicant.name", "x"]]'), "JSON 对象"),
    "wrong types": (lambda p: p.write_text(json.dumps({"profile.population": "很多", "profile.gdp": [1],
                                                       "indicators[1.1.1].applicable": "也许"})), "应为"),
    "unknown keys": (lambda p: p.write_text(json.dumps({"applicant.nmae": "x", "../../etc": 1})), "没有这个字段"),
    "unknown indicator": (lambda p: p.write_text(json.dumps({"indicators[9.9.9].target": "x"})), "9.9.9"),
    "text too long": (lambda p: p.write_text(json.dumps({"profile.overview": "字" * 200_001})), "过长"),
    "control characters": (lambda p: p.write_text(json.dumps({"applicant.name": "滨湖\x00区"})), "控制字符"),
    "200,000 keys": (lambda p: p.write_text(json.dumps({f"k{i}": 1 for i in range(200_000)})), "上限"),
    "over 50 MB": (lambda p: p.open("wb").truncate(60 * 1024 * 1024), "过大"),
    "half valid": (lambda p: p.write_text(json.dumps({"applicant.name": "新名字", "profile.population": -5})),
                   "不能小于"),
    "duplicate key": (lambda p: p.write_text('{"applicant.name": "甲", "profile.gdp": 1, "applicant.name": "乙"}'),
                      "“applicant.name”出现了两次"),
    "duplicate key inside values": (lambda p: p.write_text('{"values": {"profile.gdp": 1, "profile.gdp": 2}}'),
                                    "出现了两次"),
    "lone surrogate in a value": (lambda p: p.write_text('{"applicant.name": "滨湖\\ud800区"}'), "代理项"),
    "lone surrogate in a key": (lambda p: p.write_text('{"applicant.\\udfffname": "x"}'), "代理项"),
    "1e400 (infinite)": (lambda p: p.write_text('{"profile.gdp": 1e400}'), "超出范围"),
    "reference to a missing attachment": (lambda p: p.write_text(json.dumps(
        {"conditions[2].documents": ["a0123456789ab"]})), "没有附件 a0123456789ab"),
}


@pytest.mark.parametrize("case", list(JSON_CASES))
def test_hostile_json_is_refused_and_changes_nothing(case: str, empty_path: Path, tmp_path: Path) -> None:
    make, words = JSON_CASES[case]
    source = tmp_path / "hostile.json"
    make(source)

    def attempt() -> None:
        with ProjectFile.open(empty_path) as pf:
            pf.import_json(read_json(source), source="import:hostile.json")

    assert words in _refused(attempt, empty_path)
    with ProjectFile.open(empty_path, readonly=True) as pf:
        assert pf.dossier.get("applicant.name") == "测试区" and pf.changes() == []


def test_large_valid_json_import_is_quick(empty_path: Path, tmp_path: Path, scheme: Any) -> None:
    values = {f"indicators[{ind.id}].{name}": "智慧城市" * 1_000 for ind in scheme.indicators
              for name in ("current_state", "target", "measures")}
    source = tmp_path / "big.json"
    source.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    started = time.perf_counter()
    with ProjectFile.open(empty_path) as pf:
        assert len(pf.import_json(read_json(source), source="import:big.json")) == len(values)
    assert time.perf_counter() - started < FAST


# -- Excel ------------------------------------------------------------------------------------------
xlsx_import = pytest.importorskip("smartcity_desktop.export.xlsx_import")


@pytest.fixture(scope="module")
def exported_book(tmp_path_factory: pytest.TempPathFactory, _demo_master: Path) -> Path:
    from smartcity_desktop.export import export_dossier

    out = tmp_path_factory.mktemp("book")
    with ProjectFile.open(_demo_master, readonly=True) as pf:
        written = export_dossier(pf, out, ["xlsx"])
    return next(p for p in written if p.suffix == ".xlsx")


def _rewrite(book: Path, dest: Path, replace: dict[str, Callable[[bytes], bytes]] | None = None,
             extra: Iterator[tuple[str, Iterator[bytes]]] | None = None, level: int = 6) -> Path:
    """Copy ``book`` member by member, transforming some and streaming extra ones in (never whole in memory)."""
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if replace and info.filename in replace:
                data = replace[info.filename](data)
            out.writestr(info.filename, data)
        for name, chunks in extra or ():
            with out.open(name, "w", force_zip64=True) as handle:
                for chunk in chunks:
                    handle.write(chunk)
    return dest


def _zeros(total: int) -> Iterator[bytes]:
    block = b"\0" * (1 << 20)
    for _ in range(total >> 20):
        yield block


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>")


def _with_doctype(doctype: str, entity: str) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        text = data.decode("utf-8")
        body = text[text.index("<sst"):]
        body = body.replace("<t>", f"<t>{entity}", 1)
        return (doctype + body).encode("utf-8")
    return change


def _huge_projects_sheet(rows: int) -> Callable[[bytes], bytes]:
    """Append ``rows`` new project rows (inline strings: no id, so each would become a new project)."""
    def change(data: bytes) -> bytes:
        extra = "".join(f'<row r="{r}"><c r="C{r}" t="inlineStr"><is><t>伪造项目{r}</t></is></c></row>'
                        for r in range(100, 100 + rows))
        data = re.sub(rb'<dimension ref="A1:([A-Z]+)\d+"/>',
                      lambda m: b'<dimension ref="A1:' + m.group(1) + str(100 + rows).encode() + b'"/>', data)
        return data.replace(b"</sheetData>", extra.encode("utf-8") + b"</sheetData>")
    return change


def _secret_file(tmp: Path) -> Path:
    secret = tmp / "secret.txt"
    secret.write_text("TOP-SECRET-XXE-CONTENT", encoding="utf-8")
    return secret


def _xlsx_cases(book: Path, tmp: Path) -> dict[str, tuple[Path, str]]:
    sst = "xl/sharedStrings.xml"
    projects = "xl/worksheets/sheet6.xml"
    secret = _secret_file(tmp)
    text = tmp / "text.xlsx"
    text.write_text("这不是工作簿", encoding="utf-8")
    docx = tmp / "renamed.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    many = tmp / "many-members.xlsx"
    _rewrite(book, many, extra=iter([(f"xl/media/x{i}.bin", iter([b"x"])) for i in range(2_500)]))
    return {
        "billion laughs": (_rewrite(book, tmp / "laughs.xlsx", {sst: _with_doctype(LAUGHS, "&lol9;")}), ""),
        "external entity": (_rewrite(book, tmp / "xxe.xlsx", {sst: _with_doctype(
            f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>', "&xxe;")}), ""),
        "zip bomb member (256 MB of zeros)": (_rewrite(book, tmp / "bomb.xlsx", extra=iter(
            [("xl/media/image1.bin", _zeros(1 << 28))]), level=1), "压缩炸弹"),
        "sheet bomb (repetitive 60 MB sheet)": (_rewrite(book, tmp / "sheetbomb.xlsx", extra=iter(
            [("xl/worksheets/sheet99.xml", iter([b"<row/>" * 10_000_000]))]), level=1), "压缩炸弹"),
        "2,500 members": (many, "过多"),
        "text renamed .xlsx": (text, "不是有效的 Excel"),
        "docx renamed .xlsx": (docx, "不是有效的 Excel"),
        "huge projects sheet (5,000 new rows)": (_rewrite(book, tmp / "huge.xlsx",
                                                           {projects: _huge_projects_sheet(5_000)}), ""),
        "huge projects sheet (200,000 rows)": (_rewrite(book, tmp / "huger.xlsx",
                                                         {projects: _huge_projects_sheet(200_000)}), ""),
        "wrong types in cells": (_rewrite(book, tmp / "types.xlsx", {projects: lambda d: d.replace(
            b'<c r="J3" s=', b'<c r="J3" t="inlineStr" s=', 1).replace(b"<v>6800</v>", b"<is><t>\xe5\xbe\x88\xe5\xa4\x9a</t></is>", 1)}),
            "J3"),
    }


@pytest.fixture(scope="module")
def xlsx_cases(exported_book: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return _xlsx_cases(exported_book, tmp_path_factory.mktemp("hostile-xlsx"))


XLSX_NAMES = ["billion laughs", "external entity", "zip bomb member (256 MB of zeros)",
              "sheet bomb (repetitive 60 MB sheet)", "2,500 members", "text renamed .xlsx", "docx renamed .xlsx",
              "huge projects sheet (200,000 rows)", "wrong types in cells"]


@pytest.mark.parametrize("case", XLSX_NAMES)
def test_hostile_workbook_is_refused_and_changes_nothing(case: str, xlsx_cases: dict[str, tuple[Path, str]],
                                                         demo_path: Path) -> None:
    book, words = xlsx_cases[case]
    rss_before = _max_rss_mb()

    def attempt() -> None:
        with ProjectFile.open(demo_path) as pf:
            pf.apply(xlsx_import.read_workbook(book, pf.dossier), source=f"import:{book.name}")

    message = _refused(attempt, demo_path)
    assert words in message
    assert "TOP-SECRET" not in message
    assert _max_rss_mb() - rss_before < 400  # memory bounded: nothing was inflated whole


def test_workbook_with_thousands_of_new_projects_is_refused(xlsx_cases: dict[str, tuple[Path, str]],
                                                            demo_path: Path) -> None:
    """Found by this suite: 200,000 project rows were once accepted and took 200 s (limits added since)."""
    book, _words = xlsx_cases["huge projects sheet (5,000 new rows)"]
    started = time.perf_counter()
    with ProjectFile.open(demo_path, readonly=True) as pf, pytest.raises(SmartcityError):
        xlsx_import.read_workbook(book, pf.dossier)  # a dossier has tens of projects, never thousands
    assert time.perf_counter() - started < FAST


def test_untouched_export_imports_as_no_change(exported_book: Path, demo_path: Path) -> None:
    """Control: the refusals above are about the hostile parts, not the workbook itself."""
    with ProjectFile.open(demo_path, readonly=True) as pf:
        assert xlsx_import.read_workbook(exported_book, pf.dossier) == {}


def test_defusedxml_is_active_for_openpyxl() -> None:
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


# -- formula injection ------------------------------------------------------------------------------
def test_user_text_never_becomes_a_formula_in_exported_workbooks(demo_path: Path, tmp_path: Path) -> None:
    import openpyxl

    from smartcity_desktop.export import export_dossier

    payloads = ["=HYPERLINK(\"http://evil.example\",\"点击\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd",
                "=1+1", "\t=1+1", "＝1+1"]
    with ProjectFile.open(demo_path) as pf:
        pid = pf.dossier.project_ids()[0]
        keys = ["applicant.leader", "indicators[1.1.1].target", "indicators[1.1.2].measures", f"projects[{pid}].name",
                f"projects[{pid}].content", "conditions[1].evidence", "indicators[1.1.3].lead_unit"]
        pf.set_many(dict(zip(keys, payloads)))
        pf.flush()
        stored = {k: pf.dossier.get(k) for k in keys}
        written = export_dossier(pf, tmp_path, ["xlsx"])
    book = next(p for p in written if p.suffix == ".xlsx")
    wb = openpyxl.load_workbook(book)  # not read-only: data_type tells a formula ("f") from text ("s")
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in stored.values():
                    found[cell.value] = (ws.title, cell.coordinate, cell.data_type)
    assert set(found) == {v for v in stored.values()}  # every payload was exported...
    assert all(kind == "s" for _title, _coord, kind in found.values()), found  # ...as text, never a formula
    with ProjectFile.open(demo_path, readonly=True) as pf:  # and it reads back as the same text
        assert xlsx_import.read_workbook(book, pf.dossier) == {}


# -- attachments ------------------------------------------------------------------------------------
HOSTILE_NAMES = ["../../etc/passwd", "..\\..\\Windows\\win.ini", "/abs/path/报告.pdf", "C:\\Users\\x\\报告.pdf",
                 ".bashrc", "名字\x00藏.pdf", "换\n行\r.pdf", "\u202egnp.exe", "", "..", "a" * 500 + ".pdf"]


def test_attachment_names_cannot_carry_paths(empty_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with ProjectFile.open(empty_path) as pf:
        for name in HOSTILE_NAMES:
            att = pf.add_attachment("conditions[1].documents", name.encode("utf-8", "surrogatepass") + b"!", name=name)
            assert att.name and "/" not in att.name and "\\" not in att.name
            assert not att.name.startswith(".") and all(ch.isprintable() for ch in att.name)
            assert len(att.name) <= 200
            saved = pf.save_attachment(att.id, out / att.name)  # a name is always safe to join to a folder
            assert saved.parent == out and saved.is_file()


def test_attachment_of_several_gigabytes_is_refused_at_once(empty_path: Path, tmp_path: Path) -> None:
    huge = tmp_path / "扫描件.pdf"
    with open(huge, "wb") as handle:
        handle.truncate(5 * 1024 ** 3)  # sparse: 5 GB on paper, nothing on disk

    def attempt() -> None:
        with ProjectFile.open(empty_path) as pf:
            pf.add_attachment("conditions[1].documents", huge)

    started = time.perf_counter()
    assert "太大" in _refused(attempt, empty_path)
    assert time.perf_counter() - started < 2.0


def test_large_attachment_is_streamed_with_bounded_memory(empty_path: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with open(big, "wb") as handle:
        for i in range(48):
            handle.write(bytes([i]) * (1 << 20))
    tracemalloc.start()
    try:
        with ProjectFile.open(empty_path) as pf:
            att = pf.add_attachment("conditions[1].documents", big)
            digest = hashlib.sha256()
            for block in pf.read_attachment(att.id):
                digest.update(block)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest.hexdigest() == hashlib.sha256(big.read_bytes()).hexdigest()
    assert peak < 12 * 1024 * 1024  # a few 1 MiB chunks at a time, never the 48 MB file


def test_attachment_over_the_limit_and_vanishing_source(empty_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "x.pdf"
    src.write_bytes(b"%PDF" * 1000)

    def too_big() -> None:
        with ProjectFile.open(empty_path) as pf:
            pf.add_attachment("conditions[1].documents", src, max_size=1000)

    assert "太大" in _refused(too_big, empty_path)

    def missing() -> None:
        with ProjectFile.open(empty_path) as pf:
            pf.add_attachment("conditions[1].documents", tmp_path / "gone.pdf")

    assert "gone.pdf" in _refused(missing, empty_path)

    def wrong_field() -> None:
        with ProjectFile.open(empty_path) as pf:
            pf.add_attachment("applicant.name", src)

    assert "证明材料" in _refused(wrong_field, empty_path)


# -- import sources that are not regular files (issue 9) -------------------------------------------
SOURCE_KINDS = ["FIFO", "symlink to /dev/zero", "folder", "symlink to a FIFO"]
QUICK = 1.0  # seconds: a refusal by fstat takes well under a millisecond


def _special_source(kind: str, folder: Path, suffix: str) -> Path:
    import os

    path = folder / f"来源{suffix}"
    if kind == "FIFO":
        os.mkfifo(path)
    elif kind == "symlink to /dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        fifo = folder / "pipe"
        os.mkfifo(fifo)
        path.symlink_to(fifo)
    return path


@pytest.fixture
def hang_guard() -> Iterator[None]:
    """A source that blocks would hang the test run: fail it after 20 s instead."""
    import signal

    def hung(_sig: int, _frame: Any) -> None:
        raise TimeoutError("the import blocked on its source")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo") or not Path("/dev/zero").exists(), reason="POSIX only")
@pytest.mark.parametrize("what", ["json", "xlsx", "attachment"])
@pytest.mark.parametrize("kind", SOURCE_KINDS)
def test_source_that_is_not_a_regular_file_is_refused_at_once(kind: str, what: str, empty_path: Path,
                                                              tmp_path: Path, hang_guard: None) -> None:
    source = _special_source(kind, tmp_path, {"json": ".json", "xlsx": ".xlsx", "attachment": ".pdf"}[what])

    def attempt() -> None:
        with ProjectFile.open(empty_path) as pf:
            if what == "json":
                pf.import_json(read_json(source), source="import:x.json")
            elif what == "xlsx":
                pf.apply(xlsx_import.read_workbook(source, pf.dossier), source="import:x.xlsx")
            else:
                pf.add_attachment("conditions[2].documents", source)

    started = time.perf_counter()
    message = _refused(attempt, empty_path)
    assert time.perf_counter() - started < QUICK
    assert "不是普通文件" in message and source.name in message


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX only")
def test_cli_refuses_a_fifo_source_before_taking_the_lock(empty_path: Path, tmp_path: Path) -> None:
    """The FIFO hung the import while the dossier's lock was held: now the source is checked first, so
    even with the dossier open elsewhere the answer is about the source (not the lock), at once."""
    import os
    import subprocess
    import sys

    fifo = tmp_path / "部门.json"
    os.mkfifo(fifo)
    env = {**os.environ, "SMARTCITY_LANG": "zh_CN"}
    with ProjectFile.open(empty_path):  # another program holds the dossier
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "smartcity_desktop", "import", str(empty_path), str(fifo)],
                              capture_output=True, text=True, timeout=60, env=env, check=False)
        elapsed = time.perf_counter() - started
    assert proc.returncode == 2 and "不是普通文件" in proc.stderr and "Traceback" not in proc.stderr
    assert elapsed < FAST


def test_imported_attachment_links_must_exist_in_this_field(empty_path: Path, tmp_path: Path) -> None:
    doc = tmp_path / "通知.txt"
    doc.write_text("通知", encoding="utf-8")
    with ProjectFile.open(empty_path) as pf:
        att = pf.add_attachment("conditions[4].documents", doc)
        before = pf.dossier.values()
        with pytest.raises(SmartcityError, match="没有附件"):  # another field's attachment
            pf.import_json({"conditions[2].documents": [att.id]}, source="import:x.json")
        with pytest.raises(SmartcityError, match="没有附件 a999"):
            pf.import_json({"conditions[4].documents": [att.id, "a999"]}, source="import:x.json")
        assert pf.dossier.values() == before
        assert pf.import_json({"conditions[4].documents": [att.id]}, source="import:x.json") == {}  # a round trip
