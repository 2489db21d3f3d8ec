"""The Whoosh schema and analyzers, defined in one place.

One record per document (``kind`` "doc"). Where in a document a query matches best is found in
its stored text at search time, for the page of hits only: per-passage records doubled the cost
of indexing and the size of the index.
Import this module only where Whoosh is needed: it loads Whoosh.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from whoosh import fields
from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
)
from whoosh.support.charset import accent_map

from index.analysis import (
    TOKEN_PATTERN,
    Analysed,
    CompoundFilter,
    FastKeyword,
    FastText,
    OnePass,
    PlaceStopFilter,
    StripFilter,
)


def analysed(fieldname: str, text: str) -> Analysed:
    """The postings of ``text`` in a one-pass field of the schema, to index later (the work of
    analysing moves to the process that extracts, off the one that writes)."""
    field = _schema()[fieldname]
    if isinstance(field, OnePass):
        return field.ahead(text)
    return Analysed.of(field.index(text))


@cache
def _schema() -> fields.Schema:
    return build_schema()


def text_analyzer() -> Any:
    """Words as people write them (``tokens.py``), lower-cased, accents folded (Otárola ->
    otarola), stop words out, English stems."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | CompoundFilter()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | PlaceStopFilter()
        | StemFilter()
    )


def exact_analyzer() -> Any:
    """The same words, lower-cased and accent-folded, nothing removed, nothing stemmed: what a
    quoted phrase or ``=word`` matches."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | CompoundFilter(capitals=True)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
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
        title=FastText(analyzer=text, stored=True, field_boost=2.0),
        author=FastText(analyzer=names),
        body=FastText(analyzer=text, phrase=False),
        exact=FastText(analyzer=exact_analyzer()),
        exact_title=FastText(analyzer=exact_analyzer()),  # what title:"..." matches
        published=fields.DATETIME(),
        mentions=FastKeyword(analyzer=keywords),
        entity=FastKeyword(analyzer=keywords),
        person=FastText(analyzer=names),
        place=FastText(analyzer=names),
        org=FastText(analyzer=names),
        digest=fields.ID(sortable=True),  # the folded text's hash: exact copies share it
        # an e-mail's From, and its To and Cc: names and addresses ("from" is a keyword)
        **{"from": FastText(analyzer=names), "to": FastText(analyzer=names)},
        meta=fields.STORED(),
        text=fields.STORED(),
    )
