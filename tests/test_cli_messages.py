"""Exact-output tests for what the CLI says to a person: --version, help on every option,
short document ids, and why nothing was found."""

from __future__ import annotations

import argparse
import json
import tomllib
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

from conftest import ROOT, write_corpus
from index import cli
from index.cli import build_parser, main


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    out, err = capsys.readouterr()
    assert (out, err) == (f"quipu {metadata.version('quipu')}\n", "")
    assert metadata.version("quipu") == pyproject_version()


def test_version_falls_back_to_pyproject(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert cli.package_version() == pyproject_version()


def options_without_help(parser: argparse.ArgumentParser, path: str = "quipu") -> Iterator[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from options_without_help(sub, f"{path} {name}")
        elif not action.help or action.help == argparse.SUPPRESS:
            yield f"{path} {'/'.join(action.option_strings) or action.dest}"


def test_every_option_has_help() -> None:
    parser = build_parser()
    commands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(commands[0].choices) >= 6  # the walk reaches the subcommands
    assert list(options_without_help(parser)) == []


# -- why nothing was found ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "code", "stderr"),
    [
        (
            ["search", "strike", "--entity", "Nobody"],
            1,
            'quipu: no documents match: no entity called "Nobody" (list them: quipu entities)\n',
        ),
        (
            ["search", "strike", "--entity", "castilo"],
            1,
            'quipu: no documents match: no entity called "castilo" (list them: quipu entities)'
            " — did you mean: Pedro Castillo, Xiomara Castro\n",
        ),
        (
            ["entities", "--co", "Nobody"],
            1,
            'quipu: no co-mentions: no entity called "Nobody" (list them: quipu entities)\n',
        ),
        (
            ["entities", "--co", "BOLUARTE DINA"],
            1,
            'quipu: no co-mentions: no entity called "BOLUARTE DINA" (list them: quipu entities)\n',
        ),
        (
            ["timeline", "--entity", "Nobody"],
            1,
            'quipu: no dates: no entity called "Nobody" (list them: quipu entities)\n',
        ),
        (
            ["search", "strike", "--from", "2023", "--to", "2022"],
            2,
            "quipu: error: --from 2023-01-01 is after --to 2022-12-31 (a reversed range; give"
            " the earlier date to --from)\n",
        ),
        (
            ["timeline", "--from", "2023-02", "--to", "2023-01"],
            2,
            "quipu: error: --from 2023-02-01 is after --to 2023-01-31 (a reversed range; give"
            " the earlier date to --from)\n",
        ),
        (
            ["search", "strike foo:bar"],
            2,
            "quipu: error: unknown field 'foo:' at column 8 (fields: title, author, body, "
            "published, mentions, entity, person, place, org, from, to; to search for the text "
            "itself, quote it)\n",
        ),
        (
            ["search", "title:"],
            2,
            "quipu: error: title: at column 1 needs something to search for after it "
            '(title:word or title:"a phrase")\n',
        ),
        (
            ["search", "zzzqqq strike"],
            1,
            'quipu: no documents match: no document holds "zzzqqq"\n',
        ),
        (
            ["search", '"strike Peru"'],
            1,
            'quipu: no documents match: no document holds "strike Peru" (its words are found,'
            " not together)\n",
        ),
        (
            ["search", "Bolurte"],
            1,
            'quipu: no documents match: no document holds "Bolurte" — did you mean: Boluarte\n',
        ),
        (
            ["search", "Kenna", "-l", "--entity", "Nobody"],
            1,
            'quipu: no documents match: no entity called "Nobody" (list them: quipu entities)\n',
        ),
        (
            ["search", 'strike person:"Pedro Castilo"'],
            1,
            'quipu: no documents match: no entity called "Pedro Castilo" (list them: quipu'
            " entities) — did you mean: Pedro Castillo\n",
        ),
        (
            ["entities", "--query", "zzzqqq"],
            1,
            'quipu: no entities: no documents match --query: no document holds "zzzqqq"\n',
        ),
    ],
)
def test_why_nothing_was_found(
    capsys: pytest.CaptureFixture[str], seeds_index: Path, argv: list[str], code: int, stderr: str
) -> None:
    assert run(capsys, *argv, "--index-dir", str(seeds_index))[::2] == (code, stderr)


def test_an_entity_is_suggested_in_the_collection_s_case(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    code, _, err = run(
        capsys, "entities", "--co", "dina boluartte", "--index-dir", str(seeds_index)
    )
    assert code == 1
    assert err.endswith("— did you mean: Dina Boluarte\n"), err


FILTERED = {
    "a.md": "---\ntitle: Harbour strike\ndate: 2022-06-01\n---\nThe harbour strike went on.\n",
    "b.md": "---\ntitle: Mine report\ndate: 2023-03-01\n---\nMaria Quispe spoke at the mine.\n",
    "c.md": "---\ntitle: Port strike\ndate: 2024-01-01\n---\nThe strike closed the port.\n",
}


@pytest.fixture
def filtered(tmp_path: Path) -> list[str]:
    corpus = write_corpus(tmp_path / "corpus", FILTERED)
    return ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        (
            ["search", "strike", "--entity", "Maria Quispe"],
            "quipu: no documents match: 2 documents match the query, but none mentions Maria"
            " Quispe\n",
        ),
        (
            ["search", "strike", "--from", "2023-01", "--to", "2023-06"],
            "quipu: no documents match: 2 documents match the query, but none is published"
            " from 2023-01-01 to 2023-06-30\n",
        ),
        (
            ["search", "strike", "--from", "2030"],
            "quipu: no documents match: no document is published on or after 2030-01-01 (they"
            " run from 2022-06-01 to 2024-01-01)\n",
        ),
        (
            ["search", "harbour port"],
            "quipu: no documents match: each part is found, but no document holds them all:"
            " harbour, port\n",
        ),
    ],
)
def test_a_filter_that_leaves_every_match_out_is_named(
    capsys: pytest.CaptureFixture[str], filtered: list[str], argv: list[str], stderr: str
) -> None:
    assert run(capsys, *argv, *filtered)[::2] == (1, stderr)


def test_an_undated_collection_under_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": "Notes\n\nA strike, undated.\n"})
    where = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    _, _, err = run(capsys, "search", "strike", "--from", "2020", *where)
    assert err.endswith(
        "quipu: no documents match: no document has a publication date: --from/--to leave "
        "every one out\n"
    ), err


def test_ignored_parts_of_a_query_get_a_note(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    code, out, err = run(capsys, "search", "Kenna & —", "--json", "--index-dir", str(seeds_index))
    assert code == 0 and json.loads(out)["total"] == 2
    assert err == (
        "quipu: note: '&' is ignored: it has no letter or digit to search for\n"
        "quipu: note: '—' is ignored: it has no letter or digit to search for\n"
    )


def test_published_ranges_honour_excluded_ends(
    capsys: pytest.CaptureFixture[str], filtered: list[str]
) -> None:
    def titles(query: str) -> list[str]:
        code, out, err = run(capsys, "search", query, "--json", *filtered)
        assert code in (0, 1), err
        return sorted(hit["title"] for hit in json.loads(out)["hits"])

    assert titles("published:{2022 TO 2024}") == ["Mine report"]
    assert titles("published:[2022 TO 2024}") == ["Harbour strike", "Mine report"]
    assert titles("published:{2022-06-01 TO 2024-01-01]") == ["Mine report", "Port strike"]
    assert titles("published:>2023") == ["Port strike"]
    assert titles("published:>=2023-03") == ["Mine report", "Port strike"]
    assert titles("published:<2023-03-01") == ["Harbour strike"]
    code, _, err = run(capsys, "search", "published:[2024 TO 2022]", *filtered)
    assert (code, err) == (
        2,
        "quipu: error: reversed range at column 11: 2024 comes after 2022 (write it low to high)\n",
    )
    code, _, err = run(capsys, "search", "published:{2022 TO 2023}", *filtered)
    assert (code, err) == (
        2,
        "quipu: error: published:{2022 TO 2023} at column 11 holds no day (its ends are left "
        "out; [ ] includes them)\n",
    )


def test_phrase_slop_is_proximity(capsys: pytest.CaptureFixture[str], filtered: list[str]) -> None:
    def total(query: str) -> int:
        code, out, err = run(capsys, "search", query, "--json", *filtered)
        assert code in (0, 1), err
        return int(json.loads(out)["total"])

    assert total('"strike port"') == 0
    assert total('"strike port"~3') == 1  # "strike closed the port"
    assert total('"strike port"~1') == 0
    assert total('"strike"~100') == 2
    code, _, err = run(capsys, "search", '"strike port"~5000', *filtered)
    assert (code, err) == (
        2,
        "quipu: error: phrase slop 5000 at column 14 is too large (at most 1000)\n",
    )


# -- document ids ------------------------------------------------------------------------------


def test_a_unique_prefix_names_a_document(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    where = ["--index-dir", str(seeds_index)]
    whole = run(capsys, "show", "003_df5eb221c8adb151", *where)
    assert whole[0] == 0
    assert run(capsys, "show", "003", *where) == whole
    assert run(capsys, "entities", "--doc", "003", *where) == run(
        capsys, "entities", "--doc", "003_df5eb221c8adb151", *where
    )
    assert run(capsys, "timeline", "--doc", "004_1", "--json", *where) == run(
        capsys, "timeline", "--doc", "004_170361fb4002e630", "--json", *where
    )


def test_an_ambiguous_prefix_names_the_candidates(
    capsys: pytest.CaptureFixture[str], seeds_index: Path
) -> None:
    assert run(capsys, "show", "00", "--index-dir", str(seeds_index)) == (
        2,
        "",
        "quipu: error: 5 document ids start with '00': 000_78ab08e2a47d5cbc, "
        "001_1e74beb09535a427, 002_d36f1c1c32bc8559, 003_df5eb221c8adb151, "
        "004_170361fb4002e630 (give more of the id)\n",
    )
    assert run(capsys, "entities", "--doc", "0031", "--index-dir", str(seeds_index)) == (
        2,
        "",
        "quipu: error: no document with id '0031' (list them with: quipu docs)\n",
    )


def test_ids_with_a_tab_or_escape_come_back_as_printed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {"tab\there.txt": "Tabbed\n\nOne.\n", "esc\x1bhere.txt": "Escaped\n\nTwo.\n"},
    )
    where = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    code, listing, _ = run(capsys, "docs", *where)
    assert code == 0
    printed = [line.split("\t")[0] for line in listing.splitlines()]
    assert printed == ["esc␛here", "tab here"]
    titles = []
    for doc in printed:
        code, out, err = run(capsys, "show", doc, "--json", *where)
        assert code == 0, err
        titles.append(json.loads(out)["title"])
    assert titles == ["Escaped", "Tabbed"]


# -- counts, titles, JSON ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "shown", "stderr"),
    [
        (["--limit", "2"], 2, "quipu: 2 of 5 documents shown (--limit, --offset)\n"),
        (
            ["--limit", "2", "--offset", "2"],
            2,
            "quipu: documents 3–4 of 5 shown (--limit, --offset)\n",
        ),
        (["--offset", "4"], 1, "quipu: document 5 of 5 shown (--limit, --offset)\n"),
        (["--offset", "1"], 4, "quipu: documents 2–5 of 5 shown (--limit, --offset)\n"),
        ([], 5, ""),
        (
            ["--offset", "9"],
            0,
            "quipu: no documents shown: --offset 9 skips all 5 matching documents\n",
        ),
    ],
)
def test_n_of_m_shown_counts_the_offset(
    capsys: pytest.CaptureFixture[str],
    seeds_index: Path,
    argv: list[str],
    shown: int,
    stderr: str,
) -> None:
    code, out, err = run(capsys, "search", "strike", *argv, "--index-dir", str(seeds_index))
    assert (code, err) == (0, stderr)
    assert out.count("\n    ") == shown  # a snippet line per hit


def test_show_prints_the_title_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "plain.txt": "Harbour strike\n\nBy Ana Beltrán\n\nThe strike went on.\n",
            "heading.md": "# Harbour heading\n\nThe strike went on.\n",
        },
    )
    where = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    _, out, _ = run(capsys, "show", "plain", *where)
    assert out.count("Harbour strike") == 1 and out.startswith("Harbour strike\n")
    assert "By Ana Beltrán\n\nThe strike went on.\n" in out
    _, out, _ = run(capsys, "show", "heading", *where)
    assert out.count("Harbour heading") == 1 and out.endswith("\n\nThe strike went on.\n")


def test_json_escapes_bidi_and_zero_width_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = write_corpus(
        tmp_path / "corpus", {"a.txt": "Evil\u202etxt.exe title\n\nA strike\u200b here.\n"}
    )
    where = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    code, out, _ = run(capsys, "search", "strike", "--json", *where)
    assert code == 0
    assert "\u202e" not in out and "\u200b" not in out
    assert "Evil\\u202etxt.exe" in out and "strike\\u200b" in out
    assert json.loads(out)["hits"][0]["title"] == "Evil\u202etxt.exe title"
    _, docs, _ = run(capsys, "docs", "--jsonl", *where)
    assert "\u202e" not in docs and "\\u202e" in docs


def test_a_note_takes_a_short_id(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {"001_aaaa.txt": "First\n\nThe harbour strike.\n", "002_bbbb.txt": "Second\n\nMines.\n"},
    )
    where = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    code, _, err = run(capsys, "notes", "add", "001", "a note", "--quote", "harbour", *where)
    assert (code, err) == (0, "")
    code, out, _ = run(capsys, "notes", "--json", *where)
    assert [note["doc"] for note in json.loads(out)["notes"]] == ["001_aaaa"]


# -- phrases of the stemmed fields ---------------------------------------------------------------

JOINED = {
    "a.txt": "The e-mail scam spreads\n\nBanks warn of a new e-mail scam.\n",
    "b.txt": "O'Sullivan wins the final\n\nRonnie O'Sullivan won.\n",
    "c.txt": "US-led talks begin on COVID-19 rules\n\nTalks led by the US.\n",
    "d.txt": "Scam e-mail warning\n\nAnother one.\n",
}


@pytest.mark.parametrize(
    ("query", "paths", "stderr"),
    [
        ('title:"e-mail scam"', "a.txt\n", ""),
        ('title:"email scam"', "a.txt\n", ""),
        ('title:"scam e-mail"', "d.txt\n", ""),
        ('title:"O\'Sullivan wins"', "b.txt\n", ""),
        ('title:"US-led talks"', "c.txt\n", ""),
        ('title:"COVID-19 rules"', "c.txt\n", ""),
        (
            'title:"e-mail spreads"',
            "",
            'quipu: no documents match: no document holds title:"e-mail spreads"\n',
        ),
    ],
)
def test_title_phrases_with_joined_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, query: str, paths: str, stderr: str
) -> None:
    corpus = write_corpus(tmp_path / "corpus", JOINED)
    where = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    code, out, err = run(capsys, "search", query, "-l", *where)
    assert (code, out, err) == (0 if paths else 1, paths, stderr)


def test_joined_words_are_posted_at_one_place_as_whoosh_would() -> None:
    """The one-pass postings of the stemmed fields equal Whoosh's own for joined words, and
    a joined word's whole and parts share its place."""
    from whoosh import fields

    from index.engine.schema import build_schema

    text = "The e-mail scam: O'Sullivan's US-led mother-in-law, COVID-19 and e-mail-e-mail."
    schema = build_schema()
    for name in ("title", "body"):
        field = schema[name]
        assert sorted(field.index(text)) == sorted(fields.FieldType.index(field, text)), name
    places: dict[str, int] = {}
    for token in schema["title"].analyzer(text, positions=True):
        places.setdefault(token.text, token.pos)
    assert places["email"] == places["mail"] == places["scam"] - 1
    assert places["motherinlaw"] == places["mother"] == places["law"]


def test_one_undated_document_is_one_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = "Notes\n\nOn 7 December 2022 it rained.\n"
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": text})
    where = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    code, _, err = run(capsys, "timeline", *where)
    assert (code, err) == (
        0,
        'quipu: 1 of 1 document undated: their relative dates ("on Friday", "last year") are '
        "not placed\n",
    )


def test_an_entity_type_with_none_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": "Notes\n\nMaria Quispe spoke.\n"})
    where = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "ix")]
    assert run(capsys, "entities", "--type", "org", *where)[::2] == (
        1,
        "quipu: no entities: none of type ORG in the collection\n",
    )
    assert run(capsys, "entities", "--type", "ORG", "--doc", "a", *where)[::2] == (
        1,
        "quipu: no entities: none of type ORG in a\n",
    )
