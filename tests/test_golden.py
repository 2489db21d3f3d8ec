"""The CLI's JSON answers held to a golden copy taken before the store was rewritten: entity
lists, co-mentions, explanations, timelines, the document list and searches, on the seeds and on
a generated corpus of 150 documents (``bench/golden.py``; the 1,000-document comparison is
``python -m bench.golden 1000``). A deliberate change of an answer rewrites the copy:
``QUIPU_GOLDEN_WRITE=1 pytest tests/test_golden.py``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bench.golden import corpus_of, digests, outputs

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
WRITE = bool(os.environ.get("QUIPU_GOLDEN_WRITE"))


def test_seeds_answer_as_the_golden_copy(tmp_path: Path) -> None:
    found = outputs(corpus_of("seeds", tmp_path), tmp_path / "index")
    folder = GOLDEN / "seeds"
    if WRITE:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.txt"):
            old.unlink()
        for label, out in found.items():
            (folder / f"{label}.txt").write_text(out, encoding="utf-8")
    expected = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    assert sorted(found) == sorted(expected)
    for label, out in found.items():
        assert out == expected[label], label


@pytest.mark.parametrize("size", ["150"])
def test_generated_corpus_answers_as_the_golden_copy(tmp_path: Path, size: str) -> None:
    found = digests(outputs(corpus_of(size, tmp_path), tmp_path / "index"))
    golden = GOLDEN / f"corpus-{size}.json"
    if WRITE:
        golden.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert sorted(found) == sorted(expected)
    assert [label for label in found if found[label] != expected[label]] == []
