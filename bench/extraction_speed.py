"""Extraction speed: the CPU time quipu spends extracting a collection's entities and dates, in
one process, for this tree and for other checkouts, measured in turns in the same run.

    python -m bench.extraction_speed CORPUS [--code CHECKOUT ...] [--rounds 3] [--json]

For each checkout (this tree first, then each ``--code``), a fresh Python process with that
checkout first on ``sys.path`` reads every document of CORPUS with its own reader, then times,
over all of them (``time.process_time``):

- ``entities``: entity extraction of each document's text (``extract``);
- ``analyse``: all of a document's extraction: entities, mentioned dates, the publication date
  weighed from the text (``analyse`` with no collection anchors);
- ``prepare``: what an index build does for a document before writing it: ``analyse``, page
  furniture and the text fields analysed for Whoosh;
- ``dates_alone``: ``analyse`` with the entity extractor replaced by one that finds nothing: the
  date work of a document (mentioned dates, the publication date, and the little else
  ``analyse`` does: page furniture's edge keys in newer checkouts), timed the same way in every
  checkout.

``dates`` is ``analyse`` minus ``entities`` (older checkouts have no separate entry point for
it). It also counts what ``analyse`` does besides the two, and how much slower entity
extraction runs between date extractions than all in a row (the caches each leaves to the
other): ``dates_alone`` does not.

Each round runs every checkout once, in turn; the best round of each is kept, so a busy
moment of the machine weighs on neither side. Checkouts of before the modules were grouped
(flat ``index/``) are read through their own names.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

MEASURE = r"""
import json, sys, time
from pathlib import Path
try:
    from index.reading.corpus import read_document, scan
    from index.storage.extracts import Anchors, analyse, extraction_text
    from index.extract.entities import extract
    import index.extract.entities as entity_module
except ImportError:  # before the modules were grouped
    from index.corpus import read_document, scan
    from index.extracts import EXTRACT_CHARS, Anchors, analyse
    from index.entities import extract
    import index.entities as entity_module

    def extraction_text(document):
        return document.text[:EXTRACT_CHARS]
from index.build import prepare

files, _ = scan(Path(sys.argv[1]))
documents = []
for source in sorted(files, key=lambda source: source.rel):
    try:
        documents.append(read_document(source)[0])
    except Exception:
        continue
prepare(documents[0], Anchors())  # imports and first-use caches, outside the timing
times = {}
for name, step in (
    ("entities", lambda d: extract(extraction_text(d))),
    ("analyse", lambda d: analyse(d, Anchors())),
    ("prepare", lambda d: prepare(d, Anchors())),
):
    began = time.process_time()
    for document in documents:
        step(document)
    times[name] = time.process_time() - began
entity_module.extract = lambda text: []  # (analyse imports it when called)
assert not analyse(documents[0], Anchors())[1].entities, "the entity extractor is not stubbed"
began = time.process_time()
for document in documents:
    analyse(document, Anchors())
times["dates_alone"] = time.process_time() - began
print(json.dumps({"documents": len(documents), **times}))
"""


def measure_once(corpus: Path, code: Path) -> dict[str, Any]:
    """One timing run of ``code``'s extraction over ``corpus``, in a process of its own."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(code)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(corpus)],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["no output"]
        raise SystemExit(f"extraction_speed: {code}: {lines[-1]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(corpus: Path, codes: list[Path], rounds: int) -> dict[str, dict[str, Any]]:
    """The best of ``rounds`` runs of each checkout, the checkouts run in turn each round."""
    best: dict[str, dict[str, Any]] = {}
    for _ in range(rounds):
        for code in codes:
            result = measure_once(corpus, code)
            kept = best.setdefault(str(code), dict(result))
            for name in ("entities", "analyse", "prepare", "dates_alone"):
                kept[name] = min(kept[name], result[name])
    for kept in best.values():
        kept["dates"] = kept["analyse"] - kept["entities"]
        for name in ("entities", "analyse", "prepare", "dates", "dates_alone"):
            kept[name] = round(kept[name], 3)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder of documents (read only)")
    parser.add_argument("--code", type=Path, action="append", default=[], help="another checkout")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each checkout (best kept)")
    parser.add_argument("--json", action="store_true", help="the numbers as one JSON object")
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parent.parent
    codes = [here, *(code.resolve() for code in args.code)]
    results = measure(args.corpus, codes, max(1, args.rounds))
    if args.json:
        print(json.dumps({"corpus": str(args.corpus), "rounds": args.rounds, "codes": results}))
        return 0
    print(f"{args.corpus}: CPU seconds, best of {args.rounds} (runs in turn)")
    print(
        f"{'checkout':40} {'docs':>5} {'entities':>9} {'dates':>7} {'alone':>7} {'analyse':>8} "
        f"{'prepare':>8}"
    )
    for code, kept in results.items():
        print(
            f"{code[-40:]:40} {kept['documents']:>5} {kept['entities']:>9.3f} "
            f"{kept['dates']:>7.3f} {kept['dates_alone']:>7.3f} {kept['analyse']:>8.3f} "
            f"{kept['prepare']:>8.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
