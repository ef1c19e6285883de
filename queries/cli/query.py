"""``hemicycle sparql`` and ``hemicycle query``: a SPARQL query, or a named one, on the store."""
from __future__ import annotations

import os
import sys
from contextlib import nullcontext

from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.errors import ParameterError, UsageError
from hemicycle.ontology.iris import Minter
from hemicycle.queries import catalog, results
from hemicycle.queries.cli.options import output, store_arg
from hemicycle.queries.names import store_latest, store_names
from hemicycle.queries.table import result_table
from hemicycle.queries.web import i18n
from hemicycle.queries.web.labels import names_of, store_select
from hemicycle.queries.web.sparql_help import declare_prefixes, explain

FORMATS = ("table", *results.FORMATS)


def add(commands) -> None:
    """Add this module's commands to the parser's sub-commands."""
    p = commands.add_parser("sparql", help="run a SPARQL query on the store")
    store_arg(p)
    p.add_argument("query", metavar="QUERY", help="the query text, or - to read it from standard input; the "
                   "project's prefixes (hm:, dcterms:, foaf:, org:, skos:…) need no PREFIX line")
    p.add_argument("--format", choices=FORMATS,
                   help="table (the default on a terminal: names instead of IRIs, fitted to the screen); json, "
                        "xml, csv, tsv (SELECT, ASK; default json elsewhere); turtle, ntriples, jsonld, rdfxml "
                        "(CONSTRUCT, DESCRIBE; default turtle elsewhere)")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=cmd_sparql)

    p = commands.add_parser("query", help="run a named query (see --list)")
    store_arg(p)
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter's value; an IRI parameter also takes a uid (PO800520, PA720422, "
                        "QANR5L17QE15973), an abbreviation (EPR) or a label, looked up in the store")
    p.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    p.add_argument("--format", choices=FORMATS, help="as for 'hemicycle sparql': table on a terminal, else "
                   "json for a SELECT and turtle for a CONSTRUCT")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=cmd_query)


def cmd_sparql(args) -> int:
    text, added = declare_prefixes(sys.stdin.read() if args.query == "-" else args.query)
    store = GraphStore(args.store, read_only=True)
    try:
        solutions = store.query(text)
    except SyntaxError as error:
        raise UsageError(explain(str(error), text, added)) from None
    return write(store, solutions, args)


def cmd_query(args) -> int:
    if args.list:
        for query in catalog.load_all().values():
            params = " ".join(f"{p.name}:{p.type}" + (f"={p.default}" if p.default else "") for p in query.params)
            print(f"{query.name:32s} {query.title}" + (f"  [{params}]" if params else ""))
        return 0
    if not args.name:
        raise UsageError("query needs a NAME (see 'hemicycle query --list')")
    query = catalog.get(args.name)
    given = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--param takes NAME=VALUE, not {item!r}")
        given[name] = value
    store = GraphStore(args.store, read_only=True)
    try:
        substitutions = query.substitutions(given, store_names(store, Minter()), store_latest(store))
    except ParameterError as error:
        missing = getattr(error, "missing", None)
        if missing:
            raise UsageError(f"{error}: give --param {missing}=…") from None
        raise
    return write(store, store.query(query.text, substitutions=substitutions), args)


def write(store: GraphStore, result, args) -> int:
    """The result in ``--format``; as a table by default when it goes to a terminal."""
    fmt = args.format
    if fmt is None and not args.output and sys.stdout.isatty():
        fmt = "table"
    if fmt == "table":
        lang = i18n.language_of_header(os.environ.get("LANG", "").split(".")[0].replace("_", "-"))
        names = lambda iris: names_of(store_select(store), iris, lang)  # noqa: E731
        with open(args.output, "w", encoding="utf-8") if args.output and args.output != "-" else nullcontext(
                sys.stdout) as out:
            print(result_table(result, names), file=out)
        return 0
    out = output(args.output)
    results.write(result, out, fmt)
    out.flush()
    return 0
