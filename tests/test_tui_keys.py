"""Pilot tests of the keys at a person's speed: in a list (results, entities, timeline) every
printable key is text; the commands are on keys no name has (ctrl+, arrows, Enter, Esc, F1)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from conftest import burst, screen_of, settle
from index.sanitize import fold
from tui.app import QuipuApp
from tui.widgets.document_reader import DocumentReader
from tui.widgets.entity_sidebar import EntityList, EntitySidebar
from tui.widgets.results_list import ResultsList
from tui.widgets.search_box import SearchBox
from tui.widgets.timeline_pane import TimelinePane

WIDE, NARROW = (120, 35), (80, 24)
COMMAND_LETTERS = "qetx?[] jkgGNncsfm+-"
"""Every letter that is (or was) a key of quipu's somewhere: in a list, all of them are text."""


def listed_entities(pilot: Pilot[None]) -> list[str]:
    listing = screen_of(pilot).query_one(EntityList)
    options = [listing.get_option_at_index(i) for i in range(listing.option_count)]
    return [o.id for o in options if o.id is not None]


def expected_entities(pilot: Pilot[None], typed: str) -> list[str]:
    """The entities whose name or an alias holds ``typed``, in the sidebar's order."""
    sidebar = screen_of(pilot).query_one(EntitySidebar)
    wanted = fold(typed)
    order = {kind: n for n, kind in enumerate(("PERSON", "PLACE", "ORG"))}
    matching = [
        e for e in sidebar.entities if any(wanted in fold(name) for name in (e.name, *e.aliases))
    ]
    return [e.name for e in sorted(matching, key=lambda e: order[e.type])]


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
@pytest.mark.parametrize("typist", ["press", "burst"])
async def test_a_name_typed_in_the_sidebar_at_full_speed_filters_it(
    app: QuipuApp, size: tuple[int, int], typist: str
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        keys = ("ctrl+e", *"castillo")
        if typist == "press":
            await pilot.press(*keys)  # no pauses
        else:
            await burst(pilot, *keys)  # all queued at once, as tmux sends them
        await settle(pilot)
        screen = screen_of(pilot)
        sidebar = screen.query_one(EntitySidebar)
        assert sidebar.query_one("#entity-filter", Input).value == "castillo"
        assert listed_entities(pilot) == expected_entities(pilot, "castillo")
        assert "Pedro Castillo" in listed_entities(pilot)
        assert sidebar.has_focus_within and sidebar.region.width > 0  # not hidden by the "t"
        assert screen.query_one(SearchBox).value == ""  # nothing went to the search
        assert pilot.app.is_running


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_every_printable_key_in_the_sidebar_is_the_filters(
    app: QuipuApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        sidebar = screen.query_one(EntitySidebar)
        scope = sidebar.scope
        await burst(pilot, "ctrl+e", *COMMAND_LETTERS)
        await settle(pilot)
        assert sidebar.query_one("#entity-filter", Input).value == COMMAND_LETTERS
        assert pilot.app.is_running  # q did not quit
        assert sidebar.has_focus_within and sidebar.region.width > 0  # e did not hide it
        assert not screen.has_class("-hide-timeline")
        assert sidebar.scope == scope and sidebar.co_of is None  # s, c: not commands
        assert screen.state.entity is None and screen.query_one(SearchBox).value == ""
        # Esc clears the filter and goes back to the list; the commands are on keys no name
        # has: ctrl+s the scope, → who is mentioned with it, Enter the results' filter.
        await pilot.press("escape")
        assert sidebar.query_one("#entity-filter", Input).value == ""
        assert screen.query_one(EntityList).has_focus
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert sidebar.scope != scope


async def test_every_printable_key_in_the_results_is_the_searchs(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        assert isinstance(screen.focused, ResultsList)
        await burst(pilot, *COMMAND_LETTERS.replace("?", ""), "enter")
        await settle(pilot)
        assert screen.query_one(SearchBox).value == COMMAND_LETTERS.replace("?", "")
        assert screen.state.text == COMMAND_LETTERS.replace("?", "").strip()
        assert pilot.app.is_running
        assert not screen.query_one(EntitySidebar).has_focus_within


async def test_letters_typed_in_the_timeline_search(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        pane = screen.query_one(TimelinePane)
        await burst(pilot, "ctrl+t")
        assert pane.has_focus
        granularity = pane.axis.granularity
        await burst(pilot, *"Kenna", "enter")
        await settle(pilot)
        assert screen.state.text == "Kenna" and pilot.app.is_running
        assert pane.axis.granularity == granularity  # no "-" or "+" zoomed it
        assert pane.timeline is not None
        found = {h.doc for h in screen.results.hits}
        assert pane.timeline.days and {d.doc for d in pane.timeline.documents} <= found
        assert pane.loaded and {m.doc for m in pane.passages} <= found


def footer_keys(pilot: Pilot[None]) -> dict[str, str]:
    """The footer's shown keys: action -> key as displayed, for those fully on screen."""
    width = pilot.app.size.width
    shown = {}
    for key in pilot.app.screen.query(FooterKey):
        if key.region.width and key.region.right <= width:
            shown[key.action] = key.key_display
    return shown


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_the_footer_shows_the_keys_that_work_here_with_help_and_quit(
    app: QuipuApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        panes = {
            "results": ("escape", ResultsList),
            "entities": ("ctrl+e", EntityList),
            "timeline": ("ctrl+t", TimelinePane),
        }
        for name, (key, kind) in panes.items():
            if name == "results":
                screen.set_focus(screen.query_one(ResultsList))
            else:
                await pilot.press(key)
            await settle(pilot)
            assert isinstance(screen.focused, kind), name
            shown = footer_keys(pilot)
            # In a list, q and ? are text: ctrl+q and F1 quit and help, and they always show.
            assert shown.get("quit") == "^q" and shown.get("help") == "F1", (name, shown)
            letters = [d for d in shown.values() if len(d) == 1 and (d.isalnum() or d in "?[]")]
            assert letters == [], (name, shown)  # no letter is offered as a key in a list
        await pilot.press("enter")  # the timeline opens a passage: the reader
        await settle(pilot)
        assert isinstance(screen.focused, DocumentReader)
        shown = footer_keys(pilot)
        assert shown.get("quit") == "q" and shown.get("help") == "?"
        assert shown.get("next_hit") == "n"


@pytest.mark.parametrize("where", ["results", "search", "sidebar filter", "reader", "help"])
async def test_ctrl_c_quits_like_q_without_a_toast(app: QuipuApp, where: str) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        if where == "search":
            await pilot.press(*"Kenna")  # text in the search bar, where ctrl+c was "copy"
        elif where == "sidebar filter":
            await pilot.press("ctrl+e", *"kenna")
        elif where == "reader":
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(pilot.app.screen.focused, DocumentReader)
        elif where == "help":
            await pilot.press("f1")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not pilot.app._notifications  # no "press ctrl+q to quit"
        assert pilot.app._exit_renderables == [] and pilot.app.return_code == 0
        assert not pilot.app.is_running


async def test_help_and_quit_stay_in_the_footer_at_every_width(app: QuipuApp) -> None:
    """From the narrowest the panes allow to very wide, in a list and in the reader, with the
    sidebar or the timeline focused: help and quit are on screen, whole."""
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        for width in (60, 63, 67, 72, 79, 80, 95, 109, 110, 119, 150, 200):
            await pilot.resize_terminal(width, 30)
            await settle(pilot)
            for key, kind in (
                ("escape", DocumentReader),  # Esc from the results: the search bar
                ("ctrl+e", EntityList),
                ("ctrl+t", TimelinePane),
            ):
                if kind is DocumentReader:
                    screen.set_focus(screen.query_one(DocumentReader))
                else:
                    await pilot.press(key)
                await settle(pilot)
                assert isinstance(screen.focused, kind), (width, kind)
                shown = footer_keys(pilot)
                assert "help" in shown and "quit" in shown, (width, kind.__name__, shown)
