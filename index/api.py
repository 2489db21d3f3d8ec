"""The small typed facade the CLI and the TUI use: ``open_collection(path) -> Collection``."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from index.engine.match_cache import MatchCache, MatchedNumbers
from index.errors import (
    IndexBusyError,
    IndexMissingError,
    IndexUnavailableError,
    QuipuError,
    UsageError,
)
from index.models import (
    DateMention,
    Document,
    DocumentSummary,
    Entity,
    EntityMention,
    Hit,
    IndexReport,
    MatchingDocs,
    Query,
    SearchResults,
    Sort,
    Span,
    Timeline,
    published_range,
)
from index.sanitize import fold
from index.storage.store import default_index_dir

if TYPE_CHECKING:
    from index.dossier import Dossier, MentionContext
    from index.engine.vocabulary import StoredVocabulary
    from index.explain import Explanation
    from index.extract.names import EntityNames
    from index.reading.citation import SourceLine
    from index.storage.database import Database
    from index.storage.extracts import Extracts
    from index.userdata.alias_edits import AliasEdit
    from index.userdata.date_overrides import DateOverride
    from index.userdata.notes import PlacedNote
    from index.userdata.saved_searches import SavedSearch


T = TypeVar("T")
ENTITY_FIELDS = re.compile(r"\b(?:entity|person|place|org):")
"""A query that names an entity field: its names are looked up among the entities'."""


def bundled_seeds() -> Path:
    """The bundled default corpus, from a checkout or an installed wheel."""
    import seeds

    return Path(seeds.__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class CollectionInfo:
    corpus: Path
    index_dir: Path
    documents: int


class Collection:
    """A corpus folder and its index. Thread-safe for readers; one writer at a time."""

    def __init__(self, corpus: Path, index_dir: Path | None = None) -> None:
        self.corpus = corpus
        self.index_dir = index_dir or default_index_dir(corpus)
        self._lock = threading.RLock()
        self._reading = threading.RLock()  # held by each read of the index (``_read``)
        self._ix: Any = None
        self._searcher: Any = None
        self._parser: Any = None
        self._extracts: Any = None
        self._expected_docs: int | None = None  # from the manifest, checked when opening
        self._matches = MatchCache()  # the documents of recent queries, by generation
        self._vocabulary: Any = None
        self._database: Any = None
        # The index's stamp and the build its manifest records, as the searcher opened.
        self._build: tuple[tuple[int, int, int] | None, str | None] = (None, None)
        self._opened = False  # an index was opened here: one gone since was deleted

    # -- the index -------------------------------------------------------------------------

    def update(
        self,
        progress: Any = None,
        rebuild: bool = False,
        lock_wait: float | None = None,
        procs: int = 1,
    ) -> IndexReport:
        """Bring the index up to date with the corpus (incremental unless ``rebuild``)."""
        from index.build import LOCK_WAIT_SECONDS, update_index

        wait = LOCK_WAIT_SECONDS if lock_wait is None else lock_wait
        report = update_index(self.corpus, self.index_dir, progress, rebuild, wait, procs)
        if rebuild:
            self._close()
        elif report.changed:
            self._let_go()  # searches running on the last commit finish there
        return report

    def ensure_index(
        self,
        progress: Any = None,
        refresh: bool = True,
        meanwhile: Callable[[], None] | None = None,
    ) -> IndexReport | None:
        """Update the index if it is missing or stale; with a busy writer, use what is there.
        Without ``refresh``, an index that exists is used as it is: the corpus is not looked at
        (a stat per file: 35 ms at 10,000 documents, for every command). ``meanwhile`` is
        called before an update when there is an index to answer from until it is done."""
        from index.storage.store import current_report, recorded_report

        if refresh:
            report = current_report(self.corpus, self.index_dir)
        else:
            report = recorded_report(self.index_dir)
        if report is not None:
            self._expected_docs = report.documents
            return report  # nothing changed: the writer (and extraction) are never loaded
        if meanwhile is not None:
            recorded = recorded_report(self.index_dir)
            if recorded is not None:
                self._expected_docs = recorded.documents
                meanwhile()
        from index.storage.store import latest_generation

        # A table of contents, even a damaged one (opening it is the update's to report).
        built = latest_generation(self.index_dir) >= 0
        try:
            # With an index to answer from, a busy writer is not waited for: its last commit
            # answers now, and the next command picks the changes up.
            return self.update(progress=progress, lock_wait=0.0 if built else None)
        except IndexBusyError:
            if built:
                return None
            raise

    def _searcher_now(self) -> Any:
        with self._lock:
            if self._searcher is not None and self._rebuilt():
                self._let_go()  # searches running on the old index finish there
            if self._searcher is None:
                from whoosh import index as whoosh_index

                from index.engine.search import make_parser

                # Read before the index is opened: a rebuild in between is seen next time.
                self._build = self._build_now()
                try:
                    self._ix = whoosh_index.open_dir(str(self.index_dir))
                    from index.engine.scoring import ListedLengthsBM25F

                    # Reads the segments: may fail too.
                    self._searcher = self._ix.searcher(weighting=ListedLengthsBM25F())
                except Exception as error:  # Whoosh raises half a dozen types on damage
                    self._ix = self._searcher = None
                    raise self._unavailable(error) from error
                self._parser = make_parser(self._ix.schema)
                self._opened = True
                self._check_count()
            else:
                # Not Whoosh's ``refresh``: it closes the readers of segments gone since, under
                # any search another thread is running on them (a torn read). A new commit gets
                # a searcher of its own; the old one closes when its last search lets go.
                try:
                    stale = self._ix.latest_generation() != self._searcher.reader().generation()
                except Exception as error:  # the index went, or was damaged, while open
                    self._let_go()
                    raise self._unavailable(error) from error
                if stale:
                    self._let_go()
                    return self._searcher_now()
            return self._searcher

    def _build_now(self) -> tuple[tuple[int, int, int] | None, str | None]:
        """The index's stamp and the build its manifest records (None: no index)."""
        from index.storage.store import build_of

        return self.index_stamp(), build_of(self.database())

    def index_stamp(self) -> tuple[int, int, int] | None:
        """What changes with every update or rebuild of the index, by any process (the
        database's inode and the stamp of its last commit; None: no index). A stat and a
        one-row query: cheap to ask often."""
        from index.storage.store import index_stamp

        return index_stamp(self.database())

    def _rebuilt(self) -> bool:
        """Whether the index open is no longer the one in the folder: rebuilt since (a rebuild
        starts Whoosh's generations again at 1, so ``refresh`` may see nothing new) or gone. The
        build is read again only when the stamp has changed."""
        stamp, build = self._build
        stamp_now = self.index_stamp()
        if stamp_now is None:
            return stamp is not None  # the database went (with its folder?): opened again
        if stamp_now == stamp:
            return False
        now = self._build_now()
        if now[1] == build:
            self._build = now  # updated, not rebuilt: refreshing finds the new generation
            return False
        return True

    def _unavailable(self, error: Exception) -> IndexUnavailableError:
        from index.storage.store import latest_generation

        if self._opened and latest_generation(self.index_dir) < 0:
            return IndexMissingError(
                f"the index at {self.index_dir} was deleted while open; "
                "rebuild it with: quipu index --rebuild"
            )
        return IndexUnavailableError(
            f"cannot open the index at {self.index_dir} ({type(error).__name__}); "
            "rebuild it with: quipu index --rebuild"
        )

    def _check_count(self) -> None:
        """A damaged index can open and still have lost documents: compare with the manifest."""
        if self._expected_docs is None:
            return
        stored = self._searcher.doc_count()  # one record per document
        if stored != self._expected_docs:
            expected, self._expected_docs = self._expected_docs, None
            self._close()
            raise IndexUnavailableError(
                f"the index at {self.index_dir} holds {stored} documents where its manifest "
                f"lists {expected}; rebuild it with: quipu index --rebuild"
            )

    def _close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._ix = None

    def _let_go(self) -> None:
        """Forget the searcher without closing it: a search still running on it finishes, and it
        closes when the last one lets go. The next search opens the index as now committed."""
        with self._lock:
            self._searcher = None
            self._ix = None
            self._expected_docs = None  # the manifest read before the update is not this one's

    def _read(self, read: Callable[[Any], T]) -> T:
        """``read(searcher)`` on the index as last committed, one thread at a time. A read torn
        by a writer (another process replacing segments) opens the index again
        on its new generation and is tried once more there; then it fails in one line. Query
        errors (``QuipuError``) go through unchanged."""
        for attempt in (1, 2):
            # One read at a time: a Whoosh searcher's files are read by seek-then-read on
            # shared handles, and two threads at once (the reader's search, timeline and
            # document workers) tear each other's reads.
            with self._reading:
                searcher = self._searcher_now()
                try:
                    return read(searcher)
                except QuipuError:
                    raise
                except Exception as error:  # Whoosh raises half a dozen types on torn reads
                    self._let_go()
                    if attempt == 2:
                        raise self._unavailable(error) from error
        raise AssertionError("unreachable")

    def close(self) -> None:
        self._close()
        if self._database is not None:
            self._database.close()

    # -- queries ---------------------------------------------------------------------------

    def search(
        self,
        query: Query | str,
        limit: int = 10,
        offset: int = 0,
        date_from: date | None = None,
        date_to: date | None = None,
        entity: str | None = None,
        mentioned: tuple[date, date] | None = None,
        sort: Sort = "relevance",
    ) -> SearchResults:
        """Ranked documents for ``query`` (a Query, or its text with the filters as keywords:
        publication dates, an entity, and ``mentioned``, only documents that talk about a day
        in this range). ``sort``: relevance, or date (publication, newest first). The
        documents it matches are kept for the query's entities and timeline."""
        if isinstance(query, str):
            query = Query(
                query, entity, published_range(date_from, date_to), mentioned, sort, limit, offset
            )
        from index.engine.search import run_search

        text, entity = query.text, query.entity
        keys_for = None
        if entity or ENTITY_FIELDS.search(text):
            keys_for = self.entity_names().keys
        docs = None if query.mentioned is None else self.docs_mentioning(*query.mentioned)

        def search(searcher: Any) -> SearchResults:
            results, matched = run_search(
                searcher,
                self._parser,
                text,
                query.limit,
                query.offset,
                query.published_from,
                query.published_to,
                entity,
                keys_for,
                docs,
                query.sort,
            )
            generation = self._generation(searcher)
            kept = self._matches.get(generation, query)
            # Kept: not asked for again; but a search cut at its time limit gives way to one
            # that finished (the entities and timeline then count every document it found).
            if kept is None or (kept.cut and not results.cut):
                self._matches.put(generation, query, MatchedNumbers(matched, results.cut))
            return results

        results = self._read(search)
        if entity and not results.terms:
            results = replace(
                results, hits=tuple(self._at_entity(hit, entity) for hit in results.hits)
            )
        if results.total == 0 and not results.cut:
            from index.engine.querytext import recased
            from index.engine.search import suggest

            suggestion = suggest(self.vocabulary(), text)
            results = replace(
                results,
                suggestion=recased(text, suggestion) if suggestion else None,  # as typed
                why=self.why_no_hits(text, query.published_from, query.published_to, entity),
            )
        return results

    def _at_entity(self, hit: Hit, entity: str) -> Hit:
        """A hit found by its entity alone: its snippet is the entity's first mention."""
        from index.engine.search import snippet_around

        spans = self.entity_spans(entity, hit.doc)
        if not spans:
            return hit
        document = self.document(hit.doc)
        passage = next(
            (p for p in document.passages if p.start <= spans[0].start < p.end), hit.passage
        )
        inside = [s for s in spans if passage.start <= s.start and s.end <= passage.end]
        return replace(hit, passage=passage, snippet=snippet_around(document.text, passage, inside))

    def docs_mentioning(self, first: date, last: date) -> set[str]:
        """The documents that mention a day (or a month, or a short range) within first..last."""
        return self.extracts().docs_mentioning(first, last)

    def entity_spans(self, name: str, doc: str) -> list[Span]:
        """Where the entity called ``name`` (or an alias) is mentioned in ``doc``."""
        return [Span(start, end) for start, end in self.extracts().mentions_in(name, doc)]

    def matching_docs(
        self,
        query: Query | str | None = None,
        entity: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> set[str] | None:
        """The ids of the documents a query (and filters) matches; None when nothing filters.
        Past the time limit, those found until then (``matching`` says whether it was cut)."""
        matching = self.matching(query, entity, date_from, date_to)
        return None if matching is None else set(matching.ids)

    def matching(
        self,
        query: Query | str | None = None,
        entity: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> MatchingDocs | None:
        """The documents a query (a Query, or its text and filters) matches, and whether the
        search stopped at its time limit (then: those found until then); None when nothing
        filters. Worked out once per query and index generation (a search of the query
        already has: its results, entities and timeline share them)."""
        if not isinstance(query, Query):
            query = Query(query or "", entity, published_range(date_from, date_to))
        if not query.filtered:
            return None
        query = query.matching_part
        return self._read(lambda searcher: self._matching_now(searcher, query))

    def _matching_now(self, searcher: Any, query: Query) -> MatchingDocs:
        """``matching`` on ``searcher``, from the cache when this generation has it."""
        generation = self._generation(searcher)
        found = self._matches.get(generation, query)
        if isinstance(found, MatchingDocs):
            return found
        if isinstance(found, MatchedNumbers):
            ids = searcher.reader().column_reader("doc")
            matching = MatchingDocs(frozenset(ids[number] for number in found.numbers), found.cut)
        else:
            matching = self._match(searcher, query)
        self._matches.put(generation, query, matching)
        return matching

    def _match(self, searcher: Any, query: Query) -> MatchingDocs:
        """The documents ``query`` matches, read from the index now."""
        matching = None
        if query.text.strip() or query.entity or query.published:
            from index.engine.search import matching_doc_ids

            keys_for = self.entity_names().keys if query.entity or ":" in query.text else None
            matching = matching_doc_ids(
                searcher,
                self._parser,
                query.text or "*",
                query.published_from,
                query.published_to,
                query.entity,
                keys_for,
            )
        if query.mentioned is not None:
            mentioning = frozenset(self.docs_mentioning(*query.mentioned))
            if matching is None:
                return MatchingDocs(mentioning)
            return MatchingDocs(matching.ids & mentioning, matching.cut)
        assert matching is not None  # a query that filters nothing has no matching part
        return matching

    def _generation(self, searcher: Any) -> tuple[str | None, int]:
        """Which index ``searcher`` reads: the build (a rebuild starts the generations again)
        and Whoosh's generation."""
        return self._build[1], searcher.reader().generation()

    # -- extraction: entities and dates ------------------------------------------------------

    def extracts(self) -> Extracts:
        """What extraction found: queries on the database beside the index (each sees the
        last update committed)."""
        from index.storage.extracts import Extracts

        with self._lock:
            if self._extracts is None:
                self._extracts = Extracts(self.database())
            return self._extracts  # type: ignore[no-any-return]

    def database(self) -> Database:
        """The database beside the index (``index.storage.database``): a connection per thread."""
        from index.storage.database import Database
        from index.storage.store import INDEX_VERSION

        with self._lock:
            if self._database is None:
                self._database = Database(self.index_dir, INDEX_VERSION)
            return self._database  # type: ignore[no-any-return]

    def entity_names(self) -> EntityNames:
        """The entities' names (to expand entity queries), looked up in the database."""
        return self.extracts().names()

    def vocabulary(self) -> StoredVocabulary:
        """The collection's words and their document counts, read when first needed (a search
        with no hits asks it for a spelling)."""
        from index.engine.vocabulary import StoredVocabulary

        with self._lock:
            if self._vocabulary is None:
                self._vocabulary = StoredVocabulary(self.database())
            return self._vocabulary  # type: ignore[no-any-return]

    def entities(
        self,
        kind: str | None = None,
        doc: str | None = None,
        query: Query | str | None = None,
        limit: int | None = None,
        entity: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        docs: set[str] | None = None,
        mentions: bool = True,
        per_doc: bool = True,
    ) -> list[Entity]:
        """Entities of the collection, of one document, of a query's documents (a Query, or
        its text and filters), or of ``docs``; without ``mentions``, counts only (no offsets:
        much faster at scale); without ``per_doc``, no count per document either (their
        ``docs`` empty: what a list of names and totals needs)."""
        docs = self._entity_docs(doc, query, entity, date_from, date_to, docs)
        return self.extracts().entity_list(kind, docs, limit, mentions, per_doc=per_doc)

    def each_entity(
        self,
        kind: str | None = None,
        doc: str | None = None,
        query: Query | str | None = None,
        limit: int | None = None,
        docs: set[str] | None = None,
    ) -> Iterator[Entity]:
        """``entities`` with their mentions, one at a time (for printing them all: a million
        mentions at 10,000 documents are never held at once)."""
        docs = self._entity_docs(doc, query, None, None, None, docs)
        return self.extracts().each_entity(kind, docs, limit)

    def printed_entities(
        self, kind: str | None = None, limit: int | None = None
    ) -> Iterator[bytes]:
        """The JSON of ``each_entity`` over the whole collection (of one type), one entity at
        a time, as the last update printed it: what ``quipu entities --json`` prints (UTF-8)."""
        return self.extracts().printed_entities(kind, limit)

    def printed_dates(self) -> Iterator[bytes]:
        """The JSON of every placed date of the collection (the mentions of ``timeline``), a
        document's at a time, comma-separated: what ``quipu timeline --json`` prints (UTF-8)."""
        return self.extracts().printed_dates()

    def _entity_docs(
        self,
        doc: str | None,
        query: Query | str | None,
        entity: str | None,
        date_from: date | None,
        date_to: date | None,
        docs: set[str] | None,
    ) -> set[str] | None:
        matching = self.matching_docs(query, entity, date_from, date_to)
        if docs is not None:
            matching = docs if matching is None else matching & docs
        docs = matching
        if doc is not None:
            self._known(doc)
            docs = {doc} if docs is None else docs & {doc}
        return docs

    def corrections(self) -> tuple[list[AliasEdit], tuple[str, ...]]:
        """The user's entity corrections, in the order applied, and the file's warnings."""
        from index.userdata.alias_edits import AliasEdits

        return AliasEdits.of(self.corpus).all()

    def correct(self, edit: AliasEdit) -> IndexReport:
        """Check ``edit`` against the entities as they are now, write it to the corrections
        file, and apply it (the index is brought up to date). A name that is no entity, or an
        alias the entity does not have, is a UsageError naming the closest names."""
        from index.userdata.alias_edits import (
            AliasEdits,
            apply_edits,
            edit_problem,
            find_entity,
            local_aliases,
            local_names,
        )

        problem = edit_problem(edit.action, edit.name, edit.value)
        if problem:
            raise UsageError(problem)
        entities = self.extracts().entities
        number = find_entity(entities, edit.name)
        if number is None:
            raise UsageError(f"no entity called {edit.name!r}{self._closest(edit.name)}")
        if edit.action == "merge":
            other = find_entity(entities, edit.value)
            if other is None:
                raise UsageError(f"no entity called {edit.value!r}{self._closest(edit.value)}")
            if other == number:
                raise UsageError(f"{edit.value!r} is already part of {entities[number]['name']!r}")
        if edit.action == "split":
            entity = entities[number]
            wanted = fold(edit.value)
            if wanted == fold(entity["name"]):
                raise UsageError(f"{edit.value!r} is the entity's own name (rename it first)")
            if not any(fold(alias) == wanted for alias in entity["aliases"]):
                known = ", ".join(repr(a) for a in entity["aliases"]) or "none"
                raise UsageError(
                    f"{entity['name']!r} has no alias {edit.value!r} (its aliases: {known})"
                )
        extracts = self.extracts()
        _, problems = apply_edits(entities, [edit], local_names(extracts), local_aliases(extracts))
        if problems:
            raise UsageError(problems[0].split(" not applied: ", 1)[-1])
        AliasEdits.of(self.corpus).add(edit)
        return self.update()

    def explain_entity(self, name: str) -> Explanation:
        """Why the entity called ``name`` has its type and its aliases: the documents' entities
        it merges, their evidence and the reasons for it, and the user's corrections."""
        from index.explain import explain

        entity = self.extracts().find(name)
        if entity is None:
            raise UsageError(f"no entity called {name!r}{self._closest(name)}")
        corrections, _ = self.corrections()
        from index.storage.extracts import extraction_text

        return explain(
            entity, self.extracts(), lambda doc: extraction_text(self.document(doc)), corrections
        )

    def uncorrect(self, number: int) -> tuple[AliasEdit, IndexReport]:
        """Forget the ``number``-th correction (1-based) and apply the rest."""
        from index.userdata.alias_edits import AliasEdits

        dropped = AliasEdits.of(self.corpus).drop(number)
        if dropped is None:
            raise UsageError(f"no correction number {number} (list them: quipu alias list)")
        return dropped, self.update()

    def _closest(self, name: str) -> str:
        from difflib import get_close_matches

        names: dict[str, str] = {}
        entities = self.extracts().entities
        for entity in entities:
            for alias in entity["aliases"]:
                names.setdefault(fold(alias), alias)
        names.update((fold(e["name"]), e["name"]) for e in entities)
        found = get_close_matches(fold(name), list(names), n=3, cutoff=0.75)
        return f" (did you mean: {', '.join(names[f] for f in found)}?)" if found else ""

    def co_mentions(self, name: str, limit: int = 20) -> list[tuple[Entity, int]]:
        """The entities mentioned in the same passages as ``name``, with how many passages."""
        return self.extracts().co_mentions(name, limit)

    def dossier(self, name: str) -> Dossier | None:
        """Everything about the entity called ``name`` (or having it as an alias): its
        mentions, the months of its passages' dates, who is mentioned with it by month."""
        from index.dossier import build_dossier

        return build_dossier(self.extracts(), name)

    def mention_contexts(self, mentions: Sequence[EntityMention]) -> list[MentionContext]:
        """The text around each mention (each document read once)."""
        from index.dossier import context

        texts: dict[str, str] = {}
        found = []
        for mention in mentions:
            if mention.doc not in texts:
                texts[mention.doc] = self.document(mention.doc).text
            found.append(context(texts[mention.doc], mention.start, mention.end))
        return found

    def timeline(
        self,
        date_from: date | None = None,
        date_to: date | None = None,
        doc: str | None = None,
        query: Query | str | None = None,
        granularity: str | None = None,
        entity: str | None = None,
        mentions: bool = True,
    ) -> Timeline:
        """The dates the collection (or one document, or a query's documents) talks about,
        within ``date_from``..``date_to``; ``query``: a Query, or its text (with ``entity``,
        the dates of the passages that mention the entity); ``cut`` when the query stopped at
        its time limit (the documents found until then). Without ``mentions``, a chart's:
        its mentions counted by day (``Timeline.days``), not read (``bucket_dates`` reads
        those of a bucket)."""
        docs, cut, near = self._timeline_scope(doc, query, entity)
        if docs is not None and not docs:
            return _no_dates(granularity, cut)
        timeline = self.extracts().timeline(
            docs, date_from, date_to, granularity, near, mentions=mentions, days=not mentions
        )
        return replace(timeline, cut=True) if cut else timeline

    def bucket_dates(
        self,
        first: date,
        last: date,
        months: bool = False,
        query: Query | str | None = None,
        entity: str | None = None,
    ) -> tuple[DateMention, ...]:
        """The mentions of ``timeline(query=query)`` a chart puts in its bucket first..last:
        the dates of a day in it, and with ``months`` (a month's or a year's bucket) the
        months or ranges within a month that start in it; by the day they start on, then in
        the timeline's order. What the reader lists under its timeline's cursor, read when
        shown (its 230,000 mentions at 10,000 documents are not held)."""
        docs, _, near = self._timeline_scope(None, query, entity)
        if docs is not None and not docs:
            return ()
        return self.extracts().starting(first, last, months, docs, near)

    def timeline_with_dates(
        self,
        date_from: date | None = None,
        date_to: date | None = None,
        doc: str | None = None,
        query: Query | str | None = None,
        granularity: str | None = None,
        entity: str | None = None,
    ) -> tuple[Timeline, Iterator[DateMention]]:
        """``timeline`` without its mentions, and the mentions one at a time (for printing
        them all: 230,000 at 10,000 documents are never held at once). Read the mentions
        before asking this thread's collection anything else."""
        docs, cut, near = self._timeline_scope(doc, query, entity)
        if docs is not None and not docs:
            return _no_dates(granularity, cut), iter(())
        extracts = self.extracts()
        found = extracts.timeline(docs, date_from, date_to, granularity, near, False)
        found = replace(found, cut=True) if cut else found
        return found, extracts.each_date(docs, date_from, date_to, near)

    def _timeline_scope(
        self, doc: str | None, query: Query | str | None, entity: str | None
    ) -> tuple[set[str] | None, bool, str | None]:
        """What a timeline covers: its documents (None: all), whether the query was cut at
        its time limit, and the entity whose passages' dates it keeps (None: every date)."""
        if not isinstance(query, Query):
            query = None if query is None and not entity else Query(query or "", entity)
        matching = None if query is None else self.matching(query)
        docs = None if matching is None else set(matching.ids)
        if doc is not None:
            self._known(doc)
            docs = {doc} if docs is None else docs & {doc}
        near = (query.entity or None) if query is not None else None
        return docs, matching is not None and matching.cut, near

    # -- why nothing was found -------------------------------------------------------------

    def knows_entity(self, name: str) -> bool:
        """Whether an entity of the collection is called ``name`` (or has it as an alias, or,
        for one word, as a word of its name): what ``--entity`` and ``--co`` look up."""
        return bool(self.entity_names().keys(name))

    def entity_suggestions(self, name: str, limit: int = 3) -> list[str]:
        """Entity names close to ``name`` (within two edits of the name, an alias, or, for
        one word, a word of them), as the collection writes them ("Pedro Castillo" for
        "castilo"): nearest first, then alphabetical."""
        from index.engine.fuzzy import within
        from index.engine.search import edit_distance
        from index.sanitize import fold

        wanted = " ".join(fold(name).split())
        if not wanted:
            return []
        names = self.entity_names()
        keys = sorted(names.lookup_keys())
        distance = 1 if len(wanted) <= 4 else 2
        ranked: dict[str, int] = {}
        for key in (wanted, "word:" + wanted) if " " not in wanted else (wanted,):
            for found in within(keys, key, distance, prefix=len(key) - len(wanted) + 1):
                cost = edit_distance(key, found)
                for number in names.called_key(found):
                    shown = names.name(number)
                    ranked[shown] = min(cost, ranked.get(shown, cost))
        return [n for n, _ in sorted(ranked.items(), key=lambda item: (item[1], item[0]))][:limit]

    def unknown_entity(self, name: str) -> str | None:
        """Why an entity filter finds nothing when no entity has that name (with the names
        it may have meant), or None when one has."""
        if self.knows_entity(name):
            return None
        from index.sanitize import display

        message = f'no entity called "{display(name)}" (list them: quipu entities)'
        close = self.entity_suggestions(name)
        if close:
            message += " — did you mean: " + ", ".join(display(n) for n in close)
        return message

    def why_no_hits(
        self,
        text: str,
        date_from: date | None = None,
        date_to: date | None = None,
        entity: str | None = None,
    ) -> str | None:
        """Why a search with these filters finds nothing, when it is cheap to tell: an unknown
        entity, the words or phrases no document holds, a filter that leaves out every
        document the query finds. None when it cannot say."""
        from index.sanitize import display

        if entity:
            unknown = self.unknown_entity(entity)
            if unknown:
                return unknown
        everything = not text.strip() or text.strip() in ("*", "*:*")
        matching = None if everything else self.matching_docs(text)
        if matching is not None and not matching:
            return self._why_query_fails(text)
        found = "every document" if matching is None else _documents(len(matching)) + " match"
        found = found if matching is None else f"{found} the query"
        if entity:
            mentioning = self.matching_docs(None, entity) or set()
            if matching is not None:
                mentioning &= matching
            if not mentioning:
                return f"{found}, but none mentions {display(entity)}"
            matching = mentioning
            found = f"{_documents(len(matching))} match the query and mention {display(entity)}"
        if date_from or date_to:
            dated = [row for row in self.documents() if row.published]
            if not dated:
                return "no document has a publication date: --from/--to leave every one out"
            within_dates = self.matching_docs(None, None, date_from, date_to) or set()
            span = date_span(date_from, date_to)
            if not within_dates:
                first = min(str(row.published) for row in dated)
                last = max(str(row.published) for row in dated)
                return f"no document is published {span} (they run from {first} to {last})"
            if matching is not None and not matching & within_dates:
                return f"{found}, but none is published {span}"
        return None

    def _why_query_fails(self, text: str) -> str | None:
        """The parts of an all-AND query that no document holds (or, when each is found,
        that no document holds them all). None for a query with OR or NOT in it."""
        from index.engine.querytext import conjuncts
        from index.sanitize import display

        parts = conjuncts(text)
        if not parts:
            return None
        missing = [part for part in parts if not self.matching_docs(part)]
        if not missing:
            return "each part is found, but no document holds them all: " + ", ".join(
                display(part) for part in parts
            )
        said = []
        for part in missing:
            named = re.fullmatch(r'(?:entity|person|place|org):"?([^"]+)"?', part)
            unknown = self.unknown_entity(named.group(1)) if named else None
            if unknown is not None:
                return unknown
            quoted = re.match(r'"([^"]*)"', part)
            words = quoted.group(1).split() if quoted else []
            if len(words) > 1 and all(self.matching_docs(f'"{w}"') for w in words):
                said.append(f"{display(part)} (its words are found, not together)")
            else:
                said.append(display(part if '"' in part else f'"{part}"'))
        return "no document holds " + ", ".join(said)

    def resolve_doc(self, given: str) -> str:
        """The id of the document ``given`` names: its id; the id as ``quipu docs`` prints it
        (a tab shown as a space, ESC as ␛); or the start of one id only (``003``, the prefix
        the reader shows). ``UsageError`` naming the candidates when several ids start so."""
        from index.sanitize import display

        ids = [row.doc for row in self.documents()]
        if given in ids:
            return given
        shown = display(given)
        printed = [doc for doc in ids if display(doc) == shown]
        if len(printed) == 1:
            return printed[0]
        starting = printed or [doc for doc in ids if given and display(doc).startswith(shown)]
        if len(starting) == 1:
            return starting[0]
        if not starting:
            raise UsageError(f"no document with id {given!r} (list them with: quipu docs)")
        named = ", ".join(display(doc) for doc in starting[:5])
        more = f" and {len(starting) - 5} more" if len(starting) > 5 else ""
        raise UsageError(
            f"{len(starting)} document ids start with {given!r}: {named}{more} "
            "(give more of the id)"
        )

    # -- the user's publication dates ---------------------------------------------------------

    def stated_dates(self) -> tuple[list[DateOverride], tuple[str, ...]]:
        """The publication dates the user stated, by document id, and the file's warnings."""
        from index.userdata.date_overrides import DateOverrides

        overrides = DateOverrides.of(self.corpus)
        return sorted(overrides.by_doc.values(), key=lambda o: o.doc), overrides.warnings

    def unplaced_dates(self) -> dict[str, int]:
        """Per document, how many relative dates ("on Friday", "yesterday") it has that no day
        can be given, its own date not being known well enough (only documents with any)."""
        return self.extracts().unplaced_dates()

    @staticmethod
    def date_problem(value: str) -> str | None:
        """Why ``value`` is not a date a user can state (None when it is): what ``quipu date``
        and the reader check before stating it."""
        from index.userdata.date_overrides import date_problem

        return date_problem(value)

    def state_date(self, doc: str, value: str, note: str = "") -> IndexReport:
        """Date ``doc`` ``value`` (YYYY, YYYY-MM, YYYY-MM-DD, or ``undated``), the basis
        ``user``; the index is brought up to date (the document is read again)."""
        from index.userdata.date_overrides import DateOverride, date_problem, set_date

        problem = date_problem(value)
        if problem:
            raise UsageError(problem)
        set_date(self.corpus, DateOverride(self.resolve_doc(doc), value, note))
        return self.update()

    def state_dates(self, dates: list[tuple[str, str, str]]) -> IndexReport:
        """State many dates at once: (doc, value, note) each, a value of ``clear`` forgetting
        the one stated. Documents must be given as their ids (``resolve_doc``) and the values
        checked (``date_problem``) beforehand: the file changes in one write, then one update
        re-reads the documents whose date changed."""
        from index.userdata.date_overrides import DateOverride, set_dates

        overrides = [
            DateOverride(doc, value, note) for doc, value, note in dates if value != "clear"
        ]
        cleared = {doc for doc, value, _ in dates if value == "clear"}
        set_dates(self.corpus, overrides, cleared)
        return self.update()

    def unstate_date(self, doc: str) -> IndexReport:
        """Forget the user's date of ``doc``: the document's own (or inferred) date again."""
        from index.userdata.date_overrides import clear_date

        resolved = self.resolve_doc(doc)
        if not clear_date(self.corpus, resolved):
            raise UsageError(f"you stated no date for {resolved} (list them: quipu date)")
        return self.update()

    def _known(self, doc: str) -> None:
        if not self.extracts().has(doc):
            raise UsageError(f"no document with id {doc!r} (list them with: quipu docs)")

    def documents(self) -> list[DocumentSummary]:
        """Every document, ordered by id: from the list written with the index, else from the
        index's stored fields (which unpickles every document's text)."""
        from index.engine.search import copies_of
        from index.storage.doclist import DocList, summary_of

        listed = DocList.of_database(self.database())
        if listed is not None:
            rows = listed.summaries()
        else:
            rows = self._read(
                lambda searcher: sorted(
                    (summary_of(fields) for fields in searcher.documents(kind="doc")),
                    key=lambda row: row.doc,
                )
            )
        copies = self._read(copies_of)
        return [
            replace(row, duplicate_of=copies[row.doc][0])
            if row.doc in copies and copies[row.doc][0] != row.doc
            else row
            for row in rows
        ]

    def document(self, doc: str) -> Document:
        """One document by id (``UsageError`` if there is none)."""
        fields = self._read(lambda searcher: searcher.document(key=doc))
        if fields is None or fields.get("kind") != "doc":
            raise UsageError(f"no document with id {doc!r} (list them with: quipu docs)")
        meta = fields["meta"]
        from index.storage.doclist import common_fields

        return Document(
            **common_fields(fields),
            url=meta["url"],
            text=fields["text"],
            passages=tuple(Span(s, e) for s, e in meta["passages"]),
            published_confidence=meta.get("published_confidence"),
            published_hint=meta.get("published_hint"),
            attachments=tuple(meta.get("attachments") or ()),
            sender=meta.get("from"),
            recipients=meta.get("to"),
            pages=tuple(Span(s, e) for s, e in meta.get("pages") or ()),
            furniture=tuple(Span(s, e) for s, e in meta.get("furniture") or ()),
        )

    # -- the user's query history ------------------------------------------------------------

    def past_queries(self) -> list[str]:
        """The distinct queries run on this corpus, oldest first (kept across runs)."""
        return self.query_history()[0]

    def query_history(self) -> tuple[list[str], tuple[str, ...]]:
        """The distinct queries run on this corpus, oldest first, and the warnings of reading
        the history file (a line it does not understand: kept, and said)."""
        from index.userdata.query_history import QueryHistory

        history = QueryHistory.of(self.corpus)
        _, warnings = history.entries()
        return history.queries(), warnings

    def remember_query(self, text: str) -> None:
        """Add a query the user ran to the history (not when it repeats the last one)."""
        from index.userdata.query_history import QueryHistory

        QueryHistory.of(self.corpus).add(text)

    # -- the user's notes --------------------------------------------------------------------

    def notes(self, doc: str | None = None) -> tuple[list[PlacedNote], tuple[str, ...]]:
        """The notes (of one document), in the order written, each found again in its
        document as it is now; and the warnings of reading the file."""
        from index.userdata.notes import Notes, PlacedNote, place

        notes, warnings = Notes.of(self.corpus).all()
        by_path = {row.path: row for row in self.documents()}
        texts: dict[str, str] = {}
        placed: list[PlacedNote] = []
        for note in notes:
            row = by_path.get(note.path)
            if doc is not None and (row is None or row.doc != doc):
                continue
            if row is None:
                placed.append(PlacedNote(note, "lost", None, None, None, None))
                continue
            if row.doc not in texts:
                texts[row.doc] = self.document(row.doc).text
            status, start, end = place(note, texts[row.doc])
            placed.append(PlacedNote(note, status, row.doc, row.title, start, end))
        return placed, warnings

    def add_note(self, doc: str, start: int, end: int, text: str) -> PlacedNote:
        """Write a note (``text`` empty: a bookmark) on ``doc``'s characters ``start``..``end``."""
        from index.userdata.notes import Notes, PlacedNote

        document = self.document(doc)
        if not 0 <= start < end <= len(document.text):
            raise UsageError(
                f"no characters {start}..{end} in {doc} (its text has {len(document.text)})"
            )
        quote = document.text[start:end]
        note = Notes.of(self.corpus).add(doc, document.path, start, end, quote, text)
        return PlacedNote(note, "exact", doc, document.title, start, end)

    def delete_note(self, number: str) -> None:
        from index.userdata.notes import Notes

        if not Notes.of(self.corpus).delete(number):
            raise UsageError(f"no note {number!r} (list them: quipu notes)")

    def notes_export_path(self) -> Path:
        """Where the notes are exported unless told: ``quipu-notes-<corpus>.md`` in the current
        folder when it can be written, else in the corpus's user folder."""
        import os

        from index.userdata.notes import export_name
        from index.userdata.user_data import corpus_data_dir

        here = Path.cwd()
        folder = here if os.access(here, os.W_OK) else corpus_data_dir(self.corpus)
        return folder / export_name(self._title())

    def export_notes(self, target: Path | None = None) -> tuple[Path, int]:
        """Write every note as Markdown with its citation (index/notes.py's export) to
        ``target`` (a file, or a folder to hold ``quipu-notes-<corpus>.md``; by default
        ``notes_export_path()``). The path written and the number of notes; ``OSError``
        (``FileExistsError`` for a file that is not an earlier export) when not written."""
        from index.userdata.notes import export_markdown

        placed, _ = self.notes()
        target = target or self.notes_export_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        return export_markdown(self._title(), placed, target), len(placed)

    def _title(self) -> str:
        return self.corpus.resolve().name or str(self.corpus)

    # -- the user's saved searches -----------------------------------------------------------

    def saved_searches(self) -> tuple[list[SavedSearch], tuple[str, ...]]:
        """The searches the user named (the CLI's ``quipu saved``), in the order saved, and the
        warnings of reading the file."""
        from index.userdata.saved_searches import SavedSearches

        return SavedSearches.of(self.corpus).all()

    def save_search(self, search: SavedSearch) -> None:
        """Keep a search under its name (a saved search of that name is replaced)."""
        from index.userdata.saved_searches import SORTS, SavedSearches

        if not search.name.strip():
            raise UsageError("a saved search needs a name")
        if search.sort not in SORTS:
            raise UsageError(f"sort by {' or '.join(SORTS)}, not {search.sort!r}")
        SavedSearches.of(self.corpus).save(search)

    def delete_saved_search(self, name: str) -> None:
        from index.userdata.saved_searches import SavedSearches

        if not SavedSearches.of(self.corpus).delete(name):
            raise UsageError(f"no saved search called {name!r} (list them: quipu saved)")

    # -- taking a passage elsewhere ----------------------------------------------------------

    def citation(self, doc: str, span: Span) -> str:
        """The passage ``span`` of ``doc`` as a citation: quote, title, date, path, offsets."""
        from index.reading.citation import citation

        return citation(self.document(doc), span)

    def source_line(self, doc: str, offset: int) -> SourceLine:
        """The file of ``doc`` and the line its text at ``offset`` is on (None: not found)."""
        from index.reading.citation import source_line

        return source_line(self.corpus, self.document(doc), offset)

    # -- changes while open ------------------------------------------------------------------

    def corpus_changed(self) -> bool:
        """Whether the corpus (or the user's corrections or dates) differs from what the index
        was built from: a stat per file against the manifest (index/store.py's freshness check),
        without loading Whoosh. A missing index counts as changed, unless it was open here:
        then it was deleted while open (``IndexMissingError``), which is said with the way
        back rather than answered by indexing every file again unasked."""
        from index.storage.store import current_report, latest_generation

        if current_report(self.corpus, self.index_dir) is not None:
            return False
        if self._opened and latest_generation(self.index_dir) < 0:
            raise IndexMissingError(
                f"the index at {self.index_dir} was deleted while open; "
                "rebuild it with: quipu index --rebuild"
            )
        return True

    def highlight(self, text: str, results: SearchResults) -> list[Span]:
        """Spans of ``text`` matching the terms and phrases of a search's results."""
        from index.engine.search import find_spans

        return find_spans(text, results.terms, 0, results.phrases, results.exact_terms)


def open_collection(corpus: Path | None = None, index_dir: Path | None = None) -> Collection:
    """A collection over ``corpus`` (default: the bundled seeds). Does not touch the index yet."""
    return Collection(corpus or bundled_seeds(), index_dir)


def _no_dates(granularity: str | None, cut: bool) -> Timeline:
    """The timeline of no document, without asking the database (which read every date to
    find none: 60-80 ms at 1,000 documents, for each letter typed that matches nothing)."""
    from index.extract.partial_dates import auto_granularity

    return Timeline((), (), (), granularity or auto_granularity(None, None), cut)


def _documents(count: int) -> str:
    return f"{count} document{'' if count == 1 else 's'}"


def date_span(date_from: date | None, date_to: date | None) -> str:
    if date_from and date_to:
        return f"from {date_from.isoformat()} to {date_to.isoformat()}"
    if date_from:
        return f"on or after {date_from.isoformat()}"
    assert date_to is not None
    return f"on or before {date_to.isoformat()}"
