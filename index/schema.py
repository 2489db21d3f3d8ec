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
from whoosh.formats import Positions
from whoosh.support.charset import accent_map


class StripFilter(Filter):  # type: ignore[misc]
    """Trim the spaces around comma-separated keywords; drop empty ones."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            token.text = token.text.strip()
            if token.text:
                yield token


_TOKEN = re.compile(r"\w+(?:\.?\w+)*")
"""Whoosh's RegexTokenizer default pattern, without its capturing group."""


@dataclass(frozen=True, slots=True)
class Analysed:
    """A text field's postings worked out ahead (in an extraction worker): what ``index`` yields."""

    postings: tuple[tuple[bytes, int, float, bytes], ...]


class FastText(fields.TEXT):  # type: ignore[misc]
    """A TEXT field that indexes a string in one pass: the tokenizer's pattern over the text, and
    each distinct word analysed once and remembered (the filters of a text analyzer look at one
    word at a time). Whoosh otherwise runs every token through a chain of generators, which was
    most of the cost of indexing a document. The postings are identical (a test holds them so).
    """

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, Analysed):
            yield from value.postings
            return
        if not isinstance(value, str) or kwargs or not isinstance(self.format, Positions):
            yield from super().index(value, **kwargs)
            return
        terms = self._terms()
        positions: dict[str, list[int]] = {}
        pos = -1  # StopFilter's numbering: the first word kept keeps its place, then one by one
        for place, word in enumerate(_TOKEN.findall(value)):
            term = terms.get(word, "")
            if term == "":
                term = terms[word] = self._analyse(word)
            if term is not None:
                pos = place if pos < 0 else pos + 1
                found = positions.get(term)
                if found is None:
                    positions[term] = [pos]
                else:
                    found.append(pos)
        encode = self.format.encode
        boost = self.format.field_boost
        for term, where in positions.items():
            yield term.encode("utf-8"), len(where), len(where) * boost, encode(where)

    def _terms(self) -> dict[str, str | None]:
        cache: dict[str, str | None] | None = self.__dict__.get("_term_cache")
        if cache is None or len(cache) > 200_000:
            cache = self.__dict__["_term_cache"] = {}
        return cache

    def _analyse(self, word: str) -> str | None:
        tokens = [token.text for token in self.analyzer(word, positions=True, mode="index")]
        if len(tokens) > 1:
            raise ValueError(f"{word!r} analyses to more than one term")
        return tokens[0] if tokens else None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_term_cache", None)  # the schema is pickled into the index's table of contents
        return state


def analysed(fieldname: str, text: str) -> Analysed:
    """The postings of ``text`` in a FastText field of the schema, to index later (the work of
    analysing moves to the process that extracts, off the one that writes)."""
    return Analysed(tuple(_schema()[fieldname].index(text)))


@cache
def _schema() -> fields.Schema:
    return build_schema()


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
        title=FastText(analyzer=text, stored=True, field_boost=2.0),
        author=fields.TEXT(analyzer=names),
        body=FastText(analyzer=text),
        published=fields.DATETIME(),
        mentions=fields.KEYWORD(analyzer=keywords),
        entity=fields.KEYWORD(analyzer=keywords),
        person=fields.TEXT(analyzer=names),
        place=fields.TEXT(analyzer=names),
        org=fields.TEXT(analyzer=names),
        meta=fields.STORED(),
        text=fields.STORED(),
    )
