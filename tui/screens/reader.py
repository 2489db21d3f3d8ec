"""ReaderScreen: composes the panes, owns the state, runs the workers (the mediator).

Widgets post messages up; this screen decides, calls the Collection in worker threads, and
hands the results down as attributes. Only this screen (and app start-up) touches the index.
"""

from __future__ import annotations

import shlex
import subprocess
import time
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from index.api import Collection
from index.errors import IndexMissingError, QuerySyntaxError, QuipuError
from index.models import (
    DateMention,
    Document,
    DocumentSummary,
    Entity,
    Query,
    SearchResults,
    Sort,
    Span,
)
from tui.render import is_markdown, plain
from tui.screens.dossier import DossierOutcome, DossierScreen
from tui.screens.notes import NotesScreen
from tui.screens.prompt import PromptScreen
from tui.state import History, Place, chips, parse_published, published_text
from tui.timeline_axis import Charted, chart
from tui.widgets.document_reader import DocumentReader
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.results_list import ResultsList
from tui.widgets.search_box import SearchBox
from tui.widgets.timeline_pane import TimelinePane

if TYPE_CHECKING:
    from index.userdata.notes import PlacedNote
    from index.userdata.saved_searches import SavedSearch

MIN_WIDTH, MIN_HEIGHT = 60, 16
FOOTER_FIRST = ("help", "quit")
"""Actions the footer shows first, so no width drops them."""
RESULTS_LIMIT = 20
INDEX_CHECK_SECONDS = 2.0
"""How often the reader looks whether another process has updated or rebuilt the index."""
"""Hits shown per search: a screenful several times over; the status line gives the total."""
WATCH_SECONDS = 5.0
"""How often the reader looks for changed files at most (a stat per file against the index's
manifest, in a worker thread: 37 ms for BBC's 2,225 files, 149 ms for 10,000 generated ones,
on a shared 2-core machine)."""
WATCH_SHARE = 40
"""A look at the files waits at least this many times as long as the last one took, so that
watching a large corpus costs under 1/40 of a core (at 10,000 files, a look every few seconds
more)."""


def failure(error: QuipuError) -> str:
    """What the status line says of a failed query: an index deleted while the reader had it
    open is offered its rebuild here."""
    if isinstance(error, IndexMissingError):
        return f"{error} — or here: ctrl+p, Rebuild index"
    return str(error)


def fault(error: BaseException | None) -> str:
    """A failure in one line, never a traceback: quipu's own errors as they say it, anything
    else with its type (it is not one quipu foresaw)."""
    if isinstance(error, QuipuError):
        return failure(error)
    said = " ".join(str(error).split())
    return f"{type(error).__name__}: {said}" if said else type(error).__name__


class ReaderScreen(Screen[None]):
    """Search bar, results, reader, entity sidebar and timeline."""

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (MIN_WIDTH, "-narrow"), (110, "-wide")]
    """Width classes: -tiny (too small), -narrow (80 columns: sidebar folds away), -wide."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (MIN_HEIGHT, "-medium"), (30, "-tall")]
    """Height classes: -short (too small), -medium (24 rows: timeline shrinks), -tall."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search", show=True),
        Binding("ctrl+f", "focus_search", "Search", show=True),
        Binding("escape", "back_out", "Back", show=False),
        # ctrl+e is the search bar's end-of-line too (End does that): here it is the sidebar's.
        Binding("e", "toggle_entities", "Entities", show=True),
        Binding("ctrl+e", "toggle_entities", "Entities", show=True, priority=True),
        Binding("t,ctrl+t", "toggle_timeline", "Timeline", show=True),
        Binding("left_square_bracket,alt+left", "history_back", "Back", show=True),
        Binding("right_square_bracket,alt+right", "history_forward", "Fwd", show=False),
        Binding("ctrl+y", "accept_suggestion", "Use suggestion", show=False),
        Binding("x,ctrl+l", "clear_filters", "Clear filters", show=False),
        Binding("ctrl+b", "bookmark", "Bookmark", show=False),
        Binding("ctrl+n", "note", "Note", show=False),
        Binding("f3", "notes", "Notes", key_display="F3", show=False),
        Binding("s,f4", "save_search", "Save search", show=False),
        Binding("o,ctrl+o", "toggle_sort", "Sort", show=False),
        Binding("ctrl+g", "published", "Published", show=False),
        Binding("v", "open_outside('EDITOR')", "Editor", show=False),
        Binding("p", "open_outside('PAGER')", "Pager", show=False),
        Binding("c", "copy_citation", "Copy citation", show=False),
    ]
    """Screen-wide keys. The letters work where typing is no text (the reader); in the lists,
    which take every printable key as text, and in the search bar their ctrl+ twins do."""

    state: var[Query] = var(Query, init=False)
    """The current query and filters; setting it starts a search. The results, the entities
    of the results and the timeline are each the answer to this one value (the Collection
    works out the documents it matches once, for all three)."""

    @dataclass
    class SearchCompleted(Message):
        """A search worker finished for ``state``."""

        state: Query
        results: SearchResults

    @dataclass
    class SearchFailed(Message):
        """A search worker could not run ``state`` (bad query, index fault)."""

        state: Query
        error: str
        syntax: bool = False  # the query is not one quipu can read (said as it is)

    @dataclass
    class IndexReady(Message):
        """The index is open and current; these are its documents."""

        documents: tuple[DocumentSummary, ...]
        note: str
        stamp: tuple[int, int, int] | None  # the index they were read from

    @dataclass
    class IndexChanged(Message):
        """Another process updated or rebuilt the index; these are its documents now."""

        documents: tuple[DocumentSummary, ...]

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

    @dataclass
    class DocumentFailed(Message):
        """A document could not be read."""

        doc: str
        error: str

    @dataclass
    class EntitiesLoaded(Message):
        """Entities for the sidebar, for ``scope`` as it was when asked (``key``: what was
        asked, the scope's query or document; an answer to an older ask is dropped)."""

        scope: str
        key: tuple[object, ...]
        entities: list[Entity]

    @dataclass
    class EntitiesFailed(Message):
        """The sidebar's entities could not be read for ``key``."""

        key: tuple[object, ...]
        error: str

    @dataclass
    class CoMentionsLoaded(Message):
        """The entities mentioned with ``name``, for the sidebar."""

        name: str
        pairs: list[tuple[Entity, int]]

    @dataclass
    class CoMentionsFailed(Message):
        """The entities mentioned with ``name`` could not be read."""

        name: str
        error: str

    @dataclass
    class QueryHistoryLoaded(Message):
        """The queries run before on this corpus, oldest first."""

        queries: list[str]

    @dataclass
    class DateStated(Message):
        """The user's date of ``document`` is written and the index updated: ``document`` as
        read again, the collection's documents (their dates) as they now are."""

        document: Document
        documents: tuple[DocumentSummary, ...]
        said: str

    @dataclass
    class CorpusChecked(Message):
        """The poll looked at the corpus's files (``seconds`` it took)."""

        changed: bool
        seconds: float

    @dataclass
    class FilesUpdated(Message):
        """Files changed while the reader was open are in the index now: its documents, and
        what changed ("1 added, 2 updated")."""

        documents: tuple[DocumentSummary, ...]
        counts: str

    @dataclass
    class TimelineLoaded(Message):
        """The timeline for ``state``."""

        state: Query
        charted: Charted

    @dataclass
    class PassagesLoaded(Message):
        """The passages of a bucket of the timeline charted (``TimelinePane.PassagesWanted``)."""

        wanted: TimelinePane.PassagesWanted
        passages: tuple[DateMention, ...]

    @dataclass
    class TimelineFailed(Message):
        """The timeline for ``state`` could not be read."""

        state: Query
        error: str

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
        self.documents: tuple[DocumentSummary, ...] = ()
        self.results: SearchResults | None = None
        self.history = History()
        self.current_doc: str | None = None
        self.scroll_memory: dict[str, float] = {}
        self.suggestion: str | None = None
        self.entity_scope = "all"
        self._typing = False  # letters typed in the results are on their way to the search bar
        self._focus_results = False  # Enter was pressed: the results take the focus once shown
        self._failed: Query | None = None  # the last search that failed, to be mended
        self._submitted: Query | None = None  # the search Enter was pressed on, running
        self._opening: str | None = None  # the document Enter opened, loading
        self._index_ready = False  # the index is open: searches can run
        self._index_stamp: tuple[int, int, int] | None = None  # the index the list is of
        self._results_for: Query | None = None  # the search the results shown are of
        self._too_small = False  # the "terminal too small" notice stands in for the panes
        self._focus_after: Widget | None = None  # the pane to focus again when it is gone
        self.date_mark: tuple[str, Span] | None = None
        self.charted_state: Query | None = None  # the query whose timeline the pane charts
        self._entities_key: tuple[object, ...] | None = None  # the entities last asked for
        self._document_wanted: str | None = None  # the document last asked for
        self._failure_said: str | None = None  # the fault the status line says (said once)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """As Textual has them, but help and quit first (the footer cuts what does not fit at
        the right, and these two must show at every width), each under its letter where that
        is a key, and without "/" in a text box (it types a "/" there)."""
        bindings = super().active_bindings
        if isinstance(self.focused, Input):
            bindings.pop("slash", None)
        if isinstance(self.focused, SearchBox):
            bindings.pop("ctrl+f", None)

        def order(key: str) -> tuple[int, bool]:
            return FOOTER_FIRST.index(bindings[key].binding.action), len(key) > 1

        first = sorted(
            (k for k, b in bindings.items() if b.binding.action in FOOTER_FIRST), key=order
        )
        return {k: bindings[k] for k in first} | {
            k: b for k, b in bindings.items() if k not in first
        }

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
        self.set_interval(INDEX_CHECK_SECONDS, self._check_index)
        self._load_query_history()
        if self.watch_seconds > 0:
            self.set_timer(self.watch_seconds, self._watch_corpus)
        self._too_small = self._is_too_small(self.app.size)
        self._focus(self.query_one(ResultsList))

    @property
    def awaiting_keys(self) -> bool:
        """A key started something the keys typed after it are meant to follow: the results of
        a search submitted with Enter (they take the focus), a document opened (the reader takes
        it), the passages of the timeline's bucket its cursor came to (↓ and Enter pick among
        them). The app holds those keys until then (see tui/key_queue.py)."""
        return self._submitted is not None or self._opening is not None or self._passages_due()

    def _passages_due(self) -> bool:
        """The focused timeline waits for the passages of the bucket under its cursor, and
        they are on their way (a load that ended without them holds no key)."""
        pane = self.query_one(TimelinePane)
        if not pane.has_focus or pane.loaded or pane.unplaced or not len(pane.axis):
            return False
        return any(worker.group == "passages" and not worker.is_finished for worker in self.workers)

    def stop_awaiting(self) -> None:
        """Esc while a search submitted with Enter runs or a document opens: it is dropped
        (the results and the reader stay as they are)."""
        if self._submitted is not None:
            self.workers.cancel_group(self, "search")
            self._status("search cancelled; the results are those of the last search")
        if self._opening is not None:
            self.workers.cancel_group(self, "document")
        self._submitted = self._opening = None
        self._focus_results = False

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed where it does not report it itself (the loads of the panes
        each post their own failure): one line on the status bar, and nothing waits for what
        it was to bring."""
        if event.state != WorkerState.ERROR:
            return
        group = event.worker.group
        self._fail(group, fault(event.worker.error))
        if group == "document":
            self._opening = None
        elif group == "search":
            self._submitted = None
            self._focus_results = False

    def _fail(self, kind: str, error: str) -> None:
        """A load of ``kind`` (search, entities, timeline, document, …) failed: said once on
        the status line, as "<kind> failed: <why>". The same fault met again by another
        pane's load (an index gone fails them all) is not said again over the first."""
        if error == self._failure_said:
            return
        self._status(f"{kind} failed: {error}", error=True)
        self._failure_said = error

    # -- focus -------------------------------------------------------------------------------

    def _focus(self, widget: Widget) -> None:
        """Every focus move of the screen's: at once (the keys typed next are the new pane's),
        and the pane shown. While the terminal is too small nothing takes the focus (no hidden
        box takes keys); the pane is remembered and takes it when the panes come back."""
        if self._too_small:
            self._focus_after = widget
            return
        self._reveal(widget)
        self.set_focus(widget)

    def _reveal(self, widget: Widget | None) -> None:
        """Show the pane ``widget`` is in: the sidebar or the timeline if hidden, and at 80
        columns the results or the sidebar, whichever of the two it is in."""
        if widget is None:
            return
        sidebar = self.query_one(EntitySidebar)
        if widget is sidebar or sidebar in widget.ancestors:
            self.set_class(self.has_class("-narrow"), "-show-entities")
            self.set_class(False, "-hide-entities")
        elif isinstance(widget, ResultsList):
            self.set_class(False, "-show-entities")
        elif isinstance(widget, TimelinePane):
            self.set_class(False, "-hide-timeline")

    @staticmethod
    def _is_too_small(size: Size) -> bool:
        return size.width < MIN_WIDTH or size.height < MIN_HEIGHT

    def on_resize(self, event: Resize) -> None:
        too_small = self._is_too_small(event.size)
        if too_small and not self._too_small:
            self._too_small = True
            self._focus_after = self.focused or self._focus_after
            self.set_focus(None)
        elif not too_small and self._too_small:
            self._too_small = False
            self._focus(self._focus_after or self.query_one(ResultsList))
            self._focus_after = None
        elif not too_small:
            self._reveal(self.focused)  # 120 -> 80 columns with the sidebar focused: keep it

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the terminal is too small, the screen's keys do nothing (the app's still quit
        and help): they would act on panes no one sees."""
        return not self._too_small

    # -- the index ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _open_index(self, rebuild: bool) -> None:
        def progress(done: int, total: int, path: str) -> None:
            self.post_message(self.IndexProgress(done, total))

        try:
            if rebuild:
                report = self.collection.update(progress=progress, rebuild=True)
            else:

                def meanwhile() -> None:
                    # The corpus has changed: the reader opens on the index as last built,
                    # and again (below) once the changes are in.
                    stamp = self.collection.index_stamp()
                    documents = tuple(self.collection.documents())
                    self.post_message(self.IndexReady(documents, "updating the index…", stamp))

                report = self.collection.ensure_index(progress=progress, meanwhile=meanwhile)
            stamp = self.collection.index_stamp()  # before the list: a change between is seen
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
        self.post_message(self.IndexReady(documents, note.strip(" ·"), stamp))

    def _check_index(self) -> None:
        """On a timer: when another process has updated or rebuilt the index (one stat of
        its manifest), its documents are read again (not while the reader indexes itself)."""
        if not self._index_ready or any(
            worker.group == "index" and worker.is_running for worker in self.workers
        ):
            return
        stamp = self.collection.index_stamp()
        if stamp != self._index_stamp:
            self._index_stamp = stamp  # read before the list below: a change after is seen
            self._reload_documents()

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _reload_documents(self) -> None:
        worker = get_current_worker()  # replaced by an index opened or rebuilt meanwhile:
        try:  # its news is stale, and not to land after that one's
            documents = tuple(self.collection.documents())
        except QuipuError as error:  # the folder deleted: said at once, with the rebuild
            if not worker.is_cancelled:
                self.post_message(self.IndexFailed(failure(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.IndexChanged(documents))

    def on_reader_screen_index_changed(self, message: IndexChanged) -> None:
        if message.documents == self.documents:
            return  # an update of the reader's own (a correction), or one no listing shows
        self._take_documents(message.documents)
        if self.current_doc is not None:
            self.query_one(ResultsList).follow(self.current_doc)  # the place kept, if listed
        self.notify(
            f"the index changed on disk: {_count(len(message.documents), 'document')} now",
            timeout=4,
        )

    def on_reader_screen_index_progress(self, message: IndexProgress) -> None:
        corpus = self.collection.corpus.name
        self._status(f"indexing {message.done}/{message.total} · {corpus}")

    def on_reader_screen_index_failed(self, message: IndexFailed) -> None:
        self._status(message.error, error=True)
        self._submitted = None  # nothing to wait for

    def on_reader_screen_index_ready(self, message: IndexReady) -> None:
        self._index_ready = True
        self._index_stamp = message.stamp
        self._take_documents(message.documents)
        if message.note:
            self.notify(message.note, timeout=4)
        if self.documents and self.current_doc is None:
            self._load_document(self.documents[0].doc, None, None)

    def _take_documents(self, documents: tuple[DocumentSummary, ...]) -> None:
        """The documents of the index as it is now: listed (or the search run again on it),
        counted in the title; the entities and the timeline read again."""
        self.documents = documents
        self.query_one(TimelinePane).markdown_docs = frozenset(
            document.doc for document in documents if is_markdown(document.path)
        )
        count = len(documents)
        title = self.query_one("#title-bar", Static)
        title.update(plain(f"quipu · {self.collection.corpus.name} · {_count(count, 'doc')}"))
        if self.state.filtered:
            self._run_search(self.state)
        else:
            self._show_documents()
        self._refresh_entities()
        self._load_timeline(self.state)

    def _show_documents(self) -> None:
        self.results = None
        results = self.query_one(ResultsList)
        results.border_title = "Documents"
        documents = self.documents
        if self.state.sort == "date":  # newest first, the undated last
            documents = tuple(sorted(documents, key=lambda d: d.published or "", reverse=True))
        results.show_documents(documents)
        self._status(f"{_count(len(self.documents), 'document')} · type to search, Enter to open")

    # -- searching ---------------------------------------------------------------------------

    def on_search_box_query_submitted(self, message: SearchBox.QuerySubmitted) -> None:
        self._submit(message.text, now=message.now)

    def _submit(self, text: str, now: bool) -> None:
        """Search for ``text`` (``now``: Enter was pressed, the results take the focus)."""
        new_state = replace(self.state, text=text.strip())
        if new_state != self.state:
            self.state = new_state
        if not now:
            return
        if text.strip():
            self.query_one(SearchBox).recall.remember(text)
            self._remember_query(text)
        if self._failed == self.state:
            return  # it failed (a bad query): the query stays in hand, to be mended
        if self.state.filtered and self._results_for != self.state:
            # Its results are on their way (just asked for, or searched as typed and still
            # running). The focus moves once they are shown: moving it now would redraw the
            # footer and the panes while the search runs, and slow it down.
            self._submitted = self.state
            self._focus_results = True
            return
        if self.results is not None and not self.results.total and self.state.filtered:
            return  # no hits (searched as typed): the query stays in hand, to be mended
        self._focus(self.query_one(ResultsList))

    @work(thread=True, group="history", exit_on_error=False)
    def _load_query_history(self) -> None:
        try:
            queries, warnings = self.collection.query_history()
        except (QuipuError, OSError, ValueError) as error:
            self.app.call_from_thread(self.notify, f"query history: {error}", severity="warning")
            return
        if warnings:  # a line of the file not understood: said in a line, and kept
            more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
            self.app.call_from_thread(
                self.notify, warnings[0] + more, severity="warning", timeout=8, markup=False
            )
        self.post_message(self.QueryHistoryLoaded(queries))

    def on_reader_screen_query_history_loaded(self, message: QueryHistoryLoaded) -> None:
        self.query_one(SearchBox).recall.load(message.queries)

    @work(thread=True, group="history", exit_on_error=False)
    def _remember_query(self, text: str) -> None:
        try:
            self.collection.remember_query(text)
        except (QuipuError, OSError, ValueError) as error:
            self.app.call_from_thread(
                self.notify, f"query history not saved: {error}", severity="warning"
            )

    def on_results_list_typed_ahead(self, message: ResultsList.TypedAhead) -> None:
        self._type_ahead(message.character)

    def on_timeline_pane_typed_ahead(self, message: TimelinePane.TypedAhead) -> None:
        self._type_ahead(message.character)

    def _type_ahead(self, character: str) -> None:
        """A key typed in a list that searches by typing: it goes on the search bar's text
        ("\n": search now, "\b": the last letter off), and the search bar takes the focus."""
        box = self.query_one(SearchBox)
        typed = box.value if box.has_focus or self._typing else ""
        if character == "\n":
            self._typing = False
            box.value = typed
            self._focus(box)  # until the results are shown, or for good if it fails
            self._submit(typed, now=True)
            return
        box.value = typed[:-1] if character == "\b" else typed + character
        self._typing = True
        box.cursor_position = len(box.value)
        box.focus()

    def on_descendant_focus(self) -> None:
        self._typing = False
        self._reveal(self.focused)  # Tab, a click: the pane that has the focus is shown

    def on_search_box_down(self, message: SearchBox.Down) -> None:
        self._focus_results = False
        self._focus(self.query_one(ResultsList))

    def on_search_box_left(self, message: SearchBox.Left) -> None:
        """Esc in the search bar: a search still running is dropped, the results stay."""
        self._focus_results = False
        running = [w for w in self.workers if w.group == "search" and w.is_running]
        if running:
            self.workers.cancel_group(self, "search")
            self._status("search cancelled; the results are those of the last search")
        self._submitted = None
        results = self.query_one(ResultsList)
        if results.option_count:
            self._focus(results)
        else:  # nothing listed (no hits): the reader, so the keys act again
            self._focus(self.query_one(DocumentReader))

    def watch_state(self, state: Query) -> None:
        if not state.filtered:
            self.workers.cancel_group(self, "search")
            self._submitted = None
            if self.documents:
                self._show_documents()
                self._load_timeline(state)
                self._refresh_entities()
                self._refresh_reader_highlights()
            return
        # The timeline follows once the results are in: it must not compete with the search.
        self.workers.cancel_group(self, "timeline")
        if self._index_ready:  # else the index, once open, runs it
            self._run_search(state)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run_search(self, state: Query) -> None:
        worker = get_current_worker()
        if worker.is_cancelled:
            return  # typed on before it started
        try:
            results = self.collection.search(
                replace(state, text=state.text or "*", limit=RESULTS_LIMIT)
            )
        except Exception as error:  # a bad query, an index fault, or one not foreseen
            if not worker.is_cancelled:
                syntax = isinstance(error, QuerySyntaxError)
                self.post_message(self.SearchFailed(state, fault(error), syntax))
            return
        if not worker.is_cancelled:
            self.post_message(self.SearchCompleted(state, results))

    def on_reader_screen_search_completed(self, message: SearchCompleted) -> None:
        if message.state != self.state:
            return  # stale: the user has typed on
        self.call_after_refresh(self._load_timeline, message.state)  # after the results paint
        self.results = results = message.results
        results_list = self.query_one(ResultsList)
        results_list.border_title = "Results"
        timing = f" · {results.elapsed_ms:.0f} ms" if self.show_timings else ""
        if results.cut:
            timing += " · cut at the time limit: the first found (be more specific)"
        self.suggestion = results.suggestion
        if results.total:
            self._status(f"{_count(results.total, 'document')}{timing}")
            empty = ""
        elif results.cut:
            empty = "the search stopped at its time limit before it found a document"
            self._status(f"{empty} (be more specific)")
        else:  # why, and the suggestion in the case typed: as the CLI says it
            empty = results.nothing_found()
            if results.suggestion:  # in the pane too, which wraps: the status line may cut it
                empty += " (ctrl+y)"
            self._status(empty)
        results_list.show_hits(results.hits, empty)
        self._refresh_reader_highlights()
        if self.entity_scope == "hits":
            self._refresh_entities()
        self._results_for = message.state
        self._failed = self._submitted = None
        if self._focus_results:
            self._focus_results = False
            if results.total:  # with no hits, the query stays in hand, to be mended
                self._focus(results_list)

    def on_reader_screen_search_failed(self, message: SearchFailed) -> None:
        if message.state == self.state:
            self._failed = message.state
            if message.syntax:  # what is wrong with the query, and where: as it is said
                self._status(message.error, error=True)
            else:
                self._fail("search", message.error)
            if self._submitted == message.state:
                # Enter was pressed on it: the query stays in hand, to be mended.
                self._focus(self.query_one(SearchBox))
            self._focus_results = False
            self._submitted = None

    def action_accept_suggestion(self) -> None:
        if self.suggestion:
            box = self.query_one(SearchBox)
            box.value = self.suggestion
            box.cursor_position = len(box.value)
            self.state = replace(self.state, text=self.suggestion)

    def action_clear_filters(self) -> None:
        if self.state.entity or self.state.mentioned or self.state.published:
            self.state = replace(self.state, entity=None, mentioned=None, published=None)
        else:
            self.notify("no filters to clear", timeout=2)

    def _reread_current(self) -> None:
        """The index was updated while a document was open: read it again where it was read
        (its text may have changed), or say that it is gone."""
        doc = self.current_doc
        if doc is None:
            return
        if any(row.doc == doc for row in self.documents):
            reader = self.query_one(DocumentReader)
            self._load_document(doc, None, reader.scroll_y)
        else:
            self._status(f"the document open ({doc}) was removed from the corpus", error=True)

    # -- files changed while open -------------------------------------------------------------

    def _watch_corpus(self) -> None:
        """Every few seconds: look for changed files, unless the index is being opened or
        updated, or another screen (the dossier, a prompt) is in front (then, later)."""
        busy = any(w.group == "index" and w.is_running for w in self.workers)
        if not self._index_ready or self.app.screen is not self or busy:
            self.set_timer(self.watch_seconds, self._watch_corpus)
            return
        self._check_corpus()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _check_corpus(self) -> None:
        started = time.perf_counter()
        try:
            changed = self.collection.corpus_changed()
        except IndexMissingError as error:  # said with the rebuild's offer, as a search would
            self.post_message(self.IndexFailed(failure(error)))
            changed = False
        except (QuipuError, OSError):
            changed = False  # the update at the next start says what is wrong
        self.post_message(self.CorpusChecked(changed, time.perf_counter() - started))

    def on_reader_screen_corpus_checked(self, message: CorpusChecked) -> None:
        self.set_timer(max(self.watch_seconds, WATCH_SHARE * message.seconds), self._watch_corpus)
        if not message.changed or any(w.group == "index" and w.is_running for w in self.workers):
            return
        self._status("files changed: updating the index…")
        self._update_changed_files()

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _update_changed_files(self) -> None:
        """The index brought up to date with the files changed, as at start (in the
        background: the reader answers from the index as it was until then)."""
        try:
            report = self.collection.ensure_index()
            documents = tuple(self.collection.documents())
        except QuipuError as error:
            self.post_message(self.IndexFailed(str(error)))
            return
        if report is None or not report.changed:
            return  # another process is updating it: its commit is read as it lands
        counts = ", ".join(
            f"{number} {what}"
            for number, what in (
                (report.added, "added"),
                (report.updated, "updated"),
                (report.removed, "removed"),
            )
            if number
        )
        self.post_message(self.FilesUpdated(documents, counts))

    def on_reader_screen_files_updated(self, message: FilesUpdated) -> None:
        """The panes follow the updated index: the document list (or the search, run again),
        the entities, the timeline, and the open document read again where it was."""
        self.documents = message.documents
        title = self.query_one("#title-bar", Static)
        count = _count(len(self.documents), "doc")
        heading = f"quipu · {self.collection.corpus.name} · {count}"
        heading += f" · updated {datetime.now().strftime('%H:%M:%S')} ({message.counts})"
        title.update(plain(heading))  # stays in sight: the status line moves on
        if self.state.filtered:
            self._run_search(self.state)
        else:
            self._show_documents()
        self._refresh_entities()
        self._load_timeline(self.state)
        note = f"files changed while open: {message.counts}"
        self.notify(note, timeout=4)
        self._status(f"{note} · panes refreshed")
        if self.current_doc is None and self.documents:
            self._load_document(self.documents[0].doc, None, None)
        else:
            self._reread_current()

    # -- order, publication dates, saved searches ---------------------------------------------

    def action_toggle_sort(self) -> None:
        """Results by relevance, or by publication date (newest first, the undated last)."""
        sort: Sort = "date" if self.state.sort == "relevance" else "relevance"
        self.state = replace(self.state, sort=sort)
        if not self.state.filtered:
            self._status(f"documents by {'date, newest first' if sort == 'date' else 'id'}")

    def action_published(self) -> None:
        """Ask for a publication-date range (blank: none), as the CLI's --from/--to."""

        def answered(text: str | None) -> None:
            if text is None:
                if self.state.published:
                    self.state = replace(self.state, published=None)
                return
            span = parse_published(text)
            if isinstance(span, str):
                self._status(f"publication dates: {span}", error=True)
                return
            self.state = replace(self.state, published=span)

        current = published_text(self.state.published) if self.state.published else ""
        self.app.push_screen(
            PromptScreen(
                "Published from … to (2023-01-05, 2023-01 or 2023; two for a range, … for no "
                "end; blank: any date)",
                value=current,
                placeholder="2022-12-01 2023-01-31",
            ),
            answered,
        )

    def action_save_search(self) -> None:
        """Name the current query with its filters and order (the CLI's saved searches)."""
        state = self.state
        if not state.filtered:
            self.notify("nothing to save: search first (a query, an entity or dates)", timeout=3)
            return

        def answered(name: str | None) -> None:
            if name:
                self._save_search(name, state)

        self.app.push_screen(
            PromptScreen("Save this search as (a name; ctrl+p, Saved: reopens it)"), answered
        )

    @work(thread=True, group="saved", exit_on_error=False)
    def _save_search(self, name: str, state: Query) -> None:
        from index.userdata.saved_searches import SavedSearch

        first, last = state.published or (None, None)
        saved = SavedSearch(
            name,
            state.text,
            first.isoformat() if first else "",
            last.isoformat() if last else "",
            state.entity or "",
            state.sort,
        )
        try:
            self.collection.save_search(saved)
        except (QuipuError, OSError, ValueError) as error:
            self.app.call_from_thread(self.say, f"not saved: {error}", True)
            return
        left = " (the timeline's range is not kept: the CLI has no such filter)"
        said = f'saved as "{name}" (ctrl+p: Saved){left if state.mentioned else ""}'
        self.app.call_from_thread(self.say, said, False)
        self.app.call_from_thread(self.notify, said, timeout=4, markup=False)

    def open_saved(self, saved: SavedSearch) -> None:
        """Run a saved search: its query, filters and order; the results take the focus."""
        try:
            first = date.fromisoformat(saved.date_from) if saved.date_from else None
            last = date.fromisoformat(saved.date_to) if saved.date_to else None
        except ValueError:
            self.say(f'saved search "{saved.name}": a date that is not YYYY-MM-DD', True)
            return
        box = self.query_one(SearchBox)
        box.value = saved.query
        box.cursor_position = len(box.value)
        self.state = Query(
            saved.query,
            saved.entity or None,
            published=(first, last) if first or last else None,
            sort="date" if saved.sort == "date" else "relevance",
        )
        sidebar = self.query_one(EntitySidebar)  # its entity shows as chosen there
        sidebar.show(sidebar.entities, sidebar.scope, self.state.entity)
        self._focus(box)
        self._submit(saved.query, now=True)

    def say(self, text: str, error: bool = False) -> None:
        """A line on the status line (for the screens and commands over this one)."""
        self._status(text, error)

    def _status(self, text: str, error: bool = False) -> None:
        line = self.query_one("#status-line", Static)
        filters = chips(self.state)
        line.update(plain(f"{filters} · ctrl+l clears · {text}" if filters else text))
        line.set_class(error, "-error")
        self._failure_said = None

    # -- entities ----------------------------------------------------------------------------

    def _refresh_entities(self) -> None:
        """The sidebar's entities read again for its scope: this document's; the results'
        (every document the query matches, the documents its results are of); or the
        collection's (those that talk about the timeline's chosen days, if chosen)."""
        if not self.documents:
            return
        query: Query | None = None
        doc: str | None = None
        if self.entity_scope == "doc":
            doc = self.current_doc or ""  # no document open: none
        elif self.entity_scope == "hits":
            query = self.state
        elif self.state.mentioned:
            query = Query(mentioned=self.state.mentioned)
        key = (self.entity_scope, query.matching_part if query else None, doc)
        self._entities_key = key
        self._load_entities(key, query, doc)

    @work(thread=True, exclusive=True, group="entities", exit_on_error=False)
    def _load_entities(self, key: tuple[object, ...], query: Query | None, doc: str | None) -> None:
        worker = get_current_worker()
        if worker.is_cancelled:
            return  # asked again before it started
        try:
            docs = None if doc is None else ({doc} if doc else set())
            entities = self.collection.entities(
                query=query, docs=docs, mentions=False, per_doc=False
            )
        except Exception as error:  # an index fault, a bad query, or one not foreseen
            if not worker.is_cancelled:
                self.post_message(self.EntitiesFailed(key, fault(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.EntitiesLoaded(str(key[0]), key, entities))

    def on_reader_screen_entities_loaded(self, message: EntitiesLoaded) -> None:
        if message.key != self._entities_key:
            return  # stale: asked again since (another query, scope or document)
        sidebar = self.query_one(EntitySidebar)
        sidebar.show(message.entities, message.scope, self.state.entity, arrived=True)

    def on_reader_screen_entities_failed(self, message: EntitiesFailed) -> None:
        if message.key == self._entities_key:
            self._fail("entities", message.error)

    def on_entity_sidebar_entity_chosen(self, message: EntitySidebar.EntityChosen) -> None:
        entity = None if message.name == self.state.entity else message.name
        self.state = replace(self.state, entity=entity)
        sidebar = self.query_one(EntitySidebar)
        sidebar.selected = entity
        sidebar.show(sidebar.entities, sidebar.scope, entity)

    def on_entity_sidebar_scope_changed(self, message: EntitySidebar.ScopeChanged) -> None:
        self.entity_scope = message.scope
        self._refresh_entities()

    def on_entity_sidebar_co_mentions_wanted(self, message: EntitySidebar.CoMentionsWanted) -> None:
        self._load_co_mentions(message.name)

    def on_entity_sidebar_dossier_wanted(self, message: EntitySidebar.DossierWanted) -> None:
        titles = {document.doc: document.title for document in self.documents}
        self.app.push_screen(
            DossierScreen(self.collection, message.name, titles), self._after_dossier
        )

    def _after_dossier(self, outcome: DossierOutcome | None) -> None:
        """Back from the dossier: the entities read again if corrected; a mention opened."""
        if outcome is None:
            return
        if outcome.corrected:
            self._refresh_entities()
        if outcome.open is not None:
            mention = outcome.open
            self._visit(mention.doc, Span(mention.start, mention.end), None)

    @work(thread=True, exclusive=True, group="co-mentions", exit_on_error=False)
    def _load_co_mentions(self, name: str) -> None:
        """In a group of its own: asking who is mentioned with an entity does not cancel the
        sidebar's entities on their way (it shows them again when left)."""
        worker = get_current_worker()
        try:
            pairs = self.collection.co_mentions(name)
        except Exception as error:  # an index fault, or one not foreseen
            if not worker.is_cancelled:
                self.post_message(self.CoMentionsFailed(name, fault(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.CoMentionsLoaded(name, pairs))

    def on_reader_screen_co_mentions_loaded(self, message: CoMentionsLoaded) -> None:
        self.query_one(EntitySidebar).show_co_mentions(message.name, message.pairs)

    def on_reader_screen_co_mentions_failed(self, message: CoMentionsFailed) -> None:
        self._fail("co-mentions", message.error)

    # -- the timeline ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def _load_timeline(self, state: Query) -> None:
        """The dates the documents of ``state`` talk about (its text, entity and publication
        dates: the results' documents; not its chosen days, which the timeline marks), near
        the entity if one is chosen."""
        worker = get_current_worker()
        if worker.is_cancelled:
            return  # typed on before it started
        try:
            timeline = self.collection.timeline(query=_timeline_query(state), mentions=False)
        except QuerySyntaxError:
            return  # a bad query: the search says what is wrong with it
        except Exception as error:  # an index fault, or one not foreseen
            if not worker.is_cancelled:
                self.post_message(self.TimelineFailed(state, fault(error)))
            return
        if worker.is_cancelled:
            return
        charted = chart(timeline)  # grouped here, not on the event loop
        if not worker.is_cancelled:
            self.post_message(self.TimelineLoaded(state, charted))

    def on_timeline_pane_passages_wanted(self, message: TimelinePane.PassagesWanted) -> None:
        # Of the timeline charted (a query typed since has its own on the way).
        if self.charted_state is not None:
            self._load_passages(self.charted_state, message)

    @work(thread=True, exclusive=True, group="passages", exit_on_error=False)
    def _load_passages(self, state: Query, wanted: TimelinePane.PassagesWanted) -> None:
        """The passages of the timeline's bucket under its cursor (the timeline of ``state``)."""
        worker = get_current_worker()
        if worker.is_cancelled:
            return  # the cursor moved on before it started
        try:
            passages = self.collection.bucket_dates(
                wanted.first, wanted.last, wanted.months, query=_timeline_query(state)
            )
        except QuerySyntaxError:
            return
        except Exception as error:  # an index fault, or one not foreseen
            if not worker.is_cancelled:
                self.post_message(self.TimelineFailed(state, fault(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.PassagesLoaded(wanted, passages))

    def on_reader_screen_passages_loaded(self, message: PassagesLoaded) -> None:
        wanted = message.wanted  # of a timeline charted since, or of a bucket left: dropped
        pane = self.query_one(TimelinePane)
        pane.show_passages(wanted.first, wanted.last, wanted.months, wanted.chart, message.passages)

    def on_reader_screen_timeline_failed(self, message: TimelineFailed) -> None:
        if message.state == self.state:
            self._fail("timeline", message.error)

    def on_reader_screen_timeline_loaded(self, message: TimelineLoaded) -> None:
        if message.state != self.state:
            return
        state = message.state
        if state.text and state.entity:
            note = "mentions near the entity in the results"
        elif state.entity:
            note = f"mentions near {state.entity}"
        elif state.text:
            note = "mentions in the results"
        else:
            note = "all mentions"
        if message.charted.timeline.cut:
            note += " · cut at the time limit: the documents found until then"
        self.charted_state = state
        self.query_one(TimelinePane).show(message.charted, note, state.mentioned)

    def on_timeline_pane_passage_opened(self, message: TimelinePane.PassageOpened) -> None:
        mention = message.mention
        span = Span(mention.start, mention.end)
        self.date_mark = (mention.doc, span)
        self._visit(mention.doc, span, None)

    def on_timeline_pane_range_chosen(self, message: TimelinePane.RangeChosen) -> None:
        self.state = replace(self.state, mentioned=(message.first, message.last))

    # -- reading -----------------------------------------------------------------------------

    def on_results_list_hit_selected(self, message: ResultsList.HitSelected) -> None:
        self._visit(message.hit.doc, message.hit.passage, None)

    def on_results_list_document_selected(self, message: ResultsList.DocumentSelected) -> None:
        self._visit(message.document.doc, None, self.scroll_memory.get(message.document.doc))

    def _visit(self, doc: str, focus: Span | None, scroll_y: float | None) -> None:
        self.history.visit(self._here())
        self._opening = doc
        self._load_document(doc, focus, scroll_y, focus_reader=True)

    def _here(self) -> Place | None:
        if self.current_doc is None:
            return None
        return Place(self.current_doc, self.query_one(DocumentReader).scroll_y)

    def _load_document(
        self, doc: str, focus: Span | None, scroll_y: float | None, focus_reader: bool = False
    ) -> None:
        """Read ``doc`` for the reader; a document asked for after it takes its place (the
        one read before is dropped)."""
        self._document_wanted = doc
        self._read_document(doc, focus, scroll_y, focus_reader)

    @work(thread=True, exclusive=True, group="document", exit_on_error=False)
    def _read_document(
        self, doc: str, focus: Span | None, scroll_y: float | None, focus_reader: bool
    ) -> None:
        worker = get_current_worker()
        if worker.is_cancelled:
            return  # another document asked for before it started
        try:
            document = self.collection.document(doc)
        except Exception as error:  # no such document, an index fault, or one not foreseen
            if not worker.is_cancelled:
                self.post_message(self.DocumentFailed(doc, fault(error)))
            return
        if not worker.is_cancelled:
            self.post_message(self.DocumentLoaded(document, focus, scroll_y, focus_reader))

    def on_reader_screen_document_loaded(self, message: DocumentLoaded) -> None:
        if message.document.doc != self._document_wanted:
            return  # stale: another document was asked for since
        reader = self.query_one(DocumentReader)
        if self.current_doc is not None:
            self.scroll_memory[self.current_doc] = reader.scroll_y
        changed = self.current_doc != message.document.doc
        self.current_doc = message.document.doc
        if changed and self.entity_scope == "doc":
            self._refresh_entities()
        hits, mentions = self._hits_in(message.document)
        reader.show(message.document, hits, message.focus, mentions)
        self.query_one(ResultsList).follow(message.document.doc)
        if message.focus_reader:
            self._focus(reader)
            if self._opening == message.document.doc:
                self._opening = None
        if message.scroll_y is not None:
            reader.call_after_refresh(reader.scroll_to, y=message.scroll_y, animate=False)

    def on_reader_screen_document_failed(self, message: DocumentFailed) -> None:
        if self._opening == message.doc:
            self._opening = None
        if message.doc == self._document_wanted:
            self._fail("document", message.error)

    def _hits_in(self, document: Document) -> tuple[list[Span], frozenset[Span]]:
        """What the reader highlights: the query's matches, the date mention opened from the
        timeline, and the selected entity's mentions (returned apart too, to be underlined)."""
        spans: set[Span] = set()
        if self.results is not None and self.state.text:
            spans.update(self.collection.highlight(document.text, self.results))
        if self.date_mark is not None and self.date_mark[0] == document.doc:
            spans.add(self.date_mark[1])
        mentions: frozenset[Span] = frozenset()
        if self.state.entity:
            mentions = frozenset(self.collection.entity_spans(self.state.entity, document.doc))
        ordered: list[Span] = []
        for span in sorted(spans | mentions, key=lambda s: (s.start, -s.end)):
            if not ordered or span.start >= ordered[-1].end:
                ordered.append(span)
        return ordered, mentions

    def _refresh_reader_highlights(self) -> None:
        reader = self.query_one(DocumentReader)
        if reader.document is not None:
            hits, mentions = self._hits_in(reader.document)
            reader.rehighlight(hits, mentions)

    def on_document_reader_hit_focused(self, message: DocumentReader.HitFocused) -> None:
        """Which hit of the open document is the current one, on the status line. When no
        document matched, why (and the spelling to try) stays said there until n is pressed."""
        if self.results is not None and not self.results.total and not message.number:
            return
        if message.total and self.results is not None:
            where = (
                f"hit {message.number}/{message.total}"
                if message.number
                else f"{message.total} {'hit' if message.total == 1 else 'hits'} here · n to go"
            )
            cut = " · cut at the time limit" if self.results.cut else ""
            self._status(f"{_count(self.results.total, 'document')}{cut} · {where}")

    # -- bookmarks and notes -----------------------------------------------------------------

    def _anchor(self) -> tuple[str, Span] | None:
        reader = self.query_one(DocumentReader)
        span = reader.anchor()
        if reader.document is None or span is None:
            self.notify("open a document first: this works on its current passage", timeout=3)
            return None
        return reader.document.doc, span

    def action_bookmark(self) -> None:
        where = self._anchor()
        if where is not None:
            self._write_note(*where, "")

    def action_note(self) -> None:
        where = self._anchor()
        if where is None:
            return
        doc, span = where

        def written(text: str | None) -> None:
            if text:
                self._write_note(doc, span, text)

        self.app.push_screen(
            PromptScreen("Note on this passage (the current hit, or the top of the view)"),
            written,
        )

    @work(thread=True, group="notes", exit_on_error=False)
    def _write_note(self, doc: str, span: Span, text: str) -> None:
        try:
            placed = self.collection.add_note(doc, span.start, span.end, text)
        except (QuipuError, OSError, ValueError) as error:
            message, severity = f"not written: {error}", "error"
        else:
            kind = "note" if text else "bookmark"
            message, severity = f"{kind} {placed.note.id} written (ctrl+p: Note)", "information"
        self.app.call_from_thread(self.notify, message, severity=severity, markup=False)

    def action_notes(self) -> None:
        """The notes list: open one, delete one, export them all as Markdown."""

        def chosen(placed: PlacedNote | None) -> None:
            if placed is not None and placed.doc is not None and placed.start is not None:
                end = placed.end if placed.end is not None else placed.start
                self._visit(placed.doc, Span(placed.start, end), None)

        self.app.push_screen(NotesScreen(self.collection, self.say), chosen)

    # -- taking the document elsewhere ---------------------------------------------------------

    def action_open_outside(self, program: str) -> None:
        """The open document's file in $EDITOR or $PAGER, at the line of the current hit (or of
        the passage at the top of the view); the reader waits, suspended, until it ends."""
        where = self._anchor()
        if where is None:
            return
        doc, span = where
        try:
            source = self.collection.source_line(doc, span.start)
        except QuipuError as error:
            self._status(str(error), error=True)
            return
        import os

        from tui.external import external_command

        argv = external_command(program, os.environ, source.path, source.line)
        try:
            with self.app.suspend():
                code = subprocess.run(argv, check=False).returncode
        except FileNotFoundError:
            self._status(f"cannot run {shlex.join(argv[:1])}: not found (set ${program})", True)
            return
        except Exception as error:  # SuspendNotSupported (no terminal to give), OSError
            self._status(f"cannot open {program.lower()}: {type(error).__name__}: {error}", True)
            return
        self.app.refresh(layout=True)
        line = f"line {source.line}" if source.line else "the top (the line was not found)"
        ended = f" (exit {code})" if code else ""
        self._status(f"back from {shlex.join(argv[:1])}{ended}: opened at {line}")

    def action_copy_citation(self) -> None:
        """The passage of the current hit (or the top of the view) as a citation, to the
        clipboard through the terminal (OSC 52): only on this key."""
        where = self._anchor()
        if where is None:
            return
        doc, span = where
        reader = self.query_one(DocumentReader)
        passages = reader.document.passages if reader.document is not None else ()
        passage = next((p for p in passages if p.start <= span.start < p.end), span)
        try:
            text = self.collection.citation(doc, passage)
        except QuipuError as error:
            self._status(str(error), error=True)
            return
        self.app.copy_to_clipboard(text)
        self._status(
            f"citation copied to the clipboard through the terminal (OSC 52; {len(text)} "
            "characters)"
        )

    def on_document_reader_find_wanted(self, message: DocumentReader.FindWanted) -> None:
        reader = self.query_one(DocumentReader)

        def find(text: str | None) -> None:
            if text:
                count = reader.find(text)
                matches = f"{count} match{'es' * (count != 1)}"
                self._status(f"{matches} in this document · n / N · Esc ends")

        self.app.push_screen(
            PromptScreen("Find in this document", value=reader.finding or ""), find
        )

    # -- the publication date --------------------------------------------------------------

    def on_document_reader_date_wanted(self, message: DocumentReader.DateWanted) -> None:
        """``d`` in the reader: the document's date asked for (YYYY, YYYY-MM, YYYY-MM-DD,
        ``undated``; ``clear`` forgets the one stated), checked as ``quipu date`` checks it,
        then stated through the same update."""
        document = message.document
        stated = document.published_basis == "user"
        current = (document.published or "undated") if stated else ""

        def check(text: str) -> str | None:
            if text.lower() == "clear":
                return None if stated else "you stated no date for this document"
            return self.collection.date_problem(text)

        def answered(text: str | None) -> None:
            if text and not (stated and text == current):
                self._state_date(document.doc, "clear" if text.lower() == "clear" else text)

        self.app.push_screen(
            PromptScreen(
                f"Publication date · now {document.date_described()}",
                value=current,
                placeholder="YYYY, YYYY-MM, YYYY-MM-DD or undated",
                check=check,
                help_text="YYYY[-MM[-DD]] or undated · clear: quipu's own date again"
                if stated
                else "YYYY[-MM[-DD]] or undated (not known) · Esc: cancel",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="date", exit_on_error=False)
    def _state_date(self, doc: str, value: str) -> None:
        try:
            if value == "clear":
                self.collection.unstate_date(doc)
            else:
                self.collection.state_date(doc, value)
            document = self.collection.document(doc)
            documents = tuple(self.collection.documents())
        except QuipuError as error:
            self.app.call_from_thread(
                self.notify, f"date not set: {error}", severity="error", markup=False
            )
            return
        said = "date cleared: " if value == "clear" else "date set: "
        self.post_message(self.DateStated(document, documents, said + document.date_described()))

    def on_reader_screen_date_stated(self, message: DateStated) -> None:
        """The new date everywhere at once: the document's header, the dates listed, the
        results (a date filter may now keep or drop it) and the timeline."""
        self.documents = message.documents
        if self.state.filtered:
            self._run_search(self.state)
        else:
            self._show_documents()
        self._load_timeline(self.state)
        reader = self.query_one(DocumentReader)
        if reader.document is not None and reader.document.doc == message.document.doc:
            scroll_y = reader.scroll_y
            hits, mentions = self._hits_in(message.document)
            reader.show(message.document, hits, None, mentions)
            reader.call_after_refresh(reader.scroll_to, y=scroll_y, animate=False)
        self.notify(message.said, timeout=4, markup=False)

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
        self._focus(self.query_one(SearchBox))

    def action_back_out(self) -> None:
        if isinstance(self.focused, DocumentReader):
            self._focus(self.query_one(ResultsList))
        else:
            self._focus(self.query_one(SearchBox))

    def action_toggle_entities(self) -> None:
        """Show the sidebar and go to it; from the sidebar, hide it (at 80 columns, it stands in
        for the results pane while shown)."""
        sidebar = self.query_one(EntitySidebar)
        leave = sidebar.has_focus_within
        if self.has_class("-narrow"):
            self.set_class(not leave, "-show-entities")
        else:
            self.set_class(leave, "-hide-entities")
        if leave:
            self._focus(self.query_one(ResultsList))
        else:
            # At once, not deferred: the name typed right after ctrl+e is the sidebar's.
            self._focus(sidebar.entity_list)

    def action_toggle_timeline(self) -> None:
        """Show the timeline and go to it; from the timeline, hide it."""
        pane = self.query_one(TimelinePane)
        if not self.has_class("-hide-timeline") and pane.has_focus:
            self.set_class(True, "-hide-timeline")
            self._focus(self.query_one(ResultsList))
            return
        self.set_class(False, "-hide-timeline")
        self._focus(pane)  # at once: the keys typed right after are the timeline's

    def action_rebuild_index(self) -> None:
        self._status("rebuilding the index…")
        self._open_index(rebuild=True)


def _timeline_query(state: Query) -> Query | None:
    """The query a timeline is of: the documents of ``state`` (its text, entity and publication
    dates: the results' documents; not its chosen days, which the timeline marks); None for
    every document."""
    query = replace(state, mentioned=None)
    return query if query.filtered else None


def _count(number: int, noun: str) -> str:
    """'1 document', '2 documents'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
