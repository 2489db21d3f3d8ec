"""Where an index lives, and the manifest that makes updates incremental.

Each corpus path gets its own index under the user cache dir (``$XDG_CACHE_HOME/quipu``), unless
``--index-dir`` names one. The manifest records, per file, its size, mtime and content hash, and
the ``INDEX_VERSION`` the index was built with: a version change forces a rebuild. It lives in
the database beside the index (``index.storage.database``: the ``files`` table and ``meta``)
and is written in the update's one transaction, with the Whoosh generation it describes: a
writer killed between Whoosh's commit and the database's leaves them out of step, and the next
update rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.models import IndexReport, Skipped

INDEX_VERSION = 27
"""Bump whenever the schema or the extraction changes: older indexes are then rebuilt."""
MANIFEST = "quipu-manifest.json"


if TYPE_CHECKING:
    from index.storage.database import Database, Transaction

LEGACY_MANIFEST = MANIFEST
"""Where earlier indexes kept the manifest: a file beside the database. Their database holds
no manifest, so they are rebuilt (``Manifest.load`` finds none), and the file is deleted."""


def default_index_dir(corpus: Path) -> Path:
    from platformdirs import user_cache_dir

    key = hashlib.sha1(str(corpus.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = corpus.resolve().name or "root"
    return Path(user_cache_dir("quipu", appauthor=False)) / "indexes" / f"{name}-{key}"


@dataclass(slots=True)
class FileRecord:
    """What the manifest knows of one indexed file."""

    doc: str
    size: int
    mtime_ns: int
    sha256: str
    skipped: str = ""
    """Why the file is not in the index ("" when it is): not retried until the file changes."""
    parts: tuple[str, ...] = ()
    """The ids of the documents the file holds when they are not just ``doc``: an mbox's
    messages, a message and its text attachments."""

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the documents the file holds in the index (none when it was skipped)."""
        if self.skipped:
            return ()
        return self.parts or (self.doc,)

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "doc": self.doc,
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "sha256": self.sha256,
            "skipped": self.skipped,
        }
        if self.parts:
            record["parts"] = list(self.parts)
        return record


@dataclass(slots=True)
class Manifest:
    """The files an index holds, keyed by corpus-relative path."""

    version: int = INDEX_VERSION
    corpus: str = ""
    files: dict[str, FileRecord] = field(default_factory=dict)
    generation: int | None = None
    """The Whoosh generation the manifest describes (None: written before it was recorded)."""
    corrections: str = ""
    """The digest of the user's entity corrections applied (index/alias_edits.py; "": none)."""
    build: str = ""
    """Made anew by every build from scratch, kept by updates: an open reader tells a rebuild
    by it (Whoosh's generations start again at 1). "": written before it was recorded."""
    dates: dict[str, str] = field(default_factory=dict)
    """The user's publication dates applied, by document (index/date_overrides.py)."""
    dates_digest: str = ""
    """The digest of the user's dates file applied ("": none)."""

    written: dict[str, tuple[Any, ...]] = field(default_factory=dict, repr=False, compare=False)
    """The files' rows as the database holds them (``write`` writes only those that differ)."""

    @classmethod
    def load(cls, index_dir: Path) -> Manifest | None:
        """The manifest, or None when there is no database of this version, or it holds none."""
        from index.storage.database import Database

        with Database(index_dir, INDEX_VERSION) as database:
            return cls.of(database)

    @classmethod
    def of(cls, database: Database) -> Manifest | None:
        meta = dict(database.rows("SELECT key, value FROM meta"))
        if "corpus" not in meta:
            return None
        try:
            written = {
                row[0]: tuple(row)
                for row in database.rows(
                    "SELECT rel, doc, size, mtime_ns, sha256, skipped, parts FROM files"
                )
            }
            files = {rel: _file_record(row) for rel, row in written.items()}
            generation = meta.get("generation")
            dates = json.loads(meta.get("dates", "{}"))
            return cls(
                int(meta["version"]),
                str(meta["corpus"]),
                files,
                None if generation is None else int(generation),
                str(meta.get("corrections", "")),
                build=str(meta.get("build", "")),
                dates={str(doc): str(value) for doc, value in dates.items()},
                dates_digest=str(meta.get("dates_digest", "")),
                written=written,
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def write(self, transaction: Transaction) -> None:
        """Write the manifest in the update's transaction: the files' rows that changed (a
        file gone, added or changed), and what it records of the whole index. The generation
        is the transaction's to record, at its commit."""
        rows = {rel: _file_row(rel, record) for rel, record in self.files.items()}
        transaction.drop_files(rel for rel in self.written if rel not in rows)
        transaction.put_files(row for rel, row in rows.items() if self.written.get(rel) != row)
        for key, value in (
            ("corpus", self.corpus),
            ("corrections", self.corrections),
            ("build", self.build),
            ("dates", json.dumps(dict(sorted(self.dates.items())))),
            ("dates_digest", self.dates_digest),
        ):
            transaction.set_meta(key, value)
        self.written = rows


def _file_row(rel: str, record: FileRecord) -> tuple[Any, ...]:
    parts = json.dumps(list(record.parts)) if record.parts else ""
    return (rel, record.doc, record.size, record.mtime_ns, record.sha256, record.skipped, parts)


def _file_record(row: tuple[Any, ...]) -> FileRecord:
    _rel, doc, size, mtime_ns, sha256, skipped, parts = row
    return FileRecord(
        str(doc),
        int(size),
        int(mtime_ns),
        str(sha256),
        str(skipped),
        tuple(str(part) for part in json.loads(parts)) if parts else (),
    )


def new_build() -> str:
    """The id of a build from scratch (``Manifest.build``)."""
    return os.urandom(8).hex()


def index_stamp(database: Database) -> tuple[int, int, int] | None:
    """What changes with every commit of the index, by any process: the database file's inode
    (a rebuild puts a new one in place) and the stamp of its last commit (None: no index of
    this version). A stat and a query of one row: cheap to ask often."""
    found = database.rows("SELECT value FROM meta WHERE key = 'commit'")
    inode = database.inode()
    if not found or inode is None:
        return None
    return (inode, int(str(found[0][0]), 16), 0)


def build_of(database: Database) -> str | None:
    """The build the manifest records ("" when none is; None when there is no manifest)."""
    found = database.rows("SELECT value FROM meta WHERE key = 'build'")
    return str(found[0][0]) if found else None


def current_report(corpus: Path, index_dir: Path) -> IndexReport | None:
    """A no-change report when the index matches the corpus (by size and mtime), else None.

    The fast path of every command: a stat per file, compared with the manifest as read (no
    record objects, no document ids: those follow from the paths), without loading Whoosh."""
    from index.reading.corpus import stats

    recorded = _recorded_files(index_dir, in_step=True, corrections_of=corpus)
    if recorded is None:
        return None
    try:
        if not corpus.is_dir():
            return None
        skipped: list[Skipped] = []
        files = 0
        for _path, rel, size, mtime_ns in stats(corpus, index_dir, skipped):
            record = recorded.get(rel)
            if record is None or record[0] != size or record[1] != mtime_ns:
                return None
            files += 1
        if files != len(recorded):
            return None
        return _report(recorded, skipped)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def recorded_report(index_dir: Path) -> IndexReport | None:
    """The report of the index as last built, without looking at the corpus (``--no-refresh``);
    None when there is no index of this version."""
    recorded = _recorded_files(index_dir)
    if recorded is None:
        return None
    try:
        return _report(recorded, [])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _recorded_files(
    index_dir: Path, in_step: bool = False, corrections_of: Path | None = None
) -> dict[str, tuple[int, int, str, int]] | None:
    """The manifest's files as read: (size, mtime_ns, why skipped, documents held) by path, or
    None when there is no manifest of this version; ``in_step``: None too when Whoosh has
    committed a generation the manifest does not know; ``corrections_of``: None too when that
    corpus's user files (entity corrections, dates) are not the ones applied."""
    from index.storage.database import Database

    with Database(index_dir, INDEX_VERSION) as database:
        meta = dict(database.rows("SELECT key, value FROM meta"))
        if "corpus" not in meta:
            return None
        generation = meta.get("generation")
        if in_step and generation is not None and int(generation) != latest_generation(index_dir):
            return None
        if corrections_of is not None:
            from index.userdata.user_data import CORRECTIONS, DATES, corpus_data_dir, file_digest

            folder = corpus_data_dir(corrections_of)
            for key, name in (("corrections", CORRECTIONS), ("dates_digest", DATES)):
                if meta.get(key, "") != file_digest(folder / name):
                    return None
        return {
            rel: (size, mtime_ns, skipped, len(json.loads(parts)) if parts else 1)
            for rel, size, mtime_ns, skipped, parts in database.rows(
                "SELECT rel, size, mtime_ns, skipped, parts FROM files"
            )
        }


_TOC = re.compile(r"_MAIN_(\d+)\.toc\Z")


def latest_generation(index_dir: Path) -> int:
    """The generation of Whoosh's latest table of contents by its name (as Whoosh finds it),
    -1 when there is none: a directory listing, without loading Whoosh."""
    try:
        names = os.listdir(index_dir)
    except OSError:
        return -1
    return max((int(m.group(1)) for n in names if (m := _TOC.match(n))), default=-1)


def _report(recorded: dict[str, tuple[int, int, str, int]], skipped: list[Skipped]) -> IndexReport:
    skipped += [Skipped(rel, record[2]) for rel, record in recorded.items() if record[2]]
    indexed = sum(record[3] for record in recorded.values() if not record[2])
    return IndexReport(unchanged=len(recorded), skipped=tuple(skipped), documents=indexed)
