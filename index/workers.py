"""Extraction worker processes that live no longer than the process that started them.

A pool's workers are separate processes: when the indexer is killed they are handed to init
and wait for work forever (and the resource tracker with them, as they hold its pipe). So each
worker, as it starts, asks the kernel to kill it when its parent dies (Linux's parent-death
signal) and watches its parent itself (elsewhere, and for a parent that died before the signal
was asked for). Ctrl-C is the parent's to handle: workers ignore it, and the parent stops them
at once (``stop``) instead of waiting for the batches they are on.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

WATCH_SECONDS = 0.25
"""How often a worker looks for its parent where the kernel does not tell it."""


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes tied to this one."""
    import multiprocessing

    # spawn, not fork: the reader indexes from a thread, and forking threads is unsafe.
    return ProcessPoolExecutor(
        workers,
        multiprocessing.get_context("spawn"),
        initializer=tie_to_parent,
        initargs=(os.getpid(),),
    )


def submit(executor: ProcessPoolExecutor, fn: Callable[..., T], *args: Any) -> Future[T]:
    """``executor.submit``, with Ctrl-C held back while it spawns a worker: the worker starts
    with it blocked (a mask survives exec), so one pressed while it boots is not a traceback
    from its imports; here it is only delayed, to the end of the call."""
    with _interrupts_held():
        return executor.submit(fn, *args)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def tie_to_parent(parent: int) -> None:
    """In a worker, first: die with ``parent``; leave Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _parent_death_signal()
    if os.getppid() != parent:  # died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def stop(executor: ProcessPoolExecutor) -> None:
    """Stop a pool at once: its workers are killed, not waited for, and queued work dropped.
    The pool's own threads then write to pipes nobody reads: with SIGPIPE at its default (the
    CLI's, to die quietly under ``| head``) that would kill this process, so it is ignored
    until the pool is shut down (its threads joined)."""
    with _broken_pipes_ignored():
        processes = list((getattr(executor, "_processes", None) or {}).values())
        for process in processes:
            with contextlib.suppress(Exception):
                process.kill()
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(5)
        # A worker killed while sending a result leaves it cut off, and the pool's thread
        # reading it waits for the rest; one feeding work waits on a full pipe. Only this
        # process still holds their other ends (kept to pass to new workers): closed, the
        # reader sees the end of the pipe and the feeder a broken one, and both stop.
        ends: list[Any] = [
            getattr(getattr(executor, "_result_queue", None), "_writer", None),
            getattr(getattr(executor, "_call_queue", None), "_reader", None),
        ]
        for end in ends:
            with contextlib.suppress(Exception):
                end.close()
        executor.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _broken_pipes_ignored() -> Iterator[None]:
    sigpipe = getattr(signal, "SIGPIPE", None)
    if sigpipe is None or threading.current_thread() is not threading.main_thread():
        yield  # signal handlers are the main thread's to set (the reader leaves it ignored)
        return
    previous = signal.signal(sigpipe, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(sigpipe, previous)


def tied_writer_tasks(writer: Any) -> Any:
    """Whoosh's multiprocess writer, its sub-writer processes tied to this one like the pool's
    workers (they wait on a queue forever when it dies); ``kill_writer_tasks`` stops them."""
    from whoosh.multiproc import SubWriterTask

    if not hasattr(writer, "_new_task") or not hasattr(writer, "tasks"):
        return writer
    parent = os.getpid()

    class TiedTask(SubWriterTask):  # type: ignore[misc]
        def run(self) -> None:
            tie_to_parent(parent)
            super().run()

    def new_task() -> Any:
        task = TiedTask(
            writer.storage,
            writer.indexname,
            writer.jobqueue,
            writer.resultqueue,
            writer.subargs,
            writer.multisegment,
        )
        writer.tasks.append(task)
        with _interrupts_held():
            task.start()
        return task

    writer._new_task = new_task
    return writer


def kill_writer_tasks(writer: Any) -> None:
    """Stop the sub-writers of a cancelled multiprocess writer (its own cancel cannot: it sets
    a flag on its copy of each, in this process)."""
    for task in getattr(writer, "tasks", ()):
        with contextlib.suppress(Exception):
            task.kill()
            task.join(5)
