"""The reference of every command and option, written from the command line's own parser.

``docs/cli.md`` ends with this text; ``tests/test_cli_docs.py`` checks that it is the text the parser gives
now, so that no command or option goes undocumented. After changing an option::

    python -m hemicycle.queries.cli.docs --write docs/cli.md
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hemicycle.queries.cli import build_parser

HEADING = "## Every option"


def options_markdown() -> str:
    """Every sub-command: its description, a table of its arguments and options, its exit statuses."""
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    lines = [HEADING, "",
             "What `hemicycle COMMAND --help` says, command by command (written by `python -m "
             "hemicycle.queries.cli.docs --write docs/cli.md`; a test checks that it is up to date).", ""]
    for name, command in commands.choices.items():
        lines += _command(f"hemicycle {name}", command)
    return "\n".join(lines)


def _command(name: str, command: argparse.ArgumentParser) -> list[str]:
    """One command's section; a command with commands of its own (``link wikidata``) gives one section each."""
    inner = next((a for a in command._actions if isinstance(a, argparse._SubParsersAction)), None)
    if inner is not None:
        return [line for sub, parser in inner.choices.items() for line in _command(f"{name} {sub}", parser)]
    lines = [f"### `{name}`", ""]
    if command.description:
        lines += [command.description.strip(), ""]
    rows = [_row(action) for action in command._actions if not isinstance(action, argparse._HelpAction)]
    if rows:
        lines += ["| argument | what it does |", "|---|---|", *rows, ""]
    if command.epilog:
        lines += [command.epilog.strip(), ""]
    return lines


def _row(action: argparse.Action) -> str:
    if action.option_strings:
        names = ", ".join(f"`{option}`" for option in action.option_strings)
        if action.metavar or action.nargs != 0:
            names += f" {action.metavar or action.dest.upper()}".replace("|", "\\|")
    else:
        names = f"`{action.metavar or action.dest}`"
    text = (action.help or "").replace("%(default)s", str(action.default))
    if action.choices and "choices" not in text:
        text = (text + " " if text else "") + "(" + ", ".join(map(str, action.choices)) + ")"
    return f"| {names} | {text.replace('|', chr(92) + '|')} |"


def with_options(page: str) -> str:
    """A page with its options section (from :data:`HEADING` to the end) written anew."""
    head = page.split(HEADING, 1)[0].rstrip("\n")
    return f"{head}\n\n{options_markdown()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print, or write into a page, the reference of every option.")
    parser.add_argument("--write", type=Path, metavar="PAGE", help="replace the options section of this page")
    args = parser.parse_args(argv)
    if args.write is None:
        sys.stdout.write(options_markdown())
        return 0
    args.write.write_text(with_options(args.write.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
