"""The names of the collection's entities, looked up in the database beside the index.

An entity query (``entity:"Dina Boluarte"``, ``person:castillo``) needs only the names each
merged entity goes by, to expand the query: the ``names`` table maps each folded name, alias
and ("word:") word of them to the entities, and each entity row keeps its folded names and the
document-level names (keys) its members use.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from index.sanitize import fold

if TYPE_CHECKING:
    from index.storage.extracts import Extracts


class EntityNames:
    """name, type, aliases and document-level keys of each entity; looked up by folded name,
    alias, or (for a one-word query) a word of them."""

    def __init__(self, extracts: Extracts) -> None:
        self.extracts = extracts

    def called(self, name: str) -> list[int]:
        """The entities whose folded name or alias is ``name`` folded, in order."""
        return self.extracts.called_key(fold(name))

    def lookup_keys(self) -> list[str]:
        """Every folded name and alias, and ("word:") word of them, that ``called_key`` takes."""
        return [key for (key,) in self.extracts._rows("SELECT DISTINCT key FROM names")]

    def called_key(self, key: str) -> list[int]:
        """The entities a lookup key (a folded name, or "word:" and a word of one) stands for."""
        return self.extracts.called_key(key)

    def name(self, number: int) -> str:
        """The name of the entity numbered ``number``."""
        found = self.extracts._rows("SELECT name FROM entities WHERE id = ?", (number,))
        return str(found[0][0]) if found else ""

    def keys(self, name: str, kind: str | None = None) -> set[str]:
        """The document-level names (folded) of the entities called ``name`` or an alias of it,
        or (for one word) having it as a word of their name: what ``entity:`` and ``person:``
        match in the index."""
        wanted = fold(name).strip()
        lookup = [wanted] if " " in wanted else [wanted, "word:" + wanted]
        marks = ",".join("?" * len(lookup))
        keys: set[str] = set()
        for entity_type, entity_keys, folded in self.extracts._rows(
            "SELECT type, keys, folded FROM entities WHERE id IN "
            f"(SELECT entity FROM names WHERE key IN ({marks}))",
            lookup,
        ):
            if kind and entity_type != kind:
                continue
            keys |= set(json.loads(entity_keys)) | set(json.loads(folded))
        return keys
