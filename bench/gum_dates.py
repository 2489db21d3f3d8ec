"""Mentioned dates against GUM's hand-annotated dates: value F1 on real articles, with and
without their date given as front matter.

    python -m bench.gum_dates GUM_XML_FOLDER [--genre news --genre interview] [--code CHECKOUT]
                              [--json] [--misses]

GUM (Georgetown University Multilayer corpus, https://github.com/amir-zeldes/gum; annotations
CC BY 4.0, Wikinews texts CC BY 2.5, other genres their own licences, none in this repository)
marks every date its texts mention with its calendar value: ``<date when="2015-09-21">``
("Yesterday", "Monday, September 21, 2015", "Next year"), ``from``/``to`` for a span ("last
week", "this weekend") and ``notBefore``/``notAfter`` for a stretch of time ("15 years", "the
past 30 days"). Its XML files (``_build/src/xml/GUM_<genre>_<name>.xml``: one token a line,
``<w>`` joining the pieces of one written word) give the text and where each date is; the
``dateCreated`` of each ``<text>`` is when the document was written.

Each document of the chosen genres (default: ``news`` and ``interview``, Wikinews articles:
their text opens with its date, "Thursday, February 23, 2006") is rebuilt as plain text
(paragraphs, headings and what stands between them a blank line apart; tokens spaced as
written English is: no space before a comma or after an opening bracket, none inside a
``<w>``) and scored exactly as
``bench.tempeval_values`` scores TempEval-3 (relaxed span match, one to one, value equality;
quipu's values put in TimeML's form), in two ways:

- ``with_front_matter``: ``dateCreated`` given as front matter (the ``metadata`` basis);
- ``text_only``: the text as it is, no front matter, under a neutral name: quipu dates each
  document from what its text says (the dateline most Wikinews articles open with), or leaves
  it undated. This is the figure of real articles without front matter.

A gold ``when`` is the value; ``from``/``to`` is the range ``from/to`` (in TimeML's form where
TimeML has one: a week, a weekend); a stretch given only by ``notBefore``/``notAfter`` ("15
years") is a duration, which quipu does not tag: left out of the DATE row as TempEval-3's
durations are. A ``when`` with a time of day is a TIME.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.tempeval_values import Article, Timex, found_dates, score, timeml_value

GENRES = ("news", "interview")
"""Wikinews articles and interviews: news text that states its date in its first line."""

_TAG = re.compile(r"^<(/?)([a-z]+)\b([^>]*)>$")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")
_BLOCKS = frozenset({"head", "p", "caption", "item", "sp"})
"""Elements that start a paragraph of their own."""
_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "''", "”", "’"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "“", "‘", "#"})
_CLITIC = re.compile(r"^(?:'|’)(?:s|re|ve|ll|d|m)$|^n['’]t$", re.IGNORECASE)


def gold_value(attrs: dict[str, str]) -> tuple[str, str] | None:
    """A ``<date>``'s type and value in TimeML's form: DATE or TIME ``when``, a DATE range
    ``from/to`` (a week, a weekend as TimeML writes them), a DURATION (only ``notBefore`` or
    ``notAfter``); None for one with no value."""
    when = attrs.get("when")
    if when:
        return ("TIME" if "T" in when else "DATE"), when
    if attrs.get("from") and attrs.get("to"):
        return "DATE", timeml_value(_monday_week(attrs["from"], attrs["to"]))
    if attrs.get("notBefore") or attrs.get("notAfter"):
        return "DURATION", f"{attrs.get('notBefore', '')}/{attrs.get('notAfter', '')}"
    return None


def _monday_week(first: str, last: str) -> str:
    """A span of days in the form quipu and TimeML write it: a week GUM writes from a Sunday
    (to the Saturday or the next Sunday) as the Monday-to-Sunday week it overlaps most; days
    from the first of a month to the last of one as those months ("1930-01-01/1939-12-31" is
    "1930-01/1939-12"), and whole years as years ("1930/1939", a decade); any other as it is."""
    try:
        a, b = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return f"{first}/{last}"
    if a.weekday() == 6 and (b - a).days in (6, 7):
        monday = a + timedelta(days=1)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    if a.day == 1 and (b + timedelta(days=1)).day == 1 and b > a:
        if a.month == 1 and b.month == 12:
            return f"{a.year:04d}/{b.year:04d}" if b.year > a.year else f"{a.year:04d}"
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.year:04d}-{a.month:02d}"
        return f"{a.year:04d}-{a.month:02d}/{b.year:04d}-{b.month:02d}"
    return f"{first}/{last}"


class _Text:
    """The plain text rebuilt token by token, with the offsets of the dates in it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.last = ""  # the last token written ("" at a paragraph's start)
        self.quotes = 0  # straight double quotes seen: an odd count is inside a quotation
        self.glued = False  # inside a <w>: no space between its pieces

    def paragraph(self) -> None:
        if self.length and self.parts[-1] != "\n\n":
            self._write("\n\n")
        self.last = ""

    def token(self, token: str) -> None:
        token = html.unescape(token)
        space = bool(self.last) and not self.glued
        if token in _NO_SPACE_BEFORE or _CLITIC.match(token) or self.last in _NO_SPACE_AFTER:
            space = False
        if token == '"':
            self.quotes += 1
            if self.quotes % 2 == 0:
                space = False  # a closing quote
        if self.last == '"' and self.quotes % 2 == 1:
            space = False  # just after an opening quote
        if space:
            self._write(" ")
        self.start = self.length
        self._write(token)
        self.last = token

    def _write(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def read_document(path: Path) -> Article | None:
    """A GUM XML file as an article: its text, its ``dateCreated`` and its dates."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        return None
    head = dict(_ATTR.findall(lines[0]))
    created = head.get("dateCreated", "")
    if not re.match(r"^\d{4}-\d\d-\d\d$", created):
        return None
    return _read(lines, created, path.stem)


def _read(lines: list[str], created: str, name: str) -> Article:
    out = _Text()
    gold: list[Timex] = []
    stack: list[tuple[int | None, dict[str, str]]] = []
    in_w = False
    for line in lines[1:]:
        tag = _TAG.match(line)
        if tag is None:
            if "\t" not in line:
                continue
            out.token(line.split("\t", 1)[0])
            if in_w:
                out.glued = True  # the next piece of this word follows with no space
            if stack and stack[-1][0] is None:
                stack[-1] = (out.start, stack[-1][1])
            continue
        closing, element = tag.group(1) == "/", tag.group(2)
        if element in _BLOCKS:
            out.paragraph()  # (after one too: a date between the heading and the first
            # paragraph is a line of its own)
        elif element == "w":
            in_w = not closing
            out.glued = False
        elif element == "date" and not closing:
            stack.append((None, dict(_ATTR.findall(tag.group(3)))))
        elif element == "date" and stack:
            start, attrs = stack.pop()
            typed = gold_value(attrs)
            if start is not None and typed is not None:
                text = out.text[start : out.length]
                gold.append(Timex(start, out.length, text, typed[0], typed[1]))
    text = out.text.strip() + "\n"
    lead = len(out.text) - len(out.text.lstrip())
    gold = [Timex(t.start - lead, t.end - lead, t.text, t.type, t.value) for t in gold]
    return Article(name, created, text, tuple(sorted(gold, key=lambda t: t.start)))


MODES = ("with_front_matter", "text_only")


def measure(folder: Path, genres: tuple[str, ...], code: Path | None) -> dict[str, Any]:
    paths = sorted(p for g in genres for p in folder.glob(f"GUM_{g}_*.xml"))
    articles = [a for p in paths if (a := read_document(p)) is not None]
    if not articles:
        raise SystemExit(f"no GUM XML files of {', '.join(genres)} with a dateCreated in {folder}")
    result: dict[str, Any] = {"articles": len(articles), "genres": list(genres)}
    for mode in MODES:
        result[mode] = score(articles, found_dates(articles, mode, code))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="GUM's _build/src/xml folder")
    parser.add_argument("--genre", action="append", help="a GUM genre (default: news, interview)")
    parser.add_argument("--code", type=Path, help="measure this checkout instead")
    parser.add_argument("--json", action="store_true", help="the numbers as one JSON object")
    parser.add_argument("--misses", action="store_true", help="list the misses, grouped by cause")
    args = parser.parse_args(argv)
    result = measure(args.folder, tuple(args.genre or GENRES), args.code)
    if args.json:
        if not args.misses:
            for mode in MODES:
                result[mode].pop("misses", None)
        json.dump(result, sys.stdout, indent=1)
        print()
        return 0
    print(f"{result['articles']} articles of GUM ({', '.join(result['genres'])})")
    for mode in MODES:
        report = result[mode]
        print(
            f"{mode}: documents dated {report['documents_dated']} "
            f"(right day {report['documents_dated_right']})"
        )
        for kind in ("all", "DATE", "by_day"):
            row = report[kind]
            value, span = row["value"], row["span"]
            print(
                f"  {kind:8} gold {row['gold']:3} found {row['found']:3} · value "
                f"P {value['precision']:.3f} R {value['recall']:.3f} F1 {value['f1']:.3f} · "
                f"span F1 {span['f1']:.3f}"
            )
        if args.misses:
            for reason, items in report["misses"].items():
                print(f"    {len(items):3}  {reason}")
                for item in items:
                    print(f"           {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
