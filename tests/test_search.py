from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import write_corpus
from index.api import Collection
from index.engine.search import best_passage, edit_distance
from index.errors import QuerySyntaxError, UsageError
from index.models import Span


def highlighted(collection: Collection, text: str) -> dict[str, list[str]]:
    results = collection.search(text)
    return {
        hit.doc: [hit.snippet.text[s.start : s.end] for s in hit.snippet.spans]
        for hit in results.hits
    }


def test_stemming_finds_inflections(small_collection: Collection) -> None:
    found = highlighted(small_collection, "protest")
    assert set(found) == {"harbour", "mines", "archive/letters"}
    assert found["mines"] == ["protesters"]


def test_accents_are_folded(small_collection: Collection) -> None:
    assert highlighted(small_collection, "Valparaiso") == {"harbour": ["Valparaíso"]}
    assert highlighted(small_collection, "nunez") == {"harbour": ["Ñúñez"]}


def test_phrase_highlight_covers_the_whole_phrase(small_collection: Collection) -> None:
    assert highlighted(small_collection, '"state of emergency"') == {
        "harbour": ["state of emergency"]
    }


def test_and_needs_both_terms_in_the_document(small_collection: Collection) -> None:
    assert set(highlighted(small_collection, "strike AND governor")) == {"harbour"}
    assert highlighted(small_collection, "strike AND blockade") == {}


def test_not_prefix_fuzzy_and_fields(small_collection: Collection) -> None:
    assert set(highlighted(small_collection, "protest* NOT copper")) == {
        "harbour",
        "archive/letters",
    }
    assert set(highlighted(small_collection, "blokade~")) == {"mines"}
    assert set(highlighted(small_collection, "title:copper")) == {"mines"}
    assert set(highlighted(small_collection, "author:beltran")) == {"archive/letters"}


def test_best_passage_is_where_the_terms_are(small_collection: Collection) -> None:
    hit = small_collection.search("union leader").hits[0]
    text = small_collection.document(hit.doc).text
    assert text[hit.passage.start : hit.passage.end].startswith("The union leader")


def test_best_passage_reads_inflections_accents_and_rarity() -> None:
    paragraphs = [
        "The cities were quiet and the ministers met.",
        "Several cities saw marches; Otárola spoke of the studies.",
        "City, city, city: nothing else happened in the city.",
    ]
    text = "\n\n".join(paragraphs)
    passages, start = [], 0
    for paragraph in paragraphs:
        passages.append(Span(start, start + len(paragraph)))
        start += len(paragraph) + 2
    # "citi" (from "city"), "otarola" and "studi": the second paragraph holds all three.
    terms = frozenset({"citi", "otarola", "studi"})
    assert best_passage(text, passages, terms, {}) == passages[1]
    # A common word repeated loses to a rare one found once.
    weights = {"citi": 1.0, "minist": 6.0}
    assert best_passage(text, passages, frozenset(weights), weights) == passages[0]
    assert best_passage(text, passages, frozenset({"absent"}), {}) is None


def test_no_hits_suggests_a_spelling(small_collection: Collection) -> None:
    results = small_collection.search("Dockwrkers")
    assert results.total == 0
    assert results.suggestion == "Dockworkers"  # in the case typed
    assert small_collection.search("the").suggestion is None


def test_publication_date_filters(small_collection: Collection) -> None:
    assert {
        h.doc for h in small_collection.search("protest*", date_from=date(2021, 4, 1)).hits
    } == {"mines"}
    assert {h.doc for h in small_collection.search("protest*", date_to=date(2021, 3, 31)).hits} == {
        "harbour"
    }
    assert {
        h.doc for h in small_collection.search("published:[2021-03-01 to 2021-03-31]").hits
    } == {"harbour"}


def test_pagination(small_collection: Collection) -> None:
    first = small_collection.search("protest*", limit=2)
    rest = small_collection.search("protest*", limit=2, offset=2)
    assert first.total == rest.total == 3
    assert len(first.hits) == 2 and len(rest.hits) == 1
    assert {h.doc for h in first.hits}.isdisjoint({h.doc for h in rest.hits})


def test_malformed_query_raises_a_one_line_error(small_collection: Collection) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        small_collection.search("strike AND (")
    assert "\n" not in str(caught.value)


def test_unknown_document(small_collection: Collection) -> None:
    with pytest.raises(UsageError, match="no document"):
        small_collection.document("nope")


def test_documents_list(small_collection: Collection) -> None:
    rows = small_collection.documents()
    assert [r.doc for r in rows] == ["archive/letters", "harbour", "mines"]
    assert rows[1].author == "Maria Quispe" and rows[1].published == "2021-03-12"


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("boluarte", "boluarte", 0),
        ("bolurte", "boluarte", 1),
        ("bolaurte", "boluarte", 1),
        ("kitten", "sitting", 3),
    ],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance


def test_seeds_phrase_finds_exactly_the_documents_with_it(seeds_collection: Collection) -> None:
    results = seeds_collection.search('"state of emergency"')
    expected = {
        d.doc
        for d in seeds_collection.documents()
        if "state of emergency" in seeds_collection.document(d.doc).text.lower()
    }
    assert {h.doc for h in results.hits} == expected
    for hit in results.hits:
        assert any(
            hit.snippet.text[s.start : s.end].lower() == "state of emergency"
            for s in hit.snippet.spans
        )


def test_totals_are_exact_beyond_the_first_page(tmp_path: Path) -> None:
    """Whoosh skips blocks that cannot reach the top; the total must still count them all."""
    files = {
        f"d{i:03d}.txt": f"Report {i}\n\n"
        + ("The dock strike went on. " * (1 + i % 7) if i % 3 else "A quiet day at the port. ")
        + "Paragraph two.\n\nParagraph three about the port."
        for i in range(300)
    }
    corpus = write_corpus(tmp_path / "corpus", files)
    collection = Collection(corpus, tmp_path / "index")
    collection.update()
    results = collection.search("strike", limit=5)
    assert len(results.hits) == 5
    assert results.total == sum(1 for i in range(300) if i % 3)
    assert collection.search("port", limit=3).total == 300
    assert collection.search("strike AND port", limit=3).total == 200


def test_listed_lengths_score_exactly_as_whoosh_bm25f(seeds_index: Path) -> None:
    from whoosh import index

    from index.engine.querytext import route_exact
    from index.engine.scoring import ListedLengthsBM25F
    from index.engine.search import make_parser, stemmed_terms

    ix = index.open_dir(str(seeds_index))
    parser = make_parser(ix.schema)
    for text in ("strike", "protest OR curfew", '"state of emergency"', "title:peru"):
        parsed = parser.parse(route_exact(text, stemmed_terms))
        with ix.searcher() as plain, ix.searcher(weighting=ListedLengthsBM25F()) as listed:
            expected = [(hit.docnum, hit.score) for hit in plain.search(parsed, limit=None)]
            found = [(hit.docnum, hit.score) for hit in listed.search(parsed, limit=None)]
        assert found == pytest.approx(expected) and expected, text


def test_one_pass_fields_post_exactly_what_whoosh_would() -> None:
    """Each one-pass field of the schema analyses each distinct token once; its postings must
    equal those of Whoosh's own indexing of the same field."""
    from whoosh import fields
    from whoosh.analysis import RegexTokenizer, StopFilter

    from index.analysis import FastText, OnePass
    from index.engine.schema import build_schema

    texts = [
        "The strikers struck; the strike (a general strike) was called off in Puno.",
        "Otárola's office: U.S. envoys met in Lima on Jan. 19, 2023 — at 10.30 a.m.",
        "naïve café ÆSIR straße İstanbul ½ x2 _under_score__ 1.2.3 ..dots.. a b c",
        "Ünïcödé wörds repeat: wörds wörds, and AND and the THE, of, OF.",
        "Dina Boluarte,dina boluarte, ,Pedro Castillo,  ,2023-01-19,2023-01,2023,,",
        "",
        "   \n\t  ",
        "日本語のテキスト 中文 한국어 العربية русский текст",
    ]
    pieces = ["the", "of", "a", "Ab", "ÉTÉ", "x", ".", "..", "9", "_", " ", "-", ",", "ß", "ran"]
    rng = random.Random(7)
    texts += ["".join(rng.choice(pieces) for _ in range(60)) for _ in range(200)]
    schema = build_schema()
    one_pass = [name for name in schema.names() if isinstance(schema[name], OnePass)]
    assert {"title", "body", "author", "entity", "mentions", "person", "place", "org"} <= set(
        one_pass
    )
    for name in one_pass:
        field = schema[name]
        assert field._pattern() is not None, name  # indexed in one pass, not handed back
        for text in texts + [" ".join(texts)]:
            expected = sorted(fields.FieldType.index(field, text))
            assert sorted(field.index(text)) == expected, (name, text)
    # An analyzer it does not know (a filter that drops without renumbering) is Whoosh's.
    odd = FastText(analyzer=RegexTokenizer() | StopFilter(renumber=False))
    assert odd._pattern() is None
    text = texts[0]
    assert sorted(odd.index(text)) == sorted(fields.FieldType.index(odd, text))


def test_exact_phrases_match_and_score_as_whoosh_phrases(tmp_path: Path) -> None:
    """ExactPhrase finds the same documents with the same scores as Whoosh's Phrase."""
    from whoosh import index, query

    from index.engine.querytext import route_exact
    from index.engine.scoring import ListedLengthsBM25F
    from index.engine.search import make_parser, stemmed_terms, tuned

    rng = random.Random(11)
    vocabulary = ["general", "strike", "state", "emergency", "police", "the", "of", "march"]
    files = {
        # skewed, so the rarest word of a phrase (which leads its matching) is seldom its first
        f"d{n}.txt": f"Doc {n}\n\n"
        + " ".join(rng.choices(vocabulary, weights=[2, 3, 2, 1, 3, 9, 7, 2], k=80))
        + "\n"
        for n in range(60)
    }
    collection = Collection(write_corpus(tmp_path / "c", files), tmp_path / "ix")
    collection.update()
    ix = index.open_dir(str(tmp_path / "ix"))
    parser = make_parser(ix.schema)
    phrases = [
        '"general strike"',
        '"state of emergency"',
        '"strike strike"',
        '"police march general"',
        '"general strike" OR police',
        'body:"march the police" AND state',
        '"strike general"^3',
        '"general nowhere"',
        '"the of the"',
        '"of the police"',
    ]
    with ix.searcher(weighting=ListedLengthsBM25F()) as searcher:
        for text in phrases:
            parsed = parser.parse(route_exact(text, stemmed_terms))
            swapped = tuned(parsed)
            assert any(type(n).__name__ == "ExactPhrase" for n in _leaves(swapped)), text
            expected = [(h.docnum, h.score) for h in searcher.search(parsed, limit=None)]
            found = [(h.docnum, h.score) for h in searcher.search(swapped, limit=None)]
            assert found == pytest.approx(expected), text
            assert expected or "nowhere" in text, text
        assert isinstance(tuned(query.Term("body", "strike")), query.Term)
        assert isinstance(tuned(query.Term("exact", "strike")), query.Term)
    collection.close()


def test_listed_ors_match_and_score_as_whoosh_ors(tmp_path: Path) -> None:
    """ListedOr (a word's fields ORed, read into a list) finds the same documents with the same
    scores as Whoosh's Or, scored or not (under NOT), boosted or not."""
    import copy

    from whoosh import index, query

    from index.engine.scoring import ListedLengthsBM25F
    from index.engine.search import make_parser, parse
    from index.engine.unions import ListedOr

    rng = random.Random(5)
    vocabulary = ["strikes", "strike", "striking", "police", "general", "march", "the", "of"]
    files = {
        f"d{n}.txt": f"Doc {rng.choice(vocabulary)}\n\n"
        + " ".join(rng.choices(vocabulary, weights=[2, 3, 2, 4, 1, 2, 9, 7], k=60))
        + "\n"
        for n in range(150)
    }
    collection = Collection(write_corpus(tmp_path / "c", files), tmp_path / "ix")
    collection.update()
    ix = index.open_dir(str(tmp_path / "ix"))
    parser = make_parser(ix.schema)

    def whoosh_or(node: Any) -> Any:
        if type(node) is ListedOr:
            node = copy.copy(node)
            node.__class__ = query.Or
        return node

    texts = [
        "strike",
        "strike police",
        "strike OR general",
        "march NOT general",
        "strike^3 general",
        "title:strike OR body:police",
        "(strike OR march) AND NOT general",
    ]
    with ix.searcher(weighting=ListedLengthsBM25F()) as searcher:
        for text in texts:
            listed = parse(parser, text)
            assert any(type(n) is ListedOr for n in _nodes(listed)), text
            plain = listed.accept(whoosh_or)
            assert not any(type(n) is ListedOr for n in _nodes(plain)), text
            expected = {h.docnum: h.score for h in searcher.search(plain, limit=None)}
            found = {h.docnum: h.score for h in searcher.search(listed, limit=None)}
            assert expected, text
            assert found == pytest.approx(expected), text
    collection.close()


def _nodes(node: Any) -> list[Any]:
    return [node] if node.is_leaf() else [node, *(n for c in node.children() for n in _nodes(c))]


def _leaves(node: Any) -> list[Any]:
    return [node] if node.is_leaf() else [leaf for c in node.children() for leaf in _leaves(c)]


def test_listed_fuzzy_terms_find_the_words_whoosh_finds(seeds_index: Path) -> None:
    from whoosh import index, query

    from index.engine.fuzzy import ListedFuzzyTerm
    from index.engine.search import make_parser, tuned

    ix = index.open_dir(str(seeds_index))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        found = 0
        for word in ("protset", "boluart", "curfw", "peru", "x", "lim", "zzzzz"):
            for distance, prefix in ((1, 0), (1, 1), (2, 1), (2, 0)):
                plain = query.FuzzyTerm("body", word, maxdist=distance, prefixlength=prefix)
                listed = ListedFuzzyTerm("body", word, maxdist=distance, prefixlength=prefix)
                expected = sorted(plain._btexts(reader))
                assert sorted(listed._btexts(reader)) == expected, (word, distance, prefix)
                found += len(expected)
        assert found > 20
        parsed = make_parser(ix.schema).parse("protset~2 OR curfw~")
        swapped = tuned(parsed)
        assert any(isinstance(n, ListedFuzzyTerm) for n in swapped.leaves())
        expected_hits = [(h.docnum, h.score) for h in searcher.search(parsed, limit=None)]
        hits = [(h.docnum, h.score) for h in searcher.search(swapped, limit=None)]
        assert hits == pytest.approx(expected_hits) and expected_hits
