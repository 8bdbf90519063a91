"""Every core message has an English text with the same placeholders; language switching works."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from smartcity_desktop.i18n import normalize_language, pick, set_language, tr

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from extract_core_strings import CATALOG, message_ids


def test_every_core_message_has_english():
    catalog = json.loads(CATALOG.read_text(encoding="utf-8"))
    missing = [m for m in message_ids() if not catalog.get(m)]
    assert missing == []


def test_placeholders_agree():
    catalog = json.loads(CATALOG.read_text(encoding="utf-8"))
    field = re.compile(r"\{(\w+)\}")
    wrong = [zh for zh, en in catalog.items() if en and set(field.findall(zh)) != set(field.findall(en))]
    assert wrong == []


def test_one_translation_per_string():
    """A Chinese text that both catalogs hold reads the same in English in the CLI and in the window. A Qt
    message with a disambiguation means something else (e.g. 附件 the section, not one attachment), except
    ``n=1``, which is the singular of the same text."""
    catalog = json.loads(CATALOG.read_text(encoding="utf-8"))
    plural = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")
    ts = ET.parse(ROOT / "resources" / "translations" / "app_en.ts").getroot()
    differ = []
    for context in ts.iter("context"):
        for message in context.iter("message"):
            source, comment = message.findtext("source") or "", message.findtext("comment")
            translation = message.find("translation")
            if source not in catalog or translation is None or translation.get("type") in ("obsolete", "vanished"):
                continue
            if comment not in (None, "n=1"):
                continue
            form = 2 if comment == "n=1" else 3
            expected = plural.sub(lambda m, form=form: m.group(form), catalog[source])
            if (translation.text or "") != expected:
                differ.append(f"{context.findtext('name')}: {source} -> {translation.text!r}, core {expected!r}")
    assert differ == []

def test_switching_language():
    set_language("en_US")
    try:
        assert tr("找不到文件 {path}", path="x").startswith("File not found")
        assert pick({"zh": "区", "en": "District"}) == "District"
    finally:
        set_language("zh_CN")
    assert tr("找不到文件 {path}", path="x") == "找不到文件 x"
    assert normalize_language("zh_CN.UTF-8") == "zh_CN" and normalize_language(None) == "zh_CN"


def test_extract_tool_check_mode_runs():
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "extract_core_strings.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_language_override_is_per_thread():
    """An export in a worker thread writes Chinese; the GUI thread keeps speaking English meanwhile."""
    import threading

    from smartcity_desktop.i18n import language, use_language

    set_language("en")
    seen: dict[str, str] = {}
    inside = threading.Event()
    release = threading.Event()

    def worker() -> None:
        with use_language("zh_CN"):
            seen["worker"] = tr("找不到文件 {path}", path="x")
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=worker)
    try:
        thread.start()
        assert inside.wait(5)
        seen["main"] = tr("找不到文件 {path}", path="x")
        release.set()
        thread.join(5)
        assert seen["worker"] == "找不到文件 x" and seen["main"].startswith("File not found")
        assert language() == "en"
    finally:
        set_language("zh_CN")
