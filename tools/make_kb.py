"""Generate quipu's knowledge base, ``index/data/kb.tsv``, at development time from public data.

    python tools/make_kb.py MIRRORS [--check]

``MIRRORS`` is a folder holding bare git copies of the source repositories (as the ``fetch``
tool leaves them: ``MIRRORS/<owner>+<name>/repo``). Each source is read at a pinned commit
(``git show COMMIT:PATH``), so running this again gives the same file byte for byte;
``--check`` regenerates in memory and exits 1 if the committed file differs. The output also
depends on quipu's own word lists (index/extract/lexicon.py, index/data/given_names.txt,
places.tsv): one-word company names that are given names, places or common abbreviations are
left out, so run it again after changing those.

One line per entity: ``wikidata id`` (or ``-``), type (PLACE or ORG), kind (country, body,
party, company), the English name, and its aliases separated by ``|``.

Sources (licences in ``index/data/README.md``)
- countries: Wikidata's English labels and "also known as" aliases of every country
  (econandrew/sparql_queries, country_aliases.csv: a Wikidata SPARQL export, MIT), their
  Wikidata ids joined by English label (usc-isi-i2/t2wml, backend/causx/country_entities.py,
  MIT);
- international bodies: confirmordeny/supraverden's list of supranational bodies with their
  Wikidata ids, English names and abbreviations (CC BY-SA 4.0);
- political parties: Party Facts' Wikidata export (hdigital/partyfactsdata,
  import/wikipedia/wikidata.csv, MIT): name, short name, native name, Wikidata id; dissolved
  parties (import/wikipedia/wikipedia.csv, same repository) whose name is one word quipu's
  lexicon knows ("Tories", "Whigs", "Alliance") left out;
- ``given_names_us.txt``: the US Social Security Administration's baby names by year of birth
  (public domain; the copy in aramshiva/babies), names of 500+ births not already known;
- companies: the SEC's company_tickers.json (a US government work, public domain; the copy in
  lwowlwowl/company_name_to_ticker), the first 2,000 entries (the SEC lists them by size), legal
  suffixes taken off ("Apple Inc." -> "Apple"); no Wikidata id.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

OUT = Path(__file__).resolve().parent.parent / "index" / "data" / "kb.tsv"


@dataclass(frozen=True, slots=True)
class Source:
    repo: str  # owner+name, as in the mirrors folder
    commit: str
    path: str


COUNTRY_ALIASES = Source(
    "econandrew+sparql_queries",
    "51c11b835e9c30603bf85e44e688612ce5a6d29d",
    "country_aliases/country_aliases.csv",
)
COUNTRY_IDS = Source(
    "usc-isi-i2+t2wml",
    "b7e991730f236031780d0afb4e86928a5b193911",
    "backend/causx/country_entities.py",
)
BODIES = Source(
    "confirmordeny+supraverden",
    "59ab4fa0f92f3c75bb45e230908e612f15e8dbdf",
    "data/general_list.yaml",
)
PARTIES = Source(
    "hdigital+partyfactsdata",
    "764de8978f84ba41a1c88752d6a00b9a4d05f599",
    "import/wikipedia/wikidata.csv",
)
# The same export's Wikipedia side: the year each party was founded and dissolved.
PARTY_YEARS = Source(PARTIES.repo, PARTIES.commit, "import/wikipedia/wikipedia.csv")
COMPANIES = Source(
    "lwowlwowl+company_name_to_ticker",
    "e83838f7269cacdfeee556edc00a389e4dcd3943",
    "company_tickers.json",
)
BABY_NAMES = Source(
    "aramshiva+babies", "5cbb539a286b8c1e40cb1400bf7c43b5e5b31b25", "names/yob{year}.txt"
)
BABY_YEARS = range(1880, 2024)
BABY_MIN = 500
GIVEN_OUT = OUT.parent / "given_names_us.txt"
COMPANY_LIMIT = 2000
# Kinds in order of precedence when two entries claim one name.
KINDS = ("country", "body", "party", "company")
CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")
LATIN = re.compile(r"^[^\W\d_][\w.&'’/ -]*$")
# Legal forms and listing noise at the end of an SEC company title.
LEGAL_TAIL = frozenset(
    """inc inc. incorporated corp corp. corporation co co. company cos companies ltd ltd. limited
    plc p.l.c. sa s.a. ag nv n.v. se llc l.p. lp holdings holding group the a/s as spa s.p.a. ab
    asa oyj bhd tbk kgaa & com new adr""".split()  # noqa: SIM905
)
# Industry words after a company's own name: "Cisco Systems" is also "Cisco".
INDUSTRY_TAIL = frozenset(
    """technologies technology platforms systems motor motors communications networks
    pharmaceuticals entertainment wholesale scientific laboratories industries semiconductor
    software interactive""".split()  # noqa: SIM905
)
# Funds and trusts are listed securities, not companies anyone names in the news.
NOT_COMPANIES = re.compile(r"\b(ETF|TRUST|FUND|INDEX|SERIES|PORTFOLIO|ISHARES|SPDR)\b", re.I)


@dataclass(slots=True)
class Entry:
    qid: str  # "" when unknown
    type: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)

    def add(self, alias: str) -> None:
        """Add an alias written as a name: capitalized ("the States" too), not a code such as
        "gm" or "GB-GSY"."""
        alias = " ".join(alias.split())
        bare = alias[4:] if alias.startswith("the ") else alias
        if (
            bare[:1].isupper()
            and not CODE.search(alias)
            and alias != self.name
            and alias not in self.aliases
            and latin(alias)
        ):
            self.aliases.append(alias)


def latin(name: str) -> bool:
    """Written in Latin letters (names in other scripts never match an English text)."""
    if not LATIN.match(name):
        return False
    return all(
        not ch.isalpha() or "LATIN" in unicodedata.name(ch, "")
        for ch in unicodedata.normalize("NFC", name)
    )


def read(mirrors: Path, source: Source) -> str:
    repo = mirrors / source.repo / "repo"
    done = subprocess.run(
        ["git", "-C", str(repo), "show", f"{source.commit}:{source.path}"],
        check=True,
        capture_output=True,
    )
    return done.stdout.decode("utf-8")


def countries(alias_csv: str, ids_py: str) -> list[Entry]:
    """Every country with its English labels and aliases; ISO codes other than the common ones
    ("GBR", "GB") left out, they collide with acronyms."""
    tree = ast.parse(ids_py)
    assign = next(node for node in tree.body if isinstance(node, ast.Assign))
    by_label = {
        item["label"]: qid
        for qid, item in ast.literal_eval(assign.value).items()
        if isinstance(item, dict) and "label" in item
    }
    labels: dict[str, list[tuple[str, str]]] = {}
    codes: dict[str, set[str]] = {}
    for row in csv.DictReader(io.StringIO(alias_csv)):
        if row["language"] != "en":
            continue
        labels.setdefault(row["iso3c"], []).append((row["label_type"], row["label"]))
        codes.setdefault(row["iso3c"], set()).update((row["iso3c"], row["iso2c"]))
    entries = []
    for iso3 in sorted(labels):
        rows = labels[iso3]
        official = [label for kind, label in rows if kind == "official"]
        names = [*official, *(label for kind, label in rows if kind == "alias")]
        qid = next((by_label[n] for n in names if n in by_label), "")
        entry = Entry(qid, "PLACE", "country", official[0] if official else names[0])
        for name in names:
            if name in codes[iso3] and name not in ("US", "USA", "UK"):
                continue
            entry.add(name)
        entries.append(entry)
    return entries


def bodies(general_yaml: str) -> list[Entry]:
    import yaml

    entries = []
    for name, item in sorted(yaml.safe_load(general_yaml).items()):
        qid = str(item.get("Wikidata_code") or "")
        if not re.fullmatch(r"Q\d+", qid):
            continue
        entry = Entry(qid, "ORG", "body", str(item.get("Name_en") or name))
        entry.add(name)
        for key in ("Abbreviation_en", "Name_other_en", "Name_other_2_en", "Name_other_3_en"):
            value = item.get(key)
            if isinstance(value, str) and value.lower() != "null":
                entry.add(value)
        entries.append(entry)
    return entries


def short_name(value: str) -> str:
    """A party's short name when it is an abbreviation of 3+ letters ("SNP", "AfD", "CDU");
    Party Facts writes spaces as slashes ("GOP/Grand/Old/Party" -> "GOP")."""
    first = value.split("/")[0] if re.search(r"/[A-Z][a-z]", value) else value
    letters = [ch for ch in first if ch.isalpha()]
    if len(letters) < 3 or "/" in first or " " in first:
        return ""
    return first if sum(ch.isupper() for ch in letters) >= 2 else ""


def dissolved(wikipedia_csv: str) -> set[str]:
    """The Party Facts ids of parties Wikipedia says were dissolved."""
    return {
        row["partyfacts_id"]
        for row in csv.DictReader(io.StringIO(wikipedia_csv))
        if row["year_dissolved"].strip()
    }


def parties(export_csv: str, gone: frozenset[str] | set[str] = frozenset()) -> list[Entry]:
    """Parties with their Wikidata ids; ``gone``: the ids of dissolved parties, left out where
    their name is one word quipu knows as a word of its own (a party word, a head noun, a title,
    a place, a given name): such a word names a tendency or a party of today ("Tories", "Whigs",
    "Liberals", "Alliance", "Justice"), and linking it to the party of 1834 is wrong ("Kadima",
    "Herut" stay)."""
    by_qid: dict[str, Entry] = {}
    for row in csv.DictReader(io.StringIO(export_csv)):
        qid = row["wikidata_id"]
        if not re.fullmatch(r"Q\d+", qid) or not row["name"]:
            continue
        if row["partyfacts_id"] in gone and lexicon_word(row["name"].strip()):
            continue
        entry = by_qid.setdefault(qid, Entry(qid, "ORG", "party", row["name"].strip()))
        short = short_name(row["name_short"].strip())
        if short:
            entry.add(short)
        entry.add(row["name_native"].strip())
    return [by_qid[q] for q in sorted(by_qid, key=lambda q: int(q[1:]))]


def company_name(title: str) -> str:
    """'MICROSOFT CORP' -> 'Microsoft', 'Apple Inc.' -> 'Apple', 'Walt Disney Co' -> 'Walt
    Disney': the SEC title without legal forms, in title case when written in capitals."""
    title = re.sub(r"\s*[/\\].*$", "", title).replace(",", " ")
    words = title.split()
    while words and words[-1].lower() in LEGAL_TAIL:
        words.pop()
    while words and words[0].lower() == "the":
        words.pop(0)
    if not words:
        return ""
    small = {"of", "and", "the", "de", "for"}
    return " ".join(
        w.lower() if w.lower() in small else w.title() if w.isupper() and len(w) > 3 else w
        for w in words
    )


def ordinary_word(word: str) -> bool:
    """A word quipu already knows as something else: a given name, a place, a function word,
    a nationality, a common abbreviation."""
    from index.extract.lexicon import DEMONYMS, NON_NAMES, NOT_ENTITIES, lexicon
    from index.sanitize import fold

    folded = fold(word)
    known = lexicon()
    return (
        folded in known.given_names
        or folded in known.places
        or folded in NON_NAMES
        or folded in DEMONYMS
        or folded in NOT_ENTITIES
    )


def lexicon_word(name: str) -> bool:
    """One word that quipu's lexicon knows, in the singular or the plural: a party word
    ("Tories", "Liberals"), a head noun ("Alliance"), a title ("Justice"), an ordinary word."""
    from index.extract.lexicon import ORG_HEADS, PARTY_WORDS, TITLES
    from index.sanitize import fold

    if " " in name:
        return False
    folded = fold(name)
    forms = {folded, folded.removesuffix("s"), folded[:-3] + "y" if folded.endswith("ies") else ""}
    known = PARTY_WORDS | ORG_HEADS | TITLES
    return bool(forms & known) or ordinary_word(name)


def companies(tickers_json: str, limit: int = COMPANY_LIMIT) -> list[Entry]:
    data = json.loads(tickers_json)
    entries: list[Entry] = []
    seen: set[str] = set()
    for number in sorted(data, key=int)[:limit]:
        title = data[number]["title"]
        if NOT_COMPANIES.search(title):
            continue
        name = company_name(title)
        if len(name) < 3 or name.casefold() in seen or not latin(name):
            continue
        words = name.split()
        if len(words) == 1 and ordinary_word(name):
            continue  # "Target"-like names are kept only with more words
        seen.add(name.casefold())
        entry = Entry("", "ORG", "company", name)
        if len(words) == 2 and words[1].lower() in INDUSTRY_TAIL and not ordinary_word(words[0]):
            entry.add(words[0])
        entries.append(entry)
    return entries


def us_given_names(files: list[str]) -> list[str]:
    """Given names of 500+ babies registered in the US since 1880 that the first-name
    dictionary lacks ("Keir", "Jameela", "Rishi"), without those quipu knows as something else
    (a place, a company, a title): quipu counts them only where the document does not also use
    the word in lower case ("Harmony", "Chance")."""
    from index.extract.lexicon import ORG_HEADS, PLACE_HEADS, TITLES, lexicon
    from index.sanitize import fold

    births: dict[str, int] = {}
    for text in files:
        for line in text.splitlines():
            name, _, count = line.rpartition(",")
            name = name.partition(",")[0]
            if name and count.isdigit():
                births[name] = births.get(name, 0) + int(count)
    known = lexicon().given_names
    kb = {fold(line.split("\t")[3]) for line in OUT.read_text(encoding="utf-8").splitlines()[1:]}
    return sorted(
        name
        for name, count in births.items()
        if count >= BABY_MIN
        and fold(name) not in known
        and not ordinary_word(name)
        and fold(name) not in kb
        and fold(name) not in TITLES | ORG_HEADS | PLACE_HEADS
    )


def given_text(mirrors: Path) -> str:
    files = [
        read(mirrors, Source(BABY_NAMES.repo, BABY_NAMES.commit, BABY_NAMES.path.format(year=y)))
        for y in BABY_YEARS
    ]
    names = us_given_names(files)
    head = "# US given names not in given_names.txt (generated by tools/make_kb.py; README.md)\n"
    return head + "\n".join(names) + "\n"


def generate(mirrors: Path) -> str:
    entries = [
        *countries(read(mirrors, COUNTRY_ALIASES), read(mirrors, COUNTRY_IDS)),
        *bodies(read(mirrors, BODIES)),
        *parties(read(mirrors, PARTIES), dissolved(read(mirrors, PARTY_YEARS))),
        *companies(read(mirrors, COMPANIES)),
    ]
    out = io.StringIO()
    out.write("# wikidata\ttype\tkind\tname\taliases")
    out.write(" (generated by tools/make_kb.py; see README.md)\n")
    for entry in entries:
        name = entry.name.replace("\t", " ")
        aliases = "|".join(a.replace("|", " ") for a in entry.aliases)
        out.write(f"{entry.qid or '-'}\t{entry.type}\t{entry.kind}\t{name}\t{aliases}\n")
    return out.getvalue()


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    text = generate(Path(argv[0]))
    if "--check" in argv[1:]:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT}: {'the same' if same else 'DIFFERS from the sources'}")
        given = given_text(Path(argv[0]))
        also = GIVEN_OUT.exists() and GIVEN_OUT.read_text(encoding="utf-8") == given
        print(f"{GIVEN_OUT}: {'the same' if also else 'DIFFERS from the sources'}")
        return 0 if same and also else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - 1} entities -> {OUT}")
    given = given_text(Path(argv[0]))
    GIVEN_OUT.write_text(given, encoding="utf-8")
    print(f"{given.count(chr(10)) - 1} given names -> {GIVEN_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
