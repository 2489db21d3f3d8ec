"""The collection's words and how many documents use each, for "did you mean".

Words are lower-cased and accent-folded, not stemmed: a suggestion is a word a person types.
They live in a file beside the index, not in it: as a Whoosh field they were nearly half of all
the postings the index wrote, and so nearly half the cost of a build. The counts are kept up to
date by each update (a replaced or removed document's words are read back from its stored text)
and stamped with the index generation they match; a mismatch (a crash between the index commit
and this file) rebuilds them from the stored texts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.support.charset import accent_map

VOCABULARY = "quipu-words.json"
_WORD = re.compile(r"\w+")


def words_of(text: str) -> set[str]:
    """The distinct words of ``text``, lower-cased and accent-folded (as the index folds them)."""
    return {
        word if word.isascii() else word.translate(accent_map)
        for word in set(_WORD.findall(text.lower()))
    }


@dataclass(slots=True)
class Vocabulary:
    counts: Counter[str] = field(default_factory=Counter)
    generation: int = -1
    """The index generation these counts match (-1: none yet)."""
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
        from index.fuzzy import within

        if self._sorted is None:
            self._sorted = sorted(self.counts)
        return within(self._sorted, word, distance, prefix)

    @classmethod
    def of_texts(cls, texts: Iterable[str], generation: int = -1) -> Vocabulary:
        vocabulary = cls(generation=generation)
        for text in texts:
            vocabulary.add(text)
        return vocabulary

    @classmethod
    def load(cls, index_dir: Path, version: int) -> Vocabulary | None:
        """The words file, or None when missing, unreadable or of another index version."""
        from index.store import read_json

        data = read_json(index_dir / VOCABULARY, version)
        if data is None or not isinstance(data.get("counts"), dict):
            return None
        try:
            return cls(Counter(data["counts"]), int(data["generation"]))
        except (KeyError, TypeError, ValueError):
            return None

    def save(self, index_dir: Path, version: int) -> None:
        from index.store import write_json

        payload: dict[str, Any] = {
            "version": version,
            "generation": self.generation,
            "counts": self.counts,
        }
        write_json(index_dir / VOCABULARY, payload)
