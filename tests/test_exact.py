"""Search that means what was typed: the exact field, tokens as people write them, phrases in
snippets, and the decoding report. Texts written here, not the seeds'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.api import Collection
from index.cli import main

FILES = {
    "band.txt": "Festival\n\nThe Who played at the festival. Fans of the band cheered.\n",
    "crowd.txt": "Crowd\n\nWho was there? The crowd loved it, and the band played on.\n",
    "economy.txt": "Markets\n\nThe US economy grew. Analysts told us the news was good.\n",
    "german.txt": "Germany\n\nGerman economy rebounds as new orders rise.\n",
    "emergency.txt": "Decree\n\nA state of emergency was declared in the south.\n",
    "states.txt": "Trade\n\nThe United States and emerging markets traded more.\n",
    "mail.txt": "Letters\n\nShe sent an e-mail to O'Sullivan about the U.S. visit.\n",
    "daily.txt": "Papers\n\nScott Sullivan read the email printed in the Daily Mail.\n",
    "news.txt": "Bulletin\n\nNews of the day: a bridge. More news at six.\n",
    "road.txt": "Roads\n\nA new road opened, and a new bridge.\n",
    "told.txt": "Silence\n\nThey told us nothing in May about Plan B.\n",
    "money.txt": (
        "Deal\n\nThe club paid £15.8m, 3.5% more, for 2,000 MP3 players; COVID-19 rules.\n"
    ),
    "verb.txt": "Forecast\n\nIt may rain, and 2,000,000 may come, or £2,000 in 9 days.\n",
    "browser.txt": "Browsers\n\nIE users, i.e. most of them, upgraded at 9 a.m. on the day.\n",
    "the who.txt": "The Who return\n\nThe band plays again.\n",
    "attack.txt": "Rules\n\nAfter 9/11 the rules changed in the 2004/05 season.\n",
    "score.txt": "Score\n\nThey lost 9-11 at home.\n",
}


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    root = tmp_path_factory.mktemp("exact")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in FILES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    built = Collection(corpus, root / "ix")
    built.update()
    return built


def found(collection: Collection, text: str) -> set[str]:
    return collection.matching_docs(text) or set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"The Who"', {"band", "the who"}),
        ('"US economy"', {"economy"}),
        ('"state of emergency"', {"emergency"}),
        ('"the band played"', {"crowd"}),
        ("US", {"economy", "mail"}),  # the acronym (also written U.S.), not "us"
        ("U.S.", {"economy", "mail"}),
        ("us", {"economy", "told"}),
        ("May", {"told"}),  # a capitalised common word alone: the month or name, not the verb
        ("=May", {"told"}),
        ("may", {"told", "verb"}),  # small letters: any case
        ("=may", {"told", "verb"}),
        ('"May"', {"told", "verb"}),  # in quotes, case is ignored
        ('"in may"', {"told"}),
        ('"in May"', {"told"}),
        ("title:May", set()),
        ('title:"The Who"', {"the who"}),  # stop words kept in a title phrase
        ('title:"who return"', {"the who"}),
        ("title:the", {"the who"}),  # a title word the stemmed analysis drops: searched exactly
        ("9", {"verb", "browser", "attack", "score"}),  # a one-digit number is kept
        ('"9/11"', {"attack"}),  # numbers joined by a slash: one token, and its parts
        ('"9-11"', {"score"}),
        ("2004", {"attack"}),
        ('"2,000"', {"money", "verb"}),  # in "£2,000" too, not in "2,000,000"
        ('"£2,000"', {"verb"}),
        ('"3.5"', {"money"}),  # the number of "3.5%"
        ('"15.8m"', {"money"}),
        ('"i.e."', {"browser"}),  # small dotted letters keep their dots: not "IE"
        ("IE", {"browser"}),
        ('"a.m."', {"browser"}),
        ("=am", set()),  # "a.m." is not the word "am"
        ("mail", {"mail", "daily"}),  # a part of "e-mail"
        ("B", {"told"}),  # so is a one-letter word
        ("=news", {"economy", "news"}),
        ('"news"', {"economy", "news"}),
        ("O'Sullivan", {"mail"}),
        ("Sullivan", {"mail", "daily"}),  # the parts find the joined word
        ('"e-mail"', {"mail", "daily"}),  # and the joined form is the hyphenless one
        ("email", {"mail", "daily"}),
        ('"Daily Mail"', {"daily"}),
        ("£15.8m", {"money"}),
        ("3.5%", {"money"}),
        ("2,000", {"money", "verb"}),
        ("MP3", {"money"}),
        ("COVID-19", {"money"}),
        ("covid", {"money"}),
    ],
)
def test_queries_find_what_was_typed(
    collection: Collection, query: str, expected: set[str]
) -> None:
    assert found(collection, query) == expected


def test_a_plain_word_finds_its_stem_and_ranks_the_exact_form_first(collection: Collection) -> None:
    results = collection.search("news", limit=10)
    docs = [hit.doc for hit in results.hits]
    assert set(docs) == {"economy", "news", "road", "german"}  # "news" stems to "new"
    assert set(docs[:2]) == {"economy", "news"}  # those holding "news" itself first


def test_a_phrase_snippet_holds_the_phrase_as_one_span(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    filler = " ".join(["Mr Brown spoke again about the budget and Brown said more."] * 12)
    (corpus / "brown.txt").write_text(
        f"Budget\n\n{filler}\n\nLater that week Gordon Brown answered his critics.\n",
        encoding="utf-8",
    )
    collection = Collection(corpus, tmp_path / "ix")
    collection.update()
    results = collection.search('"Gordon Brown"')
    snippet = results.hits[0].snippet
    assert [snippet.text[s.start : s.end] for s in snippet.spans] == ["Gordon Brown"]
    document = collection.document("brown")
    spans = collection.highlight(document.text, results)
    assert [document.text[s.start : s.end] for s in spans] == ["Gordon Brown"]  # n/N steps
    collection.close()


def test_a_stop_word_query_is_not_silently_empty(
    capsys: pytest.CaptureFixture[str], collection: Collection
) -> None:
    where = ["--corpus", str(collection.corpus), "--index-dir", str(collection.index_dir)]
    for query, code_wanted, at_least in (('"will be"', 1, 0), ("the", 0, 8)):
        code = main(["search", query, "--json", *where])
        payload = json.loads(capsys.readouterr().out)
        assert code == code_wanted and payload["total"] >= at_least, query
        if code_wanted == 1:
            assert payload["total"] == 0  # nothing here says "will be"


def test_a_latin1_file_is_read_as_cp1252_and_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    text = "Transfer\n\nThe club wrote off a fee of £15.8m for the striker, café owners said.\n"
    (corpus / "fee.txt").write_bytes(text.encode("latin-1"))
    (corpus / "plain.txt").write_text("Plain\n\nNothing odd here.\n", encoding="utf-8")
    code = main(["index", "--json", "--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")])
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert code == 0
    assert payload["decoded"] == [{"path": "fee.txt", "encoding": "cp1252"}]
    assert "fee.txt: not UTF-8; read as cp1252" in captured.err
    collection = Collection(corpus, tmp_path / "ix")
    assert "£15.8m" in collection.document("fee").text
    assert found(collection, "£15.8m") == {"fee"}
    collection.close()


def test_exact_copies_are_shown_once_and_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "c"
    (corpus / "wire").mkdir(parents=True)
    story = "Floods\n\nFloods closed the valley road on Monday, officials said.\n"
    (corpus / "a.txt").write_text(story, encoding="utf-8")
    (corpus / "wire" / "b.txt").write_text(story.replace(" on ", "  on\n"), encoding="utf-8")
    (corpus / "wire" / "c.txt").write_text(story, encoding="utf-8")
    (corpus / "other.txt").write_text("Roads\n\nThe valley road reopened.\n", encoding="utf-8")
    args = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    code = main(["search", "valley", "--json", *args])
    payload = json.loads(capsys.readouterr().out)
    assert code == 0 and payload["total"] == 2
    by_doc = {hit["doc"]: hit["duplicates"] for hit in payload["hits"]}
    assert by_doc == {"a": ["wire/b", "wire/c"], "other": []}
    main(["search", "valley", *args])
    lines = capsys.readouterr().out.splitlines()
    assert "    also: 2 copies (wire/b, wire/c)" in lines
    assert sum(line.startswith("    also:") for line in lines) == 1
    main(["docs", "--json", *args])
    listed = {
        row["doc"]: row["duplicate_of"] for row in json.loads(capsys.readouterr().out)["docs"]
    }
    assert listed == {"a": None, "other": None, "wire/b": "a", "wire/c": "a"}
    (corpus / "a.txt").unlink()  # the next copy is shown in its place
    main(["search", "valley", "--json", *args])
    payload = json.loads(capsys.readouterr().out)
    assert {hit["doc"]: hit["duplicates"] for hit in payload["hits"]} == {
        "wire/b": ["wire/c"],
        "other": [],
    }


def test_a_possessive_or_a_part_keeps_what_its_word_means(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    files = {
        "final.txt": "Final\n\nHe came on in May's cup final, and the US's team lost.\n",
        "film.txt": "Film\n\nDirector Mark Dornford-May made it.\n",
        "verb.txt": "Rain\n\nIt may rain; ask us's not a word.\n",
    }
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    collection = Collection(corpus, tmp_path / "ix")
    collection.update()
    assert found(collection, "May") == {"final", "film"}
    assert found(collection, "US") == {"final"}
    assert found(collection, '"the US team"') == {"final"}
    assert found(collection, "may") == {"final", "film", "verb"}
    collection.close()


def test_the_reader_says_how_many_copies_a_hit_has() -> None:
    from index.models import Hit, Snippet, Span
    from tui.render import hit_prompt

    def hit(duplicates: tuple[str, ...]) -> Hit:
        snippet = Snippet("Floods closed the valley road.", (Span(18, 24),))
        return Hit("a", "a.txt", "Floods", None, "none", 1.5, Span(0, 30), snippet, duplicates)

    assert "also: 2 copies" in hit_prompt(hit(("wire/b", "wire/c"))).plain
    assert "also: 1 copy" in hit_prompt(hit(("wire/b",))).plain
    assert "also" not in hit_prompt(hit(())).plain


def test_spans_found_token_by_token_are_the_analyzers_own() -> None:
    """Snippets and the reader's n/N analyse each distinct token once; the terms, places and
    offsets are those of the whole text run through the analyzer."""
    from index.engine.search import _ANALYZER, _EXACT, _EXACT_TERMS, _STEMMED_TERMS

    text = (
        "The US's e-mail to O'Sullivan: £15.8m, 3.5% of 2,000,000 (i.e. 9/11); May's "
        "Dornford-May, U.S.-led COVID-19 talks, Otárola's café, naïve co-operation.\n"
        "May I? We may. " + "x" * 70
    )
    exact = [
        (t.pos, t.text, t.startchar, t.endchar) for t in _EXACT(text, positions=True, chars=True)
    ]
    assert list(_EXACT_TERMS.tokens(text)) == exact
    stemmed = [(t.text, t.startchar, t.endchar) for t in _ANALYZER(text, chars=True)]
    assert [(term, s, e) for _, term, s, e in _STEMMED_TERMS.tokens(text)] == stemmed
