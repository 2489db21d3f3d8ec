"""Keys handled one after another, as typed: a terminal (or tmux send-keys) delivers a fast
typist's keys all at once, and Textual hands each to the pane focused when it is read, before the
keys ahead of it have had their effect (an Enter's search, the document it opens, the focus move
that follows). Here a key that comes while an earlier one is still being handled waits: it goes
on once every message the earlier key caused is handled and nothing it started is awaited (the
screen says what it awaits: a search submitted with Enter, a document opened). Quit keys never
wait; Esc while something is awaited drops it and the keys waiting for it."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

PASS_AT_ONCE = frozenset({"ctrl+c", "ctrl+q"})
"""Keys that never wait behind others: quitting must work while anything runs."""
WAIT_LIMIT = 5.0
"""Seconds a key waits at most for what the screen awaits (a search that never ends must not
keep the keys forever)."""
POLL = 0.01
"""Seconds between looks at whether the screen still awaits something."""
ROUND_LIMIT = 0.5
"""Seconds at most for one round (a pane closed meanwhile never handles its queue)."""
SETTLE_ROUNDS = 30
"""Rounds at most of letting every pane handle its queue (a message passed on is one more)."""


def as_typed(event: events.Key) -> events.Key:
    """The key the person pressed: a newline is Enter. Keys sent before the terminal is in raw
    mode (tmux send-keys right after start) pass the tty's line discipline, which turns the
    Enter's carriage return into a newline (ICRNL), read as ctrl+j."""
    if event.key == "ctrl+j":
        return events.Key("enter", "\r")
    return event


class KeyQueue:
    """Holds the keys that arrive while one is being handled and sends them on in order."""

    def __init__(
        self, app: App[object], busy: Callable[[], bool], cancel: Callable[[], None]
    ) -> None:
        self._app = app
        self._busy = busy  # the screen awaits something a key started
        self._cancel = cancel  # it stops awaiting it (Esc)
        self._held: deque[events.Key] = deque()
        self._passing: events.Key | None = None
        self._pump: asyncio.Task[None] | None = None
        self._empty = asyncio.Event()
        self._empty.set()

    def holds(self, event: events.Key) -> bool:
        """Whether ``event`` (a key just read) waits; if not, it is handled now as usual."""
        if event is self._passing:
            self._passing = None
            return False
        if event.key in PASS_AT_ONCE:
            return False
        if event.key == "escape" and self._busy():
            # Esc while a search or a document is awaited: it is dropped, with the keys
            # waiting for it, and Esc does what it does at once (leave the search bar).
            self._held.clear()
            self._cancel()
            return False
        running = self._pump is not None and not self._pump.done()
        if not running and not self._busy():
            self._start()  # it goes now; the next waits until it is handled
            return False
        self._held.append(events.Key(event.key, event.character))
        self._empty.clear()
        if not running:
            self._start()
        return True

    async def wait_empty(self) -> None:
        """Until every held key has been sent on and handled (for tests)."""
        await self._empty.wait()

    def _start(self) -> None:
        self._empty.clear()
        self._pump = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        try:
            while True:
                await self._settle()
                deadline = time.monotonic() + WAIT_LIMIT
                while self._busy() and time.monotonic() < deadline:
                    await asyncio.sleep(POLL)
                await self._settle()
                if not self._held or not self._app.is_running:
                    self._held.clear()
                    return
                self._passing = self._held.popleft()
                self._app.post_message(self._passing)
        finally:
            self._empty.set()

    async def _settle(self) -> None:
        """Until the app and every widget of the screen have handled their messages."""
        for _ in range(SETTLE_ROUNDS):
            try:
                nodes = [self._app, *self._app.screen.walk_children(with_self=True)]
            except Exception:  # no screen yet, or the app is closing
                return
            await _one_round(nodes)
            if not any(node._message_queue.qsize() for node in nodes):
                return


async def _one_round(nodes: list[MessagePump]) -> None:
    """Until each of ``nodes`` has handled the messages it holds now."""
    done = asyncio.Event()
    left = 0

    def count_down() -> None:
        nonlocal left
        left -= 1
        if left <= 0:
            done.set()

    for node in nodes:
        if node.call_later(count_down):
            left += 1
    if left:
        # A pane removed meanwhile drops its queue: do not wait for it.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), ROUND_LIMIT)
