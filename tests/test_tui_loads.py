"""The reader's loads: what a superseded load brings is dropped (the panes show only the last
query's answers, the reader the last document asked for), asking for co-mentions leaves the
entities on their way alone, and each kind of failure is said in its own words, once."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import get_current_worker

from conftest import burst, screen_of, settle
from index.api import Collection, bundled_seeds
from index.models import Span
from tui.app import QuipuApp
from tui.timeline_axis import chart
from tui.widgets.document_reader import DocumentReader
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.results_list import ResultsList
from tui.widgets.search_box import SearchBox
from tui.widgets.timeline_pane import TimelinePane

WIDE, NARROW = (120, 35), (80, 24)


async def until(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    """Until ``condition`` holds: for a worker thread held on purpose (``settle`` would wait
    for it forever)."""
    loop = asyncio.get_running_loop()
    ends = loop.time() + seconds
    while not condition():
        assert loop.time() < ends, "waited too long"
        await asyncio.sleep(0.01)


class Held:
    """A Collection method whose calls are held, while ``holding``, until ``release``; it notes
    each call's worker was cancelled when its answer came."""

    def __init__(self, method: Callable[..., Any]) -> None:
        self.method = method
        self.holding = False
        self.held = 0
        self.gate = threading.Event()
        self.cancelled: list[bool] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.holding:
            self.held += 1
            self.gate.wait(20)
        found = self.method(*args, **kwargs)
        self.cancelled.append(get_current_worker().is_cancelled)
        return found

    def arm(self) -> None:
        """Hold the calls from now on (and note only theirs)."""
        self.holding = True
        self.held = 0
        self.cancelled.clear()

    def release(self) -> None:
        self.holding = False
        self.gate.set()


def sidebar_scope(pilot: Pilot[None], scope: str) -> None:
    screen_of(pilot).post_message(EntitySidebar.ScopeChanged(scope))


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_typed_at_full_speed_the_panes_show_only_the_last_query(
    app: QuipuApp, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """Typed at full speed, "lima p" (its entities and timeline held on their way: none, it
    matches no document), then "rotest": the results, the entities of the results and the
    timeline are those of "lima protest", and the held answers for "lima p", landing last,
    are dropped."""
    collection = app.collection
    entities, timeline = Held(collection.entities), Held(collection.timeline)
    monkeypatch.setattr(collection, "entities", entities)
    monkeypatch.setattr(collection, "timeline", timeline)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        sidebar_scope(pilot, "hits")
        await settle(pilot)
        screen = screen_of(pilot)
        entities.arm()
        timeline.arm()
        await burst(pilot, "ctrl+f", *"lima p")
        await until(lambda: entities.held == 1 and timeline.held == 1)  # "lima p"'s, held
        entities.holding = timeline.holding = False
        await burst(pilot, *"rotest")
        await until(lambda: screen.results is not None and screen.results.query == "lima protest")
        await until(lambda: len(entities.cancelled) == 1 and len(timeline.cancelled) == 1)
        await pilot.pause()
        entities.release()
        timeline.release()
        await settle(pilot)
        assert screen.query_one(SearchBox).value == "lima protest"
        other = Collection(bundled_seeds(), collection.index_dir)
        expected = other.search("lima protest", limit=20)
        assert [hit.doc for hit in screen.query_one(ResultsList).hits] == [
            hit.doc for hit in expected.hits
        ]
        wanted = other.entities(query="lima protest", mentions=False, per_doc=False)
        assert wanted != other.entities(query="lima p", mentions=False, per_doc=False)  # told apart
        assert screen.query_one(EntitySidebar).entities == wanted
        pane = screen.query_one(TimelinePane)
        assert pane.timeline == other.timeline(query="lima protest", mentions=False)
        assert pane.timeline != other.timeline(query="lima p", mentions=False)
        assert pane.charted == chart(other.timeline(query="lima protest", mentions=False))
        assert entities.cancelled == [False, True] and timeline.cancelled == [False, True]


async def test_a_document_asked_for_after_another_takes_its_place(
    app: QuipuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader reads document A (slow), then B is asked for: B is shown, and A, read
    last, is dropped."""
    document = Held(app.collection.document)
    monkeypatch.setattr(app.collection, "document", document)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        first, second = screen.documents[1].doc, screen.documents[2].doc
        document.arm()
        screen._load_document(first, None, None)
        await until(lambda: document.held == 1)
        document.holding = False
        screen._load_document(second, None, None)
        await until(lambda: len(document.cancelled) == 1)
        await pilot.pause()
        document.release()
        await settle(pilot)
        reader = screen.query_one(DocumentReader)
        assert reader.document is not None and reader.document.doc == second
        assert screen.current_doc == second


async def test_co_mentions_leave_the_entities_on_their_way_alone(
    app: QuipuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sidebar's entities for a new scope are on their way when co-mentions are asked
    for: both land, neither cancels the other; the co-mentions stay in view, and Esc shows
    the entities that came."""
    collection = app.collection
    entities = Held(collection.entities)
    monkeypatch.setattr(collection, "entities", entities)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        sidebar = screen.query_one(EntitySidebar)
        name = sidebar.entities[0].name
        entities.arm()
        sidebar_scope(pilot, "doc")
        await until(lambda: entities.held == 1)
        screen.post_message(EntitySidebar.CoMentionsWanted(name))
        await until(lambda: sidebar.co_of == name)
        entities.release()
        await settle(pilot)
        assert entities.cancelled == [False]
        assert sidebar.co_of == name  # the co-mentions stay in view
        assert sidebar.scope == "doc"
        assert screen.current_doc is not None
        shown = entities.method(docs={screen.current_doc}, mentions=False, per_doc=False)
        assert sidebar.entities == shown


def status_of(pilot: Pilot[None]) -> str:
    return str(screen_of(pilot).query_one("#status-line", Static).render())


@pytest.mark.parametrize("kind", ["search", "entities", "timeline", "document"])
async def test_each_kind_of_failure_is_said_as_its_own_once(
    app: QuipuApp, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """A load that fails unexpectedly says which load failed, in one line, no traceback, and
    once (an entities load then failing the same way says nothing over it)."""

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the disk\nwent away")

    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        sidebar_scope(pilot, "hits")
        await burst(pilot, "ctrl+f", *"Castillo", "enter")
        await settle(pilot)
        assert isinstance(screen.focused, ResultsList)
        said: list[str] = []
        status = screen._status

        def noted(text: str, error: bool = False) -> None:
            said.append(text)
            status(text, error)

        monkeypatch.setattr(screen, "_status", noted)
        monkeypatch.setattr(app.collection, kind, broken)
        if kind == "entities":  # the timeline fails the same way: said once
            monkeypatch.setattr(app.collection, "timeline", broken)
        # A new load of each kind: the results by date (a search, its entities and its
        # timeline), or the first hit opened.
        await burst(pilot, "enter" if kind == "document" else "ctrl+o")
        await settle(pilot)
        shown = status_of(pilot)
        assert f"{kind} failed: RuntimeError: the disk went away" in shown, shown
        assert "Traceback" not in shown and "\n" not in shown
        assert sum("went away" in text for text in said) == 1, said
        assert screen.query_one("#status-line").has_class("-error")


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_the_timeline_lists_the_passages_of_the_bucket_under_its_cursor_only(
    app: QuipuApp, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """The passages of a bucket are read when the cursor comes to it: while they are on their
    way the pane says so, and those of a bucket the cursor has left (held, landing last) are
    dropped; the bucket's count and its passages agree."""
    collection = app.collection
    passages = Held(collection.bucket_dates)
    monkeypatch.setattr(collection, "bucket_dates", passages)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        pane = screen_of(pilot).query_one(TimelinePane)
        await burst(pilot, "ctrl+t")
        await settle(pilot)
        while pane.axis.granularity != "day":
            await pilot.press("shift+up")
        await settle(pilot)
        filled = [i for i, count in enumerate(pane.axis.counts) if count]
        assert len(filled) >= 2
        passages.arm()
        pane._go(filled[0])
        await until(lambda: passages.held == 1)  # the first bucket's, held
        assert not pane.loaded
        assert "reading the passages" in str(pane.render())
        passages.holding = False
        await burst(pilot, "end")  # on to the last bucket with dates, not held
        await until(lambda: pane.loaded)
        last = pane.passages
        passages.release()
        await settle(pilot)
        assert pane.cursor == filled[-1] and pane.passages == last  # the held ones dropped
        assert len(last) == pane.axis.counts[pane.cursor]
        day = pane.axis.starts[pane.cursor].isoformat()
        assert {m.first_day for m in last} == {day}
        assert f"in {len({m.doc for m in last})} doc" in str(pane.render())


async def test_keys_typed_in_the_timeline_wait_for_the_passages_they_pick_among(
    app: QuipuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """→ then ↓ Enter typed at once, the passages of the new bucket still on their way: ↓ and
    Enter wait for them, and Enter opens the second passage of that bucket."""
    collection = app.collection
    passages = Held(collection.bucket_dates)
    monkeypatch.setattr(collection, "bucket_dates", passages)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        pane = screen.query_one(TimelinePane)
        await burst(pilot, "ctrl+t")
        await settle(pilot)
        while pane.axis.granularity != "day":
            await pilot.press("shift+up")
        counts = pane.axis.counts
        target = next(i for i in range(1, len(counts)) if counts[i] >= 2)
        pane._go(target - 1)
        await settle(pilot)
        passages.arm()
        await burst(pilot, "right", "down", "enter")
        await until(lambda: passages.held == 1)
        assert pane.cursor == target and not pane.loaded
        passages.release()
        await settle(pilot)
        wanted = pane.passages[1]
        reader = screen.query_one(DocumentReader)
        assert reader.document is not None and reader.document.doc == wanted.doc
        assert screen.date_mark == (wanted.doc, Span(wanted.start, wanted.end))


async def test_the_passages_listed_are_of_the_timeline_charted(
    app: QuipuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query typed while the timeline shows the collection's: until its own timeline comes
    (held here), the passages listed under the cursor are those of the timeline charted, which
    its counts are of; then the query's."""
    collection = app.collection
    timeline = Held(collection.timeline)
    monkeypatch.setattr(collection, "timeline", timeline)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        pane = screen.query_one(TimelinePane)
        while pane.axis.granularity != "day":
            pane.action_zoom(-1)
        await settle(pilot)
        timeline.arm()
        await burst(pilot, "ctrl+f", *"Kenna", "enter")
        await until(lambda: timeline.held == 1)  # the query's timeline, held
        kenna = {h.doc for h in collection.search("Kenna").hits}
        spot = next(
            i
            for i, count in enumerate(pane.axis.counts)
            if count
            and {m.doc for m in collection.bucket_dates(pane.axis.starts[i], pane.axis.end_of(i))}
            - kenna
        )
        pane._go(spot)
        await until(lambda: pane.loaded)
        day = pane.axis.starts[spot]
        assert pane.passages == collection.bucket_dates(day, day)  # the collection's
        assert len(pane.passages) == pane.axis.counts[spot]
        timeline.release()
        await settle(pilot)
        assert screen.charted_state is not None and screen.charted_state.text == "Kenna"
        assert pane.loaded and {m.doc for m in pane.passages} <= kenna
