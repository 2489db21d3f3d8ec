"""The queries a person has run on a corpus, oldest first: ``history.tsv`` in its user folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from index.userdata.user_data import Fields, TableFile, corpus_data_dir

HISTORY = "history.tsv"
KEEP = 1000
"""The most queries kept: older ones go as new ones come (kept lines that did not parse stay)."""


@dataclass(frozen=True, slots=True)
class PastQuery:
    """A query as it was run, and when (ISO, UTC, to the second)."""

    query: str
    when: str

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "when": self.when}


@dataclass(frozen=True, slots=True)
class QueryHistory:
    """The history file of one corpus."""

    file: TableFile

    @classmethod
    def of(cls, corpus: Path) -> QueryHistory:
        return cls(
            TableFile(
                corpus_data_dir(corpus) / HISTORY,
                (2,),
                ("quipu query history: when (UTC) <TAB> query, oldest first",),
            )
        )

    def entries(self) -> tuple[list[PastQuery], tuple[str, ...]]:
        """The queries, oldest first, and the warnings of reading the file."""
        table = self.file.read()
        return [PastQuery(query, when) for when, query in table.records], table.warnings

    def queries(self) -> list[str]:
        """The distinct queries, oldest first (a repeated query counts at its latest)."""
        entries, _ = self.entries()
        latest = {entry.query: number for number, entry in enumerate(entries)}
        return sorted(latest, key=latest.__getitem__)

    def add(self, query: str, now: datetime | None = None) -> None:
        """Append a query (not when it repeats the last one), keeping the latest ``KEEP``."""
        text = " ".join(query.split())
        if not text:
            return
        when = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")

        def append(records: list[Fields]) -> list[Fields]:
            if records and records[-1][1] == text:
                return records
            return [*records, (when, text)][-KEEP:]

        self.file.change(append)

    def clear(self) -> None:
        self.file.change(lambda records: [])
