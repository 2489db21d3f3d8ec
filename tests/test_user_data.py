"""The user's files: per-corpus folder, escaping, kept lines, atomic locked changes."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from index.userdata.query_history import KEEP, QueryHistory
from index.userdata.saved_searches import SavedSearch, SavedSearches
from index.userdata.user_data import TableFile, corpus_data_dir, escape, unescape


def test_folder_is_under_the_data_dir_not_the_cache(isolated_home: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "Letters 1921"
    corpus.mkdir()
    folder = corpus_data_dir(corpus)
    assert folder.is_relative_to(isolated_home / "xdg_data_home")
    assert folder.name.startswith("Letters 1921-")
    assert corpus_data_dir(corpus) == folder
    other = tmp_path / "other"
    other.mkdir()
    assert corpus_data_dir(other) != folder


@pytest.mark.parametrize(
    "value", ["plain", "tab\there", "two\nlines", "back\\slash", "\\t literal", "ünï ç", ""]
)
def test_escape_round_trips(value: str) -> None:
    written = escape(value)
    assert "\t" not in written and "\n" not in written
    assert unescape(written) == value


def test_unknown_escape_does_not_parse() -> None:
    assert unescape("a\\qb") is None


def test_malformed_lines_warn_once_each_and_survive_a_change(tmp_path: Path) -> None:
    path = tmp_path / "saved.tsv"
    path.write_bytes(
        b"# my own comment\n"
        b"old\tquery\t\t\t\trelevance\n"
        b"this line has no tabs\n"
        b"bad\\qescape\tq\t\t\t\trelevance\n"
        b"latin1 \xe9\tq\t\t\t\tdate\n"
    )
    file = TableFile(path, (6,))
    table = file.read()
    assert len(table.warnings) == 2
    assert all("kept as it is" in w and "\n" not in w for w in table.warnings)
    assert "line 3" in table.warnings[0] and "line 4" in table.warnings[1]
    file.change(lambda records: [*records, ("new", "strike", "", "", "", "date")])
    after = path.read_bytes()
    assert after.startswith(b"# my own comment\nold\tquery")
    assert b"this line has no tabs\n" in after and b"bad\\qescape" in after
    assert b"latin1 \xe9\t" in after  # undecodable bytes written back as they were
    assert after.endswith(b"new\tstrike\t\t\t\tdate\n")


def test_a_new_file_gets_its_header_and_no_temporary_is_left(tmp_path: Path) -> None:
    file = TableFile(tmp_path / "deep" / "h.tsv", (2,), ("a header",))
    file.change(lambda records: [("t", "q")])
    assert (tmp_path / "deep" / "h.tsv").read_text() == "# a header\nt\tq\n"
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == [".h.tsv.lock", "h.tsv"]


def test_unreadable_file_is_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "h.tsv"
    path.mkdir()  # a directory where the file should be: reading fails
    file = TableFile(path, (2,))
    with pytest.raises(OSError, match="cannot read .*nothing written"):
        file.change(lambda records: [("t", "q")])  # said, not passed over in silence
    assert path.is_dir()


def _add_many(path: str, label: str) -> None:
    file = TableFile(Path(path), (2,))
    for number in range(40):
        file.change(lambda records, n=number: [*records, (label, str(n))])


def test_two_writers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "notes.tsv"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_add_many, args=(str(path), name)) for name in "ab"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    records = TableFile(path, (2,)).read().records
    assert sorted(records) == sorted((label, str(n)) for label in "ab" for n in range(40))


def test_history_oldest_first_without_repeats(tmp_path: Path) -> None:
    history = QueryHistory.of(tmp_path)
    when = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    for query in ["strike", "strike", "  curfew   AND  lima ", "strike", ""]:
        history.add(query, when)
    entries, warnings = history.entries()
    assert [e.query for e in entries] == ["strike", "curfew AND lima", "strike"]
    assert entries[0].when == "2026-12-03T15:00:00Z" and warnings == ()
    assert history.queries() == ["curfew AND lima", "strike"]


def test_history_keeps_the_latest(tmp_path: Path) -> None:
    history = QueryHistory.of(tmp_path)
    history.file.path.parent.mkdir(parents=True)
    history.file.path.write_text(
        "".join(f"2026-01-01T00:00:00Z\tq{n}\n" for n in range(KEEP)), encoding="utf-8"
    )
    history.add("newest")
    entries, _ = history.entries()
    assert len(entries) == KEEP and entries[0].query == "q1" and entries[-1].query == "newest"


def test_saved_searches_replace_by_name(tmp_path: Path) -> None:
    saved = SavedSearches.of(tmp_path)
    saved.save(SavedSearch("strikes", "strike", "2021-01-01", "", "", "date"))
    saved.save(SavedSearch("castillo", "castillo", entity="Pedro Castillo"))
    saved.save(SavedSearch("strikes", "strike OR huelga"))
    searches, _ = saved.all()
    assert [(s.name, s.query) for s in searches] == [
        ("strikes", "strike OR huelga"),
        ("castillo", "castillo"),
    ]
    assert saved.get("castillo") == SavedSearch("castillo", "castillo", entity="Pedro Castillo")
    assert saved.delete("strikes") and not saved.delete("strikes")
    assert [s.name for s in saved.all()[0]] == ["castillo"]
