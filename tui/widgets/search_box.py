"""The search bar: search-as-you-type (debounced), Enter to search now, and the queries run
before recalled with Up/Down as a shell recalls its commands."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

from tui.query_recall import QueryRecall

DEBOUNCE_SECONDS = 0.2


class SearchBox(Input):
    """An Input that posts QuerySubmitted after a pause in typing, or at once on Enter."""

    BINDINGS = [
        Binding("escape", "leave", "Results", show=True),
        Binding("up", "recall_older", "Earlier query", show=False),
        Binding("down", "down", "To results", show=False),
    ]
    """Esc leaves the search bar for the results (dropping a search still running). Up recalls
    the query before (again: the one before that); Down, while recalling, the one after (past
    the newest: the text that was being typed), else goes to the results and lets the search
    run."""

    @dataclass
    class QuerySubmitted(Message):
        """The user asked for this query (``now``: Enter was pressed, move on to the results)."""

        text: str
        now: bool

    @dataclass
    class Left(Message):
        """The user pressed Esc in the search bar."""

    @dataclass
    class Down(Message):
        """The user pressed Down in the search bar."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            placeholder='search: words, "a phrase", AND OR NOT, prefix*, fuzzy~, title:word',
            # Letters typed in the results while the focus moves here must not replace each other.
            select_on_focus=False,
            **kwargs,  # type: ignore[arg-type]
        )
        self._debounce: Timer | None = None
        self.recall = QueryRecall()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.recall.edited(self.value)
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._submit_later)

    def _submit_later(self) -> None:
        self._debounce = None
        self.post_message(self.QuerySubmitted(self.value, now=False))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        self.recall.stop()
        self.post_message(self.QuerySubmitted(self.value, now=True))

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def action_recall_older(self) -> None:
        self._show(self.recall.older(self.value))

    def action_down(self) -> None:
        if self.recall.browsing:
            self._show(self.recall.newer())
        else:
            self.post_message(self.Down())

    def _show(self, text: str | None) -> None:
        if text is None:
            self.app.bell()
            return
        self.value = text
        self.cursor_position = len(text)
