"""The typed results of quipu's query API: frozen, slotted dataclasses with plain-dict JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal, get_args

Basis = Literal["stated", "metadata", "filename", "inferred", "user", "none"]
"""Where a document's publication date comes from: a dateline or "Published" line in its text
(``stated``), its front matter or HTML/e-mail headers (``metadata``), a date in its file name
(``filename``), weighed evidence in its text (``inferred``, with a confidence), the user
(``user``), or nowhere (``none``: undated)."""

BASES: tuple[Basis, ...] = get_args(Basis)


def as_basis(value: object) -> Basis:
    """A stored basis read back (JSON gives plain strings); anything unknown is ``none``."""
    for basis in BASES:
        if value == basis:
            return basis
    return "none"


DATE_BASES: dict[str, str] = {
    "stated": "stated in the text",
    "metadata": "from the file's metadata",
    "filename": "from the file name",
    "inferred": "inferred from the dates the text reports",
    "user": "stated by you",
}
"""Each basis of a publication date in words."""


def describe_date(
    published: str | None,
    basis: str,
    confidence: float | None = None,
    hint: str | None = None,
) -> str:
    """A publication date and its basis in words; an undated document's hint after a dash, a
    dated one's (another date its file gives) after its basis."""
    if published is None:
        if basis == "user":
            return "undated (stated by you)"
        return "undated" + (f" — {hint}" if hint else "")
    return f"{published} ({basis_note(DATE_BASES.get(basis, basis), confidence, hint)})"


def basis_note(words: str, confidence: float | None = None, hint: str | None = None) -> str:
    """What a dated document's date says after it, in brackets: its basis (``words``), an
    inferred date's confidence, another date its file gives ("stated; front matter says
    2019-03-04", "inferred, confidence 0.55")."""
    if confidence is not None:
        words += f", confidence {confidence:.2f}"
    if hint:
        words += f"; {hint}"
    return words


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into some text."""

    start: int
    end: int


def page_at(pages: tuple[Span, ...], offset: int) -> int | None:
    """The number (from 1) of the page holding a character offset (the blank line between two
    pages counts to the page before it); None for an unpaged text."""
    if not pages:
        return None
    import bisect

    number = bisect.bisect_right([page.start for page in pages], offset)
    return max(1, number)


@dataclass(frozen=True, slots=True)
class Snippet:
    """A short excerpt and the spans in it to highlight (offsets into ``text``)."""

    text: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """One document of the collection, with its decoded, cleaned text."""

    doc: str
    path: str
    title: str
    author: str | None
    published: str | None
    published_basis: Basis
    source: str | None
    url: str | None
    text: str
    passages: tuple[Span, ...] = ()
    published_confidence: float | None = None
    """How sure an ``inferred`` publication date is (0 to 1); None for the other bases."""
    published_hint: str | None = None
    """An undated document: what its text suggests ("2004–2005 from the years it mentions")."""
    encoding: str | None = None
    """The encoding the file was read with when it was not UTF-8 (a guess: reported)."""
    parent: str | None = None
    """The document this one is part of (an e-mail's text attachment: the message's id)."""
    attachments: tuple[str, ...] = ()
    """The names of the files attached to a message."""
    sender: str | None = None
    """An e-mail's From header, as written (names and addresses): the ``from`` field."""
    recipients: str | None = None
    """An e-mail's To and Cc headers, as written: the ``to`` field."""
    people: tuple[Span, ...] = ()
    """Where the text names people its format's metadata declares (an e-mail's From, To and
    Cc display names): read as PERSON mentions by extraction."""
    pages: tuple[Span, ...] = ()
    """A paged document's pages (a PDF's): page n is ``pages[n - 1]``, offsets into the text."""
    furniture: tuple[Span, ...] = ()
    """The lines that are page furniture (cookie notices, share counters, related links,
    footers, running heads): shown and searchable, but read for no entity or date and shown in
    no snippet (index/furniture.py)."""

    def page_of(self, offset: int) -> int | None:
        """The page number (from 1) holding a character offset, None for an unpaged text."""
        return page_at(self.pages, offset)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def date_described(self) -> str:
        """The publication date and its basis, as a person reads them (the reader's header,
        ``quipu date DOC``): "2022-12-17 (inferred from the dates the text reports, confidence
        0.55)", "2023-01-06 (stated by you)", "undated — 2004–2005 from the years it mentions"."""
        return describe_date(
            self.published, self.published_basis, self.published_confidence, self.published_hint
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "path": self.path,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "published_basis": self.published_basis,
            "published_confidence": self.published_confidence,
            "published_hint": self.published_hint,
            "source": self.source,
            "url": self.url,
            "words": self.words,
            "passages": [[p.start, p.end] for p in self.passages],
            "parent": self.parent,
            "attachments": list(self.attachments),
            "from": self.sender,
            "to": self.recipients,
            "pages": [[p.start, p.end] for p in self.pages],
            "furniture": [[p.start, p.end] for p in self.furniture],
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A row of the document list."""

    doc: str
    path: str
    title: str
    author: str | None
    published: str | None
    published_basis: Basis
    source: str | None
    words: int
    duplicate_of: str | None = None
    """The id of the document this one is an exact copy of (the first id of the copies)."""
    parent: str | None = None
    """The document this one is part of (an e-mail's text attachment: the message's id)."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching document: its best passage and a highlighted snippet of it."""

    doc: str
    path: str
    title: str
    published: str | None
    published_basis: Basis
    score: float
    passage: Span
    snippet: Snippet
    duplicates: tuple[str, ...] = ()
    """Exact copies of this document (same text), shown once: their ids."""
    page: int | None = None
    """The page the passage is on, in a paged document (a PDF); None elsewhere."""

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "path": self.path,
            "title": self.title,
            "published": self.published,
            "published_basis": self.published_basis,
            "score": round(self.score, 4),
            "passage": {"start": self.passage.start, "end": self.passage.end},
            "page": self.page,
            "snippet": self.snippet.text,
            "highlights": [[s.start, s.end] for s in self.snippet.spans],
            "duplicates": list(self.duplicates),
        }


def no_match_line(why: str | None, suggestion: str | None) -> str:
    """``no documents match: WHY — did you mean: SUGGESTION``, the parts that are known."""
    line = "no documents match"
    if why:
        line += f": {why}"
    if suggestion and not (why and "did you mean" in why):
        line += f" — did you mean: {suggestion}"
    return line


Sort = Literal["relevance", "date"]
"""The order of a search's results: by relevance, or by publication date (newest first)."""

DateRange = tuple[date | None, date | None]
"""A range of days, either end open (None)."""


@dataclass(frozen=True, slots=True)
class Query:
    """One search as the reader and the CLI ask for it: the query's text and its filters, the
    order and the page of hits. The documents it matches depend on the text and the filters
    only (``matching_part``): the results, the entities and the timeline of one query share
    them (the Collection works them out once per query and index generation)."""

    text: str = ""
    """The query's text; empty (or ``*``) for every document."""
    entity: str | None = None
    """Only documents that mention the entity of this name (or alias)."""
    published: DateRange | None = None
    """Only documents published in this range (either end open): the CLI's --from/--to."""
    mentioned: tuple[date, date] | None = None
    """Only documents that talk about a day in this range (marked on the timeline)."""
    sort: Sort = "relevance"
    """The order of the hits."""
    limit: int = 10
    """Hits per page."""
    offset: int = 0
    """Hits skipped before the page."""

    @property
    def filtered(self) -> bool:
        """Whether anything narrows the documents (a text, an entity or a date range)."""
        return bool(self.text.strip() or self.entity or self.published or self.mentioned)

    @property
    def matching_part(self) -> Query:
        """This query with the order and page at their defaults: what decides the documents
        it matches (two queries equal here match the same documents)."""
        text = self.text
        if text.strip() in ("", "*") and (self.entity or self.published or self.mentioned):
            text = ""  # every document, narrowed by the filters
        return Query(text, self.entity, self.published, self.mentioned)

    @property
    def published_from(self) -> date | None:
        return self.published[0] if self.published else None

    @property
    def published_to(self) -> date | None:
        return self.published[1] if self.published else None


def published_range(date_from: date | None, date_to: date | None) -> DateRange | None:
    """``--from``/``--to`` as a Query's ``published`` (None when neither is given)."""
    return (date_from, date_to) if date_from or date_to else None


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of ranked hits (one per document) for a query."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    terms: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    suggestion: str | None = None
    elapsed_ms: float = 0.0
    exact_terms: frozenset[str] = frozenset()
    """Terms of the exact field matched (quoted words, ``=word``, stop words), highlighted as
    written rather than by stem."""
    cut: bool = False
    """The search reached its time limit: the hits (and total) are those found until then."""
    why: str | None = None
    """Nothing matched: why, when it is cheap to tell (an unknown entity, words no document
    holds, a filter that leaves out every document the query finds)."""

    def nothing_found(self) -> str:
        """What to say when nothing matched, in one line: the CLI's and the reader's."""
        return no_match_line(self.why, self.suggestion)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [hit.to_json() for hit in self.hits],
            "suggestion": self.suggestion,
            "terms": sorted(self.terms),
            "elapsed_ms": round(self.elapsed_ms, 2),
            "cut": self.cut,
        }


@dataclass(frozen=True, slots=True)
class MatchingDocs:
    """The documents a query (and its filters) matches: their ids, unranked."""

    ids: frozenset[str]
    cut: bool = False
    """The query reached its time limit: the documents found until then."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file that was not UTF-8, and the encoding it was read with."""

    path: str
    encoding: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file the indexer passed over, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What an index update did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = field(default_factory=tuple)
    documents: int | None = None
    """How many documents the index should hold, when known (from the manifest)."""
    decoded: tuple[Decoded, ...] = field(default_factory=tuple)
    """Files read in this update that were not UTF-8, with the encoding guessed."""
    corrected: bool = False
    """Only the user's entity corrections changed, and the entities were merged again."""

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.corrected)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "warnings": list(self.warnings),
            "decoded": [{"path": d.path, "encoding": d.encoding} for d in self.decoded],
        }


@dataclass(frozen=True, slots=True)
class EntityMention:
    """Where an entity is mentioned: offsets into the document's text."""

    doc: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, place or organization, with its aliases merged, and where it is mentioned."""

    name: str
    type: str  # PERSON, PLACE or ORG
    count: int
    docs: dict[str, int]
    aliases: tuple[str, ...]
    mentions: tuple[EntityMention, ...] = ()

    @property
    def wikidata(self) -> str | None:
        """Its Wikidata id, where the knowledge base knows its name or an alias with its type."""
        from index.extract.knowledge import wikidata_id

        return wikidata_id(self.name, self.type, self.aliases)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "count": self.count,
            "docs": dict(self.docs),
            "aliases": list(self.aliases),
            "wikidata": self.wikidata,
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text talks about, normalized (``value`` is ISO: 2022-12-07, 2022-12, 2021,
    or a range such as 1990/2000), with the sentence it is in."""

    doc: str
    text: str
    start: int
    end: int
    value: str
    granularity: str  # day, month, year or range
    sentence: str
    first_day: str = ""  # the calendar days it covers, for bucketing and filtering
    last_day: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "granularity": self.granularity,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class DatedDocument:
    doc: str
    title: str
    published: str | None
    published_basis: Basis

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "published": self.published,
            "published_basis": self.published_basis,
        }


@dataclass(frozen=True, slots=True)
class Bucket:
    start: str  # the first day of the bucket (ISO)
    count: int


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many of a timeline's placed dates start on one day: dates of that day (charted at
    every zoom), and months or ranges within a month (charted by month only)."""

    day: str  # ISO
    days: int
    months: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """The dates of a collection (or of a query's documents): mentions and their histogram."""

    documents: tuple[DatedDocument, ...]
    mentions: tuple[DateMention, ...]
    buckets: tuple[Bucket, ...]
    granularity: str  # day, week or month: the size of a bucket
    cut: bool = False
    """The query behind it reached its time limit: the dates of the documents found until
    then."""

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": [d.to_json() for d in self.documents],
            "mentions": [m.to_json() for m in self.mentions],
            "buckets": [{"start": b.start, "count": b.count} for b in self.buckets],
            "granularity": self.granularity,
            "cut": self.cut,
        }

    unresolved: tuple[DateMention, ...] = ()
    """Relative dates ("on Friday", "yesterday") of documents whose date is not known well
    enough to place them: no value, granularity ``unresolved``; shown as "date unknown"."""

    days: tuple[DayCount, ...] = ()
    """The placed dates counted by the day they start on, in order: what a chart at any zoom
    is drawn from (a timeline read without its mentions, for a chart: the mentions of the
    bucket shown are read when shown, ``Collection.bucket_dates``)."""

    @property
    def undated(self) -> int:
        """How many of the documents have no publication date (their relative dates are not
        placed; a publication date filter cannot place them)."""
        return sum(1 for document in self.documents if not document.published)

    def unplaced_json(self) -> dict[str, Any]:
        """What ``timeline --json`` adds to :meth:`to_json`: the relative dates not placed
        (``"value": null``, ``"resolved": false``) and how many documents are undated."""
        return {
            "unresolved": [
                {
                    "doc": m.doc,
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "value": None,
                    "resolved": False,
                    "sentence": m.sentence,
                }
                for m in self.unresolved
            ],
            "undated_documents": self.undated,
        }
