"""Processes by pid, read from /proc (Linux): what a process started, and which of them are
still alive a while after it died. A process is known by its pid and its start time, so a pid
the system hands out again is not mistaken for the one listed."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import pytest

PROC = Path("/proc")

needs_proc = pytest.mark.skipif(not (PROC / "self" / "stat").exists(), reason="needs /proc")


def _stat(pid: int) -> tuple[int, str, str] | None:
    """(parent pid, state, start time) of a process, None when it is gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    return int(fields[1]), fields[0], fields[19]


def descendants(pid: int) -> dict[int, str]:
    """Every process below ``pid`` (children, their children...): pid -> start time."""
    table: dict[int, tuple[int, str, str]] = {}
    for entry in os.listdir(PROC):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            table[int(entry)] = stat
    found: dict[int, str] = {}
    parents = [pid]
    while parents:
        parent = parents.pop()
        for child, (ppid, _state, started) in table.items():
            if ppid == parent and child not in found:
                found[child] = started
                parents.append(child)
    return found


def alive(listed: dict[int, str]) -> dict[int, str]:
    """The listed processes still running (a zombie has ended: it only waits to be reaped)."""
    running = {}
    for pid, started in listed.items():
        stat = _stat(pid)
        if stat is not None and stat[2] == started and stat[1] not in ("Z", "X"):
            running[pid] = (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    return running


def survivors(listed: dict[int, str], within: float) -> dict[int, str]:
    """The listed processes still alive after up to ``within`` seconds (pid -> command line)."""
    deadline = time.monotonic() + within
    while (running := alive(listed)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return running


def kill_all(listed: dict[int, str]) -> None:
    """Clear up after a failing test: kill what is still alive of the listed processes."""
    for pid in alive(listed):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)


def wait_for_descendants(pid: int, count: int, within: float = 30.0) -> dict[int, str]:
    """Wait until ``pid`` has at least ``count`` processes below it; returns them."""
    deadline = time.monotonic() + within
    while len(found := descendants(pid)) < count:
        assert time.monotonic() < deadline, f"process {pid} started {len(found)} of {count}"
        time.sleep(0.02)
    return found
