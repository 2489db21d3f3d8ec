"""``quipu date``: a document's publication date and its basis; the dates the user states.

``quipu date DOC`` says what quipu knows of the document's date and on what basis; ``quipu date
DOC VALUE`` states it (index/date_overrides.py), ``--clear`` forgets it; ``quipu date`` alone
lists the dates stated.
"""

from __future__ import annotations

import argparse
from typing import Any

from index.commands.command_support import open_for, up_to_date, warn_all
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
    date.add_argument(
        "--file",
        metavar="F",
        help="state many dates: DOC<TAB>DATE[<TAB>NOTE] lines from F (- reads standard "
        "input; DATE may be 'clear'); a bad line is reported and nothing is applied",
    )
    date.add_argument("--clear", action="store_true", help="forget the date you stated for DOC")
    date.add_argument("--json", action="store_true", help="one JSON object on stdout")
    date.set_defaults(handler=cmd_date)


def cmd_date(args: argparse.Namespace) -> int:
    from index.errors import UsageError
    from index.strict_json import dumps

    if args.file is not None:
        if args.doc is not None or args.clear:
            raise UsageError("--file takes no DOC, VALUE or --clear (they are its lines)")
        return state_from_file(args)
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


def read_lines(name: str) -> str:
    """The text of file ``name`` (``-``: standard input), as UTF-8."""
    import sys
    from pathlib import Path

    from index.errors import UsageError

    try:
        if name == "-":
            return sys.stdin.buffer.read().decode("utf-8")
        return Path(name).read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(f"{name}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise UsageError(f"{name}: {error.strerror or error}") from None


def state_from_file(args: argparse.Namespace) -> int:
    """``quipu date --file F``: every ``DOC<TAB>DATE[<TAB>NOTE]`` line checked first (the
    document exists, the date is one ``quipu date`` takes, or ``clear``; no document twice);
    any bad line is one error line and exit 2 with nothing applied; else all are stated in
    one write and one update, and each document's date is printed as ``quipu date DOC``
    prints it."""
    import sys

    from index.errors import UsageError
    from index.strict_json import dumps

    source = "standard input" if args.file == "-" else args.file
    text = read_lines(args.file)
    collection = up_to_date(args)
    wanted: list[tuple[str, str, str]] = []
    seen: dict[str, int] = {}
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) not in (2, 3):
            problems.append(
                f"line {number}: expected DOC<TAB>DATE[<TAB>NOTE], got {len(fields)} field(s)"
            )
            continue
        given, value, note = fields[0].strip(), fields[1].strip(), (fields[2:] or [""])[0]
        try:
            doc = collection.resolve_doc(given)
        except UsageError as error:
            problems.append(f"line {number}: {error}")
            continue
        problem = None if value == "clear" else collection.date_problem(value)
        if problem:
            problems.append(f"line {number}: {problem}")
            continue
        if value == "clear" and doc not in {o.doc for o in collection.stated_dates()[0]}:
            problems.append(f"line {number}: you stated no date for {doc} (nothing to clear)")
            continue
        if doc in seen:
            problems.append(f"line {number}: {doc} again (first on line {seen[doc]})")
            continue
        seen[doc] = number
        wanted.append((doc, value, note))
    for problem in problems:
        print(f"quipu: error: {display(source)} {display(problem)}", file=sys.stderr)
    if problems:
        lines = "line" if len(problems) == 1 else "lines"
        print(f"quipu: {len(problems)} bad {lines}: no date applied", file=sys.stderr)
        return 2
    if not wanted:
        print(f"quipu: no dates in {display(source)}", file=sys.stderr)
        return 1
    warn_all(collection.state_dates(wanted).warnings)
    documents = [collection.document(doc) for doc, _, _ in wanted]
    if args.json:
        print(
            dumps(
                {
                    "dates": [
                        {
                            "doc": d.doc,
                            "published": d.published,
                            "published_basis": d.published_basis,
                            "published_confidence": d.published_confidence,
                            "published_hint": d.published_hint,
                        }
                        for d in documents
                    ]
                }
            )
        )
    else:
        for document in documents:
            print(f"{display(document.doc)}\t{describe_date(document)}")
    return 0


def describe_date(document: Any) -> str:
    """The date and its basis, as a person reads them (document text made visible)."""
    return str(display(document.date_described()))
