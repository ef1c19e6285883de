"""A worker's read-only handle: kept while the store folder is unchanged, reopened when a writer changed it."""
from __future__ import annotations

import shutil

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Quad

from hemicycle.queries.web.worker import Handle

ASK = "ASK { <http://example.org/s> ?p ?o }"


def test_handle_kept_then_reopened(sample_store_path, tmp_path):
    path = tmp_path / "store"
    shutil.copytree(sample_store_path, path)
    handle = Handle(str(path))
    first = handle.get(0)
    assert handle.get(0) is first and handle.get(0) is first  # nothing changed: the same handle
    assert not first.query(ASK, use_default_graph_as_union=True)

    writer = pyoxigraph.Store(str(path))  # another writer (here in-process) changes the store
    writer.add(Quad(NamedNode("http://example.org/s"), NamedNode("http://example.org/p"), Literal("o"),
                    NamedNode("http://example.org/g")))
    writer.flush()
    del writer
    second = handle.get(0)
    assert second is not first
    assert second.query(ASK, use_default_graph_as_union=True)
    assert handle.get(0) is second
    assert handle.get(1) is not second  # a new generation (after an update through the server) reopens
