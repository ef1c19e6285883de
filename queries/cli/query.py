"""``hemicycle sparql`` and ``hemicycle query``: a SPARQL query, or a named one, on the store."""
from __future__ import annotations

import sys

from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.errors import UsageError
from hemicycle.ontology.iris import Minter
from hemicycle.queries import catalog, results
from hemicycle.queries.cli.options import output, store_arg
from hemicycle.queries.names import store_latest, store_names
from hemicycle.queries.web.sparql_help import declare_prefixes, explain


def add(commands) -> None:
    """Add this module's commands to the parser's sub-commands."""
    p = commands.add_parser("sparql", help="run a SPARQL query on the store")
    store_arg(p)
    p.add_argument("query", metavar="QUERY", help="the query text, or - to read it from standard input; the "
                   "project's prefixes (hm:, dcterms:, foaf:, org:, skos:…) need no PREFIX line")
    p.add_argument("--format", choices=results.FORMATS,
                   help="json, xml, csv, tsv (SELECT, ASK; default json); turtle, ntriples, jsonld, rdfxml "
                        "(CONSTRUCT, DESCRIBE; default turtle)")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=cmd_sparql)

    p = commands.add_parser("query", help="run a named query (see --list)")
    store_arg(p)
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter's value; an IRI parameter also takes a uid (PO800520, PA720422, "
                        "QANR5L17QE15973), an abbreviation (EPR) or a label, looked up in the store")
    p.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    p.add_argument("--format", choices=results.FORMATS)
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=cmd_query)


def cmd_sparql(args) -> int:
    text, added = declare_prefixes(sys.stdin.read() if args.query == "-" else args.query)
    store = GraphStore(args.store, read_only=True)
    try:
        solutions = store.query(text)
    except SyntaxError as error:
        raise UsageError(explain(str(error), text, added)) from None
    out = output(args.output)
    results.write(solutions, out, args.format)
    out.flush()
    return 0


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
    substitutions = query.substitutions(given, store_names(store, Minter()), store_latest(store))
    out = output(args.output)
    results.write(store.query(query.text, substitutions=substitutions), out, args.format)
    out.flush()
    return 0
