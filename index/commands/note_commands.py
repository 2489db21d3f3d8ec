"""``quipu notes``: notes and bookmarks on passages, listed, added, deleted, exported.

The notes live in ``notes.tsv`` in the corpus's user folder (index/notes.py); each is found
again by its quote when its document changes.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from index.commands.command_support import open_for, up_to_date, warn_all
from index.errors import UsageError
from index.sanitize import display


def add_note_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``quipu notes`` (list, add, delete, export) to the CLI's parser."""
    notes = commands.add_parser(
        "notes",
        parents=[common],
        help="notes and bookmarks on passages: list them, add, delete, export as Markdown",
    )
    notes.add_argument("--doc", metavar="DOC", help="only this document's notes")
    shape = notes.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="one JSON object on stdout")
    shape.add_argument(
        "--markdown", action="store_true", help="a Markdown document citing each passage"
    )
    notes.set_defaults(handler=cmd_notes)
    actions = notes.add_subparsers(dest="notes_action", metavar="ACTION")
    add = actions.add_parser("add", parents=[common], help="write a note (no TEXT: a bookmark)")
    add.add_argument("note_doc", metavar="DOC", help="the document's id")
    add.add_argument("text", metavar="TEXT", nargs="?", default="", help="the note")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--quote", metavar="TEXT", help="the passage, as the document has it")
    where.add_argument("--at", metavar="START:END", help="the passage by character offsets")
    add.set_defaults(handler=cmd_notes_add)
    delete = actions.add_parser("delete", parents=[common], help="forget a note")
    delete.add_argument("id", metavar="ID", help="the note's id, as quipu notes lists it")
    delete.set_defaults(handler=cmd_notes_delete)


def cmd_notes(args: argparse.Namespace) -> int:
    from index.strict_json import dumps
    from index.userdata.notes import as_markdown

    collection = up_to_date(args)
    placed, warnings = collection.notes(args.doc)
    warn_all(warnings)
    if args.json:
        print(dumps({"notes": [note.to_json() for note in placed]}))
    elif args.markdown:
        sys.stdout.write(as_markdown(collection.corpus.resolve().name, placed))
    else:
        for note in placed:
            where = f"{note.start}-{note.end}" if note.start is not None else "lost"
            moved = "  (moved)" if note.status == "moved" else ""
            quote = " ".join(note.note.quote.split())
            quote = quote if len(quote) <= 60 else quote[:59] + "…"
            text = f"  {display(note.note.text)}" if note.note.text else ""
            doc = note.doc or note.note.path
            print(f"{note.note.id}  {display(doc)}  {where}{moved}  “{display(quote)}”{text}")
    return 0 if placed else 1


def cmd_notes_add(args: argparse.Namespace) -> int:
    collection = up_to_date(args)
    document = collection.document(collection.resolve_doc(args.note_doc))
    if args.at is not None:
        match = re.fullmatch(r"\s*(\d+)\s*:\s*(\d+)\s*", args.at)
        if match is None:
            raise UsageError(f"--at takes START:END character offsets, not {args.at!r}")
        start, end = int(match.group(1)), int(match.group(2))
    else:
        from index.userdata.notes import quote_pattern

        pattern = quote_pattern(args.quote)
        if pattern is None:
            raise UsageError("--quote needs the passage's text")
        found = list(pattern.finditer(document.text))
        if not found:
            raise UsageError(f"{args.note_doc} has no passage {args.quote!r}")
        if len(found) > 1:
            print(
                f"quipu: note: the quote occurs {len(found)} times; "
                f"the note is on the first (characters {found[0].start()}-{found[0].end()}; "
                "another: --at START:END)",
                file=sys.stderr,
            )
        start, end = found[0].span()
    placed = collection.add_note(document.doc, start, end, args.text)
    print(placed.note.id)
    return 0


def cmd_notes_delete(args: argparse.Namespace) -> int:
    open_for(args).delete_note(args.id)
    return 0
