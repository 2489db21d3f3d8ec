"""Search quality on a real collection: does a quoted phrase find exactly the documents that
hold it? quipu's document set for each query is compared with a case-insensitive whole-phrase
grep of the same files (whitespace, line breaks included, folded to one space), and the top
hits' snippets are checked for the phrase.

    python -m bench.search_quality CORPUS [--index-dir DIR] [--queries FILE]

The corpus is any folder of .txt files (the 2,225 BBC news articles, for one; not in the
repo). Each query line of FILE is a query as typed; a phrase query is graded against grep of
the phrase, a ``=word`` or a one-word query against grep of the word.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

DEFAULT_QUERIES = [
    '"The Who"',
    '"Take That"',
    '"US economy"',
    '"state of emergency"',
    '"will be"',
    '"Gordon Brown"',
    '"Liberal Democrats"',
    '"prime minister"',
    '"at the end of the day"',
    '"Bank of England"',
    '"e-mail"',
    '"World Cup"',
    '"Home Secretary"',
    '"interest rates"',
    '"European Union"',
    '"to be"',
    '"in May"',
    '"New York"',
    "=news",
    "=Universal",
]


def grep_docs(texts: dict[str, str], phrase: str) -> set[str]:
    """Documents holding ``phrase`` as whole words, case-insensitively, across line breaks; a
    hyphen may be left out ("e-mail" is also "email": quipu's rule for joined words)."""
    words = phrase.split()
    pattern = re.compile(
        r"(?<!\w)"
        + r"\s+".join(re.escape(word).replace(r"\-", "-?") for word in words)
        + r"(?!\w)",
        re.IGNORECASE,
    )
    return {doc for doc, text in texts.items() if pattern.search(text)}


def graded_phrase(query: str) -> str:
    return query.strip().strip('"').lstrip("=")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.search_quality")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--queries", type=Path)
    args = parser.parse_args()

    from index.api import open_collection

    index_dir = args.index_dir or Path(tempfile.mkdtemp(prefix="quipu-quality-"))
    collection = open_collection(args.corpus, index_dir)
    began = time.perf_counter()
    collection.update()
    print(f"index: {time.perf_counter() - began:.1f} s at {index_dir}")
    queries = (
        [line.strip() for line in args.queries.read_text().splitlines() if line.strip()]
        if args.queries
        else DEFAULT_QUERIES
    )
    texts = {
        summary.doc: collection.document(summary.doc).text for summary in collection.documents()
    }
    print(f"{'query':28} {'quipu':>6} {'grep':>6} {'prec':>6} {'recall':>6} {'snippet':>8}")
    perfect = 0
    for query in queries:
        found = collection.matching_docs(query) or set()
        expected = grep_docs(texts, graded_phrase(query))
        both = found & expected
        precision = len(both) / len(found) if found else (1.0 if not expected else 0.0)
        recall = len(both) / len(expected) if expected else 1.0
        results = collection.search(query, limit=10)
        phrase = re.compile(
            r"\s+".join(re.escape(w) for w in graded_phrase(query).split()), re.IGNORECASE
        )
        shown = [hit for hit in results.hits]
        with_phrase = sum(1 for hit in shown if phrase.search(hit.snippet.text))
        snippet = f"{with_phrase}/{len(shown)}"
        perfect += precision == recall == 1.0
        print(
            f"{query[:28]:28} {len(found):6} {len(expected):6} {precision:6.2f} {recall:6.2f} "
            f"{snippet:>8}"
        )
    print(f"{perfect} of {len(queries)} queries with precision and recall 1.00")
    collection.close()


if __name__ == "__main__":
    main()
