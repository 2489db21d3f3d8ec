"""QuipuApp: global bindings, styles and commands; pushes the ReaderScreen."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from index.api import Collection, open_collection
from tui.commands import DocumentCommands, NoteCommands, SavedSearchCommands
from tui.key_queue import KeyQueue, as_typed
from tui.screens.help import HelpScreen
from tui.screens.reader import WATCH_SECONDS, ReaderScreen


class QuipuApp(App[None]):
    """The reader over one collection (passed in, so tests can hand it any collection)."""

    CSS_PATH = ["styles/app.tcss", "styles/reader.tcss", "styles/dossier.tcss"]
    TITLE = "quipu"
    COMMANDS = App.COMMANDS | {DocumentCommands, NoteCommands, SavedSearchCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", show=True),
        Binding("ctrl+q", "quit", "Quit", show=True, priority=True),
        # Textual's ctrl+c shows a toast ("press ctrl+q to quit"), and in a text box copies:
        # in a terminal ctrl+c means stop, and a selection is copied with the terminal's own keys.
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help", show=True),
        Binding("f1", "help", "Help", key_display="F1", show=True),
    ]
    """App-wide keys: quit and help (the command palette is ctrl+p). In the lists and the search
    bar, where q and ? are text, ctrl+q (or ctrl+c) and F1 do it."""

    def __init__(
        self,
        collection: Collection,
        show_timings: bool = True,
        watch_seconds: float = WATCH_SECONDS,
    ) -> None:
        super().__init__()
        self.collection = collection
        self.show_timings = show_timings
        self.watch_seconds = watch_seconds
        """How often the reader looks for changed files (0: never)."""
        self.reader: ReaderScreen | None = None
        self.keys = KeyQueue(self, self._keys_wait, self._stop_awaiting)

    def on_mount(self) -> None:
        self.reader = ReaderScreen(self.collection, self.show_timings, self.watch_seconds)
        self.push_screen(self.reader)

    def _keys_wait(self) -> bool:
        """The next key waits: the reader is not up yet, or it awaits what a key started."""
        if self.reader is None or not self.reader.is_mounted:
            return True
        return self.screen is self.reader and self.reader.awaiting_keys

    def _stop_awaiting(self) -> None:
        if self.reader is not None and self.screen is self.reader:
            self.reader.stop_awaiting()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            event = as_typed(event)
            if self.keys.holds(event):
                return  # sent on once the keys before it are handled
        await super().on_event(event)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            yield SystemCommand(
                "Toggle entities", "Show or hide the entity sidebar", screen.action_toggle_entities
            )
            yield SystemCommand(
                "Toggle timeline", "Show or hide the timeline pane", screen.action_toggle_timeline
            )
            yield SystemCommand(
                "Notes and bookmarks",
                "List them: open, delete, export as Markdown (F3)",
                screen.action_notes,
            )
            yield SystemCommand(
                "Save this search",
                "Name the query with its filters and order (s in the reader, F4)",
                screen.action_save_search,
            )
            yield SystemCommand(
                "Sort by relevance or date",
                "Switch the order of the results (o in the reader, ctrl+o)",
                screen.action_toggle_sort,
            )
            yield SystemCommand(
                "Publication dates",
                "Only documents published from … to (ctrl+g)",
                screen.action_published,
            )
            yield SystemCommand(
                "Open in editor",
                "The document's file in $EDITOR at the current line (v in the reader)",
                lambda: screen.action_open_outside("EDITOR"),
            )
            yield SystemCommand(
                "Open in pager",
                "The document's file in $PAGER at the current line (p in the reader)",
                lambda: screen.action_open_outside("PAGER"),
            )
            yield SystemCommand(
                "Copy citation",
                "Path, title, date and the passage, to the clipboard (c in the reader)",
                screen.action_copy_citation,
            )
            yield SystemCommand(
                "Rebuild index",
                "Re-read every document and rebuild the index",
                screen.action_rebuild_index,
            )
            yield SystemCommand("Help", "List every key", self.action_help)


def run_app(corpus: Path | None, index_dir: Path | None) -> int:
    """Run the reader; a crash becomes a non-zero exit status."""
    app = QuipuApp(open_collection(corpus, index_dir))
    app.run()
    if app.return_code not in (None, 0):
        return app.return_code
    return 0
