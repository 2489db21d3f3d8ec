"""How text becomes terms: the tokenizer, the filters and the one-pass field types of the schema.

Tokens as people write them, for both analyses of the text (the stemmed one and the exact one):

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

The filters and field types here are pickled into the index's table of contents with the schema:
this module path is part of the on-disk format. It stays at the top of the package whatever
else moves (a test holds it); move a class out of it only with an index version bump.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from whoosh import fields
from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.analysis.filters import STOP_WORDS
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

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


class StripFilter(Filter):  # type: ignore[misc]
    """Trim the spaces around comma-separated keywords; drop empty ones."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            token.text = token.text.strip()
            if token.text:
                yield token


@dataclass(frozen=True, slots=True)
class Analysed:
    """A field's postings worked out ahead (in an extraction worker): what ``index`` yields,
    kept in four columns (each posting's term, frequency, weight and encoded value). Sent from
    the worker to the writer, columns pickle and unpickle in about half the time a tuple per
    posting takes (36 KB of postings a document)."""

    terms: tuple[bytes, ...]
    frequencies: tuple[int, ...]
    weights: tuple[float, ...]
    values: tuple[bytes, ...]

    @classmethod
    def of(cls, postings: Iterable[tuple[bytes, int, float, bytes]]) -> Analysed:
        columns = tuple(zip(*postings, strict=True))
        return cls(*columns) if columns else cls((), (), (), ())

    def postings(self) -> Iterator[tuple[bytes, int, float, bytes]]:
        return zip(self.terms, self.frequencies, self.weights, self.values, strict=True)


class OnePass:
    """Index a string in one pass: the analyzer's tokenizer pattern over the text, and each
    distinct token run through its filters once and remembered (the filters used here look at
    one token at a time). Whoosh otherwise runs every token through a chain of generators,
    which was most of the cost of indexing a document. The postings are identical (a test holds
    them so); analyzers or formats this does not know are left to Whoosh.
    A value may also be ``Analysed`` ahead, in an extraction worker."""

    analyzer: Any
    format: Any

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, Analysed):
            yield from value.postings()
            return
        pattern = self._pattern()
        if not isinstance(value, str) or kwargs or pattern is None:
            yield from super().index(value, **kwargs)  # type: ignore[misc]
            return
        yield from self.ahead(value).postings()

    def ahead(self, text: str) -> Analysed:
        """``text``'s postings (what ``index`` yields for it), worked out as columns."""
        pattern = self._pattern()
        if pattern is None:
            return Analysed.of(self.index(text))
        if pattern.groups:  # findall would give the groups, not the whole matches
            tokens = [match.group() for match in pattern.finditer(text)]
        else:
            tokens = pattern.findall(text)
        positions = self._positions(tokens)
        terms = tuple(term.encode("utf-8") for term in positions)
        frequencies = tuple(map(len, positions.values()))
        boost = self.format.field_boost
        if type(self.format) is Positions:
            values = tuple(map(self.format.encode, positions.values()))
            weights = tuple(frequency * boost for frequency in frequencies)
        else:  # Frequency
            values = tuple(map(pack_uint, frequencies))
            weights = tuple(float(frequency) * boost for frequency in frequencies)
        return Analysed(terms, frequencies, weights, values)

    def _positions(self, tokens: list[str]) -> dict[str, list[int]]:
        """Each term's positions among ``tokens`` (the tokenizer's matches, in order), numbered
        as the analyzer's stop filter numbers them (:meth:`_renumbers`)."""
        terms = self._terms()
        renumber = self._renumbers()
        analyse = self._analyse
        positions: dict[str, list[int]] = {}
        seen = positions.get
        if not renumber:  # no stop filter: a joined word's parts stand where the word stands
            for place, token in enumerate(tokens):
                found_terms = terms.get(token)
                if found_terms is None:
                    found_terms = terms[token] = analyse(token)
                for term in found_terms:
                    found = seen(term)
                    if found is None:
                        positions[term] = [place]
                    else:
                        found.append(place)
            return positions
        pos = -1  # StopFilter's numbering: the first token kept keeps its place, then one by one
        for place, token in enumerate(tokens):
            found_terms = terms.get(token)
            if found_terms is None:
                found_terms = terms[token] = analyse(token)
            if not found_terms:
                continue
            if renumber == "place":  # a joined word's terms share its place
                pos = place if pos < 0 else pos + 1
            for term in found_terms:
                if renumber == "term":
                    pos = place if pos < 0 else pos + 1
                found = seen(term)
                if found is None:
                    positions[term] = [pos]
                else:
                    found.append(pos)
        return positions

    def _pattern(self) -> re.Pattern[str] | None:
        """The tokenizer's pattern, when the analyzer and format are ones this knows."""
        known = self.__dict__.get("_one_pass")
        if known is None:
            known = self.__dict__["_one_pass"] = (_one_pass_pattern(self.analyzer, self.format),)
        return known[0]

    def _renumbers(self) -> str:
        """How a stop filter numbers the kept terms: "place", by the tokens they come from
        (PlaceStopFilter); "term", one by one (Whoosh's StopFilter); or "" (not at all: a
        token's terms share the token's place)."""
        items = getattr(self.analyzer, "items", ())
        for item in items:
            if type(item) is PlaceStopFilter and item.renumber:
                return "place"
            if type(item) is StopFilter and item.renumber:
                return "term"
        return ""

    def _terms(self) -> dict[str, tuple[str, ...]]:
        cache: dict[str, tuple[str, ...]] | None = self.__dict__.get("_term_cache")
        if cache is None or len(cache) > 200_000:
            cache = self.__dict__["_term_cache"] = {}
        return cache

    def _analyse(self, token: str) -> tuple[str, ...]:
        return tuple(t.text for t in self.analyzer(token, positions=True, mode="index"))

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_term_cache", None)  # the schema is pickled into the index's table of contents
        state.pop("_one_pass", None)
        return state


def _one_pass_pattern(analyzer: Any, format: Any) -> re.Pattern[str] | None:
    """The tokenizer pattern of ``analyzer`` if its filters look at one token at a time and
    drop tokens only where positions stay right (StopFilter, renumbering), with a Positions or
    Frequency format; else None."""
    from whoosh.analysis import CompositeAnalyzer

    if type(format) not in (Positions, Frequency) or not isinstance(analyzer, CompositeAnalyzer):
        return None
    tokenizer, *filters = analyzer.items
    if type(tokenizer) is not RegexTokenizer or tokenizer.gaps:
        return None
    for item in filters:
        if type(item) in (StopFilter, PlaceStopFilter) and not item.renumber:
            return None
        if type(item) is StripFilter and type(format) is Positions:
            return None  # drops tokens without renumbering
        if type(item) not in (
            LowercaseFilter,
            CharsetFilter,
            StopFilter,
            PlaceStopFilter,
            StemFilter,
            StripFilter,
            CompoundFilter,
        ):
            return None
    return tokenizer.expression  # type: ignore[no-any-return]


class FastText(OnePass, fields.TEXT):  # type: ignore[misc]
    """Whoosh's TEXT, indexed in one pass."""


class FastKeyword(OnePass, fields.KEYWORD):  # type: ignore[misc]
    """Whoosh's KEYWORD, indexed in one pass."""
