"""CLI contracts of history, saved searches, --csv, --jsonl, -l and --sort (exact output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import corpus_options, run_cli
from index.userdata.query_history import QueryHistory
from index.userdata.user_data import corpus_data_dir


@pytest.fixture
def where(small_corpus: Path, tmp_path: Path) -> list[str]:
    return corpus_options(small_corpus, tmp_path)


def test_paths_only_like_rg_l(capsys: pytest.CaptureFixture[str], where: list[str]) -> None:
    assert run_cli(capsys, "search", "protest*", "-l", *where) == (
        0,
        "archive/letters.txt\nharbour.txt\nmines.md\n",
        "",
    )
    assert run_cli(capsys, "search", "protest*", "-l", "--sort", "date", *where)[1] == (
        "mines.md\nharbour.txt\narchive/letters.txt\n"
    )
    assert run_cli(capsys, "search", "protest*", "-l", "--limit", "1", *where)[1] == (
        "archive/letters.txt\n"
    )
    assert run_cli(capsys, "search", "zzzz", "-l", *where)[:2] == (1, "")


def test_sort_by_date_newest_first_undated_last(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    code, out, _ = run_cli(capsys, "search", "protest*", "--sort", "date", "--jsonl", *where)
    published = [json.loads(line)["published"] for line in out.splitlines()]
    assert code == 0 and published == ["2021-04-02", "2021-03-12", None]
    page = ["--limit", "1", "--offset", "1", "--jsonl"]
    _, out, _ = run_cli(capsys, "search", "protest*", "--sort", "date", *page, *where)
    assert [json.loads(line)["published"] for line in out.splitlines()] == ["2021-03-12"]


def test_search_csv(capsys: pytest.CaptureFixture[str], where: list[str]) -> None:
    code, out, err = run_cli(capsys, "search", "blockade", "--csv", *where)
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0] == (
        "doc,path,title,published,published_basis,score,passage_start,passage_end,page,snippet"
    )
    assert len(lines) == 2 and lines[1].split(",")[1:5] == [
        "mines.md",
        "Copper output falls",
        "2021-04-02",
        "metadata",
    ]


def test_entities_and_timeline_csv_and_jsonl(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    code, out, _ = run_cli(capsys, "entities", "--csv", "--type", "PLACE", *where)
    assert code == 0 and out.splitlines()[0] == "name,type,count,documents,aliases"
    assert "Valparaíso,PLACE,1,1," in out.splitlines()
    _, out, _ = run_cli(capsys, "entities", "--jsonl", *where)
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all({"name", "type", "count", "aliases"} <= set(r) for r in records)
    code, out, _ = run_cli(capsys, "timeline", "--csv", *where)
    assert out.splitlines()[0] == "doc,value,granularity,text,start,end,sentence"
    _, out, _ = run_cli(capsys, "timeline", "--jsonl", *where)
    values = {json.loads(line)["value"] for line in out.splitlines()}
    assert "2021-03-08" in values  # "on Monday" before 12 March 2021


def test_saved_search_round_trip(capsys: pytest.CaptureFixture[str], where: list[str]) -> None:
    assert run_cli(capsys, "saved", *where)[:2] == (1, "")
    run_cli(capsys, "search", "strike", "--from", "2021-03", "--sort", "date", "--save", "dock",
        *where)  # fmt: skip
    assert run_cli(capsys, "saved", *where) == (
        0,
        "dock\tstrike  (from 2021-03-01, sort date)\n",
        "",
    )
    assert json.loads(run_cli(capsys, "saved", "--json", *where)[1]) == {
        "saved": [
            {
                "name": "dock",
                "query": "strike",
                "from": "2021-03-01",
                "to": None,
                "entity": None,
                "sort": "date",
            }
        ]
    }
    assert run_cli(capsys, "search", "--saved", "dock", "-l", *where) == (0, "harbour.txt\n", "")
    code, _, err = run_cli(capsys, "search", "--saved", "nope", *where)
    assert (
        code == 2
        and err == "quipu: error: no saved search called 'nope' (list them: quipu saved)\n"
    )
    assert run_cli(capsys, "saved", "--delete", "dock", *where)[0] == 0
    assert run_cli(capsys, "saved", *where)[:2] == (1, "")


def test_search_needs_a_query_or_a_saved_name(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    code, out, err = run_cli(capsys, "search", *where)
    assert (code, out) == (2, "") and err.startswith("quipu: error: a query is needed")


def test_history_lists_and_clears(
    capsys: pytest.CaptureFixture[str], where: list[str], small_corpus: Path
) -> None:
    from datetime import UTC, datetime

    history = QueryHistory.of(small_corpus)
    history.add("strike", datetime(2026, 12, 3, 9, 30, tzinfo=UTC))
    history.add('"state of emergency"', datetime(2026, 12, 3, 9, 31, tzinfo=UTC))
    assert run_cli(capsys, "history", *where) == (
        0,
        '    1  2026-12-03T09:30:00Z  strike\n    2  2026-12-03T09:31:00Z  "state of emergency"\n',
        "",
    )
    assert json.loads(run_cli(capsys, "history", "--json", *where)[1])["history"][0] == {
        "query": "strike",
        "when": "2026-12-03T09:30:00Z",
    }
    assert run_cli(capsys, "history", "--clear", *where)[0] == 0
    assert run_cli(capsys, "history", *where)[:2] == (1, "")


def test_malformed_history_warns_in_one_line_and_keeps_its_lines(
    capsys: pytest.CaptureFixture[str], where: list[str], small_corpus: Path
) -> None:
    path = corpus_data_dir(small_corpus) / "history.tsv"
    path.parent.mkdir(parents=True)
    path.write_text("garbage without tabs\n2026-12-03T09:30:00Z\tstrike\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "history", *where)
    assert code == 0 and out == "    1  2026-12-03T09:30:00Z  strike\n"
    assert err.count("\n") == 1 and err.startswith("quipu: warning: ") and "line 1" in err
    QueryHistory.of(small_corpus).add("curfew")
    assert path.read_text(encoding="utf-8").startswith("garbage without tabs\n")
