"""Named entities on the seeds against their hand annotation: typed F1, strict and lenient.

    python -m bench.seeds_entities [--checkout DIR] [--label NAME] [--misses] [--no-write]

The gold is ``bench/gold/seeds_entities.tsv`` (PERSON, PLACE, ORG names, OntoNotes conventions,
written from the seeds' text before quipu's output on them was seen: ``bench/gold/GUIDELINES.md``).
The seeds are indexed afresh by ``checkout`` (bench.seeds_run: a throw-away folder, never the
user's cache) and ``quipu entities --json`` gives every mention quipu typed, with its offsets.

Scoring is ``bench.gum_entities``'s: a quipu mention is right when it has the gold type and
overlaps a gold name of that type (``lenient``) or is exactly that name (``strict``); precision
counts quipu's mentions, recall the gold names hit. A mention that overlaps no scored name of its
type but an ``inner`` one (the "Peru" of "Peru Libre") or an ``optional`` one of its type is
neither asked for nor held against quipu. Any other mention is a false positive.

``--misses`` lists the gold names missed, the mentions of the wrong type, the boundary errors
(lenient, not strict) and the extra mentions. Do not read it while changing extraction code: the
seeds are a test set. Results go to ``bench/results/seeds_entities.json`` under ``--label``
(default: the checkout's commit).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bench.seeds_dates import commit_of
from bench.seeds_gold import TYPES, GoldEntity, load_entities, seed_texts
from bench.seeds_run import THIS_TREE, SeedRun, run

RESULTS = THIS_TREE / "bench" / "results" / "seeds_entities.json"
ABOUT = (
    "Typed entity F1 of quipu on the five seeds against bench/gold/seeds_entities.tsv (hand "
    "annotation of PERSON, PLACE and ORG names, OntoNotes conventions; bench/gold/GUIDELINES.md), "
    "scored as bench/gum_entities scores GUM: lenient = a mention of the gold type overlapping "
    "a gold name, strict = exactly that name; inner and optional gold names neither asked for "
    "nor held against quipu. Each key besides _about is one checkout measured (python -m "
    "bench.seeds_entities --label NAME)."
)


def mentions(seed_run: SeedRun) -> dict[str, list[tuple[int, int, str]]]:
    """Per document, quipu's typed mentions: (start, end, type)."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for entity in seed_run.entities.get("entities", []):
        for mention in entity["mentions"]:
            out.setdefault(mention["doc"], []).append(
                (mention["start"], mention["end"], entity["type"])
            )
    return {doc: sorted(found) for doc, found in out.items()}


def score(
    gold: list[GoldEntity], found: dict[str, list[tuple[int, int, str]]], texts: dict[str, str]
) -> dict[str, Any]:
    """Precision, recall and F1 per type and over all (``ALL``), strict and lenient; misses."""
    keys = ("found", "gold", "tp_strict", "tp_lenient", "hit_strict", "hit_lenient")
    counts = {kind: dict.fromkeys(keys, 0) for kind in (*TYPES, "ALL")}
    misses: dict[str, list[str]] = {
        "missed (no mention of its type overlaps it)": [],
        "wrong type (overlaps a gold name of another type)": [],
        "boundary (right type, not the exact name)": [],
        "extra (overlaps no gold name)": [],
    }
    ignored = 0
    for doc, text in sorted(texts.items()):
        short = doc[:3]
        scored = [g for g in gold if g.doc == doc and not g.scope]
        spare = [g for g in gold if g.doc == doc and g.scope]
        hit_strict: set[int] = set()
        hit_lenient: set[int] = set()
        for start, end, kind in found.get(doc, []):
            same = [
                n
                for n, g in enumerate(scored)
                if g.type == kind and g.start < end and start < g.end
            ]
            if not same and any(g.type == kind and g.start < end and start < g.end for g in spare):
                ignored += 1
                continue
            exact = [n for n in same if (scored[n].start, scored[n].end) == (start, end)]
            hit_lenient.update(same)
            hit_strict.update(exact)
            for c in counts.get(kind, {}), counts["ALL"]:
                if not c:
                    continue
                c["found"] += 1
                c["tp_lenient"] += bool(same)
                c["tp_strict"] += bool(exact)
            shown = f"{short}: {text[start:end]!r} {kind} · {_context(text, start, end)}"
            if same and not exact:
                names = ", ".join(repr(scored[n].text) for n in same)
                misses["boundary (right type, not the exact name)"].append(
                    f"{shown} (gold {names})"
                )
            elif not same:
                other = [g for g in scored if g.start < end and start < g.end]
                if other:
                    names = ", ".join(f"{g.text!r} {g.type}" for g in other)
                    misses["wrong type (overlaps a gold name of another type)"].append(
                        f"{shown} (gold {names})"
                    )
                else:
                    misses["extra (overlaps no gold name)"].append(shown)
        for n, g in enumerate(scored):
            for c in counts[g.type], counts["ALL"]:
                c["gold"] += 1
                c["hit_lenient"] += n in hit_lenient
                c["hit_strict"] += n in hit_strict
            if n not in hit_lenient:
                misses["missed (no mention of its type overlaps it)"].append(
                    f"{short}: {g.text!r} {g.type} · {_context(text, g.start, g.end)}"
                )
    report: dict[str, Any] = {}
    for kind, c in counts.items():
        row: dict[str, Any] = {"gold": c["gold"], "found": c["found"]}
        for mode in ("strict", "lenient"):
            precision = c[f"tp_{mode}"] / c["found"] if c["found"] else 0.0
            recall = c[f"hit_{mode}"] / c["gold"] if c["gold"] else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            row[mode] = {
                "precision": round(precision, 3),
                "recall": round(recall, 3),
                "f1": round(f1, 3),
            }
        report[kind] = row
    report["ignored_inner_or_optional"] = ignored
    report["misses"] = misses
    return report


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 40) : start].replace("\n", " ")
    after = text[end : end + 25].replace("\n", " ")
    return f"…{before}[{text[start:end]}]{after}…"


def measure(checkout: Path) -> dict[str, Any]:
    texts = seed_texts()
    report = score(load_entities(), mentions(run(checkout)), texts)
    return {"commit": commit_of(checkout), **report}


def write(label: str, result: dict[str, Any], path: Path = RESULTS) -> None:
    """Keep the other labels' results; misses are not written (the seeds are a test set)."""
    stored: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    stored["_about"] = ABOUT
    stored[label] = {k: v for k, v in result.items() if k != "misses"}
    path.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.seeds_entities", description=__doc__)
    parser.add_argument("--checkout", type=Path, default=THIS_TREE, help="quipu tree measured")
    parser.add_argument("--label", help="key in the results file (default: the commit)")
    parser.add_argument("--misses", action="store_true", help="list the misses by kind")
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    args = parser.parse_args(argv)
    checkout = args.checkout.resolve()
    result = measure(checkout)
    label = args.label or result["commit"]
    print(f"seeds: entities · {label} ({checkout})")
    print(f"{'type':<7} {'gold':>5} {'found':>5}   strict P / R / F1      lenient P / R / F1")
    for kind in (*TYPES, "ALL"):
        row = result[kind]
        s, n = row["strict"], row["lenient"]
        print(
            f"{kind:<7} {row['gold']:>5} {row['found']:>5}   "
            f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}   "
            f"{n['precision']:.3f} / {n['recall']:.3f} / {n['f1']:.3f}"
        )
    print(
        f"mentions on inner or optional names, not counted: {result['ignored_inner_or_optional']}"
    )
    if args.misses:
        for reason, missed in result["misses"].items():
            print(f"  {len(missed):3d}  {reason}")
            for what in missed:
                print(f"         {what}")
    if not args.no_write:
        write(label, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
