"""Writing a projection: GraphML, GEXF (Gephi, Cytoscape), node-link JSON, Cytoscape.js JSON, the interactive
HTML page, and static PNG and SVG drawings.

Every writer takes a graph that already has its metrics and layout (``x``, ``y`` on each node) and a binary
stream.
"""
from __future__ import annotations

import io
import json

import networkx as nx

from hemicycle.queries.viz import FORMATS, html
from hemicycle.ontology.errors import FormatError


def _hex_rgb(colour: str) -> dict[str, int]:
    colour = colour.lstrip("#")
    if len(colour) != 6:
        return {"r": 128, "g": 128, "b": 128}
    return {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16)}


def _plain(graph: nx.Graph) -> nx.Graph:
    """A copy whose graph attributes are all scalars (what GraphML and GEXF can hold)."""
    copy = graph.copy()
    copy.graph = {k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float, bool))}
    return copy


def write_graphml(graph: nx.Graph, out) -> None:
    nx.write_graphml(_plain(graph), out, encoding="utf-8", prettyprint=True)


def write_gexf(graph: nx.Graph, out) -> None:
    copy = _plain(graph)
    for node, data in copy.nodes(data=True):
        size = 4 + 40 * float(data.get("pagerank", 0)) ** 0.5
        data["viz"] = {"color": {**_hex_rgb(data.get("colour", "")), "a": 1.0},
                       "position": {"x": float(data.get("x", 0)), "y": float(data.get("y", 0)), "z": 0.0},
                       "size": round(size, 2)}
    nx.write_gexf(copy, out, encoding="utf-8", prettyprint=True)


def node_link(graph: nx.Graph) -> dict:
    """networkx's node-link form (``nodes`` and ``edges``), with the graph's attributes."""
    return nx.node_link_data(graph, edges="edges")


def cytoscape(graph: nx.Graph) -> dict:
    """Cytoscape.js elements JSON (``elements.nodes[].data.id``, ``elements.edges[].data.source/target``),
    each node with its ``position``."""
    data = nx.cytoscape_data(graph, name="label", ident="id")
    for element in data["elements"]["nodes"]:
        attrs = graph.nodes[element["data"]["id"]]
        element["position"] = {"x": attrs.get("x", 0.0), "y": attrs.get("y", 0.0)}
    for element in data["elements"]["edges"]:
        element["data"]["id"] = f'{element["data"]["source"]} {element["data"]["target"]}'
    return data


def _json(value, out) -> None:
    out.write(json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8"))
    out.write(b"\n")


def draw(graph: nx.Graph, out, fmt: str, *, labels: int = 30) -> None:
    """A static drawing (PNG or SVG): nodes coloured as on the page, sized by PageRank, the ``labels`` nodes of
    highest PageRank named."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(12, 12), dpi=100)
    axes.set_axis_off()
    title = graph.graph.get("title") or graph.graph.get("projection", "")
    axes.set_title(f"{title} — {len(graph)} nodes, {graph.number_of_edges()} edges")
    if len(graph):
        pos = {n: (d.get("x", 0.0), d.get("y", 0.0)) for n, d in graph.nodes(data=True)}
        weights = [d.get("weight", 1) for _, _, d in graph.edges(data=True)]
        top = max(weights) if weights else 1
        nx.draw_networkx_edges(graph, pos, ax=axes, alpha=0.25, edge_color="#888888",
                               width=[0.3 + 2.5 * w / top for w in weights])
        nodes = list(graph)
        sizes = [10 + 3000 * graph.nodes[n].get("pagerank", 0) for n in nodes]
        colours = [graph.nodes[n].get("colour", "#7f7f7f") for n in nodes]
        nx.draw_networkx_nodes(graph, pos, nodelist=nodes, node_size=sizes, node_color=colours, ax=axes,
                               linewidths=0.3, edgecolors="#ffffff")
        ranked = sorted(nodes, key=lambda n: -graph.nodes[n].get("pagerank", 0))[:labels]
        nx.draw_networkx_labels(graph, pos, labels={n: graph.nodes[n]["label"] for n in ranked}, ax=axes,
                                font_size=8)
    else:
        axes.text(0.5, 0.5, "No edges for these filters", ha="center", va="center", transform=axes.transAxes)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, bbox_inches="tight")
    plt.close(figure)
    out.write(buffer.getvalue())


def write(graph: nx.Graph, out, fmt: str, **options) -> None:
    """Write the graph to the binary stream ``out`` in ``fmt`` (one of ``FORMATS``)."""
    if fmt == "graphml":
        write_graphml(graph, out)
    elif fmt == "gexf":
        write_gexf(graph, out)
    elif fmt == "json":
        _json(node_link(graph), out)
    elif fmt == "cytoscape":
        _json(cytoscape(graph), out)
    elif fmt == "html":
        out.write(html.page(graph, **options).encode("utf-8"))
    elif fmt in ("png", "svg"):
        draw(graph, out, fmt)
    else:
        raise FormatError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
