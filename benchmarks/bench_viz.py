#!/usr/bin/env python3
"""Benchmark a network projection with its metrics and layout on the synthetic legislature.

The store is ``benchmarks/out/viz-store`` (or ``--store DIR``): when it does not exist, the synthetic legislature
of ``make_legislature.py`` (50,000 written questions by default) is generated if needed and ingested into it
with ``hemicycle ingest``. Then, ``--runs`` times (default 3), in this process:

1. the projection's named query and the graph built from its rows (``projections.build``);
2. the node metrics (degree, weighted degree, PageRank, betweenness, Louvain communities);
3. the layout (igraph's grid Fruchterman–Reingold, 500 iterations);
4. writing the interactive HTML page and the GEXF file (for information).

With ``--cold``, every run starts cold: the operating system's page cache is dropped (``sync``, then 3 written
to ``/proc/sys/vm/drop_caches``, which needs root) and the store is opened anew (an empty RocksDB block
cache), so that the store's files are read from the disk again.

It reports the nodes and edges and the median of each step, and whether projection + layout stayed under the
goal (30 s for 20,000 nodes; the metrics are reported apart), with the machine, in ``benchmarks/out/viz.json``
and as a Markdown table.

Usage::

    python benchmarks/bench_viz.py                                   # question-decision, 3 runs
    python benchmarks/bench_viz.py --projection deputy-rubriques --runs 1
    python benchmarks/bench_viz.py --store /tmp/some-store
    python benchmarks/bench_viz.py --to 2025-11-15                  # about 20,000 nodes
    python benchmarks/bench_viz.py --to 2025-11-15 --cold           # each run from the disk (root)
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_legislature  # noqa: E402  (the generator, next to this script)
from machine import git_info, machine_info  # noqa: E402
from measure import write_json  # noqa: E402

from hemicycle.ingest.store import GraphStore  # noqa: E402
from hemicycle.queries.viz import outputs, projections  # noqa: E402
from hemicycle.queries.viz.filters import Filters  # noqa: E402
from hemicycle.queries.viz.layout import add_layout  # noqa: E402
from hemicycle.queries.viz.metrics import add_metrics  # noqa: E402

GOAL_SECONDS = 30.0
GOAL_NODES = 20_000


def ensure_store(store: Path, out: Path, count: int, seed: int, hemicycle: str) -> None:
    if store.exists():
        return
    manifest, reused = make_legislature.ensure(count, seed, out)
    inputs = [str(out / f["path"]) for f in manifest["files"].values()]
    print(f"ingesting the synthetic legislature ({count} questions) into {store}…", file=sys.stderr)
    subprocess.run([hemicycle, "ingest", "--quiet", "--store", str(store), *inputs], check=True)


def timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - start


def drop_caches() -> None:
    """Empty the operating system's page cache, so that the next reads come from the disk."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError as error:
        sys.exit(f"bench_viz: --cold needs to write /proc/sys/vm/drop_caches (root): {error}")


def one_run(store: GraphStore, name: str, filters: Filters) -> dict:
    graph, build = timed(projections.build, store, name, filters)
    _, metrics = timed(add_metrics, graph)
    _, layout = timed(add_layout, graph)
    page, gexf = io.BytesIO(), io.BytesIO()
    _, html_seconds = timed(outputs.write, graph, page, "html")
    _, gexf_seconds = timed(outputs.write, graph, gexf, "gexf")
    return {"nodes": len(graph), "edges": graph.number_of_edges(), "projection_s": build, "metrics_s": metrics,
            "layout_s": layout, "projection_and_layout_s": build + layout, "html_s": html_seconds,
            "html_bytes": len(page.getvalue()), "gexf_s": gexf_seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projection", default="question-decision", choices=list(projections.PROJECTIONS))
    parser.add_argument("--store", type=Path, default=HERE / "out" / "viz-store")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--count", type=int, default=50_000, help="questions of the synthetic legislature")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hemicycle", default="hemicycle", help="the hemicycle command that ingests")
    parser.add_argument("--legislature", help="filter: only this legislature")
    parser.add_argument("--from", dest="start", metavar="DATE", help="filter: questions deposited on or after")
    parser.add_argument("--to", dest="end", metavar="DATE", help="filter: questions deposited on or before")
    parser.add_argument("--cold", action="store_true",
                        help="drop the page cache and reopen the store before each run (needs root)")
    args = parser.parse_args(argv)

    ensure_store(args.store, args.out, args.count, args.seed, args.hemicycle)
    store = GraphStore(args.store, read_only=True)
    filters = Filters(legislature=args.legislature, start=args.start, end=args.end)
    runs = []
    for i in range(args.runs):
        if args.cold:
            del store
            drop_caches()
            store = GraphStore(args.store, read_only=True)
        runs.append(one_run(store, args.projection, filters))
        print(f"run {i + 1}: " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                                             for k, v in runs[-1].items()), file=sys.stderr)
    median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    report = {"projection": args.projection, "filters": filters.given(), "store": str(args.store), "cold": args.cold,
              "runs": runs,
              "median": median,
              "goal": f"projection + layout under {GOAL_SECONDS:g} s for {GOAL_NODES} nodes",
              "met": median["nodes"] >= GOAL_NODES and median["projection_and_layout_s"] < GOAL_SECONDS,
              "machine": machine_info(), "git": git_info(), "python": sys.version.split()[0]}
    name = ("viz" if not filters.given() else "viz-filtered") + ("-cold" if args.cold else "")
    write_json(args.out / f"{name}.json", report, "\n")
    m = median
    print(f"\n{args.projection} {filters.given() or ''}: {m['nodes']:,.0f} nodes, {m['edges']:,.0f} edges; "
          f"median of {args.runs} {'cold ' if args.cold else ''}runs\n")
    print("| step | wall |\n|---|---:|")
    for label, key in (("named query → graph", "projection_s"), ("layout (igraph FR, grid)", "layout_s"),
                       ("**projection + layout**", "projection_and_layout_s"),
                       ("metrics (degree, PageRank, betweenness, Louvain)", "metrics_s"),
                       ("HTML page", "html_s"), ("GEXF", "gexf_s")):
        print(f"| {label} | {m[key]:.2f} s |")
    print(f"\nHTML page: {m['html_bytes'] / 2**20:.1f} MiB. Goal ({report['goal']}): "
          f"{'met' if report['met'] else 'NOT met'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
