"""Mentioned dates against TempEval-3's gold time expressions: value F1, as TempEval-3 scores it.

    python -m bench.tempeval_values TML_FOLDER [--code CHECKOUT] [--json]

TML_FOLDER holds TimeML files (the TE3 platinum test set: 20 news articles of March 2013, 138
TIMEX3 besides their creation times; CC BY 3.0, not in this repository). Each becomes a plain
text document (its <TITLE>, a blank line, its <TEXT> with the markup taken out), written three
times, each a collection of its own:

- ``with_front_matter``: under a neutral name (``doc01.txt``), the document creation time (DCT)
  as front matter (``date:``, the ``metadata`` basis);
- ``text_only``: under a neutral name, no front matter: quipu dates each document from its text
  alone (and the collection's other documents), or leaves it undated;
- ``file_names``: no front matter, under the TimeML file's own name (``AP_20130322.txt``,
  ``nyt_20130321_cyprus.txt``): the files as a user would have them. Where a name carries a
  date, quipu reads it (the ``filename`` basis): this is not a figure of the text alone.

Each folder is indexed afresh and ``quipu timeline --json`` gives the dates quipu found;
``quipu show --json`` gives each document's text, to place them.

Scoring follows TempEval-3's: a found date matches a gold TIMEX3 whose span it overlaps
(relaxed match, one to one, in text order); **value F1** counts a match only when the values are
equal (precision over the dates found, recall over the gold ones). quipu writes some values in
its own form; they are put in TimeML's where TimeML has one: a Monday-to-Sunday range is that
ISO week (``2013-W11``), a Saturday-and-Sunday range that week's weekend (``2013-W11-WE``), a
decade range ``1990/1999`` is ``199`` and a century ``1900/1999`` ``19``, a quarter's or a
half's months are that quarter or half (``1989-07/1989-09`` is ``1989-Q3``), a season's months
are that season (``2012-06/2012-08`` is ``2012-SU``, a winter the year of its December), a third
of a month ("early March", "the end of the month") is the month and a third of a year the year
(TimeML keeps the part in its ``mod`` attribute, not in the value).
A range quipu reads as one date where TimeML marks its two ends ("between 1994 and 1997",
"2009-2010", "1957-58": quipu ``1994/1997``, TimeML ``1994`` and ``1997``; "April 24 and 25")
is scored as its two ends, each where the text writes it (the first part of its text up to "-",
"to", "and" or "through", and the rest), when the text writes both; the ends are put in
TimeML's form after (a Saturday and Sunday written so are two days, not a weekend).
Nothing else is changed, but for one value written two ways: a gold value's unknown trailing
parts (``1968-XX``, ``1998-10-XX``), a decade's ``X`` (``199X``) and an unpadded week
(``2000-W7``) are read as ``1968``, ``1998-10``, ``199`` and ``2000-W07`` (TimeBank and AQUAINT
write them so; the platinum set hardly does).

Reported: over all gold expressions (DATE, TIME, DURATION, SET: what HeidelTime's published
value F1 of 77.6 on this set counts; quipu tags no durations or sets, so its recall is bounded)
and over the DATE expressions alone (the found dates that overlap a gold expression of another
type left out of both sides), and over the DATEs with a calendar value ("calendar": not "now",
"currently", "recently", "the past": PRESENT_REF, PAST_REF, FUTURE_REF, which quipu does not
tag, a generic "now" being no date; 14 of platinum's 96 DATEs: a tagger that leaves them out
reaches a DATE value F1 of 0.921 at best, reported beside), and ("by day") over the
DATEs with a calendar value and the TIMEs, a time's value read as its day (``2013-03-22TAF``,
"Friday afternoon", as ``2013-03-22``): quipu places dates on a calendar of days and shows no
time of day, so this is the figure of what its reader sees; it is not TempEval-3's (the
headline "all" is, counting a time quipu gives as its day as wrong, and each duration, set and
reference as missed). Without the DCT, how many gold
dates write their year ("May 2010", "1953"): a reader of the text alone can place no other (TE3's
articles never name 2013), so they bound its recall. ``--misses`` lists what was missed, wrong
or extra, grouped by cause (biggest first). ``--code`` measures another checkout (see
bench.published_dates). The TimeBank and AQUAINT folders of TE3's training data (TBAQ-cleaned)
read the same way: develop there, report on platinum.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.published_dates import run_quipu

HEIDELTIME_VALUE_F1 = 0.776
"""HeidelTime's value F1 on TE3 platinum (UzZaman et al. 2013, SemEval-2013 Task 1, table 3)."""

_DCT = re.compile(r"<DCT>.*?value=\"([^\"]+)\"", re.DOTALL)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.DOTALL)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    dct: str
    text: str  # title, blank line, text
    gold: tuple[Timex, ...]


def plain_with_timexes(markup: str) -> tuple[str, list[Timex]]:
    """The text without its tags, and the TIMEX3 elements with offsets into it."""
    out: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[Timex] = []
    position = 0
    for tag in _TAG.finditer(markup):
        piece = html.unescape(markup[position : tag.start()])
        out.append(piece)
        length += len(piece)
        position = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(out)[start:length]
            timexes.append(
                Timex(start, length, text, attrs.get("type", ""), attrs.get("value", ""))
            )
            open_timex = None
    out.append(html.unescape(markup[position:]))
    return "".join(out), timexes


def read_article(path: Path) -> Article | None:
    source = path.read_text(encoding="utf-8", errors="replace")
    dct, body = _DCT.search(source), _TEXT.search(source)
    if dct is None or body is None:
        return None
    title_match = _TITLE.search(source)
    title = plain_with_timexes(title_match.group(1))[0].strip() if title_match else path.stem
    text, timexes = plain_with_timexes(body.group(1))
    lead = len(text) - len(text.lstrip())
    head = f"{title}\n\n"
    shift = len(head) - lead
    gold = tuple(
        Timex(t.start + shift, t.end + shift, t.text, t.type, same_value(t.value)) for t in timexes
    )
    return Article(path.stem, dct.group(1)[:10], head + text.strip() + "\n", gold)


def timeml_value(value: str) -> str:
    """quipu's value in TimeML's form where TimeML has one (see the module's docstring)."""
    first, slash, last = value.partition("/")
    if not slash:
        return value
    try:
        if len(first) == 10 and len(last) == 10:
            a, b = date.fromisoformat(first), date.fromisoformat(last)
            if a.weekday() == 0 and b - a == timedelta(days=6):
                year, week, _ = a.isocalendar()
                return f"{year:04d}-W{week:02d}"
            if a.weekday() == 5 and b - a == timedelta(days=1):
                year, week, _ = a.isocalendar()
                return f"{year:04d}-W{week:02d}-WE"
            if (
                a.year == b.year
                and a.month == b.month
                and (a.day, b.day)
                in (
                    (1, 10),
                    (11, 20),
                )
            ):
                return first[:7]
            if a.year == b.year and a.month == b.month and a.day == 21 and b.day >= 28:
                return first[:7]
        if len(first) == 7 and len(last) == 7 and first[:4] == last[:4]:
            months = (int(first[5:]), int(last[5:]))
            if months in ((1, 4), (5, 8), (9, 12)):
                return first[:4]
            quarters = {(1, 3): "Q1", (4, 6): "Q2", (7, 9): "Q3", (10, 12): "Q4"}
            halves = {(1, 6): "H1", (7, 12): "H2"}
            if months in quarters or months in halves:
                return f"{first[:4]}-{quarters.get(months) or halves[months]}"
            seasons = {(3, 5): "SP", (6, 8): "SU", (9, 11): "FA"}
            if months in seasons:
                return f"{first[:4]}-{seasons[months]}"
        winter = len(first) == len(last) == 7 and (first[5:], last[5:]) == ("12", "02")
        if winter and int(last[:4]) == int(first[:4]) + 1:
            return f"{first[:4]}-WI"
        decade = len(first) == len(last) == 4 and first.endswith("0")
        if decade and int(last) - int(first) == 9:
            return first[:3]
        if decade and first.endswith("00") and int(last) - int(first) == 99:
            return first[:2]
    except ValueError:
        return value
    return value


_UNKNOWN_TAIL = re.compile(r"(?:-XX)+$")
_WEEK = re.compile(r"^(\d{4})-W(\d)$")


def same_value(value: str) -> str:
    """A TimeML value in one writing of it (see the module's docstring)."""
    value = _UNKNOWN_TAIL.sub("", value)
    if len(value) == 4 and value[:3].isdigit() and value[3] == "X":
        return value[:3]
    week = _WEEK.match(value)
    return f"{week[1]}-W0{week[2]}" if week else value


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    text: str
    value: str


def match(gold: list[Timex], found: list[Found]) -> list[tuple[Timex, Found]]:
    """Relaxed one-to-one matches: each gold expression with the first unused found date whose
    span overlaps it."""
    pairs: list[tuple[Timex, Found]] = []
    used: set[int] = set()
    for timex in gold:
        for n, candidate in enumerate(found):
            if n in used or candidate.end <= timex.start or candidate.start >= timex.end:
                continue
            used.add(n)
            pairs.append((timex, candidate))
            break
    return pairs


def scores(gold: int, found: int, correct: int) -> dict[str, float]:
    precision = correct / found if found else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


MODES = ("with_front_matter", "text_only", "file_names")
"""How the articles are given to quipu (see the module's docstring)."""


def found_dates(articles: list[Article], mode: str, code: Path | None) -> dict[str, Any]:
    """Per article: the dates quipu found (offsets into the article's text) and its date."""
    with tempfile.TemporaryDirectory(prefix="quipu-te3v-") as work:
        corpus = Path(work) / "corpus"
        corpus.mkdir()
        names: dict[str, Article] = {}
        for number, article in enumerate(articles, start=1):
            name = article.name if mode == "file_names" else f"doc{number:02d}"
            front = f"---\ndate: {article.dct}\n---\n" if mode == "with_front_matter" else ""
            (corpus / f"{name}.txt").write_text(front + article.text, encoding="utf-8")
            names[name] = article
        common = ["--corpus", str(corpus), "--index-dir", str(Path(work) / "index")]
        built = run_quipu(code, "index", *common, "--rebuild")
        if built.returncode != 0:
            raise SystemExit(f"quipu index failed ({built.returncode}): {built.stderr.strip()}")
        timeline = run_quipu(code, "timeline", *common, "--no-refresh", "--json")
        if timeline.returncode not in (0, 1):
            raise SystemExit(f"quipu timeline failed: {timeline.stderr.strip()}")
        payload = json.loads(timeline.stdout)
        out: dict[str, Any] = {}
        for document in payload["documents"]:
            article = names[document["doc"]]
            shown = run_quipu(code, "show", document["doc"], *common, "--no-refresh", "--json")
            text = json.loads(shown.stdout)["text"]
            shift = article.text.find(text[:60].strip()) - text.find(text[:60].strip())
            dates = []
            for mention in payload["mentions"]:
                if mention["doc"] != document["doc"]:
                    continue
                start, end = mention["start"] + shift, mention["end"] + shift
                if article.text[start:end] != mention["text"]:  # placed by its text instead
                    start = article.text.find(mention["text"], max(0, start - 50))
                    end = start + len(mention["text"])
                for part in range_ends(Found(start, end, mention["text"], mention["value"])):
                    dates.append(Found(part.start, part.end, part.text, timeml_value(part.value)))
            unplaced = [
                Found(m["start"] + shift, m["end"] + shift, m["text"], "")
                for m in payload.get("unresolved", [])
                if m["doc"] == document["doc"]
            ]
            out[article.name] = {
                "published": document["published"],
                "basis": document["published_basis"],
                "found": sorted(dates, key=lambda f: f.start),
                "unresolved": unplaced,
            }
        return out


_RANGE_SEPARATOR = re.compile(r"\s*(?:[-–/]|\bto\b|\band\b|\bthrough\b)\s*")
_YEAR_END = re.compile(r"^(?:\d{4}|\d\d)$")


def range_ends(found: Found) -> list[Found]:
    """A range of two years whose text writes both ends ("between 1994 and 1997", "1957-58")
    or of days of a month ("February 16 and 17", "6 to 9 January") as its two ends, each at
    its place in the text; any other date as it is."""
    first, slash, last = found.value.partition("/")
    if slash and len(first) == len(last) == 10 and first[:8] == last[:8]:
        parts = _RANGE_SEPARATOR.split(found.text, maxsplit=1)
        if len(parts) == 2 and all(any(c.isdigit() for c in part) for part in parts):
            tail = found.text.rfind(parts[1])
            return [
                Found(found.start, found.start + len(parts[0]), parts[0], first),
                Found(found.start + tail, found.end, parts[1], last),
            ]
        return [found]
    if not slash or len(first) != 4 or len(last) != 4 or "-" in first + last:
        return [found]
    parts = _RANGE_SEPARATOR.split(found.text)
    ends = [p for p in parts if _YEAR_END.match(p.strip().split()[-1] if p.strip() else "")]
    if len(parts) < 2 or len(ends) < 2:
        return [found]
    head = found.text.find(first)
    tail_digits = parts[-1].strip()
    tail = found.text.rfind(tail_digits)
    if head < 0 or tail <= head:
        return [found]
    return [
        Found(found.start + head, found.start + head + 4, first, first),
        Found(found.start + tail, found.start + tail + len(tail_digits), tail_digits, last),
    ]


_REFERENCES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_QUARTER = re.compile(r"^\d{4}-Q\d$")
_THREE_MONTHS = re.compile(r"^\d{4}-(?:Q\d|SP|SU|FA|WI|\d\d/\d{4}-\d\d)$")
_WRITTEN_YEAR = re.compile(r"\b(?:1[89]|20)\d\d|['’]\d\d\b")


def cause(timex: Timex | None, found: Found | None, unplaced: bool = False) -> str:
    """Why a gold expression was missed or a found date was wrong or extra, in a few words:
    the groups ``--misses`` prints (the biggest general causes first)."""
    if timex is None:
        return "extra: a date the gold does not mark"
    if timex.type in ("DURATION", "SET"):
        return f"not tagged: {timex.type.lower()} (quipu tags points in time)"
    if timex.value in _REFERENCES:
        return "not tagged: now/recently/the past (PRESENT_REF, PAST_REF)"
    if found is None:
        if unplaced:
            return "unresolved: the document's date is not known"
        if "T" in timex.value:
            return "not tagged: a time of day"
        if timex.value.startswith("X"):
            return "not tagged: a date without a year (XXXX)"
        return "not tagged: a date"
    if "T" in timex.value:
        return "wrong value: a time of day (quipu gives the day)"
    gold, mine = timex.value, found.value
    if gold[:4] != mine[:4] and gold[:4].isdigit():
        return "wrong value: another year"
    if _QUARTER.match(gold) and _THREE_MONTHS.match(mine):
        # TimeML writes a fiscal quarter by its number ("the fourth quarter ended Aug. 26":
        # 1989-Q4), quipu by its months (June to August: 1989-SU here)
        return "wrong value: another quarter (or a fiscal quarter's months)"
    if mine.startswith(gold) or gold.startswith(mine.split("/")[0]):
        return "wrong value: another granularity"
    return "wrong value: other"


KINDS = ("all", "DATE", "calendar", "by_day")
"""The rows reported (see the module's docstring): TempEval-3's is "all"."""


def score(articles: list[Article], found: dict[str, Any]) -> dict[str, Any]:
    totals = {kind: [0, 0, 0, 0] for kind in KINDS}
    # gold, found, span, value
    misses: list[tuple[str, str]] = []  # (cause, what)
    stating = 0  # gold dates that write their year: all a reader without the DCT can place
    for article in articles:
        answer = found.get(article.name, {"found": [], "unresolved": []})
        dates = answer["found"]
        gold = list(article.gold)
        pairs = match(gold, dates)
        right = [(t, f) for t, f in pairs if t.value == f.value]
        for t, f in pairs:
            if t.value != f.value:
                context = article.text[max(0, t.start - 50) : t.end + 30].replace("\n", " ")
                what = f"{article.name}: {t.text!r} {t.type} {t.value} ≠ {f.value} · …{context}…"
                misses.append((cause(t, f), what))
        matched = {id(t) for t, _ in pairs}
        used = {id(f) for _, f in pairs}
        unplaced = answer.get("unresolved", [])
        for t in gold:
            if id(t) in matched:
                continue
            near = any(u.end > t.start and u.start < t.end for u in unplaced)
            context = article.text[max(0, t.start - 40) : t.end + 20].replace("\n", " ")
            misses.append(
                (
                    cause(t, None, near),
                    f"{article.name}: {t.text!r} {t.type} {t.value} · …{context}…",
                )
            )
        for f in dates:
            if id(f) not in used and not any(f.end > t.start and f.start < t.end for t in gold):
                context = article.text[max(0, f.start - 40) : f.end + 20].replace("\n", " ")
                misses.append(
                    (cause(None, f), f"{article.name}: {f.text!r} = {f.value} · …{context}…")
                )
        totals["all"][0] += len(gold)
        totals["all"][1] += len(dates)
        totals["all"][2] += len(pairs)
        totals["all"][3] += len(right)
        other = [t for t in gold if t.type != "DATE"]
        kept = [f for f in dates if not any(f.end > t.start and f.start < t.end for t in other)]
        date_gold = [t for t in gold if t.type == "DATE"]
        stating += sum(1 for t in date_gold if _WRITTEN_YEAR.search(t.text))
        date_pairs = match(date_gold, kept)
        totals["DATE"][0] += len(date_gold)
        totals["DATE"][1] += len(kept)
        totals["DATE"][2] += len(date_pairs)
        totals["DATE"][3] += sum(1 for t, f in date_pairs if t.value == f.value)
        # DATEs with a calendar value: not now/recently/the past (PRESENT_REF, PAST_REF...),
        # which quipu leaves out by design ("a generic now is not a date").
        references = [t for t in date_gold if t.value in _REFERENCES]
        calendar_gold = [t for t in date_gold if t.value not in _REFERENCES]
        on_calendar = [
            f for f in kept if not any(f.end > t.start and f.start < t.end for t in references)
        ]
        calendar_pairs = match(calendar_gold, on_calendar)
        totals["calendar"][0] += len(calendar_gold)
        totals["calendar"][1] += len(on_calendar)
        totals["calendar"][2] += len(calendar_pairs)
        totals["calendar"][3] += sum(1 for t, f in calendar_pairs if t.value == f.value)
        # The DATEs with a calendar value and the TIMEs, a time read as its day.
        points = [
            Timex(t.start, t.end, t.text, t.type, t.value.split("T")[0])
            for t in gold
            if t.type in ("DATE", "TIME") and t.value not in _REFERENCES
        ]
        outside = [t for t in gold if t.type not in ("DATE", "TIME") or t.value in _REFERENCES]
        placed = [f for f in dates if not any(f.end > t.start and f.start < t.end for t in outside)]
        day_pairs = match(points, placed)
        totals["by_day"][0] += len(points)
        totals["by_day"][1] += len(placed)
        totals["by_day"][2] += len(day_pairs)
        totals["by_day"][3] += sum(1 for t, f in day_pairs if t.value == f.value)
    report: dict[str, Any] = {}
    for kind, (gold_n, found_n, spans, values) in totals.items():
        report[kind] = {
            "gold": gold_n,
            "found": found_n,
            "span": scores(gold_n, found_n, spans),
            "value": scores(gold_n, found_n, values),
        }
    report["DATE"]["writing_their_year"] = stating
    # The best DATE value F1 a tagger that leaves the references out can reach: every other gold
    # date found with its value, nothing else found.
    date_gold, placeable = report["DATE"]["gold"], report["calendar"]["gold"]
    report["DATE"]["best_without_references"] = scores(date_gold, placeable, placeable)["f1"]
    grouped: dict[str, list[str]] = {}
    for reason, what in misses:
        grouped.setdefault(reason, []).append(what)
    report["misses"] = dict(sorted(grouped.items(), key=lambda item: -len(item[1])))
    dated = [v for v in found.values() if v["published"]]
    report["documents_dated"] = len(dated)
    report["documents_dated_right"] = sum(
        1 for a in articles if (found.get(a.name) or {}).get("published") == a.dct
    )
    return report


def measure(folder: Path, code: Path | None) -> dict[str, Any]:
    articles = [a for p in sorted(folder.glob("*.tml")) if (a := read_article(p)) is not None]
    if not articles:
        raise SystemExit(f"no TimeML files with a DCT in {folder}")
    result: dict[str, Any] = {"articles": len(articles), "heideltime_value_f1": HEIDELTIME_VALUE_F1}
    for mode in MODES:
        result[mode] = score(articles, found_dates(articles, mode, code))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of TimeML files (TE3 platinum)")
    parser.add_argument("--code", type=Path, help="measure this checkout instead")
    parser.add_argument("--json", action="store_true", help="the numbers as one JSON object")
    parser.add_argument("--misses", action="store_true", help="list the misses, grouped by cause")
    args = parser.parse_args(argv)
    result = measure(args.folder, args.code)
    if args.json:
        if not args.misses:
            for mode in MODES:
                result[mode].pop("misses")
        print(json.dumps(result, indent=2))
        return 0
    print(f"{result['articles']} articles · HeidelTime value F1 {HEIDELTIME_VALUE_F1:.3f}")
    for label in MODES:
        part = result[label]
        print(
            f"{label}: documents dated {part['documents_dated']} "
            f"(right day {part['documents_dated_right']})"
        )
        for kind in KINDS:
            row = part[kind]
            value, span = row["value"], row["span"]
            print(
                f"  {kind:<8} gold {row['gold']:3d} found {row['found']:3d} · value P "
                f"{value['precision']:.3f} R {value['recall']:.3f} F1 {value['f1']:.3f} · span F1 "
                f"{span['f1']:.3f}"
            )
        if label == "with_front_matter":
            best = part["DATE"]["best_without_references"]
            print(f"  DATE value F1 at best with no now/recently/the past tagged: {best:.3f}")
        if label == "text_only":
            written = part["DATE"]["writing_their_year"]
            print(f"  DATE gold that writes its year (what the text alone can place): {written}")
        if args.misses:
            for reason, missed in part["misses"].items():
                print(f"    {len(missed):3d}  {reason}")
                for what in missed:
                    print(f"           {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
