"""Whether a regular expression can match where a text has a given word or character.

Read from the parsed pattern, and never wrong one way: it may answer yes for a pattern that
cannot match there (its lookarounds and word boundaries are taken to hold), never no for one
that can. So an alternation of only the patterns that can start at a position finds there what
the alternation of all of them finds (the date scanner, :func:`index.extract.dates.scan`, tries
at "the" only the patterns that can start with "the").
"""

from __future__ import annotations

import re
import re._constants as _c  # (Python's own parser of patterns: sre_parse before 3.11)
import re._parser as _p
from functools import cache
from typing import Any

_CATEGORIES = {
    _c.CATEGORY_DIGIT: re.compile(r"\d"),
    _c.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    _c.CATEGORY_SPACE: re.compile(r"\s"),
    _c.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    _c.CATEGORY_WORD: re.compile(r"\w"),
    _c.CATEGORY_NOT_WORD: re.compile(r"\W"),
}
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_ONE_CHARACTER = (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN)
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_IGNORECASE = _c.SRE_FLAG_IGNORECASE

Item = tuple[Any, Any]


@cache
def can_start(pattern: str, start: str, word: bool) -> bool:
    """Whether ``pattern`` can match at a position where the text has ``start``: a character
    (``word`` False: what follows it is not known), or a word of ASCII letters, lowercased
    (``word`` True: the text has these letters in any case, then no letter). (Asked once: the
    scanner asks it again for each of its variants.)"""
    if word and not _can_start_with(pattern, start[0]):
        return False  # (the first letter alone rules out most patterns: a quick test first)
    items, ignorecase = _parsed(pattern)
    return bool(_ends(items, {0}, start, word, ignorecase, word))


@cache
def _can_start_with(pattern: str, letter: str) -> bool:
    """Whether ``pattern`` can match where a word starts with ``letter`` (in any case): asked
    once for each letter, not for each word."""
    items, ignorecase = _parsed(pattern)
    return bool(_ends(items, {0}, letter, True, ignorecase, False))


@cache
def _parsed(pattern: str) -> tuple[tuple[Item, ...], bool]:
    parsed = _p.parse(pattern)
    return _plain(parsed), bool(parsed.state.flags & _IGNORECASE)


def _plain(items: Any) -> tuple[Item, ...]:
    """The parsed items as tuples, without the zero-width ones (taken to hold)."""
    plain: list[Item] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.SUBPATTERN:
            av = (av[1], av[2], _plain(av[3]))
        elif op is _c.ATOMIC_GROUP:
            av = _plain(av)
        elif op is _c.BRANCH:
            av = tuple(_plain(alternative) for alternative in av[1])
        elif op in _REPEATS:
            av = (av[0], av[1], _plain(av[2]))
        elif op is _c.IN:
            av = tuple(av)
        plain.append((op, av))
    return tuple(plain)


def _ends(
    items: tuple[Item, ...], at: set[int], text: str, any_case: bool, ignorecase: bool, word: bool
) -> set[int]:
    """Where in ``text`` a match of ``items`` begun at each offset of ``at`` may have got to:
    ``len(text)`` (and one more for a word: the character after it, no letter) is past what
    is known, from where anything may follow."""
    known = len(text) + (1 if word else 0)
    for op, av in items:
        if not at or at == {known}:
            return at
        past = {known} & at
        live = at - past
        if op in _ONE_CHARACTER:
            at = past | {
                n + 1
                for n in live
                if _matches(op, av, text[n] if n < len(text) else None, any_case, ignorecase)
            }
        elif op is _c.SUBPATTERN:
            add, remove, inner = av
            folded = (ignorecase or bool(add & _IGNORECASE)) and not remove & _IGNORECASE
            at = past | _ends(inner, live, text, any_case, folded, word)
        elif op is _c.ATOMIC_GROUP:
            at = past | _ends(av, live, text, any_case, ignorecase, word)
        elif op is _c.BRANCH:
            at = past | {
                end
                for alternative in av
                for end in _ends(alternative, live, text, any_case, ignorecase, word)
            }
        elif op in _REPEATS:
            low, high, inner = av
            reached: set[int] = set()
            current, count = live, 0
            while current:
                if count >= low:
                    if current <= reached:
                        break
                    reached |= current
                if count == high:
                    break
                current = _ends(inner, current, text, any_case, ignorecase, word)
                count += 1
            at = past | reached
        else:  # a back reference, a conditional group: anything may follow
            return {known}
    return at


def _matches(op: Any, av: Any, char: str | None, any_case: bool, ignorecase: bool) -> bool:
    """Whether one item that takes a character may take ``char`` (None: a character that is
    no letter, or the end of the text)."""
    if char is None:
        if op is _c.LITERAL:
            return not chr(av).isalpha()
        if op is _c.IN:
            return not all(
                kind in (_c.LITERAL, _c.RANGE)
                and all(chr(c).isalpha() for c in _codes(kind, value))
                for kind, value in av
            )
        return True
    if ignorecase and not char.isascii():
        return True  # (case folding beyond ASCII has its own rules)
    folds = any_case or ignorecase
    forms = {char, char.lower(), char.upper()} if folds else {char}
    if op is _c.LITERAL:
        return chr(av) in forms or (ignorecase and not chr(av).isascii())
    if op is not _c.IN:
        return True
    for kind, value in av:
        if kind is _c.NEGATE or kind not in (_c.LITERAL, _c.RANGE, _c.CATEGORY):
            return True
        if kind is _c.CATEGORY and value not in _CATEGORIES:
            return True
        if ignorecase and kind is not _c.CATEGORY and max(_codes(kind, value)) > 127:
            return True
        for form in forms:
            if kind is _c.LITERAL and chr(value) == form:
                return True
            if kind is _c.RANGE and value[0] <= ord(form) <= value[1]:
                return True
            if kind is _c.CATEGORY and _CATEGORIES[value].fullmatch(form):
                return True
    return False


def _codes(kind: Any, value: Any) -> range:
    """The code points of a literal or a range of a set."""
    return range(value[0], value[1] + 1) if kind is _c.RANGE else range(value, value + 1)
