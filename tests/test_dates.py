"""The temporal tagger on sentences written for these tests (none from seeds/)."""

from __future__ import annotations

import json
import random
import re
from datetime import date
from pathlib import Path

import pytest

from conftest import f1_score
from index.extract.dates import expressions, tag, unresolved

JAN_2023 = date(2023, 1, 12)  # a Thursday


def values(text: str, reference: date | None = JAN_2023) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.granularity) for m in tag(text, reference)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The dam burst on November 3.", ("November 3", "2022-11-03", "day")),
        ("The dam burst on 3 November.", ("3 November", "2022-11-03", "day")),
        ("It was signed on 14 March 2021 in Lima.", ("14 March 2021", "2021-03-14", "day")),
        ("The talks of October 2022 failed.", ("October 2022", "2022-10", "month")),
        ("He took office in July 2021.", ("July 2021", "2021-07", "month")),
        ("Prices had doubled by 2019.", ("2019", "2019", "year")),
        ("The general resigned on Tuesday.", ("on Tuesday", "2023-01-10", "day")),
        ("Thursday brought more marches.", ("Thursday", "2023-01-12", "day")),
        ("The vote will take place on Monday.", ("on Monday", "2023-01-16", "day")),
        ("Roads were blocked this week.", ("this week", "2023-01-09/2023-01-15", "range")),
        (
            "Fuel ran out at the start of the month.",
            ("the start of the month", "2023-01-01/2023-01-10", "range"),
        ),
        ("Fireworks marked New Year in the capital.", ("New Year", "2023-01-01", "day")),
        ("Under his rule (1990-2000) thousands vanished.", ("1990-2000", "1990/2000", "range")),
        (
            "Issue 31, April/May 2023, is out.",
            ("April/May 2023", "2023-04/2023-05", "range"),
        ),
        ("The strike began in December.", ("December", "2022-12", "month")),
    ],
)
def test_each_kind_of_expression(sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in values(sentence)


MARCH_2013 = date(2013, 3, 22)  # a Friday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A future word in another clause does not push a reported day forward.
        ("The bank cut rates on Wednesday, and promised more.", ("on Wednesday", "2013-03-20")),
        ("There may be more, the agency said Friday.", ("Friday", "2013-03-22")),
        ("Officials said Friday they will meet again.", ("Friday", "2013-03-22")),
        ("The vote will take place on Monday.", ("on Monday", "2013-03-25")),
        # The previous one, not the nearest.
        ("He was arrested last July.", ("last July", "2012-07")),
        ("The plant closed last March.", ("last March", "2012-03")),
        ("In July the plant closed.", ("July", "2012-07")),  # told in the past: the last July
        ("In July the plant will close.", ("July", "2013-07")),
        ("Prices fell two years ago.", ("two years ago", "2011")),
        ("It opened 3 days ago.", ("3 days ago", "2013-03-19")),
        # "the" of an ordinal day is the day's own, not a thing the date names
        ("On the 10th of May they met.", ("10th of May", "2012-05-10")),
        ("The May 10 meeting was tense.", ("May 10", "2013-05-10")),
        # counts in words past twelve, whole ("five years ago" of "Twenty-five" is wrong)
        ("Seventeen years ago, the plant closed.", ("Seventeen years ago", "1996")),
        ("The mine shut twenty-five years ago.", ("twenty-five years ago", "1988")),
        ("The mine shut Twenty five years ago.", ("Twenty five years ago", "1988")),
        ("Sales fell last summer.", ("last summer", "2012-06/2012-08")),
        ("This past week marked the opening.", ("This past week", "2013-03-11/2013-03-17")),
        ("On Saturday Mr Blair said he would stay.", ("On Saturday", "2013-03-16")),
        ("On Sunday Morning the bells rang.", ("On Sunday", "2013-03-17")),
        ("The Friday meeting was cancelled.", ("Friday", "2013-03-22")),
        ("The fair ran throughout the weekend.", ("the weekend", "2013-03-16/2013-03-17")),
        ("Last winter was mild.", ("Last winter", "2012-12/2013-02")),
        ("In the summer of 2019 it flooded.", ("the summer of 2019", "2019-06/2019-08")),
        ("It was built in the 20th century.", ("the 20th century", "1900/1999")),
        ("Back in the '90s it was cheap.", ("the '90s", "1990/1999")),
        ("It peaked in ’91, then fell.", ("’91", "1991")),
        # Spanish and Portuguese full dates, and a partial one taking the nearest year.
        ("El 7 de diciembre de 2022 fue detenido.", ("7 de diciembre de 2022", "2022-12-07")),
        ("Em 8 de janeiro de 2023 houve ataques.", ("8 de janeiro de 2023", "2023-01-08")),
        ("Desde el 7 de diciembre hay protestas.", ("7 de diciembre", "2012-12-07")),
    ],
)
def test_forms_real_news_writes(sentence: str, expected: tuple[str, str]) -> None:
    assert expected in [(m.text, m.value) for m in tag(sentence, MARCH_2013)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The verb nearest the date tells its side of the document's day, not a future word
        # of another verb: a past Friday, the last July.
        ("The agency on Friday announced it will close ten offices.", ("on Friday", "2013-03-22")),
        ("The workers were fired from the mill in July.", ("July", "2012-07")),
        ("The market closed Wednesday, and traders will wait.", ("Wednesday", "2013-03-20")),
        # A future verb or a plan: the next one, and a weekday that is the document's own
        # day is that day.
        ("The council will vote on Tuesday.", ("on Tuesday", "2013-03-26")),
        ("The minister will speak on Friday.", ("on Friday", "2013-03-22")),
        (
            "Protesters planned a march on Saturday and were planning more.",
            ("on Saturday", "2013-03-23"),
        ),
        # An auxiliary before the date outweighs an "-ed" that may be an adjective.
        ("The bank will redeem its preferred shares on January 31.", ("January 31", "2014-01-31")),
        # Neither way: a present tense, a limit, a weekday's possessive: the nearest one.
        ("The firm said it is calling the bonds on April 7.", ("April 7", "2013-04-07")),
        ("The offer was extended to April 20.", ("April 20", "2013-04-20")),
        ("The senator promised a vote by February.", ("February", "2014-02")),
        ("Officials gave no reason for the April 2 deadline.", ("April 2", "2013-04-02")),
        ("Wednesday's ruling will be appealed.", ("Wednesday", "2013-03-20")),
        # A modal, "as early as", a delay: later; a date opening its sentence takes the verb
        # of the clause after it.
        ("The envoy might arrive as soon as Tuesday.", ("Tuesday", "2013-03-26")),
        ("The court postponed until Monday its ruling.", ("Monday", "2013-03-25")),
        ("On Tuesday, the union plans to strike.", ("On Tuesday", "2013-03-26")),
        ("On Tuesday, the union planned to strike.", ("On Tuesday", "2013-03-19")),
        # A date naming a thing ("the Feb. 23 accord") and a planning adjective take none.
        (
            "Visits could only follow the March 26 accord signed by both.",
            ("March 26", "2013-03-26"),
        ),
        ("On Monday, the hastily planned trip began.", ("On Monday", "2013-03-18")),
        # A quotation closed with '' ends its sentence: its future verb is not this one's.
        ("``They will fight in the spring.'' Sales fell in December.", ("December", "2012-12")),
        # "is to" + a verb is a plan; "next to" is a place, not a time.
        ("The ferry is to sail again on Tuesday.", ("on Tuesday", "2013-03-26")),
        ("Talks are to resume Monday in Geneva.", ("Monday", "2013-03-25")),
        ("A shell landed next to the school on Tuesday.", ("on Tuesday", "2013-03-19")),
        # A plan told in the past perfect was made before, and mostly changed: the nearest day,
        # not the next one ("had been due to end Friday", written on a Friday: that day).
        ("The truce had been due to end on Wednesday.", ("on Wednesday", "2013-03-20")),
        ("The offer had been set to expire April 2.", ("April 2", "2013-04-02")),
        # "due to" a cause is no plan; "is due to" a verb is. A time's colon ends no clause.
        ("The shop is due to reopen on Monday.", ("on Monday", "2013-03-25")),
        ("The ferry sank on Tuesday due to a storm.", ("on Tuesday", "2013-03-19")),
        ("The race was halted on Sunday due to heavy rain.", ("on Sunday", "2013-03-17")),
        ("Stars due to attend the gala on Monday arrived.", ("on Monday", "2013-03-25")),
        ("The board is also due to name a chief in July.", ("July", "2013-07")),
        ("The final was delayed until 18:30 GMT Sunday by fog.", ("Sunday", "2013-03-24")),
    ],
)
def test_the_tense_of_the_nearest_verb_places_a_date_before_or_after_the_document(
    sentence: str, expected: tuple[str, str]
) -> None:
    assert expected in [(m.text, m.value) for m in tag(sentence, MARCH_2013)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Quarters and halves: a year's months, the latest begun without a year.
        ("Profit rose in the third quarter.", ("the third quarter", "2012-07/2012-09")),
        ("The firm posted a first-quarter loss.", ("first-quarter", "2013-01/2013-03")),
        (
            "Sales fell in the fourth quarter of 2011.",
            ("the fourth quarter of 2011", "2011-10/2011-12"),
        ),
        (
            "In the year-ago second quarter it lost money.",
            ("the year-ago second quarter", "2011-04/2011-06"),
        ),
        ("Next year's first quarter looks weak.", ("Next year's first quarter", "2014-01/2014-03")),
        ("Output grew in the first half of 2010.", ("the first half of 2010", "2010-01/2010-06")),
        # A month with "this/last/next year"; a part of a year; decades ago.
        ("Talks began in February this year.", ("February this year", "2013-02")),
        ("The plant opens in April next year.", ("April next year", "2014-04")),
        ("The group split in mid-1996.", ("mid-1996", "1996-05/1996-08")),
        ("The wall fell two decades ago.", ("two decades ago", "1993")),
    ],
)
def test_quarters_halves_and_parts_of_years(sentence: str, expected: tuple[str, str]) -> None:
    assert expected in [(m.text, m.value) for m in tag(sentence, MARCH_2013)]


def test_a_half_or_quarter_of_a_match_is_no_date() -> None:
    assert tag("Keane scored a first-half goal.", MARCH_2013) == []
    assert tag("The Reds led in the third quarter, 21-14.", MARCH_2013) == []
    profit = tag("Profits rose 5% in the second half.", MARCH_2013)
    assert [(m.text, m.value) for m in profit] == [("the second half", "2012-07/2012-12")]


def test_a_quarter_without_a_year_waits_for_the_documents_date() -> None:
    assert tag("Profit rose in the third quarter.") == []
    assert [
        m.value
        for m in tag("Profit rose in the third quarter.", date(2013, 1, 1), precision="year")
    ] == ["2013-07/2013-09"]


def test_numeric_dates_are_read_as_the_document_writes_them_or_not_at_all() -> None:
    def read(text: str) -> list[tuple[str, str]]:
        return [(m.text, m.value) for m in tag(text, MARCH_2013)]

    # One that can be read one way only tells the document's order.
    assert read("Filed 31/01/2023; the hearing is on 05/02/2023.") == [
        ("31/01/2023", "2023-01-31"),
        ("05/02/2023", "2023-02-05"),
    ]
    assert read("Filed 01/31/2023; the hearing is on 05/02/2023.") == [
        ("01/31/2023", "2023-01-31"),
        ("05/02/2023", "2023-05-02"),
    ]
    assert read("Signed 06.01.2023 in Bern.") == [("06.01.2023", "2023-01-06")]  # dotted
    assert read("Due 12/12/23.") == [("12/12/23", "2023-12-12")]
    # Alone, or where the document writes both orders: ambiguous, not read, but listed.
    text = "The hearing is on 05/06/2023."
    assert read(text) == []
    found = expressions(text)
    assert [text[e.start : e.end] for e in unresolved(text, found, tag(text, MARCH_2013))] == [
        "05/06/2023"
    ]
    assert read("Paid 31/01/2023 and 01/30/2023; due 05/06/2023.")[-1][0] != "05/06/2023"
    # Not dates: scores, versions, a month/day without a year.
    assert read("It ended 3/4/5 in version 1.2.3 on 12/31.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("El martes, la policía detuvo a tres dirigentes.", [("martes", "2013-03-19")]),
        ("El próximo lunes habrá elecciones.", [("próximo lunes", "2013-03-25")]),
        ("Se reunieron el jueves pasado.", [("jueves pasado", "2013-03-21")]),
        ("Las protestas comenzaron en enero.", [("enero", "2013-01")]),
        ("Desde diciembre hay protestas en el sur.", [("diciembre", "2012-12")]),
        ("Em março de 2021 houve greves.", [("março de 2021", "2021-03")]),
        ("Ayer hubo enfrentamientos en Lima.", [("Ayer", "2013-03-21")]),
        (
            "Na sexta-feira, o governo anunciou cortes para a saúde.",
            [("sexta-feira", "2013-03-22")],
        ),
        # Names, not dates.
        ("Doctors at the Mayo Clinic met Julio Iglesias.", []),
    ],
)
def test_spanish_and_portuguese_weekdays_months_and_yesterday(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.value) for m in tag(sentence, MARCH_2013)] == expected


def test_the_day_before_or_after_counts_from_the_date_just_mentioned() -> None:
    def read(text: str) -> list[tuple[str, str]]:
        return [(m.text, m.value) for m in tag(text, MARCH_2013)]

    assert read("Police arrested him on March 12. The day before, he had fled.") == [
        ("March 12", "2013-03-12"),
        ("The day before", "2013-03-11"),
    ]
    assert read("He left on Monday and came back the day after.")[-1] == (
        "the day after",
        "2013-03-19",
    )
    # Before a noun it counts from that, which is no date: not placed.
    assert read("He left on Monday, the day before the vote.") == [("on Monday", "2013-03-18")]
    assert read("The day before, he had fled.") == []  # no date mentioned before it


def test_the_next_day_counts_from_the_date_just_mentioned_never_from_a_guess() -> None:
    text = (
        "On 7 December 2022 Castillo was arrested. The next day Boluarte was sworn in. "
        "Two weeks later the curfew ended. That year was hard. A year later it was calm."
    )
    for reference in (MARCH_2013, None):  # the document's own date plays no part
        assert [(m.text, m.value) for m in tag(text, reference)][1:] == [
            ("The next day", "2022-12-08"),
            ("Two weeks later", "2022-12-19/2022-12-25"),
            ("That year", "2022"),
            ("A year later", "2023"),
        ]
    # After a date that cannot be placed, what counts from it cannot either.
    loose = "On Friday the minister resigned. The next day his deputy followed."
    assert tag(loose) == [] and tag("The same day, police fired.", MARCH_2013) == []


def test_no_value_outside_the_calendar_and_no_count_inside_a_number() -> None:
    assert tag("Rome in the 1st century and 300 years ago.", date(200, 1, 1)) == []
    assert [m.text for m in tag("Some 2,000 years ago it was a lake.", MARCH_2013)] == []
    assert [m.value for m in tag("It was 2 years ago.", date(1, 6, 1))] == []


def test_relative_forms_wait_for_a_known_month_or_day() -> None:
    year_only = [
        (m.text, m.value)
        for m in tag("Last summer and two years ago, on Friday.", MARCH_2013, precision="year")
    ]
    assert year_only == [("two years ago", "2011")]  # a year is enough for years
    assert tag("He was arrested last July.", MARCH_2013, precision="year") == []


def test_a_month_day_of_a_document_known_to_its_month_is_of_that_month() -> None:
    # A document dated "2022-08" (front matter, an inferred month) stands for all of August:
    # its past "on 12 August" is that August, not the year before; other months keep the tense.
    august = date(2022, 8, 1)

    def values(text: str) -> list[str]:
        return [m.value for m in tag(text, august, precision="month")]

    assert values("On 12 August, thousands joined the vigil.") == ["2022-08-12"]
    assert values("The vigil will be held on 12 August.") == ["2022-08-12"]
    assert values("Police said he was arrested on 20 September.") == ["2021-09-20"]
    assert values("The trial will open on 3 July.") == ["2023-07-03"]
    # known to the day, the tense still bounds it: reported on 1 August, "12 August" is past
    assert [m.value for m in tag("On 12 August, thousands joined the vigil.", august)] == [
        "2021-08-12"
    ]


def test_a_day_or_two_on_the_wrong_side_of_the_tense_is_a_late_date_not_a_year_away() -> None:
    # A report dated a day after a deadline it still looks forward to (a wire filed overnight)
    # means that deadline, not the same day a year on; a week is another year's.
    dated = date(2000, 1, 15)

    def values(text: str) -> list[str]:
        return [m.value for m in tag(text, dated)]

    assert values("The agency will repatriate the child by Jan. 14.") == ["2000-01-14"]
    assert values("The leaders will meet on 13 January in Brussels.") == ["2000-01-13"]
    assert values("The leaders will meet on 8 January in Brussels.") == ["2001-01-08"]
    assert values("The talks ended on 17 January, officials said.") == ["2000-01-17"]
    assert values("The talks ended on 25 January, officials said.") == ["1999-01-25"]
    assert values("The talks will end on Thursday.") == ["2000-01-20"]  # weekdays: the next


def test_what_holds_now_until_a_date_holds_until_one_to_come() -> None:
    dated = date(2005, 2, 10)  # a Thursday

    def values(text: str) -> list[str]:
        return [m.value for m in tag(text, dated)]

    assert values("The 10-day festival runs until 6 February.") == ["2006-02-06"]
    assert values("The festival, which runs until Sunday, opened with a premiere.") == [
        "2005-02-13"
    ]
    assert values("The offer is valid until 2 February.") == ["2006-02-02"]
    assert values("The ban is extended to January 20.") == ["2006-01-20"]
    # a past clause, a span with its start, "to" as a span's end, an asking: as before
    assert values("The ban was extended to January 20.") == ["2005-01-20"]
    assert values("Viewing is best from the end of March through January.") == [
        "2005-03-21/2005-03-31",
        "2005-01",
    ]
    assert values("Prices rose from December to January.") == ["2004-12", "2005-01"]
    assert values("He asked them to stay until 2 February.") == ["2005-02-02"]


def test_sentence_ends_are_those_of_the_plain_pattern() -> None:
    from index.extract.dates import _BOUNDARY, _PLAIN_BOUNDARY

    plain = re.compile(_PLAIN_BOUNDARY)
    texts = [
        'He left. "Why?!" she asked.\n\n  Then?! x.y Mr. Smith) said.) end.',
        "One.\nTwo\n \t\nThree!!! Four?’ (five.)\nsix...",
        "No end at all",
        "\n\n.\n?!\n",
        "Trailing dots... and ?x and !",
    ]
    for text in texts:
        assert [m.span() for m in _BOUNDARY.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def test_clause_ends_are_those_of_the_plain_pattern() -> None:
    from index.extract.dates import _CLAUSE_END, _PLAIN_CLAUSE_END

    plain = re.compile(_PLAIN_CLAUSE_END)
    texts = [
        "It rose from £263,000 to £275,000, then fell; (a) 1,2, 3 ,4 x,y 5,b a,6 - end: 15:00",
        ",1,,2,",
        "No clause end at all",
    ]
    for text in texts:
        assert [m.span() for m in _CLAUSE_END.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def test_tense_cues_are_those_of_the_plain_pattern() -> None:
    from index.extract.dates import _CUE, _PLAIN_CUE

    plain = re.compile(_PLAIN_CUE)
    texts = [
        "The firm WILL close; it'll reopen, he’ll say, and they're going to sell what was bought.",
        "It is expected to rise; it had been set to expire, and the planned trip was postponed.",
        "Officials said the upcoming vote, due to be held next week, would be delayed.",
        "She is to resume talks after he was fired; prices rose and were cut - as soon as May.",
        "-planned, re-scheduled, 'll, ’ll, x'll, Will Smith wrote and sold it, un-forecast",
        "PLANS TO sell; Expected to close, SCHEDULED for May, Due To Be held, THEY'LL go, wIlL",
        "Set to, Poised to, Intends to, Hopes to, Aims to, Supposed to, Likely to, Gonna, Won't",
        "Upcoming, Coming, Next, Slated, Proposed, Forecasts, Predicts, Promised, Postponed, "
        "Delayed, Adjourned, Deferred, As soon as, As early as, Is to resume, Must, Might, Shall",
    ]
    for text in texts:
        assert [(m.span(), m.lastgroup) for m in _CUE.finditer(text)] == [
            (m.span(), m.lastgroup) for m in plain.finditer(text)
        ], text


def test_the_spaces_before_spanish_and_portuguese_words_are_those_of_the_plain_pattern() -> None:
    from index.extract.dates import _ROMANCE_SPACES, _ROMANCE_WORDS

    words = "|".join(re.escape(word.strip()) for word in _ROMANCE_WORDS)
    plain = re.compile(f" (?=(?:{words}) )")
    for text in [
        " de de la los y el que del  de  y y en una para não uma os com da do las x",
        " the house of el greco, la paz and de gaulle; dell delos la",
        " y  y y de",
    ]:
        assert [m.span() for m in _ROMANCE_SPACES.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def test_an_abbreviation_is_read_whole_before_its_full_stop() -> None:
    from index.extract.dates import sentences

    assert list(sentences("He met Gen. Smith. Then Sept. came.")) == [(0, 18), (19, 35)]
    # a longer word ending as an abbreviation does ("xxsept"), also with a line break before
    # its full stop, ends its sentence
    assert list(sentences("He saw xxsept. Then more.")) == [(0, 14), (15, 25)]
    assert list(sentences("He saw xxsept\n. Then more.")) == [(0, 13), (14, 15), (16, 26)]
    assert list(sentences("He saw Sept\n. Then more.")) == [(0, 11), (12, 24)]


def test_a_hard_wrapped_sentence_is_one_sentence() -> None:
    text = (
        "Roads were shut across the region, and officials said the road would be cleared\n"
        "by Friday.\nA new line\n"
    )
    friday = tag(text, MARCH_2013)[0]
    assert text[friday.sentence[0] : friday.sentence[1]] == text[: text.index("\nA new")]
    titled = "Road report\nRoads were shut on Friday.\n"  # a short line before: a title
    friday = tag(titled, MARCH_2013)[0]
    assert titled[friday.sentence[0] : friday.sentence[1]] == "Roads were shut on Friday."


def test_year_inference_crosses_the_new_year() -> None:
    # "December 7" in an article of January 2023 is in 2022; "January 19" in February is 2023.
    assert values("Since December 7, the roads are shut.")[0][1] == "2022-12-07"
    assert values("The march of January 19 was huge.", date(2023, 2, 10))[0][1] == "2023-01-19"


def test_durations_and_counts_are_not_dates() -> None:
    text = "After 18 months in jail and 16 months of talks, 78 ministers and the 4 Suyos march."
    assert values(text) == []


def test_offsets_and_sentence() -> None:
    text = "Calm returned. Then, on Friday, police fired on the crowd."
    match = tag(text, JAN_2023)[0]
    assert text[match.start : match.end] == match.text == "on Friday"
    assert (
        text[match.sentence[0] : match.sentence[1]] == "Then, on Friday, police fired on the crowd."
    )


def test_partial_dates_without_a_reference_use_the_collection() -> None:
    assert tag("Clashes on March 9 left two dead.") == []  # nothing to anchor the year
    dated = tag("Clashes on March 9 left two dead.", None, {(3, 9): 2021})
    assert dated[0].value == "2021-03-09"
    near = tag("Clashes on March 9 left two dead.", None, fallback=date(2019, 2, 1))
    assert near[0].value == "2019-03-09"


def test_scored_on_an_annotated_sample() -> None:
    """Precision, recall and F1 of normalized values on sentences written for this test."""
    sample = json.loads((Path(__file__).parent / "data" / "dates_sample.json").read_text())
    pairs = [
        (
            {(text, value) for text, value in item["dates"]},
            {(m.text, m.value) for m in tag(item["text"], date.fromisoformat(item["reference"]))},
        )
        for item in sample
    ]
    assert f1_score("dates", pairs) >= 0.8


def test_scan_tries_only_word_starts_yet_finds_what_finditer_finds(tmp_path: Path) -> None:
    """``scan`` skips positions no date can start at; it must miss nothing finditer finds."""
    from bench.corpus import generate
    from index.extract.dates import _scanner, scan

    pieces = [
        "on Monday",
        "last week",
        "the 1990s",
        "between 1990 and 2000",
        "mid-January",
        "early March 2023",
        "December 7",
        "7 December",
        "Dec. 7, 2022",
        "2023-01-19",
        "in February",
        "the end of the month",
        "New Year's Eve",
        "Christmas",
        "yesterday",
        "Today",
        "next month",
        "2021–2022",
        "1999",
        "$2020",
        "12%",
        "January/February 2023",
        "the start of June 2022",
        "Wednesday, January 18",
        "This year",
        "word",
        "Capital",
        "x",
        ",",
        ".",
        "-",
        "  ",
        "(",
        ")",
        "’s",
        "of",
        "and",
        "the",
        "3rd",
        "31st",
        "2O23",
        "Sept",
        "May",
        "last summer",
        "Winter",
        "the '90s",
        "’91",
        "'",
        "the 20th century",
        "In July",
        "two years ago",
        "a week ago",
        "7 de diciembre de 2022",
        "1º de maio",
        "el martes",
        "el próximo lunes",
        "en marzo",
        "desde enero de 2021",
        "na sexta-feira",
        "ayer",
        "Hoy",
        "Easter",
        "last Thanksgiving",
        "Christmas 2016",
        "Easter Island",
        "over the weekend",
        "past weekend",
        "the current fiscal year",
        "1957-58",
        "2009-10",
        "that same day",
        "the next morning",
        "and Jan Kavan",
        "today's youth",
        "the nineties",
        "nineteen ninety-six",
        "the year two thousand",
        "by year-end",
        "year's end",
        "the October killing",
        "December's",
        "over the summer",
        "this past winter",
        "the current year",
    ]
    rng = random.Random(3)
    texts = [" ".join(rng.choice(pieces) for _ in range(25)) for _ in range(400)]
    texts += ["".join(rng.choice(pieces) for _ in range(25)) for _ in range(400)]
    generated = generate(tmp_path / "news", 40)  # the benchmark's news-like documents
    texts += [path.read_text(encoding="utf-8") for path in sorted(generated.rglob("*.txt"))]
    found = 0
    for text in texts:
        for romance in (False, True):
            expected = [(m.lastgroup, m.span()) for m in _scanner("", romance).finditer(text)]
            assert [(m.lastgroup, m.span()) for m in scan(text, romance)] == expected, text
            found += len(expected)
    assert found > 1000


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Holidays: the one a tense or "last/next/this" places, or the year written.
        ("Crowds filled the square on Easter Sunday.", ("Easter Sunday", "2012-04-08")),
        ("Shops will close on Good Friday.", ("Good Friday", "2013-03-29")),
        ("She came home last Thanksgiving.", ("last Thanksgiving", "2012-11-22")),
        ("The film opened at Christmas 2016.", ("Christmas 2016", "2016-12-25")),
        ("Sales doubled around Halloween.", ("Halloween", "2012-10-31")),
        # Weekends: Saturday and Sunday, the one just past unless told of the future.
        ("Talks resumed over the weekend.", ("the weekend", "2013-03-16/2013-03-17")),
        ("The team will play this weekend.", ("this weekend", "2013-03-23/2013-03-24")),
        ("Two roads flooded last weekend.", ("last weekend", "2013-03-16/2013-03-17")),
        # Fiscal years count as the document's year; two-digit year ranges.
        ("The budget is cut this fiscal year.", ("this fiscal year", "2013")),
        ("Revenue fell in the previous fiscal year.", ("the previous fiscal year", "2012")),
        ("The expedition of 1957-58 crossed the ice.", ("1957-58", "1957/1958")),
        ("He coached during the 1998–99 season.", ("1998–99", "1998/1999")),
        # "last February" written in March is a year back: the month just ended is "last month".
        ("Two helicopters crashed last February.", ("last February", "2012-02")),
        ("Two helicopters crashed last January.", ("last January", "2013-01")),
        # A past verb asking for a later act does not put the act's date in the past.
        ("The panel subpoenaed the banker to testify on April 10.", ("April 10", "2013-04-10")),
        # A date opening its sentence takes the first verb after it, clauses away.
        (
            "In May, a week after the vote, a bomb killed a guard.",
            ("May", "2012-05"),
        ),
        # The end of the year in a sentence about the past, written in March: the last one.
        ("Cases peaked by the end of the year.", ("the end of the year", "2012-09/2012-12")),
        # The parts of a day after a date count as its day.
        (
            "He was arrested on March 3. The next morning he was freed.",
            ("The next morning", "2013-03-04"),
        ),
        ("Rain began on March 3. That same day the river rose.", ("That same day", "2013-03-03")),
        # A month naming a thing or a possessive, a season without its year, the year's end,
        # "the current year", years as speech is transcribed.
        ("Police solved the October killing.", ("October", "2012-10")),
        ("Analysts said December's figures were weak.", ("December's", "2012-12")),
        ("Rivals raised prices over the summer.", ("the summer", "2012-06/2012-08")),
        ("Costs fell this past winter.", ("this past winter", "2012-12/2013-02")),
        # Year-end, the accounts' term, is the day the year ends: a deadline, a balance's day,
        # the last one passed after "since"; "around year end" is its December.
        ("The firm will cut 600 jobs by year-end.", ("year-end", "2013-12-31")),
        ("The index has risen 9% since year-end.", ("year-end", "2012-12-31")),
        ("Debt had doubled by year end.", ("year end", "2012-12-31")),
        ("The sale should close around year end.", ("year end", "2013-12")),
        ("Sales should reach $5 million in the current year.", ("current year", "2013")),
        ("In nineteen ninety-six the verdict was overturned.", ("nineteen ninety-six", "1996")),
        (
            "January nineteen ninety-seven. A bomb went off.",
            ("January nineteen ninety-seven", "1997-01"),
        ),
        ("Numbers dropped through the nineties.", ("the nineties", "1990/1999")),
        ("Fears grew as the year two thousand approached.", ("the year two thousand", "2000")),
        # A "today" that reports is the document's day.
        ("The minister said today that talks would go on.", ("today", "2013-03-22")),
        ("Today's meeting was cancelled.", ("Today", "2013-03-22")),
        ("The vote is today.", ("today", "2013-03-22")),
        ("He is today expected to resign.", ("today", "2013-03-22")),
        ("Talks resume today as the deadline nears.", ("today", "2013-03-22")),
        ("Shares fell more today than on any day since 2008.", ("today", "2013-03-22")),
        ("Today, hundreds of pilgrims began to arrive.", ("Today", "2013-03-22")),
        ("Two climbers were still missing today.", ("today", "2013-03-22")),
        ("It became known today that he had resigned.", ("today", "2013-03-22")),
        ("What is today's verdict?", ("today", "2013-03-22")),
        # A period as a heading capitalizes it; "this years" is "this year's" without its
        # apostrophe; "9/11" is a day's name (month first, whatever the text's convention).
        ("Last Year the fair drew 2 million.", ("Last Year", "2012")),
        ("This Week brought rain.", ("This Week", "2013-03-18/2013-03-24")),
        ("The theme of this years carnival is water.", ("this years", "2013")),
        ("Rescuers who worked at the towers after 9/11 fell ill.", ("9/11", "2001-09-11")),
        ("Her 9/11-era poems sold well.", ("9/11", "2001-09-11")),
        ("After 9/11 the rules changed.", ("9/11", "2001-09-11")),
        ("Receipts for the 2012 year were up.", ("2012", "2012")),
        ("About 300 mourners came to a Sunday night vigil.", ("Sunday", "2013-03-17")),
        ("Happy New Year, the mayor told the crowd.", ("New Year", "2013-01-01")),
        # Items of a list without a verb take the tense of the clause that has one.
        (
            "The band will play Oslo in May, Rome in January and Paris in February.",
            ("February", "2014-02"),
        ),
        (
            "The band will play Oslo in May, Rome in January and Paris in February.",
            ("January", "2014-01"),
        ),
        # A list of names before the date does not cut its clause at its commas; a clause of
        # "with" and no verb tells of its sentence's time.
        (
            "Mr Ode, who resigned as chair, treasurer and chief counsel in June, is 70.",
            ("June", "2012-06"),
        ),
        (
            "The museum will lend paintings, drawings and prints in February.",
            ("February", "2014-02"),
        ),
        (
            "The tour will start in Oslo in May, with a last night in Rome in February.",
            ("February", "2014-02"),
        ),
        ("Exports slumped, with the worst month in June.", ("June", "2012-06")),
        # "since" names where a span began: passed, whatever the verb; a conjunction before a
        # date that opens its sentence leaves it opening it; "widely expected" is a forecast.
        ("Prices have risen since May.", ("May", "2012-05")),
        ("It would be the fifth such deal since 20 November.", ("20 November", "2012-11-20")),
        ("But in May, the firm said it had sold the unit.", ("May", "2012-05")),
        ("The poll, widely expected in December, will be close.", ("December", "2013-12")),
        # The comma of a number ends no clause; "came to power" is no plan; a plan's word after
        # a possessive is an adjective, and "than expected" compares; a phrase opening the
        # sentence leaves the verb to the clause after its comma; "over the next year" is the
        # year to come, not the one after the date before.
        ("Duty will rise from £263,000 to £275,000 from February.", ("February", "2014-02")),
        ("Since the party came to power in May, it has cut taxes.", ("May", "2012-05")),
        ("The board rejected the firm's proposed offer in May.", ("May", "2012-05")),
        ("Employers added more jobs than expected in May.", ("May", "2012-05")),
        ("During a stormy game in May, the striker was sent off.", ("May", "2012-05")),
        (
            "At a meeting on Monday, the board agreed with the bank that the sale be postponed.",
            ("on Monday", "2013-03-18"),
        ),
        ("He was elected in 2001. Sales will rise over the next year.", ("next year", "2014")),
        # A period named by its end is no limit; the attacks of "11 September" are 9/11's.
        ("Output fell in the three months to June.", ("June", "2012-06")),
        ("Laws came in after the 11 September attacks.", ("11 September", "2001-09-11")),
        ("The vote will be on 11 September.", ("11 September", "2013-09-11")),
        # A clause of "from" without a verb: a level compared with is passed; a span's start
        # takes its sentence's time.
        ("Loans will rise to 90,000, up from 85,000 in May.", ("May", "2012-05")),
        (
            "The fair will be held at Ely, from 9-10 February.",
            ("9-10 February", "2014-02-09/2014-02-10"),
        ),
        # (not a clause of its own after the comma: it keeps the nearest month)
        (
            "The firm will pay a dividend soon, payable to holders of record in February.",
            ("February", "2013-02"),
        ),
    ],
)
def test_holidays_weekends_fiscal_years_and_more_forms(
    sentence: str, expected: tuple[str, str]
) -> None:
    assert expected in [(m.text, m.value) for m in tag(sentence, MARCH_2013)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Today's young people read less than their parents.",
        "Prices are a burden for today's consumers.",
        "Life in today's Britain is dear.",
        "The chip works faster than anything possible today.",
        "Engineers dream of the cars of tomorrow.",
        "Talks sped up after May's chairman resigned.",  # a firm named May
        "June's lawyers said no.",
        "The book, by Sunday Telegraph journalist Ann Lee, is out.",  # a newspaper
        # "today" compared with another time, or what something is now: the present in general
        "More people cycle today than ever before.",
        "The appeal of the idea is as strong today as it ever was.",
        "How did the company grow to the size it is today?",
        "We are proud of who we are today, she wrote.",
        "She wrote a column for USA Today.",
        # a weekday that is a word of a name: a newspaper, a show
        "He told the Sunday Times that he would go.",
        "The Sunday Telegraph said the plan was dead.",
        "She hosted Saturday Night Live in Lima.",
        "Tourists sailed to Easter Island.",
        "Protesters prayed as Easter week began.",
        "Ministers Janos Martonyi and Jan Kavan signed.",
        "Prices fell in 2009-10 terms.",
        "They marched in the March on Washington.",
        "Nineteen people were hurt.",
        "The summer of love began.",
        # "now", "currently", "recently", "in the past": no day of their own (a reporting
        # "now" is the document's day, which the document's date already shows).
        "Nine senators now lead committees.",
        "Today, most phones have cameras as good as a studio's.",
        "The old console still works today!",
        "He sold me two books which I still own today.",
        "The plan, known today as the L'Enfant Plan, was his.",
        "He walked across what is today Germany.",
        "Today, like many voters, I am an independent.",
        "The chip is currently selling for $250.",
        "In the past, he had always given ground.",
        "Prices rose recently.",
        # any such day, a count of years, another calendar's holiday, a holiday in a name
        "The board meets on a Monday each spring.",
        "Every Tuesday the market fills the square.",
        "The village keeps a 2000-year-old custom.",
        "Olive trees here are over 1800 years old.",
        "Lanterns mark the end of the Chinese New Year holiday.",
        "Orthodox Christmas is marked in Moscow.",
        "The cover is by the painter Jonas Easter and his son.",
        "Fewer than 9/11 of the seats were filled.",
        "Fahrenheit 9/11 won the prize, and critics praised Fahrenheit 9/11 again.",
        'Critics praised "Fahrenheit 9/11" and the sequel (Fahrenheit 11/9).',
        'The envoy said on ABC\'s "This Week" that talks had failed.',
    ],
)
def test_no_date_in_a_generic_today_a_name_or_a_month_number(sentence: str) -> None:
    assert [m.text for m in tag(sentence, MARCH_2013)] == []


def test_a_year_earlier_compares_with_the_period_just_mentioned() -> None:
    text = (
        "Profit rose in the third quarter to $5 million from $4 million a year earlier. "
        "Sales were $9 million, against $8 million a year earlier."
    )
    found = [(m.text, m.value) for m in tag(text, date(1989, 11, 2))]
    assert found == [
        ("the third quarter", "1989-07/1989-09"),
        ("a year earlier", "1988-07/1988-09"),
        ("a year earlier", "1988-07/1988-09"),
    ]


def test_the_quick_hint_test_lets_every_word_it_looks_for_through() -> None:
    from index.extract.dates import _HINT, _hinted

    lowercase = ["7", "year", "week", "month", "today", "yesterday", "tomorrow", "tonight"]
    for word in [*_HINT.pattern.split("|"), *lowercase, "quarter", "decade"]:
        assert _hinted(f"said {word} here"), word
    assert not _hinted("said it here, and all was well")


def test_a_weekday_with_its_month_and_day_is_one_date_in_the_year_it_names() -> None:
    # Written on Sunday 25 October 1998: Monday, Oct. 26 is the next day (a Monday in 1998),
    # though the sentence tells of the past; "on Monday" is not read alone.
    text = "The Times said in an editorial on Monday, Oct. 26: the murder was wrong."
    assert [(m.text, m.value) for m in tag(text, date(1998, 10, 25))] == [
        ("Monday, Oct. 26", "1998-10-26")
    ]
    text = "The doctor was shot on the night of Friday, Oct. 23."
    assert [(m.text, m.value) for m in tag(text, date(1998, 11, 21))] == [
        ("Friday, Oct. 23", "1998-10-23")
    ]


def test_years_written_from_later_to_earlier_are_two_years() -> None:
    text = "Elections were moved from 2026 to 2024, and the 1990-2000 rule ended."
    assert [(m.text, m.value) for m in tag(text, MARCH_2013)] == [
        ("2026", "2026"),
        ("2024", "2024"),
        ("1990-2000", "1990/2000"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A part of the document's day, or of the day before: that day.
        ("Rebels shelled the port last night.", ("last night", "2013-03-21")),
        ("The mayor will speak tonight at the stadium.", ("tonight", "2013-03-22")),
        ("The minister resigned this morning.", ("this morning", "2013-03-22")),
        ("Results are due this afternoon.", ("this afternoon", "2013-03-22")),
        ("Fans gathered outside this evening.", ("this evening", "2013-03-22")),
        ("Late last night, the dam gave way.", ("last night", "2013-03-21")),
    ],
)
def test_tonight_this_morning_and_last_night_are_the_day_they_fall_on(
    sentence: str, expected: tuple[str, str]
) -> None:
    assert [(m.text, m.value) for m in tag(sentence, MARCH_2013)] == [expected]


def test_a_part_of_a_day_in_a_title_or_another_day_is_no_date_of_its_own() -> None:
    assert [m.text for m in tag("She sang on The Tonight Show.", MARCH_2013)] == []
    # "Friday night" is Friday; "yesterday morning" yesterday: one date each.
    text = "He left Friday night, not yesterday morning."
    found = [(m.text, m.value) for m in tag(text, MARCH_2013)]
    assert found == [("Friday", "2013-03-22"), ("yesterday", "2013-03-21")]
    # Without the document's day, "last night" is not placed.
    assert tag("Rebels shelled the port last night.", None) == []


def test_the_quarter_a_report_is_about_and_the_same_quarter_a_year_before() -> None:
    # Written on 2 November 2011, of a quarter ended in September.
    text = (
        "Net income at the brewer rose 8% in the third quarter to $40 million. "
        "In the year-ago quarter it earned $37 million. Sales in the quarter climbed 4%. "
        "The year-earlier results included a gain. The 2010 period had a tax credit. "
        "Costs for the quarter a year ago were lower, and that quarter had a strike. "
        "The quarter-to-quarter change was small. Margins will narrow in the current quarter."
    )
    found = [(m.text, m.value) for m in tag(text, date(2011, 11, 2))]
    assert found == [
        ("the third quarter", "2011-07/2011-09"),
        ("the year-ago quarter", "2010-07/2010-09"),
        ("the quarter", "2011-07/2011-09"),
        ("The year-earlier", "2010-07/2010-09"),
        ("The 2010 period", "2010-07/2010-09"),
        ("the quarter a year ago", "2010-07/2010-09"),
        ("that quarter", "2011-07/2011-09"),
        ("the current quarter", "2011-10/2011-12"),
    ]


def test_a_quarter_with_no_quarter_reported_before_is_placed_only_by_its_end() -> None:
    reference = date(2011, 11, 2)
    # Nothing reported on yet: "the quarter", "the period" are not placed; a period of mourning
    # is no period of accounts; a quarter of a city is no date.
    text = "During the quarter, the firm hired. The period of mourning ended in the old quarter."
    assert tag(text, reference) == []
    # A quarter ending in a month named is the three months up to it, the latest ended.
    text = "For the quarter ended Sept. 30, the chain lost $2 million."
    assert [(m.text, m.value) for m in tag(text, reference)][0] == (
        "the quarter",
        "2011-07/2011-09",
    )
    # A fiscal quarter's months are the company's own: not placed on the calendar's, unless
    # the text says when it ended.
    assert tag("Profit doubled in the fiscal first quarter.", reference) == []
    text = "The grocer lost money in its fourth quarter ended Aug. 27."
    assert [(m.text, m.value) for m in tag(text, reference)][0] == (
        "fourth quarter",
        "2011-06/2011-08",
    )
    # A quarter told of in the future ("will post a fourth-quarter loss") is not the one
    # reported on: "the quarter" after it still needs one.
    text = "The bank will post a fourth-quarter loss. Sales in the quarter fell."
    assert [(m.text, m.value) for m in tag(text, reference)] == [
        ("fourth-quarter", "2011-10/2011-12")
    ]
    # "due to" a cause is not "is due to" happen: the quarter of a loss that cut a dividend
    # is the one reported on.
    text = "It cut its dividend due to a third-quarter loss. Sales in the quarter fell."
    assert [(m.text, m.value) for m in tag(text, reference)] == [
        ("third-quarter", "2011-07/2011-09"),
        ("the quarter", "2011-07/2011-09"),
    ]


def test_a_month_after_for_or_to_and_a_season_beside_a_word_ending_in_ties() -> None:
    reference = date(1998, 2, 6)
    found = [(m.text, m.value) for m in tag("The jobs report for January was strong.", reference)]
    assert found == [("January", "1998-01")]
    found = [(m.text, m.value) for m in tag("Fares rose from March to June.", reference)]
    assert found == [("March", "1998-03"), ("June", "1998-06")]
    # "for May", "lost to May": a name as often as the month.
    assert tag("The party lost to May in the vote.", reference) == []
    # "communities" holds "ties" (as "the nineties" does): the season is still looked for.
    text = "Marchers from rural communities will block roads this summer."
    assert [(m.text, m.value) for m in tag(text, reference)] == [("this summer", "1998-06/1998-08")]


def test_a_year_ago_in_a_report_on_a_quarter_is_that_quarter_a_year_back() -> None:
    reference = date(2011, 11, 2)
    text = (
        "The insurer earned $12 million in the third quarter, up from $9 million a year ago. "
        "Claims rose from a year earlier. The chairman retired a year ago."
    )
    assert [(m.text, m.value) for m in tag(text, reference)] == [
        ("the third quarter", "2011-07/2011-09"),
        ("a year ago", "2010-07/2010-09"),
        ("a year earlier", "2010-07/2010-09"),
        ("a year ago", "2010"),  # no accounts in its sentence: the year
    ]
    # Without a quarter reported on, "a year ago" is the year.
    found = [(m.text, m.value) for m in tag("Sales were $9 million a year ago.", reference)]
    assert found == [("a year ago", "2010")]


def test_the_same_period_compares_only_when_the_text_says_with_what() -> None:
    reference = date(2011, 11, 2)
    text = (
        "Profit in the third quarter was $8m, up from $6m in the same period of 2009 and "
        "$7m in the same period last year. During the same period, staff numbers doubled."
    )
    assert [(m.text, m.value) for m in tag(text, reference)] == [
        ("the third quarter", "2011-07/2011-09"),
        ("the same period of 2009", "2009-07/2009-09"),
        ("the same period last year", "2010-07/2010-09"),
    ]
    # A whole year compared: "a year ago" is not the quarter reported on.
    text = "Sales rose in the third quarter. Annual turnover fell from $9m a year ago."
    found = [(m.text, m.value) for m in tag(text, reference)]
    assert found == [("the third quarter", "2011-07/2011-09"), ("a year ago", "2010")]


def test_a_capitalised_tonight_or_today_inside_a_sentence_is_a_title() -> None:
    assert tag("For years he hosted the Tonight Show on NBC.", MARCH_2013) == []
    assert tag("She told the Today programme she would stay.", MARCH_2013) == []


def test_a_sentence_naming_its_own_period_compares_with_that_not_the_quarter() -> None:
    reference = date(2011, 11, 2)
    text = (
        "Profit rose in the third quarter. Sales for the three months to 30 October rose, "
        "up from $9m in the same period last year. In the quarter ended Sept. 30 sales fell "
        "from a year ago. Its fourth-quarter 2010 profit, up from a year earlier, was a record."
    )
    found = [(m.text, m.value) for m in tag(text, reference)]
    assert ("the same period last year", "2010-07/2010-09") not in found
    assert ("a year ago", "2010-07/2010-09") in found  # "ended Sept. 30" is the quarter's end
    # The quarter reported on in the sentence itself: "2010" is part of it.
    assert ("a year earlier", "2009-10/2009-12") in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The fair runs from 6 to 9 January.", ("6 to 9 January", "2013-01-06/2013-01-09")),
        ("Talks were held on February 16 and 17.", ("February 16 and 17", "2013-02-16/2013-02-17")),
        ("The show ran 14-17 June 2011.", ("14-17 June 2011", "2011-06-14/2011-06-17")),
        ("Leaders will meet on April 24 and 25.", ("April 24 and 25", "2013-04-24/2013-04-25")),
    ],
)
def test_days_of_one_month_written_as_a_range_are_that_range(
    sentence: str, expected: tuple[str, str]
) -> None:
    assert [(m.text, m.value) for m in tag(sentence, MARCH_2013)] == [expected]


def test_numbers_before_a_month_that_are_no_days_stay_out_of_a_range() -> None:
    # A share of votes, a price: no range of days.
    found = [(m.text, m.value) for m in tag("Support rose from March 3 to 5 percent.", MARCH_2013)]
    assert found == [("March 3", "2013-03-03")]
    found = [(m.text, m.value) for m in tag("Futures fell $2-3 March.", MARCH_2013)]
    assert ("3 March", "2013-03-03") in found or found == []


def test_days_listed_with_and_are_days_and_a_range_counts_on_from_its_start() -> None:
    found = [(m.text, m.value) for m in tag("Previews are on 14, 20 and 27 April.", MARCH_2013)]
    assert found == [("20", "2013-04-20"), ("27 April", "2013-04-27")]
    found = [(m.text, m.value) for m in tag("It will be held on 20 and 21 August.", MARCH_2013)]
    assert found == [("20 and 21 August", "2013-08-20/2013-08-21")]
    text = "Winners are named between 13 and 15 March."
    assert [m.value for m in tag(text, MARCH_2013)] == ["2013-03-13/2013-03-15"]
    text = "The first leg is on 4-5 May, and the second leg a week later."
    found = [(m.text, m.value) for m in tag(text, MARCH_2013)]
    assert found == [
        ("4-5 May", "2013-05-04/2013-05-05"),
        ("a week later", "2013-05-06/2013-05-12"),
    ]


@pytest.mark.parametrize(
    ("text", "told", "expected"),
    [
        # the show opened five days before the text: not next January
        (
            "The fair, which opened on Thursday, is to run from January 23 through March 9.",
            date(2020, 1, 28),
            [
                ("on Thursday", "2020-01-23"),
                ("January 23", "2020-01-23"),
                ("March 9", "2020-03-09"),
            ],
        ),
        (
            "Roads will be shut from December 20 to January 5.",
            date(2021, 1, 2),
            [("December 20", "2020-12-20"), ("January 5", "2021-01-05")],
        ),
        # nothing to turn: both ahead, or a year the sentence writes
        (
            "The course will run from 3 June to 9 June.",
            date(2020, 1, 28),
            [("3 June", "2020-06-03"), ("9 June", "2020-06-09")],
        ),
        (
            "It will run from January 23 through March 9, 2021.",
            date(2020, 1, 28),
            [("January 23", "2021-01-23"), ("March 9, 2021", "2021-03-09")],
        ),
    ],
)
def test_a_span_from_one_month_day_to_another_runs_forward(
    text: str, told: date, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.value) for m in tag(text, told)] == expected


def test_a_text_with_no_date_written_without_its_year_takes_nothing_from_anchors() -> None:
    """``takes_a_year`` false: the text's dates are the same whatever years and typical date
    the collection gives (``dated_document`` then skips resolving them again)."""
    from index.extract.dates import takes_a_year

    years = {(12, 7): 2004, (3, 9): 2001}
    for text in [
        "On Monday the talks resumed. Sales rose 5% in 2004 and fell in 2005.",
        "It was 7 December 2004. Two days later they left; the next day, nothing.",
        "The third quarter's results came yesterday, a year after the 1999 merger.",
        "On December 7 the talks resumed.",
        "In July they met again, last summer too.",
        "el 7 de diciembre",
    ]:
        found = expressions(text)
        plain = tag(text, found=found)
        given = tag(text, None, years, date(2000, 6, 15), found)
        if not takes_a_year(found):
            assert given == plain, text
        else:
            assert len(given) > len(plain), text


def test_two_digit_years_said_after_a_name() -> None:
    said = "Who won? Clinton in 92 and 96, Gore in 00, and Obama in 08. The rest lost."
    assert [(m.text, m.value) for m in tag(said, date(2012, 5, 1))] == [
        ("92", "1992"),
        ("96", "1996"),
        ("00", "2000"),
        ("08", "2008"),
    ]
    counts = (
        "One in 10 adults agree. Smith finished third in 21.72 seconds. He scored in 12 games. "
        "In 12 cases, it failed. It rose in 10 and 20 percent of towns. Jones in 10th place."
    )
    assert tag(counts, date(2012, 5, 1)) == []


def test_a_number_an_editor_put_in_brackets_counts() -> None:
    quoted = '"[Ten] years ago, a browser was born," she said.'
    assert [(m.text, m.value) for m in tag(quoted, date(2011, 3, 8))] == [
        ("[Ten] years ago", "2001")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a schedule told in the present is to come: the next such day, the month ahead
        ("The summit begins on Monday.", "2023-01-16"),
        ("England face France on Sunday.", "2023-01-15"),
        ("They meet again on Tuesday, at home.", "2023-01-17"),
        ("Public voting closes on 3 February.", "2023-02-03"),
        ("The consultation, which opens on 10 December, is the first.", "2023-12-10"),
        ("The ban comes into force on 6 December.", "2023-12-06"),
        ("She was handed a bye and plays Dechy on Tuesday.", "2023-01-17"),
        # not a verb, or not a schedule: the date leans to the past as before
        ("He made three starts on 10 December.", "2022-12-10"),
        ("They were told by hosts on 10 December.", "2022-12-10"),
        ("She failed to play on Tuesday.", "2023-01-10"),
        ("The face on Tuesday was new.", "2023-01-10"),
    ],
)
def test_a_schedule_in_the_present_is_to_come(sentence: str, expected: str) -> None:
    assert [value for _, value, _ in values(sentence)] == [expected]


def test_a_year_of_two_digits_may_be_a_few_years_ahead() -> None:
    letter = "Dear roomers (class of '71), the Olympics go to Mexico in '68."
    assert [(m.text, m.value) for m in tag(letter, date(1967, 5, 30))] == [
        ("'71", "1971"),
        ("'68", "1968"),
    ]
    assert [m.value for m in tag("It peaked in ’91.", date(2005, 1, 10))] == ["1991"]
    assert [m.value for m in tag("Back in the '20s it was cheap.", date(2015, 1, 10))] == [
        "1920/1929"
    ]


def test_years_before_1800_where_their_form_says_they_are_years() -> None:
    dated = date(2012, 5, 1)

    def values(text: str) -> list[tuple[str, str]]:
        return [(m.text, m.value) for m in tag(text, dated)]

    # a full date keeps its year (it was "August 2" of the document's year)
    assert values("He was born in Paris on August 2, 1754, the third child.") == [
        ("August 2, 1754", "1754-08-02")
    ]
    assert values("Bernoulli (8 February 1700 – 17 March 1782) was Swiss.") == [
        ("8 February 1700", "1700-02-08"),
        ("17 March 1782", "1782-03-17"),
    ]
    assert values("In May, 1750 he was elected a Fellow.") == [("May, 1750", "1750-05")]
    assert values("He went to St. Petersburg in 1724 as professor.") == [("1724", "1724")]
    assert values("Patrick Gordon (1635 – 1699) wrote a diary.") == [("1635 – 1699", "1635/1699")]
    assert values("Hydrodynamica (1738) was his chief work.") == [("1738", "1738")]
    # "the 1600s" is a century; "the 1740s" a decade
    assert values("It was built in the 1600s and rebuilt in the 1740s.") == [
        ("the 1600s", "1600/1699"),
        ("the 1740s", "1740/1749"),
    ]
    # counts and clocks stay numbers
    for text in (
        "He sent 1500 troops to the border.",
        "In 1500 cases the court agreed.",
        "In May 1500 people marched.",
        "It is shown from 1130 to 1215 GMT.",
        "Cars arrived before 1130 GMT.",
        "A crowd of 1200 watched.",
        "Between 1500 and 1700 people came.",
    ):
        assert [m.text for m in tag(text, dated)] == [], text
