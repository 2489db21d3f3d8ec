"""The user's own files about a corpus: plain text, one folder per corpus, outside the index.

What a person writes down (the queries they ran, the searches they named, their notes, their
corrections to the entities) lives under the user data dir (``$XDG_DATA_HOME/quipu/corpora/``),
never in the index cache: ``quipu index --rebuild`` and a cleared cache leave it alone, and the
files are lines of tab-separated fields, readable and diffable.

A file is read into records (tuples of fields) and kept lines: comments, blanks, and lines that
do not parse. A line that does not parse gives one warning and is written back as it was, so a
file is never rewritten with less than it held. Every change is made under a lock on a fresh
read of the file, then written to a temporary file and renamed over it: two readers adding
notes to one corpus do not lose each other's, and a crash leaves the old file or the new one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

Fields = tuple[str, ...]

DATES = "dates.tsv"
"""The publication dates the user states (index/date_overrides.py)."""
CORRECTIONS = "aliases.tsv"
"""The user's entity corrections (index/alias_edits.py); named here, where the index's fast
path (which must not load the extraction modules) can see it."""

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def corpus_data_dir(corpus: Path) -> Path:
    """The folder of the user's files about ``corpus`` (keyed like its index: name and hash)."""
    from platformdirs import user_data_dir

    resolved = corpus.resolve()
    key = hashlib.sha1(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = resolved.name or "root"
    return Path(user_data_dir("quipu", appauthor=False)) / "corpora" / f"{name}-{key}"


def escape(value: str) -> str:
    """A field as written: backslash, tab and line breaks escaped, so a record is one line."""
    return "".join(_ESCAPES.get(char, char) for char in value)


def unescape(value: str) -> str | None:
    """The field a written one stands for; None when it holds an unknown escape."""
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars, "")
        if following not in _UNESCAPES:
            return None
        out.append(_UNESCAPES[following])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a file: a record (its fields) or a line kept as it was (``fields`` None)."""

    raw: str
    fields: Fields | None


@dataclass(frozen=True, slots=True)
class Table:
    """What a file holds: its lines in order, and a warning per line that did not parse."""

    lines: tuple[Line, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def records(self) -> list[Fields]:
        return [line.fields for line in self.lines if line.fields is not None]


@dataclass(frozen=True, slots=True)
class TableFile:
    """A file of records of ``widths`` fields (a record may have any of these many: later
    columns added to a format stay optional). ``header`` heads a new file, as comments."""

    path: Path
    widths: tuple[int, ...]
    header: tuple[str, ...] = field(default=())

    def read(self) -> Table:
        """The file as it is now (empty when missing); undecodable bytes are kept as they were."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Table()
        except OSError as error:
            return Table((), (f"cannot read {self.path}: {error.strerror}",))
        text = raw.decode("utf-8", "surrogateescape")
        lines: list[Line] = []
        warnings: list[str] = []
        for number, raw_line in enumerate(text.splitlines(), start=1):
            if not raw_line.strip() or raw_line.startswith("#"):
                lines.append(Line(raw_line, None))
                continue
            parts = [unescape(part) for part in raw_line.split("\t")]
            if len(parts) not in self.widths or any(part is None for part in parts):
                lines.append(Line(raw_line, None))
                warnings.append(
                    f"{self.path} line {number} is not understood; kept as it is "
                    f"(expected {' or '.join(map(str, self.widths))} tab-separated fields)"
                )
                continue
            lines.append(Line(raw_line, tuple(part or "" for part in parts)))
        return Table(tuple(lines), tuple(warnings))

    def change(self, edit: Callable[[list[Fields]], list[Fields]]) -> Table:
        """Apply ``edit`` to the records as the file holds them now, under the file's lock, and
        write the result atomically. Kept lines stay where they were; the records fill the
        records' places in order, the extra ones after the last. ``OSError`` when the file is
        there but cannot be read: it is left as it is."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(self.path):
            table = self.read()
            unreadable = [w for w in table.warnings if w.startswith("cannot read")]
            if unreadable:  # never replace what could not be read, and never say it was changed
                raise OSError(f"{unreadable[0]}; left as it is, nothing written")
            records = [tuple(record) for record in edit(table.records)]
            for record in records:
                if len(record) not in self.widths:
                    raise ValueError(f"a record of {len(record)} fields in {self.path.name}")
            lines = list(table.lines) or [Line(f"# {text}", None) for text in self.header]
            placed = _place(lines, records)
            _write_atomically(self.path, "".join(line.raw + "\n" for line in placed))
            return Table(tuple(placed), table.warnings)


def _place(lines: list[Line], records: list[Fields]) -> list[Line]:
    remaining = iter(records)
    placed: list[Line] = []
    for line in lines:
        if line.fields is None:
            placed.append(line)
            continue
        record = next(remaining, None)
        if record is not None:
            placed.append(_line(record))
    placed.extend(_line(record) for record in remaining)
    return placed


def _line(record: Fields) -> Line:
    return Line("\t".join(escape(value) for value in record), record)


def _write_atomically(target: Path, text: str) -> None:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(text.encode("utf-8", "surrogateescape"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path``'s lock file (advisory; none where fcntl is missing)."""
    lock_path = path.with_name(f".{path.name}.lock")
    with open(lock_path, "a") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: one writer assumed
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def file_digest(path: Path) -> str:
    """A short digest of a file's bytes ("" when missing): to notice that it changed."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""
