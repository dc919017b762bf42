"""The text of an HTML page: tags, scripts and styles dropped, block elements as line breaks,
entities decoded, the `<title>` and a publication date from `<meta>` kept apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["HtmlText", "looks_like_html", "html_text"]

# Elements whose content is never text to read.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object"})
# Elements that start a new line.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
        "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead",
        "tfoot", "tr", "ul",
    }
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
_DATE_META = frozenset(
    {"article:published_time", "date", "pubdate", "publishdate", "dc.date", "dcterms.date"}
)
_TAGS = "|".join(sorted(_BLOCKS | _CELLS | _HIDDEN | {"a", "b", "i", "span", "em", "strong"}))
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?"
    rf"<(?:!doctype\s+html|html|title|meta|{_TAGS})[\s/>]",
    re.IGNORECASE | re.DOTALL,
)
_CLOSING = re.compile(rf"</(?:{_TAGS})\s*>", re.IGNORECASE)
_SPACES = re.compile(r"[^\S\n]+")  # white space but line breaks, the no-break space included


@dataclass(frozen=True)
class HtmlText:
    """What a page says: its text, its title and its publication date as written."""

    text: str
    title: str | None
    date: str | None


def looks_like_html(text: str) -> bool:
    """Whether a text is HTML markup: it opens with a doctype or an HTML element, or it
    closes HTML elements at least three times."""
    if _HTML_START.match(text[:4096]):
        return True
    return len(_CLOSING.findall(text, 0, 1 << 16)) >= 3


class _Reader(HTMLParser):
    """Collects text, title and date from parser events."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.date: str | None = None
        self.hidden: list[str] = []  # open hidden elements
        self.in_title = False
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
        if tag == "title":
            self.in_title = not self.title and not self.hidden
            return
        if tag in _VOID:
            if tag in ("br", "hr") and not self.hidden:
                self.parts.append("\n")
            return
        if tag in _HIDDEN:
            self.hidden.append(tag)
        elif tag in _BLOCKS:
            self.parts.append("\n")
            self.pre += tag == "pre"
        elif tag in _CELLS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HIDDEN:
            if tag in self.hidden:  # close it and whatever was left open inside it
                del self.hidden[len(self.hidden) - 1 - self.hidden[::-1].index(tag) :]
        elif tag in _BLOCKS:
            self.parts.append("\n")
            if tag == "pre" and self.pre:
                self.pre -= 1
        elif tag in _CELLS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data if self.pre else _SPACES.sub(" ", data.replace("\n", " ")))

    def _meta(self, attrs: dict[str, str | None]) -> None:
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content")
        if self.date is None and content and name in _DATE_META | {"datepublished"}:
            self.date = content.strip()


def html_text(markup: str) -> HtmlText:
    """The text of an HTML page with its title and `<meta>` publication date (None when
    absent); blocks end lines, runs of white space become one space, soft hyphens go."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    text = "".join(reader.parts).replace("\u00ad", "").replace("\r", "")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = "\n".join(line for line in lines if line)
    title = _SPACES.sub(" ", " ".join("".join(reader.title).split())).strip() or None
    return HtmlText(text=text, title=title, date=reader.date)
