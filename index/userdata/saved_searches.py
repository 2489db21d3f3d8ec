"""Searches a person has named, with their filters: ``saved.tsv`` in the corpus's user folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.userdata.user_data import Fields, TableFile, corpus_data_dir

SAVED = "saved.tsv"
SORTS = ("relevance", "date")


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A named query and its filters (dates as written: YYYY-MM-DD; "" for none)."""

    name: str
    query: str
    date_from: str = ""
    date_to: str = ""
    entity: str = ""
    sort: str = "relevance"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "query": self.query,
            "from": self.date_from or None,
            "to": self.date_to or None,
            "entity": self.entity or None,
            "sort": self.sort,
        }

    def fields(self) -> Fields:
        return (self.name, self.query, self.date_from, self.date_to, self.entity, self.sort)


@dataclass(frozen=True, slots=True)
class SavedSearches:
    """The saved-searches file of one corpus; names are unique (saving a name replaces it)."""

    file: TableFile

    @classmethod
    def of(cls, corpus: Path) -> SavedSearches:
        return cls(
            TableFile(
                corpus_data_dir(corpus) / SAVED,
                (6,),
                ("quipu saved searches: name, query, from, to, entity, sort (tab-separated)",),
            )
        )

    def all(self) -> tuple[list[SavedSearch], tuple[str, ...]]:
        """The saved searches in the order saved, and the warnings of reading the file."""
        table = self.file.read()
        return [SavedSearch(*record) for record in table.records], table.warnings

    def get(self, name: str) -> SavedSearch | None:
        searches, _ = self.all()
        return next((s for s in searches if s.name == name), None)

    def save(self, search: SavedSearch) -> None:
        def replace(records: list[Fields]) -> list[Fields]:
            kept = [r for r in records if r[0] != search.name]
            if len(kept) == len(records):
                return [*records, search.fields()]
            return [search.fields() if r[0] == search.name else r for r in records]

        self.file.change(replace)

    def delete(self, name: str) -> bool:
        """Forget a saved search; False when there was none of that name."""
        found = self.get(name) is not None
        if found:
            self.file.change(lambda records: [r for r in records if r[0] != name])
        return found
