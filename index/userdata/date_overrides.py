"""Publication dates the user states: ``dates.tsv`` in the corpus's user folder.

quipu infers a date where a document states none, and abstains where the evidence is weak; a
person who knows better says so with ``quipu date DOC VALUE``. A stated date (``2023``,
``2023-01``, ``2023-01-06``) replaces whatever the document said or quipu inferred, with the
basis ``user``, and the document's relative dates ("on Friday") resolve against it; ``undated``
says the date is not known (nothing is inferred). The next update re-reads the documents whose
date changed; ``--rebuild`` keeps them, as the file lives outside the index cache.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from index.models import Document
from index.userdata.user_data import DATES, Fields, TableFile, corpus_data_dir, file_digest

UNDATED = "undated"
_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def date_problem(value: str) -> str | None:
    """Why ``value`` is not a date a user can state (None when it is)."""
    if value == UNDATED:
        return None
    if not _VALUE.fullmatch(value):
        return f"{value!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD or {UNDATED})"
    from index.extract.dates import parse_reference

    parts = [int(p) for p in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return f"{value!r} has no month {parts[1]}"
    if len(parts) == 3 and parse_reference(value) is None:
        return f"{value!r} is not a day of the calendar"
    return None


@dataclass(frozen=True, slots=True)
class DateOverride:
    """The user's date for document ``doc`` (``undated``: not known), and why (``note``)."""

    doc: str
    value: str
    note: str = ""

    def fields(self) -> Fields:
        return (self.doc, self.value, self.note)

    def to_json(self) -> dict[str, str]:
        return {"doc": self.doc, "value": self.value, "note": self.note}


@dataclass(frozen=True, slots=True)
class DateOverrides:
    """The dates file of one corpus, read once: the overrides by document, its warnings and the
    digest the manifest records."""

    by_doc: dict[str, DateOverride] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    digest: str = ""

    @classmethod
    def of(cls, corpus: Path) -> DateOverrides:
        file = dates_file(corpus)
        digest = file_digest(file.path)
        if not digest:
            return cls()
        table = file.read()
        warnings = list(table.warnings)
        by_doc: dict[str, DateOverride] = {}
        for record in table.records:
            doc, value, note = (*record, "")[:3]
            problem = date_problem(value)
            if problem:
                warnings.append(f"{file.path}: the date of {doc!r} ignored: {problem}")
                continue
            by_doc[doc] = DateOverride(doc, value, note)
        return cls(by_doc, tuple(warnings), digest)

    def values(self) -> dict[str, str]:
        """doc -> the value stated (what the manifest records as applied)."""
        return {doc: override.value for doc, override in self.by_doc.items()}

    def apply(self, document: Document) -> Document:
        """``document`` with the user's date, when there is one."""
        override = self.by_doc.get(document.doc)
        if override is None:
            return document
        published = None if override.value == UNDATED else override.value
        return replace(
            document,
            published=published,
            published_basis="user",
            published_confidence=None,
            published_hint=None,
        )


def dates_file(corpus: Path) -> TableFile:
    return TableFile(
        corpus_data_dir(corpus) / DATES,
        (2, 3),
        ("quipu publication dates you stated: doc, YYYY[-MM[-DD]] or undated, note",),
    )


def set_date(corpus: Path, override: DateOverride) -> None:
    """Write ``override`` (replacing the document's earlier one)."""

    def put(records: list[Fields]) -> list[Fields]:
        out: list[Fields] = []
        placed = False
        for record in records:
            if record[0] != override.doc:
                out.append(record)
            elif not placed:  # the first line of the document takes the new date
                out.append(override.fields())
                placed = True
        return out if placed else [*out, override.fields()]

    dates_file(corpus).change(put)


def set_dates(corpus: Path, overrides: list[DateOverride], cleared: set[str]) -> None:
    """Write every one of ``overrides`` and forget the dates of ``cleared``, in one change of
    the file (all of it or, if the write fails, none)."""
    wanted = {override.doc: override for override in overrides}

    def put(records: list[Fields]) -> list[Fields]:
        out: list[Fields] = []
        placed: set[str] = set()
        for record in records:
            doc = record[0]
            if doc in cleared or doc in placed:
                continue
            if doc in wanted:
                out.append(wanted[doc].fields())
                placed.add(doc)
            else:
                out.append(record)
        return out + [o.fields() for o in overrides if o.doc not in placed]

    dates_file(corpus).change(put)


def clear_date(corpus: Path, doc: str) -> bool:
    """Forget the document's date; False when the user had stated none."""
    gone: list[Fields] = []

    def without(records: list[Fields]) -> list[Fields]:
        gone.extend(r for r in records if r[0] == doc)
        return [r for r in records if r[0] != doc]

    dates_file(corpus).change(without)
    return bool(gone)
