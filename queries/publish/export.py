"""Dumps of the store in the standard RDF formats, streamed (the store is never loaded into memory).

N-Quads, TriG and JSON-LD keep the named graphs (one per source record); N-Triples, Turtle and RDF/XML hold
the union of the graphs. Turtle and TriG use the project's prefixes; JSON-LD is compacted with the project's
context (:mod:`hemicycle.queries.publish.jsonld`). Any of them can be gzipped.

What is exported: the whole store, or a subset: some named graphs, one legislature (:func:`legislature_graphs`)
or the result of a CONSTRUCT query. The whole store in N-Quads or TriG is written by pyoxigraph alone (no
Python in the loop); the other formats and the subsets pass each quad through a Python generator, one at a
time, into pyoxigraph's writers or :mod:`.jsonld`.
"""
from __future__ import annotations

import gzip as gzip_module
import os
from contextlib import ExitStack
from typing import IO, Iterable, Iterator

from pyoxigraph import NamedNode, Quad, QueryBoolean, QueryTriples, RdfFormat, Triple, serialize

from hemicycle.ingest.store import GraphStore, changed_under_reader
from hemicycle.ontology.terms import PREFIXES
from hemicycle.queries import catalog
from hemicycle.queries.publish import jsonld
from hemicycle.ontology.errors import ExportError, StoreChanged

DATASET_FORMATS = {"nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD}
GRAPH_FORMATS = {"ntriples": RdfFormat.N_TRIPLES, "turtle": RdfFormat.TURTLE, "rdfxml": RdfFormat.RDF_XML}
FORMATS = (*DATASET_FORMATS, *GRAPH_FORMATS)
EXTENSIONS = {"nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld", "ntriples": ".nt", "turtle": ".ttl",
              "rdfxml": ".rdf"}
MEDIA_TYPES = {"nquads": "application/n-quads", "trig": "application/trig", "jsonld": "application/ld+json",
               "ntriples": "application/n-triples", "turtle": "text/turtle", "rdfxml": "application/rdf+xml"}
GZIP_LEVEL = 6


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")


def _prefixes(fmt: str) -> dict | None:
    return PREFIXES if fmt in ("trig", "turtle", "rdfxml") else None


def legislature_graphs(store: GraphStore, legislature: int) -> list[NamedNode]:
    """The named graphs of one legislature, so that the subset stands on its own.

    They are the record graphs holding something of that legislature (``hm:legislature``: its questions,
    mandates and organs), then the graphs describing anything those graphs point to (the deputies, groups,
    ministries, rubriques, cited decisions and texts, the ingest runs), one step out. Sorted by IRI.
    """
    if not isinstance(legislature, int) or isinstance(legislature, bool) or legislature < 1:
        raise ExportError(f"a legislature is a positive number, not {legislature!r}")
    query = catalog.publish_query("legislature-graphs")
    found = store.query(query.text, substitutions=query.substitutions({"legislature": str(legislature)}),
                        union=False)
    return sorted((row["g"] for row in found if isinstance(row["g"], NamedNode)), key=lambda g: g.value)


def _graph_quads(store: GraphStore, graphs: Iterable[NamedNode]) -> Iterator[Quad]:
    for graph in graphs:
        yield from store.store.quads_for_pattern(None, None, None, graph)


def _as_triples(quads: Iterable[Quad]) -> Iterator[Triple]:
    for quad in quads:
        yield quad.triple


def check_graphs(store: GraphStore, graphs: Iterable[str | NamedNode]) -> list[NamedNode]:
    """The graphs as terms, each one checked to exist in the store."""
    checked = []
    for graph in graphs:
        try:
            node = graph if isinstance(graph, NamedNode) else NamedNode(graph)
        except ValueError as error:
            raise ExportError(f"{graph!r} is not an IRI ({error})") from None
        if not store.store.contains_named_graph(node):
            raise ExportError(f"no graph {node.value} in the store")
        checked.append(node)
    return checked


def construct(store: GraphStore, query: str) -> QueryTriples:
    """The triples of a CONSTRUCT (or DESCRIBE) query on the union of the graphs."""
    result = store.query(query)
    if not isinstance(result, QueryTriples):
        kind = "an ASK" if isinstance(result, QueryBoolean) else "a SELECT"
        raise ExportError(f"a CONSTRUCT or DESCRIBE query is needed to export its result, not {kind} query")
    return result


def _open(output: IO[bytes] | str | os.PathLike, gzip: bool, stack: ExitStack):
    """The stream to write to, and whether pyoxigraph may be given the path itself (the fastest)."""
    if isinstance(output, (str, os.PathLike)):
        if not gzip:
            return os.fspath(output), True
        return stack.enter_context(gzip_module.open(output, "wb", compresslevel=GZIP_LEVEL)), False
    if gzip:
        return stack.enter_context(gzip_module.GzipFile(fileobj=output, mode="wb", compresslevel=GZIP_LEVEL)), False
    return output, False


def export(store: GraphStore, output: IO[bytes] | str | os.PathLike, fmt: str, *, gzip: bool = False,
           graphs: Iterable[str | NamedNode] | None = None, legislature: int | None = None,
           construct_query: str | None = None) -> None:
    """Write the store, or a subset of it, to ``output`` (a binary stream, or a file path: faster).

    ``graphs``: only these named graphs; ``legislature``: the graphs of :func:`legislature_graphs`;
    ``construct_query``: the triples a CONSTRUCT query builds (in a dataset format, they are in the default
    graph). At most one of the three. ``gzip`` compresses the output.

    A file of the store removed under the export (a writer in another process compacted or loaded the store
    after it was opened) raises :class:`~hemicycle.ontology.errors.StoreChanged`; the output is then incomplete.
    """
    try:
        _export(store, output, fmt, gzip, graphs, legislature, construct_query)
    except OSError as error:
        if changed_under_reader(store.path, error):
            raise StoreChanged(store.path, error) from None
        raise


def _export(store, output, fmt, gzip, graphs, legislature, construct_query) -> None:
    _check_format(fmt)
    subsets = [s for s in (graphs, legislature, construct_query) if s is not None]
    if len(subsets) > 1:
        raise ExportError("choose one subset: graphs, a legislature or a CONSTRUCT query")
    statements = None  # None: the whole store
    if construct_query is not None:
        statements = construct(store, construct_query)
    elif legislature is not None:
        selected = legislature_graphs(store, legislature)
        if not selected:
            raise ExportError(f"no graph of legislature {legislature} in the store")
        statements = _graph_quads(store, selected)
    elif graphs is not None:
        statements = _graph_quads(store, check_graphs(store, graphs))
    with ExitStack() as stack:
        out, is_path = _open(output, gzip, stack)
        _write(store, statements, out, fmt, is_path)


def _write(store: GraphStore, statements, out, fmt: str, is_path: bool) -> None:
    if fmt == "jsonld":
        if statements is None:
            statements = store.store.quads_for_pattern(None, None, None, None)
        if is_path:
            with open(out, "wb") as stream:
                jsonld.write(statements, stream)
        else:
            jsonld.write(statements, out)
        return
    if statements is None:
        if fmt in DATASET_FORMATS:
            store.store.dump(out, DATASET_FORMATS[fmt], prefixes=_prefixes(fmt))
            return
        # The union, quad by quad without the graph name: a CONSTRUCT of the union would keep a growing
        # table (0.7 GiB for a million quads); a triple in two graphs is written twice, which RDF reads as once.
        statements = _as_triples(store.store.quads_for_pattern(None, None, None, None))
    elif fmt in GRAPH_FORMATS and not isinstance(statements, QueryTriples):
        statements = _as_triples(statements)
    rdf_format = DATASET_FORMATS.get(fmt) or GRAPH_FORMATS[fmt]
    serialize(statements, out, rdf_format, prefixes=_prefixes(fmt))
