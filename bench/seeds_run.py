"""Index the seeds with a quipu checkout, in a throw-away folder, and read what it found.

The seed files (this tree's ``seeds/``, the texts the gold marks) are copied into a temporary
corpus, under their own names, and indexed by a fresh ``quipu`` process run from ``checkout``
(this tree by default, or a snapshot of an older revision: the same scorer measures both), with
HOME and the XDG folders pointed into the temporary folder: the user's cache and data are never
read or written. With ``dcts``, each file is given its document creation time as front matter
(``date:``); quipu's reader cuts the front matter off, so the offsets into the text are the same.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.entity_top import isolated_env
from bench.seeds_gold import GOLD, SEEDS

DCT_TSV = GOLD / "seeds_dct.tsv"
THIS_TREE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class SeedRun:
    """What quipu answered on the seeds: ``quipu timeline --json`` and ``quipu entities --json``
    as parsed JSON, and each document's publication date and its basis."""

    checkout: str
    timeline: dict[str, Any]
    entities: dict[str, Any]
    published: dict[str, tuple[str | None, str]]


def gold_dcts(path: Path = DCT_TSV) -> dict[str, str]:
    """Each seed's document creation time as the gold records it (GUIDELINES.md)."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return {cells[0]: cells[1] for cells in (line.split("\t") for line in lines if line)}


def _quipu(checkout: Path, env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "-c", "import sys; from tui.main import entry; sys.exit(entry())"]
    done = subprocess.run(
        [*command, *args], env=env, cwd=checkout, capture_output=True, text=True, check=False
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"quipu {args[0]} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def run(checkout: Path = THIS_TREE, dcts: dict[str, str] | None = None) -> SeedRun:
    """Index the seeds with ``checkout`` (front matter from ``dcts`` when given) and read the
    dates, entities and publication dates it found."""
    checkout = checkout.resolve()
    with tempfile.TemporaryDirectory(prefix="quipu-seeds-") as tmp:
        corpus = Path(tmp) / "seeds"
        corpus.mkdir()
        for path in sorted(SEEDS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if dcts is not None:
                text = f"---\ndate: '{dcts[path.stem]}'\n---\n{text}"
            (corpus / path.name).write_text(text, encoding="utf-8")
        env = isolated_env(Path(tmp) / "home")
        env["PYTHONPATH"] = str(checkout)
        common = ["--corpus", str(corpus)]
        _quipu(checkout, env, "index", *common)
        timeline = json.loads(_quipu(checkout, env, "timeline", *common, "--json", "--no-refresh"))
        entities = json.loads(_quipu(checkout, env, "entities", *common, "--json", "--no-refresh"))
    if timeline.get("cut") or entities.get("cut"):
        raise SystemExit("quipu cut its answer short: the scores would be wrong")
    published = {
        d["doc"]: (d.get("published"), d.get("published_basis") or "none")
        for d in timeline.get("documents", [])
    }
    return SeedRun(str(checkout), timeline, entities, published)
