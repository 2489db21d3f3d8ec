"""A word's fields ORed, matched by reading their postings once into a list.

A plain word is searched in three fields at once (``title:w OR body:w OR exact:w``: its stem,
and its exact form to rank first). Whoosh matches such an OR with a tree of union matchers,
several method calls per document at every level, or (on a small index) with an array it
walks document number by document number; either way most of a common word's search time at
10,000 documents. When every part of the OR is a term, this reads each term's postings a block
at a time, scores them with the term's own scorer, and sums them per document into a list
matcher: the same documents and, but for the order floating-point sums are made in, the same
scores (a test holds them equal).
"""

from __future__ import annotations

from typing import Any

from whoosh import query
from whoosh.matching import ListMatcher, NullMatcher


def _scored_postings(matcher: Any, totals: dict[int, float], scored: bool) -> None:
    """Add each posting's score (1.0 unscored) to ``totals`` by document number."""
    scorer: Any = getattr(matcher, "scorer", None)
    leaf = type(matcher).__name__ == "W3LeafMatcher"
    if leaf and not scored:
        while matcher.is_active():
            matcher._read_ids()
            totals.update(dict.fromkeys(matcher._ids[matcher._i :], 1.0))
            matcher._next_block()
        return
    if leaf and type(scorer).score is LENGTH_SCORE and hasattr(scorer, "dfl"):
        score, length = scorer._score, scorer.dfl
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            start = matcher._i
            for docnum, weight in zip(matcher._ids[start:], matcher._weights[start:], strict=True):
                totals[docnum] = totals.get(docnum, 0.0) + score(weight, length(docnum))
            matcher._next_block()
        return
    while matcher.is_active():
        docnum = matcher.id()
        totals[docnum] = totals.get(docnum, 0.0) + (matcher.score() if scored else 1.0)
        matcher.next()


def _length_score() -> Any:
    from whoosh.scoring import WeightLengthScorer

    return WeightLengthScorer.score


LENGTH_SCORE = _length_score()
"""``_score(weight, length of the document's field)``: what a block is scored with here."""


class ListedOr(query.Or):  # type: ignore[misc]
    """An OR of terms whose matcher is a list of its documents and their summed scores."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        subs = self.subqueries
        plain = not (self.minmatch or self.scale)
        if not subs or not plain or not all(type(sub) is query.Term for sub in subs):
            return super().matcher(searcher, context)
        scored = context is None or context.weighting is not None
        totals: dict[int, float] = {}
        for sub in subs:
            _scored_postings(sub.matcher(searcher, context), totals, scored)
        if not totals:
            return NullMatcher()
        ids = sorted(totals)
        boost = self.boost
        weights = [totals[docnum] * boost for docnum in ids] if scored else None
        return ListMatcher(ids, weights=weights)
