"""The reader's state: what is searched, and where the reader has been."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class SearchState:
    """What the results show: a query plus optional filters. Empty text lists every document."""

    text: str = ""
    entity: str | None = None
    dates: tuple[date, date] | None = None
    """Only documents that talk about a day in this range (marked on the timeline)."""

    @property
    def filtered(self) -> bool:
        return bool(self.text or self.entity or self.dates)

    def chips(self) -> str:
        """The filters, as the status line shows them."""
        parts = []
        if self.entity:
            parts.append(f"entity: {self.entity} ✕")
        if self.dates:
            first, last = self.dates
            parts.append(f"{first}" + (f" → {last}" if last != first else "") + " ✕")
        return "  ".join(parts)


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
