"""Fixtures of the ontology's tests: its three files parsed once a module, and the hand-written valid graph."""
from __future__ import annotations

import json

import pytest
import rdflib

from hemicycle.ontology import CONTEXT_FILE, ONTOLOGY_FILE, SHAPES_FILE, read_resource

from support.ontology import VALID, turtle


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return turtle(read_resource(ONTOLOGY_FILE))


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return turtle(read_resource(SHAPES_FILE))


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads(read_resource(CONTEXT_FILE))["@context"]


@pytest.fixture(scope="module")
def valid() -> rdflib.Graph:
    return turtle(VALID.read_bytes())
