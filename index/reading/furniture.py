"""Page furniture: the lines of a saved page, a mail or a report that are not what it says —
cookie and consent notices, share counters and buttons, "Related Posts" and "Previous Article"
blocks, newsletter prompts, contact and copyright footers, breadcrumbs, mailing-list footers, a
paged document's running heads and page numbers, and the lines a collection's documents repeat
(the same footer in many files).

They are recognised by their shape (what the line says and how long it is), by their position
(a block after the last paragraph of prose, a breadcrumb at the head, a running head at a page's
top or bottom) and by repetition (on many pages of one document; in many documents of the
collection, at a document's head or tail). Furniture stays in the text — shown, searchable — but
is kept out of entity and date extraction and out of snippets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from index.models import Span

SHORT_WORDS = 20
"""A line of furniture is short: a block's lines after its header have at most this many words."""
PROSE_WORDS = 25
"""A line with this many words or more is prose: it ends a furniture block."""
EDGE_LINES = 12
"""A document's head and tail for repeated lines: this many non-blank lines at each end."""
MIN_REPEATS = 3
"""A line is repeated furniture when this many documents (or pages) or more hold it at an edge."""
REPEATED_SHARE = 100
"""... and, in a large collection, one document in this many (a footer of 3 pages in 10,000 is
not the collection's)."""
REPEATED_WORDS = 12
"""A line repeated across documents is furniture only when this short (a site's footer, not a
paragraph that copies of one article share)."""


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of a text: its span (trimmed) and its words."""

    start: int
    end: int
    text: str
    words: int


def lines_of(text: str) -> list[Line]:
    """The text's non-blank lines, trimmed, with their offsets."""
    found = []
    start = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            left = start + (len(raw) - len(raw.lstrip()))
            found.append(Line(left, left + len(stripped), stripped, len(stripped.split())))
        start += len(raw) + 1
    return found


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The shapes, compiled on first use (``quipu search`` never needs them)."""
    social = (
        r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|pin|email|e-mail"
        r"|print|mastodon|bluesky|threads|flipboard|pocket|copy link|messenger"
    )
    return {
        "cookie": re.compile(
            r"\b(?:(?:this|our) (?:web ?)?site uses cookies|we use cookies|use of cookies"
            r"|accept (?:all )?cookies|cookie (?:policy|settings|preferences|consent|notice)"
            r"|by continuing to (?:use|browse|visit)|consent to (?:the use of )?cookies"
            r"|manage (?:your )?(?:cookie|privacy) (?:settings|preferences|choices))\b",
            re.I,
        ),
        "share": re.compile(
            rf"^(?:(?:total\s+)?\d[\d,.]*\s*k?\s+)?(?:shares?|tweet|likes?|comments?)$"
            rf"|^(?:share|tweet|share (?:this|the) (?:article|story|post|page)"
            rf"|share (?:on|via|to) (?:{social})|follow us(?: on (?:{social}))?"
            rf"|print(?: this)?(?: article| page)?|email(?: this)?(?: article| story)?"
            rf"|(?:click|tap) to (?:share|print|email)\b.*)[\s:!.]*$",
            re.I,
        ),
        "share_word": re.compile(r"^(?:shares?|tweet|likes?)$", re.I),
        "counter_word": re.compile(rf"^(?:total|\d[\d,.]*\s*k?|{social})$", re.I),
        "social": re.compile(rf"^(?:{social})$", re.I),
        "block": re.compile(
            r"^(?:related(?: posts?| articles?| stories| content| reading| news| coverage)?"
            r"|more (?:from|on|in|like this|stories|articles|news)\b.*|you (?:may|might) also"
            r" (?:like|be interested in|enjoy)|recommended(?: for you| reading| articles?)?"
            r"|most (?:read|popular|viewed)|popular (?:posts|articles|stories)|trending(?: now)?"
            r"|latest (?:news|posts|articles|stories)|read (?:more|next|also)|see also"
            r"|previous (?:article|post|story)|next (?:article|post|story)|previous|next"
            r"|(?:tags|categories|filed under|topics)(?::.*)?|continue to the category"
            r"|leave a (?:comment|reply)|(?:\d+ )?comments?|show comments|load more)[\s:.!»›→]*$",
            re.I,
        ),
        "newsletter": re.compile(
            r"\b(?:subscribe|sign up|signup|join)\b.{0,60}\b(?:newsletter|mailing list"
            r"|our (?:e-?mail|list)|updates|inbox)\b|\benter your e-?mail(?: address)?\b"
            r"|\bget (?:the|our) (?:latest|best) .{0,40}\b(?:in|to) your inbox\b",
            re.I,
        ),
        "footer": re.compile(
            r"^(?:©|\(c\)\s*(?:\d{4}|copyright)|copyright\b)|\ball rights reserved\b"
            r"|^to contact\b.{0,120}\bvisit\b"
            r"|^contact us\b|^(?:privacy policy|terms (?:of (?:use|service)|and conditions)"
            r"|about us|advertise(?: with us)?|imprint|impressum)\b(?:\s*[|·•/]\s*\w.*)?$"
            r"|\bunsubscribe\b|\blistinfo\b|^[\w.-]+ mailing list$",
            re.I,
        ),
        "link": re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.I),
        "crumbs": re.compile(r"\s+(?:>|»|›)\s+"),
        "home_crumbs": re.compile(r"^home\s+(?:/|\|)\s+.*", re.I),
        "sentence_end": re.compile(r"[.!?][\"”’')\]]*$"),
        "rule": re.compile(r"^(?:[_=*~-]\s*){10,}$"),
        "page_number": re.compile(
            r"^(?:[-–—]\s*)?(?:page\s+|p\.\s*|seite\s+)?\d{1,4}(?:\s*(?:of|/|von)\s*\d{1,4})?"
            r"(?:\s*[-–—])?$",
            re.I,
        ),
        "digits": re.compile(r"\d+"),
    }


def furniture_spans(
    text: str, pages: tuple[Span, ...] = (), repeated: frozenset[str] = frozenset()
) -> tuple[Span, ...]:
    """The spans of ``text``'s furniture lines, in order (``pages``: a paged document's pages,
    whose running heads and numbers are furniture; ``repeated``: the collection's repeated
    lines, as :func:`line_key` gives them)."""
    lines = lines_of(text)
    marked: set[int] = set()
    marked.update(_by_shape(lines))
    marked.update(_blocks(lines, marked))
    if pages:
        marked.update(_running(lines, pages))
    if repeated:
        marked.update(
            n
            for n in edge_numbers(len(lines))
            if _repeatable(lines[n].text, lines[n].words) and line_key(lines[n].text) in repeated
        )
    marked.discard(0)  # the first line is the title (or the headers of a message)
    return tuple(Span(lines[n].start, lines[n].end) for n in sorted(marked))


def _by_shape(lines: list[Line]) -> Iterator[int]:
    shapes = _patterns()
    hinted = {n for n, line in enumerate(lines) if line.words <= 60 and _hinted(line.text)}
    notices = {n for n in hinted if _notice(lines[n])}
    tail = _tail_start(lines, notices)
    for number, line in enumerate(lines):
        text = line.text
        if number in notices:
            yield number
        elif line.words > SHORT_WORDS:
            continue
        elif (
            number in hinted
            and (
                shapes["share"].match(text)
                or shapes["newsletter"].search(text)
                or shapes["footer"].search(text)
            )
        ) or (
            (number >= tail and shapes["link"].match(text)) or (number < 4 and _breadcrumb(text))
        ):
            yield number
    yield from _counters(lines)


_HINTS = frozenset(
    {
        "cooki", "conti", "priva", "subsc", "unsub", "sign", "signu", "join", "newsl", "inbox",
        "mail", "email", "e-mai", "maili", "copyr", "right", "conta", "terms", "about", "adver",
        "impri", "impre", "share", "tweet", "like", "likes", "comme", "follo", "print", "click",
        "tap",
    }
)  # fmt: skip
"""The beginnings (five letters) of the words every shape of ``_by_shape`` holds: a line with
none is not tried (most lines are prose; this is many times faster than the patterns)."""
_PUNCTUATION = "\"'“”‘’()[]{}.,:;!?*«»-_|/"


def _hinted(text: str) -> bool:
    lowered = text.lower()
    if "©" in lowered or "(c)" in lowered or "listinfo" in lowered:
        return True
    return not _HINTS.isdisjoint({word.strip(_PUNCTUATION)[:5] for word in lowered.split()})


def _notice(line: Line) -> bool:
    """A cookie or consent notice (up to 60 words: a paragraph about cookies is prose)."""
    return line.words <= 60 and bool(_patterns()["cookie"].search(line.text))


def _breadcrumb(text: str) -> bool:
    """'Home > World > Americas', 'Home / News / Peru': three short parts or more ('/' and '|'
    only after 'Home': 'Andrea Lobo | 6 January 2023 | World' is a dateline)."""
    shapes = _patterns()
    splitter = shapes["crumbs"]
    if shapes["home_crumbs"].match(text):
        splitter = re.compile(r"\s+(?:>|»|›|/|\|)\s+")
    parts = splitter.split(text)
    return len(parts) >= 3 and all(0 < len(part.split()) <= 4 for part in parts)


def _counters(lines: list[Line]) -> Iterator[int]:
    """Runs of one-word lines such as 'Total' '0' 'Shares' or 'Share' 'Facebook' 'Twitter'."""
    shapes = _patterns()
    run: list[int] = []
    for number, line in enumerate([*lines, None]):
        if (
            line is not None
            and line.words <= 2
            and (shapes["counter_word"].match(line.text) or shapes["share_word"].match(line.text))
        ):
            run.append(number)
            continue
        social = sum(1 for n in run if shapes["social"].match(lines[n].text))
        if len(run) >= 2 and (
            social >= 3 or any(shapes["share_word"].match(lines[n].text) for n in run)
        ):
            yield from run
        run = []


def _tail_start(lines: list[Line], furniture: set[int]) -> int:
    """Where a document's tail begins: after its last line of prose (a long line, or a line
    ending a sentence: hard-wrapped text has no long lines; the titles a block lists end with
    no full stop); ``furniture``: lines known to be furniture (no prose, however long)."""
    sentence_end = _patterns()["sentence_end"]
    for number in range(len(lines) - 1, -1, -1):
        if number in furniture:
            continue
        line = lines[number]
        if line.words >= PROSE_WORDS or (line.words >= 6 and sentence_end.search(line.text)):
            return number + 1
    return len(lines)


def _blocks(lines: list[Line], furniture: set[int]) -> Iterator[int]:
    """A block header in the tail ('Related Posts', 'Previous Article', 'Tags:'), and the short
    lines after it (the titles it lists), until a line of prose; a mailing list's footer (a
    rule, then lines naming the list or how to unsubscribe)."""
    shapes = _patterns()
    tail = _tail_start(lines, furniture)
    number = tail
    while number < len(lines):
        line = lines[number]
        if line.words <= 8 and (
            shapes["block"].match(line.text) or shapes["rule"].match(line.text)
        ):
            after = number + 1
            while after < len(lines) and lines[after].words <= SHORT_WORDS:
                after += 1
            if shapes["block"].match(line.text) or any(
                shapes["footer"].search(lines[n].text) or shapes["link"].match(lines[n].text)
                for n in range(number + 1, after)
            ):
                yield from range(number, after)
            number = after
            continue
        number += 1


def _running(lines: list[Line], pages: tuple[Span, ...]) -> Iterator[int]:
    """A paged document's page numbers and running heads and feet: a page's first or last two
    lines, when the same line (its numbers aside) is there on several pages."""
    import bisect

    starts = [line.start for line in lines]
    edges: list[list[int]] = []
    for page in pages:
        first = bisect.bisect_left(starts, page.start)
        last = bisect.bisect_left(starts, page.end)
        numbers = list(range(first, last))
        edges.append(sorted(set(numbers[:2] + numbers[-2:])))
    counts: Counter[str] = Counter()
    for numbers in edges:
        counts.update({_numberless(lines[n].text) for n in numbers})
    least = max(MIN_REPEATS, -(-len(pages) * 2 // 5))  # on two pages in five (a book's left
    # and right heads alternate); numbered paragraphs at a few pages' edges are not heads
    page_number = _patterns()["page_number"]
    for numbers in edges:
        for n in numbers:
            text = lines[n].text
            if page_number.match(text) or (
                lines[n].words <= SHORT_WORDS and counts[_numberless(text)] >= least
            ):
                yield n


def _numberless(text: str) -> str:
    return _patterns()["digits"].sub("#", " ".join(text.casefold().split()))


def line_key(text: str) -> str:
    """What two lines share when they are the same furniture: a digest of the words, folded,
    with their numbers as '#' ('© 2023 Example' and '© 2024 Example' are one line)."""
    import hashlib

    return hashlib.blake2b(_numberless(text).encode("utf-8"), digest_size=6).hexdigest()


def edge_numbers(count: int) -> range | Iterable[int]:
    """The places of a document's head and tail lines (all of a short document's lines)."""
    if count <= 2 * EDGE_LINES:
        return range(count)
    return [*range(EDGE_LINES), *range(count - EDGE_LINES, count)]


def edge_keys(text: str) -> list[str]:
    """The keys of a text's short head and tail lines (its first line, the title, aside): what
    a collection counts to find the lines many documents repeat."""
    lines = [stripped for raw in text.split("\n") if (stripped := raw.strip())]  # (lines_of's)
    return sorted(
        {
            line_key(lines[n])
            for n in edge_numbers(len(lines))
            # (its words counted up to one more than a repeated line has: no list of them all)
            if n and _repeatable(lines[n], len(lines[n].split(None, REPEATED_WORDS)))
        }
    )


def _repeatable(text: str, words: int) -> bool:
    """Whether a line (its text, its count of words) can be furniture by repetition: short, no
    sentence (documents made from one template share sentences their numbers aside: 'Mayor
    Rosa Quispe spoke on March 3.') and no dateline ('By Ana Beltran 3 May 2022' repeats in a
    writer's articles: it names the writer and the day)."""
    if words > REPEATED_WORDS:
        return False
    if words >= 6 and _patterns()["sentence_end"].search(text):
        return False
    from index.reading.corpus import datelines

    return not any(pattern.match(text) for pattern in datelines())


def repeated_keys(documents: Iterable[tuple[str, Iterable[str]]]) -> frozenset[str]:
    """The edge lines (keys) a collection repeats, from each document's title and edge keys:
    those held by ``MIN_REPEATS`` documents or more (one in ``REPEATED_SHARE`` in a large
    collection), documents of one title counted once (copies of one article repeat all their
    lines; a site's footer is under many titles)."""
    import hashlib

    held: set[str] = set()
    count = 0
    for title, keys in documents:
        count += 1
        titled = " ".join(title.casefold().split()).encode("utf-8")
        title_key = hashlib.blake2b(titled, digest_size=6).hexdigest()
        held.update(f"{key}{title_key}" for key in keys)
    least = max(MIN_REPEATS, count // REPEATED_SHARE)
    counts = Counter(pair[:12] for pair in held)
    return frozenset(key for key, times in counts.items() if times >= least)


def blank(text: str, spans: Iterable[Span]) -> str:
    """The text with the spans' characters turned to spaces (offsets kept): what extraction
    reads, so furniture gives no entity and no date."""
    pieces = []
    last = 0
    for span in spans:
        start, end = min(span.start, len(text)), min(span.end, len(text))
        if start < last:
            continue
        pieces.append(text[last:start])
        pieces.append(" " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def mostly_furniture(passage: Span, spans: tuple[Span, ...]) -> bool:
    """Whether half or more of a passage's characters are furniture (it is then no snippet)."""
    if not spans:
        return False
    covered = sum(
        max(0, min(passage.end, span.end) - max(passage.start, span.start)) for span in spans
    )
    return covered * 2 >= max(1, passage.end - passage.start)
