"""bench.extraction_speed times a checkout's extraction in a process of its own (this tree, on a
few documents written here)."""

from __future__ import annotations

from pathlib import Path

from bench.extraction_speed import measure

HERE = Path(__file__).resolve().parent.parent


def test_a_checkout_is_timed_on_every_document_it_reads(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Vote in Lima\n\nMayor Rosa Quispe spoke on 3 May 2022.\n")
    (corpus / "b.txt").write_text("Strike\n\nThe Teachers Union marched last Friday.\n")
    (corpus / "c.txt").write_text("\n\n")  # empty: not a document
    results = measure(corpus, [HERE], rounds=2)
    kept = results[str(HERE)]
    assert kept["documents"] == 2
    names = ("entities", "analyse", "prepare", "dates", "dates_alone")
    assert all(kept[name] >= 0 for name in names)
    assert abs(kept["dates"] - (kept["analyse"] - kept["entities"])) <= 0.002  # rounded
