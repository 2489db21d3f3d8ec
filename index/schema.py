"""The Whoosh schema and analyzers, defined in one place.

One record per document (``kind`` "doc"). Where in a document a query matches best is found in
its stored text at search time, for the page of hits only: per-passage records doubled the cost
of indexing and the size of the index.
Import this module only where Whoosh is needed: it loads Whoosh.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
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
from whoosh.formats import Frequency, Positions
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

from index.tokens import TOKEN_PATTERN, CompoundFilter, PlaceStopFilter


class StripFilter(Filter):  # type: ignore[misc]
    """Trim the spaces around comma-separated keywords; drop empty ones."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            token.text = token.text.strip()
            if token.text:
                yield token


@dataclass(frozen=True, slots=True)
class Analysed:
    """A field's postings worked out ahead (in an extraction worker): what ``index`` yields."""

    postings: tuple[tuple[bytes, int, float, bytes], ...]


class OnePass:
    """Index a string in one pass: the analyzer's tokenizer pattern over the text, and each
    distinct token run through its filters once and remembered (the filters used here look at
    one token at a time). Whoosh otherwise runs every token through a chain of generators,
    which was most of the cost of indexing a document. The postings are identical (a test holds
    them so); analyzers or formats this does not know are left to Whoosh.
    A value may also be ``Analysed`` ahead, in an extraction worker."""

    analyzer: Any
    format: Any

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, Analysed):
            yield from value.postings
            return
        pattern = self._pattern()
        if not isinstance(value, str) or kwargs or pattern is None:
            yield from super().index(value, **kwargs)  # type: ignore[misc]
            return
        terms = self._terms()
        renumber = self._renumbers()
        positions: dict[str, list[int]] = {}
        pos = -1  # StopFilter's numbering: the first token kept keeps its place, then one by one
        for place, match in enumerate(pattern.finditer(value)):
            token = match.group()
            found_terms = terms.get(token)
            if found_terms is None:
                found_terms = terms[token] = self._analyse(token)
            if found_terms and renumber == "place":
                pos = place if pos < 0 else pos + 1  # a joined word's terms share its place
            for term in found_terms:
                # without a stop filter, the parts of a joined word stand where the word stands
                if renumber != "place":
                    pos = (place if pos < 0 else pos + 1) if renumber else place
                found = positions.get(term)
                if found is None:
                    positions[term] = [pos]
                else:
                    found.append(pos)
        boost = self.format.field_boost
        if type(self.format) is Positions:
            encode = self.format.encode
            for term, where in positions.items():
                yield term.encode("utf-8"), len(where), len(where) * boost, encode(where)
        else:  # Frequency
            for term, where in positions.items():
                freq = len(where)
                yield term.encode("utf-8"), freq, float(freq) * boost, pack_uint(freq)

    def _pattern(self) -> re.Pattern[str] | None:
        """The tokenizer's pattern, when the analyzer and format are ones this knows."""
        known = self.__dict__.get("_one_pass")
        if known is None:
            known = self.__dict__["_one_pass"] = (_one_pass_pattern(self.analyzer, self.format),)
        return known[0]

    def _renumbers(self) -> str:
        """How a stop filter numbers the kept terms: "place", by the tokens they come from
        (PlaceStopFilter); "term", one by one (Whoosh's StopFilter); or "" (not at all: a
        token's terms share the token's place)."""
        items = getattr(self.analyzer, "items", ())
        for item in items:
            if type(item) is PlaceStopFilter and item.renumber:
                return "place"
            if type(item) is StopFilter and item.renumber:
                return "term"
        return ""

    def _terms(self) -> dict[str, tuple[str, ...]]:
        cache: dict[str, tuple[str, ...]] | None = self.__dict__.get("_term_cache")
        if cache is None or len(cache) > 200_000:
            cache = self.__dict__["_term_cache"] = {}
        return cache

    def _analyse(self, token: str) -> tuple[str, ...]:
        return tuple(t.text for t in self.analyzer(token, positions=True, mode="index"))

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_term_cache", None)  # the schema is pickled into the index's table of contents
        state.pop("_one_pass", None)
        return state


def _one_pass_pattern(analyzer: Any, format: Any) -> re.Pattern[str] | None:
    """The tokenizer pattern of ``analyzer`` if its filters look at one token at a time and
    drop tokens only where positions stay right (StopFilter, renumbering), with a Positions or
    Frequency format; else None."""
    from whoosh.analysis import CompositeAnalyzer

    if type(format) not in (Positions, Frequency) or not isinstance(analyzer, CompositeAnalyzer):
        return None
    tokenizer, *filters = analyzer.items
    if type(tokenizer) is not RegexTokenizer or tokenizer.gaps:
        return None
    for item in filters:
        if type(item) in (StopFilter, PlaceStopFilter) and not item.renumber:
            return None
        if type(item) is StripFilter and type(format) is Positions:
            return None  # drops tokens without renumbering
        if type(item) not in (
            LowercaseFilter,
            CharsetFilter,
            StopFilter,
            PlaceStopFilter,
            StemFilter,
            StripFilter,
            CompoundFilter,
        ):
            return None
    return tokenizer.expression  # type: ignore[no-any-return]


class FastText(OnePass, fields.TEXT):  # type: ignore[misc]
    """Whoosh's TEXT, indexed in one pass."""


class FastKeyword(OnePass, fields.KEYWORD):  # type: ignore[misc]
    """Whoosh's KEYWORD, indexed in one pass."""


def analysed(fieldname: str, text: str) -> Analysed:
    """The postings of ``text`` in a one-pass field of the schema, to index later (the work of
    analysing moves to the process that extracts, off the one that writes)."""
    return Analysed(tuple(_schema()[fieldname].index(text)))


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
