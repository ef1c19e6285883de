"""The browsing lists' queries: a page query ``queries/sparql/pages/browse-*.rq`` made into the query one page of a
list runs, with its filters, its order and its page.

A browse query is a page query (its header gives its title, description and parameters) with three conventions
more, each written as a comment, so that the file as it stands is the query of the first page, unfiltered, in the
default order, and runs as it is:

- ``# sort: KEY — EXPRESSIONS`` header lines: the orders the list offers (``KEY`` as the page's ``sort=`` names
  it, then what ``ORDER BY`` takes); the first is the default;
- ``#if NAME: PATTERN`` lines: the patterns of an optional filter, switched on (the comment mark taken off) when
  the parameter ``NAME`` is given; a parameter without a default is such a filter, and is left out otherwise;
- the line ending with ``#order`` is replaced by the ``ORDER BY`` of the sort asked for, the line ending with
  ``#page`` by the page's ``LIMIT`` and ``OFFSET``.

What a request gives reaches the query as typed RDF terms (substitutions) only: the text of the query is made of
the file's own lines, an order from the file's list and two integers.

>>> q = parse("t", '''# title: T
... # param: g iri — a group
... # param: l xsd:integer = 17 — a legislature
... # sort: name — ?name
... # sort: -name — DESC(?name)
... SELECT ?g ?l ?x WHERE {
...   ?x <urn:in> ?l .
...   #if g: ?x <urn:group> ?g .
... }
... ORDER BY ?name #order
... LIMIT 50 #page''')
>>> [s.key for s in q.sorts], [p.name for p in q.filters]
(['name', '-name'], ['g'])
>>> print(q.text_for(active={"g"}, sort="-name", limit=10, offset=20).split("{", 1)[1])
<BLANKLINE>
  ?x <urn:in> ?l .
  ?x <urn:group> ?g .
}
ORDER BY DESC(?name)
LIMIT 10 OFFSET 20
"""
from __future__ import annotations

import dataclasses
import functools
import re
from typing import Callable

from hemicycle.ontology.errors import ParameterError
from hemicycle.queries import catalog

_SORT = re.compile(r"^#\s*sort:\s*(-?\w+)\s+[—-]+\s+(.+?)\s*$")
_FILTER = re.compile(r"^(\s*)#if (\w+): ?(.*)$")


@dataclasses.dataclass(frozen=True)
class Sort:
    key: str
    order: str


@dataclasses.dataclass(frozen=True)
class BrowseQuery:
    query: catalog.NamedQuery
    sorts: tuple[Sort, ...]

    @property
    def filters(self) -> tuple[catalog.Parameter, ...]:
        """The optional parameters (no default): a filter each."""
        return tuple(p for p in self.query.params if p.default is None)

    @property
    def switches(self) -> set[str]:
        """The names the query's ``#if NAME:`` lines answer to."""
        return {m.group(2) for m in map(_FILTER.match, self.query.text.splitlines()) if m}

    def sort(self, key: str | None) -> Sort:
        """The sort ``key`` names (the default when None); ParameterError for a key the list does not offer."""
        if key is None:
            return self.sorts[0]
        for sort in self.sorts:
            if sort.key == key:
                return sort
        raise ParameterError(f"sort: {key!r} is not an order this list offers "
                             f"({', '.join(s.key for s in self.sorts)})")

    def text_for(self, active: set[str], sort: str | None, limit: int, offset: int) -> str:
        """The query's text with the filters of ``active`` switched on, ordered by ``sort``, one page of rows."""
        order = self.sort(sort).order
        lines = []
        for line in self.query.text.splitlines():
            switch = _FILTER.match(line)
            if switch:
                if switch.group(2) in active:
                    lines.append(switch.group(1) + switch.group(3))
                continue
            stripped = line.rstrip()
            if stripped.endswith("#order"):
                line = line[:len(line) - len(line.lstrip())] + f"ORDER BY {order}"
            elif stripped.endswith("#page"):
                line = line[:len(line) - len(line.lstrip())] + f"LIMIT {int(limit)} OFFSET {int(offset)}"
            lines.append(line)
        return "\n".join(lines)

    def bind(self, given: dict[str, str], names: catalog.Names | None = None,
             latest: Callable[[], int | None] | None = None) -> dict:
        """The substitutions of the parameters given (and of those with a default), filters left out when not
        given; ParameterError for an unknown parameter or a value not of its type (or naming nothing)."""
        kept = tuple(p for p in self.query.params if p.default is not None or p.name in given)
        unknown = set(given) - {p.name for p in self.query.params}
        if unknown:
            raise ParameterError(f"this list takes no parameter {', '.join(sorted(unknown))}")
        return dataclasses.replace(self.query, params=kept).substitutions(given, names, latest)


def parse(name: str, text: str) -> BrowseQuery:
    query = catalog.parse_query(name, text)
    sorts = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _SORT.match(line)
        if match:
            sorts.append(Sort(*match.groups()))
    if not sorts:
        raise ValueError(f"{name}.rq: a browse query needs at least one '# sort:' line")
    return BrowseQuery(query, tuple(sorts))


@functools.cache
def read(name: str) -> BrowseQuery:
    """The browse query ``queries/sparql/pages/{name}.rq``."""
    return parse(name, (catalog.SPARQL / "pages" / f"{name}.rq").read_text(encoding="utf-8"))
