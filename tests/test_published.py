"""Publication dates weighed from evidence, on sentences written for these tests."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from index.extract.dates import YEAR, expressions, tag
from index.extract.published import Estimate, candidates, estimate, filename_date, stated_date
from index.reading.corpus import parse_document
from index.storage.extracts import Anchors, analyse


def published(text: str, years: dict[tuple[int, int], int] | None = None) -> Estimate:
    """The estimate for an undated text, its partial dates dated by ``years`` (a collection)."""
    found = expressions(text)
    written = frozenset(m.start for m in tag(text, found=found))
    matches = tag(text, None, years, None, found)
    return estimate(text, matches, frozenset(m.start for m in matches) - written, found)


# -- file names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("notes/2023-01-06-title.txt", "2023-01-06"),
        ("20230106_minutes.md", "2023-01-06"),
        ("scans/2023_01_06.txt", "2023-01-06"),
        ("archive/2023/01/06/story.txt", "2023-01-06"),
        ("report-1999.12.31.txt", "1999-12-31"),
        ("001.txt", None),
        ("2023.txt", None),
        ("20231306_x.txt", None),  # no 13th month
        ("2023-02-30-x.txt", None),  # no 30 February
        ("scan-120230106.txt", None),  # part of a longer number
        ("2023-0106.txt", None),  # mixed separators
    ],
)
def test_a_date_in_a_file_name(path: str, expected: str | None) -> None:
    assert filename_date(path) == expected


def test_a_file_name_date_dates_a_document_its_text_does_not() -> None:
    document = parse_document("n", "2023-01-06-notes.txt", "Notes\n\nThe meeting went well.\n")
    assert (document.published, document.published_basis) == ("2023-01-06", "filename")
    stated = parse_document("n", "2023-01-06-notes.txt", "Notes\n\nPublished: 9 January 2023\n")
    assert (stated.published, stated.published_basis) == ("2023-01-09", "stated")
    plain = parse_document("n", "0042.txt", "Notes\n\nThe meeting went well.\n")
    assert (plain.published, plain.published_basis) == (None, "none")


# -- what the text states -----------------------------------------------------------------


def test_published_and_updated_lines() -> None:
    assert stated_date(["A title", "Published: 6 January 2023"]) == "2023-01-06"
    assert stated_date(["A title", "Posted on Friday, January 6, 2023 at 10:32"]) == "2023-01-06"
    lines = ["A title", "Updated: Jan. 9, 2023", "First published on 6 January 2023"]
    assert stated_date(lines) == "2023-01-06"  # published, not updated
    assert stated_date(["A title", "Last updated 3 March 2021"]) == "2021-03-03"
    footer = ["A title", *["A line of text."] * 60, "Date: 2021-03-03"]
    assert stated_date(footer) == "2021-03-03"
    assert stated_date(["A title", "Publishers met on 6 January 2023 to talk."]) is None


def test_a_dateline_opening_the_first_paragraph() -> None:
    wire = ["A title", "LONDON, 6 January 2023 (Reuters) - The bank cut its rates."]
    assert stated_date(wire) == "2023-01-06"
    assert stated_date(["A title", "WASHINGTON, March 22, 2013 — Lawmakers met."]) == "2013-03-22"
    assert stated_date(["A title", "Friday, 6 January 2023"]) == "2023-01-06"
    sentence = ["A title", "The bank said on 6 January 2023 that it would cut rates."]
    assert stated_date(sentence) is None


def test_a_dated_weekday_running_on_into_the_first_sentence() -> None:
    """Text taken from a web page often loses the break after its dateline: a date written with
    its own weekday, the right one, still opens the article; a wrong weekday or a date inside a
    sentence does not."""
    run_on = ["A title", "Tuesday, 4 June 2019 On Monday, the council voted to close the pool."]
    assert stated_date(run_on) == "2019-06-04"
    assert stated_date(["A title", "Sunday, October 3, 2021 The ferry left late."]) == "2021-10-03"
    wrong_day = ["A title", "Monday, 4 June 2019 On Monday, the council voted to close it."]
    assert stated_date(wrong_day) is None
    inside = ["A title", "Tuesday, 4 June 2019 was the day the council voted to close it."]
    assert stated_date(inside) is None
    later = ["A title", "The pool shut.", "Staff left.", "Nobody came.", "Tuesday, 4 June 2019 X"]
    assert stated_date(later) is None  # not under the title


def test_a_text_that_opens_with_its_date() -> None:
    """A first line that is a day and nothing else, with its weekday or in ISO form, stands
    where a title would: the text's date (a memo, a diary entry, a page copied without its
    title). A title that holds a date among its words is no dateline."""
    assert stated_date(["Monday, 3 February 2020", "Met the builders."]) == "2020-02-03"
    assert stated_date(["2020-02-03", "Met the builders."]) == "2020-02-03"
    assert stated_date(["Sunday, 3 February 2020", "Met the builders."]) is None  # a Monday
    assert stated_date(["6 June 1944", "The landings began."]) is None  # a chapter's title?
    assert stated_date(["March 2019", "Rain all month."]) is None
    assert stated_date(["The storm of 3 February 2020", "It rained."]) is None
    assert stated_date(["3 February 2020 was wet", "It rained."]) is None


# -- what the text reports, weighed -------------------------------------------------------


def test_years_reported_and_looked_forward_to_give_a_year() -> None:
    text = (
        "Sales rose in 2004, the firm said. Profits in 2004 doubled. "
        "The firm will open ten shops in 2005."
    )
    guess = published(text)
    assert (guess.value, guess.granularity, guess.basis) == ("2004", YEAR, "inferred")
    assert guess.confidence >= 0.5


def test_a_date_looked_back_on_alone_is_no_date() -> None:
    """What a text reports happened before it was written, maybe long before: alone, a lower
    bound, not a date."""
    guess = published("The bank raised rates on 3 March 2004, the statement said.")
    assert (guess.value, guess.basis) == (None, "none")
    assert guess.suggestion == "2004 from the years it mentions"
    guess = published("Markets fell throughout 2001 and 2002. The damage of 2001 and 2002 lasted.")
    assert guess.value is None and guess.suggestion == "2001–2002 from the years it mentions"


@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire holds until 19 July 2026.",
        "Elections will be held in April 2024.",
        "Leave will rise to nine months by 2027.",
        "The report is due on 3 May 2025.",
        "Elections in 2024 are expected to be close.",
    ],
)
def test_future_and_deadline_dates_are_never_the_date(text: str) -> None:
    found = candidates(text, tag(text))
    assert found and all(c.ahead for c in found)
    assert published(text).value is None


@pytest.mark.parametrize(
    "text",
    [
        "Smith, born on 20 February 1951, spoke to reporters.",
        "Her 60th birthday fell on 20 February 2011.",
        "The club, founded in 1870, sold its ground. Since 1997 the club has lost money.",
        "The bridge, built in 1953, was the longest.",
        "The town marked the anniversary of the flood of 12 March 1993.",
        "Ten years ago, on 4 June 2013, the plant closed.",
    ],
)
def test_birthdays_and_history_are_never_the_date(text: str) -> None:
    assert candidates(text, tag(text)) == []
    assert published(text).value is None


def test_a_future_sentence_with_a_date_its_clause_leaves_in_the_past_is_no_evidence() -> None:
    text = "The new DVD will include footage recorded in January 1985."
    assert candidates(text, tag(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The lease requires the council to reopen the baths in March 2011.",
        "The firm agreed last year to repay the loan in May 2003.",
        "The judge ordered the landlord to refund the deposit by 9 June 2008.",
        "Residents voted to close the library in 2016.",
    ],
)
def test_what_someone_agreed_or_was_told_to_do_is_no_evidence(text: str) -> None:
    """An infinitive of a plan or an order may be before or after the text was written: its
    date neither dates the text nor bounds it."""
    assert candidates(text, tag(text)) == []


def test_a_plan_written_in_the_past_no_longer_dates_a_text_a_year_before_it() -> None:
    """Two past years and a plan two years on: nothing bounds the text (it may be of any year
    after 2002), so it stays undated."""
    text = (
        "The mill lost money in 2001. Its owners, who sold it in 2002, said the deal requires "
        "the buyer to begin repairs in June 2004. They were asked how many jobs will be left "
        "in 2005."
    )
    assert published(text).value is None


def test_history_mentioned_repeatedly_is_still_no_date() -> None:
    text = "Everest was first climbed in 1953. Climbers in 1953 carried heavy oxygen tanks."
    assert published(text).value is None


def test_as_of_a_date() -> None:
    guess = published("As of 3 March 2023, 40 people had died. The clashes of 2021 were worse.")
    assert (guess.value, guess.basis) == ("2023-03-03", "inferred")


def test_partial_dates_dated_by_the_collection_and_the_weekdays_named() -> None:
    """News writes the year only of other years: dates without one, their year from the
    collection, are the text's own; the weekdays it names are the days of its own week."""
    text = "Clashes on March 6 left two dead. Talks on March 9 failed. Police withdrew on Saturday."
    guess = published(text, {(3, 6): 2023, (3, 9): 2023})
    assert (guess.value, guess.granularity) == ("2023-03-11", "day")  # the Saturday after
    assert published(text).value is None  # no collection: nothing gives the year


def test_dates_given_the_guessed_year_are_no_evidence_for_it() -> None:
    """A text dated to a year by a full date it reports, whose dates without a year took their
    year from the collection: those dates, placed in the guessed year, must not move the guess
    to a day of that year's December (appending a dated line to a December story did)."""
    text = (
        "Strike spreads\n\nWorkers walked out on December 7.\n\nPolice arrested leaders on "
        "Tuesday and Thursday.\n\nThe ministry called it a crime.\n\nUnions will hold "
        "new votes in 2024.\n\n30 January 2023\n"
    )
    anchors = Anchors({(12, 7): 2022}, date(2023, 1, 6), None)
    document, extract = analyse(parse_document("d", "d.txt", text), anchors)
    assert document.published_basis == "inferred"
    assert document.published is not None and not document.published.startswith("2023-12")
    assert document.published == "2023"  # what its evidence reaches: a year, not a day
    december = [row[3] for row in extract.dates if row[2] == "December 7"]
    assert december == ["2023-12-07"]  # in the document's year, as a year-dated one reads it


def test_later_years_reported_weigh_against_an_earlier_one() -> None:
    text = "Sales in 2004 rose. Costs in 2004 fell. Rates rose in 2006. The firm will grow in 2005."
    assert published(text).value is None  # reported after what it looks forward to: no bounds


# -- relative dates follow only as much of the date as is known ---------------------------


def test_relative_dates_stay_unresolved_against_a_year_or_a_month() -> None:
    text = "He resigned on Friday. Talks on December 7 failed. This year was hard."
    by_day = {m.text: m.value for m in tag(text, date(2004, 5, 14))}
    assert by_day["on Friday"] == "2004-05-14" and by_day["This year"] == "2004"
    by_year = {m.text: m.value for m in tag(text, date(2004, 1, 1), precision=YEAR)}
    assert "on Friday" not in by_year  # which Friday of 2004 is unknown
    assert by_year["December 7"] == "2004-12-07"  # in its year, not the nearest December
    assert by_year["This year"] == "2004"
    by_month = {m.text for m in tag("He resigned yesterday.", date(2004, 5, 1), precision="month")}
    assert by_month == set()


def test_an_undated_document_keeps_its_relative_dates_unresolved() -> None:
    text = "Shop sales\n\nThe minister resigned on Friday. Shops closed yesterday.\n"
    document, extract = analyse(parse_document("d", "d.txt", text), Anchors())
    assert (document.published, document.published_basis) == (None, "none")
    # Kept as "date unknown" (no value), never placed.
    assert [(row[2], row[3], row[4]) for row in extract.dates] == [
        ("on Friday", "", "unresolved"),
        ("yesterday", "", "unresolved"),
    ]
    yearly = (
        "Shop sales\n\nThe minister resigned on Friday. Sales rose in 2004, the firm said. "
        "Profits in 2004 doubled. The firm will open shops in 2005.\n"
    )
    document, extract = analyse(parse_document("d", "d.txt", yearly), Anchors())
    assert (document.published, document.published_basis) == ("2004", "inferred")
    assert document.published_confidence is not None and document.published_confidence >= 0.5
    assert [row[3:5] for row in extract.dates if row[2] == "on Friday"] == [["", "unresolved"]]


def test_the_cli_says_undated_with_a_hint_and_an_inferred_date_with_its_confidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from index.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "crash.txt").write_text(
        "Markets\n\nMarkets fell throughout 2001 and 2002. The damage of 2001 lasted.\n"
    )
    (corpus / "sales.txt").write_text(
        "Sales\n\nSales rose in 2004, the firm said. Profits in 2004 doubled. "
        "The firm will open ten shops in 2005.\n"
    )
    common = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    assert main(["index", *common]) == 0
    capsys.readouterr()
    assert main(["show", "crash", *common]) == 0
    byline = capsys.readouterr().out.splitlines()[1]
    assert byline == "undated — 2001–2002 from the years it mentions"
    assert main(["show", "sales", *common]) == 0
    byline = capsys.readouterr().out.splitlines()[1]
    assert byline.startswith("2004 (inferred, confidence 0.")
    assert main(["docs", *common]) == 0
    listed = dict(line.split("\t")[:2] for line in capsys.readouterr().out.splitlines())
    assert listed == {"crash": "undated", "sales": "2004~"}


def test_a_dateline_and_front_matter_that_disagree_are_both_shown_and_yesterday_follows_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from index.cli import main
    from tui.render import date_basis

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pass.md").write_text(
        "---\ndate: 2019-03-04\n---\nFloods close the pass\n\nWednesday, March 6, 2019\n\n"
        "Yesterday the river rose.\n"
    )
    common = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    assert main(["index", *common]) == 0
    capsys.readouterr()
    assert main(["show", "pass", *common]) == 0
    byline = capsys.readouterr().out.splitlines()[1]
    assert byline == "2019-03-06 (stated; front matter says 2019-03-04)"
    assert main(["timeline", *common, "--json"]) in (0, 1)
    mentions = json.loads(capsys.readouterr().out)["mentions"]
    assert [(m["text"], m["value"]) for m in mentions if m["text"] == "Yesterday"] == [
        ("Yesterday", "2019-03-05")
    ]
    document = parse_document(
        "d", "d.md", "Floods\n\nWednesday, March 6, 2019\n\nText.", {"date": "2019-03-04"}, True
    )
    assert date_basis(document) == "2019-03-06 (stated; front matter says 2019-03-04)"


def test_the_timeline_marks_the_dates_counted_from_an_inferred_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "Last year" in a document dated 2004 only by what its text reports is 2003 as far as
    that guess goes: marked ~ like the guess, unlike the years the text writes and the dates
    counted from them."""
    from index.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "mill.txt").write_text(
        "Mill\n\nSales rose in 2004, the firm said. Profits in 2004 doubled, and last year the "
        "mill lost money. In 1998 it shut a plant, and that year it cut 40 jobs. The firm will "
        "open ten shops in 2005.\n"
    )
    (corpus / "port.txt").write_text("Port\n\nPublished: 6 January 2023\n\nLast year was calm.\n")
    common = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    assert main(["index", *common]) == 0
    capsys.readouterr()
    assert main(["timeline", *common]) == 0
    out, err = capsys.readouterr()
    rows = {(line.split()[0], line.split()[1]) for line in out.splitlines() if "  " in line}
    assert ("2003~", "mill") in rows  # last year
    assert {("2004", "mill"), ("1998", "mill"), ("2005", "mill"), ("2022", "port")} <= rows
    assert sum(1 for line in out.splitlines() if line.startswith("1998 ")) == 2  # that year
    assert "quipu: 1 date marked ~ counted from a publication date inferred" in err


def test_the_timeline_and_date_filters_say_how_many_documents_they_cannot_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from index.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dated.txt").write_text("Dated\n\nPublished: 6 January 2023\n\nTalks on Friday.\n")
    (corpus / "loose.txt").write_text("Loose\n\nThe talks on Friday failed. Strikes followed.\n")
    common = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    assert main(["index", *common]) == 0
    capsys.readouterr()
    assert main(["timeline", *common]) == 0
    out, err = capsys.readouterr()
    placed = [line for line in out.splitlines() if not line.startswith("date unknown")]
    assert "2023-01-06" in out and all("loose" not in line for line in placed)
    # Its Friday is not placed: listed as such, counted on stderr.
    assert "date unknown            loose  on Friday — date unknown: The talks on Friday" in out
    assert "1 of 2 documents undated; 1 relative date not placed" in err
    # The exports list it too: no value, granularity "unresolved".
    assert main(["timeline", "--jsonl", *common]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["doc"], r["value"], r["granularity"]) for r in rows if r["doc"] == "loose"] == [
        ("loose", None, "unresolved")
    ]
    assert main(["timeline", "--csv", *common]) == 0
    loose = [row for row in csv.reader(io.StringIO(capsys.readouterr().out)) if row[0] == "loose"]
    assert [row[:4] for row in loose] == [["loose", "", "unresolved", "on Friday"]]
    assert main(["search", "mentions:2023-01-06", *common]) == 0
    out, err = capsys.readouterr()
    assert "dated" in out and "loose" not in out
    assert "quipu: 1 relative date in 1 document not placed by mentions:" in err
    assert main(["search", "talks", "--from", "2023-01-01", *common]) == 0
    out, err = capsys.readouterr()
    assert "dated" in out and "loose" not in out
    assert "1 undated matching document left out by --from/--to" in err
    assert main(["search", "talks", *common]) == 0
    assert capsys.readouterr().err == ""


# -- the collection prior ----------------------------------------------------------------------

SALES = (
    "Shop sales\n\nSales rose in 2004, the firm said. Profits in 2004 doubled. "
    "The firm will open shops in 2005.\n"
)
STATING = {
    f"bulletin{n}.txt": f"Bulletin {n}\n\nPublished: {day} January 2023\n\nThe port reopened.\n"
    for n, day in ((1, 6), (2, 13), (3, 20))
}


def test_an_inferred_date_far_outside_the_collections_dated_years_is_undated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from index.api import Collection
    from index.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sales.txt").write_text(SALES)
    collection = Collection(corpus, tmp_path / "ix")
    collection.update()
    alone = collection.document("sales")
    assert (alone.published, alone.published_basis) == ("2004", "inferred")  # no prior yet

    for name, text in STATING.items():
        (corpus / name).write_text(text)
    collection.update()  # the collection now states 2023: 2004 is a year its text talks about
    sales = collection.document("sales")
    assert (sales.published, sales.published_basis) == (None, "none")
    assert sales.published_hint == (
        "2004 from its text, outside the 2023 of the documents that state their date"
    )
    clean = Collection(corpus, tmp_path / "clean")
    clean.update()
    assert clean.documents() == collection.documents()  # the update equals a clean build

    (corpus / "sales.txt").write_text(SALES.replace("2004", "2022").replace("2005", "2023"))
    collection.update()
    near = collection.document("sales")
    assert (near.published, near.published_basis) == ("2022", "inferred")  # within a year

    only_inferred = tmp_path / "inferred"
    only_inferred.mkdir()
    for n in range(3):
        (only_inferred / f"s{n}.txt").write_text(SALES)
    where = ["--corpus", str(only_inferred), "--index-dir", str(tmp_path / "ix3")]
    assert main(["docs", *where]) == 0
    err = capsys.readouterr().err
    assert err == (
        "quipu: no document states its date (in its text, metadata or file name): 3 of 3"
        " documents dated from their text alone, none checked against the collection's"
        " (quipu date DOC VALUE states one)\n"
    )


def test_a_year_guessed_from_the_collection_needs_a_year_the_text_writes_near_it() -> None:
    """The collection's dated documents may be of another time than its undated ones (wires of
    1998 beside a newspaper's of 1989): month-days whose year only the collection's typical date
    gives date a document only when a year its text writes is within a year of it."""
    anchors = Anchors({}, date(1998, 3, 1), (1998, 1998))
    older = (
        "Profit falls\n\nThe company said on Sept. 30 that profit fell. It earned $5 million in "
        "fiscal 1989, and its shares fell on Oct. 13.\n"
    )
    document, _ = analyse(parse_document("a", "a.txt", older), anchors)
    assert document.published is None  # not 1997, from "Sept. 30" and "Oct. 13" alone
    recent = older.replace("fiscal 1989", "fiscal 1997")
    document, _ = analyse(parse_document("b", "b.txt", recent), anchors)
    assert document.published is not None and document.published.startswith("1997")


def test_a_collection_of_many_times_gives_no_typical_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Biographies written 2002 to 2009 beside news of 2023: their median date (2009) is no
    year for an undated report's "January 24", even where its text recalls a coup of 2009."""
    from index.cli import main

    corpus = tmp_path / "mixed"
    corpus.mkdir()
    for name, day in (
        ("bio1", "2002-03-30"),
        ("bio2", "2003-11-08"),
        ("bio3", "2009-09-07"),
        ("news1", "2023-01-06"),
        ("news2", "2023-02-10"),
    ):
        (corpus / f"{name}.txt").write_text(f"---\ndate: {day}\n---\nA life.\n\nHe was born.\n")
    (corpus / "report.txt").write_text(
        "Marchers reach the capital\n\nThousands marched on January 24, police said. The army"
        " fired on them on January 21. Her husband was deposed in a coup in 2009.\n"
    )
    assert main(["docs", "--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]) == 0
    rows = dict(line.split("\t")[:2] for line in capsys.readouterr().out.splitlines())
    assert rows["report"] == "undated"
    assert rows["bio3"] == "2009-09-07"
