"""Dumps of the store in the standard RDF formats, streamed (the store is never loaded into memory).

N-Quads, TriG and JSON-LD keep the named graphs (one per source record); N-Triples and Turtle hold the
union of the graphs.
"""
from __future__ import annotations

from typing import IO

from pyoxigraph import RdfFormat, serialize

from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.terms import PREFIXES

DATASET_FORMATS = {"nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD}
GRAPH_FORMATS = {"ntriples": RdfFormat.N_TRIPLES, "turtle": RdfFormat.TURTLE}
FORMATS = (*DATASET_FORMATS, *GRAPH_FORMATS)
EXTENSIONS = {"nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld", "ntriples": ".nt", "turtle": ".ttl"}


def export(store: GraphStore, output: IO[bytes] | str, fmt: str) -> None:
    """Write the store to ``output`` (a binary stream, or a file path, which is faster: no Python in the loop)."""
    if fmt in DATASET_FORMATS:
        prefixes = PREFIXES if fmt == "trig" else None
        store.store.dump(output, DATASET_FORMATS[fmt], prefixes=prefixes)
    elif fmt in GRAPH_FORMATS:
        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        prefixes = PREFIXES if fmt == "turtle" else None
        serialize(triples, output, GRAPH_FORMATS[fmt], prefixes=prefixes)
    else:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
