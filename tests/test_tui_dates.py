"""Pilot tests of the publication date in the reader: its basis in the header, and ``d`` on the
open document to state, correct or clear it (through the same update as ``quipu date``)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from conftest import screen_of, settle, write_corpus
from index.api import Collection, bundled_seeds
from tui.app import QuipuApp
from tui.screens.prompt import PromptScreen
from tui.widgets.document_reader import DocumentReader
from tui.widgets.results_list import ResultsList

WIDE, NARROW = (120, 35), (80, 24)


@pytest.fixture
def own_seeds(tmp_path: Path) -> Collection:
    """A copy of the seeds with an index of its own: a stated date rewrites the index."""
    corpus = tmp_path / "seeds"
    shutil.copytree(bundled_seeds(), corpus, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    collection = Collection(corpus, tmp_path / "own-index")
    collection.update()
    return collection


def header_of(pilot: Pilot[None]) -> str:
    reader = screen_of(pilot).query_one(DocumentReader)
    return str(reader.query_one(".document-reader--header", Static).render())


async def open_document(pilot: Pilot[None], doc: str) -> DocumentReader:
    screen = screen_of(pilot)
    screen._visit(doc, None, None)
    await settle(pilot)
    reader = screen.query_one(DocumentReader)
    assert reader.has_focus and reader.document is not None and reader.document.doc == doc
    return reader


async def answer(pilot: Pilot[None], text: str) -> PromptScreen | None:
    """Press ``d``, type ``text`` in the prompt, Enter; the prompt if it is still open."""
    await pilot.press("d")
    await settle(pilot)
    prompt = pilot.app.screen
    assert isinstance(prompt, PromptScreen)
    prompt.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)
    return pilot.app.screen if isinstance(pilot.app.screen, PromptScreen) else None


def wednesday_of(collection: Collection, doc: str) -> str:
    mentions = collection.timeline(doc=doc).mentions
    return next(m.value for m in mentions if m.text == "on Wednesday")


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_d_states_a_date_that_the_header_results_timeline_and_filters_use_at_once(
    own_seeds: Collection, size: tuple[int, int]
) -> None:
    collection = own_seeds
    doc = next(d.doc for d in collection.documents() if d.doc.startswith("000"))
    before = collection.document(doc)
    assert before.published_basis == "inferred"  # the seeds state no date for it
    was = wednesday_of(collection, doc)
    app = QuipuApp(collection, show_timings=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_document(pilot, doc)
        assert f"{before.published}~ (inferred, confidence" in header_of(pilot)

        # Not a day of the calendar: said in the prompt, which stays; nothing is written.
        prompt = await answer(pilot, "2022-02-30")
        assert prompt is not None
        said = str(prompt.query_one("#prompt-help", Static).render())
        assert "'2022-02-30' is not a day of the calendar" in said
        await pilot.press("escape")
        await settle(pilot)
        assert collection.stated_dates()[0] == []

        # A Wednesday a week after the inferred one: "on Wednesday" follows it.
        assert await answer(pilot, "2022-12-21") is None
        assert "2022-12-21 (user)" in header_of(pilot)
        stated, _ = collection.stated_dates()
        assert [(s.doc, s.value) for s in stated] == [(doc, "2022-12-21")]
        assert wednesday_of(collection, doc) == "2022-12-21" != was
        listed = screen_of(pilot).query_one(ResultsList)
        assert any("2022-12-21" in str(listed.get_option_at_index(n).prompt) for n in range(5))
        day = date(2022, 12, 21)
        in_range = collection.search("*", limit=10, date_from=day, date_to=day)
        assert [h.doc for h in in_range.hits] == [doc]
        assert doc in {h.doc for h in collection.search("mentions:2022-12-21").hits}

        # "clear": quipu's own date again.
        assert await answer(pilot, "clear") is None
        assert f"{before.published}~ (inferred" in header_of(pilot)
        assert collection.stated_dates()[0] == []
        assert wednesday_of(collection, doc) == was

        # "undated": not known; the header says so.
        assert await answer(pilot, "undated") is None
        assert "undated (user)" in header_of(pilot)
        assert collection.document(doc).published is None


async def test_the_header_says_an_undated_documents_hint_and_clear_needs_a_stated_date(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "budget.txt": "Budget talks\n\nThe 2004 budget was cut. Growth in 2005 is seen "
            "slowing. On Friday the minister resigned.\n",
        },
    )
    collection = Collection(corpus, tmp_path / "index")
    collection.update()
    app = QuipuApp(collection, show_timings=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        doc = collection.documents()[0].doc
        await open_document(pilot, doc)
        header = header_of(pilot)
        assert "undated — 2004–2005 from the years it mentions" in header
        prompt = await answer(pilot, "clear")
        assert prompt is not None
        assert "you stated no date" in str(prompt.query_one("#prompt-help", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, type(screen_of(pilot)))


UNDATED_AND_DATED = {
    "dated.txt": "Harbour strike\n\nPublished: 6 January 2023\n\nDockers struck on Friday. "
    "Talks failed on 3 January 2023.\n",
    "loose.txt": "Mine closure\n\nThe minister resigned on Friday, and yesterday his deputy\n"
    "followed.\n",  # hard-wrapped: one sentence, shown on one line
}


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_the_timeline_lists_relative_dates_it_cannot_place_as_date_unknown(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    from tui.widgets.timeline_pane import TimelinePane

    corpus = write_corpus(tmp_path / "corpus", UNDATED_AND_DATED)
    collection = Collection(corpus, tmp_path / "index")
    collection.update()
    app = QuipuApp(collection, show_timings=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        pane = screen_of(pilot).query_one(TimelinePane)
        assert "2 not placed" in str(pane.border_title)
        shown = str(pane.render())
        assert "date unknown" not in shown  # on a charted day first
        await pilot.press("end", "end")
        await settle(pilot)
        shown = " ".join(str(pane.render()).split())
        assert "date unknown · 2 relative dates in 1 doc" in shown
        assert "on Friday → date unknown" in shown and "␤" not in shown
        assert "yesterday → date unknown" in shown or size == NARROW  # one passage line there
        assert "2023-01-06" not in shown
        await pilot.press("enter")
        await settle(pilot)
        reader = screen_of(pilot).query_one(DocumentReader)
        assert reader.document is not None and reader.document.doc == "loose"
        await pilot.press("ctrl+t", "left")  # back onto the last charted day
        await settle(pilot)
        assert not pane.unplaced and "date unknown" not in str(pane.render())
