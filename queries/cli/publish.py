"""``hemicycle export``, ``void``, ``validate`` and ``stats``: the store published, described and checked."""
from __future__ import annotations

import sys
from pathlib import Path

from tqdm import tqdm

from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.errors import StoreChanged, UsageError
from hemicycle.queries.cli.options import output, store_arg
from hemicycle.queries.publish import dataset, export, stats, validate


def add(commands) -> None:
    """Add this module's commands to the parser's sub-commands."""
    p = commands.add_parser(
        "export", help="dump the store, or a subset, in a standard RDF format",
        epilog="Exit status: 0 done; 2 bad usage, an unknown graph or legislature, a query that is not a CONSTRUCT, "
               "or a store changed while it was read: an ingest or a compaction in another process removed files "
               "the export had not read yet (the incomplete file is removed; run the export again).")
    store_arg(p)
    p.add_argument("--format", choices=export.FORMATS, required=True,
                   help="nquads, trig, jsonld (named graphs kept); ntriples, turtle, rdfxml (their union)")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--gzip", action="store_true", help="gzip the output")
    subset = p.add_mutually_exclusive_group()
    subset.add_argument("--legislature", type=int, metavar="N",
                        help="only the graphs of legislature N and the graphs they point to")
    subset.add_argument("--graph", action="append", metavar="IRI", help="only this named graph (repeatable)")
    subset.add_argument("--construct", metavar="QUERY",
                        help="only the triples this CONSTRUCT query builds (- reads it from standard input)")
    p.add_argument("--describe", nargs="?", const="", metavar="PATH",
                   help="also write the dump's VoID and DCAT description in Turtle (default FILE.void.ttl)")
    p.add_argument("--download-url", metavar="URL",
                   help="where the dump will be published (the description's download URL; default its file: URI)")
    p.set_defaults(run=cmd_export)

    p = commands.add_parser("void", help="describe the store: VoID statistics and link sets, DCAT entry")
    store_arg(p)
    p.add_argument("--format", choices=("turtle", "ntriples", "rdfxml", "jsonld"), default="turtle")
    p.add_argument("--endpoint", metavar="URL", help="the SPARQL endpoint serving the store")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=cmd_void)

    p = commands.add_parser("validate", help="check the store against the SHACL shapes")
    store_arg(p)
    p.add_argument("--limit", type=int, default=50, help="how many violations to list (default 50)")
    p.add_argument("--quiet", action="store_true", help="no progress bar, no word of the check's progress")
    p.set_defaults(run=cmd_validate)

    p = commands.add_parser("stats", help="count what the store holds")
    store_arg(p)
    p.set_defaults(run=cmd_stats)


def cmd_export(args) -> int:
    to_file = bool(args.output and args.output != "-")
    if args.describe is not None and not to_file:
        raise UsageError("--describe needs -o FILE (the description gives the dump's size and SHA-256)")
    construct = args.construct
    if construct == "-":
        construct = sys.stdin.read()
    store = GraphStore(args.store, read_only=True)
    subset = dict(graphs=args.graph or None, legislature=args.legislature, construct_query=construct)
    if to_file:
        try:
            export.export(store, args.output, args.format, gzip=args.gzip, **subset)  # a path: the fastest
        except StoreChanged:
            Path(args.output).unlink(missing_ok=True)  # incomplete
            raise
    else:
        out = sys.stdout.buffer
        export.export(store, out, args.format, gzip=args.gzip, **subset)
        out.flush()
    if args.describe is not None:
        dist = dataset.Distribution(Path(args.output), args.format, args.gzip, args.download_url)
        if args.graph or args.legislature is not None or construct is not None:
            what = (f"legislature {args.legislature}" if args.legislature is not None
                    else f"{len(args.graph)} named graph(s)" if args.graph else "the result of a CONSTRUCT query")
            description = dataset.describe_dump(dist, subset=what)
        else:
            description = dataset.describe(store, distributions=[dist])
        dataset.write(description, args.describe or dataset.default_description_path(args.output))
    return 0


def cmd_void(args) -> int:
    store = GraphStore(args.store, read_only=True)
    description = dataset.describe(store, sparql_endpoint=args.endpoint)
    out = output(args.output)
    dataset.write(description, out, args.format)
    out.flush()
    return 0


def cmd_validate(args) -> int:
    store = GraphStore(args.store, read_only=True)
    say = None if args.quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    with tqdm(total=len(store), unit=" quads", unit_scale=True, desc="reading the store", file=sys.stderr,
              disable=args.quiet or None) as bar:
        report = validate.validate(store, progress=bar.update, say=say)
    print(report.text(limit=args.limit))
    return 0 if report.conforms else 1


def cmd_stats(args) -> int:
    store = GraphStore(args.store, read_only=True)
    for what, count in stats.stats(store):
        print(f"{count:>10}  {what}")
    return 0
