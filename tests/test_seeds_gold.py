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
