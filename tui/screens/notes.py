"""The notes list: every note and bookmark of the collection, to open one, delete one, or export
them all as Markdown with their citations (index/notes.py's export).

Like the dossier, it reads the Collection in worker threads and dismisses with the note to open
(None: nothing to open).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from index.api import Collection
from index.errors import QuipuError
from index.userdata.notes import PlacedNote
from tui.render import plain, title_text
from tui.screens.prompt import ChoiceScreen, PromptScreen

TEXT_CHARS = 70
"""The most characters of a note (or a bookmark's quote) a row shows."""


def note_row(placed: PlacedNote) -> str:
    """One row of the list: kind, what it says (or the quote), its document, how it was found."""
    note = placed.note
    kind = "Note" if note.text else "Bookmark"
    words = " ".join((note.text or note.quote).split())
    if len(words) > TEXT_CHARS:
        words = words[: TEXT_CHARS - 1] + "…"
    where = title_text(placed.title) if placed.title else note.path
    found = {"exact": "", "moved": " (moved)", "lost": " (its passage is lost)"}[placed.status]
    return f"{kind}: {words} — {where}{found}"


class NotesScreen(ModalScreen[PlacedNote | None]):
    """The notes and bookmarks, in the order written."""

    BINDINGS = [
        Binding("escape", "close", "Back", show=True),
        Binding("d,delete", "delete", "Delete", show=True),
        Binding("e", "export", "Export Markdown", show=True),
    ]
    """No typing filters this list (the palette's "Note:" does): its actions are letters."""

    @dataclass
    class Loaded(Message):
        notes: list[PlacedNote]
        warnings: tuple[str, ...]

    @dataclass
    class Said(Message):
        """A line for the list's status (and the reader's): what was done, or why not."""

        text: str
        error: bool

    def __init__(self, collection: Collection, said: Callable[[str, bool], None]) -> None:
        super().__init__(classes="prompt-screen")
        self.collection = collection
        self.said = said
        self.notes: list[PlacedNote] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="notes-body"):
            yield Static(plain("Notes and bookmarks"), classes="prompt-question")
            yield OptionList(id="notes-list")
            yield Static("reading the notes…", id="notes-status")
            yield Static(
                "Enter: open · d: delete · e: export as Markdown · Esc: back",
                classes="prompt-help",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._load()

    @work(thread=True, exclusive=True, group="notes", exit_on_error=False)
    def _load(self) -> None:
        try:
            notes, warnings = self.collection.notes()
        except (QuipuError, OSError, ValueError) as error:
            self.post_message(self.Said(f"cannot read the notes: {error}", True))
            return
        self.post_message(self.Loaded(notes, warnings))

    def on_notes_screen_loaded(self, message: Loaded) -> None:
        listing = self.query_one(OptionList)
        highlighted = listing.highlighted
        self.notes = message.notes
        listing.clear_options()
        listing.add_options(
            [Option(plain(note_row(placed)), id=str(n)) for n, placed in enumerate(self.notes)]
        )
        if self.notes:
            listing.highlighted = min(highlighted or 0, len(self.notes) - 1)
        count = len(self.notes)
        status = f"{count} note{'s' * (count != 1)}" if count else "no notes yet (ctrl+n, ctrl+b)"
        if message.warnings:  # a line the file holds that is not understood: said, kept
            more = f" (and {len(message.warnings) - 1} more)" if len(message.warnings) > 1 else ""
            status += f" · warning: {message.warnings[0]}{more}"
        self._say(status, bool(message.warnings), to_reader=False)

    def on_notes_screen_said(self, message: Said) -> None:
        self._say(message.text, message.error)

    def _say(self, text: str, error: bool, to_reader: bool = True) -> None:
        line = self.query_one("#notes-status", Static)
        line.update(plain(text))
        line.set_class(error, "-error")
        if to_reader:  # the reader's line too (cut at 80 columns: the list's wraps)
            self.said(text, error)

    def _highlighted(self) -> PlacedNote | None:
        number = self.query_one(OptionList).highlighted
        return self.notes[number] if number is not None and number < len(self.notes) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        placed = self._highlighted()
        if placed is None:
            return
        if placed.start is None:
            self._say(f"note {placed.note.id}: its passage is not found now", True)
            return
        self.dismiss(placed)

    def action_delete(self) -> None:
        placed = self._highlighted()
        if placed is None:
            return
        kind = "note" if placed.note.text else "bookmark"

        def answered(choice: str | None) -> None:
            if choice is not None and choice.startswith("Delete"):
                self._delete(placed.note.id, kind)

        self.app.push_screen(
            ChoiceScreen(f"Delete this {kind}?", [f"Delete {kind} {placed.note.id}", "Keep it"]),
            answered,
        )

    @work(thread=True, group="notes-write", exit_on_error=False)
    def _delete(self, number: str, kind: str) -> None:
        try:
            self.collection.delete_note(number)
        except (QuipuError, OSError, ValueError) as error:
            self.post_message(self.Said(f"not deleted: {error}", True))
            return
        self.post_message(self.Said(f"{kind} {number} deleted", False))
        self._load()

    def action_export(self) -> None:
        if not self.notes:
            self._say("no notes to export", True, to_reader=False)
            return

        def answered(target: str | None) -> None:
            if target:
                self._export(Path(target).expanduser())

        default = self.collection.notes_export_path()
        self.app.push_screen(
            PromptScreen("Export the notes as Markdown to", value=str(default)), answered
        )

    @work(thread=True, group="notes-write", exit_on_error=False)
    def _export(self, target: Path) -> None:
        try:
            written, count = self.collection.export_notes(target)
        except (QuipuError, OSError) as error:
            self.post_message(self.Said(f"not exported: {error}", True))
            return
        notes = f"{count} note{'s' * (count != 1)}"
        self.post_message(self.Said(f"{notes} exported to {written}", False))

    def action_close(self) -> None:
        self.dismiss(None)
