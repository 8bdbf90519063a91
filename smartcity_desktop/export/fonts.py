"""The official fonts on this computer, their stand-ins, and LibreOffice's font replacement table.

A faithful print of a GB/T 9704 document needs 仿宋_GB2312 (body), 方正小标宋简体 (title), 楷体_GB2312
and 黑体 (headings). Where one is missing, LibreOffice falls back to its default CJK face, which may be a
Japanese-locale sans face for everything. The program's private LibreOffice profile therefore gets a
replacement table (serif for 仿宋/宋体/小标宋, sans for 黑体, kai or serif for 楷体; Simplified Chinese faces,
never JP), and the export tells the user which official fonts are missing and what is used instead.
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from smartcity_desktop.export.official_style import (
    BODY_FONT,
    H1_FONT,
    H2_FONT,
    OFFICIAL_FONTS,
    TITLE_FONT,
)
from smartcity_desktop.i18n import tr

SERIF = ("SimSun", "宋体", "NSimSun", "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN",
         "思源宋体", "AR PL UMing CN", "AR PL SungtiL GB", "Noto Serif SC")
SANS = ("SimHei", "黑体", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC",
        "Source Han Sans CN", "思源黑体", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Noto Sans SC")
KAI = ("KaiTi", "楷体", "STKaiti", "华文楷体", "AR PL UKai CN", "AR PL KaitiM GB")
FANGSONG = ("FangSong", "仿宋", "STFangsong", "华文仿宋")
# What each official font (and its common aliases) is replaced by when missing: best first.
WANTED = {
    BODY_FONT: FANGSONG + SERIF, "仿宋": SERIF, "FangSong": SERIF,
    TITLE_FONT: ("方正小标宋_GBK", "FZXiaoBiaoSong-B05S") + SERIF,
    H2_FONT: KAI + FANGSONG + SERIF, "楷体": SERIF, "KaiTi": SERIF,
    H1_FONT: SANS, "SimHei": SANS[2:],
    "宋体": SERIF[2:], "SimSun": SERIF[3:],
    # Latin text and digits: a face as narrow as Times New Roman, so table columns fit as in Word
    "Times New Roman": ("Liberation Serif", "Tinos", "Nimbus Roman", "TeX Gyre Termes", "DejaVu Serif Condensed"),
}


@functools.lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Font family names installed on this computer (fontconfig; the registry on Windows)."""
    names: set[str] = set()
    if sys.platform == "win32":
        try:
            import winreg

            for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
                try:
                    key = winreg.OpenKey(root, r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts")
                except OSError:
                    continue
                for i in range(10_000):
                    try:
                        value = winreg.EnumValue(key, i)[0]
                    except OSError:
                        break
                    for part in re.sub(r"\s*\((TrueType|OpenType)\)$", "", value).split("&"):
                        names.add(part.strip())
        except ImportError:
            pass
        return frozenset(names)
    fc = shutil.which("fc-list")
    if fc:
        try:
            out = subprocess.run([fc, ":", "family"], capture_output=True, timeout=30, check=False).stdout
            for line in out.decode("utf-8", "replace").splitlines():
                names.update(n.strip() for n in line.split(",") if n.strip())
        except (OSError, subprocess.TimeoutExpired):
            pass
    return frozenset(names)


def missing_official_fonts(families: frozenset[str] | None = None) -> list[str]:
    have = installed_families() if families is None else families
    return [f for f in OFFICIAL_FONTS if f not in have]


def substitutes(families: frozenset[str] | None = None) -> dict[str, str]:
    """Missing font -> the installed face LibreOffice should use instead (only where one exists)."""
    have = installed_families() if families is None else families
    out = {}
    for font, choices in WANTED.items():
        if font in have:
            continue
        chosen = next((c for c in choices if c in have), None)
        if chosen:
            out[font] = chosen
    return out


def font_warning(families: frozenset[str] | None = None) -> str:
    """One line naming the missing official fonts and their stand-ins; empty when all are present."""
    missing = missing_official_fonts(families)
    if not missing:
        return ""
    subs = substitutes(families)
    parts = [tr("{font}→{sub}", font=f, sub=subs[f]) if f in subs else tr("{font}→LibreOffice 默认字体", font=f)
             for f in missing]
    return tr("注意：本机缺少公文字体 {fonts}，PDF 中用近似字体代替（{subs}）。正式打印请在装有这些字体的电脑上用 Word/WPS "
              "打开 .docx 打印或另存为 PDF。", fonts="、".join(missing), subs="；".join(parts))


SUBSTITUTION_PATH = "/org.openoffice.Office.Common/Font/Substitution"
_ITEM = re.compile(r'<item oor:path="/org\.openoffice\.Office\.Common/Font/Substitution[^"]*">.*?</item>\s*', re.DOTALL)


def substitution_items(subs: dict[str, str]) -> str:
    """registrymodifications.xcu items: replacement on, one pair per missing font. ``Always``: LibreOffice
    never considers a font "missing" itself (fontconfig always offers a fallback); the table only ever
    lists fonts this computer lacks, so an installed official font is never replaced."""
    items = [f'<item oor:path="{SUBSTITUTION_PATH}"><prop oor:name="Replacement" oor:op="fuse">'
             f'<value>true</value></prop></item>']
    for n, (font, sub) in enumerate(sorted(subs.items())):
        items.append(
            f'<item oor:path="{SUBSTITUTION_PATH}/FontPairs"><node oor:name="smartcity{n}" oor:op="replace">'
            f'<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
            f'<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
            f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{escape(font)}</value></prop>'
            f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{escape(sub)}</value></prop></node></item>')
    return "\n".join(items) + "\n"


def write_substitution_table(profile: Path, subs: dict[str, str] | None = None) -> Path:
    """Put the replacement table into the private LibreOffice profile (user/registrymodifications.xcu),
    keeping whatever LibreOffice itself stored there."""
    subs = substitutes() if subs is None else subs
    path = profile / "user" / "registrymodifications.xcu"
    path.parent.mkdir(parents=True, exist_ok=True)
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n')
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    if "</oor:items>" not in text:
        text = head + "</oor:items>\n"
    text = _ITEM.sub("", text)
    text = text.replace("</oor:items>", substitution_items(subs) + "</oor:items>", 1)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path
