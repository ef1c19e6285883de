"""One entry point for every view: ``render(store, name, fmt, filters)`` writes a projection (with its metrics
and layout) or a chart, whatever the caller (the command line, the server)."""
from __future__ import annotations

import networkx as nx

from hemicycle.queries.viz import charts, outputs, projections
from hemicycle.queries.viz.filters import Filters
from hemicycle.queries.viz.layout import add_layout
from hemicycle.queries.viz.metrics import add_metrics
from hemicycle.ontology.errors import FormatError, UnknownProjection

NAMES = (*projections.PROJECTIONS, *charts.CHARTS)
MEDIA_TYPES = {"html": "text/html; charset=utf-8", "graphml": "application/graphml+xml",
               "gexf": "application/gexf+xml", "json": "application/json", "cytoscape": "application/json",
               "png": "image/png", "svg": "image/svg+xml"}


def describe_filters(filters: Filters) -> str:
    return ", ".join(f"{k} {v}" for k, v in filters.given().items())


def network(store, name: str, filters: Filters = Filters()) -> nx.Graph:
    """A projection's graph with its metrics and layout."""
    graph = projections.build(store, name, filters)
    graph.graph["title"] = f"{name}: {projections.get(name).description}"
    graph.graph["filters"] = describe_filters(filters)
    return add_layout(add_metrics(graph))


def render(store, name: str, fmt: str, out, filters: Filters = Filters(), **options) -> None:
    """Write the view ``name`` in ``fmt`` to the binary stream ``out``."""
    if fmt not in outputs.FORMATS:
        raise FormatError(f"unknown format {fmt!r} (formats: {', '.join(outputs.FORMATS)})")
    if name in charts.CHARTS:
        if fmt not in charts.FORMATS:
            raise FormatError(f"{name} is a chart: it is drawn as png or svg, not {fmt}")
        charts.draw(store, name, out, fmt, filters)
        return
    if name not in projections.PROJECTIONS:
        raise UnknownProjection(f"no view {name!r} (views: {', '.join(NAMES)})")
    outputs.write(network(store, name, filters), out, fmt, **options)
