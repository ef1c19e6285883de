"""Runs SPARQL in a small pool of worker processes, with a timeout that really stops the query, and a cap.

pyoxigraph has no query timeout and cannot interrupt a query from Python, so each query is sent to a worker
process (see :mod:`.worker`) that holds its own read-only handle on the store. When a query outlives its
timeout the worker is killed and replaced, and the caller gets :class:`QueryTimeout`; the other workers go
on answering. Results larger than the cap are refused with :class:`ResultTooLarge`, never truncated.

The methods block the calling thread and are safe to call from several threads at once: each call takes one
idle worker for itself. ``aserialized`` is the same for coroutines: it waits for the worker's answer on the
event loop, without a thread.
"""
from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import anyio.to_thread
from pyoxigraph import Triple

from .pool import Pool

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 100_000
DEFAULT_WORKER_MEMORY = 2048  # MiB of address space per worker


class RunnerError(Exception):
    """Any reason a query got no result: the classes below."""


class QueryError(RunnerError):
    """The query cannot be run: a syntax error, a wrong kind of query, an evaluation error."""


class QueryTimeout(RunnerError):
    """The query was stopped when it reached the timeout (or waited that long for a free worker)."""


class ResultTooLarge(RunnerError):
    """The result has more rows or triples than the cap."""


class MemoryLimit(RunnerError):
    """The query needed more memory than a worker may use (its worker was stopped and replaced)."""


class StoreUnavailable(RunnerError):
    """The store cannot be read now (being rewritten by another process, or gone)."""


class NotAcceptable(RunnerError):
    """No format the client accepts fits the kind of result the query gives (``args[0]``: that kind)."""


@dataclass(frozen=True)
class Serialized:
    """A query's answer written in a format: ``kind`` is solutions, boolean or graph."""
    kind: str
    format: str
    body: bytes


class _Worker:
    """One worker process (``python -m hemicycle.queries.web.worker FD PATH``), talking over a socket pair.

    A plain subprocess rather than ``multiprocessing``'s spawn, which would re-import the caller's main module.
    """

    def __init__(self, path: str, memory: int):
        parent, child = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "hemicycle.queries.web.worker", str(child.fileno()), path, str(memory)],
                pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL)
        finally:
            child.close()
        self.connection = Connection(parent.detach())
        self._killing = threading.Lock()

    def kill(self) -> None:
        """Stop the process and close the connection; once, whichever threads ask (a replacement and the
        runner's close may both ask)."""
        with self._killing:
            if self.connection.closed:
                return
            self.process.kill()
            self.process.wait(5)
            self.connection.close()


class QueryRunner:
    """A pool of query workers over one store folder.

    ``query_timeout`` (seconds) bounds each call, waiting for a worker included; ``max_results`` bounds the
    rows of a SELECT and the triples of a CONSTRUCT or DESCRIBE; ``worker_memory`` (MiB, 0 for no limit)
    bounds the address space of each worker, so that a query that would eat the machine's memory stops
    its worker instead (:class:`MemoryLimit`). Workers start on first use.
    """

    def __init__(self, store_path, *, workers: int | None = None, query_timeout: float = DEFAULT_TIMEOUT,
                 max_results: int = DEFAULT_MAX_RESULTS, worker_memory: int = DEFAULT_WORKER_MEMORY):
        self.path = str(Path(store_path))
        self.size = workers or max(2, os.cpu_count() or 2)
        if self.size < 1:
            raise ValueError("a query runner needs at least one worker")
        if query_timeout <= 0:
            raise ValueError(f"the query timeout must be positive, not {query_timeout}")
        if max_results < 1:
            raise ValueError(f"the result cap must be at least 1, not {max_results}")
        self.query_timeout = float(query_timeout)
        self.max_results = int(max_results)
        if worker_memory < 0:
            raise ValueError(f"the worker memory must be a number of MiB (0: no limit), not {worker_memory}")
        self.worker_memory = int(worker_memory)
        self.generation = 0  # bumped by each update, so that every worker reopens its handle
        self._idle = Pool()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
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
        worker = _Worker(self.path, self.worker_memory)
        self._all.add(worker)
        self._idle.release(worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)  # close() no longer sees it: this thread stops it
        worker.kill()
        with self._lock:
            if not self._closed:
                self._add_worker()

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

    # --- calls ---------------------------------------------------------------------------------------------

    def _prepare(self, job: dict, timeout: float | None) -> tuple[float, float]:
        if not self._started:
            self.start()
        timeout = self.query_timeout if timeout is None else timeout
        job.setdefault("max_results", self.max_results)
        job["generation"] = self.generation
        return timeout, time.monotonic() + timeout

    def _busy(self, timeout: float) -> QueryTimeout:
        return QueryTimeout(f"no query worker became free within {timeout:g} s (all {self.size} are busy); "
                            "try again later")

    def _stop(self, worker: _Worker) -> None:
        """Kill the worker (busy with a query nobody waits for any more) and start another, in the background."""
        threading.Thread(target=self._replace, args=(worker,), daemon=True).start()

    def _died(self, worker: _Worker) -> RunnerError:
        """The error to report for a worker that stopped while running a query (it is replaced)."""
        try:
            code = worker.process.wait(2)
        except subprocess.TimeoutExpired:
            code = None
        self._stop(worker)
        if code in (-signal.SIGABRT, 128 + signal.SIGABRT) and self.worker_memory:
            return MemoryLimit(f"the query needed more than {self.worker_memory} MiB, the memory a query may "
                               "use on this server; narrow the query")
        return StoreUnavailable("the query worker stopped unexpectedly; try again")

    def _call(self, job: dict, timeout: float | None):
        """Run a job in a worker, blocking this thread."""
        timeout, deadline = self._prepare(job, timeout)
        worker = self._idle.acquire(timeout)
        if worker is None:
            raise self._busy(timeout)
        try:
            worker.connection.send(job)
            if not worker.connection.poll(max(deadline - time.monotonic(), 0)):
                self._stop(worker)
                worker = None
                raise QueryTimeout(f"the query was stopped after {timeout:g} s (the server's query timeout)")
            status, value = worker.connection.recv()
        except (EOFError, OSError):
            if worker is None:
                raise
            dead, worker = worker, None
            raise self._died(dead) from None
        finally:
            if worker is not None:
                self._idle.release(worker)
        return self._answer(status, value)

    async def _acall(self, job: dict, timeout: float | None):
        """Run a job in a worker, waiting on the event loop (no thread while the query runs)."""
        timeout, deadline = self._prepare(job, timeout)
        worker = await self._idle.aacquire(timeout)
        if worker is None:
            raise self._busy(timeout)
        loop = asyncio.get_running_loop()
        fd = worker.connection.fileno()
        ready = loop.create_future()
        answered = False
        try:
            worker.connection.send(job)
            loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
            try:
                await asyncio.wait_for(ready, max(deadline - time.monotonic(), 0))
            except TimeoutError:
                raise QueryTimeout(f"the query was stopped after {timeout:g} s (the server's query timeout)") from None
            finally:
                loop.remove_reader(fd)
            # the answer is arriving: the worker writes it in one go, from memory
            status, value = worker.connection.recv()
            answered = True
        except (EOFError, OSError):
            dead, worker = worker, None
            raise await anyio.to_thread.run_sync(self._died, dead) from None
        finally:
            if worker is not None:
                if answered:
                    self._idle.release(worker)
                else:  # timed out, or the caller went away: the worker is still busy with the query
                    self._stop(worker)
        return self._answer(status, value)

    @staticmethod
    def _answer(status: str, value):
        if status == "ok":
            return value
        if status == "syntax":
            raise QueryError(f"SPARQL syntax error: {value}")
        if status == "too_large":
            raise ResultTooLarge(f"the result has more than {int(value):,} rows or triples (the server's cap); "
                                 "narrow the query or add a LIMIT")
        if status == "unavailable":
            raise StoreUnavailable(f"the store cannot be read now ({value}); try again")
        if status == "not_acceptable":
            raise NotAcceptable(value)
        if status == "query":
            raise QueryError(value)
        raise RuntimeError(f"query worker error: {value}")

    @staticmethod
    def _job(want, text, substitutions, default_graph, named_graphs, **more) -> dict:
        return {"want": want, "text": text, "substitutions": substitutions or None,
                "default_graph": list(default_graph) if default_graph is not None else None,
                "named_graphs": list(named_graphs) if named_graphs is not None else None, **more}

    def select(self, text: str, substitutions: dict | None = None, *, default_graph=None, named_graphs=None,
               timeout: float | None = None) -> list[dict]:
        """The solutions of a SELECT query, each a dict of the bound variables' names to pyoxigraph terms.

        ``default_graph``: graph IRIs whose merge is the default graph (``""`` for the store's default
        graph); ``named_graphs``: the graph IRIs ``GRAPH`` may reach. Either one replaces the query's own
        dataset, as the protocol's ``default-graph-uri`` and ``named-graph-uri`` do (the other is then empty).
        Without both, a query's ``FROM`` and ``FROM NAMED`` say its dataset; without those, the default graph
        is the union of all graphs and ``GRAPH`` reaches each.
        """
        return self._call(self._job("select", text, substitutions, default_graph, named_graphs), timeout)

    def construct(self, text: str, substitutions: dict | None = None, *, default_graph=None,
                  named_graphs=None, timeout: float | None = None) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""
        return self._call(self._job("construct", text, substitutions, default_graph, named_graphs), timeout)

    def ask(self, text: str, substitutions: dict | None = None, *, default_graph=None, named_graphs=None,
            timeout: float | None = None) -> bool:
        """The answer of an ASK query."""
        return self._call(self._job("ask", text, substitutions, default_graph, named_graphs), timeout)

    def serialized(self, text: str, substitutions: dict | None = None, *, formats: dict[str, str | None],
                   default_graph=None, named_graphs=None, timeout: float | None = None) -> Serialized:
        """Any query's answer written by the worker in the format given for its kind of result.

        ``formats`` maps ``solutions``, ``boolean`` and ``graph`` to a format name of
        :mod:`hemicycle.queries.results` (or None when the client accepts none: :class:`NotAcceptable`).
        """
        kind, fmt, body = self._call(self._job("body", text, substitutions, default_graph, named_graphs,
                                               formats=formats), timeout)
        return Serialized(kind, fmt, body)

    async def aserialized(self, text: str, substitutions: dict | None = None, *, formats: dict[str, str | None],
                          default_graph=None, named_graphs=None, timeout: float | None = None) -> Serialized:
        """:meth:`serialized` for async callers: awaits the worker on the event loop."""
        kind, fmt, body = await self._acall(self._job("body", text, substitutions, default_graph, named_graphs,
                                                      formats=formats), timeout)
        return Serialized(kind, fmt, body)

    def update(self, text: str, *, timeout: float | None = None) -> None:
        """Run a SPARQL 1.1 Update on the store (opened for writing for this update only)."""
        try:
            self._call({"want": "update", "text": text}, timeout)
        finally:
            self.generation += 1
