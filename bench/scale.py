"""The speed budget, measured at several corpus sizes (the seeds, 1,000, 10,000 documents; and
100,000 when asked). For each size:

1. cold ``quipu search Q --json`` process time over a mix of 20 queries, and in the same run
   ``python -c "import whoosh.index, whoosh.qparser"`` (the floor), with their ratio;
2. warm query latency p50/p95 of the query API over the same mix, in one process;
3. time to first frame of ``quipu`` (index built) and of a minimal Textual app, with their ratio;
4. keystroke -> results painted in the reader (Pilot: Enter on a typed query until the results
   list shows its hits), p50/p95;
5. index build throughput (documents/s, extraction included) with the single writer and with
   Whoosh's multiprocess writer (``--procs 2``); index size on disk; peak RSS of the build, of a
   cold search and of the reader;
6. cold ``quipu entities --json`` and ``quipu timeline --json`` (time and peak RSS), and the
   update after one changed file (``quipu index`` once a document has been edited; time and
   peak RSS; the file is restored and the index updated again after): an edit that adds a name
   (the collection's entities are merged again) and one that adds none (they are kept).
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import generate
from bench.startup import MINIMAL_APP, QUIPU_APP, first_frame

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("QUIPU_BENCH_WORK") or Path(tempfile.gettempdir()) / "quipu-bench")
"""Where the generated corpora and the indexes go (``QUIPU_BENCH_WORK``)."""

FIXED_QUERIES = [
    "strike",
    "protest",
    '"state of emergency"',
    '"general strike"',
    "curfew AND police",
    "blockade OR vigil",
    "march NOT police",
    "arrest*",
    "hospit*",
    "protset~",
    "detianed~",
    "title:strike",
    "title:curfew",
    "published:[2022-01-01 to 2022-06-30]",
    "published:[2023-01-01 to 2023-12-31]",
]

PEAK = """
def peak_kb():
    # This process's high-water mark since exec (VmHWM): ru_maxrss survives exec on Linux,
    # so it reports the bench's own size when that is larger. (The build's extraction
    # workers stay far below the writer.)
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

RSS = (
    PEAK
    + """
import resource, runpy, sys
sys.argv = ["quipu", *sys.argv[1:]]
try:
    runpy.run_module("tui", run_name="__main__")
except SystemExit:
    pass
print(f"PEAK_RSS_KB {peak_kb()}", file=sys.stderr)
"""
)

KEYS = (
    PEAK
    + """
import asyncio, json, resource, sys, time
from pathlib import Path
from index.api import Collection
from tui.app import QuipuApp
from tui.screens.reader import ReaderScreen
from tui.widgets.search_box import SearchBox

marks = {}
original = ReaderScreen.on_reader_screen_search_completed

def completed(self, message):
    original(self, message)
    # Painted: the refresh after the handler has drawn the new results.
    def painted():
        marks["painted"] = time.perf_counter()
        marks["event"].set()

    self.call_after_refresh(painted)

ReaderScreen.on_reader_screen_search_completed = completed

def hook(message):
    if type(message).__name__ == "Key" and getattr(message, "key", "") == "enter":
        marks["enter"] = time.perf_counter()

async def main():
    corpus, index_dir, queries = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
    app = QuipuApp(Collection(corpus, index_dir), show_timings=False)
    samples = []
    async with app.run_test(size=(120, 35), message_hook=hook) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for query in queries:
            box = app.screen.query_one(SearchBox)
            await pilot.press("slash")
            marks.clear()
            marks["event"] = asyncio.Event()  # awaited, not polled: polling takes the GIL
            box.value = query  # typed; Enter searches at once (before the typing debounce)
            await pilot.press("enter")
            try:
                await asyncio.wait_for(marks["event"].wait(), 30)
            except asyncio.TimeoutError:
                pass
            if "painted" in marks and "enter" in marks:
                samples.append((marks["painted"] - marks["enter"]) * 1000)
            await app.workers.wait_for_complete()
    print(json.dumps({"samples_ms": samples, "peak_rss_kb": peak_kb()}))

asyncio.run(main())
"""
)


def run(argv: list[str], env: dict[str, str], timeout: float = 3600) -> tuple[float, str, str]:
    began = time.perf_counter()
    done = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout, check=False
    )
    return time.perf_counter() - began, done.stdout, done.stderr


def command_argv(command: list[str], corpus: Path, index_dir: Path) -> list[str]:
    """``python -m tui COMMAND... --corpus C --index-dir I`` (run under the RSS wrapper)."""
    return ["-c", RSS, *command, "--corpus", str(corpus), "--index-dir", str(index_dir)]


def cli_and_update(corpus: Path, index_dir: Path, env: dict[str, str]) -> dict[str, Any]:
    """6. Cold ``entities --json`` and ``timeline --json``; one changed file updated."""
    python = sys.executable
    result: dict[str, Any] = {}
    for name, command in (
        ("entities", ["entities", "--json"]),
        ("timeline", ["timeline", "--json"]),
    ):
        times, peaks = [], []
        for _ in range(3):
            seconds, _, err = run([python, *command_argv(command, corpus, index_dir)], env)
            times.append(seconds)
            peaks.append(peak_rss(err))
        result[f"cold_{name}_s"] = round(statistics.median(times), 3)
        result[f"cold_{name}_peak_rss_mb"] = round(max(peaks) / 1024, 1)
    victim = sorted(corpus.rglob("*.txt"))[len(list(corpus.rglob("*.txt"))) // 2]
    original = victim.read_bytes()
    for key, added in (
        ("update_one_file", b"\nA late addition: the vigil in Lima ended on May 3.\n"),
        # No name: the collection's entities are kept, not merged again.
        ("update_no_names", b"\nA late addition: it rained, and the march went on.\n"),
    ):
        try:
            victim.write_bytes(original + added)
            seconds, _, err = run([python, *command_argv(["index"], corpus, index_dir)], env)
            result[f"{key}_s"] = round(seconds, 2)
            result[f"{key}_peak_rss_mb"] = round(peak_rss(err) / 1024, 1)
        finally:
            victim.write_bytes(original)
            run([python, *command_argv(["index"], corpus, index_dir)], env)
    return result


def search_argv(query: str, corpus: Path, index_dir: Path) -> list[str]:
    """``python -m tui search QUERY --json`` on this corpus and index."""
    return [
        sys.executable,
        "-m",
        "tui",
        "search",
        query,
        "--json",
        "--corpus",
        str(corpus),
        "--index-dir",
        str(index_dir),
    ]


def peak_rss(stderr: str) -> int:
    for line in stderr.splitlines():
        if line.startswith("PEAK_RSS_KB"):
            return int(line.split()[1])
    return 0


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def query_mix(corpus: Path, index_dir: Path) -> list[str]:
    """15 fixed queries, and 5 taken from the collection: entities and a mentioned day."""
    sys.path.insert(0, str(ROOT))
    from index.api import Collection

    collection = Collection(corpus, index_dir)
    mix = list(FIXED_QUERIES)
    for kind, field in (("PERSON", "entity"), ("PLACE", "place"), ("ORG", "org")):
        top = collection.entities(kind=kind, limit=1)
        if top:
            name = top[0].name
            mix.append(f'{field}:"{name}"' if field == "entity" else f"{field}:{name.split()[0]}")
    days = sorted(collection.timeline().buckets, key=lambda b: -b.count)
    mix += [f"mentions:{b.start}" for b in days[:2]]
    while len(mix) < 20:
        mix.append("police")
    return mix[:20]


def measure(label: str, corpus: Path, repeats: int, quick: bool = False) -> dict[str, Any]:
    """Every figure of the module's docstring; ``quick``: the search side only (1, 2, the
    single-writer build, the index size), not the multiprocess build nor the reader's."""
    python = sys.executable
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    index_dir = WORK / f"index-{label}"
    documents = sum(1 for _ in corpus.rglob("*.txt"))
    result: dict[str, Any] = {"corpus": label, "documents": documents}

    # 5. Builds: the single writer, then Whoosh's multiprocess writer.
    builds = (("single", []), ("multiprocess", ["--procs", "2"]))
    for name, extra in builds[:1] if quick else builds:
        target = index_dir if name == "single" else WORK / f"index-{label}-mp"
        seconds, _, err = run(
            [
                python,
                "-c",
                RSS,
                "index",
                "--rebuild",
                "--corpus",
                str(corpus),
                "--index-dir",
                str(target),
                *extra,
            ],
            env,
        )
        result[f"build_{name}_s"] = round(seconds, 2)
        result[f"build_{name}_docs_per_s"] = round(documents / seconds, 1)
        result[f"build_{name}_peak_rss_mb"] = round(peak_rss(err) / 1024, 1)
    size = sum(p.stat().st_size for p in index_dir.iterdir() if p.is_file())
    result["index_size_mb"] = round(size / 1e6, 1)

    mix = query_mix(corpus, index_dir)
    result["queries"] = mix
    result.update(cli_and_update(corpus, index_dir, env))

    # 1. Cold searches, and the Whoosh import floor, interleaved; also with --no-refresh (the
    # corpus not checked for changes).
    cold, floor, unchecked = [], [], []
    for _ in range(repeats):
        for query in mix:
            floor.append(run([python, "-c", "import whoosh.index, whoosh.qparser"], env)[0])
            cold.append(run(search_argv(query, corpus, index_dir), env)[0])
            unchecked.append(run([*search_argv(query, corpus, index_dir), "--no-refresh"], env)[0])
    result["cold_search_s"] = round(statistics.median(cold), 3)
    result["whoosh_import_floor_s"] = round(statistics.median(floor), 3)
    result["cold_search_ratio"] = round(statistics.median(cold) / statistics.median(floor), 2)
    result["cold_search_no_refresh_ratio"] = round(
        statistics.median(unchecked) / statistics.median(floor), 2
    )
    _, _, err = run([python, "-c", RSS, *search_argv(mix[0], corpus, index_dir)[3:]], env)
    result["cold_search_peak_rss_mb"] = round(peak_rss(err) / 1024, 1)

    # 2. Warm latency, in process.
    sys.path.insert(0, str(ROOT))
    from index.api import Collection
    from index.errors import QuipuError

    collection = Collection(corpus, index_dir)
    collection.ensure_index()
    warm = []
    for _ in range(5):
        for query in mix:
            began = time.perf_counter()
            with contextlib.suppress(QuipuError):
                collection.search(query, limit=10)
            warm.append((time.perf_counter() - began) * 1000)
    result["warm_p50_ms"] = round(percentile(warm, 0.5), 1)
    result["warm_p95_ms"] = round(percentile(warm, 0.95), 1)
    collection.close()
    if quick:
        return result

    # 3. First frame, quipu against a minimal Textual app.
    quipu_frames, minimal_frames = [], []
    frame_env = {**env, "QUIPU_BENCH_CORPUS": str(corpus)}
    for _ in range(3):
        minimal_frames.append(first_frame([python, "-c", MINIMAL_APP], frame_env))
        quipu_frames.append(
            first_frame([python, "-c", QUIPU_APP, str(index_dir), str(corpus)], frame_env)
        )
    result["first_frame_s"] = round(statistics.median(quipu_frames), 3)
    result["first_frame_minimal_textual_s"] = round(statistics.median(minimal_frames), 3)
    result["first_frame_ratio"] = round(
        statistics.median(quipu_frames) / statistics.median(minimal_frames), 2
    )

    # 4. Keystroke -> results painted, in the reader.
    _, out, err = run([python, "-c", KEYS, str(corpus), str(index_dir), json.dumps(mix)], env)
    try:
        keys = json.loads(out.strip().splitlines()[-1])
        result["keystroke_p50_ms"] = round(percentile(keys["samples_ms"], 0.5), 1)
        result["keystroke_p95_ms"] = round(percentile(keys["samples_ms"], 0.95), 1)
        result["reader_peak_rss_mb"] = round(keys["peak_rss_kb"] / 1024, 1)
    except (IndexError, ValueError, KeyError):
        result["keystroke_error"] = err.strip().splitlines()[-1:] or ["no output"]
    return result


def main(sizes: list[str], quick: bool = False) -> dict[str, Any]:
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", "index", "tui"], cwd=ROOT, check=True)
    runs = []
    for size in sizes:
        if size == "seeds":
            corpus, repeats = ROOT / "seeds", 3
        else:
            corpus, repeats = (
                generate(WORK / f"corpus-{size}", int(size)),
                1 if int(size) >= 10_000 else 2,
            )
        started = time.perf_counter()
        runs.append(measure(size, corpus, repeats, quick))
        print(f"[{size}: measured in {time.perf_counter() - started:.0f} s]", file=sys.stderr)
    return {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {sys.platform}, Python {sys.version.split()[0]}",
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "runs": runs,
    }


ROWS = [
    ("documents", "documents"),
    ("cold search (s)", "cold_search_s"),
    ("whoosh import floor (s)", "whoosh_import_floor_s"),
    ("cold / floor", "cold_search_ratio"),
    ("cold --no-refresh / floor", "cold_search_no_refresh_ratio"),
    ("warm p50 (ms)", "warm_p50_ms"),
    ("warm p95 (ms)", "warm_p95_ms"),
    ("first frame (s)", "first_frame_s"),
    ("minimal Textual (s)", "first_frame_minimal_textual_s"),
    ("first frame / minimal", "first_frame_ratio"),
    ("keystroke p50 (ms)", "keystroke_p50_ms"),
    ("keystroke p95 (ms)", "keystroke_p95_ms"),
    ("build single (docs/s)", "build_single_docs_per_s"),
    ("build multiprocess (docs/s)", "build_multiprocess_docs_per_s"),
    ("index size (MB)", "index_size_mb"),
    ("peak RSS build (MB)", "build_single_peak_rss_mb"),
    ("peak RSS cold search (MB)", "cold_search_peak_rss_mb"),
    ("peak RSS reader (MB)", "reader_peak_rss_mb"),
    ("cold entities --json (s)", "cold_entities_s"),
    ("peak RSS entities --json (MB)", "cold_entities_peak_rss_mb"),
    ("cold timeline --json (s)", "cold_timeline_s"),
    ("peak RSS timeline --json (MB)", "cold_timeline_peak_rss_mb"),
    ("update one changed file (s)", "update_one_file_s"),
    ("peak RSS update one file (MB)", "update_one_file_peak_rss_mb"),
    ("update, no new name (s)", "update_no_names_s"),
]


def table(outcome: dict[str, Any]) -> str:
    runs = outcome["runs"]
    lines = [f"{'':30}" + "".join(f"{r['corpus']:>12}" for r in runs)]
    for label, key in ROWS:
        lines.append(f"{label:30}" + "".join(f"{r.get(key, '—')!s:>12}" for r in runs))
    return "\n".join(lines)
