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
STOP_SECONDS = 2.0
"""How long a stopped pool's thread has to end by itself."""


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
    """Ctrl-C held back for the length of the block, then raised. It is blocked in this thread,
    so a process started meanwhile starts with it blocked (the mask survives fork and exec).
    That alone does not hold it: another thread of this process (a pool's, a queue's) takes
    the signal, and Python then runs the handler in the main thread at any point, the hooks
    of a fork included, where the KeyboardInterrupt is lost ("Exception ignored") and the
    indexer runs on. So the handler meanwhile only notes it."""
    pending: list[int] = []
    previous: Any = None
    if (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler
    ):
        previous = signal.signal(signal.SIGINT, lambda number, _frame: pending.append(number))
    held = None
    if hasattr(signal, "pthread_sigmask"):
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if held is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        if pending:
            raise KeyboardInterrupt


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
        # reading it waits for the rest. Only this process still holds the pipe's other end
        # (kept to pass to new workers): closed, that thread sees the end of the pipe. Nothing
        # else closes that end before the shutdown below has joined the thread.
        results = getattr(executor, "_result_queue", None)
        with contextlib.suppress(Exception):
            results._writer.close()  # type: ignore[union-attr]
        # The pool's thread, finding its workers dead, closes the work pipe's reading end
        # itself (the thread feeding work may wait on it, full) and ends. Closed here as well,
        # at the same time, the same descriptor was closed twice: "Bad file descriptor" in
        # that thread (1 Ctrl-C in 60), or worse, another file's descriptor closed. So here
        # only if the thread has not ended in a while (a Python whose pool does not close it).
        manager = getattr(executor, "_executor_manager_thread", None)
        work = getattr(executor, "_call_queue", None)
        executor.shutdown(wait=False, cancel_futures=True)
        if manager is not None:
            manager.join(STOP_SECONDS)
            if manager.is_alive():
                with contextlib.suppress(Exception):
                    work._reader.close()  # type: ignore[union-attr]
                manager.join()
        if results is not None:
            results.close()


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
    a flag on its copy of each, in this process). Before the writer's cancel: that deletes
    the batches a sub-writer may be reading (a traceback from it). Their queues' threads may
    wait on pipes nobody reads any more: they are not waited for at exit (a hang, 2 in 25)."""
    for task in getattr(writer, "tasks", ()):
        with contextlib.suppress(Exception):
            task.kill()
            task.join(5)
    for name in ("jobqueue", "resultqueue"):
        with contextlib.suppress(Exception):
            getattr(writer, name).cancel_join_thread()
