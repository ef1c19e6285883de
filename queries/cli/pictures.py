"""``hemicycle viz``: a network projection or a chart, filtered, in one output format."""
from __future__ import annotations

import sys

from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.errors import FormatError, UnknownProjection, UsageError
from hemicycle.queries.cli.options import store_arg
from hemicycle.queries.viz import FORMATS, charts, projections, views
from hemicycle.queries.viz.filters import Filters


def add(commands) -> None:
    """Add ``viz`` to the parser's sub-commands."""
    parser = commands.add_parser(
        "viz", help="draw a network projection or a chart (html, graphml, gexf, json, png, svg…)")
    store_arg(parser)
    parser.set_defaults(run=run)
    parser.add_argument("name", nargs="?", metavar="VIEW",
                        help="a projection or a chart (see --list)")
    parser.add_argument("--list", action="store_true", help="list the projections and charts")
    parser.add_argument("--format", choices=FORMATS, default="html",
                        help="output format (default html; charts: png or svg)")
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write (default: standard output)")
    parser.add_argument("--legislature", metavar="N", help="only this legislature")
    parser.add_argument("--from", dest="start", metavar="DATE", help="only questions deposited on or after DATE")
    parser.add_argument("--to", dest="end", metavar="DATE", help="only questions deposited on or before DATE")
    parser.add_argument("--group", metavar="IRI", help="only questions of this political group")
    parser.add_argument("--rubrique", metavar="IRI", help="only questions under this rubrique")
    parser.add_argument("--ministry", metavar="IRI", help="only questions attributed to this ministry")


def run(args) -> int:
    if args.list:
        for name, projection in projections.PROJECTIONS.items():
            print(f"{name:24s} network: {projection.description}")
        for name, chart in charts.CHARTS.items():
            print(f"{name:24s} chart: {chart.description}")
        return 0
    if not args.name:
        raise UsageError("viz needs a VIEW (see 'hemicycle viz --list')")
    if args.name not in views.NAMES:
        raise UnknownProjection(f"no view {args.name!r} (views: {', '.join(views.NAMES)})")
    fmt = args.format
    if args.name in charts.CHARTS and fmt not in charts.FORMATS:
        raise FormatError(f"{args.name} is a chart: use --format png or svg")
    filters = Filters(legislature=args.legislature, start=args.start, end=args.end, group=args.group,
                      rubrique=args.rubrique, ministry=args.ministry)
    store = GraphStore(args.store, read_only=True)
    if args.output and args.output != "-":
        with open(args.output, "wb") as out:
            views.render(store, args.name, fmt, out, filters)
    else:
        views.render(store, args.name, fmt, sys.stdout.buffer, filters)
        sys.stdout.buffer.flush()
    return 0
