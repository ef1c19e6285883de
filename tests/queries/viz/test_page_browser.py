"""The interactive page of a projection, in a real headless chromium: it draws its nodes (a screenshot that is
not blank), search finds a node and shows its details with a link to its linked-data page, the colour mode
switches, and the page asks nothing of the network (vis-network is inlined from the pyvis package).
"""
from __future__ import annotations

import io
import re

import pytest

from hemicycle.queries.viz import html, outputs, views

from support import a, o


@pytest.fixture(scope="module")
def page_file(graph_store, tmp_path_factory):
    graph = views.network(graph_store, "deputy-ministry")
    path = tmp_path_factory.mktemp("viz-page") / "deputy-ministry.html"
    out = io.BytesIO()
    outputs.write(graph, out, "html")
    path.write_bytes(out.getvalue())
    return path, graph


def test_page_is_self_contained(page_file):
    text = page_file[0].read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)[^>]+(src|href)=", text)  # nothing loaded from elsewhere
    assert html.vis_network_js()[:200] in text  # the library itself, inlined
    assert text.count("</script>") == 3


def test_labels_cannot_break_out_of_the_page(graph_store):
    graph = views.network(graph_store, "deputy-ministry")
    graph.nodes[a("PA9001")]["label"] = "</script><script>alert(1)</script>"
    text = html.page(graph, title="<b>t</b>")
    assert "</script><script>alert(1)" not in text and "<b>t</b>" not in text


def open_page(page, path):
    requests = []
    errors = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1200, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    return requests, errors


def test_page_renders_its_nodes(page, page_file):
    path, graph = page_file
    requests, errors = open_page(page, path)
    assert errors == []
    assert page.evaluate("window.hemicycleNetwork.body.data.nodes.length") == len(graph)
    assert page.evaluate("window.hemicycleNetwork.body.data.edges.length") == graph.number_of_edges()
    from PIL import Image

    shot = Image.open(io.BytesIO(page.locator("#network").screenshot())).convert("RGB")
    colours = shot.getcolors(maxcolors=1_000_000)
    assert len(colours) > 20  # nodes, edges and labels drawn, not a blank canvas
    assert [url for url in requests if not url.startswith("file:")] == []


def test_search_finds_a_node_and_shows_its_details(page, page_file):
    path, graph = page_file
    open_page(page, path)
    label = graph.nodes[a("PA9002")]["label"]
    page.fill("#search", label[:5].lower())
    page.wait_for_selector("#details h2")
    assert page.inner_text("#details h2") == label
    assert page.get_attribute("#node-link", "href") == a("PA9002")
    assert page.evaluate("window.hemicycleNetwork.getSelectedNodes()") == [a("PA9002")]
    details = page.inner_text("#details")
    assert "weighted degree\t4" in details and graph.nodes[a("PA9002")]["groupLabel"] in details
    page.fill("#search", "no such deputy")
    assert "No node matches" in page.inner_text("#matches")


def test_colour_modes(page, page_file):
    path, graph = page_file
    open_page(page, path)
    colour = "window.hemicycleNetwork.body.data.nodes.get(%r).color" % o("PO9011")
    assert page.evaluate(colour) == graph.nodes[o("PO9011")]["colour"]
    page.select_option("#colour-by", "kind")
    legend = page.inner_text("#legend")
    assert "deputy (4)" in legend and "ministry (5)" in legend
    page.select_option("#colour-by", "community")
    assert "community 0" in page.inner_text("#legend")


def test_empty_page_says_so(page, graph_store, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(html.page(views.network(graph_store, "deputy-ministry", views.Filters(legislature=15))),
                    encoding="utf-8")
    requests, errors = open_page(page, path)
    assert errors == [] and "Nothing matches these filters" in page.inner_text(".summary")
    page.fill("#search", "martin")
    assert "No node matches" in page.inner_text("#matches")


def test_search_puts_an_exact_label_first(page, tmp_path):
    import networkx as nx

    from hemicycle.queries.viz.layout import add_layout
    from hemicycle.queries.viz.metrics import add_metrics

    graph = nx.Graph()
    for iri, label in (("urn:x:hub", "Ministère de la justice"), ("urn:x:leaf", "Justice"), ("urn:x:a", "A"),
                       ("urn:x:b", "B")):
        graph.add_node(iri, label=label, kind="ministry", iri=iri, group="", groupLabel="", colour="#000000")
    graph.add_edges_from([("urn:x:hub", "urn:x:leaf"), ("urn:x:hub", "urn:x:a"), ("urn:x:hub", "urn:x:b")],
                         weight=1)
    add_layout(add_metrics(graph))
    assert graph.nodes["urn:x:hub"]["pagerank"] > graph.nodes["urn:x:leaf"]["pagerank"]
    path = tmp_path / "ranked.html"
    path.write_text(html.page(graph), encoding="utf-8")
    open_page(page, path)
    page.fill("#search", "JUSTICE")
    assert page.evaluate("window.hemicycleNetwork.getSelectedNodes()") == ["urn:x:leaf"]
    assert page.inner_text("#matches").splitlines()[0].startswith("Justice")
    page.fill("#search", "ICE")  # no label equals or starts with it: the higher PageRank first
    assert page.evaluate("window.hemicycleNetwork.getSelectedNodes()") == ["urn:x:hub"]
