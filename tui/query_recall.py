"""Recalling earlier queries in the search bar, as a shell recalls its commands."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class QueryRecall:
    """The queries run before (oldest first) and where Up/Down have got to in them.

    ``older`` steps back from the newest, ``newer`` forward; forward past the newest gives back
    the text that was being typed when recalling began. Editing a recalled query ends the
    recalling (the edited text is then what is typed)."""

    queries: list[str] = field(default_factory=list)
    at: int | None = None
    """The recalled query's place in ``queries``; None while not recalling."""
    typed: str = ""
    """The text in the box when recalling began."""

    @property
    def browsing(self) -> bool:
        return self.at is not None

    def load(self, queries: list[str]) -> None:
        """The history as read from the file (a recall under way ends)."""
        self.queries = list(queries)
        self.at = None

    def remember(self, query: str) -> None:
        """A query just run: it becomes the newest (once; an older copy is dropped)."""
        text = " ".join(query.split())
        self.at = None
        if not text:
            return
        if text in self.queries:
            self.queries.remove(text)
        self.queries.append(text)

    def older(self, current: str) -> str | None:
        """The query before the one shown (None: there is none)."""
        if self.at is None:
            if not self.queries:
                return None
            self.typed = current
            # The newest is skipped when it is what the box already holds.
            start = len(self.queries) - 1
            if self.queries[start] == " ".join(current.split()) and start > 0:
                start -= 1
            elif self.queries[start] == " ".join(current.split()):
                return None
            self.at = start
            return self.queries[start]
        if self.at == 0:
            return None
        self.at -= 1
        return self.queries[self.at]

    def newer(self) -> str | None:
        """The query after the one shown, or past the newest the text typed before."""
        if self.at is None:
            return None
        self.at += 1
        if self.at >= len(self.queries):
            self.at = None
            return self.typed
        return self.queries[self.at]

    def edited(self, value: str) -> None:
        """The box now holds ``value``: if it is not the query recalled, recalling ends."""
        if self.at is not None and value != self.queries[self.at]:
            self.at = None

    def stop(self) -> None:
        self.at = None
