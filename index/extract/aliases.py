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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from index.extract.entities import (
    MAX_NAME_WORD,
    TEAM,
    best_type,
    is_misspelling,
    name_tokens,
    part_of_name,
    same_person,
    without_gazetteer,
)
from index.extract.knowledge import knowledge, names_of
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
    _context: dict[str, int] | None = field(default=None, repr=False, compare=False)
    _count: int | None = field(default=None, repr=False, compare=False)

    def merge(self, records: list[LocalRecord]) -> None:
        self.members.extend(records)
        self._scores = self._name = self._context = self._count = None

    @property
    def count(self) -> int:
        """The members' mentions (kept until the members change, as the scores)."""
        if self._count is None:
            self._count = sum(m.count for m in self.members)
        return self._count

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
        """The evidence for each type without the gazetteer's share of PLACE (kept until the
        members change, as the scores: a lone word's is asked for by every person it may join)."""
        if self._context is None:
            total: dict[str, int] = {}
            for member in self.members:
                for kind, score in without_gazetteer(member.scores).items():
                    if kind in _TYPES:
                        total[kind] = total.get(kind, 0) + score
            self._context = total
        return dict(self._context)

    @property
    def type(self) -> str | None:
        """The type with most evidence (kept until the members change, as the scores)."""
        if self._scores is None:
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


class Source(Protocol):
    """Where resolution reads the documents' entities: all of them in memory (a build), or a few
    keys at a time from the database (an update, ``index.storage.name_source``). Keys here are
    the documents' keys (``LocalRecord.key``), words the words of those keys (``name_tokens``)."""

    def records(self, keys: Iterable[str]) -> list[LocalRecord]:
        """Every document's records of these keys."""
        ...

    def headed_by(self, head: str) -> set[str]:
        """The keys of two words or more whose first word is ``head``."""
        ...

    def people_with(self, words: Iterable[str]) -> set[str]:
        """The keys of two words or more with one of ``words`` among their words."""
        ...

    def lone(self, words: Iterable[str]) -> set[str]:
        """The keys of one word that are one of ``words``."""
        ...

    def similar_words(self, word: str) -> set[str]:
        """The words of keys one misspelling or less from ``word`` (sharing a ``_variants``)."""
        ...

    def with_initials(self, initials: str) -> set[str]:
        """The keys of two words or more with these initials (``initials_of``), and those of one
        word that are them, dots aside ("u.n." for "un")."""
        ...


def initials_of(key: str) -> str:
    """The initials of a name's words, connectors aside ("" for a name of one word)."""
    words = [w for w in key.split() if w not in _NAME_CONNECTORS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def name_terms(key: str) -> list[str]:
    """What a ``Source`` finds a key by: two words or more, ``h:`` its first word and ``p:``
    each of its words; one word, ``l:`` that word; ``i:`` its initials (as a team's name too)
    or, one word, itself without dots."""
    tokens = name_tokens(key)
    if len(tokens) >= 2:
        terms = ["h:" + tokens[0], *("p:" + word for word in set(tokens))]
    else:
        terms = ["l:" + word for word in tokens]
    if " " in key:
        terms += {"i:" + i for i in (initials_of(key), initials_of(key + TEAM_SUFFIX)) if i}
    elif key.replace(".", ""):
        terms.append("i:" + key.replace(".", ""))
    return terms


def terms_of(keys: Iterable[str]) -> tuple[list[tuple[str, str]], set[str]]:
    """The (term, key) rows of these keys (``name_terms``), and the words of their names."""
    rows: list[tuple[str, str]] = []
    words: set[str] = set()
    for key in keys:
        for term in name_terms(key):
            rows.append((term, key))
            if term.startswith(("p:", "l:")):
                words.add(term[2:])
    return rows, words


TEAM_SUFFIX = " (team)"


class MemorySource:
    """Every record in memory, with the lookups a ``Resolver`` asks for: a build's."""

    def __init__(self, records: list[LocalRecord]) -> None:
        self._records: dict[str, list[LocalRecord]] = defaultdict(list)
        for record in records:
            self._records[record.key].append(record)
        self._terms: dict[str, set[str]] = defaultdict(set)
        rows, words = terms_of(self._records)
        for term, key in rows:
            self._terms[term].add(key)
        self._similar: dict[str, set[str]] = defaultdict(set)
        self._similar_to: dict[str, set[str]] = {}
        self._variants: dict[str, set[str]] = {}  # word -> its _variants, made once
        for word in words:
            variants = self._variants[word] = _variants(word)
            for variant in variants:
                self._similar[variant].add(word)

    def records(self, keys: Iterable[str]) -> list[LocalRecord]:
        return [record for key in keys for record in self._records.get(key, ())]

    def headed_by(self, head: str) -> set[str]:
        return self._terms.get("h:" + head, set())

    def people_with(self, words: Iterable[str]) -> set[str]:
        return {key for word in words for key in self._terms.get("p:" + word, ())}

    def lone(self, words: Iterable[str]) -> set[str]:
        return {key for word in words for key in self._terms.get("l:" + word, ())}

    def similar_words(self, word: str) -> set[str]:
        found = self._similar_to.get(word)
        if found is None:
            similar = self._similar
            variants = self._variants.get(word) or _variants(word)
            found = self._similar_to[word] = {
                w for variant in variants for w in similar.get(variant, ())
            }
        return found

    def with_initials(self, initials: str) -> set[str]:
        return self._terms.get("i:" + initials, set())

    def keys(self) -> list[str]:
        return list(self._records)


def resolve(records: list[LocalRecord]) -> list[Canonical]:
    """The collection's entities, most mentioned first (then by name and key)."""
    source = MemorySource(records)
    return Resolver(source).entities(source.keys(), every=True)


class Resolver:
    """Alias resolution, one stage after the other, each decision made from the few names it
    depends on (read from the ``Source`` when first needed, and kept):

    1. full names of a person merge with those of the same given name that are one of its
       misspellings or inside it (``same_person``), the less used into the more used;
    2. a lone word joins the one person of the collection it can stand for (``part_of_name``),
       as stage 1 left the people: each word's decision is its own, whatever the others join;
    3. organizations that are one merge: "X" and "X Party", a plural and its singular, a clipped
       form ("Lib Dems"), an acronym and the one name whose initials it is, written together;
    4. names the knowledge base knows as one entity merge (same Wikidata id and type).

    So an update re-decides only around the names it changed (``affected``), and gives what a
    build of the same records gives."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._loaded: set[str] = set()
        self._clusters: dict[str, Canonical] = {}
        self._groups: dict[str, dict[str, Canonical]] = {}  # head -> person key -> its root
        self._decisions: dict[str, str | None] = {}
        self._joiners: dict[str, list[str]] = {}
        self._people: dict[str, Canonical] = {}
        self._orgs: dict[str, Canonical] = {}  # org key -> its organization after stage 3
        self._known: dict[str, Canonical] = {}  # key -> its entity after stage 4
        self._turns: dict[str, bool] = {}  # person key -> _may_turn (asked again and again)
        self._lone: dict[str, tuple[bool, dict[str, int]]] = {}  # word -> _lone_evidence
        self._teams: set[str] = set()  # the keys that have a team's cluster too
        self._final: dict[str, Canonical] = {}
        self._variants = _Variants()

    # -- the documents' records, one cluster per key ------------------------------------------

    def load(self, keys: Iterable[str]) -> None:
        loaded = self._loaded
        wanted = {b for b in map(_base, keys) if b not in loaded}
        if not wanted:
            return
        self._loaded |= wanted
        records = self.source.records(sorted(wanted))
        records.sort(key=lambda r: (r.doc, r.key))  # the same order whatever the source
        for record in records:
            key = record.key + TEAM_SUFFIX if record.scores.get(TEAM) else record.key
            cluster = self._clusters.get(key)
            if cluster is None:
                cluster = self._clusters[key] = Canonical(key, record.tokens)
                if key.endswith(TEAM_SUFFIX):
                    self._teams.add(_base(key))
            cluster.members.append(record)
            cluster._count = None

    def cluster(self, key: str) -> Canonical | None:
        found = self._clusters.get(key)
        if found is None and _base(key) not in self._loaded:
            self.load((key,))
            found = self._clusters.get(key)
        return found

    def clusters_of(self, keys: Iterable[str]) -> list[Canonical]:
        """The clusters of these document keys (a team's too), in no order."""
        keys = set(keys)
        self.load(keys)
        clusters, teams = self._clusters, self._teams
        found = [clusters[key] for key in keys if key in clusters]
        if teams:
            found += [clusters[key + TEAM_SUFFIX] for key in keys if key in teams]
        return found

    # -- stage 1: full names -----------------------------------------------------------------

    def _is_person(self, cluster: Canonical) -> bool:
        return len(cluster.tokens) >= 2 and cluster.type == PERSON

    def person_root(self, key: str) -> Canonical | None:
        """The full name a person's full name merges into (itself when none)."""
        cluster = self.cluster(key)
        if cluster is None or not self._is_person(cluster):
            return None
        return self._group(cluster.tokens[0])[key]

    def _group(self, head: str) -> dict[str, Canonical]:
        found = self._groups.get(head)
        if found is not None:
            return found
        people = [
            _copy(c)
            for c in sorted(self.clusters_of(self.source.headed_by(head)), key=lambda c: c.key)
            if self._is_person(c) and c.tokens[0] == head
        ]
        counts = {c.key: c.count for c in people}
        into: dict[str, Canonical] = {}
        near = _near_names(people, self._variants)
        for cluster in sorted(people, key=lambda c: (counts[c.key], c.key)):
            for other in near(cluster):
                if other is cluster or other.key in into or cluster.key in into:
                    continue
                if counts[other.key] >= counts[cluster.key] and same_person(
                    cluster.tokens, other.tokens
                ):
                    other.merge(cluster.members)
                    counts[other.key] += counts[cluster.key]
                    into[cluster.key] = other
                    break
        roots: dict[str, Canonical] = {}
        for cluster in people:
            root = cluster
            while root.key in into:
                root = into[root.key]
            roots[cluster.key] = root
        self._groups[head] = roots
        return roots

    # -- stage 2: lone words ------------------------------------------------------------------

    def decision(self, key: str) -> str | None:
        """The key of the person (a stage 1 root) a lone word joins, if any."""
        if key in self._decisions:
            return self._decisions[key]
        self._decisions[key] = found = self._decide(key)
        return found

    def _decide(self, key: str) -> str | None:
        cluster = self.cluster(key)
        if cluster is None or len(cluster.tokens) != 1 or not _surname(cluster):
            return None
        word = cluster.tokens[0]
        # The people it can join are the stage 1 roots with a word one misspelling or less
        # from it: among the names with such a word, those that stay roots. A name that
        # neither has the word nor one of its misspellings cannot take it (whatever it is
        # used), and its given name's full names are not merged to find out.
        roots: dict[str, Canonical] = {}
        for other in self.clusters_of(self.source.people_with(self.source.similar_words(word))):
            if word not in other.tokens and not any(
                is_misspelling(word, t) for t in other.tokens[1:]
            ):
                continue
            root = self.person_root(other.key)
            if root is not None and root.key == other.key:
                roots[root.key] = root
        candidates = [
            roots[k]
            for k in sorted(roots)
            if part_of_name(word, roots[k].tokens, roots[k].count, cluster.count)
        ]
        if len(candidates) == 1 and not _outweighs(cluster, candidates[0]):
            return candidates[0].key
        return None

    def joiners(self, root: Canonical) -> list[str]:
        """The lone words that join this person (a stage 1 root), by key."""
        found = self._joiners.get(root.key)
        if found is None:
            words = {w for t in root.tokens for w in self.source.similar_words(t)}
            lone = self.clusters_of(self.source.lone(words))
            found = self._joiners[root.key] = sorted(
                c.key for c in lone if len(c.tokens) == 1 and self.decision(c.key) == root.key
            )
        return found

    def person(self, root: Canonical) -> Canonical:
        """A stage 1 root with the lone words that join it (their gazetteer evidence left)."""
        found = self._people.get(root.key)
        if found is None:
            found = self._people[root.key] = _copy(root)
            for key in self.joiners(root):
                word = self._clusters[key]
                found.merge([replace(m, scores=without_gazetteer(m.scores)) for m in word.members])
        return found

    def after_people(self, key: str) -> Canonical | None:
        """The entity ``key`` belongs to after stages 1 and 2."""
        cluster = self.cluster(key)
        if cluster is None:
            return None
        root = self.person_root(key)
        if root is not None:
            return self.person(root)
        joined = self.decision(key)
        if joined is not None:
            person = self.person_root(joined)
            assert person is not None
            return self.person(person)
        return cluster

    # -- stage 3: organizations ---------------------------------------------------------------

    def _org(self, key: str) -> Canonical | None:
        """``key``'s entity after stage 2 when it is its own (not merged into another) and an
        organization."""
        cluster = self.cluster(key)
        if cluster is None:
            return None
        if cluster.type != ORG and (len(cluster.tokens) == 1 or cluster.type != PERSON):
            return None  # its own entity after stage 2 (or merged into a person's)
        if cluster.type == PERSON:
            may_turn = self._turns.get(key)
            if may_turn is None:
                may_turn = self._turns[key] = self._may_turn(cluster)
            if not may_turn:
                return None
        entity = self.after_people(key)
        if entity is None or entity.key != key or entity.type != ORG:
            return None
        return entity

    def _may_turn(self, person: Canonical) -> bool:
        """Whether the lone words that can join a person could make it an organization: their
        evidence for ORG over PERSON, all of it, outweighs the person's own margin (the full
        names that join it are people: they add more for PERSON than for ORG). Most people it
        tells at once, with no lone word's decision made."""
        margin = person.scores.get(PERSON, 0) - person.scores.get(ORG, 0)
        # The lone words of each of its words, as many people share a given name: their
        # evidence for ORG over PERSON is counted once for a word two of its words share.
        found, excess = False, {}
        for token in person.tokens:
            any_lone, outweighing = self._lone_evidence(token)
            found = found or any_lone
            excess.update(outweighing)
        return found and sum(excess.values()) > margin

    def _lone_evidence(self, word: str) -> tuple[bool, dict[str, int]]:
        """Whether some lone word can join a person by ``word`` (it or one misspelling of it),
        and those whose evidence is more for ORG than for PERSON (cluster key -> by how much)."""
        known = self._lone.get(word)
        if known is None:
            lone = self.clusters_of(self.source.lone(self.source.similar_words(word)))
            outweighing: dict[str, int] = {}
            for cluster in lone:
                scores = cluster.context_scores
                more = scores.get(ORG, 0) - scores.get(PERSON, 0)
                if more > 0:
                    outweighing[cluster.key] = more
            known = self._lone[word] = (bool(lone), outweighing)
        return known

    def related(self, key: str) -> set[str]:
        """The keys stage 3 could merge ``key`` with (whatever they are)."""
        near = {key + " party", key + "s"}
        if key.endswith(" party"):
            near.add(key[: -len(" party")])
        if key.endswith("ies"):
            near.add(key[:-3] + "y")
        elif key.endswith("s"):
            near.add(key[:-1])
        if key.endswith("y"):
            near.add(key[:-1] + "ies")
        if " " in key:  # others of its initials, and the clipped forms' ("lib dems")
            spelt = (initials_of(key), "".join(w[0] for w in key.split()))
        else:  # the names an acronym spells
            spelt = (key.replace(".", ""), "")
        for initials in spelt:
            if initials:
                near |= self.source.with_initials(initials)
        found = {k for c in self.clusters_of(_base(k) for k in near) for k in (c.key,)}
        found.discard(key)
        return found

    def organization(self, key: str) -> Canonical | None:
        """The organization ``key`` is after stage 3 (None: not an organization of its own)."""
        if key in self._orgs:
            return self._orgs[key]
        if self._org(key) is None:
            return None
        component: dict[str, Canonical] = {}
        todo = [key]
        while todo:
            current = todo.pop()
            if current in component:
                continue
            entity = self._org(current)
            if entity is None:
                continue
            component[current] = _copy(entity)
            todo += sorted(self.related(current) - component.keys())
        counts = {k: c.count for k, c in component.items()}
        into: dict[str, str] = {}
        _merge_organizations(dict(component), counts, into)
        for k in component:
            root = k
            while root in into:
                root = into[root]
            self._orgs[k] = component[root]
        return self._orgs[key]

    def org_component(self, key: str) -> set[str]:
        """The organizations stage 3 decides together with ``key`` and its related keys."""
        found: set[str] = set()
        for start in {key} | self.related(key):
            if self.organization(start) is not None:
                todo = [start]
                while todo:
                    current = todo.pop()
                    if current not in found and self._org(current) is not None:
                        found.add(current)
                        todo += self.related(current) - found
        return found

    def after_orgs(self, key: str) -> Canonical | None:
        organization = self.organization(key)
        if organization is not None:
            return organization
        return self.after_people(key)

    # -- stage 4: the knowledge base ------------------------------------------------------------

    def _qid(self, entity: Canonical) -> str | None:
        table = knowledge()
        known = table.get(entity.key) or table.get("the " + entity.key)  # "the States"
        if known is not None and known.qid and known.type == entity.type:
            return known.qid
        return None

    def known_peers(self, key: str) -> set[str]:
        """The keys the knowledge base gives the id of ``key`` (whatever its type here)."""
        table = knowledge()
        known = table.get(key) or table.get("the " + key)
        if known is None or not known.qid:
            return set()
        names = names_of(known.qid)
        keys = {n[4:] if n.startswith("the ") else n for n in names} | set(names)
        return {c.key for c in self.clusters_of(keys)} - {key}

    def final(self, key: str) -> Canonical | None:
        """The entity ``key`` belongs to in the end (before the evidence it needs is counted)."""
        found = self._final.get(key)
        if found is not None:
            return found
        entity = self.after_orgs(key)
        if entity is None:
            return None
        if entity.key != key:
            root = self.final(entity.key)
            if root is not None:
                self._final[key] = root
            return root
        qid = self._qid(entity)
        group = [entity]
        if qid is not None:
            for peer in sorted(self.known_peers(key)):
                other = self.after_orgs(peer)
                if other is not None and other.key == peer and self._qid(other) == qid:
                    group.append(other)
        group.sort(key=lambda c: (-c.count, c.key))
        merged = _copy(group[0])
        for small in group[1:]:
            merged.merge(small.members)
        for member in group:
            self._final[member.key] = merged
        return merged

    def entity(self, key: str) -> Canonical | None:
        """The entity ``key`` belongs to, if it has the evidence an entity needs."""
        entity = self.final(key)
        if entity is None or entity.type is None or sum(entity.scores.values()) < MIN_EVIDENCE:
            return None
        return entity

    def entities(self, keys: Iterable[str], every: bool = False) -> list[Canonical]:
        """The distinct entities of these keys, most mentioned first, then by name and key.
        ``every``: the keys are all the source has (a build): each lone word's decision is
        made once and each person given its lone words from them, not looked up person by
        person."""
        self.load(keys)
        if every:
            joiners: dict[str, list[str]] = defaultdict(list)
            for key in sorted(self._clusters):
                joined = self.decision(key)
                if joined is not None:
                    joiners[joined].append(key)
            for key, cluster in self._clusters.items():
                if self._is_person(cluster):
                    self._joiners[key] = joiners.get(key, [])
        found: dict[str, Canonical] = {}
        for key in sorted(k for k in self._clusters if _base(k) in self._loaded):
            entity = self.entity(key)
            if entity is not None:
                found[entity.key] = entity
        return sorted(found.values(), key=lambda c: (-c.count, c.name, c.key))

    def around(
        self, changed: Iterable[str], before: Callable[[str], dict[int, tuple[str, set[str]]]]
    ) -> tuple[list[Canonical], set[int]]:
        """What an update changes: the entities to write and the numbers of those they replace,
        once the records of the keys ``changed`` changed. ``before(key)``: the entities (number
        -> their keys) the collection had that merge ``key``.

        Every decision that reads a changed key is made again: its given name's full names
        (stage 1) and the lone words those can take (stage 2), the organizations it is related
        to (stage 3), the names of its Wikidata id (stage 4); then, to a fixed point, every key
        of an entity this gives, or of one it replaces, gets its entity again."""
        changed = set(changed)
        todo: set[str] = set()
        for key in changed:
            todo |= {key, key + TEAM_SUFFIX}
            tokens = name_tokens(key)
            if len(tokens) >= 2:
                group = self.source.headed_by(tokens[0]) | {key}
                words = {w for k in group for w in name_tokens(k)}
                similar = {v for w in words for v in self.source.similar_words(w)}
                todo |= group | self.source.lone(similar)
        seeds = set(todo)
        done: set[str] = set()
        gone: set[int] = set()
        found: dict[str, Canonical] = {}
        while todo:
            key = todo.pop()
            if key in done:
                continue
            done.add(key)
            entity = self.final(key)
            if entity is not None:
                found[entity.key] = entity
                todo |= self.keys_of(entity) - done
                todo |= self.known_peers(entity.key) - done
            was_org = False
            for number, (kind, keys) in before(_base(key)).items():
                was_org = was_org or kind == ORG
                if number not in gone:
                    gone.add(number)
                    todo |= {k for base in keys for k in (base, base + TEAM_SUFFIX)} - done
            # The organizations whose merges it can change: of a changed name, or one that is
            # or was an organization.
            if key in seeds or was_org or (entity is not None and entity.type == ORG):
                todo |= self.org_component(key) - done
            todo |= self.known_peers(key) - done
        kept = [e for e in found.values() if self.entity(e.key) is e]
        return sorted(kept, key=lambda c: (-c.count, c.name, c.key)), gone

    def keys_of(self, entity: Canonical) -> set[str]:
        """The cluster keys an entity merges."""
        return {m.key + TEAM_SUFFIX if m.scores.get(TEAM) else m.key for m in entity.members}


def _base(key: str) -> str:
    return key[: -len(TEAM_SUFFIX)] if key.endswith(TEAM_SUFFIX) else key


def _copy(cluster: Canonical) -> Canonical:
    return Canonical(cluster.key, cluster.tokens, list(cluster.members))


def _outweighs(word: Canonical, person: Canonical) -> bool:
    """A word used more than twice as often as the name it would join joins only a person the
    collection is sure of: not "Passion Oscar" (a given name, once) for every "Oscar
    nomination"."""
    return word.count > 2 * person.count and person.scores.get(PERSON, 0) < SURE_PERSON


def _surname(cluster: Canonical) -> bool:
    """A single word that can be a surname (or a given name): not a place or organization by
    its evidence (a town's name does not count)."""
    scores = cluster.context_scores
    return scores.get(ORG, 0) + scores.get(PLACE, 0) <= 2 * scores.get(PERSON, 0) + 1


def _merge_organizations(
    orgs: dict[str, Canonical], counts: dict[str, int], into: dict[str, str]
) -> None:
    """Organizations that are one: a plural and its singular ("Tories" and "Tory", "Lib Dems"
    and "Lib Dem"), and an acronym and the one name of the collection whose initials it is
    ("EU" and "European Union"; "LSE" stays apart when two names, about as used, spell it).
    ``orgs`` (key -> organization) loses those merged into another (``into``: key -> key)."""

    def join(small: Canonical, big: Canonical) -> None:
        if counts[small.key] > counts[big.key]:
            small, big = big, small
        big.merge(small.members)
        counts[big.key] += counts[small.key]
        into[small.key] = big.key
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
    for found in by_initials.values():
        found.sort(key=lambda c: c.key)
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
    for key, cluster in sorted(orgs.items()):
        if " " in key or len(key) < 2 or not any(m.name.isupper() for m in cluster.members):
            continue
        expansions = [c for c in by_initials.get(key.replace(".", ""), ()) if c.key in orgs]
        expansions.sort(key=lambda c: (-counts[c.key], c.key))
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


def word_variants(word: str) -> set[str]:
    """The variants alias resolution compares a word of a name by (``_variants``)."""
    return _variants(word)


def _variants(word: str) -> set[str]:
    """The word and its one-letter deletions: two words within one misspelling (a swap, a drop,
    a doubling, a replacement) share at least one of these. A word longer than a name's
    (``MAX_NAME_WORD``: a name given by a correction, say) is itself alone: its deletions would
    cost the square of its length."""
    if len(word) > MAX_NAME_WORD:
        return {word}
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}
