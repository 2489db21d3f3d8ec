"""Terminal presentation for the CLI: highlighted text on a terminal, plain text when piped.

The only module of ``index/`` allowed to use Rich, and only lazily, for the progress bar of
``quipu index`` on a terminal. Highlighting is plain SGR (reverse video shows with NO_COLOR).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from index.models import Snippet
from index.sanitize import display

REVERSE = "\x1b[7m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RESET = "\x1b[0m"


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM", "") != "dumb"
    except (AttributeError, ValueError):
        return False


class Styler:
    """Wraps text in SGR codes on a terminal, and does nothing when piped."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def style(self, text: str, code: str) -> str:
        return f"{code}{text}{RESET}" if self.enabled and text else text

    def snippet(self, snippet: Snippet) -> str:
        """The snippet with its spans in reverse video (the text itself made display-safe)."""
        parts = []
        cursor = 0
        for span in snippet.spans:
            parts.append(display(snippet.text[cursor : span.start]))
            parts.append(self.style(display(snippet.text[span.start : span.end]), REVERSE))
            cursor = span.end
        parts.append(display(snippet.text[cursor:]))
        return "".join(parts)


@contextmanager
def progress_bar(enabled: bool, label: str) -> Iterator[Callable[[int, int, str], None] | None]:
    """A Rich progress bar on stderr when ``enabled`` (a terminal); otherwise no callback."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=sys.stderr)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(display(label), total=None)

        def update(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total)

        yield update
