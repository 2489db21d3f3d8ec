"""The document list, a row per document, kept in the database beside the index.

Listing the documents from the index unpickles every document's stored fields, its whole text
included: 0.54 s at 10,000 documents, at every start of the reader and every ``quipu docs``.
The rows (id, path, title, author, date and how it was found, source, words) are written by each
update instead (``Transaction.list_document``), the changed documents' rows replaced and the
removed ones dropped, and read in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.models import Document, DocumentSummary

if TYPE_CHECKING:
    from index.storage.database import Database


def common_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """What a Document and a DocumentSummary share, from a record's stored fields."""
    meta = fields["meta"]
    return {
        "doc": fields["doc"],
        "path": meta["path"],
        "title": meta["title"],
        "author": meta["author"],
        "published": meta["published"],
        "published_basis": meta["published_basis"],
        "source": meta["source"],
        "parent": meta.get("parent"),
    }


def summary_of(fields: dict[str, Any]) -> DocumentSummary:
    return DocumentSummary(**common_fields(fields), words=fields["meta"]["words"])


@dataclass(slots=True)
class DocList:
    rows: dict[str, list[Any]] = field(default_factory=dict)
    """doc id -> [path, title, author, published, published_basis, source, words, parent]"""

    def summaries(self) -> list[DocumentSummary]:
        """Every document, ordered by id."""
        return [
            DocumentSummary(
                doc, path, title, author, published, basis, source, words, parent=parent
            )
            for doc, (path, title, author, published, basis, source, words, parent) in sorted(
                self.rows.items()
            )
        ]

    @classmethod
    def of_stored(cls, stored: Iterable[dict[str, Any]]) -> DocList:
        """The list made from the index's stored fields (when the file is missing)."""
        doclist = cls()
        for fields in stored:
            summary = summary_of(fields)
            doclist.rows[summary.doc] = [*list(astuple(summary))[1:8], summary.parent]
        return doclist

    @classmethod
    def load(cls, index_dir: Path, version: int) -> DocList | None:
        """The list, or None when the index has no database of this version."""
        from index.storage.database import Database

        with Database(index_dir, version) as database:
            return cls.of_database(database)

    @classmethod
    def of_database(cls, database: Database) -> DocList | None:
        """The list the database holds (None: there is no database of this version)."""
        if not database.exists():
            return None
        rows = database.rows(
            "SELECT doc, path, title, author, published, basis, source, words, parent "
            "FROM document_list ORDER BY doc"
        )
        return cls({row[0]: list(row[1:]) for row in rows})


def list_row(document: Document) -> tuple[Any, ...]:
    """A document's row in the stored list."""
    return (
        document.doc,
        document.path,
        document.title,
        document.author,
        document.published,
        document.published_basis,
        document.source,
        document.words,
        document.parent,
    )
