"""The one writer: build or update a corpus's index incrementally.

New files are added, changed ones (by content hash) re-indexed, deleted ones removed; a run with
nothing changed opens no writer at all. Extraction (entities, dates) runs here, at index time.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.engine.vocabulary import WordChanges, words_of
from index.errors import CorpusError, IndexBusyError, IndexUnavailableError, StorageError
from index.models import Decoded, Document, IndexReport, Skipped, Span, as_basis
from index.reading.corpus import SkipFile, SourceFile, read_file, scan
from index.storage.database import Transaction
from index.storage.doclist import list_row
from index.storage.extracts import (
    EXTRACT_CHARS,
    Anchors,
    DocExtract,
    Extracts,
    analyse,
    resolved_entities,
)
from index.storage.store import (
    INDEX_VERSION,
    LEGACY_MANIFEST,
    FileRecord,
    Manifest,
    latest_generation,
    new_build,
)
from index.userdata.alias_edits import Corrections
from index.userdata.date_overrides import DateOverrides

if TYPE_CHECKING:
    from index.analysis import Analysed

Progress = Callable[[int, int, str], None]
"""progress(done, total, path): called as files are read."""

LOCK_WAIT_SECONDS = 5.0
PID_FILE = "quipu-writer.pid"


def published_datetime(published: str | None) -> datetime | None:
    """The first instant of an ISO day or month ("2023-02" -> 2023-02-01)."""
    if not published:
        return None
    parts = [int(p) for p in published[:10].split("-")]
    try:
        return datetime(
            parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
        )
    except (ValueError, IndexError):
        return None


def content_digest(text: str) -> str:
    """What exact copies share: a hash of the text with its whitespace folded."""
    import hashlib

    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=12).hexdigest()


def document_records(
    document: Document,
    extract: DocExtract | None = None,
    analysed: dict[str, Analysed] | None = None,
) -> list[dict[str, Any]]:
    """The Whoosh records of one document (one: passages are found in its stored text);
    ``analysed``: its indexed fields analysed ahead, by an extraction worker."""
    meta = {
        "path": document.path,
        "title": document.title,
        "author": document.author,
        "published": document.published,
        "published_basis": document.published_basis,
        "published_confidence": document.published_confidence,
        "published_hint": document.published_hint,
        "source": document.source,
        "url": document.url,
        "words": document.words,
        "passages": [[p.start, p.end] for p in document.passages],
        "parent": document.parent,
        "attachments": list(document.attachments),
        "from": document.sender,
        "to": document.recipients,
        "pages": [[p.start, p.end] for p in document.pages],
        "people": [[p.start, p.end] for p in document.people],
        "furniture": [[p.start, p.end] for p in document.furniture],
    }
    published = published_datetime(document.published)
    doc_record: dict[str, Any] = {
        "kind": "doc",
        "key": document.doc,
        "doc": document.doc,
        "title": document.title,
        "body": document.text,
        "meta": meta,
        "text": document.text,
        "digest": content_digest(document.text),
    }
    if document.author:
        doc_record["author"] = document.author
    doc_record.update(mail_fields(document))
    if published:
        doc_record["published"] = published
    if extract is not None and not analysed:
        doc_record.update(extraction_fields(extract))
    if analysed:
        doc_record.update(analysed)
        doc_record["_stored_title"] = document.title  # what the title field stores
    return [doc_record]


def document_of_record(fields: dict[str, Any]) -> Document:
    """The document a record of ``document_records`` was made from, from its stored fields (all
    but the encoding it was read with)."""
    meta = fields["meta"]

    def spans(key: str) -> tuple[Span, ...]:
        return tuple(Span(start, end) for start, end in meta.get(key, ()))

    return Document(
        doc=fields["doc"],
        path=meta["path"],
        title=meta["title"],
        author=meta["author"],
        published=meta["published"],
        published_basis=as_basis(meta["published_basis"]),
        source=meta["source"],
        url=meta["url"],
        text=fields["text"],
        passages=spans("passages"),
        published_confidence=meta.get("published_confidence"),
        published_hint=meta.get("published_hint"),
        parent=meta.get("parent"),
        attachments=tuple(meta.get("attachments", ())),
        sender=meta.get("from"),
        recipients=meta.get("to"),
        people=spans("people"),
        pages=spans("pages"),
        furniture=spans("furniture"),
    )


def mail_fields(document: Document) -> dict[str, str]:
    """The ``from`` and ``to`` fields of an e-mail message (names and addresses)."""
    fields = {"from": document.sender, "to": document.recipients}
    return {key: value for key, value in fields.items() if value}


def extraction_fields(extract: DocExtract) -> dict[str, str]:
    """The queryable fields of extraction: ``entity`` (every name a document uses, folded by the
    analyzer), ``person``/``place``/``org`` by type, ``mentions`` (days, months and years)."""
    from index.extract.entities import best_type

    names: set[str] = set()
    typed: dict[str, set[str]] = {"PERSON": set(), "PLACE": set(), "ORG": set()}
    for key, name, scores, aliases, _mentions in extract.entities:
        names |= {key, name, *aliases}
        kind = best_type(scores)
        if kind:
            typed[kind] |= {name, *aliases}
    days: set[str] = set()
    for row in extract.dates:
        value, granularity = row[3], row[4]
        if granularity in ("day", "month", "year"):
            days |= {value, value[:7], value[:4]}
    fields = {
        "entity": ",".join(sorted(n.replace(",", " ") for n in names)),
        "mentions": ",".join(sorted(days)),
        "person": " ".join(sorted(typed["PERSON"])),
        "place": " ".join(sorted(typed["PLACE"])),
        "org": " ".join(sorted(typed["ORG"])),
    }
    return {key: value for key, value in fields.items() if value}


def open_or_create(index_dir: Path, fresh: bool) -> Any:
    """Open the Whoosh index in ``index_dir``, or create an empty one there."""
    from whoosh import index as whoosh_index

    from index.engine.schema import build_schema

    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        if not fresh and whoosh_index.exists_in(str(index_dir)):
            return whoosh_index.open_dir(str(index_dir))
        return whoosh_index.create_in(str(index_dir), build_schema())
    except PermissionError as error:
        raise StorageError(f"cannot write the index at {index_dir}: permission denied") from error
    except OSError as error:
        raise StorageError(f"cannot write the index at {index_dir}: {error.strerror}") from error
    except Exception as error:  # whoosh raises half a dozen types for a damaged index
        raise _damaged(index_dir, error) from error


def _storage_error(index_dir: Path, error: OSError | sqlite3.Error) -> StorageError:
    reason = error.strerror if isinstance(error, OSError) else str(error)
    return StorageError(f"cannot write the index at {index_dir}: {reason}")


def _damaged(index_dir: Path, error: Exception) -> IndexUnavailableError:
    return IndexUnavailableError(
        f"the index at {index_dir} is damaged ({type(error).__name__}); "
        "rebuild it with: quipu index --rebuild"
    )


def update_index(
    corpus: Path,
    index_dir: Path,
    progress: Progress | None = None,
    rebuild: bool = False,
    lock_wait: float = LOCK_WAIT_SECONDS,
    procs: int = 1,
) -> IndexReport:
    """Bring the index in ``index_dir`` up to date with the files of ``corpus``; wait up to
    ``lock_wait`` seconds for another writer to finish (then IndexBusyError). ``procs`` > 1
    uses Whoosh's multiprocess writer, fed by the extraction workers like the single one.

    A rebuild (asked for, or needed: no manifest of this version) is written into a fresh
    directory beside ``index_dir`` and swapped in at the end: until then the old index answers,
    and a rebuild that is killed, interrupted or refused (another writer holds the lock) leaves
    it as it was."""
    if not corpus.is_dir():
        raise CorpusError(f"corpus folder not found: {corpus}")
    files, skipped = scan(corpus, exclude=index_dir)
    corrections = Corrections.of(corpus)
    dates = DateOverrides.of(corpus)
    if not rebuild:
        recorded = Manifest.load(index_dir)
        plan = _plan(corpus, files, skipped, recorded, corrections, dates)
        if (
            plan.nothing_to_do
            and recorded is not None
            and plan.user_files_applied
            and _looks_in_step(index_dir, recorded)
        ):
            return plan.report()  # no lock, no writer: nothing is written
    lock = _lock(index_dir, lock_wait)
    try:
        # Planned again under the lock: another writer may have committed while this one waited.
        manifest = None if rebuild else Manifest.load(index_dir)
        if manifest is not None and not _in_step(index_dir, manifest):
            manifest = None  # a writer was killed after its commit: rebuilt, as a new index is
        plan = _plan(corpus, files, skipped, manifest, corrections, dates)
        if plan.nothing_to_do:
            if plan.user_files_applied:
                return plan.report()
            return _correct(index_dir, plan)
        if not plan.fresh:
            return _write(index_dir, plan, progress, procs)
        return _rebuild(index_dir, plan, progress, procs)
    finally:
        lock.release()


@dataclass(slots=True)
class _Plan:
    """What an update has to do: the manifest it starts from, the files to read (new or changed
    by size, mtime or id), the records of files gone, and the skipped files left as they are."""

    manifest: Manifest
    fresh: bool
    to_read: list[SourceFile]
    removed: list[str]
    unchanged: int
    skipped: list[Skipped]
    corrections: Corrections
    dates: DateOverrides
    forced: set[str]
    """Files read again though unchanged: the user's date of one of their documents changed."""

    @property
    def nothing_to_do(self) -> bool:
        return not self.fresh and not self.removed and not self.to_read

    @property
    def user_files_applied(self) -> bool:
        """Whether the index holds the user's files as they are (corrections and dates)."""
        return (
            self.manifest.corrections == self.corrections.digest
            and self.manifest.dates_digest == self.dates.digest
        )

    def report(self) -> IndexReport:
        return IndexReport(unchanged=self.unchanged, skipped=tuple(self.skipped))


def _looks_in_step(index_dir: Path, manifest: Manifest) -> bool:
    """``_in_step`` by the names of the files, without opening Whoosh."""
    return manifest.generation is None or manifest.generation == latest_generation(index_dir)


def _in_step(index_dir: Path, manifest: Manifest) -> bool:
    """Whether ``manifest`` (and the database it is in) describes the generation Whoosh last
    committed (a writer killed between Whoosh's commit and the database's leaves them out of
    step)."""
    if manifest.generation is None:
        return True  # a new database: no generation committed yet
    from whoosh import index as whoosh_index

    try:
        generation = whoosh_index.open_dir(str(index_dir)).latest_generation()
    except whoosh_index.EmptyIndexError:
        return False
    except Exception as error:  # whoosh raises half a dozen types for a damaged index
        raise _damaged(index_dir, error) from error
    return bool(generation == manifest.generation)


def _plan(
    corpus: Path,
    files: list[SourceFile],
    skipped: list[Skipped],
    manifest: Manifest | None,
    corrections: Corrections,
    dates: DateOverrides,
) -> _Plan:
    fresh = manifest is None
    if manifest is None:
        manifest = Manifest(INDEX_VERSION, str(corpus.resolve()), {}, build=new_build())
    current = {source.rel: source for source in files}
    removed = [rel for rel in manifest.files if rel not in current]
    to_read = [source for source in files if _changed(manifest.files.get(source.rel), source)]
    reading = {source.rel for source in to_read}
    stated = dates.values()
    redate = {
        doc for doc in {*manifest.dates, *stated} if manifest.dates.get(doc) != stated.get(doc)
    }
    forced = {
        rel
        for rel, record in manifest.files.items()
        if rel in current and rel not in reading and redate.intersection(record.ids)
    }
    to_read += [current[rel] for rel in sorted(forced)]
    kept_skipped = [
        Skipped(rel, record.skipped)
        for rel, record in manifest.files.items()
        if record.skipped and rel in current and rel not in reading
    ]
    return _Plan(
        manifest,
        fresh,
        to_read,
        removed,
        len(files) - len(to_read),
        [*skipped, *kept_skipped],
        corrections,
        dates,
        forced,
    )


def _correct(index_dir: Path, plan: _Plan) -> IndexReport:
    """Only the user's files changed, not what any document says: for entity corrections, merge
    the entities again and correct them; for dates, record the file (no document's date
    changed, or it would be read again); Whoosh and the documents' records are left as they
    are."""
    manifest = plan.manifest
    warnings = list(plan.dates.warnings)
    correcting = manifest.corrections != plan.corrections.digest
    manifest.corrections = plan.corrections.digest
    manifest.dates_digest = plan.dates.digest
    try:
        store = Transaction(index_dir, INDEX_VERSION, fresh=False)
        extracts = Extracts(store)
        try:
            if correcting:
                records = extracts.entity_records()
                warnings += plan.corrections.apply(extracts, resolved_entities(records))
            manifest.write(store)
            extracts.save(manifest.generation)
        except BaseException:
            extracts.abandon()
            raise
    except (OSError, sqlite3.Error) as error:
        raise _storage_error(index_dir, error) from error
    report = plan.report()
    return IndexReport(
        unchanged=report.unchanged,
        skipped=report.skipped,
        warnings=tuple(warnings),
        corrected=True,
    )


def _rebuild(index_dir: Path, plan: _Plan, progress: Progress | None, procs: int) -> IndexReport:
    """Build the whole index into a new directory beside ``index_dir``, then swap it in."""
    home = index_dir.resolve()  # a symlinked index folder: its target is the one swapped
    staging = _sibling(home, "building")
    try:
        staging.mkdir()
    except OSError:
        # No room beside it (a read-only parent): rebuild in place, under the lock as ever.
        return _write(index_dir, plan, progress, procs)
    try:
        report = _write(staging, plan, progress, procs, shown=index_dir)
        _swap(staging, home)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):
            raise StorageError(
                f"cannot write the index at {index_dir}: {error.strerror}"
            ) from error
        raise
    return report


def _write(
    target: Path,
    plan: _Plan,
    progress: Progress | None,
    procs: int,
    shown: Path | None = None,
) -> IndexReport:
    """Carry out ``plan`` on the index in ``target`` (created when the plan is fresh); the
    caller holds the lock. ``shown``: the index folder messages name (``target`` by default).
    Old records whose file is gone, or whose document id changed, are deleted before anything
    is added: a new document may take an id a deleted one had."""
    manifest, fresh, to_read = plan.manifest, plan.fresh, plan.to_read
    staged = fresh and shown is not None and shown != target  # a new index, in a folder of its own
    shown = shown or target
    skipped = list(plan.skipped)
    unchanged = plan.unchanged
    ix = open_or_create(target, fresh)
    writer = _open_writer(ix, shown, procs)
    store = Transaction(target, INDEX_VERSION, fresh, journal=not staged)
    extracts = Extracts(store)
    dated_with = extracts.anchors_as_committed()  # what the undated documents were dated with
    beside = _Beside(ix, writer, store)
    added = updated = 0
    warnings: list[str] = []
    decoded: list[Decoded] = []
    undated: list[Document] = []
    from index.reading.furniture import repeated_keys

    edges = extracts.edges()  # of the documents indexed: read once for both below
    # The repeated lines the indexed documents were read with.
    found_with = repeated_keys((title, keys) for _doc, title, keys in edges)
    repeated = found_with
    if to_read or plan.removed:
        repeated = _repeated_after(edges, manifest, plan)
    analyser = Analyser(len(to_read), repeated)
    prepared: set[str] = set()  # the documents this update reads
    try:
        retired: set[str] = set()  # files whose old record is already deleted
        for source in to_read:
            previous = manifest.files.get(source.rel)
            if previous is not None and previous.doc != source.doc:
                _retire(extracts, beside, previous)
                retired.add(source.rel)
        for rel in plan.removed:
            _retire(extracts, beside, manifest.files.pop(rel))
        for done, source in enumerate(to_read, start=1):
            if progress:
                progress(done - 1, len(to_read), source.rel)
            delete = _ignore if source.rel in retired else beside.delete
            forced = source.rel in plan.forced
            outcome, documents = _read_file(
                delete, manifest, source, skipped, warnings, plan.dates, forced
            )
            added += outcome == "added"
            updated += outcome == "updated"
            unchanged += outcome == "unchanged"
            if outcome == "skipped":
                extracts.drop(source.doc)
            ids = []
            for document in documents:  # a mailbox's are read one message at a time
                ids.append(document.doc)
                prepared.add(document.doc)
                if document.encoding is not None:
                    decoded.append(Decoded(source.rel, document.encoding))
                if len(document.text) > EXTRACT_CHARS:
                    part = f" ({document.doc})" if document.doc != source.doc else ""
                    warnings.append(
                        f"{source.rel}{part}: entities and dates read from the first "
                        f"{EXTRACT_CHARS:,} characters"
                    )
                if document.published is None:
                    undated.append(document)  # dated once the dated documents are known
                else:
                    _write_all(writer, extracts, beside, analyser.add(document, Anchors()))
            if ids and ids != [source.doc]:
                manifest.files[source.rel].parts = tuple(ids)
        if repeated != found_with:
            for document in _refurnished(extracts, beside, found_with ^ repeated, prepared):
                if document.published is None:
                    undated.append(document)
                else:
                    _write_all(writer, extracts, beside, analyser.add(document, Anchors()))
        _write_all(writer, extracts, beside, analyser.drain())
        anchors = extracts.anchors()
        extracts.keep_anchors(anchors)
        if anchors != dated_with:
            reading = {document.doc for document in undated}
            undated += _redated(extracts, beside, anchors, reading)
        for document in undated:
            _write_all(writer, extracts, beside, analyser.add(document, anchors))
        _write_all(writer, extracts, beside, analyser.drain())
        beside.close()
        if progress:
            progress(len(to_read), len(to_read), "")
        corrections = plan.corrections
        # The merged entities stay when no document's entities changed (nor the corrections).
        merging = store.entities_changed or bool(corrections.edits)
        merging = merging or manifest.corrections != corrections.digest
        # Around the names an update changed, when there are few and no corrections to apply;
        # over the whole collection otherwise, in a worker while Whoosh commits.
        changed = store.changed_keys() if merging and not store.fresh else set()
        around = merging and _around(store, changed, corrections, manifest.corrections)
        # A new index built by workers: they resolve, store and print its entities while
        # Whoosh commits (a quarter of a build's time, on one core). Its database is then
        # written in two transactions, a folder nothing reads until the swap.
        handed = staged and analyser.pool is not None
        if handed:
            store.count_words(beside.words)
            records = extracts.entity_records()
            store.hand_over()
            finishing = analyser.finish(target, records, corrections)
        elif merging and not around:
            resolving = analyser.resolve(extracts.entity_records())
        writer.commit()
        manifest.generation = ix.latest_generation()
        if not handed:
            store.count_words(beside.words)
        if handed:
            warnings += finishing()
            extracts = Extracts.writing(target, INDEX_VERSION, fresh=False)  # the manifest's
            assert isinstance(extracts.source, Transaction)
            store = extracts.source
        elif around:
            extracts.update_entities(changed)
            warnings += corrections.warnings
        elif merging:
            warnings += corrections.apply(extracts, resolving())
            extracts.index_names(None if store.fresh else changed)
        else:
            warnings += corrections.warnings
        manifest.corrections = plan.corrections.digest
        manifest.dates = plan.dates.values()
        manifest.dates_digest = plan.dates.digest
        warnings += plan.dates.warnings
    except BaseException as error:
        beside.close()
        analyser.stop()
        _abandon(writer)
        extracts.abandon()
        if isinstance(error, (OSError, sqlite3.Error)):
            raise _storage_error(shown, error) from error
        raise
    analyser.close()
    try:
        try:
            manifest.write(store)
            extracts.save(manifest.generation)
        except BaseException:
            extracts.abandon()
            raise
        with contextlib.suppress(OSError):  # the manifest file of an earlier index
            (target / LEGACY_MANIFEST).unlink(missing_ok=True)
    except (OSError, sqlite3.Error) as error:
        raise _storage_error(shown, error) from error
    return IndexReport(
        added,
        updated,
        len(plan.removed),
        unchanged,
        tuple(skipped),
        tuple(warnings),
        decoded=tuple(decoded),
    )


AROUND_KEYS = 2000
"""An update that changes more document entities than this resolves aliases over the whole
collection: as fast, then, as around each."""


def _around(store: Transaction, changed: set[str], corrections: Corrections, recorded: str) -> bool:
    """Whether an update resolves aliases only around the names it changed: an index kept
    before (not new), and no corrections of the user's to apply (nor any changed)."""
    if store.fresh or corrections.edits or recorded != corrections.digest:
        return False
    return len(changed) <= AROUND_KEYS


def _redated(
    extracts: Extracts, beside: _Beside, anchors: Anchors, reading: set[str]
) -> list[Document]:
    """The undated documents already indexed (``reading``: those this update reads) that the
    collection's new ``anchors`` date otherwise: their records deleted, to be indexed again
    as a clean build would. Their dates are worked out again from their stored text."""
    from index.storage.extracts import dated_document

    again = []
    for doc in extracts.undated():
        extract = extracts.doc(doc)
        if extract is None or not extract.anchored:
            continue  # no date of its text takes a year from the collection
        stored = None if doc in reading else beside.stored_undated(doc)
        if stored is None:
            continue
        redated, dates, _ = dated_document(stored, anchors)
        if (redated.published, redated.published_confidence, redated.published_hint, dates) != (
            extract.published,
            extract.confidence,
            extract.suggestion,
            extract.dates,
        ):
            beside.delete(doc)
            again.append(stored)
    return again


def _repeated_after(
    indexed: list[tuple[str, str, list[str]]], manifest: Manifest, plan: _Plan
) -> frozenset[str]:
    """The lines the collection will repeat once this update is done, as a clean build would
    find them: from the documents indexed that it keeps (``indexed``: their doc, title and edge
    keys, ``Extracts.edges``) and a first reading of the files it reads (PDFs aside: their
    running heads are found within each). The files are read again to be indexed: one that
    changes or vanishes meanwhile is indexed as it is then."""
    from index.reading.furniture import edge_keys

    replaced: set[str] = set()
    for rel in [source.rel for source in plan.to_read] + list(plan.removed):
        record = manifest.files.get(rel)
        if record is not None:
            replaced.update(record.ids)
    entries = [(title, edges) for doc, title, edges in indexed if doc not in replaced]
    for source in plan.to_read:
        if source.rel.lower().endswith(".pdf"):
            continue
        try:
            for document in read_file(source, dated=False).documents:  # a mailbox's one by one
                entries.append((document.title, edge_keys(document.text)))
        except SkipFile:
            continue
    from index.reading.furniture import repeated_keys

    return repeated_keys(entries)


def _refurnished(
    extracts: Extracts, beside: _Beside, changed: frozenset[str], prepared: set[str]
) -> list[Document]:
    """The documents already indexed (``prepared``: those this update read aside) that hold a
    line whose repetition changed (``changed``): their records deleted, to be indexed again as
    they were read, so their furniture is what a clean build finds."""
    again = []
    for doc, _title, edges in extracts.edges():
        if doc in prepared or not changed.intersection(edges):
            continue
        stored = beside.stored(doc)
        if stored is None:
            continue
        beside.delete(doc)
        extracts.drop(doc)
        again.append(stored)
    return again


def _retire(extracts: Extracts, beside: _Beside, record: FileRecord) -> None:
    """Delete what the index holds of a file's old record."""
    extracts.drop(record.doc)
    for doc in record.ids:
        extracts.drop(doc)
        beside.delete(doc)


def _ignore(doc: str) -> None:
    """The delete of a record already retired."""


def _changed(record: FileRecord | None, source: SourceFile) -> bool:
    return (
        record is None
        or record.doc != source.doc
        or record.size != source.size
        or record.mtime_ns != source.mtime_ns
    )


def _write_all(writer: Any, extracts: Extracts, beside: _Beside, prepared: list[Prepared]) -> None:
    for ready in prepared:
        extracts.put(ready.extract)
        beside.added(ready.document, ready.words)
        for fields in document_records(ready.document, ready.extract, ready.analysed):
            writer.add_document(**fields)


@dataclass(slots=True)
class Prepared:
    """A document ready to write: what extraction found, its text fields analysed, its words.
    Made in an extraction worker for large updates: the writing process is the bottleneck."""

    document: Document
    extract: DocExtract
    analysed: dict[str, Analysed]
    words: list[str]


def prepare(
    document: Document, anchors: Anchors, repeated: frozenset[str] = frozenset()
) -> Prepared:
    """A document's furniture found (``repeated``: the lines the collection repeats), its
    entities and dates extracted, its fields analysed."""
    from index.engine.schema import analysed
    from index.reading.furniture import furniture_spans

    document = replace(document, furniture=furniture_spans(document.text, document.pages, repeated))
    document, extract = analyse(document, anchors)
    texts = {
        "title": document.title,
        "body": document.text,
        "exact": exact_text(document.title, document.text),
        "exact_title": document.title,
        **extraction_fields(extract),
    }
    if document.author:
        texts["author"] = document.author
    texts.update(mail_fields(document))
    fields = {name: analysed(name, text) for name, text in texts.items()}
    return Prepared(document, extract, fields, list(words_of(document.text)))


def exact_text(title: str, text: str) -> str:
    """What the exact field holds: the text, with the title before it when the text does not
    begin with it (a title from front matter or metadata), so a quoted title phrase matches."""
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n\n{text}"


PARALLEL_FROM = 64
"""Updates of this many documents or more extract in worker processes (one per core)."""
BATCH = 128
AHEAD = 2
"""Batches the workers may be given before the writer waits for the oldest: enough that a slow
batch on either side does not leave the other idle, few enough to hold little in memory."""


class Analyser:
    """Extraction for an update: in this process for a few documents; for many, in a pool of
    worker processes, a batch ahead of the writer (which keeps this process busy meanwhile)."""

    def __init__(self, count: int, repeated: frozenset[str] = frozenset()) -> None:
        self.pool: Any = None
        self.repeated = repeated
        """The lines the collection repeats (their keys): furniture in every document."""
        self.waiting: list[_Job] = []
        self.running: list[list[tuple[list[_Job], Any]]] = []
        """The batches queued, oldest first: each a list of (jobs, their future)."""
        cores = os.cpu_count() or 1
        if count >= PARALLEL_FROM and cores > 1:
            from index.workers import pool, submit

            workers = min(cores, 4)
            self.pool = pool(workers)
            for _ in range(workers):  # started now, ready when the first batch is read
                submit(self.pool, _warm)

    def add(self, document: Document, anchors: Anchors) -> list[Prepared]:
        """Queue a document; returns the documents whose extraction is done."""
        if self.pool is None:
            return [prepare(document, anchors, self.repeated)]
        self.waiting.append((document, anchors, self.repeated))
        if len(self.waiting) < BATCH:
            return []
        return self._submit()

    def drain(self) -> list[Prepared]:
        if self.pool is None:
            return []
        done = self._submit()
        done += self._collect()
        return done

    def _submit(self) -> list[Prepared]:
        """Queue the waiting documents; when more than ``AHEAD`` batches are then queued,
        wait for the oldest. The workers go straight on to the next batch when they finish
        one, while the writer writes the one before (neither waits for the other's pace
        batch by batch)."""
        chunk = max(1, len(self.waiting) // 8)
        from index.workers import submit

        self.running.append(
            [
                (jobs, submit(self.pool, _analyse_batch, jobs))
                for jobs in (
                    self.waiting[i : i + chunk] for i in range(0, len(self.waiting), chunk)
                )
            ]
        )
        self.waiting = []
        if len(self.running) <= AHEAD:
            return []
        return _received(self.running.pop(0))

    def _collect(self) -> list[Prepared]:
        done = [ready for batch in self.running for ready in _received(batch)]
        self.running = []
        return done

    def finish(
        self, index_dir: Path, records: list[Any], corrections: Corrections
    ) -> Callable[[], list[str]]:
        """Resolve, store and print the entities of the new index in ``index_dir`` in a worker
        (``finish_entities``). Returns the function that waits for it: the warnings."""
        from index.workers import submit

        waiting: Callable[[], list[str]] = submit(
            self.pool, finish_entities, index_dir, records, corrections
        ).result
        return waiting

    def resolve(self, records: list[Any]) -> Callable[[], list[dict[str, Any]]]:
        """Merge the entities' aliases: in a worker when there are workers (the writing
        process commits meanwhile). Returns the function that waits for the result."""
        if self.pool is None:
            entities = resolved_entities(records)
            return lambda: entities
        from index.workers import submit

        waiting: Callable[[], list[dict[str, Any]]] = submit(
            self.pool, resolved_entities, records
        ).result
        return waiting

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def stop(self) -> None:
        """Close at once (an error, Ctrl-C): the workers are killed, not waited for."""
        if self.pool is not None:
            from index.workers import stop

            stop(self.pool)
            self.pool = None


def finish_entities(index_dir: Path, records: list[Any], corrections: Corrections) -> list[str]:
    """The merged entities of a new index whose documents' rows are committed
    (``Transaction.hand_over``): resolved from ``records``, corrected, written with their
    lookups and printed forms, and the query indexes made, in one transaction. The warnings
    of the corrections."""
    store = Transaction(index_dir, INDEX_VERSION, fresh=False, journal=False)
    extracts = Extracts(store)
    try:
        warnings = corrections.apply(extracts, resolved_entities(records))
        extracts.index_names(None)
        extracts.save(None)
    except BaseException:
        extracts.abandon()
        raise
    return warnings


def _warm() -> None:
    """In a worker as the pool starts: extraction's modules imported and what it loads on first
    use loaded (the lexicon, the knowledge base, the patterns), while the writer reads the first
    batch of files (half a second of each worker's start, otherwise spent on it)."""
    text = "Ana Ruiz of the Lima Workers' Union spoke in Cusco on 3 May 2021, a Monday."
    prepare(Document("", "", "", None, None, "none", None, None, text), Anchors())


_Job = tuple[Document, Anchors, frozenset[str]]

CHANGED = ("furniture", "published", "published_basis", "published_confidence", "published_hint")
"""What preparing a document may change of it (``prepare``): all a worker sends back of the
document, whose text the writer has (a sixth of what it would otherwise receive)."""


@dataclass(slots=True)
class _Sent:
    """A prepared document as a worker sends it back: the values of ``CHANGED`` and the rest
    of its ``Prepared``; the writer puts the document together again from its own copy."""

    changes: tuple[Any, ...]
    extract: DocExtract
    analysed: dict[str, Analysed]
    words: list[str]


def _analyse_batch(jobs: list[_Job]) -> list[Prepared | _Sent]:
    """Prepare the documents of a batch; each sent back as ``_Sent``, or whole if preparing it
    changed anything of the document but ``CHANGED``."""
    sent: list[Prepared | _Sent] = []
    for job in jobs:
        ready = prepare(*job)
        changes = tuple(getattr(ready.document, name) for name in CHANGED)
        if _with_changes(job[0], changes) != ready.document:
            sent.append(ready)
        else:
            sent.append(_Sent(changes, ready.extract, ready.analysed, ready.words))
    return sent


def _with_changes(document: Document, changes: tuple[Any, ...]) -> Document:
    return replace(document, **dict(zip(CHANGED, changes, strict=True)))


def _received(batch: list[tuple[list[_Job], Any]]) -> list[Prepared]:
    """The documents of a batch prepared, put together again (``_analyse_batch``)."""
    done = []
    for jobs, future in batch:
        for job, sent in zip(jobs, future.result(), strict=True):
            if isinstance(sent, _Sent):
                sent = Prepared(
                    _with_changes(job[0], sent.changes), sent.extract, sent.analysed, sent.words
                )
            done.append(sent)
    return done


class _Beside:
    """What an update keeps beside the index, the vocabulary and the document list, in step
    with the records it adds and deletes. A deleted document's words are read back from the text
    the index stored (its file may have changed or gone)."""

    def __init__(self, ix: Any, writer: Any, store: Transaction) -> None:
        self.ix = ix
        self.writer = writer
        self.store = store
        self.words = WordChanges()
        self.searcher: Any = None

    def added(self, document: Document, words: list[str]) -> None:
        self.words.add_words(words)
        self.store.list_document(list_row(document))

    def _searcher(self) -> Any:
        if self.searcher is None:
            self.searcher = self.ix.searcher()
        return self.searcher

    def stored(self, doc: str) -> Document | None:
        """An indexed document as it was read: an inferred date (or an undated one's hint) is
        the collection's, taken off (it is worked out again)."""
        fields = self._searcher().document(doc=doc)
        if fields is None:
            return None
        document = document_of_record(fields)
        if document.published_basis in ("inferred", "none"):
            return self.stored_undated(doc)
        return document

    def stored_undated(self, doc: str) -> Document | None:
        """An indexed document that states no date, as it was read (before it was dated)."""
        fields = self._searcher().document(doc=doc)
        if fields is None:
            return None
        return replace(
            document_of_record(fields),
            published=None,
            published_basis="none",
            published_confidence=None,
            published_hint=None,
        )

    def delete(self, doc: str) -> None:
        stored = self._searcher().document(doc=doc)
        if stored is not None:
            self.words.remove(stored.get("text", ""))
        self.store.unlist_document(doc)
        self.writer.delete_by_term("doc", doc)

    def close(self) -> None:
        if self.searcher is not None:
            self.searcher.close()
            self.searcher = None


def _read_file(
    delete: Callable[[str], None],
    manifest: Manifest,
    source: SourceFile,
    skipped: list[Skipped],
    warnings: list[str],
    dates: DateOverrides,
    forced: bool = False,
) -> tuple[str, Iterator[Document]]:
    """Read one new or changed file (``forced``: one that is indexed again as it is); its old
    records are deleted when it has to be re-indexed. Returns the outcome and the documents to
    index (none when skipped or unchanged), each with the user's date when there is one; the
    caller records the ids of a file's documents when they are more than its own."""
    record = manifest.files.get(source.rel)
    try:
        reading = read_file(source)
    except SkipFile as reason:
        for doc in record.ids if record else ():
            delete(doc)
        manifest.files[source.rel] = FileRecord(
            source.doc, source.size, source.mtime_ns, "", str(reason)
        )
        skipped.append(Skipped(source.rel, str(reason)))
        return "skipped", iter(())
    new_record = FileRecord(source.doc, source.size, source.mtime_ns, reading.digest)
    manifest.files[source.rel] = new_record
    if (
        record
        and not forced
        and not record.skipped
        and record.sha256 == reading.digest
        and record.doc == source.doc
    ):
        new_record.parts = record.parts
        return "unchanged", iter(())
    for doc in record.ids if record else ():
        delete(doc)
    documents = map(dates.apply, _reported(reading.documents, reading.warnings, warnings))
    return ("updated" if record and not record.skipped else "added"), documents


def _reported(
    documents: Iterator[Document], read: list[str], warnings: list[str]
) -> Iterator[Document]:
    """The documents, and the warnings of reading them passed on as they are read."""
    passed = 0
    for document in documents:
        warnings.extend(read[passed:])
        passed = len(read)
        yield document
    warnings.extend(read[passed:])


LOCK_FILE = "MAIN_WRITELOCK"
"""The write lock: the file Whoosh's own writer locks, so any Whoosh writer waits for it too."""


class WriteLock:
    """The index's write lock, held by this process (and named in the pid file beside it)."""

    def __init__(self, index_dir: Path, lock: Any) -> None:
        self.index_dir = index_dir
        self.lock = lock

    def release(self) -> None:
        _release(self.index_dir)
        with contextlib.suppress(Exception):
            self.lock.release()


def _lock(index_dir: Path, lock_wait: float) -> WriteLock:
    """Take the write lock of ``index_dir`` (made if missing), waiting up to ``lock_wait``
    seconds; IndexBusyError when another process keeps it. What killed rebuilds left beside
    the index is cleared once the lock is held."""
    from whoosh.util.filelock import FileLock, try_for

    try:
        _restore(index_dir)
        index_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(index_dir / LOCK_FILE))
        locked = try_for(lock.acquire, timeout=lock_wait, delay=0.1)
    except PermissionError as error:
        raise StorageError(f"cannot write the index at {index_dir}: permission denied") from error
    except OSError as error:
        raise StorageError(f"cannot write the index at {index_dir}: {error.strerror}") from error
    if not locked:
        raise IndexBusyError(
            f"the index at {index_dir} is being written by {_holder(index_dir)}; "
            "try again when it finishes"
        )
    with contextlib.suppress(OSError):
        (index_dir / PID_FILE).write_text(str(os.getpid()), encoding="ascii")
    home = index_dir.resolve()
    with contextlib.suppress(OSError):
        for left in home.parent.glob(f".{glob.escape(home.name)}.*-*"):
            if left.name.rsplit("-", 1)[0] in _sibling_kinds(home):
                shutil.rmtree(left, ignore_errors=True)
    return WriteLock(index_dir, lock)


STAGING_KINDS = ("building", "old")


def _restore(index_dir: Path) -> None:
    """Where a swap by two renames was killed between them, put the old index back."""
    if index_dir.exists() or index_dir.is_symlink():
        return
    home = index_dir.resolve()
    olds = sorted(home.parent.glob(f".{glob.escape(home.name)}.old-*"), key=os.path.getmtime)
    if olds:
        os.rename(olds[-1], home)


def _sibling_kinds(home: Path) -> set[str]:
    return {f".{home.name}.{kind}" for kind in STAGING_KINDS}


def _sibling(home: Path, kind: str) -> Path:
    """A directory beside the index for a rebuild: hidden (a corpus scan passes it by) and
    named by this process."""
    return home.with_name(f".{home.name}.{kind}-{os.getpid()}")


def _swap(staging: Path, home: Path) -> None:
    """Put the index built in ``staging`` in place of ``home``: in one step where the system
    can exchange two directories, else by two renames; the old index is then deleted."""
    if _exchange(staging, home):
        old = staging
    else:
        old = _sibling(home, "old")
        os.rename(home, old)
        os.rename(staging, home)
    _sync_dir(home.parent)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Exchange two directories atomically (Linux renameat2 RENAME_EXCHANGE); False where the
    system or the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _sync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _open_writer(ix: Any, index_dir: Path, procs: int = 1) -> Any:
    """A writer on ``ix`` for a caller that holds the lock (Whoosh does not lock again)."""
    # compound=False: a compound segment is read by copying each part into memory (190 MB
    # of postings at 10,000 documents, for every search); separate files are read in place.
    try:
        if procs > 1:
            from index.workers import tied_writer_tasks

            return tied_writer_tasks(
                ix.writer(
                    procs=procs,
                    multisegment=True,
                    compound=False,
                    _lk=False,
                    subargs={"compound": False},
                )
            )
        from index.engine.bulk import tune

        return tune(ix.writer(compound=False, _lk=False))
    except OSError as error:
        raise StorageError(f"cannot write the index at {index_dir}: {error.strerror}") from error


def _writer(ix: Any, index_dir: Path, lock_wait: float, procs: int = 1) -> Any:
    """A writer holding the lock itself (released at its commit or cancel)."""
    lock = _lock(index_dir, lock_wait)
    try:
        writer = _open_writer(ix, index_dir, procs)
    except BaseException:
        lock.release()
        raise
    writer.writelock = lock  # released by the writer's commit or cancel, as its own would be
    return writer


def _abandon(writer: Any) -> None:
    """Cancel a failed write; even when cancelling fails too (a full disk), free the lock."""
    from index.workers import kill_writer_tasks

    kill_writer_tasks(writer)  # first: the cancel deletes the batches they read
    with contextlib.suppress(Exception):  # the first error is the one to report
        writer.cancel()
    lock = getattr(writer, "writelock", None)
    if lock is not None:
        with contextlib.suppress(Exception):
            lock.release()


def _holder(index_dir: Path) -> str:
    try:
        return f"process {int((index_dir / PID_FILE).read_text(encoding='ascii'))}"
    except (OSError, ValueError):
        return "another process"


def _release(index_dir: Path) -> None:
    with contextlib.suppress(OSError):
        (index_dir / PID_FILE).unlink()
