"""Entity extraction on texts written for these tests (none from seeds/)."""

from __future__ import annotations

from conftest import f1_score
from index.aliases import LocalRecord, resolve
from index.entities import extract, is_misspelling


def entities(text: str) -> dict[str, str | None]:
    return {e.name: e.type for e in extract(text)}


def test_sentence_initial_common_words_are_not_names() -> None:
    found = entities(
        "Meanwhile the strike spread. Yesterday Maria Quispe said the road was closed. "
        "Despite the rain, farmers marched to Arequipa."
    )
    assert "Meanwhile" not in found and "Despite" not in found and "Yesterday" not in found
    assert found["Maria Quispe"] == "PERSON"
    assert found["Arequipa"] == "PLACE"


def test_sentence_initial_verbs_are_not_places_even_where_a_place_has_their_name() -> None:
    # The gazetteer has towns called "Was" and "Has": a question or a clipped sentence starting
    # with the verb is not about them.
    found = entities(
        "Was the vote legal? The court was silent. Has anyone asked? Nobody has, said Ana Ruiz."
    )
    assert "Was" not in found and "Has" not in found
    assert found["Ana Ruiz"] == "PERSON"


def test_chambers_exchanges_and_guilds_are_organizations() -> None:
    found = entities(
        "A spokesman for the Lima Chamber of Commerce said prices rose. Shares fell on the "
        "Lima Stock Exchange, and the Trujillo Chamber of Commerce called for calm. Members of "
        "the Cusco Transport Guild blocked the road."
    )
    assert found.get("Cusco Transport Guild") == "ORG"
    assert found.get("Lima Chamber of Commerce") == "ORG"
    assert found.get("Trujillo Chamber of Commerce") == "ORG"
    assert found.get("Lima Stock Exchange") == "ORG"
    assert "Commerce" not in found


def test_connectors_inside_names() -> None:
    found = entities(
        "Students of the National University of San Agustín joined the march. "
        "The Movimiento de los 7 Valles called a strike."
    )
    assert found.get("National University of San Agustín") == "ORG"
    assert "Movimiento de los 7 Valles" in found


def test_possessives_with_straight_and_curly_apostrophes() -> None:
    text = "Gustavo Mendoza's lawyers appealed. Mendoza’s brother stayed in Tacna."
    found = extract(text)
    person = next(e for e in found if e.name == "Gustavo Mendoza")
    assert {m.text for m in person.mentions} == {"Gustavo Mendoza", "Mendoza"}
    for mention in person.mentions:
        assert text[mention.start : mention.end] == mention.text


def test_titles_are_not_part_of_the_name_but_mark_a_person() -> None:
    found = entities(
        "Gen. Ramón Salcedo ordered the curfew. President Ana Villagra resigned, and "
        "legislator Tomás Urquiza called it a betrayal."
    )
    assert found["Ramón Salcedo"] == "PERSON"
    assert found["Ana Villagra"] == "PERSON"
    assert found["Tomás Urquiza"] == "PERSON"
    assert not any(name.startswith(("Gen", "President")) for name in found)


def test_acronyms_are_organizations_unless_places() -> None:
    found = entities(
        "The SUTEP union and the MRTA were named in the report. The OAS sent observers, "
        "and the US embassy issued a statement."
    )
    assert found["SUTEP"] == "ORG"
    assert found["MRTA"] == "ORG"
    assert found["OAS"] == "ORG"
    assert found["US"] == "PLACE"


def test_spanish_names_and_accents() -> None:
    found = entities(
        "Óscar Ñahui Quispe and Inés Huamaní spoke in Huancavelica on behalf of the union."
    )
    assert found["Óscar Ñahui Quispe"] == "PERSON"
    assert found["Inés Huamaní"] == "PERSON"
    assert found["Huancavelica"] == "PLACE"


def test_types_from_context_cues() -> None:
    found = entities(
        "Shares of the mining giant Zentrix fell. Protesters blocked roads near Tinta Pampa. "
        "The newspaper El Vocero reported it."
    )
    assert found["Zentrix"] == "ORG"
    assert found["El Vocero"] == "ORG"


def test_surname_joins_the_full_name_in_the_document() -> None:
    found = extract("Rosa Calderón won the vote. Calderón thanked her voters, and Calderón left.")
    person = next(e for e in found if e.name == "Rosa Calderón")
    assert len(person.mentions) == 3
    assert "Calderón" in person.aliases


def test_ambiguous_surname_goes_to_the_person_named_before_it() -> None:
    text = (
        "Carlos Montoya founded the party. Montoya ruled for a decade. "
        "Years later Lucía Montoya ran for office; Montoya lost narrowly."
    )
    found = {e.name: e for e in extract(text)}
    carlos, lucia = found["Carlos Montoya"], found["Lucía Montoya"]
    assert len(carlos.mentions) == 2 and len(lucia.mentions) == 2
    first_bare = text.index("Montoya ruled")
    assert any(m.start == first_bare for m in carlos.mentions)


def test_misspelling_joins_the_usual_spelling() -> None:
    text = (
        "Mayor Federico Santisteban spoke. Santisteban promised water. "
        "Critics said Santistbean lied, and Santisteban denied it."
    )
    found = {e.name: e for e in extract(text)}
    assert "Santistbean" in found["Federico Santisteban"].aliases
    assert is_misspelling("boluarte", "bolaurte") and is_misspelling("boluarte", "boularte")
    assert not is_misspelling("rosas", "rojas")  # a different name, not a typo


def test_collection_merges_a_surname_used_alone_in_another_document() -> None:
    records = [
        LocalRecord("a", "julia roca", "Julia Roca", {"PERSON": 5}, ["Julia Roca"], 3),
        LocalRecord("b", "roca", "Roca", {"PERSON": 1, "PLACE": 1}, ["Roca"], 2),
        LocalRecord("a", "pablo soto", "Pablo Soto", {"PERSON": 2}, ["Pablo Soto"], 1),
        LocalRecord("b", "ana soto", "Ana Soto", {"PERSON": 2}, ["Ana Soto"], 1),
        LocalRecord("c", "soto", "Soto", {"PERSON": 4}, ["Soto"], 4),
    ]
    merged = {c.name: c for c in resolve(records)}
    assert merged["Julia Roca"].count == 5 and "Roca" in merged["Julia Roca"].aliases
    # Two Sotos: a bare "Soto" elsewhere is ambiguous and stays apart.
    assert "Soto" in merged and merged["Pablo Soto"].count == 1


def test_scored_on_an_annotated_sample() -> None:
    """Precision, recall and F1 of (name, type) pairs on short texts written for this test."""
    import json
    from pathlib import Path

    sample = json.loads((Path(__file__).parent / "data" / "entities_sample.json").read_text())
    pairs = [
        (
            {(name, kind) for name, kind in item["entities"]},
            {(e.name, e.type) for e in extract(item["text"]) if e.type},
        )
        for item in sample
    ]
    assert f1_score("entities", pairs) >= 0.75
