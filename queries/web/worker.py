"""A query worker: one process with its own read-only handle on the store, run by :mod:`.runner`.

pyoxigraph cannot interrupt a running query, so queries run here, in a process the runner can kill when the
query outlives its timeout. The worker reads jobs from its pipe and answers each with ``("ok", value)`` or
``(error kind, message)``.

The handle is reopened whenever the store folder changed since it was opened (files added, removed or
grown: what a writer in another process does), so that a reader sees a consistent state of the store as of
its last opening. If reading fails all the same (RocksDB reporting files a concurrent writer removed), the
handle is reopened and the job retried, a few times, before the job is answered ``unavailable``.
"""
from __future__ import annotations

import os
import sys
import threading
import time

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode, QueryBoolean, QuerySolutions, QueryResultsFormat, RdfFormat

from hemicycle.ontology.terms import PREFIXES
from hemicycle.queries.web import channel
from hemicycle.queries.web.formats import capped, write_solutions
from hemicycle.queries.web.sparql_text import check
from hemicycle.ontology.errors import QueryRefused, TooMany, WorkerFailure

QUERY_STACK = 64 * 2**20  # bytes of stack for the thread that parses and runs the queries (see main)
RETRIES = 5
RESULT_FORMATS = {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML,
                  "csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV}
RDF_FORMATS = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD,
               "rdfxml": RdfFormat.RDF_XML}


def scan(path: str) -> tuple:
    """What changes when a writer changes the store: the folder's entries and the sizes of its files (but
    RocksDB's own diagnostics, ``LOG`` and ``LOG.old.*``, which readers write too). A file that a writer
    removes while the folder is read (an ingest's temporary ``bulk-*.sst``) is left out, not an error."""
    found = []
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.name.startswith("LOG"):
                continue
            try:
                if entry.is_file():
                    found.append((entry.name, entry.stat().st_size))
            except FileNotFoundError:
                continue
    return tuple(sorted(found))


class Handle:
    """The worker's read-only store, reopened when the folder changed.

    A full scan of the folder costs a stat per file, so each query only stats the folder itself (its
    modification time changes when a file is created, removed or renamed) and the write-ahead logs (``*.log``,
    which grow in place); a change there triggers a full scan and, if the store changed, a reopening.
    """

    def __init__(self, path: str):
        self.path = path
        self.store = None
        self.seen = None  # the full scan the handle was opened at
        self.quick = None  # the folder's mtime and the logs' sizes at that scan
        self.generation = None

    def _quick(self, full: tuple) -> tuple:
        logs = tuple(os.stat(os.path.join(self.path, name)).st_size for name, _ in full if name.endswith(".log"))
        return os.stat(self.path).st_mtime_ns, logs

    def changed(self) -> bool:
        """Whether the folder differs from when the handle was opened."""
        try:
            if self.quick is not None and self._quick(self.seen) == self.quick:
                return False
        except FileNotFoundError:  # a log was removed: the folder changed
            pass
        now = scan(self.path)
        if now != self.seen:
            return True
        try:  # the folder was touched but holds the same files: remember its new state
            self.quick = self._quick(now)
        except FileNotFoundError:
            self.quick = None
        return False

    def get(self, generation: int, force: bool = False):
        if force or self.store is None or generation != self.generation or self.changed():
            self.store = None
            before = scan(self.path)
            self.store = pyoxigraph.Store.read_only(self.path)
            self.seen, self.generation = before, generation
            try:
                self.quick = self._quick(before)
            except FileNotFoundError:
                self.quick = None
        return self.store


def _graphs(iris):
    if iris is None:
        return None
    return [DefaultGraph() if iri == "" else NamedNode(iri) for iri in iris]


def _evaluate(store, job):
    """Run the job's query on its dataset: the protocol's graphs when given (they replace the query's own),
    else the query's ``FROM``/``FROM NAMED`` when it has some, else the union of the graphs as default graph.
    The text is looked at first (:func:`.sparql_text.check`): no ``SERVICE``, nothing that would crash the
    parser."""
    words = check(job["text"]).words
    options = {"substitutions": job.get("substitutions")}
    default_graph, named_graphs = _graphs(job.get("default_graph")), _graphs(job.get("named_graphs"))
    if default_graph is not None or named_graphs is not None:
        options["default_graph"] = default_graph or []
        options["named_graphs"] = named_graphs or []
    elif "from" not in words:
        options["use_default_graph_as_union"] = True
    return store.query(job["text"], **options)


def _materialise(result, job):
    """The result as the job asks: Python values, or a serialised body ``(format, bytes)``."""
    want, cap = job["want"], job["max_results"]
    if isinstance(result, QuerySolutions):
        kind = "solutions"
    elif isinstance(result, QueryBoolean):
        kind = "boolean"
    else:
        kind = "graph"
    if want in ("select", "ask", "construct"):
        expected = {"select": "solutions", "ask": "boolean", "construct": "graph"}[want]
        if kind != expected:
            raise WorkerFailure("query", f"{want}() needs a {want.upper()} query, this one gives a {kind} result")
        if kind == "boolean":
            return bool(result)
        if kind == "graph":
            return list(capped(result, cap))
        names = [v.value for v in result.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in capped(result, cap)]
    # want == "body": the protocol's serialised answer
    fmt = job["formats"].get(kind)
    if fmt is None:
        raise WorkerFailure("not_acceptable", kind)
    if kind == "boolean":
        body = result.serialize(format=RESULT_FORMATS[fmt])
    elif kind == "graph":
        prefixes = PREFIXES if fmt in ("turtle", "rdfxml") else None
        body = pyoxigraph.serialize(capped(result, cap), format=RDF_FORMATS[fmt], prefixes=prefixes)
    else:
        body = write_solutions([v.value for v in result.variables], capped(result, cap), fmt)
    if len(body) > job["max_bytes"]:
        raise WorkerFailure("too_large", f"{job['max_bytes'] / 2**20:g} MiB")
    return kind, fmt, body


def _update(path: str, job):
    check(job["text"], forbidden=("SERVICE", "LOAD"))
    try:
        store = pyoxigraph.Store(path)
    except (OSError, RuntimeError) as error:  # another process (an ingest) holds the store for writing
        _log(f"cannot open the store for writing: {error}")
        raise WorkerFailure("unavailable", "another process is writing the store") from None
    try:
        store.update(job["text"])
        store.flush()
    finally:
        del store


def _log(message: str) -> None:
    """A line for the server's operator (the worker's standard error is the server's): the details of a store
    error stay here, never in an answer, which names no file of the server."""
    print(f"hemicycle query worker: {message}", file=sys.stderr, flush=True)


def _store_trouble(error: Exception) -> bool:
    """An error of the store's files (RocksDB reading a file that a writer has just removed)."""
    text = str(error)
    return isinstance(error, FileNotFoundError) or "No such file or directory" in text or "IO error" in text


def run_job(handle: Handle, job):
    if job["want"] == "update":
        return _update(handle.path, job)
    delay = 0.02
    for attempt in range(RETRIES + 1):
        try:
            store = handle.get(job["generation"], force=attempt > 0)
            return _materialise(_evaluate(store, job), job)
        except (WorkerFailure, QueryRefused, SyntaxError, TooMany, ValueError, TypeError):
            raise
        except (OSError, RuntimeError) as error:
            # A RocksDB error (a writer removed files under us) or an evaluation error: retry on a fresh
            # handle; an error that survives a fresh handle on an unchanged store is the query's, unless it
            # is a file of the store gone missing (a compaction by the writer), which is never the query's.
            unchanged = handle.seen == scan(handle.path) and not _store_trouble(error)
            if attempt == RETRIES or (attempt > 0 and unchanged):
                if unchanged:
                    raise WorkerFailure("query", str(error)) from None
                _log(f"reading the store failed: {error}")
                raise WorkerFailure("unavailable", "the store is being rewritten by another process") from None
            time.sleep(delay)
            delay *= 2


def answer(handle: Handle, job) -> tuple[str, object]:
    """``("ok", value)`` or ``(error kind, message)``: whatever happens, the worker answers."""
    try:
        return "ok", run_job(handle, job)
    except WorkerFailure as failure:
        return failure.kind, str(failure)
    except QueryRefused as refusal:
        return refusal.kind, str(refusal)
    except SyntaxError as error:
        return "syntax", str(error)
    except TooMany:
        return "too_large", f"{job['max_results']:,} rows or triples"
    except (OSError, RuntimeError) as error:
        if _store_trouble(error):
            _log(f"reading the store failed: {error}")
            return "unavailable", "the store is being rewritten by another process"
        return "query", str(error)
    except (ValueError, TypeError) as error:
        return "query", str(error)
    except Exception as error:  # noqa: BLE001  (the worker must answer whatever happens)
        _log(f"{type(error).__name__}: {error}")
        return "internal", type(error).__name__


def serve(sock, path: str) -> None:
    """The worker's loop: one job in, one answer out, until the socket closes."""
    handle = Handle(path)
    while True:
        try:
            job = channel.receive(sock)
        except (EOFError, OSError):
            return
        try:
            channel.send(sock, answer(handle, job))
        except OSError:
            return


def main(argv: list[str]) -> None:
    """``FD PATH MEMORY``: serve the socket FD over the store at PATH, within MEMORY MiB (0: no limit).

    The loop runs in a thread with a 64 MiB stack: Oxigraph's parser and evaluator recurse, and on the main
    thread's 8 MiB a query a few thousand levels deep overflows and kills the process. The text is bounded
    before it reaches them (:mod:`.sparql_text`); the larger stack is the margin behind that bound.
    """
    import socket

    fd, path, memory = int(argv[0]), argv[1], int(argv[2])
    if memory:
        import resource

        limit = memory * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    threading.stack_size(QUERY_STACK)
    loop = threading.Thread(target=serve, args=(socket.socket(fileno=fd), path), name="queries", daemon=True)
    loop.start()
    try:
        loop.join()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main(sys.argv[1:])
