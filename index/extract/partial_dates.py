"""Partial ISO dates ("2023", "2023-02", "2023-02-07", ranges "2023-02-01/2023-02-05") and the
calendar days they cover; the timeline's buckets (day, week, month) and how big they are.

The one place these rules live: the store computes the days of each date it keeps, the
timeline groups them, and the reader's axis (``tui/timeline_axis.py``) lays out its buckets.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Literal

Granularity = Literal["day", "week", "month"]
"""The size of a timeline bucket."""


def first_day(value: str) -> date:
    """The first day of a partial ISO date ("2023-02" -> 2023-02-01)."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> date:
    """The last day of a partial ISO date ("2023-02" -> 2023-02-28)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], 12, 31)


def day_span(value: str) -> tuple[date, date]:
    """The first and last day of a date or a range of two ("2023-02-01/2023-02-05")."""
    first, _, last = value.partition("/")
    return first_day(first), last_day(last or first)


def auto_granularity(first: str | None, last: str | None) -> Granularity:
    """Days when the dated mentions (the first and last of their days, ISO) span up to ~4
    months, weeks up to ~2 years, else months."""
    if not first or not last:
        return "month"
    span = (date.fromisoformat(last) - date.fromisoformat(first)).days
    return "day" if span <= 120 else "week" if span <= 730 else "month"


def bucket_start(day: date, granularity: str) -> date:
    """The first day of the bucket holding ``day``."""
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    if granularity == "year":
        return day.replace(month=1, day=1)
    return day
