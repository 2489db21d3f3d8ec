"""The seeds' gold annotation (bench/gold/, written by hand from the text: GUIDELINES.md there):
read it, and check it against the seeds as quipu reads them.

``python -m bench.seeds_gold`` checks every span (its text at its offsets in the document's
text as ``index.reading.corpus`` reads the file: UTF-8, no front matter in the seeds, so the
offsets are those of the file's characters), its value or type, and prints the counts. Exit 1
on any problem. No indexing, no extraction: this reads the seeds and the two TSV files only.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"
DATES_TSV = GOLD / "seeds_dates.tsv"
ENTITIES_TSV = GOLD / "seeds_entities.tsv"

REFERENCES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
"""TIMEX3's generic references ("now", "recently", "the foreseeable future"): DATEs without a
calendar value, scored apart."""
TYPES = ("PERSON", "PLACE", "ORG")
SCOPES = ("", "inner", "optional")
"""An entity row's scope: scored (empty); ``inner``, a name inside a recorded one ("Peru" in
"Peru Libre"); ``optional``, a name whose type or form the text leaves unsure. Neither of the
last two is asked for, nor held against a tagger that marks it with that type."""

_VALUE = re.compile(
    r"^(?:\d{2,4}|\d{4}-(?:\d{2}(?:-\d{2})?|W\d{2}(?:-WE)?|Q[1-4]|H[12]|SP|SU|FA|WI))$"
)


@dataclass(frozen=True, slots=True)
class GoldDate:
    doc: str
    start: int
    end: int
    text: str
    value: str  # a TIMEX3 DATE value, or one of REFERENCES


@dataclass(frozen=True, slots=True)
class GoldEntity:
    doc: str
    start: int
    end: int
    text: str
    type: str  # one of TYPES
    scope: str  # one of SCOPES


def seed_texts(seeds: Path = SEEDS) -> dict[str, str]:
    """Each seed's document id and text, read by quipu's reader (not its extraction)."""
    from index.reading.corpus import read_document, scan

    files, _ = scan(seeds)
    return {source.doc: read_document(source)[0].text for source in files}


def _rows(path: Path, width: int) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) != width:
            raise ValueError(f"{path.name}:{number}: {len(cells)} columns, not {width}")
        rows.append(cells)
    return rows


def load_dates(path: Path = DATES_TSV) -> list[GoldDate]:
    return [GoldDate(d, int(s), int(e), t, v) for d, s, e, t, v in _rows(path, 5)]


def load_entities(path: Path = ENTITIES_TSV) -> list[GoldEntity]:
    return [GoldEntity(d, int(s), int(e), t, k, c) for d, s, e, t, k, c in _rows(path, 6)]


def problems(texts: dict[str, str], dates: list[GoldDate], entities: list[GoldEntity]) -> list[str]:
    """Every way the gold disagrees with the seed texts or with its own conventions."""
    found: list[str] = []
    spans: list[GoldDate | GoldEntity] = [*dates, *entities]
    for span in spans:
        where = f"{span.doc} {span.start}-{span.end} {span.text!r}"
        text = texts.get(span.doc)
        if text is None:
            found.append(f"{where}: no such seed")
            continue
        if not 0 <= span.start < span.end <= len(text):
            found.append(f"{where}: offsets outside the text")
        elif text[span.start : span.end] != span.text:
            found.append(f"{where}: the text there is {text[span.start : span.end]!r}")
        elif span.text != span.text.strip():
            found.append(f"{where}: space at an edge")
    for date in dates:
        if date.value not in REFERENCES and not _VALUE.match(date.value):
            found.append(f"{date.doc} {date.text!r}: not a TIMEX3 DATE value: {date.value!r}")
    for entity in entities:
        if entity.type not in TYPES:
            found.append(f"{entity.doc} {entity.text!r}: type {entity.type!r}")
        if entity.scope not in SCOPES:
            found.append(f"{entity.doc} {entity.text!r}: scope {entity.scope!r}")
    for name, rows in (("dates", dates), ("entities", entities)):
        keys = [(r.doc, r.start, r.end) for r in rows]
        if len(set(keys)) != len(keys):
            found.append(f"{name}: a span recorded twice")
        if keys != sorted(keys, key=lambda k: (k[0], k[1], -k[2])):
            found.append(f"{name}: rows not in text order")
    scored = [e for e in entities if not e.scope]
    for a, b in zip(scored, scored[1:], strict=False):
        if a.doc == b.doc and b.start < a.end:
            found.append(f"{a.doc}: scored names overlap: {a.text!r} and {b.text!r}")
    return found


def counts(dates: list[GoldDate], entities: list[GoldEntity]) -> dict[str, dict[str, int]]:
    kinds = Counter("generic" if d.value in REFERENCES else "calendar" for d in dates)
    types = Counter(e.type if not e.scope else f"{e.type} ({e.scope})" for e in entities)
    return {"dates": dict(sorted(kinds.items())), "entities": dict(sorted(types.items()))}


def main() -> int:
    texts = seed_texts()
    dates, entities = load_dates(), load_entities()
    trouble = problems(texts, dates, entities)
    for line in trouble:
        print(line)
    summary = counts(dates, entities)
    print(f"{len(texts)} seeds · {len(dates)} dates {summary['dates']}")
    print(f"{len(entities)} entity rows {summary['entities']}")
    print("gold OK" if not trouble else f"{len(trouble)} problems")
    return 1 if trouble else 0


if __name__ == "__main__":
    sys.exit(main())
