"""Node metrics of a projection: degree, weighted degree, PageRank, betweenness and communities.

Each metric is stored on the node under its name (``degree``, ``weightedDegree``, ``pagerank``, ``betweenness``,
``community``). Betweenness is exact up to ``EXACT_BETWEENNESS`` nodes; above, it is estimated from a seeded
sample of sources (so a graph always gets the same figures) whose size keeps the work near
``BETWEENNESS_BUDGET`` node and edge visits (at least ``MIN_SOURCES`` sources): one source costs one
breadth-first search of the whole graph. Communities are Louvain's (weighted, seeded),
numbered from the largest (0).
"""
from __future__ import annotations

import networkx as nx

EXACT_BETWEENNESS = 2000
BETWEENNESS_BUDGET = 3_000_000
MIN_SOURCES = 16
SEED = 7


def add_metrics(graph: nx.Graph, *, seed: int = SEED) -> nx.Graph:
    """Compute every metric and store it on the nodes; returns the same graph."""
    if len(graph) == 0:
        return graph
    for node, degree in graph.degree():
        graph.nodes[node]["degree"] = degree
    for node, strength in graph.degree(weight="weight"):
        graph.nodes[node]["weightedDegree"] = strength
    pagerank = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {
        node: 1 / len(graph) for node in graph}
    k = None
    if len(graph) > EXACT_BETWEENNESS:
        k = min(len(graph), max(MIN_SOURCES, BETWEENNESS_BUDGET // (len(graph) + graph.number_of_edges())))
    betweenness = nx.betweenness_centrality(graph, k=k, seed=seed, normalized=True)
    communities = sorted(nx.community.louvain_communities(graph, weight="weight", seed=seed),
                         key=lambda c: (-len(c), min(c)))
    for index, members in enumerate(communities):
        for node in members:
            graph.nodes[node]["community"] = index
    for node in graph:
        graph.nodes[node]["pagerank"] = round(pagerank[node], 6)
        graph.nodes[node]["betweenness"] = round(betweenness[node], 6)
    graph.graph["communities"] = len(communities)
    graph.graph["betweenness"] = "exact" if k is None else f"estimated from {k} sources"
    return graph
