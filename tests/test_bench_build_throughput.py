"""bench.build_throughput builds a checkout's index in a process and a home of its own (this
tree, on a few documents written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.build_throughput import measure

HERE = Path(__file__).resolve().parent.parent


def test_each_checkout_builds_in_turn_and_every_build_is_kept(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Vote in Lima\n\nMayor Rosa Quispe spoke on 3 May 2022.\n")
    (corpus / "b.txt").write_text("Strike\n\nThe Teachers Union marched last Friday.\n")
    runs = measure(corpus, [HERE], rounds=2)
    builds = runs[str(HERE)]
    assert len(builds) == 2
    for build in builds:
        assert build["wall_s"] > 0 and build["cpu_s"] > 0 and build["max_rss_mb"] > 10


def test_a_build_that_fails_is_one_line_naming_the_checkout(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"build_throughput: .*: quipu: error"):
        measure(tmp_path / "no such folder", [HERE], rounds=1)
