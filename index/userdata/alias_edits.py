"""The user's corrections to the entities: ``aliases.tsv`` in the corpus's user folder.

Alias resolution (:mod:`index.extract.aliases`) is a guess; a person reading the collection knows
better. Each line of the file is one correction, applied in order to the merged entities after
every update (and by an update on its own when only the file changed):

- ``merge  A  B``: B is the same entity as A (A keeps its name and type; B's name and aliases
  become aliases of A).
- ``split  NAME  ALIAS``: ALIAS is not NAME: the documents' entities called ALIAS leave NAME and
  form an entity of their own, of NAME's type.
- ``type  NAME  TYPE``: NAME is a PERSON, PLACE or ORG.
- ``rename  NAME  NEW``: NAME is shown as NEW (the old name stays an alias, so it still finds).

Names are matched as entity queries are: the name or an alias, case and accents folded. A
correction that names no entity (the text changed, or an earlier line took the name) is kept in
the file and reported as a warning by the update; it applies again when the name comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from index.extract.lexicon import ORG, PERSON, PLACE
from index.sanitize import fold
from index.userdata.user_data import CORRECTIONS, Fields, TableFile, corpus_data_dir, file_digest

Action = Literal["merge", "split", "type", "rename"]
ACTIONS: tuple[Action, ...] = ("merge", "split", "type", "rename")
TYPES = (PERSON, PLACE, ORG)

Entities = list[dict[str, Any]]
"""Merged entities as the extracts store them: name, type, aliases, members [[doc, key]]."""

LocalName = Callable[[str, str], str | None]
"""(doc, key) -> the name a document's entity goes by there (None when unknown)."""
LocalAliases = Callable[[str, str], list[str]]
"""(doc, key) -> the other names a document's entity goes by there (joined in that text)."""


@dataclass(frozen=True, slots=True)
class AliasEdit:
    """One correction: ``action`` on the entity called ``name``, with ``value`` (the other
    entity, the alias, the type or the new name)."""

    action: Action
    name: str
    value: str

    def fields(self) -> Fields:
        return (self.action, self.name, self.value)

    def to_json(self) -> dict[str, str]:
        return {"action": self.action, "name": self.name, "value": self.value}

    def describe(self) -> str:
        if self.action == "merge":
            return f'"{self.value}" merged into "{self.name}"'
        if self.action == "split":
            return f'"{self.value}" split off "{self.name}"'
        if self.action == "type":
            return f'"{self.name}" typed {self.value}'
        return f'"{self.name}" renamed "{self.value}"'


def edit_problem(action: str, name: str, value: str) -> str | None:
    """Why a record cannot be a correction (None when it can)."""
    if action not in ACTIONS:
        return f"unknown action {action!r} (one of: {', '.join(ACTIONS)})"
    if not name.strip() or not value.strip():
        return "a name and a value are needed"
    if action == "type" and value.upper() not in TYPES:
        return f"unknown type {value!r} (one of: {', '.join(TYPES)})"
    if action in ("merge", "split") and fold(name) == fold(value):
        return f"{action} needs two different names"
    return None


@dataclass(frozen=True, slots=True)
class AliasEdits:
    """The corrections file of one corpus."""

    file: TableFile

    @classmethod
    def of(cls, corpus: Path) -> AliasEdits:
        return cls(
            TableFile(
                corpus_data_dir(corpus) / CORRECTIONS,
                (3,),
                (
                    "quipu entity corrections, applied in order after each update:",
                    "merge A B | split NAME ALIAS | type NAME PERSON|PLACE|ORG | rename NAME NEW",
                    "(tab-separated; quipu alias --help)",
                ),
            )
        )

    def all(self) -> tuple[list[AliasEdit], tuple[str, ...]]:
        """The corrections in order, and a warning per line that is not one."""
        table = self.file.read()
        edits: list[AliasEdit] = []
        warnings = list(table.warnings)
        for action, name, value in (record[:3] for record in table.records):
            problem = edit_problem(action, name, value)
            if problem:
                warnings.append(f"{self.file.path}: {action} {name!r} {value!r} ignored: {problem}")
                continue
            if action == "type":
                value = value.upper()
            edits.append(AliasEdit(cast(Action, action), name, value))
        return edits, tuple(warnings)

    def digest(self) -> str:
        """What the file holds, as a short digest ("" when there is none)."""
        return file_digest(self.file.path)

    def add(self, edit: AliasEdit) -> None:
        self.file.change(lambda records: [*records, edit.fields()])

    def drop(self, number: int) -> AliasEdit | None:
        """Forget the ``number``-th correction (1-based, as ``quipu alias list`` shows it)."""
        dropped: list[AliasEdit] = []

        def without(records: list[Fields]) -> list[Fields]:
            if not 1 <= number <= len(records):
                return records
            action, name, value = records[number - 1][:3]
            dropped.append(AliasEdit(cast(Action, action), name, value))
            return records[: number - 1] + records[number:]

        self.file.change(without)
        return dropped[0] if dropped else None


def apply_edits(
    entities: Entities,
    edits: list[AliasEdit],
    local_name: LocalName,
    local_aliases: LocalAliases | None = None,
) -> tuple[Entities, list[str]]:
    """``entities`` with the corrections applied in order (new dicts where changed), and a
    warning per correction that named no entity."""
    result = [dict(entity) for entity in entities]
    warnings: list[str] = []
    for edit in edits:
        problem = _apply(result, edit, local_name, local_aliases)
        if problem:
            warnings.append(f"entity correction ({edit.describe()}) not applied: {problem}")
    return result, warnings


def find_entity(entities: Entities, name: str) -> int | None:
    """The number of the entity called ``name``: by its name first, then by an alias."""
    wanted = fold(name)
    by_alias = None
    for number, entity in enumerate(entities):
        if fold(entity["name"]) == wanted:
            return number
        if by_alias is None and any(fold(alias) == wanted for alias in entity["aliases"]):
            by_alias = number
    return by_alias


def _apply(
    entities: Entities,
    edit: AliasEdit,
    local_name: LocalName,
    local_aliases: LocalAliases | None = None,
) -> str | None:
    number = find_entity(entities, edit.name)
    if number is None:
        return f'no entity "{edit.name}"'
    entity = entities[number]
    if edit.action == "type":
        entity["type"] = edit.value
    elif edit.action == "rename":
        old = entity["name"]
        aliases = [a for a in entity["aliases"] if fold(a) != fold(edit.value)]
        entity["name"] = edit.value
        entity["aliases"] = _sorted_names([*aliases, old])
    elif edit.action == "merge":
        other = find_entity(entities, edit.value)
        if other is None:
            return f'no entity "{edit.value}"'
        if other == number:
            return f'"{edit.value}" is already "{entity["name"]}"'
        taken = entities.pop(other)
        entity = entities[number if other > number else number - 1]
        names = [*entity["aliases"], taken["name"], *taken["aliases"]]
        entity["aliases"] = _sorted_names(n for n in names if fold(n) != fold(entity["name"]))
        entity["members"] = [*entity["members"], *taken["members"]]
    else:
        return _split(entities, number, edit, local_name, local_aliases)
    return None


def _split(
    entities: Entities,
    number: int,
    edit: AliasEdit,
    local_name: LocalName,
    local_aliases: LocalAliases | None,
) -> str | None:
    entity = entities[number]
    wanted = fold(edit.value)
    if fold(entity["name"]) == wanted:
        return f'"{edit.value}" is the entity\'s own name (rename it first)'
    leaving = [
        member
        for member in entity["members"]
        if fold(member[1]) == wanted or fold(local_name(member[0], member[1]) or "") == wanted
    ]
    aliases = [a for a in entity["aliases"] if fold(a) != wanted]
    if not leaving:
        if len(aliases) == len(entity["aliases"]):
            return f'"{entity["name"]}" has no alias "{edit.value}"'
        # Only inside documents ("Boularte" beside "Dina Boluarte" in the one text): its
        # mentions would stay and count for the entity, its name gone from the aliases.
        return (
            f'"{edit.value}" is joined to "{entity["name"]}" inside the documents that write it '
            "(none calls the entity only that); splitting it there is not supported yet"
        )
    entity["members"] = [m for m in entity["members"] if m not in leaving]
    if local_aliases is not None:  # the names its remaining documents still give it
        names = {n for d, k in entity["members"] for n in [local_name(d, k), *local_aliases(d, k)]}
        aliases = [n for n in names if n and fold(n) != fold(entity["name"])]
    entity["aliases"] = _sorted_names(aliases)
    shown = (
        next((local_name(d, k) for d, k in leaving if local_name(d, k)), edit.value) or edit.value
    )
    entities.append({"name": shown, "type": entity["type"], "aliases": [], "members": leaving})
    if not entity["members"]:
        entities.pop(number)
    return None


def _sorted_names(names: Any) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(fold(name), name)
    return sorted(seen.values())


@dataclass(frozen=True, slots=True)
class Corrections:
    """The corrections an update applies: read once, with the digest the manifest records."""

    edits: tuple[AliasEdit, ...] = ()
    warnings: tuple[str, ...] = ()
    digest: str = ""

    @classmethod
    def of(cls, corpus: Path) -> Corrections:
        file = AliasEdits.of(corpus)
        digest = file.digest()
        if not digest:
            return cls()
        edits, warnings = file.all()
        return cls(tuple(edits), warnings, digest)

    def apply(self, extracts: Any, entities: Entities) -> list[str]:
        """Set ``extracts``' entities to ``entities`` corrected; the warnings to report."""
        if not self.edits:
            extracts.set_entities(entities)
            return list(self.warnings)
        corrected, warnings = apply_edits(
            entities, list(self.edits), local_names(extracts), local_aliases(extracts)
        )
        extracts.set_entities(corrected)
        return [*self.warnings, *warnings]


def local_names(extracts: Any) -> LocalName:
    """The name each document's entity goes by there, from the extracts."""
    names = {(doc, key): name for doc, key, name, _aliases in extracts.local_rows()}
    return lambda doc, key: names.get((doc, key))


def local_aliases(extracts: Any) -> LocalAliases:
    """The other names each document's entity goes by there, from the extracts."""
    aliases = {(doc, key): list(found) for doc, key, _name, found in extracts.local_rows()}
    return lambda doc, key: aliases.get((doc, key), [])
