"""Command-palette providers: open any document by title; open a note or a bookmark; run a
saved search."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from textual.command import Hit, Hits, Provider

from index.errors import QuipuError
from index.models import Span
from tui.render import plain, title_text

if TYPE_CHECKING:
    from index.userdata.notes import PlacedNote
    from index.userdata.saved_searches import SavedSearch
    from tui.screens.reader import ReaderScreen

NOTE_CHARS = 60
"""The most characters of a note (or a bookmark's quote) shown in the palette."""

T = TypeVar("T")


async def _read_user_file(
    screen: ReaderScreen, what: str, read: Callable[[], tuple[list[T], tuple[str, ...]]]
) -> list[T]:
    """One of the user's files, read off the event loop. A file that cannot be read is said in
    a line (nothing listed); a line of it not understood is said in a line, and kept."""
    try:
        found, warnings = await asyncio.to_thread(read)
    except (QuipuError, OSError, ValueError) as error:
        screen.say(f"{what}: {error}", error=True)
        return []
    if warnings:
        screen.say(f"warning: {warnings[0]}", error=True)
    return found


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
            self.placed = await _read_user_file(screen, "notes", screen.collection.notes)

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


class SavedSearchCommands(Provider):
    """'Saved: <name> — <query> (filters)' for every saved search (the CLI's ``quipu saved``):
    runs it in the reader, with its filters and order."""

    async def startup(self) -> None:
        from tui.screens.reader import ReaderScreen

        self.saved: list[SavedSearch] = []
        screen = self.screen
        if isinstance(screen, ReaderScreen):
            self.saved = await _read_user_file(
                screen, "saved searches", screen.collection.saved_searches
            )

    async def search(self, query: str) -> Hits:
        from tui.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return
        matcher = self.matcher(query)
        for saved in self.saved:
            text = f"Saved: {saved.name} — {saved_summary(saved)}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    plain(text),
                    partial(screen.open_saved, saved),
                    text=text,
                    help="a saved search (quipu saved)",
                )


def saved_summary(saved: SavedSearch) -> str:
    """A saved search's query and filters in a line."""
    parts = [saved.query or "*"]
    if saved.date_from or saved.date_to:
        parts.append(f"published {saved.date_from or '…'} → {saved.date_to or '…'}")
    if saved.entity:
        parts.append(f"entity: {saved.entity}")
    if saved.sort != "relevance":
        parts.append(f"by {saved.sort}")
    return " · ".join(parts)
