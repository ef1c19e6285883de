"""What people call things, as IRIs: a named query's IRI parameter given as an IRI, an Assemblée uid
(``PO800520``, ``PA720422``, ``QANR5L17QE15973``), an abbreviation (``RN``) or a label ("Ensemble pour la
République", a deputy's name).

An IRI is taken as it is; a uid is minted as the ingest mints it; any other text is looked up in the store
(``sparql/names/called.rq``): one resource called so is the answer, none or several is a
:class:`~hemicycle.ontology.errors.ParameterError` that names the candidates.

>>> from hemicycle.ontology.iris import Minter
>>> iri_of("PO800520", minter=Minter(), lookup=None).value
'https://w3id.org/hemicycle/id/organe/PO800520'
>>> iri_of("QANR5L17QE15973", minter=Minter(), lookup=None).value
'https://w3id.org/hemicycle/id/question/QANR5L17QE15973'
"""
from __future__ import annotations

import re
from typing import Callable

from pyoxigraph import NamedNode

from hemicycle.ontology.errors import ParameterError
from hemicycle.ontology.iris import Minter
from hemicycle.queries import catalog

IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
UIDS = [(re.compile(r"^PA\d+$"), "person"), (re.compile(r"^PO\d+$"), "organ"), (re.compile(r"^PM\d+$"), "mandate"),
        (re.compile(r"^QANR\d+L\d+(?:QE|QG|QOSD)\d+$"), "question")]
#: a lookup: the rows of ``called.rq`` for a text (``resource``, ``label``, ``id``, ``legislature``, as text)
Lookup = Callable[[str], list[dict]]


def called_query() -> catalog.NamedQuery:
    return catalog.read("names", "called")


def iri_of(text: str, *, minter: Minter, lookup: Lookup | None, param: str = "parameter",
           legislature: str | None = None) -> NamedNode:
    """The IRI that ``text`` stands for (module docstring); among several candidates, the one of
    ``legislature`` when the query has that parameter and one candidate is of it."""
    text = text.strip()
    for pattern, kind in UIDS:
        if pattern.match(text):
            return getattr(minter, kind)(text)
    if IRI.match(text):
        return NamedNode(text)
    rows = lookup(text) if lookup is not None and text else []
    if len(rows) > 1 and legislature:
        of_it = [row for row in rows if row.get("legislature") == str(legislature).strip()]
        rows = of_it if len(of_it) == 1 else rows
    if len(rows) == 1:
        return NamedNode(rows[0]["resource"])
    if not rows:
        raise ParameterError(f"{param}: nothing in the store is called {text!r} (give a uid such as PO800520 or "
                             "PA720422, an abbreviation, a label, a name, or an IRI)")
    shown = "; ".join(_described(row) for row in rows[:20])
    more = " and more" if len(rows) > 20 else ""
    raise ParameterError(f"{param}: {text!r} may be {len(rows) if len(rows) <= 20 else 'over 20'} resources: "
                         f"{shown}{more}. Give the uid of the one meant")


def _described(row: dict) -> str:
    ident = row.get("id") or row["resource"]
    details = ", ".join(x for x in (row.get("label"), f"legislature {row['legislature']}"
                                    if row.get("legislature") else None) if x)
    return f"{ident} ({details})" if details else ident


def _get(row, name: str) -> str | None:
    """A value of a row as text: a solution of a store (indexed by name) or a row of the query workers (a dict)."""
    term = row.get(name) if isinstance(row, dict) else row[name]
    return None if term is None else term.value


#: runs a SELECT with substitutions, on a store or through the server's query workers
Select = Callable[[str, dict], object]


def names_in(select: Select, minter: Minter) -> catalog.Names:
    """Names resolved by ``select``: :func:`store_names` and :func:`runner_names` give it its store or workers."""
    query = called_query()

    def lookup(text: str) -> list[dict]:
        rows = select(query.text, query.substitutions({"text": text}))
        return [{v: _get(row, v) for v in ("resource", "label", "id", "legislature")} for row in rows]

    return lambda param, text, others: iri_of(text, minter=minter, lookup=lookup, param=f"parameter {param}",
                                              legislature=others.get("legislature"))


LATEST = """PREFIX hm: <https://w3id.org/hemicycle/ontology#>
SELECT (MAX(?legislature) AS ?latest) WHERE { ?question hm:questionNumber ?n ; hm:legislature ?legislature }"""


def latest_in(select: Select) -> Callable[[], int | None]:
    """The latest legislature of the questions ``select`` reaches, asked when a query needs it (``latest``)."""
    def latest() -> int | None:
        for row in select(LATEST, {}):
            value = _get(row, "latest")
            return int(value) if value is not None else None
        return None
    return latest


def _store_select(store) -> Select:
    return lambda text, substitutions: store.query(text, substitutions=substitutions or None)


def store_names(store, minter: Minter) -> catalog.Names:
    """Names resolved in a store (:class:`~hemicycle.ingest.store.GraphStore`), for ``hemicycle query``."""
    return names_in(_store_select(store), minter)


def runner_names(runner, minter: Minter) -> catalog.Names:
    """Names resolved by the server's query workers (:class:`~hemicycle.queries.web.runner.QueryRunner`)."""
    return names_in(runner.select, minter)


def store_latest(store) -> Callable[[], int | None]:
    return latest_in(_store_select(store))


def runner_latest(runner) -> Callable[[], int | None]:
    return latest_in(runner.select)
