"""The documents' entities as alias resolution reads them during an update: a few keys at a
time from the database (``index.extract.aliases.Source``), found by the terms
``index.extract.aliases.name_terms`` gives each key (the ``name_terms`` and ``word_variants``
tables, filled as documents are added)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from index.extract.aliases import LocalRecord, terms_of, word_variants

Rows = Callable[[str, Sequence[Any]], list[Any]]
_CHUNK = 500  # SQLite's parameters per statement stay well under its limit


def term_rows(keys: Iterable[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The (term, key) rows and the (variant, word) rows of these keys."""
    terms, words = terms_of(keys)
    variants = [(variant, word) for word in sorted(words) for variant in word_variants(word)]
    return terms, variants


class DatabaseSource:
    """``index.extract.aliases.Source`` over the database (``rows``: a query as the update's
    transaction has it so far)."""

    def __init__(self, rows: Rows) -> None:
        self._rows = rows
        self._parsed: dict[str, Any] = {}
        self._similar: dict[str, set[str]] = {}

    def _each(self, sql: str, values: Iterable[str]) -> list[Any]:
        """The rows of ``sql`` (with ``{marks}`` for a list of values) over all ``values``."""
        values = sorted(set(values))
        found: list[Any] = []
        for at in range(0, len(values), _CHUNK):
            chunk = values[at : at + _CHUNK]
            found += self._rows(sql.format(marks=", ".join("?" * len(chunk))), chunk)
        return found

    def _read(self, text: str) -> Any:
        found = self._parsed.get(text)
        if found is None:
            found = self._parsed[text] = json.loads(text)
        return found

    def records(self, keys: Iterable[str]) -> list[LocalRecord]:
        return [
            LocalRecord(doc, key, name, self._read(scores), self._read(aliases), count)
            for doc, key, name, scores, aliases, count in self._each(
                "SELECT doc, key, name, scores, aliases, mentions FROM local_entities "
                "WHERE key IN ({marks})",
                keys,
            )
        ]

    def _keys(self, terms: Iterable[str]) -> set[str]:
        return {
            key
            for (key,) in self._each("SELECT key FROM name_terms WHERE term IN ({marks})", terms)
        }

    def headed_by(self, head: str) -> set[str]:
        return self._keys(("h:" + head,))

    def people_with(self, words: Iterable[str]) -> set[str]:
        return self._keys("p:" + word for word in words)

    def lone(self, words: Iterable[str]) -> set[str]:
        return self._keys("l:" + word for word in words)

    def similar_words(self, word: str) -> set[str]:
        found = self._similar.get(word)
        if found is None:
            found = self._similar[word] = {
                similar
                for (similar,) in self._each(
                    "SELECT word FROM word_variants WHERE variant IN ({marks})",
                    word_variants(word),
                )
            }
        return found

    def with_initials(self, initials: str) -> set[str]:
        return self._keys(("i:" + initials,))
