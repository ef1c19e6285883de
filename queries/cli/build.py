"""``hemicycle ingest`` and ``hemicycle optimize``: build the store from the sources, compact it."""
from __future__ import annotations

import sys
import time

from hemicycle.ingest.pipeline import WORKER_NICENESS, Ingester
from hemicycle.ingest.search.build import refresh
from hemicycle.ingest.search.index import index_path
from hemicycle.ingest.sources import MAX_RECORD_SIZE
from hemicycle.ingest.store import GraphStore, folder_size, store_path
from hemicycle.ontology.errors import SearchIndexError, StoreError, StoreWriteError, UsageError
from hemicycle.ontology.iris import BASE_ENV, Minter
from hemicycle.queries.cli.options import sample_path, store_arg


def add(commands) -> None:
    """Add this module's commands to the parser's sub-commands."""
    p = commands.add_parser(
        "ingest", help="read sources (files, folders, zips) into the store",
        epilog="Exit status: 0 done (rejected records are reported and skipped); 1 records were rejected, under "
               "--strict; 2 bad usage, a path that cannot be read, or a store that cannot be opened (another "
               "writer holds it); 3 the store could not be written, most often because its disk is full: the "
               "records loaded before stay in the store, and running the same ingest again once there is room "
               "finishes the run (what is already in the store is counted as unchanged). A compaction at the end "
               "that fails is told in the summary line and does not change the status: every record is in.")
    store_arg(p)
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
    p.add_argument("--no-search-index", dest="search_index", action="store_false",
                   help="do not bring the search index up to date at the end of the run (by default the run reads "
                        "again the documents of the records it changed, or builds the index when there is none; "
                        "see 'hemicycle search')")
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
    store_arg(p)
    p.set_defaults(run=cmd_optimize)


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
    if args.search_index:  # after the store is written: the index reads what it holds
        try:
            summary += "; " + refresh(store, index_path(store.path), progress=False if args.quiet else None).summary()
        except SearchIndexError as error:  # every record is in; only the index lags
            summary += f"; search index not brought up to date: {error}"
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
