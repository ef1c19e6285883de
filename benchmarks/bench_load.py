#!/usr/bin/env python3
"""Load ``hemicycle serve`` on loopback with normal clients, alone and next to runaway queries and a hostile client.

What it measures: how the server treats ordinary requests while other clients misbehave. For each scenario and
each client concurrency (``--concurrency``, default 8 and 32), the throughput of the normal clients (req/s), their
p50/p95/p99 latency, and their answers by status code and transport errors by kind. The runaway and hostile
clients are counted separately. Each p95 is also given relative to the quiet p95 at the same concurrency.

How: the script starts the real ``hemicycle serve`` in a subprocess on a free loopback port. It passes
``--workers``, ``--query-timeout`` and any ``--serve-arg`` through. The store is ``--store DIR``, or one ingested
from the real data ``../shared/data/an`` into a temporary folder. Before the server starts, the script reads
real IRIs from the store (questions, deputies who asked them, ministries and groups) and picks the ``LIMIT`` of
each "rows" request. A fixed seed (``--seed``) then draws one sequence of normal requests, and every scenario
and concurrency replays it. The sequence mixes, with these weights:

- ``point`` (4): ``SELECT ?p ?o WHERE { <iri> ?p ?o }`` on one question, deputy or organ (JSON results);
- ``card`` (2): the named query ``/api/queries/question-card?question=<iri>`` (JSON);
- ``construct`` (2): ``CONSTRUCT`` of one question's record graph, as Turtle;
- ``page`` (2): the linked-data page ``/id/question/{uid}`` in HTML;
- ``rows-10k`` (2), ``rows-60k``, ``rows-250k``, ``rows-1m`` (1 each): ``SELECT * WHERE { ?s ?p ?o } LIMIT N``,
  with N chosen for JSON results of about 10 KB, 60 KB, 250 KB and 1 MB. The endpoint used to give false
  503s for results over 16 KiB.

Each normal client is an ``asyncio`` task with its own ``httpx2.AsyncClient`` (one connection). It sends the next
request of the sequence as soon as its last one is answered. A run stops after ``--requests`` requests or
``--seconds`` seconds, whichever comes first; requests already sent are then finished. The server bounds what
one client address may have in flight, so every client connects from a loopback address of its own, as
distinct hosts would: normal clients from 127.1.x.y, each runaway from 127.2.x.y, and the hostile client from
127.3.0.1 (``--one-address`` sends everything from 127.0.0.1). The scenarios:

- ``quiet``: normal clients only;
- ``runaways``: as many runaway queries in flight as the server has workers (``--runaways``, by default
  ``--workers``), each re-sent as soon as it ends. The query is a cartesian product,
  ``SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }``, which runs until the server's timeout.
  The normal clients run beside them;
- ``hostile``: one client sends, in turn and without pause, a query with 5,000 nested ``{``, a query text of
  nearly 1 MB (a ``VALUES`` of about 34,000 IRIs, POSTed) and a request with an 8 MB ``Accept`` header. It
  also holds ``--idle-sockets`` connections (default 50) that never complete a request: half send nothing,
  half send a header line every second and never end the header. The normal clients run beside it;
- ``both``: the runaways and the hostile client together, plus the normal clients.

The runaway and hostile clients run in a separate process, started for the scenario and stopped after it, so
that building 8 MB requests does not stall the normal clients' event loop. After a scenario with runaways,
the script waits until the server has had time to stop them (the query timeout plus 1 s) and then checks
that it answers, before the next run starts.

Goals, reported PASS/FAIL:

1. **No false 5xx.** Every normal request is valid and cheap, so any 5xx answer to one is false. In every
   scenario and at every concurrency, normal clients get no 5xx answer and no transport error (timeout,
   reset, refused).
2. **Isolation.** With as many runaways as workers plus the hostile client (scenario ``both``), normal clients
   get no 5xx and no transport error, and their p95 is at most 2 x the quiet p95 at the same concurrency. The
   same figures for ``runaways`` and ``hostile`` alone are shown for information.

Bounds: every request has a timeout (``--request-timeout``), every run has ``--requests`` and ``--seconds``,
and the whole benchmark has a deadline (``--deadline``, checked before each run). It uses loopback only. The
server and the adversary process each run in their own session and get a signal if this script dies. They
are stopped, the server's process group included, on exit, on an error, on Ctrl-C or on SIGTERM.

Usage (the venv active; ``pip install -e '.[bench]'`` for httpx2)::

    python benchmarks/bench_load.py                                 # store ingested from ../shared/data/an
    python benchmarks/bench_load.py --store DIR --requests 1000 --seconds 20 --json benchmarks/out/load.json
    python benchmarks/bench_load.py --store DIR --requests 150 --seconds 5 --query-timeout 3 --concurrency 8

It prints Markdown tables on stdout and progress on stderr. It exits 1 when a goal fails, 2 when it cannot
run.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2

from load_clients import Adversary, adversary_main, drive
from load_report import counts, fmt, report, tally
from load_workload import WEIGHTS, Req, read_store, sequence
from machine import git_info
from measure import write_json
from servers import REAL_DATA, build_store, die_with_parent, free_port, raise_on_signal, stop_group, wait_ready

SCENARIOS = {"quiet": (False, False), "runaways": (True, False), "hostile": (False, True), "both": (True, True)}


# --- the runs -----------------------------------------------------------------------------------------------

def serve_command(args, store: Path, port: int) -> list[str]:
    command = [sys.executable, "-m", "hemicycle.queries.cli", "serve", "--store", str(store), "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(args.workers), "--query-timeout", f"{args.query_timeout:g}",
               "--log-level", "warning"]
    return command + list(args.serve_arg)


def healthy(base_url: str, req: Req, within: float) -> float | None:
    """Seconds until the server answers ``req`` 200 in under a second (None if not within ``within`` s)."""
    start = time.monotonic()
    with httpx2.Client(base_url=base_url, timeout=2, trust_env=False) as http:
        while time.monotonic() - start < within:
            asked = time.monotonic()
            try:
                r = http.request(req.method, req.path, params=list(req.params) or None, headers=list(req.headers))
                if r.status_code == 200 and time.monotonic() - asked < 1:
                    return round(time.monotonic() - start, 2)
            except httpx2.HTTPError:
                pass
            time.sleep(0.25)
    return None


def run(args, name: str, concurrency: int, requests: list[Req], base_url: str, port: int, workdir: Path,
        seconds: float, server: subprocess.Popen) -> dict:
    runaways, hostile = SCENARIOS[name]
    adversary = None
    result: dict = {"scenario": name, "concurrency": concurrency}
    try:
        if runaways or hostile:
            adversary = Adversary(workdir, {
                "base_url": base_url, "host": "127.0.0.1", "port": port, "runaways": args.runaways if runaways else 0,
                "hostile": hostile, "idle_sockets": args.idle_sockets, "request_timeout": args.request_timeout,
                "separate": not args.one_address,
                "deadline": seconds + args.request_timeout + 60})
            time.sleep(args.settle)  # the runaways reach the workers
        records, wall = asyncio.run(drive(base_url, requests, concurrency, args.requests, seconds,
                                          args.request_timeout, not args.one_address))
    finally:
        stopped = time.monotonic()
        other = adversary.stop() if adversary else None
    normal = tally(records)
    normal["wall_s"] = round(wall, 2)
    normal["throughput"] = round(len(records) / wall, 1) if wall else 0.0
    normal["ok_throughput"] = round(normal["answers"].get("200", 0) / wall, 1) if wall else 0.0
    result["normal"] = normal
    result["by_kind"] = {kind: tally([r for r in records if r[0] == kind]) for kind in WEIGHTS
                         if any(r[0] == kind for r in records)}
    if adversary:
        if other is None:
            result["adversary"] = {"error": "no records from the adversary process"}
        else:
            kinds = sorted({r[0] for r in other["records"]})
            result["adversary"] = {kind: tally([tuple(r) for r in other["records"] if r[0] == kind]) for kind in kinds}
            result["adversary"]["cancelled_at_stop"] = other["cancelled_at_stop"]
            if other["sockets"] is not None:
                result["adversary"]["idle-sockets"] = other["sockets"]
    if runaways:  # runaways still in the workers stop at the query timeout
        time.sleep(max(0.0, args.query_timeout + 1 - (time.monotonic() - stopped)))
    result["server_alive"] = server.poll() is None
    point = next(r for r in requests if r.kind == "point")
    result["healthy_after_s"] = healthy(base_url, point, args.query_timeout + 10) if result["server_alive"] else None
    return result


def probe_mix(base_url: str, requests: list[Req], timeout: float) -> dict:
    """One request of each kind, in turn (and the warm-up's first look at the answers)."""
    mix = {}
    with httpx2.Client(base_url=base_url, timeout=timeout, trust_env=False) as http:
        for kind in WEIGHTS:
            req = next((r for r in requests if r.kind == kind), None)
            if req is None:
                continue
            start = time.perf_counter()
            try:
                r = http.request(req.method, req.path, params=list(req.params) or None, headers=list(req.headers))
                status, size = r.status_code, len(r.content)
            except httpx2.HTTPError as error:
                status, size = type(error).__name__, 0
            what = req.path if not req.params else f"{req.path}?{req.params[0][0]}=…"
            mix[kind] = {"status": status, "bytes": size, "ms": 1000 * (time.perf_counter() - start), "what": what}
    return mix


def machine() -> dict:
    import pyoxigraph

    return {"python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__, "cpus": os.cpu_count(),
            "load_average": os.getloadavg(), **git_info()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a store built by hemicycle ingest, served read-only (default: "
                        "ingest ../shared/data/an into a temporary folder)")
    parser.add_argument("--workdir", type=Path, help="where the temporary folder goes (default: the system's)")
    parser.add_argument("--keep-store", action="store_true", help="keep the store ingested without --store")
    parser.add_argument("--port", type=int, default=0, help="the server's loopback port (default: a free one)")
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2),
                        help="hemicycle serve --workers (default: one per core, at least 2, as the server)")
    parser.add_argument("--query-timeout", type=float, default=10.0,
                        help="hemicycle serve --query-timeout, seconds (default 10)")
    parser.add_argument("--serve-arg", action="append", default=[], metavar="ARG",
                        help="one more argument for hemicycle serve (repeatable, e.g. --serve-arg=--max-results=1000)")
    parser.add_argument("--concurrency", default="8,32", help="normal clients in flight, comma-separated (default 8,32)")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS),
                        help=f"comma-separated, among {', '.join(SCENARIOS)} (default: all)")
    parser.add_argument("--requests", type=int, default=1000, help="normal requests per run at most (default 1000)")
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds per run at most (default 20)")
    parser.add_argument("--runaways", type=int, help="runaway queries in flight (default: --workers)")
    parser.add_argument("--idle-sockets", type=int, default=50, help="connections of the hostile client that never "
                        "complete a request (default 50)")
    parser.add_argument("--request-timeout", type=float,
                        help="seconds a request may take, client side (default: 2 × query timeout + 10)")
    parser.add_argument("--one-address", action="store_true",
                        help="every client from 127.0.0.1 (default: each normal client and each runaway from a loopback "
                             "address of its own, the hostile client from another, as distinct hosts would be)")
    parser.add_argument("--warmup", type=int, default=40, help="normal requests before the runs (default 40)")
    parser.add_argument("--settle", type=float, default=0.5,
                        help="seconds between starting the runaways or hostile client and the normal clients")
    parser.add_argument("--deadline", type=float, default=1200.0,
                        help="seconds for the whole benchmark once the server answers (default 1200)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure to FILE")
    parser.add_argument("--adversary", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.adversary:
        adversary_main(args.adversary)
        return 0

    concurrencies = [int(c) for c in args.concurrency.split(",") if c.strip()]
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    if set(scenarios) - set(SCENARIOS) or not scenarios:
        parser.error(f"--scenarios: among {', '.join(SCENARIOS)}")
    if min(concurrencies, default=0) < 1 or args.workers < 1 or args.query_timeout <= 0 or args.requests < 1:
        parser.error("--concurrency, --workers, --requests and --query-timeout must be positive")
    scenarios = sorted(scenarios, key=list(SCENARIOS).index)  # quiet first: the others are relative to it
    args.runaways = args.workers if args.runaways is None else args.runaways
    args.request_timeout = args.request_timeout or 2 * args.query_timeout + 10

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, raise_on_signal)
    temp = Path(tempfile.mkdtemp(prefix="hemicycle-load-", dir=args.workdir))
    server = None
    results: list[dict] = []
    interrupted = False
    try:
        store = args.store
        if store is None:
            store = temp / "store"
            build_store(store)
        elif not store.is_dir():
            print(f"{store}: no store here", file=sys.stderr)
            return 2
        found = read_store(store, args.seed)
        requests = sequence(found, args.seed, max(args.requests, args.warmup, 1))
        port = args.port or free_port()
        base_url = f"http://127.0.0.1:{port}"
        log = temp / "serve.log"
        with open(log, "wb") as log_file:
            server = subprocess.Popen(serve_command(args, store, port), stdout=log_file, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True,
                                      preexec_fn=lambda: die_with_parent(signal.SIGTERM))
        try:
            wait_ready(f"{base_url}/sparql", server, "hemicycle serve")
        except SystemExit as error:
            print(f"{error}; its log ends with:\n{log.read_text(errors='replace')[-3000:]}", file=sys.stderr)
            return 2
        deadline = time.monotonic() + args.deadline
        load_before = os.getloadavg()
        commit_before = machine()["commit"]
        print(f"hemicycle serve on {base_url}, {args.workers} workers, query timeout {args.query_timeout:g} s; "
              f"{found['counts']['questions']} questions, {found['counts']['deputies']} deputies, "
              f"{found['counts']['organs']} organs; LIMITs {found['limits']}", file=sys.stderr)
        mix = probe_mix(base_url, requests, args.request_timeout)
        if args.warmup:
            asyncio.run(drive(base_url, requests, 4, args.warmup, args.seconds, args.request_timeout))
        for concurrency in concurrencies:
            for name in scenarios:
                left = deadline - time.monotonic()
                if left < 5 + (args.query_timeout + 1 if SCENARIOS[name][0] else 0):
                    print(f"{name}@{concurrency}: skipped, past the --deadline", file=sys.stderr)
                    continue
                if server.poll() is not None:
                    print(f"{name}@{concurrency}: skipped, the server stopped", file=sys.stderr)
                    continue
                seconds = min(args.seconds, left - 5)
                result = run(args, name, concurrency, requests, base_url, port, temp, seconds, server)
                results.append(result)
                n = result["normal"]
                print(f"{name:9s} c={concurrency:<3d} {n['requests']:6,d} req {n['throughput']:7.1f} req/s  "
                      f"p50 {fmt(n['p50_ms']):>7s}  p95 {fmt(n['p95_ms']):>7s}  p99 {fmt(n['p99_ms']):>7s} ms  "
                      f"{counts(n['answers'])}  {counts(n['errors'])}", file=sys.stderr)
    except KeyboardInterrupt:
        interrupted = True
        print("interrupted: stopping the server", file=sys.stderr)
    finally:
        stop_group(server)
        log_text = (temp / "serve.log").read_text(errors="replace") if (temp / "serve.log").exists() else ""
        if args.store is None and args.keep_store and (temp / "store").is_dir():
            print(f"store kept in {temp / 'store'}", file=sys.stderr)
            for path in temp.iterdir():
                if path.name != "store":
                    shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
        else:
            shutil.rmtree(temp, ignore_errors=True)
    if not results:
        return 130 if interrupted else 2
    about = machine()
    where = f"{store}" if args.store else f"ingested from {REAL_DATA} into a temporary folder"
    settings = (f"`python benchmarks/bench_load.py {' '.join(sys.argv[1:])}`: {args.requests:,} normal requests at "
                f"most and {args.seconds:g} s per run; {args.workers} workers, query timeout {args.query_timeout:g} s, "
                f"{args.runaways} runaways, {args.idle_sockets} idle sockets; "
                f"{'every client from 127.0.0.1' if args.one_address else 'each client from a loopback address of its own'}; "
                f"seed {args.seed}; store {where} "
                f"({found['counts']['questions']} questions). Code {about['commit']}"
                f"{' with uncommitted changes' if about['dirty'] else ''}; {about['cpus']} CPUs, load average "
                f"{load_before[0]:.1f} before the runs, {about['load_average'][0]:.1f} after; Python {about['python']}, pyoxigraph {about['pyoxigraph']}.")
    if about["commit"] != commit_before:
        settings += (f" **The code changed during the run** ({commit_before} → {about['commit']}): workers started "
                     "after the change ran the new code; run again.")
    outcome = report(results, found, mix, settings)
    tracebacks = log_text.count("Traceback")
    print(f"\nServer log: {len(log_text.splitlines())} lines, {tracebacks} tracebacks.", file=sys.stderr)
    if args.json:
        write_json(args.json, {
            "machine": {**about, "load_average_before": load_before}, "store": str(store), "settings": {
                k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items() if k != "adversary"},
            "found": {"counts": found["counts"], "limits": found["limits"]}, "mix": mix, "runs": results,
            "goals": outcome, "server_log": {"lines": len(log_text.splitlines()), "tracebacks": tracebacks,
                                             "tail": log_text[-4000:]}}, default=str)
    if interrupted:
        return 130
    return 1 if any(g["pass"] is False for g in outcome) else 0


if __name__ == "__main__":
    sys.exit(main())

