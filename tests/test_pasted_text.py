"""Text pasted into long answers (model/pasted_text.py): no Qt needed."""
from __future__ import annotations

from smartcity_desktop.model.pasted_text import clean_pasted_text, pasted_text


def test_html_lists_get_their_numbers() -> None:
    html = "<p>措施：</p><ol><li>建设平台</li><li>共享数据</li></ol><ol start='3'><li>培训</li></ol><ul><li>其他</li></ul>"
    assert pasted_text(html, "措施：\n建设平台\n共享数据\n培训\n其他") == "措施：\n1. 建设平台\n2. 共享数据\n3. 培训\n• 其他"


def test_plain_text_keeps_paragraphs_and_chinese_numbering() -> None:
    text = "一、总体要求\r\n（一）\t指导思想\r\n一是加强领导；二是完善制度。\u2028第二行\r\n\r\n\r\n\r\n二、\u00a0主要任务"
    assert clean_pasted_text(text) == "一、总体要求\n（一）指导思想\n一是加强领导；二是完善制度。\n第二行\n\n二、主要任务"


def test_control_and_invisible_characters_are_dropped() -> None:
    assert clean_pasted_text("甲\x07乙\u200b丙\u00ad丁\ufeff\x00") == "甲乙丙丁"


def test_html_without_structure_falls_back_to_the_plain_text() -> None:
    assert pasted_text("<span>甲乙</span>", "甲乙\r\n丙") == "甲乙\n丙"
    assert pasted_text(None, None) == ""

