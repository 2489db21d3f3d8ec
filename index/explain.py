"""Why an entity is what quipu says it is: ``quipu entities --explain NAME``.

An entity of the collection merges the entities of its documents (:mod:`index.extract.aliases`);
each of those got type evidence from its mentions (:mod:`index.extract.entities`: a title before
it, a given name, an organization's word, the gazetteer, the words around it). The explanation
lists the documents' entities it merges, with their names and evidence, the reasons behind the
evidence (found again by reading those documents' text with the evidence recorded), and the
user's corrections that name it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from index.extract.lexicon import ORG, PERSON, PLACE
from index.userdata.alias_edits import AliasEdit

if TYPE_CHECKING:
    from index.storage.database import MergedEntity
    from index.storage.extracts import Extracts

MOST_DOCUMENTS = 20
"""Documents read again for reasons (those with most mentions first); the rest are counted."""
TYPES = (PERSON, PLACE, ORG)


@dataclass(frozen=True, slots=True)
class Evidence:
    """``points`` for ``kind`` because of ``reason``, found ``times`` in a document."""

    kind: str
    points: int
    reason: str
    times: int

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.kind,
            "points": self.points,
            "reason": self.reason,
            "times": self.times,
        }


@dataclass(frozen=True, slots=True)
class Member:
    """A document's entity merged into the collection's: its name there, mentions, evidence."""

    doc: str
    name: str
    mentions: int
    scores: dict[str, int]
    reasons: tuple[Evidence, ...] | None  # None: not read again (past MOST_DOCUMENTS)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "name": self.name,
            "mentions": self.mentions,
            "scores": self.scores,
            "reasons": None if self.reasons is None else [r.to_json() for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """An entity, the evidence for each type summed over its members, and the members."""

    name: str
    type: str
    aliases: tuple[str, ...]
    scores: dict[str, int]
    members: tuple[Member, ...]
    corrections: tuple[AliasEdit, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "wikidata": self.wikidata,
            "scores": self.scores,
            "members": [member.to_json() for member in self.members],
            "corrections": [edit.to_json() for edit in self.corrections],
        }

    @property
    def wikidata(self) -> str | None:
        """Its Wikidata id, where the knowledge base knows its name or an alias with its type."""
        from index.extract.knowledge import wikidata_id

        return wikidata_id(self.name, self.type, self.aliases)

    def known_as(self) -> str:
        """What the knowledge base says of it, in words ('' when it knows nothing)."""
        from index.extract.knowledge import lookup

        known = lookup(self.name)
        if known is None or known.type != self.type:
            return ""
        qid = f", Wikidata {known.qid}" if known.qid else ""
        return f"knowledge base: {known.name} ({known.kind}{qid})"

    def lines(self) -> list[str]:
        """The explanation as text (names still to be made safe for a terminal)."""
        evidence = ", ".join(f"{kind} {self.scores.get(kind, 0)}" for kind in TYPES)
        documents = len({member.doc for member in self.members})
        out = [f"{self.name}  {self.type}  (evidence over {documents} documents: {evidence})"]
        if self.aliases:
            out.append(f"also: {', '.join(self.aliases)}")
        if self.known_as():
            out.append(self.known_as())
        for edit in self.corrections:
            out.append(f"your correction: {edit.describe()}")
        for member in self.members:
            scores = ", ".join(f"{k} {v}" for k, v in sorted(member.scores.items())) or "none"
            out.append(f'  {member.doc}  "{member.name}" ×{member.mentions}  ({scores})')
            if member.reasons is None:
                out.append("      (not read again)")
                continue
            for reason in member.reasons:
                times = f"  ×{reason.times}" if reason.times > 1 else ""
                out.append(f"      {reason.kind} +{reason.points}  {reason.reason}{times}")
            found: Counter[str] = Counter()
            for reason in member.reasons:
                found[reason.kind] += reason.points * reason.times
            for kind in TYPES:
                counted = member.scores.get(kind, 0)
                if found[kind] > counted:
                    why = (
                        "a place's name that is a word of a person's name here"
                        if kind == PLACE
                        else "evidence the document's reading set aside"
                    )
                    out.append(f"      ({kind}: {found[kind]} found, {counted} counted: {why})")
        return out


def explain(
    entity: MergedEntity,
    extracts: Extracts,
    text_of: Callable[[str], str],
    corrections: list[AliasEdit],
) -> Explanation:
    """The explanation of ``entity`` (a merged entity as the extracts store it); ``text_of``
    gives a document's text, read again for the reasons behind the evidence."""
    from index.extract.entities import Reason, extract
    from index.sanitize import fold
    from index.storage.extracts import EXTRACT_CHARS

    rows = extracts.member_rows(entity.number)
    per_doc: Counter[str] = Counter()
    for doc, row in rows:
        per_doc[doc] += len(row[4])
    read_again = {doc for doc, _ in per_doc.most_common(MOST_DOCUMENTS)}
    reasons_of: dict[str, list[Reason]] = {}
    members = []
    total: Counter[str] = Counter()
    for doc, (_key, name, stored, _aliases, mentions) in rows:
        scores = {kind: points for kind, points in stored.items() if kind in TYPES}
        total.update(scores)
        reasons: tuple[Evidence, ...] | None = None
        if doc in read_again:
            if doc not in reasons_of:
                found: list[Reason] = []
                extract(text_of(doc)[:EXTRACT_CHARS], why=found)
                reasons_of[doc] = found
            spans = {(start, end) for start, end, _text, _passage in mentions}
            counted = Counter(
                (r.kind, r.points, r.reason)
                for r in reasons_of[doc]
                if (r.start, r.end) in spans and r.kind in TYPES
            )
            reasons = tuple(
                Evidence(kind, points, reason, times)
                for (kind, points, reason), times in sorted(
                    counted.items(), key=lambda item: (-item[1] * item[0][1], item[0])
                )
            )
        members.append(Member(doc, name, len(mentions), dict(sorted(scores.items())), reasons))
    members.sort(key=lambda m: (-m.mentions, m.doc))
    names = {fold(entity.name), *(fold(a) for a in entity.aliases)}
    touching = tuple(
        edit
        for edit in corrections
        if fold(edit.name) in names or (edit.action != "type" and fold(edit.value) in names)
    )
    return Explanation(
        entity.name,
        entity.type,
        tuple(entity.aliases),
        {kind: total.get(kind, 0) for kind in TYPES},
        tuple(members),
        touching,
    )
