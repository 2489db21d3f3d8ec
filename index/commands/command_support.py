"""What the subcommands kept in their own modules share: the collection of ``--corpus``, brought
up to date, and warnings on stderr."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any


def open_for(args: argparse.Namespace) -> Any:
    """The collection of ``--corpus`` (the bundled seeds by default) and ``--index-dir``."""
    from index.api import open_collection

    return open_collection(getattr(args, "corpus", None), getattr(args, "index_dir", None))


def up_to_date(args: argparse.Namespace) -> Any:
    """The collection, its index brought up to date first (its warnings shown)."""
    collection = open_for(args)
    report = collection.ensure_index()
    warn_all(report.warnings if report is not None else ())
    return collection


def warn_all(warnings: Iterable[str]) -> None:
    from index.cli import warn

    for message in warnings:
        warn(message)
