"""Small helpers that build one record's named graph from typed values."""
from __future__ import annotations

from datetime import date, datetime

from pyoxigraph import Literal, NamedNode, Quad

from hemicycle.ontology.terms import RDF, XSD


class RecordGraph:
    """The quads of one record, all in the record's named graph; ``None`` objects are left out."""

    __slots__ = ("name", "quads")

    def __init__(self, name: NamedNode):
        self.name = name
        self.quads: list[Quad] = []

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
