"""Helpers of the ontology's tests: where its files are, the vocabularies the data is written in, term lookups."""
from __future__ import annotations

import re
from pathlib import Path

import rdflib
from rdflib import OWL, RDF, BNode, URIRef
from rdflib.collection import Collection

from hemicycle.ontology import docs, terms
from hemicycle.ontology.terms import HM

from support import FIXTURES

ONTOLOGY_DIR = Path(docs.__file__).resolve().parent
MAPPING = ONTOLOGY_DIR / "MAPPING.md"
DOCS_PAGE = ONTOLOGY_DIR / "docs" / "index.html"
VALID = FIXTURES / "shacl" / "valid.ttl"
ID = "https://w3id.org/hemicycle/id/"
Q = f"{ID}question/QANR5L17QE99901"  # the question of the valid graph

STATUSES = ("Answered", "Pending", "Withdrawn", "Lapsed")
# The vocabularies the data graph is written in (rdf:, owl:, xsd: only give it structure and datatypes).
DATA_PREFIXES = ("hm", "org", "foaf", "schema", "dcterms", "skos", "prov", "time", "oa", "rdfs")

# Properties whose domain or range is deliberately left open, and why. The test also checks that each one is
# still open, so this list cannot outlive its reason.
OPEN_DOMAIN = {
    "recordGraph": "any described entity may point to the named graph of its record; MAPPING.md v1 does not "
                   "write this property yet, so no class is committed to",
}
OPEN_RANGE: dict[str, str] = {}


def turtle(data: bytes) -> rdflib.Graph:
    return rdflib.Graph().parse(data=data, format="turtle")


def hm(name: str) -> URIRef:
    return URIRef(HM[name].value)


def term_kind(graph: rdflib.Graph, name: str) -> str:
    types = set(graph.objects(hm(name), RDF.type))
    for owl_type, kind in ((OWL.Class, "class"), (OWL.ObjectProperty, "object"),
                           (OWL.DatatypeProperty, "datatype"), (OWL.NamedIndividual, "individual")):
        if owl_type in types:
            return kind
    return "undeclared"


def mapping_curies() -> set[tuple[str, str]]:
    """The (prefix, local name) pairs of the terms MAPPING.md names."""
    text = MAPPING.read_text(encoding="utf-8")
    pattern = r"\b(" + "|".join(DATA_PREFIXES) + r"):([A-Za-z]\w*)"
    return set(re.findall(pattern, text))


def expand(curie: str) -> URIRef:
    prefix, _, local = curie.partition(":")
    return URIRef(terms.PREFIXES[prefix] + local)


def members(graph: rdflib.Graph, node) -> list:
    if isinstance(node, BNode):
        return list(Collection(graph, graph.value(node, OWL.unionOf)))
    return [node]


def all_closed_terms() -> set[str]:
    found = set()
    for namespace in (terms.HM, terms.ORG, terms.FOAF, terms.SCHEMA, terms.DCT, terms.SKOS, terms.PROV,
                      terms.TIME, terms.OA, terms.RDF, terms.RDFS, terms.XSD, terms.OWL):
        found.update(t.value for t in namespace)
    return found


def context_iris(context: dict) -> dict[str, str]:
    """Term name -> the CURIE or IRI it stands for (prefix declarations and keyword aliases left out)."""
    found = {}
    for term, definition in context.items():
        value = definition["@id"] if isinstance(definition, dict) else definition
        if term.startswith("@") or value.startswith("@") or term in terms.PREFIXES:
            continue
        found[term] = value
    return found
