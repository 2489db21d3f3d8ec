"""Notes and bookmarks: anchored by offsets and quote, found again when the text changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import corpus_options, run_cli, write_corpus
from index.userdata.notes import Note, place
from index.userdata.user_data import corpus_data_dir

LETTER = "A letter\n\nThe strike began in March. The port closed and the strike spread north.\n"


def note_on(text: str, quote: str, start: int | None = None) -> Note:
    begin = text.index(quote) if start is None else start
    return Note("n1", "2026-12-04T00:00:00Z", "d", "d.txt", begin, begin + len(quote), quote, "")


def test_a_note_is_found_at_its_offsets_then_nearest_then_lost() -> None:
    note = note_on(LETTER, "the strike spread")
    assert place(note, LETTER) == ("exact", note.start, note.end)
    edited = "Added first.\n" + LETTER
    start = edited.index("the strike spread")
    assert place(note, edited) == ("moved", start, start + len("the strike spread"))
    rewrapped = LETTER.replace("the strike spread", "the strike\n  spread")
    start = rewrapped.index("the strike\n")
    assert place(note, rewrapped) == ("moved", start, start + len("the strike\n  spread"))
    assert place(note, LETTER.replace("spread", "grew")) == ("lost", None, None)


def test_of_several_occurrences_the_nearest_to_the_old_offsets() -> None:
    text = "strike one. " * 3
    note = note_on(text, "strike", start=12)
    shifted = "xx" + text
    assert place(note, shifted) == ("moved", 14, 20)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(
        tmp_path / "corpus", {"letter.txt": LETTER, "other.txt": "Other\n\nNone.\n"}
    )


@pytest.fixture
def where(corpus: Path, tmp_path: Path) -> list[str]:
    return corpus_options(corpus, tmp_path)


def doc_id(capsys: pytest.CaptureFixture[str], where: list[str], path: str) -> str:
    _, out, _ = run_cli(capsys, "docs", "--json", *where)
    return next(d["doc"] for d in json.loads(out)["docs"] if d["path"] == path)


def test_notes_added_listed_exported_and_deleted(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    letter = doc_id(capsys, where, "letter.txt")
    note = ["who called it?", "--quote", "strike"]
    code, first, err = run_cli(capsys, "notes", "add", letter, *note, *where)
    assert code == 0 and len(first.strip()) == 6
    assert err == (
        "quipu: note: the quote occurs 2 times; the note is on the first (characters 14-20; "
        "another: --at START:END)\n"
    )
    port = LETTER.index("The port closed")
    at = f"{port}:{port + 15}"
    code, second, _ = run_cli(capsys, "notes", "add", letter, "--at", at, *where)
    first, second = first.strip(), second.strip()
    assert code == 0
    assert run_cli(capsys, "notes", *where) == (
        0,
        f"{first}  {letter}  14-20  “strike”  who called it?\n"
        f"{second}  {letter}  {port}-{port + 15}  “The port closed”\n",
        "",
    )
    _, out, _ = run_cli(capsys, "notes", "--markdown", *where)
    lines = out.splitlines()
    assert lines[:8] == [
        "# Notes on corpus",
        "",
        "## A letter",
        "",
        "> strike",
        "",
        "who called it?",
        "",
    ]
    assert lines[8].startswith(f"— `letter.txt`, characters 14–20 (note {first}, ")
    _, out, _ = run_cli(capsys, "notes", "--json", *where)
    record = json.loads(out)["notes"][1]
    assert {k: record[k] for k in ("doc", "path", "start", "end", "status", "quote", "text")} == {
        "doc": letter,
        "path": "letter.txt",
        "start": port,
        "end": port + 15,
        "status": "exact",
        "quote": "The port closed",
        "text": "",
    }
    assert run_cli(capsys, "notes", "delete", first, *where) == (0, "", "")
    assert run_cli(capsys, "notes", "--doc", letter, *where)[1].startswith(second)
    code, _, err = run_cli(capsys, "notes", "delete", first, *where)
    assert (code, err) == (2, f"quipu: error: no note '{first}' (list them: quipu notes)\n")


def test_bad_anchors_are_refused(capsys: pytest.CaptureFixture[str], where: list[str]) -> None:
    letter = doc_id(capsys, where, "letter.txt")
    assert run_cli(capsys, "notes", "add", letter, "--quote", "nowhere", *where)[:2] == (2, "")
    code, _, err = run_cli(capsys, "notes", "add", letter, "--at", "5:999", *where)
    assert (code, err) == (2, f"quipu: error: no characters 5..999 in {letter} (its text has "
                              f"{len(LETTER)})\n")  # fmt: skip
    assert run_cli(capsys, "notes", "add", letter, "--at", "five", *where)[0] == 2
    assert run_cli(capsys, "notes", "add", "nosuchdoc", "--at", "0:1", *where)[0] == 2
    assert run_cli(capsys, "notes", *where)[:2] == (1, "")


def test_a_changed_document_moves_or_loses_its_notes_and_a_rebuild_keeps_them(
    capsys: pytest.CaptureFixture[str], where: list[str], corpus: Path
) -> None:
    letter = doc_id(capsys, where, "letter.txt")
    run_cli(capsys, "notes", "add", letter, "--quote", "port closed", *where)
    run_cli(capsys, "notes", "add", letter, "--quote", "in March", *where)
    (corpus / "letter.txt").write_text(LETTER.replace("The strike", "Long ago, the strike", 1)
                                       .replace("in March", "in May"))  # fmt: skip
    run_cli(capsys, "index", "--rebuild", *where)
    _, out, _ = run_cli(capsys, "notes", "--json", *where)
    moved, lost = json.loads(out)["notes"]
    text = json.loads(run_cli(capsys, "show", letter, "--json", *where)[1])["text"]
    assert moved["status"] == "moved" and text[moved["start"] : moved["end"]] == "port closed"
    assert (lost["status"], lost["start"], lost["quote"]) == ("lost", None, "in March")
    (corpus / "letter.txt").unlink()
    _, out, _ = run_cli(capsys, "notes", *where)
    assert [line.split("  ")[2] for line in out.splitlines()] == ["lost", "lost"]


def test_a_line_that_does_not_parse_is_kept(
    capsys: pytest.CaptureFixture[str], where: list[str], corpus: Path
) -> None:
    letter = doc_id(capsys, where, "letter.txt")
    path = corpus_data_dir(corpus) / "notes.tsv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("broken line\n")
    run_cli(capsys, "notes", "add", letter, "--at", "0:8", *where)
    code, out, err = run_cli(capsys, "notes", *where)
    assert code == 0 and "“A letter”" in out
    assert err.startswith(f"quipu: warning: {path} line 1 is not understood; kept as it is")
    assert path.read_text().splitlines()[0] == "broken line"
