"""Node positions for drawing: igraph's Fruchterman–Reingold layout (grid-accelerated, in C), seeded.

Positions are stored on the nodes as ``x`` and ``y``, scaled to fit a square of side ``2 * SCALE`` centred on 0.
The grid variant keeps a 20,000-node projection to a few seconds (see ``benchmarks/bench_viz.py``).
"""
from __future__ import annotations

import random

import igraph
import networkx as nx

SCALE = 1000.0
SEED = 7


def add_layout(graph: nx.Graph, *, seed: int = SEED, iterations: int = 500) -> nx.Graph:
    """Lay the graph out and store ``x``, ``y`` on every node; returns the same graph."""
    nodes = list(graph)
    if not nodes:
        return graph
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in graph.edges()]
    weights = [float(data.get("weight", 1)) for _, _, data in graph.edges(data=True)]
    layout_graph = igraph.Graph(n=len(nodes), edges=edges)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = layout_graph.layout_fruchterman_reingold(
            weights=weights or None, niter=iterations, grid="auto")
    finally:
        igraph.set_random_number_generator(random)
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    for node, x, y in zip(nodes, xs, ys):
        graph.nodes[node]["x"] = round((x - cx) / span * SCALE, 2)
        graph.nodes[node]["y"] = round((y - cy) / span * SCALE, 2)
    return graph
