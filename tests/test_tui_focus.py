"""Pilot tests: the focus survives the "terminal too small" notice, the panes' toggles and a
failed search, and is always on a pane that is shown; keys typed at the notice edit nothing."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from conftest import burst, screen_of, settle
from tui.app import QuipuApp
from tui.widgets.entity_sidebar import EntityList, EntitySidebar
from tui.widgets.results_list import ResultsList
from tui.widgets.search_box import SearchBox
from tui.widgets.timeline_pane import TimelinePane

WIDE, NARROW, TINY = (120, 35), (80, 24), (40, 10)


def assert_focus_shown(pilot: Pilot[None], kind: type) -> None:
    """The focus is on a ``kind`` widget, laid out on screen (not a hidden pane's)."""
    focused = screen_of(pilot).focused
    assert isinstance(focused, kind), focused
    assert focused.region.width > 0 and focused.region.height > 0, focused.region
    width, height = pilot.app.size
    assert focused.region.right <= width and focused.region.bottom <= height


def footer_actions(pilot: Pilot[None]) -> set[str]:
    width = pilot.app.size.width
    return {
        key.action
        for key in screen_of(pilot).query(FooterKey)
        if key.region.width and key.region.right <= width
    }


STRAY_KEYS = ("slash", *"abc", "ctrl+e", "e", "t", "ctrl+t", "ctrl+f", *"Kenna", "enter")
"""What a person may type at the notice: the keys of the search bar and the panes."""


async def test_keys_at_the_too_small_notice_edit_nothing_and_the_focus_comes_back(
    app: QuipuApp,
) -> None:
    async with app.run_test(size=TINY) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        assert screen.query_one("#too-small", Static).region.height > 0
        classes = set(screen.classes)
        await burst(pilot, *STRAY_KEYS)
        await settle(pilot)
        assert screen.query_one(SearchBox).value == ""  # the hidden search bar took no keys
        assert screen.state.text == "" and screen.focused is None
        assert set(screen.classes) == classes  # no pane was toggled behind the notice
        assert pilot.app.is_running
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        assert_focus_shown(pilot, ResultsList)  # where quipu starts
        assert {"help", "quit", "select"} <= footer_actions(pilot)  # the results' keys
        await burst(pilot, *"Kenna")  # and the keys act again
        await settle(pilot)
        assert screen.query_one(SearchBox).value == "Kenna"


@pytest.mark.parametrize("back_to", [WIDE, NARROW], ids=["120x35", "80x24"])
@pytest.mark.parametrize("pane", ["timeline", "sidebar filter", "search bar"])
async def test_the_focused_pane_has_the_focus_again_after_the_notice(
    app: QuipuApp, pane: str, back_to: tuple[int, int]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        if pane == "timeline":
            await pilot.press("ctrl+t")
            kind: type = TimelinePane
        elif pane == "search bar":
            await pilot.press("ctrl+f", *"Ken")
            kind = SearchBox
        else:
            await pilot.press("ctrl+e", *"kenn")
            kind = Input
        await settle(pilot)
        assert_focus_shown(pilot, kind)
        await pilot.resize_terminal(*TINY)
        await settle(pilot)
        assert screen.focused is None
        await burst(pilot, *STRAY_KEYS)
        await pilot.resize_terminal(*back_to)
        await settle(pilot)
        assert_focus_shown(pilot, kind)
        assert screen.query_one(SearchBox).value == ("Ken" if pane == "search bar" else "")
        assert {"help", "quit"} <= footer_actions(pilot)
        if pane == "sidebar filter":
            box = screen.query_one(EntitySidebar).query_one("#entity-filter", Input)
            assert box.value == "kenn"
            await burst(pilot, "a")
            assert box.value == "kenna"


async def test_the_focus_stays_on_a_shown_pane_through_the_toggles_at_80x24(
    app: QuipuApp,
) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert_focus_shown(pilot, EntityList)
        # Esc, Esc: out of the sidebar to the search bar, then to the results, which come back
        # in the place the sidebar took.
        await pilot.press("escape")
        await settle(pilot)
        assert_focus_shown(pilot, SearchBox)
        await pilot.press("escape")
        await settle(pilot)
        assert_focus_shown(pilot, ResultsList)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.press("ctrl+t")  # sidebar -> timeline
        await settle(pilot)
        assert_focus_shown(pilot, TimelinePane)
        await pilot.press("ctrl+t")  # hide the timeline: the results have the focus, shown
        await settle(pilot)
        assert_focus_shown(pilot, ResultsList)
        await pilot.press("ctrl+e", "ctrl+e")  # show the sidebar, hide it
        await settle(pilot)
        assert_focus_shown(pilot, ResultsList)


async def test_the_sidebar_keeps_the_focus_from_120_to_80_columns(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.resize_terminal(*NARROW)
        await settle(pilot)
        assert_focus_shown(pilot, EntityList)  # it stands in for the results, as ctrl+e does
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        assert_focus_shown(pilot, EntityList)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_after_a_failed_search_the_query_stays_in_hand(
    app: QuipuApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        await burst(pilot, *"Boluarte AND (", "enter")  # typed in the results at full speed
        await settle(pilot)
        status = str(screen.query_one("#status-line", Static).render())
        assert "column 14" in status
        assert_focus_shown(pilot, SearchBox)
        await pilot.press("enter")  # again, unmended: it stays
        await settle(pilot)
        assert_focus_shown(pilot, SearchBox)
        await burst(pilot, *["backspace"] * 6, "enter")  # mended: "Boluarte"
        await settle(pilot)
        assert screen.state.text == "Boluarte"
        assert_focus_shown(pilot, ResultsList)
        assert screen.query_one(ResultsList).hits
