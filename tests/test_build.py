from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from conftest import write_corpus
from index.api import Collection
from index.build import update_index
from index.engine.vocabulary import StoredVocabulary, Vocabulary
from index.storage.database import DATABASE, Database
from index.storage.store import INDEX_VERSION, LEGACY_MANIFEST


def test_second_run_does_no_work(small_corpus: Path, tmp_path: Path) -> None:
    first = update_index(small_corpus, tmp_path / "ix")
    assert (first.added, first.updated, first.removed) == (3, 0, 0)
    second = update_index(small_corpus, tmp_path / "ix")
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 3)


def test_changed_file_is_reindexed_alone(small_corpus: Path, tmp_path: Path) -> None:
    update_index(small_corpus, tmp_path / "ix")
    path = small_corpus / "mines.md"
    path.write_text(path.read_text() + "\nA zebra crossed the mine road.\n")
    report = update_index(small_corpus, tmp_path / "ix")
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 0, 2)
    collection = Collection(small_corpus, tmp_path / "ix")
    assert [h.doc for h in collection.search("zebra").hits] == ["mines"]


def test_touched_but_unchanged_file_is_not_reindexed(small_corpus: Path, tmp_path: Path) -> None:
    update_index(small_corpus, tmp_path / "ix")
    os.utime(small_corpus / "harbour.txt", ns=(1, 1))
    report = update_index(small_corpus, tmp_path / "ix")
    assert (report.updated, report.unchanged) == (0, 3)


def test_deleted_file_leaves_the_results(small_corpus: Path, tmp_path: Path) -> None:
    collection = Collection(small_corpus, tmp_path / "ix")
    collection.update()
    assert collection.search("copper").total == 1
    (small_corpus / "mines.md").unlink()
    report = collection.update()
    assert report.removed == 1
    assert collection.search("copper").total == 0
    assert [d.doc for d in collection.documents()] == ["archive/letters", "harbour"]


def test_skipped_files_are_reported_and_not_retried(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", {"good.txt": "fine text\n", "empty.txt": ""})
    first = update_index(root, tmp_path / "ix")
    assert [(s.path, s.reason) for s in first.skipped] == [("empty.txt", "empty file")]
    second = update_index(root, tmp_path / "ix")
    assert not second.changed
    assert [s.path for s in second.skipped] == ["empty.txt"]


def test_foreign_manifest_version_rebuilds(small_corpus: Path, tmp_path: Path) -> None:
    update_index(small_corpus, tmp_path / "ix")
    database = sqlite3.connect(tmp_path / "ix" / "quipu.sqlite")
    database.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    database.commit()
    database.close()
    report = update_index(small_corpus, tmp_path / "ix")
    assert report.added == 3


def test_an_index_with_its_manifest_beside_the_database_rebuilds(
    small_corpus: Path, tmp_path: Path
) -> None:
    """An earlier index kept its manifest in a file beside the database, which holds none: it
    is rebuilt, and the file goes."""
    update_index(small_corpus, tmp_path / "ix")
    database = sqlite3.connect(tmp_path / "ix" / "quipu.sqlite")
    database.execute("DELETE FROM files")
    database.execute(
        "DELETE FROM meta WHERE key IN ('corpus', 'build', 'corrections', 'dates', 'dates_digest')"
    )
    database.commit()
    database.close()
    (tmp_path / "ix" / LEGACY_MANIFEST).write_text(f'{{"version": {INDEX_VERSION}, "files": {{}}}}')
    report = update_index(small_corpus, tmp_path / "ix")
    assert (report.added, report.unchanged) == (3, 0)
    assert not (tmp_path / "ix" / LEGACY_MANIFEST).exists()
    again = update_index(small_corpus, tmp_path / "ix")
    assert (again.added, again.unchanged) == (0, 3)


def test_index_inside_the_corpus_is_not_indexed(small_corpus: Path) -> None:
    index_dir = small_corpus / "cache"
    update_index(small_corpus, index_dir)
    (index_dir / "stray.txt").write_text("never index me\n")
    report = update_index(small_corpus, index_dir)
    assert report.added == 0


def test_extraction_in_worker_processes_matches_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index import build
    from index.storage.extracts import Extracts

    files = {
        f"d{i}.txt": f"Report {i}\n\nMayor Rosa Quispe spoke in Arequipa on March {i + 1}, 2022."
        for i in range(12)
    }
    corpus = write_corpus(tmp_path / "corpus", files)
    monkeypatch.setattr(build, "BATCH", 5)
    results = []
    for parallel_from in (3, 10_000):  # a pool of workers, then in this process
        monkeypatch.setattr(build, "PARALLEL_FROM", parallel_from)
        index_dir = tmp_path / f"ix{parallel_from}"
        report = build.update_index(corpus, index_dir)
        assert report.added == 12
        results.append(Extracts.load(index_dir, build.INDEX_VERSION))
    pooled, local = results
    assert pooled.doc_ids() == local.doc_ids() and len(local.doc_ids()) == 12
    # A worker sends back only what preparing changed of a document (here its date, inferred
    # from the text): the document the writer indexes is the one prepared in this process.
    from whoosh import index as whoosh_index

    stored = []
    for parallel_from in (3, 10_000):
        with whoosh_index.open_dir(str(tmp_path / f"ix{parallel_from}")).searcher() as searcher:
            stored.append(sorted(searcher.documents(), key=lambda fields: fields["doc"]))
    assert stored[0] == stored[1] and len(stored[0]) == 12
    assert all(local.doc(doc).suggestion for doc in local.doc_ids())  # type: ignore[union-attr]
    for doc in local.doc_ids():
        found, expected = pooled.doc(doc), local.doc(doc)
        assert found is not None and expected is not None
        assert found.to_json() == expected.to_json()
    assert pooled.entities == local.entities and pooled.entities


def _counted_afresh(corpus: Path, tmp_path: Path) -> dict[str, int]:
    update_index(corpus, tmp_path / "afresh", rebuild=True)
    return StoredVocabulary.load(tmp_path / "afresh", INDEX_VERSION).counts


def test_vocabulary_follows_changes_deletions_and_skips(small_corpus: Path, tmp_path: Path) -> None:
    update_index(small_corpus, tmp_path / "ix")
    path = small_corpus / "mines.md"
    path.write_text(path.read_text().replace("Copper output fell", "Zinc output fell"))
    (small_corpus / "harbour.txt").unlink()
    (small_corpus / "archive" / "letters.txt").write_bytes(b"")  # now skipped: empty
    (small_corpus / "new.txt").write_text("Copper and zinc again\n\nZinc prices rose.\n")
    update_index(small_corpus, tmp_path / "ix")
    kept = StoredVocabulary.load(tmp_path / "ix", INDEX_VERSION)
    assert kept.counts == _counted_afresh(small_corpus, tmp_path)
    assert kept.frequency("zinc") == 2 and "dockworkers" not in kept
    assert sorted(kept.within("zimc", 1, prefix=1)) == ["zinc"]
    assert Collection(small_corpus, tmp_path / "ix").search("Zimc").suggestion == "Zinc"


def test_a_database_out_of_step_with_the_index_is_rebuilt(
    small_corpus: Path, tmp_path: Path
) -> None:
    """A crash between Whoosh's commit and the database's: the next update rebuilds."""
    update_index(small_corpus, tmp_path / "ix")
    connection = sqlite3.connect(tmp_path / "ix" / DATABASE)
    connection.execute("UPDATE meta SET value = '-5' WHERE key = 'generation'")
    connection.execute("INSERT INTO vocabulary VALUES ('stale', 99)")
    connection.commit()
    connection.close()
    (small_corpus / "new.txt").write_text("Fresh words\n\nAn otter swam.\n")
    report = update_index(small_corpus, tmp_path / "ix")
    assert report.added == 4  # every document, as a new index
    kept = StoredVocabulary.load(tmp_path / "ix", INDEX_VERSION)
    assert "stale" not in kept and "otter" in kept
    assert kept.counts == _counted_afresh(small_corpus, tmp_path)
    database = Database(tmp_path / "ix", INDEX_VERSION)
    assert database.meta("generation") != "-5"
    database.close()


def test_vocabulary_words_within_edits() -> None:
    vocabulary = Vocabulary.of_texts(["Boluarte spoke.", "Otárola and Boluarte", "bolt bollard"])
    assert vocabulary.frequency("boluarte") == 2 and "otarola" in vocabulary
    assert sorted(vocabulary.within("bolurte", 2, prefix=1)) == ["boluarte"]
    assert sorted(vocabulary.within("bolt", 1)) == ["bolt"]
    assert sorted(vocabulary.within("boltx", 1)) == ["bolt"]
    assert list(vocabulary.within("zzz", 2, prefix=1)) == []
    vocabulary.remove("Boluarte spoke.")
    assert vocabulary.frequency("boluarte") == 1 and "spoke" not in vocabulary


def test_tuned_writer_writes_the_segment_whoosh_writes(tmp_path: Path) -> None:
    """The bulk writer (chunked overflow runs, listed lengths) changes speed, not the index."""
    from whoosh import index

    from bench.corpus import generate
    from index.build import document_records
    from index.engine.bulk import ChunkedPostingPool, tune
    from index.engine.schema import build_schema
    from index.reading.corpus import read_document, scan

    corpus = generate(tmp_path / "news", 30)
    files, _ = scan(corpus)
    records = [document_records(read_document(source)[0])[0] for source in files]
    written: dict[bool, dict[str, bytes]] = {}
    for tuned in (False, True):
        folder = tmp_path / f"ix-{tuned}"
        folder.mkdir()
        writer = index.create_in(str(folder), build_schema()).writer(compound=False, limitmb=1)
        if tuned:
            writer = tune(writer)
            assert isinstance(writer.pool, ChunkedPostingPool)
        for record in records:
            writer.add_document(**record)
        assert writer.pool.runs, "the pool should overflow to runs at 1 MB"
        writer.commit()
        written[tuned] = {
            path.name.split(".", 1)[1]: path.read_bytes()
            for path in folder.iterdir()
            if path.name.startswith("MAIN_") and "." in path.name
        }
    assert written[True] == written[False]
    assert "pst" in written[True] and len(written[True]) > 5


def test_multiprocess_writer_indexes_what_the_single_writer_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``quipu index --procs 2``: Whoosh's writer processes, fed by the extraction workers."""
    from bench.corpus import generate
    from index import build

    corpus = generate(tmp_path / "news", 24)
    monkeypatch.setattr(build, "PARALLEL_FROM", 3)
    monkeypatch.setattr(build, "BATCH", 7)
    found = []
    for procs in (1, 2):
        collection = Collection(corpus, tmp_path / f"ix{procs}")
        assert collection.update(procs=procs).added == 24
        found.append(
            [
                (results.total, [hit.doc for hit in results.hits])
                for results in map(collection.search, ("strike", '"general strike"', "police*"))
            ]
        )
        assert StoredVocabulary.load(tmp_path / f"ix{procs}", INDEX_VERSION).frequency("strike")
        collection.close()
    assert found[0] == found[1] and found[0][0][0] > 0


def _listed_from_the_index(index_dir: Path) -> dict[str, list[object]]:
    from whoosh import index

    from index.storage.doclist import DocList

    with index.open_dir(str(index_dir)).searcher() as searcher:
        return DocList.of_stored(searcher.documents(kind="doc")).rows


def test_document_list_follows_changes_deletions_and_skips(
    small_corpus: Path, tmp_path: Path
) -> None:
    from index.storage.doclist import DocList

    index_dir = tmp_path / "ix"
    update_index(small_corpus, index_dir)
    path = small_corpus / "mines.md"
    path.write_text(path.read_text().replace("title: Copper output falls", "title: Zinc output"))
    (small_corpus / "harbour.txt").unlink()
    (small_corpus / "archive" / "letters.txt").write_bytes(b"")  # now skipped: empty
    (small_corpus / "new.txt").write_text("Fresh news\n\nAn otter swam.\n")
    update_index(small_corpus, index_dir)
    kept = DocList.load(index_dir, INDEX_VERSION)
    assert kept is not None
    assert sorted(kept.rows) == ["mines", "new"]
    assert kept.rows == _listed_from_the_index(index_dir)
    assert kept.rows["mines"][1] == "Zinc output"
    # Without the database, the list is read from the index; the next update rebuilds it.
    collection = Collection(small_corpus, index_dir)
    listed = collection.documents()
    collection.close()
    (index_dir / DATABASE).unlink()
    collection = Collection(small_corpus, index_dir)
    assert collection.documents() == listed
    collection.close()
    (small_corpus / "more.txt").write_text("More news\n\nA heron waded.\n")
    update_index(small_corpus, index_dir)
    again = DocList.load(index_dir, INDEX_VERSION)
    assert again is not None and sorted(again.rows) == ["mines", "more", "new"]
    assert again.rows == _listed_from_the_index(index_dir)


def test_the_classes_pickled_with_the_schema_live_in_index_analysis() -> None:
    """Whoosh pickles the schema (field types, analyzers and their filters) into the index's
    table of contents, so the module path of every class of ours in it is part of the on-disk
    format: all of them are in ``index.analysis``, which stays where it is when modules move."""
    import pickle
    import pickletools

    from index.engine.schema import build_schema

    ours = set()
    for opcode, argument, _ in pickletools.genops(pickle.dumps(build_schema(), protocol=2)):
        if opcode.name == "GLOBAL":  # protocol 2 names each class as "module name"
            module = str(argument).split(" ")[0]
            if module.split(".")[0] in {"index", "tui"}:
                ours.add(module)
    assert ours == {"index.analysis"}


def test_rows_written_many_at_once_keep_strings_sqlite_cannot_take(tmp_path: Path) -> None:
    """A batch of rows is checked in one go; one string with a lone surrogate (an undecodable
    file name) in it sends the batch the slow way, and every string comes back as it was."""
    from index.storage.database import Transaction

    store = Transaction(tmp_path, 1, fresh=True)
    clean = [("a.txt", "a.txt", 1, 2, "h", "", "")]
    odd = [("b.txt", "b.txt", 1, 2, "h", "", ""), ("caf\udcc3.txt", "c", 1, 2, "h", "", "")]
    accented = [("café.txt", "d", 1, 2, "h", "", "")]
    for rows in (clean, odd, accented):
        store.put_files(rows)
    store.commit(None)
    with Database(tmp_path, 1) as database:
        found = database.rows("SELECT rel, doc FROM files ORDER BY doc")
    assert found == [
        ("a.txt", "a.txt"),
        ("b.txt", "b.txt"),
        ("caf\udcc3.txt", "c"),
        ("café.txt", "d"),
    ]


def test_a_new_index_is_written_without_a_journal_and_read_in_wal_mode(
    small_corpus: Path, tmp_path: Path
) -> None:
    """A rebuild writes its database in a folder of its own without a journal; the database
    swapped in is in WAL mode (readers read while an update writes)."""
    update_index(small_corpus, tmp_path / "ix")
    update_index(small_corpus, tmp_path / "ix", rebuild=True)
    with sqlite3.connect(tmp_path / "ix" / DATABASE) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert Collection(small_corpus, tmp_path / "ix").search("road").total > 0
