"""An update resolves aliases only around the names it changed (``Resolver.around``), and
stores what resolving every document's names again would give: the same entities, with the
same names, types, aliases and members, in the same order. Edits of every kind a collection
sees, one after the other on a generated collection: mentions added to a person, a misspelling,
a lone surname, a second person of that surname, organizations with their plural, acronym and
party forms, names the knowledge base knows, a file removed and one restored."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

import index.build
import index.storage.extracts
from bench.corpus import Generator
from index.cli import main
from index.storage.database import Database
from index.storage.extracts import Extracts, resolved_entities
from index.storage.store import INDEX_VERSION


def shown(entities: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (e["name"], e["type"], list(e["aliases"]), [tuple(m) for m in e["members"]])
        for e in entities
    ]


def stored_and_full(index_dir: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with Database(index_dir, INDEX_VERSION) as database:
        extracts = Extracts(database)
        return shown(extracts.merged()), shown(resolved_entities(extracts.entity_records()))


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_updates_store_what_a_full_resolution_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    generator = Generator(seed=11)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(40):
        write(corpus / f"d{number:02}.txt", generator.document(number))
    index_dir = tmp_path / "index"
    where = ["--corpus", str(corpus), "--index-dir", str(index_dir)]
    assert main(["index", *where]) == 0
    stored, full = stored_and_full(index_dir)
    assert stored == full and len(stored) > 100

    around: list[int] = []
    update = index.storage.extracts.Extracts.update_entities

    def counted(self: Extracts, changed: set[str]) -> None:
        around.append(1)
        update(self, changed)

    def merged_again(records: Any) -> Any:
        raise AssertionError("aliases resolved over the whole collection")

    monkeypatch.setattr(index.storage.extracts.Extracts, "update_entities", counted)
    monkeypatch.setattr(index.build, "resolved_entities", merged_again)
    people = sorted({e[0] for e in stored if e[1] == "PERSON" and " " in e[0]})
    assert len(people) > 20
    pick = random.Random(5)
    person = pick.choice(people)
    given, surname = person.split()[0], person.split()[-1]
    misspelt = surname[:2] + surname[3] + surname[2] + surname[4:]
    original = (corpus / "d03.txt").read_text(encoding="utf-8")
    edits = [
        ("mentions added", "d01.txt", f"\n{person} spoke again in the evening.\n"),
        ("a misspelling", "d02.txt", f"\nThe crowd cheered {given} {misspelt} at the gate.\n"),
        ("a lone surname", "d04.txt", f"\nLater {surname} said the talks would go on.\n"),
        ("a second person", "d05.txt", f"\nBruno {surname}, a docker, joined the march.\n"),
        (
            "organizations",
            "new.txt",
            "Dock workers\n\nThe Harbour Workers Union met the Harbour Workers Unions' "
            "delegates. The HWU said the Harbour Workers Union would strike. The Green Party "
            "backed it; the Greens marched. The European Union and the EU were silent.\n",
        ),
        ("more of them", "d06.txt", "\nThe HWU and the European Union spoke on Monday.\n"),
        (
            "an acronym",
            "d08.txt",
            "\nThe Coastal Dock Union called a strike; the CDU said talks had failed. "
            "The Coastal Dock Union met at noon.\n",
        ),
        (
            "a second name of its initials",
            "d09.txt",
            "\nThe Central Defence University held a debate. The Central Defence University "
            "closed, and the Central Defence University moved.\n",
        ),
        ("a file removed", "d07.txt", None),
        ("a file restored", "d03.txt", original + f"\n{surname} left.\n"),
        ("an edit undone", "d02.txt", (corpus / "d02.txt").read_text(encoding="utf-8")),
    ]
    for label, name, text in edits:
        path = corpus / name
        if text is None:
            path.unlink()
        elif name.startswith("d0") and label not in ("a file restored", "an edit undone"):
            write(path, path.read_text(encoding="utf-8") + text)
        else:
            write(path, text)
        assert main(["index", *where]) == 0, label
        capsys.readouterr()
        stored, full = stored_and_full(index_dir)
        assert stored == full, label
    assert len(around) >= len(edits) - 1  # each edit but one changed names
