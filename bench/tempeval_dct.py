"""Publication dates against TempEval-3's document creation times (DCTs).

    python -m bench.tempeval_dct TML_FOLDER [--code CHECKOUT] [--json]

TML_FOLDER holds TimeML files (the TE3 platinum test set: 20 news articles of March 2013). Each
becomes a plain-text document, its <TITLE> then its <TEXT> with the markup taken out, under a
neutral name (doc01.txt: the set's file names carry the date) and without its DCT. The folder
is indexed afresh (``quipu index --rebuild``) and each document's publication date is compared
with its DCT: exact day, within a week, same month, covering (a year or month that holds the
DCT), wrong, and undated. ``--keep-names`` keeps the set's file names (AP_20130322.txt): the
file-name tier, measured. ``--code`` measures another checkout (see bench.published_dates).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from bench.published_dates import run_quipu, span

_DCT = re.compile(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", re.DOTALL)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.DOTALL)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def plain(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup)).strip()


def read_tml(path: Path) -> tuple[str, str] | None:
    """(DCT, the document as plain text: title, blank line, text), or None if not TimeML."""
    source = path.read_text(encoding="utf-8", errors="replace")
    dct, text = _DCT.search(source), _TEXT.search(source)
    if dct is None or text is None:
        return None
    title = _TITLE.search(source)
    heading = plain(title.group(1)) if title else path.stem
    return dct.group(1), f"{heading}\n\n{plain(text.group(1))}\n"


def outcome(published: str | None, dct: date) -> str:
    if not published:
        return "undated"
    covered = span(published)
    if covered is None:
        return "wrong"
    first, last = covered
    if first == last:
        gap = abs((first - dct).days)
        return (
            "exact"
            if gap == 0
            else "week"
            if gap <= 7
            else "month"
            if (
                first.year,
                first.month,
            )
            == (dct.year, dct.month)
            else "wrong"
        )
    return "covering" if first <= dct <= last else "wrong"


def measure(folder: Path, code: Path | None, keep_names: bool = False) -> dict[str, Any]:
    truth: dict[str, date] = {}
    with tempfile.TemporaryDirectory(prefix="quipu-te3-") as work:
        corpus = Path(work) / "corpus"
        corpus.mkdir()
        for number, path in enumerate(sorted(folder.glob("*.tml")), start=1):
            read = read_tml(path)
            if read is None:
                continue
            doc = path.stem if keep_names else f"doc{number:02d}"
            truth[doc] = date.fromisoformat(read[0])
            (corpus / f"{doc}.txt").write_text(read[1], encoding="utf-8")
        common = ["--corpus", str(corpus), "--index-dir", str(Path(work) / "index")]
        built = run_quipu(code, "index", *common, "--rebuild")
        if built.returncode != 0:
            raise SystemExit(f"quipu index failed ({built.returncode}): {built.stderr.strip()}")
        listed = run_quipu(code, "docs", *common, "--no-refresh", "--jsonl")
    rows = {
        row["doc"]: row for row in (json.loads(line) for line in listed.stdout.splitlines() if line)
    }
    counts = dict.fromkeys(("exact", "week", "month", "covering", "wrong", "undated"), 0)
    detail = []
    for doc, dct in sorted(truth.items()):
        row = rows.get(doc, {})
        published = row.get("published")
        result = outcome(published, dct)
        counts[result] += 1
        detail.append([doc, dct.isoformat(), published, row.get("published_basis"), result])
    dated = len(truth) - counts["undated"]
    return {
        "folder": str(folder),
        "code": str(code) if code else "this checkout",
        "names": "kept" if keep_names else "neutral",
        "documents": len(truth),
        "dated": dated,
        "outcomes": counts,
        "accuracy_exact": round(counts["exact"] / len(truth), 3) if truth else 0.0,
        "precision_dated": round((dated - counts["wrong"]) / dated, 3) if dated else None,
        "documents_detail": detail,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tempeval_dct")
    parser.add_argument("folder", type=Path, help="a folder of TimeML (.tml) files")
    parser.add_argument("--code", type=Path, help="another checkout's quipu to measure")
    parser.add_argument("--keep-names", action="store_true", help="keep the files' names")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = measure(args.folder, args.code, args.keep_names)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{result['documents']} documents ({result['folder']}; names {result['names']};"
        f" code: {result['code']})"
    )
    print("outcomes    " + ", ".join(f"{k} {v}" for k, v in result["outcomes"].items()))
    print(f"exact day {result['accuracy_exact']}, dated and right {result['precision_dated']}")
    for doc, dct, published, basis, result_ in result["documents_detail"]:
        print(f"  {doc}  DCT {dct}  got {published or '—'} ({basis})  {result_}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
