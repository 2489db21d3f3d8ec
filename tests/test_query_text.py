from __future__ import annotations

import re

import pytest

from index.errors import QuerySyntaxError
from index.querytext import check_query, rewrite_dates


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("Boluarte AND (", "unclosed '('", 14),
        ("(a OR b", "unclosed '('", 1),
        ("a OR b)", "unmatched ')'", 7),
        ('"state of', "unclosed quote", 1),
        ("AND strike", "AND needs a term before it", 1),
        ("strike OR", "OR needs a term after it", 9),
        ("(strike AND)", "AND needs a term after it", 12),
        ("()", "empty brackets", 1),
        ("x~9", "fuzzy distance 9", 1),
        ("*ing", "wildcard needs at least 2 letters", 1),
        ("((((((((((((((((((a))))))))))))))))))", "nested too deep", 17),
    ],
)
def test_malformed_queries_are_reported_with_a_column(text: str, message: str, column: int) -> None:
    with pytest.raises(QuerySyntaxError, match=re.escape(message)) as caught:
        check_query(text)
    assert caught.value.column == column


def test_overlong_query_is_refused() -> None:
    with pytest.raises(QuerySyntaxError, match="too long"):
        check_query("a " * 600)


@pytest.mark.parametrize(
    "text",
    [
        '"state of emergency"',
        "curfew AND Puno",
        "prot* NOT police",
        "title:coup",
        "published:[2023-01-01 to 2023-01-31]",
        "bolurte~1",
        "(a OR b) AND c",
        "why?",
    ],
)
def test_well_formed_queries_pass(text: str) -> None:
    check_query(text)


def test_published_dates_are_rewritten_for_whoosh() -> None:
    assert rewrite_dates("published:[2023-01-01 to 2023-1-31] x-1") == (
        "published:[20230101 TO 20230131] x-1"
    )


def test_impossible_dates_are_errors() -> None:
    with pytest.raises(QuerySyntaxError, match="no such date 2023-02-30"):
        rewrite_dates("published:[2023-02-30 to 2023-03-01]")
