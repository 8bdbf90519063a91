"""English singular forms in core messages: ``{n|change|changes}`` in core_en.json."""
from __future__ import annotations


def test_english_singular_forms_in_core_messages() -> None:
    from smartcity_desktop.i18n import tr, use_language

    with use_language("en"):
        assert tr("已导入 {n} 项修改（来自 {name}）", n=1, name="a.xlsx") == "Imported 1 change from a.xlsx"
        assert tr("已导入 {n} 项修改（来自 {name}）", n=3, name="a.xlsx") == "Imported 3 changes from a.xlsx"
        assert tr("注意：{n} 处文字有损坏的字符（显示为 �），请核对。", n=1).startswith("Note: 1 text contains")
    assert tr("已导入 {n} 项修改（来自 {name}）", n=1, name="a.xlsx") == "已导入 1 项修改（来自 a.xlsx）"
