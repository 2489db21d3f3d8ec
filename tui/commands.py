"""Command-palette provider: open any document by title."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider

from tui.render import plain, title_text


class DocumentCommands(Provider):
    """'Open: <title>' for every document of the collection."""

    async def search(self, query: str) -> Hits:
        from tui.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return
        matcher = self.matcher(query)
        for document in screen.documents:
            text = f"Open: {title_text(document.title)}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    plain(text),  # never matcher.highlight(): it parses the title as markup
                    partial(screen._visit, document.doc, None, None),
                    text=text,
                    help=document.doc,
                )
