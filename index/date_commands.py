"""``quipu date``: a document's publication date and its basis; the dates the user states.

``quipu date DOC`` says what quipu knows of the document's date and on what basis; ``quipu date
DOC VALUE`` states it (index/date_overrides.py), ``--clear`` forgets it; ``quipu date`` alone
lists the dates stated.
"""

from __future__ import annotations

import argparse
from typing import Any

from index.command_support import open_for, up_to_date, warn_all
from index.sanitize import display


def add_date_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``quipu date`` to the CLI's parser."""
    date = commands.add_parser(
        "date",
        parents=[common],
        help="a document's publication date and its basis; state it where quipu is wrong",
        description="Without DOC: the dates you stated. With DOC: its date and on what basis. "
        "With DOC VALUE: state it (kept in the corpus's user folder; survives --rebuild).",
    )
    date.add_argument("doc", metavar="DOC", nargs="?", help="a document id (or its start)")
    date.add_argument(
        "value",
        metavar="VALUE",
        nargs="?",
        help="YYYY, YYYY-MM, YYYY-MM-DD, or 'undated' (the date is not known)",
    )
    date.add_argument("--note", default="", help="why (kept with the date)")
    date.add_argument("--clear", action="store_true", help="forget the date you stated for DOC")
    date.add_argument("--json", action="store_true", help="one JSON object on stdout")
    date.set_defaults(handler=cmd_date)


def cmd_date(args: argparse.Namespace) -> int:
    from index.cli import dumps
    from index.errors import UsageError

    if args.doc is None:
        stated, warnings = open_for(args).stated_dates()
        warn_all(warnings)
        if args.json:
            print(dumps({"dates": [override.to_json() for override in stated]}))
        for override in stated if not args.json else ():
            note = f"  {display(override.note)}" if override.note else ""
            print(f"{display(override.doc)}\t{override.value}{note}")
        return 0 if stated else 1
    collection = up_to_date(args)
    if args.clear and args.value is not None:
        raise UsageError("--clear takes no VALUE")
    if args.clear:
        warn_all(collection.unstate_date(args.doc).warnings)
    elif args.value is not None:
        warn_all(collection.state_date(args.doc, args.value, args.note).warnings)
    document = collection.document(collection.resolve_doc(args.doc))
    if args.json:
        print(
            dumps(
                {
                    "doc": document.doc,
                    "published": document.published,
                    "published_basis": document.published_basis,
                    "published_confidence": document.published_confidence,
                    "published_hint": document.published_hint,
                }
            )
        )
    else:
        print(f"{display(document.doc)}\t{describe_date(document)}")
    return 0


def describe_date(document: Any) -> str:
    """The date and its basis, as a person reads them (document text made visible)."""
    return str(display(document.date_described()))
