"""Pilot tests of the investigator's tools in the reader: query history in the search bar, the
entity dossier (with its corrections), bookmarks and notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from conftest import screen_of, settle
from index.api import Collection, bundled_seeds
from tui.app import QuipuApp
from tui.query_recall import QueryRecall
from tui.widgets.results_list import ResultsList
from tui.widgets.search_box import SearchBox

WIDE, NARROW = (120, 35), (80, 24)


async def submit(pilot: Pilot[None], text: str) -> None:
    """Put ``text`` in the search bar and press Enter (set whole: typed, the debounce would
    search its prefixes too)."""
    await pilot.press("slash")
    box = screen_of(pilot).query_one(SearchBox)
    box.value = text
    box.cursor_position = len(text)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.pause(0.25)
    await settle(pilot)


def test_recall_walks_back_and_forward_and_gives_back_the_typed_text() -> None:
    recall = QueryRecall()
    recall.load(["one", "two", "three"])
    assert recall.newer() is None  # not recalling: Down is not history's
    assert recall.older("thr") == "three"
    assert recall.older("three") == "two"
    assert recall.older("two") == "one"
    assert recall.older("one") is None  # nothing older
    assert recall.newer() == "two"
    assert recall.newer() == "three"
    assert recall.newer() == "thr"  # past the newest: what was typed
    assert not recall.browsing
    recall.remember("two")
    assert recall.queries == ["one", "three", "two"]  # a rerun query is the newest, once


def test_editing_a_recalled_query_ends_the_recall() -> None:
    recall = QueryRecall()
    recall.load(["one", "two"])
    assert recall.older("") == "two"
    recall.edited("two")  # the box showing it: still recalling
    assert recall.browsing
    recall.edited("twox")
    assert not recall.browsing


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_up_recalls_queries_of_an_earlier_run_and_down_comes_back(
    seeds_index: Path, size: tuple[int, int]
) -> None:
    first = QuipuApp(Collection(bundled_seeds(), seeds_index), show_timings=False)
    async with first.run_test(size=size) as pilot:
        await settle(pilot)
        await submit(pilot, "protest")
        await submit(pilot, "congress")
        await submit(pilot, "protest")  # again: the newest now, once
    assert Collection(bundled_seeds(), seeds_index).past_queries() == ["congress", "protest"]

    again = QuipuApp(Collection(bundled_seeds(), seeds_index), show_timings=False)
    async with again.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"cur")
        box = screen_of(pilot).query_one(SearchBox)
        await pilot.press("up")
        assert box.value == "protest"
        await pilot.press("up")
        assert box.value == "congress"
        await pilot.press("down")
        assert box.value == "protest"
        await pilot.press("down")
        assert box.value == "cur"  # what was typed, kept
        assert screen_of(pilot).focused is box
        await pilot.press("down")  # not recalling: to the results, as before
        await settle(pilot)
        assert isinstance(screen_of(pilot).focused, ResultsList)


async def test_typing_is_not_one_history_line_per_key(seeds_index: Path) -> None:
    app = QuipuApp(Collection(bundled_seeds(), seeds_index), show_timings=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"strike")
        await pilot.pause(0.3)
        await settle(pilot)
        assert Collection(bundled_seeds(), seeds_index).past_queries() == []
        await pilot.press("enter")
        await settle(pilot)
    assert Collection(bundled_seeds(), seeds_index).past_queries() == ["strike"]
