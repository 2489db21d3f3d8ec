"""Where a passage is, said for use elsewhere: a citation (path, title, date, the quoted passage)
and the line of the document's file a passage starts on (to open the file at it).

The index holds a document's cleaned text, not its file: a title line, front matter, HTML tags
or an e-mail's headers may stand between them. The line is found by looking for the passage's
first words in the file as it is now; when they are not there (HTML, a file changed since),
the line is unknown, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from index.models import Document, Span

QUOTE_CHARS = 600
"""The longest quote a citation carries (characters): a longer passage is cut at a word with …."""
FIRST_WORDS = 8
"""How many of a passage's first words must be found in the file to place its line."""
READ_LIMIT = 8 * 1024 * 1024
"""The most bytes of a file read to find a line (a larger file's later lines are unknown)."""


@dataclass(frozen=True, slots=True)
class SourceLine:
    """A document's file and the line (from 1) a passage starts on; None when not found."""

    path: Path
    line: int | None


def citation(document: Document, span: Span) -> str:
    """The passage ``span`` of ``document`` as a citation: the quote, then title, date, path and
    characters. Plain text, one paragraph for the quote and one line for the source."""
    quote = " ".join(document.text[span.start : span.end].split())
    if len(quote) > QUOTE_CHARS:
        cut = quote[:QUOTE_CHARS].rsplit(" ", 1)[0]
        quote = cut + " …"
    date = document.published or "undated"
    if document.published and document.published_basis == "inferred":
        date += " (inferred)"
    title = " ".join(document.title.split()) or document.path
    return f"“{quote}”\n— {title}, {date}, {document.path}, characters {span.start}–{span.end}\n"


def source_line(corpus: Path, document: Document, offset: int) -> SourceLine:
    """The file of ``document`` and the line the text at ``offset`` is on in it (found by the
    words from there: a short run of them may occur earlier too, so eight are matched)."""
    path = corpus / document.path
    words = document.text[offset : offset + 400].split()[:FIRST_WORDS]
    if not words:
        return SourceLine(path, None)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(READ_LIMIT)
    except OSError:
        return SourceLine(path, None)
    text = raw.decode("utf-8", "replace")
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    found = pattern.search(text)
    if found is None:
        return SourceLine(path, None)
    return SourceLine(path, text.count("\n", 0, found.start()) + 1)
