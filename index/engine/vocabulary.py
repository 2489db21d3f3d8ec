"""The collection's words and how many documents use each, for "did you mean".

Words are lower-cased and accent-folded, not stemmed: a suggestion is a word a person types.
They live in the database beside the index (``index.storage.database``), not in it: as a Whoosh
field they were nearly half of all the postings the index wrote, and so nearly half the cost of
a build. Each update adds its changes to the counts (a replaced or removed document's words are
read back from its stored text), in the transaction that writes the rest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh.support.charset import accent_map

if TYPE_CHECKING:
    from index.storage.database import Database

_WORD = re.compile(r"\w+")


def words_of(text: str) -> set[str]:
    """The distinct words of ``text``, lower-cased and accent-folded (as the index folds them)."""
    return {
        word if word.isascii() else word.translate(accent_map)
        for word in set(_WORD.findall(text.lower()))
    }


@dataclass(slots=True)
class Vocabulary:
    """Words and the number of documents using each, counted in memory (an update's changes:
    ``WordChanges``; the stored counts: ``StoredVocabulary``)."""

    counts: Counter[str] = field(default_factory=Counter)
    _sorted: list[str] | None = field(default=None, repr=False, compare=False)

    def add(self, text: str) -> None:
        self.add_words(words_of(text))

    def add_words(self, words: Iterable[str]) -> None:
        """Count a document's distinct words (``words_of`` its text)."""
        self.counts.update(words)
        self._sorted = None

    def remove(self, text: str) -> None:
        counts = self.counts
        for word in words_of(text):
            left = counts.get(word, 0) - 1
            if left > 0:
                counts[word] = left
            else:
                counts.pop(word, None)
        self._sorted = None

    def __contains__(self, word: object) -> bool:
        return word in self.counts

    def frequency(self, word: str) -> int:
        """How many documents use ``word``."""
        return self.counts.get(word, 0)

    def within(self, word: str, distance: int, prefix: int = 0) -> Iterator[str]:
        """The words within ``distance`` edits of ``word`` that share its first ``prefix``
        letters: Whoosh's Levenshtein automaton, walked over the sorted words."""
        from index.engine.fuzzy import within

        if self._sorted is None:
            self._sorted = sorted(self.counts)
        return within(self._sorted, word, distance, prefix)

    @classmethod
    def of_texts(cls, texts: Iterable[str]) -> Vocabulary:
        vocabulary = cls()
        for text in texts:
            vocabulary.add(text)
        return vocabulary


class WordChanges(Counter[str]):
    """What an update changes in the counts: +1 for each word of a document added, -1 for each
    word of one deleted."""

    def add_words(self, words: Iterable[str]) -> None:
        self.update(words)

    def remove(self, text: str) -> None:
        self.subtract(words_of(text))


class StoredVocabulary:
    """The collection's words as the database holds them, read a word (or a first letter's
    words) at a time."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @classmethod
    def load(cls, index_dir: Path, version: int) -> StoredVocabulary:
        from index.storage.database import Database

        return cls(Database(index_dir, version))

    @property
    def counts(self) -> Counter[str]:
        """Every word's count (all of them read)."""
        return Counter(dict(self.database.rows("SELECT word, documents FROM vocabulary")))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.frequency(word) > 0

    def frequency(self, word: str) -> int:
        """How many documents use ``word``."""
        found = self.database.rows("SELECT documents FROM vocabulary WHERE word = ?", (word,))
        return int(found[0][0]) if found else 0

    def within(self, word: str, distance: int, prefix: int = 0) -> Iterator[str]:
        """The words within ``distance`` edits of ``word`` that share its first ``prefix``
        letters (only those words are read)."""
        from index.engine.fuzzy import within

        start = word[:prefix]
        if start:
            rows = self.database.rows(
                "SELECT word FROM vocabulary WHERE word >= ? AND word < ? ORDER BY word",
                (start, start[:-1] + chr(ord(start[-1]) + 1)),
            )
        else:
            rows = self.database.rows("SELECT word FROM vocabulary ORDER BY word")
        return within([found for (found,) in rows], word, distance, prefix)
