"""The entity sidebar's place in the layout (the extraction behind it is issue 4)."""

from __future__ import annotations

from textual.widgets import Static


class EntitySidebar(Static):
    """Entities of the document, the hits or the collection: not extracted yet."""

    def on_mount(self) -> None:
        self.border_title = "Entities"
        self.update(
            "People, places and organizations will be listed here once entity extraction is built."
        )
