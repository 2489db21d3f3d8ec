"""The reader in a real pseudo-terminal, on documents full of escape sequences and markup: what
reaches the terminal is quipu's drawing, never the document's codes."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from conftest import ROOT
from hostile import ESCAPES, MARKUP
from index.api import Collection, bundled_seeds

# The reader in a pseudo-terminal, read until quiet: run alone (see Makefile).
pytestmark = pytest.mark.serial

FORBIDDEN = [
    re.compile(rb"\x1b\]52;"),  # clipboard write
    re.compile(rb"\x1b\]8;[^\x07\x1b]*passwd"),  # a hidden link to the document's target
    re.compile(rb"\x1b\][012];[^\x07\x1b]*PWNED"),  # the document retitling the window
    re.compile(rb"\x1bP1\$q"),  # the document's DCS query
    re.compile(rb"\xc2\x9b"),  # a C1 CSI
    re.compile(rb"\x1b\[2J\x1b\[H\x1bP"),  # the document's clear-screen run
]

CURSOR_MOVES = re.compile(rb"\x1b\[[0-9;?<>$]*[A-Za-z]")
"""quipu's own drawing codes, removed to read the text on screen."""


def run_in_pty(
    argv: list[str], size: tuple[int, int], keys: list[bytes], at_start: tuple[bytes, ...] = ()
) -> tuple[bytes, int]:
    """Run ``argv`` on a pty of ``size`` (columns, rows), writing ``at_start`` at once (no
    pauses, before the app has drawn anything), then typing ``keys`` a beat apart."""
    columns, rows = size
    winsize = struct.pack("HHHH", rows, columns, 0, 0)
    pid, fd = pty.fork()
    if pid == 0:  # the child: size its terminal, then become the app
        fcntl.ioctl(0, termios.TIOCSWINSZ, winsize)
        os.environ.update(
            {
                "TERM": "xterm-256color",
                "COLORTERM": "truecolor",
                "COLUMNS": str(columns),  # what a test runner may have set must not win
                "LINES": str(rows),
            }
        )
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, *argv])
    output = bytearray()
    for chunk in at_start:
        os.write(fd, chunk)

    def drain(seconds: float, quiet: float, answer: bool = True) -> None:
        """Read until the app has been quiet for ``quiet`` seconds (at most ``seconds``): after
        its first output when it must ``answer`` (it starts, it quits), else from now (a key
        that changes nothing on screen draws nothing: the 20x5 notice)."""
        deadline = time.monotonic() + seconds
        last = None if answer else time.monotonic()
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                if last is not None and time.monotonic() - last > quiet:
                    return
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            output.extend(chunk)
            last = time.monotonic()

    drain(8.0, quiet=0.8)
    for key in keys:
        os.write(fd, key)
        drain(2.0, quiet=0.4, answer=False)
    os.write(fd, b"\x11")  # ctrl+q: q is text where the focus may be (the results)
    drain(5.0, quiet=1.0)
    status = _wait_or_kill(pid, 30.0)
    os.close(fd)
    return bytes(output), os.waitstatus_to_exitcode(status)


def _wait_or_kill(pid: int, seconds: float) -> int:
    """The child's exit status; a child still running after ``seconds`` is killed (the test
    then fails on its exit code instead of hanging the suite)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("pty")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "escapes.txt").write_text(
        f"Escape {ESCAPES} title\n\nBody {ESCAPES} and {MARKUP} end.\n", encoding="utf-8"
    )
    (corpus / "markup.md").write_text(f"{MARKUP}\n\nMore {MARKUP} text.\n", encoding="utf-8")
    index_dir = root / "index"
    Collection(corpus, index_dir).update()
    return corpus, index_dir


@pytest.mark.parametrize("size", [(120, 35), (20, 5)], ids=["120x35", "20x5"])
def test_no_document_code_reaches_the_terminal(
    hostile_corpus: tuple[Path, Path], size: tuple[int, int]
) -> None:
    corpus, index_dir = hostile_corpus
    argv = ["-m", "tui", "--corpus", str(corpus), "--index-dir", str(index_dir)]
    keys = [b"/", b"Escape", b"\r", b"\r", b"n", b"\x1b"]  # search, open, next hit, back
    output, code = run_in_pty(argv, size, keys)
    for pattern in FORBIDDEN:
        assert not pattern.search(output), pattern.pattern
    assert code == 0
    assert b"\x1b[?1049l" in output  # the alternate screen is left: the terminal is restored
    visible = CURSOR_MOVES.sub(b"", output)
    if size == (120, 35):
        assert "␛]52;c;".encode() in visible  # the codes were shown, as text
        assert b"[link=file:///etc/passwd]" in visible  # markup shown literally
    else:
        assert b"The terminal is too" in visible  # it says so instead of drawing panes


HIT = re.compile(rb"hit (\d+)/(\d+)")


def test_the_readme_recipe_at_full_speed_right_after_start(tmp_path: Path) -> None:
    """README's tmux recipe as tmux sends it: three writes, no pauses, the first before the app
    has put the terminal in raw mode (the tty turns that Enter into a newline)."""
    index_dir = tmp_path / "index"
    collection = Collection(bundled_seeds(), index_dir)
    collection.update()
    results = collection.search("Kenna", limit=20)
    first = results.hits[0]
    document = collection.document(first.doc)
    hits = sorted(collection.highlight(document.text, results), key=lambda s: s.start)
    inside = [n for n, h in enumerate(hits) if first.passage.start <= h.start < first.passage.end]
    expected = f"hit {(inside[0] + 1) % len(hits) + 1}/{len(hits)}".encode()
    collection.close()
    argv = ["-m", "tui", "--index-dir", str(index_dir)]
    output, code = run_in_pty(argv, (120, 35), [], at_start=(b"Kenna\r", b"\r", b"n"))
    assert code == 0
    visible = CURSOR_MOVES.sub(b"", output)
    assert b"Kennan" not in visible  # neither the Enter nor the n edited the query
    shown = HIT.findall(visible)
    assert shown, "no hit shown"
    assert b"hit %s/%s" % shown[-1] == expected
