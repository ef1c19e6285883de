"""The filters every projection and chart takes, bound as typed terms through the named query's parameters.

A filter left out keeps the query's default, which means "any": legislature 0, the whole period, and the
``urn:hemicycle:any`` IRI for group, rubrique and ministry.

>>> from hemicycle.queries import catalog
>>> subs = bind(catalog.get("viz-group-rubrique"), Filters(legislature=16, start="2023-01-01"))
>>> sorted((k.value, v.value) for k, v in subs.items())[:3]
[('from', '2023-01-01'), ('group', 'urn:hemicycle:any'), ('legislature', '16')]
>>> bind(catalog.get("viz-group-rubrique"), Filters(group="not an iri"))
Traceback (most recent call last):
...
hemicycle.ontology.errors.ParameterError: parameter group: 'not an iri' is not a valid iri
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from hemicycle.queries.catalog import NamedQuery
from hemicycle.ontology.errors import ParameterError

FILTER_PARAMS = {"legislature": "legislature", "start": "from", "end": "to", "group": "group",
                 "rubrique": "rubrique", "ministry": "ministry"}


@dataclass(frozen=True)
class Filters:
    """What to keep: a legislature, a period of deposit dates (inclusive), a group, a rubrique, a ministry."""
    legislature: int | str | None = None
    start: str | None = None
    end: str | None = None
    group: str | None = None
    rubrique: str | None = None
    ministry: str | None = None

    def given(self) -> dict[str, str]:
        """The filters set, as parameter texts by query parameter name."""
        return {FILTER_PARAMS[f.name]: str(getattr(self, f.name)) for f in fields(self)
                if getattr(self, f.name) not in (None, "")}


def select(source, query: NamedQuery, substitutions: dict) -> list[dict]:
    """The rows of a named query, each a dict of its bound variables' names to terms. ``source`` is a
    :class:`~hemicycle.ingest.store.GraphStore` or anything with the server runner's ``select`` (which runs the
    query in a worker, with the server's timeout and result cap)."""
    if hasattr(source, "select"):
        return source.select(query.text, substitutions)
    solutions = source.query(query.text, substitutions=substitutions)
    names = [v.value for v in solutions.variables]
    return [{n: row[n] for n in names if row[n] is not None} for row in solutions]


def bind(query: NamedQuery, filters: Filters, extra: dict[str, str] | None = None) -> dict:
    """The query's substitutions for these filters (typed terms; defaults for the filters left out)."""
    given = filters.given()
    given.update(extra or {})
    if "from" in given and "to" in given and given["from"] > given["to"]:
        raise ParameterError(f"the period is empty: from {given['from']} is after to {given['to']}")
    return query.substitutions(given)
