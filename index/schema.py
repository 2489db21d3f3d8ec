"""The Whoosh schema and analyzers, defined in one place.

One record per document (``kind`` "doc"). Where in a document a query matches best is found in
its stored text at search time, for the page of hits only: per-passage records doubled the cost
of indexing and the size of the index.
Import this module only where Whoosh is needed: it loads Whoosh.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import fields
from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map


class StripFilter(Filter):  # type: ignore[misc]
    """Trim the spaces around comma-separated keywords; drop empty ones."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            token.text = token.text.strip()
            if token.text:
                yield token


def text_analyzer() -> Any:
    """Words, lower-cased, accents folded (Otárola -> otarola), stop words out, English stems."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter()
        | StemFilter()
    )


def name_analyzer() -> Any:
    """Words of names: lower-cased and accent-folded, no stemming, no stop words."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def keyword_analyzer() -> Any:
    """Comma-separated keywords (entity names, ISO dates), lower-cased and accent-folded."""
    return RegexTokenizer(r"[^,]+") | StripFilter() | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> fields.Schema:
    text = text_analyzer()
    keywords = keyword_analyzer()
    names = name_analyzer()
    return fields.Schema(
        kind=fields.ID(stored=True),
        key=fields.ID(stored=True, unique=True),
        doc=fields.ID(stored=True, sortable=True),  # a column: ids of matches without loading
        title=fields.TEXT(analyzer=text, stored=True, field_boost=2.0),
        author=fields.TEXT(analyzer=names),
        body=fields.TEXT(analyzer=text),
        # Unstemmed words of doc records, for "did you mean". Not `spelling=True` on `body`:
        # Whoosh 2.7 then runs fuzzy queries against the unstemmed word graph and finds nothing.
        words=fields.TEXT(analyzer=names, phrase=False),
        published=fields.DATETIME(),
        mentions=fields.KEYWORD(analyzer=keywords),
        entity=fields.KEYWORD(analyzer=keywords),
        person=fields.TEXT(analyzer=names),
        place=fields.TEXT(analyzer=names),
        org=fields.TEXT(analyzer=names),
        meta=fields.STORED(),
        text=fields.STORED(),
    )
