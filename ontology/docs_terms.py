"""The terms of the ontology as the documentation page (:mod:`hemicycle.ontology.docs`) shows them.

:class:`Terms` reads the ``hm:`` terms of an rdflib graph (kind, labels and definitions by language) and prints
any IRI as a CURIE, an anchor of the page or a link; :class:`hemicycle.ontology.docs_page.Page` builds the page
on it. The page's style sheet is ``docs.css``, beside this module.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

import rdflib
from rdflib import OWL, RDF, RDFS, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS

from hemicycle.ontology import read_resource, terms
from hemicycle.ontology.terms import HM_IRI

VANN = rdflib.Namespace("http://purl.org/vocab/vann/")

STYLE_FILE = "docs.css"

# Prefixes used to print IRIs as CURIEs (longest namespace wins): the project's own (terms.PREFIXES, which the
# exports and results also write out, so not extended for the page) and the vocabularies hm: aligns to.
PREFIXES = {**terms.PREFIXES, "eli": "http://data.europa.eu/eli/ontology#", "cito": "http://purl.org/spar/cito/",
            "ukp": "https://id.parliament.uk/schema/", "pqa": "http://parliament.uk/ontologies/question-and-answer/",
            "ocd": "http://dati.camera.it/ocd/", "eli-dl": "http://data.europa.eu/eli/eli-draft-legislation-ontology#"}

# The mapping predicates shown in each term's "Alignments" row, in this order.
MATCHES = (
    (SKOS.closeMatch, "close match"),
    (SKOS.broadMatch, "broader match"),
    (SKOS.narrowMatch, "narrower match"),
    (SKOS.relatedMatch, "related match"),
    (RDFS.seeAlso, "see also"),
)


def style() -> str:
    """The page's CSS (``docs.css``), without its surrounding blank space."""
    return read_resource(STYLE_FILE).decode("utf-8").strip()


@dataclass
class Term:
    """One ``hm:`` term and what the page says about it."""

    iri: URIRef
    kind: str  # "class", "object", "datatype", "individual"
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.iri)[len(HM_IRI):]


class Terms:
    """The ``hm:`` terms of a graph, and how the page names and links any IRI."""

    def __init__(self, graph: rdflib.Graph):
        self.g = graph
        self.terms: dict[URIRef, Term] = {}
        for subject in set(graph.subjects(RDF.type, None)):
            if isinstance(subject, URIRef) and str(subject).startswith(HM_IRI):
                self.terms[subject] = self._term(subject)
        self.external: set[URIRef] = set()  # reused classes mentioned by hm: terms (each gets an entry)

    # ---- reading the graph --------------------------------------------------------------------------------

    def _term(self, iri: URIRef) -> Term:
        types = set(self.g.objects(iri, RDF.type))
        if OWL.Class in types:
            kind = "class"
        elif OWL.ObjectProperty in types:
            kind = "object"
        elif OWL.DatatypeProperty in types:
            kind = "datatype"
        else:
            kind = "individual"
        term = Term(iri, kind)
        term.labels = self._by_language(iri, RDFS.label)
        term.definitions = self._by_language(iri, SKOS.definition)
        return term

    def _by_language(self, subject, predicate) -> dict[str, str]:
        found: dict[str, str] = {}
        for value in sorted(self.g.objects(subject, predicate)):
            if isinstance(value, Literal):
                found.setdefault(value.language or "", str(value))
        return found

    def _members(self, node) -> list:
        """The classes a domain or range names: itself, or the members of an owl:unionOf."""
        if isinstance(node, BNode):
            union = self.g.value(node, OWL.unionOf)
            if union is not None:
                return list(Collection(self.g, union))
            return []
        return [node]

    def _of_kind(self, kind: str) -> list[Term]:
        return sorted((t for t in self.terms.values() if t.kind == kind), key=lambda t: t.name.lower())

    def _sorted_refs(self, refs) -> list:
        return sorted(set(refs), key=lambda r: (not str(r).startswith(HM_IRI), self._curie(r).lower()))

    # ---- printing terms -----------------------------------------------------------------------------------

    @staticmethod
    def _curie(iri) -> str:
        text = str(iri)
        best = max((ns for ns in PREFIXES.values() if text.startswith(ns)), key=len, default=None)
        if best is None:
            return text
        prefix = next(p for p, ns in PREFIXES.items() if ns == best)
        return f"{prefix}:{text[len(best):]}"

    @staticmethod
    def _anchor(iri) -> str:
        text = str(iri)
        if text.startswith(HM_IRI):
            return text[len(HM_IRI):]
        return "ext-" + Terms._curie(iri).replace(":", "-")

    def _link(self, node) -> str:
        """A link to a term: an in-page anchor for hm: terms and mentioned classes, else the term's IRI."""
        if isinstance(node, BNode):
            members = self._members(node)
            if members:
                return " or ".join(self._link(m) for m in members)
            return "<em>(anonymous class)</em>"
        curie = html.escape(self._curie(node))
        if node in self.terms:
            title = html.escape(self.terms[node].labels.get("en", ""))
            return f'<a href="#{self._anchor(node)}" title="{title}"><code>{curie}</code></a>'
        if node in self.external:
            return f'<a href="#{self._anchor(node)}"><code>{curie}</code></a>'
        return f'<a href="{html.escape(str(node))}"><code>{curie}</code></a>'

    def _links(self, nodes) -> str:
        return ", ".join(self._link(n) for n in nodes)
