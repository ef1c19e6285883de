"""Small helpers that build one record's named graph from typed values."""
from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from pyoxigraph import Literal, NamedNode, Quad

from hemicycle.ontology.terms import RDF, XSD


class RecordGraph:
    """The quads of one record, all in the record's named graph; ``None`` objects are left out.

    Nodes that many records mention (a rubrique, a constituency, a closure status…) are described once, in a
    graph of their own (:meth:`about`), so that the union of the graphs holds each of their triples once.
    """

    __slots__ = ("name", "quads", "shared", "_namer")

    def __init__(self, name: NamedNode, namer: Callable[[NamedNode], NamedNode] | None = None):
        self.name = name
        self.quads: list[Quad] = []
        self.shared: dict[str, RecordGraph] = {}
        self._namer = namer

    def about(self, node: NamedNode) -> RecordGraph:
        """The graph that describes a shared node (this graph itself when no namer was given)."""
        if self._namer is None:
            return self
        graph = self.shared.get(node.value)
        if graph is None:
            graph = self.shared[node.value] = RecordGraph(self._namer(node))
        return graph

    def add(self, subject, predicate, obj) -> None:
        if obj is not None:
            self.quads.append(Quad(subject, predicate, obj, self.name))

    def type(self, subject, *classes) -> None:
        for cls in classes:
            self.quads.append(Quad(subject, RDF.type, cls, self.name))


def string(text: str | None) -> Literal | None:
    return Literal(text) if text else None


def french(text: str | None) -> Literal | None:
    return Literal(text, language="fr") if text else None


def integer(number: int | None) -> Literal | None:
    return Literal(str(number), datatype=XSD.integer) if number is not None else None


def xsd_date(day: date | None) -> Literal | None:
    return Literal(day.isoformat(), datatype=XSD.date) if day is not None else None


def xsd_datetime(moment: datetime) -> Literal:
    return Literal(moment.isoformat(timespec="seconds"), datatype=XSD.dateTime)


def uri(text: str | None) -> Literal | None:
    return Literal(text, datatype=XSD.anyURI) if text else None
