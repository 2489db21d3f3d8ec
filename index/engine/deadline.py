"""One time limit for every phase of a query: expanding its fuzzy words, ranges, prefixes and
wildcards into terms, collecting the matches, and cutting the snippets.

Each phase may use the limit up to its share (expansion half of it, collection most of the
rest) and stops there: the query then answers with what was found so far, marked as cut, rather
than running on (forty fuzzy words took 11 s) or failing with nothing.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from whoosh import query

T = TypeVar("T")

EXPANSION_SHARE = 0.5
"""Expanding the query's words into terms stops at this share of the limit."""
COLLECTION_SHARE = 0.85
"""Collecting matches stops at this share (the rest is for the snippets)."""
MIN_COLLECTION_SECONDS = 0.1
"""Collecting gets at least this long, so a cut query still has hits to show."""


@dataclass(slots=True)
class Deadline:
    """The time a query may take, from when it began; ``cut``: some phase stopped short."""

    seconds: float
    began: float = field(default_factory=time.monotonic)
    cut: bool = False

    def left(self, share: float = 1.0) -> float:
        """Seconds left before ``share`` of the limit is used (negative: past it)."""
        return self.began + self.seconds * share - time.monotonic()

    def passed(self, share: float = 1.0) -> bool:
        """Whether ``share`` of the limit is used; if so, the query is cut."""
        if self.left(share) > 0:
            return False
        self.cut = True
        return True

    def bounded(self, items: Iterable[T], share: float) -> Iterator[T]:
        """``items`` until ``share`` of the limit is used."""
        for number, item in enumerate(items):
            if number % 64 == 0 and self.passed(share):
                return
            yield item


class _Expansion:
    """The expansion of a query of many terms (fuzzy, range, prefix, wildcard) into its terms,
    stopped at the deadline's share, and kept per reader: searching and highlighting expand it
    once."""

    def __init__(self, expand: Callable[[Any], Iterable[Any]], deadline: Deadline) -> None:
        self.expand = expand
        self.deadline = deadline
        self.done: dict[int, tuple[Any, list[Any]]] = {}

    def __call__(self, ixreader: Any) -> Iterator[Any]:
        done = self.done.get(id(ixreader))
        if done is None:
            terms: list[Any] = []
            if not self.deadline.passed(EXPANSION_SHARE):
                terms = list(self.deadline.bounded(self.expand(ixreader), EXPANSION_SHARE))
            done = self.done[id(ixreader)] = (ixreader, terms)  # the reader kept: ids stay its
        return iter(done[1])


def timed(parsed: Any, deadline: Deadline) -> Any:
    """The query with its many-term parts expanding under ``deadline``."""

    def swap(node: Any) -> Any:
        if not isinstance(node, query.MultiTerm) or "_btexts" in vars(node):
            return node
        swapped = copy.copy(node)
        swapped._btexts = _Expansion(swapped._btexts, deadline)  # Whoosh calls it to expand
        return swapped

    return parsed.accept(swap)
