"""The TempEval-3 scorer reads TimeML as TE3 writes it and scores and groups what it should."""

from __future__ import annotations

from pathlib import Path

from bench.tempeval_values import (
    KINDS,
    Article,
    Found,
    Timex,
    cause,
    range_ends,
    read_article,
    same_value,
    score,
    timeml_value,
)

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22,
2013</TIMEX3></DCT>
<TITLE>Port reopens</TITLE>
<TEXT>
The port reopened <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>. It closed in
<TIMEX3 tid="t3" type="DATE" value="2013-03">March</TIMEX3>. It is busy
<TIMEX3 tid="t4" type="DATE" value="PRESENT_REF">now</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_an_article_and_its_gold_expressions(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    article = read_article(tmp_path / "a.tml")
    assert article is not None and article.dct == "2013-03-22"
    assert article.text.startswith("Port reopens\n\nThe port reopened Friday")
    assert [(article.text[t.start : t.end], t.value) for t in article.gold] == [
        ("Friday", "2013-03-22"),
        ("two weeks", "P2W"),
        ("March", "2013-03"),
        ("now", "PRESENT_REF"),
    ]


def test_values_in_timemls_form() -> None:
    assert timeml_value("2013-03-18/2013-03-24") == "2013-W12"
    assert timeml_value("2013-03-16/2013-03-17") == "2013-W11-WE"
    assert timeml_value("1990/1999") == "199"
    assert timeml_value("2012-06/2012-08") == "2012-SU"
    assert same_value("1968-XX") == "1968" and same_value("1998-10-XX") == "1998-10"
    assert same_value("199X") == "199" and same_value("2000-W7") == "2000-W07"
    assert same_value("PRESENT_REF") == "PRESENT_REF"


def test_misses_grouped_by_cause(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    article = read_article(tmp_path / "a.tml")
    assert article is not None
    text = article.text
    friday, march = text.index("Friday"), text.index("March")
    found = [
        Found(friday, friday + 6, "Friday", "2013-03-29"),  # the wrong Friday
        Found(march, march + 5, "March", "2013-03"),
        Found(2, 6, "rt r", "2001"),  # in no gold expression
    ]
    report = score([article], {article.name: {"published": None, "found": found}})
    assert report["DATE"]["value"]["precision"] == 0.333  # March: right, of 3 found
    assert set(report["misses"]) == {
        "wrong value: other",
        "not tagged: duration (quipu tags points in time)",
        "not tagged: now/recently/the past (PRESENT_REF, PAST_REF)",
        "extra: a date the gold does not mark",
    }
    assert cause(article.gold[0], None, unplaced=True).startswith("unresolved")


def test_a_range_of_two_written_years_is_scored_as_its_two_ends() -> None:
    text = "fought between 1994 and 1997, then in 1957-58 and 2009–2010"
    between = text.index("between")
    ends = range_ends(Found(between, between + 21, "between 1994 and 1997", "1994/1997"))
    assert [(text[f.start : f.end], f.value) for f in ends] == [("1994", "1994"), ("1997", "1997")]
    short = text.index("1957")
    ends = range_ends(Found(short, short + 7, "1957-58", "1957/1958"))
    assert [(text[f.start : f.end], f.value) for f in ends] == [("1957", "1957"), ("58", "1958")]
    decade = Found(0, 9, "the 1990s", "199")
    assert range_ends(decade) == [decade]


def test_a_range_of_days_written_with_both_ends_is_scored_as_its_two_ends() -> None:
    text = "held on April 24 and 25, and from 6 to 9 January, in mid-March"
    at = text.index("April")
    ends = range_ends(Found(at, at + 15, "April 24 and 25", "1999-04-24/1999-04-25"))
    assert [(text[f.start : f.end], f.value) for f in ends] == [
        ("April 24", "1999-04-24"),
        ("25", "1999-04-25"),
    ]
    at = text.index("6 to")
    ends = range_ends(Found(at, at + 14, "6 to 9 January", "2000-01-06/2000-01-09"))
    assert [(text[f.start : f.end], f.value) for f in ends] == [
        ("6", "2000-01-06"),
        ("9 January", "2000-01-09"),
    ]
    # "mid-March" writes no two days: one date.
    middle = Found(text.index("mid"), len(text), "mid-March", "2000-03-11/2000-03-20")
    assert range_ends(middle) == [middle]


def test_by_day_reads_a_time_as_its_day_and_the_date_ceiling_is_reported(tmp_path: Path) -> None:
    text = "It sank Friday afternoon, and is calm now."
    gold = (
        Timex(8, 24, "Friday afternoon", "TIME", "2013-03-22TAF"),
        Timex(38, 41, "now", "DATE", "PRESENT_REF"),
    )
    article = Article("a", "2013-03-22", text, gold)
    found = [Found(8, 14, "Friday", "2013-03-22")]
    report = score([article], {"a": {"published": "2013-03-22", "found": found}})
    assert report["all"]["value"]["f1"] == 0.0  # TempEval-3's: a time given as its day is wrong
    assert report["by_day"]["value"]["f1"] == 1.0  # read by its day, the now left out
    # One DATE, a reference: a tagger leaving references out reaches no DATE at all.
    assert report["DATE"]["best_without_references"] == 0.0
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    article = read_article(tmp_path / "a.tml")
    assert article is not None
    report = score([article], {article.name: {"published": None, "found": []}})
    assert set(KINDS) <= set(report)
    assert report["DATE"]["best_without_references"] == 0.8  # 2 of 3 DATEs: R 2/3, P 1
