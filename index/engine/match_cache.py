"""The documents recent queries matched, kept per index generation: the results, the entities
and the timeline of one query (and the "why nothing matched" of the next keystroke) ask the
index once."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from index.models import MatchingDocs, Query

MATCHES_KEPT = 16
"""Queries kept (a query typed letter by letter is a dozen): at 10,000 documents a query that
matches them all holds about half a megabyte."""


@dataclass(frozen=True, slots=True)
class MatchedNumbers:
    """What a search found, as the index's document numbers (turned into ids only when the
    entities or the timeline ask for them: most keystrokes' never are)."""

    numbers: frozenset[int]
    cut: bool = False


Matched = MatchingDocs | MatchedNumbers


class MatchCache:
    """The last ``size`` queries' documents, by the query's matching part, for one generation
    of the index (a new generation forgets the rest). Thread-safe."""

    def __init__(self, size: int = MATCHES_KEPT) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._generation: Hashable = None
        self._found: OrderedDict[Query, Matched] = OrderedDict()

    def get(self, generation: Hashable, query: Query) -> Matched | None:
        with self._lock:
            if generation != self._generation:
                return None
            found = self._found.get(query.matching_part)
            if found is not None:
                self._found.move_to_end(query.matching_part)
            return found

    def put(self, generation: Hashable, query: Query, found: Matched) -> None:
        with self._lock:
            if generation != self._generation:
                self._generation = generation
                self._found.clear()
            self._found[query.matching_part] = found
            self._found.move_to_end(query.matching_part)
            while len(self._found) > self.size:
                self._found.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._generation = None
            self._found.clear()
