"""The user's entity corrections: ``quipu alias`` and ``aliases.tsv`` (exact output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import corpus_options, run_cli, write_corpus
from index.userdata.alias_edits import AliasEdit, apply_edits
from index.userdata.user_data import CORRECTIONS, corpus_data_dir

TEXTS = {
    "a.txt": "Talks in Lima\n\nAna Torres met Luis Vega in Lima on Monday. Torres said the talks "
    "went well, and Vega agreed.\n",
    "b.txt": "Second round\n\nLuis Vega and Ana Torres spoke again in Lima. Torres left early.\n",
    "c.txt": "A visit\n\nLuis Vega visited Cusco with the Andean Workers Union. He spoke to the "
    "Andean Workers Union in Cusco.\n",
    "d.txt": "Wages\n\nTorres spoke in Cusco about wages. Torres was cheered.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", TEXTS)


@pytest.fixture
def where(corpus: Path, tmp_path: Path) -> list[str]:
    return corpus_options(corpus, tmp_path)


def people(capsys: pytest.CaptureFixture[str], where: list[str]) -> str:
    return run_cli(capsys, "entities", "--type", "person", *where)[1]


def test_the_machine_s_entities_before_any_correction(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    assert people(capsys, where) == (
        "    6  PERSON  Ana Torres  (also: Torres)\n    4  PERSON  Luis Vega  (also: Vega)\n"
    )
    assert run_cli(capsys, "alias", "list", *where) == (1, "", "")


def test_merge_then_drop_and_it_survives_a_rebuild(
    capsys: pytest.CaptureFixture[str], where: list[str], corpus: Path
) -> None:
    assert run_cli(capsys, "alias", "merge", "ana torres", "Vega", *where) == (
        0,
        '"Vega" merged into "ana torres"\n',
        "",
    )
    merged = "   10  PERSON  Ana Torres  (also: Luis Vega, Torres, Vega)\n"
    assert people(capsys, where) == merged
    _, out, _ = run_cli(capsys, "search", 'entity:"Luis Vega"', "-l", *where)
    assert out.split() == ["a.txt", "b.txt", "c.txt", "d.txt"]  # Torres's d.txt too now
    assert run_cli(capsys, "index", "--rebuild", *where)[0] == 0
    assert people(capsys, where) == merged
    assert run_cli(capsys, "alias", "list", "--json", *where)[1] == (
        '{"corrections": [{"action": "merge", "name": "ana torres", "value": "Vega"}]}\n'
    )
    assert run_cli(capsys, "alias", "drop", "1", *where) == (
        0,
        'forgot: "Vega" merged into "ana torres"\n',
        "",
    )
    assert "Luis Vega  (also: Vega)" in people(capsys, where)
    assert (corpus_data_dir(corpus) / CORRECTIONS).read_text().count("merge") == 1  # header


def test_split_type_and_rename(capsys: pytest.CaptureFixture[str], where: list[str]) -> None:
    assert run_cli(capsys, "alias", "split", "Ana Torres", "Torres", *where)[0] == 0
    assert people(capsys, where) == (
        # the texts that join "Torres" to Ana Torres still do: it stays her alias there
        "    4  PERSON  Ana Torres  (also: Torres)\n    4  PERSON  Luis Vega  (also: Vega)\n"
        "    2  PERSON  Torres\n"
    )
    assert (
        run_cli(capsys, "alias", "type", "Torres", "place", *where)[1] == '"Torres" typed PLACE\n'
    )
    assert run_cli(capsys, "alias", "rename", "Luis Vega", "Luis A. Vega", *where)[0] == 0
    assert people(capsys, where) == (
        "    4  PERSON  Ana Torres  (also: Torres)\n"
        "    4  PERSON  Luis A. Vega  (also: Luis Vega, Vega)\n"
    )
    _, out, _ = run_cli(capsys, "entities", "--type", "place", "--json", *where)
    torres = [e for e in json.loads(out)["entities"] if e["name"] == "Torres"]
    assert [(e["type"], e["count"]) for e in torres] == [("PLACE", 2)]
    assert run_cli(capsys, "alias", "list", *where)[1] == (
        "  1  split   Ana Torres\tTorres\n"
        "  2  type    Torres\tPLACE\n"
        "  3  rename  Luis Vega\tLuis A. Vega\n"
    )


def test_names_that_are_no_entity_are_refused_with_the_closest(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    code, out, err = run_cli(capsys, "alias", "merge", "Ana Tores", "Vega", *where)
    assert (code, out) == (2, "")
    assert err == "quipu: error: no entity called 'Ana Tores' (did you mean: Ana Torres?)\n"
    code, _, err = run_cli(capsys, "alias", "split", "Luis Vega", "Torres", *where)
    assert code == 2
    assert err == "quipu: error: 'Luis Vega' has no alias 'Torres' (its aliases: 'Vega')\n"
    assert run_cli(capsys, "alias", "merge", "Vega", "Luis Vega", *where)[0] == 2
    code, _, err = run_cli(capsys, "alias", "split", "Luis Vega", "Vega", *where)
    assert (code, err) == (
        2,
        'quipu: error: "Vega" is joined to "Luis Vega" inside the documents that write it (none '
        "calls the entity only that); splitting it there is not supported yet\n",
    )
    assert run_cli(capsys, "alias", "list", *where)[0] == 1  # nothing written


def test_a_file_edited_by_hand_applies_and_bad_lines_are_kept(
    capsys: pytest.CaptureFixture[str], where: list[str], corpus: Path
) -> None:
    people(capsys, where)  # the index is built
    path = corpus_data_dir(corpus) / CORRECTIONS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# mine\nrename\tAna Torres\tAna María Torres\nmerge only-two-fields\n")
    code, out, err = run_cli(capsys, "entities", "--type", "person", *where)
    assert out.startswith("    6  PERSON  Ana María Torres  (also: Ana Torres, Torres)\n")
    assert err == (
        f"quipu: warning: {path} line 3 is not understood; kept as it is "
        "(expected 3 tab-separated fields)\n"
    )
    assert run_cli(capsys, "alias", "type", "Luis Vega", "ORG", *where)[0] == 0
    assert path.read_text() == (
        "# mine\nrename\tAna Torres\tAna María Torres\nmerge only-two-fields\n"
        "type\tLuis Vega\tORG\n"
    )
    path.write_text("# mine\nmerge\tNobody\tVega\n")
    _, _, err = run_cli(capsys, "entities", *where)
    assert err == (
        'quipu: warning: entity correction ("Vega" merged into "Nobody") not applied: '
        'no entity "Nobody"\n'
    )


def test_apply_edits_leaves_its_input_alone() -> None:
    entities = [
        {"name": "A", "type": "PERSON", "aliases": ["Ay"], "members": [["d1", "a"]]},
        {"name": "B", "type": "ORG", "aliases": [], "members": [["d2", "b"]]},
    ]
    before = json.dumps(entities)
    result, warnings = apply_edits(
        entities, [AliasEdit("merge", "b", "ay"), AliasEdit("type", "C", "ORG")], lambda d, k: k
    )
    assert json.dumps(entities) == before
    assert result == [
        {"name": "B", "type": "ORG", "aliases": ["A", "Ay"], "members": [["d2", "b"], ["d1", "a"]]}
    ]
    assert warnings == ['entity correction ("C" typed ORG) not applied: no entity "C"']
