"""The timeline pane's place in the layout (the date tagger behind it is issue 5)."""

from __future__ import annotations

from textual.widgets import Static


class TimelinePane(Static):
    """The dates the documents talk about: not extracted yet."""

    def on_mount(self) -> None:
        self.border_title = "Timeline"
        self.update(
            "Dates mentioned in the documents will be charted here once the date tagger is built."
        )
