"""Find in this document: where a text occurs in the document shown, apart from the search."""

from __future__ import annotations

import re

from index.models import Span


def find_spans(text: str, wanted: str) -> list[Span]:
    """Every occurrence of ``wanted``'s words in ``text``, in order: case ignored, any run of
    whitespace (a line break) between the words, taken literally (no query syntax)."""
    words = wanted.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)
    return [Span(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]
