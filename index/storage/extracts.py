"""What extraction found in each document (entities, dates, the publication date), stored beside
the index, and the collection-level views built from it: entities with merged aliases, and the
timeline.

The Whoosh index holds what queries need (``entity:``, ``mentions:``, ``published``); this
file holds the offsets and sentences, so ``quipu entities`` and ``quipu timeline`` answer
without opening the index. It is rewritten atomically after each index update.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.extract.names import EntityNames
from index.extract.partial_dates import auto_granularity, bucket_start, day_span
from index.models import (
    Basis,
    Bucket,
    DatedDocument,
    DateMention,
    DayCount,
    Document,
    Entity,
    EntityMention,
    Span,
    Timeline,
    as_basis,
)
from index.storage.database import Database, MergedEntity, Transaction

if TYPE_CHECKING:
    from index.extract.entities import LocalEntity

ANY_ANCHOR = date(2000, 6, 15)
"""A typical date that gives every month-day a year (2000 was a leap year: February 29 too)."""
UNDATED_BASES = ("inferred", "none")
"""The bases of a document that states no date of its own."""
SPREAD_DOCUMENTS = 3
"""How many documents must state their date for their years to be the collection's prior."""
TYPICAL_YEARS = 3
"""How many years the middle half of the dated documents may span for their median date to be
the collection's typical one (the year an undated document's "January 24" most likely has):
a collection of biographies of 2002 to 2009 beside news of 2023 has none."""
EXTRACT_CHARS = 500_000
"""Entities and dates are read from this many first characters of a document (about 80,000
words: a long report), which bounds extraction to about a second per document."""


@dataclass(slots=True)
class DocExtract:
    """Extraction results for one document (JSON-ready lists, offsets into its text)."""

    doc: str
    title: str
    published: str | None
    basis: Basis
    # [key, name, scores, aliases, [[start, end, text], ...]]
    entities: list[list[Any]] = field(default_factory=list)
    # [start, end, text, value, granularity, sentence, future]
    dates: list[list[Any]] = field(default_factory=list)
    passages: list[list[int]] = field(default_factory=list)  # [[start, end], ...]
    confidence: float | None = None  # of an inferred publication date
    suggestion: str | None = None  # undated: "2004–2005 from the years it mentions"
    anchored: bool = True
    """Undated, its text has dates the collection gives a year ("December 7"), or its date is
    inferred (the collection's spread decides whether it stands): its dates change with the
    collection's anchors (False: they cannot)."""
    edges: list[str] = field(default_factory=list)
    """The keys of its short head and tail lines (index/furniture.py): what the collection
    counts to find the lines many documents repeat (none for a paged document)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "published": self.published,
            "basis": self.basis,
            "confidence": self.confidence,
            "suggestion": self.suggestion,
            "anchored": self.anchored,
            "edges": self.edges,
            "entities": self.entities,
            "dates": self.dates,
            "passages": self.passages,
        }

    def passage_of(self, offset: int) -> int:
        """The number of the passage holding a character offset (-1 if none)."""
        from bisect import bisect_right

        index = bisect_right([p[0] for p in self.passages], offset) - 1
        if index >= 0 and offset < self.passages[index][1]:
            return index
        return -1


@dataclass(frozen=True, slots=True)
class Anchors:
    """What the collection's dated documents say about time, to date the undated ones."""

    years: dict[tuple[int, int], int] = field(default_factory=dict)
    typical: date | None = None  # the median publication date
    spread: tuple[int, int] | None = None
    """The years most dated documents fall in (10th to 90th percentile; at least three)."""


def extraction_text(document: Document) -> str:
    """What extraction reads of a document: its first ``EXTRACT_CHARS`` characters, with its
    page furniture turned to spaces (offsets kept), so furniture gives no entity and no date."""
    text = document.text[:EXTRACT_CHARS]
    if not document.furniture:
        return text
    from index.reading.furniture import blank

    return blank(text, document.furniture)


def analyse(document: Document, anchors: Anchors) -> tuple[Document, DocExtract]:
    """Extract a document's entities and dates; date it when it states no date
    (:func:`dated_document`)."""
    from index.extract.entities import extract
    from index.reading.furniture import edge_keys

    text = extraction_text(document)
    document, dates, anchored = dated_document(document, anchors)
    entities = [
        [
            e.key,
            e.name,
            {k: v for k, v in e.scores.items() if v},
            sorted(e.aliases),
            [[m.start, m.end, m.text] for m in e.mentions],
        ]
        for e in with_declared_people(text, extract(text), document.people)
    ]
    extract_ = DocExtract(
        document.doc,
        document.title,
        document.published,
        document.published_basis,
        entities,
        dates,
        [[p.start, p.end] for p in document.passages],
        document.published_confidence,
        document.published_hint,
        anchored,
        [] if document.pages else edge_keys(document.text),
    )
    return document, extract_


def dated_document(document: Document, anchors: Anchors) -> tuple[Document, list[list[Any]], bool]:
    """A document's dates (as stored: [start, end, text, value, granularity, sentence,
    future]), the document dated when it states no date, and whether it depends on the
    anchors (undated, its text has dates without a year: any anchors give them one).

    An undated document is dated by the evidence its text reports, weighed
    (:mod:`index.extract.published`); its partial dates ("January 19") take their year from the
    collection (the same month-day in dated documents, else the year nearest the collection's
    typical date) and count as weaker evidence. When the evidence is too weak it stays undated.
    Its relative dates are then resolved against that date, as far as it is known: a document
    dated only by its year leaves "on Friday" unresolved. Only an undated document's result
    depends on ``anchors``."""
    from index.extract.dates import (
        UNRESOLVED,
        YEAR,
        expressions,
        parse_reference,
        precision,
        tag,
        takes_a_year,
        unresolved,
    )
    from index.extract.published import UNDATED, estimate, within_collection

    text = extraction_text(document)
    reference = parse_reference(document.published)
    found = expressions(text)
    guess = UNDATED
    anchored = False
    if reference is not None:
        matches = tag(text, reference, found=found, precision=precision(document.published))
    elif document.published_basis == "user":  # the user says the date is not known
        matches = tag(text, found=found)
    else:
        absolute = tag(text, found=found)
        written = frozenset(m.start for m in absolute)
        # (without a date written without its year, no anchors change its dates)
        yearless = takes_a_year(found)
        anchored = yearless and len(tag(text, None, None, ANY_ANCHOR, found)) > len(absolute)
        guessed: frozenset[int] = frozenset()
        if yearless and (anchors.years or anchors.typical):
            dated = tag(text, None, anchors.years, anchors.typical, found)
            mapped = tag(text, None, anchors.years, None, found) if anchors.typical else dated
            # its dates without a year that only the collection's typical date gave one
            guessed = frozenset(m.start for m in dated) - frozenset(m.start for m in mapped)
        else:
            dated = absolute
        partial = frozenset(m.start for m in dated) - written
        years = {int(end[:4]) for m in absolute for end in m.value.split("/")}
        guess = estimate(text, dated, partial, found, guessed, years)
        matches = absolute
        for _ in range(3):  # resolve against the date, re-date from what resolves: settles fast
            if guess.value is None:
                break
            assert guess.granularity is not None
            reference = parse_reference(guess.value)
            matches = tag(text, reference, found=found, precision=guess.granularity)
            if guess.granularity == YEAR:
                # Its dates without a year ("December 7") now took the guessed year: evidence
                # the guess made, not evidence for it (they moved a document a year ahead).
                break
            settled = estimate(text, matches, frozenset(m.start for m in matches) - written, found)
            if settled.value is None or settled.value == guess.value:
                break
            guess = settled
        if guess.value is not None:
            anchored = True  # whether it stands depends on the collection's spread
            guess = within_collection(guess, anchors.spread)
            if guess.value is None:
                matches = absolute
        if guess.value is not None:
            document = replace(
                document,
                published=guess.value,
                published_basis="inferred",
                published_confidence=guess.confidence,
            )
        elif guess.suggestion:
            document = replace(document, published_hint=guess.suggestion)
    dates: list[list[Any]] = [
        [
            m.start,
            m.end,
            m.text,
            m.value,
            m.granularity,
            document.text[m.sentence[0] : m.sentence[1]],
            m.future,
        ]
        for m in matches
    ]
    dates += [
        [
            e.start,
            e.end,
            text[e.start : e.end],
            "",
            UNRESOLVED,
            text[e.sentence[0] : e.sentence[1]],
            e.future,
        ]
        for e in unresolved(text, found, matches)
    ]
    dates.sort(key=lambda row: row[0])
    return document, dates, anchored


DECLARED_PERSON = 3
"""The PERSON evidence of a name a format's metadata declares a person (an e-mail's From)."""


def with_declared_people(
    text: str, found: list[LocalEntity], spans: tuple[Span, ...]
) -> list[LocalEntity]:
    """The entities of a document with the people its metadata names at ``spans`` (display
    names of an e-mail's From, To and Cc) as PERSON mentions: joined to the entity of the same
    name when the text has one, else new; what the text's reading found overlapping them is
    dropped ("Doe" of "Doe, Jane"). A "Doe, Jane" is named Jane Doe."""
    if not spans:
        return found
    import re

    from index.extract.entities import LocalEntity, Mention, name_tokens
    from index.extract.lexicon import PERSON
    from index.sanitize import fold

    def overlaps(mention: Mention) -> bool:
        return any(mention.start < span.end and span.start < mention.end for span in spans)

    kept: list[LocalEntity] = []
    for entity in found:
        entity.mentions = [m for m in entity.mentions if not overlaps(m)]
        if entity.mentions:
            kept.append(entity)
    by_key = {entity.key: entity for entity in kept}
    for span in spans:
        written = text[span.start : span.end]
        last, comma, first = written.partition(",")
        name = f"{first.strip()} {last.strip()}" if comma and first.strip() else written
        key = " ".join(fold(word) for word in re.findall(r"[^\W\d_]+(?:[-'’.][^\W_]+)*", name))
        if not key:
            continue
        known = by_key.get(key)
        if known is None:
            entity = LocalEntity(name, key, name_tokens(key), {}, [], set())
            by_key[key] = entity
            kept.append(entity)
        else:
            entity = known
        declared = {PERSON: DECLARED_PERSON}
        entity.mentions.append(Mention(span.start, span.end, written, declared, key))
        entity.mentions.sort(key=lambda m: m.start)
        entity.scores[PERSON] = entity.scores.get(PERSON, 0) + DECLARED_PERSON
        entity.aliases.add(written)
    return kept


def resolved_entities(records: list[Any]) -> list[dict[str, Any]]:
    """The collection's merged entities, as stored: name, type, aliases and members."""
    from index.extract.aliases import resolve

    return [
        {
            "name": c.name,
            "type": c.type,
            "aliases": c.aliases,
            "members": [[m.doc, m.key] for m in c.members],
            "weight": c.count,
            "root": c.key,
        }
        for c in resolve(records)
    ]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Extracts:
    """Every document's extraction results and the collection's merged entities, in the
    database beside the index (``index.storage.database``), and the views of them: entity lists,
    co-mentions, timelines, each one query. Read from a ``Database``; during an update, from
    its ``Transaction`` (what the update has written so far)."""

    def __init__(self, source: Database | Transaction) -> None:
        self.source = source
        self._spans = _SpanCache()
        self._dumped: dict[Any, str] = {}

    @classmethod
    def load(cls, index_dir: Path, version: int) -> Extracts:
        """The extracts of the index in ``index_dir`` (empty when it has none of ``version``)."""
        return cls(Database(index_dir, version))

    @classmethod
    def writing(cls, index_dir: Path, version: int, fresh: bool) -> Extracts:
        """The extracts of an update: written in one transaction (``save`` commits it)."""
        return cls(Transaction(index_dir, version, fresh))

    @property
    def _writer(self) -> Transaction:
        assert isinstance(self.source, Transaction), "extracts opened for reading"
        return self.source

    def _rows(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        return self.source.rows(sql, parameters)

    # -- an update's writes ----------------------------------------------------------------

    def put(self, extract: DocExtract) -> None:
        """Add (or replace) one document's extraction results."""
        from bisect import bisect_right

        writer, doc = self._writer, extract.doc
        writer.drop(doc)
        starts = [p[0] for p in extract.passages]

        def passage(offset: int) -> int:
            number = bisect_right(starts, offset) - 1
            return number if number >= 0 and offset < extract.passages[number][1] else -1

        writer.put_document(
            (
                doc,
                extract.title,
                extract.published,
                extract.basis,
                extract.confidence,
                extract.suggestion,
                int(extract.anchored),
                _dumps(extract.passages),
                _dumps(extract.edges),
                _placed_json(doc, extract.dates),
            )
        )
        writer.put_entities(
            doc,
            [
                (key, n, name, self._dump(scores), self._dump(aliases), len(found))
                for n, (key, name, scores, aliases, found) in enumerate(extract.entities)
            ],
        )
        writer.put_mentions(
            doc,
            [
                (doc, row[0], start, end, text, passage(start))
                for row in extract.entities
                for start, end, text in row[4]
            ],
        )
        spans = self._spans
        writer.put_many(
            "dates",
            (
                (doc, s, e, text, value, gran, sentence, int(bool(future)), *spans[value])
                + (passage(s),)
                for s, e, text, value, gran, sentence, future in extract.dates
            ),
            11,
        )

    def _dump(self, value: dict[str, int] | list[str]) -> str:
        """JSON of a scores dict or an aliases list (the same few recur: written once each)."""
        key = tuple(value.items()) if isinstance(value, dict) else tuple(value)
        dumped = self._dumped.get(key)
        if dumped is None:
            dumped = self._dumped[key] = _dumps(value)
        return dumped

    def drop(self, doc: str) -> None:
        """Forget one document's extraction results."""
        self._writer.drop(doc)

    def set_entities(self, entities: list[dict[str, Any]]) -> None:
        """Replace the merged entities (as ``resolved_entities`` gives them)."""
        from index.storage.database import MergedEntity

        merged = [
            MergedEntity(
                -1,
                e["name"],
                e["type"],
                tuple(e["aliases"]),
                tuple(map(tuple, e["members"])),  # [doc, key] pairs
                e.get("weight", 0),
                e.get("root", ""),
            )
            for e in entities
        ]
        self._writer.set_entities(merged, _name_keys)

    def index_names(self, keys: Iterable[str] | None = None) -> None:
        """Give alias resolution's lookups (``index.storage.name_source``) the terms of these
        document keys (None: of every key)."""
        from index.storage.name_source import term_rows

        if keys is None:
            keys = [key for (key,) in self._rows("SELECT DISTINCT key FROM local_entities")]
        terms, variants = term_rows(keys)
        self._writer.add_name_terms(terms, variants)

    def update_entities(self, changed: set[str]) -> None:
        """Resolve aliases again around the names this update changed, not over the whole
        collection (``index.extract.aliases.Resolver.around``): what a full resolution gives,
        in the time of a few names."""
        from index.extract.aliases import Resolver
        from index.storage.database import MergedEntity
        from index.storage.name_source import DatabaseSource

        writer = self._writer
        self.index_names(changed)
        resolver = Resolver(DatabaseSource(writer.rows))
        entities, gone = resolver.around(changed, writer.entities_with)
        merged = [
            MergedEntity(
                -1,
                c.name,
                c.type or "",
                tuple(c.aliases),
                tuple((m.doc, m.key) for m in c.members),
                c.count,
                c.key,
            )
            for c in entities
        ]
        writer.replace_entities(gone, merged, _name_keys)

    def save(self, generation: int | None = None) -> None:
        """Commit the update (``generation``: the Whoosh generation it matches), with the
        printed form of the entities it changed."""
        writer = self._writer
        stale = writer.stale_entities()
        if stale:
            counted, joined = self._counted(None, None, None, stale)
            writer.set_printed(self._each_printed(counted, joined))
        writer.commit(generation)

    def abandon(self) -> None:
        if isinstance(self.source, Transaction):
            self.source.rollback()

    # -- what an update reads ---------------------------------------------------------------

    def doc(self, doc: str) -> DocExtract | None:
        """One document's extraction results, as extraction gave them."""
        found = self._rows(
            "SELECT title, published, basis, confidence, suggestion, anchored, passages, edges "
            "FROM documents WHERE doc = ?",
            (doc,),
        )
        if not found:
            return None
        title, published, basis, confidence, suggestion, anchored, passages, edges = found[0]
        mentions: dict[str, list[list[Any]]] = {}
        for key, start, end, text in self._rows(
            "SELECT key, start, end, text FROM mentions WHERE doc = ? ORDER BY rowid", (doc,)
        ):
            mentions.setdefault(key, []).append([start, end, text])
        entities = [
            [key, name, json.loads(scores), json.loads(aliases), mentions.get(key, [])]
            for key, name, scores, aliases in self._rows(
                "SELECT key, name, scores, aliases FROM local_entities WHERE doc = ? "
                "ORDER BY position",
                (doc,),
            )
        ]
        dates = [
            [s, e, text, value, gran, sentence, bool(future)]
            for s, e, text, value, gran, sentence, future in self._rows(
                "SELECT start, end, text, value, granularity, sentence, future FROM dates "
                "WHERE doc = ? ORDER BY rowid",
                (doc,),
            )
        ]
        return DocExtract(
            doc,
            title,
            published,
            as_basis(basis),
            entities,
            dates,
            json.loads(passages),
            confidence,
            suggestion,
            bool(anchored),
            json.loads(edges),
        )

    def has(self, doc: str) -> bool:
        return bool(self._rows("SELECT 1 FROM documents WHERE doc = ?", (doc,)))

    def doc_ids(self) -> list[str]:
        return [doc for (doc,) in self._rows("SELECT doc FROM documents ORDER BY doc")]

    def edges(self) -> list[tuple[str, str, list[str]]]:
        """(doc, title, the keys of its head and tail lines) of every document."""
        return [
            (doc, title, json.loads(edges))
            for doc, title, edges in self._rows(
                "SELECT doc, title, edges FROM documents ORDER BY rowid"
            )
        ]

    def anchors(self) -> Anchors:
        """The year each month-day has in the documents that state their date (the most common
        one; of two as common, the later), and their median publication date when they cluster
        (:data:`TYPICAL_YEARS`). Dates inferred for undated documents are not evidence: the
        anchors are what a clean build dates the undated documents with, whatever order the
        documents were indexed in."""
        stated = "basis NOT IN ('inferred', 'none')"
        published = [
            value
            for (value,) in self._rows(
                f"SELECT published FROM documents WHERE {stated} AND published IS NOT NULL "
                "AND published != '' ORDER BY published"
            )
        ]
        typical, spread = None, None
        quarter = len(published) // 4
        if published and int(published[-1 - quarter][:4]) - int(published[quarter][:4]) <= (
            TYPICAL_YEARS
        ):
            from index.extract.dates import parse_reference

            typical = parse_reference(published[len(published) // 2])
        if len(published) >= SPREAD_DOCUMENTS:
            tenth = len(published) // 10
            spread = (int(published[tenth][:4]), int(published[-1 - tenth][:4]))
        votes: dict[tuple[int, int], Counter[int]] = {}
        for value, count in self._rows(
            "SELECT value, COUNT(*) FROM dates WHERE granularity = 'day' AND doc IN "
            f"(SELECT doc FROM documents WHERE {stated}) GROUP BY value"
        ):
            year, month, day = (int(p) for p in value.split("-"))
            votes.setdefault((month, day), Counter())[year] += count
        years = {
            key: max(counter.items(), key=lambda vote: (vote[1], vote[0]))[0]
            for key, counter in sorted(votes.items())
        }
        return Anchors(years, typical, spread)

    def anchors_as_committed(self) -> Anchors:
        """The anchors as the last update committed them (``keep_anchors``): what the undated
        documents indexed were dated with, without reading every date again; worked out when
        the database holds none."""
        found = self._rows("SELECT value FROM meta WHERE key = 'anchors'")
        if found:
            try:
                kept = json.loads(found[0][0])
                typical = kept["typical"]
                return Anchors(
                    {(month, day): year for month, day, year in kept["years"]},
                    None if typical is None else date.fromisoformat(typical),
                    None if kept["spread"] is None else (kept["spread"][0], kept["spread"][1]),
                )
            except (ValueError, KeyError, TypeError):
                pass
        return self.anchors()

    def keep_anchors(self, anchors: Anchors) -> None:
        """Record the anchors of the documents as this update leaves them (``anchors()``)."""
        kept = {
            "years": [[month, day, year] for (month, day), year in anchors.years.items()],
            "typical": None if anchors.typical is None else anchors.typical.isoformat(),
            "spread": None if anchors.spread is None else list(anchors.spread),
        }
        self._writer.set_meta("anchors", json.dumps(kept))

    def undated(self) -> list[str]:
        """The documents that state no date (dated, if at all, from the anchors)."""
        return [
            doc
            for (doc,) in self._rows(
                "SELECT doc FROM documents WHERE basis IN ('inferred', 'none') ORDER BY doc"
            )
        ]

    def entity_records(self) -> list[Any]:
        """Every document's entities, as alias resolution takes them (LocalRecord), in the
        order the documents were indexed. Records of equal scores or aliases share them:
        resolution only reads them."""
        from index.extract.aliases import LocalRecord

        parsed: dict[str, Any] = {}  # the same few scores and aliases recur: read once

        def read(text: str) -> Any:
            found = parsed.get(text)
            if found is None:
                found = parsed[text] = json.loads(text)
            return found

        return [
            LocalRecord(doc, key, name, read(scores), read(aliases), count)
            for doc, key, name, scores, aliases, count in self._rows(
                "SELECT l.doc, l.key, l.name, l.scores, l.aliases, l.mentions "
                "FROM local_entities l JOIN documents d ON d.doc = l.doc "
                "ORDER BY d.rowid, l.position"
            )
        ]

    def local_rows(self) -> list[tuple[str, str, str, list[str]]]:
        """(doc, key, name, aliases) of every document's entities."""
        return [
            (doc, key, name, json.loads(aliases))
            for doc, key, name, aliases in self._rows(
                "SELECT doc, key, name, aliases FROM local_entities"
            )
        ]

    # -- the merged entities ----------------------------------------------------------------

    def merged_entities(self, numbers: Iterable[int] | None = None) -> list[MergedEntity]:
        """The merged entities (those numbered ``numbers``), in order."""
        wanted = None if numbers is None else sorted(set(numbers))
        if wanted is not None and not wanted:
            return []
        chosen = "" if wanted is None else ",".join(map(str, wanted))
        members: dict[int, list[tuple[str, str]]] = {}
        for number, doc, key in self._rows(
            "SELECT entity, doc, key FROM members"
            + (f" WHERE entity IN ({chosen})" if chosen else "")
            + " ORDER BY entity, position"
        ):
            members.setdefault(number, []).append((doc, key))
        return [
            MergedEntity(
                number, name, kind, tuple(json.loads(aliases)), tuple(members.get(number, ()))
            )
            for number, name, kind, aliases in self._rows(
                "SELECT id, name, type, aliases FROM entities"
                + (f" WHERE id IN ({chosen})" if chosen else "")
                + " ORDER BY position"
            )
        ]

    def merged(self, numbers: Iterable[int] | None = None) -> list[dict[str, Any]]:
        """The merged entities as alias resolution and the user's corrections take them:
        name, type, aliases, members [[doc, key], ...]."""
        return [
            {
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "members": [[doc, key] for doc, key in e.members],
            }
            for e in self.merged_entities(numbers)
        ]

    @property
    def entities(self) -> list[dict[str, Any]]:
        """Every merged entity (``merged``)."""
        return self.merged()

    def names(self) -> EntityNames:
        """The entities' names, for lookups."""
        return EntityNames(self)

    def called(self, name: str) -> list[int]:
        """The numbers of the entities whose folded name or alias is ``name`` folded."""
        from index.sanitize import fold

        return self.called_key(fold(name))

    def called_key(self, key: str) -> list[int]:
        return [
            n
            for (n,) in self._rows(
                "SELECT n.entity FROM names n JOIN entities e ON e.id = n.entity "
                "WHERE n.key = ? ORDER BY e.position",
                (key,),
            )
        ]

    def find(self, name: str) -> MergedEntity | None:
        """The canonical entity called ``name`` (or having it as an alias)."""
        from index.sanitize import fold

        wanted = fold(name)
        called = self.merged_entities(self.called(name))
        for entity in called:
            if fold(entity.name) == wanted:
                return entity
        return called[0] if called else None

    # -- views ------------------------------------------------------------------------------

    def _counted(
        self,
        kind: str | None,
        docs: set[str] | None,
        limit: int | None,
        numbers: Iterable[int] | None,
    ) -> tuple[list[Any], str]:
        """The entities (number, name, type, aliases, mentions), most mentioned first, and the
        join that keeps a query to ``docs`` (in ``temp.wanted``)."""
        joined = "JOIN temp.wanted w ON w.doc = m.doc " if docs is not None else ""
        if docs is not None and self.source.with_docs(docs) is None:
            return [], joined
        conditions = []
        parameters: list[Any] = []
        if kind:
            conditions.append("e.type = ?")
            parameters.append(kind)
        if numbers is not None:
            conditions.append(f"e.id IN ({','.join(str(int(n)) for n in numbers) or 'NULL'})")
        where = f"WHERE {' AND '.join(conditions)} " if conditions else ""
        counted = self._rows(
            "SELECT e.id, e.name, e.type, e.aliases, SUM(l.mentions) AS total "
            f"FROM entities e JOIN members m ON m.entity = e.id {joined}"
            "JOIN local_entities l ON l.doc = m.doc AND l.key = m.key "
            f"{where}GROUP BY e.id ORDER BY total DESC, e.name, e.position"
            + (f" LIMIT {int(limit)}" if limit else ""),
            parameters,
        )
        return counted, joined

    def entity_list(
        self,
        kind: str | None = None,
        docs: set[str] | None = None,
        limit: int | None = None,
        mentions: bool = True,
        numbers: Iterable[int] | None = None,
        per_doc: bool = True,
    ) -> list[Entity]:
        """The collection's entities (of one type; mentioned in ``docs``; numbered ``numbers``),
        most mentioned first. Without ``mentions``, only the counts: the offsets of every
        mention are what cost (hundreds of thousands of them in 10,000 documents). Without
        ``per_doc``, their ``docs`` are left empty: the reader's list of 32,000 entities at
        10,000 documents held 117,000 of those counts (14 MB, 40 MB while read) to show none."""
        counted, joined = self._counted(kind, docs, limit, numbers)
        if not counted:
            return []
        chosen = ",".join(str(row[0]) for row in counted)
        by_doc: dict[int, dict[str, int]] = {}
        same: dict[str, str] = {}  # each document's id kept once, not once per row
        for number, doc, count in (
            self._rows(
                "SELECT m.entity, m.doc, SUM(l.mentions) FROM members m "
                f"{joined}JOIN local_entities l ON l.doc = m.doc AND l.key = m.key "
                f"WHERE m.entity IN ({chosen}) GROUP BY m.entity, m.doc ORDER BY m.entity, m.doc"
            )
            if per_doc
            else ()
        ):
            by_doc.setdefault(number, {})[same.setdefault(doc, doc)] = count
        found: dict[int, list[EntityMention]] = {}
        if mentions:
            for number, doc, start, end, text in self._rows(
                "SELECT m.entity, n.doc, n.start, n.end, n.text FROM members m "
                f"{joined}JOIN mentions n ON n.doc = m.doc AND n.key = m.key "
                f"WHERE m.entity IN ({chosen}) ORDER BY m.entity, n.doc, n.start, m.position, "
                "n.rowid"
            ):
                found.setdefault(number, []).append(EntityMention(doc, start, end, text))
        return [
            Entity(
                name,
                kind_,
                total,
                by_doc.get(number, {}),
                tuple(json.loads(aliases)),
                tuple(found.get(number, ())),
            )
            for number, name, kind_, aliases, total in counted
        ]

    def each_entity(
        self, kind: str | None = None, docs: set[str] | None = None, limit: int | None = None
    ) -> Iterator[Entity]:
        """``entity_list`` with the mentions, one entity at a time: the rows are read in the
        entities' order from two cursors, so the mentions of all of them (a million at 10,000
        documents) are never held at once."""
        counted, joined = self._counted(kind, docs, limit, None)
        for _number, entity in self._each_counted(counted, joined):
            yield entity

    def _each_counted(self, counted: list[Any], joined: str) -> Iterator[tuple[int, Entity]]:
        """The entities ``counted`` (``_counted``) with their mentions, and their numbers."""
        columns = "n.doc, n.start, n.end, n.text"
        for number, entity, found in self._each_with(counted, joined, columns):
            yield number, replace(entity, mentions=tuple(EntityMention(*row) for row in found))

    def _each_printed(self, counted: list[Any], joined: str) -> Iterator[tuple[str, int, int]]:
        """The entities ``counted`` printed as ``quipu entities --json`` prints them, with their
        number of mentions and their numbers: the mentions' JSON made by SQLite (its
        ``json_quote`` writes a string as ``json.dumps`` does, but for the characters
        ``strict_json`` escapes besides), not a Python object per mention."""
        from index.strict_json import dumps, escaped

        connection = self.source.connection_now()
        if getattr(connection, "escaped", False):  # strings kept as bytes: JSON cannot quote
            for number, entity in self._each_counted(counted, joined):
                yield dumps(entity.to_json()), entity.count, number
            return
        columns = (
            """'{"doc": ' || json_quote(n.doc) || ', "start": ' || n.start || ', "end": ' """
            """|| n.end || ', "text": ' || json_quote(n.text) || '}'"""
        )
        for number, entity, found in self._each_with(counted, joined, columns):
            head = dumps(entity.to_json())  # its mentions last: '"mentions": []}'
            mentions = escaped(", ".join(text for (text,) in found))
            yield f"{head[:-2]}{mentions}]}}", entity.count, number

    def _each_with(
        self, counted: list[Any], joined: str, columns: str
    ) -> Iterator[tuple[int, Entity, list[tuple[Any, ...]]]]:
        """The entities ``counted`` without their mentions, their numbers, and the rows of
        their mentions (``columns`` of ``mentions n``, in the order of their list)."""
        if not counted:
            return
        connection = self.source.connection_now()
        if connection is None:
            return
        connection.execute(
            "CREATE TEMP TABLE IF NOT EXISTS ranked (rank INTEGER PRIMARY KEY, entity INTEGER)"
        )
        connection.execute("DELETE FROM temp.ranked")
        connection.executemany(
            "INSERT INTO temp.ranked VALUES (?, ?)", enumerate(row[0] for row in counted)
        )
        per_doc = connection.execute(
            "SELECT r.rank, m.doc, SUM(l.mentions) FROM temp.ranked r "
            f"JOIN members m ON m.entity = r.entity {joined}"
            "JOIN local_entities l ON l.doc = m.doc AND l.key = m.key "
            "GROUP BY r.rank, m.doc ORDER BY r.rank, m.doc"
        )
        found = connection.execute(
            f"SELECT r.rank, {columns} FROM temp.ranked r "
            f"JOIN members m ON m.entity = r.entity {joined}"
            "JOIN mentions n ON n.doc = m.doc AND n.key = m.key "
            "ORDER BY r.rank, n.doc, n.start, m.position, n.rowid"
        )
        next_count = next(per_doc, None)
        next_mention = next(found, None)
        for rank, (number, name, kind_, aliases, total) in enumerate(counted):
            counts: dict[str, int] = {}
            while next_count is not None and next_count[0] == rank:
                counts[next_count[1]] = next_count[2]
                next_count = next(per_doc, None)
            mentions = []
            while next_mention is not None and next_mention[0] == rank:
                mentions.append(next_mention[1:])
                next_mention = next(found, None)
            entity = Entity(name, kind_, total, counts, tuple(json.loads(aliases)), ())
            yield number, entity, mentions

    def printed_entities(
        self, kind: str | None = None, limit: int | None = None
    ) -> Iterator[bytes]:
        """The JSON of ``each_entity`` over the whole collection, one entity at a time, as the
        update that last changed each entity printed it (its UTF-8 bytes): no mention is read."""
        connection = self.source.connection_now()
        if connection is None:
            return
        where, parameters = "printed != ''", []
        if kind:
            where += " AND type = ?"
            parameters.append(kind)
        for (printed,) in connection.execute(
            f"SELECT CAST(printed AS BLOB) FROM entities WHERE {where} "
            "ORDER BY total DESC, name, position" + (f" LIMIT {int(limit)}" if limit else ""),
            parameters,
        ):
            yield _utf8(printed)

    def mentions_in(self, name: str, doc: str) -> list[tuple[int, int]]:
        """Offsets of the mentions, in ``doc``, of the entity whose name or an alias is
        ``name`` (exactly): only that document's rows are read."""
        numbers = [
            e.number
            for e in self.merged_entities(self.called(name))
            if e.name == name or name in e.aliases
        ]
        if not numbers:
            return []
        return [
            (start, end)
            for start, end in self._rows(
                "SELECT DISTINCT n.start, n.end FROM members m JOIN mentions n "
                "ON n.doc = m.doc AND n.key = m.key WHERE m.doc = ? AND m.entity IN "
                f"({','.join(map(str, numbers))}) ORDER BY n.start, n.end",
                (doc,),
            )
        ]

    def entity_passages(self, name: str) -> dict[str, set[int]]:
        """doc -> the numbers of the passages that mention the entity."""
        entity = self.find(name)
        found: dict[str, set[int]] = {}
        if entity is None:
            return found
        for doc, passage in self._rows(
            "SELECT DISTINCT n.doc, n.passage FROM members m JOIN mentions n "
            "ON n.doc = m.doc AND n.key = m.key WHERE m.entity = ?",
            (entity.number,),
        ):
            found.setdefault(doc, set()).add(passage)
        return found

    def co_mentions(self, name: str, limit: int = 20) -> list[tuple[Entity, int]]:
        """Entities mentioned in the same passages as ``name``: (entity, shared passages)."""
        target = self.find(name)
        if target is None:
            return []
        shared: dict[str, int] = {}
        numbers: dict[str, int] = {}
        for number, other, count in self._rows(
            "WITH places AS (SELECT DISTINCT n.doc, n.passage FROM members m JOIN mentions n "
            "ON n.doc = m.doc AND n.key = m.key WHERE m.entity = :target), "
            "sharing AS (SELECT DISTINCT m.entity, n.doc, n.passage FROM places p "
            "JOIN mentions n ON n.doc = p.doc AND n.passage = p.passage "
            "JOIN members m ON m.doc = n.doc AND m.key = n.key WHERE m.entity != :target) "
            "SELECT s.entity, e.name, COUNT(*) FROM sharing s JOIN entities e ON e.id = s.entity "
            "GROUP BY s.entity ORDER BY e.position",
            {"target": target.number},
        ):
            shared[other] = count  # of two entities of one name, the later (as ever)
            numbers[other] = number
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:limit]
        chosen = ",".join(str(numbers[name_]) for name_, _ in ranked) or "NULL"
        same_names = [
            n
            for (n,) in self._rows(
                "SELECT id FROM entities WHERE name IN "
                f"(SELECT name FROM entities WHERE id IN ({chosen}))"
            )
        ]
        by_name = {e.name: e for e in self.entity_list(mentions=False, numbers=same_names)}
        return [(by_name[name_], count) for name_, count in ranked if name_ in by_name]

    def _selection(
        self,
        docs: set[str] | None,
        date_from: date | None,
        date_to: date | None,
        entity: str | None,
    ) -> tuple[str, str, str, list[str]] | None:
        """The SQL that picks a timeline's dates: the join to ``docs`` (in ``temp.wanted``),
        the join to the passages mentioning ``entity``, the date range, and its parameters;
        None when there is no database."""
        joined = "JOIN temp.wanted w ON w.doc = d.doc " if docs is not None else ""
        if docs is not None and self.source.with_docs(docs) is None:
            return None
        conditions, parameters = [], []
        if date_from:
            conditions.append("d.last_day >= ?")
            parameters.append(date_from.isoformat())
        if date_to:
            conditions.append("d.first_day <= ?")
            parameters.append(date_to.isoformat())
        near = ""
        if entity is not None:
            found = self.find(entity)
            near = (
                "JOIN (SELECT DISTINCT n.doc, n.passage FROM members m JOIN mentions n "
                "ON n.doc = m.doc AND n.key = m.key WHERE m.entity = "
                f"{found.number if found else -1}) p "
                "ON p.doc = d.doc AND p.passage = d.passage "
            )
        conditions.append("d.value != ''")  # placed: "date unknown" ones are apart
        return joined, near, " AND ".join(conditions), parameters

    def timeline(
        self,
        docs: set[str] | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        granularity: str | None = None,
        entity: str | None = None,
        mentions: bool = True,
        days: bool = False,
    ) -> Timeline:
        """The dates the documents mention (those in ``docs``; overlapping the date range;
        ``entity``: only in passages that mention it); without ``mentions``, the documents and
        buckets only (``each_date`` gives the mentions one at a time); with ``days``, the
        count of each day too (``Timeline.days``: a chart's)."""
        selection = self._selection(docs, date_from, date_to, entity)
        if selection is None:
            return Timeline((), (), (), granularity or "month")
        joined, near, where, parameters = selection
        bases: dict[str, Basis] = {}  # each basis read once, not once per document
        documents = tuple(
            DatedDocument(
                doc,
                title,
                published,
                bases[basis] if basis in bases else bases.setdefault(basis, as_basis(basis)),
            )
            for doc, title, published, basis in self._rows(
                "SELECT d.doc, d.title, d.published, d.basis FROM documents d "
                f"{joined}ORDER BY d.doc"
            )
        )
        if not granularity:
            # The first and the last day, each the first found in the order of the index by
            # day (MIN and MAX read every date: 25 ms of CPU at 10,000 documents).
            ends: list[str | None] = []
            for direction in ("ASC", "DESC"):
                end = self._rows(
                    f"SELECT d.first_day FROM dates d {joined}WHERE d.granularity = 'day' "
                    f"AND {where} ORDER BY d.first_day {direction} LIMIT 1",
                    parameters,
                )
                ends.append(end[0][0] if end else None)
            first, last = ends
            granularity = auto_granularity(first, last)
        chosen = f"FROM dates d {joined}{near}WHERE {where}"
        unplaced = tuple(self._each_date(f"FROM dates d {joined}{near}WHERE d.value = ''", []))
        # A day counts in its bucket; a month (or a range within a month) only in month
        # buckets; years and longer ranges stay out of the histogram.
        counted = _charted(granularity == "month" or days)
        starts: Counter[date] = Counter()
        counts: list[DayCount] = []
        # (The dates of a day counted apart only when months are counted too.)
        of_days = "SUM(d.granularity = 'day')" if granularity == "month" or days else "COUNT(*)"
        for day, of_day, count in self._rows(
            f"SELECT d.first_day, {of_days}, COUNT(*) {chosen} AND ({counted}) "
            "GROUP BY d.first_day",
            parameters,
        ):
            starts[bucket_start(date.fromisoformat(day), granularity)] += (
                count if granularity == "month" else of_day
            )
            if days:
                counts.append(DayCount(day, of_day, count - of_day))
        buckets = tuple(
            Bucket(day.isoformat(), count) for day, count in sorted(starts.items()) if count
        )
        found = tuple(self._each_date(chosen, parameters)) if mentions else ()
        return Timeline(
            documents, found, buckets, granularity, unresolved=unplaced, days=tuple(counts)
        )

    def starting(
        self,
        first: date,
        last: date,
        months: bool,
        docs: set[str] | None = None,
        entity: str | None = None,
    ) -> tuple[DateMention, ...]:
        """The mentions of ``timeline`` charted in a bucket first..last: the dates of a day
        in it, and with ``months`` the months (or ranges within a month) that start in it; by
        the day they start on, a day's dates before its months, then in the timeline's order."""
        selection = self._selection(docs, None, None, entity)
        if selection is None:
            return ()
        joined, near, where, parameters = selection
        chosen = (
            f"FROM dates d {joined}{near}WHERE {where} AND d.first_day BETWEEN ? AND ? "
            f"AND ({_charted(months)})"
        )
        order = "d.first_day, d.granularity != 'day', d.doc, d.rowid"
        bounds = [first.isoformat(), last.isoformat()]
        return tuple(self._each_date(chosen, [*parameters, *bounds], order))

    def each_date(
        self,
        docs: set[str] | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        entity: str | None = None,
    ) -> Iterator[DateMention]:
        """The mentions of ``timeline``, one at a time (a cursor: never all held at once)."""
        selection = self._selection(docs, date_from, date_to, entity)
        if selection is None:
            return iter(())
        joined, near, where, parameters = selection
        return self._each_date(f"FROM dates d {joined}{near}WHERE {where}", parameters)

    def _each_date(
        self, chosen: str, parameters: list[str], order: str = "d.doc, d.rowid"
    ) -> Iterator[DateMention]:
        connection = self.source.connection_now()
        if connection is None:
            return
        # Each row's strings are new objects: the same document, value, day or sentence is
        # kept once (a timeline of 10,000 documents held 60 MB of copies).
        same: dict[str, str] = {}
        for doc, text, start, end, value, gran, sentence, first, last in connection.execute(
            "SELECT d.doc, d.text, d.start, d.end, d.value, d.granularity, d.sentence, "
            f"d.first_day, d.last_day {chosen} ORDER BY {order}",
            parameters,
        ):
            yield DateMention(
                same.setdefault(doc, doc),
                same.setdefault(text, text),
                start,
                end,
                same.setdefault(value, value),
                same.setdefault(gran, gran),
                same.setdefault(sentence, sentence),
                same.setdefault(first, first),
                same.setdefault(last, last),
            )

    def printed_dates(self) -> Iterator[bytes]:
        """The JSON of the mentions of ``each_date`` over the whole collection, each document's
        as its update printed them (their list's items, comma-separated; UTF-8 bytes)."""
        connection = self.source.connection_now()
        if connection is None:
            return
        for (placed,) in connection.execute(
            "SELECT CAST(placed AS BLOB) FROM documents WHERE placed != '' ORDER BY doc"
        ):
            yield _utf8(placed)

    def docs_mentioning(self, first: date, last: date) -> set[str]:
        """The documents that mention a day (or a month, or a short range) within first..last."""
        return {
            doc
            for (doc,) in self._rows(
                "SELECT DISTINCT doc FROM dates WHERE granularity != 'year' AND value != '' "
                "AND first_day <= ? AND last_day >= ?",
                (last.isoformat(), first.isoformat()),
            )
        }

    def member_rows(self, number: int) -> list[tuple[str, list[Any]]]:
        """The document-level entities the entity numbered ``number`` merges, in order, each
        as (doc, [key, name, scores, aliases, [[start, end, text, passage], ...]])."""
        found: dict[tuple[str, str], list[list[Any]]] = {}
        for doc, key, start, end, text, passage in self._rows(
            "SELECT n.doc, n.key, n.start, n.end, n.text, n.passage FROM members m "
            "JOIN mentions n ON n.doc = m.doc AND n.key = m.key WHERE m.entity = ? "
            "ORDER BY n.rowid",
            (number,),
        ):
            found.setdefault((doc, key), []).append([start, end, text, passage])
        return [
            (doc, [key, name, json.loads(scores), json.loads(aliases), found.get((doc, key), [])])
            for doc, key, name, scores, aliases in self._rows(
                "SELECT m.doc, m.key, l.name, l.scores, l.aliases FROM members m "
                "JOIN local_entities l ON l.doc = m.doc AND l.key = m.key WHERE m.entity = ? "
                "ORDER BY m.position",
                (number,),
            )
        ]

    def others_in(self, docs: set[str], number: int) -> list[tuple[str, str, int]]:
        """(name, doc, passage) of each mention, in ``docs``, of the entities but one."""
        if self.source.with_docs(docs) is None:
            return []
        return self._rows(
            "SELECT DISTINCT e.name, n.doc, n.passage FROM temp.wanted w "
            "JOIN members m ON m.doc = w.doc JOIN entities e ON e.id = m.entity "
            "JOIN mentions n ON n.doc = m.doc AND n.key = m.key WHERE m.entity != ?",
            (number,),
        )

    def unplaced_dates(self) -> dict[str, int]:
        """Per document, how many relative dates it has that no day can be given (only
        documents with any)."""
        from index.extract.dates import UNRESOLVED

        return dict(
            self._rows(
                "SELECT doc, COUNT(*) FROM dates WHERE granularity = ? GROUP BY doc ORDER BY doc",
                (UNRESOLVED,),
            )
        )

    def date_passages(self, docs: set[str]) -> dict[tuple[str, int], int]:
        """(doc, start) -> the passage, of each date mentioned in ``docs``."""
        if self.source.with_docs(docs) is None:
            return {}
        return {
            (doc, start): passage
            for doc, start, passage in self._rows(
                "SELECT d.doc, d.start, d.passage FROM dates d JOIN temp.wanted w ON w.doc = d.doc"
            )
        }


def _utf8(printed: bytes | str) -> bytes:
    """Printed JSON read as bytes (a connection that gives back strings kept as bytes hands
    them over as strings: made bytes again). Printed JSON is written out as it is kept: decoding
    51 MB of it to have it encoded again cost a tenth of ``timeline --json`` at 10,000
    documents."""
    return printed if type(printed) is bytes else str(printed).encode("utf-8", "surrogateescape")


def _charted(months: bool) -> str:
    """The SQL condition of the dates a chart counts: a day in its bucket; with ``months``
    (month buckets) a month, or a range within a month, too; years and longer ranges never."""
    if months:
        return "d.granularity = 'day' OR julianday(d.last_day) - julianday(d.first_day) <= 31"
    return "d.granularity = 'day'"


def _placed_json(doc: str, dates: list[list[Any]]) -> str:
    """The JSON of a document's placed dates (``DateMention.to_json``), as ``timeline --json``
    prints them: the items of their list, comma-separated."""
    from index.strict_json import dumps

    placed = [
        {
            "doc": doc,
            "text": text,
            "start": start,
            "end": end,
            "value": value,
            "granularity": granularity,
            "sentence": sentence,
        }
        for start, end, text, value, granularity, sentence, _future in dates
        if value
    ]
    return dumps(placed)[1:-1]


def _name_keys(entity: MergedEntity) -> tuple[list[str], list[str], list[str]]:
    """An entity's folded name and aliases, the document-level names (keys) of its members, and
    the keys it is looked up by: folded name or alias, and ("word:") each word of them."""
    from index.sanitize import fold

    folded = sorted({fold(entity.name)} | {fold(a) for a in entity.aliases})
    local = sorted({key for _, key in entity.members})
    lookup = sorted({*folded, *("word:" + w for n in folded for w in n.split())})
    return folded, local, lookup


class _SpanCache(dict[str, tuple[str, str]]):
    """value -> its first and last day (ISO), computed once per distinct value (a collection
    repeats its dates: 230,000 mentions of 10,000 documents hold a few thousand)."""

    def __missing__(self, value: str) -> tuple[str, str]:
        if not value:  # a relative date the document's date cannot place: no days
            self[value] = ("", "")
            return ("", "")
        first, last = day_span(value)
        self[value] = span = (first.isoformat(), last.isoformat())
        return span
