"""ReaderScreen: composes the panes, owns the state, runs the workers (the mediator).

Widgets post messages up; this screen decides, calls the Collection in worker threads, and
hands the results down as attributes. Only this screen (and app start-up) touches the index.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from index.api import Collection
from index.errors import QuipuError
from index.models import Document, DocumentSummary, SearchResults, Span
from tui.render import plain
from tui.state import History, Place, SearchState
from tui.widgets.document_reader import DocumentReader
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.results_list import ResultsList
from tui.widgets.search_box import SearchBox
from tui.widgets.timeline_pane import TimelinePane

MIN_WIDTH, MIN_HEIGHT = 60, 16


class ReaderScreen(Screen[None]):
    """Search bar, results, reader, entity sidebar and timeline."""

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (MIN_WIDTH, "-narrow"), (110, "-wide")]
    """Width classes: -tiny (too small), -narrow (80 columns: sidebar folds away), -wide."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (MIN_HEIGHT, "-medium"), (30, "-tall")]
    """Height classes: -short (too small), -medium (24 rows: timeline shrinks), -tall."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search", show=True),
        Binding("escape", "back_out", "Back", show=False),
        Binding("e", "toggle_entities", "Entities", show=True),
        Binding("t", "toggle_timeline", "Timeline", show=True),
        Binding("left_square_bracket,alt+left", "history_back", "Back", show=True),
        Binding("right_square_bracket,alt+right", "history_forward", "Fwd", show=False),
        Binding("ctrl+y", "accept_suggestion", "Use suggestion", show=False),
    ]
    """Screen-wide keys; pane keys live on the panes (n/N on the reader, j/k everywhere)."""

    state: var[SearchState] = var(SearchState, init=False)
    """The current query and filters; setting it starts a search."""

    @dataclass
    class SearchCompleted(Message):
        """A search worker finished for ``state``."""

        state: SearchState
        results: SearchResults

    @dataclass
    class SearchFailed(Message):
        """A search worker could not run ``state`` (bad query, index fault)."""

        state: SearchState
        error: str

    @dataclass
    class IndexReady(Message):
        """The index is open and current; these are its documents."""

        documents: tuple[DocumentSummary, ...]
        note: str

    @dataclass
    class IndexProgress(Message):
        """Indexing progress, from the index worker."""

        done: int
        total: int

    @dataclass
    class IndexFailed(Message):
        """The index could not be opened or built."""

        error: str

    @dataclass
    class DocumentLoaded(Message):
        """A document was read for the reader."""

        document: Document
        focus: Span | None
        scroll_y: float | None
        focus_reader: bool

    def __init__(self, collection: Collection, show_timings: bool = True) -> None:
        super().__init__()
        self.collection = collection
        self.show_timings = show_timings
        self.documents: tuple[DocumentSummary, ...] = ()
        self.results: SearchResults | None = None
        self.history = History()
        self.current_doc: str | None = None
        self.scroll_memory: dict[str, float] = {}
        self.suggestion: str | None = None

    def compose(self) -> ComposeResult:
        corpus = self.collection.corpus.name or str(self.collection.corpus)
        yield Static(plain(f"quipu · {corpus}"), id="title-bar")
        yield SearchBox(id="search-box")
        yield Static("opening the index…", id="status-line")
        with Horizontal(id="main"):
            yield ResultsList(id="results-list")
            yield DocumentReader(id="document-reader")
            yield EntitySidebar(id="entity-sidebar")
        yield TimelinePane(id="timeline-pane")
        yield Static(
            f"The terminal is too small for quipu: make it at least {MIN_WIDTH}x{MIN_HEIGHT}.",
            id="too-small",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ResultsList).border_title = "Documents"
        self.query_one(DocumentReader).border_title = "Reader"
        self._open_index(rebuild=False)
        self.query_one(SearchBox).focus()

    # -- the index ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _open_index(self, rebuild: bool) -> None:
        def progress(done: int, total: int, path: str) -> None:
            self.post_message(self.IndexProgress(done, total))

        try:
            if rebuild:
                report = self.collection.update(progress=progress, rebuild=True)
            else:
                report = self.collection.ensure_index(progress=progress)
            documents = tuple(self.collection.documents())
        except QuipuError as error:
            self.post_message(self.IndexFailed(str(error)))
            return
        note = ""
        if report is not None and report.changed:
            note = (
                f"indexed: {report.added} added, {report.updated} updated, {report.removed} removed"
            )
        if report is not None and report.skipped:
            note += f" · {len(report.skipped)} files skipped"
        self.post_message(self.IndexReady(documents, note.strip(" ·")))

    def on_reader_screen_index_progress(self, message: IndexProgress) -> None:
        corpus = self.collection.corpus.name
        self._status(f"indexing {message.done}/{message.total} · {corpus}")

    def on_reader_screen_index_failed(self, message: IndexFailed) -> None:
        self._status(message.error, error=True)

    def on_reader_screen_index_ready(self, message: IndexReady) -> None:
        self.documents = message.documents
        count = len(self.documents)
        title = self.query_one("#title-bar", Static)
        title.update(plain(f"quipu · {self.collection.corpus.name} · {count} docs"))
        if self.state.text:
            self._run_search(self.state)
        else:
            self._show_documents()
        if message.note:
            self.notify(message.note, timeout=4)
        if self.documents and self.current_doc is None:
            self._load_document(self.documents[0].doc, None, None)

    def _show_documents(self) -> None:
        self.results = None
        results = self.query_one(ResultsList)
        results.border_title = "Documents"
        results.show_documents(self.documents)
        self._status(f"{len(self.documents)} documents · type to search, Enter to open")

    # -- searching ---------------------------------------------------------------------------

    def on_search_box_query_submitted(self, message: SearchBox.QuerySubmitted) -> None:
        new_state = SearchState(message.text.strip(), self.state.entity, self.state.day)
        if new_state != self.state:
            self.state = new_state
        if message.now:
            self.query_one(ResultsList).focus()

    def on_search_box_left(self, message: SearchBox.Left) -> None:
        self.query_one(ResultsList).focus()

    def watch_state(self, state: SearchState) -> None:
        if not state.text and not state.entity and not state.day:
            self.workers.cancel_group(self, "search")
            if self.documents:
                self._show_documents()
            return
        self._run_search(state)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run_search(self, state: SearchState) -> None:
        worker = get_current_worker()
        try:
            results = self.collection.search(state.text or "*", limit=50, entity=state.entity)
        except QuipuError as error:
            if not worker.is_cancelled:
                self.post_message(self.SearchFailed(state, str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.SearchCompleted(state, results))

    def on_reader_screen_search_completed(self, message: SearchCompleted) -> None:
        if message.state != self.state:
            return  # stale: the user has typed on
        self.results = results = message.results
        results_list = self.query_one(ResultsList)
        results_list.border_title = "Results"
        results_list.show_hits(results.hits)
        timing = f" · {results.elapsed_ms:.0f} ms" if self.show_timings else ""
        self.suggestion = results.suggestion
        if results.total:
            docs = "document" if results.total == 1 else "documents"
            self._status(f"{results.total} {docs}{timing}")
        elif results.suggestion:
            self._status(f"no documents match — did you mean {results.suggestion}? (ctrl+y)")
        else:
            self._status("no documents match")
        self._refresh_reader_highlights()

    def on_reader_screen_search_failed(self, message: SearchFailed) -> None:
        if message.state == self.state:
            self._status(message.error, error=True)

    def action_accept_suggestion(self) -> None:
        if self.suggestion:
            box = self.query_one(SearchBox)
            box.value = self.suggestion
            box.cursor_position = len(box.value)
            self.state = SearchState(self.suggestion, self.state.entity, self.state.day)

    def _status(self, text: str, error: bool = False) -> None:
        line = self.query_one("#status-line", Static)
        line.update(plain(text))
        line.set_class(error, "-error")

    # -- reading -----------------------------------------------------------------------------

    def on_results_list_hit_selected(self, message: ResultsList.HitSelected) -> None:
        self._visit(message.hit.doc, message.hit.passage, None)

    def on_results_list_document_selected(self, message: ResultsList.DocumentSelected) -> None:
        self._visit(message.document.doc, None, self.scroll_memory.get(message.document.doc))

    def _visit(self, doc: str, focus: Span | None, scroll_y: float | None) -> None:
        self.history.visit(self._here())
        self._load_document(doc, focus, scroll_y, focus_reader=True)

    def _here(self) -> Place | None:
        if self.current_doc is None:
            return None
        return Place(self.current_doc, self.query_one(DocumentReader).scroll_y)

    @work(thread=True, exclusive=True, group="document", exit_on_error=False)
    def _load_document(
        self, doc: str, focus: Span | None, scroll_y: float | None, focus_reader: bool = False
    ) -> None:
        try:
            document = self.collection.document(doc)
        except QuipuError as error:
            self.post_message(self.SearchFailed(self.state, str(error)))
            return
        self.post_message(self.DocumentLoaded(document, focus, scroll_y, focus_reader))

    def on_reader_screen_document_loaded(self, message: DocumentLoaded) -> None:
        reader = self.query_one(DocumentReader)
        if self.current_doc is not None:
            self.scroll_memory[self.current_doc] = reader.scroll_y
        self.current_doc = message.document.doc
        reader.show(message.document, self._hits_in(message.document), message.focus)
        if message.focus_reader:
            reader.focus()
        if message.scroll_y is not None:
            reader.call_after_refresh(reader.scroll_to, y=message.scroll_y, animate=False)

    def _hits_in(self, document: Document) -> list[Span]:
        if self.results is None:
            return []
        return self.collection.highlight(document.text, self.results)

    def _refresh_reader_highlights(self) -> None:
        reader = self.query_one(DocumentReader)
        if reader.document is not None:
            scroll_y = reader.scroll_y
            reader.show(reader.document, self._hits_in(reader.document))
            reader.call_after_refresh(reader.scroll_to, y=scroll_y, animate=False)

    def on_document_reader_hit_focused(self, message: DocumentReader.HitFocused) -> None:
        if message.total and self.results is not None:
            where = (
                f"hit {message.number}/{message.total}"
                if message.number
                else f"{message.total} {'hit' if message.total == 1 else 'hits'} here · n to go"
            )
            self._status(f"{self.results.total} documents · {where}")

    def action_history_back(self) -> None:
        place = self.history.go_back(self._here())
        if place is None:
            self.notify("nothing to go back to", timeout=2)
            return
        self._load_document(place.doc, None, place.scroll_y)

    def action_history_forward(self) -> None:
        place = self.history.go_forward(self._here())
        if place is None:
            self.notify("nothing to go forward to", timeout=2)
            return
        self._load_document(place.doc, None, place.scroll_y)

    # -- focus and panes ---------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one(SearchBox).focus()

    def action_back_out(self) -> None:
        if isinstance(self.focused, DocumentReader):
            self.query_one(ResultsList).focus()
        else:
            self.query_one(SearchBox).focus()

    def action_toggle_entities(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-show-entities")
        else:
            self.toggle_class("-hide-entities")

    def action_toggle_timeline(self) -> None:
        self.toggle_class("-hide-timeline")

    def action_rebuild_index(self) -> None:
        self._status("rebuilding the index…")
        self._open_index(rebuild=True)
