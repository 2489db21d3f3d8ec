"""Exact phrases, matched by their words' positions as sets.

Whoosh runs every phrase as a SpanNear2 query: a Span object for each position of each word in
each document holding all the words, compared pair by pair in Python, through a tree of
matchers (a common two-word phrase took 150-250 ms at 10,000 documents). An exact phrase (the
default, no slop) needs less: it starts at p where word 0 is at p, word 1 at p + 1, and so on,
which is one set intersection per word, done in one pass over the words' postings. The
documents matched and their scores are Whoosh's own (a test holds them equal).
"""

from __future__ import annotations

from collections.abc import Callable
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


BULK_RATIO = 8
"""A word at most this many times as common as the phrase's rarest is read whole into a table
(a block at a time); a commoner one is walked to each candidate document instead."""


def _read_all(matcher: Any, scored: bool) -> tuple[dict[int, Any], Callable[[int], float]]:
    """A word's postings as a table (document number -> positions value), and its score in
    a document of the table (0.0 unscored)."""
    from index.engine.unions import LENGTH_SCORE

    values: dict[int, Any] = {}
    scorer: Any = getattr(matcher, "scorer", None)
    block_wise = type(matcher).__name__ == "W3LeafMatcher" and (
        not scored or (type(scorer).score is LENGTH_SCORE and hasattr(scorer, "dfl"))
    )
    if block_wise:
        weights: dict[int, float] = {}
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_values()
            start = matcher._i
            ids = matcher._ids[start:]
            values.update(zip(ids, matcher._values[start:], strict=True))
            if scored:
                matcher._read_weights()
                weights.update(zip(ids, matcher._weights[start:], strict=True))
            matcher._next_block()
        if not scored:
            return values, _unscored
        score, length = scorer._score, scorer.dfl
        return values, lambda docnum: float(score(weights[docnum], length(docnum)))
    scores: dict[int, float] = {}
    while matcher.is_active():
        docnum = matcher.id()
        values[docnum] = matcher.value()
        if scored:
            scores[docnum] = matcher.score()
        matcher.next()
    return values, (scores.__getitem__ if scored else _unscored)


def _unscored(docnum: int) -> float:
    return 0.0


def _phrase_matcher(matchers: list[Any], frequencies: list[int], scored: bool) -> Any:
    """The documents where the words stand one after another, as a list matcher holding each
    document's score. The rarest word leads; the words not far commoner are read whole into
    tables and their documents intersected as sets; the commoner ones (``of``, ``the`` beside
    a rare word) are walked to each document left; positions are compared from the rarest
    word up, and only where every word stands."""
    ids: list[int] = []
    scores: list[float] = []
    order = sorted(range(len(matchers)), key=lambda i: frequencies[i])
    lead = order[0]
    bulk = [i for i in order if frequencies[i] <= BULK_RATIO * frequencies[lead]]
    walked = [i for i in order if i not in bulk]
    tables = {i: _read_all(matchers[i], scored) for i in bulk}
    candidates = set(tables[lead][0])
    for i in bulk[1:]:
        candidates.intersection_update(tables[i][0].keys())
    for docnum in sorted(candidates):
        here: dict[int, tuple[Any, float]] = {}
        for i in walked:
            matcher = matchers[i]
            if matcher.is_active() and matcher.id() < docnum:
                matcher.skip_to(docnum)
            if not matcher.is_active():
                return _listed(ids, scores, scored)
            if matcher.id() != docnum:
                break
            here[i] = (matcher.value(), matcher.score() if scored else 0.0)
        if len(here) < len(walked):
            continue
        starts = {p - lead for p in _positions(tables[lead][0][docnum])}
        for i in order[1:]:
            value = tables[i][0][docnum] if i in tables else here[i][0]
            starts.intersection_update([p - i for p in _positions(value)])
            if not starts:
                break
        if starts:
            ids.append(docnum)
            if scored:
                words = range(len(matchers))
                scores.append(
                    _tree_sum([here[i][1] if i in here else tables[i][1](docnum) for i in words])
                )
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
