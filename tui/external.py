"""The command that opens a file in the user's $EDITOR or $PAGER at a line.

Taken from the environment as a shell would split it ("code -w" is a program and an argument),
run without a shell (a file name is never read as shell syntax). Programs known to take a line
get it in their own form: ``+N`` for less, more, most and the vi, emacs, nano and micro
families; ``FILE:N`` for helix, ``--goto FILE:N`` for VS Code; any other gets the file alone.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path

DEFAULTS = {"EDITOR": "vi", "PAGER": "less"}
PLUS_LINE = frozenset(
    {
        "less",
        "more",
        "most",
        "vi",
        "vim",
        "nvim",
        "view",
        "vis",
        "gvim",
        "mvim",
        "emacs",
        "emacsclient",
        "nano",
        "pico",
        "micro",
        "kak",
        "joe",
        "jed",
        "mg",
        "ne",
    }
)


def external_command(
    program: str, environ: Mapping[str, str], path: Path, line: int | None
) -> list[str]:
    """The argv that opens ``path`` at ``line`` (None: at the top) in ``$program``."""
    setting = (environ.get(program) or "").strip()
    if program == "EDITOR" and not setting:
        setting = (environ.get("VISUAL") or "").strip()
    try:
        argv = shlex.split(setting) if setting else []
    except ValueError:  # an unbalanced quote: taken as one program name
        argv = [setting]
    if not argv:
        argv = [DEFAULTS.get(program, "less")]
    name = Path(argv[0]).name
    if line is None:
        return [*argv, str(path)]
    if name in PLUS_LINE:
        return [*argv, f"+{line}", str(path)]
    if name in ("hx", "helix"):
        return [*argv, f"{path}:{line}"]
    if name in ("code", "codium", "code-insiders"):
        return [*argv, "--goto", f"{path}:{line}"]
    return [*argv, str(path)]
