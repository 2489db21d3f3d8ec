"""Find and read the documents of a corpus folder: decode, clean, split title and passages.

A document id is its path relative to the corpus root without the extension
(``000_78ab08e2a47d5cbc``); ``a.txt`` beside ``a.md`` keeps its extension to stay unique.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from index.models import Basis, Document, Skipped, Span
from index.sanitize import clean_text

SUFFIXES = (".txt", ".md", ".html", ".htm", ".eml", ".mbox", ".pdf")
HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 2 * 1024 * 1024
"""Documents larger than this are indexed up to this many bytes, with a "truncated" warning."""
MAX_PASSAGE_CHARS = 1500

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|de|del|der|den|la|las|los|van|von|da|das|di|do|dos|y)"
_AUTHOR = rf"(?P<author>[A-Z][\w'’.-]+(?:\s+{_NAME_WORD}){{1,4}})"
_DATELINE_DATE = (
    rf"(?P<date>\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|{_MONTH}(?:\s*/\s*{_MONTH})?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
)


@cache
def datelines() -> tuple[re.Pattern[str], ...]:
    """Datelines under a title: 'By Darragh O'Dwyer', 'Andrea Lobo 6 January 2023', 'May 2023'.

    Compiled on first use: `quipu search` never needs them, and they are slow to compile."""
    return tuple(
        re.compile(pattern)
        for pattern in (
            rf"^By\s+{_AUTHOR}(?:\s*[,·|–-]?\s*{_DATELINE_DATE})?\s*$",
            rf"^{_AUTHOR}\s*[,·|–-]?\s*{_DATELINE_DATE}\s*$",
            rf"^{_DATELINE_DATE}\s*$",
        )
    )


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+")


class SkipFile(Exception):
    """Raised by :func:`read_document` for a file that cannot be indexed."""


@dataclass(slots=True)
class Reading:
    """What reading one file gives: the SHA-256 of its bytes, its documents (a mailbox's are
    read as they are asked for, one message at a time), and the warnings of reading it (added
    to as the documents are read)."""

    digest: str
    documents: Iterator[Document]
    warnings: list[str]


def read_file(source: SourceFile, dated: bool = True) -> Reading:
    """Every document of one file: most files hold one; an ``.eml`` holds its message and its
    text attachments, an ``.mbox`` one message after another. SkipFile when none can be read.
    ``dated=False`` leaves a plain text's date and passages unread (its title and text are all
    a first reading for the collection's repeated lines needs)."""
    import hashlib

    suffix = source.rel.lower().rsplit(".", 1)[-1]
    if suffix == "mbox":
        from index.reading.mbox_text import read_mbox

        return read_mbox(source)
    if suffix == "pdf":
        return _read_pdf(source)
    raw, warnings = _read_bytes(source)
    documents = _documents(source, raw, warnings, dated)
    return Reading(hashlib.sha256(raw).hexdigest(), iter(documents), warnings)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A candidate document file found by :func:`scan`."""

    path: str  # absolute (a string: a Path per file would cost more than the stat)
    rel: str
    doc: str
    size: int
    mtime_ns: int


def scan(root: Path, exclude: Path | None = None) -> tuple[list[SourceFile], list[Skipped]]:
    """Walk ``root`` for documents (``SUFFIXES``); never follow symlinks out of it or into loops."""
    found, skipped = survey(root, exclude)
    return _assign_ids(found), skipped


def survey(root: Path, exclude: Path | None = None) -> tuple[list[SourceFile], list[Skipped]]:
    """The files :func:`scan` finds, in path order, without their document ids."""
    skipped: list[Skipped] = []
    found = [
        SourceFile(path, rel, "", size, mtime_ns)
        for path, rel, size, mtime_ns in stats(root, exclude, skipped)
    ]
    return found, skipped


def stats(
    root: Path, exclude: Path | None, skipped: list[Skipped]
) -> Iterator[tuple[str, str, int, int]]:
    """(path, relative path, size, mtime in ns) of each candidate file, in path order.

    Every command starts here (the freshness check stats each file), so it works on strings
    and ``os.scandir`` entries: pathlib objects per file cost more than the stat calls."""
    root = root.resolve()
    excluded = str(exclude.resolve()) if exclude else None
    for entry, rel in _walk(str(root), "", excluded, skipped):
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError as error:
            skipped.append(Skipped(rel, f"unreadable: {error.strerror or error}"))
            continue
        if stat.S_ISLNK(info.st_mode):
            try:
                target = Path(entry.path).resolve(strict=True)
                target.relative_to(root)
                info = target.stat()
            except (OSError, RuntimeError):
                skipped.append(Skipped(rel, "broken or looping symlink"))
                continue
            except ValueError:
                skipped.append(Skipped(rel, "symlink leads outside the corpus"))
                continue
        if not stat.S_ISREG(info.st_mode):
            skipped.append(Skipped(rel, "not a regular file"))
            continue
        yield entry.path, rel, info.st_size, info.st_mtime_ns


def _walk(
    folder: str, prefix: str, excluded: str | None, skipped: list[Skipped]
) -> Iterator[tuple[os.DirEntry[str], str]]:
    """(entry, relative path) of the candidate files under ``folder``, folders in name order
    (hidden ones, the index's own and symlinked ones not entered), files in name order."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as error:
        skipped.append(
            Skipped(prefix.rstrip("/") or ".", f"unreadable folder: {error.strerror or error}")
        )
        return
    files, folders = [], []
    for entry in entries:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            if not entry.name.startswith(".") and entry.path != excluded and not entry.is_symlink():
                folders.append(entry)
        elif entry.name.lower().endswith(SUFFIXES) and not entry.name.startswith("."):
            files.append(entry)
    for entry in files:
        yield entry, prefix + entry.name
    for entry in folders:
        yield from _walk(entry.path, prefix + entry.name + "/", excluded, skipped)


def _assign_ids(files: list[SourceFile]) -> list[SourceFile]:
    seen: set[str] = set()
    result = []
    for source in sorted(files, key=lambda f: f.rel):
        # An id is text: a file name's undecodable bytes are written out ("\\xff"); the path
        # keeps them, so the file is still read and reported losslessly.
        readable = source.rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        doc = readable.rsplit(".", 1)[0]
        if doc in seen:
            doc = readable
        seen.add(doc)
        result.append(SourceFile(source.path, source.rel, doc, source.size, source.mtime_ns))
    return result


MOSTLY_ASCII = 0.9
"""Text this ASCII (or more) that is not UTF-8 is read as Windows-1252 (a superset of
Latin-1, what such files nearly always are), unless the detector is sure of something else:
on a few accented letters a detector guesses among many encodings (a Latin-1 "£" read as
Japanese)."""


def decode_with_encoding(raw: bytes) -> tuple[str, str | None]:
    """Decode UTF-8 (with or without BOM), else guess the encoding; raise SkipFile if binary.
    Returns the text and the encoding it was read with when that was not UTF-8 (else None)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    sample = raw[:8192]
    if sample.count(b"\x00") > max(1, len(sample) // 100):
        raise SkipFile("binary file (NUL bytes)")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    ascii_share = sum(1 for byte in raw if byte < 0x80) / max(1, len(raw))
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if ascii_share >= MOSTLY_ASCII and (
        best is None or best.encoding not in _SURE or best.chaos > 0.0
    ):
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return raw.decode("latin-1"), "latin-1"
    if best is None:
        raise SkipFile("binary or undecodable file (no text encoding fits)")
    return str(best), str(best.encoding)


_SURE = {"cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "iso8859_2", "iso8859_15", "koi8_r"}
"""Single-byte encodings a detector may rightly prefer over cp1252 for mostly-ASCII text, when
it reads the text without chaos; multi-byte guesses (cp932, gb2312...) on a few stray bytes
are not believed."""


def read_document(source: SourceFile) -> tuple[Document, bytes, list[str]]:
    """Read, decode and parse one file (not a mailbox). Returns its first document (an e-mail's
    message), its raw bytes and warnings."""
    raw, warnings = _read_bytes(source)
    return _documents(source, raw, warnings)[0], raw, warnings


def _read_pdf(source: SourceFile) -> Reading:
    """A PDF's one document: its text layer, page by page (index/pdf_text.py)."""
    import hashlib

    from index.reading.pdf_text import (
        MAX_PDF_BYTES,
        PdfSkipped,
        first_worded_line,
        page_passages,
        read_pdf,
    )

    try:
        with open(source.path, "rb") as handle:
            raw = handle.read(MAX_PDF_BYTES + 1)  # read_pdf refuses a larger one
    except OSError as error:
        raise SkipFile(f"unreadable: {error.strerror or error}") from error
    try:
        pdf = read_pdf(raw)
    except PdfSkipped as reason:
        raise SkipFile(str(reason)) from reason
    meta: dict[str, Any] = {"title": pdf.title or first_worded_line(pdf.text), "author": pdf.author}
    document = parse_document(source.doc, source.rel, pdf.text, meta)
    if document.published is None and pdf.created:
        document = replace(document, published=pdf.created, published_basis="metadata")
    document = replace(
        document, pages=pdf.pages, passages=tuple(page_passages(pdf.text, pdf.pages))
    )
    warnings = [f"{source.rel}: {warning}" for warning in pdf.warnings]
    return Reading(hashlib.sha256(raw).hexdigest(), iter([document]), warnings)


def _read_bytes(source: SourceFile) -> tuple[bytes, list[str]]:
    warnings: list[str] = []
    try:
        with open(source.path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise SkipFile(f"unreadable: {error.strerror or error}") from error
    if len(raw) > MAX_BYTES:
        raw = raw[:MAX_BYTES]
        warnings.append(f"{source.rel}: truncated to {MAX_BYTES // (1024 * 1024)} MiB")
    return raw, warnings


def _documents(
    source: SourceFile, raw: bytes, warnings: list[str], dated: bool = True
) -> list[Document]:
    suffix = source.rel.lower().rsplit(".", 1)[-1]
    if suffix == "eml":
        from index.reading.email_text import read_email
        from index.reading.messages import message_documents

        documents = message_documents(source.doc, source.rel, read_email(raw))
        if not documents:
            raise SkipFile("no readable text in this .eml file")
        return documents
    decoded, encoding = decode_with_encoding(raw)
    if encoding is not None:
        warnings.append(f"{source.rel}: not UTF-8; read as {encoding}")
    if f".{suffix}" in HTML_SUFFIXES:
        text, meta = _read_page(decoded)
        if not text.strip():
            raise SkipFile(f"no readable text in this .{suffix} file")
    else:
        text = clean_text(decoded)
        if not text.strip():
            raise SkipFile("empty file")
        meta, text = split_front_matter(text, warnings, source.rel)
    if not dated:
        return [
            Document(
                doc=source.doc,
                path=source.rel,
                title=_title(meta, text, source.doc),
                author=None,
                published=None,
                published_basis="none",
                source=None,
                url=None,
                text=text,
            )
        ]
    document = parse_document(source.doc, source.rel, text, meta, dateline_first=True)
    return [replace(document, encoding=encoding)]


def _read_page(markup: str) -> tuple[str, dict[str, Any]]:
    """An HTML page's text (cleaned after its character references are decoded) and metadata."""
    from index.reading.html_text import read_html

    page = read_html(markup)
    meta = {"title": page.title, "author": page.author, "date": page.published, "url": page.url}
    return clean_text(page.text), {key: value for key, value in meta.items() if value}


def split_front_matter(text: str, warnings: list[str], rel: str = "") -> tuple[dict[str, Any], str]:
    """Split optional YAML front matter (title, author, date, source, url) from the body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        # PyYAML parses some values it then cannot build (2023-02-30, !!int abc, 5,000 nested
        # "["): those raise past YAMLError.
        warnings.append(f"{rel}: malformed front matter ignored")
        return {}, text[match.end() :]
    if not isinstance(meta, dict):
        return {}, text[match.end() :]
    return {str(k).lower(): v for k, v in meta.items()}, text[match.end() :]


def _title(meta: dict[str, Any], text: str, doc: str) -> str:
    """A document's title: its front matter's, else its first line that holds more than
    spaces, else its id; at most 300 characters."""
    title = _meta_str(meta, "title")
    if not title:
        first = _FIRST_LINE.search(text)
        title = first.group().strip() if first else doc
    return title[:300]


_FIRST_LINE = re.compile(r"\S[^\n]*")


def parse_document(
    doc: str, rel: str, text: str, meta: dict[str, Any] | None = None, dateline_first: bool = False
) -> Document:
    """Title, author, date and passages of a cleaned text (front matter already split off).
    ``meta``'s date wins over the date the text states, unless ``dateline_first`` (a text
    file's front matter): then a day the text states as its own wins, the front matter's other
    date kept as the hint. (An e-mail's Date and a page's published time are the message's
    and the page's own; a text they carry may quote another's.)"""
    meta = meta or {}
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title = _title(meta, text, doc)
    author, published = _dateline(lines[1:4])
    if published is None:
        published = _issue_line(lines[1:])
    if published is None:
        from index.extract.published import stated_date

        published = stated_date(lines)
    basis: Basis = "stated" if published else "none"
    if published is None:
        from index.extract.published import filename_date

        published = filename_date(rel)
        basis = "filename" if published else "none"
    if _meta_str(meta, "author"):
        author = _meta_str(meta, "author")
    meta_date = _meta_date(meta.get("date"))
    hint = None
    stated_day = basis == "stated" and published is not None and len(published) == 10
    if dateline_first and meta_date and stated_day and published != meta_date:
        # The text's own dateline and its front matter disagree: the text's relative dates
        # ("yesterday") are written against its dateline (front matter is often when the file,
        # or a draft, was made). Both are shown.
        hint = f"front matter says {meta_date}"
    elif meta_date:
        published, basis = meta_date, "metadata"
    return Document(
        doc=doc,
        path=rel,
        title=title,
        author=author,
        published=published,
        published_basis=basis,
        published_hint=hint,
        source=_meta_str(meta, "source"),
        url=_meta_str(meta, "url"),
        text=text,
        passages=tuple(split_passages(text)),
    )


def _meta_str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None or isinstance(value, dict | list):
        return None
    return clean_text(str(value)).strip() or None


def _meta_date(value: object) -> str | None:
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, str):
        return parse_stated_date(value.strip())
    return None


def _dateline(candidates: list[str]) -> tuple[str | None, str | None]:
    for line in candidates:
        if len(line) > 80:
            continue
        for pattern in datelines():
            match = pattern.match(line)
            if match:
                groups = match.groupdict()
                stated = groups.get("date")
                return groups.get("author"), parse_stated_date(stated) if stated else None
    return None, None


@cache
def _issue_line_pattern() -> re.Pattern[str]:
    """A periodical's issue line: '... No 292, February/March 2023' (compiled on first use)."""
    return re.compile(rf"^.{{0,80}}(?:No\.?|Issue|Vol\.?)\s*\d+\s*[,·|–-]\s*{_DATELINE_DATE}\s*$")


def _issue_line(lines: list[str]) -> str | None:
    """A periodical's issue line anywhere in the text: '... No 292, February/March 2023'."""
    for line in lines:
        if len(line) <= 120:
            match = _issue_line_pattern().match(line)
            if match:
                return parse_stated_date(match.group("date"))
    return None


def parse_stated_date(value: str) -> str | None:
    """Parse a stated date: '6 January 2023', 'January 6, 2023', 'February/March 2023', ISO."""
    value = value.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3] or 1)
        try:
            date(year, month, day)
        except ValueError:
            return None
        return value
    words = re.findall(r"[A-Za-z]+|\d+", value)
    numbers = [int(w) for w in words if w.isdigit()]
    months = [MONTHS[w.lower()] for w in words if w.lower() in MONTHS]
    years = [n for n in numbers if n > 31]
    days = [n for n in numbers if n <= 31]
    if not months or len(years) != 1:
        return None
    if days:
        try:
            return date(years[0], months[0], days[0]).isoformat()
        except ValueError:
            return None
    return f"{years[0]:04d}-{months[0]:02d}"


def split_passages(text: str) -> Iterator[Span]:
    """Paragraphs as spans (split at blank lines; over-long ones at sentence ends)."""
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        yield from _trimmed_chunks(text, start, end)
        if match:
            start = match.end()


def _trimmed_chunks(text: str, start: int, end: int) -> Iterator[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    while end - start > MAX_PASSAGE_CHARS:
        cut = _cut_point(text, start, start + MAX_PASSAGE_CHARS)
        trimmed = cut
        while trimmed > start and text[trimmed - 1].isspace():
            trimmed -= 1
        yield Span(start, trimmed)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield Span(start, end)


def _cut_point(text: str, start: int, limit: int) -> int:
    last = None
    for match in _SENTENCE_END.finditer(text, start + MAX_PASSAGE_CHARS // 3, limit):
        last = match.end()
    if last:
        return last
    space = text.rfind(" ", start + 1, limit)
    return space + 1 if space > start else limit
