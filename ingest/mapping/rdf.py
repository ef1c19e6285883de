r"""Small helpers that build one record's named graph, as N-Quads text, from typed values.

An ingest writes some 80 statements per question, and it only ever needs them as N-Quads (to hash and to
bulk-load), so a record graph is kept as N-Quads lines rather than as ``Quad`` objects serialised afterwards,
and the literal helpers below give a literal's N-Triples form directly, escaped exactly as pyoxigraph writes
it (a test compares the two for every Unicode code point). IRIs stay pyoxigraph ``NamedNode`` objects, checked
when they are made; a line is written from their ``str``, which is their N-Triples form.

>>> print(string('Il a dit "oui"'), french("député"), integer(6), xsd_date(date(2025, 6, 10)))
"Il a dit \"oui\"" "député"@fr "6"^^<http://www.w3.org/2001/XMLSchema#integer> "2025-06-10"^^<http://www.w3.org/2001/XMLSchema#date>
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Callable

from pyoxigraph import NamedNode

from hemicycle.ontology import terms
from hemicycle.ontology.terms import RDF, XSD
from hemicycle.ontology.errors import RecordError

# A speed trick: the N-Triples form of every term of the vocabulary, made once, by the term object's id().
# Why: nearly every statement has a vocabulary predicate (a record makes some 100 of them), and str() of a
# NamedNode calls into pyoxigraph and builds a new string each time; looking the text up costs a fraction of
# that. Why id(): the key is the very object the vocabulary holds, which lives as long as the process, so no
# other object can share its id; any other NamedNode (an IRI minted for a record) misses and is written from
# its str().
_VOCABULARY = {id(term): str(term) for namespace in vars(terms).values()
               if isinstance(namespace, terms.ClosedNamespace) for term in namespace}
_TYPE = str(RDF.type)

# The object of a statement: a NamedNode, or a literal in N-Triples form made by the helpers below.
Term = NamedNode | str


class RecordGraph:
    """The statements of one record, all in the record's named graph; ``None`` objects are left out.

    Subjects and predicates are ``NamedNode`` objects; an object is a ``NamedNode`` or a literal made by the
    helpers of this module.

    Nodes that many records mention (a rubrique, a constituency, a closure status…) are described once, in a
    graph of their own (:meth:`about`), so that the union of the graphs holds each of their triples once.
    """

    __slots__ = ("name", "lines", "shared", "first_wins", "_namer", "_end", "_subject", "_subject_text")

    def __init__(self, name: NamedNode, namer: Callable[[NamedNode], NamedNode] | None = None):
        self.name = name
        self.lines: list[str] = []
        self.shared: dict[str, RecordGraph] = {}
        # Whether this graph, a shared node's, keeps its first description in a run (hemicycle.ingest.mapping.shared)
        self.first_wins = False
        self._namer = namer
        self._end = f" {name} .\n"
        self._subject, self._subject_text = None, ""

    def about(self, node: NamedNode, first_wins: bool = False) -> RecordGraph:
        """The graph that describes a shared node (this graph itself when no namer was given). ``first_wins``:
        the node's description depends on its IRI alone, and its first one in a run stands; otherwise the last
        one does (:mod:`hemicycle.ingest.mapping.shared` states the rule)."""
        if self._namer is None:
            return self
        graph = self.shared.get(node.value)
        if graph is None:
            graph = self.shared[node.value] = RecordGraph(self._namer(node))
            graph.first_wins = first_wins
        return graph

    def _subject_of(self, subject: NamedNode) -> str:
        # Statements come in runs about one subject: its text is made once per run.
        if subject is not self._subject:
            self._subject, self._subject_text = subject, str(subject)
        return self._subject_text

    def add(self, subject: NamedNode, predicate: NamedNode, obj: Term | None) -> None:
        if obj is not None:
            if subject is not self._subject:  # (_subject_of, inlined: a record makes some 100 statements)
                self._subject, self._subject_text = subject, str(subject)
            self.lines.append(f"{self._subject_text} {_VOCABULARY.get(id(predicate)) or predicate} {obj}{self._end}")

    def type(self, subject: NamedNode, *classes: NamedNode) -> None:
        for cls in classes:
            self.lines.append(f"{self._subject_of(subject)} {_TYPE} {_VOCABULARY.get(id(cls)) or cls}{self._end}")

    def nquads(self) -> bytes:
        """The graph as N-Quads, in the order its statements were added."""
        return "".join(self.lines).encode()


# What N-Triples escapes in a string, as pyoxigraph does: the short escapes; other C0 controls, DEL, U+FFFE and
# U+FFFF as \uXXXX.
_SHORT_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_TO_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff\ud800-\udfff]')


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if "\ud800" <= char <= "\udfff":
        raise RecordError(f"the text holds a lone surrogate (U+{ord(char):04X}), which is not a Unicode character")
    return f"\\u{ord(char):04X}"


def quoted(text: str) -> str:
    """A string as an N-Triples quoted string."""
    if _TO_ESCAPE.search(text) is None:
        return f'"{text}"'
    return f'"{_TO_ESCAPE.sub(_escape, text)}"'


_INTEGER, _DATE, _DATETIME, _ANY_URI = (str(t) for t in (XSD.integer, XSD.date, XSD.dateTime, XSD.anyURI))


def string(text: str | None) -> str | None:
    return quoted(text) if text else None


def french(text: str | None) -> str | None:
    return f"{quoted(text)}@fr" if text else None


def integer(number: int | None) -> str | None:
    return f'"{int(number)}"^^{_INTEGER}' if number is not None else None


def xsd_date(day: date | str | None) -> str | None:
    """A date, or an ISO date already written as text."""
    if day is None:
        return None
    return f'{quoted(day if isinstance(day, str) else day.isoformat())}^^{_DATE}'


def xsd_datetime(moment: datetime) -> str:
    return f'"{moment.isoformat(timespec="seconds")}"^^{_DATETIME}'


def uri(text: str | None) -> str | None:
    return f"{quoted(text)}^^{_ANY_URI}" if text else None
