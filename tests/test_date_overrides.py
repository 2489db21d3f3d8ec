"""Publication dates the user states: ``quipu date`` and ``dates.tsv`` (exact output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import corpus_options, run_cli, write_corpus
from index.userdata.date_overrides import date_problem
from index.userdata.user_data import DATES, corpus_data_dir

TEXTS = {
    "strike.txt": "Dock strike\n\nThe dockworkers walked out on Friday; the port stayed shut.\n",
    "report.txt": "Annual report\n\nPublished 3 March 2021.\n\nThe union met on Monday.\n",
    "sales.txt": "Sales\n\nSales rose in 2004, the firm said. Profits in 2004 doubled. "
    "The firm will open ten shops in 2005.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", TEXTS)


@pytest.fixture
def where(corpus: Path, tmp_path: Path) -> list[str]:
    return corpus_options(corpus, tmp_path)


def friday(capsys: pytest.CaptureFixture[str], where: list[str]) -> str | None:
    _, out, _ = run_cli(capsys, "timeline", "--doc", "strike", "--json", *where)
    values = [m["value"] for m in json.loads(out)["mentions"] if m["text"] == "on Friday"]
    return values[0] if values else None


def test_values_a_person_can_state() -> None:
    assert [date_problem(v) for v in ("2021", "2021-03", "2021-03-12", "undated")] == [None] * 4
    assert date_problem("2021-02-30") == "'2021-02-30' is not a day of the calendar"
    assert date_problem("2021-13") == "'2021-13' has no month 13"
    assert date_problem("March 2021") == (
        "'March 2021' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or undated)"
    )


def test_a_stated_date_dates_the_document_and_its_relative_dates(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    assert run_cli(capsys, "date", "strike", *where)[1] == "strike\tundated\n"
    assert friday(capsys, where) is None  # no date to count Friday from
    assert run_cli(
        capsys, "date", "stri", "2021-03-17", "--note", "the paper's archive", *where
    ) == (
        0,
        "strike\t2021-03-17 (stated by you)\n",
        "",
    )
    assert friday(capsys, where) == "2021-03-12"
    _, out, _ = run_cli(capsys, "search", "dockworkers", "--from", "2021-03", "--to", "2021-03",
                    "-l", *where)  # fmt: skip
    assert out == "strike.txt\n"
    assert run_cli(capsys, "date", *where)[1] == "strike\t2021-03-17  the paper's archive\n"
    assert run_cli(capsys, "index", "--rebuild", *where)[0] == 0
    assert run_cli(capsys, "date", "strike", "--json", *where)[1] == (
        '{"doc": "strike", "published": "2021-03-17", "published_basis": "user", '
        '"published_confidence": null, "published_hint": null}\n'
    )
    assert friday(capsys, where) == "2021-03-12"


def test_undated_overrides_what_the_text_says_and_clear_gives_it_back(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    assert (
        run_cli(capsys, "date", "report", *where)[1] == "report\t2021-03-03 (stated in the text)\n"
    )
    assert run_cli(capsys, "date", "report", "undated", *where)[1] == (
        "report\tundated (stated by you)\n"
    )
    _, out, _ = run_cli(capsys, "docs", "--json", *where)
    report = next(d for d in json.loads(out)["docs"] if d["doc"] == "report")
    assert (report["published"], report["published_basis"]) == (None, "user")
    assert run_cli(capsys, "date", "report", "--clear", *where)[1] == (
        "report\t2021-03-03 (stated in the text)\n"
    )
    assert run_cli(capsys, "date", "sales", *where)[1].startswith("sales\t2004 (inferred from the")
    assert (
        run_cli(capsys, "date", "sales", "undated", *where)[1] == "sales\tundated (stated by you)\n"
    )
    run_cli(capsys, "date", "sales", "--clear", *where)
    code, _, err = run_cli(capsys, "date", "report", "--clear", *where)
    assert (code, err) == (
        2,
        "quipu: error: you stated no date for report (list them: quipu date)\n",
    )
    assert run_cli(capsys, "date", *where)[:2] == (1, "")


def test_the_update_equals_a_clean_build(
    capsys: pytest.CaptureFixture[str], where: list[str], tmp_path: Path, corpus: Path
) -> None:
    run_cli(capsys, "date", "strike", "2021-03-17", *where)
    run_cli(capsys, "date", "report", "2020", *where)
    clean = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "clean")]
    for command in (["docs", "--json"], ["timeline", "--json"], ["entities", "--json"]):
        assert run_cli(capsys, *command, *where)[1] == run_cli(capsys, *command, *clean)[1]


def test_a_file_edited_by_hand_is_read_and_bad_lines_kept(
    capsys: pytest.CaptureFixture[str], where: list[str], corpus: Path
) -> None:
    run_cli(capsys, "docs", *where)
    path = corpus_data_dir(corpus) / DATES
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("strike\t2019-05\nreport\tsoon\nnot a record\n")
    code, out, err = run_cli(capsys, "docs", *where)
    assert out.splitlines()[2].startswith("strike\t2019-05\t")
    assert err == (
        f"quipu: warning: {path} line 3 is not understood; kept as it is "
        "(expected 2 or 3 tab-separated fields)\n"
        f"quipu: warning: {path}: the date of 'report' ignored: 'soon' is not a date "
        "(YYYY, YYYY-MM, YYYY-MM-DD or undated)\n"
    )
    run_cli(capsys, "date", "report", "2020-01", *where)
    assert path.read_text() == "strike\t2019-05\nreport\t2020-01\t\nnot a record\n"


def test_the_bulk_form_checks_every_line_first_and_applies_none_when_one_is_bad(
    capsys: pytest.CaptureFixture[str], where: list[str], tmp_path: Path
) -> None:
    lines = tmp_path / "dates.txt"
    lines.write_text(
        "# doc, date, note\n"
        "strike\t2021-03-17\tthe paper's archive\n"
        "nope\t2023-01-01\n"
        "sales\t2004-02-30\n"
        "report\n"
        "stri\t2021\n",
        encoding="utf-8",
    )
    code, out, err = run_cli(capsys, "date", "--file", str(lines), *where)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"quipu: error: {lines} line 3: no document with id 'nope' (list them with: quipu docs)",
        f"quipu: error: {lines} line 4: '2004-02-30' is not a day of the calendar",
        f"quipu: error: {lines} line 5: expected DOC<TAB>DATE[<TAB>NOTE], got 1 field(s)",
        f"quipu: error: {lines} line 6: strike again (first on line 2)",
        "quipu: 4 bad lines: no date applied",
    ]
    assert run_cli(capsys, "date", *where)[0] == 1  # none stated
    assert friday(capsys, where) is None

    lines.write_text("strike\t2021-03-17\tthe archive\nsales\t2004\n", encoding="utf-8")
    assert run_cli(capsys, "date", "--file", str(lines), *where) == (
        0,
        "strike\t2021-03-17 (stated by you)\nsales\t2004 (stated by you)\n",
        "",
    )
    assert friday(capsys, where) == "2021-03-12"
    assert run_cli(capsys, "date", *where)[1] == ("sales\t2004\nstrike\t2021-03-17  the archive\n")


def test_the_bulk_form_reads_standard_input_and_clears(
    capsys: pytest.CaptureFixture[str],
    where: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import sys

    assert run_cli(capsys, "date", "strike", "2021-03-17", *where)[0] == 0
    stdin = io.TextIOWrapper(io.BytesIO(b"strike\tclear\nreport\tundated\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, err = run_cli(capsys, "date", "--file", "-", *where)
    assert (code, err) == (0, "")
    assert out == "strike\tundated\nreport\tundated (stated by you)\n"
    assert friday(capsys, where) is None
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"strike\tclear\n"), encoding="utf-8")
    )
    code, out, err = run_cli(capsys, "date", "--file", "-", *where)
    assert (code, out) == (2, "")
    assert "standard input line 1: you stated no date for strike (nothing to clear)" in err
    assert run_cli(capsys, "date", "--file", str(Path("/nonexistent/dates.txt")), *where)[::2] == (
        2,
        "quipu: error: /nonexistent/dates.txt: No such file or directory\n",
    )
