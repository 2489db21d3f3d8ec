"""Mentioned dates on the seeds against their hand annotation: value F1, as TempEval-3 scores it.

    python -m bench.seeds_dates [--checkout DIR] [--label NAME] [--misses] [--no-write]

The gold is ``bench/gold/seeds_dates.tsv`` (TIMEX3 DATE values, written from the seeds' text
before quipu's output on them was seen; conventions in ``bench/gold/GUIDELINES.md``). The seeds
are indexed afresh by ``checkout`` (bench.seeds_run: a throw-away folder, never the user's
cache) twice:

- ``as_given``: the files as they are, as a user has them: quipu dates each seed from its text
  (two state their date; three do not), and resolves relative dates against that;
- ``dct_given``: each file with the gold's document creation time as front matter, so that
  only the reading of the expressions is measured.

Scoring is ``bench.tempeval_values``'s: a found date matches the first gold DATE its span
overlaps (one to one, in text order); value F1 counts a match only when the values are equal,
quipu's values put in TimeML's form first (a Monday-to-Sunday range is its ISO week, a decade
range its decade...) and a range whose text writes both ends scored as its two ends. Rows:

- ``calendar`` (the headline): the DATEs with a calendar value; found dates overlapping a
  generic reference are left out of both sides;
- ``all``: every DATE, the generic references ("now", "recently", "the foreseeable future":
  PRESENT_REF, PAST_REF, FUTURE_REF) included; quipu tags none by design, so they count as
  missed.

``--misses`` lists what was missed, wrong or extra, grouped by cause. Do not read it while
changing extraction code: the seeds are a test set. Results go to
``bench/results/seeds_dates.json`` under ``--label`` (default: the checkout's commit).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.seeds_gold import REFERENCES, GoldDate, load_dates, seed_texts
from bench.seeds_run import THIS_TREE, SeedRun, gold_dcts, run
from bench.tempeval_values import Found, Timex, cause, match, range_ends, scores, timeml_value

RESULTS = THIS_TREE / "bench" / "results" / "seeds_dates.json"
ABOUT = (
    "Mentioned-date value F1 of quipu on the five seeds against bench/gold/seeds_dates.tsv "
    "(hand annotation, TIMEX3 DATE values; bench/gold/GUIDELINES.md), scored as TempEval-3 "
    "does (relaxed span match, one to one, equal values). 'calendar' is the headline: DATEs "
    "with a calendar value; 'all' adds the generic now/recently references (PRESENT_REF, "
    "PAST_REF, FUTURE_REF), which quipu does not tag by design. 'as_given': the seed files as "
    "they are; 'dct_given': with the gold's document creation time as front matter. Each key "
    "besides _about is one checkout measured (python -m bench.seeds_dates --label NAME)."
)
MODES = ("as_given", "dct_given")
ROWS = ("calendar", "all")


def found_dates(seed_run: SeedRun, texts: dict[str, str]) -> tuple[dict[str, list[Found]], int]:
    """Per document, quipu's dates with offsets into its text, in TimeML's form, ranges split
    into their ends; and how many had to be placed by their text (their offsets did not hold
    it: none expected)."""
    out: dict[str, list[Found]] = {doc: [] for doc in texts}
    replaced = 0
    for mention in seed_run.timeline.get("mentions", []):
        text = texts.get(mention["doc"])
        if text is None:
            continue
        start, end = mention["start"], mention["end"]
        if text[start:end] != mention["text"]:
            replaced += 1
            start = text.find(mention["text"], max(0, start - 50))
            end = start + len(mention["text"])
        whole = Found(start, end, mention["text"], mention["value"])
        for part in month_range_ends(whole) or range_ends(whole):
            out[mention["doc"]].append(
                Found(part.start, part.end, part.text, timeml_value(part.value))
            )
    return {doc: sorted(found, key=lambda f: f.start) for doc, found in out.items()}, replaced


_SEPARATOR = re.compile(r"\s*(?:[-–/]|\bto\b|\band\b|\bthrough\b)\s*")
_MONTH_RANGE = re.compile(r"^(\d{4}-\d\d)/(\d{4}-\d\d)$")
_MONTH_NAME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s|$|\d)", re.IGNORECASE
)


def month_range_ends(found: Found) -> list[Found]:
    """A range of months whose text writes both ends ("February/March 2023", "from March to
    June") as its two ends, each where the text writes it, as TimeML marks it (and as
    bench.tempeval_values already scores ranges of years and of days); else nothing."""
    ends = _MONTH_RANGE.match(found.value)
    if not ends:
        return []
    parts = _SEPARATOR.split(found.text, maxsplit=1)
    if len(parts) != 2 or not all(_MONTH_NAME.search(part + " ") for part in parts):
        return []
    head = found.text.find(parts[0])
    tail = found.text.rfind(parts[1])
    return [
        Found(found.start + head, found.start + head + len(parts[0]), parts[0], ends[1]),
        Found(found.start + tail, found.end, parts[1], ends[2]),
    ]


def _timex(date: GoldDate) -> Timex:
    return Timex(date.start, date.end, date.text, "DATE", date.value)


def score(
    gold: list[GoldDate], found: dict[str, list[Found]], texts: dict[str, str]
) -> dict[str, Any]:
    """Value and span P/R/F1 per row, and the misses grouped by cause."""
    totals = {row: [0, 0, 0, 0] for row in ROWS}  # gold, found, span matches, value matches
    misses: list[tuple[str, str]] = []
    for doc, text in sorted(texts.items()):
        dates = found.get(doc, [])
        every = [_timex(d) for d in gold if d.doc == doc]
        generic = [t for t in every if t.value in REFERENCES]
        calendar = [t for t in every if t.value not in REFERENCES]
        on_calendar = [
            f for f in dates if not any(f.end > t.start and f.start < t.end for t in generic)
        ]
        for row, row_gold, row_found in (
            ("calendar", calendar, on_calendar),
            ("all", every, dates),
        ):
            pairs = match(row_gold, row_found)
            counts = totals[row]
            counts[0] += len(row_gold)
            counts[1] += len(row_found)
            counts[2] += len(pairs)
            counts[3] += sum(1 for t, f in pairs if t.value == f.value)
        pairs = match(every, dates)
        short = doc[:3]
        for t, f in pairs:
            if t.value != f.value:
                context = _context(text, t.start, t.end)
                misses.append(
                    (cause(t, f), f"{short}: {t.text!r} {t.value} ≠ {f.value} · {context}")
                )
        matched = {id(t) for t, _ in pairs}
        used = {id(f) for _, f in pairs}
        for t in every:
            if id(t) not in matched:
                misses.append(
                    (
                        cause(t, None),
                        f"{short}: {t.text!r} {t.value} · {_context(text, t.start, t.end)}",
                    )
                )
        for f in dates:
            if id(f) not in used and not any(f.end > t.start and f.start < t.end for t in every):
                misses.append(
                    (
                        cause(None, f),
                        f"{short}: {f.text!r} = {f.value} · {_context(text, f.start, f.end)}",
                    )
                )
    report: dict[str, Any] = {}
    for row, (gold_n, found_n, spans, values) in totals.items():
        report[row] = {
            "gold": gold_n,
            "found": found_n,
            "value": scores(gold_n, found_n, values),
            "span": scores(gold_n, found_n, spans),
        }
    grouped: dict[str, list[str]] = {}
    for reason, what in misses:
        grouped.setdefault(reason, []).append(what)
    report["misses"] = dict(sorted(grouped.items(), key=lambda item: -len(item[1])))
    return report


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 45) : start].replace("\n", " ")
    after = text[end : end + 25].replace("\n", " ")
    return f"…{before}[{text[start:end]}]{after}…"


def commit_of(checkout: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or checkout.name


def measure(checkout: Path) -> dict[str, Any]:
    texts = seed_texts()
    gold = load_dates()
    dcts = gold_dcts()
    result: dict[str, Any] = {"commit": commit_of(checkout)}
    for mode in MODES:
        seed_run = run(checkout, dcts if mode == "dct_given" else None)
        found, replaced = found_dates(seed_run, texts)
        part = score(gold, found, texts)
        part["placed_by_text"] = replaced
        part["published"] = {
            doc[:3]: {"quipu": seed_run.published.get(doc, (None, "none"))[0],
                      "basis": seed_run.published.get(doc, (None, "none"))[1],
                      "gold_dct": dcts[doc]}
            for doc in sorted(texts)
        }  # fmt: skip
        result[mode] = part
    return result


def write(label: str, result: dict[str, Any], path: Path = RESULTS) -> None:
    """Keep the other labels' results; misses are not written (the seeds are a test set)."""
    stored: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    kept = {mode: {k: v for k, v in result[mode].items() if k != "misses"} for mode in MODES}
    stored["_about"] = ABOUT
    stored[label] = {"commit": result["commit"], **kept}
    path.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.seeds_dates", description=__doc__)
    parser.add_argument("--checkout", type=Path, default=THIS_TREE, help="quipu tree measured")
    parser.add_argument("--label", help="key in the results file (default: the commit)")
    parser.add_argument("--misses", action="store_true", help="list misses, grouped by cause")
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    args = parser.parse_args(argv)
    checkout = args.checkout.resolve()
    result = measure(checkout)
    label = args.label or commit_of(checkout)
    print(f"seeds: mentioned dates · {label} ({checkout})")
    for mode in MODES:
        part = result[mode]
        print(f"{mode}:")
        for row in ROWS:
            r = part[row]
            value, span = r["value"], r["span"]
            print(
                f"  {row:<9} gold {r['gold']:3d} found {r['found']:3d} · value P "
                f"{value['precision']:.3f} R {value['recall']:.3f} F1 {value['f1']:.3f} · span F1 "
                f"{span['f1']:.3f}"
            )
        dated = ", ".join(
            f"{doc} {p['quipu'] or 'undated'} ({p['basis']}; gold {p['gold_dct']})"
            for doc, p in part["published"].items()
        )
        print(f"  publication dates: {dated}")
        if args.misses:
            for reason, missed in part["misses"].items():
                print(f"    {len(missed):3d}  {reason}")
                for what in missed:
                    print(f"           {what}")
    if not args.no_write:
        write(label, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
