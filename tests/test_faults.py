"""Index faults: killed and interrupted indexers, two indexers at once, a read-only index, a full
disk, damaged segment and TOC files. Each must leave a searchable index or one line that says
what to do, never a traceback or a hang."""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, write_corpus
from processes import descendants, kill_all, needs_proc, survivors, wait_for_descendants

# Most of these stop a process at a chosen point of its work (a progress count, a method
# called), which load does not move: they run on every core. The few timed ones, or stopped
# after a while, are marked serial: `make test` runs them alone (see Makefile).

OLD = {
    f"old{i}.txt": f"Old report {i}\n\nThe harbour strike of Callao, part {i}.\n" for i in range(6)
}
NEW = {
    f"new{i}.txt": f"New report {i}\n\nA railway blockade near Cusco, part {i}.\n" for i in range(6)
}


def quipu(*argv: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        **kwargs,  # type: ignore[arg-type]
    )


def python(script: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        **kwargs,  # type: ignore[arg-type]
    )


def cli(*argv: str) -> tuple[int, str, str]:
    """``quipu ARGV`` run in this process: the exit code, stdout and stderr. The next command
    after a fault, as a new process would run it, less Python's start-up (the processes
    stopped or faulted are the ones started anew)."""
    from index.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def found(corpus: Path, index_dir: Path, query: str) -> set[str]:
    """The documents a search finds, through the CLI (which first brings the index up to date)."""
    where = ("--corpus", str(corpus), "--index-dir", str(index_dir))
    code, out, err = cli("search", query, "--json", "--limit", "50", *where)
    assert code in (0, 1), err
    assert "Traceback" not in err
    return {hit["doc"] for hit in json.loads(out)["hits"]}


def indexed(root: Path, files: dict[str, str], *flags: str) -> float:
    """``root``/corpus of ``files`` and ``root``/index, built by ``quipu index`` (in a home of
    its own: built once for the tests of the module, which each work on a copy), and how long
    building it took. With ``flags`` (``--rebuild``), the corpus is there already."""
    corpus, index_dir = root / "corpus", root / "index"
    if not flags:
        write_corpus(corpus, files)
    home = root / "home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home)}
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    began = time.perf_counter()
    where = ("--corpus", str(corpus), "--index-dir", str(index_dir))
    built = quipu("index", *flags, *where, env=env)
    assert built.returncode == 0, built.stderr
    return time.perf_counter() - began


def copy_of(root: Path, to: Path) -> tuple[Path, Path]:
    """A test's own copy of the corpus and index ``indexed`` built under ``root``: the files
    keep their sizes and modification times, by which the index knows them unchanged."""
    for name in ("corpus", "index"):
        shutil.copytree(root / name, to / name, copy_function=shutil.copy2)
    return to / "corpus", to / "index"


@pytest.fixture(scope="module")
def old_indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("old")
    indexed(root, OLD)
    return root


@pytest.fixture
def built(old_indexed: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A corpus with an index of its six old documents, and six new files not yet indexed."""
    corpus, index_dir = copy_of(old_indexed, tmp_path)
    write_corpus(corpus, NEW)
    return corpus, index_dir


def interrupted_update(corpus: Path, index_dir: Path, at: int, how: str) -> int:
    """Update the index in a child process that dies (SIGKILL, SIGTERM) or is interrupted
    (Ctrl-C) when ``at`` files have been read (``at`` = the number of files: at the commit)."""
    script = f"""
        import os, signal
        from pathlib import Path
        from index.build import update_index

        def progress(done, total, path):
            if done == {at}:
                if {how!r} == "ctrl-c":
                    raise KeyboardInterrupt
                os.kill(os.getpid(), signal.{"SIGKILL" if how == "kill" else "SIGTERM"})

        update_index(Path({str(corpus)!r}), Path({str(index_dir)!r}), progress=progress)
        """
    return python(script).returncode


@pytest.mark.parametrize("how", ["kill", "term", "ctrl-c"])
@pytest.mark.parametrize("at", [0, 3, 6])
def test_an_interrupted_indexer_leaves_the_last_index_and_the_next_run_completes(
    built: tuple[Path, Path], at: int, how: str
) -> None:
    corpus, index_dir = built
    code = interrupted_update(corpus, index_dir, at, how)
    assert code != 0
    # The last committed index still answers (read directly, without updating it).
    script = f"""
        from pathlib import Path
        from index.api import Collection
        c = Collection(Path({str(corpus)!r}), Path({str(index_dir)!r}))
        print(sorted(h.doc for h in c.search("harbour", 50).hits))
        """
    direct = python(script)
    assert direct.returncode == 0, direct.stderr
    assert direct.stdout.strip() == str(sorted(f"old{i}" for i in range(6)))
    # The next command completes the update, with no manual cleanup.
    assert found(corpus, index_dir, "railway") == {f"new{i}" for i in range(6)}
    assert found(corpus, index_dir, "harbour") == {f"old{i}" for i in range(6)}


@pytest.mark.serial  # timed: the lock's wait, and a search that does not wait
def test_a_second_indexer_waits_then_names_the_holder(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import time
            from pathlib import Path
            from whoosh import index
            from index.build import _writer
            w = _writer(index.open_dir({str(index_dir)!r}), Path({str(index_dir)!r}), 5)
            print("locked", flush=True)
            time.sleep(30)
            """),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        began = time.perf_counter()
        second = quipu("index", "--corpus", str(corpus), "--index-dir", str(index_dir))
        waited = time.perf_counter() - began
        assert second.returncode == 3
        assert f"process {holder.pid}" in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1 and "Traceback" not in second.stderr
        assert 4 < waited < 20
        # A search meanwhile answers from the last commit at once, without waiting.
        began = time.perf_counter()
        assert found(corpus, index_dir, "harbour") == {f"old{i}" for i in range(6)}
        assert time.perf_counter() - began < 4.5  # the lock wait is 5 s: it was not waited for
    finally:
        holder.kill()
        holder.wait()
    assert found(corpus, index_dir, "railway") == {f"new{i}" for i in range(6)}


def test_searching_does_not_write_to_the_index(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    found(corpus, index_dir, "harbour")  # brings the index up to date
    before = {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()}
    if os.geteuid() != 0:  # root ignores permissions: then the unchanged files are the check
        for path in [index_dir, *index_dir.iterdir()]:
            path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        assert found(corpus, index_dir, "railway") == {f"new{i}" for i in range(6)}
        assert quipu(
            "entities", "--corpus", str(corpus), "--index-dir", str(index_dir), "--json"
        ).returncode in (0, 1)
    finally:
        for path in [index_dir, *index_dir.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()} == before


def _small_disk() -> None:
    """In the child: files may not grow past 64 KiB, and that fails a write (not the process)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


@pytest.mark.serial  # timed: the next run completes at once
def test_a_full_disk_gives_one_line_keeps_the_index_and_frees_the_lock(
    built: tuple[Path, Path],
) -> None:
    corpus, index_dir = built
    words = " ".join(f"railway{i}" for i in range(60_000))
    (corpus / "big.txt").write_text(f"Big report\n\n{words}\n", encoding="utf-8")
    full = quipu(
        "index", "--corpus", str(corpus), "--index-dir", str(index_dir), preexec_fn=_small_disk
    )
    assert full.returncode == 4, full.stderr
    assert str(index_dir) in full.stderr
    assert len(full.stderr.strip().splitlines()) == 1 and "Traceback" not in full.stderr
    # The old index answers; the lock is free: the next run (with room) completes at once.
    began = time.perf_counter()
    assert found(corpus, index_dir, "railway") == {f"new{i}" for i in range(6)}
    assert found(corpus, index_dir, "railway59999") == {"big"}
    assert time.perf_counter() - began < 20
    assert found(corpus, index_dir, "harbour") == {f"old{i}" for i in range(6)}


def test_an_unwritable_cache_dir_is_one_line(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", OLD)
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    result = quipu("index", "--corpus", str(corpus), "--index-dir", str(blocked / "index"))
    assert result.returncode == 4
    assert str(blocked) in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("damage", ["segment", "toc", "newer-toc", "lost-documents"])
def test_a_damaged_index_is_reported_with_the_fix(built: tuple[Path, Path], damage: str) -> None:
    corpus, index_dir = built
    found(corpus, index_dir, "harbour")
    if damage == "segment":
        damaged = [*index_dir.glob("*.seg"), *index_dir.glob("*.pst"), *index_dir.glob("*.trm")]
        assert damaged
        for segment in damaged:
            segment.write_bytes(b"\x00garbage" * 64)
    elif damage == "toc":
        for toc in index_dir.glob("_MAIN_*.toc"):
            toc.write_bytes(b"not a table of contents")
    elif damage == "newer-toc":
        (index_dir / "_MAIN_999.toc").write_bytes(b"\x80stray newer generation")
    else:  # an index that opens but lost documents the manifest lists (for this generation:
        # a generation the manifest does not know is a writer killed after its commit, rebuilt)
        script = f"""
            import sqlite3
            from pathlib import Path
            from whoosh import index
            ix = index.open_dir({str(index_dir)!r})
            w = ix.writer()
            w.delete_by_term("doc", "old1")
            w.commit()
            database = sqlite3.connect(Path({str(index_dir)!r}) / "quipu.sqlite")
            database.execute(
                "UPDATE meta SET value = ? WHERE key = 'generation'",
                (str(ix.latest_generation()),),
            )
            database.commit()
            """
        assert python(script).returncode == 0
    result = quipu("search", "harbour", "--corpus", str(corpus), "--index-dir", str(index_dir))
    assert result.returncode == 3, (result.returncode, result.stderr)
    assert "quipu index --rebuild" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    rebuilt = quipu("index", "--rebuild", "--corpus", str(corpus), "--index-dir", str(index_dir))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert found(corpus, index_dir, "harbour") == {f"old{i}" for i in range(6)}


def test_files_that_change_or_vanish_while_indexing(tmp_path: Path) -> None:
    from index.build import update_index

    corpus = write_corpus(tmp_path / "corpus", OLD)
    index_dir = tmp_path / "index"

    def meddle(done: int, total: int, path: str) -> None:
        if done == 1:
            (corpus / "old4.txt").unlink()  # vanishes before it is read
            (corpus / "old5.txt").write_text("Rewritten\n\nNow about a dockside vigil.\n")

    report = update_index(corpus, index_dir, progress=meddle)
    assert "old4.txt" in {s.path for s in report.skipped}
    again = update_index(corpus, index_dir)  # the next run picks the changes up
    assert again.removed == 1 or "old4.txt" not in {s.path for s in again.skipped}
    assert found(corpus, index_dir, "vigil") == {"old5"}
    assert "old4" not in found(corpus, index_dir, "harbour")


def test_non_utf8_locale_and_closed_pipes(seeds_index: Path) -> None:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    shown = subprocess.run(
        [sys.executable, "-m", "tui", "search", "Otárola", "--index-dir", str(seeds_index)],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    assert b"Traceback" not in shown.stderr
    piped = subprocess.run(
        f"{sys.executable} -m tui docs --index-dir {seeds_index} | head -1",
        shell=True,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert piped.stdout.count(b"\n") == 1 and piped.stderr == b""


def test_a_crash_in_the_reader_is_a_failing_exit_status(seeds_index: Path) -> None:
    script = f"""
        import sys
        from pathlib import Path
        from index.api import Collection, bundled_seeds
        from tui.app import QuipuApp
        from tui.screens.reader import ReaderScreen

        def boom(self):
            raise RuntimeError("a bug")

        ReaderScreen.on_mount = boom
        app = QuipuApp(Collection(bundled_seeds(), Path({str(seeds_index)!r})))
        app.run(headless=True)
        sys.exit(app.return_code or 0)
        """
    result = python(script)
    assert result.returncode == 1


LARGE = {
    f"report{i:03}.txt": (
        f"Field report {i}\n\nBy Maria Quispe {1 + i % 28} March {2000 + i % 20}\n\n"
        + " ".join(
            ("harbour", "strike", "railway", "Callao", "union", "wages", "copper")[(i * j) % 7]
            + f" w{(i + j) % 97}"
            for j in range(200)
        )
        + "\n"
    )
    for i in range(300)
}


def answers(corpus: Path, index_dir: Path) -> tuple[int, int]:
    """The search total for "harbour" and the number of documents listed, through the CLI."""
    where = ("--corpus", str(corpus), "--index-dir", str(index_dir))
    code, searched, err = cli("search", "harbour", "--json", *where)
    assert code == 0, err
    code, listed, err = cli("docs", "--json", *where)
    assert code == 0, err
    return json.loads(searched)["total"], len(json.loads(listed)["docs"])


def leftovers(index_dir: Path) -> list[str]:
    """What rebuilds left beside the index folder."""
    return sorted(p.name for p in index_dir.parent.iterdir() if p.name.startswith("."))


@dataclass(frozen=True, slots=True)
class Large:
    """A corpus of 300 documents and its index (a test's own copy), and what the index
    answers (``answers``) before the test changes anything."""

    corpus: Path
    index_dir: Path
    before: tuple[int, int]


@pytest.fixture(scope="module")
def large_indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[int, int]]:
    root = tmp_path_factory.mktemp("large")
    indexed(root, LARGE)
    with pytest.MonkeyPatch.context() as env:  # the home indexed() gave the build
        env.setenv("HOME", str(root / "home"))
        for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
            env.setenv(name, str(root / "home" / name.lower()))
        return root, answers(root / "corpus", root / "index")


@pytest.fixture
def large(large_indexed: tuple[Path, tuple[int, int]], tmp_path: Path) -> Large:
    root, before = large_indexed
    corpus, index_dir = copy_of(root, tmp_path)
    return Large(corpus, index_dir, before)


@pytest.fixture(scope="module")
def rebuild_time(
    large_indexed: tuple[Path, tuple[int, int]], tmp_path_factory: pytest.TempPathFactory
) -> float:
    """How long ``quipu index --rebuild`` of the 300 documents takes (on a copy of its own)."""
    root = tmp_path_factory.mktemp("timed")
    copy_of(large_indexed[0], root)
    return indexed(root, LARGE, "--rebuild")


@pytest.mark.serial  # stopped a while into the build, timed by the build
@pytest.mark.parametrize(("how", "after"), [("kill", 0.0), ("kill", 0.4), ("ctrl-c", 0.4)])
def test_a_killed_or_interrupted_rebuild_keeps_the_old_index(
    large: Large, rebuild_time: float, how: str, after: float
) -> None:
    corpus, index_dir, before = large.corpus, large.index_dir, large.before
    assert before[1] == 300
    rebuild = subprocess.Popen(
        [sys.executable, "-m", "tui", "index", "--rebuild"]
        + ["--corpus", str(corpus), "--index-dir", str(index_dir)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its extraction workers too are stopped at the end
    )
    try:
        deadline = time.monotonic() + 30
        while not (index_dir / "quipu-writer.pid").exists():  # it holds the lock: building
            assert rebuild.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(after * rebuild_time)  # a part of the way through the build
        started = descendants(rebuild.pid)  # its workers and their tracker, if started yet
        assert rebuild.poll() is None, "the rebuild finished before it could be stopped"
        rebuild.send_signal(signal.SIGKILL if how == "kill" else signal.SIGINT)
        rebuild.wait(30)
        assert survivors(started, within=3.0) == {}  # none left running, by pid
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(rebuild.pid, signal.SIGKILL)
        rebuild.wait()
    assert rebuild.returncode == (-signal.SIGKILL if how == "kill" else 130)
    if how == "ctrl-c":
        assert rebuild.stderr is not None and b"Traceback" not in rebuild.stderr.read()
        assert leftovers(index_dir) == []  # an interrupted rebuild clears up after itself
    # The old index answers as before; an update finds nothing to do; a rebuild completes and
    # clears what a killed one left.
    assert answers(corpus, index_dir) == before
    where = ("--corpus", str(corpus), "--index-dir", str(index_dir))
    assert "unchanged 300" in quipu("index", *where).stdout
    assert quipu("index", "--rebuild", *where).returncode == 0
    assert answers(corpus, index_dir) == before
    assert leftovers(index_dir) == []


def test_a_refused_rebuild_changes_nothing(large: Large) -> None:
    corpus, index_dir, before = large.corpus, large.index_dir, large.before
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import time
            from pathlib import Path
            from whoosh import index
            from index.build import _writer
            w = _writer(index.open_dir({str(index_dir)!r}), Path({str(index_dir)!r}), 5)
            print("locked", flush=True)
            time.sleep(30)
            """),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        script = f"""
            from pathlib import Path
            from index.build import update_index
            from index.errors import IndexBusyError
            try:
                update_index(Path({str(corpus)!r}), Path({str(index_dir)!r}), rebuild=True,
                             lock_wait=0.5)
            except IndexBusyError as error:
                print(error)
            """
        refused = python(script)
        assert refused.returncode == 0, refused.stderr
        assert f"being written by process {holder.pid}" in refused.stdout
        # While the lock is still held, searches answer as before.
        assert answers(corpus, index_dir) == before
    finally:
        holder.kill()
        holder.wait()
    assert answers(corpus, index_dir) == before
    assert leftovers(index_dir) == []


def test_a_rebuild_swaps_by_renames_where_directories_cannot_be_exchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index import build

    corpus, index_dir = write_corpus(tmp_path / "corpus", OLD), tmp_path / "index"
    build.update_index(corpus, index_dir)
    monkeypatch.setattr(build, "_exchange", lambda first, second: False)
    write_corpus(corpus, NEW)
    assert build.update_index(corpus, index_dir, rebuild=True).added == 12
    assert leftovers(index_dir) == []
    assert found(corpus, index_dir, "railway") == {f"new{i}" for i in range(6)}
    # Killed between the two renames: the old index is put back by the next writer.
    index_dir.rename(tmp_path / ".index.old-999999")
    report = build.update_index(corpus, index_dir)
    assert (report.added, report.unchanged) == (0, 12)
    assert leftovers(index_dir) == []
    assert found(corpus, index_dir, "harbour") == {f"old{i}" for i in range(6)}


def killed_after_the_commit(corpus: Path, index_dir: Path, at: str) -> int:
    """Update the index in a child killed (SIGKILL) after Whoosh committed, when it calls
    ``at`` (module.Class.method), a step of the database's transaction."""
    module, owner, method = at.rsplit(".", 2)
    script = f"""
        import os, signal
        from pathlib import Path
        from {module} import {owner}
        from index.build import update_index

        def killed(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)

        {owner}.{method} = killed
        update_index(Path({str(corpus)!r}), Path({str(index_dir)!r}))
        """
    return python(script).returncode


@pytest.mark.parametrize(
    "at",
    [
        "index.storage.extracts.Extracts.save",  # the database's commit
        "index.storage.store.Manifest.write",  # the manifest written in the transaction
        "index.storage.database.Transaction.commit",
    ],
)
def test_a_kill_after_the_commit_neither_duplicates_nor_sticks(
    built: tuple[Path, Path], at: str
) -> None:
    corpus, index_dir = built
    (corpus / "old0.txt").unlink()
    (corpus / "old1.txt").write_text("Old report 1\n\nA dockside vigil, rewritten.\n")
    assert killed_after_the_commit(corpus, index_dir, at) == -signal.SIGKILL
    where = ("--corpus", str(corpus), "--index-dir", str(index_dir))
    for _ in range(2):  # the first command repairs the index; the next finds it in order
        searched = quipu("search", "railway", "--json", "--limit", "50", *where)
        assert searched.returncode == 0, searched.stderr
        payload = json.loads(searched.stdout)
        assert payload["total"] == 6
        assert sorted(hit["doc"] for hit in payload["hits"]) == [f"new{i}" for i in range(6)]
        assert found(corpus, index_dir, "harbour") == {f"old{i}" for i in range(2, 6)}
        assert found(corpus, index_dir, "vigil") == {"old1"}
        listed = quipu("docs", "--json", *where)
        assert listed.returncode == 0, listed.stderr
        docs = sorted(row["doc"] for row in json.loads(listed.stdout)["docs"])
        assert docs == sorted([f"new{i}" for i in range(6)] + [f"old{i}" for i in range(1, 6)])
    assert "unchanged 11" in quipu("index", *where).stdout


@pytest.mark.serial  # stopped while its workers run; Ctrl-C timed
@needs_proc
@pytest.mark.parametrize(
    ("how", "procs"), [("kill", 1), ("term", 1), ("ctrl-c", 1), ("kill", 2), ("ctrl-c", 2)]
)
def test_a_stopped_indexer_leaves_no_process_behind(tmp_path: Path, how: str, procs: int) -> None:
    """Killed (SIGKILL, SIGTERM to it alone) or interrupted (Ctrl-C: SIGINT to its process
    group, as a terminal sends it) while its extraction workers run: every process it started
    (workers, resource tracker; with --procs, Whoosh's sub-writers), listed by pid before, is
    gone a moment after."""
    corpus = write_corpus(tmp_path / "corpus", LARGE)
    indexer = subprocess.Popen(
        [sys.executable, "-m", "tui", "index", "--procs", str(procs), "--corpus", str(corpus)]
        + ["--index-dir", str(tmp_path / "index")],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    started: dict[int, str] = {}
    try:
        # The tracker and two workers at least; and the sub-writers.
        started = wait_for_descendants(indexer.pid, 3 + (procs if procs > 1 else 0))
        began = time.monotonic()
        if how == "ctrl-c":
            os.killpg(indexer.pid, signal.SIGINT)
        else:
            indexer.send_signal(signal.SIGKILL if how == "kill" else signal.SIGTERM)
        indexer.wait(30)
        assert survivors(started, within=3.0) == {}
        if how == "ctrl-c":  # at once, in one line
            assert time.monotonic() - began < 3.0
            assert indexer.returncode == 130
            assert indexer.stderr is not None
            assert indexer.stderr.read().decode().splitlines() == ["quipu: interrupted"]
    finally:
        kill_all(started)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(indexer.pid, signal.SIGKILL)
        indexer.wait()


def killed_with_its_processes(
    corpus: Path, index_dir: Path, at: str, rebuild: bool, listed: Path
) -> int:
    """Update (or rebuild) the index in a child that, when it calls ``at`` (module.Class.method),
    writes the pids and start times of every process below it to ``listed``, then SIGKILLs
    itself."""
    module, owner, method = at.rsplit(".", 2)
    script = f"""
        import json, os, signal, sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT / "tests")!r})
        from processes import descendants
        from {module} import {owner}
        from index.build import update_index

        def killed(*args, **kwargs):
            Path({str(listed)!r}).write_text(json.dumps(descendants(os.getpid())))
            os.kill(os.getpid(), signal.SIGKILL)

        {owner}.{method} = killed
        update_index(Path({str(corpus)!r}), Path({str(index_dir)!r}), rebuild={rebuild!r})
        """
    # Not through pipes: processes left behind would hold them open.
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        timeout=60,
        start_new_session=True,
    ).returncode


ENTITIES_SET = {
    True: "index.storage.extracts.Extracts.writing",  # all of them committed by a worker
    False: "index.storage.database.Transaction.replace_entities",  # those around the edits
}
"""Where the merged entities have been written: a rebuild's worker resolves them all and
commits them while Whoosh commits (``index.build.finish_entities``), then the manifest's
transaction begins; an update of a few names resolves around those
(``index.extract.aliases.Resolver.around``)."""


@needs_proc
@pytest.mark.parametrize("rebuild", [False, True], ids=["update", "rebuild"])
@pytest.mark.parametrize(
    "at",
    [
        "whoosh.writing.SegmentWriter.commit",  # extraction done, the entities being resolved
        "entities",  # committed: the entities resolved (ENTITIES_SET)
        "index.storage.store.Manifest.write",  # the manifest, in the database's transaction
    ],
    ids=["at the commit", "after the commit", "at the manifest"],
)
def test_a_kill_around_the_commit_keeps_the_index_and_leaves_no_process(
    large: Large, at: str, rebuild: bool, tmp_path: Path
) -> None:
    """Killed around Whoosh's commit while its extraction workers (and their resource tracker)
    are alive, an update or a rebuild of 300 documents leaves none of them running, and the
    index answers as before the kill or as after the change, never in between."""
    corpus, index_dir, before = large.corpus, large.index_dir, large.before
    at = ENTITIES_SET[rebuild] if at == "entities" else at
    for i in range(100):  # an update of 100 documents: extracted by workers
        path = corpus / f"report{i:03}.txt"
        # A name: their entities change, so the update merges the collection's again (an
        # edit that changes no document's entities keeps them, and never sets them).
        path.write_text(path.read_text() + "A dockside vigil for Rosa Flores.\n")
    listed = tmp_path / "listed.json"
    assert killed_with_its_processes(corpus, index_dir, at, rebuild, listed) == -signal.SIGKILL
    started = {int(pid): started for pid, started in json.loads(listed.read_text()).items()}
    try:
        # The tracker, and the workers while they resolve the entities (closed before the
        # manifest is written).
        assert len(started) >= (1 if at.endswith(".write") else 3)
        assert survivors(started, within=3.0) == {}
    finally:
        kill_all(started)
    assert answers(corpus, index_dir) == before  # brought up to date first
    where = ("--corpus", str(corpus), "--index-dir", str(index_dir))
    vigil = quipu("search", "vigil", "--json", *where)
    assert vigil.returncode == 0, vigil.stderr
    assert json.loads(vigil.stdout)["total"] == 100
    assert leftovers(index_dir) == []


def test_workers_stopped_while_sending_results_stop_at_once() -> None:
    """Ctrl-C stops the extraction workers by killing them: one killed while sending a result
    leaves it cut off in the pipe, and the pool's thread reading it waited for the rest (the
    interrupted indexer hung, about one Ctrl-C in ten)."""
    script = """
        import threading, time
        from index.workers import pool, stop, submit

        for attempt in range(4):
            executor = pool(2)
            for _ in range(8):
                submit(executor, bytes, 30_000_000)  # results that take a while to send
            time.sleep(0.3 + 0.1 * attempt)
            stopped = threading.Event()
            threading.Thread(target=lambda: (stop(executor), stopped.set()), daemon=True).start()
            print("stopped" if stopped.wait(10) else "hung", flush=True)
        """
    try:
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(script)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
            timeout=60,
            start_new_session=True,
        )
    except subprocess.TimeoutExpired as timeout:
        output = timeout.stdout.decode() if isinstance(timeout.stdout, bytes) else timeout.stdout
        pytest.fail(f"stopping the workers hung: {output!r}")
    assert result.stdout.split() == ["stopped"] * 4


def test_an_interrupt_while_a_process_starts_is_held_though_another_thread_takes_it() -> None:
    """Ctrl-C is held back while a worker or sub-writer starts (its hooks must not be cut
    short). Blocking the signal in this thread was not enough: another thread of the indexer
    (a pool's, a queue's) took it, Python ran the handler in this thread anyway, inside a
    fork's hooks, where the KeyboardInterrupt was lost ("Exception ignored in _releaseLock")
    and the interrupted indexer ran on and exited 0 (2 of 25 Ctrl-Cs with --procs 2)."""
    script = """
        import os, signal, threading, time
        from index.workers import _interrupts_held

        other = threading.Event()
        threading.Thread(target=other.wait, daemon=True).start()  # takes signals
        reached = False
        try:
            with _interrupts_held():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.3)  # time enough for the handler to run
                reached = True
        except KeyboardInterrupt:
            print("raised", "after the block" if reached else "inside it")
        """
    result = python(script, start_new_session=True)
    assert result.stdout.split() == ["raised", "after", "the", "block"], result.stderr


def test_a_stopped_pool_s_work_pipe_is_closed_by_one_thread() -> None:
    """Stopping the pool (Ctrl-C) closed the reading end of its work pipe while the pool's own
    thread, finding its workers dead, closed it too: the same descriptor closed twice, "OSError:
    Bad file descriptor" in "Thread-1" (1 Ctrl-C in 60), or another file's descriptor closed.
    Now the pool's thread closes it, and this one only when that thread does not end."""
    script = """
        import threading, time
        from multiprocessing.connection import Connection
        from index.workers import pool, stop, submit

        executor = pool(2)
        for _ in range(6):
            submit(executor, time.sleep, 1.0)
        time.sleep(0.5)
        reader = executor._call_queue._reader
        closing = Connection.close
        closers = []

        def close(self):
            if self is reader:
                closers.append(threading.current_thread() is threading.main_thread())
            closing(self)

        Connection.close = close
        stop(executor)
        print("main" if any(closers) else "pool thread only")
        """
    result = python(script, start_new_session=True)
    assert result.stdout.strip() == "pool thread only", result.stderr
    assert "Traceback" not in result.stderr


def test_an_abandoned_multiprocess_write_stops_its_sub_writers_first() -> None:
    """A cancelled ``--procs`` write (Ctrl-C, an error) deleted the batches its sub-writers
    were reading before it stopped them: a "Process TiedTask-4: ... FileNotFoundError"
    traceback after "quipu: interrupted" (3 of 25 Ctrl-Cs with --procs 2). Slowed here so
    that the race is always lost: the sub-writers open their batch 0.5 s after they get it,
    and a kill takes 1 s."""
    script = """
        import multiprocessing, tempfile, time
        from whoosh import fields, index, multiproc
        from index.build import _abandon
        from index.workers import tied_writer_tasks

        reading = multiproc.SubWriterTask._process_file
        killing = multiprocessing.Process.kill

        def slowly(self, *job):
            time.sleep(0.5)
            return reading(self, *job)

        def slow_kill(self):
            time.sleep(1.0)
            killing(self)

        multiproc.SubWriterTask._process_file = slowly
        multiprocessing.Process.kill = slow_kill
        folder = tempfile.mkdtemp()
        schema = fields.Schema(doc=fields.ID(stored=True), body=fields.TEXT)
        ix = index.create_in(folder, schema)
        writer = ix.writer(procs=2, multisegment=True, _lk=False, subargs={"compound": False})
        writer = tied_writer_tasks(writer)
        for number in range(400):
            writer.add_document(doc=str(number), body=f"harbour strike part {number}")
        _abandon(writer)
        print("abandoned", flush=True)
        """
    result = python(script, start_new_session=True)
    assert result.stdout.strip() == "abandoned"
    assert result.stderr == ""
