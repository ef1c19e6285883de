"""Small helpers that build one record's named graph from typed values."""
from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from hemicycle.ontology.terms import RDF, XSD

_TYPE = str(RDF.type)


class RecordGraph:
    """The quads of one record, all in the record's named graph; ``None`` objects are left out.

    The quads are kept as N-Quads lines, written from the terms' own N-Triples form (``str`` of a pyoxigraph
    term, which is exactly what pyoxigraph's serialiser writes). Building a ``Quad`` object per statement and
    serialising the list afterwards cost about twice as much, and the ingest only ever needs the text.

    Nodes that many records mention (a rubrique, a constituency, a closure status…) are described once, in a
    graph of their own (:meth:`about`), so that the union of the graphs holds each of their triples once.
    """

    __slots__ = ("name", "lines", "shared", "_namer", "_end")

    def __init__(self, name: NamedNode, namer: Callable[[NamedNode], NamedNode] | None = None):
        self.name = name
        self.lines: list[str] = []
        self.shared: dict[str, RecordGraph] = {}
        self._namer = namer
        self._end = f" {name} .\n"

    def about(self, node: NamedNode) -> RecordGraph:
        """The graph that describes a shared node (this graph itself when no namer was given)."""
        if self._namer is None:
            return self
        graph = self.shared.get(node.value)
        if graph is None:
            graph = self.shared[node.value] = RecordGraph(self._namer(node))
        return graph

    def add(self, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal | None) -> None:
        if obj is not None:
            self.lines.append(f"{subject} {predicate} {obj}{self._end}")

    def type(self, subject: NamedNode, *classes: NamedNode) -> None:
        for cls in classes:
            self.lines.append(f"{subject} {_TYPE} {cls}{self._end}")

    def nquads(self) -> bytes:
        """The graph as N-Quads, in the order its statements were added."""
        return "".join(self.lines).encode()

    @property
    def quads(self) -> list[Quad]:
        return list(parse(self.nquads(), format=RdfFormat.N_QUADS))


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
