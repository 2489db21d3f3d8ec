"""The timeline's axis: the collection's span cut into buckets (days, weeks or months), with the
date mentions and publication dates that fall in each. Pure data, no drawing."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from index.extracts import bucket_start
from index.models import DateMention, Timeline

GRANULARITIES = ("day", "week", "month")


def next_start(start: date, granularity: str) -> date:
    if granularity == "day":
        return start + timedelta(days=1)
    if granularity == "week":
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


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


def charted(mention: DateMention, granularity: str) -> bool:
    """Days are charted at every zoom; a month (or a range within one) only by month."""
    if mention.granularity == "day":
        return True
    if granularity != "month" or not mention.first_day or not mention.last_day:
        return False
    first, last = date.fromisoformat(mention.first_day), date.fromisoformat(mention.last_day)
    return (last - first).days <= 31


@dataclass(slots=True)
class Axis:
    """Consecutive buckets from the first charted day to the last."""

    granularity: str
    starts: list[date] = field(default_factory=list)
    mentions: list[list[DateMention]] = field(default_factory=list)
    published: list[list[str]] = field(default_factory=list)  # doc ids published in the bucket

    def __len__(self) -> int:
        return len(self.starts)

    @property
    def counts(self) -> list[int]:
        return [len(m) for m in self.mentions]

    def index_of(self, day: date) -> int:
        return max(0, min(len(self.starts) - 1, bisect_right(self.starts, day) - 1))

    def end_of(self, index: int) -> date:
        """The last day of bucket ``index``."""
        return next_start(self.starts[index], self.granularity) - timedelta(days=1)


def build_axis(timeline: Timeline, granularity: str) -> Axis:
    charted_mentions = [m for m in timeline.mentions if charted(m, granularity)]
    days = [date.fromisoformat(m.first_day) for m in charted_mentions]
    published = {d.doc: _iso_day(d.published) for d in timeline.documents}
    days += [day for day in published.values() if day is not None]
    axis = Axis(granularity)
    if not days:
        return axis
    start, last = bucket_start(min(days), granularity), max(days)
    while start <= last:
        axis.starts.append(start)
        start = next_start(start, granularity)
    axis.mentions = [[] for _ in axis.starts]
    axis.published = [[] for _ in axis.starts]
    for mention in charted_mentions:
        axis.mentions[axis.index_of(date.fromisoformat(mention.first_day))].append(mention)
    for doc, day in published.items():
        if day is not None:
            axis.published[axis.index_of(day)].append(doc)
    return axis


def fitting_granularity(timeline: Timeline, width: int) -> str:
    """The finest granularity whose buckets fit in ``width`` columns."""
    for granularity in GRANULARITIES:
        if len(build_axis(timeline, granularity)) <= width:
            return granularity
    return "month"
