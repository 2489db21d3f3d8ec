"""The readable text and the metadata of one e-mail message (``.eml``), with the standard
library's parser.

The text is the message's headers a reader needs (From, To, Cc, Date, Subject), its text part
(or its HTML part read as a page), and the names of its attachments. Subject is the title, From
the author, Date the publication date (basis ``metadata``).
"""

from __future__ import annotations

from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

HEADERS = ("From", "To", "Cc", "Date", "Subject")
MAX_ATTACHMENTS = 200


@dataclass(frozen=True, slots=True)
class Mail:
    """One message: its text and what its headers say."""

    text: str
    title: str | None
    author: str | None
    published: str | None
    attachments: tuple[str, ...]


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
    attachments = _attachments(message)
    parts = ["\n".join(lines), body]
    if attachments:
        parts.append("Attachments: " + ", ".join(attachments))
    return Mail(
        text="\n\n".join(part for part in parts if part.strip()),
        title=_header(message, "Subject"),
        author=_sender(message),
        published=_day(message),
        attachments=attachments,
    )


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
        from index.html_text import read_html

        return read_html(content).text
    return content


def _attachments(message: EmailMessage) -> tuple[str, ...]:
    names = []
    try:
        for part in message.iter_attachments():
            names.append(" ".join((part.get_filename() or "(unnamed)").split()))
            if len(names) >= MAX_ATTACHMENTS:
                break
    except (KeyError, ValueError, TypeError, AttributeError):
        pass
    return tuple(names)
