"""Compare quipu's date tagger with dateparser's ``search_dates`` on the scored test sample.

Development only (dateparser is not a dependency of quipu): install it in a scratch venv and
run this from the repository root with that venv's python::

    python -m venv /tmp/dp && /tmp/dp/bin/pip install dateparser
    /tmp/dp/bin/python tools/compare_dateparser.py

Day values only, compared by value: dateparser's matched text carries the words around a date
("on Wednesday", "of August 28, 2003"), so spans are not compared.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SAMPLE = Path("tests/data/dates_sample.json")


def f1(expected: list[set[str]], found: list[set[str]]) -> tuple[float, float, float]:
    hits = sum(len(e & f) for e, f in zip(expected, found, strict=True))
    precision = hits / max(1, sum(len(f) for f in found))
    recall = hits / max(1, sum(len(e) for e in expected))
    return precision, recall, 2 * precision * recall / (precision + recall or 1)


def main() -> None:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    expected = [{value for _, value in item["dates"] if len(value) == 10} for item in sample]

    began = time.perf_counter()
    from dateparser.search import search_dates

    imported = time.perf_counter() - began
    began = time.perf_counter()
    theirs = []
    for item in sample:
        settings = {
            "RELATIVE_BASE": datetime.fromisoformat(item["reference"]),
            "PREFER_DATES_FROM": "past",
        }
        found = search_dates(item["text"], languages=["en"], settings=settings) or []
        theirs.append({moment.date().isoformat() for _, moment in found})
    their_ms = (time.perf_counter() - began) / len(sample) * 1000

    from index.extract.dates import tag

    began = time.perf_counter()
    ours = [
        {m.value for m in tag(item["text"], date.fromisoformat(item["reference"]))}
        for item in sample
    ]
    ours = [{v for v in values if len(v) == 10} for values in ours]
    our_ms = (time.perf_counter() - began) / len(sample) * 1000

    for name, found, ms in (("dateparser", theirs, their_ms), ("quipu", ours, our_ms)):
        precision, recall, score = f1(expected, found)
        print(f"{name:<10} P {precision:.2f}  R {recall:.2f}  F1 {score:.2f}  {ms:5.1f} ms/text")
    print(f"(dateparser import: {imported:.2f} s)")


if __name__ == "__main__":
    main()
