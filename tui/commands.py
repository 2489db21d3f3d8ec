"""Command-palette providers: open any document by title; open a note or a bookmark."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider

from index.errors import QuipuError
from index.models import Span
from tui.render import plain, title_text

if TYPE_CHECKING:
    from index.notes import PlacedNote

NOTE_CHARS = 60
"""The most characters of a note (or a bookmark's quote) shown in the palette."""


class DocumentCommands(Provider):
    """'Open: <title>' for every document of the collection."""

    async def search(self, query: str) -> Hits:
        from tui.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return
        matcher = self.matcher(query)
        for document in screen.documents:
            text = f"Open: {title_text(document.title)}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    plain(text),  # never matcher.highlight(): it parses the title as markup
                    partial(screen._visit, document.doc, None, None),
                    text=text,
                    help=document.doc,
                )


class NoteCommands(Provider):
    """'Note: <text>' / 'Bookmark: <quote>' for every note of the collection: opens its passage."""

    async def startup(self) -> None:
        from tui.screens.reader import ReaderScreen

        self.placed: list[PlacedNote] = []
        screen = self.screen
        if isinstance(screen, ReaderScreen):
            try:
                self.placed, _ = await asyncio.to_thread(screen.collection.notes)
            except (QuipuError, OSError, ValueError):
                self.placed = []  # the CLI's quipu notes says why

    async def search(self, query: str) -> Hits:
        from tui.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return
        matcher = self.matcher(query)
        for placed in self.placed:
            note = placed.note
            kind = "Note" if note.text else "Bookmark"
            words = " ".join((note.text or note.quote).split())
            if len(words) > NOTE_CHARS:
                words = words[: NOTE_CHARS - 1] + "…"
            text = f"{kind}: {words} — {title_text(placed.title) if placed.title else note.path}"
            score = matcher.match(text)
            if score <= 0:
                continue
            if placed.doc is None or placed.start is None or placed.end is None:
                action = partial(screen.notify, f"note {note.id}: its passage is not found now")
            else:
                action = partial(screen._visit, placed.doc, Span(placed.start, placed.end), None)
            yield Hit(
                score, plain(text), action, text=text, help=f"note {note.id} · {placed.status}"
            )
