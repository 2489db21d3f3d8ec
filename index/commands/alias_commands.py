"""``quipu alias``: the user's corrections to the entities (merge, split, type, rename).

Each correction is a line of ``aliases.tsv`` in the corpus's user folder (index/alias_edits.py),
checked against the entities as they are, written, and applied at once by an index update; the
next ``quipu entities`` shows it, and so does every search by entity.
"""

from __future__ import annotations

import argparse
from typing import Any

from index.commands.command_support import open_for, up_to_date, warn_all
from index.sanitize import display


def add_alias_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``quipu alias`` and its subcommands to the CLI's parser."""
    alias = commands.add_parser(
        "alias",
        parents=[common],
        help="correct the entities: merge, split off an alias, change a type, rename",
        description="Corrections are kept in a plain-text file in the corpus's user folder, "
        "applied in order after every index update, and survive --rebuild.",
    )
    actions = alias.add_subparsers(dest="alias_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="the corrections, in order")
    listing.add_argument("--json", action="store_true", help="one JSON object on stdout")
    listing.set_defaults(handler=cmd_alias_list)
    for action, first, second, text in (
        ("merge", "NAME", "OTHER", "OTHER is the same entity as NAME (NAME keeps its name)"),
        ("split", "NAME", "ALIAS", "ALIAS is not NAME: it becomes an entity of its own"),
        ("type", "NAME", "TYPE", "NAME is a PERSON, PLACE or ORG"),
        ("rename", "NAME", "NEW", "show NAME as NEW (the old name stays an alias)"),
    ):
        parser = actions.add_parser(action, parents=[common], help=text)
        parser.add_argument("name", metavar=first, help="an entity's name or one of its aliases")
        if action == "type":
            parser.add_argument(
                "value",
                metavar=second,
                type=str.upper,
                choices=("PERSON", "PLACE", "ORG"),
                help="PERSON, PLACE or ORG (any case)",
            )
        else:
            parser.add_argument("value", metavar=second, help=text.split(":")[0])
        parser.set_defaults(handler=cmd_alias_edit, action=action)
    drop = actions.add_parser("drop", parents=[common], help="forget correction N (see: list)")
    drop.add_argument("number", metavar="N", type=int, help="its number in quipu alias list")
    drop.set_defaults(handler=cmd_alias_drop)


def cmd_alias_list(args: argparse.Namespace) -> int:
    from index.strict_json import dumps

    edits, warnings = open_for(args).corrections()
    warn_all(warnings)
    if args.json:
        print(dumps({"corrections": [edit.to_json() for edit in edits]}))
    else:
        for number, edit in enumerate(edits, start=1):
            print(f"{number:3d}  {edit.action:<6}  {display(edit.name)}\t{display(edit.value)}")
    return 0 if edits else 1


def cmd_alias_edit(args: argparse.Namespace) -> int:
    from index.userdata.alias_edits import AliasEdit

    collection = up_to_date(args)
    edit = AliasEdit(args.action, args.name, args.value)
    warn_all(collection.correct(edit).warnings)
    print(f"{display(edit.describe())}")
    return 0


def cmd_alias_drop(args: argparse.Namespace) -> int:
    collection = up_to_date(args)
    dropped, report = collection.uncorrect(args.number)
    warn_all(report.warnings)
    print(f"forgot: {display(dropped.describe())}")
    return 0
