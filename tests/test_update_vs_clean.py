"""An update gives what a clean build of the same folder gives, whatever changed: a file renamed
to another extension (same document id), or a file added beside one of the same name (the ids
shift: ``g.md`` takes ``g``, ``g.txt`` becomes ``g.txt``)."""

from __future__ import annotations

import json
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


def new_a_txt(corpus: Path) -> None:
    (corpus / "a.txt").write_text(FILES["h.txt"].replace("Copper", "Zinc"), encoding="utf-8")


@pytest.mark.parametrize(
    "steps",
    [
        [(rename_a, {"a", "g", "h"})],
        [(add_g_md, {"a", "g", "g.txt", "h"})],
        [(add_g_md, {"a", "g", "g.txt", "h"}), (delete_g_txt, {"a", "g", "h"})],
        [(rename_a, {"a", "g", "h"}), (new_a_txt, {"a", "a.txt", "g", "h"})],
    ],
    ids=["rename a.txt to a.md", "add g.md beside g.txt", "then delete g.txt", "then a new a.txt"],
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
