"""Find the people, places and organizations a document mentions, offline and fast.

Per document (:func:`extract`): capitalized phrases are found with their offsets, trimmed of
titles, possessives and sentence-initial words, scored for each type from evidence in context
(titles, head nouns, cue words, the gazetteer, given names) and grouped into the document's
entities, with surnames and misspellings joined to the full name they belong to.
Across the corpus (:mod:`index.aliases`), the documents' entities are merged and typed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from index.lexicon import (
    ANY_CONNECTORS,
    CONNECTORS,
    ENGLISH_CONNECTORS,
    NON_NAMES,
    ORG,
    ORG_CUES,
    ORG_HEADS,
    PERSON,
    PERSON_VERBS,
    PLACE,
    PLACE_CUES,
    PLACE_HEADS,
    TITLE_PAIRS,
    TITLES,
    TYPES,
    Lexicon,
    lexicon,
    words,
)
from index.sanitize import fold

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'’][^\W_]+)*")
_OPENERS = "\"“‘'(«[—–- \t"
_SENTENCE_ENDS = ".!?:;\n"
_POSSESSIVE = ("'s", "’s", "'S", "’S")
MAX_NAME_TOKENS = 8
# Institutions that go by their head noun alone ("Congress", "the Army"); other head nouns alone
# ("the University", "the Party") are not names.
INSTITUTIONS = words(
    "congress parliament senate police army navy government cabinet judiciary pentagon"
)
GENERIC_WORDS = words(
    "north south east west northern southern eastern western central state city region"
)
# Titles that, in lower case, are as often adjectives.
ADJECTIVE_TITLES = words("major general chief chair")
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    folded: str
    cap: bool
    acronym: bool
    digit: bool
    initial: bool = False  # first word of a sentence or a headline word
    stop: bool = False  # the name ends here (possessive, "US-trained")


@dataclass(slots=True)
class Mention:
    """One mention in one document: offsets into the document text and the name it refers to."""

    start: int
    end: int
    text: str
    scores: dict[str, int] = field(default_factory=dict)
    name: str = ""  # the document-level entity it belongs to (its key: folded name)
    cues: dict[str, int] = field(default_factory=dict)  # ORG/PLACE evidence from the words around


@dataclass(slots=True)
class LocalEntity:
    """An entity as one document knows it."""

    name: str  # display form: the most frequent full form in the document
    key: str
    tokens: tuple[str, ...]  # folded name tokens without connectors
    scores: dict[str, int]
    mentions: list[Mention]
    aliases: set[str]

    @property
    def type(self) -> str | None:
        return best_type(self.scores)


def best_type(scores: dict[str, int]) -> str | None:
    """The type with most evidence; ties go to PERSON, then ORG, then PLACE."""
    ranked = sorted((-scores.get(t, 0), i) for i, t in enumerate((PERSON, ORG, PLACE)))
    score, index = ranked[0]
    return (PERSON, ORG, PLACE)[index] if score < 0 else None


@lru_cache(maxsize=1 << 16)
def _word_facts(raw: str) -> tuple[str, str, bool, bool, bool, bool]:
    """(word, folded, capitalized, acronym, digits, name ends here) of a token's text: words
    repeat across documents, so each is looked at once (most of tokenizing, uncached)."""
    word, stop = raw, False
    if word.endswith(_POSSESSIVE) and len(word) > 2:
        word, stop = word[:-2], True
    if "-" in word:
        head, _, rest = word.partition("-")
        if head[:1].isupper() and rest[:1].islower():
            word, stop = head, True  # "US-trained" -> "US"
    cap = word[:1].isupper()
    acronym = False
    if cap:
        letters = [ch for ch in word if ch.isalpha()]
        acronym = len(letters) >= 2 and all(ch.isupper() for ch in letters)
    return word, fold(word), cap, acronym, word.isdigit(), stop


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        word, folded, cap, acronym, digit, stop = _word_facts(match.group())
        start = match.start()
        append(Token(start, start + len(word), word, folded, cap, acronym, digit, False, stop))
    _mark_initials(text, tokens)
    return tokens


def _mark_initials(text: str, tokens: list[Token]) -> None:
    """Flag sentence-initial words, and every word of a Title Case line (a headline)."""
    previous: Token | None = None
    for token in tokens:
        j = token.start - 1
        while j >= 0 and text[j] in _OPENERS:
            j -= 1
        if j < 0 or text[j] in _SENTENCE_ENDS:
            token.initial = not (
                j >= 0 and text[j] == "." and previous is not None and _abbreviation(previous)
            )
        previous = token
    line_start = 0
    index = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        line_tokens = []
        while index < len(tokens) and tokens[index].start < line_end:
            line_tokens.append(tokens[index])
            index += 1
        words = [t for t in line_tokens if not t.digit and t.folded not in CONNECTORS]
        if len(words) >= 3 and sum(t.cap for t in words) >= 0.7 * len(words):
            for token in line_tokens:
                token.initial = True
        line_start = line_end + 1


def _abbreviation(token: Token) -> bool:
    """'Gen.', 'Dr.' or an initial ('J.'): a period that does not end the sentence."""
    return token.folded in TITLES and len(token.text) <= 5 or (len(token.text) == 1 and token.cap)


class _Extractor:
    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.tokens = tokenize(text)
        self._headlines: dict[int, bool] = {}
        self.lower_words = {t.folded for t in self.tokens if not t.cap}

    def gap(self, a: int, b: int) -> bool:
        """Tokens a and b are separated by one space only (same line, no punctuation)."""
        between = self.text[self.tokens[a].end : self.tokens[b].start]
        return between in (" ", "\u00a0") and not self.tokens[a].stop

    def can_start(self, token: Token) -> bool:
        return token.cap and not token.digit and token.folded not in NON_NAMES

    def runs(self) -> Iterable[list[int]]:
        tokens, n = self.tokens, len(self.tokens)
        i = 0
        while i < n:
            if not self.can_start(tokens[i]) or (tokens[i].initial and self._headline(i)):
                i += 1
                continue
            run = [i]
            while len(run) < MAX_NAME_TOKENS:
                last = run[-1]
                k = last + 1
                if k >= n or tokens[last].stop:
                    break
                if self.can_start(tokens[k]) and self.gap(last, k) and not tokens[k].initial:
                    after_acronym = tokens[last].acronym and not tokens[k].acronym
                    if after_acronym and tokens[k].folded in self.lex.given_names:
                        break  # "the CGTP Luis Villanueva": two names
                    run.append(k)
                    continue
                joined = self._connected(run, k)
                if not joined:
                    break
                run.extend(joined)
            yield run
            i = run[-1] + 1

    def _headline(self, i: int) -> bool:
        """Token i is on a Title Case line (decided once per line)."""
        line_start = self.text.rfind("\n", 0, self.tokens[i].start) + 1
        known = self._headlines.get(line_start)
        if known is None:
            line_end = self.text.find("\n", self.tokens[i].start)
            line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
            words = [w for w in line.split() if w[:1].isalpha()]
            known = len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)
            self._headlines[line_start] = known
        return known

    def _connected(self, run: list[int], k: int) -> list[int]:
        """Connector words (and a number) that join the run to a following capitalized word."""
        tokens, n = self.tokens, len(self.tokens)
        joined: list[int] = []
        m, previous = k, run[-1]
        while m < n and len(joined) < 3 and tokens[m].folded in ANY_CONNECTORS:
            if tokens[m].cap or not self.gap(previous, m):
                return []
            joined.append(m)
            previous, m = m, m + 1
        if not joined:
            return []
        if m + 1 < n and tokens[m].digit and self.gap(previous, m) and tokens[m + 1].cap:
            joined.append(m)
            previous, m = m, m + 1
        if m >= n or not self.can_start(tokens[m]) or not self.gap(previous, m):
            return []
        joining = [tokens[j].folded for j in joined if not tokens[j].digit]
        heads = ORG_HEADS | PLACE_HEADS
        has_head = any(tokens[j].folded in heads for j in run)
        if any(w in ENGLISH_CONNECTORS for w in joining):
            has_of = "of" in joining or any(tokens[j].folded == "of" for j in run)
            if joining[0] == "of" and not has_head:
                return []
            if joining[0] in ("and", "for", "on") and not (
                has_of if joining[0] == "and" else has_head
            ):
                return []
            if joining[0] == "the":
                return []
        return [*joined, m]

    def mention(self, run: list[int]) -> Mention | None:
        tokens = self.tokens
        scores: dict[str, int] = defaultdict(int)
        # Leading function parts and common parts that only start a sentence.
        while run and self._droppable(tokens[run[0]]):
            run = run[1:]
            while run and tokens[run[0]].folded in ANY_CONNECTORS:
                run = run[1:]
        # Titles: "President Dina Boluarte", "Prime Minister Alberto Otárola", "Gen. Chávez".
        titled = self._title_before(run[0]) if run else False
        while len(run) > 1:
            lead = tokens[run[0]].folded
            pair = (lead, tokens[run[1]].folded) in TITLE_PAIRS
            if not (lead in TITLES or pair):
                break
            rest = run[2:] if pair else run[1:]
            if not rest or any(tokens[j].folded in ORG_HEADS for j in rest):
                break  # "General Confederation of Workers" is not a general
            run, titled = rest, True
        while run and tokens[run[-1]].folded in ANY_CONNECTORS:
            run = run[:-1]
        if not run:
            return None
        first, last = tokens[run[0]], tokens[run[-1]]
        parts = [tokens[j] for j in run if tokens[j].folded not in CONNECTORS]
        folded = [t.folded for t in parts]
        org_head = any(w in ORG_HEADS for w in folded)
        place_head = any(w in PLACE_HEADS for w in folded[1:])
        if titled:
            scores[PERSON] += 3
        given = first.folded in self.lex.given_names and not first.acronym
        if len(parts) >= 2 and given and not (org_head or place_head or self._of_place(run)):
            scores[PERSON] += 2
        elif len(parts) == 1 and given and not first.initial:
            scores[PERSON] += 1
        if org_head:
            scores[ORG] += 3
        if place_head:
            scores[PLACE] += 2
        if len(parts) == 1 and first.acronym:
            scores[ORG] += 1
        name = fold(" ".join(t.text for t in parts))
        place = self.lex.places.get(name)
        if place:
            # A city's name is weak evidence (companies and people share them); a country's is not.
            scores[PLACE] += {"town": 1, "city": 2}.get(place.kind, 3)
        cues: dict[str, int] = defaultdict(int)
        self._context(run, cues)
        for kind, score in cues.items():
            scores[PLACE if kind == "near" else kind] += score
        cues.pop("near", None)
        text = self.text[first.start : last.end]
        unsure = (first.initial or first.acronym and len(parts) == 1) and not any(scores.values())
        if unsure and (first.folded in self.lower_words or len(parts) == 1 and first.initial):
            return Mention(first.start, last.end, text, {}, "?" + name)  # known names only
        return Mention(first.start, last.end, text, dict(scores), name, dict(cues))

    def _of_place(self, run: list[int]) -> bool:
        """'Toma de Lima', 'Bank of Spain': a name ending in 'of <place>' is not a person's."""
        for position, j in enumerate(run[1:-1], start=1):
            if self.tokens[j].folded in ANY_CONNECTORS:
                rest = fold(" ".join(self.tokens[k].text for k in run[position + 1 :]))
                return rest in self.lex.places
        return False

    def _droppable(self, token: Token) -> bool:
        if token.folded in NON_NAMES:
            return True  # "The" too; a Spanish article stays: "El Comercio", "La República"
        return (
            token.initial
            and token.folded in self.lower_words
            and token.folded not in self.lex.given_names
            and token.folded not in self.lex.places
        )

    def _title_before(self, index: int) -> bool:
        """A lower-case title or role right before the name: 'legislator Héctor Valer'."""
        j = index - 1
        if j >= 0 and self.gap(j, index) and self.tokens[j].folded in TITLES:
            if not self.tokens[j].cap and self.tokens[j].folded in ADJECTIVE_TITLES:
                return False  # "the major Las Bambas mine", "a general strike"
            return not self.tokens[j].cap or self.tokens[j].folded not in ORG_HEADS
        return False

    def _context(self, run: list[int], scores: dict[str, int]) -> None:
        tokens, n = self.tokens, len(self.tokens)
        before: list[str] = []
        j = run[0] - 1
        while j >= 0 and len(before) < 3 and not tokens[j].cap and self.gap(j, j + 1):
            before.append(tokens[j].folded)
            j -= 1
        if any(w in ORG_CUES for w in before):
            scores[ORG] += 2
        if before and before[0] in PLACE_CUES:
            scores["near"] += 1  # "in X": weak, counted as PLACE but not as a context cue
        if before[:2] == ["to", "according"]:
            scores[PERSON] += 1
        k = run[-1] + 1
        if k < n and not tokens[k].cap:
            between = self.text[tokens[run[-1]].end : tokens[k].start].strip()
            if between in ("", ",") and tokens[k].folded in PERSON_VERBS:
                scores[PERSON] += 1
            elif between == "" and not tokens[run[-1]].stop:
                if tokens[k].folded in PLACE_HEADS:
                    scores[PLACE] += 2
                elif tokens[k].folded in ORG_CUES:
                    scores[ORG] += 2


def extract(text: str, lex: Lexicon | None = None) -> list[LocalEntity]:
    """The entities of one document, each with its mentions (offsets into ``text``)."""
    extractor = _Extractor(text, lex or lexicon())
    mentions = [m for run in extractor.runs() if (m := extractor.mention(run))]
    _share_list_evidence(text, mentions)
    return _group(text, mentions, extractor)


def _share_list_evidence(text: str, mentions: list[Mention]) -> None:
    """Names listed together share a cue: 'mining giants Glencore, BHP, MMG and Rio Tinto'."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups:
            previous = groups[-1][-1]
            between = text[previous.end : mention.start]
            if between in (", ", " and ", ", and ", " or ", " y ", " e "):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    for group in groups:
        links = [text[a.end : b.start] for a, b in zip(group, group[1:], strict=False)]
        if not links or links[-1].strip(", ") not in ("and", "or", "y", "e"):
            continue  # "A, B, C" without "and" is as often an apposition as a list
        cue = {t: max(m.cues.get(t, 0) for m in group) for t in (ORG, PLACE)}
        bonus = 1 if len(group) >= 3 else 0
        for mention in group:
            for kind, score in cue.items():
                titled = mention.scores.get(PERSON, 0) >= 3
                if score >= 2 and not titled and not mention.cues.get(kind):
                    mention.scores[kind] = mention.scores.get(kind, 0) + score + bonus
                    mention.cues[kind] = score


def _group(text: str, mentions: list[Mention], extractor: _Extractor) -> list[LocalEntity]:
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.name].append(mention)
    # A sentence-initial word that is a word of a name found elsewhere may be that name.
    name_words = {t for key in by_key if not key.startswith("?") for t in key.split()[1:]}
    for key in [k for k in by_key if k.startswith("?") and k[1:] in name_words]:
        by_key[key[1:]].extend(by_key.pop(key))
    entities = {key: _local(key, group) for key, group in by_key.items() if not key.startswith("?")}
    _join_people(entities)
    # Sentence-initial and headline words count when they name an entity found elsewhere.
    known = {alias_key: e for e in entities.values() for alias_key in _keys(e)}
    for key, group in by_key.items():
        if key.startswith("?") and key[1:] in known:
            entity = known[key[1:]]
            entity.mentions.extend(group)
    _recover_headlines(extractor, known)
    kept = []
    for entity in entities.values():
        if any(entity.scores.get(kind) for kind in TYPES) and not _generic(entity, extractor):
            entity.mentions.sort(key=lambda m: m.start)
            for mention in entity.mentions:
                mention.name = entity.key
            kept.append(entity)
    return kept


def _generic(entity: LocalEntity, extractor: _Extractor) -> bool:
    """One word that is not a name by itself: a title, a head noun, a direction, an adjective
    of nationality ("the University", "Gen.", "South", "Peruvian")."""
    if len(entity.tokens) != 1 or entity.scores.get(PERSON, 0) >= 2:
        return False
    word = entity.tokens[0]
    if word in TITLES or word in GENERIC_WORDS or (word in ORG_HEADS and word not in INSTITUTIONS):
        return True
    if word in extractor.lex.places or word in extractor.lex.given_names:
        return False
    if any(m.text.isupper() for m in entity.mentions):
        return False  # an acronym
    return word.endswith(DEMONYM_ENDINGS) and all(
        _followed_by_lowercase(extractor, m) for m in entity.mentions
    )


def _followed_by_lowercase(extractor: _Extractor, mention: Mention) -> bool:
    rest = extractor.text[mention.end : mention.end + 30].lstrip(" ")
    return bool(rest) and rest[0].islower()


def _keys(entity: LocalEntity) -> set[str]:
    return {entity.key} | {fold(alias) for alias in entity.aliases}


def _local(key: str, group: list[Mention]) -> LocalEntity:
    scores: dict[str, int] = defaultdict(int)
    for mention in group:
        for kind, score in mention.scores.items():
            scores[kind] += score
    texts = [m.text for m in group]
    name = max(sorted(set(texts)), key=texts.count)
    return LocalEntity(name, key, name_tokens(key), dict(scores), list(group), set(texts))


def name_tokens(key: str) -> tuple[str, ...]:
    """The words of a folded name that identify it: connectors out."""
    return tuple(t for t in key.split() if t not in CONNECTORS)


def _recover_headlines(extractor: _Extractor, known: dict[str, LocalEntity]) -> None:
    """Find known names among headline words (which are all capitalized)."""
    tokens = extractor.tokens
    i = 0
    while i < len(tokens):
        if not (tokens[i].initial and tokens[i].cap and extractor._headline(i)):
            i += 1
            continue
        for length in range(min(4, len(tokens) - i), 0, -1):
            span = tokens[i : i + length]
            key = " ".join(t.folded for t in span)
            if key in known and all(extractor.gap(i + d, i + d + 1) for d in range(length - 1)):
                start, end = span[0].start, span[-1].end
                known[key].mentions.append(Mention(start, end, extractor.text[start:end]))
                i += length
                break
        else:
            i += 1


def _join_people(entities: dict[str, LocalEntity]) -> None:
    """Join surnames, given names and misspellings to the full names they stand for."""
    people = [e for e in entities.values() if len(e.tokens) >= 2 and e.type == PERSON]
    # Full names first: "Dina Bolaurte" joins "Dina Boluarte" (the more frequent spelling).
    for entity in sorted(people, key=lambda e: len(e.mentions)):
        for other in people:
            if other is entity or other.key not in entities or entity.key not in entities:
                continue
            bigger = len(other.mentions) >= len(entity.mentions)
            if bigger and same_person(entity.tokens, other.tokens):
                _absorb(entities, other, entity)
                break
    people = [e for e in people if e.key in entities]
    # Most used first: the exact surname joins before its rarer misspellings are weighed.
    for entity in sorted(entities.values(), key=lambda e: -len(e.mentions)):
        if len(entity.tokens) != 1 or entity.key not in entities:
            continue
        if _context_score(entity, PLACE) + _context_score(entity, ORG) > entity.scores.get(
            PERSON, 0
        ):
            continue  # "in Lima" stays a city even beside a Mr Lima
        uses = len(entity.mentions)
        candidates = [
            p for p in people if part_of_name(entity.tokens[0], p.tokens, len(p.mentions), uses)
        ]
        if len(candidates) == 1:
            _absorb(entities, candidates[0], entity)
        elif candidates:
            _split_by_context(entities, entity, candidates)


def _context_score(entity: LocalEntity, kind: str) -> int:
    return sum(m.cues.get(kind, 0) for m in entity.mentions)


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names of one person: a misspelling, or one name inside the other."""
    if a[0] != b[0] or a == b:
        return False
    if len(a) == len(b):
        differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(differ) == 1 and is_misspelling(*differ[0])
    short, long = sorted((a, b), key=len)
    return all(t in long for t in short)


def part_of_name(token: str, person: tuple[str, ...], person_uses: int, uses: int) -> bool:
    """A single word that stands for this person: a surname, the given name, or a misspelling
    (only of a name used more often than the misspelling)."""
    if token in person:
        return True
    return person_uses > uses and any(is_misspelling(token, t) for t in person[1:])


def is_misspelling(a: str, b: str) -> bool:
    """Adjacent letters swapped, one dropped or doubled (and, in long words, one replaced)."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            return a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        return len(diff) == 1 and len(a) >= 7
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _absorb(entities: dict[str, LocalEntity], into: LocalEntity, other: LocalEntity) -> None:
    into.mentions.extend(other.mentions)
    into.aliases |= other.aliases
    for kind, score in other.scores.items():
        into.scores[kind] = into.scores.get(kind, 0) + score
    entities.pop(other.key, None)


def _split_by_context(
    entities: dict[str, LocalEntity], entity: LocalEntity, candidates: list[LocalEntity]
) -> None:
    """An ambiguous surname goes, mention by mention, to the person last named in full before it
    ("Alberto Fujimori ... Fujimori fled"), or else the one named next."""
    for mention in entity.mentions:
        before = [
            (max(m.start for m in p.mentions if m.start < mention.start), p)
            for p in candidates
            if any(m.start < mention.start for m in p.mentions)
        ]
        if before:
            target = max(before, key=lambda pair: pair[0])[1]
        else:
            target = min(candidates, key=lambda p: min(m.start for m in p.mentions))
        target.mentions.append(mention)
        target.aliases.add(mention.text)
    entities.pop(entity.key, None)
