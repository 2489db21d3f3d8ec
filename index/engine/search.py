"""Parse a query, search the index, and cut highlighted snippets from stored text.

Documents are ranked by Whoosh; each hit's best passage is the one of its stored text that holds
most of the query's terms (rare ones weigh more). Highlight spans are character
offsets found by re-analysing the snippet with the index's own analyzer (no HTML anywhere).
"""

from __future__ import annotations

import copy
import math
import re
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from whoosh import qparser, query
from whoosh.collectors import (
    FilterCollector,
    TimeLimit,
    TimeLimitCollector,
    TopCollector,
    UnlimitedCollector,
)
from whoosh.fields import STORED
from whoosh.support.charset import accent_map

from index.analysis import TOKEN_PATTERN
from index.engine.deadline import COLLECTION_SHARE, MIN_COLLECTION_SECONDS, Deadline, timed
from index.engine.fuzzy import ListedFuzzyTerm
from index.engine.phrases import ExactPhrase
from index.engine.querytext import check_query, rewrite_dates, route_exact
from index.engine.schema import exact_analyzer, text_analyzer
from index.engine.unions import ListedOr
from index.errors import QuerySyntaxError
from index.models import Hit, MatchingDocs, SearchResults, Snippet, Span, page_at
from index.reading.furniture import mostly_furniture
from index.sanitize import fold

if TYPE_CHECKING:
    from index.engine.vocabulary import StoredVocabulary, Vocabulary

TEXT_FIELDS = ("title", "body")
EXACT_FIELD = "exact"
SNIPPET_CHARS = 220
MAX_EXPANDED_TERMS = 400
SEARCH_SECONDS = 2.0
MAX_BOOST = 1000.0
_ANALYZER = text_analyzer()
_EXACT = exact_analyzer()
_TOKENS = re.compile(TOKEN_PATTERN)
MAX_KNOWN_TOKENS = 200_000


class TokenTerms:
    """The terms an analyzer makes of each distinct token, with their character offsets in
    it, worked out once per token (as the one-pass indexer does): running a document's every
    token through Whoosh's chain of filters was most of the cost of a page of snippets."""

    def __init__(self, analyzer: Any) -> None:
        self.analyzer = analyzer
        self.known: dict[str, tuple[tuple[str, int, int], ...]] = {}

    def __call__(self, token: str) -> tuple[tuple[str, int, int], ...]:
        found = self.known.get(token)
        if found is None:
            if len(self.known) >= MAX_KNOWN_TOKENS:
                self.known.clear()
            found = self.known[token] = tuple(
                (t.text, t.startchar, t.endchar)
                for t in self.analyzer(token, chars=True, mode="index")
            )
        return found

    def tokens(self, text: str) -> Iterator[tuple[int, str, int, int]]:
        """(place, term, start, end) for each term of ``text``: a token's terms stand at its
        place, as in the exact field's positions."""
        for place, match in enumerate(_TOKENS.finditer(text)):
            base = match.start()
            for term, start, end in self(match.group()):
                yield place, term, base + start, base + end


_STEMMED_TERMS = TokenTerms(_ANALYZER)
_EXACT_TERMS = TokenTerms(_EXACT)
_WORDLIKE = re.compile(r"\w+")
_PLAIN_WORD = re.compile(r"(?<![\w:~*?\"])([^\W\d_][\w'’-]*)(?![\w:~*?])")


def make_parser(schema: Any) -> Any:
    parser = qparser.MultifieldParser(list(TEXT_FIELDS), schema)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    from whoosh.qparser.dateparse import DateParserPlugin

    parser.add_plugin(DateParserPlugin(free=False))
    return parser


def parse(parser: Any, text: str) -> Any:
    """Check, then parse; every failure is a QuerySyntaxError with a one-line message."""
    check_query(text, _searchable(parser.schema))
    rewritten = rewrite_dates(route_exact(text, stemmed_terms))
    try:
        parsed = parser.parse(rewritten)
    except Exception as error:  # whoosh raises assorted types on odd input
        raise QuerySyntaxError(f"cannot read the query: {error}") from error
    for node in _walk(parsed):
        if type(node).__name__ == "ErrorQuery":
            raise QuerySyntaxError(f"cannot read part of the query: {node}")
        boost = getattr(node, "boost", 1.0)
        if not 0 < boost <= MAX_BOOST:
            raise QuerySyntaxError(f"a boost (^) must be above 0 and at most {MAX_BOOST:g}")
    return tuned(parsed)


def _searchable(schema: Any) -> list[str]:
    """The names of the fields a query can search (not those only stored)."""
    return [name for name, field in schema.items() if not isinstance(field, STORED)]


def stemmed_terms(word: str) -> list[str]:
    """The terms the stemmed analysis makes of a query word (none for a stop word)."""
    return [token.text for token in _ANALYZER(word, mode="query")]


def tuned(parsed: Any) -> Any:
    """The query with its exact phrases, fuzzy terms and ORs made the faster kinds of them (the
    same matches and scores: ``phrases.py``, ``fuzzy.py``, ``unions.py``)."""

    faster = {query.Phrase: ExactPhrase, query.FuzzyTerm: ListedFuzzyTerm, query.Or: ListedOr}

    def swap(node: Any) -> Any:
        kind = faster.get(type(node))
        if kind is None:
            return node
        swapped = copy.copy(node)
        swapped.__class__ = kind  # a subclass with the same attributes: only its methods differ
        return swapped

    return parsed.accept(swap)


def _walk(node: Any) -> Iterable[Any]:
    yield node
    if node.is_leaf():
        return
    for child in node.children():
        yield from _walk(child)


def positive_leaves(node: Any) -> list[Any]:
    """The leaf queries that must or may match (not those under NOT)."""
    if isinstance(node, query.Not):
        return []
    if isinstance(node, query.AndNot):
        return positive_leaves(node.a)
    if node.is_leaf():
        return [node]
    leaves: list[Any] = []
    for child in node.children():
        leaves.extend(positive_leaves(child))
    return leaves


def highlight_terms(
    parsed: Any, reader: Any, fields: tuple[str, ...] = TEXT_FIELDS
) -> frozenset[str]:
    """The indexed terms of ``fields`` the query matches (stems, prefix and fuzzy expansions).
    The words of exact phrases are not among them: a phrase is highlighted whole."""
    terms: set[str] = set()
    for leaf in positive_leaves(parsed):
        if leaf.field() not in fields or isinstance(leaf, query.Every):
            continue
        if _whole_phrase(leaf):
            continue
        try:
            expanded = leaf.existing_terms(reader, phrases=True, expand=True)
        except Exception:
            continue
        for fieldname, text in expanded:
            if fieldname in fields:
                terms.add(text.decode("utf-8") if isinstance(text, bytes) else str(text))
            if len(terms) >= MAX_EXPANDED_TERMS:
                return frozenset(terms)
    return frozenset(terms)


def _whole_phrase(leaf: Any) -> bool:
    """An exact phrase highlighted as one span (with a slop, ``"a b"~5``, its words are
    highlighted one by one)."""
    return (
        isinstance(leaf, query.Phrase)
        and leaf.field() in (EXACT_FIELD, "exact_title")
        and len(leaf.words) > 1
        and leaf.slop == 1
    )


def query_phrases(parsed: Any) -> tuple[tuple[str, ...], ...]:
    """The exact word sequences of the query's phrases (to highlight them whole)."""
    found = []
    for leaf in positive_leaves(parsed):
        if _whole_phrase(leaf):
            found.append(tuple(str(word) for word in leaf.words))
    return tuple(dict.fromkeys(found))


def phrase_spans(text: str, phrases: tuple[tuple[str, ...], ...], offset: int = 0) -> list[Span]:
    """Where the exact word sequences of ``phrases`` stand in ``text``, one span each (the
    parts of a joined word stand at its place, as in the index)."""
    if not phrases or not text:
        return []
    words = {word for phrase in phrases for word in phrase}
    at: dict[int, list[tuple[str, int, int]]] = {}
    known, terms_of = _EXACT_TERMS.known, _EXACT_TERMS
    for place, match in enumerate(_TOKENS.finditer(text)):
        token = match.group()
        found = known.get(token)
        if found is None:
            found = terms_of(token)
        for term, first_char, end_char in found:
            if term in words:
                base = match.start()
                at.setdefault(place, []).append((term, base + first_char, base + end_char))
    spans: list[Span] = []
    for phrase in phrases:
        for pos, here in at.items():
            first = [t for t in here if t[0] == phrase[0]]
            if not first:
                continue
            end = None
            for step, word in enumerate(phrase[1:], start=1):
                match_ = [t for t in at.get(pos + step, ()) if t[0] == word]
                if not match_:
                    break
                end = match_[0][2]
            else:
                last = end if end is not None else first[0][2]
                spans.append(Span(first[0][1] + offset, last + offset))
    return sorted(set(spans), key=lambda span: span.start)


def find_spans(
    text: str,
    terms: frozenset[str],
    offset: int = 0,
    phrases: tuple[tuple[str, ...], ...] = (),
    exact_terms: frozenset[str] = frozenset(),
    covered: list[Span] | None = None,
) -> list[Span]:
    """Where tokens of ``text`` analyse to one of ``terms`` (stemmed) or ``exact_terms``
    (offsets shifted by ``offset``); an exact phrase makes one span (``covered``: the phrases'
    spans when already found)."""
    if not (terms or phrases or exact_terms) or not text:
        return []
    if covered is None:
        covered = phrase_spans(text, phrases, offset)
    spans = list(covered)
    found: set[tuple[int, int]] = set()
    if terms:
        for _, term, start, end in _STEMMED_TERMS.tokens(text):
            if term in terms:
                found.add((start, end))
    if exact_terms:
        for _, term, start, end in _EXACT_TERMS.tokens(text):
            if term in exact_terms:
                found.add((start, end))
    for start, end in sorted(found):
        if not any(c.start <= start + offset < c.end for c in covered):
            spans.append(Span(start + offset, end + offset))
    return sorted(spans, key=lambda span: span.start)


def make_snippet(
    text: str,
    passage: Span,
    terms: frozenset[str],
    phrases: tuple[tuple[str, ...], ...] = (),
    exact_terms: frozenset[str] = frozenset(),
    phrase_hits: list[Span] | None = None,
) -> Snippet:
    """A window of the passage around its first match (its first phrase, if it holds one),
    with the matches' spans. ``phrase_hits``: the phrases' spans in the whole text, when
    already found."""
    piece = text[passage.start : passage.end]
    if phrase_hits is None:
        whole = phrase_spans(piece, phrases, passage.start)
    else:
        whole = [s for s in phrase_hits if passage.start <= s.start and s.end <= passage.end]
    spans = find_spans(piece, terms, passage.start, phrases, exact_terms, whole)
    return snippet_around(text, passage, spans, whole[0] if whole else None)


def snippet_around(
    text: str, passage: Span, spans: list[Span], focus_span: Span | None = None
) -> Snippet:
    """A window of the passage around ``focus_span`` or the first of ``spans`` (offsets into
    ``text``)."""
    start, end = passage.start, passage.end
    if end - start > SNIPPET_CHARS:
        focus = focus_span.start if focus_span else spans[0].start if spans else start
        window_start = max(start, focus - SNIPPET_CHARS // 3)
        if window_start > start:
            space = text.find(" ", window_start, focus)
            window_start = space + 1 if space >= 0 else window_start
        window_end = min(end, window_start + SNIPPET_CHARS)
        if window_end < end:
            space = text.rfind(" ", window_start, window_end)
            window_end = space if space > window_start else window_end
        start, end = window_start, window_end
    prefix = "…" if start > passage.start else ""
    suffix = "…" if end < passage.end else ""
    body = " ".join(text[start:end].split("\n"))
    shift = len(prefix) - start
    inside = [
        Span(s.start + shift, s.end + shift) for s in spans if s.start >= start and s.end <= end
    ]
    return Snippet(prefix + body + suffix, tuple(inside))


def date_filter(date_from: date | None, date_to: date | None) -> Any | None:
    if not date_from and not date_to:
        return None
    start = datetime.combine(date_from, datetime.min.time()) if date_from else None
    end = datetime.combine(date_to, datetime.max.time()) if date_to else None
    return query.DateRange("published", start, end)


ENTITY_FIELDS = {"entity": None, "person": "PERSON", "place": "PLACE", "org": "ORG"}
EntityKeys = Callable[[str, "str | None"], set[str]]
"""EntityNames.keys(name, type) -> the document-level names (folded) of the entity called name."""


def expand_entities(parsed: Any, keys_for: EntityKeys) -> Any:
    """Replace ``entity:``/``person:``/``place:``/``org:`` terms by every name the entity goes
    by in the collection, so ``person:castillo`` finds a document that only says "Pedro
    Castillo" and ``entity:"Dina Boluarte"`` one that misspells her "Bolaurte"."""

    def visit(node: Any) -> Any:
        fieldname = getattr(node, "fieldname", None)
        if fieldname not in ENTITY_FIELDS:
            return node
        if isinstance(node, query.Term):
            name = str(node.text)
        elif isinstance(node, query.Phrase):
            name = " ".join(str(word) for word in node.words)
        else:
            return node
        keys = keys_for(name, ENTITY_FIELDS[fieldname])
        if not keys:
            return node
        return query.Or([query.Term("entity", key) for key in sorted(keys)])

    return parsed.accept(visit)


def entity_filter(name: str, keys_for: EntityKeys | None) -> Any:
    keys = (keys_for(name, None) if keys_for else set()) or {fold(name)}
    return query.Or([query.Term("entity", key) for key in sorted(keys)])


def record_filters(
    date_from: date | None,
    date_to: date | None,
    entity: str | None,
    keys_for: EntityKeys | None,
    docs: set[str] | None,
) -> list[Any] | None:
    """The filters on doc records (None: nothing can match)."""
    filters: list[Any] = []
    dates = date_filter(date_from, date_to)
    if dates is not None:
        filters.append(dates)
    if entity:
        filters.append(entity_filter(entity, keys_for))
    if docs is not None:
        if not docs:
            return None
        filters.append(query.Or([query.Term("doc", doc) for doc in sorted(docs)]))
    if filters:
        filters.append(query.Term("kind", "doc"))
    return filters


def matching_doc_ids(
    searcher: Any,
    parser: Any,
    text: str,
    date_from: date | None = None,
    date_to: date | None = None,
    entity: str | None = None,
    keys_for: EntityKeys | None = None,
) -> MatchingDocs:
    """The ids of every document a query matches: no ranking, no snippets (the timeline and
    the entities of a query's documents need only these). Under the search's one deadline,
    every phase (expansion, collection): past it, the documents found until then, marked cut."""
    deadline = Deadline(SEARCH_SECONDS)
    parsed = parse(parser, text)
    if keys_for is not None:
        parsed = expand_entities(parsed, keys_for)
    parsed = timed(parsed, deadline)
    filters = record_filters(date_from, date_to, entity, keys_for, None) or []
    if _everything(parsed):
        matching = query.And(filters) if filters else query.Term("kind", "doc")
    else:
        matching = query.And([parsed, *filters]) if filters else parsed
    ids = searcher.reader().column_reader("doc")
    found = _all_matches(searcher, matching, deadline)
    return MatchingDocs(frozenset(ids[docnum] for docnum in found.docs()), deadline.cut)


def run_search(
    searcher: Any,
    parser: Any,
    text: str,
    limit: int = 10,
    offset: int = 0,
    date_from: date | None = None,
    date_to: date | None = None,
    entity: str | None = None,
    keys_for: EntityKeys | None = None,
    docs: set[str] | None = None,
    sort: str = "relevance",
) -> tuple[SearchResults, frozenset[int]]:
    """A page of hits ranked by relevance, or (``sort="date"``) by publication date, newest
    first, undated last: every match is then collected to be ordered, not only the page. With
    it, the numbers of every document the query matches (copies listed with another
    included): what ``matching_doc_ids`` finds, from the same pass over the index."""
    began = time.perf_counter()
    deadline = Deadline(SEARCH_SECONDS)  # every phase below, parsing included
    parsed = parse(parser, text)
    if keys_for is not None:
        parsed = expand_entities(parsed, keys_for)
    parsed = timed(parsed, deadline)
    filters = record_filters(date_from, date_to, entity, keys_for, docs)
    if filters is None:
        elapsed = (time.perf_counter() - began) * 1000
        return SearchResults(text, 0, (), elapsed_ms=elapsed), frozenset()
    wanted = offset + limit
    if sort == "date":
        wanted = max(1, searcher.doc_count_all())
    copies = copies_of(searcher)
    hidden = hidden_copies(searcher, copies)
    if _everything(parsed):
        # "*": the filters are the query (or every document).
        everything = query.And(filters) if filters else query.Term("kind", "doc")
        results, matched = _timed_search(searcher, everything, None, wanted, hidden, deadline)
    elif filters:
        results, matched = _timed_search(
            searcher, parsed, query.And(filters), wanted, hidden, deadline
        )
    else:
        results, matched = _timed_search(searcher, parsed, None, wanted, hidden, deadline)
    total = len(results)
    ranked = _newest_first(searcher, list(results)) if sort == "date" else list(results)
    page = ranked[offset : offset + limit]
    terms = highlight_terms(parsed, searcher.reader())
    exact_terms = highlight_terms(parsed, searcher.reader(), (EXACT_FIELD,)) - terms
    phrases = query_phrases(parsed)
    weights = term_weights(searcher.reader(), terms)
    hits = []
    marked = (terms, phrases, exact_terms)  # what the snippets highlight, while there is time
    for record in page:
        stored = searcher.stored_fields(record.docnum)
        meta = stored["meta"]
        furniture = tuple(Span(s, e) for s, e in meta.get("furniture") or ())
        every = [Span(s, e) for s, e in meta["passages"]]
        # Furniture is no snippet (unless the document is nothing else).
        passages = [p for p in every if not mostly_furniture(p, furniture)] or every
        if deadline.passed():  # out of time: the hits left show their first passage, plain
            marked = (frozenset(), (), frozenset())
        shown, shown_phrases, shown_exact = marked
        phrase_hits = phrase_spans(stored["text"], shown_phrases)
        passage = (
            first_holding(passages, phrase_hits)
            or best_passage(stored["text"], passages, shown, weights)
            or first_holding(passages, find_spans(stored["text"], frozenset(), 0, (), shown_exact))
            or (passages[0] if passages else Span(0, 0))
        )
        hits.append(
            Hit(
                doc=record["doc"],
                path=meta["path"],
                title=meta["title"],
                published=meta["published"],
                published_basis=meta["published_basis"],
                score=float(record.score or 0.0),
                passage=passage,
                snippet=make_snippet(
                    stored["text"], passage, shown, shown_phrases, shown_exact, phrase_hits
                ),
                duplicates=tuple(d for d in copies.get(record["doc"], ()) if d != record["doc"]),
                page=page_at(tuple(Span(s, e) for s, e in meta.get("pages") or ()), passage.start),
            )
        )
    elapsed = (time.perf_counter() - began) * 1000
    found = SearchResults(
        text, total, tuple(hits), terms, phrases, None, elapsed, exact_terms, cut=deadline.cut
    )
    return found, frozenset(matched)


def first_holding(passages: list[Span], spans: list[Span]) -> Span | None:
    """The passage holding the most of ``spans`` (the first of equals), or None."""
    best: tuple[int, int] | None = None
    for number, passage in enumerate(passages):
        count = sum(1 for s in spans if passage.start <= s.start and s.end <= passage.end)
        if count and (best is None or count > best[0]):
            best = (count, number)
    return passages[best[1]] if best else None


def hidden_copies(searcher: Any, copies: dict[str, tuple[str, ...]]) -> set[int]:
    """The document numbers of the copies not shown (each listed with the first of its group),
    worked out once per searcher (as a query, it was read again at every search)."""
    known: set[int] | None = getattr(searcher, "_quipu_hidden", None)
    if known is not None:
        return known
    hidden = sorted(doc for doc, group in copies.items() if group[0] != doc)
    found = (
        set(searcher.docs_for_query(query.Or([query.Term("doc", doc) for doc in hidden])))
        if hidden
        else set()
    )
    searcher._quipu_hidden = found
    return found


def copies_of(searcher: Any) -> dict[str, tuple[str, ...]]:
    """Exact copies in the index: each document id with a copy -> every id sharing its text,
    in id order (the first is the one shown). Worked out once per searcher (a scan of the
    digests, a few milliseconds at 10,000 documents)."""
    known: dict[str, tuple[str, ...]] | None = getattr(searcher, "_quipu_copies", None)
    if known is not None:
        return known
    reader = searcher.reader()
    groups: dict[str, tuple[str, ...]] = {}
    if "digest" in reader.schema and reader.has_column("doc"):
        ids = reader.column_reader("doc")
        for digest, info in reader.iter_field("digest"):
            if info.doc_frequency() < 2:
                continue
            docnums = reader.postings("digest", digest).all_ids()
            members = tuple(sorted(ids[n] for n in docnums))
            for member in members:
                groups[member] = members
    searcher._quipu_copies = groups
    return groups


def _newest_first(searcher: Any, records: list[Any]) -> list[Any]:
    """Hits by publication date, newest first; the same day by score; undated ones last."""

    def key(record: Any) -> tuple[str, float]:
        published = searcher.stored_fields(record.docnum)["meta"]["published"]
        return (published or "", float(record.score or 0.0))

    return sorted(records, key=key, reverse=True)


def _all_matches(searcher: Any, matching: Any, deadline: Deadline) -> Any:
    """Every record that matches, unscored, until the deadline (then those found so far)."""
    seconds = max(deadline.left(), MIN_COLLECTION_SECONDS)
    collector = ClockedCollector(UnlimitedCollector(), seconds)
    try:
        searcher.search_with_collector(matching, collector)
    except TimeLimit:
        deadline.cut = True
    except (ArithmeticError, ValueError, TypeError, IndexError, KeyError) as error:
        raise QuerySyntaxError(f"cannot run the query ({type(error).__name__})") from error
    return collector.results()


def _everything(parsed: Any) -> bool:
    """``*``: Every, or an Or of Every per field."""
    if isinstance(parsed, query.Every):
        return True
    return isinstance(parsed, query.Or) and all(isinstance(q, query.Every) for q in parsed)


class ClockedCollector(TimeLimitCollector):  # type: ignore[misc]
    """Whoosh's TimeLimitCollector reading the clock every 64 matches (the first 64 are always
    collected, so a cut query answers with something) instead of starting a timer thread for
    each search: starting one waits until the thread runs, which on a busy machine was several
    milliseconds of every search."""

    CHECK_EVERY = 64

    def __init__(self, child: Any, timelimit: float) -> None:
        super().__init__(child, timelimit, use_alarm=False)
        self.ends = 0.0

    def prepare(self, top_searcher: Any, q: Any, context: Any) -> None:
        self.child.prepare(top_searcher, q, context)
        self.timedout = False
        self.ends = time.perf_counter() + self.timelimit

    def collect_matches(self) -> None:
        child, ends, clock = self.child, self.ends, time.perf_counter
        for count, sub_docnum in enumerate(child.matches()):
            if count and not count % self.CHECK_EVERY and clock() > ends:
                self.timedout = True
                raise TimeLimit
            child.collect(sub_docnum)

    def finish(self) -> None:
        self.child.finish()


class MatchingTopCollector(TopCollector):  # type: ignore[misc]
    """Whoosh's TopCollector that notes every document it is given (``matched``: the query's
    documents, what the entities and the timeline of the query need) and leaves ``hidden``
    ones (the copies of a document, listed with it) out of the page and the total."""

    def __init__(self, limit: int, hidden: set[int]) -> None:
        # No block-quality skipping, no pruning of sub-queries (replace=0): totals are exact,
        # so every match is visited anyway, and a skipping collector counts them in a second
        # pass (a third of a phrase query's time). Unskipped, it counts what it collects:
        # after a filter, the filtered total.
        super().__init__(limit=max(1, limit), usequality=False, replace=0)
        self.hidden = hidden
        self.matched: set[int] = set()

    def _collect(self, global_docnum: int, score: float) -> Any:
        self.matched.add(global_docnum)
        if global_docnum in self.hidden:
            return 0
        return super()._collect(global_docnum, score)


def _timed_search(
    searcher: Any,
    parsed: Any,
    filter_query: Any,
    limit: int,
    hidden: set[int] | None = None,
    deadline: Deadline | None = None,
) -> tuple[Any, set[int]]:
    """The top ``limit`` matches (``hidden`` ones left out) and every match's number."""
    # The filter must wrap the time limit: TimeLimitCollector.collect_matches bypasses a
    # FilterCollector inside it.
    top = MatchingTopCollector(limit, hidden or set())
    seconds = SEARCH_SECONDS
    if deadline is not None:  # what is left of it (the matchers' expansion counts in it)
        seconds = max(deadline.left(COLLECTION_SHARE), MIN_COLLECTION_SECONDS)
    collector = ClockedCollector(top, seconds)
    if filter_query is not None:
        collector = FilterCollector(collector, allow=filter_query)
    try:
        searcher.search_with_collector(parsed, collector)
    except TimeLimit:
        if deadline is None:
            raise QuerySyntaxError(
                f"the query took longer than {SEARCH_SECONDS:g} s; make it more specific"
            ) from None
        deadline.cut = True  # the matches collected so far answer
    except (ArithmeticError, ValueError, TypeError, IndexError, KeyError) as error:
        # Whoosh's own failures on odd queries that the checks let through: one line, not a crash.
        raise QuerySyntaxError(f"cannot run the query ({type(error).__name__})") from error
    return collector.results(), top.matched


def best_passage(
    text: str, passages: list[Span], terms: frozenset[str], weights: dict[str, float]
) -> Span | None:
    """The passage that holds the most of the query's terms (each weighted by its rarity), then
    the most matches: found in the stored text of a hit, not in per-passage index records
    (they doubled the cost of indexing). Only words a cheap pattern picks out are analysed."""
    if not terms or not passages:
        return None
    counts: list[Counter[str]] = [Counter() for _ in passages]
    starts = [p.start for p in passages]
    for start, term in _term_positions(text, terms):
        number = bisect_right(starts, start) - 1
        if number >= 0 and start < passages[number].end:
            counts[number][term] += 1
    scored = [
        (sum(weights.get(t, 1.0) * (1 + math.log(n)) for t, n in found.items()), -number)
        for number, found in enumerate(counts)
        if found
    ]
    return passages[-max(scored)[1]] if scored else None


def _term_positions(text: str, terms: frozenset[str]) -> Iterator[tuple[int, str]]:
    """(offset, term) of the words of ``text`` that analyse to one of ``terms``."""
    folded = text.lower().translate(accent_map)
    if len(folded) != len(text) or not all(_WORDLIKE.fullmatch(t) for t in terms):
        # a rare letter whose lower case is longer, or a term that is not a plain word
        # (u.s., 3.5%): analyse it all
        for _, term, start, _ in _STEMMED_TERMS.tokens(text):
            if term in terms:
                yield start, term
        return
    # A word analyses to its stem, and a stem is the start of its word but for a last letter
    # ("happi" <- "happy"): the stems, a letter short, pick out the words worth analysing.
    heads = sorted({t[:-1] if len(t) > 2 else t for t in terms}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, heads)) + r")\w*")
    for match in pattern.finditer(folded):
        for token in _ANALYZER(text[match.start() : match.end()], mode="index"):
            if token.text in terms:
                yield match.start(), token.text


def term_weights(reader: Any, terms: frozenset[str]) -> dict[str, float]:
    """Inverse document frequency of each term in ``body``: a rare word counts more."""
    total = max(1, reader.doc_count())
    return {
        term: 1.0 + math.log(total / (1 + reader.doc_frequency("body", term))) for term in terms
    }


def suggest(vocabulary: Vocabulary | StoredVocabulary, text: str) -> str | None:
    """A spelling correction of the query's plain words, or None ("Bolurte" -> "boluarte").

    Candidates within two edits are ranked by edit distance, then by how many documents use them.
    """
    changed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group(1)
        folded = fold(word)
        if word in ("AND", "OR", "NOT", "TO") or folded in vocabulary:
            return word
        if not list(_ANALYZER(folded)):
            return word  # a stop word: nothing to correct
        candidates = [
            (edit_distance(folded, candidate), -vocabulary.frequency(candidate), candidate)
            for candidate in vocabulary.within(folded, 2, prefix=1)
        ]
        if not candidates:
            return word
        changed = True
        return str(min(candidates)[2])

    corrected = _PLAIN_WORD.sub(replace, text)
    return corrected if changed else None


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]
