"""The only place index data becomes something Textual draws.

Document text, titles and snippets are untrusted: they become ``Content`` objects (never markup),
and highlights are applied by ``stylize`` over the character spans the index returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual.content import Content

from index.models import Document, DocumentSummary, Hit, Span, basis_note
from index.sanitize import display

HIGHLIGHT = "reverse"
CURRENT = "reverse bold underline"
DIM = "dim"


def plain(text: str) -> Content:
    """One line of external text: controls and invisible characters made visible, no markup."""
    return Content(display(text))


HEADING_MARK = re.compile(r"^#{1,6}[ \t]+(?=\S)", re.MULTILINE)
"""A Markdown ATX heading's marker ("# ", "## "...): how a heading is written, not its text."""


MARKDOWN = (".md", ".markdown")
"""The files whose headings are shown as headings (without their marks)."""

SNIPPET_HEADING_MARK = re.compile(r"(?:^|(?<=\s))#{1,6}[ \t]+(?=\S)")
"""A Markdown heading's marker in a snippet or a sentence, where line breaks have become
spaces: at its start or after a space."""


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN)


def without_heading_marks(text: str, spans: Iterable[Span] = ()) -> tuple[str, list[Span]]:
    """A Markdown snippet read as the reader shows the document: its headings without their
    "#" marks; ``spans`` (offsets into ``text``) moved with the characters they mark."""
    marks = [(m.start(), m.end()) for m in SNIPPET_HEADING_MARK.finditer(text)]
    if not marks:
        return text, list(spans)

    def moved(offset: int) -> int:
        return offset - sum(min(end, offset) - start for start, end in marks if start < offset)

    pieces, at = [], 0
    for start, end in marks:
        pieces.append(text[at:start])
        at = end
    pieces.append(text[at:])
    return "".join(pieces), [Span(moved(s.start), moved(s.end)) for s in spans]


def title_text(title: str) -> str:
    """A title as shown: a Markdown heading's title without its "# "."""
    return HEADING_MARK.sub("", title, count=1)


def markdown_headings(text: str, content: Content) -> Content:
    """``content`` (``text`` drawn, one character for each) with the Markdown heading lines
    of ``text`` shown as headings: bold, on lines of their own, without their "#" marks."""
    marks = list(HEADING_MARK.finditer(text))
    if not marks:
        return content
    for mark in reversed(marks):
        end = text.find("\n", mark.end())
        end = len(text) if end < 0 else end
        content = content.stylize("bold", mark.end(), end)
        head = content[: mark.start()]
        if mark.start() > 0:  # the line before ends here, not in a space
            head = head[:-1] + Content("\n")
        tail = content[end:]
        if end < len(text):
            tail = Content("\n") + tail[1:]
        content = head + content[mark.end() : end] + tail
    return content


MENTION = "bold underline"
"""An entity's mentions, when it filters the results: underlined, so query hits stay distinct."""


def highlighted(
    text: str,
    spans: Iterable[Span],
    current: Span | None = None,
    mentions: frozenset[Span] = frozenset(),
) -> Content:
    """Text with its spans in reverse video (entity mentions underlined instead); the current
    one reverse, bold and underlined."""
    content = Content(text)
    for span in spans:
        style = CURRENT if span == current else MENTION if span in mentions else HIGHLIGHT
        content = content.stylize(style, span.start, span.end)
    return content


def date_label(published: str | None, basis: str) -> str:
    if not published:
        return "undated"
    return published + ("~" if basis == "inferred" else "")


def date_basis(document: Document) -> str:
    """The reader's date: the date and its basis ("2022-12-17~ (inferred, confidence 0.55)",
    "2023-01-06 (stated)", "(metadata)", "(filename)", "(user)"), or "undated" with what the
    text suggests ("undated — 2004–2005 from the years it mentions")."""
    basis = document.published_basis
    if not document.published:
        if basis == "user":
            return "undated (user)"
        hint = document.published_hint
        return "undated" + (f" — {display(hint)}" if hint else "")
    confidence = document.published_confidence if basis == "inferred" else None
    note = basis_note(basis, confidence, document.published_hint)
    return f"{date_label(document.published, basis)} ({display(note)})"


RESULT_SNIPPET_CHARS = 110
"""About three lines of a results pane: enough to judge a hit, short enough to see several."""


def clip(text: str, spans: tuple[Span, ...], limit: int) -> tuple[str, list[Span]]:
    """A window of at most ``limit`` characters around the first span, cut at spaces."""
    if len(text) <= limit:
        return text, list(spans)
    focus = spans[0].start if spans else 0
    start = max(0, min(focus - limit // 4, len(text) - limit))
    if start:
        space = text.find(" ", start, focus if focus > start else start + limit)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + limit)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "…" if start > 0 and not text[start:].startswith("…") else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    kept = [
        Span(x.start + shift, x.end + shift) for x in spans if x.start >= start and x.end <= end
    ]
    return prefix + text[start:end] + suffix, kept


def hit_prompt(hit: Hit) -> Content:
    """A results entry: title, date and score, then a short highlighted snippet."""
    meta = f"{date_label(hit.published, hit.published_basis)} · {hit.score:.2f}"
    if hit.duplicates:
        count = len(hit.duplicates)
        meta += f" · also: {count} {'copy' if count == 1 else 'copies'}"
    text, spans = display(hit.snippet.text), list(hit.snippet.spans)
    if is_markdown(hit.path):
        text, spans = without_heading_marks(text, spans)
    text, spans = clip(text, tuple(spans), RESULT_SNIPPET_CHARS)
    return Content.assemble(
        plain(title_text(hit.title)).stylize("bold"),
        "\n",
        Content(meta).stylize(DIM),
        "\n",
        highlighted(text, spans),
    )


def document_prompt(summary: DocumentSummary) -> Content:
    """A document-list entry: title, then date, source and length."""
    parts = [date_label(summary.published, summary.published_basis)]
    if summary.source:
        parts.append(display(summary.source))
    parts.append(f"{summary.words:,} words")
    return Content.assemble(
        plain(title_text(summary.title)).stylize("bold"),
        "\n",
        Content(" · ".join(parts)).stylize(DIM),
    )


def more_prompt(rest: int, page: int) -> Content:
    """The row after a page of documents: how many more, and that Enter lists them."""
    more = "1 more document" if rest == 1 else f"{rest:,} more documents"
    return Content(f"… {more} · Enter lists the next {page:,}").stylize(DIM)


def dimmed(content: Content, spans: Iterable[Span]) -> Content:
    """Content with the spans (a document's page furniture, as offsets into it) dimmed."""
    for span in spans:
        content = content.stylize(DIM, span.start, span.end)
    return content


def page_marker(number: int, paragraph: Content) -> Content:
    """A paragraph that opens page ``number`` of a paged document, under a dim "— p. N —"."""
    return Content.assemble(Content(f"— p. {number} —").stylize(DIM), "\n", paragraph)


def document_header(document: Document, with_title: bool = True) -> Content:
    """Title (unless the text's first paragraph is the title), then author, date, source, size."""
    parts = []
    if document.author:
        parts.append(display(document.author))
    parts.append(date_basis(document))
    if document.source:
        parts.append(display(document.source))
    parts.append(f"{document.words:,} words")
    if document.pages:
        parts.append(f"{len(document.pages)} pages" if len(document.pages) > 1 else "1 page")
    parts.append(display(document.path))
    meta = Content(" · ".join(parts)).stylize(DIM)
    if not with_title:
        return meta
    return Content.assemble(plain(title_text(document.title)).stylize("bold"), "\n", meta)
