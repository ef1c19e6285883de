"""Fixtures of the link tests: the XVIth legislature's AMO in a store, and a real SPARQL endpoint in Wikidata's
RDF model (Oxigraph's server) that holds what the saved answer of ../shared/data/wikidata states."""
from __future__ import annotations

import shutil

import pytest

from hemicycle.ingest.store import GraphStore
from support import ingest, real_data, shared
from support.wikidata import FaultProxy, OxigraphServer, wikidata_ntriples

AMO16 = ("amo", "l16-AMO20_dep_sen_min_tous_mandats_et_organes.json.zip")


@pytest.fixture(scope="session")
def saved_answer():
    return shared("wikidata", "l16-deputes-wdqs.json")


@pytest.fixture(scope="session")
def amo16_store_path(tmp_path_factory):
    """A store of the real XVIth AMO (1,075 acteurs with their mandates, 798 organes), built once."""
    path = tmp_path_factory.mktemp("amo16") / "store"
    store = GraphStore(path)
    ingest(store, real_data(*AMO16))
    del store
    return path


@pytest.fixture
def amo16_copy(amo16_store_path, tmp_path):
    """A copy of that store's folder, for a test to write links into."""
    copy = tmp_path / "store"
    shutil.copytree(amo16_store_path, copy)
    return copy


@pytest.fixture
def amo16_store(amo16_copy):
    """That copy, open."""
    return GraphStore(amo16_copy)


@pytest.fixture(scope="session")
def wikidata_endpoint(saved_answer, tmp_path_factory):
    """Oxigraph's server on loopback, loaded with the saved answer's statements in Wikidata's RDF model."""
    server = OxigraphServer(tmp_path_factory.mktemp("wikidata"), wikidata_ntriples(saved_answer))
    yield server.url
    server.stop()


@pytest.fixture
def faulty_endpoint(wikidata_endpoint):
    """A proxy to that server that answers a script of faults first (``proxy.script``)."""
    proxy = FaultProxy(wikidata_endpoint)
    yield proxy
    proxy.stop()
