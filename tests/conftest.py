"""Shared fixtures: every test gets its own HOME and XDG dirs; small corpora written on the fly."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.api import Collection, bundled_seeds

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """A suite started in the background by a non-interactive shell (``make test &``, a CI
    runner's job) inherits Ctrl-C ignored, and so would every process it starts: the tests
    that interrupt an indexer then found it running on and exiting 0. Ctrl-C is handled here
    as in a terminal, so the processes the tests start get it by default, as a user's do."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        path = home / name.lower()
        path.mkdir()
        monkeypatch.setenv(name, str(path))
    return home


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``quipu ARGV`` in this process: the exit code, stdout and stderr."""
    from index.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def corpus_options(corpus: Path, tmp_path: Path) -> list[str]:
    """``--corpus`` and an ``--index-dir`` of the test's own."""
    return ["--corpus", str(corpus), "--index-dir", str(tmp_path / "index")]


def write_corpus(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


SMALL_CORPUS = {
    "harbour.txt": (
        "Dockworkers strike at the northern harbour\n\n"
        "Maria Quispe 12 March 2021\n\n"
        "Dockworkers walked out on Monday, demanding higher wages. The strike closed the port of "
        "Valparaíso for the first time in a decade.\n\n"
        "The union leader, Tomás Ñúñez, said the state of emergency declared by the governor "
        "would not stop the protests.\n"
    ),
    "mines.md": (
        "---\ntitle: Copper output falls\nauthor: J. Smith\ndate: 2021-04-02\nsource: Wire\n---\n"
        "Copper output fell sharply as protesters blockaded the mine road.\n\n"
        "Analysts expect prices to rise while the blockade lasts.\n"
    ),
    "archive/letters.txt": (
        "Letters from the valley\n\n"
        "By Ana Beltrán\n\n"
        "The farmers protested quietly, writing letters to the ministry about water rights.\n"
    ),
}


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", SMALL_CORPUS)


@pytest.fixture
def small_collection(small_corpus: Path, tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(small_corpus, tmp_path / "index")
    collection.update()
    yield collection
    collection.close()


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index of the bundled seeds, built once per test session."""
    index_dir = tmp_path_factory.mktemp("seeds-index")
    Collection(bundled_seeds(), index_dir).update()
    return index_dir


@pytest.fixture
def seeds_collection(seeds_index: Path) -> Iterator[Collection]:
    collection = Collection(bundled_seeds(), seeds_index)
    yield collection
    collection.close()


@pytest.fixture
def app(seeds_index: Path) -> Any:
    """The reader on the seeds (its index built once per session)."""
    from tui.app import QuipuApp

    return QuipuApp(Collection(bundled_seeds(), seeds_index), show_timings=False)


def screen_of(pilot: Any) -> Any:
    """The reader screen a Pilot drives (asserted to be it)."""
    from tui.screens.reader import ReaderScreen

    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def wait_for_workers(app: Any) -> None:
    """Until no worker runs. Not Textual's ``workers.wait_for_complete``: it raises when a worker
    it waits for is cancelled, and an exclusive worker is cancelled whenever a newer one of its
    group starts (the second IndexReady of a changed corpus asks for the entities and the
    timeline again while the first ones still run); a worker that fails still raises."""
    from textual.worker import WorkerCancelled, WorkerState

    while running := [
        w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)
    ]:
        for worker in running:
            with contextlib.suppress(WorkerCancelled):  # a newer one of its group took its place
                await worker.wait()


async def settle(pilot: Any) -> None:
    """Wait until every worker is done and every message handled (never sleep)."""
    for _ in range(3):
        await wait_for_workers(pilot.app)
        keys = getattr(pilot.app, "keys", None)
        if keys is not None:
            await keys.wait_empty()  # the keys held while others were handled: all sent on
        await pilot.pause()


def f1_score(label: str, pairs: list[tuple[set[Any], set[Any]]]) -> float:
    """Precision, recall and F1 of found against expected items, summed over pairs; printed."""
    true_positive = sum(len(expected & found) for expected, found in pairs)
    predicted = sum(len(found) for _, found in pairs)
    gold = sum(len(expected) for expected, _ in pairs)
    precision, recall = true_positive / max(predicted, 1), true_positive / max(gold, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"\n{label}: precision {precision:.2f}  recall {recall:.2f}  F1 {f1:.2f}")
    return f1


async def burst(pilot: Any, *keys: str) -> None:
    """Send ``keys`` as a terminal delivers a fast typist's (or tmux send-keys') keys: all
    queued at once, none handled before the last is sent. (``pilot.press`` lets the app go idle
    between keys.) Then wait for them all to be handled."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    driver = pilot.app._driver
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        original = REPLACED_KEYS.get(key, key)
        try:
            character: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
        except KeyError:
            character = key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()
