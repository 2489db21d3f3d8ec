"""The timeline pane: a histogram of the days the documents talk about, scrubbed with the keys.

Under the axis are the passages that mention the day (or week, or month) under the cursor,
asked of the screen when the cursor comes to a bucket (``PassagesWanted``: a timeline of
10,000 documents has 230,000 of them, so the pane holds only the counts of the others);
Enter opens the reader there. Past the last bucket (→ or End there) are the relative dates no
day can be given ("on Friday" in an undated document): "date unknown". Ctrl+Space marks the
start of a range and, pressed again, filters the results to the documents that talk about a day
inside it. Printable keys start a search.
The screen hands the pane a :class:`~index.models.Timeline` without its mentions (already
narrowed to the query and the selected entity), and the passages of the bucket asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.widget import Widget

from index.models import DateMention, Timeline
from index.sanitize import display
from tui.render import DIM, without_heading_marks
from tui.timeline_axis import (
    GRANULARITIES,
    Axis,
    Charted,
    build_axis,
    charts_months,
    fitting_granularity,
)
from tui.widgets.type_ahead import TypesAhead

BLOCKS = " ▁▂▃▄▅▆▇█"
JUMP = {"day": 7, "week": 4, "month": 12, "year": 10}
"""Shift+arrows jump a week of days, a month of weeks, a year of months, a decade of years."""


class TimelinePane(TypesAhead, Widget, can_focus=True):
    """Histogram, axis, cursor, and the passages of the bucket under the cursor."""

    BINDINGS = [
        Binding("left", "move(-1)", "← day", show=False),
        Binding("right", "move(1)", "day →", show=False),
        Binding("shift+left", "jump(-1)", "Week back", show=False),
        Binding("shift+right", "jump(1)", "Week on", show=False),
        Binding("home", "edge(-1)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("shift+up", "zoom(-1)", "Zoom in", key_display="⇧↑", show=True),
        Binding("shift+down", "zoom(1)", "Zoom out", key_display="⇧↓", show=True),
        Binding("up", "passage(-1)", "Passage up", show=False),
        Binding("down", "passage(1)", "Passage down", show=False),
        Binding("enter", "open", "Open passage", show=True),
        Binding("ctrl+space,ctrl+@", "mark", "Mark range", key_display="^space", show=True),
        Binding("escape", "cancel_mark", "Cancel", show=False),
    ]
    """Keys that cannot be part of a query: every printable key starts a search, which
    narrows the passages (see :meth:`check_consume_key`)."""

    @dataclass
    class PassageOpened(Message):
        """Open the reader at this date mention."""

        mention: DateMention

    @dataclass
    class PassagesWanted(Message):
        """The passages of the bucket first..last are to be listed: the dates of a day in it,
        and with ``months`` the months (or ranges within a month) that start in it. ``chart``
        numbers the timeline they are of (``show_passages`` hands it back)."""

        first: date
        last: date
        months: bool
        chart: int

    @dataclass
    class TypedAhead(Message):
        """A printable key typed here: the start of a search ("\n": Enter, "\b": Backspace,
        typed on before the search bar had the focus)."""

        character: str

    @dataclass
    class RangeChosen(Message):
        """Filter results and entities to documents talking about a day in first..last."""

        first: date
        last: date

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.timeline: Timeline | None = None
        self.charted: Charted | None = None
        self.markdown_docs: frozenset[str] = frozenset()  # their headings read without "#"
        self.note = ""
        self.zoom: str | None = None  # None: fit the span to the width
        self.axis = Axis("day")
        self.cursor = 0
        self.window_start = 0
        self.cell = 1  # columns per bucket: wider when few buckets fill the pane
        self.selected = 0
        self.mark: int | None = None
        self.applied: tuple[date, date] | None = None
        self._cursor_day: date | None = None
        self.typing_ahead = False
        self.unplaced = False  # the cursor is past the axis, on the relative dates not placed
        self.chart_number = 0  # which timeline this is: passages of another are not shown
        self.passages: tuple[DateMention, ...] = ()
        self._passages_of: tuple[date, date, bool] | None = None  # the bucket they are of
        self._asked: tuple[date, date, bool] | None = None

    def on_mount(self) -> None:
        self.border_title = "Timeline"

    # -- from the screen ---------------------------------------------------------------------

    def show(self, charted: Charted, note: str, applied: tuple[date, date] | None) -> None:
        """Chart a timeline; ``note`` says what it shows; ``applied`` is the range filter."""
        self.charted, self.note, self.applied = charted, note, applied
        self.timeline = charted.timeline
        self.chart_number += 1
        self.passages, self._passages_of, self._asked = (), None, None
        self._rebuild(keep=self._cursor_day)

    def show_passages(
        self, first: date, last: date, months: bool, chart: int, passages: tuple[DateMention, ...]
    ) -> None:
        """The passages of a bucket, as asked (``PassagesWanted``); those of a bucket the
        cursor has left, or of another timeline, are dropped."""
        if chart != self.chart_number or (first, last, months) != self._asked:
            return
        self.passages, self._passages_of = passages, (first, last, months)
        self.selected = min(self.selected, max(0, len(passages) - 1))
        self.refresh()

    # -- layout ------------------------------------------------------------------------------

    @property
    def columns(self) -> int:
        return max(10, self.content_region.width or self.size.width or 80)

    def _rebuild(self, keep: date | None = None) -> None:
        if self.timeline is None:
            return
        if self.charted is None:
            return
        granularity = self.zoom or fitting_granularity(self.charted, self.columns)
        self.axis = build_axis(self.charted, granularity)
        if not len(self.axis):
            self.cursor = 0
        elif keep is not None:
            self.cursor = self.axis.index_of(keep)
        else:
            counts = self.axis.counts
            self.cursor = counts.index(max(counts))
        self.mark = None if self.mark is None or not len(self.axis) else self.mark
        self.unplaced = bool(self._unresolved) and (self.unplaced or not len(self.axis))
        self.selected = 0
        self._scroll()
        self._title()
        self.refresh()

    def on_resize(self, event: Resize) -> None:
        if self.zoom is None and self.timeline is not None:
            self._rebuild(keep=self._cursor_day)
        else:
            self._scroll()

    @property
    def visible(self) -> int:
        """How many buckets fit across the pane."""
        return max(1, self.columns // self.cell)

    def _scroll(self) -> None:
        self.cell = max(1, min(6, self.columns // max(1, len(self.axis))))
        width = self.visible
        if self.cursor < self.window_start:
            self.window_start = self.cursor
        elif self.cursor >= self.window_start + width:
            self.window_start = self.cursor - width + 1
        self.window_start = max(0, min(self.window_start, max(0, len(self.axis) - width)))
        self._cursor_day = self.axis.starts[self.cursor] if len(self.axis) else None
        self._ask()

    @property
    def _bucket(self) -> tuple[date, date, bool] | None:
        """The bucket under the cursor: its first and last day, and whether months count."""
        if not len(self.axis):
            return None
        index = self.cursor
        granularity = self.axis.granularity
        return self.axis.starts[index], self.axis.end_of(index), charts_months(granularity)

    def _ask(self) -> None:
        """Ask for the passages of the bucket under the cursor, once (a bucket of no date has
        none to ask for)."""
        bucket = self._bucket
        if bucket is None or bucket == self._asked:
            return
        self._asked = bucket
        if not self.axis.counts[self.cursor]:
            self.passages, self._passages_of = (), bucket
            return
        self.post_message(self.PassagesWanted(*bucket, self.chart_number))

    @property
    def loaded(self) -> bool:
        """Whether the passages of the bucket under the cursor are here."""
        return self._passages_of is not None and self._passages_of == self._bucket

    @property
    def _unresolved(self) -> tuple[DateMention, ...]:
        return self.timeline.unresolved if self.timeline is not None else ()

    @property
    def _mentions(self) -> tuple[DateMention, ...]:
        """The passages listed: the bucket's under the cursor (once they are here), or those
        not placed."""
        if self.unplaced:
            return self._unresolved
        return self.passages if self.loaded else ()

    def _title(self) -> None:
        parts = ["Timeline", self.axis.granularity]
        if len(self.axis):
            parts.append(f"{self.axis.starts[0]} → {self.axis.end_of(len(self.axis) - 1)}")
        if self.note:
            parts.append(self.note)
        if self._unresolved:
            parts.append(f"{len(self._unresolved)} not placed (→ at the end)")
        self.border_title = " · ".join(parts)
        if self.applied:
            self.border_subtitle = f"range {self.applied[0]} → {self.applied[1]} · ctrl+l clears"
        elif self.mark is not None:
            self.border_subtitle = "ctrl+space again to filter to the range · esc cancels"
        else:
            self.border_subtitle = "←/→ scrub · ⇧↑/⇧↓ zoom · ^space range · ⏎ open"

    # -- drawing -----------------------------------------------------------------------------

    def render(self) -> Content:
        width = self.columns
        height = max(1, self.content_region.height or self.size.height or 5)
        if self.timeline is None:
            return Content("reading the dates…").stylize(DIM)
        if not len(self.axis) and not self.unplaced:
            return Content("no dates to chart here").stylize(DIM)
        if not len(self.axis):
            lines = [Content(self._unplaced_info()).stylize("bold")]
            lines += self._passage_lines(width, height - 1)
            return Content("\n").join(lines[:height])
        bars = 2 if height >= 7 else 1
        lines = self._histogram(width, bars)
        lines.append(self._axis_line(width))
        lines.append(self._cursor_line(width))
        room = height - len(lines)
        if room > 0:
            lines += self._passage_lines(width, room)
        return Content("\n").join(lines[:height])

    def _window(self, width: int) -> range:
        buckets = max(1, width // self.cell)
        return range(self.window_start, min(len(self.axis), self.window_start + buckets))

    def _in_range(self, index: int) -> bool:
        if self.mark is not None:
            low, high = sorted((self.mark, self.cursor))
            return low <= index <= high
        if self.applied is not None:
            first, last = self.applied
            return first <= self.axis.starts[index] <= last
        return False

    def _histogram(self, width: int, rows: int) -> list[Content]:
        counts = self.axis.counts
        peak = max(counts) or 1
        levels = len(BLOCKS) - 1
        lines = []
        for row in range(rows - 1, -1, -1):
            cells = []
            for index in self._window(width):
                height = round(counts[index] / peak * levels * rows) if counts[index] else 0
                if counts[index]:
                    height = max(height, 1)
                cell = BLOCKS[max(0, min(levels, height - row * levels))]
                content = Content(cell * (self.cell - 1 if self.cell > 2 else self.cell))
                if self.cell > 2:
                    content = Content.assemble(content, " ")
                if index == self.cursor:
                    content = content.stylize("bold reverse" if cell == " " else "bold")
                elif self._in_range(index):
                    content = content.stylize("underline")
                cells.append(content)
            lines.append(Content("").join(cells))
        return lines

    def _axis_line(self, width: int) -> Content:
        window = list(self._window(width))
        cell = self.cell
        chars = ["·"] * (len(window) * cell)
        for major in (True, False):  # months (or years) first, then day numbers between
            for slot, index in enumerate(window):
                column = slot * cell
                label = self._label(self.axis.starts[index], index == window[0], major)
                if not label or column + len(label) > len(chars):
                    continue  # no room for the whole label: none ("Fe", "3" told nothing)
                # a dot each side: two labels run together ("OctNov", "Nov21") read as one
                if all(c == "·" for c in chars[max(0, column - 1) : column + len(label) + 1]):
                    chars[column : column + len(label)] = list(label)
        for slot, index in enumerate(window):
            if self.axis.published[index]:  # a document was published here
                spot = slot * cell + cell - 1
                if chars[spot] != "·" and chars[slot * cell] == "·":
                    spot = slot * cell
                if chars[spot] == "·":
                    chars[spot] = "•"
        line = Content("".join(chars)).stylize(DIM)
        for slot, index in enumerate(window):
            if self._in_range(index):
                line = line.stylize("reverse", slot * cell, (slot + 1) * cell)
        return line

    def _label(self, start: date, first: bool, major: bool) -> str:
        """Month names (years, by month; the decades' years, by year) where they begin; Mondays'
        day numbers by day."""
        granularity = self.axis.granularity
        if granularity == "year":  # each year where a bucket holds its number, else decades
            shown = first or start.year % 10 == 0 or self.cell >= 5
            return str(start.year) if major and shown else ""
        if granularity == "month":
            return str(start.year) if major and (start.month == 1 or first) else ""
        if granularity == "week":
            return start.strftime("%b") if major and (start.day <= 7 or first) else ""
        if major:
            return start.strftime("%b") if start.day == 1 or first else ""
        return str(start.day) if start.weekday() == 0 else ""

    def _unplaced_info(self) -> str:
        count = len(self._unresolved)
        docs = len({m.doc for m in self._unresolved})
        return (
            f"date unknown · {_count(count, 'relative date')} in {_count(docs, 'doc')}: not placed"
        )

    def _cursor_line(self, width: int) -> Content:
        if self.unplaced:
            column = min(width - 1, (len(self.axis) - self.window_start) * self.cell)
            return Content(_pointer_line(column, self._unplaced_info(), width))
        column = (self.cursor - self.window_start) * self.cell
        count = self.axis.counts[self.cursor]
        text = f"▲ {self._bucket_name(self.cursor)} · {_count(count, 'mention')}"
        if count and self.loaded:
            text += f" in {_count(len({m.doc for m in self.passages}), 'doc')}"
        published = self.axis.published[self.cursor]
        if published:
            text += f" · published: {', '.join(display(_short(d)) for d in published[:3])}"
        if self.mark is not None:
            low, high = sorted((self.mark, self.cursor))
            text += f" · range {self.axis.starts[low]} → {self.axis.end_of(high)}"
        return Content(_pointer_line(column, text[2:], width))

    def _bucket_name(self, index: int) -> str:
        start = self.axis.starts[index]
        if self.axis.granularity == "day":
            return start.strftime("%a %Y-%m-%d")
        if self.axis.granularity == "week":
            return f"week of {start.isoformat()}"
        if self.axis.granularity == "year":
            return str(start.year)
        return start.strftime("%B %Y")

    def _passage_lines(self, width: int, room: int) -> list[Content]:
        mentions = self._mentions
        if not mentions and not self.unplaced and self.axis.counts[self.cursor]:
            return [Content("  reading the passages…").stylize(DIM)]
        if not mentions:
            return [Content("  no passages mention this " + self.axis.granularity).stylize(DIM)]
        top = max(0, min(self.selected - room + 1, len(mentions) - room))
        top = min(top, self.selected)
        lines = []
        for number in range(top, min(len(mentions), top + room)):
            lines.append(self._passage(mentions[number], width, number == self.selected))
        return lines

    def _passage(self, mention: DateMention, width: int, selected: bool) -> Content:
        doc = display(_short(mention.doc))
        resolved = f"  {display(mention.text)} → {mention.value or 'date unknown'}"
        room = max(10, width - len(doc) - len(resolved) - 4)
        sentence = mention.sentence
        if mention.doc in self.markdown_docs:
            sentence = without_heading_marks(" ".join(sentence.split()))[0]
        sentence = display(" ".join(sentence.split()))
        where = sentence.find(display(mention.text))
        start = max(0, where - room // 3) if where > room // 2 else 0
        clipped = sentence[start : start + room]
        prefix = "…" if start else ""
        suffix = "…" if start + room < len(sentence) else ""
        body = Content(f"{doc}  {prefix}{clipped}{suffix}")
        if where >= 0:
            at = len(doc) + 2 + len(prefix) + where - start
            body = body.stylize("bold", at, at + len(mention.text))
        line = Content.assemble(body, Content(resolved).stylize(DIM))
        return line.stylize("reverse") if selected else line

    # -- keys --------------------------------------------------------------------------------

    def _go(self, index: int) -> None:
        past = index >= len(self.axis)
        if past and self._unresolved:
            if not self.unplaced:  # past the last bucket: the dates not placed
                self.unplaced, self.selected = True, 0
                self.refresh()
            return
        if self.unplaced:
            self.unplaced = False
            index = min(index, len(self.axis) - 1)
        if not len(self.axis):
            return
        self.cursor = max(0, min(len(self.axis) - 1, index))
        self.selected = 0
        self._scroll()
        self._title()
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.unplaced and step < 0:
            self._go(self.cursor)  # back onto the last bucket
            return
        self._go(self.cursor + step)

    def action_jump(self, direction: int) -> None:
        self._go(self.cursor + direction * JUMP[self.axis.granularity])

    def action_edge(self, direction: int) -> None:
        charted = [i for i, count in enumerate(self.axis.counts) if count]
        if direction > 0 and self._unresolved and (not charted or self.cursor == charted[-1]):
            self._go(len(self.axis))  # End on the last charted bucket: the dates not placed
        elif charted:
            self._go(charted[0] if direction < 0 else charted[-1])

    def action_zoom(self, direction: int) -> None:
        current = GRANULARITIES.index(self.axis.granularity)
        target = max(0, min(len(GRANULARITIES) - 1, current + direction))
        if target == current:
            self.notify(f"already at {self.axis.granularity}s", timeout=2)
            return
        self.zoom = GRANULARITIES[target]
        self.mark = None
        self._rebuild(keep=self._cursor_day)

    def action_passage(self, step: int) -> None:
        mentions = self._mentions
        if mentions:
            self.selected = max(0, min(len(mentions) - 1, self.selected + step))
            self.refresh()

    def action_open(self) -> None:
        mentions = self._mentions
        if mentions:
            self.post_message(self.PassageOpened(mentions[self.selected]))

    def action_mark(self) -> None:
        if not len(self.axis) or self.unplaced:
            return
        if self.mark is None:
            self.mark = self.cursor
        else:
            low, high = sorted((self.mark, self.cursor))
            self.mark = None
            self.post_message(self.RangeChosen(self.axis.starts[low], self.axis.end_of(high)))
        self._title()
        self.refresh()

    def action_cancel_mark(self) -> None:
        from textual.actions import SkipAction

        if self.mark is None:
            raise SkipAction()
        self.mark = None
        self._title()
        self.refresh()


def _pointer_line(column: int, info: str, width: int) -> str:
    """▲ at ``column`` (under the bucket it marks, whatever the text), ``info`` beside it: on
    its right if it fits, else on its left, else cut ("…") on the side with more room."""
    right, left = width - column - 2, column - 1
    if len(info) <= right:
        return " " * column + "▲ " + info
    if len(info) <= left:
        return " " * (column - len(info) - 1) + info + " ▲"
    if right >= left:
        return " " * column + "▲ " + _cut(info, right)
    return _cut(info, left) + " ▲"


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[: max(0, room - 1)] + "…"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _short(doc: str) -> str:
    """A document id short enough for a passage line: '000_78ab08e2a47d5cbc' -> '000'."""
    head = doc.split("_", 1)[0]
    return head if 2 <= len(head) <= 12 else doc[:12]
