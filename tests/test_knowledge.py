"""The knowledge base (index/data/kb.tsv, made by tools/make_kb.py): what it knows, how it types
and merges names, and that the text's own evidence wins over it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from index.extract.aliases import LocalRecord, resolve
from index.extract.entities import Reason, extract
from index.extract.knowledge import knowledge, lookup, wikidata_id
from index.models import Entity

ROOT = Path(__file__).resolve().parent.parent


def make_kb() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_kb", ROOT / "tools" / "make_kb.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_kb"] = module
    spec.loader.exec_module(module)
    return module


def types(text: str) -> dict[str, str | None]:
    return {e.name: e.type for e in extract(text)}


def test_countries_with_their_common_aliases() -> None:
    for alias in ("United States", "U.S.", "US", "USA", "America", "the States"):
        known = lookup(alias)
        assert known is not None and known.qid == "Q30" and known.type == "PLACE", alias
    assert lookup("UK") == lookup("United Kingdom") and lookup("UK") is not None
    assert lookup("GBR") is None  # an ISO code, not a name anyone writes


def test_bodies_parties_and_companies() -> None:
    assert lookup("EU") == lookup("European Union")
    assert wikidata_id("European Union", "ORG") == "Q458"
    assert wikidata_id("Labour Party", "ORG") == "Q9630"  # the oldest item of that name
    assert wikidata_id("GOP", "ORG") == wikidata_id("Republican Party", "ORG")
    microsoft = lookup("Microsoft")
    assert microsoft is not None and microsoft.kind == "company" and microsoft.qid == ""
    # A company's name that is a given name or a place is left to the text.
    assert all(k.kind != "company" or k.name.casefold() != "boston" for k in knowledge().values())


def test_the_id_needs_the_same_type() -> None:
    assert wikidata_id("Jordan", "PLACE") is not None
    assert wikidata_id("Jordan", "PERSON") is None  # Michael Jordan is not the country
    entity = Entity("EU", "ORG", 3, {"a": 3}, ("European Union",))
    assert entity.to_json()["wikidata"] == "Q458"
    assert Entity("Maria Quispe", "PERSON", 1, {"a": 1}, ()).to_json()["wikidata"] is None


def test_a_company_without_a_head_noun_is_an_organization() -> None:
    found = types("Shares in Microsoft rose on Monday. Microsoft said it would hire 500 people.")
    assert found["Microsoft"] == "ORG"
    why: list[Reason] = []
    extract("Analysts expect Microsoft to report a profit.", why=why)
    assert any("knowledge base (company)" in r.reason for r in why)


def test_evidence_over_lookup() -> None:
    # A title says person whatever the knowledge base knows of the name.
    assert types("Yesterday Mr Tesla said the plan was sound.")["Tesla"] == "PERSON"
    # A given name and a verb: a person, not the company.
    assert types("The engineer Nikola Tesla said it could be done.")["Nikola Tesla"] == "PERSON"
    # A one-word name the document uses as a common word gets nothing from the lookup.
    found = types("She picked an apple from the tree. Apple was her favourite word.")
    assert found.get("Apple") != "ORG"


def test_a_surname_joins_its_person_whatever_company_shares_it() -> None:
    found = types("Diane Abbott said the plan was wrong. Abbott added that it was late.")
    assert found == {"Diane Abbott": "PERSON"}


def test_names_the_knowledge_base_knows_as_one_merge_across_documents() -> None:
    records = [
        LocalRecord("a", "us", "US", {"PLACE": 6}, ["US"], 4),
        LocalRecord("b", "united states", "United States", {"PLACE": 6}, ["United States"], 2),
        LocalRecord("c", "america", "America", {"PLACE": 3}, ["America"], 1),
        LocalRecord("a", "eu", "EU", {"ORG": 4}, ["EU"], 5),
        LocalRecord("b", "european union", "European Union", {"ORG": 6}, ["European Union"], 2),
        LocalRecord("c", "labour", "Labour", {"ORG": 6}, ["Labour"], 3),
        LocalRecord("c", "labour party", "Labour Party", {"ORG": 6}, ["Labour Party"], 1),
    ]
    merged = {c.name: sorted(c.aliases) for c in resolve(records)}
    assert merged == {
        "US": ["America", "United States"],
        "EU": ["European Union"],
        "Labour": ["Labour Party"],
    }


def test_generator_reads_its_sources_the_same_way_every_time() -> None:
    tool = make_kb()
    aliases = (
        "iso3c,iso2c,language,is_official_language,label,label_type\n"
        "USA,US,en,true,United States of America,official\n"
        "USA,US,en,true,the States,alias\n"
        "USA,US,en,true,U.S.,alias\n"
        "USA,US,en,true,US,alias\n"
        "USA,US,fr,false,États-Unis,official\n"
        "GBR,GB,en,true,United Kingdom,official\n"
        "GBR,GB,en,true,GBR,alias\n"
        "GBR,GB,en,true,gb,alias\n"
    )
    ids = (
        'country_entities = {"Q30": {"label": "United States of America"},'
        ' "Q145": {"label": "United Kingdom"}}\n'
    )
    first = tool.countries(aliases, ids)
    assert first == tool.countries(aliases, ids)
    assert [(e.qid, e.name, e.aliases) for e in first] == [
        ("Q145", "United Kingdom", []),
        ("Q30", "United States of America", ["the States", "U.S.", "US"]),
    ]
    assert tool.company_name("MICROSOFT CORP") == "Microsoft"
    assert tool.company_name("Apple Inc.") == "Apple"
    assert tool.company_name("BANK OF AMERICA CORP /DE/") == "Bank of America"
    assert tool.short_name("GOP/Grand/Old/Party") == "GOP"
    assert tool.short_name("Lab") == ""  # not an abbreviation
    assert tool.short_name("PD") == ""  # two letters: too many parties share them


def test_an_acronym_spelled_like_a_function_word() -> None:
    text = "The outbreak was declared by the WHO on Monday, and the WHO said more would follow."
    assert types(text) == {"WHO": "ORG"}
    assert types("Who said that? It was ALL over by then, and ALL of them knew.") == {}


def test_a_short_form_joins_a_long_name_only_where_a_text_writes_both() -> None:
    daiwa = "Daiwa Securities"
    records = [
        LocalRecord("a", "eu", "EU", {"ORG": 4}, ["EU"], 5),
        LocalRecord("a", "european union", "European Union", {"ORG": 6}, ["European Union"], 2),
        LocalRecord("c", "ds", "DS", {"ORG": 3}, ["DS"], 3),
        LocalRecord("d", "daiwa securities", daiwa, {"ORG": 6}, [daiwa], 2),
    ]
    merged = {c.name: sorted(c.aliases) for c in resolve(records)}
    assert merged == {"EU": ["European Union"], "DS": [], "Daiwa Securities": []}


def test_a_clipped_name_joins_the_full_one_where_a_text_writes_both() -> None:
    records = [
        LocalRecord("a", "lib dems", "Lib Dems", {"ORG": 6}, ["Lib Dems"], 5),
        LocalRecord("a", "liberal democrats", "Liberal Democrats", {"ORG": 6}, ["Lib Dems"], 4),
        LocalRecord("b", "gen motors", "Gen Motors", {"ORG": 6}, ["Gen Motors"], 1),
        LocalRecord("c", "general motors", "General Motors", {"ORG": 6}, ["General Motors"], 2),
    ]
    merged = {c.name: sorted(c.aliases) for c in resolve(records)}
    assert merged == {"Lib Dems": ["Liberal Democrats"], "General Motors": [], "Gen Motors": []}


def test_the_committed_data_agrees_with_the_word_lists_it_was_filtered_by() -> None:
    """Drift: tools/make_kb.py leaves out of kb.tsv and given_names_us.txt the words quipu's own
    lists know as something else; a change to those lists (a new head noun, a given name) without
    running the generator again shows here, without the sources (``make_kb.py MIRRORS --check``
    compares with the sources themselves)."""
    from index.extract.lexicon import ORG_HEADS, PLACE_HEADS, TITLES, lexicon
    from index.sanitize import fold

    tool = make_kb()
    data = ROOT / "index" / "data"
    known = lexicon().given_names
    for name in (data / "given_names_us.txt").read_text(encoding="utf-8").splitlines()[1:]:
        word = fold(name)
        assert word not in TITLES | ORG_HEADS | PLACE_HEADS and word not in known, name
        assert not tool.ordinary_word(name), name
    for line in (data / "kb.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        _qid, _type, kind, name, _aliases = line.split("\t")
        if kind == "company" and " " not in name:
            assert not tool.ordinary_word(name), name


def test_a_dissolved_partys_one_word_name_that_is_a_word_of_the_lexicon_is_left_out() -> None:
    tool = make_kb()
    export = (
        "country,partyfacts_id,wikidata_id,name,name_short,name_native\n"
        "GBR,1,Q108700,Whigs,,\n"
        "ISR,2,Q39655,Kadima,,\n"
        "XXX,3,Q4732275,Alliance,,\n"
        "XXX,4,Q9999999,Alliance,,\n"
    )
    years = (
        '"country","partyfacts_id","url","name_short","name","name_native","year_founded",'
        '"year_dissolved"\n'
        '"GBR",1,"u",,"Whigs",,"1678","1859"\n'
        '"ISR",2,"u",,"Kadima",,"2005","2015"\n'
        '"XXX",3,"u",,"Alliance",,"1990","2015"\n'
        '"XXX",4,"u",,"Alliance",,"2019",\n'
    )
    kept = [(e.qid, e.name) for e in tool.parties(export, tool.dissolved(years))]
    # The Whigs of 1859 are not what a text means by "Whigs" today; a dissolved party with a
    # name of its own ("Kadima") and a living "Alliance" stay.
    assert kept == [("Q39655", "Kadima"), ("Q9999999", "Alliance")]
    assert wikidata_id("Whigs", "ORG") is None and wikidata_id("Tories", "ORG") is None
