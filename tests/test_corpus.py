from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import write_corpus
from index.reading.corpus import SkipFile, parse_document, parse_stated_date, read_document, scan
from index.sanitize import clean_text, display


@pytest.mark.parametrize(
    ("line", "author", "published"),
    [
        ("Andrea Lobo 6 January 2023", "Andrea Lobo", "2023-01-06"),
        ("By Darragh O’Dwyer", "Darragh O’Dwyer", None),
        ("By Jane van der Berg, March 3, 2019", "Jane van der Berg", "2019-03-03"),
        ("12 May 2020", None, "2020-05-12"),
        ("The protests continued for a week.", None, None),
    ],
)
def test_dateline_under_the_title(line: str, author: str | None, published: str | None) -> None:
    document = parse_document("d", "d.txt", f"A headline\n\n{line}\n\nBody text here.\n")
    assert document.author == author
    assert document.published == published
    assert document.published_basis == ("stated" if published else "none")


def test_issue_line_gives_a_month() -> None:
    text = "Headline\n\nBody.\n\nWorkers' Weekly No 41, June/July 2019\n"
    assert parse_document("d", "d.txt", text).published == "2019-06"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 January 2023", "2023-01-06"),
        ("January 6, 2023", "2023-01-06"),
        ("February/March 2023", "2023-02"),
        ("2021-04-02", "2021-04-02"),
        ("31 February 2023", None),
        ("sometime", None),
    ],
)
def test_parse_stated_date(text: str, expected: str | None) -> None:
    assert parse_stated_date(text) == expected


def test_front_matter_overrides_inferred_fields(small_corpus: Path) -> None:
    files, _ = scan(small_corpus)
    mines = next(f for f in files if f.doc == "mines")
    document, _, warnings = read_document(mines)
    assert (document.title, document.author, document.published) == (
        "Copper output falls",
        "J. Smith",
        "2021-04-02",
    )
    assert document.published_basis == "metadata"
    assert document.source == "Wire"
    assert document.text.startswith("Copper output")
    assert warnings == []


def test_ids_are_relative_paths_without_extension(small_corpus: Path) -> None:
    files, skipped = scan(small_corpus)
    assert [f.doc for f in files] == ["archive/letters", "harbour", "mines"]
    assert skipped == []


def test_same_name_with_two_extensions_keeps_ids_unique(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", {"a.txt": "one\n", "a.md": "two\n"})
    files, _ = scan(root)
    assert sorted(f.doc for f in files) == ["a", "a.txt"]


def test_passages_are_paragraph_offsets() -> None:
    text = "Title\n\nFirst paragraph.\n\n  Second one.  \n\n\n"
    document = parse_document("d", "d.txt", text)
    assert [text[p.start : p.end] for p in document.passages] == [
        "Title",
        "First paragraph.",
        "Second one.",
    ]


def test_long_paragraphs_split_at_sentences() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(300))
    document = parse_document("d", "d.txt", text)
    assert len(document.passages) > 3
    assert all(p.end - p.start <= 1500 for p in document.passages)
    assert all(text[p.end - 1] == "." for p in document.passages[:-1])


def test_other_encodings_are_detected(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "latin.txt").write_bytes(
        "Informe del ministerio\n\nLa policía detuvo a manifestantes en Cusco y en "
        "Arequipa durante la huelga nacional.\n".encode("latin-1")
    )
    files, _ = scan(root)
    document, _, _ = read_document(files[0])
    assert "policía" in document.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"  \n\t\n", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary")],
)
def test_unreadable_content_is_skipped_with_a_reason(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "x.txt").write_bytes(content)
    files, _ = scan(root)
    with pytest.raises(SkipFile, match=reason):
        read_document(files[0])


def test_symlinks_leaving_the_corpus_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n")
    root = write_corpus(tmp_path / "c", {"in.txt": "inside\n"})
    os.symlink(outside, root / "out.txt")
    os.symlink(root / "loop.txt", root / "loop.txt")
    files, skipped = scan(root)
    assert [f.doc for f in files] == ["in"]
    assert {s.path: s.reason for s in skipped} == {
        "loop.txt": "broken or looping symlink",
        "out.txt": "symlink leads outside the corpus",
    }


def test_control_characters_become_visible_without_shifting_offsets() -> None:
    raw = "a\x1b[31mb\r\nc\x9bd\x00"
    cleaned = clean_text(raw)
    assert "\x1b" not in cleaned and "\x9b" not in cleaned and "\x00" not in cleaned
    assert cleaned == "a␛[31mb\nc\ufffdd␀"


def test_display_shows_hidden_characters() -> None:
    assert display("evil\u202etxt.exe\nx") == "evil<U+202E>txt.exe␤x"


def test_a_dateline_that_disagrees_with_front_matter_dates_the_text(tmp_path: Path) -> None:
    """The text's relative dates are written against its own dateline; front matter that says
    another day (when the file or a draft was made) is kept as the hint, shown beside."""
    root = write_corpus(
        tmp_path / "c",
        {
            "late.md": "---\ndate: 2019-03-04\n---\nFloods close the pass\n\n"
            "Wednesday, March 6, 2019\n\nYesterday the river rose.\n",
            "same.md": "---\ndate: 2019-03-06\n---\nFloods close the pass\n\n"
            "Wednesday, March 6, 2019\n\nYesterday the river rose.\n",
            "plain.md": "---\ndate: 2019-03-04\n---\nFloods close the pass\n\n"
            "Yesterday the river rose.\n",
        },
    )
    files, _ = scan(root)
    read = {f.doc: read_document(f)[0] for f in files}
    late = read["late"]
    assert (late.published, late.published_basis) == ("2019-03-06", "stated")
    assert late.published_hint == "front matter says 2019-03-04"
    assert late.date_described() == (
        "2019-03-06 (stated in the text; front matter says 2019-03-04)"
    )
    for agreeing in (read["same"], read["plain"]):
        assert agreeing.published_basis == "metadata" and agreeing.published_hint is None
    assert read["plain"].published == "2019-03-04"


def test_an_emails_date_is_its_own_whatever_its_text_quotes() -> None:
    forwarded = "Fwd: minutes\n\n---- Forwarded ----\nDate: Monday, 4 March 2019\n\nSee below.\n"
    document = parse_document("m", "m.eml", forwarded, {"date": "2019-03-08"})
    assert (document.published, document.published_basis) == ("2019-03-08", "metadata")
