"""The results pane: ranked hits for a query, or the document list when there is none."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.models import DocumentSummary, Hit
from tui.render import document_prompt, hit_prompt, more_prompt
from tui.widgets.type_ahead import TypesAhead


class ResultsList(TypesAhead, OptionList):
    """Hits (title, date, score, snippet) or documents; Enter opens the highlighted one."""

    BINDINGS = [
        Binding("enter", "select", "Open", show=True),
    ]
    """Enter opens; OptionList's arrows, Home/End and PageUp/PageDown move. Every printable
    key is the search's (see :meth:`check_consume_key`)."""

    @dataclass
    class HitSelected(Message):
        """Open this hit's document at its best passage."""

        hit: Hit

    @dataclass
    class DocumentSelected(Message):
        """Open this document at its start."""

        document: DocumentSummary

    @dataclass
    class TypedAhead(Message):
        """A printable key typed here: the start of a search ("\n": Enter, "\b": Backspace,
        typed on before the search bar had the focus)."""

        character: str

    PAGE = 200
    """Documents listed at a time: an option list lays out every entry on each refresh, so
    10,000 of them would stall the reader; Enter on the last row lists the next ones."""
    MORE = "\x00more"  # the id of that row (no document id holds a NUL)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.hits: tuple[Hit, ...] = ()
        self.documents: tuple[DocumentSummary, ...] = ()
        self.shown = 0  # documents listed so far
        self.typing_ahead = False
        self.empty_note = ""  # what the pane says when it lists nothing

    def show_hits(self, hits: tuple[Hit, ...], empty_note: str = "nothing matches") -> None:
        """List ``hits``; with none, the pane keeps its size and says ``empty_note``."""
        self.hits, self.documents = hits, ()
        self.empty_note = empty_note
        self._replace([Option(hit_prompt(hit), id=hit.doc) for hit in hits])

    def show_documents(self, documents: tuple[DocumentSummary, ...]) -> None:
        self.hits, self.documents = (), documents
        self.empty_note = "no documents in the collection"
        self.shown = 0
        self._replace([])
        self._list_more()

    def _list_more(self) -> None:
        """The next page of documents, after those listed (and a row for the rest)."""
        if self.option_count and self.get_option_at_index(self.option_count - 1).id == self.MORE:
            self.remove_option_at_index(self.option_count - 1)
        first, at = self.shown, self.option_count
        self.shown = min(len(self.documents), first + self.PAGE)
        options = [Option(document_prompt(d), id=d.doc) for d in self.documents[first : self.shown]]
        rest = len(self.documents) - self.shown
        if rest:
            options.append(Option(more_prompt(rest, min(rest, self.PAGE)), id=self.MORE))
        self._append(options)
        if options:
            self.highlighted = at  # the first of those just listed

    def _replace(self, options: list[Option]) -> None:
        self.clear_options()
        self._append(options)
        if options:
            self.highlighted = 0

    def _append(self, options: list[Option]) -> None:
        spaced: list[Option | None] = [None] if self.option_count and options else []
        for option in options:
            spaced += [option, None] if option is not options[-1] else [option]
        self.add_options(spaced)  # None: a separator line between entries
        self.set_class(bool(self.option_count), "-has-results")

    def follow(self, doc: str) -> None:
        """The cursor on ``doc``'s row, if listed (a document opened from elsewhere: the
        timeline, the history), so Esc back to the list finds the place."""
        for index in range(self.option_count):
            if self.get_option_at_index(index).id == doc:
                if self.highlighted != index:
                    self.highlighted = index
                return

    def render_line(self, y: int) -> Strip:
        if self.option_count or not self.empty_note:
            return super().render_line(y)
        width = self.scrollable_content_region.width
        lines = textwrap.wrap(self.empty_note, max(1, width))
        style = self.get_visual_style("option-list--option").rich_style + Style(dim=True)
        text = lines[y] if 0 <= y < len(lines) else ""
        return Strip([Segment(text.ljust(width)[:width], style)])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id
        if chosen == self.MORE:
            self._list_more()
            return
        for hit in self.hits:
            if hit.doc == chosen:
                self.post_message(self.HitSelected(hit))
                return
        for document in self.documents:
            if document.doc == chosen:
                self.post_message(self.DocumentSelected(document))
                return
