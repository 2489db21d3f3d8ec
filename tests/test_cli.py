from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from index.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, json.loads(out)


def test_search_json_contract(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> None:
    code, payload = run_json(
        capsys, "search", "castillo", "--json", "--index-dir", str(seeds_index)
    )
    assert code == 0
    assert payload["query"] == "castillo" and payload["total"] == len(payload["hits"]) == 5
    for hit in payload["hits"]:
        assert set(hit) >= {
            "doc",
            "path",
            "title",
            "published",
            "score",
            "passage",
            "snippet",
            "highlights",
        }
        assert all(hit["snippet"][a:b].lower() == "castillo" for a, b in hit["highlights"])
    scores = [hit["score"] for hit in payload["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_passage_offsets_index_into_show_text(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    _, search = run_json(capsys, "search", "Kenna", "--json", "--index-dir", str(seeds_index))
    assert sorted(h["doc"] for h in search["hits"]) == [
        "002_d36f1c1c32bc8559",
        "004_170361fb4002e630",
    ]
    for hit in search["hits"]:
        _, shown = run_json(capsys, "show", hit["doc"], "--json", "--index-dir", str(seeds_index))
        assert set(shown) >= {"doc", "path", "title", "author", "published", "text"}
        passage = shown["text"][hit["passage"]["start"] : hit["passage"]["end"]]
        assert "Kenna" in passage


def test_docs_json_contract(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> None:
    code, payload = run_json(capsys, "docs", "--json", "--index-dir", str(seeds_index))
    assert code == 0
    docs = {d["doc"]: d for d in payload["docs"]}
    assert len(docs) == 5
    assert docs["001_1e74beb09535a427"]["author"] == "Andrea Lobo"
    assert docs["001_1e74beb09535a427"]["published"] == "2023-01-06"
    assert docs["003_df5eb221c8adb151"]["author"] == "Darragh O’Dwyer"
    assert all(d["words"] > 500 for d in docs.values())


def test_index_json_then_nothing_to_do(
    capsys: pytest.CaptureFixture[str], small_corpus: Path, tmp_path: Path
) -> None:
    args = ["index", "--json", "--corpus", str(small_corpus), "--index-dir", str(tmp_path / "ix")]
    _, first = run_json(capsys, *args)
    assert first == {
        "added": 3,
        "updated": 0,
        "removed": 0,
        "unchanged": 0,
        "skipped": [],
        "warnings": [],
        "decoded": [],
    }
    _, second = run_json(capsys, *args)
    assert (second["added"], second["unchanged"]) == (0, 3)


def test_no_refresh_answers_from_the_index_as_built(
    capsys: pytest.CaptureFixture[str], small_corpus: Path, tmp_path: Path
) -> None:
    where = ["--corpus", str(small_corpus), "--index-dir", str(tmp_path / "ix")]
    code, built = run_json(capsys, "search", "zebra", "--no-refresh", "--json", *where)
    assert code == 1 and built["total"] == 0  # no index yet: built first, all the same
    assert (tmp_path / "ix").is_dir()
    (small_corpus / "zoo.txt").write_text("Zoo news\n\nA zebra escaped.\n", encoding="utf-8")
    code, stale = run_json(capsys, "search", "zebra", "--no-refresh", "--json", *where)
    assert code == 1 and stale["total"] == 0  # the new file is not looked for
    code, entities = run_json(capsys, "entities", "--no-refresh", "--json", *where)
    assert code == 0 and entities["entities"]
    code, fresh = run_json(capsys, "search", "zebra", "--json", *where)
    assert code == 0 and fresh["total"] == 1


def test_plain_output_when_piped(capsys: pytest.CaptureFixture[str], seeds_index: Path) -> None:
    assert main(["search", "curfew AND Puno", "--index-dir", str(seeds_index)]) == 0
    out, _ = capsys.readouterr()
    assert "\x1b" not in out
    assert "002_d36f1c1c32bc8559" in out and "curfew" in out


@pytest.mark.parametrize(
    ("argv", "code", "stderr"),
    [
        (["search", "zzzqqq"], 1, "quipu: no documents match"),
        (["search", "Bolurte"], 1, "did you mean: Boluarte"),
        (["search", "Boluarte AND ("], 2, "quipu: error: unclosed '(' at column 14"),
        (["search", "x", "--from", "2023-02-30"], 2, "no such date"),
        (["search", "x", "--limit", "0"], 2, "must be at least 1"),
        (["show", "nope"], 2, "no document with id 'nope'"),
        (["frobnicate"], 2, "invalid choice"),
        (["search", "x", "--corpus", "/nonexistent/quipu"], 2, "corpus folder not found"),
    ],
)
def test_errors_and_exit_codes(
    capsys: pytest.CaptureFixture[str], seeds_index: Path, argv: list[str], code: int, stderr: str
) -> None:
    assert main([*argv, "--index-dir", str(seeds_index)]) == code
    out, err = capsys.readouterr()
    assert stderr in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def quipu(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_subprocess_exit_codes_and_streams(seeds_index: Path) -> None:
    found = quipu("search", '"state of emergency"', "--json", "--index-dir", str(seeds_index))
    assert found.returncode == 0 and json.loads(found.stdout)["total"] == 4
    assert found.stderr == ""
    missing = quipu("search", "zzzqqq", "--index-dir", str(seeds_index))
    assert (missing.returncode, missing.stdout) == (1, "")
    bad = quipu("search", "Boluarte AND (", "--index-dir", str(seeds_index))
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and bad.stderr.startswith("quipu: error:")


def test_reader_refuses_without_a_terminal() -> None:
    result = quipu()
    assert result.returncode == 2
    assert "needs an interactive terminal" in result.stderr


IMPORT_CHECK = """
import sys
from tui.main import main
code = main(sys.argv[1:])
heavy = sorted(m for m in ("textual", "rich", "whoosh", "pypdf") if m in sys.modules)
print("LOADED", ",".join(heavy), file=sys.stderr)
"""


def loaded_modules(*argv: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_CHECK, *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    line = [x for x in result.stderr.splitlines() if x.startswith("LOADED")][-1]
    return line.removeprefix("LOADED").strip()


def test_search_never_imports_textual_or_rich(seeds_index: Path) -> None:
    assert (
        loaded_modules("search", "castillo", "--json", "--index-dir", str(seeds_index)) == "whoosh"
    )


def test_help_does_not_import_whoosh() -> None:
    code = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom tui.main import main\ntry:\n    main(['--help'])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('textual','rich','whoosh','pypdf') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert code.stdout.strip().endswith("[]")
