"""The reader's state: what is searched (an ``index.models.Query``), and where the reader has
been."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from index.models import Query


def chips(query: Query) -> str:
    """The filters of the reader's query, as the status line shows them."""
    parts = []
    if query.entity:
        parts.append(f"entity: {query.entity} ✕")
    if query.mentioned:
        first, last = query.mentioned
        parts.append(f"{first}" + (f" → {last}" if last != first else "") + " ✕")
    if query.published:
        parts.append(f"published {published_text(query.published)} ✕")
    if query.sort != "relevance":
        parts.append(f"by {query.sort}")
    return "  ".join(parts)


def published_text(span: tuple[date | None, date | None]) -> str:
    """A publication-date range as the prompt takes it back: "2023-01-01 → 2023-01-31",
    "2023-01-01 → …" (from), "… → 2023-01-31" (up to)."""
    first, last = span
    return f"{first.isoformat() if first else '…'} → {last.isoformat() if last else '…'}"


def parse_published(text: str) -> tuple[date | None, date | None] | str:
    """A publication-date range typed in the reader: one date (a day, a month ``2023-01`` or a
    year ``2023``: all of it), or two (from, to), either ``…``/``-`` for an open end. The range,
    or what is wrong with the text, in a line."""
    import calendar
    import re

    parts = text.replace("→", " ").replace("..", " ").replace(" to ", " ").split()
    if not parts or len(parts) > 2:
        return "give a date, or two: from and to (YYYY, YYYY-MM or YYYY-MM-DD; … for no end)"
    ends: list[tuple[date, date] | None] = []
    for part in parts:
        if part in ("…", "-", "*"):
            ends.append(None)
            continue
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", part)
        if match is None:
            return f"not a date: {part!r} (YYYY, YYYY-MM or YYYY-MM-DD)"
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            if month is None:
                ends.append((date(year, 1, 1), date(year, 12, 31)))
            elif day is None:
                last = calendar.monthrange(year, month)[1]
                ends.append((date(year, month, 1), date(year, month, last)))
            else:
                ends.append((date(year, month, day), date(year, month, day)))
        except ValueError:
            return f"no such date: {part!r}"
    if len(ends) == 1:
        only = ends[0]
        if only is None:
            return "give a date, or two: from and to"
        return only
    start, end = ends
    first = start[0] if start else None
    last = end[1] if end else None
    if first is None and last is None:
        return "give at least one end of the range"
    if first and last and first > last:
        return f"{first.isoformat()} is after {last.isoformat()} (a reversed range)"
    return first, last


@dataclass(frozen=True, slots=True)
class Place:
    """A point in the reading history: a document and how far down it was read."""

    doc: str
    scroll_y: float = 0.0


@dataclass(slots=True)
class History:
    """Back/forward stacks of places, like a browser's."""

    back: list[Place] = field(default_factory=list)
    forward: list[Place] = field(default_factory=list)

    def visit(self, current: Place | None) -> None:
        """Leave ``current`` for somewhere new: it goes on the back stack, forward is cleared."""
        if current is not None:
            self.back.append(current)
        self.forward.clear()

    def go_back(self, current: Place | None) -> Place | None:
        if not self.back:
            return None
        if current is not None:
            self.forward.append(current)
        return self.back.pop()

    def go_forward(self, current: Place | None) -> Place | None:
        if not self.forward:
            return None
        if current is not None:
            self.back.append(current)
        return self.forward.pop()
