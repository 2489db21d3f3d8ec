"""The seeds' gold annotation (bench/gold/) is well formed: every span's text is at its offsets
in the seed as quipu reads it, every value a TIMEX3 DATE value, every type one of three. Cheap:
no indexing, no extraction."""

from __future__ import annotations

from dataclasses import replace

from bench.seeds_gold import counts, load_dates, load_entities, problems, seed_texts


def test_the_gold_matches_the_seed_texts() -> None:
    texts, dates, entities = seed_texts(), load_dates(), load_entities()
    assert problems(texts, dates, entities) == []
    assert {d.doc for d in dates} == set(texts) == {e.doc for e in entities}
    summary = counts(dates, entities)
    assert summary["dates"]["calendar"] > 50 and summary["entities"]["PLACE"] > 100


def test_the_check_finds_a_shifted_span_a_bad_value_and_a_bad_type() -> None:
    texts, dates, entities = seed_texts(), load_dates(), load_entities()
    shifted = replace(dates[0], start=dates[0].start + 1, end=dates[0].end + 1)
    bad_value = replace(dates[1], value="December 2022")
    bad_type = replace(entities[0], type="GPE")
    found = problems(texts, [shifted, bad_value, *dates[2:]], [bad_type, *entities[1:]])
    assert len(found) == 3
    assert "the text there is" in found[0]
    assert "not a TIMEX3 DATE value" in found[1] and "type 'GPE'" in found[2]


def test_the_date_scorer_splits_a_written_month_range_and_scores_values() -> None:
    from bench.seeds_dates import month_range_ends, score
    from bench.seeds_gold import GoldDate
    from bench.tempeval_values import Found

    text = "Issue of February/March 2023, now. Out on Friday."
    ends = month_range_ends(Found(9, 28, "February/March 2023", "2023-02/2023-03"))
    assert [(e.text, e.value) for e in ends] == [("February", "2023-02"), ("March 2023", "2023-03")]
    assert month_range_ends(Found(0, 11, "last summer", "2023-06/2023-08")) == []
    gold = [
        GoldDate("d", 9, 17, "February", "2023-02"),
        GoldDate("d", 18, 28, "March 2023", "2023-03"),
        GoldDate("d", 30, 33, "now", "PRESENT_REF"),
        GoldDate("d", 42, 48, "Friday", "2023-01-06"),
    ]
    found = {"d": [*ends, Found(35, 48, "Out on Friday", "2023-01-13")]}
    report = score(gold, found, {"d": text})
    assert report["calendar"]["gold"] == 3 and report["calendar"]["found"] == 3
    assert report["calendar"]["value"]["precision"] == 0.667
    assert report["calendar"]["span"]["f1"] == 1.0
    assert report["all"]["value"]["recall"] == 0.5


def test_the_entity_scorer_strict_lenient_and_spare_names() -> None:
    from bench.seeds_entities import score
    from bench.seeds_gold import GoldEntity

    text = "Ana Ruiz of Peru Libre met Castillo in Lima."
    gold = [
        GoldEntity("d", 0, 8, "Ana Ruiz", "PERSON", ""),
        GoldEntity("d", 12, 22, "Peru Libre", "ORG", ""),
        GoldEntity("d", 12, 16, "Peru", "PLACE", "inner"),
        GoldEntity("d", 27, 35, "Castillo", "PERSON", ""),
        GoldEntity("d", 39, 43, "Lima", "PLACE", ""),
    ]
    found = {
        "d": [
            (0, 3, "PERSON"),  # boundary: lenient only
            (12, 16, "PLACE"),  # the inner place: not counted
            (27, 35, "ORG"),  # wrong type
            (39, 43, "PLACE"),  # exact
        ]
    }
    report = score(gold, found, {"d": text})
    assert report["ignored_inner_or_optional"] == 1
    assert report["ALL"]["found"] == 3 and report["ALL"]["gold"] == 4
    assert report["ALL"]["strict"]["precision"] == 0.333
    assert report["ALL"]["lenient"]["recall"] == 0.5
    assert report["PERSON"]["lenient"]["precision"] == 1.0 and report["ORG"]["found"] == 1
    assert len(report["misses"]["wrong type (overlaps a gold name of another type)"]) == 1
