"""The readable text and the metadata of an HTML page, with the standard library's parser.

What a person reads of a saved article: its paragraphs, without scripts, styles, navigation,
headers, footers, forms, asides and comments. When the page marks its content (``<article>`` or
``<main>``), only that is kept. Character references are decoded here, before the text is
cleaned, so an encoded control (``&#27;``) becomes a visible control picture like any other.

Metadata, most explicit first: JSON-LD (``headline``, ``author``, ``datePublished``), Open Graph
and ``article:`` meta tags, ``<meta name=author|date>``, the first ``<time datetime>``, then
``<title>`` and the first ``<h1>``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

SKIPPED = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "svg",
        "iframe",
        "button",
        "select",
        "textarea",
        "object",
        "canvas",
        "dialog",
        "menu",
    )
)
"""Elements whose content is never article text."""
BLOCKS = frozenset(
    (
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "table",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "hr",
        "address",
        "details",
        "summary",
        "caption",
    )
)
"""Elements that end a paragraph."""
CONTENT = frozenset({"article", "main"})
VOID = frozenset(
    (
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    )
)
MAX_DEPTH = 256
"""Open elements tracked at most: deeper nesting (hostile or broken markup) is read as text."""
MAX_JSON_LD = 200_000
"""Characters of one JSON-LD block that are parsed at most (a hostile page can be larger)."""


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What an HTML page says: its text as paragraphs (blank-line separated) and metadata."""

    text: str
    title: str | None
    author: str | None
    published: str | None
    url: str | None


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.content_depth = 0
        self.saw_content = False
        self.all_parts: list[str] = []
        self.content_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] | None = None
        self.title: str | None = None
        self.h1_parts: list[str] | None = None
        self.h1: str | None = None
        self.time: str | None = None
        self.json_ld: list[str] = []
        self.in_json_ld = False
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if key and values.get("content") and key.lower() not in self.meta:
                self.meta[key.lower()] = values["content"]
            return
        if tag == "time" and self.time is None and values.get("datetime"):
            self.time = values["datetime"]
        if tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self.in_json_ld = True
        if tag == "title" and self.title is None:
            self.title_parts = []
        if tag == "h1" and self.h1 is None:
            self.h1_parts = []
        if tag in VOID:
            if tag in BLOCKS:
                self._break()
            return
        if tag in BLOCKS:
            self._break()
        if len(self.stack) >= MAX_DEPTH:
            return
        self.stack.append(tag)
        if tag in SKIPPED:
            self.skipping += 1
        if tag in CONTENT:
            self.content_depth += 1
            self.saw_content = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_json_ld = False
        if tag == "title" and self.title_parts is not None:
            self.title = " ".join("".join(self.title_parts).split()) or None
            self.title_parts = None
        if tag == "h1" and self.h1_parts is not None:
            self.h1 = " ".join("".join(self.h1_parts).split()) or None
            self.h1_parts = None
        if tag not in self.stack:
            return  # a stray end tag
        while self.stack:  # close what was left open inside it
            open_tag = self.stack.pop()
            if open_tag in SKIPPED:
                self.skipping -= 1
            if open_tag in CONTENT:
                self.content_depth -= 1
            if open_tag == tag:
                break
        if tag in BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.in_json_ld:
            self.json_ld.append(data)
            return
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if self.skipping:
            return
        self.all_parts.append(data)
        if self.content_depth:
            self.content_parts.append(data)

    def _break(self) -> None:
        self.all_parts.append("\n\n")
        if self.content_depth:
            self.content_parts.append("\n\n")


def read_html(markup: str) -> HtmlPage:
    """The text and metadata of one page (never raises on malformed markup)."""
    parser = _PageParser()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # the parser's own complaints on broken markup
        pass
    parts = parser.content_parts if parser.saw_content else parser.all_parts
    linked = _linked_data(parser.json_ld)
    meta = parser.meta
    title = _text(linked.get("headline")) or meta.get("og:title") or parser.h1 or parser.title
    author = (
        _author(linked.get("author"))
        or meta.get("author")
        or meta.get("article:author")
        or meta.get("byl")
    )
    published = _day(
        _text(linked.get("datePublished"))
        or meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("date")
        or meta.get("pubdate")
        or meta.get("dc.date")
        or meta.get("dcterms.created")
        or parser.time
    )
    url = meta.get("og:url") or _text(linked.get("url"))
    return HtmlPage(_paragraphs("".join(parts)), title, author, published, url)


def _paragraphs(text: str) -> str:
    """Whitespace collapsed within paragraphs; paragraphs separated by one blank line."""
    paragraphs = (" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def _linked_data(blocks: list[str]) -> dict[str, Any]:
    """The first JSON-LD object that describes an article (or any with a datePublished)."""
    for block in blocks:
        block = "".join(block).strip()
        if not block or len(block) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue
        for item in _items(data, 0):
            if "datePublished" in item or "headline" in item:
                return item
    return {}


def _items(data: Any, depth: int) -> list[dict[str, Any]]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [item for entry in data[:50] for item in _items(entry, depth + 1)]
    if isinstance(data, dict):
        found = [data]
        graph = data.get("@graph")
        if graph is not None:
            found.extend(_items(graph, depth + 1))
        return found
    return []


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [name for name in (_author(item) for item in value[:10]) if name]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


_ISO_DAY = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")


def _day(value: str | None) -> str | None:
    """The calendar day of a metadata date (``2023-01-06T10:00:00Z`` -> ``2023-01-06``), or
    the value as stated for the corpus's own date parser."""
    if not value:
        return None
    match = _ISO_DAY.match(value)
    return match[1] if match else value.strip()
