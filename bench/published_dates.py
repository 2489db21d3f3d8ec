"""Publication dates on a real collection: how many documents get one, on what basis, and how
many are far from when the collection was written.

    python -m bench.published_dates CORPUS --expect 2004-01-01:2005-12-31 [--code CHECKOUT]

Builds a fresh index of CORPUS in a temporary folder (``quipu index --rebuild``, timed: the
extraction speed), lists its documents (``quipu docs --jsonl``) and reports:

- documents dated, by basis (stated, metadata, filename, inferred, user) and undated (none);
- by granularity of the date (day, month, year);
- how many dated ones lie more than a year outside the expected range, with examples.

A date's span (a year covers 1 January to 31 December) counts as outside only when all of it
is more than 365 days before the range's start or after its end. ``--code`` runs another
checkout's quipu (its folder goes first on PYTHONPATH): the same measure before a change.
``--json`` prints the numbers as one JSON object.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

YEAR = timedelta(days=365)


def span(value: str) -> tuple[date, date] | None:
    """The first and last day an ISO day, month or year covers (None if not one)."""
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


def granularity(value: str) -> str:
    return {1: "year", 2: "month", 3: "day"}.get(len(value[:10].split("-")), "other")


def run_quipu(code: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = f"{code}{os.pathsep}{env.get('PYTHONPATH', '')}".rstrip(os.pathsep)
    entry = "import sys; from tui.main import entry; sys.argv[0] = 'quipu'; sys.exit(entry())"
    # ``python -c`` puts the working folder first on sys.path: run in the checkout measured.
    return subprocess.run(
        [sys.executable, "-c", entry, *args],
        env=env,
        cwd=code,
        capture_output=True,
        text=True,
        check=False,
    )


def measure(corpus: Path, first: date, last: date, code: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="quipu-dates-") as index_dir:
        common = ["--corpus", str(corpus), "--index-dir", index_dir]
        started = time.perf_counter()
        built = run_quipu(code, "index", *common, "--rebuild")
        seconds = time.perf_counter() - started
        if built.returncode != 0:
            raise SystemExit(f"quipu index failed ({built.returncode}): {built.stderr.strip()}")
        listed = run_quipu(code, "docs", *common, "--no-refresh", "--jsonl")
        if listed.returncode not in (0, 1):
            raise SystemExit(f"quipu docs failed ({listed.returncode}): {listed.stderr.strip()}")
    rows = [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]
    bases: Counter[str] = Counter()
    grains: Counter[str] = Counter()
    far: list[tuple[str, str, str]] = []
    for row in rows:
        published, basis = row.get("published"), row.get("published_basis") or "none"
        if not published:
            bases["none"] += 1
            continue
        bases[basis] += 1
        grains[granularity(published)] += 1
        covered = span(published)
        if covered is None or covered[1] < first - YEAR or covered[0] > last + YEAR:
            far.append((row["doc"], published, basis))
    dated = sum(n for b, n in bases.items() if b != "none")
    return {
        "corpus": str(corpus),
        "code": str(code) if code else "this checkout",
        "documents": len(rows),
        "dated": dated,
        "undated": bases["none"],
        "by_basis": dict(sorted(bases.items())),
        "by_granularity": dict(sorted(grains.items())),
        "expected": f"{first.isoformat()}:{last.isoformat()}",
        "more_than_a_year_off": len(far),
        "examples_off": [list(f) for f in far[:15]],
        "index_seconds": round(seconds, 2),
    }


def report(result: dict[str, Any]) -> str:
    lines = [
        f"corpus      {result['corpus']} ({result['documents']} documents; code: {result['code']})",
        f"index       {result['index_seconds']:.2f} s (quipu index --rebuild)",
        f"dated       {result['dated']}   undated {result['undated']}",
        "by basis    " + ", ".join(f"{b} {n}" for b, n in result["by_basis"].items()),
        "granularity " + ", ".join(f"{g} {n}" for g, n in result["by_granularity"].items()),
        f"off by >1y  {result['more_than_a_year_off']} of {result['dated']} dated"
        f" (expected {result['expected']})",
    ]
    lines += [f"  {doc}  {day}  ({basis})" for doc, day, basis in result["examples_off"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.published_dates")
    parser.add_argument("corpus", type=Path, help="the collection's folder (read only)")
    parser.add_argument(
        "--expect", required=True, help="FIRST:LAST, ISO days: when the documents were written"
    )
    parser.add_argument("--code", type=Path, help="another checkout's quipu to measure")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        first_text, last_text = args.expect.split(":")
        first, last = date.fromisoformat(first_text), date.fromisoformat(last_text)
    except ValueError:
        parser.error("--expect takes FIRST:LAST, e.g. 2004-01-01:2005-12-31")
    result = measure(args.corpus, first, last, args.code)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
