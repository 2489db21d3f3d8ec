"""A PDF's text layer, page by page, with pypdf (pure Python, BSD-3-Clause, no dependencies of
its own; imported here only, when a PDF is read, never by ``quipu search`` or ``--help``).

The text is the pages' text one after another, a blank line between pages, and each page's span
is kept (``Document.pages``) so a hit can say "p. 3". Passages never cross a page. Title and
author come from the document information when it has them; the creation date is the
publication date (basis ``metadata``) only when the text states none.

A hostile file is bounded: the file's size, the pages read, the characters kept, each stream's
decompressed size (pypdf's own limits, lowered) and the time spent (checked between pages, and
by an alarm around each page where the reading runs in a process's main thread). A PDF with no
text layer, an encrypted one or one pypdf cannot parse is skipped with a one-line reason.
"""

from __future__ import annotations

import logging
import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from index.models import Span
from index.sanitize import clean_text

MAX_PDF_BYTES = 64 * 1024 * 1024
"""A PDF larger than this is skipped (reports and books are far smaller)."""
MAX_PAGES = 3000
"""Pages after this many are not read (with a warning)."""
MAX_TEXT_CHARS = 3_000_000
"""Text after this many characters is not kept (with a warning)."""
MAX_SECONDS = 60.0
"""Reading stops after this long (with a warning; skipped when no page was read)."""
MAX_STREAM_BYTES = 16 * 1024 * 1024
"""The most one stream may decompress to (a zip-bomb's stream stops there)."""
MIN_TEXT_CHARACTERS = 1
"""A PDF whose pages give fewer letters or digits than this has no text layer."""

_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
    | {"\ufb05": "st", "\ufb06": "st"}
)
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")


class PdfSkipped(Exception):
    """A PDF that cannot be indexed; the message is the one-line reason."""


@dataclass(frozen=True, slots=True)
class PdfText:
    """What a PDF gives: its text, where each page starts and ends, its document information."""

    text: str
    pages: tuple[Span, ...]
    title: str | None
    author: str | None
    created: str | None
    warnings: tuple[str, ...]


def read_pdf(raw: bytes, *, max_seconds: float = MAX_SECONDS) -> PdfText:
    """The text layer of a PDF's bytes, page by page; PdfSkipped with the reason if none."""
    if not raw.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in raw[:1024]:
        raise PdfSkipped("not a PDF (no %PDF header)")
    if len(raw) > MAX_PDF_BYTES:
        raise PdfSkipped(f"PDF larger than {MAX_PDF_BYTES // (1024 * 1024)} MiB")
    import io

    import pypdf
    from pypdf.errors import PyPdfError

    _quiet(logging.getLogger("pypdf"))
    limits: dict[str, Any] = {
        "zlib_maximum_output_length": MAX_STREAM_BYTES,
        "lzw_maximum_output_length": MAX_STREAM_BYTES,
        "run_length_maximum_output_length": MAX_STREAM_BYTES,
        "array_based_stream_maximum_output_length": MAX_STREAM_BYTES,
        "brotli_maximum_output_length": MAX_STREAM_BYTES,
        "jbig2_maximum_output_length": MAX_STREAM_BYTES,
        "image_maximum_buffer_size": MAX_STREAM_BYTES,
        "stream_decoding_work_maximum_length": 4 * MAX_STREAM_BYTES,
        "jbig2dec_binary": None,
    }
    deadline = time.monotonic() + max_seconds
    try:
        with pypdf.apply_configuration(**limits), _alarm(max_seconds):
            reader = pypdf.PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not _opens_without_password(reader):
                raise PdfSkipped("encrypted PDF (needs a password)")
            texts, warnings = _page_texts(reader, deadline)
            info = _information(reader)
    except PdfSkipped:
        raise
    except _TimeUp as error:
        raise PdfSkipped(f"PDF took longer than {max_seconds:g} s to read") from error
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise PdfSkipped(f"unreadable PDF ({_short(error)})") from error
    except (RecursionError, MemoryError, OverflowError, AssertionError, ZeroDivisionError) as e:
        raise PdfSkipped(f"unreadable PDF ({type(e).__name__})") from e
    if sum(ch.isalnum() for text in texts for ch in text) < MIN_TEXT_CHARACTERS:
        raise PdfSkipped("no text layer (scanned?)")
    text, pages = join_pages(texts)
    return PdfText(text, pages, info[0], info[1], info[2], tuple(warnings))


def join_pages(texts: list[str]) -> tuple[str, tuple[Span, ...]]:
    """The pages' texts as one text (a blank line between pages) and each page's span."""
    parts: list[str] = []
    pages: list[Span] = []
    offset = 0
    for number, page in enumerate(texts):
        if number:
            parts.append("\n\n")
            offset += 2
        parts.append(page)
        pages.append(Span(offset, offset + len(page)))
        offset += len(page)
    return "".join(parts), tuple(pages)


def _page_texts(reader: Any, deadline: float) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    warnings: list[str] = []
    failed: list[str] = []  # the first page's error, the reason when no page gives text
    count = len(reader.pages)
    kept = 0
    for number in range(min(count, MAX_PAGES)):
        if time.monotonic() > deadline:
            if not texts:
                raise _TimeUp
            warnings.append(f"read for {MAX_SECONDS:g} s: pages after {number} not indexed")
            break
        try:
            raw_text = reader.pages[number].extract_text() or ""
        except _TimeUp:
            if not texts:
                raise
            warnings.append(f"page {number + 1} took too long: it and the pages after it skipped")
            break
        except Exception as error:  # one damaged page: the others are still worth reading
            if not failed:
                failed.append(_short(error))
            warnings.append(f"page {number + 1} unreadable ({_short(error)})")
            raw_text = ""
        page = clean_page(raw_text)
        if kept + len(page) > MAX_TEXT_CHARS:
            texts.append(page[: max(0, MAX_TEXT_CHARS - kept)])
            warnings.append(f"text truncated at {MAX_TEXT_CHARS:,} characters (page {number + 1})")
            break
        texts.append(page)
        kept += len(page)
    else:
        if count > MAX_PAGES:
            warnings.append(f"only the first {MAX_PAGES:,} of {count:,} pages are indexed")
    if failed and not any(text.strip() for text in texts):
        raise PdfSkipped(f"unreadable PDF ({failed[0]})")
    return texts, warnings


def clean_page(text: str) -> str:
    """A page's extracted text: ligatures written out (so "ﬁled" is found as "filed"), controls
    made visible, trailing spaces and runs of blank lines dropped."""
    text = clean_text(text.translate(_LIGATURES))
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def first_worded_line(text: str) -> str | None:
    """The first line with a word in it (a transcript's pages begin with line numbers: '1', '2',
    …, none of which is a title)."""
    for line in text.split("\n"):
        if sum(ch.isalpha() for ch in line) >= 3:
            return line.strip()
    return None


def page_passages(text: str, pages: tuple[Span, ...]) -> Iterator[Span]:
    """Passages of a paged text: each page's own, so no passage crosses a page."""
    from index.reading.corpus import split_passages

    for page in pages:
        for span in split_passages(text[page.start : page.end]):
            yield Span(page.start + span.start, page.start + span.end)


def _opens_without_password(reader: Any) -> bool:
    """An encrypted PDF that opens with the empty password (many are: only printing or copying
    is restricted) is read; one that needs a password is not."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # a cipher pypdf cannot handle without its optional crypto dependency
        return False


def _information(reader: Any) -> tuple[str | None, str | None, str | None]:
    try:
        info = reader.metadata or {}
    except Exception:
        return None, None, None
    title = _info_text(info.get("/Title"))
    author = _info_text(info.get("/Author"))
    created = _pdf_date(info.get("/CreationDate"))
    return title, author, created


def _info_text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(_CONTROLS.sub(" ", value).split())[:300]
    # Producers' placeholders say nothing about the document.
    if not text or text.lower() in {"untitled", "unknown", "title", "author"}:
        return None
    if re.fullmatch(r"(?:Microsoft Word - )?.*\.(?:docx?|rtf|odt|tex|dvi|indd|pdf)", text, re.I):
        return None
    if re.fullmatch(r"\S+\.[A-Za-z0-9]{2,4}", text):  # a file name ("10811.exe")
        return None
    return text


def _pdf_date(value: object) -> str | None:
    """A PDF date (``D:20230105120000Z``) as an ISO day; None when it is not a real day."""
    from datetime import date

    if not isinstance(value, str):
        return None
    match = _PDF_DATE.match(value.strip())
    if not match or not match.group(3):
        return None
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return day.isoformat() if 1990 <= day.year <= date.today().year + 1 else None


def _short(error: BaseException) -> str:
    words = " ".join(str(error).split())
    text = f"{type(error).__name__}: {words}" if words else type(error).__name__
    return clean_text(text)[:100]


def _quiet(logger: logging.Logger) -> None:
    """pypdf logs what it recovers from; without a handler Python would print it on stderr."""
    logger.setLevel(logging.CRITICAL)


class _TimeUp(Exception):
    """The alarm around a PDF's reading went off."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise _TimeUp after ``seconds`` where a signal can be had (a process's main thread on a
    system with SIGALRM); elsewhere the time is checked between pages only."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def ring(_signum: int, _frame: object) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds + 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
