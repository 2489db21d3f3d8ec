"""Pilot tests of the reader's main journeys, at 120x35 and 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from conftest import settle, write_corpus
from index.api import Collection, bundled_seeds
from index.models import Query
from tui.app import QuipuApp
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.document_reader import DocumentReader
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.results_list import ResultsList
from tui.widgets.search_box import SearchBox

WIDE, NARROW = (120, 35), (80, 24)


@pytest.fixture
def app(seeds_index: Path) -> QuipuApp:
    return QuipuApp(Collection(bundled_seeds(), seeds_index), show_timings=False)


async def search(pilot: Pilot[None], text: str) -> None:
    """Go to the search bar, put the query there and press Enter. (Typed one key at a time, the
    debounce would start searches for the prefixes, racing the one under test.)"""
    await pilot.press("slash")
    box = pilot.app.screen.query_one(SearchBox)
    box.value = text
    box.cursor_position = len(text)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.pause(0.25)  # past the debounce of the value set above (a no-op search)
    await settle(pilot)


def status(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#status-line", Static).render())


async def test_start_lists_documents_and_opens_the_first(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        results = screen.query_one(ResultsList)
        assert [d.doc for d in results.documents][:2] == [
            "000_78ab08e2a47d5cbc",
            "001_1e74beb09535a427",
        ]
        assert results.option_count == 5
        reader = screen.query_one(DocumentReader)
        assert reader.document is not None and reader.document.doc == "000_78ab08e2a47d5cbc"
        # The results have the focus, so the panes' keys work at once; typing starts a search.
        assert isinstance(screen.focused, ResultsList)


async def test_search_open_step_through_hits_and_go_back(app: QuipuApp) -> None:
    posted: list[object] = []
    async with app.run_test(size=WIDE, message_hook=posted.append) as pilot:
        await settle(pilot)
        await search(pilot, "Kenna")
        screen = pilot.app.screen
        results = screen.query_one(ResultsList)
        assert sorted(h.doc for h in results.hits) == [
            "002_d36f1c1c32bc8559",
            "004_170361fb4002e630",
        ]
        assert isinstance(screen.focused, ResultsList)

        await pilot.press("enter")
        await settle(pilot)
        assert any(isinstance(m, ResultsList.HitSelected) for m in posted)
        reader = screen.query_one(DocumentReader)
        assert reader.document is not None and reader.document.doc == results.hits[0].doc
        assert screen.focused is reader
        total = len(reader.hits)
        assert total >= 2
        assert reader.current == 0 and reader.border_subtitle == f"hit 1/{total}"
        first = reader.hits[0]
        assert reader.document.text[first.start : first.end] == "Kenna"
        # the current hit is on screen
        assert reader.scroll_y > 0

        await pilot.press("n")
        assert reader.current == 1 and reader.border_subtitle == f"hit 2/{total}"
        await pilot.press("N", "N")
        assert reader.border_subtitle == f"hit {total}/{total}"

        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert reader.document.doc == "000_78ab08e2a47d5cbc"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert reader.document.doc == results.hits[0].doc


async def test_bad_query_reports_inline_and_keeps_results(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "curfew")
        before = pilot.app.screen.query_one(ResultsList).hits
        assert before
        await search(pilot, "Boluarte AND (")
        assert "unclosed '(' at column 14" in status(pilot), status(pilot)
        assert pilot.app.screen.query_one("#status-line").has_class("-error")
        assert pilot.app.screen.query_one(ResultsList).hits == before


async def test_no_hits_offers_the_suggestion_one_key_away(app: QuipuApp) -> None:
    """The suggestion keeps the case typed, and the status says why nothing matched, as the
    CLI does (one line from the same SearchResults; was: "did you mean boluarte?")."""
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "Bolurte")
        assert status(pilot) == (
            'no documents match: no document holds "Bolurte" — did you mean: Boluarte (ctrl+y)'
        )
        # and in the results pane, which wraps it (at 80 columns the status line cuts it)
        assert pilot.app.screen.query_one(ResultsList).empty_note == status(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert pilot.app.screen.query_one(SearchBox).value == "Boluarte"
        assert len(pilot.app.screen.query_one(ResultsList).hits) == 5


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("zzzqqq", 'no documents match: no document holds "zzzqqq"'),
        # A word the open document holds: its hits there do not take the line ("0 documents ·
        # 2 hits here" was said instead).
        ("Peru zzzqqq", 'no documents match: no document holds "zzzqqq"'),
        (
            '"strike Peru"',
            'no documents match: no document holds "strike Peru" (its words are found, not'
            " together)",
        ),
        ("entity:Castilo", 'no documents match: no entity called "Castilo"'),
    ],
)
async def test_the_status_says_why_nothing_matched_as_the_cli_does(
    app: QuipuApp, query: str, why: str
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, query)
        assert status(pilot).startswith(why), status(pilot)
        cli = Collection(app.collection.corpus, app.collection.index_dir).search(query)
        assert f"quipu: {cli.nothing_found()}".startswith(f"quipu: {why}")


async def test_esc_after_no_hits_leaves_the_search_bar(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "Zimbabwe")
        assert "no documents match" in status(pilot)
        assert isinstance(pilot.app.screen.focused, SearchBox)  # to mend the query
        await pilot.press("escape")
        assert isinstance(pilot.app.screen.focused, DocumentReader)
        await pilot.press("e")  # a key again, not a letter typed into the query
        await pilot.pause()
        assert pilot.app.screen.query_one(SearchBox).value == "Zimbabwe"
        assert pilot.app.screen.query_one(EntitySidebar).has_focus_within
        # Searched as typed, then Enter: the same.
        await pilot.press("slash")
        pilot.app.screen.query_one(SearchBox).value = "Zambezi"
        await pilot.pause(0.4)  # the debounce, then the search
        await settle(pilot)
        assert "no documents match" in status(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen.focused, SearchBox)


async def test_search_as_you_type(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*"Otarola")
        await pilot.pause(0.4)  # the debounce, then the search worker
        await settle(pilot)
        hits = pilot.app.screen.query_one(ResultsList).hits
        assert [h.doc for h in hits] == ["004_170361fb4002e630"]
        assert isinstance(pilot.app.screen.focused, SearchBox)


async def test_help_lists_the_bindings(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in pilot.app.screen.query("#help-body Static"))
        for key in ("n / N", "[ / ]", "Ctrl+P", "g / G", "Esc"):
            assert key in text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReaderScreen)


async def test_80x24_folds_the_sidebar_and_keeps_the_reader_wide(app: QuipuApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        sidebar = screen.query_one(EntitySidebar)
        assert not sidebar.display or sidebar.region.width == 0
        reader = screen.query_one(DocumentReader)
        assert reader.region.width >= 50
        assert reader.region.right <= 80
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert sidebar.region.width > 0
        assert screen.query_one(ResultsList).region.width == 0


async def test_resize_down_to_80x24_and_below(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        assert pilot.app.screen.query_one(DocumentReader).region.width >= 50
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert pilot.app.screen.query_one("#too-small").region.height > 0
        assert pilot.app.screen.query_one(DocumentReader).region.width == 0


async def test_document_text_is_never_markup(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c",
        {
            "evil.txt": "Evil [bold red]title[/]\n\nBody [link=file:///etc/passwd]click[/link] "
            "and [@click=app.quit]run[/] and \x1b[2J\x1b]0;pwned\x07 and [/] unbalanced.\n",
        },
    )
    app = QuipuApp(Collection(corpus, tmp_path / "ix"), show_timings=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        reader = pilot.app.screen.query_one(DocumentReader)
        shown = "\n".join(str(w.render()) for w in reader.query(Static))
        assert "Evil [bold red]title[/]" in shown
        assert "[link=file:///etc/passwd]click[/link]" in shown
        assert "[@click=app.quit]run[/]" in shown
        assert "\x1b" not in shown and "␛[2J" in shown
        assert pilot.app.is_running


def test_result_snippets_are_clipped_around_the_first_highlight() -> None:
    from index.models import Span
    from tui.render import clip

    text = "word " * 40 + "Kenna met the minister " + "word " * 40
    start = text.index("Kenna")
    clipped, spans = clip(text, (Span(start, start + 5),), 60)
    assert len(clipped) <= 62 and clipped.startswith("…") and clipped.endswith("…")
    assert [clipped[s.start : s.end] for s in spans] == ["Kenna"]
    assert clip("short", (), 60) == ("short", [])


@pytest.mark.serial  # timed: a search slowed on purpose
async def test_keys_wait_for_a_slow_search_and_esc_drops_it(
    app: QuipuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    release = threading.Event()
    original = app.collection.search

    def slow_search(query: Query, *args: object, **kwargs: object) -> object:
        # Every search takes its time until the test lets it go: the searches run as the
        # letters are typed too ("s", "sl", ...; each finds nothing and would empty the list
        # if it landed before Esc, as it could on a loaded machine).
        if query.text != "*":
            release.wait(60)
        return original(query, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app.collection, "search", slow_search)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        await pilot.press("slash", *"slowquery", "enter")
        await pilot.pause(0.1)
        # The query stays in hand while the search runs (the results take the focus when they
        # come); the keys typed meanwhile wait for them, and edit nothing.
        assert isinstance(screen.focused, SearchBox)
        await pilot.press("x", "down")
        await pilot.pause(0.1)
        assert isinstance(screen.focused, SearchBox)
        assert screen.query_one(SearchBox).value == "slowquery"
        # Esc answers at once: the search and the keys waiting for it are dropped.
        await pilot.press("escape")
        assert "search cancelled" in status(pilot)
        assert isinstance(screen.focused, ResultsList)
        release.set()
        await settle(pilot)
        results = screen.query_one(ResultsList)
        assert results.hits == ()  # the dropped search never lands
        assert results.option_count == 5  # the documents list is still there
        assert screen.query_one(SearchBox).value == "slowquery"  # x never came


async def test_resize_storm_and_tiny_terminal(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        for size in [(20, 5), (200, 60), (61, 17), (80, 24), (30, 8), (120, 35)] * 4:
            await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.resize_terminal(20, 5)
        await settle(pilot)
        assert pilot.app.screen.query_one("#too-small").region.height > 0
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        assert pilot.app.screen.query_one(DocumentReader).region.width >= 50


async def test_a_changed_corpus_opens_on_the_last_index_then_updates(
    small_corpus: Path, tmp_path: Path
) -> None:
    """The reader does not wait for an update: it opens on the index as last built, and again
    once the change is in."""
    Collection(small_corpus, tmp_path / "ix").update()
    (small_corpus / "zoo.txt").write_text("Zoo news\n\nA zebra escaped.\n", encoding="utf-8")
    ready: list[int] = []
    seen: list[object] = []

    def hook(message: object) -> None:
        if isinstance(message, ReaderScreen.IndexReady) and all(m is not message for m in seen):
            seen.append(message)  # counted once, though it bubbles up to the app
            ready.append(len(message.documents))

    app = QuipuApp(Collection(small_corpus, tmp_path / "ix"), show_timings=False)
    async with app.run_test(size=WIDE, message_hook=hook) as pilot:
        await settle(pilot)
        assert ready == [3, 4]  # the last index's documents, then the updated ones
        await search(pilot, "zebra")
        assert [h.doc for h in pilot.app.screen.query_one(ResultsList).hits] == ["zoo"]
    ready.clear()
    app = QuipuApp(Collection(small_corpus, tmp_path / "ix"), show_timings=False)
    async with app.run_test(size=WIDE, message_hook=hook) as pilot:
        await settle(pilot)
        assert ready == [4]  # current: opened once


async def test_no_hits_keep_the_results_pane_and_say_so(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        results = pilot.app.screen.query_one(ResultsList)
        height = results.region.height
        await search(pilot, "zzqxnothing")
        assert results.option_count == 0
        assert results.region.height == height  # not a collapsed box
        shown = [results.render_line(y).text.strip() for y in range(3)]
        assert any(line.startswith("no documents match") for line in shown), shown


async def test_one_document_is_one_document(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "one", {"a.txt": "Zebra news\n\nA zebra escaped twice.\n"})
    collection = Collection(corpus, tmp_path / "ix")
    collection.update()
    app = QuipuApp(collection, show_timings=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert "1 doc" in str(screen.query_one("#title-bar").render())
        assert "1 docs" not in str(screen.query_one("#title-bar").render())
        assert status(pilot).startswith("1 document ·")
        await search(pilot, "zebra")
        assert status(pilot).startswith("1 document")
        assert not status(pilot).startswith("1 documents")
        await pilot.press("enter")
        await settle(pilot)
        assert status(pilot).startswith("1 document ·"), status(pilot)


@pytest.mark.parametrize("size", [(60, 30), NARROW], ids=["60x30", "80x24"])
async def test_wrapped_help_lines_keep_their_indent(app: QuipuApp, size: tuple[int, int]) -> None:
    """What a key does wraps under itself, in its column, never back under the keys."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        screen = pilot.app.screen
        keys = list(screen.query(".help-key").results(Static))
        whats = list(screen.query(".help-what").results(Static))
        assert len(keys) == len(whats) > 20
        wrapped = [w for w in whats if w.virtual_region.height > 1]
        assert wrapped, "nothing wraps at this width"
        columns = {w.virtual_region.x for w in whats}
        assert len(columns) == 1  # every description starts in one column
        assert columns.pop() >= max(k.virtual_region.x for k in keys) + 20


async def test_markdown_headings_are_shown_as_headings(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "md",
        {
            "notes.md": (
                "# Harbour strike notes\n\nDockworkers walked out on Monday.\n\n"
                "## Why they struck\nWages had not risen in a decade.\n"
            )
        },
    )
    collection = Collection(corpus, tmp_path / "ix")
    collection.update()
    app = QuipuApp(collection, show_timings=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "wages")
        results = pilot.app.screen.query_one(ResultsList)
        prompt = str(results.get_option_at_index(0).prompt)
        assert prompt.startswith("Harbour strike notes")
        await pilot.press("enter")
        await settle(pilot)
        reader = pilot.app.screen.query_one(DocumentReader)
        shown = [p.render() for p in reader.query(".document-reader--paragraph").results(Static)]
        text = "\n".join(str(p) for p in shown)
        assert "#" not in text
        assert "Harbour strike notes" in text
        last = shown[-1]
        assert str(last).split("\n")[0] == "Why they struck"  # a line of its own
        bold = [str(last)[s.start : s.end] for s in last.spans if "bold" in str(s.style)]
        assert "Why they struck" in bold
        marked = [str(last)[s.start : s.end] for s in last.spans if "reverse" in str(s.style)]
        assert marked == ["Wages"]  # the hit's highlight where it was, the marks taken out
