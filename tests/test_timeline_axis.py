"""The timeline's axis, on timelines written here."""

from __future__ import annotations

from datetime import date

from index.models import DatedDocument, DateMention, Timeline
from tui.timeline_axis import build_axis, chart, fitting_granularity


def mention(doc: str, value: str, granularity: str, first: str, last: str) -> DateMention:
    return DateMention(doc, value, 0, 1, value, granularity, "", first, last)


TIMELINE = Timeline(
    documents=(
        DatedDocument("a", "A", "2023-01-20", "stated"),
        DatedDocument("b", "B", None, "none"),
    ),
    mentions=(
        mention("a", "2023-01-09", "day", "2023-01-09", "2023-01-09"),
        mention("b", "2023-01-03", "day", "2023-01-03", "2023-01-03"),
        mention("a", "2023-01-03", "day", "2023-01-03", "2023-01-03"),
        mention("b", "2023-02", "month", "2023-02-01", "2023-02-28"),
        mention("a", "2021", "year", "2021-01-01", "2021-12-31"),
    ),
    buckets=(),
    granularity="day",
)


def test_days_weeks_and_months() -> None:
    charted = chart(TIMELINE)
    days = build_axis(charted, "day")
    assert days.starts[0] == date(2023, 1, 3) and days.starts[-1] == date(2023, 1, 20)
    assert days.counts[0] == 2 and sum(days.counts) == 3  # the month and the year stay out
    assert [m.doc for m in days.mentions[0]] == ["b", "a"]  # in the timeline's order
    assert days.published[days.index_of(date(2023, 1, 20))] == ["a"]
    weeks = build_axis(charted, "week")
    assert weeks.starts == [date(2023, 1, 2), date(2023, 1, 9), date(2023, 1, 16)]
    assert weeks.counts == [2, 1, 0]
    months = build_axis(charted, "month")
    assert months.starts == [date(2023, 1, 1), date(2023, 2, 1)]
    assert months.counts == [3, 1]  # a month is charted by month


def test_the_finest_granularity_that_fits() -> None:
    charted = chart(TIMELINE)
    assert fitting_granularity(charted, 18) == "day"  # 3..20 January: 18 days
    assert fitting_granularity(charted, 17) == "week"
    assert fitting_granularity(charted, 2) == "month"
    assert len(build_axis(chart(Timeline((), (), (), "day")), "day")) == 0
