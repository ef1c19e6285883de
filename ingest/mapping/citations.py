"""The citations a text makes, as quads: one occurrence per citation, linked to the decision or text cited.

Occurrences keep the quoted text and its character offsets in the clean text (Web Annotation's ``oa:exact``,
``oa:start``, ``oa:end``). Decisions, texts of law and courts are shared nodes, described in graphs of their
own, so that two questions citing the same decision meet on one node. A citation whose identity is not
certain (no date or no number) stays an occurrence, with its court when it names one.
"""
from __future__ import annotations

from pyoxigraph import NamedNode

from hemicycle.ontology.iris import Minter
from hemicycle.ontology.terms import DCT, HM, OA, RDFS, SKOS
from hemicycle.ingest.citations.courts import COURT_NAMES
from hemicycle.ingest.citations.extract import extract
from hemicycle.ingest.citations.models import Citation, DecisionCitation
from hemicycle.ingest.citations.resolve import resolver_for
from hemicycle.ingest.mapping.rdf import RecordGraph, french, integer, string, uri, xsd_date


def _offset(number: int) -> str:
    return integer(number)  # Oxigraph stores nonNegativeInteger as integer


class CitationMapper:
    def __init__(self, iris: Minter):
        self.iris = iris
        self.resolve = resolver_for(iris)
        # Shared nodes whose graph this mapper has written in this run. Their graphs depend on their IRI
        # alone (see _describe), so one description per process is enough: a decision cited a thousand
        # times is mapped, serialised and compared once, not a thousand times.
        self.described: set[str] = set()

    def __getstate__(self):  # a worker process starts with nothing described
        return {**self.__dict__, "described": set()}

    def map(self, text_node: NamedNode, text: str | None, graph: RecordGraph) -> None:
        if not text:
            return
        for k, citation in enumerate(extract(text, resolver=self.resolve), 1):
            occurrence = NamedNode(f"{text_node.value}-citation-{k}")
            graph.add(text_node, HM.hasCitation, occurrence)
            graph.type(occurrence, HM.CitationOccurrence)
            graph.add(occurrence, HM.citedIn, text_node)
            graph.add(occurrence, OA.exact, string(citation.text))
            graph.add(occurrence, OA.start, _offset(citation.start))
            graph.add(occurrence, OA.end, _offset(citation.end))
            if isinstance(citation, DecisionCitation):
                if citation.court:
                    graph.add(occurrence, HM.court, self._court(citation.court, graph))
                # As written: two citations of one decision may word them differently.
                graph.add(occurrence, HM.formation, string(citation.formation))
                graph.add(occurrence, HM.parties, string(citation.parties))
            if citation.iri:
                target = NamedNode(citation.iri)
                graph.add(occurrence, HM.cites, target)
                self._describe(target, citation, graph)

    def _court(self, code: str, graph: RecordGraph) -> NamedNode:
        court = self.iris.concept("juridiction", code)
        if court.value in self.described:
            return court
        self.described.add(court.value)
        about = graph.about(court, first_wins=True)
        about.type(court, HM.Court, SKOS.Concept)
        about.add(court, SKOS.notation, string(code))
        about.add(court, SKOS.prefLabel, french(COURT_NAMES.get(code)))
        about.add(court, SKOS.inScheme, self.iris.scheme("juridiction"))
        return court

    def _describe(self, node: NamedNode, c: Citation, graph: RecordGraph) -> None:
        """The shared graph of a decision or text holds only what its IRI determines (court, date and
        number; type and number), so that it is the same whichever citation of it is read, in whatever
        order; what one citation adds (joined numbers, an ECLI derived from a formation it names, the date
        and ELI of a law cited with its date) is said in the citing record's own graph."""
        shared = node.value not in self.described
        self.described.add(node.value)
        about = graph.about(node, first_wins=True) if shared else None  # (about() would start an empty graph)
        add = about.add if shared else _ignore
        if isinstance(c, DecisionCitation):
            if shared:
                about.type(node, HM.CourtDecision)
            add(node, HM.court, self._court(c.court, graph))
            add(node, HM.decisionNumber, string(c.numbers[0]))
            for number in c.numbers[1:]:
                graph.add(node, HM.decisionNumber, string(number))
            add(node, HM.seat, string(c.seat))
            if c.date:
                add(node, DCT.date, xsd_date(c.date))
            if c.ecli:
                graph.add(node, HM.ecli, string(c.ecli))
        else:
            if shared:
                about.type(node, HM.LegalText)
            add(node, HM.textType, string(c.type))
            add(node, HM.textNumber, string(c.number))
            add(node, HM.legalCode, string(c.code))
            add(node, HM.article, string(c.article))
            if c.date:
                graph.add(node, DCT.date, xsd_date(c.date))
            graph.add(node, HM.eli, uri(c.eli))
        add(node, HM.celex, string(c.celex))
        for page in c.see_also:
            # A page found through an ECLI depends on that ECLI: it goes with it.
            if c.kind == "decision" and c.ecli and c.ecli in page:
                graph.add(node, RDFS.seeAlso, NamedNode(page))
            else:
                add(node, RDFS.seeAlso, NamedNode(page))


def _ignore(*_) -> None:
    return None
