from __future__ import annotations

import re

import pytest

from index.engine.querytext import FIELDS, check_query, conjuncts, ignored_parts, rewrite_dates
from index.errors import QuerySyntaxError


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


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("strike foo:bar", "unknown field 'foo:'", 8),
        ("Title:coup", "unknown field 'Title:'", 1),
        ("title:", "title: at column 1 needs something to search for", 1),
        ("title: coup", "title: at column 1 needs something", 1),
        ("(a OR body:)", "body: at column 7 needs something", 7),
        ("title:[b TO a]", "reversed range at column 7: b comes after a", 7),
        ("[a b]", "a range at column 1 reads [low TO high]", 1),
        ('"a b"~1.5', "a phrase's slop at column 6 is a whole number", 6),
        ('"a b"~2000', "phrase slop 2000 at column 6 is too large", 6),
    ],
)
def test_fields_ranges_and_slop_are_checked(text: str, message: str, column: int) -> None:
    with pytest.raises(QuerySyntaxError, match=re.escape(message)) as caught:
        check_query(text)
    assert caught.value.column == column


@pytest.mark.parametrize(
    "text",
    [
        '"strike"~100',
        '"state of emergency"~3^2',
        "published:[2022 TO 2023}",
        "published:{2022 TO]",
        "title:(coup OR strike)",
        'title:"coup attempt"',
        "10:30",
        "exact:news",
    ],
)
def test_more_well_formed_queries_pass(text: str) -> None:
    check_query(text)


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        ("published:{2022 TO 2024}", "published:[20230101 TO 20231231]"),
        ("published:[2022 TO 2023}", "published:[20220101 TO 20221231]"),
        ("published:[2022-06 TO 2022]", "published:[20220601 TO 20221231]"),
        ("published:{2023-02-28 TO 2023-03]", "published:[20230301 TO 20230331]"),
        ("published:>2022", "published:[20230101 TO ]"),
        ("published:>=2022-02", "published:[20220201 TO ]"),
        ("published:<2023", "published:[ TO 20221231]"),
        ("published:<=2024-02", "published:[ TO 20240229]"),
        ("published:[9999 TO]", "published:[99990101 TO ]"),
        ("published:2023-02 x", "published:202302 x"),
    ],
)
def test_published_ranges_are_whole_days(text: str, rewritten: str) -> None:
    assert rewrite_dates(text) == rewritten


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("published:[2023 TO 2022]", "reversed range at column 11: 2023 comes after 2022"),
        ("published:[2023-02 TO 2023-01-31]", "reversed range"),
        ("published:{2022 TO 2023}", "holds no day"),
        ("published:{2023-01-01 TO 2023-01-02}", "holds no day"),
        ("published:>9999", "holds no day"),
        ("published:[2023-13 TO 2024]", "no such date 2023-13"),
    ],
)
def test_reversed_and_empty_date_ranges_are_errors(text: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=re.escape(message)):
        rewrite_dates(text)


def test_ignored_parts_are_those_with_nothing_to_search() -> None:
    assert ignored_parts('strike & "…" title:- x* * (a OR —) e-mail') == [
        "&",
        '"…"',
        "title:-",
        "—",
    ]
    assert ignored_parts("published:[2022 TO 2023] AND coup") == []


def test_conjuncts_are_the_parts_that_must_all_match() -> None:
    assert conjuncts('a AND "b c"~2 title:d (e OR f) published:[2022 TO 2023]') == [
        "a",
        '"b c"~2',
        "title:d",
        "(e OR f)",
        "published:[2022 TO 2023]",
    ]
    assert conjuncts("a OR b") == [] and conjuncts("a NOT b") == []


def test_the_index_s_own_fields_are_known() -> None:
    check_query("from:jane", [*FIELDS, "from"])
    with pytest.raises(QuerySyntaxError, match=r"unknown field 'from:'.*\(fields: title,"):
        check_query("from:jane")


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("published:>", "published: at column 1 needs something to search for", 1),
        ("x published:>=", "published: at column 3 needs something to search for", 3),
        ("published:[ TO ]", "a range at column 11 needs at least one end", 11),
    ],
)
def test_a_comparison_or_range_with_nothing_in_it_is_an_error(
    text: str, message: str, column: int
) -> None:
    with pytest.raises(QuerySyntaxError, match=re.escape(message)) as caught:
        check_query(text)
    assert caught.value.column == column
