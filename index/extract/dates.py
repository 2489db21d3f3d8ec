"""Find the dates a text talks about and normalize them to calendar values, offline.

:func:`tag` finds date expressions ("6 January 2023", "December 7", "on Wednesday", "the start
of the month", "1990-2000", "February/March 2023") and resolves each against a reference date
(the document's publication date) to an ISO value with a granularity: ``day`` (2022-12-07),
``month`` (2022-12), ``year`` (2021) or ``range`` (1990/2000, 2023-02/2023-03).
Partial dates take their year from the same sentence, else from the reference, else from the
collection (:func:`tag` ``years``: the year the same month and day has in other documents).
:func:`precision` tells how far a document's date is known (``index.extract.published`` weighs
what an undated document reports to date it).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from index.extract.lexicon import words
from index.extract.partial_dates import first_day, last_day
from index.extract.pattern_start import can_start

DAY, MONTH, YEAR, RANGE = "day", "month", "year", "range"

_MONTH_NAMES = [m.lower() for m in calendar.month_name[1:]]
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: i for i, name in enumerate(_MONTH_NAMES, start=1)})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
M = (
    r"(?P<{n}>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_M1, _M2 = M.format(n="month"), M.format(n="month2")
_M0 = M.replace("(?P<{n}>", "(?:")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_NOT_DAYS = r"\s*(?:%|percent|per\b|[ap]\.?m\b|points?\b|goals?\b|votes?\b|years?\b|days?\b)"
_NO_COUNT = (
    r"(?!\s+(?:(?!(?:as|was|is|has|his|its|this|thus|us|plus|whereas|across)\b)[a-z]+s|"
    r"people|men|women|children)\b)"
)
_CLOCK_AFTER = r"(?!\s*(?:GMT|BST|UTC|[ECMP][SD]T|CET|CEST|hrs|hours|h)\b)"
_OLD_YEAR = rf"1[0-7]\d\d\b{_NO_COUNT}{_CLOCK_AFTER}"
"""A year before 1800 ("August 2, 1754", "in 1724"): read where its form says it is one, but
not before a plural noun ("in May 1500 people marched", "in 1200 cases": counts) nor a clock's
zone ("from 1130 to 1215 GMT")."""
_YEAR = rf"(?P<year>1[89]\d\d|20\d\d|{_OLD_YEAR})"
_ANY_YEAR = rf"(?:(?:1[89]|20)\d\d\b|{_OLD_YEAR})"
_WD = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBERS = {
    word: n
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
} | {"a": 1, "an": 1}
_TEENS = ("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS_WORDS = ("ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENS = dict(zip(_TENS_WORDS, range(10, 100, 10), strict=True))
_COUNT_WORDS = (*(word for word in _NUMBERS if word != "zero"), *_TEENS, *_TENS_WORDS[1:])
"""Every word a count written in words can start with ("a", "seven", "seventeen", "twenty")."""
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_NUMBER_WORDS = "|".join(
    [
        rf"[{word[0]}{word[0].upper()}]{word[1:]}(?:[-\s](?:{_ONES}))?"  # "twenty-five"
        for word in _TENS_WORDS[1:]
    ]
    + [alternative for word in (*_NUMBERS, *_TEENS) for alternative in (word, word.capitalize())]
)
"""A count written in words, "a" to "ninety-nine" ("Seventeen years ago", "twenty-five")."""


def _count(written: str) -> int:
    """The number a count is written as: "7", "seven", "Seventeen", "twenty-five"."""
    if written.isdigit():
        return int(written)
    word, _, ones = written.lower().replace(" ", "-").partition("-")
    if word in _TENS:
        return _TENS[word] + (_NUMBERS[ones] if ones else 0)
    if word in _TEENS:
        return 13 + _TEENS.index(word)
    return _NUMBERS[word]


_NOT_A_SPAN = r"(?<!\b[Oo]ver the )(?<!\b[Ww]ithin the )(?<!\b[Ff]or the )(?<!\b[Dd]uring the )"
"""Not "over the next year", "within the next week" counted from a date the text mentioned
before: the time to come from now (read as "next year", "next week")."""

_ROMANCE_MONTHS = {
    name: number
    for names in (
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    )
    for number, name in enumerate(names.split(), start=1)
} | {"setiembre": 9, "marco": 3}
"""Spanish and Portuguese month names: "7 de diciembre de 2022", "7 de dezembro de 2022"."""
_ROMANCE = "|".join(
    alternative
    for name in sorted(_ROMANCE_MONTHS, key=len, reverse=True)
    for alternative in (name, name.capitalize())
)
_ROMANCE_WEEKDAYS = {
    name: number
    for names in (
        "lunes martes miércoles jueves viernes sábado domingo",
        "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
    )
    for number, name in enumerate(names.split())
} | {"miercoles": 2, "sabado": 5, "terca-feira": 1}
"""Spanish and Portuguese weekdays: "el martes", "na sexta-feira"."""
_DIA = "|".join(sorted(_ROMANCE_WEEKDAYS, key=len, reverse=True))
_MES = "|".join(sorted(_ROMANCE_MONTHS, key=len, reverse=True))
_SEASONS = r"spring|summer|autumn|fall|winter|Spring|Summer|Autumn|Fall|Winter"
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
"""The months of each season (northern): winter runs from December into the next year."""
_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
    ("named_day", r"(?<![\d/.])\b(?P<named>9/11)\b(?![/.]?\d|\s+of\b)"),  # see _NAMED_DAYS
    (
        "numeric",  # 06/01/2023, 1/6/23, 06.01.2023: which part is the day, see _numeric
        r"(?<![\d/.,-])\b(?P<first>[0-3]?\d)(?P<sep>[/.])(?P<second>[0-3]?\d)(?P<sep2>[/.])"
        r"(?P<nyear>(?:19|20)\d\d|\d\d)\b(?![/.]\d|-\d)",
    ),
    (
        "quarter",
        r"\b(?:[Tt]he\s+)?(?:(?:comparable\s+)?(?P<prior>year[- ](?:ago|earlier))\s+|"
        r"(?P<qyear>1[89]\d\d|20\d\d)\s+|(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+year['’]s\s+)?"
        r"(?:(?P<fiscal>[Ff]iscal)[\s-]+)?"
        r"(?P<ordinal>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th)"
        rf"[\s-]+(?P<unit>quarter|half)\b(?:\s+(?:of\s+)?{_YEAR})?"
        rf"(?=\s+end(?:ed|ing)\s+(?P<ended>{_M0})|)",
    ),
    (  # "the quarter", "the latest period", "the year-ago quarter", "the 1988 period",
        # "year-earlier profit": the quarter (or half) the report is about, or a year before it
        "quarter_anaphor",
        r"\b(?:[Tt]he\s+(?:(?P<latest>latest|same|comparable|current)\s+)?"
        r"(?:(?P<prior>year[- ](?:ago|earlier))\s+)?(?P<unit>quarter|period)\b(?!-)"
        r"(?P<ago>\s+a\s+year\s+(?:ago|earlier)\b|\s+last\s+year\b)?"
        r"(?:\s+(?:of|in)\s+(?P<oyear>1[89]\d\d|20\d\d)\b)?"
        rf"(?=\s+end(?:ed|ing)\s+(?P<ended>{_M0})|)|[Tt]hat\s+(?P<that>quarter)\b"
        r"|(?:[Tt]he\s+)?(?P<pyear>1[89]\d\d|20\d\d)\s+(?P<punit>quarter|period)\b"
        r"|[Ll]ast\s+year['’]s\s+(?P<lunit>quarter|period)\b"
        r"|(?:[Tt]he\s+)?(?P<adjective>[Yy]ear[- ](?:ago|earlier))(?=\s+(?:results?|profits?|"
        r"earnings|net|loss|sales|revenues?|figures|income|quarter|period)\b))",
    ),
    (
        "romance_date",
        rf"\b(?P<day>[0-3]?\d)(?:º|°)?\s+de\s+(?P<mes>{_ROMANCE})(?:\s+(?:de|del)\s+{_YEAR})?\b",
    ),
    (
        "romance_weekday",  # "el martes", "el próximo lunes", "el jueves pasado", "na sexta-feira"
        r"(?:(?<=\b[Ee]l )|(?<=\b[Ee]ste )|(?<=\b[Nn]a )|(?<=\b[Nn]o )|(?<=\b[Nn]esta )|"
        r"(?<=\b[Nn]este ))(?:(?P<rrel>próximo|próxima|pasado|passado|última|último)\s+)?"
        rf"(?P<dia>{_DIA})\b(?:\s+(?P<rrel2>pasado|passado))?",
    ),
    (
        "romance_month",  # "en marzo", "desde enero", "em março de 2023" (not "Mayo", a name)
        r"(?:(?<=\b[Ee]n )|(?<=\b[Dd]e )|(?<=\b[Dd]esde )|(?<=\b[Hh]asta )|(?<=\b[Ee]m )|"
        rf"(?<=\bat\u00e9 ))(?P<mes>{_MES})\b(?:\s+(?:de|del)\s+{_YEAR})?(?!\s+de\s+\d)",
    ),
    ("romance_day", r"\b(?P<rday>[Aa]yer|[Hh]oy|[Oo]ntem|[Hh]oje)\b"),
    ("month_range", rf"\b{_M1}\s*(?:/|-|–|to|and)\s*{_M2},?\s+{_YEAR}\b"),
    (  # "February 16 and 17", "June 6-9, 2005"; "6 to 9 January", "14-17 February 2005"
        "month_day_range",
        rf"\b{_M1}\s+{_DAY}\s*(?P<sep>-|–|to|and|through)\s*{_DAY2}\b(?![\d:])(?!{_NOT_DAYS})"
        rf"(?:,?\s+{_YEAR}\b)?",
    ),
    (
        "day_month_range",
        rf"(?<![\d.,$£€-])\b{_DAY}\s*(?P<sep>-|–|to|and)\s*{_DAY2}\s+(?:of\s+)?{_M1}\b"
        rf"(?:,?\s+{_YEAR}\b)?",
    ),
    ("day_month_year", rf"\b{_DAY}\s+(?:of\s+)?{_M1},?\s+{_YEAR}\b"),
    ("month_day_year", rf"\b{_M1}\s+{_DAY},?\s+{_YEAR}\b"),
    ("month_year", rf"\b{_M1},?\s+(?:of\s+)?{_YEAR}\b"),
    ("weekday_month_day", rf"\b{_WD},?\s+{_M1}\s+{_DAY}\b(?!,?\s*\d{{4}})"),
    ("month_day", rf"\b{_M1}\s+{_DAY}\b(?!,?\s*{_ANY_YEAR})(?![\w:])"),
    ("day_month", rf"\b{_DAY}\s+(?:of\s+)?{_M1}\b(?!,?\s+{_ANY_YEAR})"),
    (
        "between_years",
        r"\b[Bb]etween\s+(?P<year>1[89]\d\d|20\d\d)\s+and\s+(?P<year2>1[89]\d\d|20\d\d)\b",
    ),
    (  # "1998-2004"; "(1704 – 1787)" (not "1500-1700 troops")
        "year_range",
        r"\b(?P<year>1[89]\d\d|20\d\d|1[0-7]\d\d(?=\s*(?:-|–|to)\s*1\d\d\d\b"
        rf"{_NO_COUNT}{_CLOCK_AFTER}))\s*(?:-|–|to)\s*(?P<year2>1\d\d\d|20\d\d)\b",
    ),
    (
        "short_year_range",  # "1957-58", "the 2012–13 season" (not "2009-10": an ISO month)
        r"(?<![\d-])\b(?P<year>1[89]\d\d|20\d\d)\s*[-–/]\s*(?P<yy2>1[3-9]|[2-9]\d)\b(?![-/.]?\d)",
    ),
    ("decade", r"\b(?:the\s+)?(?P<year>1\d\d0|20\d0)[’']?s\b"),
    ("short_decade", r"(?:\bthe\s+)?(?<![\w'’])['’](?P<yy>\d0)s\b"),
    (
        "century",
        r"\b(?:the\s+)?(?P<ordinal>1\d|2[01]|[2-9])(?:st|nd|rd|th)[\s-]+[Cc]entury\b",
    ),
    (
        "season_year",
        rf"\b(?=(?:the\s+)?[SsAaFfWw])(?:the\s+)?(?P<season>{_SEASONS})\s+(?:of\s+)?{_YEAR}\b",
    ),
    (
        "season",
        rf"\b(?P<rel>[Ll]ast|[Tt]his(?:\s+past)?|[Nn]ext)\s+(?P<season>{_SEASONS})\b",
    ),
    (
        "season_alone",  # "over the summer", "into the early summer" (not "the summer of 2019")
        r"(?:(?<=\b[Oo]ver )|(?<=\b[Dd]uring )|(?<=\b[Ii]n )|(?<=\b[Ii]nto )|(?<=\b[Ss]ince )|"
        r"(?<=\b[Tt]hrough )|(?<=\b[Bb]y )|(?<=\b[Uu]ntil ))[Tt]he\s+(?:(?:early|late)\s+)?"
        r"(?P<season>summer|winter|spring|autumn)\b(?!\s+(?:of|months?|holidays?|break|term)\b)",
    ),
    (  # (not "on Monday" of "on Monday, Oct. 26": that is one date, read whole)
        "weekday",
        rf"\b(?:(?P<rel>last|next|this|on|On|Last|Next|This)\s+)?{_WD}\b(?!,?\s+{_M0}\s+\d)",
    ),
    (
        "weekend",  # "over the weekend", "at the weekend", "this weekend", "last weekend"
        r"(?:\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming)\s+|(?:(?<=\b[Oo]ver )|"
        r"(?<=\b[Dd]uring )|(?<=\b[Aa]t )|(?<=\b[Oo]n )|(?<=\b[Tt]hrough )|"
        r"(?<=\b[Tt]hroughout ))[Tt]he\s+)"
        r"weekend\b(?!s)",
    ),
    (
        "fiscal_year",  # "this fiscal year", "the current fiscal year", "last fiscal year"
        r"\b(?:[Tt]he\s+)?(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|current|previous|coming)\s+"
        r"fiscal\s+year\b",
    ),
    (  # "yesterday", "tonight", "this morning", "last night": the document's day or the one before
        "relative_day",
        r"\b(?:(?P<rel>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)|(?P<prel>[Tt]his|[Ll]ast)\s+"
        r"(?P<part>morning|afternoon|evening|night))\b",
    ),
    (
        "anaphor_next",  # (not "over the next year": the year to come, a span from now)
        rf"\b[Tt]he\s+(?P<rel>{_NOT_A_SPAN}(?:next|following)|previous|preceding)\s+"
        r"(?P<unit>day|week|month|year|morning|afternoon|evening|night)\b",
    ),
    ("anaphor_that", r"\b(?:[Tt]hat(?:\s+same)?|[Tt]he same)\s+(?P<unit>day|month|year)\b"),
    (
        "anaphor_before",  # "The day before, ...", "returned the day after." (not "the day
        # before the vote": that counts from the vote)
        r"\b[Tt]he\s+(?P<unit>day|week|month|year)\s+(?P<rel>before|after)(?=\s*(?:[,.;:!?)]|$))",
    ),
    (
        "ago",  # "two years ago" (from the document's date); "two years later" (anaphoric)
        r"(?<![\d,.-])\b(?=\w+(?:[-\s]\w+)?\]?\s+(?:day|week|month|year|decade)s?\s+"
        r"(?:ago|later|earlier)\b)"
        rf"(?P<n>\d{{1,3}}|{_NUMBER_WORDS})\]?\s+(?P<unit>day|week|month|year|decade)s?\s+"
        r"(?P<rel>ago|later|earlier)\b",
    ),
    (
        "relative_period",
        r"\b(?P<rel>[Tt]his\s+past(?=\s+(?:week|month)\b)|[Tt]his|[Ll]ast|[Nn]ext"
        r"|(?<=\b[Tt]he )current)\s+(?P<unit>week|month|year|Week|Month|Year)"
        # "this years lantern festival": "this year's" written without its apostrophe
        r"(?:s(?<=[Tt]his years)(?=\s+[a-z]{3,})(?!\s+(?:of|ago|and|or|to|in|for|at|since|"
        r"before|after|later|earlier|from|now)\b))?\b",
    ),
    (
        "month_part",
        r"\b(?:the\s+)?(?P<part>start|beginning|middle|end)\s+of\s+(?:the\s+)?"
        rf"(?:(?P<unit>month|year)|{_M1}(?:\s+{_YEAR})?)\b",
    ),
    ("early_late", rf"\b(?P<part>[Ee]arly|[Ll]ate|[Mm]id)[\s-]+{_M1}(?:\s+{_YEAR})?\b"),
    ("early_late_year", rf"\b(?P<part>[Ee]arly|[Ll]ate|[Mm]id)[\s-]+{_YEAR}\b(?!['’]?s\b)"),
    ("month_rel_year", rf"\b{_M1}\s+(?P<rel>this|last|next)\s+year\b"),
    (
        "month_alone",
        r"(?:\b(?P<prep>(?i:in|since|until|by|of|last|this|next|early|late|mid|from|through|"
        rf"during|before|after|throughout|between|and))[\s-]+|(?<=\b[Ff]or )|(?<=\b[Tt]o ))"
        rf"{_M1}\b(?!\.?\s*\d)(?!,\s*{_ANY_YEAR})"  # ("in June, 1850": a month_year)
        r"(?!(?<=\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec))\s+[A-Z])"  # "and Jan Kavan"
        r"(?!\s+(?:this|last|next)\s+year\b)",
    ),
    (
        "month_named",  # "the October slaying", "a June agreement", "December's figures"
        r"(?:(?:(?<=\b[Tt]he )|(?<=\b[Aa] )|(?<=\b[Aa]n ))(?P<month>January|February|March|"
        r"April|June|July|August|September|October|November|December)(?=\s+[a-z]{3,})"
        r"(?!\s+(?:of|on|in|to|for|and|or|by|at|the|was|is|were|are|has|had)\b)|"
        r"\b(?P<month2>January|February|March|April|June|July|August|September|October|"
        r"November|December)['’]s\b)",
    ),
    (
        "year_end",  # "by year-end", "around year end", "by year's end"
        r"(?:(?:(?<=\b[Bb]y )|(?<=\b[Aa]round )|(?<=\b[Aa]t )|(?<=\b[Bb]efore )|(?<=\b[Uu]ntil )|"
        r"(?<=\b[Ss]ince ))(?:the\s+)?year[- ]end|\b(?<=[Bb]y )year['’]s\s+end)\b",
    ),
    (
        "spoken_year",  # "nineteen ninety-six", "January nineteen ninety-seven", "the year two
        # thousand": years as transcripts of speech write them
        rf"(?:(?:\b{_M1}\s+(?:of\s+)?)?(?:\b[Tt]he\s+year\s+)?\b[Nn]ineteen[\s-]+"
        r"(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+"
        r"(?P<unit>one|two|three|four|five|six|seven|eight|nine))?|\b[Tt]he\s+year\s+two\s+"
        r"thousand(?:\s+and\s+(?P<unit2>one|two|three|four|five|six|seven|eight|nine))?)\b",
    ),
    (
        "spoken_decade",  # "the nineties", "the nineteen-sixties"
        r"\b[Tt]he\s+(?:nineteen[\s-]+)?(?P<dtens>twenties|thirties|forties|fifties|sixties|"
        r"seventies|eighties|nineties)\b",
    ),
    (
        "holiday",  # "Christmas", "last Thanksgiving", "Easter 2016", "Boxing Day"
        r"\b(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<holiday>New Year(?:’s|'s)?(?: Day| Eve)?|"
        r"Christmas(?: Day| Eve)?|Easter(?: Sunday| Monday)?|Good Friday|Thanksgiving(?: Day)?|"
        r"Halloween|Valentine(?:’s|'s) Day|Boxing Day|Labor Day|Memorial Day)\b"
        rf"(?!\s+(?:Island|Rising|Offensive|[Ee]ggs?|[Bb]unny|Parade|[Ww]eek\b))(?:,?\s+{_YEAR}\b)?",
    ),
    (  # (not "a 2000-year-old tradition", "over 1900 years": a count of years)
        "year",
        r"(?<![\d,.$£€/-])\b(?P<year>1[89]\d\d|20\d\d|(?:(?<=\b[Ii]n )|(?<=\b[Ss]ince )|"
        r"(?<=\b[Uu]ntil )|(?<=\b[Bb]efore )|(?<=\b[Aa]fter )|(?<=\bc\. )|(?<=\bcirca )|"
        rf"(?<=\()){_OLD_YEAR})\b(?![\d%]|[.,]\d|\s*(?:-|–)\s*\d)"
        r"(?![\s-]+years\b|-year\b|\s+year[\s-]+old\b)",
    ),
    ("short_year", r"(?<![\w'’])['’](?P<yy>\d\d)\b(?![\w'’%]|[.,]\d)"),
    (
        "spoken_short_year",  # "Reagan in 80 and 84", "Romney in 08" (read after a name only)
        r"\bin\s+(?P<yy>\d\d)(?:\s+and\s+(?P<yy2>\d\d))?(?=[,;:?!)]|\.(?!\d)|\s+(?:and|or)\b|$)",
    ),
]


@cache
def _scanner(
    start: str = "", romance: bool = False, accounts: bool = True
) -> re.Pattern[str] | None:
    """One alternation of the patterns, longest forms first: all of them, or (``start``: a
    character, or a word lowercased) only those that can match where the text has it
    (:mod:`index.extract.pattern_start`), in the same order, so that there either finds the
    same match; None where none can. The Spanish and Portuguese weekdays, months and "ayer"
    only for a text in those languages (``romance``); the quarters and periods of accounts
    only for a sentence that may hold one (``accounts``)."""
    names = tuple(
        name
        for name, pattern in _PATTERNS
        if (romance or name not in _ROMANCE_ONLY)
        and (accounts or name not in _ACCOUNTS_ONLY)
        and (not start or can_start(pattern, start, start.isalpha()))
    )
    return _alternation(names) if names else None


@cache
def _alternation(names: tuple[str, ...]) -> re.Pattern[str]:
    """The patterns named, in their order, each a group of its name (compiled on first use)."""
    parts = []
    for name, pattern in _PATTERNS:
        if name in names:
            renamed = re.sub(r"\(\?P<(\w+)>", rf"(?P<{name}__\1>", pattern)
            parts.append(f"(?P<{name}>{renamed})")
    return re.compile("|".join(parts))


_GROUPS = {
    name: tuple((f"{name}__{group}", group) for group in re.findall(r"\(\?P<(\w+)>", pattern))
    for name, pattern in _PATTERNS
}
"""Each pattern's named groups: as the scanner's alternation names them, and its own name."""
_ROMANCE_ONLY = frozenset({"romance_weekday", "romance_month", "romance_day"})
_ACCOUNTS_ONLY = frozenset({"quarter", "quarter_anaphor"})
_ACCOUNTS_WORDS = ("quarter", "half", "period", "ear-", "ear ago", "ear earlier")
"""What a sentence holds if it holds a quarter, a half or a period of accounts ("the
year-earlier results"): elsewhere their patterns are not tried (every "the" would try them)."""
_WORD = re.compile(r"[^\W\d_]+")
_START_WORDS = (
    frozenset(
        [name.lower() for name in calendar.month_name[1:]]
        + [name.lower() for name in calendar.day_name]
    )
    | words(
        "jan feb mar apr jun jul aug sep sept oct nov dec the this last next on that "
        "yesterday past coming current previous today tomorrow tonight start beginning middle end "
        "early late mid in since until by of from through during before after throughout "
        "between and new christmas spring summer autumn fall winter first second third fourth "
        "easter thanksgiving halloween valentine valentine's boxing labor memorial good year "
        "ayer hoy ontem hoje próximo próxima pasado passado última último"
    )
    | {name.split("-")[0] for name in (*_ROMANCE_WEEKDAYS, *_ROMANCE_MONTHS)}
    | set(_COUNT_WORDS)
)
"""The words a date expression written with letters can start with (lowercased): at any
other word (a name) the scanner is not tried."""


_CANDIDATE_WORDS = (
    *(
        (word, r"\b")
        for word in sorted(
            words(
                "spring summer autumn fall winter the between this last next on yesterday today "
                "tomorrow tonight start beginning middle end early late mid in since until by of "
                "from through during before after throughout and"
            )
        )
    ),
    ("that", r"(?=\s+(?:same\s+)?(?:day|month|year|quarter)\b)"),
    *((word, r"(?=\s+weekend\b)") for word in ("past", "coming")),
    *((word, r"(?=\s+fiscal\b)") for word in ("current", "previous", "coming")),
    ("current", r"(?=\s+(?:week|month|year)\b)"),
    ("year", r"(?=[- ]end\b|['’]s\s+end\b|[- ](?:ago|earlier)\b)"),
    ("nineteen", r"(?=[\s-]+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)"),
    *((word, r"(?=[\s-]+(?:quarter|half)\b)") for word in ("first", "second", "third", "fourth")),
    *(
        (
            word,
            r"(?=(?:[-\s]\w+)?\]?\s+(?:day|week|month|year|decade)s?\s+(?:ago|later|earlier)\b)",
        )
        for word in _COUNT_WORDS
    ),
)
"""The lower-case words a date expression can start at, each with what must follow it."""


def _trie(entries: Iterable[tuple[str, str]]) -> str:
    """An alternation of words, each with a pattern that must follow it, as a regex that
    branches one letter at a time: the engine tries an alternation's branches in turn, so a
    word is rejected at its first letter or two, not once against each of the words."""
    tree: dict[str, Any] = {}
    for word, after in entries:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node.setdefault("", []).append(after)

    def render(node: dict[str, Any]) -> str:
        parts = [re.escape(char) + render(child) for char, child in node.items() if char]
        parts += dict.fromkeys(node.get("", ()))  # (a word's end after the longer words)
        return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"

    return render(tree)


def _capitalized(words: Iterable[str]) -> str:
    """A regex of where a capitalized word starts that is one of ``words`` in any case (its
    capital consumed): a superset of where a word lowercased is one of them."""
    by_initial: dict[str, list[str]] = {}
    for word in sorted(words):
        if "a" <= word[0] <= "z":
            by_initial.setdefault(word[0].upper(), []).append(word[1:])
    return "|".join(
        rf"{initial}(?=(?i:{_trie((rest, '') for rest in rests)})(?![^\W\d_]))"
        for initial, rests in by_initial.items()
    )


_CANDIDATE = re.compile(
    rf"['’](?=\d\d)|\b(?:\d|{_capitalized(_START_WORDS)}|{_trie(_CANDIDATE_WORDS)})"
)
_ROMANCE_CANDIDATE = re.compile(
    rf"{_CANDIDATE.pattern}|\b(?:ayer|hoy|ontem|hoje|próximo|próxima|pasado|passado|última"
    rf"|último|{_DIA}|{_MES})\b"
)
"""The same, with the Spanish and Portuguese words a date can start with (in a document in
those languages only: the longer alternation costs a fifth of the scan)."""
"""Where a date expression can start: every pattern starts a word, and with a digit, one of
these words or a start word capitalized (not at a name: tried one letter at a time, cheaper than
a capital taken and its word looked up). A superset: a test holds ``scan`` equal to the
scanner's finditer."""


def scan(
    sentence: str, romance: bool = False, accounts: bool | None = None
) -> Iterator[re.Match[str]]:
    """The scanner's matches in ``sentence``, as ``finditer`` gives them, tried only where one
    can start (the alternation tried at every character was four fifths of extraction's date
    work), and there with only the patterns that can start with its word or character (at
    "in" or "of" one pattern of 47, at "the" 16). ``accounts``: whether it may hold a period
    of accounts (None: see whether it has one of their words)."""
    if accounts is None:
        accounts = any(word in sentence for word in _ACCOUNTS_WORDS)
    end = 0
    for candidate in (_ROMANCE_CANDIDATE if romance else _CANDIDATE).finditer(sentence):
        start = candidate.start()
        if start < end:
            continue
        first = sentence[start]
        if first.isdigit() or first in "'’":
            key = first
        else:
            key = candidate.group()
            if len(key) == 1 or not key.isalpha():  # (else a word it took whole: "the")
                word = _WORD.match(sentence, start)
                if word is None:
                    continue
                key = word.group()
            key = key.lower()
            if key not in _START_WORDS:
                continue  # a name, most often: no date starts with it
            if not key.isascii():
                key = ""  # ("próximo": all the patterns)
        scanner = _scanner(key, romance, accounts)
        if scanner is None:
            continue
        match = scanner.match(sentence, start)
        if match is not None:
            end = match.end()
            yield match


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression in a text and its normalized value."""

    start: int
    end: int
    text: str
    value: str
    granularity: str
    sentence: tuple[int, int]  # offsets of the sentence it is in
    future: bool = False  # the sentence speaks of what is to come ("elections will be held")
    kind: str = ""  # which expression: "weekday", "month_day", "iso", ...

    @property
    def first_day(self) -> date:
        return first_day(self.value.split("/")[0])

    @property
    def last_day(self) -> date:
        return last_day(self.value.split("/")[-1])


def parse_reference(value: str | None) -> date | None:
    """The reference date of an ISO day, month ("2023-02": its first day) or year."""
    if not value:
        return None
    try:
        return first_day(value[:10])
    except (ValueError, IndexError):
        return None


def precision(value: str | None) -> str:
    """How far an ISO date is known: ``day`` (2023-01-06), ``month`` (2023-01), ``year``."""
    parts = len((value or "")[:10].split("-"))
    return DAY if parts >= 3 else MONTH if parts == 2 else YEAR


_HINT = re.compile(
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|Yesterday|Today|Tomorrow|Tonight|Week|Month|Year|New Year|Christmas|Easter"
    r"|Good Friday|Thanksgiving|Halloween|Valentine|Boxing Day|Labor Day|Memorial Day"
)
"""The capitalized words a date may hold: each alternative starts with a letter, so the engine
skips to the places with one of their first letters (a digit or a lowercase word in the
alternation would have it try every place)."""
_DIGIT = re.compile(r"\d")
_ROMANCE_WORDS = tuple(
    f" {word} "
    for word in [
        "el",
        "la",
        "los",
        "las",
        "del",
        "que",
        "y",
        "en",
        "una",
        "para",
        "não",
        "uma",
        "os",
        "com",
        "de",
        "da",
        "do",
    ]
)


def in_spanish_or_portuguese(text: str) -> bool:
    """Whether a text is in Spanish or Portuguese: their commonest words come at least once
    in 200 characters (Spanish prose has one in 20 or 30; English, "de Gaulle", "La Paz", far
    fewer). Only then are "el martes", "en marzo", "ayer" read."""
    sample = " " + text[:4000].lower().replace("\n", " ")
    if len(_ROMANCE_SPACES.findall(sample)) * 200 < len(sample):
        return False  # (too few even counted generously: one pass decides most texts)
    return sum(sample.count(word) for word in _ROMANCE_WORDS) * 200 >= len(sample)


_ROMANCE_SPACES = re.compile(" (?=" + _trie((word.strip(), "") for word in _ROMANCE_WORDS) + " )")
"""A space before one of those words: a match for each, both of "de de" where ``count``
takes one, so never fewer than the counts add up to (the words as a trie: a space is left at
the letter after it, not tried against each word)."""


_ROMANCE_HINT = re.compile(rf"\b(?:{_DIA}|{_MES}|[Aa]yer|[Hh]oy|[Oo]ntem|[Hh]oje)\b")
"""A Spanish or Portuguese weekday, month or "yesterday"/"today" (lowercase months: "Mayo"
and "Julio" are names)."""
_SPOKEN_HINT = re.compile(
    r"[Nn]ineteen[\s-]+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)|year two thousand"
    r"|[Tt]he\s+(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
)
_SEASON_HINT = re.compile(
    r"(?:[Ll]ast|[Tt]his|[Nn]ext|past|[Tt]he|early|late)\s+(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|"
    r"[Ww]inter)\b"
)
_DAY_HINT = re.compile(
    r"(?:next|following|previous|preceding|same|[Tt]hat)\s+day\b|days?\s+(?:ago|later|earlier)\b"
    r"|day\s+(?:before|after)\b|(?:next|following|previous|preceding|[Tt]his|[Ll]ast)\s+"
    r"(?:morning|afternoon|evening|night)\b"
)
"""More words a date expression may hold, looked for as plain substrings (faster than more
alternatives in ``_HINT``)."""


def _hinted(sentence: str, romance: bool = False) -> bool:
    """Whether a sentence may hold a date: a digit, a month, a weekday or a time word."""
    if (
        _DIGIT.search(sentence) is not None
        or "year" in sentence
        or _HINT.search(sentence) is not None
        or "week" in sentence
        or "month" in sentence
        or "today" in sentence
        or "yesterday" in sentence
        or "tomorrow" in sentence
        or "tonight" in sentence
        or "quarter" in sentence
        or "decade" in sentence
    ):
        return True
    if romance and _ROMANCE_HINT.search(sentence) is not None:
        return True
    if ("day" in sentence or "ning" in sentence or "night" in sentence or "noon" in sentence) and (
        _DAY_HINT.search(sentence) is not None
    ):
        return True  # "the next day", "three days later"
    if ("ineteen" in sentence or "ties" in sentence or "two thousand" in sentence) and (
        _SPOKEN_HINT.search(sentence) is not None
    ):
        return True  # "nineteen ninety-six", "the nineties" ("communities" has "ties" too)
    seasonal = (
        "ummer" in sentence
        or "inter" in sentence
        or "pring" in sentence
        or "utumn" in sentence
        or "fall" in sentence  # (not "all": "call", "small")
        or "Fall" in sentence
    )
    return seasonal and _SEASON_HINT.search(sentence) is not None  # "last summer", "the summer"


_BOUNDARY = re.compile(r"[.!?\n](?:(?<=\n)(?:\s*\n)?|(?<=[.!?])[.!?]*[\"”’)']*(?=\s|$))")
"""Where a sentence ends: a run of . ! ? (and closing quotes or brackets) before a space or
the text's end, or a line break (and the blank lines after it). Written to open with the class
of its first characters, which the engine skips ahead to (as an alternation of the two, it was
tried at every place of every text): the same ends as :data:`_PLAIN_BOUNDARY`, which a test
holds."""
_PLAIN_BOUNDARY = r"[.!?]+[\"”’)']*(?=\s|$)|\n(?:\s*\n)?"
_LAST_WORD = re.compile(r"(\w+)$")
_ABBREVIATIONS = words(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr gen col lt st no vs "
    "prof sen rep gov"
)
_ABBREVIATION_WINDOW = max(map(len, _ABBREVIATIONS)) + 2
"""How far before a full stop its word is read: one letter more than the longest abbreviation
(a longer word read in part is no abbreviation either, nor an initial), and a line break
between them (``$`` matches before it)."""


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Sentence spans: ends at . ! ? or a line break, not after "Jan." or "Gen." or an initial."""
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        at, end = boundary.span()
        mark = text[at]
        if mark == "\n":
            if _wrapped(text, at):
                continue  # a hard-wrapped line: the sentence goes on
        elif mark == ".":
            word = _LAST_WORD.search(text, max(0, at - _ABBREVIATION_WINDOW), at)
            if word and (
                word.group(1).lower() in _ABBREVIATIONS
                or (len(word.group(1)) == 1 and word.group(1).isupper())
            ):
                continue
        chunk = text[start:end]
        rest = chunk.lstrip()
        if rest:  # (a blank line ends no sentence)
            yield end - len(rest), start + len(chunk.rstrip())
        start = end
    chunk = text[start:]
    rest = chunk.lstrip()
    if rest:
        yield len(text) - len(rest), start + len(chunk.rstrip())


_WRAP_MIN = 50
"""A line this long that stops mid-sentence was wrapped (a title or a dateline is shorter)."""


def _wrapped(text: str, at: int) -> bool:
    """Whether the line break at ``at`` wraps a sentence rather than ending it: the line stops
    after a lowercase letter or a comma, and the next one goes on in lowercase, or the line is
    as long as wrapped lines are."""
    before = text[at - 1 : at]
    after = text[at + 1 : at + 2]
    if not before or not after or not (before.islower() or before in ",;"):
        return False
    if after.islower() or after.isdigit():
        return True
    line_start = text.rfind("\n", 0, at) + 1
    return at - line_start >= _WRAP_MIN and after.isalpha()


@dataclass(frozen=True, slots=True)
class Expression:
    """A date expression found in a text, not yet resolved (that needs the document's date)."""

    kind: str
    groups: dict[str, str]
    start: int
    end: int
    sentence: tuple[int, int]
    future: bool
    stated: dict[int, int]  # month -> year, from "December 2022" in the same sentence
    past: bool = False  # the verb nearest it in its clause is in the past ("was fired in July")


def expressions(text: str) -> list[Expression]:
    """The date expressions of ``text``: the costly scan, done once however often a document
    is resolved (an undated one is resolved against several candidate dates)."""
    found: list[Expression] = []
    romance = in_spanish_or_portuguese(text)
    accounts = None if any(word in text for word in _ACCOUNTS_WORDS) else False
    for sentence_start, sentence_end in sentences(text):
        sentence = text[sentence_start:sentence_end]
        if not _hinted(sentence, romance):
            continue  # no digit, month, weekday or time word: no date (and no costly scan)
        stated: dict[int, int] | None = None
        for match in scan(sentence, romance, accounts):
            kind = match.lastgroup
            assert kind is not None
            if stated is None:  # (once a sentence has a date; a year has 1x or 20)
                stated = (
                    {_month(m): int(y) for m, y in _MONTH_WITH_YEAR.findall(sentence)}
                    if "20" in sentence or "1" in sentence
                    else {}
                )
            groups = {
                group: value
                for name, group in _GROUPS[kind]
                if (value := match.group(name)) is not None
            }
            start, end = match.span()
            if kind == "spoken_short_year":
                if not _NAME_BEFORE.search(sentence, 0, start):
                    continue  # "one in 10.", "finished third in 21.", "gains in 10": no year
                # "Bush in 88 and 92": each a year of its own
                for name in ("yy", "yy2"):
                    if name in groups:
                        at = match.start(f"{kind}__{name}")
                        found.append(
                            Expression(
                                "short_year",
                                {"yy": groups[name]},
                                sentence_start + at,
                                sentence_start + at + 2,
                                (sentence_start, sentence_end),
                                False,
                                stated,
                            )
                        )
                continue
            if kind == "year_range" and int(groups["year"]) >= int(groups["year2"]):
                # "moved from 2026 to 2024": two years, not a range
                for year, at in ((groups["year"], start), (groups["year2"], end - 4)):
                    span = (sentence_start + at, sentence_start + at + 4)
                    found.append(
                        Expression(
                            "year",
                            {"year": year},
                            *span,
                            (sentence_start, sentence_end),
                            False,
                            stated,
                        )
                    )
                continue
            if kind in _DAY_RANGES and _listed(sentence, match, kind):
                # "on 14, 20 and 27 April", "Tests on 2 and 9 July": days, not a range
                tense = 0 if "year" in groups else _tense(sentence, start, end)
                spans = {
                    "day": (start, match.end(f"{kind}__day")),
                    "day2": (match.start(f"{kind}__day2"), end),
                }
                for day, (first, last) in spans.items():
                    single = {"month": groups["month"], "day": groups[day]}
                    single |= {"year": groups["year"]} if "year" in groups else {}
                    found.append(
                        Expression(
                            "month_day_year" if "year" in groups else "month_day",
                            single,
                            sentence_start + first,
                            sentence_start + last,
                            (sentence_start, sentence_end),
                            tense > 0,
                            stated,
                            tense < 0,
                        )
                    )
                continue
            if kind == "relative_period" and groups["unit"][0].isupper():
                if sentence[:start].strip():
                    continue  # ABC's "This Week": a title inside a sentence
                groups["unit"] = groups["unit"].lower()  # "Last Year" as a heading writes it
            if (
                kind == "weekday"
                and "rel" not in groups
                and _ANY_DAY_BEFORE.search(sentence, 0, start)
            ):
                continue  # "on a Monday", "every Tuesday": any such day, not one
            if (
                kind in ("month_day", "day_month")
                and groups["month"][:3].lower() == "sep"
                and int(groups["day"]) == 11
                and _ATTACKS.match(sentence, end)
            ):
                kind, groups = "named_day", {"named": "9/11"}  # "the 11 September attacks"
            if kind == "named_day" and _title_before(sentence, start):
                continue  # the film "Fahrenheit 9/11"
            if kind == "holiday" and "rel" not in groups and _holiday_in_name(sentence, start):
                continue  # "Chinese New Year", "illustrator Johnnie Christmas"
            if kind in ("month_alone", "month_named") and _HOLDER_AFTER.match(
                sentence, end - 2 if sentence.endswith(("'s", "’s"), 0, end) else end
            ):
                continue  # "after May's chairman resigned": a firm or a person named May
            if kind == "relative_day" and _generic(sentence, start, end):
                continue  # "today's young people", "faster than can be done today", "USA Today"
            if kind == "weekday" and "rel" not in groups and _weekday_in_name(sentence, match):
                continue  # "the Sunday Times", "Saturday Night Live"
            if kind == "year_end":  # "by", "since", "around": read when resolved
                groups["prep"] = sentence[:start].rsplit(None, 1)[-1].lower()
            if kind == "ago" and sentence.startswith("[", start - 1) and "]" in match.group():
                start -= 1  # "[Ten] years ago": a word a quotation's editor put in is its part
            if kind == "month_alone":  # the preposition before is not part of the date
                start = end - len(groups["month"])
                if groups.get("prep", "").lower() == "last":  # "last July": part of the date
                    start = match.start()
            tense = 0 if _written(kind, groups) else _tense(sentence, start, end)
            found.append(
                Expression(
                    kind,
                    groups,
                    start + sentence_start,
                    end + sentence_start,
                    (sentence_start, sentence_end),
                    tense > 0,
                    stated,
                    tense < 0,
                )
            )
    return found


_DAY_RANGES = frozenset({"month_day_range", "day_month_range"})
_NAME_BEFORE = re.compile(
    r"(?<![\w'’-])(?!(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Only|In|The|This|That|It|"
    r"He|She|They|We|I|You)\s)[A-Z][a-z]+(?:['’]s)?\s+$"
)
"""A name before "in" and a number of two digits, which is then a year said as people say it
("Reagan in 80 and 84", "Romney in 08", "Brazil in 94"; not "One in 10", "third in 21.7",
"In 12 cases"): a person or a team and the year they won."""
_HOLDER_AFTER = re.compile(
    r"['’]s\s+(?:chairman|chairwoman|chair|chief|boss|president|spokesman|spokeswoman|"
    r"spokesperson|shares|shareholders|board|directors?|executives?|management|staff|"
    r"government|cabinet|husband|wife|son|daughter|father|mother|lawyers?|owners?)\b"
)
"""What only a firm or a person has, after a month's name and its possessive ("May's chairman",
"April's lawyers"): no month."""
_ATTACKS = re.compile(r"\s+(?:terror(?:ist)?\s+)?attacks?\b")
_NAMED_DAYS = {"9/11": "2001-09-11"}
"""Days English names by their date, month first, whatever the text's own convention ("during
9/11", "9/11-related"): the attacks of 11 September 2001. A name, not a numeric date: no year
to read, and never a document's date."""


def _listed(sentence: str, match: re.Match[str], kind: str) -> bool:
    """Whether two days joined by "and" are two days of a list ("on 14, 20 and 27 April"), not
    the ends of a range ("on 20 and 21 August", "between 6 and 12 December")."""
    if match.group(f"{kind}__sep") != "and":
        return False
    first, second = int(match.group(f"{kind}__day")), int(match.group(f"{kind}__day2"))
    between = sentence[: match.start()].rstrip().lower().endswith("between")
    return second != first + 1 and not between


_GENERIC_NOUNS = words(
    "world society youth young generation generations children kids teenagers teens babies "
    "people consumer consumers gamers users readers audiences fans voters workers students "
    "families parents women men standards terms money prices dollars pounds levels economy "
    "market markets media music culture technology technologies computers celebrities "
    "filmmakers film-makers politics era age climate terrorists stuff companies "
    "businesses industry industries cars lifestyle life lives"
)
"""The heads of a "today's ..." or "tomorrow's ..." that name the present or the future
in general ("today's young people", "tomorrow's cars"), not a day."""
_POSSESSIVE_HEAD = re.compile(r"['’]s\s+([A-Za-z-]+)(?:\s+([a-z-]+))?")
_THAN_BEFORE = re.compile(r"\bthan\b[^,;:.!?]{0,40}$", re.IGNORECASE)
_COMPARED_AFTER = re.compile(r"\s+as\b", re.IGNORECASE)
_THAN_AFTER = re.compile(
    r"\s+than\s+(?:ever|before|in\s+the\s+past|at\s+any\s+(?:other\s+)?time|"
    r"(?:\w+\s+)?(?:decades?|generations?|centuries|century)\s+ago)\b",
    re.IGNORECASE,
)
"""A "today" compared with the past in general: "more magicians work today than ever", "as
strong today as it was" (not "more today than on any day since 2008": a day against days)."""
_AS_BEFORE = re.compile(r"\bas\s+[a-z-]+\s*$", re.IGNORECASE)
_STATE_BEFORE = re.compile(r"\b(?:it|they|we|i|you|he|she)\s+(?:is|are|am|'s|'re|'m)\s*$", re.I)
"""What someone or something is now, at the end of a clause: "the size it is today", "who we
are today" (not "The vote is today.": a noun before the verb names the day's event)."""
_STILL_BEFORE = re.compile(r"(?:\b[\w'’-]+\s+)?\bstill\s+(?:[\w'’-]+\s+){0,4}$")


def _tensed(words: str) -> bool:
    """Whether words may tell of the past or the future: a past form (or an adjective that
    looks like one: "dedicated"), a future or a plan; not only the present."""
    return _PAST_VERB.search(words) is not None or _FUTURE_VERB.search(words) is not None


_NAMED_NOW_BEFORE = re.compile(r"\b(?:known|what\s+(?:is|are))\s+$", re.IGNORECASE)
"""Before a "today" that names what something is now: "known today as the L'Enfant Plan" (with
its "as"), "what is today Germany"."""


_TODAY_ENDS_CLAUSE = re.compile(r"\s*(?:[,.;:!?)\"”]|$)")


def _generic(sentence: str, start: int, end: int) -> bool:
    """A "today" or "tomorrow" that is no day: the present or the future in general ("for
    today's youth", "in today's Britain", "the people of tomorrow", "faster than can be done
    today"), or part of a name ("USA Today", "VOA Today"). A "today" that reports ("said
    today", "today's meeting") is the document's day."""
    word = sentence[start:end].lower()
    if word not in ("today", "tomorrow", "tonight"):
        return False
    before = sentence[:start]
    if sentence[start].isupper() and before.strip():
        previous = before.split()[-1]
        if previous[-1:].isalpha():
            return True  # "USA Today", "hosted the Tonight Show": a title, not a first word
    if before.rstrip().lower().endswith(" of") or _THAN_BEFORE.search(before):
        return True
    if word == "today":  # the present in general, compared or described ("nowadays")
        named = _NAMED_NOW_BEFORE.search(before)
        if named is not None and (
            _COMPARED_AFTER.match(sentence, end)
            if named.group().lower().startswith("known")
            else not sentence.startswith(("'s", "’s"), end)
        ):
            return True  # (not "what is today's news", "it became known today that")
        if _AS_BEFORE.search(before) and _COMPARED_AFTER.match(sentence, end):
            return True
        if _THAN_AFTER.match(sentence, end):
            return True
        if _STATE_BEFORE.search(before) and _TODAY_ENDS_CLAUSE.match(sentence, end):
            return True
        still = _STILL_BEFORE.search(before)
        if still is not None and not _tensed(still.group()):
            return True  # "which I still own today", "is still an issue today" (not "were
            # still missing today": the verb around "still" tells)
        if before.strip() in ("", "And", "But") and sentence.startswith(",", end):
            return not _tensed(sentence[end:])  # "Today, games have budgets of films" (not
            # "Today, hundreds of pilgrims began to arrive")
    head = _POSSESSIVE_HEAD.match(sentence, end)
    if head is None:
        return False
    first, second = head.group(1), head.group(2) or ""
    return first[:1].isupper() or first.lower() in _GENERIC_NOUNS or second in _GENERIC_NOUNS


_ANY_DAY_BEFORE = re.compile(r"\b(?:(?:[Oo]n|[Oo]f|[Ff]or)\s+a|[Aa]ny|[Ee]ach|[Ee]very)\s+$")
"""Before a weekday that is any such day ("on a Monday", "every Tuesday"; not "a Sunday night
memorial service": the article is the service's)."""
_OTHER_CALENDARS = words(
    "chinese lunar jewish hebrew persian iranian islamic hijri muslim vietnamese korean tamil "
    "thai sinhala sinhalese khmer lao sikh hindu bengali nepali tibetan mongolian orthodox "
    "coptic ethiopian julian armenian"
)
"""Calendars whose New Year, Christmas or Easter is not the western one ("Chinese New Year",
"Orthodox Christmas": another day)."""
_GREETINGS = frozenset({"Merry", "Happy"})
_OPENERS = words(
    "after since before until till during post pre on in of the a an her his its their our my "
    "your this that these those like following despite from by at through when while as with "
    "without every each"
)
"""Words of closed classes that open a sentence ("After 9/11", "Her 9/11 poems")."""


def _word_before(sentence: str, start: int) -> tuple[str, bool] | None:
    """The word before ``start``, quotes and an opening bracket stripped, and whether it is
    the sentence's first; None at the sentence's start."""
    before = sentence[:start].split()
    if not before:
        return None
    return before[-1].strip("\"“‘'("), len(before) == 1


def _title_before(sentence: str, start: int) -> bool:
    """Whether a capitalized word before a day's name makes it a title ("the film Fahrenheit
    9/11", "Fahrenheit 9/11 won"): any inside a sentence, its first word unless a preposition,
    an article or a possessive."""
    found = _word_before(sentence, start)
    if found is None:
        return False
    word, first = found
    if not word[:1].isupper() or not word.isalpha():
        return False
    return not first or word.lower() not in _OPENERS


def _holiday_in_name(sentence: str, start: int) -> bool:
    """Whether a holiday's name is another calendar's ("Chinese New Year", "Orthodox Easter")
    or part of a name: a capitalized word before it that is not the sentence's first word
    nor a greeting ("illustrator Johnnie Christmas", "Operation Christmas Drop")."""
    found = _word_before(sentence, start)
    if found is None:
        return False
    word, first = found
    if word.lower() in _OTHER_CALENDARS:
        return True
    return not first and word[:1].isupper() and word.isalpha() and word not in _GREETINGS


_NAME_AFTER = re.compile(r"\s+([A-Z][a-z]+)(?:\s+([A-Z][a-z]+))?")
_PART_OF_DAY = frozenset({"Morning", "Afternoon", "Evening", "Night"})


_PAPERS = frozenset(
    {"Times", "Telegraph", "Mirror", "Express", "Herald", "Post", "Tribune", "Independent"}
    | {"Mail", "Star", "Sport", "People"}
)
"""The words that make a weekday a newspaper's name ("Sunday Times", "Sunday Telegraph")."""


def _weekday_in_name(sentence: str, match: re.Match[str]) -> bool:
    """A weekday that is a word of a name: after "the" and before a capitalised word ("the
    Sunday Times", "The Sunday Telegraph"; not "the Sunday March 5 vote"), or before a part of
    the day and another capitalised word ("Saturday Night Live", "Monday Night Football"; not
    "on Sunday Morning the bells rang")."""
    start, end = match.span("weekday__weekday")
    after = _NAME_AFTER.match(sentence, end)
    if after is None:
        return False
    first, second = after.group(1), after.group(2)
    if first in _PAPERS:
        return True  # "by Sunday Telegraph journalist Robert Peston": a newspaper, "the" or not
    if sentence[:start].endswith(("the ", "The ")):
        return first.lower() not in _MONTHS
    return first in _PART_OF_DAY and second is not None


_WRITTEN = frozenset(
    {
        "iso",
        "numeric",
        "day_month_year",
        "month_day_year",
        "month_year",
        "month_range",
        "year",
        "year_range",
        "between_years",
        "decade",
        "century",
        "short_decade",
        "short_year",
        "season_year",
        "early_late_year",
    }
)


def _written(kind: str, groups: dict[str, str]) -> bool:
    """Whether an expression needs no tense to be placed: it writes its year, or counts from
    the document's date by its own words ("yesterday", "last week", "two years ago")."""
    return kind in _WRITTEN or kind not in _TENSED or "year" in groups or "qyear" in groups


_TENSED = frozenset(
    {
        "weekday",
        "month_day_range",
        "day_month_range",
        "month_day",
        "day_month",
        "weekday_month_day",
        "romance_date",
        "month_alone",
        "early_late",
        "holiday",
        "month_part",
        "weekend",
        "season_alone",
        "month_named",
        "year_end",
        "quarter",
    }
)
"""The expressions a tense places before or after the document's date (a quarter: whether it
is one reported on)."""


_PLAIN_CLAUSE_END = r"(?<!\d),|,(?!\d)|[;()—–]|(?<!\d):|:(?!\d)|\s-\s"
_CLAUSE_END = re.compile(r"[;()—–]|,(?!(?<=\d,)\d)|(?<!\d):|:(?!\d)|\s-\s")
"""Where a clause ends: not at the colon of a time ("postponed until 15:00 GMT Saturday"), nor
at the comma of a number ("will rise from £263,000 to £275,000 from April"). The comma's test
is written to start with the comma, as fast as a plain character set (a test holds the
matches equal to those of ``_PLAIN_CLAUSE_END``)."""
_AUX = r"(?:(?:is|are|was|were|has|have|had|been|be)\s+)?"
_FUTURE_VERB = re.compile(
    r"(?:\b(?:will|shall|would|might|should|must|wo(?=n['’]t)|gonna|(?:is|are|was|were)\s+going\s+to|"
    rf"{_AUX}(?:plans?|planning|planned|intends?|aims?|hopes?|expects?|expected|supposed|"
    r"poised|likely|set)\s+to|(?:is|are|was|were|be|been)\s+(?:\w+ly\s+|also\s+|still\s+)?"
    r"due\s+to|"
    r"due\s+to(?=\s+(?!(?:the|a|an|its|his|her|their|our|my|your|this|that|these|those|some|"
    r"poor|bad|heavy|high|low|lower|higher|weak|strong|rising|falling|lack|concerns?|fears?|"
    r"problems?|[a-z]+(?:ed|ing|ion|ions|ity|ness|ment|s))\b)[a-z]+\b)|(?:to|will|would)\s+be|"
    r"(?:is|are)\s+to(?=\s+(?!(?:the|a|an|his|her|its|their|this|that|blame)\b)[a-z]{2,}\b))"
    r"|['’]ll)\b"
    r"(?:n['’]t)?(?:\s+(?!(?:had|has|have|was|were|is|are|said|says)\b)[a-z]+){0,3}"
    rf"|(?<![\w-]){_AUX}(?:upcoming|coming|next(?!\s+to\b)|planned|planning|scheduled|slated|expected|"
    r"proposed|due(?!\s+to\b)|forecasts?|predicts?|promis(?:e|es|ed|ing)|postpon\w+|delay(?:ed|s)?|"
    r"adjourn\w*|defer\w*|as\s+(?:early|soon)\s+as)\b",
    re.IGNORECASE,
)
"""A verb group about what is to come ("will be held", "is expected to close", "'ll meet"),
taken whole (its participle is not a past), and the words of plans and promises ("planned
for Saturday", "has scheduled", "due", "promised a vote by May"; "is to resume trading
Tuesday"; not "next to", nor "due to" without a verb "to be" before it: "cut the dividend due
to its third-quarter loss", "due to heavy snow" are causes; "those due to attend" a plan)."""
_PAST_VERB = re.compile(
    r"\b(?:(?P<strong>was|were|had|did|said|told|went|came|took|made|met|left|began|saw|won|"
    r"lost|fell|rose|gave|got|brought|sent|spent|found|became|paid|led|ran|struck|spoke|wrote|"
    r"chose|broke|knew|kept|sold|bought|built|felt|stood|fought|drew|grew|threw|flew|ago)|"
    r"[a-z]{2,}(?<!e)ed|[a-z]{2,}ied|agreed|freed|decreed)\b"
)
"""A past form: the common irregular ones and the regular "-ed" (not "-eed": "need",
"proceed"); an "-ed" may be an adjective ("preferred shares"), so it is a weaker cue."""
_PRESENT_VERB = re.compile(r"\b(?:is|are|am|has|have|says)\b")
"""A present tense: "said it is calling for the redemption on Dec. 7" tells neither way."""
_NOT_PAST = words("hundred kindred sacred naked wicked rugged wretched beloved aged")
_NOT_PAST_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|this|that|these|those|is|are|be|been|being|has|have|"
    r"to)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
"""Before an "-ed" form that is no past: a determiner ("the proposed plan"), a present
passive or perfect ("is expected", "has scheduled"), an infinitive."""
_DEADLINE = re.compile(
    r"\b(?:until|till|through|by|effective|starting|from|to|before|between)\s+"
    r"(?:(?:the\s+)?(?:start|end|middle|beginning)\s+of\s+|early\s+|late\s+|mid-?\s*)?$",
    re.IGNORECASE,
)
"""A date given as a limit or a span's end ("extended to Nov. 20", "until March 6", "the
Jan. 14 deadline"): a past verb says nothing of it. But for "by": what had happened by a
date ("peaked by the end of the year") was past then."""
_DEADLINE_AFTER = re.compile(r"\s+deadline\b", re.IGNORECASE)
_PERIOD_TO = re.compile(r"\b(?:months?|weeks?|year|quarter|period)\s+to\s+$", re.IGNORECASE)
"""A period named by its end ("in the three months to September", "the year to March"): a
span of the past or the future as its verb says, no limit."""


@dataclass(frozen=True, slots=True)
class _Cue:
    distance: int  # characters between it and the date
    tense: int  # 1 future, -1 past, 0 present
    strong: bool  # an auxiliary, a plan, an irregular past: not an "-ed" that may be an adjective
    before: bool  # before the date in its clause


def _tense(sentence: str, start: int, end: int) -> int:
    """Whether the clause holding ``sentence[start:end]`` tells of the future (1), the past
    (-1) or neither (0). The verb nearest the date decides ("The agency on Friday announced
    it will close..." reports a past Friday; "raised rates on Wednesday, and promised more"
    too: a word of another clause does not count), but an auxiliary or a plan before the
    date outweighs a nearer "-ed" ("will redeem preferred shares on Oct. 31"; "was fired from
    his job in July"). A weekday's possessive ("Friday's ruling") takes no tense, and a date
    given as a limit ("until", "by") none from a past verb."""
    before = sentence[:start]
    if _SINCE.search(before, max(0, start - 30)):
        return -1  # "have risen since October": where a span began, passed
    if sentence.startswith(("'s", "’s"), end) or (
        before.endswith(("the ", "The "))
        and not _ORDINAL_DAY.match(sentence, start)  # "the 10th of May": the day's own "the"
        and _NOUN_AFTER.match(sentence, end)
    ):
        return 0  # "Friday's ruling", "the Feb. 23 accord": a thing the date names
    deadline = _DEADLINE.search(before[-40:])
    limit = bool(_DEADLINE_AFTER.match(sentence, end)) or (
        deadline is not None
        and not deadline.group().lower().startswith("by ")
        and not _PERIOD_TO.search(before)  # "fell in the three months to September"
    )
    clause_start = _clause_start(before)
    after = _CLAUSE_END.search(sentence, end)
    clause_end = after.start() if after else len(sentence)
    ahead_of, behind = sentence[clause_start:start], sentence[end:clause_end]
    cues = [*_cues(ahead_of, True), *_cues(behind, False)]
    if (
        limit
        and deadline is not None
        and _held_until(deadline.group(), ahead_of)
        and not any(cue.tense < 0 for cue in cues)
    ):
        return 1  # "the offer is valid until 2 February": what holds now holds to a day ahead
    if not cues:
        opens = _opening(ahead_of) in _INTRODUCING or (
            clause_start == 0 and _PREPOSITION_OPENING.match(ahead_of) is not None
        )
        if not opens or after is None:
            if _LIST_TAIL.match(ahead_of):
                # "who stepped down as chairman, president and chief executive in March": the
                # clause before the list's first comma, its names of three words at most
                return _listed_tense(sentence, clause_start, most_words=3)
            if _BASELINE.match(ahead_of):
                return -1  # "fell to 77,000, from 85,000 in October": a level compared with
            if _WITH_CLAUSE.match(ahead_of):
                return _listed_tense(sentence, clause_start)  # both ways
            listed = _ITEM_STARTS.match(ahead_of) and _ITEM_ENDS.match(behind)
            return max(_listed_tense(sentence, clause_start), 0) if listed else 0
        # "On Tuesday, the league plans to...", "In January, a week after the anniversary,
        # a bombing killed...": the date opens the sentence; its verb is in the first clause
        # that follows with one.
        while not cues and after is not None:
            after = _CLAUSE_END.search(sentence, after.end())
            behind = sentence[end : after.start() if after else len(sentence)]
            cues = list(_cues(behind, False))
    if limit:
        cues = [cue for cue in cues if cue.tense >= 0]
    adjacent = [cue for cue in cues if cue.distance <= _ADJACENT]
    strong_before = [cue for cue in cues if cue.strong and cue.before]
    chosen = min(adjacent or strong_before or cues, key=lambda cue: cue.distance, default=None)
    return chosen.tense if chosen is not None else 0


def _held_until(limit: str, ahead_of: str) -> bool:
    """Whether a clause says in the present that something holds up to its date: "the offer is
    valid until 2 February", "the festival runs until Sunday", "the ban is extended to November
    20". Not a span whose start it gives ("from January through May"), nor "to" but after a
    verb of putting off ("August to September" is a span)."""
    word = limit.split()[0].lower()
    if word not in ("until", "till", "through", "to") or not _IN_FORCE.search(ahead_of):
        return False
    if word == "to":
        return _PUT_OFF_TO.search(ahead_of) is not None
    return _FROM.search(ahead_of) is None


_IN_FORCE = re.compile(
    r"(?<!\bto )\b(?:is|are|remains?|runs?|lasts?|continues?|stays?)\b(?![\w-])", re.IGNORECASE
)
"""A present of what holds or lasts (not after "to": "asked them to stay until" tells of its
asking; not "run-up")."""
_PUT_OFF_TO = re.compile(
    r"\b(?:extended|postponed|adjourned|delayed|deferred|moved|put\s+back|pushed\s+back)\s+to\s+$",
    re.IGNORECASE,
)
_FROM = re.compile(r"\bfrom\b", re.IGNORECASE)


_ITEM_STARTS = re.compile(r"\s*(?:(?:and|or)\s+)?(?:[A-Z]|the\s)")
_ITEM_ENDS = re.compile(r"[\s.!?\"”'’]*$|\s+(?:and|or)\s")
"""An item of a list names a place, a thing or an event, then its date, last or before "and"
the last item ("Rome in January and Paris in February"; not "set Friday as the deadline",
"payable Dec. 7 to holders of record Nov. 22": clauses of their own)."""


def _listed_tense(sentence: str, clause_start: int, most_words: int | None = None) -> int:
    """The tense of a clause without a verb that is an item of a list, ending with its date
    ("I am going to Las Vegas next month, Italy in November, Mexico in January, ... and the
    FFFF in April"): that of the nearest clause before it with one, the items between joined
    by commas (of ``most_words`` words at most, if given); 0 if none. (For an item that names
    a thing, only a plan is taken from it: a date without a tense is already placed leaning to
    the past, and "told U.S., European and Japanese companies of a cutback in September" is
    no list.)"""
    end = clause_start
    while end > 0 and sentence[end - 1] == ",":
        before = sentence[: end - 1]
        start = _clause_start(before)
        cues = list(_cues(before[start:], True))
        if cues:
            return min(cues, key=lambda cue: cue.distance).tense
        if most_words is not None and len(before[start:].split()) > most_words:
            return 0
        end = start
    return 0


_WITH_CLAUSE = re.compile(r"\s*(?:with|(?:down\s+|up\s+)?from)\s")
"""A clause of "with" or "from" and no verb of its own ("would leave on Monday, with the third
departing from August 6"; "loans fell to 77,000, from 85,000 in October"): it tells of its
sentence's time."""
_BASELINE = re.compile(r"\s*(?:down\s+|up\s+)?from\s+[£$€]?\d[\d.,%]*\S*\s+\S")
"""A level a figure is compared with, then its date ("up from 4% in May"): passed."""
_LIST_TAIL = re.compile(
    r"\s*(?:[A-Za-z][\w'’-]*\s+){1,3}(?:and|or)\s+(?:[A-Za-z][\w'’-]*\s+){1,3}"
    r"(?:(?:in|on|at|during|from|since|until|before|after)\s+)?$"
)
"""The last items of a list of names before the date ("chairman, president and chief
executive in March"): its commas end no clause."""


def _clause_start(before: str) -> int:
    """Where the clause ending ``before`` starts: after its last , ; : ( ) or dash (not a
    time's colon)."""
    ends = [mark.end() for mark in _CLAUSE_END.finditer(before)]
    return ends[-1] if ends else 0


_NOUN_AFTER = re.compile(r"\s+[a-z]{3,}\b(?!\s+(?:by|in|on|of|at)\b)")
_ORDINAL_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)\b")
_ADJECTIVE_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|(?!(?:widely|generally|broadly)\s)\w+ly|"
    r"(?!(?:it|he|she|that|there|what|who)['’]s\b)\w+['’]s)\s+$",
    re.IGNORECASE,
)
"""Before an "-ed" word of a plan that is an adjective ("the hastily planned trip", "Deutsche
Boerse's proposed offer"; not "the election, widely expected in May": still a forecast)."""
_COMPARED = re.compile(r"\b(?:as|than)\s+$", re.IGNORECASE)
"""Before "expected" that compares ("fewer jobs than expected in January"): no forecast."""
_SINCE = re.compile(
    r"\b[Ss]ince\s+(?:(?:early|late|mid-?|the\s+(?:start|end|beginning|middle)\s+of)\s*)?$"
)
_CONJUNCTIONS = "But|And|Yet|So|Then|Also|Still"
_CONJUNCTION = re.compile(rf"\s*(?:{_CONJUNCTIONS})\s+")


def _opening(ahead_of: str) -> str:
    """What comes before a date in its clause, without a conjunction opening the sentence
    ("But in September, IBM said...": the date opens it all the same)."""
    conjunction = _CONJUNCTION.match(ahead_of)
    return (ahead_of[conjunction.end() :] if conjunction else ahead_of).strip()


_PREPOSITION_OPENING = re.compile(
    rf"\s*(?:(?:{_CONJUNCTIONS})\s+)?(?:During|After|Before|At|On|In|By|Since|"
    r"Until|Following|Throughout|Between|From|Over|Through|Around)\s"
)
"""A phrase that opens its sentence before the date and its comma ("During that stormy game in
October, the striker caused..."): the verb that tells is after the comma."""
_INTRODUCING = frozenset(
    {"", "On", "on", "By", "by", "In", "in", "Since", "Until", "Late", "Early"}
)
"""What may come before a date that opens its sentence ("On Tuesday, ...")."""
_ADJACENT = 4
"""A verb this near the date is its own ("closed Wednesday", "fired in July", "on Friday
announced"), whatever comes further off."""


def _cues(part: str, before_date: bool) -> Iterator[_Cue]:
    """The tense cues of the words before (``before_date``) or after a date in its clause."""
    for cue in _CUE.finditer(part):
        distance = len(part) - cue.end() if before_date else cue.start()
        if cue.group("future") is not None:
            first = cue.group().split()[0].lower()
            if first.endswith("ed") and _ADJECTIVE_BEFORE.search(part[: cue.start()]):
                continue  # "the hastily planned trip": an adjective
            if first in ("expected", "forecast", "predicted") and _COMPARED.search(
                part[: cue.start()]
            ):
                continue  # "created more jobs than expected in October": a comparison
            if not before_date and (first.endswith("ed") or first in ("was", "were", "had")):
                # "On Friday, the government planned to pay...": when it was planned
                yield _Cue(distance, -1, True, before_date)
            elif first == "had" or _PLUPERFECT.search(part, 0, cue.start()):
                # "had been due to expire Friday", "had been set to expire Nov. 6": a plan
                # told from after it was made (and most often changed): neither way, so the
                # nearest day (a weekday, the last one)
                yield _Cue(distance, 0, True, before_date)
            else:
                yield _Cue(distance, 1, True, before_date)
        elif cue.group("present") is not None:
            yield _Cue(distance, 0, True, before_date)
        elif cue.group("schedule") is not None:
            at = cue.start()
            plural = cue.group().split()[0] in _PLURAL_SCHEDULE
            if plural and not _PLURAL_SUBJECT.search(part, max(0, at - 30), at):
                continue  # "failed to play on Sunday", "the face of": no verb of a schedule
            if not _SCHEDULE_NOUN_BEFORE.search(part, max(0, at - 14), at):
                yield _Cue(distance, 1, True, before_date)
        elif cue.group() not in _NOT_PAST:
            strong = cue.group("strong") is not None
            if not strong and _NOT_PAST_BEFORE.search(part[: cue.start()]):
                continue
            if part.startswith(" to ", cue.end()) and _INFINITIVE.match(part, cue.end() + 1):
                continue  # "planned to", "supposed to": what follows is ahead ("came to power")
            if before_date and _INFINITIVE.search(part, cue.end()):
                continue  # "subpoenaed him to testify on Feb. 10": the date is the testimony's
            yield _Cue(distance, -1, strong, before_date)


_PLUPERFECT = re.compile(r"\bhad\s+$", re.IGNORECASE)
_INFINITIVE = re.compile(
    r"\bto\s+(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|some|all|"
    r"court|office|power|prison|jail|school|work|hospital|church|bed|market|town)\b)[a-z]{2,}\b"
)
"""An infinitive ("to testify"; not "to the capital", "to court"): after a past verb, it says
what was asked or planned, at a time of its own."""
_SCHEDULE_VERB = re.compile(
    r"\b(?:(?:begin|start|open|close|end|meet|face|play|host|visit|resume|expire|premiere)s\s|"
    r"launches\s|(?:kicks\s+off|takes\s+(?:on|effect|over)|goes\s+on\s+sale|"
    r"comes\s+into\s+force)\b|(?:meet|face|play|host|take\s+on)\s)"
)
"""A schedule told in the present ("the summit begins on 16 December", "public voting closes
on 3 February", "it goes on sale in Japan on 2 December", "England face France on Sunday",
"they meet again on Tuesday"): what is to come (news tells of what was in the past tense).
A verb of the third person, or one of the plural (:data:`_PLURAL_SCHEDULE`) after a name or
"they", "we" (not after "to": "failed to play on Sunday")."""
_PLURAL_SCHEDULE = frozenset({"meet", "face", "play", "host", "take"})
_PLURAL_SUBJECT = re.compile(
    r"(?:(?<![\w'’-])(?!(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Our|My|Your|In|On|"
    r"At|To|For|Of|By|With|And|But|Or)\s)[A-Z][a-z]+|\b(?:they|we))\s+$"
)
"""Before a schedule verb of the plural: a name, "they" or "we" ("England face", "they meet";
not "to play", "The face")."""
_SCHEDULE_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|our|my|your|this|that|these|those|\d+|two|three|four|"
    r"five|six|seven|eight|nine|ten|few|many|several|some|no|more|most|other|new|by|of|for|with|"
    r"from|to|in|on|at)|['’]s)\s+$",
    re.IGNORECASE,
)
"""Before a schedule verb's word that is a noun ("the opens", "three starts in March",
"Shakespeare's plays", "a few new faces in January", "told by hosts Ant and Dec")."""
_OTHER_CUES = (
    f"(?P<present>{_PRESENT_VERB.pattern})|(?P<schedule>{_SCHEDULE_VERB.pattern})"
    f"|(?P<past>{_PAST_VERB.pattern})"
)
"""The cues after a future verb group, in the order they are tried."""
_PLAIN_CUE = f"(?P<future>(?i:{_FUTURE_VERB.pattern}))|{_OTHER_CUES}"
_FUTURE_STARTS = sorted(
    words(
        "will shall would might should must wo gonna is are was were has have had been be plan "
        "intend aim hope expect suppos poised likely set due to upcoming coming next scheduled "
        "slated proposed forecast predict promis postpon delay adjourn defer as"
    )
)
"""How each of the future verb groups starts (the first word, or its first letters)."""
_FUTURE_GATE = "|".join(
    rf"{initial}(?=(?i:{_trie((rest, '') for rest in rests)}))"
    for initial, rests in (
        (case(first), [word[1:] for word in _FUTURE_STARTS if word[0] == first])
        for first in dict.fromkeys(word[0] for word in _FUTURE_STARTS)
        for case in (str.lower, str.upper)
    )
)
"""Where a future verb group may start, its initial in either case and the rest in any: each
initial a literal, which the engine rejects a word at before trying the rest (the verb groups
read without regard to case, each tried in turn, were half of the tense's time)."""
_CUE = re.compile(
    rf"(?=\b\w|['’])(?:(?P<future>(?=['’]|{_FUTURE_GATE})(?i:{_FUTURE_VERB.pattern}))"
    f"|{_OTHER_CUES})"
)
"""The three kinds in one pass, a future verb group first (its participle is not a past). Each
starts a word or is an "'ll": tested first, so that elsewhere in a word (most places) the
engine fails at once rather than trying each of the verbs (a third of the time), and a future
group only where one of its first words is (a test holds the matches equal to those of
``_PLAIN_CUE``)."""


def tag(
    text: str,
    reference: date | None = None,
    years: dict[tuple[int, int], int] | None = None,
    fallback: date | None = None,
    found: list[Expression] | None = None,
    precision: str = DAY,
) -> list[DateMatch]:
    """The date expressions of ``text`` (``found``: as scanned already), resolved against
    ``reference`` (the document's date), known to ``precision`` (``day``, ``month`` or
    ``year``: a document dated only "2004" or "May 2004" leaves "on Friday" and "yesterday"
    unresolved, and one dated "2004" takes "December 7" to be in 2004, not the nearest one).

    With no reference, ``years`` maps (month, day) to the year that month-day has elsewhere in
    the collection, and ``fallback`` (the collection's typical date) gives the year nearest it:
    they date "December 7" in a document that states neither year nor date."""
    matches: list[DateMatch] = []
    focus: str | None = None  # the quarter or half last reported on: "the quarter" after
    antecedent: tuple[str, str] | None = None  # the date just mentioned: "the next day" after
    found = expressions(text) if found is None else found
    day_first = numeric_order(found)
    other: tuple[int, int] | None = None  # the sentence of the last other date placed
    focus_in: tuple[int, int] | None = None  # the sentence of the quarter reported on
    for expression in found:
        # "for the three months to 30 November, up from $179m in the same period last year":
        # the sentence's own period, not the quarter reported on before
        own = expression.sentence == other and focus_in != other
        reported = None if own else focus
        compared = reported is not None and _year_back(expression, text)
        if expression.kind == "quarter_anaphor":
            resolved = _quarter_anaphor(expression.groups, reported, reference, precision)
        elif compared:
            # "up from $10 million a year ago" in a report on a quarter: that quarter a year back
            resolved = _quarter_anaphor({"prior": "year-ago"}, reported, reference, precision)
        elif expression.kind in _ANAPHORS or expression.groups.get("rel") in _LATER:
            resolved = _from_antecedent(expression.groups, antecedent)
        else:
            context = _Context(
                reference,
                years or {},
                expression.stated,
                expression.future,
                fallback,
                precision,
                expression.past,
                day_first,
                expression.kind == "quarter"  # a period of accounts: in a report on one
                and (focus is not None or _ACCOUNTS.search(text, *expression.sentence) is not None),
            )
            resolved = _resolve(expression.kind, expression.groups, context)
        if resolved is None or not _in_calendar(resolved[0]):
            antecedent = None  # a date not placed: what follows it cannot count from it
            continue
        value, granularity = resolved
        if (
            expression.kind == "quarter"
            and not expression.groups.get("prior")
            and not expression.future  # "will result in a fourth-quarter charge": not reported
        ):
            focus, focus_in = value, expression.sentence
        if (
            expression.kind not in ("quarter", "quarter_anaphor")
            and not compared
            and not _ENDED_BEFORE.search(text, max(0, expression.start - 8), expression.start)
        ):
            other = expression.sentence  # (not the end of a quarter: "ended Sept. 30")
        if expression.kind == "quarter_anaphor" or compared:
            pass  # the period just reported on, or its comparison: not the next antecedent
        elif expression.groups.get("rel") == "earlier" and expression.kind == "ago":
            pass  # "up from $9 million a year earlier": a comparison, not the next antecedent
        elif expression.kind in _DAY_RANGES:
            antecedent = (value[:10], DAY)  # "on 27-28 November ... two weeks later": its start
        elif granularity in (DAY, MONTH, YEAR) or _PERIOD.match(value):
            antecedent = resolved
        start, end = expression.start, expression.end
        matches.append(
            DateMatch(
                start,
                end,
                text[start:end],
                value,
                granularity,
                expression.sentence,
                expression.future,
                expression.kind,
            )
        )
    if reference is not None and len(matches) > 1:
        _spans_run_forward(text, matches)
    return matches


_SPAN_FROM = re.compile(r"\b(?:[Ff]rom|[Bb]etween)\s+(?:\w+day,?\s+)?$")
_SPAN_TO = re.compile(r"^,?\s*(?:to|through|thru|until|till|and|-|–)\s+(?:\w+day,?\s+)?$")
_MONTH_DAYS = frozenset({"month_day", "day_month", "weekday_month_day"})
_WRITTEN_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _spans_run_forward(text: str, matches: list[DateMatch]) -> None:
    """ "From January 23 through March 9", each end placed alone, can come out backwards: told
    on 28 January in a sentence about the future ("is to run from January 23 through March
    9"), the first end goes to the next January 23, a year after the second. A span runs
    forward: its first end is then the last such day before the second (23 January of this
    year: the show opened five days ago). Only month-days whose sentence writes no year."""
    for n in range(len(matches) - 1):
        first, second = matches[n], matches[n + 1]
        if first.kind not in _MONTH_DAYS or second.kind not in _MONTH_DAYS:
            continue
        if first.sentence != second.sentence or first.granularity != DAY:
            continue
        if not _SPAN_TO.match(text[first.end : second.start]) or not _SPAN_FROM.search(
            text[max(first.sentence[0], first.start - 20) : first.start]
        ):
            continue
        if _WRITTEN_YEAR.search(text, *first.sentence) or first.value <= second.value:
            continue
        day = date.fromisoformat(first.value)
        earlier = _day(day.year - 1, day.month, day.day)
        if earlier is not None and earlier <= second.value:
            matches[n] = DateMatch(
                first.start,
                first.end,
                first.text,
                earlier,
                first.granularity,
                first.sentence,
                first.future,
                first.kind,
            )


_ENDED_BEFORE = re.compile(r"end(?:ed|ing)\s+$")


def _ended_quarter(month: str, reference: date | None, known: str) -> tuple[str, str] | None:
    """A quarter "ended Sept. 30": the three months up to that one, the latest ended by the
    document's date."""
    if reference is None or known == YEAR:
        return None
    last_month = _month(month)
    year = reference.year - (1 if last_month > reference.month else 0)
    index = year * 12 + last_month - 3  # the first month, counted from year 0
    first_year, first_month = index // 12, index % 12 + 1
    return f"{first_year:04d}-{first_month:02d}/{year:04d}-{last_month:02d}", RANGE


_WHOLE_YEAR = re.compile(
    r"\b(?:annual|annually|full[- ]year|for\s+the\s+year|year\s+to|(?:twelve|12|nine|six)\s+"
    r"months|half[- ]year|first\s+half|second\s+half)\b",
    re.IGNORECASE,
)
"""Words of a period other than a quarter: "an annual turnover of £8.89bn, down from £9.28bn
a year earlier" compares whole years."""


def _year_back(expression: Expression, text: str) -> bool:
    """ "A year ago", "a year earlier" in a sentence about accounts ("net income of $4 million,
    up from $3 million a year ago"): a comparison with the same period a year back, not with
    the whole year (nor with the date just mentioned)."""
    g = expression.groups
    return (
        expression.kind == "ago"
        and _WHOLE_YEAR.search(text, *expression.sentence) is None
        and g.get("rel") in ("ago", "earlier")
        and g.get("unit") == "year"
        and g.get("n", "").lower() in ("a", "one", "1")
        and _ACCOUNTS.search(text, *expression.sentence) is not None
    )


def _quarter_anaphor(
    g: dict[str, str], focus: str | None, reference: date | None, known: str
) -> tuple[str, str] | None:
    """ "The quarter", "the latest quarter", "that quarter", "the latest period": the quarter
    (a period: or the half) the text last reported on ("profit rose in the third quarter ...
    Sales in the quarter were"); "the year-ago quarter", "the year-earlier period", "the
    quarter a year ago", "last year's quarter", "year-earlier profit": the same months a year
    before; "the 1988 period": those months in 1988; "the quarter ended Sept. 30": July to
    September, the latest one ended by the document's date. "The current quarter": the one holding
    the document's date. None without a quarter or half reported on before (nor "the period"
    alone: "the period of mourning")."""
    if g.get("latest") == "current":
        if reference is None or known == YEAR or g["unit"] != "quarter":
            return None
        begins = (reference.month - 1) // 3 * 3 + 1
        return f"{reference.year:04d}-{begins:02d}/{reference.year:04d}-{begins + 2:02d}", RANGE
    if g.get("ended") and g.get("unit") == "quarter":
        return _ended_quarter(g["ended"], reference, known)
    if focus is None:
        return None
    unit = g.get("unit") or g.get("that") or g.get("punit") or g.get("lunit") or "period"
    prior = any(g.get(key) for key in ("prior", "ago", "lunit", "adjective"))
    named = g.get("pyear") or g.get("oyear")
    if unit == "period" and not (prior or named or g.get("latest") in ("latest", "comparable")):
        return None  # "the period", "during the same period": of what, the text may not say
    first, last = focus.split("/")
    if unit == "quarter" and int(last[5:7]) - int(first[5:7]) != 2:
        return None  # a half reported on: "the quarter" is not it
    year = int(named) if named else int(first[:4]) - (1 if prior else 0)
    shift = year - int(first[:4])
    return f"{int(first[:4]) + shift:04d}{first[4:]}/{int(last[:4]) + shift:04d}{last[4:]}", RANGE


def _in_calendar(value: str) -> bool:
    """Whether every year of a value is one the calendar holds (1 to 9999): "500 years ago"
    in a document of 300, "the 1st century", are not placed."""
    return all(part[:1].isdigit() and 1 <= int(part[:4]) <= 9999 for part in value.split("/"))


_PERIOD = re.compile(r"^\d{4}-\d\d/\d{4}-\d\d$")
"""A range of months (a quarter, a half, a season): an antecedent a year can count from."""
_UNITS = {"morning": "day", "afternoon": "day", "evening": "day", "night": "day"}
"""The parts of a day count as the day ("the next morning")."""
_ANAPHORS = frozenset({"anaphor_next", "anaphor_that", "anaphor_before"})
_LATER = frozenset({"later", "earlier"})
"""Dates counted from the date just mentioned, not from the document's: "the next day", "a
week later", "that year"."""


def _from_antecedent(
    g: dict[str, str], antecedent: tuple[str, str] | None
) -> tuple[str, str] | None:
    """ "The next day", "two weeks later", "the previous year", "that month": counted from the
    date the text mentioned last, as far as that date is known (a day from a day, a month from
    a month or a day). None without one: never from the document's date."""
    if antecedent is None:
        return None
    value, granularity = antecedent
    unit = _UNITS.get(g["unit"], g["unit"])
    rel = g.get("rel", "").lower()
    count = _count(g["n"]) if "n" in g else (1 if rel else 0)
    step = -count if rel in ("previous", "preceding", "earlier", "before") else count
    if granularity == RANGE:  # a quarter, a half ("profit rose in the third quarter from $9
        # million a year earlier"): the same months, years away; nothing else counts from it
        if unit != "year":
            return None
        first, last = value.split("/")
        return f"{int(first[:4]) + step:04d}{first[4:]}/{int(last[:4]) + step:04d}{last[4:]}", RANGE
    if unit in ("year", "decade"):
        return f"{int(value[:4]) + step * (10 if unit == 'decade' else 1):04d}", YEAR
    if unit == "month":
        if granularity == YEAR:
            return None
        index = int(value[:4]) * 12 + int(value[5:7]) - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}", MONTH
    if granularity != DAY:
        return None
    day = date.fromisoformat(value)
    if unit == "week":
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=step)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", RANGE
    return (day + timedelta(days=step)).isoformat(), DAY


_YEARLESS = frozenset(
    {
        "romance_month",
        "romance_date",
        "month_day_range",
        "day_month_range",
        "month_day",
        "day_month",
        "weekday_month_day",
        "month_named",
        "season_alone",
        "month_alone",
    }
)
"""The expressions that may be written without a year ("December 7", "in July", "last
summer"): the only ones that ask :meth:`_Context.year_for`."""


def takes_a_year(found: list[Expression]) -> bool:
    """Whether some expression of ``found`` is written without its year and may take it from
    elsewhere (the collection's ``years`` or ``fallback`` of :func:`tag`): without one, a text's
    dates resolved with no reference are the same whatever those are."""
    return any(e.kind in _YEARLESS and not e.groups.get("year") for e in found)


UNRESOLVED = "unresolved"
"""The granularity stored for a relative date the document's date is not known well enough to
place ("on Friday" in an undated document, or one dated only by its year): no value."""
_ANY_DAY = date(2000, 6, 15)


def unresolved(text: str, found: list[Expression], matches: list[DateMatch]) -> list[Expression]:
    """The expressions of ``found`` that ``matches`` left unresolved but a known day would
    resolve: relative dates ("on Friday", "yesterday", "last week", "December 7") of a document
    whose date is unknown or known only to its month or year; and numeric dates that can be
    read two ways (05/06/2023) where the document does not tell which. They are shown as
    "date unknown", never placed against a day the document may not have been written on."""
    placed = {match.start for match in matches}
    rest = [expression for expression in found if expression.start not in placed]
    if not rest:
        return []
    resolvable = {match.start for match in tag(text, _ANY_DAY, found=rest)}
    return [
        expression
        for expression in rest
        if expression.start in resolvable or _ambiguous(expression)
    ]


def _ambiguous(expression: Expression) -> bool:
    """A numeric date that reads as two days (05/06/2023)."""
    g = expression.groups
    if expression.kind != "numeric" or g["sep"] != g["sep2"] or g["sep"] == ".":
        return False
    first, second = int(g["first"]), int(g["second"])
    return 1 <= first <= 12 and 1 <= second <= 12 and first != second


@dataclass(slots=True)
class _Context:
    reference: date | None
    years: dict[tuple[int, int], int]
    stated: dict[int, int]  # month -> year, from "December 2022" in the same sentence
    future: bool
    fallback: date | None = None
    precision: str = DAY  # how far the reference is known: day, month or year
    past: bool = False  # its clause tells of the past: not after the reference
    day_first: bool | None = None  # how the document writes numeric dates, if it tells
    accounts: bool = False  # the sentence speaks of money or results: a quarter is a period

    def year_for(self, month: int, day: int | None = None) -> int | None:
        """The year of a month (and day) given without one."""
        if month in self.stated:
            return self.stated[month]
        if self.reference is not None and self.precision == YEAR:
            return self.reference.year
        if self.reference is not None:
            return _nearest_year(self.reference, month, day, self.future, self.past, self.precision)
        if day is not None and (month, day) in self.years:
            return self.years[(month, day)]
        if self.fallback is not None:
            return _nearest_year(self.fallback, month, day, self.future)  # a centre, no bound
        return None


_LATE_DAYS = 2
"""How far a document's date may run after the days it tells of as still to come ("will
meet on 16 December", dated 17 December), or before those it reports as past."""


def _nearest_year(
    reference: date,
    month: int,
    day: int | None,
    future: bool,
    past: bool = False,
    known: str = DAY,
) -> int:
    """The year putting month/day nearest the reference; what is reported is usually past,
    so a future date counts double (and a past one double in a sentence about the future).
    Told in the past tense ("was fired in July"), the latest not after the reference (a month:
    not after its month); in the future tense, the first not before it. A reference ``known``
    only to its month (its first day stands for it) holds every day of that month: "on 12
    August" in a document of August 2022 is of that August, in either tense. A day within
    :data:`_LATE_DAYS` of the reference on the tense's wrong side is that one, not a year away:
    the document's date may be a day or two late (a wire story filed overnight, a deadline "by
    Jan. 14" in a report dated Jan. 15)."""
    best: tuple[float, int] | None = None
    lag = _LATE_DAYS if day and known == DAY else 0
    for year in (reference.year - 1, reference.year, reference.year + 1):
        first = day or 1
        try:
            if first > 28:  # (a day every month has needs no look at the calendar)
                first = min(first, calendar.monthrange(year, month)[1])
            candidate = date(year, month, first)
        except ValueError:
            continue
        distance = (candidate - reference).days
        if (day is None or known == MONTH) and (year, month) == (reference.year, reference.month):
            distance = 0  # the reference's own month
        if (past and distance > lag) or (future and distance < -lag):
            continue
        cost = abs(distance) * (2 if (distance > 0) != future and distance != 0 else 1)
        if best is None or cost < best[0]:
            best = (cost, year)
    if best is None:  # (not reached: one of three years is on each side)
        return reference.year
    return best[1]


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _resolve(kind: str, g: dict[str, str], ctx: _Context) -> tuple[str, str] | None:
    ref = ctx.reference
    if kind == "iso":
        value = _day(int(g["year"]), int(g["mon"]), int(g["day"]))
        return (value, DAY) if value else None
    if kind == "numeric":
        return _numeric(g, ctx.day_first)
    if kind == "named_day":
        return _NAMED_DAYS[g["named"]], DAY
    if kind == "romance_month":
        month = _ROMANCE_MONTHS[g["mes"]]
        year_found = int(g["year"]) if g.get("year") else ctx.year_for(month)
        return (f"{year_found:04d}-{month:02d}", MONTH) if year_found else None
    if kind == "romance_date":
        month, day = _ROMANCE_MONTHS[g["mes"].lower()], int(g["day"])
        year = int(g["year"]) if g.get("year") else ctx.year_for(month, day)
        value = _day(year, month, day) if year else None
        return (value, DAY) if value else None
    if kind in ("day_month_year", "month_day_year"):
        value = _day(int(g["year"]), _month(g["month"]), int(g["day"]))
        return (value, DAY) if value else None
    if kind == "month_range":
        year, first, second = int(g["year"]), _month(g["month"]), _month(g["month2"])
        start_year = year - 1 if first > second else year
        return f"{start_year:04d}-{first:02d}/{year:04d}-{second:02d}", RANGE
    if kind == "month_year":
        return f"{int(g['year']):04d}-{_month(g['month']):02d}", MONTH
    if kind in ("month_day_range", "day_month_range"):
        month, first, last = _month(g["month"]), int(g["day"]), int(g["day2"])
        if not 1 <= first < last <= 31:
            return None
        inferred = int(g["year"]) if g.get("year") else ctx.year_for(month, first)
        if inferred is None:
            return None
        start, end = _day(inferred, month, first), _day(inferred, month, last)
        return (f"{start}/{end}", RANGE) if start and end else None
    if kind in ("month_day", "day_month", "weekday_month_day"):
        month, day = _month(g["month"]), int(g["day"])
        if not 1 <= day <= 31:
            return None
        inferred = ctx.year_for(month, day)
        if inferred is None:
            return None
        if kind == "weekday_month_day" and month not in ctx.stated:
            inferred = _year_of_weekday(g["weekday"], month, day, inferred)
        value = _day(inferred, month, day)
        return (value, DAY) if value else None
    if kind in ("year_range", "between_years"):
        first, second = int(g["year"]), int(g["year2"])
        return (f"{first}/{second}", RANGE) if first < second else None
    if kind == "short_year_range":
        first = int(g["year"])
        second = first - first % 100 + int(g["yy2"])
        return (f"{first}/{second}", RANGE) if 0 < second - first <= 20 else None
    if kind == "spoken_year":
        year = _spoken_year(g)
        if g.get("month"):
            return f"{year:04d}-{_month(g['month']):02d}", MONTH
        return f"{year:04d}", YEAR
    if kind == "spoken_decade":
        tens = _TENS[g["dtens"].lower()[:-3] + "y"]
        decade = _full_year(tens, ref)
        return f"{decade}/{decade + 9}", RANGE
    if kind == "month_named":
        month = _month(g.get("month") or g["month2"])
        inferred = ctx.year_for(month)
        return (f"{inferred:04d}-{month:02d}", MONTH) if inferred else None
    if kind == "season_alone":
        season = g["season"].lower()
        first_month = 12 if season == "winter" else _SEASON_MONTHS[season][0]
        inferred = ctx.year_for(first_month)
        return _season(season, inferred) if inferred else None
    if kind == "holiday" and g.get("year"):
        return _holiday(g["holiday"], int(g["year"])).isoformat(), DAY
    if kind == "decade":
        decade = int(g["year"])
        if decade % 100 == 0 and decade < 2000:
            return f"{decade}/{decade + 99}", RANGE  # "the 1800s", "the early 1600's": a century
        return f"{decade}/{decade + 9}", RANGE
    if kind == "year":
        return g["year"], YEAR
    if kind == "century":
        first = (int(g["ordinal"]) - 1) * 100
        return f"{first:04d}/{first + 99:04d}", RANGE
    if kind == "short_decade":
        decade = _full_year(int(g["yy"]), ref)
        return f"{decade}/{decade + 9}", RANGE
    if kind == "short_year":
        return f"{_full_year(int(g['yy']), ref, _YEARS_AHEAD):04d}", YEAR
    if kind == "season_year":
        return _season(g["season"].lower(), int(g["year"]))
    if kind == "early_late_year":
        return _year_part(g["part"].lower(), int(g["year"]))
    if kind == "month_rel_year" and ref is not None:
        year = ref.year + {"this": 0, "last": -1, "next": 1}[g["rel"]]
        return f"{year:04d}-{_month(g['month']):02d}", MONTH
    if kind == "quarter":
        return _quarter(g, ctx)
    if kind == "month_alone":
        month = _month(g["month"])
        if g["month"].lower().startswith("may") and (g["month"] != "May" or not g.get("prep")):
            return None  # "may", and "for May", "lost to May": a name as often as the month
        step = g.get("prep", "").lower()
        if step in ("last", "next") and month not in ctx.stated:
            # "last July": the latest July before the document's month, but for the month
            # just ended, which is "last month" ("last February" written in March is the one
            # of the year before); "next July" the first after it. Known only when the
            # document's month is.
            if ref is None or ctx.precision == YEAR:
                return None
            if step == "last":
                year = ref.year if month < ref.month - 1 else ref.year - 1
            else:
                year = ref.year if month > ref.month else ref.year + 1
            return f"{year:04d}-{month:02d}", MONTH
        inferred = ctx.year_for(month)
        return (f"{inferred:04d}-{month:02d}", MONTH) if inferred else None
    if ref is None:
        return None  # the rest is relative to the document's date
    if ctx.precision != DAY and not _coarse_enough(kind, g, ctx.precision):
        return None  # relative to a day the document does not state: left unresolved
    if kind == "weekday":
        return _weekday(g["weekday"], (g.get("rel") or "").lower(), ref, ctx.future), DAY
    if kind == "romance_weekday":
        relative = (g.get("rrel") or g.get("rrel2") or "").lower()
        step = "next" if relative.startswith("próxim") else "last" if relative else ""
        target = calendar.day_name[_ROMANCE_WEEKDAYS[g["dia"]]]
        return _weekday(target, step, ref, False), DAY
    if kind == "romance_day":
        offset = -1 if g["rday"].lower() in ("ayer", "ontem") else 0
        return (ref + timedelta(days=offset)).isoformat(), DAY
    if kind == "relative_day":
        if "part" in g:  # "last night" is the evening before; "this morning" today's
            offset = -1 if g["prel"].lower() == "last" else 0
        else:
            offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["rel"].lower()]
        return (ref + timedelta(days=offset)).isoformat(), DAY
    if kind == "relative_period":
        return _period(g["rel"].lower(), g["unit"], ref)
    if kind == "season":
        relative = g["rel"].lower()
        return _season_near(g["season"].lower(), "last" if "past" in relative else relative, ref)
    if kind == "ago" and g["rel"] == "ago":
        return _ago(_count(g["n"]), g["unit"], ref)
    if kind in ("month_part", "early_late"):
        return _part(g, ref, ctx)
    if kind == "holiday":
        return _holiday_near(g["holiday"], (g.get("rel") or "").lower(), ref, ctx)
    if kind == "year_end":
        return _year_end(g["prep"], ref, ctx)
    if kind == "weekend":
        return _weekend((g.get("rel") or "").lower(), ref, ctx.future, ctx.past), RANGE
    if kind == "fiscal_year":
        shift = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(g["rel"].lower(), 0)
        return f"{ref.year + shift:04d}", YEAR
    return None


def _spoken_year(g: dict[str, str]) -> int:
    """ "nineteen ninety-six" -> 1996, "the year two thousand and one" -> 2001."""
    unit = g.get("unit") or g.get("unit2")
    ones = _NUMBERS[unit] if unit else 0
    if g.get("tens"):
        return 1900 + _TENS[g["tens"]] + ones
    return 2000 + ones


def _year_of_weekday(weekday: str, month: int, day: int, year: int) -> int:
    """The year, of ``year`` and the one on each side, in which month/day falls on the weekday
    the text names ("Monday, Oct. 26" written on Oct. 25, 1998: 1998, a Monday, not 1997),
    when one does; else ``year``."""
    target = _WEEKDAYS[weekday.lower()]
    matching = [
        candidate
        for candidate in (year, year - 1, year + 1)
        if (value := _day(candidate, month, day)) and date.fromisoformat(value).weekday() == target
    ]
    return matching[0] if matching else year


def _holiday(name: str, year: int) -> date:
    """The day of a holiday in a year (Easter by the Gregorian computus; Thanksgiving, Labor
    Day and Memorial Day as the United States keeps them)."""
    lower = name.lower().replace("’", "'")
    if lower.startswith("new year"):
        return date(year, 12, 31) if "eve" in lower else date(year, 1, 1)
    fixed = {"christmas eve": (12, 24), "christmas": (12, 25), "boxing day": (12, 26)}
    fixed |= {"halloween": (10, 31), "valentine's day": (2, 14)}
    if lower in fixed or lower == "christmas day":
        return date(year, *fixed.get(lower, (12, 25)))
    if lower.startswith("thanksgiving"):  # the fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if lower == "labor day":  # the first Monday of September
        first = date(year, 9, 1)
        return first + timedelta(days=-first.weekday() % 7)
    if lower == "memorial day":  # the last Monday of May
        last = date(year, 5, 31)
        return last - timedelta(days=last.weekday())
    easter = _easter(year)
    offset = {"good friday": -2, "easter monday": 1}.get(lower, 0)
    return easter + timedelta(days=offset)


def _easter(year: int) -> date:
    """Easter Sunday of a year (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday_near(name: str, relative: str, ref: date, ctx: _Context) -> tuple[str, str] | None:
    """A holiday without its year: "last Christmas" the latest before the document's date,
    "next Easter" the first after it, "this Thanksgiving" the one of its year; else the one a
    tense places, as a month and day without a year (:func:`_nearest_year`)."""
    if ctx.precision == YEAR:
        return (_holiday(name, ref.year).isoformat(), DAY) if not relative else None
    days = [_holiday(name, year) for year in (ref.year - 1, ref.year, ref.year + 1)]
    if relative == "last":
        return max(day for day in days if day < ref).isoformat(), DAY
    if relative == "next":
        return min(day for day in days if day > ref).isoformat(), DAY
    if relative == "this":
        return days[1].isoformat(), DAY
    best = days[1]
    year = _nearest_year(ref, best.month, best.day, ctx.future, ctx.past, ctx.precision)
    return _holiday(name, year).isoformat(), DAY


def _weekend(relative: str, ref: date, future: bool, past: bool) -> str:
    """A weekend's Saturday and Sunday: "last weekend" the one before the document's week (or
    before the weekend it is written on), "next weekend" the one after; "this weekend" and "the
    weekend" the one the document is written on, else the coming one when told of the future
    or with "this", and the one just past otherwise ("over the weekend", written on Monday)."""
    saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)  # the latest Saturday to date
    during = ref.weekday() >= 5
    if relative in ("last", "past"):
        saturday -= timedelta(days=7 if during else 0)
    elif relative in ("next", "coming") or (
        not during and (future or (relative == "this" and not past))
    ):
        saturday += timedelta(days=7)
    return f"{saturday.isoformat()}/{(saturday + timedelta(days=1)).isoformat()}"


def numeric_order(found: list[Expression]) -> bool | None:
    """Whether a document writes its numeric dates day first (06/01/2023 the 6th of January),
    as those that can be read one way only tell (31/01/2023, or 01/31/2023 month first; a
    dotted 06.01.2023 is day first); None when they do not tell, or tell both ways."""
    orders = set()
    for expression in found:
        if expression.kind != "numeric" or expression.groups["sep"] != expression.groups["sep2"]:
            continue
        first, second = int(expression.groups["first"]), int(expression.groups["second"])
        if expression.groups["sep"] == "." or (first > 12 >= second):
            orders.add(True)
        elif second > 12 >= first:
            orders.add(False)
    return orders.pop() if len(orders) == 1 else None


def _numeric(g: dict[str, str], day_first: bool | None) -> tuple[str, str] | None:
    """A numeric date: read one way when only one makes a date (31/01/2023), when both parts
    are equal, when dotted (day first), or as the document's other numeric dates are written;
    else ambiguous, and not read (05/06/2023 is 5 June or May 6)."""
    if g["sep"] != g["sep2"]:
        return None  # 1/2.2023: not a date
    first, second = int(g["first"]), int(g["second"])
    year = int(g["nyear"])
    if year < 100:
        year += 2000 if year <= 30 else 1900
    if g["sep"] == "." or first > 12:
        order: bool | None = True
    elif second > 12:
        order = False
    elif first == second:
        order = True
    else:
        order = day_first
    if order is None:
        return None
    day, month = (first, second) if order else (second, first)
    value = _day(year, month, day) if 1 <= month <= 12 else None
    return (value, DAY) if value else None


_ACCOUNTS = re.compile(
    r"[%$£€¥]|\b(?:results?|earnings|profits?|sales|revenues?|income|loss(?:es)?|growth|GDP|"
    r"output|economy|dividends?|turnover|shares|margins?|demand|spending|investment|"
    r"forecasts?|figures|bn|billion|million)\b",
    re.IGNORECASE,
)
"""Words of accounts: a quarter or a half without a year is a period of a year only in a
sentence about results ("profit rose in the third quarter"), not of a match ("a first-half
goal")."""

_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
_QUARTERS["4th"] = 4


def _quarter(g: dict[str, str], ctx: _Context) -> tuple[str, str] | None:
    """ "The third quarter", "third-quarter", "the first half of 1990", "this year's fourth
    quarter", "the year-ago third quarter": its months. Without a year, the latest one begun
    by the document's date ("expects to report third-quarter results" in October: the one
    just ended), and only in a sentence about accounts (not "a second-half goal")."""
    if g.get("ended") and g["unit"] == "quarter" and not g.get("year"):
        # "the fourth quarter ended Aug. 26", "the fiscal first quarter ended Sept. 30": the
        # company's own quarter, the three months up to that one
        return _ended_quarter(g["ended"], ctx.reference, ctx.precision)
    if g.get("fiscal"):
        return None  # "the fiscal first quarter": its months are the company's own
    number = _QUARTERS[g["ordinal"].lower()]
    months = 3 if g["unit"] == "quarter" else 6
    if g["unit"] == "half" and number > 2:
        return None
    first_month = (number - 1) * months + 1
    ref = ctx.reference
    if g.get("year") or g.get("qyear"):
        year = int(g.get("year") or g["qyear"])
    elif g.get("rel"):
        if ref is None:
            return None
        year = ref.year + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
    elif ref is None or not (ctx.accounts or g.get("prior")):
        return None  # a half or quarter of a match, not of a year
    elif ctx.precision == YEAR:
        year = ref.year
    else:
        now = ref.year * 12 + ref.month - 1
        begun = [y for y in (ref.year - 1, ref.year) if y * 12 + first_month - 1 <= now]
        year = begun[-1] - (1 if g.get("prior") else 0)
    last_month = first_month + months - 1
    return f"{year:04d}-{first_month:02d}/{year:04d}-{last_month:02d}", RANGE


def _year_part(part: str, year: int) -> tuple[str, str]:
    """ "Early 2004", "mid-1996", "late 2010": a third of that year."""
    first, last = {"early": (1, 4), "mid": (5, 8)}.get(part, (9, 12))
    return f"{year:04d}-{first:02d}/{year:04d}-{last:02d}", RANGE


def _coarse_enough(kind: str, g: dict[str, str], precision: str) -> bool:
    """Whether an expression relative to the document's date needs no more than ``precision``
    of it: "this year" needs the year, "last month" the month, "on Friday" the day."""
    if kind == "season":
        return precision == MONTH
    if kind in ("relative_period", "ago"):
        return g["unit"] in ("year", "decade") or (g["unit"] == "month" and precision == MONTH)
    if kind == "month_part":
        return g.get("unit") != "month" or precision == MONTH
    if kind == "year_end":
        return True
    return kind in ("early_late", "holiday", "fiscal_year")  # not weekdays, yesterday/today


_YEARS_AHEAD = 10
"""How far after the document's date a year of two digits may be ("Beijing in '08" said in
2005): a century earlier is further off (1908)."""


def _full_year(two_digits: int, ref: date | None, ahead: int = 0) -> int:
    """The year "’91" stands for: the latest with those digits not after the document's date,
    or ``ahead`` years after it; without one, not after the current century's thirtieth
    year."""
    latest = ref.year + ahead if ref is not None else 2030
    year = latest - (latest - two_digits) % 100
    return year


def _season(season: str, year: int) -> tuple[str, str]:
    """A season of ``year`` as its months (winter: December into the next year)."""
    if season == "winter":
        return f"{year:04d}-12/{year + 1:04d}-02", RANGE
    first, last = _SEASON_MONTHS[season]
    return f"{year:04d}-{first:02d}/{year:04d}-{last:02d}", RANGE


def _season_near(season: str, relative: str, ref: date) -> tuple[str, str]:
    """'last summer': the latest that ended before the document's month; 'next summer' the
    first that starts after it; 'this summer' the one of the document's year (of a winter,
    the one it is in or that ends the year)."""
    start = 12 if season == "winter" else _SEASON_MONTHS[season][0]
    now = ref.year * 12 + ref.month - 1
    starts = [year * 12 + start - 1 for year in range(ref.year - 2, ref.year + 2)]
    if relative == "last":
        begun = max(s for s in starts if s + 2 < now)
    elif relative == "next":
        begun = min(s for s in starts if s > now)
    else:
        begun = max(s for s in starts if s <= now + (11 if season != "winter" else 0))
        if season != "winter":
            begun = ref.year * 12 + start - 1
    return _season(season, begun // 12)


def _ago(count: int, unit: str, ref: date) -> tuple[str, str]:
    """ "3 days ago", "two weeks ago", "a month ago", "six years ago": counted back from the
    document's date, to the unit's precision (a week is its Monday-to-Sunday span)."""
    if unit in ("year", "decade"):
        return f"{ref.year - count * (10 if unit == 'decade' else 1):04d}", YEAR
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 - count
        return f"{index // 12:04d}-{index % 12 + 1:02d}", MONTH
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) - timedelta(weeks=count)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", RANGE
    return (ref - timedelta(days=count)).isoformat(), DAY


def _weekday(name: str, relative: str, ref: date, future: bool) -> str:
    """The most recent such weekday on or before the reference; after it for 'next', or from
    the reference on when the sentence speaks of the future (news "will meet Friday" written
    on a Friday is that day)."""
    target = _WEEKDAYS[name.lower()]
    back = (ref.weekday() - target) % 7
    if relative == "last" and back == 0:
        back = 7
    if relative == "next" or (future and relative != "last"):
        ahead = (target - ref.weekday()) % 7 or (7 if relative == "next" else 0)
        return (ref + timedelta(days=ahead)).isoformat()
    return (ref - timedelta(days=back)).isoformat()


def _period(relative: str, unit: str, ref: date) -> tuple[str, str]:
    if relative.endswith("past"):  # "this past week": the one just gone, as "last week"
        step = -1
    else:
        step = {"this": 0, "current": 0, "last": -1, "next": 1}[relative]
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", RANGE
    if unit == "month":
        month_index = ref.year * 12 + ref.month - 1 + step
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", MONTH
    return f"{ref.year + step:04d}", YEAR


def _year_end(prep: str, ref: date, ctx: _Context) -> tuple[str, str]:
    """The day the year ends, December 31, for "by year-end", "at year end", "since year-end" (the
    accounts' term for it: a deadline, a balance's day), the last one passed after "since" or
    in a clause about the past; "around year end" is late in the year: its December."""
    year = ref.year
    if (prep == "since" or ctx.past) and (ref.month, ref.day) != (12, 31):
        year -= 1
    if prep == "around":
        return f"{year:04d}-12", MONTH
    return f"{year:04d}-12-31", DAY


def _part(g: dict[str, str], ref: date, ctx: _Context) -> tuple[str, str] | None:
    """'the start of the month', 'early January', 'the end of the year': a third of the period."""
    part = g["part"].lower()
    if g.get("unit") == "year":
        first_month, last_month = {"start": (1, 4), "beginning": (1, 4), "middle": (5, 8)}.get(
            part, (9, 12)
        )
        year = ref.year
        if ctx.precision != YEAR and ctx.past and first_month > ref.month:
            year -= 1  # "peaked by the end of the year", written in March: the year before
        return f"{year:04d}-{first_month:02d}/{year:04d}-{last_month:02d}", RANGE
    if g.get("unit") == "month":
        year, month = ref.year, ref.month
    else:
        month = _month(g["month"])
        found = int(g["year"]) if g.get("year") else ctx.year_for(month)
        if not found:
            return None
        year = found
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {
        "start": (1, 10),
        "beginning": (1, 10),
        "early": (1, 10),
        "middle": (11, 20),
        "mid": (11, 20),
        "end": (21, last),
        "late": (21, last),
    }[part]
    return f"{year:04d}-{month:02d}-{first_day:02d}/{year:04d}-{month:02d}-{last_day:02d}", RANGE


_MONTH_WITH_YEAR = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:tember|t)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?((?:1\d|20)\d\d)\b"
)
