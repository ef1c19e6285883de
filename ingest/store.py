"""The on-disk store: one pyoxigraph store, one named graph per source record.

Queries see the union of all named graphs as their default graph; ``GRAPH`` reaches each record's graph.
New records are written in batches of whole records through the bulk loader; a changed record is replaced
by one SPARQL update that drops and re-inserts its graph in a single transaction.

A write that fails (most often a full disk) raises :class:`StoreWriteError`: each batch is ingested whole or
not at all, so the store keeps every batch loaded before. The bulk loader writes its sorted files into the
store folder (``bulk-<number>.sst``) before RocksDB takes them in; a load killed or failed on the way leaves
them there, up to a hundred megabytes each, and the next writer removes them.

Each bulk load leaves sorted files that overlap the ones before, and RocksDB merges them in the background,
slowly; a store read right after a large ingest looks every term up in many files. :meth:`GraphStore.optimize`
compacts the store, each index into one sorted run: its N-Quads export then runs two to three times as fast,
its queries about twice (``benchmarks/RESULTS.md``). What slows reading is the number of loads more than their
size: a run of 641 records (33,000 quads) into a compacted store of 4 million quads halved its export speed.
So ``hemicycle ingest`` compacts at the end of every run that wrote a record, whatever its size.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path
import pyoxigraph
from pyoxigraph import NamedNode, RdfFormat, parse

from hemicycle.ontology.terms import HM
from hemicycle.ontology.errors import disk_full, NoRoomToOptimize, StoreError, StoreWriteError

DEFAULT_STORE = "hemicycle-data"
STORE_ENV = "HEMICYCLE_STORE"
# Free space a compaction needs, as a multiple of the store folder's size: it writes the merged files before it
# removes the old ones, and on a small store keeps them uncompressed (up to twice the size was seen).
OPTIMIZE_ROOM = 2.0


def changed_under_reader(path: Path | None, error: Exception) -> bool:
    """Whether an error reading the store says one of its files was removed since the store was opened: RocksDB
    opens a read-only store's files as it needs them, and a writer's compaction removes the ones it merged."""
    text = str(error)
    return (path is not None and isinstance(error, OSError) and "No such file or directory" in text
            and str(path) in text and ".sst" in text)


# The system's messages, and RocksDB's own when its space manager refuses a file.
_FULL = tuple(os.strerror(code) for code in (errno.ENOSPC, errno.EDQUOT)) + ("Space limit reached",)


_BULK_LEFTOVER = re.compile(r"bulk-\d+\.sst")


def remove_bulk_leftovers(path: Path) -> list[Path]:
    """Remove the bulk loader's sorted files that a killed or failed load left in the store folder.

    Only for the writer that holds the store's lock: a live load's files belong to the writer that holds it,
    and readers never open them (RocksDB's own files are numbered, without the prefix)."""
    removed = []
    for file in path.iterdir():
        if _BULK_LEFTOVER.fullmatch(file.name):
            file.unlink(missing_ok=True)
            removed.append(file)
    return removed


def folder_size(path: Path) -> int:
    """The bytes of the files in a store folder."""
    total = 0
    with os.scandir(path) as entries:
        for entry in entries:
            try:
                if entry.is_file():
                    total += entry.stat().st_size
            except FileNotFoundError:  # removed meanwhile by a writer
                continue
    return total


def store_path(given: str | os.PathLike | None = None) -> Path:
    """``--store``, else ``$HEMICYCLE_STORE``, else ``./hemicycle-data``."""
    return Path(given or os.environ.get(STORE_ENV) or DEFAULT_STORE)


class GraphStore:
    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False,
                 in_memory: bool = False):
        self.path = None if in_memory else store_path(path)
        try:
            if in_memory:
                self.store = pyoxigraph.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(f"{self.path}: no store here (build one with 'hemicycle ingest')")
                self.store = pyoxigraph.Store.read_only(str(self.path))
            else:
                self.store = pyoxigraph.Store(str(self.path))
        except (OSError, RuntimeError) as error:  # RocksDB reports a damaged store as a RuntimeError
            if disk_full(error):  # opening for writing writes a new manifest
                raise StoreWriteError(self.path, error) from None
            raise StoreError(f"{self.path}: cannot open the store ({error})") from None
        if self.path is not None and not read_only:  # the lock is ours: no other writer is loading
            remove_bulk_leftovers(self.path)

    def query(self, sparql: str, *, substitutions: dict | None = None, union: bool = True, **options):
        """Run a SPARQL query with the union of the named graphs as the default graph."""
        return self.store.query(sparql, use_default_graph_as_union=union, substitutions=substitutions,
                                **options)

    def record_hashes(self) -> dict[str, str]:
        """The content hash of every record graph, by graph IRI."""
        solutions = self.store.query(
            f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{HM.contentHash.value}> ?h }} }}"
        )
        return {row["g"].value: row["h"].value for row in solutions}

    def add_nquads(self, data: bytes) -> None:
        """Add whole new records, given as N-Quads, in one batch.

        The batch goes through Oxigraph's bulk loader, which writes sorted files for every index and has
        RocksDB ingest them together: much faster than a transaction. Batches are made of whole records and
        kept well under the loader's chunk size, so that a record is never split between two ingestions.
        """
        if data:
            # lenient: the N-Quads come from the mapping's own writer (ingest/mapping/rdf.py), over IRIs pyoxigraph has
            # checked and literals escaped as its own serialiser escapes them.
            try:
                self.store.bulk_load(input=data, format=RdfFormat.N_QUADS, lenient=True)
            except OSError as error:
                raise StoreWriteError(self.path, error) from None

    def replace_record(self, graph: NamedNode, nquads: bytes) -> None:
        """Replace one record's graph by these N-Quads in a single transaction."""
        quads = parse(nquads, format=RdfFormat.N_QUADS)
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        try:
            self.store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
        except OSError as error:
            raise StoreWriteError(self.path, error) from None

    def optimize(self) -> None:
        """Compact the store: RocksDB merges the sorted files of every index into one run, so that reading a
        term is one lookup in one file. What the store holds does not change.

        It rewrites the whole store. pyoxigraph does not report a compaction that fails (Oxigraph drops
        RocksDB's status): on a full disk it returns as if done and leaves the store as it was, after filling
        the disk. So the free space is checked first (:data:`OPTIMIZE_ROOM` times the folder's size), and
        :class:`NoRoomToOptimize` raised without compacting when it is short. Readers in other processes that
        opened the store before may find files gone (:class:`StoreChanged`)."""
        if self.path is not None:
            needed, free = int(folder_size(self.path) * OPTIMIZE_ROOM), shutil.disk_usage(self.path).free
            if free < needed:
                raise NoRoomToOptimize(self.path, free, needed)
        try:
            self.store.optimize()
        except OSError as error:
            raise StoreWriteError(self.path, error) from None

    def __len__(self) -> int:
        return len(self.store)
