"""Network projections: each is a named ``viz-*`` query whose rows are edges, and how rows become a graph.

Every projection query returns one row an edge with the columns ``source``, ``target``, ``weight`` and, for
each end, ``…Label``, ``…Group``, ``…GroupLabel`` and ``…Colour`` (unbound where they do not apply). Nodes
are keyed by their IRI and carry ``label``, ``kind`` (deputy, ministry, group, rubrique, question, decision),
``iri``, ``group``, ``groupLabel`` and ``colour`` (the group's colour, else the kind's). A node met on several
rows keeps the attributes of its first row: rows are taken heaviest first, then by IRI, so
a deputy who asked under two groups takes the group of their heaviest edge.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from hemicycle.queries import catalog
from hemicycle.queries.viz.filters import Filters, bind, select
from hemicycle.ontology.errors import UnknownProjection

# one colour a kind of node, for nodes without a group colour (colour-blind-safe palette)
KIND_COLOURS = {"deputy": "#7f7f7f", "ministry": "#0072B2", "group": "#009E73", "rubrique": "#E69F00",
                "question": "#56B4E9", "decision": "#D55E00"}


NO_GROUP = "urn:hemicycle:none"  # what the queries bind for a node without a group


@dataclass(frozen=True)
class Projection:
    name: str
    query: str
    source_kind: str
    target_kind: str
    description: str


PROJECTIONS = {p.name: p for p in (
    Projection("deputy-ministry", "viz-deputy-ministry", "deputy", "ministry",
               "deputies and the ministries they question, weighted by questions"),
    Projection("group-rubrique", "viz-group-rubrique", "group", "rubrique",
               "political groups and rubriques, weighted by questions"),
    Projection("question-decision", "viz-question-decision", "question", "decision",
               "questions and the court decisions cited in them or their answers"),
    Projection("decision-cocitation", "viz-decision-cocitation", "decision", "decision",
               "court decisions cited in the same question or answer"),
    Projection("deputy-rubriques", "viz-deputy-rubriques", "deputy", "deputy",
               "deputies linked by the rubriques they both ask under"),
    Projection("deputy-decisions", "viz-deputy-decisions", "deputy", "deputy",
               "deputies linked by the court decisions both their questions cite"),
)}


def get(name: str) -> Projection:
    try:
        return PROJECTIONS[name]
    except KeyError:
        raise UnknownProjection(f"no projection {name!r} (projections: {', '.join(PROJECTIONS)})") from None


def _text(term) -> str:
    return "" if term is None else term.value


def _node(graph: nx.Graph, row, end: str, kind: str) -> str:
    iri = row[end].value
    if iri not in graph:
        group = _text(row.get(end + "Group"))
        group = "" if group == NO_GROUP else group
        graph.add_node(iri, label=_text(row.get(end + "Label")) or iri, kind=kind, iri=iri, group=group,
                       groupLabel=_text(row.get(end + "GroupLabel")),
                       colour=_text(row.get(end + "Colour")) or KIND_COLOURS[kind])
    return iri


def graph_from_rows(projection: Projection, rows: list[dict]) -> nx.Graph:
    """The undirected weighted graph of a projection's query rows (dicts of variable names to terms)."""
    graph = nx.Graph(projection=projection.name, description=projection.description)
    # heaviest first, then by IRI (sorted here: ORDER BY on IRIs is the slowest part of a large projection query)
    rows = sorted(rows, key=lambda row: (-int(row["weight"].value), row["source"].value, row["target"].value))
    for row in rows:
        source = _node(graph, row, "source", projection.source_kind)
        target = _node(graph, row, "target", projection.target_kind)
        weight = int(row["weight"].value)
        if graph.has_edge(source, target):
            graph[source][target]["weight"] += weight
        else:
            graph.add_edge(source, target, weight=weight)
    return graph


def build(source, name: str, filters: Filters = Filters()) -> nx.Graph:
    """Run a projection's named query (filters bound as typed terms) on a store or the server's runner, and
    return its graph."""
    projection = get(name)
    query = catalog.get(projection.query)
    return graph_from_rows(projection, select(source, query, bind(query, filters)))
