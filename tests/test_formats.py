"""HTML pages and e-mail messages read as documents: their text without page furniture, their
metadata as the publication date's basis, and hostile input read safely."""

from __future__ import annotations

import json
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from index.cli import main
from index.reading.corpus import read_document, scan
from index.reading.html_text import read_html

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Curfew in Puno - Example News</title>
<meta name="author" content="Meta Author">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Example News"},
 {"@type": "NewsArticle", "headline": "Curfew declared in Puno after clashes",
  "datePublished": "2023-01-10T08:30:00-05:00", "author": {"@type": "Person", "name": "Ana Ruiz"}}
]}</script>
<script>var tracker = "Tracking Script Words";</script><style>.x { color: red }</style></head>
<body><nav>Home | World | Sports</nav><header><h1>Curfew declared in Puno</h1></header>
<form>Subscribe to our newsletter</form>
<article><p>The government of Peru declared a curfew
   in Puno on Monday.</p><!-- an editor's comment -->
<p>Residents &amp; officials &#8212; and an encoded escape &#27;[31m &#x1b;[0m &#8238;</p>
<aside>Related Posts</aside></article>
<footer>Contact us: news@example.org</footer></body></html>"""


def test_html_page_text_is_the_article_without_furniture() -> None:
    page = read_html(PAGE)
    assert page.text.split("\n\n") == [
        "The government of Peru declared a curfew in Puno on Monday.",
        "Residents & officials \u2014 and an encoded escape [31m [0m \u202e",
    ]
    for furniture in ("Tracking", "color", "Home", "newsletter", "comment", "Related", "Contact"):
        assert furniture not in page.text


def test_html_metadata_prefers_linked_data() -> None:
    page = read_html(PAGE)
    assert (page.title, page.author, page.published) == (
        "Curfew declared in Puno after clashes",
        "Ana Ruiz",
        "2023-01-10",
    )


def test_html_metadata_falls_back_to_meta_time_and_title() -> None:
    page = read_html(
        '<html><head><title>Only a title</title><meta property="article:published_time" '
        'content="2022-12-07T12:00:00Z"></head><body><p>Text.</p></body></html>'
    )
    assert (page.title, page.published) == ("Only a title", "2022-12-07")
    page = read_html("<body><h1>Head</h1><p>x <time datetime='2021-03-04'>March 4</time></p>")
    assert (page.title, page.published) == ("Head", "2021-03-04")
    assert read_html("<p>no metadata at all</p>").published is None


def test_without_article_markup_the_whole_body_is_read() -> None:
    page = read_html("<body><div>First <b>bold</b> words</div><div>Second</div></body>")
    assert page.text == "First bold words\n\nSecond"


def test_hostile_html_is_bounded() -> None:
    cases = [
        '<p title="' + "a" * 100_000 + '">x</p>',
        "<div>" * 50_000 + "</span>" * 50_000 + "tail",
        "<" * 200_000,
        '<script type="application/ld+json">' + "[" * 100_000 + "</script><p>ok</p>",
        "<p>unclosed <b><i><nav>hidden",
    ]
    started = time.monotonic()
    for markup in cases:
        read_html(markup)  # must not raise
    assert time.monotonic() - started < 20
    assert read_html("<nav>" * 1000 + "hidden" + "</nav>" * 1000 + "<p>shown</p>").text == "shown"


def test_html_file_is_a_document_with_metadata_basis(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "raw.htm").write_bytes(b"<p>raw \x1b[2J escape</p>")
    files, skipped = scan(tmp_path)
    assert [f.rel for f in files] == ["page.html", "raw.htm"] and not skipped
    document, _, warnings = read_document(files[0])
    assert (document.title, document.author) == (
        "Curfew declared in Puno after clashes",
        "Ana Ruiz",
    )
    assert (document.published, document.published_basis) == ("2023-01-10", "metadata")
    assert "\x1b" not in document.text and "\u241b[31m" not in document.text
    raw, _, _ = read_document(files[1])
    assert raw.text == "raw \u241b[2J escape"  # a raw ESC is made visible, not passed on
    assert raw.published_basis == "none"


def _message() -> bytes:
    message = EmailMessage()
    message["From"] = "Jane Doe <jane@example.org>"
    message["To"] = "Ana Ruiz <ana@example.org>, bob@example.org"
    message["Subject"] = "Minutes of the Puno meeting"
    message["Date"] = "Tue, 10 Jan 2023 09:15:00 -0500"
    message.set_content("Plain text minutes: the council met in Puno.\n")
    message.add_alternative(
        "<html><body><p>HTML minutes: the council met.</p></body></html>", subtype="html"
    )
    message.add_attachment(
        b"%PDF-1.4 binary", maintype="application", subtype="pdf", filename="agenda.pdf"
    )
    return message.as_bytes()


def test_email_message_is_a_document(tmp_path: Path) -> None:
    (tmp_path / "minutes.eml").write_bytes(_message())
    html_only = EmailMessage()
    html_only["Subject"] = "HTML only"
    html_only["Date"] = "not a date"
    html_only.set_content("<p>Only <b>HTML</b> here<script>x()</script></p>", subtype="html")
    (tmp_path / "zhtml.eml").write_bytes(html_only.as_bytes())
    files, _ = scan(tmp_path)
    document, _, _ = read_document(files[0])
    assert (document.title, document.author) == ("Minutes of the Puno meeting", "Jane Doe")
    assert (document.published, document.published_basis) == ("2023-01-10", "metadata")
    assert "From: Jane Doe <jane@example.org>" in document.text
    assert "To: Ana Ruiz <ana@example.org>, bob@example.org" in document.text
    assert "Plain text minutes: the council met in Puno." in document.text
    assert "HTML minutes" not in document.text  # the text part is preferred
    assert document.text.endswith("Attachments: agenda.pdf")
    other, _, _ = read_document(files[1])
    assert "Only HTML here" in other.text and "x()" not in other.text
    assert (other.published, other.published_basis) == (None, "none")


def test_mixed_folder_is_searchable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.html").write_text(PAGE, encoding="utf-8")
    (corpus / "minutes.eml").write_bytes(_message())
    (corpus / "note.txt").write_text("A note about the curfew in Puno.\n", encoding="utf-8")
    (corpus / "broken.eml").write_bytes(b"\xff\xfe\x00garbage")
    from test_pdf import make_pdf, page_stream

    (corpus / "report.pdf").write_bytes(
        make_pdf(
            [
                page_stream(["Curfew report", "A summary of the week."]),
                page_stream(["Mayor Rosa Quispe said the curfew in Puno began on 9 January."]),
            ],
            {"Title": "Curfew report", "CreationDate": "D:20230112"},
        )
    )
    (corpus / "scan.pdf").write_bytes(make_pdf([b"0 0 m 100 100 l S"]))
    where = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "index")]

    def run(*argv: str) -> tuple[int, str, str]:
        code = main([*argv, *where])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    code, out, err = run("index")
    assert "skipped scan.pdf: no text layer (scanned?)" in out
    code, out, _ = run("search", "Puno", "--json")
    assert code == 0
    hits = json.loads(out)["hits"]
    assert sorted(hit["path"] for hit in hits) == [
        "minutes.eml",
        "note.txt",
        "page.html",
        "report.pdf",
    ]
    assert {hit["path"]: hit["page"] for hit in hits}["report.pdf"] == 2
    code, out, _ = run("search", "curfew", "--entity", "Rosa Quispe", "--json")
    assert [hit["path"] for hit in json.loads(out)["hits"]] == ["report.pdf"]
    code, out, _ = run("search", "curfew", "--from", "2023-01-11", "--to", "2023-01-31", "--json")
    assert [hit["path"] for hit in json.loads(out)["hits"]] == ["report.pdf"]
    assert run("search", "Tracking", "--json")[0] == 1  # a script's words are not text
    code, out, _ = run("docs", "--json")
    dated = {d["path"]: (d["published"], d["published_basis"]) for d in json.loads(out)["docs"]}
    assert dated["page.html"] == ("2023-01-10", "metadata")
    assert dated["minutes.eml"] == ("2023-01-10", "metadata")
