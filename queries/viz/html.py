"""The self-contained interactive page of a projection: vis-network drawing the precomputed layout, with zoom,
search, node details (linking to each node's linked-data page), and colours by group, kind or community.

The page needs nothing from the network: vis-network's JavaScript is read at run time from the installed
``pyvis`` package (which ships it) and inlined, with the graph's data, into one HTML file.
"""
from __future__ import annotations

import html as html_escape
import json
import re
from functools import lru_cache
from importlib import resources
from string import Template

import networkx as nx

from hemicycle.queries.viz.projections import KIND_COLOURS
from hemicycle.ontology.errors import MissingLibrary


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's minified JavaScript, from the newest ``lib/vis-*/`` folder of the pyvis package."""
    lib = resources.files("pyvis").joinpath("lib")
    found = []
    for folder in lib.iterdir():
        match = re.fullmatch(r"vis-(\d+)\.(\d+)\.(\d+)", folder.name)
        script = folder.joinpath("vis-network.min.js")
        if match and script.is_file():
            found.append((tuple(int(part) for part in match.groups()), script))
    if not found:
        raise MissingLibrary("pyvis ships no lib/vis-*/vis-network.min.js: reinstall pyvis")
    return max(found, key=lambda item: item[0])[1].read_text(encoding="utf-8")


def _script_safe(text: str) -> str:
    """Text that cannot close the <script> element it is put in."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def page_data(graph: nx.Graph, link=None) -> dict:
    """What the page's script reads: nodes (id, label, kind, group, colour, position, metrics, ``href``: where
    its details link) and edges."""
    nodes = [{"id": node, **attrs, "href": link(node) if link else node} for node, attrs in graph.nodes(data=True)]
    edges = [{"source": a, "target": b, "weight": d.get("weight", 1)} for a, b, d in graph.edges(data=True)]
    return {"nodes": nodes, "edges": edges, "kindColours": KIND_COLOURS}


def page(graph: nx.Graph, *, title: str | None = None, link=None) -> str:
    """The whole HTML page. ``link(iri)`` gives where a node's details link (default: the IRI itself, which
    dereferences to its linked-data page; the server gives its own path for the IRI)."""
    title = title or graph.graph.get("title") or graph.graph.get("projection", "Network")
    summary = f"{len(graph)} nodes, {graph.number_of_edges()} edges"
    if graph.graph.get("filters"):
        summary += f" ({graph.graph['filters']})"
    if len(graph) == 0:
        summary += ". Nothing matches these filters."
    data = json.dumps(page_data(graph, link), ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    template = Template(resources.files(__package__).joinpath("page.html").read_text(encoding="utf-8"))
    return template.substitute(title=html_escape.escape(title), summary=html_escape.escape(summary),
                               data=data, visjs=_script_safe(vis_network_js()))
