"""Notes and bookmarks anchored to passages: ``notes.tsv`` in the corpus's user folder.

A note holds where it was written (the document's path and id, character offsets) and the text
it was written on (the quote). When the document changes, the note is found again by its quote:
at its offsets if the text there is still the quote, else at the occurrence of the quote nearest
to them (whitespace may differ), else it is kept and said to be lost, never silently moved to
other text. A bookmark is a note with no text of its own.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from index.userdata.user_data import Fields, TableFile, corpus_data_dir

NOTES = "notes.tsv"
QUOTE_LIMIT = 2000
"""The longest quote kept (characters): a note on a longer passage anchors on its start."""

Status = Literal["exact", "moved", "lost"]


@dataclass(frozen=True, slots=True)
class Note:
    """A note as written: on ``path`` (document ``doc`` then), ``start``..``end``, ``quote``."""

    id: str
    when: str
    doc: str
    path: str
    start: int
    end: int
    quote: str
    text: str

    def fields(self) -> Fields:
        return (
            self.id,
            self.when,
            self.doc,
            self.path,
            str(self.start),
            str(self.end),
            self.quote,
            self.text,
        )


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """A note and where its quote is in the document as it is now (``status`` says how it was
    found; ``start``/``end`` are None when it is lost)."""

    note: Note
    status: Status
    doc: str | None
    title: str | None
    start: int | None
    end: int | None

    def to_json(self) -> dict[str, Any]:
        note = self.note
        return {
            "id": note.id,
            "when": note.when,
            "doc": self.doc,
            "path": note.path,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "status": self.status,
            "quote": note.quote,
            "text": note.text,
        }


def place(note: Note, text: str) -> tuple[Status, int | None, int | None]:
    """Where ``note``'s quote is in ``text``: at its offsets, else nearest to them, else lost."""
    if not note.quote:
        return "lost", None, None
    if text[note.start : note.end] == note.quote:
        return "exact", note.start, note.end
    pattern = quote_pattern(note.quote)
    if pattern is None:
        return "lost", None, None
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not found:
        return "lost", None, None
    start, end = min(found, key=lambda span: abs(span[0] - note.start))
    return "moved", start, end


def quote_pattern(quote: str) -> re.Pattern[str] | None:
    """The quote's words with any whitespace between them (None for a blank quote)."""
    words = quote.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


@dataclass(frozen=True, slots=True)
class Notes:
    """The notes file of one corpus, in the order written."""

    file: TableFile

    @classmethod
    def of(cls, corpus: Path) -> Notes:
        return cls(
            TableFile(
                corpus_data_dir(corpus) / NOTES,
                (8,),
                (
                    "quipu notes: id, when (UTC), doc, path, start, end, quote, note",
                    "(tab-separated)",
                ),
            )
        )

    def all(self) -> tuple[list[Note], tuple[str, ...]]:
        table = self.file.read()
        notes: list[Note] = []
        warnings = list(table.warnings)
        for record in table.records:
            try:
                start, end = int(record[4]), int(record[5])
            except ValueError:
                warnings.append(
                    f"{self.file.path}: note {record[0]!r} has offsets that are not numbers"
                )
                continue
            notes.append(Note(record[0], record[1], record[2], record[3], start, end, *record[6:8]))
        return notes, tuple(warnings)

    def add(
        self,
        doc: str,
        path: str,
        start: int,
        end: int,
        quote: str,
        text: str,
        now: datetime | None = None,
    ) -> Note:
        when = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        made: list[Note] = []

        def append(records: list[Fields]) -> list[Fields]:
            taken = {record[0] for record in records}
            number = secrets.token_hex(3)
            while number in taken:
                number = secrets.token_hex(3)
            note = Note(number, when, doc, path, start, end, quote[:QUOTE_LIMIT], text)
            made.append(note)
            return [*records, note.fields()]

        self.file.change(append)
        return made[0]

    def delete(self, number: str) -> bool:
        """Forget the note ``number``; False when there is none."""
        gone: list[Fields] = []

        def without(records: list[Fields]) -> list[Fields]:
            kept = [record for record in records if record[0] != number]
            gone.extend(record for record in records if record[0] == number)
            return kept

        self.file.change(without)
        return bool(gone)


def as_markdown(title: str, notes: list[PlacedNote]) -> str:
    """The notes as a Markdown document with a citation for each (path, offsets, the quote)."""
    lines = [f"# Notes on {title}", ""]
    for placed in notes:
        note = placed.note
        where = (
            f"characters {placed.start}–{placed.end}"
            if placed.start is not None
            else "not found in the current text"
        )
        heading = placed.title or note.path
        lines += [f"## {_inline(heading)}", ""]
        lines += [f"> {_inline(line)}" if line.strip() else ">" for line in note.quote.splitlines()]
        lines += [""]
        if note.text:
            lines += [note.text, ""]
        lines += [f"— `{note.path}`, {where} (note {note.id}, {note.when})", ""]
    return "\n".join(lines)


def _inline(text: str) -> str:
    return " ".join(text.split())


EXPORT_HEAD = "# Notes on "
"""How an export starts: a file that starts so may be written over by the next export."""


def export_markdown(title: str, notes: list[PlacedNote], target: Path) -> Path:
    """Write the notes as Markdown to ``target`` (a folder: ``quipu-notes-<title>.md`` in it).
    A file there that is not an earlier export is left alone (``FileExistsError``)."""
    if target.is_dir():
        target = target / export_name(title)
    try:
        with open(target, encoding="utf-8", errors="replace") as handle:
            head = handle.read(len(EXPORT_HEAD))
    except FileNotFoundError:
        head = EXPORT_HEAD
    if head != EXPORT_HEAD:
        raise FileExistsError(f"{target} exists and is not an export of notes; not written over")
    text = as_markdown(title, notes)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)
    return target


def export_name(title: str) -> str:
    """The file name an export of ``title``'s notes takes: ``quipu-notes-<title>.md``."""
    name = re.sub(r"[^\w.-]+", "-", title).strip("-.") or "corpus"
    return f"quipu-notes-{name}.md"
