"""Snapshots of the reader (pytest-textual-snapshot). Update with `make snap-update`."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from conftest import settle
from index.api import Collection, bundled_seeds
from tui.app import QuipuApp


@pytest.fixture(autouse=True)
def frozen_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """No blinking cursor: a snapshot must not depend on when it was taken."""
    monkeypatch.setattr(Input, "cursor_blink", False)


def make_app(seeds_index: Path) -> QuipuApp:
    return QuipuApp(Collection(bundled_seeds(), seeds_index), show_timings=False)


async def kenna_opened(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press(*"Kenna", "enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("size", [(120, 35), (80, 24)])
def test_first_screen(snap_compare, seeds_index: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(seeds_index), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [(120, 35), (80, 24)])
def test_highlighted_hit_in_reader(snap_compare, seeds_index: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(seeds_index), terminal_size=size, run_before=kenna_opened)


async def timeline_on_december_7(pilot: Pilot[None]) -> None:
    from datetime import date

    from tui.widgets.timeline_pane import TimelinePane

    await settle(pilot)
    await pilot.press("ctrl+t")
    await settle(pilot)
    pane = pilot.app.screen.query_one(TimelinePane)
    while pane.axis.granularity != "day":
        await pilot.press("shift+up")
    pane._go(pane.axis.index_of(date(2022, 12, 7)))
    await pilot.press("down")
    await settle(pilot)


async def entity_chosen(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("ctrl+e", *"keiko", "enter", "enter")
    await settle(pilot)


@pytest.mark.parametrize("size", [(120, 35), (80, 24)])
def test_timeline_scrubbed_to_a_day(snap_compare, seeds_index: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        make_app(seeds_index), terminal_size=size, run_before=timeline_on_december_7
    )


def test_entity_filtering_the_results(snap_compare, seeds_index: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(seeds_index), terminal_size=(120, 35), run_before=entity_chosen)
