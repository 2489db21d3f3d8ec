"""The commands over the user's own files: ``quipu history``, ``quipu saved``, and the saved
searches of ``quipu search --saved/--save``. None of them needs the index, so none loads Whoosh.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from index.errors import UsageError
from index.sanitize import display


def add_user_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the user-data subcommands to the CLI's parser."""
    history = commands.add_parser(
        "history", parents=[common], help="the queries run in the reader, oldest first"
    )
    history.add_argument("--json", action="store_true", help="one JSON object on stdout")
    history.add_argument("--clear", action="store_true", help="forget them")
    history.set_defaults(handler=cmd_history)

    saved = commands.add_parser(
        "saved", parents=[common], help="the saved searches (run one: quipu search --saved NAME)"
    )
    saved.add_argument("--json", action="store_true", help="one JSON object on stdout")
    saved.add_argument("--delete", metavar="NAME", help="forget the saved search NAME")
    saved.set_defaults(handler=cmd_saved)


def corpus_of(args: argparse.Namespace) -> Path:
    """The corpus a command is about (the bundled seeds unless ``--corpus``)."""
    corpus = getattr(args, "corpus", None)
    if corpus is not None:
        return Path(corpus)
    from index.api import bundled_seeds

    return bundled_seeds()


def _warn_all(warnings: tuple[str, ...]) -> None:
    for message in warnings:
        print(f"quipu: warning: {display(message)}", file=sys.stderr)


def cmd_history(args: argparse.Namespace) -> int:
    from index.strict_json import dumps
    from index.userdata.query_history import QueryHistory

    history = QueryHistory.of(corpus_of(args))
    if args.clear:
        history.clear()
        return 0
    entries, warnings = history.entries()
    _warn_all(warnings)
    if args.json:
        print(dumps({"history": [entry.to_json() for entry in entries]}))
    else:
        for number, entry in enumerate(entries, start=1):
            print(f"{number:5d}  {entry.when}  {display(entry.query)}")
    return 0 if entries else 1


def cmd_saved(args: argparse.Namespace) -> int:
    from index.strict_json import dumps
    from index.userdata.saved_searches import SavedSearches

    saved = SavedSearches.of(corpus_of(args))
    if args.delete is not None:
        if not saved.delete(args.delete):
            raise UsageError(f"no saved search called {args.delete!r} (list them: quipu saved)")
        return 0
    searches, warnings = saved.all()
    _warn_all(warnings)
    if args.json:
        print(dumps({"saved": [search.to_json() for search in searches]}))
    else:
        for search in searches:
            filters = [
                f"{label} {value}"
                for label, value in (
                    ("from", search.date_from),
                    ("to", search.date_to),
                    ("entity", search.entity),
                    ("sort", "" if search.sort == "relevance" else search.sort),
                )
                if value
            ]
            shown = f"  ({', '.join(display(f) for f in filters)})" if filters else ""
            print(f"{display(search.name)}\t{display(search.query)}{shown}")
    return 0 if searches else 1


def resolve_saved(args: argparse.Namespace) -> None:
    """``--saved NAME``: fill the query and the filters not given from the saved search."""
    from index.cli import parse_date

    if args.saved is None:
        if args.query is None:
            raise UsageError("a query is needed (or --saved NAME; list them: quipu saved)")
        return
    from index.userdata.saved_searches import SavedSearches

    saved = SavedSearches.of(corpus_of(args))
    searches, warnings = saved.all()
    _warn_all(warnings)
    search = next((s for s in searches if s.name == args.saved), None)
    if search is None:
        raise UsageError(f"no saved search called {args.saved!r} (list them: quipu saved)")
    if args.query is None:
        args.query = search.query
    try:
        if args.date_from is None and search.date_from:
            args.date_from = parse_date(search.date_from, end=False)
        if args.date_to is None and search.date_to:
            args.date_to = parse_date(search.date_to, end=True)
    except argparse.ArgumentTypeError as error:
        raise UsageError(f"saved search {args.saved!r}: {error}") from None
    if args.entity is None and search.entity:
        args.entity = search.entity
    if args.sort is None:
        args.sort = search.sort if search.sort in ("relevance", "date") else None


def save_search(args: argparse.Namespace) -> None:
    """``--save NAME``: keep the search as run, with its filters."""
    if args.save is None:
        return
    from index.userdata.saved_searches import SavedSearch, SavedSearches

    SavedSearches.of(corpus_of(args)).save(
        SavedSearch(
            args.save,
            args.query,
            args.date_from.isoformat() if args.date_from else "",
            args.date_to.isoformat() if args.date_to else "",
            args.entity or "",
            args.sort or "relevance",
        )
    )
