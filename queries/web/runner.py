"""Runs SPARQL in a small pool of worker processes, with a timeout that really stops the query, and a cap.

pyoxigraph has no query timeout and cannot interrupt a query from Python, so each query is sent to a worker
process (see :mod:`.worker`) that holds its own read-only handle on the store. When a query outlives its
timeout the worker is killed and replaced, and the caller gets :class:`QueryTimeout`; the other workers go
on answering. Results larger than the caps (rows, bytes) are refused with :class:`ResultTooLarge`, never
truncated.

Fairness. A query still running ``long_query`` seconds after its worker took it is *long*: its worker is
lowered to the least CPU priority (niceness 19), taken out of the pool and replaced by a fresh one, so that
as many workers as the pool's size are always there for the cheap requests, whatever runs in the background.
At most ``max_long`` long queries run so (twice the pool's size unless told). One client may have half of
those places: its next long query is stopped and answered :class:`Busy`, so that one client cannot take the
pool; when all the places are taken by several clients, a query that becomes long runs on where it is.
One client (``client=``, the caller's address) may have at most ``per_client`` queries running or waiting
(:class:`TooManyFromClient`), and at most ``max_waiting`` calls wait for a worker (:class:`Busy`): refusing
at once is more honest than a wait that ends in a timeout.

The methods block the calling thread and are safe to call from several threads at once: each call takes one
idle worker for itself. ``aserialized`` is the same for coroutines: it waits for the worker's answer on the
event loop, without a thread.

This module schedules; :mod:`.worker_process` holds a worker process, follows one call and reads its answer.
"""
from __future__ import annotations

import asyncio
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import anyio.to_thread
from pyoxigraph import Triple

from hemicycle.ontology.errors import Busy, QueryTimeout, SettingError, TooManyFromClient
from hemicycle.queries.web import channel
from hemicycle.queries.web.pool import Pool
from hemicycle.queries.web.worker_process import Call, WorkerProcess, make_job, result

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 100_000
DEFAULT_MAX_RESULT_BYTES = 64  # MiB of a serialised answer
DEFAULT_WORKER_MEMORY = 2048  # MiB of address space per worker
DEFAULT_LONG_QUERY = 1.0  # seconds after which a query runs in the background, at low priority
DEFAULT_MAX_WAITING = 64  # calls waiting for a free worker
DEFAULT_PER_CLIENT = 16  # queries one client may have running or waiting


@dataclass(frozen=True)
class Serialized:
    """A query's answer written in a format: ``kind`` is solutions, boolean or graph."""
    kind: str
    format: str
    body: bytes


class QueryRunner:
    """A pool of query workers over one store folder.

    ``query_timeout`` (seconds) bounds each call, waiting for a worker included; ``max_results`` bounds the
    rows of a SELECT and the triples of a CONSTRUCT or DESCRIBE, ``max_result_bytes`` (MiB) the size of a
    serialised answer; ``worker_memory`` (MiB, 0 for no limit) bounds the address space of each worker, so
    that a query that would eat the machine's memory stops its worker instead (:class:`MemoryLimit`).
    ``long_query``, ``max_long``, ``max_waiting`` and ``per_client``: see the module's description.
    Workers start on first use.
    """

    def __init__(self, store_path, *, workers: int | None = None, query_timeout: float = DEFAULT_TIMEOUT,
                 max_results: int = DEFAULT_MAX_RESULTS, max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
                 worker_memory: int = DEFAULT_WORKER_MEMORY, long_query: float = DEFAULT_LONG_QUERY,
                 max_long: int | None = None, max_waiting: int = DEFAULT_MAX_WAITING,
                 per_client: int = DEFAULT_PER_CLIENT):
        self.path = str(Path(store_path))
        self.size = workers or max(2, os.cpu_count() or 2)
        for name, value in (("workers", self.size), ("max_results", max_results),
                            ("max_result_bytes", max_result_bytes), ("max_waiting", max_waiting),
                            ("per_client", per_client), ("max_long", max_long or 1)):
            if value < 1:
                raise SettingError(f"{name} must be at least 1, not {value}")
        if query_timeout <= 0 or long_query <= 0:
            raise SettingError("the query timeout and the long-query time must be positive")
        if worker_memory < 0:
            raise SettingError(f"the worker memory must be a number of MiB (0: no limit), not {worker_memory}")
        self.query_timeout = float(query_timeout)
        self.max_results = int(max_results)
        self.max_result_bytes = int(max_result_bytes) * 2**20
        self.worker_memory = int(worker_memory)
        self.long_query = float(long_query)
        self.max_long = int(max_long or 2 * self.size)
        self.max_waiting = int(max_waiting)
        self.per_client = int(per_client)
        self.generation = 0  # bumped by each update, so that every worker reopens its handle
        self._idle = Pool()
        self._all: set[WorkerProcess] = set()
        self._lock = threading.Lock()
        self._waiting = 0
        self._in_flight: Counter[str] = Counter()  # per client: running or waiting
        self._long: Counter[str | None] = Counter()  # per client: long queries running
        self._started = False
        self._closed = False

    # --- pool ----------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the workers (done on first use otherwise)."""
        with self._lock:
            if self._closed:
                raise RuntimeError("this query runner is closed")
            if self._started:
                return
            self._started = True
            for _ in range(self.size):
                self._add_worker()

    def _add_worker(self) -> None:
        worker = WorkerProcess(self.path, self.worker_memory)
        self._all.add(worker)
        self._idle.release(worker)

    def _retire(self, worker: WorkerProcess, replace: bool) -> None:
        with self._lock:
            self._all.discard(worker)  # close() no longer sees it: this thread stops it
        worker.kill()
        if replace:
            with self._lock:
                if not self._closed:
                    self._add_worker()

    def _replace(self, worker: WorkerProcess) -> None:
        self._retire(worker, replace=True)

    def _stop(self, worker: WorkerProcess) -> None:
        """Kill the worker (busy with a query nobody waits for any more) in the background; a long query's
        worker was replaced when it became long, any other is replaced now."""
        threading.Thread(target=self._retire, args=(worker, not worker.long), daemon=True).start()

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- admission, long queries, the end of a call ----------------------------------------------------------

    def _admit(self, job: dict, timeout: float | None, client: str | None) -> Call:
        if not self._started:
            self.start()
        timeout = self.query_timeout if timeout is None else timeout
        job.setdefault("max_results", self.max_results)
        job["max_bytes"] = self.max_result_bytes
        job["generation"] = self.generation
        now = time.monotonic()
        with self._lock:
            if client is not None and self._in_flight[client] >= self.per_client:
                raise TooManyFromClient(f"this client already has {self.per_client} queries in flight, the most "
                                        "one client may have; wait for their answers")
            if self._waiting >= self.max_waiting:
                raise Busy(f"{self._waiting} queries are waiting for a free worker, the most this server "
                           "queues; try again shortly")
            self._waiting += 1
            if client is not None:
                self._in_flight[client] += 1
        return Call(client, now + timeout)

    def _got_worker(self, call: Call, worker: WorkerProcess | None) -> None:
        with self._lock:
            self._waiting -= 1
        if worker is None:
            self._leave(call)
            raise QueryTimeout(f"no query worker became free in time (all {self.size} are busy); try again later")
        call.worker = worker
        call.long_at = min(time.monotonic() + self.long_query, call.deadline)

    def _make_long(self, call: Call) -> None:
        """The query outlived ``long_query``: run it on at low priority and give the pool a fresh worker; stop
        it when its client has its share of the long places already; when all of them are taken, leave it."""
        worker = call.worker
        share = max(1, self.max_long // 2)
        with self._lock:
            total, mine = sum(self._long.values()), self._long[call.client]
            if call.client is not None and mine >= share:
                raise Busy(f"this client already has {mine} long-running queries in flight, the most one client "
                           "may have; try again when they are over")
            if total >= self.max_long:
                return
            self._long[call.client] += 1
            worker.long = True
            if not self._closed:
                self._add_worker()
        worker.lower_priority()

    def _leave(self, call: Call) -> None:
        """The call is over: give its worker back (a long query's worker is retired), free its places."""
        worker = call.worker
        with self._lock:
            if call.client is not None:
                self._in_flight[call.client] -= 1
                if not self._in_flight[call.client]:
                    del self._in_flight[call.client]
            if worker is not None and worker.long:
                self._long[call.client] -= 1
                if not self._long[call.client]:
                    del self._long[call.client]
        if worker is None:
            return
        if not call.answered:  # timed out, refused, or the caller went away: the worker is still busy
            self._stop(worker)
        elif worker.long:
            threading.Thread(target=self._retire, args=(worker, False), daemon=True).start()
        else:
            self._idle.release(worker)

    def _timeout(self) -> QueryTimeout:
        return QueryTimeout(f"the query was stopped after {self.query_timeout:g} s (the server's query timeout)")

    # --- calls ---------------------------------------------------------------------------------------------

    def _call(self, job: dict, timeout: float | None, client: str | None = None):
        """Run a job in a worker, blocking this thread."""
        call = self._admit(job, timeout, client)
        self._got_worker(call, self._idle.acquire(max(call.deadline - time.monotonic(), 0)))
        sock = call.worker.socket
        try:
            channel.send(sock, job, call.deadline)
            if not channel.ready(sock, call.long_at):
                self._make_long(call)
            status, value = channel.receive(sock, call.deadline)
            call.answered = True
        except TimeoutError:
            raise self._timeout() from None
        except (EOFError, OSError):
            raise call.worker.failure(self.worker_memory) from None
        finally:
            self._leave(call)
        return result(status, value)

    async def _acall(self, job: dict, timeout: float | None, client: str | None = None):
        """Run a job in a worker, waiting on the event loop (no thread while the query runs)."""
        call = self._admit(job, timeout, client)
        self._got_worker(call, await self._idle.aacquire(max(call.deadline - time.monotonic(), 0)))
        sock = call.worker.socket
        answer = None
        try:
            await asyncio.wait_for(channel.asend(sock, job), max(call.deadline - time.monotonic(), 0))
            answer = asyncio.ensure_future(channel.areceive(sock))
            done, _ = await asyncio.wait({answer}, timeout=max(call.long_at - time.monotonic(), 0))
            if not done:
                self._make_long(call)
            status, value = await asyncio.wait_for(answer, max(call.deadline - time.monotonic(), 0))
            call.answered = True
        except TimeoutError:
            raise self._timeout() from None
        except (EOFError, OSError):
            raise await anyio.to_thread.run_sync(call.worker.failure, self.worker_memory) from None
        finally:
            if answer is not None and not answer.done():
                answer.cancel()
            self._leave(call)
        return result(status, value)

    def select(self, text: str, substitutions: dict | None = None, *, default_graph=None, named_graphs=None,
               timeout: float | None = None, client: str | None = None) -> list[dict]:
        """The solutions of a SELECT query, each a dict of the bound variables' names to pyoxigraph terms.

        ``default_graph``: graph IRIs whose merge is the default graph (``""`` for the store's default
        graph); ``named_graphs``: the graph IRIs ``GRAPH`` may reach. Either one replaces the query's own
        dataset, as the protocol's ``default-graph-uri`` and ``named-graph-uri`` do (the other is then empty).
        Without both, a query's ``FROM`` and ``FROM NAMED`` say its dataset; without those, the default graph
        is the union of all graphs and ``GRAPH`` reaches each.
        """
        return self._call(make_job("select", text, substitutions, default_graph, named_graphs), timeout,
                          client)

    def construct(self, text: str, substitutions: dict | None = None, *, default_graph=None,
                  named_graphs=None, timeout: float | None = None, client: str | None = None) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""
        return self._call(make_job("construct", text, substitutions, default_graph, named_graphs), timeout,
                          client)

    def ask(self, text: str, substitutions: dict | None = None, *, default_graph=None, named_graphs=None,
            timeout: float | None = None, client: str | None = None) -> bool:
        """The answer of an ASK query."""
        return self._call(make_job("ask", text, substitutions, default_graph, named_graphs), timeout, client)

    def serialized(self, text: str, substitutions: dict | None = None, *, formats: dict[str, str | None],
                   default_graph=None, named_graphs=None, timeout: float | None = None,
                   client: str | None = None) -> Serialized:
        """Any query's answer written by the worker in the format given for its kind of result.

        ``formats`` maps ``solutions``, ``boolean`` and ``graph`` to a format name of
        :mod:`hemicycle.queries.results` (or None when the client accepts none: :class:`NotAcceptable`).
        """
        kind, fmt, body = self._call(make_job("body", text, substitutions, default_graph, named_graphs,
                                              formats=formats), timeout, client)
        return Serialized(kind, fmt, body)

    async def aserialized(self, text: str, substitutions: dict | None = None, *, formats: dict[str, str | None],
                          default_graph=None, named_graphs=None, timeout: float | None = None,
                          client: str | None = None) -> Serialized:
        """:meth:`serialized` for async callers: awaits the worker on the event loop."""
        kind, fmt, body = await self._acall(make_job("body", text, substitutions, default_graph, named_graphs,
                                                     formats=formats), timeout, client)
        return Serialized(kind, fmt, body)

    def update(self, text: str, *, timeout: float | None = None, client: str | None = None) -> None:
        """Run a SPARQL 1.1 Update on the store (opened for writing for this update only)."""
        try:
            self._call({"want": "update", "text": text}, timeout, client)
        finally:
            self.generation += 1
