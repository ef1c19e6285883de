"""What the graph means: the vocabulary, the IRI minting rules, the SHACL shapes and the JSON-LD context.

The Turtle files beside this module are the source of truth; :mod:`hemicycle.ontology.terms` is their closed
Python view (a mistyped term fails at import time), and :mod:`hemicycle.ontology.iris` mints every IRI.
"""
from importlib import resources

ONTOLOGY_FILE = "hemicycle.ttl"
SHAPES_FILE = "shapes.ttl"
CONTEXT_FILE = "context.jsonld"


def read_resource(name: str) -> bytes:
    """The bytes of one of the ontology's files (``hemicycle.ttl``, ``shapes.ttl``, ``context.jsonld``)."""
    return resources.files(__name__).joinpath(name).read_bytes()
