"""`python -m bench.gum_entities GUM_TSV_DIR [--genre news] [--checkout DIR] [--json OUT]`: typed
entity F1 of quipu against GUM's hand annotation (public gold nobody here wrote).

GUM (Georgetown University Multilayer corpus, CC BY 4.0; https://github.com/amir-zeldes/gum)
annotates every referring expression with one of eleven types and links named ones to Wikipedia
(the ``identity`` column of its WebAnno TSV files, ``_build/src/tsv/GUM_<genre>_<name>.tsv``).
Fetch it and pass that folder; nothing of it is committed.

Each document's text is rebuilt from the TSV (sentences one a line, tokens as GUM spaced them:
the offsets of the file are the offsets of that text), written to a corpus folder, indexed by a
fresh ``quipu`` process (from ``--checkout``, default this tree, so an older commit can be
measured with the same scorer), and ``quipu entities --json`` is compared with the gold:

- gold: mentions of type person, place or organization that hold a proper noun (GUM's own
  part-of-speech tags, from the XML files beside the TSV folder) and carry a Wikipedia identity;
  a mention's name is its span from its first proper noun to its last ("nonpartisan
  pan-democrat Eddie Chu" -> "Eddie Chu"; "this district" is no name and is not asked for);
- a quipu mention is right when it has the gold type and overlaps a gold name of that type
  (``lenient``) or is exactly that name (``strict``); one overlapping only a name GUM did not
  link (a local official) is neither asked for nor held against quipu; any other is a false
  positive (another type, or no name of GUM's at all).

Per type and micro-averaged: precision, recall, F1, strict and lenient.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.entity_top import isolated_env

TYPES = {"person": "PERSON", "place": "PLACE", "organization": "ORG"}
_LABEL = re.compile(r"([a-z]+)(?:\[(\d+)\])?")


@dataclass(slots=True)
class Mention:
    kind: str  # GUM's type, lower case
    start: int
    end: int
    identity: str | None = None
    name: tuple[int, int] | None = None  # from its first proper-noun token to its last


@dataclass(slots=True)
class GoldDocument:
    name: str
    text: str
    mentions: list[Mention] = field(default_factory=list)


def proper_nouns(xml: Path) -> list[bool]:
    """Whether each token of a GUM XML file (one a line: word, tag, lemma) is a proper noun."""
    flags = []
    for line in xml.read_text(encoding="utf-8").splitlines():
        columns = line.split("\t")
        if len(columns) >= 2 and not line.startswith("<"):
            flags.append(columns[1] in ("NP", "NPS"))
    return flags


def read_tsv(path: Path, proper: list[bool]) -> GoldDocument:
    """A GUM WebAnno TSV file: its text and its typed mentions (with Wikipedia identities and
    the span of their proper nouns, from GUM's own part-of-speech tags in ``proper``)."""
    sentences: list[str] = []
    spans: dict[str, Mention] = {}
    token = -1
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#Text="):
            sentences.append(line[len("#Text=") :])
            continue
        columns = line.split("\t")
        if len(columns) < 7 or not re.fullmatch(r"\d+-\d+", columns[0]):
            continue
        start, end = (int(n) for n in columns[1].split("-"))
        token += 1
        if columns[3] in ("_", ""):
            continue
        is_proper = token < len(proper) and proper[token]
        labels = columns[3].split("|")
        identities = columns[6].split("|") if columns[6] not in ("_", "") else []
        named: dict[str, str] = {}
        for identity in identities:
            match = re.fullmatch(r"(.*?)(?:\[(\d+)\])?", identity)
            if match:
                named[match.group(2) or "single"] = match.group(1)
        for label in labels:
            match = _LABEL.fullmatch(label)
            if not match:
                continue
            kind, number = match.group(1), match.group(2)
            key = number or f"{columns[0]}-single"
            mention = spans.get(key)
            if mention is None:
                spans[key] = mention = Mention(kind, start, end)
            mention.end = end
            if is_proper:
                first = mention.name[0] if mention.name else start
                mention.name = (first, end)
            identity = named.get(number or "single")
            if identity:
                mention.identity = identity
    return GoldDocument(path.stem, "\n".join(sentences) + "\n", list(spans.values()))


def run_quipu(documents: list[GoldDocument], checkout: Path) -> dict[str, list[dict[str, Any]]]:
    """Index the documents with quipu from ``checkout``; each one's mentions (type, offsets)."""
    command = [sys.executable, "-c", "import sys; from tui.main import entry; sys.exit(entry())"]
    with tempfile.TemporaryDirectory(prefix="quipu-gum-") as tmp:
        corpus = Path(tmp) / "gum"
        corpus.mkdir()
        for document in documents:
            (corpus / f"{document.name}.txt").write_text(document.text, encoding="utf-8")
        env = isolated_env(Path(tmp) / "home")
        env["PYTHONPATH"] = str(checkout)
        common = {"env": env, "cwd": checkout, "check": True}
        subprocess.run([*command, "index", "--corpus", str(corpus)], **common,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        listed = subprocess.run(
            [*command, "docs", "--corpus", str(corpus), "--json", "--no-refresh"],
            **common,
            capture_output=True,
            text=True,
        )
        ids = {d["doc"]: Path(d["path"]).stem for d in json.loads(listed.stdout)["docs"]}
        out = subprocess.run(
            [*command, "entities", "--corpus", str(corpus), "--json", "--no-refresh"],
            **common,
            capture_output=True,
            text=True,
        )
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in json.loads(out.stdout)["entities"]:
        for mention in entity["mentions"]:
            found[ids[mention["doc"]]].append(
                {"type": entity["type"], "start": mention["start"], "end": mention["end"]}
            )
    return found


def score(documents: list[GoldDocument], found: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Precision, recall and F1 per type and over all (``ALL``), strict and lenient."""
    keys = ("found", "gold", "tp_strict", "tp_lenient", "hit_strict", "hit_lenient")
    counts = {kind: dict.fromkeys(keys, 0) for kind in (*TYPES.values(), "ALL")}
    for document in documents:
        named = [m for m in document.mentions if m.kind in TYPES and m.name]
        gold = [m for m in named if m.identity]
        unlinked = [m for m in named if not m.identity]
        hit_strict: set[int] = set()
        hit_lenient: set[int] = set()
        for guess in found.get(document.name, []):
            kind, span = guess["type"], (guess["start"], guess["end"])

            def overlaps(m: Mention, kind: str = kind, span: tuple[int, int] = span) -> bool:
                assert m.name is not None
                return TYPES[m.kind] == kind and m.name[0] < span[1] and span[0] < m.name[1]

            same = [n for n, m in enumerate(gold) if overlaps(m)]
            if not same and any(overlaps(m) for m in unlinked):
                continue  # a name GUM did not link: neither asked for nor held against quipu
            exact = [n for n in same if span == gold[n].name]
            hit_lenient.update(same)
            hit_strict.update(exact)
            for c in counts[kind], counts["ALL"]:
                c["found"] += 1
                c["tp_lenient"] += bool(same)
                c["tp_strict"] += bool(exact)
        for n, m in enumerate(gold):
            for c in counts[TYPES[m.kind]], counts["ALL"]:
                c["gold"] += 1
                c["hit_lenient"] += n in hit_lenient
                c["hit_strict"] += n in hit_strict
    report: dict[str, Any] = {}
    for kind, c in counts.items():
        row: dict[str, Any] = {"gold": c["gold"], "found": c["found"]}
        for mode in ("strict", "lenient"):
            precision = c[f"tp_{mode}"] / c["found"] if c["found"] else 0.0
            recall = c[f"hit_{mode}"] / c["gold"] if c["gold"] else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            row[mode] = {"precision": round(precision, 3), "recall": round(recall, 3),
                         "f1": round(f1, 3)}  # fmt: skip
        report[kind] = row
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gum_entities", description=__doc__)
    parser.add_argument(
        "tsv_dir", type=Path, help="GUM's _build/src/tsv folder (fetched; xml/ beside it)"
    )
    parser.add_argument("--genre", default="news", help="GUM genre prefix (default: news)")
    parser.add_argument(
        "--checkout", type=Path, default=Path(__file__).resolve().parent.parent,
        help="the quipu source tree to measure (default: this one)",
    )  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the scores here")
    args = parser.parse_args(argv)
    paths = sorted(args.tsv_dir.glob(f"GUM_{args.genre}_*.tsv"))
    if not paths:
        print(f"no GUM_{args.genre}_*.tsv files in {args.tsv_dir}", file=sys.stderr)
        return 2
    xml_dir = args.tsv_dir.parent / "xml"
    documents = [read_tsv(path, proper_nouns(xml_dir / f"{path.stem}.xml")) for path in paths]
    found = run_quipu(documents, args.checkout.resolve())
    report = score(documents, found)
    print(f"GUM {args.genre}: {len(documents)} documents ({os.fspath(args.checkout)})")
    print(f"{'type':<7} {'gold':>5} {'found':>5}   strict P / R / F1      lenient P / R / F1")
    for kind, row in report.items():
        s, n = row["strict"], row["lenient"]
        print(
            f"{kind:<7} {row['gold']:>5} {row['found']:>5}   "
            f"{s['precision']:.2f} / {s['recall']:.2f} / {s['f1']:.2f}     "
            f"{n['precision']:.2f} / {n['recall']:.2f} / {n['f1']:.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
