"""BM25F as Whoosh computes it, with each document's field lengths read from a list.

Whoosh's scorer looks a matching document's field length up in an on-disk column, through four
calls per match: a third of a common word's search time at 10,000 documents. This weighting
reads each field's column once per segment into a list, and scores with the same formula.
Import it only where Whoosh is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh import scoring


class ListedLengthsBM25F(scoring.BM25F):  # type: ignore[misc]
    """BM25F (Whoosh's defaults) with field lengths kept in memory, per segment and field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # (segment reader, field) -> length of that field in each document, by number. The
        # weighting lives as long as its searcher, whose segment readers never change.
        self._lengths: dict[tuple[int, str], list[int]] = {}

    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> Any:
        scorer = super().scorer(searcher, fieldname, text, qf)
        if hasattr(scorer, "dfl"):  # a length-weighted scorer (not an unscorable field's)
            scorer.dfl = self._lengths_of(searcher, fieldname)
        return scorer

    def _lengths_of(self, searcher: Any, fieldname: str) -> Callable[[int], int]:
        reader = searcher.reader()
        key = (id(reader), fieldname)
        lengths = self._lengths.get(key)
        if lengths is None:
            count = reader.doc_count_all()
            listed = column_lengths(getattr(reader, "_perdoc", None), fieldname, count)
            if listed is not None:
                lengths = [length if length > 0 else 1 for length in listed]
            else:
                lengths = [reader.doc_field_length(docnum, fieldname, 1) for docnum in range(count)]
            self._lengths[key] = lengths
        return lengths.__getitem__


def column_lengths(perdoc: Any, fieldname: str, count: int) -> list[int] | None:
    """The lengths of ``fieldname`` in a segment's ``count`` documents, decoded from its length
    column in one read (a read per document took 30 ms of a one-shot search at 10,000
    documents); -1 where a document stores none. None when the column is not a Whoosh 3 one of
    a byte per document."""
    from whoosh.codec import whoosh3
    from whoosh.util.numeric import byte_to_length

    try:
        column = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if column is None:
            return [-1] * count
        if column._fixedlen != 1:
            return None
        stored = bytes(column._dbfile.get(column._basepos, column._count))
    except (AttributeError, TypeError):
        return None
    table = [-1] + [byte_to_length(b) for b in range(1, 256)]  # 0: no length stored
    return [table[b] for b in stored[:count]] + [-1] * max(0, count - len(stored))
