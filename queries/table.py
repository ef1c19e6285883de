"""Query results as a table for a person at a terminal: names instead of IRIs, columns that fit the screen.

``hemicycle query`` and ``hemicycle sparql`` write this (``--format table``) when their output is a terminal.
An IRI shows the name the graph gives it (``names``, see :func:`hemicycle.queries.web.labels.names_of`), else
its compact form (``hm:Pending``, ``id:acteur/PA720422``); a long text is cut with "…"; when the columns are
wider than the screen, the widest give way first and wrap within their width. tabulate draws the table.

>>> from pyoxigraph import Literal, NamedNode
>>> print(render(["who", "n"], [[NamedNode("https://w3id.org/hemicycle/id/acteur/PA1"), Literal("3")]],
...              names={"https://w3id.org/hemicycle/id/acteur/PA1": "Anne Exemple"}, width=40))
who           n
------------  ---
Anne Exemple  3
"""
from __future__ import annotations

import shutil
from typing import Iterable

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions
from tabulate import tabulate

from hemicycle.ontology.iris import DEFAULT_BASE
from hemicycle.ontology.terms import PREFIXES

LONGEST = 300  # characters of a value shown before "…"
NARROWEST = 8  # a column is never squeezed below this
COMPACT = [("id:", DEFAULT_BASE), *((prefix + ":", iri) for prefix, iri in PREFIXES.items())]


def compact(iri: str) -> str:
    """An IRI in its short form when a known prefix starts it.

    >>> compact("https://w3id.org/hemicycle/ontology#Pending"), compact("https://example.org/x")
    ('hm:Pending', 'https://example.org/x')
    """
    for prefix, start in COMPACT:
        if iri.startswith(start) and len(iri) > len(start):
            return prefix + iri[len(start):]
    return iri


def shown(term, names: dict[str, str]) -> str:
    """A term as the table shows it."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return names.get(term.value) or compact(term.value)
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    text = " ".join(term.value.split()) if isinstance(term, Literal) else str(term)
    return text if len(text) <= LONGEST else text[:LONGEST - 1].rstrip() + "…"


def widths(header: list[str], rows: list[list[str]], width: int) -> list[int]:
    """The widest each column may be so that the table fits ``width`` characters (2 between columns)."""
    # tabulate keeps 2 characters beside a header (its MIN_PADDING) and never wraps one
    natural = [max([len(h) + 2, *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    floor = [min(n, max(NARROWEST, len(h) + 2)) for n, h in zip(natural, header)]
    allowed = list(natural)
    room = width - 2 * (len(header) - 1)
    while sum(allowed) > room:
        widest = max(range(len(allowed)), key=lambda i: allowed[i] - floor[i])
        if allowed[widest] <= floor[widest]:
            break
        allowed[widest] -= 1
    return allowed


def render(header: list[str], rows: Iterable[list], names: dict[str, str] | None = None,
           width: int | None = None) -> str:
    """The table of rows of terms (None for unbound), fitted to ``width`` (the terminal's by default)."""
    names = names or {}
    width = width or shutil.get_terminal_size((120, 24)).columns
    cells = [[shown(term, names) for term in row] for row in rows]
    if not header:
        return ""
    fitted = widths(header, cells, width)
    return tabulate(cells, headers=header, tablefmt="simple", maxcolwidths=fitted, disable_numparse=True)


def iris_in(rows: list[list]) -> list[str]:
    """The distinct IRIs of rows of terms, in order."""
    return list(dict.fromkeys(t.value for row in rows for t in row if isinstance(t, NamedNode)))


def result_table(result, names_for=None, width: int | None = None) -> str:
    """The table of a query result: solutions, a boolean, or triples (subject, predicate, object).

    ``names_for(iris)``: the names of IRIs (a dict), or None to show them compact.
    """
    if isinstance(result, (bool, QueryBoolean)):
        return "true" if bool(result) else "false"
    if isinstance(result, QuerySolutions):
        header = [v.value for v in result.variables]
        rows = [[solution[name] for name in header] for solution in result]
    else:
        header = ["subject", "predicate", "object"]
        rows = [[t.subject, t.predicate, t.object] for t in result]
    names = names_for(iris_in(rows)) if names_for else {}
    table = render(header, rows, names, width)
    return f"{table}\n({len(rows)} row{'s' if len(rows) != 1 else ''})"
