"""The readable text and the metadata of one e-mail message (``.eml``, or one message of an
``.mbox``), with the standard library's parser.

The text is the message's headers a reader needs (From, To, Cc, Date, Subject), its text part
(or its HTML part read as a page), and the names of its attachments. Subject is the title, From
the author, Date the publication date (basis ``metadata``). From, To and Cc are kept as written
(the ``from:`` and ``to:`` fields); the text of text attachments (text/*, .txt, .md, .csv) is
kept to index as documents of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from index.models import Span

HEADERS = ("From", "To", "Cc", "Date", "Subject")
PEOPLE_HEADERS = ("From", "To", "Cc")
MAX_ATTACHMENTS = 200
TEXT_ATTACHMENT_SUFFIXES = (".txt", ".md", ".csv")
TEXT_ATTACHMENT_TYPES = ("text/plain", "text/markdown", "text/csv", "text/x-markdown")


@dataclass(frozen=True, slots=True)
class TextAttachment:
    """A text file attached to a message: its name and decoded text."""

    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Mail:
    """One message: its text and what its headers say."""

    text: str
    title: str | None
    author: str | None
    published: str | None
    attachments: tuple[str, ...]
    sender: str | None = None
    recipients: str | None = None
    texts: tuple[TextAttachment, ...] = ()


def read_email(raw: bytes) -> Mail:
    """Parse one message; malformed headers and parts are read as far as they go."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    lines = []
    for name in HEADERS:
        value = _header(message, name)
        if value:
            lines.append(f"{name}: {value}")
    body = _body(message)
    attachments, texts = _attachments(message)
    parts = ["\n".join(lines), body]
    if attachments:
        parts.append("Attachments: " + ", ".join(attachments))
    recipients = [value for name in ("To", "Cc") if (value := _header(message, name))]
    return Mail(
        text="\n\n".join(part for part in parts if part.strip()),
        title=_header(message, "Subject"),
        author=_sender(message),
        published=_day(message),
        attachments=attachments,
        sender=_header(message, "From"),
        recipients=", ".join(recipients) or None,
        texts=texts,
    )


_NOT_A_PERSON = re.compile(
    r"\b(?:list|lists|team|group|admin|administrator|support|news|newsletter|noreply|no-reply"
    r"|mailer|daemon|bot|info|notifications?|digest|bounces?|owner|moderator|postmaster"
    r"|webmaster|committee|office|department|staff|service|services)\b",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(r"^(From|To|Cc): (.*)$", re.MULTILINE)
MAX_NAME_WORDS = 5


def header_people(text: str) -> tuple[Span, ...]:
    """Where the From, To and Cc lines at the head of a message's text name people: their
    display names ("Jane Doe" of "Jane Doe <jane@example.org>"; "Jane Doe" of "Jane Doe via
    Some-list"), not bare addresses, and not names of lists, teams or robots."""
    head_end = text.find("\n\n")
    head = text if head_end < 0 else text[:head_end]
    spans: list[Span] = []
    for line in _HEADER_LINE.finditer(head):
        value, base = line.group(2), line.start(2)
        position = 0
        for name, _address in getaddresses([value]):
            name = name.split(" via ")[0].strip(" '\"")
            words = name.replace(",", " ").split()
            if (
                not words
                or len(words) > MAX_NAME_WORDS
                or "@" in name
                or not all(word[:1].isalpha() for word in words)
                or _NOT_A_PERSON.search(name)
            ):
                continue
            found = value.find(name, position)
            if found < 0:
                continue
            spans.append(Span(base + found, base + found + len(name)))
            position = found + len(name)
    return tuple(spans)


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError, AttributeError):
        return None  # a header the policy cannot parse
    if value is None:
        return None
    return " ".join(str(value).split()) or None


def _sender(message: EmailMessage) -> str | None:
    value = _header(message, "From")
    if not value:
        return None
    addresses = getaddresses([value])
    if not addresses:
        return value
    name, address = addresses[0]
    return name or address or value


def _day(message: EmailMessage) -> str | None:
    value = _header(message, "Date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _body(message: EmailMessage) -> str:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except (KeyError, ValueError, TypeError, AttributeError):
        part = None
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (KeyError, LookupError, ValueError, TypeError, AttributeError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        from index.reading.html_text import read_html

        return read_html(content).text
    return content


def _attachments(message: EmailMessage) -> tuple[tuple[str, ...], tuple[TextAttachment, ...]]:
    """The names of a message's attachments, and the text of those that are text files."""
    names: list[str] = []
    texts: list[TextAttachment] = []
    try:
        for part in message.iter_attachments():
            name = " ".join((part.get_filename() or "(unnamed)").split())
            names.append(name)
            text = _attachment_text(part, name)
            if text is not None and text.strip():
                texts.append(TextAttachment(name, text))
            if len(names) >= MAX_ATTACHMENTS:
                break
    except (KeyError, ValueError, TypeError, AttributeError):
        pass
    return tuple(names), tuple(texts)


def _attachment_text(part: EmailMessage, name: str) -> str | None:
    """The text of an attachment that is a text file (by type or name), else None."""
    kind = part.get_content_type()
    if kind not in TEXT_ATTACHMENT_TYPES and not name.lower().endswith(TEXT_ATTACHMENT_SUFFIXES):
        return None
    if part.is_multipart():
        return None
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return None
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    from index.reading.corpus import SkipFile, decode_with_encoding

    try:
        return decode_with_encoding(payload)[0]
    except SkipFile:
        return None  # a binary file with a text file's name
