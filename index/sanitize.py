"""Text hygiene: normalize document text once on the way in, and make any external string safe
to show on a terminal.

Document text is cleaned at ingestion so every offset quipu stores indexes into the cleaned
text: control characters become their visible Unicode "control picture" (one character for one,
so nothing shifts), newlines are normalized to ``\\n``. Strings that are not document text
(paths, queries, titles quoted in errors) go through :func:`display` before they are printed.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls other than \t and \n, DEL, and the C1 range (0x80-0x9f).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
# Bidi embeddings/overrides/isolates and zero-width characters: invisible, and able to make a
# title or path read differently from what it is.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _control_picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟ (ESC -> ␛)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 control: the replacement character


def clean_text(text: str) -> str:
    """Normalize a decoded document: newlines to ``\\n``, controls made visible, no BOM."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(_control_picture, text)


def _invisible_name(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"


def display(value: str) -> str:
    """Make any external string safe for one terminal line: no controls, no hidden characters."""
    value = value.replace("\n", "␤").replace("\t", " ")
    value = _CONTROL.sub(_control_picture, value)
    return _INVISIBLE.sub(_invisible_name, value)


# Latin letters that Unicode does not decompose into a base letter and an accent (so NFKD leaves
# them as they are): folded to the letters they are written as in ASCII ("Łódź" -> "lodz", as
# the gazetteer and English text spell it; "Tromsø" -> "tromso").
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ŧ": "t",
     "æ": "ae", "œ": "oe", "þ": "th"}
)  # fmt: skip


def fold(text: str) -> str:
    """Lower-case and strip accents, for comparisons (``Otárola`` -> ``otarola``)."""
    if text.isascii():
        return text.lower()  # the same, without decomposing: most names are ASCII
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_UNDECOMPOSED)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
