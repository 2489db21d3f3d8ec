"""Mailboxes (.mbox) as one document per message; e-mail headers as fields and people; text
attachments as documents linked to their message; a large mailbox read in bounded memory."""

from __future__ import annotations

import json
import mailbox
import time
import tracemalloc
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from index.cli import main
from index.reading.corpus import read_file, scan
from index.reading.mbox_text import MAX_MESSAGE_BYTES


def message(
    sender: str, to: str, subject: str, day: str, body: str, cc: str | None = None
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    if cc:
        mail["Cc"] = cc
    mail["Subject"] = subject
    mail["Date"] = day
    mail.set_content(body)
    return mail


def write_mbox(path: Path, messages: list[EmailMessage]) -> None:
    box = mailbox.mbox(str(path))
    for mail in messages:
        box.add(mail)
    box.flush()
    box.close()


def sample() -> list[EmailMessage]:
    first = message(
        "Jane Doe <jane@example.org>",
        "Ana Ruiz <ana@example.org>",
        "Water board meeting",
        "Tue, 10 Jan 2023 09:15:00 -0500",
        "The water board meets in Cusco on Friday.\n",
    )
    second = message(
        '"Quispe, Maria" <maria@example.org>',
        "dev-list@example.org",
        "Re: Water board meeting",
        "Wed, 11 Jan 2023 10:00:00 +0000",
        "Minutes attached.\n",
        cc="Tomas Nunez <tomas@example.org>, Help Desk Team <help@example.org>",
    )
    second.add_attachment(
        b"Attendance: twelve farmers from the valley.\n",
        maintype="text",
        subtype="plain",
        filename="minutes.txt",
    )
    second.add_attachment(b"\x89PNG\x00\x00", maintype="image", subtype="png", filename="map.png")
    third = message(
        "bob@example.org",
        "Jane Doe <jane@example.org>",
        "Budget",
        "Thu, 12 Jan 2023 08:00:00 +0000",
        "The budget for the valley project is ready.\n",
    )
    return [first, second, third]


def cli(capsys: pytest.CaptureFixture[str], corpus: Path, *argv: str) -> tuple[int, Any]:
    code = main([*argv, "--corpus", str(corpus), "--index-dir", str(corpus.parent / "index")])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, json.loads(out) if out.strip().startswith("{") else out


def test_mbox_is_a_document_per_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "lists").mkdir(parents=True)
    write_mbox(corpus / "lists" / "dev.mbox", sample())
    code, docs = cli(capsys, corpus, "docs", "--json")
    assert code == 0
    rows = {row["doc"]: row for row in docs["docs"]}
    assert sorted(rows) == [
        "lists/dev/0001",
        "lists/dev/0002",
        "lists/dev/0002/minutes.txt",
        "lists/dev/0003",
    ]
    assert rows["lists/dev/0001"]["title"] == "Water board meeting"
    assert rows["lists/dev/0001"]["author"] == "Jane Doe"
    assert (rows["lists/dev/0002"]["published"], rows["lists/dev/0002"]["published_basis"]) == (
        "2023-01-11",
        "metadata",
    )
    assert rows["lists/dev/0002/minutes.txt"]["parent"] == "lists/dev/0002"
    assert rows["lists/dev/0002"]["parent"] is None
    assert all(row["path"] == "lists/dev.mbox" for row in rows.values())

    _, shown = cli(capsys, corpus, "show", "lists/dev/0002", "--json")
    assert shown["attachments"] == ["minutes.txt", "map.png"]
    assert shown["from"] == '"Quispe, Maria" <maria@example.org>'
    assert "tomas@example.org" in shown["to"] and "dev-list@example.org" in shown["to"]
    _, child = cli(capsys, corpus, "show", "lists/dev/0002/minutes.txt", "--json")
    assert child["parent"] == "lists/dev/0002"
    assert child["text"].startswith("Attendance: twelve farmers")
    assert (child["title"], child["published"]) == ("minutes.txt", "2023-01-11")


def test_from_and_to_are_fields_and_display_names_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_mbox(corpus / "dev.mbox", sample())

    def found(query: str) -> list[str]:
        code, result = cli(capsys, corpus, "search", query, "--json")
        return sorted(hit["doc"] for hit in result["hits"]) if code == 0 else []

    assert found("from:jane") == ["dev/0001"]
    assert found("from:jane@example.org") == ["dev/0001"]
    assert found("to:jane") == ["dev/0003"]
    assert found("to:tomas") == ["dev/0002"]  # Cc counts as a recipient
    assert found("from:bob") == ["dev/0003"]
    assert found("to:cusco") == []  # the body is not a recipient
    _, entities = cli(capsys, corpus, "entities", "--json", "--type", "PERSON", "--limit", "50")
    people = {entity["name"] for entity in entities["entities"]}
    assert {"Jane Doe", "Ana Ruiz", "Maria Quispe", "Tomas Nunez"} <= people
    assert not any("Help Desk" in name or "@" in name for name in people)


def test_mbox_ids_are_stable_as_it_grows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    messages = sample()
    write_mbox(corpus / "dev.mbox", messages)
    _, before = cli(capsys, corpus, "docs", "--json")
    later = message(
        "Ana Ruiz <ana@example.org>",
        "x@example.org",
        "Late",
        "Fri, 13 Jan 2023 08:00:00 +0000",
        "A late reply about Cusco.\n",
    )
    write_mbox(corpus / "dev.mbox", [later])  # appended
    _, after = cli(capsys, corpus, "docs", "--json")
    old = {row["doc"]: row["title"] for row in before["docs"]}
    new = {row["doc"]: row["title"] for row in after["docs"]}
    assert {doc: new[doc] for doc in old} == old
    assert new["dev/0004"] == "Late"
    (corpus / "dev.mbox").unlink()
    (corpus / "note.txt").write_text("A note.\n", encoding="utf-8")
    _, gone = cli(capsys, corpus, "docs", "--json")
    assert [row["doc"] for row in gone["docs"]] == ["note"]
    code, _ = cli(capsys, corpus, "search", "Cusco", "--json")
    assert code == 1


def test_not_a_mailbox_is_skipped_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "junk.mbox").write_bytes(b"no separator lines here\n\x00\x01")
    (corpus / "empty.mbox").write_bytes(b"")
    (corpus / "note.txt").write_text("A note.\n", encoding="utf-8")
    code, report = cli(capsys, corpus, "index", "--json")
    reasons = {s["path"]: s["reason"] for s in report["skipped"]}
    assert set(reasons) == {"junk.mbox", "empty.mbox"}
    assert all("no messages" in reason for reason in reasons.values())


def _peak_reading(folder: Path) -> tuple[int, int, list[str]]:
    """(documents, peak bytes allocated, warnings) of reading the one mailbox in ``folder``."""
    (source,), _ = scan(folder)
    tracemalloc.start()
    try:
        reading = read_file(source)
        count = sum(1 for _ in reading.documents)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return count, peak, reading.warnings


def test_a_large_mbox_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """18 MB of mail (over twice the bound below), streamed: a message or so in memory at once,
    never the mailbox."""
    body = ("Minutes of the water board. " * 40 + "\n") * 90  # ~100 KB a message
    (tmp_path / "big").mkdir()
    path = tmp_path / "big" / "big.mbox"
    with open(path, "wb") as handle:
        for number in range(180):
            mail = message(
                f"Person {number} <p{number}@example.org>",
                "list@example.org",
                f"Message {number}",
                "Tue, 10 Jan 2023 09:15:00 -0500",
                body,
            )
            handle.write(b"From p@example.org Tue Jan 10 09:15:00 2023\n")
            handle.write(mail.as_bytes() + b"\n")
    size = path.stat().st_size
    assert size > 2 * 4 * MAX_MESSAGE_BYTES  # reading it whole could not pass
    started = time.monotonic()
    count, peak, _ = _peak_reading(tmp_path / "big")
    assert count == 180
    assert peak < 4 * MAX_MESSAGE_BYTES, f"peak {peak:,} bytes for a {size:,}-byte mailbox"
    assert time.monotonic() - started < 120


def test_a_huge_message_is_truncated(tmp_path: Path) -> None:
    path = tmp_path / "huge.mbox"
    with open(path, "wb") as handle:
        handle.write(b"From x Tue Jan 10 09:15:00 2023\nSubject: huge\n\n" + b"y " * 5_000_000)
        handle.write(b"\nFrom x Tue Jan 10 09:15:00 2023\nSubject: small\n\nThe end.\n")
    count, peak, warnings = _peak_reading(tmp_path)
    assert count == 2
    assert any("message 1 truncated" in warning for warning in warnings)
    assert peak < 4 * path.stat().st_size
