"""What extraction makes of the bundled seeds, through the CLI's JSON contracts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main(list(argv))
    out, _err = capsys.readouterr()
    return code, json.loads(out)


@pytest.fixture
def seeds_entities(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> dict[str, dict]:
    code, payload = run_json(capsys, "entities", "--json", "--index-dir", str(seeds_index))
    assert code == 0
    return {entity["name"]: entity for entity in payload["entities"]}


def test_entities_json_contract(
    capsys: pytest.CaptureFixture[str], seeds_index: Path, seeds_entities: dict[str, dict]
) -> None:
    texts = {}
    for entity in seeds_entities.values():
        assert set(entity) == {"name", "type", "count", "docs", "aliases", "wikidata", "mentions"}
        assert entity["type"] in ("PERSON", "PLACE", "ORG")
        assert entity["count"] == len(entity["mentions"]) == sum(entity["docs"].values())
        for mention in entity["mentions"][:3]:
            doc = mention["doc"]
            if doc not in texts:
                _, shown = run_json(capsys, "show", doc, "--json", "--index-dir", str(seeds_index))
                texts[doc] = shown["text"]
            assert texts[doc][mention["start"] : mention["end"]] == mention["text"]


def test_aliases_of_castillo_and_boluarte_merge(seeds_entities: dict[str, dict]) -> None:
    castillo = seeds_entities["Pedro Castillo"]
    assert castillo["type"] == "PERSON" and "Castillo" in castillo["aliases"]
    assert len(castillo["docs"]) == 5
    boluarte = seeds_entities["Dina Boluarte"]
    assert {"Boluarte", "Boularte", "Dina Bolaurte"} <= set(boluarte["aliases"])
    every_name = {a for e in seeds_entities.values() for a in [e["name"], *e["aliases"]]}
    assert sum("Castillo" in name for name in seeds_entities) == 1
    assert sum(n in every_name for n in ("Bolaurte", "Boularte")) <= 1  # no stray typo entity


def test_the_fujimoris_stay_apart(seeds_entities: dict[str, dict]) -> None:
    alberto, keiko = seeds_entities["Alberto Fujimori"], seeds_entities["Keiko Fujimori"]
    assert alberto["type"] == keiko["type"] == "PERSON"
    # "Under Alberto Fujimori (1990-2000) ... Fujimori fled to Japan": the bare name is Alberto.
    assert "Fujimori" in alberto["aliases"] and "Fujimori" not in keiko["aliases"]


def test_places_and_organizations(seeds_entities: dict[str, dict]) -> None:
    for name in ("Lima", "Puno", "Juliaca"):
        assert seeds_entities[name]["type"] == "PLACE", name
    for name in ("CGTP", "Glencore", "Congress"):
        assert seeds_entities[name]["type"] == "ORG", name


def test_entities_of_one_document(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> None:
    doc = "004_170361fb4002e630"
    code, payload = run_json(
        capsys,
        "entities",
        "--doc",
        doc,
        "--type",
        "PERSON",
        "--json",
        "--index-dir",
        str(seeds_index),
    )
    assert code == 0
    for entity in payload["entities"]:
        assert entity["type"] == "PERSON" and set(entity["docs"]) == {doc}
        assert all(m["doc"] == doc for m in entity["mentions"])


def test_entity_fields_are_searchable(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    ix = ("--json", "--index-dir", str(seeds_index))
    _, by_name = run_json(capsys, "search", 'entity:"Dina Boluarte"', *ix)
    assert by_name["total"] == 5
    _, typed = run_json(capsys, "search", "place:juliaca", *ix)
    _, grep = run_json(capsys, "search", "juliaca", *ix)
    assert {h["doc"] for h in typed["hits"]} == {h["doc"] for h in grep["hits"]}
    code, _ = run_json(capsys, "search", "person:juliaca", *ix)
    assert code == 1


@pytest.fixture
def seeds_timeline(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> dict:
    code, payload = run_json(capsys, "timeline", "--json", "--index-dir", str(seeds_index))
    assert code == 0
    return payload


def test_timeline_json_contract(seeds_timeline: dict) -> None:
    assert set(seeds_timeline) >= {"documents", "mentions", "buckets"}
    for document in seeds_timeline["documents"]:
        assert set(document) == {"doc", "published", "published_basis"}
    for mention in seeds_timeline["mentions"]:
        assert set(mention) == {"doc", "text", "start", "end", "value", "granularity", "sentence"}
        assert mention["granularity"] in ("day", "month", "year", "range")
        assert mention["text"] in mention["sentence"]
    counts = [bucket["count"] for bucket in seeds_timeline["buckets"]]
    assert all(count > 0 for count in counts)


def test_seed_dates_normalize(seeds_timeline: dict) -> None:
    december_7 = [
        m for m in seeds_timeline["mentions"] if m["text"] in ("December 7", "7 December")
    ]
    from conftest import ROOT

    said = {
        path.stem
        for path in (ROOT / "seeds").glob("*.txt")
        if "December 7" in path.read_text() or "7 December" in path.read_text()
    }
    assert len(said) >= 4 and {m["doc"] for m in december_7} == said
    assert {m["value"] for m in december_7} == {"2022-12-07"}
    january_19 = [m for m in seeds_timeline["mentions"] if m["text"] == "January 19"]
    assert january_19 and {m["value"] for m in january_19} == {"2023-01-19"}


def test_seed_publication_dates(seeds_timeline: dict) -> None:
    documents = {d["doc"]: d for d in seeds_timeline["documents"]}
    assert documents["001_1e74beb09535a427"]["published"] == "2023-01-06"
    assert documents["001_1e74beb09535a427"]["published_basis"] == "stated"
    for document in documents.values():
        assert document["published"], document
        assert document["published_basis"] in ("metadata", "stated", "inferred")
    # No seed is dated before the days it reports (sentences about the future aside).
    from index.extract.dates import parse_reference

    for mention in seeds_timeline["mentions"]:
        if mention["granularity"] != "day" or " will " in mention["sentence"]:
            continue
        published = documents[mention["doc"]]["published"]
        end = published if len(published) == 10 else published + "-31"
        assert mention["value"] <= end or parse_reference(published) is None, mention


def test_mentioned_dates_are_searchable(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    code, payload = run_json(
        capsys, "search", "mentions:2023-01-19", "--json", "--index-dir", str(seeds_index)
    )
    assert code == 0 and [h["doc"] for h in payload["hits"]] == ["003_df5eb221c8adb151"]


def test_entities_options(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> None:
    ix = ("--index-dir", str(seeds_index))
    _, limited = run_json(capsys, "entities", "--limit", "3", "--json", *ix)
    assert len(limited["entities"]) == 3
    counts = [e["count"] for e in limited["entities"]]
    assert counts == sorted(counts, reverse=True)
    _, places = run_json(capsys, "entities", "--type", "place", "--json", *ix)
    assert places["entities"] and {e["type"] for e in places["entities"]} == {"PLACE"}
    _, queried = run_json(capsys, "entities", "--query", "Kenna", "--json", *ix)
    docs = {d for e in queried["entities"] for d in e["docs"]}
    assert docs == {"002_d36f1c1c32bc8559", "004_170361fb4002e630"}
    _, co = run_json(capsys, "entities", "--co", "Keiko Fujimori", "--json", *ix)
    assert "Pedro Castillo" in {e["name"] for e in co["co_mentions"]}
    assert main(["entities", "--doc", "no-such-doc", *ix]) == 2
    assert "no document with id" in capsys.readouterr().err


def test_timeline_options(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> None:
    ix = ("--json", "--index-dir", str(seeds_index))
    _, december = run_json(capsys, "timeline", "--from", "2022-12", "--to", "2022-12", *ix)
    assert december["mentions"]
    assert all(m["value"][:7] <= "2022-12" for m in december["mentions"])
    _, weeks = run_json(capsys, "timeline", "--granularity", "week", *ix)
    from datetime import date as day

    assert all(day.fromisoformat(b["start"]).weekday() == 0 for b in weeks["buckets"])
    _, one = run_json(capsys, "timeline", "--doc", "001_1e74beb09535a427", *ix)
    assert {m["doc"] for m in one["mentions"]} == {"001_1e74beb09535a427"}
    assert [d["doc"] for d in one["documents"]] == ["001_1e74beb09535a427"]
    _, near = run_json(capsys, "timeline", "--entity", "Lisa Kenna", *ix)
    assert near["mentions"] and all(
        m["doc"] in ("002_d36f1c1c32bc8559", "004_170361fb4002e630") for m in near["mentions"]
    )
    code = main(["timeline", "--query", "zzzzqqq", "--index-dir", str(seeds_index)])
    assert code == 1


def test_entity_queries_expand_by_the_names_in_the_database(
    seeds_index: Path, tmp_path: Path
) -> None:
    import shutil

    from index.api import Collection, bundled_seeds

    copy = tmp_path / "index"
    shutil.copytree(seeds_index, copy)
    collection = Collection(bundled_seeds(), copy)
    found = collection.search('entity:"Dina Bolaurte"')  # the misspelled alias
    assert found.total == 5
    assert collection.search("person:boluarte").total == 5
    collection.close()
