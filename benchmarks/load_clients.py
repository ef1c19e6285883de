"""The clients of ``bench_load.py``: the normal clients, and the adversary process (runaway queries and the
hostile client) that ``bench_load.py --adversary CONFIG`` runs."""
from __future__ import annotations

import asyncio
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx2

from load_workload import JSON_RESULTS, RUNAWAY_QUERY, Req, hostile_requests
from servers import die_with_parent, stop_group

BENCH_LOAD = Path(__file__).resolve().with_name("bench_load.py")  # the script the adversary process runs


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
            [sys.executable, str(BENCH_LOAD), "--adversary", str(config_file)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, start_new_session=True,
            preexec_fn=lambda: die_with_parent(signal.SIGKILL))
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

