"""`python -m bench.entity_top CORPUS [--top 40] [--json OUT] [--runs N]`: index a real collection
into a throw-away cache and print the most mentioned entities of each type, to judge by hand.

The corpus is indexed by a fresh ``quipu index`` process (timed: the extraction speed figure)
with ``XDG_CACHE_HOME`` and friends pointed at a temporary directory, as the tests do, so the
user's own cache is never touched; then ``quipu entities --json`` is read and the top entries of
each type are printed with their counts and a few aliases. ``--json`` writes the lists (and the
timings) to a file, to compare runs before and after a change.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TYPES = ("PERSON", "PLACE", "ORG")
QUIPU = [sys.executable, "-c", "import sys; from tui.main import entry; sys.exit(entry())"]


def isolated_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["HOME"] = str(home)
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        path = home / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    return env


def measure(corpus: Path, runs: int = 1) -> dict[str, Any]:
    """Index ``corpus`` ``runs`` times from scratch (the fastest time kept) and read its
    entities."""
    times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="quipu-entity-top-") as tmp:
        env = isolated_env(Path(tmp) / "home")
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(
                [*QUIPU, "index", "--corpus", str(corpus), "--rebuild"],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            times.append(time.perf_counter() - started)
        out = subprocess.run(
            [*QUIPU, "entities", "--corpus", str(corpus), "--json", "--no-refresh"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    entities = json.loads(out)["entities"]
    return {"index_seconds": times, "entities": entities}


def top(entities: list[dict[str, Any]], kind: str, n: int) -> list[dict[str, Any]]:
    chosen = [e for e in entities if e["type"] == kind]
    chosen.sort(key=lambda e: (-e["count"], e["name"]))
    return [
        {"name": e["name"], "count": e["count"], "docs": len(e["docs"]), "aliases": e["aliases"]}
        for e in chosen[:n]
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.entity_top", description=__doc__)
    parser.add_argument("corpus", type=Path, help="folder of documents (read only)")
    parser.add_argument("--top", type=int, default=40, help="entries per type (default 40)")
    parser.add_argument("--runs", type=int, default=1, help="index builds to time (best kept)")
    parser.add_argument("--json", type=Path, help="also write the lists and timings here")
    args = parser.parse_args(argv)
    outcome = measure(args.corpus.resolve(), args.runs)
    lists = {kind: top(outcome["entities"], kind, args.top) for kind in TYPES}
    for kind in TYPES:
        print(f"== {kind}")
        for rank, entry in enumerate(lists[kind], start=1):
            aliases = ", ".join(entry["aliases"][:4])
            more = f" [{aliases}]" if aliases else ""
            print(f"{rank:3} {entry['count']:6} {entry['name']}{more}")
    best = min(outcome["index_seconds"])
    print(f"index: {best:.2f} s (best of {len(outcome['index_seconds'])})")
    if args.json:
        every = [
            {"name": e["name"], "type": e["type"], "count": e["count"], "aliases": e["aliases"]}
            for e in outcome["entities"]
        ]
        payload = {
            "corpus": str(args.corpus),
            "index_seconds": outcome["index_seconds"],
            **lists,
            "all": every,
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
