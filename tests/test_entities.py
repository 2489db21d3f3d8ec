"""Entity extraction on texts written for these tests (none from seeds/)."""

from __future__ import annotations

from conftest import f1_score
from index.extract.aliases import LocalRecord, resolve
from index.extract.entities import extract, is_misspelling, tokenize


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


# Real-text causes (issue 16): each on sentences written for it.


def test_common_abbreviations_and_units_are_not_entities() -> None:
    found = entities(
        "Sales of DVD players and MP3 files rose, the CEO told reporters at 1400 GMT. "
        "The firm expects GDP to grow, and every PC will need an ID number. Doctors said HIV "
        "cases fell, while MPs debated the plan and the TV channels covered it. The P2P "
        "networks were busy, the Varnholt Institute said."
    )
    for word in ("DVD", "MP3", "CEO", "GMT", "GDP", "PC", "ID", "HIV", "MPs", "TV", "P2P"):
        assert word not in found, word
    assert found["Varnholt Institute"] == "ORG"


def test_nationality_words_are_not_entities_by_themselves() -> None:
    found = entities(
        "The German economy grew, and French voters were angry. Many Americans travelled to "
        "the region, and the Germans complained. A German said nothing; the French won."
    )
    assert not {"German", "French", "Americans", "Germans"} & set(found)


def test_office_titles_are_stripped_in_any_form() -> None:
    found = entities(
        "In a speech in the capital, Fed Chair Janet Yellen warned about rates, while Home "
        "Secretary Charles Clarke said the plan would work. Russian President Vladimir Putin "
        "and Vice President Dick Cheney met later, and Trade and Industry Secretary Patricia "
        "Hewitt joined them with Secretary of State Condoleezza Rice."
    )
    for name in (
        "Janet Yellen",
        "Charles Clarke",
        "Vladimir Putin",
        "Dick Cheney",
        "Patricia Hewitt",
        "Condoleezza Rice",
    ):
        assert found.get(name) == "PERSON", name
    for word in ("Fed", "Home", "Chair", "Secretary", "Russian", "Vice", "President"):
        assert not any(n.startswith(word) or n.endswith(word) for n in found), word


def test_the_organization_before_a_title_is_its_own_entity() -> None:
    found = entities(
        "Interest rates stayed at 4%, and Bank of England Governor Mervyn King said inflation "
        "was low. The Labour MP Kate Hoey said the plan was unfair, and the Tory leader Michael "
        "Howard agreed with her on the point."
    )
    assert found["Bank of England"] == "ORG"
    assert found["Mervyn King"] == "PERSON"
    assert found["Kate Hoey"] == "PERSON"
    assert found["Michael Howard"] == "PERSON"
    assert found["Labour"] == "ORG"


def test_a_role_without_its_holder_is_not_a_person() -> None:
    found = entities(
        "On the last day of the summit the German Chancellor said the talks were over, and the "
        "Home Secretary spoke about it on the radio with the Prime Minister later that day."
    )
    assert not any(kind == "PERSON" for kind in found.values()), found


def test_function_words_that_start_names() -> None:
    found = entities(
        "Shares rose in New York on the day, and the director Will Moy said the figures were "
        "clear. Will Moy added that the trend would continue. Will the markets hold up? "
        "Nobody knows, said the analyst Theresa May in a note to clients in early May 2005."
    )
    assert found["New York"] == "PLACE"
    assert found["Will Moy"] == "PERSON"
    assert found["Theresa May"] == "PERSON"
    assert "York" not in found and "Moy" not in found and "Theresa" not in found


def test_hyphenated_and_initialled_names_stay_whole() -> None:
    found = entities(
        "At the ceremony George H.W. Bush met Jean-Claude Juncker, and the mayor Han Kuo-yu "
        "spoke to Robert Kilroy-Silk about the US-led plan and London-based firms."
    )
    for name in ("George H.W. Bush", "Jean-Claude Juncker", "Han Kuo-yu", "Robert Kilroy-Silk"):
        assert found.get(name) == "PERSON", name
    assert found.get("US") == "PLACE"
    assert "London-based" not in found and "US-led" not in found


def test_an_article_that_belongs_to_a_place_name_stays() -> None:
    found = entities(
        "La Paz was calm when the delegation arrived there, and the talks began on time. The "
        "mayor called it la ciudad maravillosa in his speech."
    )
    assert found.get("La Paz") == "PLACE"
    assert "Paz" not in found


def test_political_parties_are_organizations() -> None:
    found = entities(
        "The Tories dismissed the plan as desperate, while the Liberal Democrats said it was "
        "misdirected. Labour won the seat, and a Tory spokesman said the Conservatives would "
        "announce their own proposals. The Lib Dems agreed, as did the Socialists in the "
        "neighbouring country and the Democrats in the other chamber."
    )
    for name in ("Tories", "Liberal Democrats", "Labour", "Conservatives", "Lib Dems"):
        assert found.get(name) == "ORG", name
    assert found.get("Democrats") == "ORG" and found.get("Socialists") == "ORG"


def test_a_capitalized_plural_that_speaks_is_a_group() -> None:
    found = entities(
        "After the vote the Greenbacks said they would appeal, and a Greenback official agreed. "
        "Later Ann Jones said the vote was fair, and Jones left."
    )
    assert found.get("Greenbacks") == "ORG"
    assert found.get("Ann Jones") == "PERSON"


def test_a_role_after_a_name_marks_an_organization() -> None:
    found = entities(
        "The match ended late, and Halvorsen boss Tom Reed said his side had deserved it. "
        "Halvorsen won the cup again after the Velmar chairman Ian Cole resigned."
    )
    assert found.get("Halvorsen") == "ORG"
    assert found.get("Velmar") == "ORG"
    assert found.get("Tom Reed") == "PERSON" and found.get("Ian Cole") == "PERSON"


def test_a_title_beats_the_gazetteer() -> None:
    # Obama is also a town in Japan, Bush a village in Egypt: after a title they are people.
    found = extract(
        "The summit opened with a speech, and President Obama thanked the hosts. Later that day "
        "Mr Bush said the talks had gone well."
    )
    kinds = {e.name: e for e in found}
    assert kinds["Obama"].type == "PERSON" and kinds["Obama"].scores.get("PLACE", 0) == 0
    assert kinds["Bush"].type == "PERSON"


def test_a_surnames_gazetteer_evidence_does_not_follow_it_into_the_full_name() -> None:
    # Radcliffe is also a town: the surname joins Paula Radcliffe without making her a place.
    text = (
        "The marathon was won by Paula Radcliffe in a fast time. Radcliffe led from the start, "
        "Radcliffe pulled away after ten miles, and Radcliffe finished alone in Radcliffe."
    )
    person = next(e for e in extract(text) if e.name == "Paula Radcliffe")
    assert person.type == "PERSON" and len(person.mentions) >= 4
    records = [
        LocalRecord("a", "paula radcliffe", "Paula Radcliffe", {"PERSON": 4}, [], 2),
        LocalRecord("b", "radcliffe", "Radcliffe", {"PLACE": 9, "gazetteer": 9}, [], 9),
    ]
    merged = {c.name: c for c in resolve(records)}
    assert merged["Paula Radcliffe"].type == "PERSON"
    assert merged["Paula Radcliffe"].count == 11


def test_an_adjective_that_is_also_a_small_towns_name_is_not_a_place() -> None:
    # "Olympic" is a town's name in the gazetteer; before a common noun it is an adjective.
    found = entities(
        "The Olympic champion won again in Athens, and the Olympic gold medal was hers. "
        "The crowd in Athens cheered for an hour after the race."
    )
    assert "Olympic" not in found
    assert found["Athens"] == "PLACE"


def test_a_name_called_a_work_is_not_a_person_in_that_document() -> None:
    found = entities(
        "Critics praised the film Laura Penhall at the festival, and Laura Penhall won two "
        "prizes. The director Tom Marsh said he was delighted with the result."
    )
    assert "Laura Penhall" not in found
    assert found["Tom Marsh"] == "PERSON"


def test_organizations_merge_plurals_and_acronyms() -> None:
    def org(doc: str, key: str, name: str, count: int) -> LocalRecord:
        return LocalRecord(doc, key, name, {"ORG": 3 * count}, [name], count)

    records = [
        org("a", "tories", "Tories", 5),
        org("b", "tory", "Tory", 4),
        org("a", "eu", "EU", 9),
        org("b", "european union", "European Union", 6),
        org("c", "europe union", "Europe Union", 1),  # a slip, far rarer
        org("a", "lse", "LSE", 3),
        org("b", "london stock exchange", "London Stock Exchange", 2),
        org("c", "london school of economics", "London School of Economics", 2),
    ]
    merged = {c.name: c for c in resolve(records)}
    assert merged["Tories"].count == 9 and "Tory" in merged["Tories"].aliases
    assert merged["EU"].count == 15 and "European Union" in merged["EU"].aliases
    assert "Europe Union" in merged
    # Two names spell LSE about as often: it stays apart from both.
    assert merged["LSE"].count == 3
    assert "London Stock Exchange" in merged and "London School of Economics" in merged


def test_a_city_alone_is_not_the_given_name_of_a_name_that_starts_with_it() -> None:
    found = types_of("The Paris Opera staged a new work. Tourists in Paris queued for hours.")
    assert found == {"Paris Opera": "ORG", "Paris": "PLACE"}
    # Where the text says the lone word is someone, it still joins the full name.
    assert types_of("Paris Hilton arrived late. Paris said she was tired.") == {
        "Paris Hilton": "PERSON"
    }


def test_head_nouns_that_are_names_by_themselves() -> None:
    assert types_of("Reuters reported the deal on Monday, citing two sources.") == {
        "Reuters": "ORG"
    }


def test_a_nationality_and_a_common_noun_are_no_name() -> None:
    found = types_of("Shares in BT rose. British TV channels and French PCs were hit.")
    assert "British TV" not in found and "French PCs" not in found and found["BT"] == "ORG"


def types_of(text: str) -> dict[str, str | None]:
    return {e.name: e.type for e in extract(text)}


def test_given_names_from_the_us_list_count_unless_the_text_uses_the_word() -> None:
    found = types_of("Officials met Keir Starmer and Jameela Jamil at the hall on Monday.")
    assert found == {"Keir Starmer": "PERSON", "Jameela Jamil": "PERSON"}
    found = types_of("Harmony Hall hosted the concert, and harmony was its theme.")
    assert found.get("Harmony Hall") != "PERSON"


def test_an_acronym_is_not_the_small_place_spelled_like_it() -> None:
    assert types_of("The USI art gallery opened, and USI staff met visitors.") == {"USI": "ORG"}


def test_a_name_ending_in_a_country_is_no_persons() -> None:
    found = types_of("Crowds came to Fan Expo Canada this week, officials said.")
    assert found.get("Fan Expo Canada") != "PERSON"
    # A country that is a given name too ends a person's name well enough.
    assert types_of("He met Michael Jordan in Chicago on Monday.")["Michael Jordan"] == "PERSON"


def test_a_program_is_an_organization() -> None:
    found = types_of("The photos came from the Andy Warhol Photographic Legacy Program last year.")
    assert found["Andy Warhol Photographic Legacy Program"] == "ORG"


def test_eras_and_currency_codes_are_not_entities() -> None:
    found = types_of("The temple was built in 300 BC and a ticket costs 75 DKK or 10 EUR there.")
    assert not {"BC", "DKK", "EUR"} & set(found)


def test_a_clubs_role_after_a_towns_name_names_the_club() -> None:
    text = "On Sunday the Leicester striker scored twice, and the Leicester manager was happy."
    assert types_of(text)["Leicester"] == "ORG"
    assert types_of("The London correspondent filed from London.")["London"] == "PLACE"


def test_a_name_ending_in_an_acronym_is_no_persons_by_a_verb_alone() -> None:
    found = types_of("Sales of the Nintendo DS rose, and the Nintendo DS says a lot about it.")
    assert found.get("Nintendo DS") != "PERSON"


def test_a_surname_used_alone_makes_its_full_name_a_persons() -> None:
    # No given name the lists know, no title: the surname alone elsewhere says person.
    found = entities(
        "Évariste Quenneville was buried in a common grave. Friends said Quenneville had "
        "written all night before he fought. The letters Quenneville left were read later."
    )
    assert found["Évariste Quenneville"] == "PERSON"
    # A company is "it": "Nordhafen Boerse ... Boerse said its offer".
    found = entities(
        "Nordhafen Boerse made a bid for the exchange. Boerse said its offer was final, "
        "and Boerse raised it later."
    )
    assert found.get("Nordhafen Boerse") != "PERSON"
    # Not where the name takes an article, holds a head noun or a place: "the Royal Palace ...
    # the Palace", "County of Maui ... Maui".
    found = entities(
        "We toured the Grand Palace at dawn. Later the Palace was closed. The County of "
        "Tarawe taxes land, and Tarawe grows fast."
    )
    assert found.get("Grand Palace") != "PERSON" and found.get("County of Tarawe") != "PERSON"


def test_to_and_from_alone_do_not_make_a_place() -> None:
    # People receive letters and send them: "to X", "from X" say nothing of a place.
    found = entities(
        "The monk wrote to Pachorius twice. A reply from Pachorius came in spring. "
        "She moved to Quillabamba and lives in Quillabamba now."
    )
    assert found.get("Pachorius") is None  # no evidence: untyped, not a place
    assert found["Quillabamba"] == "PLACE"  # "in X" still counts


def test_buildings_and_sites_are_places_whatever_their_first_word() -> None:
    found = entities(
        "Visitors queue at the Cleveland Museum of Art and the Tulsa Hotel. The Shah Mosque "
        "faces the square. Stuart Hall said the Carnegie Hall concert was sold out."
    )
    assert found["Cleveland Museum of Art"] == "PLACE"
    assert found["Shah Mosque"] == "PLACE" and found["Carnegie Hall"] == "PLACE"
    assert found["Stuart Hall"] == "PERSON"  # a given name and a surname that is a head noun


def test_a_place_after_of_is_no_surname_of_the_person() -> None:
    found = {
        e.name: e
        for e in extract(
            "King Louis of Borovia ruled long. Louis of Borovia died in Borovia in 1715, "
            "and Borovia mourned."
        )
    }
    assert "Borovia" not in found["Louis of Borovia"].aliases


def test_a_surname_without_evidence_joins_the_person_named_in_another_document() -> None:
    # "Castillo's release": no evidence of a type in that document, kept untyped; the
    # collection joins it to the one person it names, and drops it where it names no one.
    found = {e.key: e for e in extract("Mexico asked for Castillo's release. Nebbia's view.")}
    assert found["castillo"].type is None
    records = [
        LocalRecord("a", "pedro castillo", "Pedro Castillo", {"PERSON": 5}, ["Pedro Castillo"], 3),
        LocalRecord("b", "castillo", "Castillo", {}, ["Castillo"], 2),
        LocalRecord("b", "nebbia", "Nebbia", {}, ["Nebbia"], 1),
    ]
    merged = {c.name: c for c in resolve(records)}
    assert merged["Pedro Castillo"].count == 5 and "Nebbia" not in merged


def test_an_abbreviation_defined_in_lower_case_is_a_term_not_an_organization() -> None:
    found = entities(
        "Satellites measure global sea surface salinity (SSS) from space. SSS maps show the "
        "coast. The World Health Organization (WHO) said SSS matters, and the WHO agreed."
    )
    assert "SSS" not in found
    assert found["World Health Organization"] == "ORG"


def test_an_abbreviation_the_knowledge_base_knows_matches_only_in_capitals() -> None:
    # MHM is a party's abbreviation; "Mhm" in a conversation is a sound of assent.
    found = entities("Did you see it? Mhm. She said Mhm and left.")
    assert found.get("Mhm") is None


def test_a_place_that_plays_another_in_a_match_report_is_a_team() -> None:
    report = (
        "Group G — Belgium 3 – 0 Panama\n"
        "In the first match of the tournament, Belgium faced Panama at the stadium in Sochi. "
        "Romelu Lukaku scored two goals for Belgium in the second half, and the coach said "
        "Panama had played well."
    )
    found = entities(report)
    assert found["Belgium"] == "ORG" and found["Panama"] == "ORG"
    assert found["Sochi"] == "PLACE"
    # Not outside a report on a game, and never a person: "Federer beat Nadal".
    assert entities("Belgium faced Panama over the canal treaty in Brussels.")["Belgium"] == (
        "PLACE"
    )
    tennis = entities(
        "Roger Federer beat Rafael Nadal in the final of the tournament. The match lasted "
        "three sets and Federer scored points at will, the coach said."
    )
    assert tennis["Roger Federer"] == "PERSON" and tennis["Rafael Nadal"] == "PERSON"


def test_a_sentences_first_words_and_contractions_make_no_surname() -> None:
    found = entities(
        "Unfortunately I'm late. Unfortunately I'm tired. I'm sure it will pass, I'm told."
    )
    assert found.get("Unfortunately I'm") != "PERSON"


def test_a_market_leader_is_no_persons_title() -> None:
    found = entities("Market leader Zintendo, however, is releasing a console. Zintendo said so.")
    assert found.get("Zintendo") != "PERSON"
    assert entities("Opposition leader Ana Ruiz spoke.")["Ana Ruiz"] == "PERSON"


def test_the_court_and_the_church_go_by_their_head_noun() -> None:
    found = entities("May it please the Court. Later the Court said no, and the Church agreed.")
    assert found["Court"] == "ORG" and found["Church"] == "ORG"


def test_a_building_named_first_is_a_place() -> None:
    assert entities("We saw the Museum of Flight near Tacoma.")["Museum of Flight"] == "PLACE"


def test_an_abbreviation_joins_the_name_it_is_defined_by() -> None:
    found = {
        e.name: e
        for e in extract(
            "The Democratic Alliance for the Betterment of Hong Kong (DAB) won six seats. "
            "DAB leaders cheered, and the Kowloon Transit Authority (KTA) said KTA buses ran."
        )
    }
    assert "DAB" in found["Democratic Alliance for the Betterment of Hong Kong"].aliases
    assert "KTA" in found["Kowloon Transit Authority"].aliases
    assert "DAB" not in found and "KTA" not in found


def test_a_word_without_a_type_joins_only_a_person_the_collection_is_sure_of() -> None:
    records = [
        LocalRecord("a", "passion oscar", "Passion Oscar", {"PERSON": 2}, ["Passion Oscar"], 1),
        LocalRecord("b", "oscar", "Oscar", {"PERSON": 1}, ["Oscar"], 9),
    ]
    merged = {c.name: c for c in resolve(records)}
    assert merged["Passion Oscar"].count == 1 and "Oscar" not in merged


def test_people_listed_with_people_are_people() -> None:
    found = entities(
        "The guests at the fair this year were Zorbu Quillan, Mark Hamill and Margaret Atwood, "
        "who signed books all day."
    )
    assert found["Zorbu Quillan"] == "PERSON"
    # Not beside an organization or a place: "Zorbu Quillan, Mark Hamill and Lima".
    found = entities(
        "The guests at the fair this year were Zorbu Quillan, Mark Hamill and the Lima Chamber "
        "of Commerce, who signed books all day."
    )
    assert found.get("Zorbu Quillan") != "PERSON"


def test_one_cue_among_many_uses_keeps_a_surname_with_its_person() -> None:
    text = (
        "Daniel Montalvo, 19, left the group. The organization Montalvo had joined sued him. "
        "Montalvo said he was sorry. Montalvo had read the book. Montalvo met Mary Ruiz."
    )
    found = {e.name: e for e in extract(text)}
    assert "Montalvo" not in found and len(found["Daniel Montalvo"].mentions) == 5


def test_a_given_name_that_a_party_abbreviates_is_still_a_given_name() -> None:
    assert entities("Guests like Stan Lee came.")["Stan Lee"] == "PERSON"  # not the party STAN


def test_a_name_that_starts_with_a_nationality_is_no_persons_by_a_verb() -> None:
    found = entities("Shares rose after Deutsche Boerse said it would bid again.")
    assert found.get("Deutsche Boerse") != "PERSON"


def test_a_spanish_article_starts_no_persons_name() -> None:
    found = entities("The demonstration was also called La Marcha de los 4 Suyos, after the march.")
    assert found.get("La Marcha de los 4 Suyos") != "PERSON"


def test_an_organizations_people_and_headquarters_say_organization() -> None:
    found = entities(
        "He was given a tour of the Zoogle headquarters on Monday. The shareholders of Quorvex "
        "met in June, and the president of Peru spoke."
    )
    assert found["Zoogle"] == "ORG" and found["Quorvex"] == "ORG"
    assert found["Peru"] == "PLACE"  # a president is no organization's person


def test_letters_without_a_decomposition_fold_to_their_ascii_spelling() -> None:
    from index.sanitize import fold

    assert fold("Łódź") == "lodz" and fold("Tromsø") == "tromso" and fold("Đorđe") == "dorde"
    found = entities("The film school in Łódź trains directors, and many of them stay there.")
    assert found["Łódź"] == "PLACE"  # the gazetteer's "Lodz"


def test_a_middle_initial_and_its_period_stay_inside_the_name() -> None:
    found = {
        e.name: e
        for e in extract(
            "The linguist Charles J. Fillmore taught for years. Later Fillmore moved to a "
            "university, where he met the author J. K. Rowling at a reading."
        )
    }
    assert found["Charles J. Fillmore"].type == "PERSON"
    assert len(found["Charles J. Fillmore"].mentions) == 2  # "Fillmore" joins it
    assert found["J. K. Rowling"].type == "PERSON"
    # A letter that ends a sentence is no initial: "Plan B. Officials" are two things.
    found = {e.name: e for e in extract("They chose Plan B. Officials in Lima agreed to it.")}
    assert not any("Officials" in name for name in found)


def test_a_first_initial_before_the_given_name_a_person_goes_by_is_part_of_the_name() -> None:
    found = {
        e.name: e
        for e in extract(
            "The sect was founded by E. Mario Quispe in Cusco. Quispe died in 1990, and "
            "F. Rosa Tupa led it after him."
        )
    }
    assert found["E. Mario Quispe"].type == "PERSON"
    assert len(found["E. Mario Quispe"].mentions) == 2  # "Quispe" joins it
    assert found["F. Rosa Tupa"].type == "PERSON"
    # A letter naming a thing ends its sentence: the name after it starts the next one.
    found = {e.name: e for e in extract("It needs vitamin C. Maria Lopez said so in Lima.")}
    assert "Maria Lopez" in found and not any(name.startswith("C.") for name in found)


def test_abbreviations_in_the_plural_are_kinds_of_things() -> None:
    found = entities(
        "Most of the LLMs we tested failed, and the LLMs that passed were slow. Old CFLs "
        "waste power, said Ana Ruiz of the WHO."
    )
    assert "LLMs" not in found and "CFLs" not in found
    assert found["Ana Ruiz"] == "PERSON"


def test_figure_and_table_labels_are_no_places() -> None:
    found = entities("The rates are shown in Figure 3 and in Table 2, as the survey in Peru found.")
    assert "Figure" not in found and "Table" not in found and found["Peru"] == "PLACE"


def test_a_given_name_that_is_a_place_before_a_common_word_is_no_person() -> None:
    found = entities(
        "The new law on roads, listed by Kenya Law, came into force, said Theresa May of the "
        "party. Our star players took the field at the Star Game, and the game was a draw."
    )
    assert found.get("Kenya Law") != "PERSON" and found.get("Star Game") != "PERSON"
    assert found["Theresa May"] == "PERSON"  # "may" is a word too, "Theresa" no place or word


def test_a_lone_name_followed_by_he_or_she_again_and_again_is_a_persons() -> None:
    found = entities(
        "The monk Pachomius founded a house. Then Zarvanus asserted his influence openly. "
        "Later Zarvanus became sure that his destiny lay there. At last Zarvanus said he would "
        "go, and his brothers wept."
    )
    assert found["Zarvanus"] == "PERSON"
    # Once is not enough: "Quorvex said he" may be its spokesman.
    found = entities("Yesterday Quorvex said he would sell shares in the firm to a bank.")
    assert found.get("Quorvex") != "PERSON"


SPORT = "The match ended in a draw after a late goal, the third of the season for the striker. "


def test_a_towns_name_used_for_its_club_in_a_report_on_sport_is_the_club() -> None:
    found = {
        e.name: e
        for e in extract(
            SPORT + "Ruben Dias admitted that Norwich have little chance of the title. The "
            "Norwich fans sang on. He spoke in Glasgow before the game."
        )
    }
    assert found["Norwich"].type == "ORG" and found["Norwich"].scores.get("team")
    assert found["Glasgow"].type == "PLACE"  # only where the text uses it as a club
    # Outside sport, and for a runner whose surname is a town's name, no club.
    assert entities("Norwich have many old churches, said Ana Ruiz.").get("Norwich") != "ORG"
    found = {
        e.name: e
        for e in extract(SPORT + "Paula Radcliffe won in the rain. Radcliffe won again later.")
    }
    assert not found["Paula Radcliffe"].scores.get("team")
    assert "Radcliffe" not in found  # joined to the person


def test_a_given_name_used_only_as_a_things_name_is_no_person() -> None:
    # Kept untyped, such a word joined the one person of the collection a lone given name can
    # stand for.
    for text in (
        "The film was directed by Oscar-winning director Ana Ruiz, and it opened in Lima.",
        "Despite his Oscar nomination, he had to wait. Her Oscar nomination came later.",
    ):
        found = entities(text)
        assert "Oscar" not in found, text
    # A name that does something somewhere stays: "Oscar said".
    found = entities(
        "Oscar Tabarez spoke. Oscar said the Oscar nominations were fair, said Ana Ruiz."
    )
    assert found.get("Oscar Tabarez") == "PERSON"


def test_regions_of_the_world_are_places() -> None:
    found = entities(
        "Exports to Latin America and Southeast Asia grew, and talks on the Middle East went "
        "on, while trade with Sub-Saharan Africa slowed, said Ana Ruiz."
    )
    for region in ("Latin America", "Southeast Asia", "Middle East", "Sub-Saharan Africa"):
        assert found[region] == "PLACE", region


def test_events_are_none_of_the_three_types() -> None:
    found = entities(
        "Crowds came to the Winter Carnival in Lima, and later to the Paralympics, where the "
        "Paralympic team won, said Ana Ruiz."
    )
    assert "Winter Carnival" not in found and "Paralympics" not in found
    assert found["Lima"] == "PLACE"


def test_an_abbreviation_counted_with_a_or_an_is_a_kind_of_thing() -> None:
    found = entities(
        "Replace the old bulb with a CFL. An LLM that answers well is rare. The WHO said a "
        "NATO summit will meet, and the OAS agreed."
    )
    assert "CFL" not in found and "LLM" not in found
    assert found["NATO"] == "ORG" and found["OAS"] == "ORG"
    # A compound is no count: "a US-backed coup" names the US.
    assert entities("He fell in a US-backed coup in 2009, said Ana Ruiz.").get("US") == "PLACE"


def test_islands_named_in_the_plural_are_no_group() -> None:
    found = entities(
        "Ferries run to the Chathams twice a week from Lima, and the Chathams said no."
    )
    assert found.get("Chathams") != "ORG"


def test_what_an_organization_has_after_its_name_says_organization() -> None:
    found = entities(
        "The court froze Quorvex's shares on Monday, and Zentrix shareholders met in Lima. "
        "Blair's spokesman said no. Trading in US stocks was thin, said Ana Ruiz."
    )
    assert found["Quorvex"] == "ORG" and found["Zentrix"] == "ORG"
    assert found.get("US") == "PLACE"  # a place before a market word stays a place


def test_team_sheets_and_players_say_club_and_a_lone_surname_is_no_side() -> None:
    found = {
        e.name: e
        for e in extract(
            SPORT + "Matt Dawson replaced Leicester's Harry Ellis. The pack: B Kay (Northampton), "
            "L Moody (Northampton). The shop on Lima's Regent Street sold shirts."
        )
    }
    assert found["Leicester"].scores.get("team") and found["Northampton"].scores.get("team")
    assert not found["Lima"].scores.get("team")  # a street, not a player
    found = {e.name: e for e in extract(SPORT + "Lleyton Hewitt won. Later Hewitt beat Federer.")}
    assert not found["Lleyton Hewitt"].scores.get("team")


def test_an_adjective_before_party_names_the_party() -> None:
    found = entities(
        "He left the Republican party in May, and the Democratic party won, said Ana Ruiz."
    )
    assert found["Republican"] == "ORG" and found["Democratic"] == "ORG"
    assert "Peruvian" not in entities("The Peruvian government said no, said Ana Ruiz.")


def test_a_towns_name_that_the_text_writes_as_a_word_is_that_word_first_in_a_sentence() -> None:
    found = entities(
        "Mobile phones sold well in Lima. Come and see, said the mobile shop, and come they "
        "did. Turkey sent turkey meat to Chile, said Ana Ruiz. Police said the police agreed."
    )
    assert "Mobile" not in found and "Come" not in found  # towns in Alabama and the gazetteer
    assert found["Turkey"] == "PLACE" and found["Lima"] == "PLACE"  # a country stays
    assert found["Police"] == "ORG"  # an institution by its head noun (and a town in Poland)


def test_a_plural_the_text_counts_or_owns_is_a_kind_of_thing_not_a_group() -> None:
    found = entities(
        "The gallery shows over 80 Quorlets, and the Quorlets came from the Vell Foundation. "
        "Her Quorlets hang by the door, said Ana Ruiz. A Quorlet camera stood nearby."
    )
    assert "Quorlets" not in found
    sweets = entities("Drop six Brindles into the jar, then shake the Brindles well.")
    assert "Brindles" not in sweets
    # People counted still speak for a group: "two Conservatives said".
    party = entities(
        "The Conservatives won in Leeds. Two Conservatives said they would resign, and "
        "Conservative members agreed."
    )
    assert party["Conservatives"] == "ORG"


def test_a_word_ending_an_organizations_name_after_of_stands_for_it() -> None:
    found = {
        e.name: e
        for e in extract(
            "Hackers hit the Church of Zorbanity website on Monday. It is a war that Zorbanity "
            "has waged for years, and critics of Zorbanity agree."
        )
    }
    church = found["Church of Zorbanity"]
    assert church.type == "ORG" and len(church.mentions) == 3
    assert "Zorbanity" not in found
    # A place after "of" is still a place of its own.
    found = {e.name: e.type for e in extract("The Bank of England met. Rain fell in England.")}
    assert found["England"] == "PLACE"


def test_chinese_and_korean_names_with_a_hyphenated_given_name_are_peoples() -> None:
    found = entities(
        "The winners were Kwok Wai-keung and Yau Wai-ching, while Tsai Ing-wen met Park "
        "Joo-ho in Seoul."
    )
    assert found["Kwok Wai-keung"] == "PERSON" and found["Yau Wai-ching"] == "PERSON"
    assert found["Tsai Ing-wen"] == "PERSON" and found["Park Joo-ho"] == "PERSON"
    found = entities("The Pro-Beijing camp won. Shares of Diet Coca-Cola rose in Lima.")
    assert found.get("Pro-Beijing") != "PERSON" and found.get("Diet Coca-Cola") != "PERSON"


def test_a_surname_used_alone_lifts_a_name_with_little_evidence() -> None:
    found = entities(
        SPORT + "Belgium started with Tobrin Vakula, Ana Ruiz and Luis Vela. In the 69th minute, "
        "Tobrin Vakula scored. Six minutes later, Vakula scored again."
    )
    assert found["Tobrin Vakula"] == "PERSON"
    assert (
        sum(
            e.scores.get("PERSON", 0)
            for e in extract(
                SPORT + "Tobrin Vakula, Ana Ruiz and Luis Vela played. Later Vakula scored."
            )
            if e.key == "tobrin vakula"
        )
        >= 2
    )


def test_an_acronym_that_says_or_tells_is_an_organization() -> None:
    found = {e.name: e for e in extract("On Friday ZQRA tweeted its support for the boy.")}
    assert found["ZQRA"].type == "ORG" and found["ZQRA"].scores["ORG"] >= 2


def test_an_untyped_longer_name_mentions_the_entity_its_first_word_names() -> None:
    found = {
        e.name: e
        for e in extract(
            "The boy was invited by Zentrix to the Zentrix Science Fair in May, and the "
            "Zentrix Science Fair judges met him at Zentrix headquarters."
        )
    }
    assert found["Zentrix"].type == "ORG"
    assert len(found["Zentrix"].mentions) == 4 and "Zentrix Science Fair" not in found
    # Not its last word: "Space Shuttle Columbia" is a craft, whatever Columbia is alone.
    found = {e.name: e for e in extract("Space Shuttle Columbia flew. Bogota is in Colombia.")}
    assert "Space Shuttle Columbia" not in found and "Columbia" not in found


def test_an_agencys_administrator_is_a_title() -> None:
    found = {
        e.name: e.type
        for e in extract(
            "At the ceremony, ZQRA Administrator Tobrin Vakula announced the sites. "
            '"We chose well," said Vakula.'
        )
    }
    assert found["Tobrin Vakula"] == "PERSON" and found.get("ZQRA") != "PERSON"
    assert "ZQRA Administrator Tobrin Vakula" not in found


def test_an_acronym_a_person_belongs_to_is_an_organization() -> None:
    found = {
        e.name: e
        for e in extract(
            "In the east, Mirela Tovar of ZQRA won, and ZQRA's Ana Ruiz kept her seat, as did "
            "Luis Vela of the Greens."
        )
    }
    assert found["ZQRA"].type == "ORG" and found["ZQRA"].scores["ORG"] >= 3
    # Evidence over the list of common abbreviations: "DAB" is a radio format in "a DAB
    # radio", a party in "Ann Chiang of DAB".
    assert "DAB" not in entities("He bought a DAB radio for the kitchen, said Ana Ruiz.")
    assert entities("Ann Chiang of DAB was elected.").get("DAB") == "ORG"
    assert entities("He met the UK's Tony Blair in Leeds.").get("UK") == "PLACE"


def test_the_planets_are_places_as_weakly_as_a_city() -> None:
    found = entities(
        "Life on Earth began early, and the probe left Earth for Mars in May. Venus Williams "
        "won in Leeds."
    )
    assert found["Earth"] == "PLACE" and found["Mars"] == "PLACE"
    assert found["Venus Williams"] == "PERSON"


def test_a_place_word_before_of_and_a_place_names_a_place_and_papers_are_organizations() -> None:
    found = entities(
        "He thanked the State of Texas and sailed the Gulf of Mexico, said Ana Ruiz. The "
        "Department of Justice agreed, and he wrote in the Lima Gazette and Vell Magazine."
    )
    assert found["State of Texas"] == "PLACE" and found["Gulf of Mexico"] == "PLACE"
    assert found["Department of Justice"] == "ORG"
    assert found["Lima Gazette"] == "ORG" and found["Vell Magazine"] == "ORG"
    assert entities("He met Jim Courier in Leeds.")["Jim Courier"] == "PERSON"


def test_a_place_word_last_in_a_name_makes_a_place_whatever_comes_before() -> None:
    found = entities(
        "Trains leave from Union Station and the Vell Hospital Station, near Parliament "
        "Square, said Ana Ruiz."
    )
    assert found["Union Station"] == "PLACE" and found["Vell Hospital Station"] == "PLACE"
    assert found["Parliament Square"] == "PLACE"
    assert entities("The Port Authority said no.").get("Port Authority") == "ORG"


def test_a_places_name_and_a_plural_name_a_team() -> None:
    found = entities(
        SPORT + "He joined the Pittsburgh Pirates in May, and Leeds Rhinos beat Wigan Warriors "
        "in Leeds. He lives near Palm Springs and the Yorkshire Dales, by the Pace Galleries, "
        "and ran at the Athens Games."
    )
    assert found["Pittsburgh Pirates"] == "ORG" and found["Leeds Rhinos"] == "ORG"
    assert found["Leeds"] == "PLACE" and found["Palm Springs"] == "PLACE"
    assert found.get("Yorkshire Dales") != "ORG" and found.get("Pace Galleries") != "ORG"
    assert found.get("Athens Games") != "ORG"
    # Only in a report on sport: a film review's "Reservoir Dogs" is no team.
    film = entities("The critics loved Reservoir Dogs and Leeds Rhinos, said Ana Ruiz.")
    assert film.get("Reservoir Dogs") != "ORG"
    assert entities(SPORT + "Later Leander Paes won in Leeds.").get("Leander Paes") != "ORG"


def test_an_abbreviation_written_like_a_connector_stays_in_the_name() -> None:
    found = entities("Whitmore told LA Weekly that the case was closed, and LA Weekly ran it.")
    assert found["LA Weekly"] == "ORG"


def test_a_name_of_two_words_first_in_its_sentence_before_a_role_is_an_organization() -> None:
    found = entities(
        "Climate Vell spokesperson Julie Hahn said they apply. Climate Vell staff agreed."
    )
    assert found["Climate Vell"] == "ORG" and found["Julie Hahn"] == "PERSON"
    # Not a nationality before the role: "Legendary Dutch coach".
    assert entities("Legendary Dutch coach Rinus Vell said no.").get("Legendary Dutch") != "ORG"
    found = entities("Kill Bill director Ana Ruiz came to Leeds.")
    assert found.get("Kill Bill") != "ORG"


def test_an_abbreviation_of_capitalized_words_without_a_head_noun_needs_evidence() -> None:
    found = entities(
        "We apply the operators to Geographic Information Systems (GIS) tools. Two GIS tools "
        "exist, and a System Under Test (SUT) runs them; the SUT failed, said Ana Ruiz."
    )
    assert "GIS" not in found and "SUT" not in found
    assert "Geographic Information Systems" not in found
    # A company's name has no head noun either: what it does says organization.
    found = entities("Shares in Vellic Arts (VA) rose. VA said sales grew, and VA shares rose.")
    assert found["Vellic Arts"] == "ORG"
    # With a head noun, the abbreviation is that name: "Kennedy Space Center (KSC)".
    found = entities("The Vell Space Center (VSC) opened. Many VSC employees came, said Ana Ruiz.")
    assert found["Vell Space Center"] == "ORG"


def test_a_name_inside_a_longer_name_of_another_type_is_a_mention_of_its_own() -> None:
    text = (
        "Marta Vakula painted the harbour in 1961. Last week the Marta Vakula Foundation lent "
        "his prints to the University of Nebraska, and the Texas Department of Roads paid for "
        "the trucks, said Ana Ruiz."
    )
    found = {e.name: e for e in extract(text)}
    assert found["Marta Vakula Foundation"].type == "ORG"
    person = found["Marta Vakula"]
    assert person.type == "PERSON"
    assert [text[m.start : m.end] for m in person.mentions] == ["Marta Vakula"] * 2
    assert person.mentions[1].start == text.index("Marta Vakula Foundation")
    assert found["University of Nebraska"].type == "ORG" and found["Nebraska"].type == "PLACE"
    assert found["Texas Department of Roads"].type == "ORG" and found["Texas"].type == "PLACE"


def test_a_name_inside_a_longer_name_stays_inside_where_it_is_part_of_the_name() -> None:
    found = entities(
        "Environment Canada said the storm would pass, and the Korean Central News Agency "
        "agreed. Crowds filled the Kennedy Space Center and East Los Angeles, said Ana Ruiz."
    )
    # A branch's country last in the name; a region's word; a city's name that starts the
    # name of a facility (no city of Kennedy); a place in a place.
    assert "Canada" not in found and "Central" not in found and "Kennedy" not in found
    assert "Los Angeles" not in found and found.get("East Los Angeles") == "PLACE"
    # An organization inside another's name: "Zentrix News" is no mention of Zentrix.
    found_org = {e.name: e for e in extract("The Zentrix shareholders met, and Zentrix News ran.")}
    assert found_org["Zentrix"].type == "ORG" and len(found_org["Zentrix"].mentions) == 1


def test_a_text_of_ascii_only_is_read_into_the_same_words_as_any_other() -> None:
    # An ASCII text is tokenized with the ASCII flavour of the word pattern (sooner): the same
    # words, offsets and flags as the Unicode pattern gives, which a letter beyond ASCII forces.
    text = (
        'U.S. e.g. A.B-C don\'t foo_bar 3.2 x.y.z2 (The "Quick" fox). "Yes," said Dr. J. Smith.\n'
        "NEW HEADLINE Here Now\nGeorge H.W. Bush met Mr. Brown's team: It rained; the end\n"
    )
    ascii_tokens = tokenize(text)
    assert tokenize(text + "\u00e9")[: len(ascii_tokens)] == ascii_tokens
