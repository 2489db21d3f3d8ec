"""Hits, entities and date mentions as flat rows, for ``--csv`` (and the reader's export).

One row per record, the same fields as their JSON less the nested ones: a hit's passage is two
columns, an entity's documents are counted and its aliases joined with "; ". Text is written as
stored (already cleaned of control characters on the way in), quoted as RFC 4180 asks.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from index.models import DateMention, Entity, Hit

HIT_COLUMNS = (
    "doc",
    "path",
    "title",
    "published",
    "published_basis",
    "score",
    "passage_start",
    "passage_end",
    "page",
    "snippet",
)
ENTITY_COLUMNS = ("name", "type", "count", "documents", "aliases")
MENTION_COLUMNS = ("doc", "value", "granularity", "text", "start", "end", "sentence")


def hit_row(hit: Hit) -> tuple[Any, ...]:
    return (
        hit.doc,
        hit.path,
        hit.title,
        hit.published or "",
        hit.published_basis,
        f"{hit.score:.4f}",
        hit.passage.start,
        hit.passage.end,
        hit.page or "",
        hit.snippet.text,
    )


def entity_row(entity: Entity) -> tuple[Any, ...]:
    return (entity.name, entity.type, entity.count, len(entity.docs), "; ".join(entity.aliases))


def mention_row(mention: DateMention) -> tuple[Any, ...]:
    return (
        mention.doc,
        mention.value,
        mention.granularity,
        mention.text,
        mention.start,
        mention.end,
        mention.sentence,
    )


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
