"""Golden outputs of the CLI: what ``quipu entities``, ``timeline``, ``docs`` and ``search``
print as JSON on one corpus, to hold a rewrite of the store to the same answers.

``outputs(corpus, index_dir)`` runs the commands in this process (the index is built first) and
returns each command's stdout, with the corpus and index paths replaced by placeholders and
times by 0. The commands that need a name or a day take them from the collection itself (its
most mentioned person, place and organization, its busiest day), so the same list serves any
corpus.

``python -m bench.golden CORPUS_SIZE [--write]``: compare the bench corpus of that size (seeds:
the bundled seeds) with ``bench/results/golden-SIZE.json`` (SHA-256 of each output), or write it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import sys
import tempfile
from pathlib import Path

SEARCHES = [
    "strike",
    "police",
    '"state of emergency"',
    "curfew AND police",
    "protset~",
    "arrest*",
    "published:[2022-01-01 to 2023-12-31]",
]


def run(argv: list[str]) -> tuple[int, str]:
    """``quipu ARGV`` in this process: the exit code and stdout."""
    from index.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(argv)
    return code, out.getvalue()


def commands(corpus: Path, index_dir: Path) -> list[tuple[str, list[str]]]:
    """(label, argv) of each command compared."""
    where = ["--corpus", str(corpus), "--index-dir", str(index_dir)]
    _, listed = run(["entities", "--json", "--limit", "50", *where])
    entities = json.loads(listed)["entities"] if listed else []
    top = {}
    for entity in entities:
        top.setdefault(entity["type"], entity["name"])
    _, dated = run(["timeline", "--json", *where])
    buckets = json.loads(dated)["buckets"] if dated else []
    busiest = max(buckets, key=lambda b: (b["count"], b["start"]))["start"] if buckets else ""
    found: list[tuple[str, list[str]]] = [
        ("entities", ["entities", "--json"]),
        ("entities-person-5", ["entities", "--json", "--type", "PERSON", "--limit", "5"]),
        ("entities-query", ["entities", "--json", "--query", "strike", "--limit", "20"]),
        ("timeline", ["timeline", "--json"]),
        ("timeline-month", ["timeline", "--json", "--granularity", "month"]),
        ("timeline-query", ["timeline", "--json", "--query", "police"]),
        ("docs", ["docs", "--json"]),
    ]
    found += [
        (f"search-{number}", ["search", query, "--json", "--limit", "20"])
        for number, query in enumerate(SEARCHES)
    ]
    for kind, name in sorted(top.items()):
        found.append((f"entities-co-{kind}", ["entities", "--json", "--co", name]))
        found.append((f"entities-explain-{kind}", ["entities", "--json", "--explain", name]))
        found.append((f"timeline-entity-{kind}", ["timeline", "--json", "--entity", name]))
        found.append((f"search-entity-{kind}", ["search", f'entity:"{name}"', "--json"]))
        found.append((f"search-filter-{kind}", ["search", "police", "--entity", name, "--json"]))
    if busiest:
        found.append(("search-mentions", ["search", f"mentions:{busiest}", "--json"]))
    first = json.loads(run(["docs", "--json", *where])[1])["docs"][0]["doc"]
    found.append(("entities-doc", ["entities", "--json", "--doc", first]))
    found.append(("timeline-doc", ["timeline", "--json", "--doc", first]))
    return [(label, [*argv, *where]) for label, argv in found]


def outputs(corpus: Path, index_dir: Path) -> dict[str, str]:
    """Each command's exit code and stdout, the paths of the corpus and index and the times
    normalised."""
    run(["index", "--corpus", str(corpus), "--index-dir", str(index_dir)])
    result = {}
    for label, argv in commands(corpus, index_dir):
        code, out = run(argv)
        for path, placeholder in ((index_dir, "<INDEX>"), (corpus.resolve(), "<CORPUS>")):
            out = out.replace(str(path), placeholder)
        out = re.sub(r'"elapsed_ms": [0-9.]+', '"elapsed_ms": 0', out)  # a time
        result[label] = f"exit {code}\n{out}"
    return result


def digests(found: dict[str, str]) -> dict[str, str]:
    return {label: hashlib.sha256(out.encode("utf-8")).hexdigest() for label, out in found.items()}


def corpus_of(size: str, work: Path) -> Path:
    if size == "seeds":
        from index.api import bundled_seeds

        return bundled_seeds()
    from bench.corpus import generate

    return generate(work / f"corpus-{size}", int(size))


def main(argv: list[str]) -> int:
    size, write = argv[0], "--write" in argv
    golden = Path(__file__).resolve().parent / "results" / f"golden-{size}.json"
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(tempfile.gettempdir()) / "quipu-bench"
        work.mkdir(parents=True, exist_ok=True)
        found = digests(outputs(corpus_of(size, work), Path(temporary) / "index"))
    if write:
        golden.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
        print(f"wrote {golden}")
        return 0
    expected = json.loads(golden.read_text())
    differing = sorted(k for k in {*expected, *found} if expected.get(k) != found.get(k))
    print("same outputs" if not differing else "differ: " + ", ".join(differing))
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
