"""Where a passage is in its file (to open $EDITOR/$PAGER there), and its citation."""

from __future__ import annotations

from pathlib import Path

from conftest import write_corpus
from index.api import Collection


def test_the_line_of_a_passage_is_found_in_the_file_or_said_unknown(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c",
        {
            "front.md": "---\ntitle: Copper output\ndate: 2021-04-02\n---\n"
            "Copper output fell sharply.\n\nAnalysts expect prices\nto rise while the blockade "
            "lasts.\n",
            "page.html": "<html><body><h1>Harbour</h1><p>Dock<b>workers</b> walked out on "
            "Monday and the port closed.</p></body></html>",
        },
    )
    collection = Collection(corpus, tmp_path / "ix")
    collection.update()
    docs = {row.path: row.doc for row in collection.documents()}
    document = collection.document(docs["front.md"])
    offset = document.text.index("Analysts")
    found = collection.source_line(docs["front.md"], offset)
    assert found.path == corpus / "front.md" and found.line == 7  # after the front matter
    later = collection.source_line(docs["front.md"], document.text.index("to rise"))
    assert later.line == 8  # the words run on across the file's line break
    html = collection.document(docs["page.html"])
    tagged = collection.source_line(docs["page.html"], html.text.index("workers walked"))
    assert tagged.path == corpus / "page.html" and tagged.line is None  # tags between: unknown


def test_a_citation_names_the_inferred_date_as_such(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c", {"a.txt": "Harbour strike\n\nOn 3 March 2021 the dockworkers struck.\n"}
    )
    collection = Collection(corpus, tmp_path / "ix")
    collection.update()
    row = collection.documents()[0]
    document = collection.document(row.doc)
    passage = document.passages[-1]
    cited = collection.citation(row.doc, passage)
    quote = " ".join(document.text[passage.start : passage.end].split())
    date = row.published or "undated"
    if row.published and row.published_basis == "inferred":
        date += " (inferred)"
    assert cited == (
        f"“{quote}”\n— Harbour strike, {date}, a.txt, characters {passage.start}–{passage.end}\n"
    )
