"""Find the people, places and organizations a document mentions, offline and fast.

Per document (:func:`extract`): capitalized phrases are found with their offsets, trimmed of
titles, possessives and sentence-initial words, scored for each type from evidence in context
(titles, head nouns, cue words, the gazetteer, given names) and grouped into the document's
entities, with surnames and misspellings joined to the full name they belong to.
Across the corpus (:mod:`index.extract.aliases`), the documents' entities are merged and typed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from index.extract.knowledge import Known, knowledge
from index.extract.lexicon import (
    ANY_CONNECTORS,
    CONNECTORS,
    DEMONYMS,
    ENGLISH_CONNECTORS,
    EVENT_HEADS,
    FACILITY_HEADS,
    NON_NAMES,
    NOT_ENTITIES,
    ORG,
    ORG_CUES,
    ORG_HEADS,
    PARTY_WORDS,
    PERSON,
    PERSON_VERBS,
    PLACE,
    PLACE_CUES,
    PLACE_HEADS,
    REGION_COMPASS,
    REGION_HEADS,
    REGION_WORDS,
    ROLE_NOUNS,
    SURNAME_HEADS,
    TITLE_PAIRS,
    TITLES,
    TYPES,
    Lexicon,
    lexicon,
    words,
)
from index.sanitize import fold

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'’][^\W_]+)*")
# The same matches in a text of ASCII only (its classes are those of Unicode there), sooner.
_ASCII_TOKEN = re.compile(_TOKEN.pattern, re.ASCII)
_OPENERS = "\"“‘'(«[—–- \t"
_SENTENCE_ENDS = ".!?:;\n"
_SENTENCE_END = re.compile(r"[.!?\n]")
_FIRST = itemgetter(0)
_OPENED = re.compile(f"[{re.escape(_OPENERS)}]*")
_AFTER_END = re.compile(f"[{re.escape(_SENTENCE_ENDS)}][{re.escape(_OPENERS)}]*")
_POSSESSIVE = ("'s", "’s", "'S", "’S")
MAX_NAME_TOKENS = 8
MAX_NAME_WORD = 64
"""No word of a name is longer (the longest place names are under 60 letters): a longer word
(a run of letters, a pasted hash) is not read as a name, which keeps the work on a name's words
bounded (alias resolution compares their one-letter deletions)."""
# Institutions that go by their head noun alone ("Congress", "the Army"); other head nouns alone
# ("the University", "the Party") are not names.
INSTITUTIONS = words(
    "congress parliament senate police army navy government cabinet judiciary pentagon court church"
)
# Head nouns that are names by themselves ("Reuters reported", "Amnesty said").
PROPER_HEADS = words("reuters amnesty")
GENERIC_WORDS = words(
    "north south east west northern southern eastern western central state city region"
)
# The score key that records how much of an entity's PLACE evidence is the gazetteer's alone (it
# does not follow a surname into the full name it joins: "Radcliffe" the town, "Paula Radcliffe").
GAZETTEER = "gazetteer"
# The score keys that record the knowledge base's share of ORG and of PLACE evidence (left out,
# like the gazetteer's, where a surname joins a full name: "Diane Abbott" is no company).
KB_SHARE = {ORG: "kb:ORG", PLACE: "kb:PLACE"}
_SHARES = frozenset(KB_SHARE.values())


@dataclass(frozen=True, slots=True)
class Reason:
    """A piece of type evidence: the mention at ``start``..``end`` got ``points`` for ``kind``
    because of ``reason`` ("a title or role before it")."""

    start: int
    end: int
    kind: str
    points: int
    reason: str


# The score key of a one-word name followed by "said" and the like: no type (companies speak as
# people do), but a name the collection may join to the person it stands for ("Rakapa said").
SPEAKS = "speaks"
# Nouns right before a name that make it the title of a work ("the film Vera Drake", "the novel
# Atonement"): a document that calls a name a work does not also count it as a person.
WORK = "work"
WORK_CUES = words("""
    film films movie movies drama comedy thriller album albums single song songs book novel
    musical sitcom series show play opera documentary game games console handheld title
    """)
# Roles in a club: after a town's name they say the club ("Chelsea boss", "Newcastle striker").
CLUB_ROLES = words("""
    boss manager coach captain striker midfielder defender goalkeeper keeper winger chairman
    """)
# People of an organization, before "of" and its name: "co-founder of Google".
MEMBERS_OF = words("""
    founder founders co-founder co-founders cofounder chairman chairwoman ceo shareholders
    shareholder employees employee subsidiary subsidiaries owner owners spokesman spokeswoman
    spokesperson board
    """)
# What an organization has and a person has not, after its name or its possessive: "Yukos's
# shares", "Sony's chief executive", "the Microsoft subsidiary".
ORG_POSSESSIONS = words("""
    shares stock shareholders headquarters subsidiary subsidiaries profits revenue revenues
    earnings turnover takeover merger
    """)
# ... and, right after its name only, its people ("Sony employees"; "Smith's employees" may be
# a shopkeeper's).
ORG_PEOPLE = words("employees workforce customers subscribers executives")
ORG_OWNED = ORG_POSSESSIONS | ORG_PEOPLE
# Words that make the title after them a company's standing: "market leader Nintendo".
MARKET_WORDS = words("market industry sector category brand segment")
# Spanish articles that start names of things ("La Marcha", "El Comercio"), whatever name lists
# say of "La".
ARTICLES = words("la las los el")
# Titles that, in lower case, are as often adjectives.
ADJECTIVE_TITLES = words("major general chief chair")
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an", "ic")
# Function words that also start names when a capitalized word follows: "New York", "Will Moy".
NAME_STARTERS = words("new will")
# Month names that are also surnames, after a given name: "Theresa May", "Brian May".
MONTH_SURNAMES = words("may june april august")
# Titles written after the name: "Kate Hoey MP".
POST_TITLES = words("mp mep msp mla qc td")
# A hyphenated word is cut before its second part when that part is an English word making a
# compound adjective ("US-led", "London-based", "Oscar-winning"), or after a prefix ("Anti-war");
# a name keeps its hyphen ("Jean-Claude", "Kilroy-Silk", "Kuo-yu", "Ki-moon").
COMPOUND_ENDS = ("ed", "ing", "based", "born", "run", "wide", "style", "made", "like", "free")
COMPOUND_PARTS = words("""
    era type sized owned led backed funded bound friendly only elect designate era-style
    listed linked long old year month week day time size scale level class term speaking
    language rich poor proof centric up down in out off over
    """)
# Plural words that end the names of places, not of teams: "Cleveland Heights", "Yorkshire
# Dales".
PLURAL_PLACES = words("""
    heights hills lakes woods gardens fields sands flats plains highlands lowlands keys shores
    banks docks docklands downs moors wells dales glens fens marshes meadows isles rocks
    narrows headlands waters grounds towers
    """)
# Roles that works and phrases have as well as organizations: "the Kill Bill director".
WORK_ROLES = words("director leader editor correspondent founder author")
# Plural words that end the names of events, not of teams.
EVENT_PLURALS = words("""
    games championships sevens lectures sessions series finals trials talks awards olympics
    paralympics open opens masters classics
    """)
# One syllable of a romanized Chinese or Korean name: "kwok", "keung", "jae", "in", "hsien".
_SYLLABLE = re.compile(
    r"(?:[bcdfghjklmnpqrstvwxyz]{0,3})(?:[aeiou]{1,3}|y[aeiou]{0,2})(?:ng|rk|n|m|k|p|t|h|r|l)?"
)
HYPHEN_PREFIXES = words("anti pro non post pre ex co self mid semi multi neo pan")


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
    best, found = 0, None
    for kind in (PERSON, ORG, PLACE):
        score = scores.get(kind, 0)
        if score > best:
            best, found = score, kind
    return found


@lru_cache(maxsize=1 << 16)
def _word_facts(raw: str) -> tuple[str, str, bool, bool, bool, bool, int, str]:
    """(word, folded, capitalized, acronym, digits, name ends here, the word's length, its
    kind on a headline) of a token's text: words repeat across documents, so each is looked at
    once (most of tokenizing, uncached). The kind: ``U`` a capitalized word, ``l`` another word,
    ``x`` a number or a connector (not counted)."""
    word, stop = raw, False
    if word.endswith(_POSSESSIVE) and len(word) > 2:
        word, stop = word[:-2], True
    if "-" in word:
        head, _, rest = word.partition("-")
        if head[:1].isupper() and rest[:1].islower() and _compound(head, rest):
            word, stop = head, True  # "US-trained" -> "US"
    cap = word[:1].isupper()
    acronym = False
    if cap:
        letters = [ch for ch in word if ch.isalpha()]
        acronym = len(letters) >= 2 and all(ch.isupper() for ch in letters)
    folded, digit = fold(word), word.isdigit()
    kind = "x" if digit or folded in CONNECTORS else "U" if cap else "l"
    return word, folded, cap, acronym, digit, stop, len(word), kind


_DEFINED = re.compile(r"[(]\s*([A-Z][A-Za-z]{1,7})\s*[)]")
_GLUE = frozenset({"of", "and", "for", "the", "in", "on", "to", "a", "an", "&"})


def _expansion(letters: str, words: list[str]) -> list[str]:
    """The words an abbreviation stands for, ending where it is written: the nearest word
    starting with its first letter from which its other letters are initials in order
    ("Democratic Alliance for the Betterment of Hong Kong" for DAB); [] if none."""
    if len(letters) < 2:
        return []
    for start in range(len(words) - 1, -1, -1):
        if words[start][0].lower() != letters[0]:
            continue
        rest = iter(w[0].lower() for w in words[start + 1 :])
        if all(letter in rest for letter in letters[1:]):
            return words[start:]
    return []


def defined_abbreviations(
    text: str,
) -> tuple[frozenset[str], dict[str, tuple[int, bool, str]]]:
    """The abbreviations a text defines, folded: those defined by words in lower case are terms
    ("global sea surface salinity (SSS)", "information and communication technology (ICT)"),
    not organizations; those defined by a capitalized name ("Kennedy Space Center (KSC)",
    "Democratic Alliance for the Betterment of Hong Kong (DAB)") are that name, with the offset
    of their opening parenthesis, whether the name has a head noun of an organization or a
    place ("Center", "Alliance"; not "Geographic Information Systems") and the name, folded."""
    terms: set[str] = set()
    names: dict[str, tuple[int, bool, str]] = {}
    for match in _DEFINED.finditer(text):
        letters = match.group(1).rstrip("s").lower()
        before = text[max(match.start() - 160, 0) : match.start()].split()
        words = [w for w in before if w.lower() not in _GLUE and w[:1].isalpha()][-12:]
        expansion = _expansion(letters, words)
        if not expansion:
            continue
        if all(w[0].islower() for w in expansion):
            terms.add(fold(match.group(1)))
        elif all(w[0].isupper() for w in expansion):
            heads = any(fold(w) in _NAME_HEADS for w in expansion)
            name = " ".join(fold(w) for w in expansion)
            names.setdefault(fold(match.group(1)), (match.start(), heads, name))
    return frozenset(terms), names


# Head nouns that say a defined abbreviation names something (with ORG_HEADS and the others):
# "World Economic Forum (WEF)", "Christian Medical Fellowship (CMF)".
_NAME_HEADS = (
    ORG_HEADS
    | PLACE_HEADS
    | FACILITY_HEADS
    | PARTY_WORDS
    | words("forum fellowship roundtable companies presse")
)


def _acronym_name(token: Token) -> bool:
    """A function word written in capitals mid-sentence that the knowledge base knows as an
    acronym: "the WHO said" (not "it was ALL over")."""
    return (
        token.acronym and len(token.text) >= 3 and not token.initial and token.folded in knowledge()
    )


def _compound(head: str, rest: str) -> bool:
    """'US-led', 'London-based', 'Anti-war': a compound adjective or prefix, not a name."""
    last = rest.rpartition("-")[2]
    return (
        head.isupper()
        or fold(head) in HYPHEN_PREFIXES
        or (last.endswith(COMPOUND_ENDS) and not _syllable_ing(last))
        or last in COMPOUND_PARTS
        or rest in COMPOUND_PARTS
    )


def _syllable_ing(word: str) -> bool:
    """A syllable of a romanized name that ends as a participle does ("Wai-ching", "Xi-ming"):
    no vowel before the "ing" (an English one has: "being", "dying", "loving")."""
    stem = word[:-3]
    return (
        word.endswith("ing")
        and not any(v in stem for v in "aeiou")
        and not (len(stem) >= 2 and "y" in stem)
    )


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    kinds: list[str] = []
    kind_of = kinds.append
    for match in (_ASCII_TOKEN if text.isascii() else _TOKEN).finditer(text):
        word, folded, cap, acronym, digit, stop, length, kind = _word_facts(match.group())
        start = match.start()
        append(Token(start, start + length, word, folded, cap, acronym, digit, False, stop))
        kind_of(kind)
    _mark_initials(text, tokens, "".join(kinds))
    return tokens


def _mark_initials(text: str, tokens: list[Token], kinds: str) -> None:
    """Flag sentence-initial words, and every word of a Title Case line (a headline);
    ``kinds``: each token's kind on a headline (``_word_facts``), one letter a token."""
    # Where a word would start after a sentence's end and the openers after it (a word starts
    # with none of them), and the end there; a word after openers alone starts the text.
    ends = {match.end(): match.group()[0] for match in _AFTER_END.finditer(text)}
    first = _OPENED.match(text)
    ends[first.end() if first else 0] = ""
    previous: Token | None = None
    before: Token | None = None
    for token in tokens:
        end = ends.get(token.start)
        if end is not None:
            token.initial = not (
                end == "."
                and previous is not None
                and (_abbreviation(previous) or _middle_initials(text, before, previous))
            )
        before, previous = previous, token
    starts = [token.start for token in tokens]
    line_start = 0
    index = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        line_index = index
        index = bisect_left(starts, line_end, line_index)
        capitalized = kinds.count("U", line_index, index)
        words = capitalized + kinds.count("l", line_index, index)
        if words >= 3 and capitalized >= 0.7 * words:
            for token in tokens[line_index:index]:
                token.initial = True
        line_start = line_end + 1


def _middle_initials(text: str, before: Token | None, token: Token) -> bool:
    """'George H.W. Bush': dotted initials right after a capitalized word, not 'the U.S.'."""
    return (
        before is not None
        and before.cap
        and token.text.endswith(".")
        and token.acronym
        and len(token.text) <= 6
        and text[before.end : token.start] == " "
    )


def _single_letter(token: Token) -> bool:
    return len(token.text) == 1 and token.cap


def _abbreviation(token: Token) -> bool:
    """'Gen.', 'Dr.' or an initial ('J.'): a period that does not end the sentence."""
    return token.folded in TITLES and len(token.text) <= 5 or (len(token.text) == 1 and token.cap)


class _Extractor:
    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.tokens = tokenize(text)
        self.kb = knowledge()
        self._headlines: dict[int, bool] = {}
        self.lower_words = {t.folded for t in self.tokens if not t.cap}
        self.cap_words = {t.folded for t in self.tokens if t.cap}
        self.terms, defined = defined_abbreviations(text)
        self.defined = {short: at for short, (at, _, _) in defined.items()}
        # An abbreviation of capitalized words with no head noun of an organization or a place
        # ("Geographic Information Systems (GIS)", "Electronic Arts (EA)") may be a term's or a
        # company's: it is an organization only with evidence ("EA said"), unless the knowledge
        # base or the gazetteer knows it or its name ("General Motors (GM)").
        self.headless = {
            short
            for short, (_, heads, name) in defined.items()
            if not heads and not any(k in self.kb or k in lex.places for k in (short, name))
        }
        self.why: list[Reason] | None = None  # set to a list to be told why (explain)
        self._span = (0, 0)

    def because(self, kind: str, points: int, reason: str) -> None:
        """Record a piece of type evidence of the run being read (only when explaining)."""
        if self.why is not None:
            self.why.append(Reason(self._span[0], self._span[1], kind, points, reason))

    def gap(self, a: int, b: int) -> bool:
        """Tokens a and b are separated by one space only (same line, no punctuation)."""
        between = self.text[self.tokens[a].end : self.tokens[b].start]
        return between in (" ", "\u00a0") and not self.tokens[a].stop

    def can_start(self, token: Token) -> bool:
        return (
            token.cap
            and not token.digit
            and (token.folded not in NON_NAMES or _acronym_name(token))
            and len(token.text) <= MAX_NAME_WORD
        )

    def starts(self, i: int) -> bool:
        """Token i can be a word of a name: capitalized, not a function word, or one of the few
        function words that start names when a name word follows ("New York", "Will Moy"; not
        "Will Labour win?")."""
        token = self.tokens[i]
        if not token.cap or token.digit or len(token.text) > MAX_NAME_WORD:
            return False
        if token.folded not in NON_NAMES or _acronym_name(token):
            return True
        if token.folded not in NAME_STARTERS or i + 1 >= len(self.tokens):
            return False
        following = self.tokens[i + 1]
        if not (self.can_start(following) and self.gap(i, i + 1)):
            return False
        return token.folded != "will" or not self._question(i)

    def _initial_gap(self, run: list[int], k: int) -> bool:
        """The run's last word is a middle initial and its period: 'Charles J. Fillmore', 'John
        F. Kennedy', 'J. K. Rowling' (after a given name or another initial, so that 'Plan B.
        Officials' stays two); or a first initial before the given name a person goes by and
        a surname: 'L. Ron Hubbard', 'F. Scott Fitzgerald' (not 'Plan B. Officials said')."""
        tokens = self.tokens
        last = tokens[run[-1]]
        if not (_single_letter(last) and self.text[last.end : tokens[k].start] == ". "):
            return False
        if len(run) >= 2:
            return _single_letter(tokens[run[-2]]) or self._given(run[-2])
        if k + 1 >= len(tokens):
            return False
        if _single_letter(tokens[k]):
            return True
        surname, start = tokens[k + 1], run[0]
        label = (  # "vitamin C. Maria Lopez said": a letter naming a thing, then a sentence
            start > 0
            and self.gap(start - 1, start)
            and not tokens[start - 1].cap
            and tokens[start - 1].folded not in NON_NAMES
        )
        return (
            not label
            and self._given(k)
            and self.gap(k, k + 1)
            and surname.cap
            and not surname.initial
            and surname.folded not in NON_NAMES
        )

    def _question(self, i: int) -> bool:
        """The sentence holding token i ends with a question mark."""
        match = _SENTENCE_END.search(self.text, self.tokens[i].end)
        return match is not None and match.group() == "?"

    def _month_surname(self, run: list[int], k: int) -> bool:
        """'Theresa May': a month name right after a lone given name, no number after it."""
        tokens = self.tokens
        return (
            tokens[k].folded in MONTH_SURNAMES
            and tokens[k].cap
            and tokens[run[-1]].folded in self.lex.given_names
            and not (k + 1 < len(tokens) and tokens[k + 1].digit)
        )

    def runs(self) -> Iterable[list[int]]:
        tokens, n = self.tokens, len(self.tokens)
        i = 0
        while i < n:
            if not tokens[i].cap:
                i += 1  # most words (what starts() asks first)
                continue
            if not self.starts(i) or (tokens[i].initial and self._headline(i)):
                i += 1
                continue
            run = [i]
            while len(run) < MAX_NAME_TOKENS:
                last = run[-1]
                k = last + 1
                if k >= n or tokens[last].stop:
                    break
                if (
                    tokens[k].cap  # what starts() and _month_surname() ask first
                    and (self.starts(k) or self._month_surname(run, k))
                    and (self.gap(last, k) or self._initial_gap(run, k))
                    and not tokens[k].initial
                ):
                    after_acronym = tokens[last].acronym and not tokens[k].acronym
                    if (
                        after_acronym
                        and tokens[k].folded in self.lex.given_names
                        and tokens[last].folded not in TITLES
                    ):
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
            # The first letters of its words (a word that starts with no letter aside).
            firsts = "".join(filter(str.isalpha, map(_FIRST, line.split())))
            known = len(firsts) >= 3 and sum(map(str.isupper, firsts)) >= 0.7 * len(firsts)
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
        if m >= n or not self.starts(m) or not self.gap(previous, m):
            return []
        joining = [tokens[j].folded for j in joined if not tokens[j].digit]
        has_head = any(tokens[j].folded in HEADS for j in run)
        if any(w in ENGLISH_CONNECTORS for w in joining):
            has_of = "of" in joining or any(tokens[j].folded == "of" for j in run)
            office = any(tokens[j].folded in TITLES for j in run)  # "Secretary of State"
            if joining[0] == "of" and not (has_head or office):
                return []
            if joining[0] in ("and", "for", "on") and not (
                has_of if joining[0] == "and" else has_head
            ):
                return []
            if joining[0] == "the" or joining[:2] == ["and", "the"]:
                return []  # "the Museum of Art and the Tulsa Hotel": two names
        return [*joined, m]

    def mentions(self, run: list[int]) -> list[Mention]:
        """The mentions a run of capitalized words makes: usually one; two where an office title
        sits between an organization or place and a person ("Bank of England Governor Mervyn
        King"); none for a title, nationality or common abbreviation alone."""
        tokens = self.tokens
        # Leading function parts and common parts that only start a sentence.
        if not self._known_name(run):
            while run and self._droppable(run):
                run = run[1:]
                while run and tokens[run[0]].folded in ANY_CONNECTORS:
                    run = run[1:]
        if not run:
            return []
        found: list[Mention] = []
        # Titles in any form: "President Dina Boluarte", "Gen. Chávez", "Fed Chair Janet Yellen",
        # "Home Secretary Charles Clarke", "Secretary of State Condoleezza Rice": the words up to
        # the title say whose office it is, and are a name of their own only with evidence.
        titled = self._title_before(run[0])
        split = self._title_split(run)
        if split:
            modifier = self._before_title(run[:split])
            if modifier:
                found += [m for m in [self.mention(modifier, modifier=True)] if m]
            run, titled = run[split:], True
        elif office := self._office_of(run):
            return found + self.mentions(run[office:])  # "President of Peru": Peru
        elif len(run) > 1 and tokens[run[-1]].folded in POST_TITLES and self._given(run[0]):
            run, titled = run[:-1], True  # "Kate Hoey MP"
        elif len(run) > 1 and self._ends_in_title(run):
            # A role without its holder: "the German Chancellor", "Labour Leader".
            modifier = self._before_title(run)
            found += [m for m in [self.mention(modifier, modifier=True)] if m and modifier]
            return found
        person = self.mention(run, titled)
        return [*found, person] if person else found

    def _office_of(self, run: list[int]) -> int:
        """Where the name after 'Title of' starts ('President of Peru', 'Minister for Europe'),
        0 if the run is not a title with a complement."""
        tokens = self.tokens
        for position in range(len(run) - 2):
            if self._is_title_at(run, position) and tokens[run[position + 1]].folded in (
                "of",
                "for",
            ):
                if any(tokens[j].folded in ORG_HEADS for j in run[:position]):
                    return 0  # "Bank of ...", "Council for ..."
                return position + 2
        return 0

    def _given(self, index: int) -> bool:
        """Token ``index`` is a given name (not a nationality that is one too: 'German')."""
        return self._given_word(self.tokens[index].folded)

    def _given_word(self, word: str) -> bool:
        """A given name, hyphenated ones by their first part ('Jean-Claude'), not a nationality
        that is one too ('German')."""
        if word not in self.lex.given_names:
            head, dash, _ = word.partition("-")
            if not dash or head not in self.lex.given_names:
                # A US given name that is also a word counts where the text never writes the
                # word ("Keir Starmer"; not "Harmony Hall" beside "harmony").
                return word in self.lex.given_names_us and word not in self.lower_words
        return word not in DEMONYMS

    def _known_name(self, run: list[int]) -> bool:
        """The whole run is a place of the gazetteer ('La Paz', 'New York'): keep its first word."""
        return len(run) > 1 and " ".join(self.tokens[j].folded for j in run) in self.lex.places

    def _is_title_at(self, run: list[int], position: int) -> int:
        """The length (1 or 2) of the title ending at run[position], or 0."""
        tokens = self.tokens
        if position >= 1:
            pair = (tokens[run[position - 1]].folded, tokens[run[position]].folded)
            if pair in TITLE_PAIRS:
                return 2
        return 1 if tokens[run[position]].folded in TITLES else 0

    def _title_split(self, run: list[int]) -> int:
        """Where the person's name starts after an office title in the run (0: no title): the
        last place where a title is followed by a name, or where a given name follows a title
        and words of the office ("Secretary of State Condoleezza Rice")."""
        tokens = self.tokens
        titles = [self._is_title_at(run, position) for position in range(len(run) - 1)]
        if not any(titles):
            return 0  # most names: no title to split at
        titled_before = False
        best = 0
        for s in range(1, len(run)):
            if titles[s - 1]:
                titled_before = True
            tail = [tokens[j] for j in run[s:]]
            if tail[0].folded in ANY_CONNECTORS:
                continue
            words_of_tail = [t.folded for t in tail if t.folded not in CONNECTORS]
            if any(w in ORG_HEADS for w in words_of_tail):
                continue  # "General Confederation of Workers" is not a general
            if any(w in PLACE_HEADS or w in FACILITY_HEADS for w in words_of_tail[1:]):
                continue  # "King Street"
            after_title = titles[s - 1] > 0
            given = (
                tail[0].folded in self.lex.given_names
                and len(words_of_tail) >= 2
                and tokens[run[s - 1]].folded not in self.lex.given_names  # "José Domingo Pérez"
            )
            if after_title or (titled_before and (given or self._after_office(run, s))):
                best = s
        return best

    def _after_office(self, run: list[int], s: int) -> bool:
        """run[s] follows a title's complement, 'of'/'for' and one word: 'Secretary of State
        Condoleezza Rice', 'Minister for Europe Denis MacShane'."""
        tokens = self.tokens
        return (
            s >= 3
            and not any(tokens[j].folded in ORG_HEADS for j in run[:s])
            and tokens[run[s - 2]].folded in ("of", "for")
            and tokens[run[s - 1]].folded not in ANY_CONNECTORS
            and any(tokens[j].folded in TITLES for j in run[: s - 2])
        )

    def _ends_in_title(self, run: list[int]) -> bool:
        """'the Home Secretary', 'German Chancellor': the run ends in an office title and does
        not start with a given name ('Mervyn King' is a name)."""
        tokens = self.tokens
        if not self._is_title_at(run, len(run) - 1):
            return False
        if len(run) > 1 and self._given(run[0]):
            return False
        return not any(tokens[j].folded in ORG_HEADS for j in run)

    def _before_title(self, run: list[int]) -> list[int]:
        """The words before the office title: 'Bank of England' of 'Bank of England Governor'."""
        end = len(run)
        while end > 0:
            length = self._is_title_at(run, end - 1)
            if not length:
                break
            end -= length
        modifier = run[:end]
        while modifier and self.tokens[modifier[-1]].folded in ANY_CONNECTORS:
            modifier = modifier[:-1]
        return modifier

    def mention(
        self, run: list[int], titled: bool = False, modifier: bool = False
    ) -> Mention | None:
        """The mention of a run trimmed of titles; ``modifier``: the run stood before an office
        title, so it is a name only with evidence of its own (or when found elsewhere)."""
        tokens = self.tokens
        scores: dict[str, int] = defaultdict(int)
        while run and tokens[run[-1]].folded in ANY_CONNECTORS:
            run = run[:-1]
        if not run:
            return None
        first, last = tokens[run[0]], tokens[run[-1]]
        self._span = (first.start, last.end)
        # A connector in capitals is an abbreviation: "LA Weekly" (Los Angeles), not "la".
        parts = [t for t in [tokens[j] for j in run] if t.folded not in CONNECTORS or t.acronym]
        folded = [t.folded for t in parts]
        affiliation = (
            len(parts) == 1
            and first.acronym
            and folded[0] not in self.lex.places  # "the UK's Tony Blair"
            and self._affiliation(run)
        )
        if (
            len(parts) == 1
            and parts[0].folded not in self.defined  # "Democratic Alliance ... (DAB)"
            and not (affiliation and parts[0].folded in NOT_ENTITIES)  # evidence over the list
            and (
                _never_a_name(parts[0], titled)
                or (parts[0].acronym and parts[0].folded in self.terms)
            )
        ):
            return None  # "GMT", "MP3", "German", "Americans"
        if len(parts) > 1 and not titled and all(t.folded in COMMON_PARTS for t in parts):
            return None  # "British TV", "French PCs": a nationality and a common noun
        if parts[-1].folded in EVENT_HEADS and not titled:
            return None  # "Winter Carnival", "the Olympics": an event's name
        org_head = not ORG_HEADS.isdisjoint(folded)
        if org_head and len(folded) > 1 and folded[-1] not in ORG_HEADS:
            # The last word is the head: "Union Station", "NTU Hospital Station", "Parliament
            # Square" are places whatever the words before them name.
            org_head = not (folded[-1] in PLACE_HEADS or folded[-1] in FACILITY_HEADS)
        # "Cleveland Museum", "Shah Mosque"; "Museum of Flight", "Palace of Westminster"; a
        # place's word before "of" and a place: "the State of Texas", "Gulf of Mexico".
        facility_first = (
            (
                folded[0] in FACILITY_HEADS
                or (folded[0] in PLACE_HEADS and " ".join(folded[1:]) in self.lex.places)
            )
            and len(parts) > 1
            and len(run) > len(parts)
        )
        place_head = (
            any(w in PLACE_HEADS or w in FACILITY_HEADS for w in folded[1:]) or facility_first
        ) and not (
            len(folded) == 2 and folded[1] in SURNAME_HEADS and self._given_word(folded[0])
        )  # "Stuart Hall" is a person, "Carnegie Hall" a place
        party = folded[-1] in PARTY_WORDS
        region = _world_region(folded)
        if region:
            scores[PLACE] += 3
            self.because(PLACE, 3, "a region of the world (a direction before a continent)")
        if titled:
            scores[PERSON] += 3
            self.because(PERSON, 3, "a title or role before it")
        # "L. Ron Hubbard": a first initial before the given name the person goes by
        initial = len(run) >= 3 and _single_letter(first)
        named = tokens[run[1]] if initial and self.text[first.end] == "." else first
        given = (
            self._given_word(named.folded)
            and first.folded not in ARTICLES  # "La Marcha de los 4 Suyos": "La" is no name here
            and not first.acronym
            and not self._known_org(first.folded)  # "Apple Insider" is no person
            and not self._ends_in_country(folded)  # "Fan Expo Canada", "Environment Canada"
            and not self._common_phrase(folded)  # "Tulsa Transit", "Kenya Law"
            and not region  # "Sub-Saharan Africa"
        )
        if (
            len(parts) >= 2
            and given
            and not (org_head or place_head or party or self._of_place(run))
        ):
            scores[PERSON] += 2
            self.because(PERSON, 2, f"starts with a given name ({named.text})")
        if not (org_head or place_head or party) and self._team(folded):
            scores[ORG] += 2
            self.because(ORG, 2, "a place's name and a plural: a team ('Leeds Rhinos')")
        if len(parts) == 2 and not (org_head or place_head or party) and self._syllabic(parts):
            scores[PERSON] += 2
            self.because(PERSON, 2, "a surname and a two-syllable given name (Chinese, Korean)")
        if org_head or party:
            scores[ORG] += 3
            head = next(w for w in folded if w in ORG_HEADS or w in PARTY_WORDS)
            self.because(ORG, 3, f"an organization's word in the name ({head})")
        if place_head:
            scores[PLACE] += 2
            self.because(PLACE, 2, "a place's word in the name")
        if len(parts) == 1 and first.acronym and folded[0] not in self.headless:
            scores[ORG] += 1
            self.because(ORG, 1, "an acronym")
        if affiliation:
            scores[ORG] += 2
            self.because(ORG, 2, "a person's organization ('Ann Lee of DAB', 'DAB's Ann Lee')")
        name = " ".join(folded)
        whole = " ".join(tokens[j].folded for j in run) if len(parts) < len(run) else name
        if whole != name and whole in self.lex.places:
            name = whole  # "La Paz", "Los Angeles": the article is part of the place's name
        place = self.lex.places.get(name)
        if (
            place
            and first.acronym
            and len(parts) == 1
            and len(first.text) >= 3
            and place.kind in ("city", "town", "region")
            and not place.name.isupper()
        ):
            place = None  # "USI" is no town called Usi: a place is written as a word
        if place and not titled:
            # A city's name is weak evidence (companies and people share them); a country's is not;
            # none against a title ("President Obama", whatever towns are called Obama).
            gazetteer = {"town": 1, "city": 2}.get(place.kind, 3)
            scores[PLACE] += gazetteer
            scores[GAZETTEER] += gazetteer
            self.because(PLACE, gazetteer, f"in the gazetteer ({place.kind})")
        elif name in PLANETS and not titled:
            # The planets are places (as a city's name, weak: "Mars bars", "Venus Williams").
            scores[PLACE] += 2
            scores[GAZETTEER] += 2
            self.because(PLACE, 2, "a planet")
        known = self._known(run, name, len(parts))
        if known and not titled:
            # Evidence over lookup: a title says person whatever the knowledge base knows; a
            # country the gazetteer counted already is not counted twice.
            points = 2 if known.kind == "company" else 3
            if known.type == PLACE:
                points -= scores.get(GAZETTEER, 0)
            if points > 0:
                scores[known.type] += points
                scores[KB_SHARE[known.type]] += points
                what = f"{known.kind}, {known.qid}" if known.qid else known.kind
                self.because(known.type, points, f"in the knowledge base ({what})")
        cues: dict[str, int] = defaultdict(int)
        town = place is not None and place.kind in ("city", "town")
        self._context(run, cues, place is not None or (len(parts) >= 2 and given), town)
        if folded[-1].endswith("s") and self._group_noun(run, folded[-1], name):
            cues[ORG] += 2 + cues.pop(PERSON, 0)  # "the Conservatives said": a group speaks
            self.because(ORG, 2, "a plural after 'the': a group")
        if len(parts) == 1 and first.acronym and cues.get(SPEAKS) and not place:
            cues[ORG] += 1  # "NASA tweeted", "AFP said": people are not written in capitals
            self.because(ORG, 1, "an acronym that says or tells")
        if len(parts) >= 2 and parts[-1].acronym and "." not in parts[-1].text and not given:
            cues.pop(PERSON, None)  # "Nintendo DS says": a product's name, not a person's
        for kind, score in cues.items():
            if kind != WORK:
                scores[PLACE if kind == "near" else kind] += score
        cues.pop("near", None)
        text = self.text[first.start : last.end]
        evidence = any(v for k, v in scores.items() if k != GAZETTEER and k not in _SHARES)
        evidence = evidence or bool(known and scores.get(KB_SHARE[known.type]))
        unsure = (first.initial or first.acronym and len(parts) == 1) and not evidence
        if modifier and not (evidence and (place or org_head or party or first.acronym)):
            unsure = True  # "Home" of "Home Secretary", "Fed" of "Fed Chair"
        elif unsure and not (first.folded in self.lower_words or len(parts) == 1 and first.initial):
            unsure = False
        if unsure:
            return Mention(first.start, last.end, text, {}, "?" + name)  # known names only
        return Mention(first.start, last.end, text, dict(scores), name, dict(cues))

    def _named_first(self, run: list[int], role: str) -> bool:
        """A run first in its sentence, before a role, is a name of several words whose first
        word the text never writes in lower case, or a spokesperson's ("Environment Canada
        spokesperson"); not before a role a work has too ("Kill Bill director", "Making Michael
        Howard leader"), nor after a nationality ("Legendary Dutch coach")."""
        tokens = self.tokens
        if len(run) < 2 or tokens[run[-1]].folded in DEMONYMS or role in WORK_ROLES:
            return False  # "Kill Bill director", "Making Michael Howard leader"
        return role.startswith("spokes") or tokens[run[0]].folded not in self.lower_words

    def _team(self, folded: list[str]) -> bool:
        """In a report on sport, a town's or a country's name and a capitalized plural that is no
        place's word: a team ("Pittsburgh Pirates", "Leeds Rhinos", "Sale Sharks"); not "Palm
        Springs", "Cleveland Heights", "Virgin Islands" (places of the gazetteer or of their
        words), nor an event ("the Athens Games", "the Dubai Championships")."""
        last = folded[-1]
        if len(folded) < 2 or len(last) < 4 or not last.endswith("s"):
            return False
        if len(SPORT_WORDS & self.lower_words) < 3 or last in EVENT_PLURALS:
            return False  # "Reservoir Dogs" in a film review; "the Athens Games"
        if self._given_word(folded[0]):
            return False  # "Leander Paes": a given name that is a town's too
        if last.endswith(("ss", "us", "is")) or last in PLACE_HEADS or last in PLURAL_PLACES:
            return False
        places = self.lex.places
        singular = last[:-3] + "y" if last.endswith("ies") else last[:-1]
        if singular in FACILITY_HEADS or singular in PLACE_HEADS or singular in ORG_HEADS:
            return False  # "Pace Galleries", "Tate Museums", "Lake Districts"
        if " ".join(folded) in places or last in places or singular in places:
            return False
        # A city, a region or a country: a small town's name is a surname's or a given name's
        # as often ("Leander Paes", "Quincy Jones").
        place = places.get(" ".join(folded[:-1])) or places.get(folded[0])
        return place is not None and place.kind != "town"

    def _syllabic(self, parts: list[Token]) -> bool:
        """A one-syllable surname and a given name of two syllables joined by a hyphen, as
        Chinese and Korean names are romanized ("Kwok Wai-keung", "Tsai Ing-wen", "Kim Shin-Wook",
        "Moon Jae-in"); not a prefix ("Pro-Beijing"), nor words the text writes in lower case."""
        surname, given = parts[0], parts[1]
        head, dash, tail = given.folded.partition("-")
        return (
            bool(dash)
            and not surname.acronym
            and _SYLLABLE.fullmatch(surname.folded) is not None
            and _SYLLABLE.fullmatch(head) is not None
            and _SYLLABLE.fullmatch(tail) is not None
            and head not in HYPHEN_PREFIXES
            and not {surname.folded, head, tail} & self.lower_words
            and surname.folded not in self.lex.places
            and surname.folded not in self.kb
        )

    def _affiliation(self, run: list[int]) -> bool:
        """The run (an acronym) is a person's organization: after a name and "of" ("Elizabeth
        Quat of DAB": a name no head noun or title joined to it), or before "'s" and a name
        ("DAB's Ben Chan")."""
        tokens, i, k = self.tokens, run[0], run[-1]
        if i >= 2 and tokens[i - 1].folded == "of" and self.gap(i - 1, i):
            named = tokens[i - 2]
            if (
                named.cap
                and not named.initial
                and self.gap(i - 2, i - 1)
                and named.folded not in TITLES
                and named.folded not in HEADS
                and named.folded not in NON_NAMES
            ):
                return True
        after = self.text[tokens[k].end : tokens[k].end + 4]
        owner = tokens[k].stop and self.text[tokens[k].end : tokens[k].end + 1] in "'’"
        if not owner and after[:1] == " " and after[1:3] in ("'s", "’s"):
            owner = True  # "DAB 's Ben Chan", as some corpora space it
        if not owner:
            return False
        j = next((m for m in range(k + 1, min(k + 3, len(tokens))) if tokens[m].cap), None)
        return j is not None and self._given(j)

    def _common_phrase(self, folded: list[str]) -> bool:
        """A given name that is also a place or a word the text writes in lower case, before a
        last word the text writes in lower case: a place's or a thing's name made of words
        ('Tulsa Transit', 'Kenya Law', 'Star Game'), not a person's ('Theresa May', 'Gordon
        Brown': their given names are no words of the text)."""
        first, last = folded[0], folded[-1]
        return (
            len(folded) >= 2
            and last in self.lower_words
            and (first in self.lower_words or first in self.lex.places)
        )

    def _known(self, run: list[int], name: str, words: int) -> Known | None:
        """The knowledge base's entry for the name ('the States' with its article); a one-word
        name only where the document does not use it as a common word ('apple')."""
        known = self.kb.get(name)
        j = run[0] - 1
        if known is None and j >= 0 and self.tokens[j].folded == "the":
            known = self.kb.get("the " + name)
        if known is None or (words == 1 and name in self.lower_words):
            return None
        if known.acronym and not self.tokens[run[0]].acronym:
            return None  # "Mhm" in a conversation is not the party MHM
        return known

    def _ends_in_country(self, folded: list[str]) -> bool:
        """The name's last word is a country's name that is no given name too ('Jordan')."""
        last = self.lex.places.get(folded[-1]) if len(folded) >= 2 else None
        given = folded[-1] in self.lex.given_names
        return last is not None and last.kind == "country" and not given

    def _known_org(self, word: str) -> bool:
        """An organization the knowledge base knows by this word ("Apple"; not an abbreviation
        written as a word: "Stan" is no party STAN)."""
        known = self.kb.get(word)
        return (
            known is not None
            and known.type == ORG
            and not known.acronym
            and word not in self.lower_words
        )

    def _group_noun(self, run: list[int], word: str, name: str) -> bool:
        """'the Conservatives', 'the Tories said': a capitalized plural after 'the' whose singular
        the text also capitalizes, or that speaks, is a group, not a person (not a family name
        that is a given name too: 'the Williams')."""
        if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
            return False
        j = run[0] - 1
        if j < 0 or self.tokens[j].folded != "the" or not self.gap(j, run[0]):
            return False
        singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
        if singular in self.lex.given_names or name in self.lex.places:
            return False
        if singular in self.lex.places:
            return False  # "the Chathams": islands named for one of them
        k = run[-1] + 1
        speaks = k < len(self.tokens) and self.tokens[k].folded in PERSON_VERBS
        return singular in self.cap_words or speaks

    def _of_place(self, run: list[int]) -> bool:
        """'Toma de Lima', 'Bank of Spain': a name ending in 'of <place>' is not a person's."""
        for position, j in enumerate(run[1:-1], start=1):
            if self.tokens[j].folded in ANY_CONNECTORS:
                rest = " ".join(self.tokens[k].folded for k in run[position + 1 :])
                return rest in self.lex.places
        return False

    def _droppable(self, run: list[int]) -> bool:
        token = self.tokens[run[0]]
        if token.folded in NAME_STARTERS and len(run) > 1:
            return False  # "New York", "Will Moy" (runs start with them only before a name)
        if token.folded in NON_NAMES and not _acronym_name(token):
            return True  # "The" too; a Spanish article stays: "El Comercio", "La República"
        if not (
            token.initial
            and token.folded in self.lower_words
            and token.folded not in self.lex.given_names
        ):
            return False
        place = self.lex.places.get(token.folded)
        # A town's or a city's name alone that the text writes as a word, first in its
        # sentence, is that word: "Come here", "Say it", "Mobile phones" (towns in the
        # gazetteer); not a country or a region ("Turkey", "Chile"), nor an institution that
        # goes by its head noun ("Police and army have swarmed": Police is a town in Poland).
        return place is None or (
            len(run) == 1 and place.kind in ("town", "city") and token.folded not in INSTITUTIONS
        )

    def _title_before(self, index: int) -> bool:
        """A lower-case title or role right before the name: 'legislator Héctor Valer'."""
        j = index - 1
        if j >= 0 and self.gap(j, index) and self.tokens[j].folded in TITLES:
            if not self.tokens[j].cap and self.tokens[j].folded in ADJECTIVE_TITLES:
                return False  # "the major Las Bambas mine", "a general strike"
            if j >= 1 and self.tokens[j - 1].folded in MARKET_WORDS and self.gap(j - 1, j):
                return False  # "market leader Nintendo", "industry director" is no title
            return not self.tokens[j].cap or self.tokens[j].folded not in ORG_HEADS
        return False

    def _context(
        self, run: list[int], scores: dict[str, int], known: bool = False, town: bool = False
    ) -> None:
        """Evidence from the words around the run; ``known``: a place of the gazetteer or a
        person's full name, whose type a role after it does not change, except a club's role
        after a town's name (``town``): "Chelsea boss", "Leicester striker" name the club."""
        tokens, n = self.tokens, len(self.tokens)
        before: list[str] = []
        j = run[0] - 1
        while j >= 0 and len(before) < 3 and not tokens[j].cap and self.gap(j, j + 1):
            before.append(tokens[j].folded)
            j -= 1
        if not ORG_CUES.isdisjoint(before):
            scores[ORG] += 2
            cue = next(w for w in before if w in ORG_CUES)
            self.because(ORG, 2, f"an organization's cue before it ({cue})")
        if before and before[0] in PLACE_CUES:
            scores["near"] += 1  # "in X": weak, counted as PLACE but not as a context cue
            self.because(PLACE, 1, f"'{before[0]}' before it")
        if before and before[0] in WORK_CUES:
            scores[WORK] += 1  # "the film Vera Drake": a title of a work, not a person
            self.because(WORK, 1, f"a work's cue before it ({before[0]})")
        if before[:2] == ["to", "according"]:
            scores[PERSON] += 1
            self.because(PERSON, 1, "'according to' before it")
        j = run[0] - 1
        if (
            j >= 1
            and tokens[j].folded == "of"
            and self.gap(j, run[0])
            and self.gap(j - 1, j)
            and tokens[j - 1].folded in MEMBERS_OF
        ):
            scores[ORG] += 2  # "co-founder of Google", "shareholders of Yukos"
            self.because(ORG, 2, f"an organization's people before it ({tokens[j - 1].folded} of)")
        k = run[-1] + 1
        if k < n and not tokens[k].cap:
            between = self.text[tokens[run[-1]].end : tokens[k].start].strip()
            after = tokens[k].folded
            owner = not known and not tokens[run[0]].initial  # not "US stocks", "Quarterly"
            if owner and between in _POSSESSIVE and after in ORG_POSSESSIONS:
                scores[ORG] += 2  # "Yukos's shares", "Electrolux's subsidiary"
                self.because(ORG, 2, f"what an organization has, after it ('s {after})")
            elif owner and between == "" and after in ORG_OWNED:
                scores[ORG] += 2  # "Yukos shares", "Sony shareholders"
                self.because(ORG, 2, f"what an organization has, after it ({after})")
            elif between in ("", ",") and after in PERSON_VERBS:
                if (len(run) > 1 and tokens[run[0]].folded not in DEMONYMS) or self._given(run[0]):
                    scores[PERSON] += 1  # not "Deutsche Boerse said": a nationality starts it
                    self.because(PERSON, 1, f"a person's verb after it ({after})")
                else:  # one word alone: companies say too ("Nintendo said"), no type
                    scores[SPEAKS] += 1
            elif between == "" and not tokens[run[-1]].stop:
                if after in PLACE_HEADS:
                    scores[PLACE] += 2
                    self.because(PLACE, 2, f"a place's word after it ({after})")
                elif after in ORG_CUES:
                    scores[ORG] += 2
                    self.because(ORG, 2, f"an organization's cue after it ({after})")
                elif after in ROLE_NOUNS and not (
                    (known and not (town and after in CLUB_ROLES))
                    # A name first in its sentence may start with a common word ("Kill Bill
                    # director"), not "Environment Canada spokesperson Julie Hahn".
                    or (tokens[run[0]].initial and not self._named_first(run, after))
                ):
                    scores[ORG] += 2  # "Chelsea boss", "Labour leader": an organization's role
                    self.because(ORG, 2, f"an organization's role after it ({after})")


def extract(
    text: str, lex: Lexicon | None = None, why: list[Reason] | None = None
) -> list[LocalEntity]:
    """The entities of one document, each with its mentions (offsets into ``text``); ``why``:
    a list to fill with the type evidence found for each mention (to explain a type)."""
    extractor = _Extractor(text, lex or lexicon())
    extractor.why = why
    mentions = [m for run in extractor.runs() for m in extractor.mentions(run)]
    _share_list_evidence(text, mentions, why)
    return _group(text, mentions, extractor)


COMMON_PARTS = NOT_ENTITIES | DEMONYMS


def _world_region(folded: list[str]) -> bool:
    """'Latin America', 'Southeast Asia', 'the Middle East': direction words before a continent
    or an ocean, or 'Middle', 'Far', 'Near' before 'East'."""
    if len(folded) < 2 or not all(w in REGION_WORDS for w in folded[:-1]):
        return False
    last = folded[-1]
    return last in REGION_HEADS or (last == "east" and folded[-2] in REGION_COMPASS)


def _never_a_name(token: Token, titled: bool) -> bool:
    """A word that is not an entity by itself: a common abbreviation ("DVD", "GMT", "GDP") or one
    in the plural ("LLMs"), a format or model code with digits ("MP3", "P2P"), or, without a
    title, a nationality ("German", "Americans")."""
    word = token.folded
    if word in NOT_ENTITIES or (token.acronym and any(ch.isdigit() for ch in word)):
        return True
    if _plural_abbreviation(token.text):
        return True  # "LLMs", "CFLs", "NGOs": a kind of thing, counted, not one named thing
    return word in DEMONYMS and not titled


def _plural_abbreviation(text: str) -> bool:
    """An abbreviation in capitals with a plural 's': 'LLMs', 'CFLs', 'RBIs'."""
    stem = text[:-1]
    return text.endswith("s") and len(stem) >= 2 and stem.isalpha() and stem.isupper()


def _share_list_evidence(
    text: str, mentions: list[Mention], why: list[Reason] | None = None
) -> None:
    """Names listed together share a cue: 'mining giants Glencore, BHP, MMG and Rio Tinto'."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups:
            previous = groups[-1][-1]
            between = text[previous.end : mention.start].replace(" , ", ", ")
            if between in (", ", " and ", ", and ", " or ", " y ", " e "):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    for group in groups:
        links = [text[a.end : b.start] for a, b in zip(group, group[1:], strict=False)]
        if not links or links[-1].strip(", ") not in ("and", "or", "y", "e"):
            continue  # "A, B, C" without "and" is as often an apposition as a list
        _share_people(group, why)
        cue = {t: max(m.cues.get(t, 0) for m in group) for t in (ORG, PLACE)}
        bonus = 1 if len(group) >= 3 else 0
        for mention in group:
            for kind, score in cue.items():
                titled = mention.scores.get(PERSON, 0) >= 3
                if score >= 2 and not titled and not mention.cues.get(kind):
                    mention.scores[kind] = mention.scores.get(kind, 0) + score + bonus
                    mention.cues[kind] = score
                    if why is not None:
                        reason = "listed with names that have a cue"
                        why.append(Reason(mention.start, mention.end, kind, score + bonus, reason))


def _share_people(group: list[Mention], why: list[Reason] | None) -> None:
    """Full names listed with two people or more, and nothing else, are people too: "Romelu
    Lukaku, Yannick Carrasco and Dries Mertens" (a given name the lists lack)."""
    people = [m for m in group if m.scores.get(PERSON, 0) >= 2]
    if len(people) < 2 or any(m.scores.get(ORG) or m.scores.get(PLACE) for m in group):
        return
    for mention in group:
        if not any(mention.scores.get(k) for k in TYPES) and " " in mention.text:
            mention.scores[PERSON] = 1
            if why is not None:
                why.append(Reason(mention.start, mention.end, PERSON, 1, "listed with people"))


def _group(text: str, mentions: list[Mention], extractor: _Extractor) -> list[LocalEntity]:
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.name].append(mention)
    # A sentence-initial word that is a word of a name found elsewhere may be that name.
    name_words = {t for key in by_key if not key.startswith("?") for t in key.split()[1:]}
    for key in [k for k in by_key if k.startswith("?") and k[1:] in name_words]:
        by_key[key[1:]].extend(by_key.pop(key))
    entities = {key: _local(key, group) for key, group in by_key.items() if not key.startswith("?")}
    _join_defined(entities, extractor)
    _surname_evidence(entities, extractor)
    _pronoun_evidence(entities, extractor)
    _match_sides(entities, extractor)
    _join_people(entities)
    _join_complements(entities, extractor)
    # Sentence-initial and headline words count when they name an entity found elsewhere.
    known = {alias_key: e for e in entities.values() for alias_key in _keys(e)}
    for key, group in by_key.items():
        if key.startswith("?") and key[1:] in known:
            entity = known[key[1:]]
            entity.mentions.extend(group)
    _recover_headlines(extractor, known)
    _inner_names(entities, extractor)
    kept = []
    for entity in entities.values():
        a_work = any(m.cues.get(WORK) for m in entity.mentions)
        if (
            (any(entity.scores.get(kind) for kind in TYPES) or _untyped_word(entity, text))
            and not a_work
            and not _generic(entity, extractor)
            and not _a_things_word(entity, extractor)
            and not _a_counted_abbreviation(entity, extractor)
            and not _counted_things(entity, extractor)
        ):
            kept.append(entity)
    kept += _nested_names(kept, extractor)
    for entity in kept:
        entity.mentions.sort(key=lambda m: m.start)
        for mention in entity.mentions:
            mention.name = entity.key
    return kept


NESTED_PLACES = ("country", "region", "continent")
NESTED_REASON = "a name of its own inside a longer name"


def _nested_names(kept: list[LocalEntity], extractor: _Extractor) -> list[LocalEntity]:
    """Names inside a longer name of another type are mentions of their own: "Andy Warhol" in
    "the Andy Warhol Foundation", "Chicago" in "the University of Chicago", "US" in "the US State
    Department", a person in a place named for them ("the Warhol Factory"). The longer name stays
    whole; the inner one is a name the text uses alone with a type of its own, or a country, a
    region or a continent of the gazetteer (a city's name only after "of": "University of
    Leeds"; "Kennedy Space Center" is no city of Kennedy). Not a place inside a place ("East Los
    Angeles", "Taipei City": one place), nor an organization inside an organization ("CBC
    News"), nor a country last in an organization's name without "of" before it: a branch's
    ("Environment Canada", "Amnesty International UK"). Returns the entities found only inside
    longer names (new to this document)."""
    alone = {entity.key: entity for entity in kept}
    for entity in kept:
        for key in _keys(entity):
            alone.setdefault(key, entity)
    tokens = extractor.tokens
    starts = [t.start for t in tokens]
    new: dict[str, LocalEntity] = {}
    for outer in list(kept):
        kind = outer.type
        if kind not in (ORG, PLACE) or len(outer.tokens) < 2:
            continue
        for mention in list(outer.mentions):
            first = bisect_left(starts, mention.start)
            last = bisect_left(starts, mention.end, lo=first)
            inside = tokens[first:last]
            taken = [False] * len(inside)
            for a, b, key in _inner_spans(inside, extractor.lower_words):
                if any(taken[a:b]):
                    continue
                found = alone.get(key) or new.get(key)
                if found is None and kind == ORG:
                    found = _nested_place(extractor, inside, a, b, key)
                    if found is not None:
                        new[key] = found
                if found is None or found.type in (None, kind) or found is outer:
                    continue
                start, end = inside[a].start, inside[b - 1].end
                if b - a == 1 and extractor.text[start:end] not in found.aliases:
                    continue  # "Us Weekly" is no mention of the US
                if kind == PLACE and found.type != PERSON:
                    continue
                taken[a:b] = [True] * (b - a)
                if any(m.start == start and m.end == end for m in found.mentions):
                    continue
                found.mentions.append(Mention(start, end, extractor.text[start:end]))
                if extractor.why is not None:
                    extractor.why.append(
                        Reason(start, end, found.type or PLACE, 0,
                               f"{NESTED_REASON} ({mention.text})")
                    )  # fmt: skip
    return list(new.values())


def _nested_place(
    extractor: _Extractor, inside: list[Token], a: int, b: int, key: str
) -> LocalEntity | None:
    """A place of the gazetteer named by words a..b of an organization's name, as a new entity:
    a country, a region or a continent anywhere in it, a city only after "of"."""
    place = extractor.lex.places.get(key)
    after_of = a > 0 and inside[a - 1].folded == "of"
    if place is None or not (place.kind in NESTED_PLACES or after_of):
        return None
    points = {"town": 1, "city": 2}.get(place.kind, 3)
    text = extractor.text[inside[a].start : inside[b - 1].end]
    scores = {PLACE: points, GAZETTEER: points}
    return LocalEntity(text, key, name_tokens(key), scores, [], {text})


def _inner_spans(inside: list[Token], lower_words: set[str]) -> Iterable[tuple[int, int, str]]:
    """The runs of words strictly inside a name that could be names themselves (capitalized at
    both ends, no connector at either, not only words the text writes in lower case), longest
    first, each with its key (folded words, connectors out)."""
    n = len(inside)
    for length in range(n - 1, 0, -1):
        for a in range(0, n - length + 1):
            b = a + length
            if not (inside[a].cap and inside[b - 1].cap) or inside[b - 1].digit:
                continue
            if b == n and inside[a - 1].folded not in ANY_CONNECTORS:
                continue  # "Environment Canada", "Hitwise UK": a branch's country, no mention
            if length == 1 and (inside[a].folded in REGION_WORDS or inside[a].folded in HEADS):
                continue  # "South" of "South Korea", "Centre" of "Centre for Control"
            if all(t.folded in lower_words and not t.acronym for t in inside[a:b]):
                continue  # "Bar Council", "Jet Airways", "Us Weekly": the name's own words
            if inside[a].folded in ANY_CONNECTORS and not inside[a].acronym:
                continue
            words = [t.folded for t in inside[a:b] if t.folded not in CONNECTORS or t.acronym]
            key = " ".join(words)
            if key:
                yield a, b, key


def _inner_names(entities: dict[str, LocalEntity], extractor: _Extractor) -> None:
    """A name of several words with no type of its own (an event's, a product's: "the Google
    Science Fair", "Microsoft Windows") whose first word the text names alone, with a type
    ("Google"), mentions that entity there; the longer name itself stays out. Not its last word:
    "Space Shuttle Columbia" names a craft, whatever "Columbia" names alone."""
    typed = {
        e.key: e
        for e in entities.values()
        if len(e.tokens) == 1 and any(e.scores.get(k) for k in TYPES)
    }
    for entity in list(entities.values()):
        if len(entity.tokens) < 2 or any(entity.scores.get(k) for k in TYPES):
            continue
        for mention in entity.mentions:
            words = list(_TOKEN.finditer(mention.text))
            word = words[0]
            target = typed.get(fold(word.group())) if len(words) >= 2 else None
            if target is not None and target is not entity:
                start = mention.start + word.start()
                target.mentions.append(Mention(start, start + len(word.group()), word.group()))


def _join_defined(entities: dict[str, LocalEntity], extractor: _Extractor) -> None:
    """An abbreviation the text defines after a name joins that name: "Kennedy Space Center
    (KSC) ... KSC" is one place."""
    for short, opening in extractor.defined.items():
        abbreviation = entities.get(short)
        named = next(
            (
                e
                for e in entities.values()
                if e is not abbreviation and any(0 <= opening - m.end <= 1 for m in e.mentions)
            ),
            None,
        )
        if abbreviation is not None and named is not None and len(named.tokens) > 1:
            _absorb(entities, named, abbreviation)


def _untyped_word(entity: LocalEntity, text: str) -> bool:
    """A one-word name with no evidence of its type in this document ("Castillo's release"): kept
    untyped, so that the collection can join it to the one person it names elsewhere ("Pedro
    Castillo"); alone it is dropped there (no type is better than a guessed one). Only a word
    written as a surname is: letters, capitalized, never after an article ("the House", "an
    Oscar"), not only at the start of sentences."""
    word = entity.tokens[0] if len(entity.tokens) == 1 else ""
    return (
        _name_like(word, entity.mentions)
        and not any(_after_article(text, m) for m in entity.mentions)
        and (
            bool(entity.scores.get(SPEAKS))
            or not all(_sentence_initial(text, m.start) for m in entity.mentions)
        )
    )


def _name_like(word: str, mentions: list[Mention]) -> bool:
    """A word that can be a surname: three letters or more (a hyphen inside), not a common word,
    a title or a contraction ("I'm"), not written in capitals."""
    return (
        len(word) >= 3
        and word.replace("-", "").isalpha()
        and word not in COMMON_PARTS
        and word not in TITLES
        and word not in NON_NAMES
        and not any(m.text.isupper() for m in mentions)
    )


def _after_article(text: str, mention: Mention) -> bool:
    before = text[max(mention.start - 4, 0) : mention.start].lower()
    return before.endswith(("the ", " a ", " an ")) or before in ("a ", "an ")


def _sentence_initial(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in _OPENERS:
        j -= 1
    return j < 0 or text[j] in _SENTENCE_ENDS


def _generic(entity: LocalEntity, extractor: _Extractor) -> bool:
    """One word that is not a name by itself: a title, a head noun, a direction, an adjective
    of nationality or the like, before a common noun ("the University", "Gen.", "South",
    "Peruvian", "Olympic champion"); not one after an abbreviation that looks like a connector
    ("LA Weekly")."""
    if " " in entity.key or entity.scores.get(PERSON, 0) >= 2:
        return False
    word = entity.tokens[0]
    if any(entity.scores.get(key) for key in KB_SHARE.values()):
        return False  # a name the knowledge base knows ("Reuters", "Labour")
    if (
        word in TITLES
        or word in GENERIC_WORDS
        or (word in ORG_HEADS and word not in INSTITUTIONS and word not in PROPER_HEADS)
    ):
        return True
    place = extractor.lex.places.get(word)
    if (place and place.kind != "town") or word in extractor.lex.given_names:
        return False  # a small town's name is no evidence against an adjective: "Olympic"
    if any(m.text.isupper() for m in entity.mentions):
        return False  # an acronym
    if any(_next_word(extractor.text, m.end) == "party" for m in entity.mentions):
        return False  # "the Republican party", "the Democratic party": a party's name
    return word.endswith(DEMONYM_ENDINGS) and all(
        _followed_by_lowercase(extractor, m) for m in entity.mentions
    )


# The planets of the solar system, which no gazetteer of the Earth lists.
PLANETS = words("earth mercury venus mars jupiter saturn uranus neptune pluto")


# Lower-case words after a name that do not make it a modifier of a noun: verbs and function
# words ("Oscar was", "Oscar and").
_NOT_NOUNS = words("""
    is was are were be been has had have will would could should can may might must did does do
    said says told and or but nor who whom whose which that than as if
    """)


def _a_things_word(entity: LocalEntity, extractor: _Extractor) -> bool:
    """A given name with no evidence of an organization or a place, not in capitals, written only
    before a noun ("Oscar nominee", "Oscar night"), in a compound ("Oscar-winning") or after a
    determiner ("an Oscar", "his Oscar"), twice before a noun or once in a compound (once proves
    little: "the Usher album"): the name of a thing (an award, a brand, a prize), not a person's
    (a person is the subject of something somewhere: "President Obama thanked", "Oscar said")."""
    if len(entity.tokens) != 1 or entity.scores.get(ORG) or entity.scores.get(PLACE):
        return False  # "the SUTEP union", "the US embassy", "the Chelsea boss"
    if any(m.text.isupper() for m in entity.mentions) or not extractor._given_word(entity.key):
        return False  # only a given name is taken for a person's by itself ("Oscar")
    text = extractor.text
    modifier = 0
    for mention in entity.mentions:
        rest = text[mention.end : mention.end + 24]
        if rest[:1] == "-" and rest[1:2].islower():
            modifier += 2  # "Oscar-winning", "Oscar-nominated": a thing's
            continue
        after = _next_word(text, mention.end)
        determiner = _after_determiner(text, mention)
        if _a_noun(after) and (determiner or not after.endswith("s")):
            modifier += 1  # "Oscar night", "his Oscar nominations"; not "Obama says"
        elif not determiner:
            return False
    return modifier >= 2


def _a_counted_abbreviation(entity: LocalEntity, extractor: _Extractor) -> bool:
    """An abbreviation in capitals that the text counts, after 'a' or 'an' and before no noun
    ("replace it with a CFL.", "an LLM that answers"): a kind of thing, not an organization
    ("a NATO summit", "an FBI agent" name one by the noun after). Not one the knowledge base
    knows."""
    if len(entity.tokens) != 1 or any(entity.scores.get(k) for k in (*_SHARES, PLACE, PERSON)):
        return False  # "a US-backed coup": a place's abbreviation
    text = extractor.text
    for mention in entity.mentions:
        if not mention.text.isupper() or text[mention.end : mention.end + 1] == "-":
            continue
        before = text[max(mention.start - 4, 0) : mention.start].lower()
        counted = before.endswith((" a ", " an ")) or before in ("a ", "an ")
        if counted and _ends_a_phrase(text, mention.end):
            return True
    return False


# Words that count or own things right before a plural: "100 Polaroids", "six Skittles",
# "your Skittles", "Warhol's Polaroids".
_COUNTERS = words("""
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
    hundreds thousand thousands dozen dozens my your his her its our their
    """)
_COUNTED = re.compile(r"(?:\b(\d[\d,.]*|[A-Za-z]+)|['’]s) $")


def _counted_things(entity: LocalEntity, extractor: _Extractor) -> bool:
    """A capitalized plural that the text counts or owns ("over 100 Polaroids", "add six
    Skittles", "use your Skittles", "Warhol's Polaroids") is a kind of thing (a product, a
    sweet), not a group of people, whatever "the Polaroids" suggested; nor where one of its
    uses says or tells ("two Democrats said": people). Not a name the knowledge base or the
    gazetteer knows, nor one with evidence of a person or a place."""
    word = entity.tokens[0] if len(entity.tokens) == 1 else ""
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return False
    if any(entity.scores.get(k) for k in (*_SHARES, GAZETTEER, PERSON, PLACE, SPEAKS)):
        return False
    text = extractor.text
    counted = False
    for mention in entity.mentions:
        if mention.text.isupper() or _next_word(text, mention.end) in PERSON_VERBS:
            return False
        match = _COUNTED.search(text, max(mention.start - 24, 0), mention.start)
        if match and (match.group(1) is None or match.group(1).lower() in _COUNTERS
                      or match.group(1)[0].isdigit()):  # fmt: skip
            counted = True
    return counted


def _ends_a_phrase(text: str, end: int) -> bool:
    """Punctuation or a function word or auxiliary follows ("a CFL.", "an LLM that"), not a
    noun or another name ("a NATO summit", "a BBC One film")."""
    rest = text[end : end + 24]
    if rest[:1] in (".", ",", ";", ":", "!", "?", ")"):
        return True
    word = _next_word(text, end)
    return bool(word) and (word in _NOT_NOUNS or word in NON_NAMES)


def _a_noun(word: str) -> bool:
    """A lower-case word after a name that may be a noun it modifies: not a function word or an
    auxiliary, not a verb in the past ("thanked")."""
    return (
        bool(word) and word not in _NOT_NOUNS and word not in NON_NAMES and not word.endswith("ed")
    )


_DETERMINERS = ("the ", "a ", "an ", "his ", "her ", "their ", "its ", "this ", "that ", "every ")


def _after_determiner(text: str, mention: Mention) -> bool:
    before = text[max(mention.start - 7, 0) : mention.start].lower()
    return any(before.endswith(word) for word in _DETERMINERS)


def _followed_by_lowercase(extractor: _Extractor, mention: Mention) -> bool:
    rest = extractor.text[mention.end : mention.end + 30].lstrip(" ")
    return bool(rest) and rest[0].islower()


def _keys(entity: LocalEntity) -> set[str]:
    return {entity.key} | {fold(alias) for alias in entity.aliases}


def _local(key: str, group: list[Mention]) -> LocalEntity:
    if len(group) == 1:  # named once: its mention's evidence and text (most names)
        only = group[0]
        return LocalEntity(only.text, key, name_tokens(key), dict(only.scores), [only], {only.text})
    scores: dict[str, int] = defaultdict(int)
    for mention in group:
        for kind, score in mention.scores.items():
            scores[kind] += score
    texts = [m.text for m in group]
    name = max(sorted(set(texts)), key=texts.count)
    return LocalEntity(name, key, name_tokens(key), dict(scores), list(group), set(texts))


@lru_cache(maxsize=1 << 16)
def name_tokens(key: str) -> tuple[str, ...]:
    """The words of a folded name that identify it: connectors out (asked of the same keys
    again and again, in the documents and across the collection)."""
    return tuple(t for t in key.split() if t not in CONNECTORS)


def _recover_headlines(extractor: _Extractor, known: dict[str, LocalEntity]) -> None:
    """Find known names among headline words (which are all capitalized)."""
    tokens = extractor.tokens
    n = len(tokens)
    after = 0  # words before this are inside a name found
    for i in [i for i, token in enumerate(tokens) if token.initial and token.cap]:
        if i < after or not extractor._headline(i):
            continue
        for length in range(min(4, n - i), 0, -1):
            span = tokens[i : i + length]
            key = " ".join(t.folded for t in span)
            if key in known and all(extractor.gap(i + d, i + d + 1) for d in range(length - 1)):
                start, end = span[0].start, span[-1].end
                known[key].mentions.append(Mention(start, end, extractor.text[start:end]))
                after = i + length
                break


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
    if not people:
        return  # no full name for a word to join
    # Most used first: the exact surname joins before its rarer misspellings are weighed.
    for entity in sorted(entities.values(), key=lambda e: -len(e.mentions)):
        if len(entity.tokens) != 1 or entity.key not in entities:
            continue
        uses = len(entity.mentions)
        a_place = entity.scores.get(GAZETTEER, 0) >= 2 and not entity.scores.get(PERSON, 0)
        candidates = [
            p
            for p in people
            if part_of_name(entity.tokens[0], p.tokens, len(p.mentions), uses)
            # "France" is no surname of "Louis XV of France", nor "Tabennese" of "Theodorus of
            # Tabennese": a word after "of" names where the person is from.
            and not _after_of(entity.tokens[0], p)
            # A city or country alone is no one's given name: "Paris" beside "Paris Opera".
            and not (a_place and p.tokens[0] == entity.tokens[0])
        ]
        if not candidates:
            continue  # (most words: the cues below are weighed only for a word that can join)
        cued = sum(1 for m in entity.mentions if m.cues.get(PLACE) or m.cues.get(ORG))
        if _context_score(entity, PLACE) + _context_score(entity, ORG) > entity.scores.get(
            PERSON, 0
        ) and 3 * cued >= len(entity.mentions):
            # "Lima province" stays a city even beside a Mr Lima; one cue among seventeen uses of
            # "Montalvo" beside "Daniel Montalvo" does not.
            continue
        if len(candidates) == 1:
            _absorb(entities, candidates[0], entity, surname=True)
        elif candidates:
            _split_by_context(entities, entity, candidates)


def _join_complements(entities: dict[str, LocalEntity], extractor: _Extractor) -> None:
    """A word with no type of its own that ends an organization's name after "of" stands for
    that organization ("Church of Scientology ... a war that Scientology has been waging"): not
    a word that names something by itself (a place of the gazetteer: "Bank of England ...
    England", a given name, a name of the knowledge base), and only where one organization of
    the text ends with it."""
    lex = extractor.lex
    owners: dict[str, list[LocalEntity]] = defaultdict(list)
    for entity in entities.values():
        if len(entity.tokens) >= 2 and entity.type == ORG:
            ends = {tuple(fold(alias).split()[-2:]) for alias in entity.aliases}
            for of, word in (end for end in ends if len(end) == 2):
                if of == "of":
                    owners[word].append(entity)
    if not owners:
        return
    for entity in list(entities.values()):
        if len(entity.tokens) != 1 or any(entity.scores.get(k) for k in TYPES):
            continue
        word = entity.tokens[0]
        if len(owners.get(word, ())) != 1 or owners[word][0] is entity:
            continue
        if word in lex.places or word in extractor.kb or extractor._given_word(word):
            continue
        if _name_like(word, entity.mentions):
            _absorb(entities, owners[word][0], entity)


HEADS = ORG_HEADS | PLACE_HEADS | FACILITY_HEADS
MIN_PERSON = 2  # the evidence the collection asks of a name (aliases.MIN_EVIDENCE)
SURNAME_REASON = "its last word stands alone for it elsewhere in the text, as a surname does"


def _surname_evidence(entities: dict[str, LocalEntity], extractor: _Extractor) -> None:
    """A name of two or three words with no other evidence (or too little: "listed with
    people") whose last word the text also uses alone is a person's ("Évariste Galois ...
    Galois wrote"): people are called by their surname, organizations and places are rarely
    called by their last word. Not where the first word is a place ("Manchester United ...
    United") or the last one an acronym ("Nintendo DS")."""
    for entity in list(entities.values()):
        if not 2 <= len(entity.tokens) <= 3 or entity.scores.get(PERSON, 0) >= MIN_PERSON:
            continue
        if entity.scores.get(ORG) or entity.scores.get(PLACE):
            continue
        if any(m.cues.get(WORK) for m in entity.mentions):
            continue
        last = entity.tokens[-1]
        alone = entities.get(last)
        if alone is None or not _name_like(last, alone.mentions):
            continue
        if any(w in extractor.lex.places or w in extractor.kb for w in entity.tokens):
            continue  # "Manchester United ... United", "Marxist Peru Libre ... Libre"
        if any(w in HEADS or w in TITLES or w in COMMON_PARTS for w in entity.tokens):
            continue  # "County of Maui", "Thai Basil": a head noun, a title or a nationality
        if any(w.isupper() for w in entity.mentions[0].text.split()):
            continue  # "JPL Stardust"
        if max(alone.scores.get(PLACE, 0), alone.scores.get(ORG, 0)) > alone.scores.get(PERSON, 0):
            continue  # "Athens" of "Ancient Athens": a place the gazetteer knows
        if last.endswith("s") and (last[:-1] in TITLES or last[:-1] in ROLE_NOUNS):
            continue  # "Democratic Senators"
        both = [*entity.mentions, *alone.mentions]
        if 4 * sum(_after_the(extractor.text, m) for m in both) > len(both):
            continue  # "the Royal Palace", "the Mets": people go without an article
        balance = _pronouns(extractor.text, both)
        if balance < 0 or (balance == 0 and not entity.scores.get(PERSON)):
            continue  # "Deutsche Boerse ... its bid ... Boerse": a thing is "it"
        entity.scores[PERSON] = entity.scores.get(PERSON, 0) + 2
        first = entity.mentions[0]
        first.scores[PERSON] = first.scores.get(PERSON, 0) + 2
        if extractor.why is not None:
            extractor.why.append(Reason(first.start, first.end, PERSON, 2, SURNAME_REASON))


PRONOUN_REASON = "'he' or 'she' follows it, again and again, more than 'it'"


def _pronoun_evidence(entities: dict[str, LocalEntity], extractor: _Extractor) -> None:
    """A one-word name with no other evidence, written as a surname, that 'he' or 'she' follows
    in its sentence at least twice more often than 'it' is a person's ('Theodorus asserted his
    influence ... Theodorus became determined that his destiny'): one or two such sentences
    prove little ("Nintendo said he", "At Esna he"), a name followed by them through the text is
    someone's."""
    text = extractor.text
    for entity in entities.values():
        if len(entity.tokens) != 1 or any(entity.scores.get(k) for k in TYPES):
            continue
        if len(entity.mentions) < 3 or not _untyped_word(entity, text):
            continue
        if any(_after_article(text, m) for m in entity.mentions):
            continue
        if _pronouns(text, entity.mentions) < 2:
            continue
        entity.scores[PERSON] = 2
        first = entity.mentions[0]
        first.scores[PERSON] = first.scores.get(PERSON, 0) + 2
        if extractor.why is not None:
            extractor.why.append(Reason(first.start, first.end, PERSON, 2, PRONOUN_REASON))


# Words of a report on a game: a document using three of them is about sport.
SPORT_WORDS = words("""
    match matches goal goals scored scoring cup league tournament championship minute minutes
    penalty striker midfielder goalkeeper coach season points stadium fixture halftime half-time
    victory draw semi-final quarter-final final kick-off squad innings wicket tries
    rugby football soccer cricket tennis athletics premiership winger defender injury injured
    fans club clubs player players captain scrum-half fly-half
    """)
_MATCH_LINK = re.compile(
    r"\s+(?:\d{1,3}\s*[–-]\s*\d{1,3}|beat|beats|defeated|defeats|edged|thrashed|drew with|"
    r"draw with|lost to|loses to|faced|faces|played|plays|v|vs\.?)\s+"
)
MATCH_REASON = "a side in a match"
# The score key that marks a place's name as a team in this document: the collection keeps the
# team apart from the place ("Belgium 3 – 0 Panama" is not the country of other documents).
TEAM = "team"


def _match_sides(entities: dict[str, LocalEntity], extractor: _Extractor) -> None:
    """In a report on a game, a place's name that plays another is a team, an organization:
    "Belgium 3 – 0 Panama", "Sweden defeated South Korea" (not a person: "Federer beat Nadal")."""
    if len(SPORT_WORDS & extractor.lower_words) < 3:
        return
    text = extractor.text
    owner = sorted(
        ((m.start, m.end, e) for e in entities.values() for m in e.mentions),
        key=lambda item: item[0],
    )
    sides: dict[str, LocalEntity] = {}
    for (_, end, a), (start, _, b) in zip(owner, owner[1:], strict=False):
        if a is not b and _MATCH_LINK.fullmatch(text[end:start]):
            sides[a.key], sides[b.key] = a, b
    for entity in sides.values():
        if entity.scores.get(PERSON, 0) or entity.scores.get(ORG, 0):
            continue
        if not entity.scores.get(PLACE, 0):
            continue  # "Hewitt beat Federer": a lone surname, not a place, whatever it joins later
        _make_team(entity, extractor, MATCH_REASON)
    for entity in entities.values():
        if entity.key not in sides and _club(entity, entities, extractor):
            _make_team(entity, extractor, CLUB_REASON)


def _make_team(entity: LocalEntity, extractor: _Extractor, reason: str) -> None:
    """The entity is a team in this document: an organization, kept apart from the place."""
    points = entity.scores.get(PLACE, 0) + 2
    entity.scores[ORG] = points
    entity.scores[TEAM] = points
    first = entity.mentions[0]
    first.scores[ORG] = first.scores.get(ORG, 0) + points
    if extractor.why is not None:
        extractor.why.append(Reason(first.start, first.end, ORG, points, reason))


CLUB_REASON = "a town's name used for its club in a report on sport"
# In a report on sport, the words right after a town's name that make it the club's: its people
# ("Liverpool fans", "the Newcastle striker"), a verb in the plural, as British sports writing
# treats a club ("Liverpool have little chance", "Leicester are top"), or a result ("Newcastle
# won"); and the words right before it ("against Liverpool", "to join Newcastle", "defeat to").
CLUB_AFTER = CLUB_ROLES | words("""
    fan fans supporters player players side squad have are were won beat lost drew earned
    forward forwards lock prop flanker hooker fly-half scrum-half full-back
    """)
CLUB_BEFORE = words("against join joined joining beating over v vs")
CLUB_RESULTS = words("defeat defeats loss losses win wins victory")


def _club(entity: LocalEntity, entities: dict[str, LocalEntity], extractor: _Extractor) -> bool:
    """A town or city of the gazetteer (not a country: national sides are told by a match) that
    a report on sport uses as a club: once is enough in a document, as the sport words say what
    the document is about."""
    place = extractor.lex.places.get(entity.key)
    if place is None or place.kind not in ("city", "town") or entity.scores.get(PERSON, 0):
        return False
    text = extractor.text
    if any(len(e.tokens) > 1 and e.tokens[-1] == entity.key for e in entities.values()):
        return False  # "Paula Radcliffe ... Radcliffe won": a surname that is a town's name
    for mention in entity.mentions:
        after = _next_word(text, mention.end)
        before = text[max(mention.start - 25, 0) : mention.start].split()
        if after in CLUB_AFTER and text[mention.end : mention.end + 1] == " ":
            return True
        player = _CLUB_PLAYER.match(text, mention.end)
        if (player and extractor._given_word(fold(player.group(1)))) or _PLAYER_CLUB.search(
            text, max(mention.start - 30, 0), mention.start
        ):
            return True  # "Leicester's Harry Ellis" (not "London's Regent Street"), "(Leicester)"
        if before and (
            before[-1].lower() in CLUB_BEFORE
            or (before[-1].lower() == "to" and len(before) > 1 and before[-2] in CLUB_RESULTS)
        ):
            return True
    return False


def _next_word(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end)
    return match.group(1) if match else ""


_NEXT_WORD = re.compile(r" ([a-z]+)\b")
# A player of the club: its possessive before a full name; the club in brackets after a name, as
# team sheets write them.
_CLUB_PLAYER = re.compile(r"['’]s ([A-Z][a-z]+) [A-Z][a-z]")
_PLAYER_CLUB = re.compile(r"[A-Z][\w'’-]+ [(]$")


_PERSONAL = re.compile(r"\b(?:he|she|his|her|him|hers|himself|herself)\b", re.IGNORECASE)
_IMPERSONAL = re.compile(r"\b(?:it|its|itself)\b", re.IGNORECASE)


def _pronouns(text: str, mentions: list[Mention]) -> int:
    """How much more the text says "he"/"she" than "it" in the words right after the mentions
    (to the end of the sentence, 100 characters at most)."""
    balance = 0
    for mention in mentions:
        after = text[mention.end : mention.end + 100]
        end = _SENTENCE_END.search(after)
        after = after[: end.start()] if end else after
        balance += len(_PERSONAL.findall(after)) - len(_IMPERSONAL.findall(after))
    return balance


def _after_the(text: str, mention: Mention) -> bool:
    return text[max(mention.start - 4, 0) : mention.start].lower() == "the "


def _after_of(word: str, person: LocalEntity) -> bool:
    """The word follows "of" in the person's name as the text writes it."""
    for alias in person.aliases:
        words = fold(alias).split()
        if any(a == "of" and b == word for a, b in zip(words, words[1:], strict=False)):
            return True
    return False


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


def _absorb(
    entities: dict[str, LocalEntity], into: LocalEntity, other: LocalEntity, surname: bool = False
) -> None:
    """``other`` joins ``into``; a ``surname`` joining a full name leaves its gazetteer evidence
    behind (the towns called Radcliffe say nothing about Paula Radcliffe)."""
    into.mentions.extend(other.mentions)
    into.aliases |= other.aliases
    for kind, score in (without_gazetteer(other.scores) if surname else other.scores).items():
        into.scores[kind] = into.scores.get(kind, 0) + score
    entities.pop(other.key, None)


_LOOKUP_SHARES = {GAZETTEER: PLACE, **{key: kind for kind, key in KB_SHARE.items()}}


def without_gazetteer(scores: dict[str, int]) -> dict[str, int]:
    """The evidence without the gazetteer's share of PLACE and the knowledge base's shares."""
    if _LOOKUP_SHARES.keys().isdisjoint(scores):
        return dict(scores)  # most evidence has no share to take away
    kept = {k: v for k, v in scores.items() if k not in _LOOKUP_SHARES}
    for key, kind in _LOOKUP_SHARES.items():
        if key in scores:
            kept[kind] = max(kept.get(kind, 0) - scores[key], 0)
    return kept


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
