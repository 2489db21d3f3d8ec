"""pypdf against pdfminer.six on a folder of PDFs: import cost, time per page, characters read.

    python -m bench.pdf_readers FOLDER   (pdfminer.six measured only where it is installed)

Each reader runs in a fresh interpreter so its import cost is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_PYPDF = """
import time, sys, json
t0 = time.perf_counter()
import pypdf
t1 = time.perf_counter()
out = {"import_ms": (t1 - t0) * 1000, "files": {}}
for path in sys.argv[1:]:
    start = time.perf_counter()
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted:
            raise ValueError("encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        out["files"][path] = {"pages": len(pages), "chars": sum(len(p) for p in pages),
            "ms": (time.perf_counter() - start) * 1000,
            "sample": " ".join(pages[0].split())[:160] if pages else ""}
    except Exception as error:
        out["files"][path] = {"error": f"{type(error).__name__}: {error}"[:120],
            "ms": (time.perf_counter() - start) * 1000}
print(json.dumps(out))
"""

_PDFMINER = """
import time, sys, json
t0 = time.perf_counter()
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextContainer
t1 = time.perf_counter()
out = {"import_ms": (t1 - t0) * 1000, "files": {}}
for path in sys.argv[1:]:
    start = time.perf_counter()
    try:
        pages = ["".join(el.get_text() for el in page if isinstance(el, LTTextContainer))
                 for page in extract_pages(path)]
        out["files"][path] = {"pages": len(pages), "chars": sum(len(p) for p in pages),
            "ms": (time.perf_counter() - start) * 1000,
            "sample": " ".join(pages[0].split())[:160] if pages else ""}
    except Exception as error:
        out["files"][path] = {"error": f"{type(error).__name__}: {error}"[:120],
            "ms": (time.perf_counter() - start) * 1000}
print(json.dumps(out))
"""


def run(python: str, script: str, files: list[str]) -> dict[str, object]:
    done = subprocess.run([python, "-c", script, *files], capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main(argv: list[str]) -> None:
    folder = Path(argv[0])
    python = argv[1] if len(argv) > 1 else sys.executable
    files = sorted(str(p) for p in folder.glob("*.pdf"))
    results = {"pypdf": run(python, _PYPDF, files), "pdfminer.six": run(python, _PDFMINER, files)}
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
