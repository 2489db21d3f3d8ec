"""Every file of the user's (history, saved searches, notes, entity corrections, dates), through
the Collection the reader uses: a line it does not understand gives one line of warning and is
never written away; two readers writing notes at once lose none of each other's."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest

from index.api import Collection
from index.userdata.saved_searches import SavedSearch
from index.userdata.user_data import CORRECTIONS, DATES, corpus_data_dir

BAD_LINE = "this line was typed by hand, with no tabs"
"""A line no file's format holds: kept as it is, warned about."""


def _history(collection: Collection) -> tuple[str, tuple[str, ...]]:
    from index.userdata.query_history import HISTORY, QueryHistory

    collection.remember_query("strike")
    return HISTORY, QueryHistory.of(collection.corpus).entries()[1]


def _saved(collection: Collection) -> tuple[str, tuple[str, ...]]:
    from index.userdata.saved_searches import SAVED

    collection.save_search(SavedSearch("strikes", "strike", sort="date"))
    return SAVED, collection.saved_searches()[1]


def _notes(collection: Collection) -> tuple[str, tuple[str, ...]]:
    from index.userdata.notes import NOTES

    collection.add_note(collection.documents()[0].doc, 0, 10, "a note")
    return NOTES, collection.notes()[1]


def _corrections(collection: Collection) -> tuple[str, tuple[str, ...]]:
    from index.userdata.alias_edits import AliasEdit

    collection.correct(AliasEdit("type", "Valparaíso", "PLACE"))
    return CORRECTIONS, collection.corrections()[1]


def _dates(collection: Collection) -> tuple[str, tuple[str, ...]]:
    collection.state_date(collection.documents()[0].doc, "2021-03-01")
    return DATES, collection.stated_dates()[1]


WRITERS: dict[str, tuple[str, Callable[[Collection], tuple[str, tuple[str, ...]]]]] = {
    "history": ("2026-01-01T00:00:00Z\tan old query\n", _history),
    "saved": ("old\tan old query\t\t\t\trelevance\n", _saved),
    "notes": ("n1\t2026-01-01T00:00:00Z\tharbour\tharbour.txt\t0\t5\tDockw\tan old note\n", _notes),
    "corrections": ("rename\tAna Beltrán\tAna Beltran\n", _corrections),
    "dates": ("mines\t2021-04\tan old date\n", _dates),
}


@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_line_not_understood_warns_in_one_line_and_is_written_back(
    small_collection: Collection, kind: str
) -> None:
    record, write = WRITERS[kind]
    folder = corpus_data_dir(small_collection.corpus)
    folder.mkdir(parents=True, exist_ok=True)
    file_name, _ = write(small_collection)  # a first change makes the file (and its header)
    path = folder / file_name
    before = path.read_text(encoding="utf-8")
    path.write_text(before + BAD_LINE + "\n" + record, encoding="utf-8")
    held = path.read_text(encoding="utf-8").splitlines()

    _, warnings = write(small_collection)  # a second change, on the file with the bad line

    after = path.read_text(encoding="utf-8").splitlines()
    assert BAD_LINE in after
    assert record.rstrip("\n") in after  # the old record too
    assert len(after) >= len(held)  # never less than it held
    assert len(warnings) == 1 and "\n" not in warnings[0] and "not understood" in warnings[0]
    assert str(path) in warnings[0]


def test_an_unreadable_file_is_left_as_it_is_and_the_change_says_so(
    small_collection: Collection,
) -> None:
    from index.userdata.notes import NOTES

    path = corpus_data_dir(small_collection.corpus) / NOTES
    path.mkdir(parents=True)  # a folder where the file goes: it cannot be read
    with pytest.raises(OSError, match="cannot read"):
        small_collection.add_note(small_collection.documents()[0].doc, 0, 10, "lost?")
    assert path.is_dir() and not any(path.iterdir())


def _reader_writes_notes(corpus: str, index_dir: str, label: str, count: int) -> None:
    collection = Collection(Path(corpus), Path(index_dir))
    doc = collection.documents()[0].doc
    for number in range(count):
        collection.add_note(doc, number, number + 5, f"{label} {number}")


def test_two_readers_on_one_collection_keep_each_other_s_notes(
    small_collection: Collection,
) -> None:
    small_collection.add_note(small_collection.documents()[0].doc, 0, 5, "before")
    context = multiprocessing.get_context("fork")
    readers = [
        context.Process(
            target=_reader_writes_notes,
            args=(str(small_collection.corpus), str(small_collection.index_dir), label, 25),
        )
        for label in ("first", "second")
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(60)
        assert reader.exitcode == 0
    notes, warnings = small_collection.notes()
    assert not warnings
    written = sorted(placed.note.text for placed in notes)
    expected = ["before"] + [f"{label} {n}" for label in ("first", "second") for n in range(25)]
    assert written == sorted(expected)
    assert len({placed.note.id for placed in notes}) == len(notes)  # ids stay unique
