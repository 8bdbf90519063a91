"""Text pasted into a long answer, cleaned the way a planner expects after copying from Word or WPS:
paragraphs stay paragraphs, numbered lists keep their numbers ("1." / "（一）" / "一是…"), and what
a dossier cannot sensibly hold is dropped (Word's manual line break U+000B, page breaks, non-breaking
spaces, the tabs after list numbers, soft hyphens, zero-width characters).

Word's HTML clipboard format is preferred when present: its plain text loses automatic list
numbers in some programs, while its HTML carries them (``<ol><li>`` or Word's own ``mso-list``
paragraphs, whose numbers are written out as text). Pure Python, no Qt: the GUI hands it the
clipboard's ``text/html`` and ``text/plain``.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "pre",
           "ol", "ul", "section", "article", "header", "footer", "dd", "dt"}
_SKIP = {"style", "script", "head", "title", "xml", "o:p"}
_LINE_BREAKS = re.compile("\r\n|\r|\x0b|\x0c|\u2028|\u2029|\x85")
_DROP = re.compile("[\x00-\x08\x0e-\x1f\x7f\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_LIST_MARK = re.compile(r"^(\s*(?:[0-9]{1,3}[.．、)）]|[（(][0-9一二三四五六七八九十]{1,3}[）)]|"
                        r"[一二三四五六七八九十]{1,3}[、.．]|[·•●▪■◆○◦\-–—]))[\t \u00a0\u3000]+")


class _HtmlText(HTMLParser):
    """Block elements become paragraphs; <ol> items get "1." numbers unless Word wrote them already."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.lists: list[list[int | None]] = []  # per open list: [counter] (None for <ul>)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag in ("ol", "ul"):
            self._newline()
            start = next((v for k, v in attrs if k == "start" and v and v.isdigit()), "1")
            self.lists.append([int(start) if tag == "ol" else None])
        elif tag == "li":
            self._newline()
            if self.lists:
                counter = self.lists[-1]
                if counter[0] is None:
                    self.parts.append("• ")
                else:
                    self.parts.append(f"{counter[0]}. ")
                    counter[0] += 1
        elif tag in _BLOCKS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag in _BLOCKS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = re.sub(r"[ \t\r\n]+", " ", data)  # HTML whitespace is not layout
        if data == " " and (not self.parts or self.parts[-1].endswith("\n")):
            return  # the source's indentation between paragraphs
        self.parts.append(data)

    def handle_comment(self, data: str) -> None:  # Word's <!--[if !supportLists]--> keeps its number
        pass


def html_to_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _one_space(match: re.Match[str]) -> str:
    """"1.<tab>" → "1. "; a Chinese mark ("一、", "（一）") needs no space at all."""
    mark = match.group(1).strip()
    return mark if mark[-1] in "、）．" else mark + " "


def clean_pasted_text(text: str) -> str:
    """Paragraph breaks as "\\n", one space after a list number, no control characters, no trailing
    blanks; runs of empty lines kept to one (Word's "space after paragraph" often arrives as one)."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _DROP.sub("", text).replace("\u00a0", " ")
    lines = []
    for line in text.split("\n"):
        line = _LIST_MARK.sub(_one_space, line.rstrip())
        lines.append(line.replace("\t", " ").strip(" ") if not line.startswith("\u3000") else line.rstrip())
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def pasted_text(html: str | None, plain: str | None) -> str:
    """What to insert for a clipboard holding ``html`` and/or ``plain`` text."""
    if html and re.search(r"<(p|li|div|br|h[1-6])[\s>/]", html, re.IGNORECASE):
        from_html = clean_pasted_text(html_to_text(html))
        if from_html.strip():
            return from_html
    return clean_pasted_text(plain or "")
