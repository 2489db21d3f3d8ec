"""The reader's state: what is searched, and where the reader has been."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SearchState:
    """What the results show: a query plus optional filters. Empty text lists every document."""

    text: str = ""
    entity: str | None = None
    day: str | None = None


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
