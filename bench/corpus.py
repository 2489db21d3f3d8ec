"""A deterministic scale corpus: N news-like documents about invented protests.

Each document recombines sentence templates with varied people (given names from quipu's name
data and invented surnames), places (from the gazetteer), organizations (invented from a place
and a head noun), and dates written the ways news writes them ("December 7", "7 December 2022",
"on Wednesday", "last month"), over a vocabulary with a long Zipf tail of rare words. The same
seed always writes the same corpus.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from index.extract.lexicon import lexicon, words

HEADS = [
    "Workers Federation",
    "Peasant Union",
    "Students Front",
    "Mining Company",
    "Human Rights Commission",
    "Teachers Union",
    "Chamber of Commerce",
    "Transport Guild",
]
TITLES = ["President", "Minister", "Mayor", "Gen.", "Senator", "Governor"]
TOPICS = [
    "strike",
    "protest",
    "blockade",
    "march",
    "curfew",
    "state of emergency",
    "election",
    "hunger strike",
    "road block",
    "general strike",
    "vigil",
    "occupation",
]
COMMON = words(
    "the of and to in a for on with as by at from that was were is are has have had been will "
    "police government protesters people city region workers leaders said officials week day "
    "after before during against over more than about into their its his her they which who "
    "announced demanded called reported killed injured arrested detained gathered marched "
    "roads mines ports schools hospitals prices wages water land rights army troops congress"
)
COMMON_LIST = sorted(COMMON)
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "tu",
    "pe",
    "su",
    "qui",
    "cha",
    "yan",
    "hua",
    "ma",
    "ri",
    "to",
    "na",
    "pa",
    "co",
    "que",
    "lla",
    "ru",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

SENTENCES = [
    "{title} {person} said the {topic} in {place} would continue until {date}.",
    "On {date}, thousands joined the {topic} called by the {org}.",
    "{surname} told reporters in {place} that {n} people had been {verb}.",
    "The {org} denied that {person} had met the {org2} {weekday}.",
    "Police in {place} {verb} {n} {word}s after the {topic} of {date}.",
    "According to {person}, the {word} {word2} of {place} began {rel}.",
    "{person}, a leader of the {org}, was {verb} in {place} {weekday}.",
    "Since {month} {year}, the {org} has organised {n} {topic}s across {place} and {place2}.",
    "The {word} and the {word2} were {verb} near {place}, {surname} said.",
    "{title} {surname} promised a {word} {word2} by {month}.",
]


class Generator:
    def __init__(self, seed: int = 7) -> None:
        self.random = random.Random(seed)
        lex = lexicon()
        given = sorted(n for n in lex.given_names if 4 <= len(n) <= 8)
        self.given = [n.capitalize() for n in self.random.sample(given, 600)]
        places = sorted({p.name for p in lex.places.values() if p.kind in ("city", "region")})
        self.places = self.random.sample([p for p in places if " " not in p], 400)
        self.surnames = sorted({self._word(2, 3).capitalize() for _ in range(900)})
        self.orgs = [f"{self.random.choice(self.places)} {h}" for h in HEADS for _ in range(12)]
        # A Zipf tail: a few frequent words, many rare ones.
        self.vocabulary = [self._word(2, 4) for _ in range(30_000)]
        weights = [1 / (rank + 1) for rank in range(len(self.vocabulary))]
        self.cumulative: list[float] = []
        total = 0.0
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def _word(self, low: int, high: int) -> str:
        return "".join(self.random.choice(SYLLABLES) for _ in range(self.random.randint(low, high)))

    def _tail_word(self) -> str:
        pick = self.random.random() * self.cumulative[-1]
        low, high = 0, len(self.cumulative) - 1
        while low < high:
            middle = (low + high) // 2
            if self.cumulative[middle] < pick:
                low = middle + 1
            else:
                high = middle
        return self.vocabulary[low]

    def person(self) -> str:
        return f"{self.random.choice(self.given)} {self.random.choice(self.surnames)}"

    def document(self, number: int) -> str:
        r = self.random
        published = date(2021, 1, 1) + timedelta(days=r.randrange(3 * 365))
        people = [self.person() for _ in range(r.randint(2, 5))]
        places = r.sample(self.places, 4)
        orgs = r.sample(self.orgs, 3)
        topic = r.choice(TOPICS)

        def a_date() -> str:
            day = published - timedelta(days=r.randrange(40))
            forms = [
                f"{MONTHS[day.month - 1]} {day.day}",
                f"{day.day} {MONTHS[day.month - 1]}",
                f"{day.day} {MONTHS[day.month - 1]} {day.year}",
            ]
            return r.choice(forms)

        paragraphs = []
        for _ in range(r.randint(4, 12)):
            sentences = []
            for _ in range(r.randint(2, 5)):
                person = r.choice(people)
                fields = {
                    "title": r.choice(TITLES),
                    "person": person,
                    "surname": person.split()[-1],
                    "topic": topic if r.random() < 0.6 else r.choice(TOPICS),
                    "place": r.choice(places),
                    "place2": r.choice(places),
                    "org": r.choice(orgs),
                    "org2": r.choice(orgs),
                    "date": a_date(),
                    "weekday": f"on {r.choice(WEEKDAYS)}",
                    "rel": r.choice(
                        ["last month", "this week", "at the start of the month", "yesterday"]
                    ),
                    "month": r.choice(MONTHS),
                    "year": published.year - r.randint(0, 3),
                    "n": r.randint(2, 300),
                    "verb": r.choice(["arrested", "injured", "detained", "killed", "evacuated"]),
                    "word": self._tail_word(),
                    "word2": self._tail_word(),
                }
                sentence = r.choice(SENTENCES).format(**fields)
                filler = " ".join(
                    r.choice(COMMON_LIST) if r.random() < 0.7 else self._tail_word()
                    for _ in range(r.randint(8, 25))
                )
                sentences.append(f"{sentence} {filler.capitalize()}.")
            paragraphs.append(" ".join(sentences))
        verb = r.choice(["warns", "calls", "marches"])
        title = f"{topic.capitalize()} in {places[0]}: {r.choice(orgs)} {verb}"
        byline = f"{self.person()} {published.day} {MONTHS[published.month - 1]} {published.year}"
        if number % 3 == 0:
            return f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"  # undated: inferred
        return f"{title}\n{byline}\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(root: Path, count: int, seed: int = 7) -> Path:
    """Write ``count`` documents under ``root`` (reused when already complete)."""
    marker = root / f".complete-{count}-{seed}"
    if marker.exists():
        return root
    root.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed)
    for number in range(count):
        folder = root / f"{number // 1000:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"doc{number:06d}.txt").write_text(generator.document(number), encoding="utf-8")
    marker.write_text("")
    return root


if __name__ == "__main__":
    import sys

    out = generate(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"wrote {sys.argv[2]} documents to {out}")
