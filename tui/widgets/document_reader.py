"""The reader: a document as wrapped paragraphs, query terms highlighted, n/N between hits."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from index.models import Document, Span
from tui.find_in_document import find_spans
from tui.render import (
    dimmed,
    document_header,
    highlighted,
    is_markdown,
    markdown_headings,
    page_marker,
    plain,
)


class DocumentReader(VerticalScroll, can_focus=True):
    """Shows one document; knows its hit spans and which one is current."""

    BINDINGS = [
        Binding("n", "next_hit", "Next hit", show=True),
        Binding("N", "previous_hit", "Prev hit", show=True),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("f", "find", "Find", show=False),
        Binding("d", "date", "Date", show=False),
        Binding("escape", "end_find", "End find", show=False),
    ]
    """Hit navigation and vim-style scrolling."""

    @dataclass
    class HitFocused(Message):
        """The current hit changed: ``number`` of ``total`` (1-based), or 0 of 0."""

        number: int
        total: int

    @dataclass
    class FindWanted(Message):
        """The user asked to find a text in this document (the screen asks which)."""

    @dataclass
    class DateWanted(Message):
        """The user asked to set or correct this document's publication date (the screen
        asks which)."""

        document: Document

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.document: Document | None = None
        self.hits: list[Span] = []
        self.mentions: frozenset[Span] = frozenset()
        self.current: int | None = None
        self._hit_passages: list[int] = []
        self._follow = False  # the view is on the current hit: it stays there through resizes
        self.finding: str | None = None  # the text found in this document, shown instead of hits
        self._before_find: tuple[list[Span], frozenset[Span]] | None = None

    def show(
        self,
        document: Document,
        hits: list[Span],
        focus: Span | None = None,
        mentions: frozenset[Span] = frozenset(),
    ) -> None:
        """Render `document`, `hits` highlighted (those in `mentions` are an entity's: they are
        underlined); the first hit inside `focus` is current."""
        self.document = document
        self.finding, self._before_find = None, None
        self.hits = hits
        self.mentions = mentions
        starts = [p.start for p in document.passages]
        self._hit_passages = [max(0, bisect.bisect_right(starts, h.start) - 1) for h in hits]
        self.current = None
        self._follow = False
        if focus is not None:
            inside = [i for i, h in enumerate(hits) if focus.start <= h.start < focus.end]
            self.current = inside[0] if inside else None
        self.remove_children()
        first = document.passages[0] if document.passages else None
        titled = first is not None and document.text[first.start : first.end] == document.title
        widgets = [
            Static(
                document_header(document, with_title=not titled), classes="document-reader--header"
            )
        ]
        widgets += [
            Static(
                self._paragraph(n),
                classes="document-reader--paragraph" + (" -title" if titled and n == 0 else ""),
            )
            for n in range(len(document.passages))
        ]
        self.mount_all(widgets)
        self.border_title = "Reader"
        self._announce()
        self.call_after_refresh(self._scroll_to_focus, focus)

    def rehighlight(self, hits: list[Span], mentions: frozenset[Span] = frozenset()) -> None:
        """New highlights on the document shown: its paragraphs are updated in place (mounting
        them again would cost a keystroke's budget on a long document)."""
        if self.document is None:
            return
        if self.finding is not None:  # the search's highlights wait until the find ends
            self._before_find = (hits, mentions)
            return
        self._highlight(hits, mentions)

    def find(self, wanted: str) -> int:
        """Show where ``wanted`` occurs in this document instead of the hits, n/N stepping
        through them from the view's top (Esc: the hits again). Returns how many."""
        if self.document is None:
            return 0
        found = find_spans(self.document.text, wanted)
        if self.finding is None:
            self._before_find = (self.hits, self.mentions)
        self.finding = wanted
        top = self.anchor()
        self._highlight(found, frozenset())
        if found:
            after = [n for n, span in enumerate(found) if top is None or span.start >= top.start]
            first = after[0] if after else 0
            self.current = None if first == 0 else first - 1
            self._move(+1)
        return len(found)

    def action_find(self) -> None:
        if self.document is not None:
            self.post_message(self.FindWanted())

    def action_date(self) -> None:
        if self.document is not None:
            self.post_message(self.DateWanted(self.document))

    def action_end_find(self) -> None:
        if self.finding is None or self._before_find is None:
            raise SkipAction()  # Esc is the screen's: back out
        hits, mentions = self._before_find
        self.finding, self._before_find = None, None
        self._highlight(hits, mentions)

    def _highlight(self, hits: list[Span], mentions: frozenset[Span]) -> None:
        assert self.document is not None
        before = set(self._hit_passages)
        self.hits, self.mentions, self.current = hits, mentions, None
        starts = [p.start for p in self.document.passages]
        self._hit_passages = [max(0, bisect.bisect_right(starts, h.start) - 1) for h in hits]
        paragraphs = list(self.query(".document-reader--paragraph").results(Static))
        for number in before | set(self._hit_passages):
            if 0 <= number < len(paragraphs):
                paragraphs[number].update(self._paragraph(number))
        self._announce()

    def anchor(self) -> Span | None:
        """What a bookmark or a note is written on: the current hit, else the passage at the
        top of the view (None with no document)."""
        if self.document is None:
            return None
        if self.current is not None:
            return self.hits[self.current]
        paragraphs = list(self.query(".document-reader--paragraph").results(Static))
        for number, widget in enumerate(paragraphs):
            if widget.virtual_region.bottom > self.scroll_y and number < len(
                self.document.passages
            ):
                passage = self.document.passages[number]
                return Span(passage.start, passage.end)
        return None

    def _scroll_to_focus(self, focus: Span | None) -> None:
        if self.current is not None:
            self._scroll_to_current()
        elif focus is not None and self.document is not None:
            starts = [p.start for p in self.document.passages]
            index = max(0, bisect.bisect_right(starts, focus.start) - 1)
            self._scroll_to_passage(index)
        else:
            self.scroll_home(animate=False)

    def _paragraph(self, number: int) -> object:
        assert self.document is not None
        passage = self.document.passages[number]
        text = self.document.text[passage.start : passage.end]
        shift = passage.start
        inside = [h for h, p in zip(self.hits, self._hit_passages, strict=True) if p == number]
        spans = [Span(h.start - shift, h.end - shift) for h in inside]
        mentions = frozenset(
            Span(h.start - shift, h.end - shift) for h in inside if h in self.mentions
        )
        current = None
        if self.current is not None and self._hit_passages[self.current] == number:
            hit = self.hits[self.current]
            current = Span(hit.start - shift, hit.end - shift)
        content = highlighted(text.replace("\n", " "), spans, current, mentions)
        furniture = [
            Span(max(0, span.start - shift), min(len(text), span.end - shift))
            for span in self.document.furniture
            if span.end > passage.start and span.start < passage.end
        ]
        if furniture:
            content = dimmed(content, furniture)
        if is_markdown(self.document.path):
            content = markdown_headings(text, content)
        page = self._page_starting(passage)
        if page is not None:
            content = page_marker(page, content)
        return content

    def _page_starting(self, passage: Span) -> int | None:
        """The page (from 2) this passage opens, in a paged document; None elsewhere."""
        assert self.document is not None
        for number, page in enumerate(self.document.pages[1:], start=2):
            if (
                page.start <= passage.start < page.end
                and not self.document.text[page.start : passage.start].strip()
            ):
                return number
        return None

    def _paragraph_widget(self, number: int) -> Static | None:
        paragraphs = list(self.query(".document-reader--paragraph").results(Static))
        return paragraphs[number] if 0 <= number < len(paragraphs) else None

    def _scroll_to_passage(self, number: int, attempts: int = 10) -> None:
        widget = self._paragraph_widget(number)
        if widget is None:
            return
        if widget.region.height == 0 and attempts:
            # Just mounted: not laid out yet. Try again after the next refresh.
            self.call_after_refresh(self._scroll_to_passage, number, attempts - 1)
            return
        self.scroll_to_center(widget, animate=False)

    def _scroll_to_current(self) -> None:
        if self.current is not None:
            self._follow = True
            self._scroll_to_passage(self._hit_passages[self.current])

    def on_resize(self, event: events.Resize) -> None:
        """A pane shown or hidden beside the reader rewraps the text: the current hit the view
        was on stays in view (unless the reader has scrolled away from it since)."""
        if self._follow and self.current is not None:
            self.call_after_refresh(self._scroll_to_current)

    # The reader's own scrolling leaves the current hit: a resize no longer brings it back.
    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._follow = False
        super()._on_mouse_scroll_down(event)

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._follow = False
        super()._on_mouse_scroll_up(event)

    def action_scroll_home(self) -> None:
        self._follow = False
        super().action_scroll_home()

    def action_scroll_end(self) -> None:
        self._follow = False
        super().action_scroll_end()

    def action_scroll_up(self) -> None:
        self._follow = False
        super().action_scroll_up()

    def action_scroll_down(self) -> None:
        self._follow = False
        super().action_scroll_down()

    def action_page_up(self) -> None:
        self._follow = False
        super().action_page_up()

    def action_page_down(self) -> None:
        self._follow = False
        super().action_page_down()

    def _move(self, step: int) -> None:
        if not self.hits:
            if self.finding is not None:
                self.notify("not found in this document", timeout=2)
                return
            self.notify("no hits in this document", timeout=2)
            return
        previous = self.current
        if self.current is None:
            self.current = 0 if step > 0 else len(self.hits) - 1
        else:
            self.current = (self.current + step) % len(self.hits)
        for hit in {previous, self.current} - {None}:
            assert hit is not None
            number = self._hit_passages[hit]
            widget = self._paragraph_widget(number)
            if widget is not None:
                widget.update(self._paragraph(number))
        self._scroll_to_current()
        self._announce()

    def _announce(self) -> None:
        total = len(self.hits)
        number = (self.current + 1) if self.current is not None else 0
        plural = "hit" if total == 1 else "hits"
        if self.finding is not None:
            shown = self.finding if len(self.finding) <= 20 else self.finding[:19] + "…"
            where = f"{number}/{total}" if total else "not found"
            self.border_subtitle = plain(f"find “{shown}”: {where} · Esc ends")
            return
        where = f"hit {number}/{total}" if number else (f"{total} {plural}" if total else "")
        if number and self.document is not None and self.document.pages:
            where += f" · p. {self.document.page_of(self.hits[number - 1].start)}"
        self.border_subtitle = where
        self.post_message(self.HitFocused(number, total))

    def action_next_hit(self) -> None:
        self._move(+1)

    def action_previous_hit(self) -> None:
        self._move(-1)
