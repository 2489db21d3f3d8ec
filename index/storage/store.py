"""Where an index lives, and the manifest beside it that makes updates incremental.

Each corpus path gets its own index under the user cache dir (``$XDG_CACHE_HOME/quipu``), unless
``--index-dir`` names one. The manifest records, per file, its size, mtime and content hash, and
the ``INDEX_VERSION`` the index was built with: a version change forces a rebuild. It also
records the Whoosh generation it was written for: a writer killed between Whoosh's commit and
the files saved beside the index leaves them out of step, and the next update rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.models import IndexReport, Skipped

INDEX_VERSION = 24
"""Bump whenever the schema or the extraction changes: older indexes are then rebuilt."""
MANIFEST = "quipu-manifest.json"


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

    @classmethod
    def load(cls, index_dir: Path) -> Manifest | None:
        """The manifest, or None when missing, unreadable or of another version."""
        data = read_json(index_dir / MANIFEST, INDEX_VERSION)
        if data is None:
            return None
        try:
            files = {
                rel: FileRecord(
                    r["doc"],
                    int(r["size"]),
                    int(r["mtime_ns"]),
                    str(r["sha256"]),
                    r["skipped"],
                    tuple(str(part) for part in r.get("parts", ())),
                )
                for rel, r in data["files"].items()
            }
            generation = data.get("generation")
            if generation is not None:
                generation = int(generation)
            corrections = str(data.get("corrections", ""))
            build = str(data.get("build", ""))
            dates = {str(doc): str(value) for doc, value in data.get("dates", {}).items()}
            return cls(
                int(data["version"]),
                str(data["corpus"]),
                files,
                generation,
                corrections,
                build=build,
                dates=dates,
                dates_digest=str(data.get("dates_digest", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def save(self, index_dir: Path) -> None:
        payload = {
            "version": self.version,
            "corpus": self.corpus,
            "generation": self.generation,
            "corrections": self.corrections,
            "build": self.build,
            "dates": dict(sorted(self.dates.items())),
            "dates_digest": self.dates_digest,
            "files": {rel: record.to_json() for rel, record in sorted(self.files.items())},
        }
        write_json(index_dir / MANIFEST, payload)  # ASCII: keeps undecodable names lossless


def new_build() -> str:
    """The id of a build from scratch (``Manifest.build``)."""
    return os.urandom(8).hex()


def build_of(index_dir: Path) -> str | None:
    """The build the manifest records ("" when none is; None when there is no manifest)."""
    data = read_json(index_dir / MANIFEST, INDEX_VERSION)
    return None if data is None else str(data.get("build", ""))


def read_json(source: Path, version: int) -> dict[str, Any] | None:
    """A file written beside the index by ``write_json``, or None when it is missing,
    unreadable, or of another index version."""
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != version:
        return None
    return data


def write_json(target: Path, payload: Any) -> None:
    """Write a file beside the index atomically: a crash leaves the old file or the new one."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        # dumps, then one write: json.dump encodes in Python, dumps in C (ten times faster)
        handle.write(json.dumps(payload, separators=(",", ":")))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)


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
            if record is None or record["size"] != size or record["mtime_ns"] != mtime_ns:
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
) -> dict[str, dict[str, Any]] | None:
    """The manifest's files as read (plain dicts), or None when missing or of another version;
    ``in_step``: None too when Whoosh has committed a generation the manifest does not know;
    ``corrections_of``: None too when that corpus's user files (entity corrections, dates) are
    not the ones applied."""
    data = read_json(index_dir / MANIFEST, INDEX_VERSION)
    files = data.get("files") if data else None
    if not isinstance(files, dict):
        return None
    generation = data.get("generation") if data else None
    if in_step and generation is not None and generation != latest_generation(index_dir):
        return None
    if corrections_of is not None:
        from index.userdata.user_data import CORRECTIONS, DATES, corpus_data_dir, file_digest

        folder = corpus_data_dir(corrections_of)
        for key, name in (("corrections", CORRECTIONS), ("dates_digest", DATES)):
            applied = data.get(key, "") if data else ""
            if applied != file_digest(folder / name):
                return None
    return files


_TOC = re.compile(r"_MAIN_(\d+)\.toc\Z")


def latest_generation(index_dir: Path) -> int:
    """The generation of Whoosh's latest table of contents by its name (as Whoosh finds it),
    -1 when there is none: a directory listing, without loading Whoosh."""
    try:
        names = os.listdir(index_dir)
    except OSError:
        return -1
    return max((int(m.group(1)) for n in names if (m := _TOC.match(n))), default=-1)


def _report(recorded: dict[str, dict[str, Any]], skipped: list[Skipped]) -> IndexReport:
    skipped += [Skipped(rel, r["skipped"]) for rel, r in recorded.items() if r["skipped"]]
    indexed = sum(
        len(record.get("parts") or (1,)) for record in recorded.values() if not record["skipped"]
    )
    return IndexReport(unchanged=len(recorded), skipped=tuple(skipped), documents=indexed)
