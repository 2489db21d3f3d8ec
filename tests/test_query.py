"""One Query value: its results, entities and timeline share the documents it matches, worked
out once per index generation (a search's own pass gives them), whichever thread asks."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import SMALL_CORPUS, write_corpus
from index.api import Collection
from index.models import Query

CORPUS = SMALL_CORPUS | {
    # An exact copy: listed once in the results, but one of the query's documents.
    "copies/harbour.txt": SMALL_CORPUS["harbour.txt"],
    "strike-call.txt": (
        "Teachers call a national strike\n\n"
        "Lima, 2021-05-20\n\n"
        "The teachers' union called a national strike for 3 June 2021, after talks with the "
        "ministry failed. Protest marches are planned in Lima and Cusco.\n"
    ),
}


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    corpus = write_corpus(tmp_path / "corpus", CORPUS)
    built = Collection(corpus, tmp_path / "index")
    built.update()
    built.close()
    opened = Collection(corpus, tmp_path / "index")
    yield opened
    opened.close()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times the index is searched (ranked) or matched (unranked)."""
    from index.engine import search

    counts: Counter[str] = Counter()
    for name in ("run_search", "matching_doc_ids"):
        function = getattr(search, name)

        def counted(*args: Any, _name: str = name, _function: Any = function) -> Any:
            counts[_name] += 1
            return _function(*args)

        monkeypatch.setattr(search, name, counted)
    return counts


def fresh(collection: Collection) -> Collection:
    return Collection(collection.corpus, collection.index_dir)


QUERIES = [
    Query("strike"),
    Query("protest*", limit=1),
    Query("port OR mine OR letters", sort="date"),
    Query("*", entity="Tomás Ñúñez"),
    Query("strike", published=(date(2021, 3, 1), date(2021, 3, 31))),
    Query("strike OR protest*", mentioned=(date(2021, 6, 3), date(2021, 6, 3))),
    Query("", mentioned=(date(2021, 6, 1), date(2021, 6, 30))),
    Query("zeppelin"),
]


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_the_documents_a_search_matches_are_those_its_query_matches(
    collection: Collection, query: Query
) -> None:
    """A search's own pass over the index gives its query's documents (copies included, as
    the entities and timeline of a query count them), the same as matching them apart."""
    searched = fresh(collection)
    if query.text.strip() or query.entity or query.published:
        searched.search(query if query.text else Query("*", query.entity, query.published))
    apart = fresh(collection).matching(query)
    assert apart is not None
    assert searched.matching(query) == apart


def test_a_copy_is_one_of_the_query_s_documents_but_listed_once(collection: Collection) -> None:
    results = collection.search(Query("dockworkers"))
    matching = collection.matching(Query("dockworkers"))
    assert matching is not None
    assert matching.ids == {"harbour", "copies/harbour"}
    assert results.total == 1
    assert {results.hits[0].doc, *results.hits[0].duplicates} == matching.ids


def test_the_results_entities_and_timeline_of_one_query_read_the_index_once(
    collection: Collection, reads: Counter[str]
) -> None:
    """The reader's keystroke: a search, then its entities and its timeline: one pass over the
    index (was: the search's, then a matching for the timeline, another for the entities)."""
    query = Query("strike", limit=20)
    results = collection.search(query)
    entities = collection.entities(query=query, mentions=False)
    timeline = collection.timeline(query=query)
    assert reads == {"run_search": 1}
    # The same answers as the text and filters given apart, to a collection that never searched.
    other = fresh(collection)
    again = other.search("strike", limit=20)
    assert (again.total, again.hits) == (results.total, results.hits)
    assert other.entities(query="strike", mentions=False) == entities
    assert other.timeline(query="strike") == timeline
    assert results.total == 2 and {e.name for e in entities} >= {"Tomás Ñúñez"}


def test_every_letter_typed_asks_the_index_at_most_once(
    collection: Collection, reads: Counter[str]
) -> None:
    """Search as you type: each prefix a search (its "why nothing matched" parts were each
    matched again and again: the parts of "lima p" are "lima", matched when it was typed)."""
    typed = "lima protest"
    for end in range(1, len(typed) + 1):
        query = Query(typed[:end])
        if query.text.strip():
            collection.search(query)
            collection.timeline(query=query)
    assert reads["run_search"] == len(typed)  # "lima " is searched too (and "lima" kept)
    parts = {"lima", "p", "pr", "pro", "prot", "prote", "protes", "protest"}
    assert reads["matching_doc_ids"] <= len(parts)


def test_an_update_forgets_what_queries_matched(collection: Collection) -> None:
    assert collection.search(Query("zeppelin")).total == 0
    assert collection.matching(Query("zeppelin")) is not None
    (collection.corpus / "zeppelin.txt").write_text(
        "A zeppelin over the harbour\n\nIt flew over the port on Monday.\n", encoding="utf-8"
    )
    collection.update()
    matching = collection.matching(Query("zeppelin"))
    assert matching is not None and matching.ids == {"zeppelin"}
    assert collection.search(Query("zeppelin")).total == 1


def test_threads_asking_one_query_at_once_match_it_once(
    collection: Collection, reads: Counter[str]
) -> None:
    """The reader's entities and timeline workers ask for one query's documents together."""
    query = Query("protest* OR strike")
    start = threading.Barrier(6)
    found: list[object] = []

    def ask() -> None:
        start.wait()
        found.append(collection.matching(query))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reads == {"matching_doc_ids": 1}
    assert len(found) == 6 and all(each == found[0] for each in found)
    assert found[0] is not None


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        (Query("strike", sort="date", limit=3, offset=2), Query("strike"), True),
        (Query("*", entity="Lima"), Query("", entity="Lima"), True),
        (Query("*"), Query(""), False),  # every document / nothing filters
        (Query("strike"), Query("strike", entity="Lima"), False),
        (Query("a", mentioned=(date(2021, 1, 1), date(2021, 1, 2))), Query("a"), False),
    ],
)
def test_what_decides_the_documents_of_a_query(one: Query, other: Query, same: bool) -> None:
    assert (one.matching_part == other.matching_part) is same


def test_a_query_that_filters_nothing_matches_every_document(collection: Collection) -> None:
    assert not Query().filtered and not Query("  ").filtered
    assert collection.matching(Query(sort="date")) is None
    assert collection.entities(query=Query()) == collection.entities()


@pytest.mark.parametrize("granularity", [None, "day", "week"])
def test_the_timeline_of_a_query_matching_nothing_reads_no_date(
    collection: Collection, monkeypatch: pytest.MonkeyPatch, granularity: str | None
) -> None:
    """The same answer as the database gives for no document, without reading every date to
    find none (each letter typed that matches nothing asked it)."""
    extracts = collection.extracts()
    expected = extracts.timeline(set(), None, None, granularity)

    def unread(*args: object, **kwargs: object) -> object:
        raise AssertionError("the dates were read")

    monkeypatch.setattr(extracts, "timeline", unread)
    monkeypatch.setattr(extracts, "each_date", unread)
    assert collection.timeline(query="zeppelin", granularity=granularity) == expected
    found, dates = collection.timeline_with_dates(query=Query("zeppelin"), granularity=granularity)
    assert found == expected and list(dates) == []
