"""Pilot tests of the entity sidebar and the timeline pane: what a reader does with them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input

from conftest import burst, screen_of, settle, write_corpus
from index.api import Collection
from tui.app import QuipuApp
from tui.widgets.document_reader import DocumentReader
from tui.widgets.entity_sidebar import EntityList, EntitySidebar
from tui.widgets.results_list import ResultsList
from tui.widgets.timeline_pane import TimelinePane

WIDE, NARROW = (120, 35), (80, 24)


async def choose_entity(pilot: Pilot[None], typed: str) -> str:
    """Go to the sidebar, filter it by typing, and press Enter on the first entity."""
    await pilot.press("ctrl+e")
    await settle(pilot)
    await pilot.press(*typed, "enter")  # typing filters; Enter goes back to the list
    await settle(pilot)
    listing = screen_of(pilot).query_one(EntityList)
    assert listing.has_focus
    name = listing.get_option_at_index(listing.highlighted or 0).id
    assert name is not None
    await pilot.press("enter")
    await settle(pilot)
    return name


async def test_selecting_an_entity_filters_results_and_highlights_its_mentions(
    app: QuipuApp,
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        name = await choose_entity(pilot, "kenna")
        assert name == "Lisa Kenna"
        screen = screen_of(pilot)
        assert screen.state.entity == "Lisa Kenna"
        results = screen.query_one(ResultsList)
        assert sorted(h.doc for h in results.hits) == [
            "002_d36f1c1c32bc8559",
            "004_170361fb4002e630",
        ]
        # The snippet shows the entity where it is mentioned.
        assert all("Kenna" in hit.snippet.text for hit in results.hits)
        results.focus()
        await pilot.press("enter")
        await settle(pilot)
        reader = screen.query_one(DocumentReader)
        assert reader.document is not None
        marked = {reader.document.text[s.start : s.end] for s in reader.hits}
        assert marked and marked <= {"Lisa Kenna", "Kenna"}
        assert reader.mentions == frozenset(reader.hits)  # underlined as the entity's
        assert "entity: Lisa Kenna" in str(screen.query_one("#status-line").render())
        # Enter on the same entity again clears the filter; so does x.
        await pilot.press("x")
        await settle(pilot)
        assert screen.state.entity is None and results.option_count >= 5


async def test_entity_scope_and_co_mentions(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        sidebar = screen.query_one(EntitySidebar)
        everything = len(sidebar.entities)
        await pilot.press("ctrl+e", "ctrl+s")  # scope: all -> doc
        await settle(pilot)
        assert sidebar.scope == "doc"
        assert 0 < len(sidebar.entities) < everything
        assert screen.current_doc is not None
        own = app.collection.entities(doc=screen.current_doc, mentions=False)
        assert [(e.name, e.count) for e in sidebar.entities] == [(e.name, e.count) for e in own]
        assert all(set(e.docs) == {screen.current_doc} for e in own)
        await pilot.press("right")  # who is mentioned with the highlighted entity
        await settle(pilot)
        assert sidebar.co_of is not None and sidebar.co_pairs
        assert sidebar.co_of not in {e.name for e, _ in sidebar.co_pairs}
        await pilot.press("escape")
        assert sidebar.co_of is None


async def test_scrub_the_timeline_to_a_day_and_open_a_passage(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        pane = screen.query_one(TimelinePane)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert pane.has_focus and pane.axis.granularity in ("day", "week")
        while pane.axis.granularity != "day":
            await pilot.press("shift+up")
        await pilot.press("home")
        seen = []
        for _ in range(200):
            day = pane.axis.starts[pane.cursor]
            seen.append(day)
            if day == date(2022, 12, 7):
                break
            await pilot.press("right")
        assert seen[-1] == date(2022, 12, 7) and len(seen) > 2
        await settle(pilot)  # the day's passages, asked for when the cursor came to it
        assert pane.loaded
        mentions = pane.passages
        assert mentions and {m.value for m in mentions} == {"2022-12-07"}
        assert len(mentions) == pane.axis.counts[pane.cursor]
        assert "2022-12-07" in str(pane.render())
        await pilot.press("down", "enter")
        await settle(pilot)
        chosen = mentions[1]
        reader = screen.query_one(DocumentReader)
        assert reader.document is not None and reader.document.doc == chosen.doc
        assert any(reader.document.text[s.start : s.end] == chosen.text for s in reader.hits)
        assert reader.has_focus


async def test_zoom_out_to_years_and_read_a_years_passages(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        pane = screen_of(pilot).query_one(TimelinePane)
        await pilot.press("ctrl+t")
        await settle(pilot)
        while pane.axis.granularity != "year":
            await pilot.press("shift+down")
        await pilot.press("shift+down")  # no further: "already at years"
        await pilot.press("home")
        while pane.axis.starts[pane.cursor] != date(2022, 1, 1):
            await pilot.press("right")
        await settle(pilot)
        assert pane.axis.granularity == "year" and pane.loaded
        mentions = pane.passages
        assert len(mentions) == pane.axis.counts[pane.cursor] > 0
        assert {m.first_day[:4] for m in mentions} == {"2022"}  # its days and months
        assert {m.granularity for m in mentions} >= {"day", "month"}
        assert "2022 · " in str(pane.render())


async def test_mark_a_range_and_the_results_narrow(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        before = screen.query_one(ResultsList).option_count
        pane = screen.query_one(TimelinePane)
        await pilot.press("ctrl+t")
        await settle(pilot)
        while pane.axis.granularity != "day":
            await pilot.press("shift+up")
        pane._go(pane.axis.index_of(date(2023, 1, 19)))
        await pilot.press("ctrl+space", "right", "right", "ctrl+space")
        await settle(pilot)
        assert screen.state.mentioned == (date(2023, 1, 19), date(2023, 1, 21))
        docs = {h.doc for h in screen.query_one(ResultsList).hits}
        assert docs == {"003_df5eb221c8adb151"} and len(docs) < before
        assert "2023-01-19 → 2023-01-21" in str(screen.query_one("#status-line").render())


async def test_the_timeline_follows_the_query(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        pane = screen.query_one(TimelinePane)
        assert pane.timeline is not None
        everything = sum(pane.axis.counts)
        await pilot.press(*"Kenna", "enter")
        await settle(pilot)
        assert pane.timeline is not None
        kenna = {"002_d36f1c1c32bc8559", "004_170361fb4002e630"}
        assert {d.doc for d in pane.timeline.documents} <= kenna
        assert pane.loaded and pane.passages and {m.doc for m in pane.passages} <= kenna
        assert 0 < sum(pane.axis.counts) < everything
        assert "results" in str(pane.border_title)


async def test_panes_at_80x24(app: QuipuApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        await pilot.press("ctrl+t", "right", "right")
        await settle(pilot)
        pane = screen.query_one(TimelinePane)
        assert pane.region.height >= 5 and pane.region.right <= 80
        lines = str(pane.render()).splitlines()
        assert len(lines) <= pane.content_region.height
        assert all(len(line) <= pane.content_region.width for line in lines)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert screen.query_one(EntitySidebar).region.width > 0


def option_texts(listing: ResultsList | EntityList) -> list[str]:
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_long_lists_come_a_page_at_a_time(
    app: QuipuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10,000 rows would stall the reader: documents come a page at a time, entities the most
    mentioned of each type, the filter reaching the rest."""
    import tui.widgets.entity_sidebar as sidebar_module

    monkeypatch.setattr(ResultsList, "PAGE", 2)
    monkeypatch.setattr(sidebar_module, "SHOWN_PER_TYPE", 1)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        results = screen_of(pilot).query_one(ResultsList)
        assert results.option_count == 3
        assert "3 more documents · Enter lists the next 2" in option_texts(results)[-1]
        await pilot.press("end", "enter")
        await settle(pilot)
        assert results.option_count == 5
        assert results.highlighted == 2  # the first of the documents just listed
        assert "1 more document · Enter lists the next 1" in option_texts(results)[-1]
        await pilot.press("end", "enter")
        await settle(pilot)
        listed = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert listed == [d.doc for d in screen_of(pilot).documents]

        await pilot.press("ctrl+e")
        await settle(pilot)
        entities = screen_of(pilot).query_one(EntityList)
        texts = option_texts(entities)
        assert texts[:2] == ["PERSON", texts[1]] and "Pedro Castillo" in texts[1]
        assert texts[2].startswith("… ") and texts[2].endswith(" more people · type to filter")
        await pilot.press(*"bolu")
        await settle(pilot)
        assert any("Dina Boluarte" in text for text in option_texts(entities))


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_the_pointer_stays_under_its_bucket_while_a_range_is_marked(
    app: QuipuApp, size: tuple[int, int]
) -> None:
    """The ▲ under the cursor's bucket, at every bucket from the first to the last, with a
    range marked (its text is longer than the room on either side at the edges)."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t", "shift+up", "shift+up", "home", "ctrl+space")
        await settle(pilot)
        pane = screen_of(pilot).query_one(TimelinePane)
        assert pane.mark is not None
        assert len(pane.axis) > 10
        for index in range(len(pane.axis)):
            pane._go(index)  # as the arrows do, without a hundred key presses
            lines = str(pane.render()).splitlines()
            pointer = next(line for line in lines if "▲" in line)
            assert "range" in pointer
            assert pointer.index("▲") == (pane.cursor - pane.window_start) * pane.cell, pointer
            assert len(pointer) <= pane.columns


def current_mention_shown(reader: DocumentReader) -> bool:
    """The reader's current hit is in the part of the document on screen."""
    assert reader.current is not None
    widget = reader._paragraph_widget(reader._hit_passages[reader.current])
    assert widget is not None
    top, bottom = reader.scroll_y, reader.scroll_y + reader.scrollable_content_region.height
    box = widget.virtual_region
    return box.y < bottom and box.bottom > top


async def test_a_passage_opened_from_the_timeline_stays_on_screen_through_toggles_at_80x24(
    app: QuipuApp,
) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        pane = screen.query_one(TimelinePane)
        await pilot.press("ctrl+t")
        await settle(pilot)
        reader = screen.query_one(DocumentReader)
        # the passage deepest into its document: the reader must scroll to show it
        charted = [m for m in app.collection.timeline().mentions if m.granularity == "day"]
        wanted = max(charted, key=lambda m: m.start)
        pane._go(pane.axis.index_of(date.fromisoformat(wanted.first_day)))
        await settle(pilot)
        deepest = pane.passages.index(wanted)
        for _ in range(deepest):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert reader.has_focus and reader.current is not None
        assert reader.scroll_y > 0  # it had to scroll
        assert current_mention_shown(reader)
        for toggle in ("ctrl+t", "ctrl+t", "ctrl+e", "ctrl+e", "ctrl+t"):
            await pilot.press(toggle)
            await settle(pilot)
            assert current_mention_shown(reader), toggle


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_the_results_cursor_follows_a_document_opened_from_the_timeline(
    app: QuipuApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        results = screen.query_one(ResultsList)
        first = results.get_option_at_index(results.highlighted or 0).id
        pane = screen.query_one(TimelinePane)
        await pilot.press("ctrl+t")
        await settle(pilot)
        # a passage of another document than the one the results' cursor is on
        charted = [m for m in app.collection.timeline().mentions if m.granularity == "day"]
        wanted = next(m for m in charted if m.doc != first)
        pane._go(pane.axis.index_of(date.fromisoformat(wanted.first_day)))
        await settle(pilot)
        for _ in range(pane.passages.index(wanted)):
            await pilot.press("down")
        opened = wanted.doc
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one(DocumentReader).document.doc == opened
        assert results.get_option_at_index(results.highlighted).id == opened
        await pilot.press("escape")  # back to the list: Enter opens the same document
        await settle(pilot)
        assert results.has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one(DocumentReader).document.doc == opened


@pytest.mark.parametrize("size", [WIDE, NARROW, (61, 20), (100, 30)], ids=str)
async def test_the_timeline_axis_labels_are_never_cut(app: QuipuApp, size: tuple[int, int]) -> None:
    """Every label on the axis is a whole month, year or day number, the one of the bucket it
    starts at (at the right edge a cut 'Fe' or '3' told nothing)."""
    import re

    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        pane = screen_of(pilot).query_one(TimelinePane)
        checked = 0
        for zoom in ("year", "month", "week", "day"):
            pane.zoom = zoom
            pane._rebuild()
            for start in range(0, len(pane.axis), max(1, pane.visible // 3)):
                pane.window_start = start
                pane.window_start = min(start, max(0, len(pane.axis) - pane.visible))
                width = pane.columns
                line = str(pane._axis_line(width))
                window = list(pane._window(width))
                for token in re.finditer(r"[^·•]+", line):
                    slot = token.start() // pane.cell
                    index = window[slot]
                    day = pane.axis.starts[index]
                    whole = {pane._label(day, index == window[0], major) for major in (True, False)}
                    assert token.group() in whole, (zoom, line, token.group())
                    checked += 1
        assert checked > 10


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_entity_names_are_whole_where_the_sidebar_has_room(
    app: QuipuApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        sidebar = screen_of(pilot).query_one(EntitySidebar)
        listing = sidebar.entity_list
        room = listing.content_region.width - 1  # the scrollbar's column
        shown = 0
        for index in range(listing.option_count):
            option = listing.get_option_at_index(index)
            if option.id is None:
                continue
            prompt = str(option.prompt)
            assert len(prompt) <= room, prompt  # the whole row fits the list
            name = option.id
            if len(name) + 9 <= room:  # a name, its count (5) and its bar (4) fit: it is whole
                assert prompt.startswith(name + " "), (prompt, room)
                shown += 1
            else:
                assert prompt.split("…")[0] and "…" in prompt
        assert shown > 10
        if size == WIDE:  # 120 columns: room for names of 20 letters and more
            assert room - 9 >= 20


async def test_co_mentions_clear_the_name_filter(app: QuipuApp) -> None:
    """A name typed to find an entity, then → for who is mentioned with it: the filter that
    found it is cleared, so it hides none of them."""
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        sidebar = screen_of(pilot).query_one(EntitySidebar)
        await burst(pilot, "ctrl+e", *"castillo", "down", "right")
        await settle(pilot)
        assert sidebar.co_of == "Pedro Castillo"
        assert sidebar.query_one("#entity-filter", Input).value == ""
        listing = sidebar.entity_list
        listed = {listing.get_option_at_index(i).id for i in range(listing.option_count)}
        assert listed - {None} == {e.name for e, _ in sidebar.co_pairs}
        assert len(sidebar.co_pairs) > 3


MARKDOWN_FILES = {
    "strike.md": "# Strike in Callao\n\nThe dockworkers met on 3 March 2021.\n\n"
    "## The strike of 11 March 2021\n\nThe union said wages fell. On 5 March 2021 the strike"
    " spread.\n",
    "port.md": "---\ntitle: Port report\n---\n\n### Harbour news\n"
    "The harbour strike went on in Callao on 7 March 2021.\n",
    "notes.txt": "Notes\n\n# not a heading in a text file: the strike on 9 March 2021.\n",
}


async def test_markdown_snippets_and_passages_read_as_the_reader_shows_them(
    tmp_path: Path,
) -> None:
    """A Markdown file's heading marks ("# ", "### ") are not shown in its results snippet
    nor in its timeline passages, as the reader shows it; the highlight stays on the word
    found. A text file's "#" is its text."""
    corpus = write_corpus(tmp_path / "corpus", MARKDOWN_FILES)
    collection = Collection(corpus, tmp_path / "index")
    collection.update()
    app = QuipuApp(collection, show_timings=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen_of(pilot).query_one(Input).value = "strike"
        await pilot.press("enter")
        await settle(pilot)
        results = screen_of(pilot).query_one(ResultsList)
        shown = {
            hit.doc: results.get_option_at_index(number).prompt
            for number, hit in enumerate(results.hits)
        }
        assert set(shown) == {"strike", "port", "notes"}
        for doc, prompt in shown.items():
            assert isinstance(prompt, Content)
            snippet = prompt.plain.split("\n", 2)[2]
            marked = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == "reverse"]
            assert marked and {m.lower() for m in marked} == {"strike"}, (doc, marked)
            if doc == "notes":
                assert snippet.startswith("# not a heading")
            else:
                assert "#" not in snippet, snippet
        assert "Harbour news The harbour strike" in shown["port"].plain
        timeline = screen_of(pilot).query_one(TimelinePane)
        assert timeline.timeline is not None
        mentions = collection.timeline(query="strike").mentions  # every bucket's
        lines = [timeline._passage(mention, 200, False).plain for mention in mentions]
        assert any("  The strike of 11 March 2021" in line for line in lines), lines
        assert all(
            "#" not in line
            for line, mention in zip(lines, mentions, strict=True)
            if mention.doc != "notes"
        )
