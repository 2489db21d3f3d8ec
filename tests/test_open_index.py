"""An index that changes under an open collection (the reader's, which lives for hours): a
rebuild by another process is noticed and reloaded, though Whoosh's generations start again at
1 with it; a deleted index folder is one line that says so and how to rebuild, never an error
from Whoosh escaping the reader's workers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, write_corpus
from index.api import Collection
from index.errors import IndexMissingError, UsageError

OLD = {f"old{i}.txt": f"Old report {i}\n\nThe harbour strike, part {i}.\n" for i in range(6)}
NEW = {f"new{i}.txt": f"New report {i}\n\nA railway blockade, part {i}.\n" for i in range(4)}


def found(collection: Collection, query: str) -> set[str]:
    return {hit.doc for hit in collection.search(query, 50).hits}


def rebuilt_elsewhere(corpus: Path, index_dir: Path) -> None:
    """``quipu index --rebuild`` in another process."""
    result = subprocess.run(
        [sys.executable, "-m", "tui", "index", "--rebuild"]
        + ["--corpus", str(corpus), "--index-dir", str(index_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture
def opened(tmp_path: Path) -> tuple[Path, Collection]:
    corpus = write_corpus(tmp_path / "corpus", OLD)
    collection = Collection(corpus, tmp_path / "index")
    collection.update()
    assert found(collection, "harbour") == {f"old{i}" for i in range(6)}
    return corpus, collection


@pytest.mark.serial  # waits for the reader to notice another process
def test_an_open_collection_follows_a_rebuild_by_another_process(
    opened: tuple[Path, Collection],
) -> None:
    corpus, collection = opened
    for i in range(3):
        (corpus / f"old{i}.txt").unlink()
    write_corpus(corpus, NEW)
    rebuilt_elsewhere(corpus, collection.index_dir)
    for _ in range(2):  # and again, once reloaded
        assert found(collection, "harbour") == {f"old{i}" for i in range(3, 6)}
        assert found(collection, "railway") == {f"new{i}" for i in range(4)}
        assert len(collection.documents()) == 7
        with pytest.raises(UsageError):
            collection.document("old0")  # deleted: not opened from the old index
    # A second rebuild of the same files (the same generation, the same counts) too.
    (corpus / "new0.txt").write_text("New report 0\n\nA vigil at the dockside.\n")
    rebuilt_elsewhere(corpus, collection.index_dir)
    assert found(collection, "vigil") == {"new0"}


def test_a_deleted_index_folder_is_one_line_with_the_way_back(
    opened: tuple[Path, Collection],
) -> None:
    corpus, collection = opened
    shutil.rmtree(collection.index_dir)
    for ask in (
        lambda: collection.search("harbour"),
        collection.documents,
        lambda: collection.document("old1"),
    ):
        with pytest.raises(IndexMissingError) as raised:
            ask()
        message = str(raised.value)
        assert str(collection.index_dir) in message and "deleted" in message
        assert "quipu index --rebuild" in message and "\n" not in message
    # Rebuilt (by the reader's own command, or another process), it answers again.
    collection.update(rebuild=True)
    assert found(collection, "harbour") == {f"old{i}" for i in range(6)}


@pytest.mark.serial  # waits for the reader to notice another process
async def test_the_reader_says_its_index_was_deleted_and_offers_the_rebuild(
    opened: tuple[Path, Collection],
) -> None:
    from textual.widgets import Static

    from conftest import screen_of, settle
    from tui.app import QuipuApp
    from tui.widgets.results_list import ResultsList
    from tui.widgets.search_box import SearchBox

    corpus, collection = opened
    app = QuipuApp(Collection(corpus, collection.index_dir), show_timings=False)

    async def search(pilot: Any, text: str) -> None:
        await pilot.press("slash")
        box = pilot.app.screen.query_one(SearchBox)
        box.value = text
        box.cursor_position = len(text)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.25)  # past the debounce of the value set
        await settle(pilot)

    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await search(pilot, "harbour")
        assert len(pilot.app.screen.query_one(ResultsList).hits) == 6
        shutil.rmtree(collection.index_dir)
        await search(pilot, "strike")
        # On a loaded machine the last harbour document may land after the failed search and
        # say its own status; the reader's look at the index (every 2 s) says it again then.
        for _ in range(50):
            status = str(pilot.app.screen.query_one("#status-line", Static).render())
            if "was deleted while open" in status:
                break
            await pilot.pause(0.1)
        assert "was deleted while open" in status and "Rebuild index" in status
        screen_of(pilot).action_rebuild_index()  # what the offer names (the command palette's)
        await settle(pilot)
        await search(pilot, "strike")
        assert len(pilot.app.screen.query_one(ResultsList).hits) == 6


@pytest.mark.serial  # waits for the reader to notice another process
async def test_a_folder_deleted_under_the_reader_is_offered_its_rebuild_by_the_watch_too(
    opened: tuple[Path, Collection],
) -> None:
    """The reader's own look at the index (every 2 s) may be the first to find the folder gone:
    it says so with the same offer of the rebuild as a failed search (it said the bare error,
    and the search's offer, when it came first, was written over)."""
    from textual.widgets import Static

    from conftest import screen_of, settle
    from tui.app import QuipuApp

    corpus, collection = opened
    app = QuipuApp(Collection(corpus, collection.index_dir), show_timings=False)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        shutil.rmtree(collection.index_dir)
        screen_of(pilot)._check_index()
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        status = str(pilot.app.screen.query_one("#status-line", Static).render())
        assert "was deleted while open" in status and "Rebuild index" in status


@pytest.mark.serial  # waits for the reader to notice another process
async def test_the_watch_for_changed_files_says_a_deleted_index_and_does_not_rebuild_it(
    opened: tuple[Path, Collection], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The look for changed files took a deleted index for every file changed and indexed them
    all again unasked ("files changed while open: 6 added"), over the offer of the rebuild: it
    says the index was deleted, with the offer, and writes nothing."""
    from textual.widgets import Static

    from conftest import settle
    from tui.app import QuipuApp
    from tui.screens import reader

    monkeypatch.setattr(reader, "INDEX_CHECK_SECONDS", 3600)  # only the files' watch looks
    corpus, collection = opened
    app = QuipuApp(Collection(corpus, collection.index_dir), show_timings=False, watch_seconds=0.1)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        shutil.rmtree(collection.index_dir)
        for _ in range(50):
            await pilot.pause(0.1)
            status = str(pilot.app.screen.query_one("#status-line", Static).render())
            if "deleted" in status:
                break
        await pilot.pause(0.5)  # more looks
        await settle(pilot)
        status = str(pilot.app.screen.query_one("#status-line", Static).render())
        assert "was deleted while open" in status and "Rebuild index" in status
        assert not collection.index_dir.exists()


@pytest.mark.serial  # waits for the reader to notice another process
async def test_the_reader_lists_the_documents_of_an_outside_rebuild_at_once(
    opened: tuple[Path, Collection], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader notices a rebuild (or an update) by another process by itself, and lists
    its documents, counts them in the title and reads the entities again (was: the old list
    stayed until the next search)."""
    from textual.widgets import Static

    from conftest import settle
    from tui.app import QuipuApp
    from tui.screens import reader
    from tui.widgets.entity_sidebar import EntitySidebar
    from tui.widgets.results_list import ResultsList

    monkeypatch.setattr(reader, "INDEX_CHECK_SECONDS", 0.1)
    corpus, collection = opened
    app = QuipuApp(Collection(corpus, collection.index_dir), show_timings=False)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        listing = pilot.app.screen.query_one(ResultsList)

        def listed() -> list[str]:
            return [document.doc for document in listing.documents]

        assert listed() == [f"old{i}" for i in range(6)]
        await pilot.pause(0.3)  # the reader's own index, checked: nothing changes
        assert listed() == [f"old{i}" for i in range(6)]
        for i in range(3):
            (corpus / f"old{i}.txt").unlink()
        write_corpus(corpus, NEW)
        write_corpus(corpus, {"lima.txt": "Lima report\n\nMaria Quispe spoke in Lima.\n"})
        rebuilt_elsewhere(corpus, collection.index_dir)
        for _ in range(100):
            await pilot.pause(0.1)
            if len(listed()) != 6:
                break
        await settle(pilot)
        assert listed() == ["lima"] + [f"new{i}" for i in range(4)] + [
            f"old{i}" for i in range(3, 6)
        ]
        assert listing.option_count == 8
        assert "8 docs" in str(pilot.app.screen.query_one("#title-bar", Static).render())
        names = {entity.name for entity in pilot.app.screen.query_one(EntitySidebar).entities}
        assert "Maria Quispe" in names
