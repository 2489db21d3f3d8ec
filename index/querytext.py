"""Checks on the query string before Whoosh sees it: Whoosh's parser is lenient and silently
drops what it cannot read, so an unclosed bracket or a dangling ``AND`` must be caught here,
with the column where it is, and hostile shapes (huge, deeply nested, expensive) refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.errors import QuerySyntaxError
from index.sanitize import display

MAX_QUERY_CHARS = 1000
MAX_DEPTH = 16
MAX_FUZZY_DISTANCE = 2
MIN_WILDCARD_PREFIX = 2

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_BINARY = _OPERATORS - {"NOT"}
_WORD = re.compile(r"[^\s()\[\]{}\"]+")
_FUZZY = re.compile(r"~(\d+)")


def check_query(text: str) -> None:
    """Raise QuerySyntaxError (with a 1-based column) for a query Whoosh would misread."""
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
            position = end + 1
            previous = "term"
            continue
        if char in "([{":
            stack.append((char, column))
            if len(stack) > MAX_DEPTH:
                raise QuerySyntaxError(f"brackets nested too deep at column {column}", column)
            previous = "("
            position += 1
            continue
        if char in ")]}":
            if not stack or stack[-1][0] != closing[char]:
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
        previous = word if word in _OPERATORS else "term"
        position = match.end()
    if stack:
        bracket, column = stack[-1]
        raise QuerySyntaxError(f"unclosed '{bracket}' at column {column}", column)
    if previous in _OPERATORS:
        raise QuerySyntaxError(f"{previous} needs a term after it (at the end)", len(text))


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


_DATE_FIELD = re.compile(r"\b(published|mentions):(\[[^\]]*\]|\{[^}]*\}|\S+)")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b")


def rewrite_dates(text: str) -> str:
    """Turn ISO dates in ``published:`` ranges into the compact form Whoosh's date parser reads
    (it takes ``2023-01-31`` for the whole year 2023); an impossible date is an error."""
    from datetime import date

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
        return f"{match[1]}:{_ISO.sub(lambda m: compact(m, base), match[2])}"

    return _DATE_FIELD.sub(field, text)


_FIELD_PREFIX = re.compile(r"^(\w+):$")
_PLAIN = re.compile(r"^[£$€¥]?[^\W_][\w'’.,%£$€¥\-]*$")
_SPECIAL = set("*?~^:")
_QUOTED_TAIL = re.compile(r"(~\d+(?:\.\d+)?)?(\^\d+(?:\.\d+)?)?")


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
            closing = "]" if char == "[" else "}"
            end = text.find(closing, position)
            end = len(text) if end < 0 else end + 1
            out.append(text[position:end])
            position = end
            continue
        if char == '"':
            end = text.find('"', position + 1)
            end = len(text) if end < 0 else end + 1
            tail = _QUOTED_TAIL.match(text, end)
            stop = tail.end() if tail else end
            out.append("exact:" + text[position:stop])
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
            end = text.find('"', position + 1)
            end = len(text) if end < 0 else end + 1
            tail = _QUOTED_TAIL.match(text, end)
            stop = tail.end() if tail else end
            field = "exact:" if prefix.group(1) == "body" else word
            out.append(field + text[position:stop])
            position = stop
            continue
        out.append(_route_word(word, stemmed))
    return "".join(out)


def _route_word(word: str, stemmed: Callable[[str], list[str]]) -> str:
    if word in _OPERATORS or word == "TO":
        return word
    if word.startswith("=") and len(word) > 1 and not _SPECIAL & set(word[1:]):
        return f"exact:{word[1:]}"
    if _SPECIAL & set(word) or not _PLAIN.match(word):
        return word
    if not stemmed(word):
        return f"exact:{word}"
    return f"({word} OR exact:{word})"
