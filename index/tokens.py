"""Tokens as people write them, for both analyses of the text (the stemmed one and the exact one).

- Numbers keep their separators, currency sign, percent sign and unit letters: ``2,000``,
  ``3.5%``, ``£15.8m`` are one token each.
- Numbers joined by a slash (``9/11``, ``2004/05``) are one token, indexed whole and by parts.
- A number's currency or percent sign is part of it, and the number is also indexed without
  it (at the same place): ``"2,000"`` finds "£2,000"; ``"£2,000"`` finds only that.
- Dotted acronyms are one token: ``U.S.``, ``e.g.``. In capitals they lose their dots
  (``U.N.`` = ``UN``); in small letters they keep them (``i.e.`` is not "IE", ``a.m.`` not
  "am").
- Words joined by hyphens or apostrophes (``e-mail``, ``O'Sullivan``, ``COVID-19``) are indexed
  whole (without the joiners: ``email``, ``osullivan``) and by their parts; a query asks for the
  whole only, so ``O'Sullivan`` does not find "Sullivan" and ``e-mail`` finds "email" too.
  A possessive ``'s`` is not part of the word.
- An acronym written in capitals whose lower case is a common word (``US``, ``IT``, ``U.S.``)
  is its own term, ``u.s.``, so the country is not the pronoun and survives stop-word removal.
- In the exact field, a common word with a capital (``May``, ``Will``) is also its own term,
  ``^may``, at the same place: a capitalised common word typed alone (``May``, ``=May``) means
  the name or the month, not the verb. Everywhere else case is ignored (``"in May"``).

These classes are pickled into the index's table of contents with the schema: this module path
is part of the on-disk format (keep it, or bump the index version).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Filter, StopFilter
from whoosh.analysis.filters import STOP_WORDS

TOKEN_PATTERN = (
    r"[£$€¥]?\d+(?:[.,/]\d+)*(?:%|[^\W_]+)?"  # numbers: 2,000 3.5% £15.8m 1990s 9/11
    r"|(?:[^\W\d_]\.){2,}"  # dotted acronyms: U.S. e.g.
    r"|\w+(?:['’\-]\w+)*"  # words, whole across hyphens and apostrophes
)
_JOINERS = re.compile(r"['’\-]")
_POSSESSIVE = re.compile(r"['’][sS]$")
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")
_SIGNED = re.compile(r"[£$€¥](\d.*)|(\d[\d.,]*)%")
CAPITAL_MARK = "^"
"""Starts the term of a capitalised common word (``^may``): no token can."""
MAX_TOKEN_CHARS = 64
"""Longer runs of word characters are cut to this (bounded work on hostile text)."""


def capital_term(word: str) -> str | None:
    """``^may`` for "May" (a capital, then small letters, and a common word); else None."""
    if len(word) < 2 or not word.istitle() or not word.isalpha():
        return None
    lower = word.lower()
    return CAPITAL_MARK + lower if lower in STOP_WORDS else None


def acronym_term(word: str) -> str | None:
    """``u.s.`` for "US" or "U.S." (capitals whose lower case is a common word); else None."""
    letters = word.replace(".", "")
    if len(letters) < 2 or not letters.isalpha() or not letters.isupper():
        return None
    if "." in word and not _DOTTED.fullmatch(word):
        return None
    lower = letters.lower()
    if lower not in STOP_WORDS:
        return None
    return ".".join(lower) + "."


class CompoundFilter(Filter):  # type: ignore[misc]
    """Joined words indexed whole and by parts; queried whole. Dotted acronyms in capitals lose
    their dots (``U.N.`` = ``UN``) unless they are a common word (then ``u.s.``). A signed
    number is indexed with and without its sign. With ``capitals``, a capitalised common word
    is indexed also as ``^may`` and queried as that alone."""

    def __init__(self, capitals: bool = False) -> None:
        self.capitals = capitals

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._capitals() == other._capitals()

    def __hash__(self) -> int:
        return hash((type(self), self._capitals()))

    def _capitals(self) -> bool:
        return bool(getattr(self, "capitals", False))  # absent from older pickled schemas

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        capitals = self._capitals()
        for token in tokens:
            text = token.text
            if len(text) > MAX_TOKEN_CHARS:
                token.text = text[:MAX_TOKEN_CHARS]
                yield token
                continue
            acronym = acronym_term(text)
            if acronym is not None:
                token.text = acronym
                yield token
                continue
            if "." in text and _DOTTED.fullmatch(text):
                if text.replace(".", "").isupper():
                    token.text = text.replace(".", "")
                yield token
                continue
            capital = capital_term(text) if capitals else None
            if capital is not None:
                if token.mode != "query":
                    yield token.copy()  # "may", for a phrase or a word in quotes
                token.text = capital
                yield token
                continue
            signed = _SIGNED.fullmatch(text)
            if signed is not None:
                if token.mode != "query":
                    yield token.copy()
                    token.text = signed.group(1) or signed.group(2)
                yield token
                continue
            if "/" in text and token.mode != "query":  # 9/11, 2004/05: whole, and by parts
                yield token.copy()
                for part in text.split("/"):
                    piece = token.copy()
                    piece.text = part
                    yield piece
                continue
            if _JOINERS.search(text) is None or text[0].isdigit():
                yield token
                continue
            if _POSSESSIVE.search(text):
                text = text[:-2]
                if getattr(token, "chars", False):
                    token.endchar -= 2  # a highlight covers the name, not its 's
            parts = [part for part in _JOINERS.split(text) if part]
            if len(parts) == 1:  # "May's", "US's": the word itself
                word = parts[0]
                token.text = acronym_term(word) or word
                capital = capital_term(word) if capitals else None
                if capital is not None:
                    if token.mode != "query":
                        yield token.copy()
                    token.text = capital
                yield token
                continue
            token.text = "".join(parts)
            if token.mode == "query" or len(parts) < 2:
                yield token
                continue
            whole = token.copy()
            yield whole
            for part in parts:
                piece = token.copy()
                piece.text = acronym_term(part) or part  # "US-led": the US, not "us"
                yield piece
                capital = capital_term(part) if capitals else None
                if capital is not None:  # "Dornford-May": May, the name
                    piece = token.copy()
                    piece.text = capital
                    yield piece


class PlaceStopFilter(StopFilter):  # type: ignore[misc]
    """Whoosh's StopFilter, renumbering by place in the text: the whole of a joined word and its
    parts (``email``, ``mail`` for "e-mail") stand at one place, as in the exact field, so a
    phrase of the stemmed fields (``title:"e-mail scam"``: ``email scam`` in a query) finds
    the words one after another. Whoosh's own numbers every token kept one by one, which put
    "scam" two places after "email"."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        stoplist, minsize, maxsize = self.stops, self.min, self.max
        pos: int | None = None
        place: int | None = None
        for token in tokens:
            text = token.text
            if (
                len(text) >= minsize
                and (maxsize is None or len(text) <= maxsize)
                and text not in stoplist
            ):
                if self.renumber and token.positions:
                    if pos is None:
                        pos = token.pos
                    elif token.pos != place:
                        pos += 1
                    place = token.pos
                    token.pos = pos
                token.stopped = False
                yield token
            elif not token.removestops:
                token.stopped = True
                yield token
