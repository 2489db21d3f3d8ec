"""Checks on the query string before Whoosh sees it: Whoosh's parser is lenient and silently
drops what it cannot read, so an unclosed bracket or a dangling ``AND`` must be caught here,
with the column where it is, and hostile shapes (huge, deeply nested, expensive) refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from index.errors import QuerySyntaxError
from index.sanitize import display, fold

MAX_QUERY_CHARS = 1000
MAX_DEPTH = 16
MAX_FUZZY_DISTANCE = 2
MIN_WILDCARD_PREFIX = 2
MAX_SLOP = 1000
FIELDS = (
    "title",
    "author",
    "body",
    "published",
    "mentions",
    "entity",
    "person",
    "place",
    "org",
)
"""The fields a query may name, in the order an error lists them (the index's own list, given
to ``check_query``, adds any other)."""
INTERNAL_FIELDS = frozenset({"kind", "key", "doc", "digest", "exact", "exact_title"})
"""Fields of the index not listed to people (``exact`` is what quotes and ``=`` reach,
``exact_title`` what ``title:"..."`` reaches)."""
EXACT_OF = {"body": "exact", "title": "exact_title"}
"""The exact field beside a stemmed one."""

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_BINARY = _OPERATORS - {"NOT"}
_WORD = re.compile(r"[^\s()\[\]{}\"]+")
_FUZZY = re.compile(r"~(\d+)")
_FIELD = re.compile(r"([^\W\d_]\w*):")
_RELATION = re.compile(r"[<>=]+")
_SLOP = re.compile(r"~(\d*)(\.\d*)?")
_RANGE = re.compile(r"[\[{]([^\]}]*)([\]}])")
_RANGE_ENDS = re.compile(r"\s*(\S*?)\s+TO\s+(\S*?)\s*|\s*(\S+?)\s+TO\s*|\s*TO\s+(\S+?)\s*", re.I)


def check_query(text: str, fields: Iterable[str] = FIELDS) -> None:
    """Raise QuerySyntaxError (with a 1-based column) for a query Whoosh would misread.
    ``fields``: the fields the index has (a field not among them is an error)."""
    known = frozenset(fields) | INTERNAL_FIELDS
    listed = [*(f for f in FIELDS if f in known), *sorted(known - set(FIELDS) - INTERNAL_FIELDS)]
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"query too long ({len(text)} characters, at most {MAX_QUERY_CHARS})"
        )
    if not text.strip():
        raise QuerySyntaxError("empty query")
    stack: list[tuple[str, int]] = []
    previous: str | None = None  # the last token: an operator, "(" or a term
    position = 0
    closing = {")": "(", "]": "[", "}": "{"}
    while position < len(text):
        char = text[position]
        column = position + 1
        if char.isspace():
            position += 1
            continue
        if char == '"':
            end = text.find('"', position + 1)
            if end < 0:
                raise QuerySyntaxError(f"unclosed quote at column {column}", column)
            position = _check_slop(text, end + 1)
            previous = "term"
            continue
        if char in "[{":
            position = _check_range(text, position)
            previous = "term"
            continue
        if char in "(":
            stack.append((char, column))
            if len(stack) > MAX_DEPTH:
                raise QuerySyntaxError(f"brackets nested too deep at column {column}", column)
            previous = "("
            position += 1
            continue
        if char in ")]}":
            if char != ")" or not stack or stack[-1][0] != closing[char]:
                raise QuerySyntaxError(f"unmatched '{char}' at column {column}", column)
            if previous in _OPERATORS:
                raise QuerySyntaxError(
                    f"{previous} needs a term after it (column {column})", column
                )
            if previous == "(" and char == ")":
                raise QuerySyntaxError(f"empty brackets at column {column - 1}", column - 1)
            stack.pop()
            previous = "term"
            position += 1
            continue
        match = _WORD.match(text, position)
        assert match is not None
        word = match.group()
        if word in _BINARY and previous in (None, "(", *_OPERATORS):
            raise QuerySyntaxError(f"{word} needs a term before it (column {column})", column)
        if word not in _OPERATORS:
            _check_term(word, column)
            _check_field(word, column, text[match.end() : match.end() + 1], known, listed)
        previous = word if word in _OPERATORS else "term"
        position = match.end()
    if stack:
        bracket, column = stack[-1]
        raise QuerySyntaxError(f"unclosed '{bracket}' at column {column}", column)
    if previous in _OPERATORS:
        raise QuerySyntaxError(f"{previous} needs a term after it (at the end)", len(text))


def _check_slop(text: str, position: int) -> int:
    """After a closing quote: ``~N`` is the phrase's slop (its words within N positions of
    where they would stand), not a fuzzy distance. Returns where the phrase ends."""
    slop = _SLOP.match(text, position)
    if slop is None:
        return position
    column = position + 1
    if not slop.group(1) or slop.group(2):
        raise QuerySyntaxError(
            f'a phrase\'s slop at column {column} is a whole number ("a b"~3)', column
        )
    if int(slop.group(1)) > MAX_SLOP:
        raise QuerySyntaxError(
            f"phrase slop {slop.group(1)} at column {column} is too large (at most {MAX_SLOP})",
            column,
        )
    return slop.end()


def _check_range(text: str, position: int) -> int:
    """``[a TO b]``, ``{a TO b}`` (ends left out) or a mix: closed, and low to high. Returns
    where the range ends."""
    column = position + 1
    found = _RANGE.match(text, position)
    if found is None:
        raise QuerySyntaxError(f"unclosed '{text[position]}' at column {column}", column)
    ends = _RANGE_ENDS.fullmatch(found.group(1))
    if ends is None:
        raise QuerySyntaxError(
            f"a range at column {column} reads [low TO high] (either end may be left out)",
            column,
        )
    low, high = ends.group(1), ends.group(2)
    if not any(ends.groups()):
        raise QuerySyntaxError(
            f"a range at column {column} needs at least one end ([low TO high])", column
        )
    if low and high and not _is_date_range(text, position) and fold(low) > fold(high):
        raise QuerySyntaxError(
            f"reversed range at column {column}: {display(low)} comes after {display(high)} "
            f"(write it low to high)",
            column,
        )
    return found.end()


def _is_date_range(text: str, position: int) -> bool:
    return text[:position].endswith("published:")


def _check_field(
    word: str, column: int, after: str, known: frozenset[str], listed: list[str]
) -> None:
    """A field the index has, with something to search for after it."""
    field = _FIELD.match(word)
    if field is None:
        return
    name = field.group(1)
    if name not in known:
        raise QuerySyntaxError(
            f"unknown field '{display(name[:40])}:' at column {column} (fields: "
            f"{', '.join(listed)}; to search for the text itself, quote it)",
            column,
        )
    empty = word == field.group() and (not after or after.isspace() or after == ")")
    if empty or _RELATION.fullmatch(word[field.end() :]):
        raise QuerySyntaxError(
            f"{name}: at column {column} needs something to search for after it "
            f'({name}:word or {name}:"a phrase")',
            column,
        )


def _check_term(word: str, column: int) -> None:
    term = word.split(":", 1)[1] if ":" in word.rstrip(":") else word
    fuzzy = _FUZZY.search(term)
    if fuzzy and int(fuzzy.group(1)) > MAX_FUZZY_DISTANCE:
        raise QuerySyntaxError(
            f"fuzzy distance {fuzzy.group(1)} at column {column} is too large "
            f"(at most {MAX_FUZZY_DISTANCE})",
            column,
        )
    wildcard = min((i for i in (term.find("*"), term.find("?")) if i >= 0), default=-1)
    if 0 <= wildcard < MIN_WILDCARD_PREFIX and term not in ("*", "*:*"):
        raise QuerySyntaxError(
            f"'{display(word[:40])}' at column {column}: a wildcard needs at least "
            f"{MIN_WILDCARD_PREFIX} letters before it",
            column,
        )


_DATE_FIELD = re.compile(r"\b(published|mentions):([\[{][^\]}]*[\]}]|\S+)")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b")
_DAY = re.compile(r"(\d{4})(?:-?(\d{1,2})(?:-?(\d{1,2}))?)?")
_COMPARISON = re.compile(r"(>=|=>|<=|=<|>|<)(.+)")


def rewrite_dates(text: str) -> str:
    """Turn the dates of ``published:`` into the compact form Whoosh's date parser reads (it
    takes ``2023-01-31`` for the whole year 2023); an impossible date is an error.

    A range's ends stand for whole days, months or years: ``[2022 TO 2023-06]`` runs from
    2022-01-01 to 2023-06-30, and a left-out end (``{2022 TO 2024}``, ``>2022``) excludes all
    of it (from 2023-01-01 to 2023-12-31; from 2023-01-01 on). Such ranges are written out as
    whole days, so Whoosh neither ignores which ends are excluded nor reorders them: a reversed
    range (``[2023 TO 2022]``) is an error, as is one that holds no day."""

    def compact(match: re.Match[str], base: int) -> str:
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
        try:
            date(year, month, day)
        except ValueError:
            column = base + match.start() + 1
            raise QuerySyntaxError(
                f"no such date {match.group()} (column {column})", column
            ) from None
        return f"{year:04d}{month:02d}" + (f"{day:02d}" if match[3] else "")

    def field(match: re.Match[str]) -> str:
        if match[1] != "published":
            return match.group()
        base = match.start(2)
        days = _published_days(match[2], base + 1)
        if days is not None:
            return f"published:{days}"
        return f"{match[1]}:{_ISO.sub(lambda m: compact(m, base), match[2])}"

    return _DATE_FIELD.sub(field, text)


def _published_days(value: str, column: int) -> str | None:
    """A ``published:`` range or comparison as an inclusive range of whole days
    (``[20230101 TO 20231231]``), or None when it is neither, or its ends are not dates
    quipu reads (Whoosh reads them as it can)."""
    low: tuple[str, bool] | None = None  # (text, excluded)
    high: tuple[str, bool] | None = None
    comparison = _COMPARISON.fullmatch(value)
    if comparison is not None:
        relation, end = comparison.groups()
        if ">" in relation:
            low = (end, relation == ">")
        else:
            high = (end, relation == "<")
    else:
        found = _RANGE.fullmatch(value)
        ends = _RANGE_ENDS.fullmatch(found.group(1)) if found else None
        if found is None or ends is None:
            return None
        low_text = ends.group(1) or ends.group(3)
        high_text = ends.group(2) or ends.group(4)
        if low_text:
            low = (low_text, value[0] == "{")
        if high_text:
            high = (high_text, found.group(2) == "}")
    low_span = _day_span(low[0], value, column) if low else None
    high_span = _day_span(high[0], value, column) if high else None
    if (low and low_span is None) or (high and high_span is None):
        return None
    if low_span and high_span and low_span[0] > high_span[1]:
        assert low is not None and high is not None
        raise QuerySyntaxError(
            f"reversed range at column {column}: {display(low[0])} comes after "
            f"{display(high[0])} (write it low to high)",
            column,
        )
    first = last = None
    try:
        if low and low_span:
            first = low_span[1] + timedelta(days=1) if low[1] else low_span[0]
        if high and high_span:
            last = high_span[0] - timedelta(days=1) if high[1] else high_span[1]
    except OverflowError:
        first = last = None
        empty = True
    else:
        empty = first is not None and last is not None and first > last
    if empty or (low and first is None) or (high and last is None):
        raise QuerySyntaxError(
            f"published:{display(value)} at column {column} holds no day (its ends are "
            "left out; [ ] includes them)",
            column,
        )
    start = first.strftime("%Y%m%d") if first else ""
    stop = last.strftime("%Y%m%d") if last else ""
    return f"[{start} TO {stop}]"


def _day_span(text: str, value: str, column: int) -> tuple[date, date] | None:
    """The first and last day of a year, month or day (``2023``, ``2023-02``, ``20230214``)."""
    found = _DAY.fullmatch(text)
    if found is None:
        return None
    year, month, day = found.groups()
    try:
        if day:
            one = date(int(year), int(month), int(day))
            return one, one
        if month:
            first = date(int(year), int(month), 1)
            following = date(int(year) + int(month) // 12, int(month) % 12 + 1, 1)
            return first, following - timedelta(days=1)
        return date(int(year), 1, 1), date(int(year), 12, 31)
    except (ValueError, OverflowError):
        if month and int(month) == 12 and not day and int(year) == 9999:
            return date(9999, 12, 1), date(9999, 12, 31)
        raise QuerySyntaxError(
            f"no such date {display(text)} in published:{display(value)} (column {column})",
            column,
        ) from None


_FIELD_PREFIX = re.compile(r"^(\w+):$")
_PLAIN = re.compile(r"^[£$€¥]?[^\W_][\w'’.,%£$€¥\-]*$")
_SPECIAL = set("*?~^:")
_QUOTED_TAIL = re.compile(r"(~\d+(?:\.\d+)?)?(\^\d+(?:\.\d+)?)?")


def _quoted_end(text: str, position: int) -> int:
    """Where the quoted phrase opening at ``position`` ends: after its closing quote (the end
    of the text when there is none) and a slop or boost written after it (``"a b"~2^3``)."""
    end = text.find('"', position + 1)
    end = len(text) if end < 0 else end + 1
    tail = _QUOTED_TAIL.match(text, end)
    return tail.end() if tail else end


def route_exact(text: str, stemmed: Callable[[str], list[str]]) -> str:
    """The query with its exact parts sent to the ``exact`` field, before Whoosh reads it.

    - A quoted phrase or word (``"The Who"``, ``body:"US economy"``) matches the exact forms,
      stop words included, in that order.
    - ``=word`` matches that exact form only (``=news`` does not find "new").
    - A plain word the stemmed analysis would drop (a stop word such as ``May`` or ``US``, a
      one-letter word) is searched exactly instead of being dropped silently.
    - Any other plain word matches its stem, and also its exact form, so that documents
      holding the form typed rank above those holding only a variant.
    ``stemmed(word)`` gives the terms of the stemmed analysis of a word. Ranges (``[a TO b]``)
    and words with a field, wildcard, fuzzy mark or boost are left as written.
    """
    out: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char in "[{":
            found = _RANGE.match(text, position)
            end = found.end() if found else len(text)
            out.append(text[position:end])
            position = end
            continue
        if char == '"':
            stop = _quoted_end(text, position)
            out.append("exact:" + _any_case(text[position:stop]))
            position = stop
            continue
        if char.isspace() or char in "()]}":
            out.append(char)
            position += 1
            continue
        match = _WORD.match(text, position)
        if match is None:  # a lone closing bracket checked elsewhere
            out.append(char)
            position += 1
            continue
        word = match.group()
        position = match.end()
        prefix = _FIELD_PREFIX.match(word)
        if prefix and position < len(text) and text[position] == '"':
            # a field before a quoted phrase: the body's phrases are exact ones
            stop = _quoted_end(text, position)
            exact = EXACT_OF.get(prefix.group(1))
            field = f"{exact}:" if exact else word
            out.append(field + (_any_case(text[position:stop]) if exact else text[position:stop]))
            position = stop
            continue
        out.append(_route_word(word, stemmed))
    return "".join(out)


_CAPITALISED = re.compile(r"\b[^\W\d_][^\W\d_A-Z]+\b")


def _any_case(phrase: str) -> str:
    """A quoted phrase with its capitalised common words in small letters: in quotes, case is
    ignored (``"The Who"`` finds "the Who"); only outside them does ``May`` mean the name.
    Acronyms in capitals (``"US economy"``) keep theirs."""
    from index.analysis import capital_term

    return _CAPITALISED.sub(
        lambda m: m.group().lower() if capital_term(m.group()) else m.group(), phrase
    )


def _route_word(word: str, stemmed: Callable[[str], list[str]]) -> str:
    if word in _OPERATORS or word == "TO":
        return word
    if word.startswith("=") and len(word) > 1 and not _SPECIAL & set(word[1:]):
        return f"exact:{word[1:]}"
    field = _FIELD.match(word)
    if field and field.group(1) in EXACT_OF:
        term = word[field.end() :]
        if _PLAIN.match(term) and not _SPECIAL & set(term) and not stemmed(term):
            return f"{EXACT_OF[field.group(1)]}:{term}"  # title:May, body:a
        return word
    if _SPECIAL & set(word) or not _PLAIN.match(word):
        return word
    if not stemmed(word):
        return f"exact:{word}"
    return f"({word} OR exact:{word})"


_SEARCHABLE = re.compile(r"\w")


def ignored_parts(text: str) -> list[str]:
    """The parts of a query that search for nothing and are left out of it: a word or phrase
    with no letter or digit (``&``, ``-``, ``"…"``), alone or after a field. Said to the person
    (``quipu: note: ...``), never dropped in silence."""
    ignored: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == '"':
            end = text.find('"', position + 1)
            end = len(text) if end < 0 else end + 1
            phrase = text[position:end]
            if not _SEARCHABLE.search(phrase):
                ignored.append(phrase)
            position = end
            continue
        if char in "[{":
            found = _RANGE.match(text, position)
            position = found.end() if found else len(text)
            continue
        match = _WORD.match(text, position)
        if match is None:
            position += 1
            continue
        word = match.group()
        position = match.end()
        field = _FIELD.match(word)
        term = word[field.end() :] if field else word
        if word in _OPERATORS or word == "TO" or (field and not term):
            continue
        if not _SEARCHABLE.search(term) and term.strip("*") and not term.startswith("*"):
            ignored.append(word)
    return ignored


def conjuncts(text: str) -> list[str]:
    """The parts of a query that must all match (``a "b c" title:d`` -> three), or [] when it
    has OR or NOT at its top level (its parts need not all match). A part is a word, a quoted
    phrase with its tail, a bracketed group or range, with the field before it."""
    parts: list[str] = []
    position = 0
    current = ""
    while position < len(text):
        char = text[position]
        if char.isspace():
            if current:
                parts.append(current)
                current = ""
            position += 1
            continue
        if char == '"':
            stop = _quoted_end(text, position)
        elif char in "[{":
            found = _RANGE.match(text, position)
            stop = found.end() if found else len(text)
        elif char == "(":
            depth, stop = 0, position
            while stop < len(text):
                depth += {"(": 1, ")": -1}.get(text[stop], 0)
                stop += 1
                if depth == 0:
                    break
        else:
            match = _WORD.match(text, position)
            stop = match.end() if match else position + 1
            word = text[position:stop]
            if not current and word in _OPERATORS - {"AND"}:
                return []
            if not current and word == "AND":
                position = stop
                continue
        current += text[position:stop]
        position = stop
    if current:
        parts.append(current)
    return parts


def recased(typed: str, suggestion: str) -> str:
    """A spelling suggestion (folded words) written in the case of the words typed:
    "Bolurte" -> "Boluarte", "BOLURTE" -> "BOLUARTE"."""
    typed_words, words = typed.split(), suggestion.split()
    if len(typed_words) != len(words):
        return suggestion
    out = []
    for was, word in zip(typed_words, words, strict=True):
        if was.isupper() and len(was) > 1:
            word = word.upper()
        elif was[:1].isupper() and word[:1].islower():
            word = word[:1].upper() + word[1:]
        out.append(word)
    return " ".join(out)
