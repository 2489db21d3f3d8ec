"""Page furniture: cookie notices, share counters, related-links blocks, newsletter and contact
footers, breadcrumbs, mailing-list footers, running heads and the lines a collection repeats are
found by shape, position and repetition; they stay in the text (shown, searchable) but give no
entity, no date and no snippet; an update finds what a clean build finds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import write_corpus
from index.cli import main
from index.reading.furniture import edge_keys, furniture_spans, repeated_keys

ARTICLE = (
    "Strike closes the port of Callao\n\n"
    "Dockworkers of Callao walked out on Monday over wages, and the union said the strike "
    "would last until the government of Peru answered its demands for a new contract.\n\n"
    "Maria Quispe, who speaks for the union, said the pickets would stay at the gates.\n\n"
)


def furniture_of(text: str, **kwargs: Any) -> list[str]:
    return [text[s.start : s.end] for s in furniture_spans(text, **kwargs)]


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (
            "We use cookies to improve your experience. By continuing to browse you agree.",
            ["We use cookies to improve your experience. By continuing to browse you agree."],
        ),
        ("Total\n0\nShares\n", ["Total", "0", "Shares"]),
        ("Share\nFacebook\nTwitter\nEmail\n", ["Share", "Facebook", "Twitter", "Email"]),
        (
            "Related Articles\n\nFarmers block the road to Cusco\n\nMine workers vote to strike",
            ["Related Articles", "Farmers block the road to Cusco", "Mine workers vote to strike"],
        ),
        (
            "Previous Article\n\nBolivia: teachers march on La Paz\n\nNext Article\n\nChile votes",
            [
                "Previous Article",
                "Bolivia: teachers march on La Paz",
                "Next Article",
                "Chile votes",
            ],
        ),
        ("Sign up for our daily newsletter", ["Sign up for our daily newsletter"]),
        (
            "To contact the editors of Harbour News visit:\n\nharbournews.org/contact",
            ["To contact the editors of Harbour News visit:", "harbournews.org/contact"],
        ),
        (
            "© 2023 Harbour News Ltd. All rights reserved.",
            ["© 2023 Harbour News Ltd. All rights reserved."],
        ),
        (
            "_______________________________________________\nstrikers mailing list\n"
            "strikers@lists.example.org\nhttps://lists.example.org/listinfo/strikers",
            [
                "_______________________________________________",
                "strikers mailing list",
                "strikers@lists.example.org",
                "https://lists.example.org/listinfo/strikers",
            ],
        ),
    ],
    ids=[
        "cookie",
        "counter",
        "share-buttons",
        "related",
        "previous-next",
        "newsletter",
        "contact",
        "copyright",
        "mailing-list",
    ],
)
def test_furniture_is_found_by_shape_and_position(tail: str, expected: list[str]) -> None:
    assert furniture_of(ARTICLE + tail) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A dateline with bars is no breadcrumb; an article about cookies is no notice.
        "Bakers protest in Lima\n\nAndrea Lobo | 6 January 2023 | World\n\n" + ARTICLE,
        ARTICLE
        + "Regulators said the site uses tracking files that most readers never see, and that "
        "the rule on cookie consent, which the European Union wrote in 2009 and changed in "
        "2018, was broken by the company, which now faces a fine of four million euros and an "
        "inquiry by the data protection authority of Ireland into how it stored the records "
        "of its readers.",
        # 'Next' inside the body, before the last paragraph of prose, is text.
        "Next\n\n" + ARTICLE,
        ARTICLE + "The union's statement ended: we will share what we win.",
    ],
    ids=["dateline", "cookie-prose", "next-in-body", "share-in-prose"],
)
def test_text_that_only_looks_like_furniture_is_kept(text: str) -> None:
    assert furniture_of(text) == []


def test_breadcrumbs_at_the_head() -> None:
    text = "Strike closes the port\n\nHome > World > Americas > Peru\n\n" + ARTICLE
    assert furniture_of(text) == ["Home > World > Americas > Peru"]


def test_running_heads_and_page_numbers_of_a_paged_document() -> None:
    places = ["Callao", "Lima", "Arequipa", "Cusco", "Puno"]
    pages = [
        f"Annual Report 2023 · Harbour Authority\n"
        f"The port of {place} handled more cargo this year.\n"
        f"Its workers, said the report, earned less in {place} than before.\n{number}"
        for number, place in enumerate(places, start=1)
    ]
    from index.reading.pdf_text import join_pages

    text, spans = join_pages(pages)
    found = furniture_of(text, pages=spans)
    assert found.count("Annual Report 2023 · Harbour Authority") == 4  # the first line: title
    assert [line for line in found if line.isdigit()] == ["1", "2", "3", "4", "5"]
    assert not [line for line in found if any(place in line for place in places)]


FOOTER = "Published by Harbour Press, Springfield"


def collection_files(count: int, footer: str = FOOTER) -> dict[str, str]:
    titles = [
        "Dockers strike in Callao",
        "Railway blockade near Cusco",
        "Copper mine closes near Arequipa",
        "Teachers march in Puno",
        "Fishermen protest in Paita",
    ]
    return {
        f"{n}.txt": f"{titles[n]}\n\nBy Ana Beltran 3 May 2022\n\n"
        f"The workers walked out over wages in {titles[n].split()[-1]}, the union said.\n\n"
        f"{footer}\n"
        for n in range(count)
    }


def test_a_line_many_documents_repeat_is_furniture_copies_of_one_article_are_not() -> None:
    texts = list(collection_files(4).values())
    repeated = repeated_keys((text.split("\n")[0], edge_keys(text)) for text in texts)
    assert all(furniture_of(text, repeated=repeated) == [FOOTER] for text in texts)
    copies = [texts[0]] * 4  # one article saved four times: its lines are its own
    repeated = repeated_keys((text.split("\n")[0], edge_keys(text)) for text in copies)
    assert furniture_of(copies[0], repeated=repeated) == []
    two = repeated_keys((text.split("\n")[0], edge_keys(text)) for text in texts[:2])
    assert furniture_of(texts[0], repeated=two) == []  # two documents are no pattern


def cli(capsys: pytest.CaptureFixture[str], corpus: Path, *argv: str) -> Any:
    code = main([*argv, "--corpus", str(corpus), "--index-dir", str(corpus.parent / "index")])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return json.loads(out) if "--json" in argv else out


def test_furniture_is_kept_out_of_entities_dates_and_snippets_but_searchable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "port.txt": ARTICLE
            + "Previous Article\n\nBolivia: teachers march on La Paz 4 April 2022\n\n"
            "This website uses cookies. By continuing to use this site, you accept our use "
            "of cookies.\n",
        },
    )
    shown = cli(capsys, corpus, "show", "port", "--json")
    lines = [shown["text"][s:e] for s, e in shown["furniture"]]
    assert lines[0] == "Previous Article" and "Bolivia" in lines[1] and "cookies" in lines[2]
    names = {e["name"] for e in cli(capsys, corpus, "entities", "--json")["entities"]}
    assert "Maria Quispe" in names and not {"Bolivia", "La Paz"} & names
    timeline = cli(capsys, corpus, "timeline", "--json")
    assert "2022-04-04" not in json.dumps(timeline)
    found = cli(capsys, corpus, "search", "cookies", "--json")
    assert found["total"] == 1  # the full text stays searchable
    assert "cookies" not in found["hits"][0]["snippet"]  # but the notice is no snippet
    assert found["hits"][0]["snippet"].startswith("Strike closes the port")


def test_seeds_give_no_entity_date_or_snippet_from_their_furniture(tmp_path: Path) -> None:
    from index.api import Collection, bundled_seeds

    collection = Collection(bundled_seeds(), tmp_path / "index")
    collection.update()
    extracts = collection.extracts()
    lines = []
    for doc in extracts.doc_ids():
        extract = extracts.doc(doc)
        assert extract is not None
        document = collection.document(doc)
        furniture = document.furniture
        lines += [document.text[s.start : s.end] for s in furniture]
        offsets = [m[0] for e in extract.entities for m in e[4]] + [d[0] for d in extract.dates]
        assert offsets and not [
            o for o in offsets if any(s.start <= o < s.end for s in furniture)
        ], doc
    assert {"Total", "Shares", "Related Posts", "RELATED ARTICLES", "wsws.org/contact"} <= set(
        lines
    )
    assert any(line.startswith("This website uses cookies") for line in lines)
    assert any(line.startswith("France: Millions of workers strike") for line in lines)
    names = {entity["name"] for entity in extracts.entities}
    assert "France" not in names and "Socialist Equality Party" not in names
    for query in ("cookies", "Shares", "contact", "Nurses", "France"):
        for hit in collection.search(query).hits:
            assert not [line for line in lines if len(line) > 8 and line in hit.snippet.text]


def test_an_update_finds_the_furniture_a_clean_build_finds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_update_vs_clean import clean, outputs

    files = collection_files(5, footer="Tomas Nunez of Harbour Press said the strike would go on")
    corpus = write_corpus(tmp_path / "corpus", {k: files[k] for k in ("0.txt", "1.txt")})
    index_dir = tmp_path / "index"
    before = outputs(capsys, corpus, index_dir)
    names = {e["name"] for e in before["entities"]["entities"]}
    assert "Tomas Nunez" in names  # two documents: the line is theirs
    write_corpus(corpus, {"2.txt": files["2.txt"], "3.txt": files["3.txt"]})
    updated = outputs(capsys, corpus, index_dir)
    names = {e["name"] for e in updated["entities"]["entities"]}
    assert "Tomas Nunez" not in names  # four: the collection's footer, in the old ones too
    assert updated == clean(capsys, corpus, tmp_path / "clean")
    for name in ("2.txt", "3.txt"):
        (corpus / name).unlink()
    again = outputs(capsys, corpus, index_dir)
    assert "Tomas Nunez" in {e["name"] for e in again["entities"]["entities"]}
    assert again == clean(capsys, corpus, tmp_path / "clean2")


def test_numbered_items_are_no_copyright_line_nor_a_running_head() -> None:
    from index.reading.pdf_text import join_pages

    pages = [
        f"Federal Register / Vol. 85, No. {number} / Proposed Rules\n"
        f"The agency proposes rule {number} for the aircraft of Boeing in Seattle.\n"
        + (f"({number}) In the Operating Procedures chapter," if number % 3 == 0 else "Text.")
        for number in range(1, 13)
    ]
    text, spans = join_pages(pages)
    found = furniture_of(text, pages=spans)
    assert found.count("Federal Register / Vol. 85, No. 5 / Proposed Rules") == 1
    assert not [line for line in found if "Operating" in line]
    assert furniture_of(ARTICLE + "(c) Applicability\n\n(d) Effective date") == []
    assert furniture_of(ARTICLE + "(c) 2021 Harbour News") == ["(c) 2021 Harbour News"]
