"""An update gives what a clean build of the same folder gives, whatever changed: a file renamed
to another extension (same document id), or a file added beside one of the same name (the ids
shift: ``g.md`` takes ``g``, ``g.txt`` becomes ``g.txt``); dated documents that arrive or go,
and with them the year an undated document's partial dates take."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conftest import write_corpus
from index.cli import main

FILES = {
    "a.txt": (
        "Dockers strike in Callao\n\nBy Maria Quispe 12 March 2021\n\n"
        "Dockworkers of Callao walked out over wages. Maria Quispe spoke for the union.\n"
    ),
    "g.txt": (
        "Railway blockade near Cusco\n\nBy Ana Beltran 3 May 2022\n\n"
        "Farmers blocked the railway to Cusco. Ana Beltran said the strike would go on.\n"
    ),
    "h.txt": (
        "Copper mine closes\n\nBy Tomas Nunez 9 June 2020\n\n"
        "The copper mine near Arequipa closed after a strike. Tomas Nunez counted the losses.\n"
    ),
}
G_MD = (
    "---\ntitle: Strike at the port of Ilo\nauthor: Rosa Flores\ndate: 2023-01-15\n---\n"
    "Rosa Flores reported a strike at the port of Ilo, where Maria Quispe joined the pickets.\n"
)


def outputs(capsys: pytest.CaptureFixture[str], corpus: Path, index_dir: Path) -> dict[str, Any]:
    """Every listing of the index (each command first brings it up to date with the folder)."""
    where = ("--corpus", str(corpus), "--index-dir", str(index_dir))
    shown: dict[str, Any] = {}
    for name, argv in {
        "docs": ("docs", "--json"),
        "entities": ("entities", "--json", "--limit", "100"),
        "timeline": ("timeline", "--json"),
        "search": ("search", "strike", "--json", "--limit", "50"),
    }.items():
        code = main([*argv, *where])
        out, err = capsys.readouterr()
        assert code == 0, err
        shown[name] = json.loads(out)
    shown["search"] = {
        "total": shown["search"]["total"],
        "docs": sorted(hit["doc"] for hit in shown["search"]["hits"]),
    }
    return shown


def clean(capsys: pytest.CaptureFixture[str], corpus: Path, index_dir: Path) -> dict[str, Any]:
    assert main(["index", "--rebuild", "--corpus", str(corpus), "--index-dir", str(index_dir)]) == 0
    capsys.readouterr()
    return outputs(capsys, corpus, index_dir)


def rename_a(corpus: Path) -> None:
    (corpus / "a.txt").rename(corpus / "a.md")


def add_g_md(corpus: Path) -> None:
    (corpus / "g.md").write_text(G_MD, encoding="utf-8")


def delete_g_txt(corpus: Path) -> None:
    (corpus / "g.txt").unlink()


def mention_again(corpus: Path) -> None:
    """The same people, one mention more: their merged entities stay as they were, but for
    their counts and mentions (printed again)."""
    (corpus / "a.txt").write_text(
        FILES["a.txt"] + "At noon Maria Quispe spoke again in Callao.\n", encoding="utf-8"
    )


def new_a_txt(corpus: Path) -> None:
    (corpus / "a.txt").write_text(FILES["h.txt"].replace("Copper", "Zinc"), encoding="utf-8")


@pytest.mark.parametrize(
    "steps",
    [
        [(rename_a, {"a", "g", "h"})],
        [(add_g_md, {"a", "g", "g.txt", "h"})],
        [(add_g_md, {"a", "g", "g.txt", "h"}), (delete_g_txt, {"a", "g", "h"})],
        [(rename_a, {"a", "g", "h"}), (new_a_txt, {"a", "a.txt", "g", "h"})],
        [(mention_again, {"a", "g", "h"})],
    ],
    ids=[
        "rename a.txt to a.md",
        "add g.md beside g.txt",
        "then delete g.txt",
        "then a new a.txt",
        "a.txt mentions them again",
    ],
)
def test_an_update_equals_a_clean_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], steps: list[Any]
) -> None:
    corpus = write_corpus(tmp_path / "corpus", FILES)
    updated = tmp_path / "updated"
    assert len(outputs(capsys, corpus, updated)["docs"]["docs"]) == 3
    for number, (change, expected_docs) in enumerate(steps):
        change(corpus)
        after = outputs(capsys, corpus, updated)
        assert {row["doc"] for row in after["docs"]["docs"]} == expected_docs
        assert after == clean(capsys, corpus, tmp_path / f"clean{number}")


UNDATED = (
    "Vigil at the port\n\n"
    "On December 7 the dockers held a vigil at the harbour after the strike. Maria Quispe spoke "
    "at dawn on December 8.\n"
)


def dated(year: int, number: int) -> str:
    return (
        f"Port report {number}\n\nBy Ana Beltran 7 December {year}\n\n"
        f"On 7 December the dockers of Callao met over the strike, part {number}.\n"
    )


def add_dated(year: int, names: list[str]) -> Any:
    def change(corpus: Path) -> None:
        for number, name in enumerate(names):
            (corpus / name).write_text(dated(year, number), encoding="utf-8")

    change.__name__ = f"add {', '.join(names)} dated {year}"
    return change


def delete(*names: str) -> Any:
    def change(corpus: Path) -> None:
        for name in names:
            (corpus / name).unlink()

    change.__name__ = f"delete {', '.join(names)}"
    return change


def rename(old: str, new: str) -> Any:
    def change(corpus: Path) -> None:
        (corpus / old).rename(corpus / new)

    change.__name__ = f"rename {old} to {new}"
    return change


def test_an_update_in_many_steps_equals_a_clean_build_at_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Dated documents arrive and leave (the year an undated document's partial dates take, and
    so its inferred date, moves with them), files are renamed, change extension, appear beside
    one of the same name and are deleted: after each step every listing of the updated index
    is the clean build's."""
    corpus = write_corpus(tmp_path / "corpus", {**FILES, "vigil.txt": UNDATED})
    for number in range(5):
        (corpus / f"old{number}.txt").write_text(dated(2018, number), encoding="utf-8")
    updated = tmp_path / "updated"
    first = outputs(capsys, corpus, updated)
    assert first == clean(capsys, corpus, tmp_path / "clean")
    inferred = {row["doc"]: row["published"] for row in first["docs"]["docs"]}["vigil"]
    assert inferred is not None and inferred.startswith("2018-12")  # the case holds
    steps = [
        add_dated(2020, [f"new{number}.txt" for number in range(9)]),  # (a cluster: 2018-2020)
        rename("vigil.txt", "vigil.md"),
        add_g_md,
        delete("new0.txt", "new1.txt", "new2.txt"),
        rename("a.txt", "a.md"),
        new_a_txt,
        delete("g.txt", "old1.txt"),
        add_dated(2019, [f"later{number}.txt" for number in range(6)]),  # as many as 2020
    ]
    years = {inferred[:4]}
    for number, change in enumerate(steps, start=1):
        change(corpus)
        after = outputs(capsys, corpus, updated)
        assert after == clean(capsys, corpus, tmp_path / f"clean{number}"), change.__name__
        published = {row["doc"]: row["published"] for row in after["docs"]["docs"]}["vigil"]
        years.add(published[:4] if published else "undated")
    assert years >= {"2018", "2020", "undated"}  # the inferred date moved, and went


def test_a_document_comes_back_whole_from_its_stored_record() -> None:
    """An undated document is dated again from its stored record: every field of a document
    (but the encoding it was read with) must come back from it. A field added to Document
    fails the first assertion until it is given a value here, and then the second until the
    record keeps it."""
    from dataclasses import MISSING, fields

    from index.build import document_of_record, document_records
    from index.models import Document, Span

    text = "Re: the strike\n\nJane Doe wrote on Friday about the harbour.\n"
    sample = Document(
        doc="box/0001",
        path="box.mbox",
        title="Re: the strike",
        author="Jane Doe",
        published="2021-03-12",
        published_basis="inferred",
        source="Wire",
        url="https://example.org/strike",
        text=text,
        passages=(Span(0, 14), Span(16, len(text) - 1)),
        published_confidence=0.55,
        published_hint="2021 from the years it mentions",
        encoding="cp1252",
        parent="box",
        attachments=("minutes.txt",),
        sender="Jane Doe <jane@example.org>",
        recipients="Union <union@example.org>",
        people=(Span(16, 24),),
        pages=(Span(0, 16), Span(16, len(text))),
        furniture=(Span(0, 14),),
    )
    unset = [
        f.name
        for f in fields(Document)
        if getattr(sample, f.name) == (f.default if f.default is not MISSING else None)
    ]
    assert unset == []
    (record,) = document_records(sample)
    assert document_of_record(record) == replace(sample, encoding=None)


def test_only_undated_documents_with_yearless_dates_are_dated_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When dated documents arrive, an undated document is looked at again only if its text
    has dates the collection gives a year to ("December 7"): the others cannot change (a
    collection of thousands of undated documents is not re-read at every update)."""
    from index.build import update_index
    from index.storage import extracts

    corpus = write_corpus(
        tmp_path / "corpus",
        {
            **FILES,
            "vigil.txt": UNDATED,
            "plain.txt": "Minutes\n\nThe union met and agreed to strike again.\n",
        },
    )
    update_index(corpus, tmp_path / "index")
    looked_at: list[str] = []
    dated_document = extracts.dated_document

    def spy(document: Any, anchors: Any) -> Any:
        looked_at.append(document.doc)
        return dated_document(document, anchors)

    monkeypatch.setattr(extracts, "dated_document", spy)
    (corpus / "new.txt").write_text(dated(2024, 0), encoding="utf-8")
    update_index(corpus, tmp_path / "index")
    assert "vigil" in looked_at and "plain" not in looked_at


def test_an_edit_without_names_keeps_the_merged_entities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence without a name added to a document (with a date, and shifting its names'
    offsets): its entities are what they were, so the update does not merge the collection's
    entities again (the slow part of an update at scale), and still answers as a clean build
    (mentions at their new offsets, the new date)."""
    import index.build

    corpus = write_corpus(tmp_path / "corpus", FILES)
    updated = tmp_path / "updated"
    outputs(capsys, corpus, updated)
    (corpus / "a.txt").write_text(
        FILES["a.txt"].replace("\n\n", "\n\nIt rained on 14 March 2021.\n\n", 1) + "It rained.\n",
        encoding="utf-8",
    )

    def merged_again(records: Any) -> Any:
        raise AssertionError("entities merged again")

    with monkeypatch.context() as patched:
        patched.setattr(index.build, "resolved_entities", merged_again)
        after = outputs(capsys, corpus, updated)
    assert "2021-03-14" in {m["value"] for m in after["timeline"]["mentions"]}
    assert after == clean(capsys, corpus, tmp_path / "clean")


LONE_SURNAME = (
    "Port talks\n\nBy Ana Beltran 4 May 2022\n\n"
    "The talks at the port went on. Quispe told the crowd that she would not sign. "
    "Quispe left at noon.\n"
)
SECOND_QUISPE = "Juan Quispe, a docker, joined Tomas Nunez at the gate.\n"


def test_a_name_added_elsewhere_changes_a_lone_surname_as_a_clean_build_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lone surname joins the one person of the collection it can stand for: "Quispe" in
    q.txt is Maria Quispe's (a.txt). An edit of another file (h.txt) that adds a second Quispe
    leaves it ambiguous, apart; the edit undone, it joins her again. After each update every
    listing is the clean build's: the resolution an edit changes is not only in the files it
    touches."""
    corpus = write_corpus(tmp_path / "corpus", {**FILES, "q.txt": LONE_SURNAME})
    updated = tmp_path / "updated"

    def quispe_aliases(shown: dict[str, Any]) -> list[str]:
        (maria,) = [e for e in shown["entities"]["entities"] if e["name"] == "Maria Quispe"]
        return list(maria["aliases"])

    first = outputs(capsys, corpus, updated)
    assert quispe_aliases(first) == ["Quispe"]  # the case holds
    steps = [
        ("a second Quispe added", FILES["h.txt"] + SECOND_QUISPE, []),
        ("the second Quispe removed", FILES["h.txt"], ["Quispe"]),
    ]
    for number, (step, text, aliases) in enumerate(steps):
        (corpus / "h.txt").write_text(text, encoding="utf-8")
        after = outputs(capsys, corpus, updated)
        assert quispe_aliases(after) == aliases, step
        assert after == clean(capsys, corpus, tmp_path / f"clean{number}"), step


def test_the_anchors_kept_are_those_the_documents_give(tmp_path: Path) -> None:
    """An update keeps the anchors it dated the undated documents with (the next update reads
    them instead of every date): they are what the documents as committed give, step by step."""
    from index.build import update_index
    from index.storage.database import Database
    from index.storage.extracts import Extracts
    from index.storage.store import INDEX_VERSION

    corpus = write_corpus(tmp_path / "corpus", {**FILES, "vigil.txt": UNDATED})
    for step, change in enumerate(
        [add_dated(2018, ["old0.txt", "old1.txt"]), add_dated(2024, ["new0.txt"]), delete_g_txt]
    ):
        change(corpus)
        update_index(corpus, tmp_path / "index")
        database = Database(tmp_path / "index", INDEX_VERSION)
        assert database.meta("anchors"), step  # kept, not worked out again
        extracts = Extracts(database)
        assert extracts.anchors_as_committed() == extracts.anchors(), step
        database.close()


def test_an_edit_that_moves_no_name_prints_no_entity_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence without a name added after a document's last name leaves every mention where
    it was: no entity's printed form is made again (at 10,000 documents, one document naming
    a city reprinted its thousands of mentions), and the listings are a clean build's."""
    from index.storage.database import Transaction

    corpus = write_corpus(tmp_path / "corpus", FILES)
    updated = tmp_path / "updated"
    outputs(capsys, corpus, updated)
    (corpus / "a.txt").write_text(FILES["a.txt"] + "It rained all day.\n", encoding="utf-8")
    printed: list[Any] = []
    set_printed = Transaction.set_printed

    def spy(self: Transaction, rows: Any) -> None:
        rows = list(rows)
        printed.extend(rows)
        set_printed(self, rows)

    with monkeypatch.context() as patched:
        patched.setattr(Transaction, "set_printed", spy)
        after = outputs(capsys, corpus, updated)
    assert printed == []
    assert after == clean(capsys, corpus, tmp_path / "clean")
    (corpus / "a.txt").write_text(
        FILES["a.txt"].replace("walked out", "walked out at dawn"), encoding="utf-8"
    )
    with monkeypatch.context() as patched:
        patched.setattr(Transaction, "set_printed", spy)
        moved = outputs(capsys, corpus, updated)
    assert printed != []  # Maria Quispe's second mention moved: printed again
    assert moved == clean(capsys, corpus, tmp_path / "clean-moved")
