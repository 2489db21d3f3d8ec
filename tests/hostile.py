"""Nasty inputs, written for the reliability tests: a corpus of bad files and a list of hostile
queries. Nothing here is a seed; every file is generated."""

from __future__ import annotations

import os
import socket
from pathlib import Path

ESCAPES = (
    "\x1b]52;c;cHduZWQ=\x07"  # OSC 52: write the clipboard
    "\x1b]8;;file:///etc/passwd\x1b\\click me\x1b]8;;\x1b\\"  # OSC 8: a hidden link
    "\x1b]0;PWNED\x07"  # OSC 0: the window title
    "\x1b[2J\x1b[H"  # CSI: clear the screen
    "\x1bP1$qm\x1b\\"  # DCS: a terminal query
    "\x9b31m"  # C1 CSI
    "\x1b[6n"  # CSI: report the cursor position
)
MARKUP = "[link=file:///etc/passwd]passwd[/link] [@click=app.quit]quit[/] [bold]x[/] [/] [red"

INDEXED = "indexed"
SKIPPED = "skipped"


def write_bad_corpus(root: Path) -> dict[str, str]:
    """Write the bad corpus; returns what should happen to each file (by relative path)."""
    root.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str] = {}

    def put(rel: str, data: bytes, outcome: str) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expect[rel] = outcome

    put("empty.txt", b"", SKIPPED)
    put("blank.txt", b"  \n\t\n   \n", SKIPPED)
    put("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, SKIPPED)
    put(
        "latin1.txt", "Año de protestas en Perú: la policía respondió.\n".encode("latin-1"), INDEXED
    )
    put("utf16.txt", "Protesta en Juliaca, 9 de enero.\n".encode("utf-16"), INDEXED)
    put("nul.txt", b"Title with a NUL\n\nA body\x00with one NUL byte in it.\n", INDEXED)
    put("crlf.txt", b"Windows title\r\n\r\nLine one.\r\nLine two.\r\n", INDEXED)
    put("cr.txt", b"Old Mac title\r\rOnly carriage returns here.\r", INDEXED)
    put(
        "escapes.txt",
        f"Escape {ESCAPES} title\n\nBody {ESCAPES} and {MARKUP} end.\n".encode(),
        INDEXED,
    )
    put("markup.md", f"{MARKUP}\n\n{MARKUP} in the body of the text.\n".encode(), INDEXED)
    put(
        "bidi\u202etxt.md",
        b"Reversed name\n\nA file whose name has a bidi override.\n",
        INDEXED,
    )
    put("-leading-dash.txt", b"Dash\n\nA file named like an option.\n", INDEXED)
    put("new\nline.txt", b"Newline\n\nA file whose name has a newline.\n", INDEXED)
    put("dup-a.txt", b"Duplicate\n\nThe same bytes twice.\n", INDEXED)
    put("dup-b.txt", b"Duplicate\n\nThe same bytes twice.\n", INDEXED)
    put(
        "frontmatter.md",
        b"---\ntitle: [unclosed\ndate: !!python/object/apply:os.system ['true']\n---\nBody.\n",
        INDEXED,
    )
    put("yaml-bomb.md", b"---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\nText.\n", INDEXED)
    words = " ".join(f"word{i % 5000} Lima" for i in range(500_000))  # a million words
    put("million-words.txt", f"A very long report\n\n{words}\n".encode(), INDEXED)
    put("single-line.txt", b"x" * (50 * 1024 * 1024), INDEXED)  # 50 MB, one line
    with open(os.fsencode(root) + b"/undecodable-name-\xff.txt", "wb") as handle:
        handle.write(b"Odd name\n\nThe file name is not UTF-8.\n")  # byte 0xff: not UTF-8
    expect["undecodable-name-\udcff.txt"] = INDEXED
    (root / "loop").mkdir(exist_ok=True)
    os.symlink("..", root / "loop" / "up")  # a folder loop: not followed
    os.symlink("/etc/hostname", root / "outside.txt")  # leaves the corpus: skipped
    expect["outside.txt"] = SKIPPED
    os.symlink("missing.txt", root / "dangling.txt")
    expect["dangling.txt"] = SKIPPED
    os.mkfifo(root / "fifo.txt")  # a FIFO: never opened (it would block)
    expect["fifo.txt"] = SKIPPED
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(root / "socket.txt"))
        expect["socket.txt"] = SKIPPED
    finally:
        sock.close()
    return expect


HOSTILE_QUERIES = [
    "NOT NOT NOT",
    "NOT",
    "AND",
    "OR OR OR",
    "a AND",
    "(" * 200 + "x" + ")" * 200,
    "(((",
    ")))",
    '"',
    '""',
    '"unclosed phrase',
    "*",
    "?*",
    "*?*?*",
    "a*",
    "term~99",
    "term~2",
    "x~",
    "term^0",
    "term^-1",
    "term^99999999999999999999",
    "title:",
    ":",
    "::::",
    "nosuchfield:x",
    "published:[2023-02-30 to 2023-03-01]",
    "published:[2023-13-01 to 2023-01-01]",
    "published:[to]",
    "published:>2023-99",
    "mentions:[2022 to 2023]",
    'entity:""',
    "entity:",
    "person:(",
    "[a TO b]",
    "{a TO b}",
    "x" * 40_000,
    "w " * 3000,
    "a" * 999,
    "\x1b]52;c;cHduZWQ=\x07",
    "\x1b[2J",
    "\x9b31m",
    "[bold]x[/]",
    "[link=file:///etc/passwd]x[/link]",
    "\u202eevil",
    "\u0000",
    "%s%n%x",
    "🙂 protest",
    "Lima\n\nAND",
    "\\",
    "'; DROP TABLE docs; --",
]
