"""Pilot tests of the investigator's tools in the reader: query history in the search bar, the
entity dossier (with its corrections), bookmarks and notes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from conftest import screen_of, settle, write_corpus
from index.api import Collection, bundled_seeds
from tui.app import QuipuApp
from tui.find_in_document import find_spans
from tui.query_recall import QueryRecall
from tui.screens.dossier import PAGE, DossierScreen
from tui.screens.prompt import ChoiceScreen, PromptScreen
from tui.widgets.document_reader import DocumentReader
from tui.widgets.entity_sidebar import EntitySidebar
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


def status_of(pilot: Pilot[None]) -> str:
    return str(screen_of(pilot).query_one("#status-line", Static).render())


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


@pytest.fixture
def own_seeds(tmp_path: Path) -> Collection:
    """A copy of the seeds with an index of its own: corrections rewrite the index."""
    corpus = tmp_path / "seeds"
    shutil.copytree(bundled_seeds(), corpus, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    collection = Collection(corpus, tmp_path / "own-index")
    collection.update()
    return collection


async def open_dossier(pilot: Pilot[None], typed: str) -> DossierScreen:
    """Filter the sidebar by ``typed``, go to the list and open the first entity's dossier."""
    await pilot.press("ctrl+e", *typed, "enter")
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DossierScreen)
    return screen


def head_of(screen: DossierScreen) -> str:
    return str(screen.query_one("#dossier-head", Static).render())


def sidebar_names(pilot: Pilot[None]) -> set[str]:
    return {e.name for e in screen_of(pilot).query_one(EntitySidebar).entities}


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_the_dossier_shows_an_entity_and_opens_a_mention_in_the_reader(
    app: QuipuApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        dossier = await open_dossier(pilot, "boluarte")
        expected = app.collection.dossier("Dina Boluarte")
        assert expected is not None and dossier.dossier == expected
        head = head_of(dossier)
        assert "Dina Boluarte" in head and "PERSON" in head
        assert all(alias in head for alias in expected.aliases)
        listing = dossier.query_one("#dossier-mentions", OptionList)
        shown = min(PAGE, len(expected.mentions))
        assert listing.option_count == shown + (len(expected.mentions) > shown)
        side = str(dossier.query_one("#dossier-months", Static).render())
        assert all(m.month in side for m in expected.months)
        await pilot.press("down", "enter")  # the second mention
        await settle(pilot)
        screen = screen_of(pilot)
        reader = screen.query_one(DocumentReader)
        mention = expected.mentions[1]
        assert reader.document is not None and reader.document.doc == mention.doc
        assert reader.has_focus


async def test_merge_from_the_dossier_corrects_the_entities_and_the_sidebar(
    own_seeds: Collection,
) -> None:
    app = QuipuApp(own_seeds, show_timings=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "Alberto Fujimori" in sidebar_names(pilot)
        dossier = await open_dossier(pilot, "castillo")
        assert dossier.entity_name == "Pedro Castillo"
        before = len(dossier.dossier.mentions) if dossier.dossier else 0
        await pilot.press("m")
        await settle(pilot)
        prompt = pilot.app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.query_one(Input).value = "Alberto Fujimori"
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is dossier
        assert dossier.dossier is not None and "Alberto Fujimori" in dossier.dossier.aliases
        assert len(dossier.dossier.mentions) > before
        assert [e.action for e in own_seeds.corrections()[0]] == ["merge"]
        await pilot.press("escape")
        await settle(pilot)
        names = sidebar_names(pilot)
        assert "Alberto Fujimori" not in names and "Pedro Castillo" in names


async def test_split_from_the_dossier_makes_the_alias_an_entity_of_its_own(
    own_seeds: Collection,
) -> None:
    app = QuipuApp(own_seeds, show_timings=False)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        # The seeds call Keiko Fujimori's party "Popular Force" and, as a name of its own in
        # one text, "Fuerza Popular" (joined by the knowledge base): a split the documents
        # support (an alias joined inside one text is refused: "PNP", which a text defines as
        # the "Peruvian National Police", is now one name there).
        dossier = await open_dossier(pilot, "popular force")
        assert dossier.dossier is not None
        aliases = list(dossier.dossier.aliases)
        alias = next(a for a in aliases if "Fuerza" in a)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press(*["down"] * aliases.index(alias), "enter")
        await settle(pilot)
        assert pilot.app.screen is dossier
        assert dossier.dossier is not None and alias not in dossier.dossier.aliases
        assert [(e.action, e.value) for e in own_seeds.corrections()[0]] == [("split", alias)]
        await pilot.press("escape")
        await settle(pilot)
        # The sidebar is read again: it lists the entities as the collection now has them.
        listed = {e.name: e.aliases for e in screen_of(pilot).query_one(EntitySidebar).entities}
        now = {e.name: e.aliases for e in own_seeds.entities(mentions=False)}
        assert listed == now and alias in listed and alias not in listed["Popular Force"]


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_a_note_on_the_current_hit_and_a_bookmark_open_again_from_the_palette(
    app: QuipuApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await submit(pilot, "curfew")
        await pilot.press("enter")  # the first hit, in the reader
        await settle(pilot)
        screen = screen_of(pilot)
        reader = screen.query_one(DocumentReader)
        assert reader.has_focus and reader.current is not None and reader.document is not None
        hit = reader.hits[reader.current]
        await pilot.press("ctrl+n")
        await settle(pilot)
        prompt = pilot.app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.query_one(Input).value = "[bold]who[/] ordered it"  # markup stays text
        await pilot.press("enter")
        await settle(pilot)
        notes, warnings = app.collection.notes()
        assert not warnings and len(notes) == 1
        note = notes[0]
        assert note.doc == reader.document.doc and (note.start, note.end) == (hit.start, hit.end)
        assert note.note.text == "[bold]who[/] ordered it"
        assert note.note.quote == reader.document.text[hit.start : hit.end]

        await pilot.press("N", "N", "n")  # off the first hit: no current hit after g
        reader.current = None
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        notes, _ = app.collection.notes()
        assert len(notes) == 2 and notes[1].note.text == ""  # a bookmark
        first = reader.document.passages[0]
        assert (notes[1].start, notes[1].end) == (first.start, first.end)

        await pilot.press("escape", "escape")  # to the search bar: the reader shows another doc
        other = next(d.doc for d in screen.documents if d.doc != note.doc)
        screen._load_document(other, None, None)
        await settle(pilot)
        assert reader.document.doc == other
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"who ordered")
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert reader.document.doc == note.doc


def test_find_spans_ignores_case_and_line_breaks_and_takes_the_text_literally() -> None:
    text = "The Strike began.\nthe\nstrike spread; a strike* is no pattern."
    assert [text[s.start : s.end] for s in find_spans(text, "the strike")] == [
        "The Strike",
        "the\nstrike",
    ]
    assert [text[s.start : s.end] for s in find_spans(text, "strike*")] == ["strike*"]
    assert find_spans(text, "  ") == []


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])
async def test_find_in_the_document_has_its_own_n_and_esc_gives_the_hits_back(
    app: QuipuApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await submit(pilot, "curfew")
        await pilot.press("enter")
        await settle(pilot)
        reader = screen_of(pilot).query_one(DocumentReader)
        assert reader.document is not None and reader.has_focus
        hits = list(reader.hits)
        wanted = "peru"
        expected = find_spans(reader.document.text, wanted)
        assert len(expected) > 2 and expected != hits
        assert reader.current is not None
        at = reader.hits[reader.current].start  # the find starts from the current hit
        first = next((n for n, span in enumerate(expected) if span.start >= at), 0)
        await pilot.press("f")
        await settle(pilot)
        prompt = pilot.app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.query_one(Input).value = wanted
        await pilot.press("enter")
        await settle(pilot)
        assert reader.has_focus and reader.hits == expected and reader.current == first
        assert f"{first + 1}/{len(expected)}" in str(reader.border_subtitle)
        assert f"{len(expected)} matches in this document" in status_of(pilot)
        await pilot.press("n", "n")
        assert reader.current == (first + 2) % len(expected)
        await pilot.press("N")
        assert reader.current == (first + 1) % len(expected)
        await pilot.press("escape")  # the find ends: the search's hits again, focus stays
        await settle(pilot)
        assert reader.finding is None and reader.hits == hits and reader.has_focus
        await pilot.press("escape")  # and Esc backs out as before
        await settle(pilot)
        assert isinstance(screen_of(pilot).focused, ResultsList)


async def test_the_dossier_shows_document_text_as_text_never_markup(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c",
        {
            "evil.txt": "Evil [bold red]report[/]\n\nMaria Quispe said [link=file:///etc/passwd]go"
            "[/link] and [@click=app.quit]run[/] \x1b[2J in Lima on 3 March 2021. Maria Quispe "
            "left [/] later.\n",
        },
    )
    collection = Collection(corpus, tmp_path / "ix")
    app = QuipuApp(collection, show_timings=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        dossier = await open_dossier(pilot, "quispe")
        listing = dossier.query_one("#dossier-mentions", OptionList)
        shown = "\n".join(
            str(listing.get_option_at_index(n).prompt) for n in range(listing.option_count)
        )
        assert "[link=file:///etc/passwd]go[/link]" in shown
        assert "[@click=app.quit]run[/]" in shown
        assert "\x1b" not in shown and "␛[2J" in shown
        assert "[/] later" in shown
        assert "Evil [bold red]report[/]" in shown  # the title, as the list shows it
        assert pilot.app.is_running
