"""Search quality on a real collection: does a query find exactly the documents that hold what
was typed? quipu's document set for each query is compared with a grep of the same files, read
from disk here (UTF-8, else cp1252: not through quipu's decoder), and every hit's snippet is
checked for the phrase.

    python -m bench.search_quality CORPUS [--index-dir DIR] [--queries FILE] [--out FILE]

The corpus is any folder of .txt files (the 2,225 BBC news articles of 2004-05 for one, from a
public GitHub copy of the "bbc" fulltext set; not in the repo).

The grep a quoted phrase (or ``=word``) is graded against: the phrase's words in that order,
case ignored, any whitespace (line breaks too) between them, as whole words: no word
character just before or after, and a number not continued by a separator and a digit
("2,000" is not in "2,000,000", "9/11" not in "9/11/2001"); a hyphen or apostrophe inside a
word may be left out or be a curly apostrophe ("e-mail" is also "email", "O'Sullivan" also
"O’Sullivan": quipu's stated rule for joined words). A line of ``--queries`` is a query as
typed, optionally followed by a tab and a regular expression (case kept) to grade it against
instead: ``US\\t\\bUS\\b``.

Prints one row per query (quipu's count, grep's, precision, recall, and the share of quipu's
hits whose snippet lacks the phrase) and writes them as JSON with ``--out``. A ``title:``
query is graded against its pattern on the file's first line (the title).
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

# (query as typed, what it stands for, a case-kept pattern to grade against or None)
DEFAULT_QUERIES: list[tuple[str, str, str | None]] = [
    ('"The Who"', "stop words", None),
    ('"Take That"', "stop words", None),
    ('"US economy"', "stop words", None),
    ('"state of emergency"', "stop words", None),
    ('"will be"', "stop words", None),
    ('"to be"', "stop words", None),
    ('"in May"', "stop words", None),
    ('"at the end of the day"', "stop words", None),
    ('"Bank of England"', "stop words", None),
    ('"Gordon Brown"', "name", None),
    ('"Liberal Democrats"', "name", None),
    ('"prime minister"', "words", None),
    ('"World Cup"', "name", None),
    ('"Home Secretary"', "name", None),
    ('"interest rates"', "words", None),
    ('"New York"', "name", None),
    ('"e-mail"', "hyphenated", None),
    ('"high-speed"', "hyphenated", None),
    ('"year-on-year"', "hyphenated", None),
    ('"anti-virus software"', "hyphenated", None),
    ('"O\'Sullivan"', "apostrophe", None),
    ('"don\'t"', "apostrophe", None),
    ("\"rock 'n' roll\"", "apostrophe", None),
    ('"2,000"', "number", None),
    ('"10,000"', "number", None),
    ('"£15.8m"', "currency", None),
    ('"£1m"', "currency", None),
    ('"$1bn"', "currency", None),
    ('"3.5%"', "percentage", None),
    ('"10%"', "percentage", None),
    ('"i.e."', "dotted acronym", None),
    ('"MP3"', "letters and digits", None),
    ('"9/11"', "slash", None),
    ("=news", "exact word", None),
    ("=Universal", "exact word", None),
    ('title:"of the"', "title, stop words", r"(?i)\A[^\n]*(?<!\w)of\s+the(?!\w)"),
    ('title:"for new"', "title, stop words", r"(?i)\A[^\n]*(?<!\w)for\s+new(?!\w)"),
    ('title:"in the US"', "title, stop words", r"(?i)\A[^\n]*(?<!\w)in\s+the\s+US(?!\w)"),
    ("US", "capitals", r"(?<![\w.])(?:US|U\.S\.)(?![\w])"),
    ("IT", "capitals", r"(?<![\w.])(?:IT|I\.T\.)(?![\w])"),
    ("May", "capitalised common word", r"(?<![\w.])May(?![\w])"),
]


PAGE = 10


@dataclass(frozen=True, slots=True)
class Row:
    query: str
    kind: str
    quipu: int
    grep: int
    precision: float
    recall: float
    hits: int
    snippets_lacking: int
    extra: list[str]
    missed: list[str]


def read_files(corpus: Path) -> dict[str, str]:
    """Each .txt file's text keyed by its path without the extension (quipu's document id),
    decoded here: UTF-8, else cp1252."""
    texts = {}
    for path in sorted(corpus.rglob("*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        texts[path.relative_to(corpus).with_suffix("").as_posix()] = text
    return texts


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The grep rule of the module's docstring for a phrase."""

    def word(w: str) -> str:
        out = []
        for char in w:
            if char in "-'’":
                out.append(r"[-'’]?")
            else:
                out.append(re.escape(char))
        return "".join(out)

    body = r"\s+".join(word(w) for w in phrase.split())
    return re.compile(
        r"(?<!\w)(?<!\d[.,/])" + body + r"(?!\w)(?![.,/]\d)",
        re.IGNORECASE,
    )


def graded_phrase(query: str) -> str:
    return query.strip().strip('"').lstrip("=")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.search_quality")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--queries", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--show", type=int, default=3, help="differing documents listed")
    args = parser.parse_args()

    from index.api import open_collection

    index_dir = args.index_dir or Path(tempfile.mkdtemp(prefix="quipu-quality-"))
    collection = open_collection(args.corpus, index_dir)
    began = time.perf_counter()
    collection.update()
    print(f"index: {time.perf_counter() - began:.1f} s at {index_dir}")
    queries = DEFAULT_QUERIES
    if args.queries:
        queries = []
        for line in args.queries.read_text().splitlines():
            if line.strip():
                query, _, pattern = line.partition("\t")
                queries.append((query.strip(), "", pattern or None))
    texts = read_files(args.corpus)
    print(
        f"{'query':24} {'kind':16} {'quipu':>6} {'grep':>6} {'prec':>6} {'recall':>6} "
        f"{'no phrase in snippet':>20}"
    )
    rows = []
    for query, kind, regex in queries:
        pattern = re.compile(regex) if regex else phrase_pattern(graded_phrase(query))
        found = collection.matching_docs(query) or set()
        expected = {doc for doc, text in texts.items() if pattern.search(text)}
        both = found & expected
        precision = len(both) / len(found) if found else (1.0 if not expected else 0.0)
        recall = len(both) / len(expected) if expected else 1.0
        shown, lacking = 0, 0
        while True:  # a page at a time, as a person reads them (a long page runs out of time)
            results = collection.search(query, limit=PAGE, offset=shown)
            shown += len(results.hits)
            if not query.startswith("title:"):  # a title's words are not the snippet's
                lacking += sum(1 for h in results.hits if not pattern.search(h.snippet.text))
            if not results.hits or shown >= results.total:
                break
        row = Row(
            query,
            kind,
            len(found),
            len(expected),
            round(precision, 3),
            round(recall, 3),
            shown,
            lacking,
            sorted(found - expected),
            sorted(expected - found),
        )
        rows.append(row)
        print(
            f"{query[:24]:24} {kind[:16]:16} {row.quipu:6} {row.grep:6} {precision:6.2f} "
            f"{recall:6.2f} {f'{lacking}/{row.hits}':>20}"
        )
        for label, docs in (("extra", row.extra), ("missed", row.missed)):
            if docs:
                print(f"    {label}: {', '.join(docs[: args.show])}")
    perfect = sum(1 for row in rows if row.precision == row.recall == 1.0)
    hits = sum(row.hits for row in rows)
    lacking = sum(row.snippets_lacking for row in rows)
    print(f"{perfect} of {len(rows)} queries with precision and recall 1.00")
    print(f"snippets lacking what was searched: {lacking} of {hits} hits ({lacking / hits:.1%})")
    if args.out:
        args.out.write_text(
            json.dumps(
                {
                    "corpus": str(args.corpus),
                    "documents": len(texts),
                    "date": time.strftime("%Y-%m-%d"),
                    "rows": [asdict(row) for row in rows],
                },
                indent=1,
            )
            + "\n"
        )
    collection.close()


if __name__ == "__main__":
    main()
