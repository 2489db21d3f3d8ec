"""The names of the collection's entities, in a small file of their own.

An entity query (``entity:"Dina Boluarte"``, ``person:castillo``) needs only the names each
merged entity goes by, to expand the query: not the offsets and sentences of every mention that
``quipu-extracts.json`` holds (65 MB at 10,000 documents, 0.9 s to read). This file holds one row
per entity (name, type, aliases, the folded names its documents use) and is written beside the
extracts after each index update.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.sanitize import fold

NAMES = "quipu-names.json"


@dataclass(slots=True)
class EntityNames:
    """name, type, aliases and document-level keys of each entity; looked up by folded name,
    alias, or (for a one-word query) a word of them."""

    # [name, type, aliases, keys, folded name and aliases]: folded when written, as folding
    # every name of 10,000 documents costs a one-shot query 0.3 s
    rows: list[list[Any]] = field(default_factory=list)
    _table: dict[str, list[int]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_entities(cls, entities: Iterable[dict[str, Any]]) -> EntityNames:
        return cls(
            [
                [
                    e["name"],
                    e["type"],
                    list(e["aliases"]),
                    sorted({k for _, k in e["members"]}),
                    sorted({fold(e["name"])} | {fold(a) for a in e["aliases"]}),
                ]
                for e in entities
            ]
        )

    @classmethod
    def load(cls, index_dir: Path, version: int) -> EntityNames | None:
        """The names file, or None when missing, unreadable or of another version."""
        from index.store import read_json

        data = read_json(index_dir / NAMES, version)
        if data is None or "entities" not in data or "lookup" not in data:
            return None
        return cls(data["entities"], data["lookup"])

    def save(self, index_dir: Path, version: int) -> None:
        from index.store import write_json

        payload = {"version": version, "entities": self.rows, "lookup": self._lookup()}
        write_json(index_dir / NAMES, payload)

    def called(self, name: str) -> list[int]:
        """The rows whose folded name or alias is ``name`` folded, in order."""
        return list(self._lookup().get(fold(name), []))

    def lookup_keys(self) -> list[str]:
        """Every folded name and alias, and ("word:") word of them, that ``called_key`` takes."""
        return list(self._lookup())

    def called_key(self, key: str) -> list[int]:
        """The rows a lookup key (a folded name, or "word:" and a word of one) stands for."""
        return list(self._lookup().get(key, []))

    def keys(self, name: str, kind: str | None = None) -> set[str]:
        """The document-level names (folded) of the entities called ``name`` or an alias of it,
        or (for one word) having it as a word of their name: what ``entity:`` and ``person:``
        match in the index."""
        wanted = fold(name).strip()
        found = self._lookup().get(wanted, [])
        if " " not in wanted:
            found = found + self._lookup().get("word:" + wanted, [])
        keys: set[str] = set()
        for number in dict.fromkeys(found):
            _name, entity_type, _aliases, entity_keys, folded = self.rows[number]
            if kind and entity_type != kind:
                continue
            keys |= set(entity_keys) | set(folded)
        return keys

    def _lookup(self) -> dict[str, list[int]]:
        """Folded name, alias or ("word:") word of them -> rows: written with the file, as
        building it costs a one-shot query 0.1 s at 10,000 documents."""
        if self._table is None:
            table: dict[str, list[int]] = {}
            for number, row in enumerate(self.rows):
                names = row[4]
                for key in {*names, *("word:" + w for n in names for w in n.split())}:
                    table.setdefault(key, []).append(number)
            self._table = table
        return self._table
