"""`python -m bench [--sizes seeds,1000,10000] [--huge] [--quick]`: measure, print one table,
and write the results to bench/results/scale.json (the machine, the date and the load average
at the end are in it). Corpora and indexes go to $QUIPU_BENCH_WORK (default: a folder in the
temporary directory)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.scale import main, table

if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sizes", default="seeds,1000,10000", help="comma-separated sizes")
    parser.add_argument("--huge", action="store_true", help="also 100,000 documents (slow)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "results"))
    parser.add_argument(
        "--quick",
        action="store_true",
        help="the search side only: no multiprocess build, first frame or keystroke figures",
    )
    args = parser.parse_args()
    sizes = args.sizes.split(",") + (["100000"] if args.huge else [])
    outcome = main(sizes, args.quick)
    print(table(outcome))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    name = "scale.json" if args.sizes == "seeds,1000,10000" else f"scale-{'-'.join(sizes)}.json"
    name = name.replace(".json", "-quick.json") if args.quick else name
    (out / name).write_text(json.dumps(outcome, indent=2) + "\n")
    print(f"results: {out / name}")
