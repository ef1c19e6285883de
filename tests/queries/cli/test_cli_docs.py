"""Every command and option of ``hemicycle`` is documented in ``docs/cli.md``, as the parser says it now."""
from __future__ import annotations

import argparse

from hemicycle.queries.cli import build_parser
from hemicycle.queries.cli.docs import HEADING, options_markdown, with_options

from support import ROOT

PAGE = ROOT / "docs" / "cli.md"


def test_the_options_section_is_the_parser_s_own():
    page = PAGE.read_text(encoding="utf-8")
    assert HEADING in page
    assert page.split(HEADING, 1)[1] == options_markdown().split(HEADING, 1)[1], (
        "docs/cli.md is out of date: python -m hemicycle.queries.cli.docs --write docs/cli.md")


def _commands(parser: argparse.ArgumentParser, prefix: str = "hemicycle"):
    """Every command with its parser, those within a command too (``hemicycle link wikidata``)."""
    inner = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    if inner is None:
        yield prefix, parser
        return
    for name, command in inner.choices.items():
        yield from _commands(command, f"{prefix} {name}")


def test_every_command_and_option_is_in_the_page():
    page = PAGE.read_text(encoding="utf-8")
    commands = dict(_commands(build_parser()))
    assert "hemicycle ingest" in commands and "hemicycle link wikidata" in commands
    missing = [name for name in commands if f"`{name}`" not in page]
    missing += [f"{name} {option}" for name, command in commands.items()
                for action in command._actions for option in action.option_strings
                if option.startswith("--") and option != "--help" and f"`{option}`" not in page]
    assert missing == []


def test_an_option_added_to_the_parser_would_be_missed(monkeypatch):
    # The check can fail: with one more option, the page is no longer the parser's.
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    commands.choices["stats"].add_argument("--by-legislature", action="store_true", help="split the counts")
    monkeypatch.setattr("hemicycle.queries.cli.docs.build_parser", lambda: parser)
    page = PAGE.read_text(encoding="utf-8")
    assert "--by-legislature" in options_markdown() and "--by-legislature" not in page
    assert "--by-legislature" in with_options(page)
