"""Exact phrases, matched by their words' positions as sets.

Whoosh runs every phrase as a SpanNear2 query: a Span object for each position of each word in
each document holding all the words, compared pair by pair in Python, through a tree of
matchers (a common two-word phrase took 150-250 ms at 10,000 documents). An exact phrase (the
default, no slop) needs less: it starts at p where word 0 is at p, word 1 at p + 1, and so on,
which is one set intersection per word, done in one pass over the words' postings. The
documents matched and their scores are Whoosh's own (a test holds them equal).
"""

from __future__ import annotations

from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh import query
from whoosh.formats import Positions
from whoosh.matching import ListMatcher, NullMatcher, WrappingMatcher

_COUNT = 4
"""Positions values start with the count as a 4-byte integer; the deltas follow, pickled."""


def _positions(value: bytes) -> list[int]:
    if not value.endswith(b"."):
        value += b"."  # Whoosh leaves the pickle's stop code off
    return list(accumulate(loads(value[_COUNT:])))


def _tree_sum(scores: list[float]) -> float:
    """Scores added as Whoosh's binary tree of intersections adds them: a + (b + c)."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])


def _phrase_matcher(matchers: list[Any], frequencies: list[int], scored: bool) -> Any:
    """The documents where the words stand one after another, found in one pass over the
    words' postings (the intersection walked here, not through a tree of matcher objects), as
    a list matcher holding each document's score. The rarest word leads, and the others are
    compared from the rarest up ("of" and "the" of "state of emergency" are read only where
    "emergency" is, and their positions only where the rarer words stand together)."""
    ids: list[int] = []
    scores: list[float] = []
    order = sorted(range(len(matchers)), key=lambda i: frequencies[i])
    lead, rest = order[0], order[1:]
    first = matchers[lead]
    while first.is_active():
        target = first.id()
        for i in rest:  # every word at the lead word's document, or a later target
            matcher = matchers[i]
            if matcher.id() < target:
                matcher.skip_to(target)
                if not matcher.is_active():
                    return _listed(ids, scores, scored)
            if matcher.id() > target:
                target = matcher.id()
        if target != first.id():
            first.skip_to(target)
            continue
        starts = {p - lead for p in _positions(first.value())}
        for i in rest:
            starts.intersection_update([p - i for p in _positions(matchers[i].value())])
            if not starts:
                break
        if starts:
            ids.append(target)
            if scored:
                scores.append(_tree_sum([m.score() for m in matchers]))
        first.next()
    return _listed(ids, scores, scored)


def _listed(ids: list[int], scores: list[float], scored: bool) -> Any:
    if not ids:
        return NullMatcher()
    return ListMatcher(ids, weights=scores if scored else None)


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
        matchers, frequencies = [], []
        for word in self.words:
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return NullMatcher()
            if (self.fieldname, btext) not in reader:
                return NullMatcher()
            matchers.append(query.Term(self.fieldname, btext).matcher(searcher, context))
            frequencies.append(reader.doc_frequency(self.fieldname, btext))
        scored = context is None or context.weighting is not None  # not a yes-or-no search
        matcher = _phrase_matcher(matchers, frequencies, scored)
        return WrappingMatcher(matcher, boost=self.boost) if self.boost != 1.0 else matcher
