"""Whoosh's single-process writer, tuned for building many documents at once.

Two costs of Whoosh's writer grow with the collection and are Python bookkeeping rather than
indexing: at commit, the length of a document's field is looked up on disk for every posting
(3 million lookups at 10,000 documents), and postings that overflow memory are written to
temporary runs one pickle call per posting, then read back the same way. Here the lengths are
read once per field into a list, and runs are written and read in chunks. The segment written is
byte for byte the one Whoosh writes (a test holds it so). Import only where Whoosh is loaded.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from typing import Any

from whoosh.writing import PostingPool, SegmentWriter

from index.engine.scoring import column_lengths

RUN_CHUNK = 8192
"""Postings per pickle call in a temporary run."""


class ChunkedPostingPool(PostingPool):  # type: ignore[misc]
    """Whoosh's posting pool, with its overflow runs pickled a chunk at a time."""

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        # Whoosh's estimate of the posting's size in memory, without its per-posting checks
        # (the postings come from the schema's own fields).
        self.fieldnames.add(item[0])
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f: Any, items: list[Any]) -> None:
        for start in range(0, len(items), RUN_CHUNK):
            pickle.dump(items[start : start + RUN_CHUNK], f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


class ListedLengths:
    """A new segment's per-document reader, answering field lengths from lists."""

    def __init__(self, perdoc: Any, count: int) -> None:
        self.perdoc = perdoc
        self.count = count
        self.lists: dict[str, list[int] | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        lengths = self.lists.get(fieldname, ())
        if lengths == ():
            lengths = self.lists[fieldname] = column_lengths(self.perdoc, fieldname, self.count)
        if lengths is None:  # not laid out as expected: ask Whoosh
            return self.perdoc.doc_field_length(docnum, fieldname, default)
        length = lengths[docnum]
        return default if length < 0 else length

    def close(self) -> None:
        self.perdoc.close()


def tune(writer: Any) -> Any:
    """Give a fresh single-process SegmentWriter the chunked pool and the listed lengths."""
    pool: Any = getattr(writer, "pool", None)
    if type(writer) is not SegmentWriter or type(pool) is not PostingPool or pool.current:
        return writer  # not the writer this was written for: leave it as Whoosh made it
    writer.pool = ChunkedPostingPool(pool.tempstore, pool.segment, limitmb=pool.limit >> 20)
    plain = writer.per_document_reader

    def per_document_reader() -> Any:
        perdoc = plain()
        return ListedLengths(perdoc, perdoc.doc_count_all())

    writer.per_document_reader = per_document_reader
    return writer
