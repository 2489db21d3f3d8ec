"""The search bar: search-as-you-type (debounced) and Enter to search now."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

DEBOUNCE_SECONDS = 0.2


class SearchBox(Input):
    """An Input that posts QuerySubmitted after a pause in typing, or at once on Enter."""

    BINDINGS = [
        Binding("escape", "leave", "Results", show=True),
        Binding("down", "down", "To results", show=False),
    ]
    """Esc leaves the search bar for the results (dropping a search still running); Down goes
    to the results and lets the search run."""

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

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
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
        self.post_message(self.QuerySubmitted(self.value, now=True))

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def action_down(self) -> None:
        self.post_message(self.Down())
