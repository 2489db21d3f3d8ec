"""The timeline's axis, on timelines written here; and the passages of each bucket, read when
shown, against the buckets the whole timeline's mentions fall in (the seeds)."""

from __future__ import annotations

from datetime import date

import pytest

from index.api import Collection
from index.models import DatedDocument, DateMention, DayCount, Query, Timeline
from tui.timeline_axis import GRANULARITIES, build_axis, chart, fitting_granularity

TIMELINE = Timeline(
    documents=(
        DatedDocument("a", "A", "2023-01-20", "stated"),
        DatedDocument("b", "B", None, "none"),
    ),
    mentions=(),
    buckets=(),
    granularity="day",
    # 3 January: two days; 9 January: one; February (a month, from its first day): one.
    days=(
        DayCount("2023-01-03", 2, 0),
        DayCount("2023-01-09", 1, 0),
        DayCount("2023-02-01", 0, 1),
    ),
)


def test_days_weeks_and_months() -> None:
    charted = chart(TIMELINE)
    days = build_axis(charted, "day")
    assert days.starts[0] == date(2023, 1, 3) and days.starts[-1] == date(2023, 1, 20)
    assert days.counts[0] == 2 and sum(days.counts) == 3  # the month stays out
    assert days.published[days.index_of(date(2023, 1, 20))] == ["a"]
    weeks = build_axis(charted, "week")
    assert weeks.starts == [date(2023, 1, 2), date(2023, 1, 9), date(2023, 1, 16)]
    assert weeks.counts == [2, 1, 0]
    months = build_axis(charted, "month")
    assert months.starts == [date(2023, 1, 1), date(2023, 2, 1)]
    assert months.counts == [3, 1]  # a month is charted by month
    years = build_axis(charted, "year")
    assert years.starts == [date(2023, 1, 1)] and years.counts == [4]  # and by year
    assert years.end_of(0) == date(2023, 12, 31) and years.published == [["a"]]


def test_centuries_of_dates_fit_by_year() -> None:
    # a history's dates from 1754 to 2003: 250 years, 3,000 months
    wide = Timeline(
        (DatedDocument("h", "H", "2003-11-08", "stated"),),
        (),
        (),
        "day",
        days=(DayCount("1754-08-02", 1, 0), DayCount("1780-11-01", 0, 1)),
    )
    charted = chart(wide)
    assert fitting_granularity(charted, 120) == "year"
    years = build_axis(charted, "year")
    assert years.starts[0] == date(1754, 1, 1) and years.starts[-1] == date(2003, 1, 1)
    assert len(years) == 250 and sum(years.counts) == 2


def test_the_finest_granularity_that_fits() -> None:
    charted = chart(TIMELINE)
    assert fitting_granularity(charted, 18) == "day"  # 3..20 January: 18 days
    assert fitting_granularity(charted, 17) == "week"
    assert fitting_granularity(charted, 2) == "month"
    assert fitting_granularity(charted, 1) == "year"
    assert len(build_axis(chart(Timeline((), (), (), "day")), "day")) == 0


def charted_from_mentions(
    timeline: Timeline, granularity: str, starts: list[date]
) -> list[list[DateMention]]:
    """Each bucket's mentions as the chart put them when it held every mention: a day's dates
    by the day they start on (at every zoom), a month or a range within one by its first day
    (months only); by day, a day's dates before its months, then in the timeline's order."""
    days: dict[date, list[DateMention]] = {}
    months: dict[date, list[DateMention]] = {}
    for mention in timeline.mentions:
        first = date.fromisoformat(mention.first_day)
        if mention.granularity == "day":
            days.setdefault(first, []).append(mention)
        elif (date.fromisoformat(mention.last_day) - first).days <= 31:
            months.setdefault(first, []).append(mention)
    groups = dict(days)
    if granularity in ("month", "year"):
        for day, found in months.items():
            groups[day] = groups.get(day, []) + found
    buckets: list[list[DateMention]] = [[] for _ in starts]
    for day in sorted(groups):
        index = max(i for i, start in enumerate(starts) if start <= day)
        buckets[index].extend(groups[day])
    return buckets


@pytest.mark.parametrize("query", [None, Query("strike"), Query(entity="Dina Boluarte")], ids=str)
def test_each_buckets_passages_are_those_the_whole_timeline_puts_there(
    seeds_collection: Collection, query: Query | None
) -> None:
    whole = seeds_collection.timeline(query=query)
    counted = seeds_collection.timeline(query=query, mentions=False)
    assert whole.mentions and not counted.mentions
    assert counted.buckets == whole.buckets and counted.documents == whole.documents
    charted = chart(counted)
    checked = 0
    for granularity in GRANULARITIES:
        axis = build_axis(charted, granularity)
        expected = charted_from_mentions(whole, granularity, axis.starts)
        for index, start in enumerate(axis.starts):
            found = seeds_collection.bucket_dates(
                start, axis.end_of(index), granularity in ("month", "year"), query=query
            )
            assert list(found) == expected[index], (granularity, start)
            assert axis.counts[index] == len(found)
            checked += len(found)
    assert checked > 0
