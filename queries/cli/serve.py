"""``hemicycle serve``: the SPARQL endpoint, the API, the pages and the pictures over the store."""
from __future__ import annotations

import sys
from pathlib import Path

from hemicycle.ontology.errors import UsageError
from hemicycle.ontology.iris import BASE_ENV, Minter
from hemicycle.queries.cli.options import store_arg
from hemicycle.queries.web import http_limits, runner


def add(commands) -> None:
    """Add this module's commands to the parser's sub-commands."""
    p = commands.add_parser("serve", help="serve the store: SPARQL endpoint at /sparql, REST API at /api/queries")
    store_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--query-timeout", type=float, default=runner.DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"stop a query after this long and answer 503 (default {runner.DEFAULT_TIMEOUT:g})")
    p.add_argument("--max-results", type=int, default=runner.DEFAULT_MAX_RESULTS, metavar="N",
                   help="refuse (507) a result of more rows or triples than this "
                        f"(default {runner.DEFAULT_MAX_RESULTS})")
    p.add_argument("--workers", type=int, metavar="N",
                   help="query worker processes (default: one per core, at least 2)")
    p.add_argument("--worker-memory", type=int, default=runner.DEFAULT_WORKER_MEMORY, metavar="MIB",
                   help="memory each query worker may use; a query needing more gets 507 "
                        f"(default {runner.DEFAULT_WORKER_MEMORY}, 0: no limit)")
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


def cmd_serve(args) -> int:
    import uvicorn  # imported here: the other commands do not need the server

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
    print(f"hemicycle serve: {app.state.store_path} at http://{args.host}:{args.port}/ (pages, search; the "
          f"SPARQL endpoint and editor at /sparql, {'updates allowed with the token' if token else 'read-only'}); "
          f"public URL {public_url}; "
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
