"""Merge the documents' entities into the collection's: one canonical entity per person, place or
organization, with every alias it goes by.

Each document already joined its own surnames and misspellings to the full names it uses
(:mod:`index.extract.entities`). Here, across documents: full names that are misspellings of
each other or one inside the other merge; a lone surname or given name joins the one person of the
collection it can stand for (several candidates: it stays apart, ambiguous); the type is the
one with most evidence over all mentions; entities with too little evidence are dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from index.extract.entities import (
    MAX_NAME_WORD,
    TEAM,
    best_type,
    part_of_name,
    same_person,
    without_gazetteer,
)
from index.extract.lexicon import ANY_CONNECTORS, ORG, PERSON, PLACE

MIN_EVIDENCE = 2
SURE_PERSON = 3
"""The evidence a person needs for a word without a type of its own to join it (a title is 3)."""
"""An entity needs this much evidence in total (a title is 3, a given name 1, a city's name 2)."""


@dataclass(slots=True)
class LocalRecord:
    """A document's entity, as the corpus resolution sees it."""

    doc: str
    key: str
    name: str
    scores: dict[str, int]
    aliases: list[str]
    count: int

    @property
    def tokens(self) -> tuple[str, ...]:
        from index.extract.entities import name_tokens

        return name_tokens(self.key)


_TYPES = frozenset({PERSON, PLACE, ORG})
_NAME_CONNECTORS = ANY_CONNECTORS


@dataclass(slots=True)
class Canonical:
    """One entity of the collection and the document entities it merges."""

    key: str
    tokens: tuple[str, ...]
    members: list[LocalRecord] = field(default_factory=list)
    _scores: dict[str, int] | None = field(default=None, repr=False, compare=False)
    _type: str | None = field(default=None, repr=False, compare=False)
    _name: str | None = field(default=None, repr=False, compare=False)

    def merge(self, records: list[LocalRecord]) -> None:
        self.members.extend(records)
        self._scores = self._name = None

    @property
    def count(self) -> int:
        return sum(m.count for m in self.members)

    @property
    def scores(self) -> dict[str, int]:
        """The members' evidence for each type, summed (kept until the members change: the
        type and the name of every entity ask for it)."""
        return dict(self._summed())

    def _summed(self) -> dict[str, int]:
        if self._scores is None:
            total: dict[str, int] = {}
            for member in self.members:
                for kind, score in member.scores.items():
                    if kind in _TYPES:
                        total[kind] = total.get(kind, 0) + score
            self._scores = total
            self._type = best_type(total)
        return self._scores

    @property
    def context_scores(self) -> dict[str, int]:
        """The evidence for each type without the gazetteer's share of PLACE."""
        total: dict[str, int] = {}
        for member in self.members:
            for kind, score in without_gazetteer(member.scores).items():
                if kind in _TYPES:
                    total[kind] = total.get(kind, 0) + score
        return total

    @property
    def type(self) -> str | None:
        """The type with most evidence (kept until the members change, as the scores)."""
        self._summed()
        return self._type

    @property
    def name(self) -> str:
        """The form most used; for a person, the most used full name."""
        if self._name is None:
            self._name = self._most_used_name()
        return self._name

    def _most_used_name(self) -> str:
        forms: Counter[str] = Counter()
        for member in self.members:
            forms[member.name] += member.count
        if self.type == PERSON:
            full = Counter({n: c for n, c in forms.items() if len(n.split()) >= 2})
            if full:
                forms = full
        return max(sorted(forms), key=lambda n: forms[n])

    @property
    def aliases(self) -> list[str]:
        names = {alias for m in self.members for alias in m.aliases}
        names |= {m.name for m in self.members}
        return sorted(names - {self.name})


def resolve(records: list[LocalRecord]) -> list[Canonical]:
    """The collection's entities, most mentioned first.

    Linear in the number of names: full names are compared only with those sharing their given
    name, and a lone word only with the people having it (or a one-letter variant of it) as a
    word of their name."""
    by_key: dict[str, Canonical] = {}
    for record in records:
        # A team named for its place ("Belgium 3 – 0 Panama") is not that place: its own entity.
        key = record.key + " (team)" if record.scores.get(TEAM) else record.key
        cluster = by_key.get(key)
        if cluster is None:  # a key's words are read once, not once per document
            cluster = by_key[key] = Canonical(key, record.tokens)
        cluster.members.append(record)
    clusters = list(by_key.values())
    counts = {c.key: c.count for c in clusters}
    people = [c for c in clusters if len(c.tokens) >= 2 and c.type == PERSON]
    merged: set[str] = set()
    variants = _Variants()
    near = _near_names(people, variants)
    for cluster in sorted(people, key=lambda c: counts[c.key]):
        for other in near(cluster):
            if other is cluster or other.key in merged or cluster.key in merged:
                continue
            if counts[other.key] >= counts[cluster.key] and same_person(
                cluster.tokens, other.tokens
            ):
                other.merge(cluster.members)
                counts[other.key] += counts[cluster.key]
                merged.add(cluster.key)
                break
    people = [c for c in people if c.key not in merged]
    lone = [c for c in clusters if len(c.tokens) == 1 and c.key not in merged and _surname(c)]
    asked = {variant for cluster in lone for variant in variants[cluster.tokens[0]]}
    by_word: dict[str, set[int]] = defaultdict(set)  # only the variants a lone word has
    for number, person in enumerate(people):
        for word in person.tokens:
            for variant in variants[word] & asked:
                by_word[variant].add(number)
    for cluster in lone:  # their scores stay: only people take members here
        word = cluster.tokens[0]
        nearby = {n for variant in variants[word] for n in by_word.get(variant, ())}
        candidates = [
            people[n]
            for n in sorted(nearby)
            if part_of_name(word, people[n].tokens, counts[people[n].key], counts[cluster.key])
        ]
        if len(candidates) == 1 and not _outweighs(cluster, candidates[0], counts):
            candidates[0].merge(
                [replace(m, scores=without_gazetteer(m.scores)) for m in cluster.members]
            )
            counts[candidates[0].key] += counts[cluster.key]
            merged.add(cluster.key)
    _merge_organizations([c for c in clusters if c.key not in merged], counts, merged)
    _merge_known([c for c in clusters if c.key not in merged], counts, merged)
    kept = [
        c
        for c in clusters
        if c.key not in merged and c.type is not None and sum(c.scores.values()) >= MIN_EVIDENCE
    ]
    return sorted(kept, key=lambda c: (-counts[c.key], c.name))


def _outweighs(word: Canonical, person: Canonical, counts: dict[str, int]) -> bool:
    """A word used more than twice as often as the name it would join joins only a person the
    collection is sure of: not "Passion Oscar" (a given name, once) for every "Oscar
    nomination"."""
    return counts[word.key] > 2 * counts[person.key] and person.scores.get(PERSON, 0) < SURE_PERSON


def _surname(cluster: Canonical) -> bool:
    """A single word that can be a surname (or a given name): not a place or organization by
    its evidence (a town's name does not count)."""
    scores = cluster.context_scores
    return scores.get(ORG, 0) + scores.get(PLACE, 0) <= 2 * scores.get(PERSON, 0) + 1


def _merge_organizations(
    clusters: list[Canonical], counts: dict[str, int], merged: set[str]
) -> None:
    """Organizations that are one: a plural and its singular ("Tories" and "Tory", "Lib Dems"
    and "Lib Dem"), and an acronym and the one name of the collection whose initials it is
    ("EU" and "European Union"; "LSE" stays apart when two names, about as used, spell it)."""
    orgs = {c.key: c for c in clusters if c.type == ORG}

    def join(small: Canonical, big: Canonical) -> None:
        if counts[small.key] > counts[big.key]:
            small, big = big, small
        big.merge(small.members)
        counts[big.key] += counts[small.key]
        merged.add(small.key)
        orgs.pop(small.key, None)

    for key in sorted(orgs):
        if key in orgs and key + " party" in orgs:
            join(orgs[key], orgs[key + " party"])  # "Labour" and "Labour Party"
    for key in sorted(orgs):
        if key not in orgs:
            continue
        singular = key[:-3] + "y" if key.endswith("ies") else key[:-1] if key.endswith("s") else ""
        if len(singular) >= 3 and singular in orgs:
            join(orgs[key], orgs[singular])
    by_initials: dict[str, list[Canonical]] = defaultdict(list)
    for cluster in orgs.values():
        words = [w for w in cluster.key.split() if w not in _NAME_CONNECTORS]
        if len(words) >= 2:
            by_initials["".join(w[0] for w in words)].append(cluster)
    # Clipped forms: "Lib Dems" of "Liberal Democrats" (each word the start of the other's).
    for key, cluster in sorted(orgs.items()):
        words = key.split()
        if key not in orgs or len(words) < 2:
            continue
        for other in by_initials.get("".join(w[0] for w in words), ()):
            if (
                other.key != key
                and other.key in orgs
                and _clipped(words, other.key.split())
                and _written_together(cluster, other)
            ):
                join(cluster, other)
                break
    for key, cluster in list(orgs.items()):
        if " " in key or len(key) < 2 or not any(m.name.isupper() for m in cluster.members):
            continue
        expansions = [c for c in by_initials.get(key.replace(".", ""), ()) if c.key in orgs]
        expansions.sort(key=lambda c: -counts[c.key])
        # One name spells it, or one is used five times as often as the next (a misspelt
        # "Europe Union" once beside "European Union" 56 times).
        clear = len(expansions) == 1 or (
            len(expansions) > 1 and counts[expansions[0].key] >= 5 * counts[expansions[1].key]
        )
        if expansions and clear and key in orgs and _written_together(cluster, expansions[0]):
            join(cluster, expansions[0])


def _clipped(short: list[str], long: list[str]) -> bool:
    """Each word of ``short`` begins the same word of ``long`` (a plural 's' aside), and one at
    least is cut: "lib dems" of "liberal democrats"."""
    if len(short) != len(long) or short == long:
        return False
    pairs = list(zip(short, long, strict=True))
    stems = [(a[:-1] if a.endswith("s") and b.endswith("s") else a, b) for a, b in pairs]
    return all(len(a) >= 2 and b.startswith(a) for a, b in stems) and any(
        len(a) < len(b) for a, b in stems
    )


def _written_together(short: Canonical, long: Canonical) -> bool:
    """A short form joins a longer name only where the text supports it: some document writes
    both ("DS" of a games console is not "Daiwa Securities", which no document abbreviates)."""
    return not {m.doc for m in short.members}.isdisjoint(m.doc for m in long.members)


def _merge_known(clusters: list[Canonical], counts: dict[str, int], merged: set[str]) -> None:
    """Names the knowledge base knows as one entity, with the type the collection gives them:
    "US", "U.S.", "America" and "United States"; "UN" and "United Nations"."""
    from index.extract.knowledge import knowledge

    table = knowledge()
    groups: dict[tuple[str, str], list[Canonical]] = defaultdict(list)
    for cluster in clusters:
        known = table.get(cluster.key) or table.get("the " + cluster.key)  # "the States"
        if known is not None and known.qid and known.type == cluster.type:
            groups[(known.qid, known.type)].append(cluster)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda c: (-counts[c.key], c.key))
        big = group[0]
        for small in group[1:]:
            big.merge(small.members)
            counts[big.key] += counts[small.key]
            merged.add(small.key)


def _near_names(
    people: list[Canonical], variants: dict[str, frozenset[str]]
) -> Callable[[Canonical], list[Canonical]]:
    """For a person, those that can be the same person (``same_person``), in list order: the
    same given name and a later word in common, or one misspelling apart (a shared variant).
    Comparing only those, not everyone with the given name, keeps 10,000 documents' thousand
    Marías from being compared pairwise. A name whose later words all repeat the given name
    ("María María") is near all of its given name."""
    by_given: dict[str, list[int]] = defaultdict(list)
    for number, person in enumerate(people):
        by_given[person.tokens[0]].append(number)
    keyed: dict[str, dict[str | None, list[int]]] = {}
    for given, numbers in by_given.items():
        if len(numbers) < 2:
            continue  # alone with its given name: near only itself
        group = keyed[given] = defaultdict(list)
        for number in numbers:
            later = set(people[number].tokens[1:])
            if later <= {given}:
                group[None].append(number)
            for word in later:
                for variant in variants[word]:
                    group[variant].append(number)

    def near(person: Canonical) -> list[Canonical]:
        given, later = person.tokens[0], set(person.tokens[1:])
        if given not in keyed:
            return [person]
        if later <= {given}:
            return [people[n] for n in by_given[given]]
        group = keyed[given]
        numbers = set(group.get(None, ()))
        for word in later:
            for variant in variants[word]:
                numbers.update(group.get(variant, ()))
        return [people[n] for n in sorted(numbers)]

    return near


class _Variants(dict[str, frozenset[str]]):
    """word -> its ``_variants``, each word's made once (names share their words)."""

    def __missing__(self, word: str) -> frozenset[str]:
        found = self[word] = frozenset(_variants(word))
        return found


def _variants(word: str) -> set[str]:
    """The word and its one-letter deletions: two words within one misspelling (a swap, a drop,
    a doubling, a replacement) share at least one of these. A word longer than a name's
    (``MAX_NAME_WORD``: a name given by a correction, say) is itself alone: its deletions would
    cost the square of its length."""
    if len(word) > MAX_NAME_WORD:
        return {word}
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}
