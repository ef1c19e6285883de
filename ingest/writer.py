"""The store side of an ingest run: each mapped graph compared with the store by its content hash and written
only when it is new or changed, the new ones loaded in batches by a thread of their own while mapping goes on.

The graphs that one run may describe more than once wait for the end of their pass
(:mod:`hemicycle.ingest.mapping.shared` states the rule): the writer keeps them until :meth:`GraphWriter.end_pass`.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from pyoxigraph import NamedNode

from hemicycle.ingest.mapping.mapper import MappedGraph
from hemicycle.ingest.mapping.shared import keep, waits
from hemicycle.ingest.report import IngestReport
from hemicycle.ingest.store import GraphStore


class GraphWriter:
    """Writes one run's graphs into a store, and counts them in the run's report.

    New graphs go into a batch, loaded once it holds ``batch_bytes`` bytes or ``batch_quads`` quads; a changed
    graph is replaced at once, after the batches before it. :meth:`close` stops the loading thread."""

    def __init__(self, store: GraphStore, report: IngestReport, batch_bytes: int, batch_quads: int):
        self.store = store
        self.report = report
        self.batch_bytes, self.batch_quads = batch_bytes, batch_quads
        self.hashes = store.record_hashes()  # graph name -> content hash: the store's, then what was written
        self.kept: dict[str, MappedGraph] = {}  # the graphs waiting for the end of the pass, by name
        self.pending: list[bytes] = []  # the N-Quads of the new graphs of the next batch
        self.pending_size = self.pending_quads = 0
        self.loader = ThreadPoolExecutor(1, thread_name_prefix="loader")
        self.loading: Future | None = None  # the batch being loaded

    def take(self, graph: MappedGraph, amo_pass: bool) -> None:
        """Write a graph now, or keep it to the end of the pass when it may come again."""
        if waits(graph.counted, amo_pass):
            keep(self.kept, graph.name, graph, graph.first_wins)
        else:
            self.write(graph)

    def end_pass(self) -> None:
        """Write the graphs kept during the pass. This does not wait for the store: what is pending goes with
        the next batch, and the batch being loaded goes on loading while the next pass maps."""
        for graph in self.kept.values():
            self.write(graph)
        self.kept = {}

    def write(self, graph: MappedGraph) -> None:
        """Write one graph if it is new (in a batch) or changed (replaced at once); count it."""
        report = self.report
        previous = self.hashes.get(graph.name)
        if previous == graph.digest:
            report.unchanged += graph.counted
            return
        report.graphs_written += 1
        if previous is None:
            report.added += graph.counted
            self.pending.append(graph.nquads)
            self.pending_size += len(graph.nquads)
            self.pending_quads += graph.quads
            if self.pending_size >= self.batch_bytes or self.pending_quads >= self.batch_quads:
                self.flush(wait=False)
        else:
            report.updated += graph.counted
            self.flush()
            self.store.replace_record(NamedNode(graph.name), graph.nquads)
        self.hashes[graph.name] = graph.digest

    def flush(self, wait: bool = True) -> None:
        """Load the pending graphs. The load runs in a thread (pyoxigraph releases the GIL meanwhile), so
        that mapping goes on; ``wait`` returns only once everything handed over is in the store."""
        if self.loading is not None:
            self.loading.result()
            self.loading = None
        if self.pending:
            self.loading = self.loader.submit(self.store.add_nquads, b"".join(self.pending))
        self.pending, self.pending_size, self.pending_quads = [], 0, 0
        if wait and self.loading is not None:
            self.loading.result()
            self.loading = None

    def close(self) -> None:
        """Stop the loading thread, once the batch it loads is in (also when a load failed)."""
        self.loader.shutdown(cancel_futures=True)
