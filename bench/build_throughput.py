"""Build throughput: whole index builds of a collection, for this tree and for other checkouts,
each in turn in the same run.

    python -m bench.build_throughput CORPUS [--code CHECKOUT ...] [--rounds 3] [--json]

Each round builds the index of CORPUS once with each checkout (this tree first, then each
``--code``): ``quipu index --rebuild`` in a fresh process with that checkout first on
``sys.path``, in a fresh home of its own (``HOME`` and the ``XDG_*`` folders: no index and no
user data to begin with), thrown away after. For each build: the wall time, the CPU time of the
build and its worker processes (user and system, from ``wait4``), and the peak RSS of the
largest of them. Builds are alternated so that a busy moment of the machine weighs on every
checkout alike; every round is kept (the spread is the noise), and the best wall time of each
checkout summarises it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUILD = (
    "import sys; from tui.main import main; "
    "sys.exit(main(['index', '--rebuild', '--corpus', sys.argv[1]]))"
)


def build_once(corpus: Path, code: Path) -> dict[str, float]:
    """One whole build of ``corpus``'s index with ``code``, in a home of its own."""
    home = Path(tempfile.mkdtemp(prefix="quipu-build-"))
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        PYTHONPATH=str(code),
        PYTHONDONTWRITEBYTECODE="1",
    )
    try:
        began = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", BUILD, str(corpus)],
            cwd=code,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert process.stderr is not None
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if process.returncode != 0:
        lines = errors.decode("utf-8", "replace").strip().splitlines() or ["no output"]
        raise SystemExit(f"build_throughput: {code}: {lines[-1]}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "max_rss_mb": round(usage.ru_maxrss / 1024),
    }


def measure(corpus: Path, codes: list[Path], rounds: int) -> dict[str, list[dict[str, float]]]:
    """Every build of each checkout, the checkouts in turn each round."""
    runs: dict[str, list[dict[str, float]]] = {str(code): [] for code in codes}
    for _ in range(rounds):
        for code in codes:
            runs[str(code)].append(build_once(corpus, code))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder of documents (read only)")
    parser.add_argument("--code", type=Path, action="append", default=[], help="another checkout")
    parser.add_argument("--rounds", type=int, default=3, help="builds with each checkout")
    parser.add_argument("--json", action="store_true", help="the numbers as one JSON object")
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parent.parent
    codes = [here, *(code.resolve() for code in args.code)]
    runs = measure(args.corpus.resolve(), codes, max(1, args.rounds))
    if args.json:
        print(json.dumps({"corpus": str(args.corpus), "rounds": args.rounds, "codes": runs}))
        return 0
    print(f"{args.corpus}: whole builds, {args.rounds} each, in turn")
    print(f"{'checkout':40} {'wall s (each build)':>28} {'CPU s':>14} {'peak MB':>8}")
    for code, builds in runs.items():
        walls = ", ".join(f"{run['wall_s']:.1f}" for run in builds)
        cpus = ", ".join(f"{run['cpu_s']:.0f}" for run in builds)
        peak = max(run["max_rss_mb"] for run in builds)
        print(f"{code[-40:]:40} {walls:>28} {cpus:>14} {peak:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
