"""Strict JSON text: what every command prints, and what the database keeps ready to print
(``index.storage.extracts``), so both are the same bytes."""

from __future__ import annotations

import json
import re
from typing import Any

_ESCAPED = re.compile("[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
"""Escaped as \\uXXXX in JSON: DEL and C1 controls (json leaves them raw), line separators,
the bidi and zero-width characters text output shows as <U+XXXX> (they can make a title read
differently from what it is), and lone surrogates (undecodable file names, carried
losslessly)."""


def dumps(payload: Any) -> str:
    """Strict JSON, UTF-8 text, no raw control character (C0 escaped by json, the rest here)."""
    return escaped(json.dumps(payload, ensure_ascii=False))


def escaped(text: str) -> str:
    """JSON text (of ``json.dumps(..., ensure_ascii=False)``, or SQLite's ``json_quote``) with
    the characters of ``_ESCAPED`` escaped."""
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
