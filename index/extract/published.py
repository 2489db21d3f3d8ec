"""When a document was written, from the evidence it carries: weighed, and abstaining when weak.

Pure functions, no I/O. Three tiers, strongest first:

1. :func:`stated_date`: the text states it: a "Published/Posted/Updated/Date:" line, or a wire
   dateline opening the first paragraph ("WASHINGTON, March 22, 2013 (AP) —", "Friday, 6 January
   2023"). Basis ``stated``.
2. :func:`filename_date`: the file's name carries it (``2023-01-06-title.txt``,
   ``20230106_notes.txt``, ``.../2023/01/06/story.txt``). Basis ``filename``.
3. :func:`estimate`: the dates the text reports, weighed. Full dates in sentences reporting the
   past count most (more with a reporting verb or "on <date>"), months and years less; "As of
   <date>" is taken as is. Dates in sentences about what is to come or with a deadline ("will",
   "until", "by", "due", "elections in") and in history or birthdays ("born", "since 1870",
   "founded", "anniversary", "ago") never count: a publication date is not a date its text looks
   forward to or back on. The estimate is the latest year that enough evidence supports (what is
   reported happened before it was written), at the finest granularity its evidence reaches: a
   document naming only years gets a year, not a day. Its confidence is that year's evidence
   against the evidence for later years and a fixed prior doubt; below :data:`THRESHOLD` the
   document is undated (basis ``none``), with a suggestion of what its years say.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from index.extract.dates import DAY, MONTH, YEAR, DateMatch, Expression, tag
from index.models import Basis

THRESHOLD = 0.5
"""Below this confidence a document is undated: a wrong date misleads more than none."""
PRIOR = 0.5
"""The weight of the doubt every estimate starts with (a lone full date reaches 0.67)."""
SUPPORT = 0.5
"""The evidence a year needs to be the estimate: two year mentions, a month, or a full date."""

WEIGHTS = {
    "as_of": 3.0,
    "day": 1.0,  # a full date in a sentence about the past
    "reported_day": 1.5,  # ... with a reporting verb, or "on <date>"
    "partial_day": 0.6,  # "March 9", its year from the collection or the estimate
    "month": 0.5,  # "December 2004"
    "year": 0.3,  # "in 2004", "2004," at a clause's end
    "bare_year": 0.1,  # "the 2012 Olympics", "2000 people": maybe not a time at all
    "weekdays": 0.5,  # "on Friday" beside a partial date: the text's own week
}

_EXPLICIT_DAY = frozenset({"iso", "numeric", "day_month_year", "month_day_year", "romance_date"})
_PARTIAL_DAY = frozenset({"month_day", "day_month", "weekday_month_day"})


class _Words:
    """A pattern of lower-case words found in any case. Whether a text holds one is asked of an
    ASCII text lower-cased, with the pattern compiled case-sensitive: the same answer in a third
    of the time (the engine then rejects most words at their first letter)."""

    __slots__ = ("any_case", "lower_case")

    def __init__(self, pattern: str) -> None:
        if pattern != pattern.lower():
            raise ValueError(f"a pattern of lower-case words only: {pattern}")
        self.any_case = re.compile(pattern, re.IGNORECASE)
        self.lower_case = re.compile(pattern)

    def holds(self, text: str) -> bool:
        """Whether ``text`` holds one of the words (``any_case.search``, as a truth)."""
        if text.isascii():
            return self.lower_case.search(text.lower()) is not None
        return self.any_case.search(text) is not None

    def last_end(self, text: str) -> int | None:
        """Where the last of the words ``any_case.finditer`` finds in ``text`` ends (None:
        none), an ASCII text read lower-cased as in :meth:`holds`."""
        if text.isascii():
            found = [match.end() for match in self.lower_case.finditer(text.lower())]
        else:
            found = [match.end() for match in self.any_case.finditer(text)]
        return found[-1] if found else None


_FUTURE = _Words(
    r"\b(?:will|shall|won't|would|going to|[a-z]+'ll|"
    r"(?:plans?|planning|aims?|aiming|hopes?|intends?|expect(?:s|ed)?|set|due|scheduled|poised|"
    r"likely|is|are) to|due (?:in|on|by)|forecasts?|predict(?:s|ed|ing|ions?)?|upcoming|next|"
    r"deadline|until|till|elections?\s+(?:in|on|are|is|will|set|due))\b"
)
"""A sentence about what is to come: its dates are plans, deadlines, forecasts."""
_DEADLINE_BEFORE = _Words(
    r"\b(?:until|till|by|before|ahead of|due|starting|deadline|expires?|"
    r"in time for|no later than)\s+(?:the\s+)?(?:(?:start|end|middle) of\s+)?$"
)
"""A date introduced as a limit or a start ("until 19 July 2006", "by 2007", "from 2008")."""
_HISTORY = _Words(r"\b(?:born|birthdays?|anniversary|ago|centur(?:y|ies)|histor(?:y|ic|ical))\b")
"""A sentence looking back: births, anniversaries, history, "ten years ago"."""
_HISTORY_BEFORE = _Words(
    r"\b(?:born|founded|established|formed|built|opened|created|died|since|"
    r"dat(?:ed|es|ing)\s+(?:back\s+)?(?:to|from)|as (?:early|far back) as)\s+"
    r"(?:(?:in|on)\s+)?(?:the\s+)?(?:(?:year|summer|spring|autumn|fall|winter)\s+(?:of\s+)?)?$"
)
"""A date introduced as a beginning or a life: "founded in 1870", "since 1997", "born on ..."."""
_REPORTING = _Words(
    r"\b(?:said|says|told|announced|reported|confirmed|revealed|added|stated|claimed|warned|"
    r"released|issued|published|disclosed|admitted|denied|insisted)\b"
)
_ON_BEFORE = re.compile(r"\b[Oo]n\s+(?:\w+day,?\s+)?(?:the\s+)?$")
_AS_OF_BEFORE = re.compile(r"\b[Aa]s of\s+$")
_YEAR_PREPOSITION = re.compile(
    r"\b(?:in|during|throughout|of|for|and|or|early|late|mid|mid-|so far in)\s*$", re.IGNORECASE
)
_YEAR_CLAUSE_END = re.compile(r"^\s*(?:[,.;:!?)\"”’]|$)")
_WEEKDAY_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One piece of evidence for the publication date."""

    value: str  # ISO day, month or year
    granularity: str  # day, month or year
    cue: str  # a key of WEIGHTS
    weight: float
    start: int = -1  # offset in the text
    ahead: bool = False  # a date the text looks forward to: the document is older

    @property
    def year(self) -> int:
        return int(self.value[:4])


@dataclass(frozen=True, slots=True)
class Estimate:
    """A document's publication date and how sure it is, or an abstention (value None)."""

    value: str | None
    granularity: str | None
    basis: Basis
    confidence: float
    suggestion: str | None = None  # undated: "2004–2005 from the years it mentions"


UNDATED = Estimate(None, None, "none", 0.0)


# -- tier 1: the text states it ---------------------------------------------------------------

_STATED_LINE = re.compile(
    r"^\W{0,3}(?P<cue>(?:first\s+)?published|posted|(?:last\s+)?updated|last\s+modified|"
    r"date(?:d)?|issued|filed)\b\s*(?:on|at)?\s*[:\-–—|]?\s*",
    re.IGNORECASE,
)
_WEEKDAY_LEAD = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?)?"
    r"[\s,]*$"
)
_PLACE_LEAD = re.compile(
    r"^[A-Z][A-Z\s.'’-]{1,40}(?:\s*\([^)]{1,30}\))?(?:,\s*[A-Z][\w.]*)*[\s,]*$"
)
_DATELINE_TAIL = re.compile(r"^\s*(?:\([^)]{1,30}\)\s*)?(?:[-–—:_|]|$)")
_LINE_DATE = frozenset({"iso", "numeric", "day_month_year", "month_day_year", "month_year"})


def _line_date(line: str) -> tuple[str, int, int] | None:
    """The first date with its year in a short line: (value, start, end)."""
    for match in tag(line):
        if match.kind in _LINE_DATE:
            return match.value, match.start, match.end
    return None


def stated_date(lines: Sequence[str]) -> str | None:
    """A date the text states as its own (``lines``: its non-empty stripped lines, title first):
    a "Published: ..." (else "Updated: ...") line in the first 40 or the last 10 lines, or a
    dateline opening one of the three lines under the title ("LONDON, 6 January 2023 —",
    "Friday, March 22, 2013"; a date with its own weekday also when the first sentence runs on
    after it on the same line: "Friday, March 22, 2013 The bank said ..."), or the text's first
    line when it is a day and nothing else, with its weekday or in ISO form ("Monday, 3 February
    2020", "2020-02-03": a memo, a diary entry, a page copied without its title; not "6 June
    1944", which may be a chapter's title)."""
    published: str | None = None
    updated: str | None = None
    seen = set()
    for number in [*range(min(40, len(lines))), *range(max(0, len(lines) - 10), len(lines))]:
        if number in seen:
            continue
        seen.add(number)
        line = lines[number]
        if len(line) > 120:
            continue
        cue = _STATED_LINE.match(line)
        if cue is None:
            continue
        rest = line[cue.end() :]
        found = _line_date(rest)
        if found is None or not _WEEKDAY_LEAD.match(rest[: found[1]]):
            continue
        if "updated" in cue.group("cue").lower() or "modified" in cue.group("cue").lower():
            updated = updated or found[0]
        else:
            published = published or found[0]
    if published or updated:
        return published or updated
    if lines and len(lines[0]) <= 40:  # a text that opens with its date, where a title would be
        found = _line_date(lines[0])
        if found is not None and not lines[0][found[2] :].strip(" .,"):
            value, lead, written = found[0], lines[0][: found[1]], lines[0][found[1] : found[2]]
            if _agreeing_weekday(lead, value) or (not lead.strip() and _ISO_DAY.match(written)):
                return value
    for line in lines[1:4]:
        found = _line_date(line[:120])
        if found is None:
            continue
        value, start, end = found
        lead = line[:start]
        if (_WEEKDAY_LEAD.match(lead) or _PLACE_LEAD.match(lead)) and _DATELINE_TAIL.match(
            line[end:]
        ):
            return value
        if _agreeing_weekday(lead, value) and _SENTENCE_AFTER.match(line[end:]):
            return value
    return None


_ISO_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
_WEEKDAY_NAME = re.compile(r"^(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?\s*$")
_SENTENCE_AFTER = re.compile(r"^\s+[\"“‘(]?[A-Z]")
"""A sentence run on after a dateline, as text taken from a web page has it: "Thursday, May
7, 2015 On Tuesday, the government..."."""


def _agreeing_weekday(lead: str, value: str) -> bool:
    """Whether ``lead`` is only a weekday's name, the weekday of the day ``value``: "Thursday,"
    before "May 7, 2015" (a Thursday). A date written with its own weekday opening a line
    under the title is the article's date even with no dash or line break after it."""
    named = _WEEKDAY_NAME.match(lead)
    if named is None or len(value) != 10:
        return False
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return day.weekday() == _WEEKDAY_NUMBERS[named["weekday"].lower()]


# -- tier 2: the file's name carries it -------------------------------------------------------

_NAME_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[-_.]?)(?P<month>0[1-9]|1[0-2])(?P=sep)"
    r"(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"
)
_FOLDER_DATE = re.compile(
    r"(?:^|/)(?P<year>(?:19|20)\d\d)/(?P<month>0[1-9]|1[0-2])/(?P<day>0[1-9]|[12]\d|3[01])/"
)


def filename_date(path: str) -> str | None:
    """A calendar day in a file's name (2023-01-06-title.txt, 20230106_x.txt, 2023_01_06.md) or
    its folders (2023/01/06/story.txt). Other numbers (001.txt, 2023.txt) are not dates."""
    name = path.rsplit("/", 1)[-1]
    for pattern, where in ((_NAME_DATE, name), (_FOLDER_DATE, path)):
        match = pattern.search(where)
        if match:
            try:
                day = date(int(match["year"]), int(match["month"]), int(match["day"]))
            except ValueError:
                continue
            return day.isoformat()
    return None


# -- tier 3: what the text reports, weighed ---------------------------------------------------


def _sentence(text: str, match: DateMatch) -> str:
    return text[match.sentence[0] : match.sentence[1]]


def _before(text: str, match: DateMatch, chars: int = 40) -> str:
    return text[max(match.sentence[0], match.start - chars) : match.start]


def _clause_before(text: str, match: DateMatch, chars: int = 45) -> str:
    """The words before a date in its clause (up to ``chars``, from the last , ; : or dash)."""
    before = _before(text, match, chars)
    return _CLAUSE_BREAK.split(before)[-1]


_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[-–—]\s")


def looks_ahead(text: str, match: DateMatch) -> bool:
    """The date is one the text looks forward to: a plan, a deadline, a forecast ("will be
    held in 2005", "until 19 July 2006", "by 2007", "elections in April 2024"): the words before
    it in its clause say so."""
    clause = _clause_before(text, match)
    if _DEADLINE_BEFORE.holds(clause):
        return True
    cue = _FUTURE.last_end(clause)
    return cue is not None and not _PAST_BETWEEN.search(clause[cue:])


_PAST_BETWEEN = re.compile(r"\b(?:\w{3,}ed|from|since|ago)\b", re.IGNORECASE)
"""A past participle or "from" between the future word and the date: "will include footage
recorded in January 1985" looks back."""


def uncertain(text: str, match: DateMatch, ahead: bool | None = None) -> bool:
    """A sentence about the future with a date its own clause does not put there ("will also
    feature footage from January 1985"), or a date in what someone was asked, ordered or agreed
    to do ("requires the firm to begin an auction in June 1994", "agreed to repay it in May
    2003"): past or future, no evidence either way. (``ahead``: :func:`looks_ahead` of the
    date, when known already.)"""
    if _PLAN_TO.search(_clause_before(text, match, 90)):
        return True
    if not (match.future or _FUTURE.holds(_sentence(text, match))):
        return False
    return not (looks_ahead(text, match) if ahead is None else ahead)


_PLAN_TO = re.compile(
    r"\b(?:requir\w*|agree[sd]?|agreeing|promis\w*|pledg\w*|vow\w*|decid\w*|vot(?:e|es|ed|ing)|"
    r"order(?:s|ed|ing)?|ask(?:s|ed|ing)?|urg(?:e|es|ed|ing)|allow\w*|want\w*|need(?:s|ed)?|"
    r"seek\w*|sought|propos\w*|offer\w*|threaten\w*|called on|calls on)"
    r"\s+(?:[\w'’-]+\s+){0,3}?to\s+[a-z]",
)
"""An infinitive of what is asked, ordered, agreed or planned: its date may be before or
after the text was written ("ordered him to pay by May 2003", in a story of 2005)."""


def looks_back(text: str, match: DateMatch) -> bool:
    """The date is one the text looks back on: a birth, a founding, an anniversary, history,
    "since 1870"."""
    return bool(
        _HISTORY.holds(_sentence(text, match)) or _HISTORY_BEFORE.holds(_before(text, match))
    )


_EVIDENCE = _EXPLICIT_DAY | _PARTIAL_DAY | {"month_year", "year"}


def candidates(
    text: str, matches: Iterable[DateMatch], partial: frozenset[int] = frozenset()
) -> list[Candidate]:
    """The evidence in the dates ``matches`` found (``partial``: the starts of those whose year
    was not written but taken from the collection or an estimate). Dates the text looks back
    on are no evidence; those it looks forward to are kept, marked ``ahead``: the document was
    written before them."""
    found: list[Candidate] = []
    for match in matches:
        kind = match.kind
        if kind not in _EVIDENCE or looks_back(text, match):
            continue
        ahead = looks_ahead(text, match)  # (once: uncertain() asks it too)
        if uncertain(text, match, ahead):
            continue
        before = _before(text, match)
        if match.granularity in (DAY, MONTH) and _AS_OF_BEFORE.search(before):
            cue = "as_of"
        elif kind in _PARTIAL_DAY or match.start in partial:
            cue = "partial_day"
        elif kind in _EXPLICIT_DAY:
            reported = _REPORTING.holds(_sentence(text, match)) or _ON_BEFORE.search(before)
            cue = "reported_day" if reported else "day"
        elif kind == "month_year":
            cue = "month"
        elif _YEAR_PREPOSITION.search(before) or _YEAR_CLAUSE_END.match(
            text[match.end : match.end + 2]
        ):
            cue = "year"
        else:
            cue = "bare_year"
        found.append(
            Candidate(match.value, match.granularity, cue, WEIGHTS[cue], match.start, ahead)
        )
    return found


def _shift_to_weekdays(latest: date, weekdays: set[int]) -> date:
    """News names the days of the past week by weekday and older ones by date: the first day
    after ``latest`` from which every weekday named falls in the days since ``latest``."""
    for ahead in range(1, 8) if weekdays else ():
        candidate = latest + timedelta(days=ahead)
        if all((candidate.weekday() - w) % 7 < ahead for w in weekdays):
            return candidate
    return latest


def named_weekdays(text: str, found: Iterable[Expression]) -> set[int]:
    """The weekdays a text names of its past week ("on Friday"; not "last/next Friday", not in
    a sentence about the future)."""
    named = set()
    for expression in found:
        if expression.kind != "weekday" or expression.future:
            continue
        if (expression.groups.get("rel") or "").lower() in ("last", "next"):
            continue
        if _FUTURE.holds(text[expression.sentence[0] : expression.sentence[1]]):
            continue
        named.add(_WEEKDAY_NUMBERS[expression.groups["weekday"].lower()])
    return named


def suggestion(found: Sequence[Candidate]) -> str | None:
    """What an undated document's years suggest: "2004–2005 from the years it mentions"."""
    years = sorted({c.year for c in found})
    if not years:
        return None
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return f"{span} from the years it mentions"


def choose(found: Sequence[Candidate], weekdays: Collection[int] = ()) -> Estimate:
    """The publication date the evidence supports, or an abstention.

    What a text reports happened before it was written, what it looks forward to after: the
    latest year its past evidence supports is a lower bound, the first year it looks forward to
    an upper one. A year with its dates left unwritten ("on March 9", its year from the
    collection) is the text's own: news writes the year only of other years. So a date needs
    either that (the current year's partial dates), or the two bounds within a year of each
    other; a lower bound alone ("in 2001 and 2002") says only "after", and is no date."""
    if not found:
        return UNDATED
    past = [c for c in found if not c.ahead]
    as_of = [c for c in past if c.cue == "as_of"]
    if as_of:
        stated = max(as_of, key=lambda c: c.value)
        return Estimate(stated.value, stated.granularity, "inferred", 0.8)
    score: dict[int, float] = {}
    for candidate in past:
        score[candidate.year] = score.get(candidate.year, 0.0) + candidate.weight
    supported = [year for year, weight in score.items() if weight >= SUPPORT - 1e-9]
    if not supported:
        return Estimate(None, None, "none", 0.0, suggestion(found))
    year = max(supported)
    in_year = [c for c in past if c.year == year]
    own = sum(c.weight for c in in_year if c.cue == "partial_day")
    if own and weekdays:
        own += WEIGHTS["weekdays"]  # it names the days of its own week, as news does
    ahead = [c for c in found if c.ahead and c.year >= year and c.cue != "bare_year"]
    upper = min((c.year for c in ahead), default=None)
    latest_past = max((c.year for c in past if c.cue != "bare_year"), default=year)
    bounded = upper is not None and upper - year <= 1 and upper >= latest_past
    later = sum(weight for other, weight in score.items() if other > year)
    support = score[year] + (sum(c.weight for c in ahead if c.year == upper) if bounded else 0)
    confidence = support / (support + later + PRIOR)
    if (not bounded and own < WEIGHTS["day"] - 1e-9) or confidence < THRESHOLD:
        return Estimate(None, None, "none", round(confidence, 2), suggestion(found))
    days = [c for c in in_year if c.granularity == DAY]
    months = [c for c in in_year if c.granularity in (DAY, MONTH)]
    if own >= WEIGHTS["day"] - 1e-9:
        latest = date.fromisoformat(max(c.value for c in days))
        value, granularity = _shift_to_weekdays(latest, set(weekdays)).isoformat(), DAY
    elif upper == year and sum(c.weight for c in months) >= WEIGHTS["month"] - 1e-9:
        value, granularity = max(c.value[:7] for c in months), MONTH
    else:
        value, granularity = f"{year:04d}", YEAR
    return Estimate(value, granularity, "inferred", round(confidence, 2))


SPREAD_MARGIN = 1
"""Years outside the collection's spread an inferred date may still fall in (news reports the
year before; a collection keeps coming)."""


def within_collection(guess: Estimate, spread: tuple[int, int] | None) -> Estimate:
    """The collection prior: documents of one collection cluster in time, so an inferred date
    more than a year outside the years its confidently dated documents span (``spread``) is
    more likely a date the text talks about than when it was written: undated instead, with
    what its text said. Without a spread (no document states its date) it stands."""
    if guess.value is None or spread is None:
        return guess
    first, last = spread
    year = int(guess.value[:4])
    if first - SPREAD_MARGIN <= year <= last + SPREAD_MARGIN:
        return guess
    span = f"{first}" if first == last else f"{first}–{last}"
    hint = f"{guess.value} from its text, outside the {span} of the documents that state their date"
    return Estimate(None, None, "none", guess.confidence, hint)


def estimate(
    text: str,
    matches: Sequence[DateMatch],
    partial: frozenset[int] = frozenset(),
    found: Iterable[Expression] = (),
    guessed: frozenset[int] = frozenset(),
    written: Collection[int] = (),
) -> Estimate:
    """An undated document's publication date from the dates its text reports (``matches``:
    tagged; ``partial``: starts of those whose year came from elsewhere; ``found``: the
    expressions scanned, for the weekdays it names; ``guessed``: starts of the partial ones
    whose year is only the collection's typical one, and ``written`` the years its text writes,
    see :func:`corroborated`)."""
    evidence = candidates(text, matches, partial)
    # a month-day the collection's dated documents also write ("7 December 2018") corroborates
    near = {*written, *(c.year for c in evidence if c.start in partial and c.start not in guessed)}
    return choose(corroborated(evidence, guessed, near), named_weekdays(text, found))


def corroborated(
    found: Sequence[Candidate], guessed: frozenset[int], written: Collection[int]
) -> list[Candidate]:
    """The evidence without the dates whose year is a guess from the collection's typical date
    ("March 9" in a collection whose dated documents are mostly of 1998), unless the text
    writes a year (in any sentence: a history, a plan) within a year of it. A collection's dated
    documents may be of another time than its undated ones (wires of 1998 beside a newspaper's
    of 1989): a document that writes only 1988 and 1989, or no year at all, is not dated to
    1997 from its month-days alone."""
    if not guessed:
        return list(found)
    return [
        c
        for c in found
        if c.start not in guessed or any(abs(c.year - year) <= 1 for year in written)
    ]
