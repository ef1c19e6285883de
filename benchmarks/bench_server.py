#!/usr/bin/env python3
"""Benchmark ``hemicycle serve`` against Oxigraph's own HTTP server, on the same store and the same queries.

In one run, both servers are started on loopback over the same data (Oxigraph's ``oxigraph serve-read-only
--union-default-graph`` on a copy of the store, so that both see the union of the named graphs as the default
graph) and driven by the same client (``httpx2``, ``--concurrency`` requests in flight at most) with three
queries, each sent ``--requests`` times per round:

- ``point``: a point lookup, ``SELECT ?p ?o WHERE { <question> ?p ?o }``, over questions of the store in turn;
- ``cross-ref``: the named query ``texts-cited-in-answers`` (laws cited in a ministry's answers: questions,
  answers, citation occurrences and legal texts joined), its parameters given as an inline ``VALUES`` so that
  both servers get the same text, over the ministries whose answers cite most;
- ``construct``: a CONSTRUCT of one question's record graph, as Turtle.

Within a round the servers take turns every ``--batch`` requests, so that both meet the same background load;
rounds alternate which server goes first. For each query and server it reports the median over the rounds of
the throughput (requests over the time spent sending them) and of the 95th-percentile latency, and the goals: throughput
at least 0.5 x Oxigraph's, p95 at most 2 x Oxigraph's. It also times point lookups one at a time in process
with pyoxigraph and through the query runner (the cost of running queries in a killable worker process).
Everything goes to ``benchmarks/out/server.json``.

Usage (the venv active, ``pip install oxigraph==0.5.13`` for the ``oxigraph`` command)::

    python benchmarks/bench_server.py                            # store built from ../shared/data/an if needed
    python benchmarks/bench_server.py --store DIR --requests 400 --concurrency 8 --rounds 3
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx2

from measure import write_json
from servers import ROOT, build_store, free_port, wait_ready

OUT = ROOT / "benchmarks" / "out"
HM = "https://w3id.org/hemicycle/ontology#"


def workload(endpoint: str) -> dict[str, list[tuple[str, str]]]:
    """(query text, Accept) lists for each query kind, read from the store through ``endpoint``."""
    def select(query):
        r = httpx2.get(endpoint, params={"query": query}, headers={"accept": "application/sparql-results+json"},
                       timeout=60)
        r.raise_for_status()
        return [b for b in r.json()["results"]["bindings"]]

    questions = [b["uid"]["value"] for b in select(
        "SELECT ?uid WHERE { ?q <http://purl.org/dc/terms/identifier> ?uid ; "
        f"<{HM}kindCode> ?k }} ORDER BY ?uid LIMIT 200")]
    ministries = [b["m"]["value"] for b in select(
        f"SELECT ?m (COUNT(*) AS ?n) WHERE {{ ?q <{HM}ministryAttributed> ?m ; <{HM}hasAnswer> ?a . "
        f"?o <{HM}citedIn> ?a ; <{HM}cites> ?t }} GROUP BY ?m ORDER BY DESC(?n) ?m LIMIT 10")]
    if not questions or not ministries:
        sys.exit("the store holds no questions, or no answers citing texts: build it from the real data")
    from hemicycle.queries import catalog

    named = catalog.get("texts-cited-in-answers").text
    head, where, rest = named.partition("WHERE {")
    cross = [head + where + f'\n  VALUES (?ministry ?type) {{ (<{m}> "-") }}' + rest for m in ministries]
    base = "https://w3id.org/hemicycle/id/"
    json_type = "application/sparql-results+json"
    return {
        "point": [(f"SELECT ?p ?o WHERE {{ <{base}question/{uid}> ?p ?o }}", json_type) for uid in questions],
        "cross-ref": [(text, json_type) for text in cross],
        "construct": [(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{base}graph/{uid}> {{ ?s ?p ?o }} }}",
                       "text/turtle") for uid in questions],
    }


def answer_size(url: str, query: str, accept: str) -> int:
    """How many rows (SELECT) or triples (CONSTRUCT) the server answers."""
    from pyoxigraph import RdfFormat, parse

    r = httpx2.get(url, params={"query": query}, headers={"accept": accept}, timeout=60)
    r.raise_for_status()
    if accept == "text/turtle":
        return len(list(parse(r.content, format=RdfFormat.TURTLE)))
    return len(r.json()["results"]["bindings"])


async def drive(endpoint: str, requests: list[tuple[str, str]], start_at: int, count: int,
                concurrency: int) -> tuple[list[float], float, list[str]]:
    """Send ``count`` requests (from ``requests[start_at]`` on, in turn), ``concurrency`` in flight at most:
    (latencies in seconds, wall time, failures)."""
    latencies: list[float] = []
    failures: list[str] = []
    next_index = 0
    limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx2.AsyncClient(limits=limits, timeout=120) as client:
        async def one_client():
            nonlocal next_index
            while next_index < count:
                query, accept = requests[(start_at + next_index) % len(requests)]
                next_index += 1
                start = time.perf_counter()
                r = await client.get(endpoint, params={"query": query}, headers={"accept": accept})
                await r.aread()
                latencies.append(time.perf_counter() - start)
                if r.status_code != 200:
                    failures.append(f"{r.status_code}: {r.text[:200]}")
        start = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(concurrency)))
        wall = time.perf_counter() - start
    return latencies, wall, failures


def figures(latencies: list[float], wall: float, failures: list[str]) -> dict:
    latencies = sorted(latencies)
    return {"requests": len(latencies), "wall_s": wall, "throughput": len(latencies) / wall,
            "p50_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))],
            "failures": len(failures), "first_failure": failures[0] if failures else None}


def overhead(store: Path, queries: list[tuple[str, str]], count: int = 1000) -> dict:
    """Microseconds per point lookup, one at a time: pyoxigraph in process, then through the query runner (a
    worker process: the cost of a killable query, before any HTTP)."""
    import pyoxigraph

    from hemicycle.queries.web.runner import QueryRunner

    texts = [query for query, _ in queries]
    direct = pyoxigraph.Store.read_only(str(store))
    for text in texts[:50]:
        list(direct.query(text, use_default_graph_as_union=True))
    start = time.perf_counter()
    for i in range(count):
        direct.query(texts[i % len(texts)], use_default_graph_as_union=True).serialize(
            format=pyoxigraph.QueryResultsFormat.JSON)
    in_process = (time.perf_counter() - start) / count * 1e6
    del direct
    formats = {"solutions": "json", "boolean": "json", "graph": "turtle"}
    with QueryRunner(store, workers=1) as runner:
        for text in texts[:50]:
            runner.serialized(text, formats=formats)
        start = time.perf_counter()
        for i in range(count):
            runner.serialized(texts[i % len(texts)], formats=formats)
        through_runner = (time.perf_counter() - start) / count * 1e6
    return {"pyoxigraph_us": in_process, "runner_us": through_runner}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a store built by hemicycle ingest (default: "
                        "benchmarks/out/server-store, built from ../shared/data/an if missing)")
    parser.add_argument("--requests", type=int, default=400, help="requests per query, server and round")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at most (default 8)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=100,
                        help="requests a server gets before the other takes its turn (default 100)")
    parser.add_argument("--workers", type=int, help="hemicycle serve --workers (default: its own)")
    parser.add_argument("--queries", default="point,cross-ref,construct",
                        help="which queries, comma-separated (default: all three)")
    parser.add_argument("--oxigraph", default=shutil.which("oxigraph") or "oxigraph")
    args = parser.parse_args()

    store = args.store or OUT / "server-store"
    if not store.is_dir():
        build_store(store)
    copy = OUT / "server-store-oxigraph"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store, copy)

    ports = {"hemicycle": free_port(), "oxigraph": free_port()}
    endpoints = {"hemicycle": f"http://127.0.0.1:{ports['hemicycle']}/sparql",
                 "oxigraph": f"http://127.0.0.1:{ports['oxigraph']}/query"}
    serve = [sys.executable, "-m", "hemicycle.queries.cli", "serve", "--store", str(store),
             "--port", str(ports["hemicycle"]), "--log-level", "warning"]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    processes = {
        "hemicycle": subprocess.Popen(serve),
        "oxigraph": subprocess.Popen([args.oxigraph, "serve-read-only", "--location", str(copy), "--bind",
                                      f"127.0.0.1:{ports['oxigraph']}", "--union-default-graph"]),
    }
    try:
        for name, process in processes.items():
            wait_ready(endpoints[name], process, name)
        work = workload(endpoints["oxigraph"])
        wanted = args.queries.split(",")
        if set(wanted) - set(work):
            sys.exit(f"--queries: {', '.join(sorted(set(wanted) - set(work)))}: none of {', '.join(work)}")
        work = {kind: work[kind] for kind in wanted}
        # the same answers from both: rows or triples of the first request of each kind
        for kind, requests in work.items():
            sizes = {name: answer_size(url, *requests[0]) for name, url in endpoints.items()}
            if len(set(sizes.values())) != 1 or not sizes["oxigraph"]:
                sys.exit(f"{kind}: the servers' answers differ or are empty: {sizes}")
        results: dict = {kind: {"hemicycle": [], "oxigraph": []} for kind in work}
        for round_number in range(args.rounds):
            order = ["oxigraph", "hemicycle"] if round_number % 2 == 0 else ["hemicycle", "oxigraph"]
            for kind, requests in work.items():
                for name in order:  # warm-up
                    asyncio.run(drive(endpoints[name], requests, 0, min(50, args.requests), args.concurrency))
                # the servers take turns, batch by batch, so that both meet the same background load
                done = {name: ([], 0.0, []) for name in order}
                for start_at in range(0, args.requests, args.batch):
                    count = min(args.batch, args.requests - start_at)
                    for name in order:
                        latencies, wall, failures = asyncio.run(
                            drive(endpoints[name], requests, start_at, count, args.concurrency))
                        so_far = done[name]
                        done[name] = (so_far[0] + latencies, so_far[1] + wall, so_far[2] + failures)
                for name in order:
                    result = figures(*done[name])
                    results[kind][name].append(result)
                    print(f"round {round_number + 1} {kind:10s} {name:10s} {result['throughput']:8.1f} req/s  "
                          f"p50 {result['p50_ms']:7.1f} ms  p95 {result['p95_ms']:7.1f} ms  "
                          f"failures {result['failures']}", file=sys.stderr)
    finally:
        for process in processes.values():
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(copy, ignore_errors=True)

    cost = overhead(store, work["point"]) if "point" in work else None
    summary = {"overhead": cost}
    if cost:
        print(f"point lookup, one at a time: {cost['pyoxigraph_us']:.0f} us in process with pyoxigraph, "
              f"{cost['runner_us']:.0f} us through the query runner's worker process", file=sys.stderr)
    print("\n| query | server | req/s | p50 ms | p95 ms | throughput ratio (goal >= 0.5) | p95 ratio (goal <= 2.0) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for kind, by_server in results.items():
        med = {name: {key: statistics.median(r[key] for r in runs) for key in ("throughput", "p50_ms", "p95_ms")}
               for name, runs in by_server.items()}
        thr = med["hemicycle"]["throughput"] / med["oxigraph"]["throughput"]
        p95 = med["hemicycle"]["p95_ms"] / med["oxigraph"]["p95_ms"]
        failures = sum(r["failures"] for runs in by_server.values() for r in runs)
        summary[kind] = {"median": med, "throughput_ratio": thr, "p95_ratio": p95, "failures": failures}
        for name in ("oxigraph", "hemicycle"):
            m = med[name]
            ratios = (f"**{thr:.2f}** ({'met' if thr >= 0.5 else 'not met'}) | **{p95:.2f}** "
                      f"({'met' if p95 <= 2.0 else 'not met'})") if name == "hemicycle" else " | "
            print(f"| {kind} | {name} | {m['throughput']:,.0f} | {m['p50_ms']:.1f} | {m['p95_ms']:.1f} | {ratios} |")
        if failures:
            print(f"{kind}: {failures} failed requests", file=sys.stderr)
    write_json(OUT / "server.json", {
        "machine": {"python": platform.python_version(), "processor": platform.processor(), "cpus": os.cpu_count()},
        "store": str(store), "requests": args.requests, "batch": args.batch, "concurrency": args.concurrency, "rounds": args.rounds,
        "workers": args.workers, "runs": results, "summary": summary})


if __name__ == "__main__":
    main()
