"""Start-up costs, each measured against its floor in the same run:

1. cold `quipu search Q --json` process time vs `python -c "import whoosh.index, whoosh.qparser"`;
2. time to first frame of ``quipu`` (process start -> first screen painted, index already built)
   vs a minimal Textual app, both in a pseudo-terminal.

The first frame is the moment the app writes its first full screen: we run each program in a pty
and time from spawn to the first output containing the alternate-screen switch plus painted text.
"""

from __future__ import annotations

import json
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    '"state of emergency"',
    "curfew AND Puno",
    "Otarola",
    "title:coup",
    "protest*",
    "Boluarte~",
    "published:[2023-01-01 to 2023-03-31]",
    "Kenna OR Bobbio",
]

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("ready")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Minimal().run()
"""

QUIPU_APP = """
import sys
from pathlib import Path
from index.api import open_collection
from tui.app import QuipuApp
class Timed(QuipuApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.exit)
corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else None
Timed(open_collection(corpus, Path(sys.argv[1]))).run()
"""


def timed_run(argv: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(argv, capture_output=True, env=env, cwd=ROOT, check=False)
    return time.perf_counter() - began


def first_frame(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn to the app's exit right after its first refresh, in a pty."""
    began = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.environ["COLUMNS"], os.environ["LINES"] = "120", "35"
        os.execv(argv[0], argv)
    painted = None
    output = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if painted is None and b"\x1b[?1049h" in output and len(output) > 2000:
            painted = time.perf_counter() - began
    os.waitpid(pid, 0)
    os.close(fd)
    return painted if painted is not None else time.perf_counter() - began


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def main(repeats: int = 7) -> dict[str, object]:
    env = {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="quipu-bench-")}
    index_dir = Path(env["XDG_CACHE_HOME"]) / "index"
    python = sys.executable
    # An installed wheel ships bytecode; an editable checkout under PYTHONDONTWRITEBYTECODE
    # would recompile quipu's modules on every run. Compile them once, as an install would.
    subprocess.run([python, "-m", "compileall", "-q", "index", "tui"], cwd=ROOT, check=True)
    subprocess.run(
        [python, "-m", "tui", "index", "--index-dir", str(index_dir)],
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    floor, search = [], []
    for _ in range(repeats):
        for query in QUERIES:
            floor.append(timed_run([python, "-c", "import whoosh.index, whoosh.qparser"], env))
            search.append(
                timed_run(
                    [python, "-m", "tui", "search", query, "--json", "--index-dir", str(index_dir)],
                    env,
                )
            )
    minimal, quipu = [], []
    for _ in range(repeats):
        minimal.append(first_frame([python, "-c", MINIMAL_APP], env))
        quipu.append(first_frame([python, "-c", QUIPU_APP, str(index_dir)], env))
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {sys.platform}, Python {sys.version.split()[0]}",
        "corpus": "seeds (5 documents)",
        "cold_search_s": round(median(search), 4),
        "whoosh_import_floor_s": round(median(floor), 4),
        "cold_search_ratio": round(median(search) / median(floor), 2),
        "first_frame_quipu_s": round(median(quipu), 4),
        "first_frame_minimal_textual_s": round(median(minimal), 4),
        "first_frame_ratio": round(median(quipu) / median(minimal), 2),
        "samples": {"search": len(search), "first_frame": len(quipu)},
    }
    return result


if __name__ == "__main__":
    outcome = main()
    width = max(len(k) for k in outcome)
    for key, value in outcome.items():
        print(f"{key:<{width}}  {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "startup.json").write_text(json.dumps(outcome, indent=2) + "\n")
