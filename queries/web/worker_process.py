"""The runner's side of a query worker: the process and its socket, one call's record, and what its answer means.

:mod:`.worker` is the process; this module is what :mod:`.runner` holds of it: :class:`WorkerProcess` starts
it, lowers its priority and kills it; :class:`Call` follows one query through the runner; :func:`make_job`
writes the message a query is sent as, and :func:`result` turns the worker's ``(status, value)`` answer into
the value or the error the caller gets.

>>> result("ok", 3)
3
>>> result("syntax", "line 1")
Traceback (most recent call last):
...
hemicycle.ontology.errors.QueryError: SPARQL syntax error: line 1
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading

from hemicycle.ontology.errors import (Forbidden, MemoryLimit, NotAcceptable, QueryError, ResultTooLarge,
                                       RunnerError, StoreUnavailable)

LONG_NICENESS = 19


class WorkerProcess:
    """One worker process (``python -m hemicycle.queries.web.worker FD PATH MEMORY``), over a socket pair.

    A plain subprocess rather than ``multiprocessing``'s spawn, which would re-import the caller's main module.
    ``long`` is set when its query became long (it is then retired after that query).
    """

    def __init__(self, path: str, memory: int):
        self.socket, child = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "hemicycle.queries.web.worker", str(child.fileno()), path, str(memory)],
                pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL)
        finally:
            child.close()
        self.long = False
        self._killing = threading.Lock()

    @property
    def closed(self) -> bool:
        return self.socket.fileno() == -1

    def lower_priority(self) -> None:
        """Niceness 19 for every thread of the process: on Linux a niceness belongs to a thread, and the query
        runs in a thread of its own (see :func:`.worker.main`), not in the one whose id is the process's."""
        pid = self.process.pid
        try:
            threads = [int(tid) for tid in os.listdir(f"/proc/{pid}/task")]
        except OSError:  # no /proc (or the process is gone)
            threads = [pid]
        for tid in threads:
            try:
                os.setpriority(os.PRIO_PROCESS, tid, LONG_NICENESS)
            except OSError:  # already gone: the answer or the error comes through the socket
                pass

    def kill(self) -> None:
        """Stop the process and close the socket; once, whichever threads ask (a replacement and the
        runner's close may both ask)."""
        with self._killing:
            if self.closed:
                return
            self.process.kill()
            self.process.wait(5)
            self.socket.close()

    def failure(self, memory: int) -> RunnerError:
        """The error to report for this worker stopping while it ran a query (``memory``: its limit in MiB,
        0 for none)."""
        try:
            code = self.process.wait(2)
        except subprocess.TimeoutExpired:
            code = None
        if code in (-signal.SIGABRT, 128 + signal.SIGABRT) and memory:
            return MemoryLimit(f"the query needed more than {memory} MiB, the memory a query may use on this "
                               "server; narrow the query")
        return StoreUnavailable("the query worker stopped unexpectedly; try again")


class Call:
    """One query's way through the runner: its client, its worker, and what became of it."""

    def __init__(self, client: str | None, deadline: float):
        self.client = client
        self.deadline = deadline
        self.long_at = deadline  # set when a worker takes the query
        self.worker: WorkerProcess | None = None
        self.answered = False


def make_job(want, text, substitutions, default_graph, named_graphs, **more) -> dict:
    """The message that asks a worker for a query's answer (see :func:`.worker.run_job`)."""
    return {"want": want, "text": text, "substitutions": substitutions or None,
            "default_graph": list(default_graph) if default_graph is not None else None,
            "named_graphs": list(named_graphs) if named_graphs is not None else None, **more}


def result(status: str, value):
    """The value of a worker's ``("ok", value)`` answer; the error its other answers stand for, raised."""
    if status == "ok":
        return value
    if status == "syntax":
        raise QueryError(f"SPARQL syntax error: {value}")
    if status == "too_large":
        raise ResultTooLarge(f"the result has more than {value} (the server's cap); narrow the query or add "
                             "a LIMIT")
    if status == "forbidden":
        raise Forbidden(value)
    if status == "too_complex":
        raise QueryError(value)
    if status == "unavailable":
        raise StoreUnavailable(f"the store cannot be read now ({value}); try again")
    if status == "not_acceptable":
        raise NotAcceptable(value)
    if status == "query":
        raise QueryError(value)
    raise RuntimeError(f"query worker error: {value}")
