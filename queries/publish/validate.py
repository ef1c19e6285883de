"""SHACL validation of the store with pyshacl, and a report a person can read."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from typing import Callable

import rdflib
from pyoxigraph import BlankNode, NamedNode
from pyshacl import validate as shacl_validate

from hemicycle.ingest.store import GraphStore
from hemicycle.ontology import SHAPES_FILE, read_resource
from hemicycle.ontology.terms import RDF, SH, XSD

_XSD_STRING = XSD.string.value


def _ref(term: NamedNode) -> rdflib.URIRef:
    """A term of the closed vocabulary as rdflib's IRI, to read the validation report with."""
    return rdflib.URIRef(term.value)


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation]
    triples: int

    def text(self, limit: int = 50) -> str:
        severities = Counter(v.severity for v in self.violations)
        counts = ", ".join(f"{n} {s.lower()}{'s' if n > 1 else ''}" for s, n in sorted(severities.items()))
        verdict = "conforms" if self.conforms else "does not conform"
        if not self.violations:
            return f"conforms: {self.triples} triples checked against the shapes, nothing to report"
        lines = [f"{verdict}: {counts} in {self.triples} triples"]
        by_message = Counter((v.path, v.message) for v in self.violations)
        lines.append("by kind:")
        lines += [f"  {count:6d}  {path}: {message}" for (path, message), count in by_message.most_common()]
        lines.append(f"first {min(limit, len(self.violations))}:")
        lines += [f"  {v.severity} {v.focus} {v.path}: {v.message}" for v in self.violations[:limit]]
        return "\n".join(lines)


def _term(term):
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:  # a plain literal, as in RDF 1.1
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def union_graph(store: GraphStore, progress: Callable[[int], None] | None = None) -> rdflib.Graph:
    """The union of the store's graphs as an rdflib graph (what the shapes are checked against);
    ``progress(n)`` is told of every 10,000 quads read."""
    data = rdflib.Graph()
    for n, quad in enumerate(store.store.quads_for_pattern(None, None, None, None), 1):
        data.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
        if progress is not None and n % 10_000 == 0:
            progress(10_000)
    return data


def validate(store: GraphStore, progress: Callable[[int], None] | None = None,
             say: Callable[[str], None] | None = None) -> ValidationReport:
    """Check the store against the shapes; ``progress`` follows the reading of its quads, ``say`` is told of
    the check itself, which pyshacl runs without a word (about a minute a million triples)."""
    data = union_graph(store, progress)
    shapes = rdflib.Graph().parse(data=read_resource(SHAPES_FILE), format="turtle")
    if say is not None:
        say(f"checking {len(data):,} triples against the shapes (pyshacl, about a minute a million triples)…")
    started = time.monotonic()
    # Warnings (links to records that are not in the store) are reported, but only violations fail.
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                         allow_warnings=True)
    if say is not None:
        say(f"checked in {time.monotonic() - started:.0f} s")
    violations = []
    for result in report.subjects(_ref(RDF.type), _ref(SH.ValidationResult)):
        violations.append(Violation(
            focus=str(report.value(result, _ref(SH.focusNode))),
            path=str(report.value(result, _ref(SH.resultPath)) or ""),
            message=str(report.value(result, _ref(SH.resultMessage)) or ""),
            severity=str(report.value(result, _ref(SH.resultSeverity))).rsplit("#", 1)[-1],
        ))
    violations.sort(key=lambda v: (v.path, v.focus))
    return ValidationReport(bool(conforms), violations, len(data))
