"""The timeline's axis: the collection's span cut into buckets (days, weeks, months or years),
with the number of dates and the publication dates that fall in each. Pure data, no drawing."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from index.extract.partial_dates import bucket_start
from index.models import Timeline

GRANULARITIES = ("day", "week", "month", "year")


def charts_months(granularity: str) -> bool:
    """Whether a zoom charts months (or ranges within a month) as well as days: by month and by
    year; by day or week a month is no bucket's."""
    return granularity in ("month", "year")


def next_start(start: date, granularity: str) -> date | None:
    """The start of the bucket after the one starting on ``start``; None past 9999-12-31."""
    try:
        if granularity == "day":
            return start + timedelta(days=1)
        if granularity == "week":
            return start + timedelta(days=7)
        if granularity == "year":
            return date(start.year + 1, 1, 1)
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    except (OverflowError, ValueError):
        return None


def _iso_day(value: str | None) -> date | None:
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        return date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )
    except (ValueError, IndexError):
        return None


@dataclass(frozen=True, slots=True)
class Charted:
    """A timeline's counts of placed dates by the day they start on, with each document's
    publication day. Made once per timeline, in a worker: 10,000 documents mention 230,000
    dates on a few thousand days, so axes at every zoom are built from the days' counts (the
    mentions of the bucket under the cursor are read when shown)."""

    timeline: Timeline
    days: dict[date, int]  # dates of a day: charted at every zoom
    months: dict[date, int]  # months, or ranges within one: charted by month
    published: dict[str, date | None]


def chart(timeline: Timeline) -> Charted:
    days: dict[date, int] = {}
    months: dict[date, int] = {}
    for counted in timeline.days:
        day = date.fromisoformat(counted.day)
        if counted.days:
            days[day] = counted.days
        if counted.months:
            months[day] = counted.months
    published = {d.doc: _iso_day(d.published) for d in timeline.documents}
    return Charted(timeline, days, months, published)


@dataclass(slots=True)
class Axis:
    """Consecutive buckets from the first charted day to the last."""

    granularity: str
    starts: list[date] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)  # the dates charted in each bucket
    published: list[list[str]] = field(default_factory=list)  # doc ids published in the bucket

    def __len__(self) -> int:
        return len(self.starts)

    def index_of(self, day: date) -> int:
        return max(0, min(len(self.starts) - 1, bisect_right(self.starts, day) - 1))

    def end_of(self, index: int) -> date:
        """The last day of bucket ``index``."""
        following = next_start(self.starts[index], self.granularity)
        return date.max if following is None else following - timedelta(days=1)


def build_axis(charted: Charted, granularity: str) -> Axis:
    groups = _charted_days(charted, granularity)
    axis = Axis(granularity)
    span = _span(charted, groups, granularity)
    if span is None:
        return axis
    start: date | None = span[0]
    while start is not None and start <= span[1]:
        axis.starts.append(start)
        start = next_start(start, granularity)
    axis.counts = [0 for _ in axis.starts]
    axis.published = [[] for _ in axis.starts]
    for day, count in groups.items():
        axis.counts[axis.index_of(day)] += count
    for doc, published in charted.published.items():
        if published is not None:
            axis.published[axis.index_of(published)].append(doc)
    return axis


def fitting_granularity(charted: Charted, width: int) -> str:
    """The finest granularity whose buckets fit in ``width`` columns (counted, not built)."""
    for granularity in GRANULARITIES:
        span = _span(charted, _charted_days(charted, granularity), granularity)
        if span is None:
            return granularity
        start: date | None = span[0]
        buckets = 0
        while start is not None and start <= span[1] and buckets <= width:
            start, buckets = next_start(start, granularity), buckets + 1
        if buckets <= width:
            return granularity
    return "year"


def _charted_days(charted: Charted, granularity: str) -> dict[date, int]:
    """How many dates are charted at this zoom, by day: days always, months only by month or
    year (a year's own mentions, "in 1724", are charted at no zoom: they are no day's)."""
    if not charts_months(granularity):
        return charted.days
    groups = dict(charted.days)
    for day, count in charted.months.items():
        groups[day] = groups.get(day, 0) + count
    return groups


def _span(charted: Charted, groups: dict[date, int], granularity: str) -> tuple[date, date] | None:
    """The first bucket's start and the last day to chart (publication days included)."""
    days = [*groups, *(day for day in charted.published.values() if day is not None)]
    return (bucket_start(min(days), granularity), max(days)) if days else None
