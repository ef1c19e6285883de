"""Reading the store for the search index: the statements of a property, of a subject, of a graph, through the
two queries ``sparql/search/statements.rq`` and ``graph-statements.rq``, every value a plain string (an IRI's
text, a literal's lexical form; texts in Unicode's NFC, so that snippets and analysis see the same characters).
"""
from __future__ import annotations

import unicodedata
from importlib import resources
from typing import Iterator

from pyoxigraph import NamedNode, Variable

from hemicycle.ontology.terms import HM, RDF

QUERIES = resources.files("hemicycle.ingest") / "sparql" / "search"
#: the predicates that mark where a document starts: a question by its kind code, the others by their type
KIND_CODE = HM.kindCode.value
RDF_TYPE = RDF.type.value


def query_text(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def _text(term) -> str:
    value = term.value
    # texts are kept as NFC, so that a snippet's offsets and the analysis see the same characters
    return value if value.isascii() or unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


def _bind(**terms: str | None) -> dict:
    return {Variable(name): NamedNode(value) for name, value in terms.items() if value is not None}


class Reader:
    """The statements of a store, through `sparql/search/statements.rq` and `graph-statements.rq`."""

    def __init__(self, store):
        self.store = store
        self._statements = query_text("statements")
        self._graph_statements = query_text("graph-statements")

    def statements(self, predicate: str, *, subject: str | None = None,
                   obj: str | None = None) -> Iterator[tuple[str, str]]:
        """``(subject, object)`` of the statements of a property (of a subject, to an object), in any graph."""
        bound = _bind(predicate=predicate, subject=subject, object=obj)
        for row in self.store.query(self._statements, substitutions=bound):
            yield row[0].value, _text(row[2])

    def about(self, subject: str) -> Iterator[tuple[str, str]]:
        """``(predicate, object)`` of every statement about a subject, in any graph."""
        for row in self.store.query(self._statements, substitutions=_bind(subject=subject)):
            yield row[1].value, _text(row[2])

    def starts_of(self, predicate: str, obj: str | None = None) -> Iterator[tuple[str, str, str]]:
        """``(graph, subject, object)`` of the statements of a property (of a type, when ``obj`` is given)."""
        for graph, subject, _, value in self.in_graphs(predicate=predicate, obj=obj):
            yield graph, subject, value

    def in_graphs(self, *, graph: str | None = None, predicate: str | None = None,
                  obj: str | None = None) -> Iterator[tuple[str, str, str, str]]:
        """``(graph, subject, predicate, object)`` of the statements of a graph, or of a property."""
        bound = _bind(graph=graph, predicate=predicate, object=obj)
        for row in self.store.query(self._graph_statements, substitutions=bound):
            yield row[0].value, row[1].value, row[2].value, _text(row[3])


# A value list is a dict of its values (an ordered set): a statement made in several graphs comes once for each,
# and a decision cited ten thousand times is pointed to by as many occurrences, each added once.
Values = dict[str, None]


def add(table: dict[str, Values], key: str, value: str) -> None:
    values = table.get(key)
    if values is None:
        table[key] = {value: None}
    else:
        values[value] = None
