"""Pilot tests of the investigator's tools added to the reader: saved searches (kept in the CLI's
file, reopened from the palette after a restart), the notes list (open, delete, export as
Markdown), sort by date and the publication-date filter, the document in $PAGER/$EDITOR at the
current line, a citation copied through OSC 52, and files changed while the reader is open."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_tui_investigator import NARROW, WIDE, status_of, submit
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from conftest import run_cli, screen_of, settle
from index.api import Collection, bundled_seeds
from index.models import Query
from tui.app import QuipuApp
from tui.screens.notes import NotesScreen
from tui.screens.prompt import ChoiceScreen, PromptScreen
from tui.widgets.document_reader import DocumentReader
from tui.widgets.results_list import ResultsList
from tui.widgets.search_box import SearchBox

SIZES = pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x35", "80x24"])


async def answer(pilot: Pilot[None], text: str) -> None:
    """Type the answer to the prompt in front and press Enter."""
    prompt = pilot.app.screen
    assert isinstance(prompt, PromptScreen)
    prompt.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)


async def to_reader(pilot: Pilot[None], query: str) -> DocumentReader:
    """Search ``query`` and open the first hit in the reader (which takes the focus)."""
    await submit(pilot, query)
    await pilot.press("enter")
    await settle(pilot)
    reader = screen_of(pilot).query_one(DocumentReader)
    assert reader.has_focus and reader.document is not None
    return reader


def reader_status(pilot: Pilot[None]) -> str:
    """The reader's status line, also while a screen is in front of it."""
    reader = pilot.app.reader  # type: ignore[attr-defined]
    return str(reader.query_one("#status-line").render())


def title_of(pilot: Pilot[None]) -> str:
    return str(screen_of(pilot).query_one("#title-bar").render())


def listed_docs(pilot: Pilot[None]) -> list[str]:
    screen = screen_of(pilot)
    assert screen.results is not None
    return [hit.doc for hit in screen.results.hits]


# -- saved searches ------------------------------------------------------------------------------


@SIZES
async def test_a_search_saved_with_its_filters_reopens_from_the_palette_after_a_restart(
    seeds_index: Path, size: tuple[int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    first = QuipuApp(Collection(bundled_seeds(), seeds_index), show_timings=False)
    async with first.run_test(size=size) as pilot:
        await settle(pilot)
        await submit(pilot, "protest")
        await pilot.press("ctrl+g")  # the publication dates, from the results
        await settle(pilot)
        await answer(pilot, "2023-01")
        await pilot.press("ctrl+o")  # by date
        await settle(pilot)
        saved_state = screen_of(pilot).state
        assert saved_state.published == (date(2023, 1, 1), date(2023, 1, 31))
        assert saved_state.sort == "date"
        await pilot.press("f4")
        await settle(pilot)
        await answer(pilot, "january protests")
        assert 'saved as "january protests"' in status_of(pilot)
    # The CLI's file is the store: quipu saved lists it, quipu search --saved runs it.
    code, out, _ = run_cli(capsys, "saved", "--corpus", str(bundled_seeds()))
    assert code == 0
    assert out == ("january protests\tprotest  (from 2023-01-01, to 2023-01-31, sort date)\n")

    again = QuipuApp(Collection(bundled_seeds(), seeds_index), show_timings=False)
    async with again.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"january")
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = screen_of(pilot)
        assert screen.state == saved_state
        assert screen.query_one(SearchBox).value == "protest"
        expected = again.collection.search(
            "protest",
            limit=20,
            date_from=date(2023, 1, 1),
            date_to=date(2023, 1, 31),
            sort="date",
        )
        assert expected.hits and listed_docs(pilot) == [hit.doc for hit in expected.hits]
        assert isinstance(screen.focused, ResultsList)  # the results take the focus
        assert "published 2023-01-01 → 2023-01-31 ✕" in status_of(pilot)


async def test_saving_needs_a_search_and_s_in_the_reader_saves(app: QuipuApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        screen.action_save_search()  # nothing searched: nothing to save, no prompt
        await settle(pilot)
        assert pilot.app.screen is screen
        await to_reader(pilot, "curfew")
        await pilot.press("s")
        await settle(pilot)
        await answer(pilot, "curfews")
        searches, warnings = app.collection.saved_searches()
        assert not warnings
        assert [(s.name, s.query, s.sort) for s in searches] == [("curfews", "curfew", "relevance")]


# -- the notes list ------------------------------------------------------------------------------


@SIZES
async def test_the_notes_list_opens_deletes_and_exports_markdown(
    app: QuipuApp, size: tuple[int, int], tmp_path: Path
) -> None:
    collection = app.collection
    rows = collection.documents()
    first, second = rows[0].doc, rows[1].doc
    text = collection.document(second).text
    start = text.index("Boluarte")
    collection.add_note(first, 0, 20, "the headline")
    collection.add_note(second, start, start + len("Boluarte"), "")  # a bookmark
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        notes = pilot.app.screen
        assert isinstance(notes, NotesScreen)
        listing = notes.query_one("#notes-list", OptionList)
        assert listing.option_count == 2
        rows_shown = [str(listing.get_option_at_index(n).prompt) for n in range(2)]
        assert rows_shown[0].startswith("Note: the headline — ")
        assert rows_shown[1].startswith("Bookmark: Boluarte — ")

        # Export: the prompt offers a file; Enter writes it and the status line says where.
        await pilot.press("e")
        await settle(pilot)
        target = tmp_path / "exported.md"
        await answer(pilot, str(target))
        assert pilot.app.screen is notes
        markdown = target.read_text(encoding="utf-8")
        placed, _ = collection.notes()
        from index.userdata.notes import as_markdown

        assert markdown == as_markdown(bundled_seeds().name, placed)
        assert "> Boluarte" in markdown and "the headline" in markdown
        said = f"2 notes exported to {target}"
        assert said in str(notes.query_one("#notes-status").render())
        assert said in reader_status(pilot)  # the reader's status line too, under the list

        # Delete the bookmark (asked first), then open the note.
        await pilot.press("down", "d")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is notes
        assert [p.note.text for p in collection.notes()[0]] == ["the headline"]
        assert listing.option_count == 1
        await pilot.press("enter")
        await settle(pilot)
        screen = screen_of(pilot)
        reader = screen.query_one(DocumentReader)
        assert reader.document is not None and reader.document.doc == first
        assert reader.has_focus


async def test_an_export_never_writes_over_a_file_that_is_not_one(
    app: QuipuApp, tmp_path: Path
) -> None:
    app.collection.add_note(app.collection.documents()[0].doc, 0, 10, "x")
    precious = tmp_path / "thesis.md"
    precious.write_text("my thesis\n", encoding="utf-8")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await answer(pilot, str(precious))
        assert "not exported" in reader_status(pilot)
        assert "not an export of notes" in reader_status(pilot)
    assert precious.read_text(encoding="utf-8") == "my thesis\n"


async def test_the_default_export_goes_to_the_current_folder(
    app: QuipuApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app.collection.add_note(app.collection.documents()[0].doc, 0, 10, "x")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        prompt = pilot.app.screen
        assert isinstance(prompt, PromptScreen)
        offered = tmp_path / f"quipu-notes-{bundled_seeds().name}.md"
        assert prompt.query_one(Input).value == str(offered)
        await pilot.press("enter")
        await settle(pilot)
        assert offered.read_text(encoding="utf-8").startswith("# Notes on ")
        assert str(offered) in reader_status(pilot)


# -- sort and publication dates ------------------------------------------------------------------


@SIZES
async def test_o_sorts_by_date_and_ctrl_g_filters_by_publication_date(
    app: QuipuApp, size: tuple[int, int]
) -> None:
    collection = app.collection
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await to_reader(pilot, "peru")
        by_relevance = listed_docs(pilot)
        await pilot.press("o")
        await settle(pilot)
        by_date = [h.doc for h in collection.search("peru", limit=20, sort="date").hits]
        assert listed_docs(pilot) == by_date and sorted(by_date) == sorted(by_relevance)
        published = {row.doc: row.published or "" for row in collection.documents()}
        dates = [published[doc] for doc in by_date]
        assert dates == sorted(dates, reverse=True)
        assert "by date" in status_of(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert listed_docs(pilot) == by_relevance

        await pilot.press("ctrl+g")  # in the reader too (d there is the document's own date)
        await settle(pilot)
        await answer(pilot, "2022-12-01 2022-12-31")
        expected = collection.search(
            "peru", limit=20, date_from=date(2022, 12, 1), date_to=date(2022, 12, 31)
        )
        assert 0 < len(expected.hits) < len(by_relevance)
        assert listed_docs(pilot) == [hit.doc for hit in expected.hits]
        assert "published 2022-12-01 → 2022-12-31 ✕" in status_of(pilot)
        await pilot.press("ctrl+g")  # a bad range: said, the filter stays
        await settle(pilot)
        await answer(pilot, "2023-02-01 2023-01-01")
        assert "reversed range" in status_of(pilot)
        assert screen_of(pilot).state.published == (date(2022, 12, 1), date(2022, 12, 31))
        await pilot.press("x")  # clears it with the other filters
        await settle(pilot)
        assert screen_of(pilot).state.published is None
        assert listed_docs(pilot) == by_relevance


async def test_ctrl_o_in_the_document_list_orders_it_by_date(app: QuipuApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = screen_of(pilot)
        assert isinstance(screen.focused, ResultsList)
        await pilot.press("ctrl+o")
        await settle(pilot)
        listing = screen.query_one(ResultsList)
        shown = [listing.get_option_at_index(n).id for n in range(listing.option_count)]
        rows = sorted(app.collection.documents(), key=lambda r: r.published or "", reverse=True)
        assert [str(doc) for doc in shown] == [row.doc for row in rows]
        assert screen.state == Query(sort="date")


def test_publication_ranges_as_typed() -> None:
    from tui.state import parse_published

    assert parse_published("2023") == (date(2023, 1, 1), date(2023, 12, 31))
    assert parse_published("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert parse_published("2023-01-05 2023-02") == (date(2023, 1, 5), date(2023, 2, 28))
    assert parse_published("2023-01-05 …") == (date(2023, 1, 5), None)
    assert parse_published("- 2022") == (None, date(2022, 12, 31))
    assert parse_published("2022-12 to 2023-01") == (date(2022, 12, 1), date(2023, 1, 31))
    assert parse_published("2023-01-05 → …") == (date(2023, 1, 5), None)  # as the chip has it
    for bad in ("yesterday", "2023-02-30", "2023 2022", "… …", "1 2 3"):
        assert isinstance(parse_published(bad), str), bad


# -- taking the document elsewhere ---------------------------------------------------------------


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """The commands the reader runs outside, recorded instead of run (and no terminal to give
    up: Pilot's has none to suspend)."""
    calls: list[list[str]] = []

    def run(argv: list[str], check: bool = False) -> subprocess.CompletedProcess[bytes]:
        calls.append(list(argv))
        return subprocess.CompletedProcess(argv, 0)

    monkeypatch.setattr("tui.screens.reader.subprocess.run", run)
    monkeypatch.setattr(QuipuApp, "suspend", lambda self: contextlib.nullcontext())
    yield calls


@SIZES
async def test_p_and_v_open_the_file_at_the_current_hit_s_line(
    app: QuipuApp, size: tuple[int, int], ran: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGER", "less -R")
    monkeypatch.setenv("EDITOR", "nvim")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        reader = await to_reader(pilot, "curfew")
        await pilot.press("n")
        assert reader.current is not None and reader.document is not None
        hit = reader.hits[reader.current]
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        path = bundled_seeds() / reader.document.path
        assert len(ran) == 2
        pager, editor = ran
        assert pager[:2] == ["less", "-R"] and editor[0] == "nvim"
        assert pager[2] == editor[1] and pager[3] == editor[2] == str(path)
        line = int(pager[2].removeprefix("+"))
        lines = path.read_text(encoding="utf-8").splitlines()
        word = reader.document.text[hit.start : hit.end]
        assert word.lower() in lines[line - 1].lower()
        assert f"opened at line {line}" in status_of(pilot)
        assert pilot.app.is_running


async def test_a_program_that_is_missing_is_said_in_a_line(
    app: QuipuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "no-such-editor-here")
    monkeypatch.setattr(QuipuApp, "suspend", lambda self: contextlib.nullcontext())
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await to_reader(pilot, "curfew")
        await pilot.press("v")
        await settle(pilot)
        assert "cannot run no-such-editor-here: not found (set $EDITOR)" in status_of(pilot)


def test_the_command_takes_the_line_in_each_program_s_form() -> None:
    from tui.external import external_command

    path = Path("/c/a b.txt")
    assert external_command("PAGER", {}, path, 7) == ["less", "+7", "/c/a b.txt"]
    assert external_command("EDITOR", {}, path, 7) == ["vi", "+7", "/c/a b.txt"]
    assert external_command("EDITOR", {"VISUAL": "emacs -nw"}, path, 3) == [
        "emacs",
        "-nw",
        "+3",
        "/c/a b.txt",
    ]
    assert external_command("EDITOR", {"EDITOR": "code -w"}, path, 3) == [
        "code",
        "-w",
        "--goto",
        "/c/a b.txt:3",
    ]
    assert external_command("EDITOR", {"EDITOR": "hx"}, path, 3) == ["hx", "/c/a b.txt:3"]
    assert external_command("EDITOR", {"EDITOR": "ed"}, path, 3) == ["ed", "/c/a b.txt"]
    assert external_command("PAGER", {"PAGER": "less"}, path, None) == ["less", "/c/a b.txt"]


@SIZES
async def test_c_copies_a_citation_through_the_terminal_only_when_asked(
    app: QuipuApp, size: tuple[int, int]
) -> None:
    copied: list[str] = []
    async with app.run_test(size=size) as pilot:
        original = pilot.app.copy_to_clipboard

        def copy(text: str) -> None:
            copied.append(text)
            original(text)

        pilot.app.copy_to_clipboard = copy  # type: ignore[method-assign]
        await settle(pilot)
        reader = await to_reader(pilot, "curfew")
        assert copied == []  # nothing copied unasked
        await pilot.press("c")
        await settle(pilot)
        assert len(copied) == 1 and pilot.app.clipboard == copied[0]
        document = reader.document
        assert document is not None and reader.current is not None
        hit = reader.hits[reader.current]
        passage = next(p for p in document.passages if p.start <= hit.start < p.end)
        quote = " ".join(document.text[passage.start : passage.end].split())
        citation = copied[0]
        assert citation.startswith("“" + quote[:100])
        assert document.path in citation and " ".join(document.title.split()) in citation
        assert (document.published or "undated") in citation
        assert f"characters {passage.start}–{passage.end}" in citation
        assert "citation copied" in status_of(pilot) and "OSC 52" in status_of(pilot)


def test_a_citation_cuts_a_long_passage_at_a_word() -> None:
    from index.models import Document, Span
    from index.reading.citation import QUOTE_CHARS, citation

    text = "word " * 400
    document = Document(
        "d", "d.txt", "A title", None, None, "unknown", None, None, text, (Span(0, len(text)),)
    )
    quote, source = citation(document, Span(0, len(text))).splitlines()
    assert len(quote) <= QUOTE_CHARS + 4 and quote.endswith("word …”")
    assert source == f"— A title, undated, d.txt, characters 0–{len(text)}"


# -- files changed while the reader is open ------------------------------------------------------


@pytest.fixture
def own_seeds(tmp_path: Path) -> Collection:
    corpus = tmp_path / "seeds"
    shutil.copytree(bundled_seeds(), corpus, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    collection = Collection(corpus, tmp_path / "own-index")
    collection.update()
    return collection


async def wait_until(pilot: Pilot[None], done: Any, rounds: int = 100) -> None:
    """Let the reader's poll run (it is a timer: time must pass) until ``done()``."""
    for _ in range(rounds):
        if done():
            return
        await pilot.pause(0.1)
        await settle(pilot)
    raise AssertionError(f"the change was not noticed: {status_of(pilot)}")


@SIZES
async def test_a_file_changed_while_open_is_noticed_and_the_panes_follow(
    own_seeds: Collection, size: tuple[int, int]
) -> None:
    app = QuipuApp(own_seeds, show_timings=False, watch_seconds=0.2)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        reader = await to_reader(pilot, "curfew")
        assert reader.document is not None
        open_doc, path = reader.document.doc, own_seeds.corpus / reader.document.path
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\nA late paragraph about the zorblatt committee.\n")
        (own_seeds.corpus / "new.txt").write_text(
            "Zorblatt hearing\n\nThe zorblatt committee met in Lima.\n", encoding="utf-8"
        )
        await wait_until(pilot, lambda: "updated" in title_of(pilot))
        assert "(1 added, 1 updated)" in title_of(pilot)
        screen = screen_of(pilot)
        assert len(screen.documents) == len(own_seeds.documents())
        assert any(row.path == "new.txt" for row in screen.documents)
        await wait_until(pilot, lambda: reader.document and "zorblatt" in reader.document.text)
        assert reader.document is not None and reader.document.doc == open_doc  # read again
        await submit(pilot, "zorblatt")
        assert len(listed_docs(pilot)) == 2


async def test_no_change_no_update(own_seeds: Collection, monkeypatch: pytest.MonkeyPatch) -> None:
    updates: list[bool] = []
    real = Collection.update

    def counted(self: Collection, *args: Any, **kwargs: Any) -> Any:
        updates.append(True)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Collection, "update", counted)
    app = QuipuApp(own_seeds, show_timings=False, watch_seconds=0.1)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for _ in range(8):
            await pilot.pause(0.1)
        await settle(pilot)
        assert updates == [] and "files changed" not in status_of(pilot)


@SIZES
async def test_help_lists_each_new_key(app: QuipuApp, size: tuple[int, int]) -> None:
    from textual.widgets import Static

    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        keys = {str(k.render()) for k in pilot.app.screen.query(".help-key").results(Static)}
        new = {"Ctrl+O  or o", "Ctrl+G", "F4  or s", "F3", "p / v", "c"}
        assert new <= keys
        from tui.screens.reader import ReaderScreen

        bound = {b.key for b in ReaderScreen.BINDINGS if isinstance(b, Binding)}
        assert {"o,ctrl+o", "ctrl+g", "s,f4", "f3", "c", "p", "v"} <= bound  # each is bound


async def test_a_slow_look_at_the_files_spaces_out_the_next(
    own_seeds: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Watching costs a bounded share of a core: a look that takes 50 ms waits 2 s (40 times
    as long) for the next, however short the interval asked for."""
    import time

    looks: list[float] = []

    def slow(self: Collection) -> bool:
        looks.append(time.monotonic())
        time.sleep(0.05)
        return False

    monkeypatch.setattr(Collection, "corpus_changed", slow)
    app = QuipuApp(own_seeds, show_timings=False, watch_seconds=0.01)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        # The gap is measured, not the wait: a loaded machine makes the look slower (and the
        # gap after it longer), so the wait is generous.
        await wait_until(pilot, lambda: len(looks) >= 2, rounds=250)
    gaps = [b - a for a, b in zip(looks, looks[1:], strict=False)]
    assert gaps and min(gaps) >= 40 * 0.05 * 0.9


@SIZES
async def test_a_history_line_not_understood_is_said_in_a_line_and_kept(
    own_seeds: Collection, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.userdata.query_history import QueryHistory

    own_seeds.remember_query("strike")
    path = QueryHistory.of(own_seeds.corpus).file.path
    path.write_text(path.read_text(encoding="utf-8") + "typed by hand\n", encoding="utf-8")
    said: list[str] = []
    app = QuipuApp(own_seeds, show_timings=False, watch_seconds=0)
    original = QuipuApp.notify

    def notify(self: QuipuApp, message: str, **kwargs: Any) -> None:
        said.append(message)
        original(self, message, **kwargs)

    monkeypatch.setattr(QuipuApp, "notify", notify)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await submit(pilot, "curfew")
    warnings = [m for m in said if "not understood" in m]
    assert len(warnings) == 1 and "\n" not in warnings[0] and str(path) in warnings[0]
    assert "typed by hand" in path.read_text(encoding="utf-8").splitlines()
    assert own_seeds.past_queries() == ["strike", "curfew"]


async def test_a_saved_search_with_an_entity_and_no_words_filters_by_it(
    app: QuipuApp,
) -> None:
    from index.userdata.saved_searches import SavedSearch
    from tui.widgets.entity_sidebar import EntitySidebar

    app.collection.save_search(SavedSearch("kenna", "", entity="Lisa Kenna"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"saved: kenna")
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = screen_of(pilot)
        assert screen.state == Query(entity="Lisa Kenna")
        expected = app.collection.search("*", limit=20, entity="Lisa Kenna")
        assert expected.hits and listed_docs(pilot) == [hit.doc for hit in expected.hits]
        assert screen.query_one(EntitySidebar).selected == "Lisa Kenna"
        assert "entity: Lisa Kenna ✕" in status_of(pilot)
