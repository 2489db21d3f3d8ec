"""An entity's dossier: everything the collection says about one person, place or organization.

Its name, type and aliases; every mention (document, offsets, the words as written); the
months the dates in its passages fall in, with how many; and, month by month, the entities
mentioned in the same passages (who appears with whom, and when).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.models import EntityMention

if TYPE_CHECKING:
    from index.storage.extracts import Extracts

CONTEXT_CHARS = 60
"""Characters of text shown on each side of a mention."""


@dataclass(frozen=True, slots=True)
class MonthCount:
    """A month (YYYY-MM) and how many date mentions in the entity's passages fall in it."""

    month: str
    count: int


@dataclass(frozen=True, slots=True)
class MonthCompany:
    """A month and the entities mentioned with this one in passages dated then (name, how
    many such passages), most first."""

    month: str
    names: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Dossier:
    """One entity as the collection has it now."""

    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[EntityMention, ...]
    """In document order (by document id, then offset)."""
    months: tuple[MonthCount, ...]
    company: tuple[MonthCompany, ...]

    @property
    def documents(self) -> int:
        return len({mention.doc for mention in self.mentions})

    @property
    def wikidata(self) -> str | None:
        """Its Wikidata id, where the knowledge base knows its name or an alias with its type."""
        from index.extract.knowledge import wikidata_id

        return wikidata_id(self.name, self.type, self.aliases)


@dataclass(frozen=True, slots=True)
class MentionContext:
    """The text around a mention, on one line: before, the mention, after."""

    before: str
    text: str
    after: str


def build_dossier(extracts: Extracts, name: str, per_month: int = 5) -> Dossier | None:
    """The dossier of the entity called ``name`` (or having it as an alias); None if none is."""
    entity = extracts.find(name)
    if entity is None:
        return None
    mentions = sorted(
        {
            EntityMention(doc, start, end, text)
            for doc, row in extracts.member_rows(entity.number)
            for start, end, text, _passage in row[4]
        },
        key=lambda m: (m.doc, m.start, m.end),
    )
    where = extracts.entity_passages(entity.name)
    passage_months: dict[tuple[str, int], set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    if where:
        timeline = extracts.timeline(set(where))
        passages = extracts.date_passages(set(where))
        for date in timeline.mentions:
            month = date.first_day[:7]
            if date.granularity == "year" or len(month) < 7 or date.last_day[:7] not in ("", month):
                continue  # a year, or a range over months: no one month to count it in
            passage = passages.get((date.doc, date.start), -1)
            if passage in where.get(date.doc, ()):
                counts[month] += 1
                passage_months[(date.doc, passage)].add(month)
    company: dict[str, dict[str, set[tuple[str, int]]]] = defaultdict(lambda: defaultdict(set))
    for other, doc, passage in extracts.others_in(set(where), entity.number):
        place = (doc, passage)
        for month in passage_months.get(place, ()):
            company[month][other].add(place)
    months = tuple(MonthCount(month, counts[month]) for month in sorted(counts))
    by_month = tuple(
        MonthCompany(
            month,
            tuple(
                sorted(
                    ((n, len(places)) for n, places in company[month].items()),
                    key=lambda item: (-item[1], item[0]),
                )[:per_month]
            ),
        )
        for month in sorted(company)
    )
    return Dossier(
        entity.name,
        entity.type,
        tuple(a for a in entity.aliases if a != entity.name),
        tuple(mentions),
        months,
        by_month,
    )


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> MentionContext:
    """The mention at ``start``..``end`` of ``text`` with ``chars`` characters either side, the
    line breaks made spaces (cut at a word where one is near)."""
    before = text[max(0, start - chars) : start]
    after = text[end : end + chars]
    if start - chars > 0 and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if end + chars < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return MentionContext(_one_line(before), _one_line(text[start:end]), _one_line(after))


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)
