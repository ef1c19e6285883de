"""The ``hemicycle`` command line, the top floor: it may import every wing, and no wing imports it.

One module a group of commands (``build``: ingest, optimize; ``link``: link wikidata; ``query``: sparql, query;
``search``; ``publish``: export, void, validate, stats; ``cite``; ``pictures``: viz; ``serve``), each adding its commands to the parser and
running them. Library errors are typed (:mod:`hemicycle.ontology.errors`); :func:`main` turns each into one
message on standard error and an exit code: 0 success, 1 records rejected under ``--strict`` or a graph that does
not conform, 2 bad usage or input, 3 a store that could not be written (a full disk), 130 interrupted (Ctrl-C,
one line). Any other exception is a bug, and surfaces with its traceback.
"""
from __future__ import annotations

import argparse
import sys

from hemicycle.ingest.pipeline import software_version
from hemicycle.ontology.errors import HemicycleError, StoreWriteError
from hemicycle.queries.cli import build, cite, link, pictures, publish, query, search, serve
from hemicycle.queries.cli.options import sample_path

__all__ = ["build_parser", "main", "sample_path"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hemicycle",
        description="Knowledge graph of the Assemblée nationale's parliamentary questions.")
    parser.add_argument("--version", action="version", version=f"hemicycle {software_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (build, link, query, search, publish, cite, pictures, serve):  # in the order of 'hemicycle --help'
        group.add(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except StoreWriteError as error:
        advice = "free some space, then run it again" if error.disk_full else "run it again once the cause is fixed"
        if args.command == "ingest":
            advice = (f"The records loaded before were kept; {advice.replace('it', 'the same command')}: it goes "
                      "on from there (what is already in the store is counted as unchanged)")
        print(f"hemicycle {args.command}: {error}. {advice[0].upper()}{advice[1:]}.", file=sys.stderr)
        return 3
    except HemicycleError as error:
        print(f"hemicycle {args.command}: {error}", file=sys.stderr)
        return 2
    except (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError) as error:
        print(f"hemicycle {args.command}: {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    except SyntaxError as error:  # pyoxigraph's SPARQL parser
        print(f"hemicycle {args.command}: SPARQL syntax error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:  # Ctrl-C: one line, not a traceback
        kept = (" The records loaded before were kept; the same command goes on from there (what is already in "
                "the store is counted as unchanged)." if args.command == "ingest" else "")
        print(f"hemicycle {args.command}: interrupted.{kept}", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
