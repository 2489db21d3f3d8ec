"""Keys typed at full speed go where the person meant them: the keys sent while a search or a
document is on its way wait for it (tui/key_queue.py), and none of them edits the query."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from conftest import burst, screen_of, settle
from tui.app import QuipuApp
from tui.widgets.document_reader import DocumentReader
from tui.widgets.results_list import ResultsList
from tui.widgets.search_box import SearchBox

WIDE, NARROW = (120, 35), (80, 24)


def status(pilot: Pilot[None]) -> str:
    return str(screen_of(pilot).query_one("#status-line", Static).render())


def expect_next_hit_after_opening(pilot: Pilot[None]) -> tuple[str, str]:
    """The reader has the first hit's document open and stepped once with n: the hit it must
    show, "hit K/N", from the reader's own hits (the first inside the hit's passage, then one
    on)."""
    screen = screen_of(pilot)
    reader = screen.query_one(DocumentReader)
    first = screen.results.hits[0]
    assert reader.document is not None and reader.document.doc == first.doc
    inside = [
        n for n, h in enumerate(reader.hits) if first.passage.start <= h.start < first.passage.end
    ]
    opened_at = inside[0] if inside else -1
    number = (opened_at + 1) % len(reader.hits) + 1
    return first.doc, f"hit {number}/{len(reader.hits)}"


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
@pytest.mark.parametrize("at_once", [True, False], ids=["one-write", "three-writes"])
async def test_the_readme_recipe_at_full_speed_right_after_start(
    app: QuipuApp, size: tuple[int, int], at_once: bool
) -> None:
    """`Kenna` Enter Enter `n`, sent before the reader has even opened the index: the search,
    its first hit opened, the next hit."""
    async with app.run_test(size=size) as pilot:
        if at_once:
            await burst(pilot, *"Kenna", "enter", "enter", "n")
        else:  # as the README's three tmux send-keys: three bursts, no pause
            await burst(pilot, *"Kenna", "enter")
            await burst(pilot, "enter")
            await burst(pilot, "n")
        await settle(pilot)
        screen = screen_of(pilot)
        assert screen.query_one(SearchBox).value == "Kenna"
        reader = screen.query_one(DocumentReader)
        assert screen.focused is reader
        assert len(reader.hits) >= 2
        _, shown = expect_next_hit_after_opening(pilot)
        assert reader.border_subtitle == shown
        assert shown in status(pilot)


async def test_keys_typed_while_a_search_runs_wait_for_its_results(app: QuipuApp) -> None:
    """Enter in the search bar, then Down Enter n at once: Down and Enter are the results'
    (the second hit opened), n the reader's; the query is not edited."""
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await burst(pilot, *"Castillo", "enter", "down", "enter", "n")
        await settle(pilot)
        screen = screen_of(pilot)
        assert screen.query_one(SearchBox).value == "Castillo"
        results = screen.query_one(ResultsList)
        assert len(screen.results.hits) >= 2
        reader = screen.query_one(DocumentReader)
        assert screen.focused is reader
        assert reader.document is not None
        assert reader.document.doc == screen.results.hits[1].doc
        assert results.highlighted is not None and results.highlighted > 0
        assert reader.current is not None


async def test_keys_typed_while_a_document_opens_are_the_readers(app: QuipuApp) -> None:
    """Enter on a hit then n n at once: both n step in the reader, none starts a search."""
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await burst(pilot, *"Kenna", "enter")
        await settle(pilot)
        screen = screen_of(pilot)
        assert isinstance(screen.focused, ResultsList)
        await burst(pilot, "enter", "n", "n")
        await settle(pilot)
        reader = screen.query_one(DocumentReader)
        assert screen.focused is reader
        assert screen.query_one(SearchBox).value == "Kenna"
        assert reader.current is not None
        first = screen.results.hits[0]
        inside = [
            n
            for n, h in enumerate(reader.hits)
            if first.passage.start <= h.start < first.passage.end
        ]
        assert reader.current == ((inside[0] if inside else -1) + 2) % len(reader.hits)


async def test_down_from_the_search_bar_then_a_name_at_80x24_is_a_new_search(
    app: QuipuApp,
) -> None:
    """At 80 columns with the sidebar standing in for the results: Down from the search bar
    shows the results and goes there, and the letters typed right after start a new search
    (they were appended to the old query: '"state of emergency"castillo')."""
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await burst(pilot, "ctrl+f", *'"state of emergency"', "enter")
        await settle(pilot)
        await burst(pilot, "ctrl+e")
        await settle(pilot)
        screen = screen_of(pilot)
        assert screen.query_one(ResultsList).region.width == 0  # hidden behind the sidebar
        await burst(pilot, "ctrl+f")
        await settle(pilot)
        await burst(pilot, "down", *"castillo", "enter")
        await settle(pilot)
        assert screen.query_one(SearchBox).value == "castillo"
        assert screen.state.text == "castillo"


async def test_a_document_that_fails_to_load_keeps_no_key_waiting(
    app: QuipuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected error reading the document Enter opened: said on the status line, and
    the keys typed after it go on at once (they waited for the document until the time limit)."""
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await burst(pilot, *"Kenna", "enter")
        await settle(pilot)

        def broken(doc: str) -> object:
            raise RuntimeError("the index went away")

        monkeypatch.setattr(app.collection, "document", broken)
        screen = screen_of(pilot)
        await burst(pilot, "enter")
        await settle(pilot)
        assert not screen.awaiting_keys
        assert "the index went away" in status(pilot)
