"""The scripted CLI: ``quipu index|search|show|docs`` with readable or JSON output.

stdout carries data only; warnings and errors go to stderr as one line. Exit status as grep has
it: 0 found, 1 nothing found, 2 usage or query error, 3 index unavailable, 4 I/O error,
130 interrupted. Whoosh is imported inside the handlers, never at the top.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import QuipuError, UsageError
from index.sanitize import display
from index.strict_json import dumps

if TYPE_CHECKING:
    from index.models import DateMention, Document, Query

EXIT_FOUND, EXIT_NOT_FOUND, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
COMMANDS = ("index", "search", "show", "docs")


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports usage errors as ``quipu: error: ...`` with exit status 2."""

    def error(self, message: str) -> Any:
        raise UsageError(message)


class _VersionAction(argparse.Action):
    """``--version``: ``quipu X.Y.Z`` on stdout, exit 0. The version is looked up only when
    asked for, so other commands never pay for importlib.metadata."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(f"quipu {package_version()}")
        parser.exit(0)


def package_version() -> str:
    """The installed distribution's version; from a bare checkout, pyproject.toml's."""
    from importlib import metadata

    try:
        return metadata.version("quipu")
    except metadata.PackageNotFoundError:
        pass
    import tomllib

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        with pyproject.open("rb") as file:
            return str(tomllib.load(file)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "(unknown version)"


def build_parser() -> argparse.ArgumentParser:
    common = ArgumentParser(add_help=False)
    common.add_argument(
        "--corpus",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder of .txt, .md, .html/.htm and .eml documents (default: the bundled seeds)",
    )
    common.add_argument(
        "--index-dir",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the index lives (default: the user cache dir, one per corpus)",
    )
    parser = ArgumentParser(
        prog="quipu",
        description="Read and investigate a collection of text documents. "
        "Without a command, opens the reader.",
        parents=[common],
        epilog="Exit status: 0 found, 1 nothing found, 2 usage or query error, "
        "3 index unavailable, 4 I/O error, 130 interrupted.",
    )
    parser.add_argument("--version", action=_VersionAction, help="print quipu's version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    index = commands.add_parser("index", parents=[common], help="build or update the index")
    index.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    index.add_argument(
        "--procs",
        type=_positive,
        default=1,
        metavar="N",
        help="index with Whoosh's multiprocess writer in N processes (large corpora)",
    )
    index.add_argument("--json", action="store_true", help="print what was done as JSON")

    search = commands.add_parser("search", parents=[common], help="search the collection")
    search.add_argument(
        "query",
        nargs="?",
        help='Whoosh syntax: AND OR NOT "exact phrase" =exactword prefix* fuzzy~ title:x '
        "(or --saved NAME)",
    )
    search.add_argument(
        "--limit", type=_positive, metavar="N", help="at most N hits (default 10; -l: all)"
    )
    search.add_argument(
        "--offset",
        type=_non_negative,
        default=0,
        metavar="N",
        help="skip the first N hits (with --limit, to page through them)",
    )
    search.add_argument(
        "--from",
        dest="date_from",
        type=_date_from,
        metavar="DATE",
        help="published on or after (YYYY-MM-DD, YYYY-MM or YYYY)",
    )
    search.add_argument(
        "--to", dest="date_to", type=_date_to, metavar="DATE", help="published on or before"
    )
    search.add_argument("--entity", metavar="NAME", help="only documents mentioning this entity")
    search.add_argument(
        "--sort",
        choices=("relevance", "date"),
        default=None,
        help="order of the hits: relevance (default) or publication date, newest first",
    )
    search.add_argument(
        "--saved", metavar="NAME", help="run the saved search NAME (options given override it)"
    )
    search.add_argument(
        "--save", metavar="NAME", help="also save this search, with its filters, as NAME"
    )
    _output_options(search, jsonl=True, csv=True, paths=True)

    show = commands.add_parser("show", parents=[common], help="print one document")
    show.add_argument("doc", help="document id (see: quipu docs)")
    _output_options(show)

    docs = commands.add_parser("docs", parents=[common], help="list the documents")
    _output_options(docs, jsonl=True)

    entities = commands.add_parser(
        "entities", parents=[common], help="people, places and organizations mentioned"
    )
    entities.add_argument(
        "--type",
        choices=("PERSON", "PLACE", "ORG"),
        type=str.upper,
        help="only entities of this type (any case)",
    )
    entities.add_argument("--doc", metavar="DOC", help="only this document's mentions")
    entities.add_argument("--query", metavar="Q", help="only the documents matching Q")
    entities.add_argument("--limit", type=_positive, metavar="N", help="at most N entities")
    entities.add_argument(
        "--co", metavar="NAME", help="the entities mentioned in the same passages as NAME"
    )
    entities.add_argument(
        "--explain",
        metavar="NAME",
        help="why NAME has its type and its aliases: the evidence, document by document",
    )
    _output_options(entities, jsonl=True, csv=True)

    timeline = commands.add_parser(
        "timeline", parents=[common], help="the dates the documents talk about"
    )
    timeline.add_argument(
        "--from", dest="date_from", type=_date_from, metavar="DATE", help="mentions from DATE"
    )
    timeline.add_argument(
        "--to", dest="date_to", type=_date_to, metavar="DATE", help="mentions up to DATE"
    )
    timeline.add_argument("--doc", metavar="DOC", help="only this document")
    timeline.add_argument("--query", metavar="Q", help="only the documents matching Q")
    timeline.add_argument("--entity", metavar="NAME", help="only passages mentioning NAME")
    timeline.add_argument(
        "--granularity",
        choices=("day", "week", "month"),
        help="width of the counted buckets (default: chosen from the span of the dates)",
    )
    _output_options(timeline, jsonl=True, csv=True)
    from index.commands.user_commands import add_user_commands

    add_user_commands(commands, common)
    from index.commands.alias_commands import add_alias_commands

    add_alias_commands(commands, common)
    from index.commands.note_commands import add_note_commands

    add_note_commands(commands, common)
    from index.commands.date_commands import add_date_commands

    add_date_commands(commands, common)
    return parser


def _output_options(
    parser: argparse.ArgumentParser, jsonl: bool = False, csv: bool = False, paths: bool = False
) -> None:
    """The options of the commands that read the index: how to print, and whether to look for
    changes in the corpus first."""
    parser.add_argument(
        "--no-refresh",
        action="store_true",
        help="answer from the index as last built, without checking the corpus for changes "
        "(faster on large collections; `quipu index` updates it)",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="one JSON object on stdout")
    if jsonl:
        group.add_argument("--jsonl", action="store_true", help="one JSON record per line")
    if csv:
        group.add_argument(
            "--csv", action="store_true", help="CSV with a header row (RFC 4180, UTF-8)"
        )
    if paths:
        group.add_argument(
            "-l",
            "--files-with-matches",
            dest="paths_only",
            action="store_true",
            help="only the matching documents' paths, one a line (as rg -l)",
        )


def _positive(value: str) -> int:
    number = _non_negative(value)
    if number == 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {display(value)}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return number


def parse_date(value: str, end: bool) -> date:
    """YYYY-MM-DD, YYYY-MM or YYYY; a partial date means its first (or, with end, last) day."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {display(value)}")
    year = int(match[1])
    month = int(match[2] or (12 if end else 1))
    try:
        if match[3]:
            return date(year, month, int(match[3]))
        if end and month == 12:
            return date(year, 12, 31)
        if end:
            following = date(year, month + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"no such date: {display(value)}") from None


def _date_from(value: str) -> date:
    return parse_date(value, end=False)


def _date_to(value: str) -> date:
    return parse_date(value, end=True)


# -- output ------------------------------------------------------------------------------------

_SURROGATE = re.compile("[\udc80-\udcff]")


def warn(message: str) -> None:
    print(f"quipu: warning: {display(message)}", file=sys.stderr)


# -- commands ----------------------------------------------------------------------------------


def _collection(args: argparse.Namespace) -> Any:
    from index.api import open_collection

    corpus = getattr(args, "corpus", None)
    collection = open_collection(corpus, getattr(args, "index_dir", None))
    return collection


def _ensure(collection: Any, args: argparse.Namespace) -> None:
    from index.console import progress_bar

    with progress_bar(_interactive(), "indexing") as progress:
        report = collection.ensure_index(progress=progress, refresh=not args.no_refresh)
    if report is None:
        warn("the index is being updated by another process; answering from its last state")
        return
    for message in report.warnings:
        warn(message)


def _utf8_out() -> Callable[[bytes], object]:
    """How to write UTF-8 text to stdout: as it is, when stdout writes UTF-8 (what it holds
    written first), else decoded and written as text (its encoding, its error handler)."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    buffer = getattr(stream, "buffer", None)
    if buffer is None or encoding not in ("utf-8", "utf8"):
        return lambda data: stream.write(data.decode("utf-8", "surrogateescape"))
    stream.flush()
    return buffer.write  # type: ignore[no-any-return]


def _interactive() -> bool:
    """A person is watching: progress bars go to stderr only when both streams are terminals."""
    from index.console import is_terminal

    return is_terminal(sys.stdout) and is_terminal(sys.stderr)


def cmd_index(args: argparse.Namespace) -> int:
    from index.console import progress_bar

    collection = _collection(args)
    with progress_bar(_interactive(), f"indexing {collection.corpus.name}") as progress:
        report = collection.update(progress=progress, rebuild=args.rebuild, procs=args.procs)
    if args.json:
        print(dumps(report.to_json()))
    else:
        print(
            f"added {report.added}, updated {report.updated}, removed {report.removed}, "
            f"unchanged {report.unchanged}, skipped {len(report.skipped)}"
        )
        for skipped in report.skipped:
            print(f"skipped {display(skipped.path)}: {display(skipped.reason)}")
        print(f"index: {display(str(collection.index_dir))}")
    for message in report.warnings:
        warn(message)
    return EXIT_FOUND


def cmd_search(args: argparse.Namespace) -> int:
    from index.commands.user_commands import resolve_saved, save_search
    from index.console import Styler, is_terminal
    from index.engine.search import SEARCH_SECONDS

    resolve_saved(args)
    _check_dates(args)
    collection = _collection(args)
    _ensure(collection, args)
    if args.paths_only:
        return _print_paths(collection, args)
    results = collection.search(_query(args, limit=args.limit or 10, sort=args.sort))
    _note_ignored(args.query)
    save_search(args)
    if (args.date_from or args.date_to) and not (args.json or args.jsonl or args.csv):
        _note_unplaced_by_dates(collection, args)
    if _MENTIONS_FIELD.search(args.query) and not (args.json or args.jsonl or args.csv):
        _note_unplaced_mentions(collection)
    if args.json:
        print(dumps(results.to_json()))
    elif args.jsonl:
        for hit in results.hits:
            print(dumps(hit.to_json()))
    elif args.csv:
        from index.export import HIT_COLUMNS, hit_row, write_csv

        write_csv(sys.stdout, HIT_COLUMNS, (hit_row(hit) for hit in results.hits))
    else:
        styler = Styler(is_terminal(sys.stdout))
        for hit in results.hits:
            published = _published_label(hit.published, hit.published_basis)
            title = display(hit.title)
            title = title if len(title) <= 60 else title[:59] + "…"
            line = f"{display(hit.doc)}  {title:<60} {published:<11} {hit.score:5.2f}"
            print(styler.style(line + (f"  p. {hit.page}" if hit.page else ""), "\x1b[1m"))
            print(f"    {styler.snippet(hit.snippet)}")
            if hit.duplicates:
                count = len(hit.duplicates)
                copies = ", ".join(display(doc) for doc in hit.duplicates)
                print(f"    also: {count} {'copy' if count == 1 else 'copies'} ({copies})")
    if results.cut and not args.json:
        print(
            f"quipu: note: the search stopped at its {SEARCH_SECONDS:g} s limit: the matches "
            "found until then (make the query more specific)",
            file=sys.stderr,
        )
    if not results.total:  # why, and what to search instead, as the reader says it
        print(f"quipu: {display(results.nothing_found())}", file=sys.stderr)
    elif args.json or args.jsonl:
        pass
    elif not results.hits:
        print(
            f"quipu: no documents shown: --offset {args.offset} skips all "
            f"{_count(results.total, 'matching document')}",
            file=sys.stderr,
        )
    elif args.offset or results.total > len(results.hits):
        first, last = args.offset + 1, args.offset + len(results.hits)
        if first == 1:
            shown = f"{last} of {_count(results.total, 'document')}"
        elif first == last:
            shown = f"document {first} of {results.total}"
        else:
            shown = f"documents {first}–{last} of {results.total}"
        print(f"quipu: {shown} shown (--limit, --offset)", file=sys.stderr)
    return EXIT_FOUND if results.total else EXIT_NOT_FOUND


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _query(
    args: argparse.Namespace,
    published: bool = True,
    limit: int = 10,
    sort: str | None = None,
) -> Query:
    """The one Query of a command: ``--query`` (or the search's text), ``--entity``, and
    (``published``) ``--from``/``--to`` as publication dates; the search's page and order."""
    from index.models import Query, published_range

    dates = None
    if published:
        dates = published_range(getattr(args, "date_from", None), getattr(args, "date_to", None))
    return Query(
        args.query or "",
        getattr(args, "entity", None),
        dates,
        None,
        "date" if sort == "date" else "relevance",
        limit,
        getattr(args, "offset", 0) or 0,
    )


def _check_dates(args: argparse.Namespace) -> None:
    """A reversed ``--from/--to`` is an error, as a reversed ``published:[b TO a]`` is."""
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(
            f"--from {args.date_from.isoformat()} is after --to {args.date_to.isoformat()} "
            "(a reversed range; give the earlier date to --from)"
        )


def _note_ignored(text: str | None) -> None:
    """``quipu: note:`` for each part of the query that searches for nothing."""
    from index.engine.querytext import ignored_parts

    for part in ignored_parts(text or ""):
        note(f"{part!r} is ignored: it has no letter or digit to search for")


def note(message: str) -> None:
    print(f"quipu: note: {display(message)}", file=sys.stderr)


def _say_why_nothing(collection: Any, args: argparse.Namespace) -> None:
    """``quipu: no documents match: WHY`` on stderr, one line (``-l``: no search was run)."""
    from index.models import no_match_line

    reason = collection.why_no_hits(args.query, args.date_from, args.date_to, args.entity)
    print(f"quipu: {display(no_match_line(reason, None))}", file=sys.stderr)


def _note_no_stated_dates(documents: Any) -> None:
    """On stderr, when no document of the collection (or of the scope) states its date: its
    dates are all inferred from the texts alone, with no collection prior to check them."""
    stated = [d for d in documents if d.published_basis not in ("inferred", "none")]
    if len(documents) >= 3 and not stated:  # a collection, not a document or two
        inferred = sum(1 for d in documents if d.published_basis == "inferred")
        said = (
            f"{inferred} of {_count(len(documents), 'document')} dated from their text alone,"
            " none checked against the collection's"
            if inferred
            else f"all {len(documents)} documents undated"
        )
        print(
            "quipu: no document states its date (in its text, metadata or file name):"
            f" {said} (quipu date DOC VALUE states one)",
            file=sys.stderr,
        )


_MENTIONS_FIELD = re.compile(r"(?<![\w.])mentions:", re.IGNORECASE)


def _note_unplaced_mentions(collection: Any) -> None:
    """On stderr: how many documents have relative dates ``mentions:`` cannot place (their
    own date is not known well enough: "on Friday" in an undated document)."""
    unplaced = collection.unplaced_dates()
    if unplaced:
        documents = len(unplaced)
        print(
            f"quipu: {_count(sum(unplaced.values()), 'relative date')} in"
            f" {_count(documents, 'document')} not placed by mentions: (their"
            " document's day is not known; quipu timeline lists them as date unknown)",
            file=sys.stderr,
        )


def _note_unplaced_by_dates(collection: Any, args: argparse.Namespace) -> None:
    """On stderr: how many documents the query matches that ``--from/--to`` cannot place,
    being undated (they are left out, not guessed)."""
    matching = collection.matching_docs(_query(args, published=False))
    undated = sum(
        1
        for row in collection.documents()
        if not row.published and (matching is None or row.doc in matching)
    )
    if undated:
        print(
            f"quipu: {undated} undated matching document{'s' if undated != 1 else ''}"
            " left out by --from/--to (no publication date to place them)",
            file=sys.stderr,
        )


def _print_paths(collection: Any, args: argparse.Namespace) -> int:
    """``-l``: every matching document's path (corpus-relative), by path or, with ``--sort
    date``, newest first; no snippets are made. ``--limit`` applies only when given."""
    matching = collection.matching_docs(_query(args))
    _note_ignored(args.query)
    rows = [row for row in collection.documents() if matching is None or row.doc in matching]
    if args.sort == "date":
        rows.sort(key=lambda row: row.published or "", reverse=True)
    else:
        rows.sort(key=lambda row: row.path)
    rows = rows[args.offset :]
    if args.limit:
        rows = rows[: args.limit]
    for row in rows:
        print(display(row.path))
    if matching is not None and not matching:
        _say_why_nothing(collection, args)
    from index.commands.user_commands import save_search

    save_search(args)
    return EXIT_FOUND if rows else EXIT_NOT_FOUND


def _published_label(published: str | None, basis: str) -> str:
    if not published:
        return "undated"
    return published + ("~" if basis == "inferred" else "")


_WRITTEN_YEAR = re.compile(r"\d{4}|['’]\d\d\b")
_FROM_ANOTHER_DATE = re.compile(
    r"\b(?:that|same|later|earlier|following|previous|preceding|before|after|the next)\b",
    re.IGNORECASE,
)


def _counts_from_the_document(said: str) -> bool:
    """Whether a date as the text says it takes its year from the document's own date: "last
    year", "in March", "on Friday"; not "March 2004" nor "2004", nor "that year", "a week
    later" (from the date the text mentioned before)."""
    return _WRITTEN_YEAR.search(said) is None and _FROM_ANOTHER_DATE.search(said) is None


def _published_byline(document: Document) -> str:
    """The date as ``quipu show`` says it: with its basis, an inferred one's confidence, an
    undated document's hint ("undated — 2004–2005 from the years it mentions")."""
    if not document.published:
        return "undated" + (f" — {document.published_hint}" if document.published_hint else "")
    from index.models import basis_note

    basis = document.published_basis
    confidence = document.published_confidence if basis == "inferred" else None
    return f"{document.published} ({basis_note(basis, confidence, document.published_hint)})"


def cmd_show(args: argparse.Namespace) -> int:
    collection = _collection(args)
    _ensure(collection, args)
    document = collection.document(collection.resolve_doc(args.doc))
    if args.json:
        payload = document.to_json()
        print(dumps(payload))
        return EXIT_FOUND
    header = [display(document.title)]
    byline = " · ".join(
        display(part)
        for part in (
            document.author,
            _published_byline(document),
            document.source,
        )
        if part
    )
    if byline:
        header.append(byline)
    print("\n".join(header))
    print()
    if document.pages:
        for number, page in enumerate(document.pages, start=1):
            print(f"— p. {number} —")
            text = document.text[page.start : page.end]
            lines = _without_title(text, document.title) if number == 1 else text.split("\n")
            print("\n".join(display(line) for line in lines))
            print()
        return EXIT_FOUND
    print("\n".join(display(line) for line in _without_title(document.text, document.title)))
    return EXIT_FOUND


def _without_title(text: str, title: str) -> list[str]:
    """The lines of a document's text, less its first line (and the blank lines after it)
    when that line is the title the header shows (``# Title`` in Markdown too)."""
    lines = text.rstrip("\n").split("\n")
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if first is None or _heading(lines[first]) != _heading(title):
        return lines
    rest = first + 1
    while rest < len(lines) and not lines[rest].strip():
        rest += 1
    return lines[rest:]


def _heading(line: str) -> str:
    return " ".join(line.strip().lstrip("#").split())


def cmd_docs(args: argparse.Namespace) -> int:
    collection = _collection(args)
    _ensure(collection, args)
    rows = collection.documents()
    if args.json:
        print(dumps({"docs": [row.to_json() for row in rows]}))
    elif args.jsonl:
        for row in rows:
            print(dumps(row.to_json()))
    else:
        for row in rows:
            published = _published_label(row.published, row.published_basis)
            print(f"{display(row.doc)}\t{published}\t{row.words}\t{display(row.title)}")
        _note_no_stated_dates(rows)
    return EXIT_FOUND if rows else EXIT_NOT_FOUND


def cmd_entities(args: argparse.Namespace) -> int:
    collection = _collection(args)
    _ensure(collection, args)
    if args.doc is not None:
        args.doc = collection.resolve_doc(args.doc)
    if args.explain:
        explanation = collection.explain_entity(args.explain)
        if args.json:
            print(dumps(explanation.to_json()))
        else:
            for line in explanation.lines():
                print(display(line))
        return EXIT_FOUND
    if args.co:
        pairs = collection.co_mentions(args.co, args.limit or 20)
        if args.json:
            print(
                dumps(
                    {
                        "entity": args.co,
                        "co_mentions": [
                            {"name": e.name, "type": e.type, "passages": n} for e, n in pairs
                        ],
                    }
                )
            )
        else:
            for entity, shared in pairs:
                print(f"{shared:5d}  {entity.type:<6}  {display(entity.name)}")
        if not pairs:
            unknown = collection.unknown_entity(args.co)
            reason = unknown or f'"{args.co}" shares no passage with another entity'
            print(f"quipu: no co-mentions: {display(reason)}", file=sys.stderr)
        return EXIT_FOUND if pairs else EXIT_NOT_FOUND
    matching = collection.matching(_query(args, published=False))
    docs = None if matching is None else set(matching.ids)
    cut = matching is not None and matching.cut
    if args.json or args.jsonl:  # the mentions too: printed an entity at a time
        printed = 0
        if args.json:
            sys.stdout.write('{"entities": [')
        if docs is None and args.doc is None:  # as the last update printed them
            entities = collection.printed_entities(args.type, args.limit)
        else:
            found = collection.each_entity(args.type, args.doc, limit=args.limit, docs=docs)
            entities = (dumps(row.to_json()).encode("utf-8") for row in found)
        write = _utf8_out()
        for entity in entities:
            if args.json:
                write(b", " + entity if printed else entity)
            else:
                write(entity + b"\n")
            printed += 1
        if args.json:
            sys.stdout.write(f'], "cut": {dumps(cut)}}}\n')
        if cut and not args.json and (printed or docs):
            _note_cut("the entities")
        if not printed:
            _say_why_empty(collection, args, "entities", cut)
        return EXIT_FOUND if printed else EXIT_NOT_FOUND
    rows = collection.entities(args.type, args.doc, limit=args.limit, docs=docs, mentions=False)
    if args.csv:
        from index.export import ENTITY_COLUMNS, entity_row, write_csv

        write_csv(sys.stdout, ENTITY_COLUMNS, (entity_row(row) for row in rows))
    else:
        for row in rows:
            aliases = (
                f"  (also: {', '.join(display(a) for a in row.aliases)})" if row.aliases else ""
            )
            print(f"{row.count:5d}  {row.type:<6}  {display(row.name)}{aliases}")
    if cut and not args.json and (rows or docs):
        _note_cut("the entities")
    if not rows:
        _say_why_empty(collection, args, "entities", cut)
    return EXIT_FOUND if rows else EXIT_NOT_FOUND


def cmd_timeline(args: argparse.Namespace) -> int:
    _check_dates(args)
    collection = _collection(args)
    _ensure(collection, args)
    if args.doc is not None:
        args.doc = collection.resolve_doc(args.doc)
    # --from/--to: the days the timeline shows, not publication dates.
    query = _query(args, published=False) if args.query or args.entity else None
    timeline, dates = collection.timeline_with_dates(
        args.date_from, args.date_to, args.doc, query, args.granularity
    )
    printed = 0  # the mentions are printed as they are read
    if args.json:
        # The whole answer but its mentions, which go where its empty list is, as read.
        head, tail = dumps(timeline.to_json() | timeline.unplaced_json()).split('"mentions": []', 1)
        sys.stdout.write(head + '"mentions": [')
        everything = args.date_from is None and args.date_to is None and args.doc is None
        if everything and not args.query and not args.entity:  # as the updates printed them
            printed_dates = collection.printed_dates()
        else:
            printed_dates = (dumps(mention.to_json()).encode("utf-8") for mention in dates)
        write = _utf8_out()
        for printed_date in printed_dates:
            write(b", " + printed_date if printed else printed_date)
            printed += 1
        sys.stdout.write("]" + tail + "\n")
    elif args.jsonl:
        for mention in dates:
            print(dumps(mention.to_json()))
            printed += 1
        for mention in timeline.unresolved:  # after the placed ones: no value, "unresolved"
            print(dumps(mention.to_json() | {"value": None}))
    elif args.csv:
        from index.export import MENTION_COLUMNS, mention_row, write_csv

        def counted(mentions: Iterator[DateMention]) -> Iterator[tuple[Any, ...]]:
            nonlocal printed
            for mention in mentions:
                printed += 1
                yield mention_row(mention)
            for mention in timeline.unresolved:  # an empty value, granularity "unresolved"
                yield mention_row(mention)

        write_csv(sys.stdout, MENTION_COLUMNS, counted(dates))
    else:
        peak = max((b.count for b in timeline.buckets), default=1)
        for bucket in timeline.buckets:
            bar = "█" * max(1, round(20 * bucket.count / peak))
            print(f"{bucket.start}  {bucket.count:4d}  {bar}")
        inferred = {d.doc for d in timeline.documents if d.published_basis == "inferred"}
        guessed = 0  # dates placed from a publication date the text only suggests
        for mention in dates:
            sentence = display(" ".join(mention.sentence.split()))
            sentence = sentence if len(sentence) <= 100 else sentence[:99] + "…"
            value = mention.value
            if mention.doc in inferred and _counts_from_the_document(mention.text):
                value += "~"
                guessed += 1
            print(f"{value:<23} {display(mention.doc)}  {sentence}")
            printed += 1
        for mention in timeline.unresolved:
            # "on Friday — date unknown": relative to a date the document does not give.
            said = display(" ".join(mention.text.split()))
            sentence = display(" ".join(mention.sentence.split()))
            sentence = sentence if len(sentence) <= 80 else sentence[:79] + "…"
            print(f"{'date unknown':<23} {display(mention.doc)}  {said} — date unknown: {sentence}")
        _note_no_stated_dates(timeline.documents)
        undated, unplaced = timeline.undated, len(timeline.unresolved)
        of = f"{undated} of {_count(len(timeline.documents), 'document')} undated"
        if unplaced:
            print(
                f"quipu: {of}; {_count(unplaced, 'relative date')} not placed (their"
                " document's day is not known: listed as date unknown)",
                file=sys.stderr,
            )
        elif undated:
            print(
                f'quipu: {of}: their relative dates ("on Friday", "last year") are not placed',
                file=sys.stderr,
            )
        if guessed:
            print(
                f"quipu: {_count(guessed, 'date')} marked ~ counted from a publication date"
                ' inferred from the text ("last year" in a document of 2004~: 2003~);'
                " quipu show DOC says how sure",
                file=sys.stderr,
            )
    if timeline.cut and not args.json and (printed or timeline.documents):
        _note_cut("the dates")
    if not printed:
        _say_why_empty(collection, args, "dates", timeline.cut)
    return EXIT_FOUND if printed else EXIT_NOT_FOUND


def _note_cut(what: str) -> None:
    """The note for ``entities`` or ``timeline`` whose ``--query`` stopped at the time limit."""
    from index.engine.search import SEARCH_SECONDS

    note(
        f"--query stopped at its {SEARCH_SECONDS:g} s limit: {what} of the documents it found "
        "until then (make the query more specific)"
    )


def _say_why_empty(collection: Any, args: argparse.Namespace, what: str, cut: bool) -> None:
    """Why ``entities`` or ``timeline`` found nothing, when a name or a filter says so (or the
    query's time limit, ``cut``)."""
    from index.engine.search import SEARCH_SECONDS

    reason = None
    entity = getattr(args, "entity", None)
    if entity:
        reason = collection.unknown_entity(entity)
    if reason is None and cut and not collection.matching_docs(args.query):
        reason = (
            f"--query stopped at its {SEARCH_SECONDS:g} s limit before it found a document "
            "(make the query more specific)"
        )
    if reason is None and args.query and not collection.matching_docs(args.query):
        why = collection.why_no_hits(args.query)
        reason = "no documents match --query" + (f": {why}" if why else "")
    date_from, date_to = getattr(args, "date_from", None), getattr(args, "date_to", None)
    if reason is None and (date_from or date_to):
        from index.api import date_span

        reason = f"no date is mentioned {date_span(date_from, date_to)}"
    kind = getattr(args, "type", None)
    if reason is None and (kind or args.doc):
        of_kind = f"none of type {kind}" if kind else "none"
        reason = of_kind + (f" in {args.doc}" if args.doc else " in the collection")
    if reason:
        print(f"quipu: no {what}: {display(reason)}", file=sys.stderr)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "index": cmd_index,
    "search": cmd_search,
    "show": cmd_show,
    "docs": cmd_docs,
    "entities": cmd_entities,
    "timeline": cmd_timeline,
}


TEXT_ARGUMENTS = ("query", "entity", "co")
"""Arguments that are text, not file names: under a C locale Python hands their UTF-8 bytes
over as surrogate escapes ("Ot\\udcc3\\udca1rola"); they are read back as UTF-8."""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    for name in TEXT_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, str) and _SURROGATE.search(value):
            raw = value.encode("utf-8", "surrogateescape")
            setattr(args, name, raw.decode("utf-8", "replace"))
    return args


def run(args: argparse.Namespace) -> int:
    """Run a parsed command, turning every failure into one line on stderr and an exit status."""
    if sys.stdout is None:  # started with stdout closed (>&-): Python drops every print
        print("quipu: error: standard output is closed", file=sys.stderr)
        return 4
    try:
        handler = getattr(args, "handler", None) or HANDLERS[args.command]
        return handler(args)
    except QuipuError as error:
        print(f"quipu: error: {display(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("quipu: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as error:
        where = f" ({display(str(error.filename))})" if error.filename else ""
        print(f"quipu: error: {display(error.strerror or str(error))}{where}", file=sys.stderr)
        return 4


def prepare_streams() -> None:
    """Die quietly on a closed pipe; never crash printing under a non-UTF-8 locale."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                encoding = (stream.encoding or "").lower().replace("-", "")
                errors = "strict" if encoding == "utf8" else "backslashreplace"
                reconfigure(errors=errors if stream is sys.stdout else "backslashreplace")
            except (ValueError, OSError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the subcommands (``tui.main`` hands them here)."""
    try:
        args = parse_args(argv)
    except UsageError as error:
        print(f"quipu: error: {display(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    if args.command is None:
        print("quipu: error: no command (the reader opens from `quipu` itself)", file=sys.stderr)
        return EXIT_ERROR
    return run(args)
