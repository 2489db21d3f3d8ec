"""The errors quipu reports to users: each carries a one-line message and an exit status."""

from __future__ import annotations


class QuipuError(Exception):
    """Base class: a problem explained in one line, with the exit status the CLI uses."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(QuipuError):
    """Bad arguments (unknown document, malformed date option, ...)."""

    exit_code = 2


class QuerySyntaxError(QuipuError):
    """The query could not be parsed; `column` is 1-based where known."""

    exit_code = 2

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column


class CorpusError(QuipuError):
    """The corpus folder is missing or unreadable."""

    exit_code = 2


class IndexUnavailableError(QuipuError):
    """The index is damaged, of a foreign version, or locked by another process."""

    exit_code = 3


class IndexBusyError(IndexUnavailableError):
    """Another process holds the index's write lock."""


class IndexMissingError(IndexUnavailableError):
    """The index folder (or every table of contents in it) went while it was open."""


class StorageError(QuipuError):
    """An I/O error while writing the index (disk full, permission denied)."""

    exit_code = 4
