"""Exact-output tests for what the CLI says to a person: --version, help on every option,
short document ids, and why nothing was found."""

from __future__ import annotations

import argparse
import tomllib
from collections.abc import Iterator
from importlib import metadata

import pytest

from conftest import ROOT
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
