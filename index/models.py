"""The typed results of quipu's query API: frozen, slotted dataclasses with plain-dict JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into some text."""

    start: int
    end: int


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
    published_basis: str
    source: str | None
    url: str | None
    text: str
    passages: tuple[Span, ...] = ()

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "path": self.path,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "published_basis": self.published_basis,
            "source": self.source,
            "url": self.url,
            "words": self.words,
            "passages": [[p.start, p.end] for p in self.passages],
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
    published_basis: str
    source: str | None
    words: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching document: its best passage and a highlighted snippet of it."""

    doc: str
    path: str
    title: str
    published: str | None
    published_basis: str
    score: float
    passage: Span
    snippet: Snippet

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "path": self.path,
            "title": self.title,
            "published": self.published,
            "published_basis": self.published_basis,
            "score": round(self.score, 4),
            "passage": {"start": self.passage.start, "end": self.passage.end},
            "snippet": self.snippet.text,
            "highlights": [[s.start, s.end] for s in self.snippet.spans],
        }


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

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [hit.to_json() for hit in self.hits],
            "suggestion": self.suggestion,
            "terms": sorted(self.terms),
            "elapsed_ms": round(self.elapsed_ms, 2),
        }


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

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "warnings": list(self.warnings),
        }
