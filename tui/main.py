"""The ``quipu`` console script: a subcommand runs the headless CLI, no command opens the reader.

Textual is imported only on the reader's path, so ``quipu search`` starts fast over SSH.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from index import cli

    cli.prepare_streams()
    try:
        args = cli.parse_args(argv)
    except cli.UsageError as error:
        print(f"quipu: error: {cli.display(str(error))}", file=sys.stderr)
        return cli.EXIT_ERROR
    if args.command is not None:
        return cli.run(args)
    if not sys.stdout.isatty() or not sys.stdin.isatty() or os.environ.get("TERM") == "dumb":
        print(
            "quipu: error: the reader needs an interactive terminal; "
            "use the commands instead (quipu search QUERY, quipu --help)",
            file=sys.stderr,
        )
        return cli.EXIT_ERROR
    from tui.app import run_app

    return run_app(getattr(args, "corpus", None), getattr(args, "index_dir", None))


def entry() -> None:
    sys.exit(main())
