"""Named queries: ``queries/sparql/*.rq`` files (and the pictures' ``queries/sparql/pictures/*.rq``) whose header
says what they are and what they take.

The code's own queries (``queries/sparql/publish/*.rq``: the dataset description's counts, the graphs of a
legislature…) have the same header but are not named queries: :func:`read` (or :func:`publish_query`) gives one.

A header is a block of comment lines at the top of the file::

    # title: Questions of one deputy
    # description: Every question a deputy asked, with its date and status.
    # param: deputy iri — the deputy (an acteur IRI)
    # param: legislature xsd:integer = 17 — the legislature

Parameters are bound as typed RDF terms (SPARQL ``substitutions``), never pasted into the query text.

>>> q = parse_query("x", "# title: T\\n# param: n xsd:integer = 3 — a number\\nSELECT ?n WHERE {}")
>>> q.title, [(p.name, p.type, p.default) for p in q.params]
('T', [('n', 'xsd:integer', '3')])
>>> q.bind({})["n"]
<Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
>>> q.bind({"n": "three"})
Traceback (most recent call last):
...
hemicycle.ontology.errors.ParameterError: parameter n: 'three' is not a valid xsd:integer
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Callable

from pyoxigraph import Literal, NamedNode, Variable
from hemicycle.ontology.errors import ParameterError, UnknownQuery

SPARQL = resources.files("hemicycle.queries") / "sparql"  # the named queries, the pictures', the pages', publish/

XSD = "http://www.w3.org/2001/XMLSchema#"


def _check_integer(text: str) -> str:
    return str(int(text))


def _check_decimal(text: str) -> str:
    try:
        return str(Decimal(text))
    except InvalidOperation:
        raise ValueError(text) from None


def _check_date(text: str) -> str:
    return date.fromisoformat(text).isoformat()


def _check_boolean(text: str) -> str:
    if text.lower() not in ("true", "false"):
        raise ValueError(text)
    return text.lower()


_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
#: what turns an IRI parameter given by name into its IRI: (parameter name, text, the query's other parameter
#: texts) → IRI; the others tell candidates apart (the group "RN" of ``legislature=16``)
Names = Callable[[str, str, dict], NamedNode]

_LITERAL_TYPES = {
    "xsd:string": None,
    "xsd:integer": _check_integer,
    "xsd:decimal": _check_decimal,
    "xsd:date": _check_date,
    "xsd:boolean": _check_boolean,
}
TYPES = ("iri", *_LITERAL_TYPES)


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    description: str

    def term(self, text: str, names: Names | None = None, context: dict | None = None):
        """The RDF term this parameter's text stands for; an IRI parameter given otherwise than as an IRI (a uid,
        an abbreviation, a label) is asked of ``names`` (:mod:`hemicycle.queries.names`), when given."""
        if self.type == "iri" and names is not None and not _IRI.match(text):
            return names(self.name, text, context or {})
        try:
            if self.type == "iri":
                if not _IRI.match(text):
                    raise ValueError(text)
                return NamedNode(text)
            check = _LITERAL_TYPES[self.type]
            if check is None:
                return Literal(text)
            return Literal(check(text.strip()), datatype=NamedNode(XSD + self.type[4:]))
        except ValueError:
            raise ParameterError(f"parameter {self.name}: {text!r} is not a valid {self.type}") from None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    params: tuple[Parameter, ...] = field(default=())

    def bind(self, given: dict[str, str], names: Names | None = None,
             latest: Callable[[], int | None] | None = None) -> dict[str, object]:
        """Parameter texts as typed terms, by parameter name; defaults filled, unknown names refused; IRI
        parameters given by what people call things resolved by ``names`` (see :meth:`Parameter.term`). A date
        given (or defaulting) as ``today`` is the day the query runs; an integer given as ``latest``, the latest
        legislature of the store's questions (``latest()``)."""
        known = {p.name: p for p in self.params}
        unknown = set(given) - set(known)
        if unknown:
            raise ParameterError(f"{self.name} takes no parameter {', '.join(sorted(unknown))} "
                                 f"(it takes: {', '.join(known) or 'none'})")
        bound = {}
        texts = {p.name: _special(p, given.get(p.name, p.default), latest) for p in self.params}
        for param in self.params:
            text = texts[param.name]
            if text is None:
                missing = ParameterError(f"{self.name} needs its parameter {param.name} ({param.description})")
                missing.missing = param.name  # for each interface to say how it is given
                raise missing
            bound[param.name] = param.term(text, names, texts)
        return bound

    def substitutions(self, given: dict[str, str], names: Names | None = None,
                      latest: Callable[[], int | None] | None = None) -> dict[Variable, object]:
        return {Variable(name): term for name, term in self.bind(given, names, latest).items()}


def _special(param: Parameter, text: str | None, latest: Callable[[], int | None] | None) -> str | None:
    """``today`` and ``latest``, the parameter values that depend on when and on what a query runs."""
    if text == "today" and param.type == "xsd:date":
        return date.today().isoformat()
    if text == "latest" and param.type == "xsd:integer":
        found = latest() if latest is not None else None
        if found is None:
            raise ParameterError(f"parameter {param.name}: 'latest' is the latest legislature of the store's "
                                 "questions, and there is none here; give a number")
        return str(found)
    return text


_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+(\S+)(?:\s*=\s*(\S+))?\s*(?:[—-]+\s*(.*))?$")


def parse_query(name: str, text: str) -> NamedQuery:
    title, description, params = name, [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, rest = match.groups()
        if key == "title":
            title = rest.strip()
        elif key == "description":
            description.append(rest.strip())
        else:
            param = _PARAM.match(rest.strip())
            if not param or param.group(2) not in TYPES:
                raise ValueError(f"{name}.rq: bad parameter line {line!r} (types: {', '.join(TYPES)})")
            pname, ptype, default, pdesc = param.groups()
            params.append(Parameter(pname, ptype, default, (pdesc or "").strip()))
    return NamedQuery(name, title, " ".join(description), text, tuple(params))


def load_all() -> dict[str, NamedQuery]:
    """Every named query shipped with the package, by name."""
    queries = {}
    for folder in (SPARQL, SPARQL / "pictures"):
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".rq"):
                name = entry.name[:-3]
                queries[name] = parse_query(name, entry.read_text(encoding="utf-8"))
    return dict(sorted(queries.items()))


def get(name: str) -> NamedQuery:
    queries = load_all()
    if name not in queries:
        raise UnknownQuery(name)
    return queries[name]


PUBLISH = "publish"  # queries/sparql/publish: the publishing code's queries (not listed by load_all)


@functools.cache
def read(folder: str, name: str) -> NamedQuery:
    """The query ``queries/sparql/<folder>/<name>.rq``, parsed once (a missing file is a broken install)."""
    return parse_query(name, (SPARQL / folder / f"{name}.rq").read_text(encoding="utf-8"))


def publish_query(name: str) -> NamedQuery:
    """One of the publishing code's queries (``queries/sparql/publish/<name>.rq``)."""
    return read(PUBLISH, name)
