#!/usr/bin/env python3
"""Full-text search: how long the index takes to build, how large it is, and how fast it answers.

For each store given (``NAME=PATH``, a store folder as ``hemicycle ingest`` leaves it):

1. ``hemicycle search --rebuild --quiet --store PATH`` in a child process, ``--builds`` times (wall and CPU
   seconds, peak RSS of the process and of its largest worker), then the index's size;
2. a realistic mix of ``--queries`` searches, drawn with ``--seed`` from the index's own documents: single words
   of the questions' analyses (30 %), two words of one analysis (20 %), deputies' names (15 %), phrases of
   three words of a question's text in quotes (15 %), a prefix (``agric*``, 5 %), and one or two words with
   filters (legislature, kind, status, group, a year, the type; 15 %); the first page of 20 results with its
   snippets, each search opening the index read-only as the server does (``search_store``). After ``--warm``
   searches that are not counted, each search is timed; then the same mix through the web application's
   ``GET /api/search`` (Starlette's TestClient: the routing, the JSON, no socket).

Prints the build figures, the index size, p50 / p95 / p99 / max of the searches, and writes
``out/search.json``. The goals (the issue's): a build within 30 s and a p95 under 100 ms for 50,000 questions, on
2 cores.

    python benchmarks/bench_search.py real=/tmp/real syn=/tmp/syn [--queries 500] [--builds 3]
"""
from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from machine import git_info, machine_summary  # noqa: E402
from measure import timed, write_json  # noqa: E402

from hemicycle.ingest.search.analysis import key  # noqa: E402
from hemicycle.ingest.search.index import index_path  # noqa: E402
from hemicycle.ontology.errors import ParameterError  # noqa: E402
from hemicycle.queries.search import request_from, search_store  # noqa: E402
from hemicycle.queries.search.expression import parse  # noqa: E402

OUT = HERE / "out" / "search.json"
WORD = re.compile(r"[^\W\d_]{5,}")


def build(store: Path, runs: int) -> dict:
    """The index built ``runs`` times by the command line; the median of each figure, and the index's size."""
    figures = []
    for _ in range(runs):
        result = timed([sys.executable, "-m", "hemicycle.queries.cli", "search", "--rebuild", "--quiet", "--store",
                        str(store)])
        if result["status"] != 0:
            raise SystemExit(f"the build failed on {store}:\n{result['stderr']}")
        figures.append(result)
    documents = int(re.search(r"built: ([\d,]+) documents", figures[-1]["stderr"]).group(1).replace(",", ""))
    return {"runs": [round(f["seconds"], 2) for f in figures],
            "seconds": round(statistics.median(f["seconds"] for f in figures), 2),
            "cpu_seconds": round(statistics.median(f["cpu_seconds"] for f in figures), 2),
            "peak_rss_mib": round(max(f["peak_rss_mib"] for f in figures)),
            "documents": documents, "index_mib": round(index_path(store).stat().st_size / 2**20, 1)}


def workload(store: Path, count: int, seed: int) -> list[dict]:
    """``count`` searches drawn from the index's documents (module docstring)."""
    connection = sqlite3.connect(f"file:{index_path(store)}?mode=ro", uri=True)
    labels = [row[0] for row in connection.execute("SELECT label FROM docs WHERE type = 'question'")]
    bodies = [row[0] for row in connection.execute(
        "SELECT body FROM docs WHERE type = 'question' AND body IS NOT NULL ORDER BY random() LIMIT 2000")]
    names = [row[0] for row in connection.execute("SELECT label FROM docs WHERE type = 'deputy'")]
    groups = [row[0] for row in connection.execute(
        "SELECT name FROM names WHERE facet = 'group' AND length(name) <= 8")]
    legislatures = [row[0] for row in connection.execute(
        "SELECT DISTINCT value FROM facets WHERE facet = 'legislature'")]
    years = sorted({row[0][:4] for row in connection.execute(
        "SELECT date FROM docs WHERE type = 'question' AND date IS NOT NULL LIMIT 5000")})
    connection.close()
    rng = random.Random(seed)
    vocabulary = [w for label in labels[:20000] for w in WORD.findall(label) if key(w)]

    def words(n: int) -> str:
        label = rng.choice(labels)
        found = [w for w in WORD.findall(label) if key(w)] or [rng.choice(vocabulary)]
        return " ".join(rng.sample(found, min(n, len(found))))

    def phrase() -> str:
        body = rng.choice(bodies)
        tokens = re.findall(r"[^\W_]+", body)
        start = rng.randrange(max(1, len(tokens) - 3))
        return '"' + " ".join(tokens[start:start + 3]) + '"'

    searches = []
    while len(searches) < count:
        roll = rng.random()
        if roll < 0.30:
            asked = {"q": rng.choice(vocabulary)}
        elif roll < 0.50:
            asked = {"q": words(2)}
        elif roll < 0.65:
            asked = {"q": rng.choice(names) if names else words(1)}
        elif roll < 0.80:
            asked = {"q": phrase()}
        elif roll < 0.85:
            asked = {"q": rng.choice(vocabulary)[:5] + "*"}
        else:
            asked = {"q": words(rng.choice((1, 2)))}
            filters = {"legislature": lambda: rng.choice(legislatures), "kind": lambda: rng.choice(("QE", "QG")),
                       "status": lambda: rng.choice(("answered", "pending")),
                       "group": lambda: rng.choice(groups), "since": lambda: rng.choice(years),
                       "type": lambda: "question"}
            for name in rng.sample(sorted(filters), rng.choice((1, 2))):
                if name != "group" or groups:
                    asked[name] = filters[name]()
        try:
            parse(asked["q"])
        except ParameterError:  # a phrase of stop words ("de la"): not a search anyone makes
            continue
        searches.append(asked)
    return searches


def percentiles(times: list[float]) -> dict:
    ordered = sorted(times)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)

    return {"count": len(ordered), "p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99),
            "max_ms": round(ordered[-1] * 1000, 1), "mean_ms": round(statistics.fmean(ordered) * 1000, 1)}


def run_searches(store: Path, searches: list[dict], warm: int) -> dict:
    """Each search timed through ``search_store`` (the command line's and the server's path), then through the
    API; the slowest searches named."""
    from starlette.testclient import TestClient

    from hemicycle.queries.web.app import create_app

    for asked in searches[:warm]:
        search_store(store, request_from(asked))
    times, totals, slowest = [], [], []
    for asked in searches:
        started = time.perf_counter()
        results = search_store(store, request_from(asked))
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        totals.append(results.total)
        slowest.append((elapsed, asked, results.total))
    app = create_app(store, workers=1)
    client = TestClient(app)
    api_times = []
    for asked in searches:
        started = time.perf_counter()
        answer = client.get("/api/search", params=asked)
        api_times.append(time.perf_counter() - started)
        if answer.status_code != 200:
            raise SystemExit(f"/api/search {asked} answered {answer.status_code}: {answer.text}")
    app.state.runner.close()
    slowest.sort(key=lambda item: item[0], reverse=True)
    return {"search": percentiles(times), "api": percentiles(api_times),
            "matches": {"median": statistics.median(totals), "max": max(totals),
                        "none": sum(1 for t in totals if t == 0)},
            "slowest": [{"ms": round(e * 1000, 1), "search": a, "total": t} for e, a, t in slowest[:5]]}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stores", nargs="+", metavar="NAME=PATH", help="a store folder, named")
    parser.add_argument("--builds", type=int, default=3, help="full builds timed (default 3; 0: use the index)")
    parser.add_argument("--queries", type=int, default=500, help="searches timed (default 500)")
    parser.add_argument("--warm", type=int, default=30, help="searches run first, not timed (default 30)")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    report = {"benchmark": "search", "machine": machine_summary(), "git": git_info(), "stores": {}}
    for item in args.stores:
        name, _, path = item.rpartition("=")
        store = Path(path)
        name = name or store.name
        figures = {"store": str(store)}
        if args.builds:
            figures["build"] = build(store, args.builds)
            b = figures["build"]
            print(f"{name}: built {b['documents']:,} documents in {b['seconds']} s (runs {b['runs']}; "
                  f"{b['cpu_seconds']} CPU-s, peak RSS {b['peak_rss_mib']} MiB), index {b['index_mib']} MiB",
                  flush=True)
        searches = workload(store, args.queries, args.seed)
        figures.update(run_searches(store, searches, args.warm))
        for way in ("search", "api"):
            p = figures[way]
            print(f"{name}: {way:6} {p['count']} searches: p50 {p['p50_ms']} ms, p95 {p['p95_ms']} ms, "
                  f"p99 {p['p99_ms']} ms, max {p['max_ms']} ms", flush=True)
        print(f"{name}: matches per search: median {figures['matches']['median']}, max {figures['matches']['max']}, "
              f"{figures['matches']['none']} with none; slowest: "
              + "; ".join(f"{s['ms']} ms {s['search']} ({s['total']:,})" for s in figures["slowest"][:3]))
        report["stores"][name] = figures
    report["machine"]["load_at_end"] = [round(x, 2) for x in __import__("os").getloadavg()]
    write_json(OUT, report)
    print(f"written {OUT}")


if __name__ == "__main__":
    main()
