"""The SQLite database beside the Whoosh index: what extraction found in each document (its
entities and their mentions, its dates), the collection's merged entities and the lookup of
their names, the manifest (``files``: each indexed file's size, mtime and content hash), and in
``meta`` the index version, the Whoosh generation it matches and what the manifest records of
the whole index (``index.storage.store.Manifest``).

One module owns it: the schema, the connections (one per thread: a reader's workers query it
side by side; WAL mode lets them read while a writer writes), the writes of an update and the
rows read back. An update is one transaction: the changed documents' rows deleted and inserted
again, the merged entities replaced, then committed after Whoosh's commit; a writer killed before
leaves the last committed state, and one killed between the two commits leaves the database a
generation behind Whoosh (``generation``), which the next update rebuilds.

The queries over these tables (entity lists, co-mentions, timelines) are in
``index.storage.extracts``. What ``quipu entities --json`` and ``quipu timeline --json`` print
of the whole collection is kept printed: each entity's JSON (``entities.printed``, made again by
an update for the entities whose documents it rewrote) and each document's placed dates
(``documents.placed``), so those commands read a row per entity or document instead of every
mention (10,000 documents: 615,000 entity mentions, 229,000 dates).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

DATABASE = "quipu.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc TEXT PRIMARY KEY, title TEXT NOT NULL, published TEXT, basis TEXT NOT NULL,
    confidence REAL, suggestion TEXT, anchored INTEGER NOT NULL, passages TEXT NOT NULL,
    edges TEXT NOT NULL, placed TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS local_entities (
    doc TEXT NOT NULL, key TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
    scores TEXT NOT NULL, aliases TEXT NOT NULL, mentions INTEGER NOT NULL,
    PRIMARY KEY (doc, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mentions (
    doc TEXT NOT NULL, key TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, passage INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_by_entity ON mentions (doc, key);
CREATE TABLE IF NOT EXISTS dates (
    doc TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    value TEXT NOT NULL, granularity TEXT NOT NULL, sentence TEXT NOT NULL,
    future INTEGER NOT NULL, first_day TEXT NOT NULL, last_day TEXT NOT NULL,
    passage INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS dates_by_doc ON dates (doc);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY, position INTEGER NOT NULL, digest TEXT NOT NULL, name TEXT NOT NULL,
    type TEXT NOT NULL, aliases TEXT NOT NULL, keys TEXT NOT NULL, folded TEXT NOT NULL,
    total INTEGER NOT NULL DEFAULT 0, printed TEXT, weight INTEGER NOT NULL DEFAULT 0,
    root TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS members (
    entity INTEGER NOT NULL, position INTEGER NOT NULL, doc TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS members_by_entity ON members (entity);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, entity INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS names_by_entity ON names (entity);
CREATE TABLE IF NOT EXISTS name_terms (
    term TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (term, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS word_variants (
    variant TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (variant, word)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vocabulary (
    word TEXT PRIMARY KEY, documents INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS document_list (
    doc TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, author TEXT, published TEXT,
    basis TEXT NOT NULL, source TEXT, words INTEGER NOT NULL, parent TEXT);
CREATE TABLE IF NOT EXISTS files (
    rel TEXT PRIMARY KEY, doc TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL, skipped TEXT NOT NULL, parts TEXT NOT NULL) WITHOUT ROWID;
"""

QUERY_INDEXES = """
CREATE INDEX IF NOT EXISTS mentions_by_passage ON mentions (doc, passage);
CREATE INDEX IF NOT EXISTS dates_by_day ON dates (first_day, last_day, granularity, value, doc);
CREATE INDEX IF NOT EXISTS entities_by_type ON entities (type);
CREATE INDEX IF NOT EXISTS members_by_local ON members (doc, key);
CREATE INDEX IF NOT EXISTS names_by_key ON names (key);
CREATE INDEX IF NOT EXISTS entities_by_position ON entities (position);
CREATE INDEX IF NOT EXISTS dates_unplaced ON dates (doc) WHERE value = '';
CREATE INDEX IF NOT EXISTS entities_by_count ON entities (total DESC, name, position);
CREATE INDEX IF NOT EXISTS members_by_key ON members (key);
CREATE INDEX IF NOT EXISTS local_entities_by_key ON local_entities (key);
"""
"""The indexes the queries use (not the writes): made after the rows of a new database, which
is faster than keeping them up to date row by row. ``dates_by_day`` holds every column the
timeline's buckets and ``docs_mentioning`` read (no row is read: 0.4 s -> 0.04 s at 10,000
documents); ``dates_unplaced`` finds the relative dates no day is given without a scan;
``entities_by_count`` gives the printed entities in their order without sorting them."""

PER_DOCUMENT = ("documents", "local_entities", "mentions", "dates", "members")
"""The tables with a row per document (or more): what replacing a document replaces."""


@dataclass(frozen=True, slots=True)
class MergedEntity:
    """One of the collection's merged entities as stored: its number (kept from update to
    update while it stays the same), name, type, aliases and members (document, local key)."""

    number: int
    name: str
    type: str
    aliases: tuple[str, ...]
    members: tuple[tuple[str, str], ...]
    weight: int = 0
    """Its documents' mentions, as alias resolution counts them: with ``name`` and ``root``,
    its place in the order of the entities."""
    root: str = ""
    """The key of the name alias resolution merged the others into."""


class _Connection(sqlite3.Connection):
    """A connection that stores strings SQLite cannot take as text (file names with undecodable
    bytes, kept as lone surrogates) as their bytes, and gives them back as they were. The
    conversion back costs a call per row, so it is made only on a database that holds such a
    string (``escaped``, recorded in ``meta``)."""

    escaped = False

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return super().execute(sql, self._bindable(parameters))

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        rows = parameters if isinstance(parameters, list) else list(parameters)
        if rows and type(rows[0]) is not dict and _plain(rows):
            return super().executemany(sql, rows)
        return super().executemany(sql, (self._bindable(row) for row in rows))

    def _bindable(self, parameters: Any) -> Any:
        if isinstance(parameters, dict):
            return {key: self._value(value) for key, value in parameters.items()}
        return tuple(self._value(value) for value in parameters)

    def _value(self, value: Any) -> Any:
        if type(value) is not str or value.isascii():
            return value
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            self.read_escaped()
            return value.encode("utf-8", "surrogateescape")
        return value

    def read_escaped(self) -> None:
        """Give the strings stored as bytes back as strings, from now on."""
        self.escaped = True
        self.row_factory = _unescaped


def _plain(rows: list[Any]) -> bool:
    """Whether every string in these rows (sequences of values) is one SQLite takes as text:
    checked in one go, not value by value (a build writes a million mentions)."""
    text = "".join([value for value in chain.from_iterable(rows) if type(value) is str])
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unescaped(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(
        value.decode("utf-8", "surrogateescape") if type(value) is bytes else value for value in row
    )


def _connect(path: Path, create: bool) -> _Connection:
    """A connection in autocommit mode (transactions are begun explicitly); without ``create``,
    sqlite3.OperationalError when the file is missing."""
    mode = "rwc" if create else "rw"
    uri = f"file:{_url_path(path)}?mode={mode}"
    connection = sqlite3.connect(
        uri, uri=True, isolation_level=None, check_same_thread=True, factory=_Connection
    )
    assert isinstance(connection, _Connection)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    with contextlib.suppress(sqlite3.Error):
        found = connection.execute("SELECT value FROM meta WHERE key = 'escaped'").fetchone()
        if found is not None:
            connection.read_escaped()
    return connection


def _url_path(path: Path) -> str:
    """The path as a file: URI writes it: its bytes quoted (``urllib.request.pathname2url``
    there, but importing urllib.request loads http.client, email and ssl: 50-160 ms of a
    command's start, more than its query)."""
    if os.name == "nt":
        from nturl2path import pathname2url

        return str(pathname2url(os.fsdecode(path)))
    from urllib.parse import quote_from_bytes

    return quote_from_bytes(os.fsencode(path))


def _wanted(connection: sqlite3.Connection, docs: Iterable[str]) -> sqlite3.Connection:
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (doc TEXT PRIMARY KEY)")
    connection.execute("DELETE FROM temp.wanted")
    connection.executemany("INSERT OR IGNORE INTO temp.wanted VALUES (?)", ((d,) for d in docs))
    return connection


class Database:
    """The database of one index folder, read by any number of threads (a connection each, made
    again when the file has been replaced by a rebuild)."""

    def __init__(self, index_dir: Path, version: int) -> None:
        self.path = index_dir / DATABASE
        self.version = version
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection | None:
        """This thread's connection to the database as it is now; None when there is none of
        this index version."""
        try:
            inode = os.stat(self.path).st_ino
        except OSError:
            return None
        known = getattr(self._local, "open", None)
        if known is not None and known[0] == inode:
            return known[1]  # type: ignore[no-any-return]
        if known is not None:
            known[1].close()
            self._local.open = None
        try:
            connection = _connect(self.path, create=False)
            row = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.Error:
            return None
        if row is None or row[0] != str(self.version):
            connection.close()
            return None
        self._local.open = (inode, connection)
        return connection

    def rows(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        """The rows of a query (none when there is no database)."""
        connection = self._connection()
        if connection is None:
            return []
        try:
            return connection.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError:
            return []

    def with_docs(self, docs: Iterable[str]) -> sqlite3.Connection | None:
        """This thread's connection with ``temp.wanted`` holding ``docs``, for a query to join
        (filled again only when they are not the documents it holds: the reader asks for one
        query's timeline buckets a cursor move at a time, 7,000 documents each at 10,000)."""
        connection = self._connection()
        if connection is None:
            return None
        wanted = frozenset(docs)
        if getattr(self._local, "wanted", None) != (connection, wanted):
            self._local.wanted = None  # forgotten first: a failure leaves it unknown
            _wanted(connection, wanted)
            self._local.wanted = (connection, wanted)
        return connection

    def connection_now(self) -> sqlite3.Connection | None:
        """This thread's connection (None when there is no database), for a query read a row
        at a time."""
        return self._connection()

    def exists(self) -> bool:
        """Whether there is a database of this index version."""
        return self._connection() is not None

    def meta(self, key: str) -> str | None:
        found = self.rows("SELECT value FROM meta WHERE key = ?", (key,))
        return str(found[0][0]) if found else None

    def inode(self) -> int | None:
        """The database file's inode (a rebuild puts a new file in place); None: no file."""
        try:
            return os.stat(self.path).st_ino
        except OSError:
            return None

    def close(self) -> None:
        known = getattr(self._local, "open", None)
        if known is not None:
            known[1].close()
            self._local.open = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _digest(entity: MergedEntity) -> str:
    """What tells an entity from another: its name, type, aliases and members, hashed (their
    repr: strings and tuples of them, written unambiguously, faster than JSON)."""
    text = repr((entity.name, entity.type, entity.aliases, entity.members))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Transaction:
    """The one write of an update: begun when the update starts (under the index's write lock),
    committed after Whoosh's commit, rolled back on any error (and by a kill: SQLite's journal)."""

    def __init__(self, index_dir: Path, version: int, fresh: bool, journal: bool = True) -> None:
        self.path = index_dir / DATABASE
        self.connection = _connect(self.path, create=True)
        if not journal:
            # A new index in a folder of its own (thrown away whole when its build fails):
            # written without a journal, not twice (WAL, then its checkpoint into the file).
            # Put back in WAL mode once committed (``_close``), before anything reads it.
            self.connection.execute("PRAGMA journal_mode=OFF")
            self.connection.execute("PRAGMA synchronous=OFF")
        self.journal = journal
        self.connection.execute("BEGIN IMMEDIATE")
        found = None
        with contextlib.suppress(sqlite3.OperationalError):  # no meta table: a new file
            found = self.connection.execute(
                "SELECT value FROM meta WHERE key = 'version'"
            ).fetchone()
        if found is not None and found[0] != str(version):  # another version's tables
            for (table,) in self.rows(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
            ):
                self.execute(f'DROP TABLE "{table}"')
        for statement in SCHEMA.split(";"):
            if statement.strip():
                self.execute(statement)
        self.fresh = fresh
        self.written: set[str] = set()
        """The documents whose rows this transaction wrote (in a new database, only those
        can have rows to delete)."""
        self._before: dict[str, list[tuple[Any, ...]]] = {}
        self._after: dict[str, list[tuple[Any, ...]]] = {}
        """The entities (local_entities rows) of each document this transaction rewrote, as
        they were and as they are: what ``entities_changed`` compares."""
        self.touched: set[str] = set()
        """The documents whose rows this transaction wrote or deleted."""
        self._mentions_before: dict[str, list[tuple[Any, ...]]] = {}
        self._mentions_after: dict[str, list[tuple[Any, ...]]] = {}
        """The mentions (key, start, end, text) of each document this transaction rewrote, as
        they were and as they are: the entities with a member whose mentions changed are
        printed again (``stale_entities``)."""
        if fresh or found is None or found[0] != str(version):
            self.fresh = True
            for statement in QUERY_INDEXES.strip().splitlines():
                name = statement.split()[5]  # CREATE INDEX IF NOT EXISTS <name> ON ...
                self.execute(f"DROP INDEX IF EXISTS {name}")
            for table in (
                *PER_DOCUMENT,
                "entities",
                "name_terms",
                "word_variants",
                "names",
                "vocabulary",
                "document_list",
                "files",
                "meta",
            ):
                self.connection.execute(f"DELETE FROM {table}")
        self.set_meta("version", str(version))

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, parameters)

    def rows(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        """The rows of a query, as this transaction has them so far."""
        return self.connection.execute(sql, parameters).fetchall()

    def connection_now(self) -> sqlite3.Connection | None:
        return self.connection

    def with_docs(self, docs: Iterable[str]) -> sqlite3.Connection | None:
        """The connection with ``temp.wanted`` holding ``docs`` (``Database.with_docs``)."""
        return _wanted(self.connection, docs)

    def set_meta(self, key: str, value: str) -> None:
        self.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def drop(self, doc: str) -> None:
        """Delete a document's rows (not its entities' membership: they are replaced whole)."""
        if self.fresh and doc not in self.written:
            return
        self.touched.add(doc)
        if not self.fresh and doc not in self._before:
            self._before[doc] = self.rows(
                "SELECT key, position, name, scores, aliases, mentions FROM local_entities "
                "WHERE doc = ? ORDER BY position",
                (doc,),
            )
        if not self.fresh and doc not in self._mentions_before:
            self._mentions_before[doc] = self.rows(
                "SELECT key, start, end, text FROM mentions WHERE doc = ? ORDER BY rowid", (doc,)
            )
        if not self.fresh:
            self._after[doc] = []
            self._mentions_after[doc] = []
        for table in ("documents", "local_entities", "mentions", "dates"):
            self.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))

    def put_document(self, row: Sequence[Any]) -> None:
        self.written.add(row[0])
        self.touched.add(row[0])
        self.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)

    def put_entities(self, doc: str, rows: list[tuple[Any, ...]]) -> None:
        """A document's entities: (key, position, name, scores, aliases, mentions) rows."""
        if not self.fresh:  # a new database's entities are all resolved: none compared
            self._after[doc] = rows
        self.connection.executemany(
            "INSERT INTO local_entities VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(doc, *row) for row in rows],
        )

    def put_mentions(self, doc: str, rows: list[tuple[Any, ...]]) -> None:
        """A document's mentions of its entities: (doc, key, start, end, text, passage) rows."""
        if not self.fresh:
            self._mentions_after[doc] = [row[1:5] for row in rows]
        self.connection.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)", rows)

    def _changed_mentions(self) -> list[tuple[str, str]]:
        """(doc, key) of each document entity whose mentions this transaction changed (moved,
        added, removed; all of a document deleted)."""
        changed = []
        for doc in self.touched:
            before: dict[str, list[tuple[Any, ...]]] = {}
            after: dict[str, list[tuple[Any, ...]]] = {}
            for rows, grouped in (
                (self._mentions_before.get(doc, []), before),
                (self._mentions_after.get(doc, []), after),
            ):
                for row in rows:
                    grouped.setdefault(row[0], []).append(row)
            keys = {*before, *after}
            changed += [(doc, key) for key in keys if before.get(key) != after.get(key)]
        return changed

    @property
    def entities_changed(self) -> bool:
        """Whether what alias resolution reads changed: a document's entities (their names,
        evidence, aliases, mention counts, order) differ from what they were, or the database
        is new. An edit that adds no name and drops none (a typo fixed, a sentence without
        names, a date) leaves the merged entities as they are."""
        if self.fresh:
            return True
        return any(self._before.get(doc, []) != after for doc, after in self._after.items())

    def put_many(self, table: str, rows: Iterable[Sequence[Any]], width: int) -> None:
        marks = ", ".join("?" * width)
        self.connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    def set_entities(
        self, entities: Sequence[MergedEntity], keys: Callable[[MergedEntity], Any]
    ) -> None:
        """Replace the merged entities (in the order alias resolution gave them), their members
        and the lookup of their names; ``keys(entity)``: its folded names, document keys and
        lookup keys. An entity the same as before (name, type, aliases and members) keeps its
        rows and number, and only moves: an update of a few documents rewrites the few
        entities they change, not the 300,000 members of 10,000 documents."""
        digests = [_digest(entity) for entity in entities]
        known: dict[str, list[tuple[int, int]]] = {}
        for number, digest, position in self.rows("SELECT id, digest, position FROM entities"):
            known.setdefault(digest, []).append((number, position))
        moved: list[tuple[int, int]] = []
        added: list[tuple[int, MergedEntity, str]] = []
        for position, (entity, digest) in enumerate(zip(entities, digests, strict=True)):
            same = known.get(digest)
            if same:
                number, was = same.pop()
                if was != position:
                    moved.append((position, number))
            else:
                added.append((position, entity, digest))
        gone = [(number,) for kept in known.values() for number, _ in kept]
        for table, column in (("entities", "id"), ("members", "entity"), ("names", "entity")):
            self.connection.executemany(f"DELETE FROM {table} WHERE {column} = ?", gone)
        self.connection.executemany("UPDATE entities SET position = ? WHERE id = ?", moved)
        first = int(self.rows("SELECT COALESCE(MAX(id), -1) + 1 FROM entities")[0][0])
        self._insert_entities(added, keys, first)

    def _insert_entities(
        self,
        added: list[tuple[int, MergedEntity, str]],
        keys: Callable[[MergedEntity], Any],
        first: int,
    ) -> None:
        """Insert entities, numbered from ``first``: (position, entity, digest) each."""
        rows, members, names = [], [], []
        for number, (position, entity, digest) in enumerate(added, start=first):
            folded, local_keys, lookup = keys(entity)
            rows.append(
                (
                    number,
                    position,
                    digest,
                    entity.name,
                    entity.type,
                    json.dumps(list(entity.aliases), ensure_ascii=False),
                    json.dumps(local_keys, ensure_ascii=False),
                    json.dumps(folded, ensure_ascii=False),
                    entity.weight,
                    entity.root,
                )
            )
            members += [(number, p, doc, key) for p, (doc, key) in enumerate(entity.members)]
            names += [(key, number) for key in lookup]
        self.connection.executemany(
            "INSERT INTO entities (id, position, digest, name, type, aliases, keys, folded, "
            "weight, root) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self.connection.executemany("INSERT INTO members VALUES (?, ?, ?, ?)", members)
        self.connection.executemany("INSERT INTO names VALUES (?, ?)", names)

    def replace_entities(
        self,
        gone: Iterable[int],
        entities: Sequence[MergedEntity],
        keys: Callable[[MergedEntity], Any],
    ) -> None:
        """Replace the entities numbered ``gone`` with ``entities`` (what alias resolution
        gave around the names an update changed), then give every entity its place in the
        order resolution gives them: most mentioned first, then by name and root key."""
        numbers = [(number,) for number in gone]
        for table, column in (("entities", "id"), ("members", "entity"), ("names", "entity")):
            self.connection.executemany(f"DELETE FROM {table} WHERE {column} = ?", numbers)
        first = int(self.rows("SELECT COALESCE(MAX(id), -1) + 1 FROM entities")[0][0])
        self._insert_entities([(-1, e, _digest(e)) for e in entities], keys, first)
        self.execute(
            "UPDATE entities SET position = r.place FROM (SELECT id, ROW_NUMBER() OVER "
            "(ORDER BY weight DESC, name, root) - 1 AS place FROM entities) AS r "
            "WHERE entities.id = r.id AND entities.position != r.place"
        )

    def changed_keys(self) -> set[str]:
        """The keys of the document entities this transaction changed (added, removed, their
        names, evidence or mentions changed)."""
        changed: set[str] = set()
        for doc, after in self._after.items():
            before = self._before.get(doc, [])
            if before != after:
                old = {row[0]: row[2:] for row in before}
                new = {row[0]: row[2:] for row in after}
                changed |= {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
        return changed

    def entities_with(self, key: str) -> dict[int, tuple[str, set[str]]]:
        """The entities (number -> their type and the keys they merge) that merge the document
        key ``key``."""
        found: dict[int, tuple[str, set[str]]] = {}
        for number, kind, member in self.rows(
            "SELECT m.entity, e.type, o.key FROM members m JOIN entities e ON e.id = m.entity "
            "JOIN members o ON o.entity = m.entity WHERE m.key = ?",
            (key,),
        ):
            found.setdefault(number, (kind, set()))[1].add(member)
        return found

    def add_name_terms(
        self, terms: Iterable[tuple[str, str]], variants: Iterable[tuple[str, str]]
    ) -> None:
        """What alias resolution finds names by (``index.extract.aliases.name_terms``)."""
        self.connection.executemany("INSERT OR IGNORE INTO name_terms VALUES (?, ?)", terms)
        self.connection.executemany("INSERT OR IGNORE INTO word_variants VALUES (?, ?)", variants)

    def stale_entities(self) -> list[int]:
        """The numbers of the entities whose printed form (``set_printed``) is missing or out
        of date: new ones, and those with a member whose mentions this transaction changed (an
        edit that moves no name, as one after a document's last name, reprints none)."""
        if self.touched and not self.fresh:
            self.execute("CREATE TEMP TABLE IF NOT EXISTS changed (doc TEXT, key TEXT)")
            self.execute("DELETE FROM temp.changed")
            self.connection.executemany(
                "INSERT INTO temp.changed VALUES (?, ?)", self._changed_mentions()
            )
            self.execute(
                "UPDATE entities SET printed = NULL WHERE id IN (SELECT m.entity FROM members m "
                "JOIN temp.changed c ON c.doc = m.doc AND c.key = m.key)"
            )
        return [n for (n,) in self.rows("SELECT id FROM entities WHERE printed IS NULL")]

    def set_printed(self, rows: Iterable[tuple[str, int, int]]) -> None:
        """Keep each entity's printed form (its JSON, as ``quipu entities --json`` prints it)
        and its number of mentions: (printed, total, number) rows. An entity with no member
        left is printed as ''."""
        self.connection.executemany("UPDATE entities SET printed = ?, total = ? WHERE id = ?", rows)
        self.execute("UPDATE entities SET printed = '' WHERE printed IS NULL")

    def count_words(self, changes: dict[str, int]) -> None:
        """Add to the number of documents using each word (negative: documents gone); a word
        no document uses any more is dropped."""
        self.connection.executemany(
            "INSERT INTO vocabulary VALUES (?, ?) "
            "ON CONFLICT (word) DO UPDATE SET documents = documents + excluded.documents",
            ((word, change) for word, change in changes.items() if change),
        )
        if any(change < 0 for change in changes.values()):
            self.execute("DELETE FROM vocabulary WHERE documents <= 0")

    def list_document(self, row: Sequence[Any]) -> None:
        """A document's row in the document list (doc, path, title, author, published, basis,
        source, words, parent)."""
        self.execute("INSERT OR REPLACE INTO document_list VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)

    def unlist_document(self, doc: str) -> None:
        self.execute("DELETE FROM document_list WHERE doc = ?", (doc,))

    def put_files(self, rows: Iterable[Sequence[Any]]) -> None:
        """The manifest's records of files (rel, doc, size, mtime_ns, sha256, skipped, parts)."""
        self.connection.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", rows
        )

    def drop_files(self, rels: Iterable[str]) -> None:
        self.connection.executemany("DELETE FROM files WHERE rel = ?", ((rel,) for rel in rels))

    def hand_over(self) -> None:
        """Commit the rows written so far and close, for another process to go on with the
        index (``index.build.finish_entities``). Only for a new index built in a folder of its
        own: nothing reads it before it is swapped in, and a build killed before is thrown
        away whole, so its database need not be written in one transaction. The Whoosh
        generation is not recorded: until it is, the database is out of step with Whoosh."""
        if self.connection.escaped:
            self.set_meta("escaped", "1")
        self.connection.execute("COMMIT")
        self._close()

    def _close(self) -> None:
        if not self.journal:
            self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.close()

    def commit(self, generation: int | None) -> None:
        """Commit, recording the Whoosh generation the database now matches and a new stamp
        (``meta.commit``: what a reader compares to tell that the index changed)."""
        self.set_meta("commit", os.urandom(8).hex())
        if generation is not None:
            self.set_meta("generation", str(generation))
        if self.connection.escaped:
            self.set_meta("escaped", "1")
        for statement in QUERY_INDEXES.strip().splitlines():
            self.execute(statement)
        self.connection.execute("COMMIT")
        self._close()

    def rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.connection.execute("ROLLBACK")
        with contextlib.suppress(sqlite3.Error):
            self.connection.close()
