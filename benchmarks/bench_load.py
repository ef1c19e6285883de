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
import json
import math
import os
import platform
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx2

from bench_server import HM, REAL_DATA, ROOT, build_store, free_port, wait_ready

BASE = "https://w3id.org/hemicycle/id/"
DCTERMS = "http://purl.org/dc/terms/"
JSON_RESULTS = "application/sparql-results+json"
RUNAWAY_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ROWS_QUERY = "SELECT * WHERE {{ ?s ?p ?o }} LIMIT {n}"
# the normal request mix: kind -> weight
WEIGHTS = {"point": 4, "card": 2, "construct": 2, "page": 2,
           "rows-10k": 2, "rows-60k": 1, "rows-250k": 1, "rows-1m": 1}
ROW_TARGETS = {"rows-10k": 10_000, "rows-60k": 60_000, "rows-250k": 250_000, "rows-1m": 1_000_000}
SCENARIOS = {"quiet": (False, False), "runaways": (True, False), "hostile": (False, True), "both": (True, True)}
NESTING = 5000
HUGE_QUERY_CHARS = 1_000_000
HUGE_ACCEPT_BYTES = 8 * 2**20
P95_GOAL = 2.0


@dataclass(frozen=True)
class Req:
    kind: str
    method: str
    path: str
    params: tuple = ()
    headers: tuple = ()
    content: bytes | None = None


# --- stopping cleanly ---------------------------------------------------------------------------------------

def _die_with_parent(sig: int) -> None:
    """In a child before exec: get ``sig`` when this script dies (Linux), so that nothing outlives it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, sig)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _raise_on_signal(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")  # handled as Ctrl-C: stop everything, report what was measured


def stop_group(process: subprocess.Popen | None, grace: float = 10) -> None:
    """Stop a child started in its own session, then anything left in its process group (its workers)."""
    if process is None:
        return
    if process.poll() is None:
        try:
            process.terminate()
            process.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the group we created: the child and its own children
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        pass


# --- the workload -------------------------------------------------------------------------------------------

def read_store(store: Path, seed: int, sample: int = 200) -> dict:
    """Real IRIs of the store (questions, deputies, organs) and the LIMIT of each rows request, read in process
    before the server starts."""
    import pyoxigraph

    db = pyoxigraph.Store.read_only(str(store))
    try:
        def column(text: str, name: str) -> list[str]:
            return sorted({row[name].value for row in db.query(text, use_default_graph_as_union=True)})

        questions = column(f"SELECT ?uid WHERE {{ ?q <{DCTERMS}identifier> ?uid ; <{HM}kindCode> ?k }}", "uid")
        deputies = column(f"SELECT DISTINCT ?a WHERE {{ ?q <{HM}kindCode> ?k ; <{DCTERMS}creator> ?a }}", "a")
        organs = column(f"SELECT DISTINCT ?o WHERE {{ ?q <{HM}kindCode> ?k . {{ ?q <{HM}ministryAttributed> ?o }} "
                        f"UNION {{ ?q <{HM}authorGroup> ?o }} }}", "o")
        if not organs:
            organs = column("SELECT ?o WHERE { ?o a <http://www.w3.org/ns/org#Organization> } LIMIT 1000", "o")
        if not questions:
            raise SystemExit(f"{store}: no questions in this store; build it from the real data")

        def json_size(n: int) -> int:
            return len(db.query(ROWS_QUERY.format(n=n), use_default_graph_as_union=True).serialize(
                format=pyoxigraph.QueryResultsFormat.JSON))

        limits = {}
        for kind, target in ROW_TARGETS.items():  # the smallest LIMIT whose JSON reaches the target
            low, high = 0, 16
            while json_size(high) < target and high < 10_000_000:
                low, high = high, high * 2
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if json_size(middle) < target else (low, middle)
            limits[kind] = high
    finally:
        del db
    rng = random.Random(seed)
    pick = lambda values: sorted(rng.sample(values, min(sample, len(values))))  # noqa: E731
    return {"questions": pick(questions), "deputies": pick(deputies), "organs": pick(organs), "limits": limits,
            "counts": {"questions": len(questions), "deputies": len(deputies), "organs": len(organs)}}


def make_request(kind: str, rng: random.Random, found: dict) -> Req:
    json_accept = (("accept", JSON_RESULTS),)
    if kind == "point":
        pool = rng.choice([p for p in ("questions", "deputies", "organs") if found[p]])
        iri = rng.choice(found[pool])
        iri = BASE + "question/" + iri if pool == "questions" else iri
        return Req(kind, "GET", "/sparql", (("query", f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"),), json_accept)
    if kind in ROW_TARGETS:
        return Req(kind, "GET", "/sparql", (("query", ROWS_QUERY.format(n=found["limits"][kind])),), json_accept)
    uid = rng.choice(found["questions"])
    if kind == "card":
        return Req(kind, "GET", "/api/queries/question-card", (("question", f"{BASE}question/{uid}"),), json_accept)
    if kind == "construct":
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BASE}graph/{uid}> {{ ?s ?p ?o }} }}"
        return Req(kind, "GET", "/sparql", (("query", query),), (("accept", "text/turtle"),))
    if kind == "page":
        return Req(kind, "GET", "/id/question/" + urllib.parse.quote(uid), (), (("accept", "text/html"),))
    raise ValueError(kind)


def sequence(found: dict, seed: int, count: int) -> list[Req]:
    """``count`` normal requests drawn with the seed, the same for every scenario and concurrency."""
    rng = random.Random(seed)
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    return [make_request(rng.choices(kinds, weights)[0], rng, found) for _ in range(count)]


def hostile_requests() -> list[Req]:
    nested = "SELECT * WHERE " + "{" * NESTING + " ?s ?p ?o " + "}" * NESTING
    iris, size, i = [], 0, 0
    while size < HUGE_QUERY_CHARS - 200:
        iri = f"<urn:hemicycle-load:{i:08d}>"
        iris.append(iri)
        size += len(iri) + 1
        i += 1
    huge = f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {' '.join(iris)} }} ?s ?p ?o }}"
    item = "application/sparql-results+json;q=0.9, "
    accept = (item * (HUGE_ACCEPT_BYTES // len(item) + 1))[:HUGE_ACCEPT_BYTES].rstrip(", ;")
    return [Req("nested", "GET", "/sparql", (("query", nested),), (("accept", JSON_RESULTS),)),
            Req("huge-query", "POST", "/sparql", (), (("content-type", "application/sparql-query"),
                                                      ("accept", JSON_RESULTS)), huge.encode()),
            Req("huge-accept", "GET", "/sparql", (("query", "ASK { ?s ?p ?o }"),), (("accept", accept),))]


# --- sending ------------------------------------------------------------------------------------------------

async def send(client: httpx2.AsyncClient, req: Req, timeout: float) -> tuple:
    """(kind, status or error name, seconds, body bytes, the start of the body or error when not 200); never
    raises but for cancellation."""
    start = time.perf_counter()
    size, note = 0, ""
    try:
        async with asyncio.timeout(timeout):
            response = await client.request(req.method, req.path, params=list(req.params) or None,
                                            headers=list(req.headers), content=req.content)
        outcome, size = response.status_code, len(response.content)
        if outcome != 200:
            note = response.content[:160].decode("utf-8", "replace").strip()
    except TimeoutError:
        outcome = "TotalTimeout"
    except (httpx2.HTTPError, OSError) as error:
        outcome, note = type(error).__name__, str(error)[:160]
    return req.kind, outcome, time.perf_counter() - start, size, note


def address(group: int, index: int, separate: bool) -> str | None:
    """The loopback source address of a client: 127.GROUP.x.y, one per index (normal clients are group 1,
    runaways 2, the hostile client 3), so that the server tells them apart as it would distinct hosts; None
    (127.0.0.1, the same for all) with ``--one-address``."""
    return f"127.{group}.{index // 250}.{index % 250 + 1}" if separate else None


def client(base_url: str, connections: int, timeout: float, source: str | None = None) -> httpx2.AsyncClient:
    limits = httpx2.Limits(max_connections=connections, max_keepalive_connections=connections)
    transport = httpx2.AsyncHTTPTransport(limits=limits, local_address=source, trust_env=False)
    return httpx2.AsyncClient(base_url=base_url, transport=transport, timeout=timeout, trust_env=False)


async def drive(base_url: str, requests: list[Req], concurrency: int, count: int, seconds: float,
                timeout: float, separate: bool = False) -> tuple[list[tuple], float]:
    """The normal clients: ``concurrency`` tasks, each a client of its own (one connection, and its own source
    address when ``separate``), sending the sequence in turn until ``count`` requests or ``seconds`` (requests
    sent by then are finished). (records, wall time)."""
    records: list[tuple] = []
    next_index = 0
    clients = [client(base_url, 1, timeout, address(1, i, separate)) for i in range(concurrency)]
    try:
        start = time.perf_counter()
        stop_at = start + seconds

        async def one(http):
            nonlocal next_index
            while next_index < count and time.perf_counter() < stop_at:
                req = requests[next_index % len(requests)]
                next_index += 1
                records.append(await send(http, req, timeout))

        await asyncio.gather(*(one(http) for http in clients))
        wall = time.perf_counter() - start
    finally:
        for http in clients:
            await http.aclose()
    return records, wall


# --- the adversary process: runaways and the hostile client --------------------------------------------------

async def idle_socket(host: str, port: int, slow: bool, result: dict, source: str | None) -> None:
    """A connection that never completes a request: silent, or a header line a second without the end."""
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, local_addr=(source, 0) if source else None), 5)
    except (OSError, TimeoutError) as error:
        result["connect_errors"][type(error).__name__] += 1
        return
    result["opened"] += 1
    opened = time.monotonic()
    lines = [b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n", b"Host: 127.0.0.1\r\n"]
    try:
        for n in range(100_000):
            if slow:
                writer.write(lines[n] if n < len(lines) else b"X-Slow-%d: 1\r\n" % n)
                await writer.drain()
            try:
                data = await asyncio.wait_for(reader.read(4096), 1.0)
            except TimeoutError:
                continue
            if data:
                result["answered"][data.split(b"\r\n", 1)[0].decode("latin-1")[:60]] += 1
            else:
                result["closed_by_server"] += 1
            result["closed_after_s"].append(round(time.monotonic() - opened, 2))
            return
    except OSError as error:
        result["errors"][type(error).__name__] += 1
    finally:
        writer.close()


async def adversary(config: dict) -> dict:
    """Runaways and/or the hostile client until stdin closes or the deadline passes; their records."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def watch_stdin():
        try:
            sys.stdin.buffer.read()
        finally:
            loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=watch_stdin, daemon=True).start()
    records: list[tuple] = []
    sockets = {"opened": 0, "closed_by_server": 0, "closed_after_s": [], "answered": Counter(),
               "connect_errors": Counter(), "errors": Counter()}
    timeout = config["request_timeout"]
    clients, tasks = [], []

    async def repeat(http, reqs):
        while not stop.is_set():
            for req in reqs:
                records.append(await send(http, req, timeout))
                if stop.is_set():
                    return

    separate = config["separate"]
    if config["runaways"]:  # each runaway a client of its own
        runaway = Req("runaway", "GET", "/sparql", (("query", RUNAWAY_QUERY),), (("accept", JSON_RESULTS),))
        for i in range(config["runaways"]):
            http = client(config["base_url"], 1, timeout, address(2, i, separate))
            clients.append(http)
            tasks.append(asyncio.create_task(repeat(http, [runaway])))
    if config["hostile"]:  # one client: its requests and its idle sockets come from one address
        host, port, source = config["host"], config["port"], address(3, 0, separate)
        count = config["idle_sockets"]
        tasks += [asyncio.create_task(idle_socket(host, port, i % 2 == 1, sockets, source)) for i in range(count)]
        http = client(config["base_url"], 1, timeout, source)
        clients.append(http)
        tasks.append(asyncio.create_task(repeat(http, hostile_requests())))
    await asyncio.sleep(0.2)  # the requests are on their way and the sockets connected
    print("ready", flush=True)
    try:
        await asyncio.wait_for(stop.wait(), config["deadline"])
    except TimeoutError:
        pass
    in_flight = sum(not task.done() for task in tasks)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for http in clients:
        await http.aclose()
    return {"records": records, "sockets": sockets if config["hostile"] else None, "cancelled_at_stop": in_flight}


def adversary_main(config_file: str) -> None:
    config = json.loads(Path(config_file).read_text())
    result = asyncio.run(adversary(config))
    Path(config["result_file"]).write_text(json.dumps(result))


class Adversary:
    """The adversary process for one run (its own session; killed if this script dies)."""

    def __init__(self, workdir: Path, config: dict, wait: float = 60):
        self.result_file = workdir / f"adversary-{os.getpid()}-{time.monotonic_ns()}.json"
        config_file = self.result_file.with_suffix(".config.json")
        config_file.write_text(json.dumps({**config, "result_file": str(self.result_file)}))
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--adversary", str(config_file)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, start_new_session=True,
            preexec_fn=lambda: _die_with_parent(signal.SIGKILL))
        try:
            ready, _, _ = select.select([self.process.stdout], [], [], wait)
            line = os.read(self.process.stdout.fileno(), 100) if ready else b""
            if b"ready" not in line:
                raise RuntimeError(f"the adversary process did not start (exit {self.process.poll()})")
        except BaseException:  # an error or Ctrl-C while it starts: it stops too
            self.stop()
            raise

    def stop(self) -> dict | None:
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()  # end of stdin: it stops its clients and writes its records
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            pass
        stop_group(self.process, grace=2)
        self.process.stdout.close()
        try:
            return json.loads(self.result_file.read_text())
        except (OSError, ValueError):
            return None


# --- figures ------------------------------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def tally(records: list[tuple]) -> dict:
    answers = Counter(str(r[1]) for r in records if isinstance(r[1], int))
    errors = Counter(r[1] for r in records if not isinstance(r[1], int))
    latencies = [r[2] for r in records]
    ms = lambda v: None if v is None else round(1000 * v, 1)  # noqa: E731
    return {"requests": len(records), "answers": dict(sorted(answers.items())), "errors": dict(sorted(errors.items())),
            "p50_ms": ms(percentile(latencies, 0.50)), "p95_ms": ms(percentile(latencies, 0.95)),
            "p95_of_200_ms": ms(percentile([r[2] for r in records if r[1] == 200], 0.95)),
            "p99_ms": ms(percentile(latencies, 0.99)), "max_ms": ms(max(latencies, default=None)),
            "mean_bytes": round(sum(r[3] for r in records) / len(records)) if records else 0,
            "examples": {str(o): next(r[4] for r in records if r[1] == o) for o in {r[1] for r in records} if o != 200}}


def server_errors(figures: dict) -> int:
    return sum(n for status, n in figures["answers"].items() if status.startswith("5"))


def counts(table: dict) -> str:
    return ", ".join(f"{key}×{n:,}" for key, n in table.items()) or "–"


def fmt(value, digits=1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


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


def goals(results: list[dict], concurrencies: list[int]) -> list[dict]:
    out = []
    bad = [r for r in results if server_errors(r["normal"]) or r["normal"]["errors"]]
    out.append({"goal": "no false 5xx: normal clients get no 5xx nor transport error, in every scenario",
                "concurrency": "all", "pass": bool(results) and not bad,
                "detail": "; ".join(f"{r['scenario']}@{r['concurrency']}: "
                                    f"{counts({k: v for k, v in r['normal']['answers'].items() if k.startswith('5')} | r['normal']['errors'])}"
                                    for r in bad) or f"{len(results)} runs clean"})
    for c in concurrencies:
        both = next((r for r in results if r["scenario"] == "both" and r["concurrency"] == c), None)
        goal = f"runaways (as many as workers) + hostile: normal clients no 5xx, p95 ≤ {P95_GOAL:g} × quiet p95"
        if both is None or both.get("p95_ratio") is None:
            out.append({"goal": goal, "concurrency": c, "pass": None, "detail": "not run (needs quiet and both)"})
            continue
        fives = server_errors(both["normal"]) + sum(both["normal"]["errors"].values())
        ok = not fives and both["p95_ratio"] <= P95_GOAL
        out.append({"goal": goal, "concurrency": c, "pass": ok,
                    "detail": f"p95 {fmt(both['normal']['p95_ms'])} ms = {both['p95_ratio']:.2f} × quiet; "
                              f"{fives} 5xx or errors of {both['normal']['requests']}"})
    return out


def report(results: list[dict], found: dict, mix: dict, settings: str) -> list[dict]:
    concurrencies = sorted({r["concurrency"] for r in results})
    for r in results:
        quiet = next((q for q in results if q["scenario"] == "quiet" and q["concurrency"] == r["concurrency"]), None)
        r["p95_ratio"] = (r["normal"]["p95_ms"] / quiet["normal"]["p95_ms"]
                          if quiet and quiet["normal"]["p95_ms"] and r["normal"]["p95_ms"] is not None else None)
    print(f"\n{settings}\n")
    print("Normal request mix (one of each, before the runs):\n")
    print("| kind | weight | what | status | bytes | ms |")
    print("|---|---:|---|---|---:|---:|")
    for kind, m in mix.items():
        what = f"LIMIT {found['limits'][kind]:,}" if kind in ROW_TARGETS else m["what"]
        print(f"| {kind} | {WEIGHTS[kind]} | {what} | {m['status']} | {m['bytes']:,} | {fmt(m['ms'])} |")
    print("\nNormal clients:\n")
    print("| scenario | conc | requests | req/s | 200/s | p50 ms | p95 ms | p99 ms | p95 / quiet | answers | "
          "transport errors | 5xx-free |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
    for r in results:
        n = r["normal"]
        ratio = "–" if r["p95_ratio"] is None else f"{r['p95_ratio']:.2f}"
        if r["scenario"] != "quiet" and r["p95_ratio"] is not None:
            ratio += " ✓" if r["p95_ratio"] <= P95_GOAL else " ✗"
        clean = "PASS" if not server_errors(n) and not n["errors"] else "FAIL"
        print(f"| {r['scenario']} | {r['concurrency']} | {n['requests']:,} | {fmt(n['throughput'])} | "
              f"{fmt(n['ok_throughput'])} | {fmt(n['p50_ms'])} | {fmt(n['p95_ms'])} | {fmt(n['p99_ms'])} | {ratio} | "
              f"{counts(n['answers'])} | {counts(n['errors'])} | {clean} |")
    for r in results:
        if r["scenario"] == "quiet" and (set(r["normal"]["answers"]) - {"200"} or r["normal"]["errors"]):
            print(f"\nThe quiet run at concurrency {r['concurrency']} itself had answers other than 200: the p95 "
                  "ratios at that concurrency compare with a failing baseline.")
    failing = [(r, kind, k) for r in results for kind, k in r["by_kind"].items()
               if set(k["answers"]) - {"200"} or k["errors"]]
    if failing:
        print("\nNormal requests not answered 200, by kind:\n")
        print("| scenario | conc | kind | requests | p95 ms | answers | transport errors | first answer or error |")
        print("|---|---:|---|---:|---:|---|---|---|")
        for r, kind, k in failing:
            example = "; ".join(f"{o}: {text[:90]}" for o, text in k["examples"].items()).replace("|", "\\|")
            print(f"| {r['scenario']} | {r['concurrency']} | {kind} | {k['requests']:,} | {fmt(k['p95_ms'])} | "
                  f"{counts(k['answers'])} | {counts(k['errors'])} | {' '.join(example.split())} |")
    adversaries = [r for r in results if "adversary" in r]
    if adversaries:
        print("\nRunaway and hostile clients (not counted above):\n")
        print("| scenario | conc | client | requests | answers | transport errors | p50 ms | max ms |")
        print("|---|---:|---|---:|---|---|---:|---:|")
        for r in adversaries:
            for kind, a in r["adversary"].items():
                if kind == "idle-sockets":
                    closed = a["closed_after_s"]
                    detail = (f"{a['opened']} held open; closed by the server: {a['closed_by_server']}"
                              + (f" (after {min(closed):g}–{max(closed):g} s)" if closed else "")
                              + (f"; answered: {counts(a['answered'])}" if a["answered"] else ""))
                    errors = counts(Counter(a["connect_errors"]) + Counter(a["errors"]))
                    print(f"| {r['scenario']} | {r['concurrency']} | idle sockets | {a['opened']} | {detail} | "
                          f"{errors} | | |")
                elif isinstance(a, dict) and "requests" in a:
                    print(f"| {r['scenario']} | {r['concurrency']} | {kind} | {a['requests']:,} | {counts(a['answers'])} "
                          f"| {counts(a['errors'])} | {fmt(a['p50_ms'])} | {fmt(a['max_ms'])} |")
                elif kind == "error":
                    print(f"| {r['scenario']} | {r['concurrency']} | – | | {a} | | | |")
    troubled = [r for r in results if not r["server_alive"] or r["healthy_after_s"] is None]
    for r in troubled:
        print(f"\n{r['scenario']}@{r['concurrency']}: the server "
              + ("stopped" if not r["server_alive"] else "did not answer a point query within the query timeout + 10 s")
              + " after the run")
    outcome = goals(results, concurrencies)
    print("\nGoals:\n")
    print("| goal | concurrency | result | detail |")
    print("|---|---|---|---|")
    for g in outcome:
        verdict = "NOT RUN" if g["pass"] is None else "PASS" if g["pass"] else "FAIL"
        print(f"| {g['goal']} | {g['concurrency']} | **{verdict}** | {g['detail']} |")
    return outcome


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
    def git(*command):
        try:
            return subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None

    import pyoxigraph

    return {"python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__, "cpus": os.cpu_count(),
            "load_average": os.getloadavg(), "commit": git("rev-parse", "--short", "HEAD"),
            "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


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
        signal.signal(sig, _raise_on_signal)
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
                                      preexec_fn=lambda: _die_with_parent(signal.SIGTERM))
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
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "machine": {**about, "load_average_before": load_before}, "store": str(store), "settings": {
                k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items() if k != "adversary"},
            "found": {"counts": found["counts"], "limits": found["limits"]}, "mix": mix, "runs": results,
            "goals": outcome, "server_log": {"lines": len(log_text.splitlines()), "tracebacks": tracebacks,
                                             "tail": log_text[-4000:]}}, indent=2, default=str))
    if interrupted:
        return 130
    return 1 if any(g["pass"] is False for g in outcome) else 0


if __name__ == "__main__":
    sys.exit(main())
