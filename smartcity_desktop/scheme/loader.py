"""Load and check scheme files (JSON) so that a province's variant is data, not code.

Every problem is reported with the file and a location (JSON path and, where it can be found,
the line), because the people who edit scheme files are not programmers.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.resources import resource_path
from smartcity_desktop.scheme.model import Condition, Indicator, Level1, Level2, ProvenanceLabel, Scheme

DEFAULT_SCHEME_ID = "mohurd-2012-trial"
FORMAT = "smartcity-scheme/1"
KNOWN_INDICATOR_FIELDS = ("applicable", "not_applicable_reason", "current_state", "target", "measures",
                          "lead_unit", "deadline", "readiness", "projects", "documents")
_ID = re.compile(r"^[0-9A-Za-z]+$")
MAX_SCHEME_BYTES = 5 * 1024 * 1024


class SchemeError(FileProblem):
    """A scheme file is unreadable or inconsistent; the message names file and location."""

    def __init__(self, path: str | os.PathLike[str], location: str, problem: str, line: int | None = None):
        self.path = str(path)
        self.location = location
        self.problem = problem
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(tr("指标体系文件 {where}（{location}）有误：{problem}",
                            where=where, location=location or "/", problem=problem))


class _Checker:
    def __init__(self, path: Path, text: str):
        self.path = path
        self.text_of_file = text  # split into lines only to name the line of a problem

    def line_of(self, needle: str) -> int | None:
        for number, line in enumerate(self.text_of_file.splitlines(), start=1):
            if needle in line:
                return number
        return None

    def fail(self, location: str, problem: str, needle: str | None = None) -> SchemeError:
        return SchemeError(self.path, location, problem, self.line_of(needle) if needle else None)

    def text(self, obj: Any, location: str, needle: str | None = None) -> dict[str, str]:
        if not isinstance(obj, dict) or not isinstance(obj.get("zh"), str) or not obj["zh"].strip():
            raise self.fail(location, tr("需要含中文（zh）文本的对象"), needle)
        if "en" in obj and not isinstance(obj["en"], str):
            raise self.fail(location, tr("英文（en）文本必须是字符串"), needle)
        return {"zh": obj["zh"], "en": obj.get("en", "")}

    def items(self, obj: Any, key: str, location: str) -> list[Any]:
        value = obj.get(key) if isinstance(obj, dict) else None
        if not isinstance(value, list) or not value:
            raise self.fail(f"{location}/{key}", tr("需要非空列表"), f'"{key}"')
        return value


def _parse(path: Path) -> tuple[dict[str, Any], _Checker]:
    try:
        size = path.stat().st_size
        if size > MAX_SCHEME_BYTES:
            raise SchemeError(path, "", tr("文件过大（{size} 字节）", size=size))
        raw = path.read_bytes()
    except OSError as exc:
        raise SchemeError(path, "", tr("无法读取：{reason}", reason=exc.strerror or exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SchemeError(path, "", tr("不是 UTF-8 编码（第 {pos} 字节）", pos=exc.start)) from None
    checker = _Checker(path, text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemeError(path, "", tr("JSON 语法错误：{msg}", msg=exc.msg), exc.lineno) from None
    except RecursionError:
        raise SchemeError(path, "", tr("嵌套层数过多")) from None
    if not isinstance(data, dict):
        raise SchemeError(path, "", tr("顶层必须是对象"))
    return data, checker


def load_scheme(path: str | os.PathLike[str]) -> Scheme:
    """Read and check one scheme file; raise SchemeError naming the first problem found."""
    path = Path(path)
    data, ck = _parse(path)
    if data.get("format") != FORMAT:
        raise ck.fail("/format", tr("格式标识应为 {fmt}", fmt=FORMAT), '"format"')
    for key in ("id", "version"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ck.fail(f"/{key}", tr("缺少或不是字符串"), f'"{key}"')
    name = ck.text(data.get("name"), "/name", '"name"')
    issuer = ck.text(data["issuer"], "/issuer", '"issuer"') if "issuer" in data else {"zh": "", "en": ""}

    labels: dict[str, ProvenanceLabel] = {}
    raw_labels = data.get("provenance_labels", {})
    if not isinstance(raw_labels, dict):
        raise ck.fail("/provenance_labels", tr("必须是对象"), '"provenance_labels"')
    for code, spec in raw_labels.items():
        loc = f"/provenance_labels/{code}"
        labels[code] = ProvenanceLabel(code, ck.text(spec, loc, f'"{code}"'), bool(spec.get("summary", False)))

    def _name_provenance(obj: dict[str, Any], loc: str, needle: str, key: str = "provenance") -> str:
        """Optional on level names and the issuer (older scheme files have none)."""
        if key not in obj:
            return ""
        code = obj.get(key)
        if not isinstance(code, str) or (labels and code not in labels):
            raise ck.fail(f"{loc}/{key}", tr("未定义的来源标记“{code}”", code=code), needle)
        return code

    def provenance(obj: dict[str, Any], loc: str, needle: str) -> str:
        code = obj.get("provenance", "")
        if labels and code not in labels:
            raise ck.fail(f"{loc}/provenance", tr("未定义的来源标记“{code}”", code=code), needle)
        return str(code)

    conditions = []
    seen: set[str] = set()
    for n, cond in enumerate(ck.items(data, "conditions", ""), start=0):
        loc = f"/conditions/{n}"
        cid = cond.get("id") if isinstance(cond, dict) else None
        if not isinstance(cid, str) or not _ID.match(cid) or cid in seen:
            raise ck.fail(f"{loc}/id", tr("编号缺失、格式不对或重复"))
        seen.add(cid)
        needle = f'"id": "{cid}"'
        kinds = cond.get("document_kinds", [])
        if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
            raise ck.fail(f"{loc}/document_kinds", tr("必须是字符串列表"), needle)
        raw_variants = cond.get("variants", {})
        if not isinstance(raw_variants, dict):
            raise ck.fail(f"{loc}/variants", tr("必须是对象"), needle)
        variants = {str(v): ck.text(t, f"{loc}/variants/{v}", needle)
                    | {"provenance": provenance(t, f"{loc}/variants/{v}", needle)} for v, t in raw_variants.items()}
        conditions.append(Condition(cid, ck.text(cond.get("text"), f"{loc}/text", needle),
                                    provenance(cond, loc, needle), tuple(kinds), variants))

    fields = data.get("indicator_fields", list(KNOWN_INDICATOR_FIELDS))
    if not isinstance(fields, list) or any(f not in KNOWN_INDICATOR_FIELDS for f in fields):
        raise ck.fail("/indicator_fields", tr("只能包含：{known}", known=", ".join(KNOWN_INDICATOR_FIELDS)),
                      '"indicator_fields"')

    ids: set[str] = set()
    level1 = []
    for a, l1 in enumerate(ck.items(data, "level1", ""), start=0):
        loc1 = f"/level1/{a}"
        id1 = l1.get("id") if isinstance(l1, dict) else None
        if not isinstance(id1, str) or not _ID.match(id1) or id1 in ids:
            raise ck.fail(f"{loc1}/id", tr("编号缺失、格式不对或重复"))
        ids.add(id1)
        children = []
        for b, l2 in enumerate(ck.items(l1, "children", loc1), start=0):
            loc2 = f"{loc1}/children/{b}"
            id2 = l2.get("id") if isinstance(l2, dict) else None
            if not isinstance(id2, str) or id2.rsplit(".", 1)[0] != id1 or id2 in ids:
                raise ck.fail(f"{loc2}/id", tr("二级指标编号应以“{parent}.”开头且不重复", parent=id1),
                              f'"id": "{id2}"' if isinstance(id2, str) else None)
            ids.add(id2)
            indicators = []
            for c, ind in enumerate(ck.items(l2, "indicators", loc2), start=0):
                loc3 = f"{loc2}/indicators/{c}"
                id3 = ind.get("id") if isinstance(ind, dict) else None
                needle = f'"id": "{id3}"'
                if not isinstance(id3, str) or id3.rsplit(".", 1)[0] != id2 or id3 in ids:
                    raise ck.fail(f"{loc3}/id", tr("三级指标编号应以“{parent}.”开头且不重复", parent=id2),
                                  needle if isinstance(id3, str) else None)
                ids.add(id3)
                explanation = ind.get("explanation", {"zh": "", "en": ""})
                indicators.append(Indicator(
                    id=id3, name=ck.text(ind.get("name"), f"{loc3}/name", needle),
                    explanation=ck.text(explanation, f"{loc3}/explanation", needle) if explanation.get("zh")
                    else {"zh": "", "en": ""},
                    provenance=provenance(ind, loc3, needle), level1_id=id1, level2_id=id2))
            children.append(Level2(id2, ck.text(l2.get("name"), f"{loc2}/name", f'"id": "{id2}"'),
                                   tuple(indicators), _name_provenance(l2, loc2, f'"id": "{id2}"')))
        level1.append(Level1(id1, ck.text(l1.get("name"), f"{loc1}/name", f'"id": "{id1}"'), tuple(children),
                             _name_provenance(l1, loc1, f'"id": "{id1}"')))

    return Scheme(id=data["id"], version=data["version"], name=name, issuer=issuer,
                  conditions=tuple(conditions), level1=tuple(level1), provenance_labels=labels,
                  indicator_fields=tuple(fields),
                  issuer_provenance=_name_provenance(data, "", '"issuer_provenance"', "issuer_provenance"))


def scheme_dirs() -> list[Path]:
    """Shipped schemes first, then the user's own folder (SMARTCITY_SCHEME_DIR or the data folder)."""
    dirs = [resource_path("schemes")]
    extra = os.environ.get("SMARTCITY_SCHEME_DIR")
    if extra:
        dirs.append(Path(extra))
    from smartcity_desktop.paths import user_data_dir  # local import: paths is tiny, avoids a cycle
    dirs.append(user_data_dir() / "schemes")
    return dirs


def available_schemes() -> list[Scheme]:
    """Every loadable scheme; a broken user file is skipped here (``load_scheme`` names its problem)."""
    found: dict[str, Scheme] = {}
    for folder in scheme_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            try:
                scheme = load_scheme(path)
            except SchemeError:
                continue
            found.setdefault(scheme.key, scheme)
    return list(found.values())


_cache: dict[str, Scheme] = {}
# A scheme id is a name, never a path: no separators, no "..", no drive or UNC prefix (issue 9).
SCHEME_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]*(?:\.[0-9A-Za-z_-]+)*$")
MAX_SCHEME_ID = 100


def valid_scheme_id(scheme_id: object) -> bool:
    """True if ``scheme_id`` can name a scheme (a dossier's meta is checked with this before use)."""
    return isinstance(scheme_id, str) and len(scheme_id) <= MAX_SCHEME_ID and bool(SCHEME_ID.match(scheme_id))


def load_scheme_by_id(scheme_id: str, version: str | None = None) -> Scheme:
    """The scheme a dossier was made with, chosen by id among the known schemes (shipped, then the
    user's folders); FileProblem if it is not installed here. The id never becomes a path."""
    if not valid_scheme_id(scheme_id):
        from smartcity_desktop.textsafe import printable

        raise FileProblem(tr("指标体系编号“{sid}”无效：只能由字母、数字、“-”、“_”和“.”组成。",
                             sid=printable(scheme_id, 60)))
    cache_key = f"{scheme_id}@{version}"
    if cache_key in _cache:
        return _cache[cache_key]

    def fits(scheme: Scheme) -> bool:  # the file's name is not its identity: the id inside must match
        return scheme.id == scheme_id and (version is None or scheme.version == version)

    # The shipped file of that name first; the scheme folders (which hold it too) are read only when it is not
    # the one: a dossier of the shipped scheme parsed it twice before (~2-4 ms CPU at every start).
    shipped = resource_path("schemes", f"{scheme_id}.json")
    found = load_scheme(shipped) if shipped.is_file() else None
    if found is None or not fits(found):
        found = next((s for s in available_schemes() if fits(s)), None)
    if found is not None:
        _cache[cache_key] = found
        return found
    from smartcity_desktop.textsafe import printable

    raise FileProblem(tr("本机没有该卷宗使用的指标体系 {sid}（版本 {ver}）", sid=scheme_id,
                         ver=printable(version or "-", 60)))


def default_scheme() -> Scheme:
    return load_scheme_by_id(DEFAULT_SCHEME_ID)
