"""Hostile documents and hostile queries, through the CLI (as a process) and the query API."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from hostile import HOSTILE_QUERIES, INDEXED, SKIPPED, write_bad_corpus
from index.api import Collection
from index.errors import QuipuError

# ESC, BEL and the C1 controls: none may reach a non-terminal stdout or stderr.
FORBIDDEN = re.compile("[\x1b\x07\x80-\x9f]")


def quipu(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        capture_output=True,
        cwd=ROOT,
        timeout=timeout,
        env={**os.environ, "PYTHONUTF8": "1"},
    )


def assert_clean(result: subprocess.CompletedProcess[bytes]) -> None:
    """No traceback, no raw escape or C1 bytes, errors on one line."""
    for stream in (result.stdout, result.stderr):
        text = stream.decode("utf-8")  # strict: the streams are valid UTF-8
        assert not FORBIDDEN.search(text), text[:300]
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    if result.returncode not in (0, 1):
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.fixture(scope="module")
def bad_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("bad")
    corpus, index_dir = root / "corpus", root / "index"
    expect = write_bad_corpus(corpus)
    began = time.perf_counter()
    result = quipu(
        "index", "--json", "--corpus", str(corpus), "--index-dir", str(index_dir), timeout=180
    )
    elapsed = time.perf_counter() - began
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    assert elapsed < 120
    report = json.loads(result.stdout)
    return corpus, index_dir, {**expect, "_report": report}  # type: ignore[dict-item]


def test_bad_files_are_indexed_or_skipped_with_a_reason(
    bad_index: tuple[Path, Path, dict],
) -> None:
    corpus, index_dir, expect = bad_index
    report = expect.pop("_report")
    skipped = {s["path"]: s["reason"] for s in report["skipped"]}
    for rel, outcome in expect.items():
        if outcome == SKIPPED:
            assert rel in skipped, (rel, skipped)
            assert skipped[rel]
    result = quipu("docs", "--json", "--corpus", str(corpus), "--index-dir", str(index_dir))
    assert_clean(result)
    docs = {d["path"] for d in json.loads(result.stdout)["docs"]}
    for rel, outcome in expect.items():
        assert (rel in docs) == (outcome == INDEXED), rel
    warnings = report["warnings"]
    assert any("million-words.txt" in w and "truncated" in w for w in warnings)
    assert any("single-line.txt" in w and "truncated" in w for w in warnings)
    # The corpus is never modified, and the index never lands inside it.
    assert not any(p.name.startswith(("quipu-", "_MAIN")) for p in corpus.rglob("*"))


def test_documents_show_as_text_never_as_terminal_codes(
    bad_index: tuple[Path, Path, dict],
) -> None:
    corpus, index_dir, _ = bad_index
    common = ("--corpus", str(corpus), "--index-dir", str(index_dir))
    shown = quipu("show", "escapes", *common)
    assert shown.returncode == 0
    assert_clean(shown)
    assert "␛]52;c;".encode() in shown.stdout  # visible, not acted on
    as_json = quipu("show", "escapes", "--json", *common)
    document = json.loads(as_json.stdout)  # strict: raw controls would fail here
    assert "\x1b" not in document["text"] and "␛" in document["text"]
    found = quipu("search", "Escape", *common)
    assert_clean(found)
    odd = "undecodable-name-\\xff"  # the id writes the file name's byte 0xff out
    for doc in ("new\nline", "-leading-dash", "bidi\u202etxt", odd):
        result = quipu("show", "--json", *common, "--", doc)
        assert result.returncode == 0, (doc, result.stderr)
        assert json.loads(result.stdout)["doc"] == doc
    paths = {d["path"] for d in json.loads(quipu("docs", "--json", *common).stdout)["docs"]}
    assert "undecodable-name-\udcff.txt" in paths  # the path is carried losslessly
    listing = quipu("docs", *common)
    assert_clean(listing)
    assert b"<U+202E>" in listing.stdout  # the bidi override is made visible


def test_entities_and_timeline_of_the_bad_corpus(bad_index: tuple[Path, Path, dict]) -> None:
    corpus, index_dir, _ = bad_index
    common = ("--corpus", str(corpus), "--index-dir", str(index_dir))
    for command in ("entities", "timeline"):
        result = quipu(command, "--json", *common)
        assert result.returncode in (0, 1)
        assert_clean(result)
        json.loads(result.stdout)


@pytest.mark.parametrize("text", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_hostile_queries_through_the_api(seeds_collection: Collection, text: str) -> None:
    began = time.perf_counter()
    try:
        results = seeds_collection.search(text, limit=5)
    except QuipuError as error:
        message = str(error)
        assert "\n" not in message and message
        assert error.exit_code == 2
    else:
        assert results.total >= 0
        json.dumps(results.to_json())
    assert time.perf_counter() - began < 2.5


def test_hostile_queries_through_the_cli(seeds_index: Path) -> None:
    queries = HOSTILE_QUERIES[::4] + ["x" * 40_000, "\x1b]52;c;cHduZWQ=\x07", "\x9b31m"]
    for text in [q for q in queries if "\x00" not in q]:  # argv cannot carry a NUL
        began = time.perf_counter()
        result = quipu("search", text, "--json", "--index-dir", str(seeds_index))
        assert time.perf_counter() - began < 10  # process start included
        assert result.returncode in (0, 1, 2), (text, result.stderr)
        assert_clean(result)
        if result.returncode in (0, 1):
            json.loads(result.stdout)
