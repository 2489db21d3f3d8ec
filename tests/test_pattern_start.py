"""index.extract.pattern_start: whether a pattern can match where a text has a word or a
character (never no where it can: the date scanner tries only the patterns it says yes to)."""

from __future__ import annotations

import re

import pytest

from index.extract.pattern_start import can_start


@pytest.mark.parametrize(
    ("pattern", "start", "word", "expected"),
    [
        (r"\b[Tt]he\s+(?P<unit>day|week)\b", "the", True, True),
        (r"\b[Tt]he\s+(?P<unit>day|week)\b", "then", True, False),  # a letter after "the"
        (r"\b[Tt]he\s+(?P<unit>day|week)\b", "this", True, False),
        (r"(?:(?<=\b[Ff]or )|\b(?i:in|since)\s+)(?:April|Aug)\b", "in", True, True),
        (r"(?:(?<=\b[Ff]or )|\b(?i:in|since)\s+)(?:April|Aug)\b", "a", True, False),  # "a" alone
        (r"(?:(?<=\b[Ff]or )|\b(?i:in|since)\s+)(?:April|Aug)\b", "april", True, True),
        (r"(?:(?<=\b[Ff]or )|\b(?i:in|since)\s+)(?:April|Aug)\b", "for", True, False),
        (r"\b(?:(?P<rel>last|next)\s+)?(?:Monday|Friday)\b", "monday", True, True),  # any case
        (r"\b(?:(?P<rel>last|next)\s+)?(?:Monday|Friday)\b", "last", True, True),
        (r"\b(?:(?P<rel>last|next)\s+)?(?:Monday|Friday)\b", "on", True, False),
        (r"\b(?:the\s+)?(?P<year>1[89]\d0)s\b", "1", False, True),
        (r"\b(?:the\s+)?(?P<year>1[89]\d0)s\b", "2", False, False),
        (r"\b(?:the\s+)?(?P<year>1[89]\d0)s\b", "t", False, True),
        (r"\b(?:the\s+)?(?P<year>1[89]\d0)s\b", "T", False, False),  # the character as it is
        (r"(?<![\w'’])['’](?P<yy>\d\d)\b", "’", False, True),
        (r"(?<![\w'’])['’](?P<yy>\d\d)\b", "1", False, False),
        (r"\b(?P<n>\d{1,3}|a|an)\s+days?\s+ago\b", "٣", False, True),  # any digit \d takes
        (r"x*y?", "q", False, True),  # matches nothing: can match anywhere
        (r"(?i:ſ)", "s", False, True),  # beyond ASCII, case folding says yes
    ],
)
def test_can_start(pattern: str, start: str, word: bool, expected: bool) -> None:
    assert can_start(pattern, start, word) is expected


@pytest.mark.parametrize(
    "text",
    ["The day", "THE WEEK", "in April", "IN Aug", "April", "last Friday", "1990s", "’99"],
)
def test_a_pattern_that_matches_can_start_there(text: str) -> None:
    patterns = [
        r"\b[Tt]he\s+(?P<unit>day|week)\b",
        r"\b(?i:the)\s+(?i:day|week)\b",
        r"(?:(?<=\b[Ff]or )|\b(?i:in|since)\s+)(?:April|Aug)\b",
        r"\b(?:(?P<rel>last|next)\s+)?(?:Monday|Friday)\b",
        r"\b(?:the\s+)?(?P<year>1[89]\d0)s\b",
        r"(?<![\w'’])['’](?P<yy>\d\d)\b",
    ]
    word = re.match(r"[^\W\d_]+", text)
    start = word.group().lower() if word else text[0]
    for pattern in patterns:
        if re.match(pattern, text):
            assert can_start(pattern, start, word is not None), (pattern, text)
