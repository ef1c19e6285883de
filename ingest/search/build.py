"""Build the search index, or bring it in step with the store.

:func:`refresh` (what ``hemicycle ingest`` runs at the end, after the store is written) compares the content hash
of every record graph (``GraphStore.record_hashes()``) with the hashes the index was built from, and reads again
only the documents of the new and changed graphs, those that draw on what a changed graph describes (the
questions of a deputy whose name changed) and the deputies, decisions and rubriques a changed graph points to
(a new mandate, a new citation); the documents of a graph gone from the store go. All of it in one transaction:
a reader sees the index before or after, and a run stopped half way leaves it as it was. When the index is
missing, was built by another version of the analyzer, or when a large share of the store changed, it is built
again whole.

:func:`rebuild` builds a new index in a file beside the old one (``search.sqlite.tmp-PID``) and renames it over
the old one once complete, so that readers go on reading the old one meanwhile and a crash leaves it untouched.
Worker processes read the store a property at a time, and analyse the texts as they read them; then this
process makes the documents while a thread of its own writes them.
"""
from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from pyoxigraph import NamedNode, Variable
from tqdm import tqdm

from hemicycle.ingest.search import index, tables
from hemicycle.ingest.search.documents import PROPERTIES, STARTS, Builder, Document
from hemicycle.ingest.search.facts import AllFacts, GraphFacts
from hemicycle.ingest.search.reading import query_text
from hemicycle.ingest.search.workers import open_in_worker
from hemicycle.ontology.errors import SearchIndexError, disk_full
from hemicycle.ingest.durable import sync_folder

BATCH = 400  # documents written at a time
AHEAD = 4  # batches handed to the writing thread ahead of the one it writes
PARALLEL_FROM = 2_000  # record graphs from which a full build starts worker processes
#: an update reading more documents than this, or than this share of the index, builds it whole instead
FULL_FROM, FULL_SHARE = 5_000, 0.2
#: the document types a changed graph may change by pointing to them (and no other)
POINTED_TYPES = ("deputy", "decision", "rubrique")


@dataclass
class Outcome:
    """What a build or an update did."""
    action: str  # "built", "updated" or "unchanged"
    documents: int  # documents in the index now
    written: int = 0  # documents (re)written
    removed: int = 0  # documents removed
    seconds: float = 0.0

    def summary(self) -> str:
        if self.action == "built":
            return f"search index built: {self.documents:,} documents in {self.seconds:.1f} s"
        if self.action == "updated":
            return (f"search index updated: {self.written:,} documents written, {self.removed:,} removed "
                    f"({self.documents:,} in all) in {self.seconds:.1f} s")
        return f"search index unchanged ({self.documents:,} documents)"


def rebuild(store, path: Path, *, jobs: int | None = None, progress: bool | None = None) -> Outcome:
    """Build the index of ``store`` (a :class:`~hemicycle.ingest.store.GraphStore`) whole, into ``path``."""
    started = time.perf_counter()
    hashes = store.record_hashes()
    _remove_leftovers(path)
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(temporary, check_same_thread=False)  # written by a thread of its own
        try:
            for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -262144", "temp_store = MEMORY"):
                connection.execute(f"PRAGMA {pragma}")
            index.create(connection)
            index.merging(connection, index.BUILD_MERGING)
            facts = AllFacts(store)
            try:
                with _pool(store, jobs, len(hashes)) as pool:
                    if pool is not None:
                        facts.preload(PROPERTIES, STARTS, pool, path.with_name(temporary.name + ".texts"))
                count = _write(connection, Builder(facts).documents(), 1, True, progress)
            finally:
                facts.close()
            index.merging(connection, index.MERGING)
            index.finish(connection)
            tables.set_graphs(connection, hashes)
            index.set_meta(connection, built=_now(), documents=count)
            connection.commit()
        finally:
            connection.close()
        with open(temporary, "rb+") as written:  # on the disk before it takes the index's name
            os.fsync(written.fileno())
        os.replace(temporary, path)
        sync_folder(path.parent)
    except (sqlite3.Error, OSError) as error:
        temporary.unlink(missing_ok=True)
        raise _write_error(path, error) from None
    except BaseException:  # Ctrl-C, a store that cannot be read: the old index stays, the half-built one goes
        temporary.unlink(missing_ok=True)
        raise
    return Outcome("built", count, written=count, seconds=time.perf_counter() - started)


@contextmanager
def _pool(store, jobs: int | None, size: int):
    """Worker processes for a full build of ``size`` record graphs, each with the store open read-only: none for
    one job, a small store (starting them would cost more than they save) or a store in memory (which another
    process cannot open). They are started afresh ("spawn"), not forked: a child forked from a process that holds
    the store open may wait for ever on a lock one of RocksDB's threads held at the fork."""
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs <= 1 or store.path is None or size < PARALLEL_FROM:
        yield None
        return
    try:
        store.store.flush()  # a writer's last records on the disk, where the workers read them
    except RuntimeError:  # a read-only store: nothing of its own to flush
        pass
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=open_in_worker,
                             initargs=(str(store.path),)) as pool:
        yield pool


def refresh(store, path: Path, *, jobs: int | None = None, progress: bool | None = None) -> Outcome:
    """Bring the index in step with the store (module docstring): an update, or a full build when needed."""
    started = time.perf_counter()
    if not path.is_file():
        return rebuild(store, path, jobs=jobs, progress=progress)
    try:
        connection = sqlite3.connect(path, timeout=30)
    except sqlite3.Error as error:
        raise _write_error(path, error) from None
    try:
        if not index.current(connection):
            connection.close()
            return rebuild(store, path, jobs=jobs, progress=progress)
        return _update(store, path, connection, started, jobs, progress)
    except sqlite3.Error as error:
        raise _write_error(path, error) from None
    finally:
        connection.close()


def _update(store, path: Path, connection: sqlite3.Connection, started: float, jobs, progress) -> Outcome:
    hashes = store.record_hashes()
    known = dict(connection.execute("SELECT graph, hash FROM graphs"))
    changed = {graph: digest for graph, digest in hashes.items() if known.get(graph) != digest}
    removed = [graph for graph in known if graph not in hashes]
    total = connection.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
    if not changed and not removed:
        return Outcome("unchanged", total)
    if len(changed) + len(removed) > max(FULL_FROM, FULL_SHARE * len(hashes)):
        connection.close()
        return rebuild(store, path, jobs=jobs, progress=progress)
    described, pointed = _touched(store, changed)
    affected = _affected(connection, [*changed, *removed], described, pointed)
    if len(affected) > max(FULL_FROM, FULL_SHARE * total):
        connection.close()
        return rebuild(store, path, jobs=jobs, progress=progress)
    graphs = (set(changed) | {graph for graph in affected.values()}) - set(removed)
    made = list(Builder(GraphFacts(store, sorted(graphs))).documents())
    with connection:  # one transaction: a reader sees the index before or after
        again = {row[0] for row in _rows_of(connection, "iri", [d.iri for d in made])}  # moved between graphs
        gone = tables.delete(connection, set(affected) | again) - {d.iri for d in made}
        _write(connection, iter(made), tables.next_id(connection), False, False)
        tables.set_graphs(connection, changed, removed)
        total = connection.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
        index.set_meta(connection, updated=_now(), documents=total)
    return Outcome("updated", total, written=len(made), removed=len(gone), seconds=time.perf_counter() - started)


def _touched(store, graphs: Iterable[str]) -> tuple[set[str], set[str]]:
    """What the changed graphs describe (their subjects) and what they point to (their objects' IRIs)."""
    query = query_text("touched")
    described, pointed = set(), set()
    for graph in graphs:
        for row in store.query(query, substitutions={Variable("graph"): NamedNode(graph)}):
            (described if row["role"].value == "described" else pointed).add(row["resource"].value)
    return described, pointed


def _affected(connection, graphs: list[str], described: set[str], pointed: set[str]) -> dict[int, str]:
    """The documents to read again, by number, with their graphs."""
    found = dict((number, graph) for number, graph in _rows_of(connection, "graph", graphs))
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (iri TEXT PRIMARY KEY) WITHOUT ROWID")
    for iris, query in ((described, "SELECT d.id, d.graph FROM refs r JOIN docs d ON d.id = r.doc "
                                     "WHERE r.iri IN (SELECT iri FROM wanted)"),
                        (pointed, "SELECT id, graph FROM docs WHERE iri IN (SELECT iri FROM wanted) AND type IN "
                                  f"({', '.join(repr(t) for t in POINTED_TYPES)})")):
        connection.execute("DELETE FROM wanted")
        connection.executemany("INSERT OR IGNORE INTO wanted (iri) VALUES (?)", ((iri,) for iri in iris))
        found.update(connection.execute(query).fetchall())
    connection.execute("DELETE FROM wanted")
    return found


def _rows_of(connection, column: str, values: list[str]) -> list[tuple[int, str]]:
    """``(id, graph)`` of the documents whose ``column`` is one of ``values``."""
    rows = []
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        rows += connection.execute(f"SELECT id, graph FROM docs WHERE {column} IN ({', '.join('?' * len(chunk))})",
                                   chunk).fetchall()
    return rows


def _write(connection, documents: Iterator[Document], first_id: int, threaded: bool, progress) -> int:
    """Analyse documents and insert them; how many. ``threaded``: a thread writes (SQLite lets go of Python's
    lock while it indexes) while this one makes and analyses the next documents."""
    batches = iter(lambda: list(islice(documents, BATCH)), [])
    next_id = first_id
    with tqdm(desc="search index", unit="doc", disable=_quiet(progress)) as bar:
        if not threaded:
            for batch in batches:
                next_id = tables.insert(connection, next_id, tables.prepared(batch))
                bar.update(len(batch))
            return next_id - first_id
        writing: deque = deque()
        with ThreadPoolExecutor(1, thread_name_prefix="search-index-writer") as writer:
            for batch in batches:
                writing.append(writer.submit(tables.insert, connection, next_id, tables.prepared(batch)))
                next_id += len(batch)
                bar.update(len(batch))
                while len(writing) > AHEAD or (writing and writing[0].done()):
                    writing.popleft().result()
            while writing:
                writing.popleft().result()
    return next_id - first_id


def _quiet(progress: bool | None) -> bool | None:
    return None if progress is None else not progress  # None: tqdm shows the bar only on a terminal


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _remove_leftovers(path: Path) -> None:
    """Remove the temporary files of builds killed half way (their process gone): ``search.sqlite.tmp-PID``
    and ``search.sqlite.tmp-PID.texts``."""
    for leftover in path.parent.glob(f"{path.name}.tmp-*"):
        pid = leftover.name[len(path.name) + len(".tmp-"):].partition(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_error(path: Path, error: Exception) -> SearchIndexError:
    full = disk_full(error) or "database or disk is full" in str(error)
    return SearchIndexError(f"{path}: {'the disk is full: ' if full else ''}the search index could not be "
                            f"written ({error}); the index as it was stays")
