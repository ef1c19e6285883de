"""Outputs of the projections and the charts: each file opens with a standard reader (networkx for GraphML, GEXF
and node-link JSON; Cytoscape.js JSON checked against its structure; PNG and SVG by their signatures and
matplotlib's reader), and ``hemicycle viz`` on the command line, with its errors.
"""
from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from hemicycle.queries.cli import main
from hemicycle.queries.viz import charts, outputs, views
from hemicycle.queries.viz.filters import Filters
from hemicycle.ontology.errors import FormatError

from support import B, a, o


@pytest.fixture(scope="module")
def network(graph_store):
    return views.network(graph_store, "deputy-ministry")


def written(graph, fmt) -> bytes:
    out = io.BytesIO()
    outputs.write(graph, out, fmt)
    return out.getvalue()


def test_graphml_opens_in_networkx(network):
    graph = nx.read_graphml(io.BytesIO(written(network, "graphml")))
    assert set(graph) == set(network)
    assert graph[a("PA9002")][o("PO9021")]["weight"] == 2
    node = graph.nodes[a("PA9002")]
    assert (node["kind"], node["degree"], node["weightedDegree"]) == ("deputy", 3, 4)
    assert isinstance(node["x"], float) and isinstance(node["pagerank"], float)


def test_gexf_opens_in_networkx_with_positions_and_colours(network):
    graph = nx.read_gexf(io.BytesIO(written(network, "gexf")))
    assert set(graph) == set(network)
    assert graph[a("PA9001")][o("PO9011")]["weight"] == 2
    node = graph.nodes[o("PO9011")]
    assert node["label"] == network.nodes[o("PO9011")]["label"]
    assert node["viz"]["position"]["x"] == pytest.approx(network.nodes[o("PO9011")]["x"])
    assert set(node["viz"]["color"]) >= {"r", "g", "b"}


def test_node_link_json(network):
    data = json.loads(written(network, "json"))
    graph = nx.node_link_graph(data, edges="edges")
    assert nx.utils.graphs_equal(graph, network)
    assert data["graph"]["projection"] == "deputy-ministry"


def test_cytoscape_json_structure(network):
    data = json.loads(written(network, "cytoscape"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    ids = [n["data"]["id"] for n in nodes]
    assert sorted(ids) == sorted(network) and len(set(ids)) == len(ids)
    for node in nodes:
        assert isinstance(node["data"]["label"], str)
        assert set(node["position"]) == {"x", "y"} and all(isinstance(v, float) for v in node["position"].values())
    assert len(edges) == network.number_of_edges()
    edge_ids = [e["data"]["id"] for e in edges]
    assert len(set(edge_ids)) == len(edge_ids) and not set(edge_ids) & set(ids)
    for edge in edges:
        assert edge["data"]["source"] in ids and edge["data"]["target"] in ids
        assert isinstance(edge["data"]["weight"], int)
    graph = nx.cytoscape_graph(data, name="label", ident="id")
    assert set(graph) == set(network)
    assert {frozenset((s, t)): w for s, t, w in graph.edges(data="weight")} == {
        frozenset((s, t)): w for s, t, w in network.edges(data="weight")}


@pytest.mark.parametrize("fmt, signature", [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<?xml")])
def test_static_drawings(network, fmt, signature):
    data = written(network, fmt)
    assert data.startswith(signature)
    if fmt == "png":
        import matplotlib.image
        pixels = matplotlib.image.imread(io.BytesIO(data))
        assert pixels.shape[0] > 500 and pixels.std() > 0.01  # not a blank picture
    else:
        assert b"<svg" in data and network.nodes[o("PO9011")]["label"].encode() in data


def test_empty_projection_still_writes_every_format(graph_store):
    graph = views.network(graph_store, "deputy-ministry", Filters(legislature=15))
    assert len(graph) == 0
    for fmt in outputs.FORMATS:
        assert written(graph, fmt)
    assert nx.read_graphml(io.BytesIO(written(graph, "graphml"))).number_of_nodes() == 0


def test_unknown_format(network):
    with pytest.raises(FormatError, match="unknown format 'dot'"):
        written(network, "dot")


# --- charts --------------------------------------------------------------------------------------------------------

def test_answer_delays_per_ministry(graph_store):
    # by the ministry's name: Santé is PO9011 (XVIth) then PO9021 (XVIIth), Économie answers as PO9022
    assert charts.answer_delays(graph_store) == {"Santé": [35, 98, 119, 133], "Économie": [105, 105, 119]}
    assert charts.answer_delays(graph_store, Filters(legislature=16)) == {"Santé": [35, 98]}


def test_questions_per_month(graph_store):
    months, counts, colours = charts.questions_per_month(graph_store, Filters(legislature=17))
    assert months == ["2024-07", "2024-10", "2024-11", "2024-12", "2025-02", "2026-06"]
    by_group = {label: sum(by_month.values()) for label, by_month in counts.items()}
    assert sorted(by_group.values()) == [1, 2, 4]  # 15973's group; Gamma (9007, 9009); Beta (9006, 9008, 9010, 9011)
    beta = next(label for label, total in by_group.items() if total == 4)
    assert counts[beta] == {"2024-07": 1, "2024-10": 1, "2024-11": 2}
    assert all(colour.startswith("#") for colour in colours.values())


def test_most_cited_decisions(citation_store):
    assert charts.most_cited(citation_store) == [
        ("CE, 2026-05-05, n° 502860", 5, 6), ("CC, 2023-12-21, n° 2023-860 DC", 2, 2),
        ("CC, 2025-03-14, n° 2025-880 QPC", 2, 2)]
    assert charts.most_cited(citation_store, limit=1) == [("CE, 2026-05-05, n° 502860", 5, 6)]


@pytest.mark.parametrize("name", list(charts.CHARTS))
@pytest.mark.parametrize("fmt", charts.FORMATS)
def test_charts_draw(citation_store, name, fmt):
    out = io.BytesIO()
    charts.draw(citation_store, name, out, fmt)
    assert out.getvalue().startswith(b"\x89PNG" if fmt == "png" else b"<?xml")


# --- the command line ----------------------------------------------------------------------------------------------

def test_cli_writes_each_format(graph_store, tmp_path):
    store = str(graph_store.path)
    for fmt in outputs.FORMATS:
        target = tmp_path / f"out.{fmt}"
        assert main(["viz", "--store", store, "group-rubrique", "--legislature", "16", "--format", fmt,
                     "-o", str(target)]) == 0
        assert target.stat().st_size > 0
    graph = nx.read_gexf(tmp_path / "out.gexf")
    assert sorted(graph) == sorted([o("PO9101"), B + "rubrique/sante", B + "rubrique/impots-et-taxes"])
    assert main(["viz", "--store", store, "answer-delays", "--format", "svg", "-o", str(tmp_path / "c.svg"),
                 "--group", o("PO9101")]) == 0
    assert (tmp_path / "c.svg").read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize("args, message", [
    (["nope"], "no view 'nope'"),
    (["answer-delays", "--format", "html"], "answer-delays is a chart"),
    (["deputy-ministry", "--legislature", "XVII"], "parameter legislature: 'XVII' is not a valid xsd:integer"),
    (["deputy-ministry", "--from", "2024-02-30"], "parameter from"),
    (["deputy-ministry", "--ministry", "PO9011"], "parameter ministry: 'PO9011' is not a valid iri"),
    ([], "viz needs a VIEW"),
])
def test_cli_errors(graph_store, capsys, args, message):
    assert main(["viz", "--store", str(graph_store.path), *args]) == 2
    assert message in capsys.readouterr().err


def test_cli_list(capsys):
    assert main(["viz", "--list"]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in views.NAMES)
