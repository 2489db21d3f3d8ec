"""Exact phrases, matched by their words' positions as sets.

Whoosh runs every phrase as a SpanNear2 query: a Span object for each position of each word in
each document holding all the words, compared pair by pair in Python (a common two-word phrase
took 150-250 ms at 10,000 documents). An exact phrase (the default, no slop) needs less: it
starts at p where word 0 is at p, word 1 at p + 1, and so on, which is one set intersection per
word. The documents matched and their scores are Whoosh's own (a test holds them equal).
"""

from __future__ import annotations

from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh import query
from whoosh.formats import Positions
from whoosh.matching import IntersectionMatcher, NullMatcher, WrappingMatcher
from whoosh.query.spans import Span, SpanWrappingMatcher
from whoosh.util import make_binary_tree

_COUNT = 4
"""Positions values start with the count as a 4-byte integer; the deltas follow, pickled."""


def _positions(value: bytes) -> list[int]:
    if not value.endswith(b"."):
        value += b"."  # Whoosh leaves the pickle's stop code off
    return list(accumulate(loads(value[_COUNT:])))


class _ExactPhraseMatcher(SpanWrappingMatcher):  # type: ignore[misc]
    """Matches where the words stand one after another; scores as the words' intersection."""

    def __init__(self, matchers: list[Any]) -> None:
        self.matchers = matchers
        super().__init__(make_binary_tree(IntersectionMatcher, matchers))

    def copy(self) -> _ExactPhraseMatcher:
        return self.__class__([m.copy() for m in self.matchers])

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else NullMatcher()

    def _get_spans(self) -> list[Span]:
        starts = set(_positions(self.matchers[0].value()))
        for offset, matcher in enumerate(self.matchers[1:], start=1):
            starts.intersection_update([p - offset for p in _positions(matcher.value())])
            if not starts:
                return []
        last = len(self.matchers) - 1
        return [Span(p, p + last) for p in sorted(starts)]


class ExactPhrase(query.Phrase):  # type: ignore[misc]
    """A Phrase whose matcher compares positions as sets when the phrase is exact (slop 1)
    in a field that stores plain positions; anything else is Whoosh's Phrase."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        try:
            field = searcher.schema[self.fieldname]
        except KeyError:
            field = None
        plain = type(getattr(field, "format", None)) is not Positions
        if plain or self.slop != 1 or len(self.words) < 2:
            return super().matcher(searcher, context)
        reader = searcher.reader()
        matchers = []
        for word in self.words:
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return NullMatcher()
            if (self.fieldname, btext) not in reader:
                return NullMatcher()
            matchers.append(query.Term(self.fieldname, btext).matcher(searcher, context))
        matcher = _ExactPhraseMatcher(matchers)
        return WrappingMatcher(matcher, boost=self.boost) if self.boost != 1.0 else matcher


def exact_phrases(parsed: Any) -> Any:
    """The query with each Phrase made an ExactPhrase."""

    def swap(node: Any) -> Any:
        if type(node) is query.Phrase:
            return ExactPhrase(
                node.fieldname,
                node.words,
                slop=node.slop,
                boost=node.boost,
                char_ranges=node.char_ranges,
            )
        return node

    return parsed.accept(swap)
