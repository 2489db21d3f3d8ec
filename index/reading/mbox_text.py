"""An ``.mbox`` mailbox as one document per message, read with the standard library's
``mailbox`` and streamed: the file is scanned once for where its messages start (no more than a
line in memory), then each message is read on its own, up to ``MAX_MESSAGE_BYTES``.

A message's id is the mailbox's id and its place in the file, from 1 (``lists/dev/0007``): an
archive that grows at its end keeps the ids it had.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from index.models import Document

if TYPE_CHECKING:
    import mailbox

    from index.reading.corpus import Reading, SourceFile

MAX_MESSAGE_BYTES = 2 * 1024 * 1024
MAX_MESSAGES = 100_000
CHUNK = 1 << 20


def file_digest(path: str) -> str:
    """The SHA-256 of a file, read a chunk at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def message_id(doc: str, number: int) -> str:
    return f"{doc}/{number:04d}"


def read_mbox(source: SourceFile) -> Reading:
    """The mailbox's digest and its messages' documents (read as they are asked for);
    SkipFile when it cannot be read or holds no message."""
    import mailbox

    from index.reading.corpus import Reading, SkipFile

    try:
        digest = file_digest(source.path)
        box = mailbox.mbox(source.path, create=False)
        keys = box.keys()  # the one scan for the "From " lines
    except (OSError, mailbox.Error) as error:
        reason = getattr(error, "strerror", None) or error
        raise SkipFile(f"unreadable mailbox: {reason}") from error
    if not keys:
        box.close()
        raise SkipFile("no messages in this .mbox file (no 'From ' separator lines)")
    warnings: list[str] = []
    if len(keys) > MAX_MESSAGES:
        warnings.append(f"{source.rel}: only the first {MAX_MESSAGES:,} messages are indexed")
    return Reading(digest, _messages(box, keys[:MAX_MESSAGES], source, warnings), warnings)


def _messages(
    box: mailbox.mbox, keys: list[str], source: SourceFile, warnings: list[str]
) -> Iterator[Document]:
    from index.reading.email_text import read_email
    from index.reading.messages import message_documents

    try:
        for number, key in enumerate(keys, start=1):
            doc = message_id(source.doc, number)
            try:
                with box.get_file(key) as handle:
                    raw = handle.read(MAX_MESSAGE_BYTES + 1)
            except OSError as error:
                warnings.append(f"{source.rel}: message {number} unreadable: {error}")
                continue
            if len(raw) > MAX_MESSAGE_BYTES:
                raw = raw[:MAX_MESSAGE_BYTES]
                warnings.append(f"{source.rel}: message {number} truncated to 2 MiB")
            try:
                documents = message_documents(doc, source.rel, read_email(raw))
            except Exception as error:  # the e-mail parser on hostile input: one message lost
                warnings.append(f"{source.rel}: message {number} skipped ({type(error).__name__})")
                continue
            if not documents:
                warnings.append(f"{source.rel}: message {number} has no text")
            yield from documents
    finally:
        box.close()
