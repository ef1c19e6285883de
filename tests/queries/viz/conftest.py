"""Fixtures of the pictures' tests: two stores built once a module from the fixture graphs (see test_viz.py)."""
from __future__ import annotations

import pytest

from hemicycle.ingest.store import GraphStore
from hemicycle.queries.cli import sample_path

from support import FIXTURES, ingest


@pytest.fixture(scope="module")
def graph_store(tmp_path_factory):
    store = GraphStore(tmp_path_factory.mktemp("viz") / "store")
    first = ingest(store, sample_path(), FIXTURES / "graph" / "amo", FIXTURES / "graph" / "questions")
    second = ingest(store, FIXTURES / "graph" / "run2")
    assert not first.rejections and not second.rejections
    return store


@pytest.fixture(scope="module")
def citation_store(tmp_path_factory):
    store = GraphStore(tmp_path_factory.mktemp("viz-citations") / "store")
    report = ingest(store, sample_path(), FIXTURES / "citations-graph" / "amo",
                    FIXTURES / "citations-graph" / "questions")
    assert not report.rejections
    return store
