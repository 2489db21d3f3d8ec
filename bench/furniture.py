"""Page furniture on a folder of documents: how many lines are furniture, and how many entity
and date mentions extraction would read from them (what leaving furniture out removes).

    python -m bench.furniture FOLDER [EXPECTED_FOLDER]

EXPECTED_FOLDER (optional): for each ``name.html``, a file of the same name holding the article
text a person would keep (Mozilla Readability's ``expected.html``): the furniture lines found in
it are listed, as possible mistakes.
"""

from __future__ import annotations

import html
import re
import sys
from collections import Counter
from pathlib import Path

from index.reading.corpus import SkipFile, read_file, scan
from index.reading.furniture import edge_keys, furniture_spans, line_key, lines_of, repeated_keys


def main(argv: list[str]) -> None:
    folder = Path(argv[0])
    expected_folder = Path(argv[1]) if len(argv) > 1 else None
    from index.extract.dates import expressions, tag
    from index.extract.entities import extract

    sources, _ = scan(folder)
    documents = []
    for source in sources:
        try:
            documents.extend(read_file(source).documents)
        except SkipFile:
            continue
    counts: Counter[str] = Counter()
    sample: dict[str, str] = {}
    for document in documents:
        counts.update(edge_keys(document.text))
        for line in lines_of(document.text):
            sample.setdefault(line_key(line.text), line.text)
    # As an index finds them (index/build.py): PDFs' lines are found within each.
    repeated = repeated_keys((d.title, [] if d.pages else edge_keys(d.text)) for d in documents)
    lines = marked = entity_all = entity_cut = date_all = date_cut = 0
    in_expected: list[tuple[str, str]] = []
    kinds: Counter[str] = Counter()
    for document in documents:
        text = document.text
        spans = furniture_spans(text, document.pages, repeated)
        alone = set(furniture_spans(text, document.pages))
        kinds["shape/position"] += len(alone)
        kinds["repeated in the collection"] += len(set(spans) - alone)
        lines += len(lines_of(text))
        marked += len(spans)

        def inside(start: int, spans: tuple = spans) -> bool:
            return any(s.start <= start < s.end for s in spans)

        for entity in extract(text[:500_000]):
            for mention in entity.mentions:
                entity_all += 1
                entity_cut += inside(mention.start)
        for match in tag(text[:500_000], found=expressions(text[:500_000])):
            date_all += 1
            date_cut += inside(match.start)
        if expected_folder is not None:
            wanted = expected_folder / Path(document.path).name
            if wanted.exists():
                article = _words(wanted.read_text(errors="replace"))
                for span in spans:
                    line = text[span.start : span.end]
                    if len(line.split()) >= 2 and _words(line) in article:
                        in_expected.append((document.doc, line))
    print(f"documents {len(documents)}, lines {lines}, furniture lines {marked} {dict(kinds)}")
    print(f"lines repeated at the heads or tails of documents of different titles: {len(repeated)}")
    for key in sorted(repeated, key=lambda k: -counts[k])[:30]:
        print(f"   {counts[key]:4d}  {sample.get(key, key)[:90]}")
    print(f"entity mentions {entity_all}, in furniture {entity_cut}")
    print(f"date mentions {date_all}, in furniture {date_cut}")
    if expected_folder is not None:
        print(f"furniture lines found in the expected article text: {len(in_expected)}")
        for doc, line in in_expected:
            print(f"   {doc}: {line[:100]}")


def _words(markup: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    return " ".join(re.findall(r"\w+", text.casefold()))


if __name__ == "__main__":
    main(sys.argv[1:])
