"""The on-disk store: one pyoxigraph store, one named graph per source record.

Queries see the union of all named graphs as their default graph; ``GRAPH`` reaches each record's graph.
New records are written in batches of whole records through the bulk loader; a changed record is replaced
by one SPARQL update that drops and re-inserts its graph in a single transaction.
"""
from __future__ import annotations

import os
from pathlib import Path
import pyoxigraph
from pyoxigraph import NamedNode, RdfFormat, parse

from hemicycle.ontology.terms import HM

DEFAULT_STORE = "hemicycle-data"
STORE_ENV = "HEMICYCLE_STORE"


class StoreError(Exception):
    """The store cannot be opened or written (missing, locked by a writer, not a store)."""


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
            raise StoreError(f"{self.path}: cannot open the store ({error})") from None

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
            # lenient: the N-Quads come from the mapping's own writer (ingest/rdf.py), over IRIs pyoxigraph has
            # checked and literals escaped as its own serialiser escapes them.
            self.store.bulk_load(input=data, format=RdfFormat.N_QUADS, lenient=True)

    def replace_record(self, graph: NamedNode, nquads: bytes) -> None:
        """Replace one record's graph by these N-Quads in a single transaction."""
        quads = parse(nquads, format=RdfFormat.N_QUADS)
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self.store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")

    def __len__(self) -> int:
        return len(self.store)
