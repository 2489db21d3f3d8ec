"""``quipu entities --explain NAME``: the evidence behind a type, document by document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import corpus_options, run_cli, write_corpus

TEXTS = {
    "a.txt": "Visit\n\nPresident Ana Torres visited the port. Torres said the talks went well.\n",
    "b.txt": "Strike\n\nWorkers of the union Andean Mining walked out. Ana Torres met them.\n",
}


@pytest.fixture
def where(tmp_path: Path) -> list[str]:
    corpus = write_corpus(tmp_path / "corpus", TEXTS)
    return corpus_options(corpus, tmp_path)


def test_the_reasons_behind_a_person(capsys: pytest.CaptureFixture[str], where: list[str]) -> None:
    code, out, err = run_cli(capsys, "entities", "--explain", "torres", *where)
    assert (code, err) == (0, "")
    assert out == (
        "Ana Torres  PERSON  (evidence over 2 documents: PERSON 7, PLACE 0, ORG 0)\n"
        "also: Torres\n"
        '  a  "Ana Torres" ×2  (PERSON 5)\n'
        "      PERSON +3  a title or role before it\n"
        "      PERSON +2  starts with a given name (Ana)\n"
        "      PLACE +1  in the gazetteer (town)\n"
        "      (PLACE: 1 found, 0 counted: a place's name that is a word of a person's name here)\n"
        '  b  "Ana Torres" ×1  (PERSON 2)\n'
        "      PERSON +2  starts with a given name (Ana)\n"
    )


def test_an_organization_s_cue_and_the_json(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    code, out, _ = run_cli(capsys, "entities", "--explain", "Andean Mining", "--json", *where)
    explanation = json.loads(out)
    assert (code, explanation["type"]) == (0, "ORG")
    assert explanation["members"][0]["reasons"] == [
        {"type": "ORG", "points": 2, "reason": "an organization's cue before it (union)",
         "times": 1}
    ]  # fmt: skip


def test_a_correction_is_part_of_the_explanation(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    run_cli(capsys, "alias", "type", "Andean Mining", "PLACE", *where)
    _, out, _ = run_cli(capsys, "entities", "--explain", "Andean Mining", *where)
    assert out.splitlines()[:2] == [
        "Andean Mining  PLACE  (evidence over 1 documents: PERSON 0, PLACE 0, ORG 2)",
        'your correction: "Andean Mining" typed PLACE',
    ]
    code, out, err = run_cli(capsys, "entities", "--explain", "Ana Torez", *where)
    assert (code, out) == (2, "")
    assert err == "quipu: error: no entity called 'Ana Torez' (did you mean: Ana Torres?)\n"


def test_the_knowledge_base_in_an_explanation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    texts = {
        "a.txt": "Results\n\nShares in Microsoft rose on Monday after the results.\n",
        "b.txt": "Jobs\n\nAnalysts expect Microsoft to hire, and the EU to approve it.\n",
    }
    where = corpus_options(write_corpus(tmp_path / "corpus", texts), tmp_path)
    code, out, err = run_cli(capsys, "entities", "--explain", "microsoft", *where)
    assert (code, err) == (0, "")
    assert out == (
        "Microsoft  ORG  (evidence over 2 documents: PERSON 0, PLACE 1, ORG 4)\n"
        "knowledge base: Microsoft (company)\n"
        '  a  "Microsoft" ×1  (ORG 2, PLACE 1)\n'
        "      ORG +2  in the knowledge base (company)\n"
        "      PLACE +1  'in' before it\n"
        '  b  "Microsoft" ×1  (ORG 2)\n'
        "      ORG +2  in the knowledge base (company)\n"
    )
    code, out, _ = run_cli(capsys, "entities", "--explain", "EU", "--json", *where)
    assert json.loads(out)["wikidata"] == "Q458"
    code, out, _ = run_cli(capsys, "entities", "--json", *where)
    ids = {e["name"]: e["wikidata"] for e in json.loads(out)["entities"]}
    assert ids == {"Microsoft": None, "EU": "Q458"}
