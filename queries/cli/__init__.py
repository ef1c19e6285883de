"""The ``hemicycle`` command line: build the graph, query it, export it, check it.

Library errors are typed exceptions; this module turns each into one message on standard error and an exit
code: 0 success, 1 records rejected under ``--strict`` or a graph that does not conform, 2 bad usage or input,
3 a store that could not be written (a full disk).
"""
from __future__ import annotations

import argparse
import sys
import time
from importlib import resources
from pathlib import Path

from hemicycle.ingest.pipeline import WORKER_NICENESS, Ingester, software_version
from hemicycle.ingest.sources import MAX_RECORD_SIZE, SourceError
from hemicycle.ingest.store import (STORE_ENV, GraphStore, StoreChanged, StoreError, StoreWriteError, folder_size,
                                    store_path)
from hemicycle.ontology.iris import BASE_ENV, Minter
from hemicycle.queries import catalog, results
from hemicycle.queries.publish import export, stats, validate


class UsageError(Exception):
    pass


def sample_path() -> Path:
    """The small sample shipped with the package (official formats): the seed question and its context."""
    return Path(str(resources.files("hemicycle.ingest").joinpath("sample")))


def _store_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="DIR",
                        help=f"the store folder (default: ${STORE_ENV}, else ./hemicycle-data)")


def _output(path: str | None):
    return open(path, "wb") if path and path != "-" else sys.stdout.buffer


def cmd_ingest(args) -> int:
    paths = list(args.paths)
    if args.sample:
        paths.append(sample_path())
    if not paths:
        raise UsageError("ingest needs at least one PATH (a file, folder or zip), or --sample")
    if args.max_record_size <= 0:
        raise UsageError(f"--max-record-size is a number of MiB above 0, not {args.max_record_size:g}")
    store = GraphStore(args.store)
    ingester = Ingester(store, iris=Minter(args.base), progress=False if args.quiet else None, jobs=args.jobs,
                        niceness=args.worker_niceness, max_record_size=int(args.max_record_size * (1 << 20)))
    report = ingester.run(paths)
    summary = report.summary()
    if args.optimize and report.graphs_written:  # each load slows reading, however small (see store.py)
        if not args.quiet and sys.stderr.isatty():  # as the progress bars
            print("compacting the store (--no-optimize skips it)…", file=sys.stderr)
        try:
            summary += f", store compacted in {_optimize(store):.1f} s"
        except StoreWriteError as error:  # every record is in; only the compaction is missing
            summary += f"; not compacted: {error}; 'hemicycle optimize' compacts it once there is room"
    print(summary, file=sys.stderr)
    return 1 if args.strict and report.rejections else 0


def _optimize(store: GraphStore) -> float:
    started = time.perf_counter()
    store.optimize()
    return time.perf_counter() - started


def cmd_optimize(args) -> int:
    path = store_path(args.store)
    if not path.is_dir():
        raise StoreError(f"{path}: no store here (build one with 'hemicycle ingest')")
    store = GraphStore(path)
    size = folder_size(path)
    seconds = _optimize(store)
    print(f"compacted {path} in {seconds:.1f} s ({size / 2**20:,.0f} MiB before, "
          f"{folder_size(path) / 2**20:,.0f} MiB after)", file=sys.stderr)
    return 0


def cmd_sparql(args) -> int:
    text = sys.stdin.read() if args.query == "-" else args.query
    store = GraphStore(args.store, read_only=True)
    out = _output(args.output)
    results.write(store.query(text), out, args.format)
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
    substitutions = query.substitutions(given)
    store = GraphStore(args.store, read_only=True)
    out = _output(args.output)
    results.write(store.query(query.text, substitutions=substitutions), out, args.format)
    out.flush()
    return 0


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
        from hemicycle.queries.publish import dataset

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
    from hemicycle.queries.publish import dataset

    store = GraphStore(args.store, read_only=True)
    description = dataset.describe(store, sparql_endpoint=args.endpoint)
    out = _output(args.output)
    dataset.write(description, out, args.format)
    out.flush()
    return 0


def cmd_validate(args) -> int:
    store = GraphStore(args.store, read_only=True)
    report = validate.validate(store)
    print(report.text(limit=args.limit))
    return 0 if report.conforms else 1


def cmd_cite(args) -> int:
    from hemicycle.queries.cli import cite

    return cite.run(sys.stdin, sys.stdout, args.format)


def cmd_stats(args) -> int:
    store = GraphStore(args.store, read_only=True)
    for what, count in stats.stats(store):
        print(f"{count:>10}  {what}")
    return 0


def cmd_viz(args) -> int:
    from hemicycle.queries.viz import command

    return command.run(args)


def cmd_serve(args) -> int:
    import uvicorn

    from hemicycle.queries.web import http_limits
    from hemicycle.queries.web.app import check_public_url, create_app

    token = None
    if args.allow_updates:
        if not args.update_token_file:
            raise UsageError("--allow-updates needs --update-token-file FILE (the bearer token updates must bear)")
        try:
            token = Path(args.update_token_file).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise UsageError(f"cannot read the update token: {error}") from None
        if not token:
            raise UsageError(f"{args.update_token_file}: the update token file is empty")
    elif args.update_token_file:
        raise UsageError("--update-token-file is only used with --allow-updates")
    if args.query_timeout <= 0:
        raise UsageError(f"--query-timeout must be positive, not {args.query_timeout:g}")
    if args.max_results < 1 or (args.workers is not None and args.workers < 1):
        raise UsageError("--max-results and --workers must be at least 1")
    if args.worker_memory < 0:
        raise UsageError("--worker-memory is a number of MiB, or 0 for no limit")
    for option in ("header_timeout", "body_timeout", "send_timeout", "keep_alive_timeout"):
        if not getattr(args, option) > 0:
            raise UsageError(f"--{option.replace('_', '-')} must be positive, not {getattr(args, option):g}")
    if args.max_header_bytes < 1024:
        raise UsageError(f"--max-header-bytes must be at least 1024, not {args.max_header_bytes}")
    if args.max_connections is not None and args.max_connections < 1:
        raise UsageError("--max-connections must be at least 1")
    try:
        public_url = check_public_url(args.public_url or listening_url(args.host, args.port))
    except ValueError as error:
        raise UsageError(f"--public-url: {error}") from None
    app = create_app(args.store, query_timeout=args.query_timeout, max_results=args.max_results,
                     base=args.base, workers=args.workers, worker_memory=args.worker_memory, update_token=token,
                     public_url=public_url, max_result_bytes=args.max_result_bytes, long_query=args.long_query,
                     max_long=args.max_long, max_waiting=args.max_waiting, per_client=args.per_client)
    # the server's own descriptors: those open now, a store handle (the dataset description), the workers'
    reserved = (http_limits.open_files() + sum(1 for _ in app.state.store_path.iterdir())
                + 2 * app.state.runner.size)
    if args.max_connections is None:
        max_connections = http_limits.fitting_connections(reserved)
    else:
        max_connections = args.max_connections
        try:
            http_limits.make_room_for(max_connections, reserved)
        except ValueError as error:
            raise UsageError(f"--max-connections: {error}") from None
    limits = http_limits.Limits(max_head=args.max_header_bytes, header_timeout=args.header_timeout,
                                body_timeout=args.body_timeout, send_timeout=args.send_timeout,
                                max_connections=max_connections)
    print(f"hemicycle serve: {app.state.store_path} at http://{args.host}:{args.port}/sparql "
          f"({'updates allowed with the token' if token else 'read-only'}); public URL {public_url}; "
          f"at most {max_connections} connections", file=sys.stderr)
    if not args.public_url and args.host in ("0.0.0.0", "::", ""):
        print(f"hemicycle serve: --public-url not given: the dataset description names {public_url}/sparql, "
              "an address clients cannot reach", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, http=http_limits.protocol(limits),
                timeout_keep_alive=args.keep_alive_timeout, log_config=_serve_logging(args.log_level))
    return 0


def listening_url(host: str, port: int) -> str:
    """``http://HOST:PORT``, with an IPv6 address in brackets."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _serve_logging(level: str) -> dict:
    """uvicorn's logging configuration, with the server's own messages (``hemicycle.serve``) beside its own."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["hemicycle.serve"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return config


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hemicycle",
        description="Knowledge graph of the Assemblée nationale's parliamentary questions.")
    parser.add_argument("--version", action="version", version=f"hemicycle {software_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser(
        "ingest", help="read sources (files, folders, zips) into the store",
        epilog="Exit status: 0 done (rejected records are reported and skipped); 1 records were rejected, under "
               "--strict; 2 bad usage, a path that cannot be read, or a store that cannot be opened (another "
               "writer holds it); 3 the store could not be written, most often because its disk is full: the "
               "records loaded before stay in the store, and running the same ingest again once there is room "
               "finishes the run (what is already in the store is counted as unchanged). A compaction at the end "
               "that fails is told in the summary line and does not change the status: every record is in.")
    _store_arg(p)
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--sample", action="store_true", help="also ingest the sample shipped with hemicycle")
    p.add_argument("--strict", action="store_true", help="exit with status 1 if any record was rejected")
    p.add_argument("--base", help=f"IRI base of the minted IRIs (default: ${BASE_ENV}, else {Minter().base})")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--jobs", type=int, metavar="N",
                   help="processes mapping the records of large zips (default: one per core)")
    p.add_argument("--worker-niceness", type=int, default=WORKER_NICENESS, metavar="N",
                   help="niceness of those processes, so that loading the store, which sets the pace, gets a core "
                        f"first (default {WORKER_NICENESS}; 0: the same priority as the main process)")
    p.add_argument("--max-record-size", type=float, default=MAX_RECORD_SIZE >> 20, metavar="MIB",
                   help="reject a record larger than this, without reading it into memory (default "
                        f"{MAX_RECORD_SIZE >> 20}; a real record is at most a few hundred KB); a single-file dump "
                        "is read as a stream and capped record by record")
    p.add_argument("--no-optimize", dest="optimize", action="store_false",
                   help="do not compact the store at the end of the run (by default a run that wrote records does, "
                        "in 2 to 4 s a million quads in the store: its exports and queries then run about twice as "
                        "fast; see 'hemicycle optimize'). For many runs in a row, give it to each, then run "
                        "'hemicycle optimize' once")
    p.set_defaults(run=cmd_ingest)

    p = commands.add_parser(
        "optimize", help="compact the store, so that exports and queries read it faster",
        description="Compact the store (RocksDB merges the sorted files each load left): its exports and "
                    "queries then run about twice as fast. 'hemicycle ingest' does it by itself "
                    "at the end of a run that wrote records, unless --no-optimize; run this after runs with "
                    "--no-optimize. Every load slows reading, however small: 641 records loaded into a compacted "
                    "store of 4 million quads halved its export speed. What the store holds does not change. It takes "
                    "2 to 4 s a million quads and rewrites the whole store: it needs free space of twice the "
                    "store folder's size, and does nothing when there is less. A server reading the store goes "
                    "on answering (its workers reopen it); an export started before it in another process may "
                    "stop ('the store changed while it was read') and has to be run again.",
        epilog="Exit status: 0 done; 2 no store, or another writer holds it (an ingest); 3 too little free space, "
               "or the store could not be written: what it holds is unchanged.")
    _store_arg(p)
    p.set_defaults(run=cmd_optimize)

    p = commands.add_parser("sparql", help="run a SPARQL query on the store")
    _store_arg(p)
    p.add_argument("query", metavar="QUERY", help="the query text, or - to read it from standard input")
    p.add_argument("--format", choices=results.FORMATS,
                   help="json, xml, csv, tsv (SELECT, ASK; default json); turtle, ntriples, jsonld, rdfxml "
                        "(CONSTRUCT, DESCRIBE; default turtle)")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=cmd_sparql)

    p = commands.add_parser("query", help="run a named query (see --list)")
    _store_arg(p)
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    p.add_argument("--format", choices=results.FORMATS)
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=cmd_query)

    p = commands.add_parser(
        "export", help="dump the store, or a subset, in a standard RDF format",
        epilog="Exit status: 0 done; 2 bad usage, an unknown graph or legislature, a query that is not a CONSTRUCT, "
               "or a store changed while it was read: an ingest or a compaction in another process removed files "
               "the export had not read yet (the incomplete file is removed; run the export again).")
    _store_arg(p)
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
    _store_arg(p)
    p.add_argument("--format", choices=("turtle", "ntriples", "rdfxml", "jsonld"), default="turtle")
    p.add_argument("--endpoint", metavar="URL", help="the SPARQL endpoint serving the store")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=cmd_void)

    p = commands.add_parser("validate", help="check the store against the SHACL shapes")
    _store_arg(p)
    p.add_argument("--limit", type=int, default=50, help="how many violations to list (default 50)")
    p.set_defaults(run=cmd_validate)

    p = commands.add_parser("cite", help="print the citations (decisions, texts of law) of the text on standard input")
    p.add_argument("--format", choices=("jsonl", "json"), default="jsonl",
                   help="one JSON object a line (default), or one JSON array")
    p.set_defaults(run=cmd_cite)

    p = commands.add_parser("stats", help="count what the store holds")
    _store_arg(p)
    p.set_defaults(run=cmd_stats)

    p = commands.add_parser("viz", help="draw a network projection or a chart (html, graphml, gexf, json, png, svg…)")
    _store_arg(p)
    from hemicycle.queries.viz import command as viz_command
    viz_command.add_arguments(p)
    p.set_defaults(run=cmd_viz)

    from hemicycle.queries.web import http_limits

    p = commands.add_parser("serve", help="serve the store: SPARQL endpoint at /sparql, REST API at /api/queries")
    _store_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--query-timeout", type=float, default=30.0, metavar="SECONDS",
                   help="stop a query after this long and answer 503 (default 30)")
    p.add_argument("--max-results", type=int, default=100_000, metavar="N",
                   help="refuse (507) a result of more rows or triples than this (default 100000)")
    p.add_argument("--workers", type=int, metavar="N",
                   help="query worker processes (default: one per core, at least 2)")
    p.add_argument("--worker-memory", type=int, default=2048, metavar="MIB",
                   help="memory each query worker may use; a query needing more gets 507 (default 2048, 0: no limit)")
    p.add_argument("--base", help=f"IRI base of the graph (default: ${BASE_ENV}, else {Minter().base})")
    p.add_argument("--allow-updates", action="store_true",
                   help="accept SPARQL updates bearing the token of --update-token-file (read-only otherwise)")
    p.add_argument("--update-token-file", metavar="FILE", help="file holding the bearer token for updates")
    p.add_argument("--public-url", metavar="URL",
                   help="the URL clients reach the server at, as named in the documents it serves (the dataset "
                        "description's SPARQL endpoint is URL/sparql); set it behind a reverse proxy "
                        "(default http://HOST:PORT)")
    limits = p.add_argument_group("limits on clients (see docs/server.md)")
    limits.add_argument("--max-header-bytes", type=int, default=http_limits.DEFAULT_MAX_HEAD, metavar="BYTES",
                        help="refuse (431) a request whose request line and headers are longer "
                             f"(default {http_limits.DEFAULT_MAX_HEAD})")
    limits.add_argument("--header-timeout", type=float, default=http_limits.DEFAULT_HEADER_TIMEOUT,
                        metavar="SECONDS", help="close a connection that has not sent a request's line and headers "
                                                f"within this time (default {http_limits.DEFAULT_HEADER_TIMEOUT:g})")
    limits.add_argument("--body-timeout", type=float, default=http_limits.DEFAULT_BODY_TIMEOUT, metavar="SECONDS",
                        help="close a connection whose request body pauses this long "
                             f"(default {http_limits.DEFAULT_BODY_TIMEOUT:g})")
    limits.add_argument("--send-timeout", type=float, default=http_limits.DEFAULT_SEND_TIMEOUT, metavar="SECONDS",
                        help="drop a connection whose client reads nothing of a waiting answer for this long "
                             f"(default {http_limits.DEFAULT_SEND_TIMEOUT:g})")
    limits.add_argument("--keep-alive-timeout", type=float, default=http_limits.DEFAULT_KEEP_ALIVE,
                        metavar="SECONDS", help="close a kept-alive connection idle this long after a response "
                                                f"(default {http_limits.DEFAULT_KEEP_ALIVE:g})")
    limits.add_argument("--max-connections", type=int, metavar="N",
                        help="open connections at most; past it the one idle longest is closed, or the new one "
                             f"answered 503 when all are busy (default {http_limits.MOST_CONNECTIONS}, fewer if "
                             "the open-file limit is lower)")
    from hemicycle.queries.web import runner

    queries = p.add_argument_group("limits on queries (see docs/server.md)")
    queries.add_argument("--max-result-bytes", type=int, default=runner.DEFAULT_MAX_RESULT_BYTES, metavar="MIB",
                         help="refuse (507) an answer larger than this once written "
                              f"(default {runner.DEFAULT_MAX_RESULT_BYTES})")
    queries.add_argument("--long-query", type=float, default=runner.DEFAULT_LONG_QUERY, metavar="SECONDS",
                         help="a query running longer goes on in the background at low priority and its worker is "
                              f"replaced, so that quick requests always find one (default {runner.DEFAULT_LONG_QUERY:g})")
    queries.add_argument("--max-long", type=int, metavar="N",
                         help="long queries run so at once, half of them at most from one client (default: twice "
                              "the workers)")
    queries.add_argument("--max-waiting", type=int, default=runner.DEFAULT_MAX_WAITING, metavar="N",
                         help="queries waiting for a free worker; one more is answered 503 at once "
                              f"(default {runner.DEFAULT_MAX_WAITING})")
    queries.add_argument("--per-client", type=int, default=runner.DEFAULT_PER_CLIENT, metavar="N",
                         help="queries one client address may have running or waiting; one more is answered 429 "
                              f"(default {runner.DEFAULT_PER_CLIENT})")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    p.set_defaults(run=cmd_serve)
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
    except (UsageError, SourceError, StoreError, catalog.ParameterError, catalog.UnknownQuery,
            results.FormatError, ValueError) as error:
        print(f"hemicycle {args.command}: {error}", file=sys.stderr)
        return 2
    except SyntaxError as error:  # pyoxigraph's SPARQL parser
        print(f"hemicycle {args.command}: SPARQL syntax error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
