"""The reader's look for changed files: Collection.corpus_changed() time over 20 looks at an
unchanged corpus, then one appended file noticed and the update it leads to.

Usage: python -m bench.watch_poll CORPUS INDEX_DIR   (the index is built first; the corpus is
changed: give it a copy). Measured: BBC (2,225 files) 37 ms, 10,000 generated files
(bench/corpus.py) 149 ms, on a shared 2-core machine.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from index.api import Collection


def measure(corpus: Path, index_dir: Path) -> None:
    c = Collection(corpus, index_dir)
    t = time.perf_counter()
    c.update()
    build = time.perf_counter() - t
    times: list[float] = []
    for _ in range(20):
        t = time.perf_counter()
        changed = c.corpus_changed()
        times.append(time.perf_counter() - t)
        assert not changed
    files = sum(1 for path in corpus.rglob("*") if path.is_file())
    victim = sorted(p for p in corpus.rglob("*.txt"))[5]
    with open(victim, "a", encoding="utf-8") as handle:
        handle.write("\nzorblatt\n")
    t = time.perf_counter()
    noticed = c.corpus_changed()
    one = time.perf_counter() - t
    t = time.perf_counter()
    report = c.update()
    upd = time.perf_counter() - t
    median, most = statistics.median(times) * 1000, max(times) * 1000
    print(
        f"{corpus.name}: {files} files; corpus_changed median {median:.1f} ms, max {most:.1f} ms "
        f"over 20; after one append: changed={noticed} in {one * 1000:.1f} ms; update "
        f"{upd:.2f} s ({report.updated} updated); first build {build:.1f} s"
    )


if __name__ == "__main__":
    measure(Path(sys.argv[1]), Path(sys.argv[2]))
