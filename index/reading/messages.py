"""E-mail messages as documents: a message, and each of its text attachments as a document of
its own linked to it (its id ``<message id>/<file name>``, its ``parent`` the message)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from index.models import Document
from index.reading.email_text import Mail, header_people
from index.sanitize import clean_text

MAX_NAME_CHARS = 100
_UNSAFE = re.compile(r"[/\\\s]+")


def message_documents(doc: str, rel: str, mail: Mail) -> list[Document]:
    """The message (first) and its text attachments; none when the message has no text."""
    from index.reading.corpus import parse_document

    text = clean_text(mail.text)
    if not text.strip():
        return []
    meta: dict[str, Any] = {"title": mail.title, "author": mail.author, "date": mail.published}
    meta = {key: value for key, value in meta.items() if value}
    message = replace(
        parse_document(doc, rel, text, meta),
        attachments=mail.attachments,
        sender=_clean(mail.sender),
        recipients=_clean(mail.recipients),
        people=header_people(text),
    )
    documents = [message]
    used: set[str] = set()
    for attachment in mail.texts:
        body = clean_text(attachment.text)
        if not body.strip():
            continue
        name = attachment_name(attachment.name, used)
        child = parse_document(
            f"{doc}/{name}", rel, body, {**meta, "title": attachment.name or name}
        )
        documents.append(replace(child, parent=doc))
    return documents


def attachment_name(name: str, used: set[str]) -> str:
    """An attachment's file name as the last part of an id: no slashes or spaces, not hidden,
    bounded, and unique among the message's attachments (``notes.txt``, ``notes.txt-2``)."""
    safe = _UNSAFE.sub("_", clean_text(name)).lstrip(".")[:MAX_NAME_CHARS] or "attachment"
    unique, number = safe, 1
    while unique in used:
        number += 1
        unique = f"{safe}-{number}"
    used.add(unique)
    return unique


def _clean(value: str | None) -> str | None:
    return clean_text(value) if value else None
