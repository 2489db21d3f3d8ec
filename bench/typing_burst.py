"""What typing a query costs the reader: `python -m bench.typing_burst CORPUS INDEX_DIR`.

Types "lima protest" (or ``--text``) into the reader's search bar one key at a time, either all
keys at once as a fast typist's terminal delivers them (``--pace 0``) or one every ``--pace``
seconds (above the search bar's debounce, each key is searched as typed), with the entity
sidebar on the results' scope so that the results, the entities and the timeline all follow
the query. Counts what the keys cost the index (searches, matchings, parses, entity and
timeline loads) and times the last key to the moment the last pane took its answer (the
debounce included). Run it on a quiet machine when the number matters; it is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

COUNTED_FUNCTIONS = ("parse", "run_search", "matching_doc_ids")
"""index.engine.search functions: a parse of a query, a ranked search, an unranked matching."""
COUNTED_METHODS = ("search", "matching", "entities", "timeline", "docs_mentioning")
"""Collection methods the reader calls (some call others)."""
SHOWN = (
    "on_reader_screen_search_completed",
    "on_reader_screen_timeline_loaded",
    "on_reader_screen_entities_loaded",
)
"""The handlers that put an answer on a pane."""


def _counting(counts: Counter[str], name: str, function: Callable[..., Any]) -> Any:
    def counted(*args: Any, **kwargs: Any) -> Any:
        counts[name] += 1
        return function(*args, **kwargs)

    return counted


def instrument(counts: Counter[str], shown: list[tuple[str, float]]) -> None:
    from index.api import Collection
    from index.engine import search
    from tui.screens.reader import ReaderScreen

    for name in COUNTED_FUNCTIONS:
        setattr(search, name, _counting(counts, name, getattr(search, name)))
    for name in COUNTED_METHODS:
        if hasattr(Collection, name):
            setattr(Collection, name, _counting(counts, name, getattr(Collection, name)))
    for name in SHOWN:
        handler = getattr(ReaderScreen, name)

        def timed(self: Any, message: Any, handler: Any = handler, name: str = name) -> Any:
            outcome = handler(self, message)
            shown.append((name, time.perf_counter()))
            return outcome

        setattr(ReaderScreen, name, timed)


async def type_query(corpus: Path, index_dir: Path, text: str, pace: float) -> dict[str, Any]:
    from textual import events
    from textual.worker import WorkerState

    from index.api import Collection
    from tui.app import QuipuApp
    from tui.screens.reader import ReaderScreen
    from tui.widgets.search_box import SearchBox

    counts: Counter[str] = Counter()
    shown: list[tuple[str, float]] = []
    instrument(counts, shown)
    app = QuipuApp(Collection(corpus, index_dir), show_timings=False)

    async def idle() -> None:
        for _ in range(3):
            while [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]:
                await asyncio.sleep(0.005)
            await pilot.pause()

    async with app.run_test(size=(120, 35)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        while not screen._index_ready:
            await asyncio.sleep(0.01)
        await idle()
        screen.entity_scope = "hits"  # the entities of the results follow the query
        await pilot.press("ctrl+f")
        await idle()
        counts.clear()
        shown.clear()
        driver = app._driver
        assert driver is not None
        for number, character in enumerate(text):
            key = "space" if character == " " else character
            event = events.Key(key, character)
            event.set_sender(app)
            driver.send_message(event)
            if pace and number < len(text) - 1:
                await asyncio.sleep(pace)
        box = screen.query_one(SearchBox)
        while box.value != text:  # the last key handled (a loaded machine takes its time)
            await asyncio.sleep(0.002)
        last_key = time.perf_counter()
        while screen.state.text != text or screen._results_for != screen.state:
            await asyncio.sleep(0.01)  # the debounce, then the search
        await idle()
        final = screen.state
        settled = max((at for _, at in shown), default=last_key)
        return {
            "text": text,
            "pace_s": pace,
            "counts": dict(sorted(counts.items())),
            "panes_filled": dict(Counter(name.rsplit("_", 2)[-2] for name, _ in shown)),
            "last_key_to_settled_ms": round((settled - last_key) * 1000, 1),
            "results_of_last_query": screen._results_for == final,
            "total": screen.results.total if screen.results else None,
        }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.typing_burst")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--text", default="lima protest")
    parser.add_argument("--pace", type=float, default=0.0, help="seconds between keys (0: burst)")
    args = parser.parse_args()
    outcome = asyncio.run(type_query(args.corpus, args.index_dir, args.text, args.pace))
    print(json.dumps(outcome))


if __name__ == "__main__":
    main()
