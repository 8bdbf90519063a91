"""The 34 provincial-level divisions of China (省、自治区、直辖市、特别行政区) as data, in one home.

The order and the codes are those of GB/T 2260 (the administrative division codes). The dossier
keeps the official full Chinese name ("浙江省"), whatever the user typed: "浙江", "浙江省",
"Zhejiang" and "zhejiang" all mean the same province, and an export or a ministry's list sorts
and matches only on one spelling.
"""
from __future__ import annotations

from typing import NamedTuple

MUNICIPALITY, PROVINCE, AUTONOMOUS_REGION, SAR = "municipality", "province", "autonomous_region", "sar"


class Province(NamedTuple):
    """One provincial-level division: its code, full and short name, English name and kind."""

    code: str  # GB/T 2260, two digits
    name: str  # the official full name, what the dossier stores
    short: str  # 简称 as people type it
    en: str
    kind: str

    def matches(self, text: str) -> bool:
        """Typing to filter: the full name, the short name or the English name contain ``text``."""
        t = text.strip().casefold()
        return bool(t) and (t in self.name or t in self.short or t in self.en.casefold())


def _p(code: str, name: str, short: str, en: str, kind: str) -> Province:
    return Province(code, name, short, en, kind)


PROVINCES: tuple[Province, ...] = (
    _p("11", "北京市", "北京", "Beijing", MUNICIPALITY),
    _p("12", "天津市", "天津", "Tianjin", MUNICIPALITY),
    _p("13", "河北省", "河北", "Hebei", PROVINCE),
    _p("14", "山西省", "山西", "Shanxi", PROVINCE),
    _p("15", "内蒙古自治区", "内蒙古", "Inner Mongolia", AUTONOMOUS_REGION),
    _p("21", "辽宁省", "辽宁", "Liaoning", PROVINCE),
    _p("22", "吉林省", "吉林", "Jilin", PROVINCE),
    _p("23", "黑龙江省", "黑龙江", "Heilongjiang", PROVINCE),
    _p("31", "上海市", "上海", "Shanghai", MUNICIPALITY),
    _p("32", "江苏省", "江苏", "Jiangsu", PROVINCE),
    _p("33", "浙江省", "浙江", "Zhejiang", PROVINCE),
    _p("34", "安徽省", "安徽", "Anhui", PROVINCE),
    _p("35", "福建省", "福建", "Fujian", PROVINCE),
    _p("36", "江西省", "江西", "Jiangxi", PROVINCE),
    _p("37", "山东省", "山东", "Shandong", PROVINCE),
    _p("41", "河南省", "河南", "Henan", PROVINCE),
    _p("42", "湖北省", "湖北", "Hubei", PROVINCE),
    _p("43", "湖南省", "湖南", "Hunan", PROVINCE),
    _p("44", "广东省", "广东", "Guangdong", PROVINCE),
    _p("45", "广西壮族自治区", "广西", "Guangxi", AUTONOMOUS_REGION),
    _p("46", "海南省", "海南", "Hainan", PROVINCE),
    _p("50", "重庆市", "重庆", "Chongqing", MUNICIPALITY),
    _p("51", "四川省", "四川", "Sichuan", PROVINCE),
    _p("52", "贵州省", "贵州", "Guizhou", PROVINCE),
    _p("53", "云南省", "云南", "Yunnan", PROVINCE),
    _p("54", "西藏自治区", "西藏", "Xizang (Tibet)", AUTONOMOUS_REGION),
    _p("61", "陕西省", "陕西", "Shaanxi", PROVINCE),
    _p("62", "甘肃省", "甘肃", "Gansu", PROVINCE),
    _p("63", "青海省", "青海", "Qinghai", PROVINCE),
    _p("64", "宁夏回族自治区", "宁夏", "Ningxia", AUTONOMOUS_REGION),
    _p("65", "新疆维吾尔自治区", "新疆", "Xinjiang", AUTONOMOUS_REGION),
    _p("71", "台湾省", "台湾", "Taiwan", PROVINCE),
    _p("81", "香港特别行政区", "香港", "Hong Kong", SAR),
    _p("82", "澳门特别行政区", "澳门", "Macao", SAR),
)

_ALIASES = {"tibet": "54", "xizang": "54", "macau": "82", "nei mongol": "15", "neimenggu": "15",
            "inner mongolia autonomous region": "15", "hongkong": "81"}


def find_province(text: str | None) -> Province | None:
    """The province ``text`` names exactly (full, short or English name, any case; "浙江省",
    "浙江", "Zhejiang", "Zhejiang Province"), or None."""
    if not text:
        return None
    t = " ".join(text.strip().split())
    folded = t.casefold()
    for suffix in (" province", " municipality", " autonomous region", " special administrative region", " sar"):
        if folded.endswith(suffix) and folded[: -len(suffix)] not in ("",):
            folded = folded[: -len(suffix)].strip()
            break
    for p in PROVINCES:
        if t in (p.name, p.short) or folded == p.en.casefold() or folded == p.en.casefold().split(" (")[0]:
            return p
    code = _ALIASES.get(folded)
    return next((p for p in PROVINCES if p.code == code), None) if code else None


def canonical_province(text: str | None) -> str | None:
    """The official full name for what was typed, or None when it names none of the 34."""
    found = find_province(text)
    return found.name if found else None
