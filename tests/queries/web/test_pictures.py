"""The views served by ``hemicycle serve`` under ``/viz``, over the sample store (seed question 15973, by
PA721296 of group PO845407, attributed to PO873643, citing CE, 5 mai 2026, n° 502860)."""
from __future__ import annotations

import io
import json

import networkx as nx

from support import B, o

SEED = B + "question/QANR5L17QE15973"
CE = B + "decision/fr/CE/2026-05-05/502860"


def test_pages_link_to_the_visualisations(client):
    assert 'href="/viz"' in client.get("/").text


def test_index_links_every_view(client):
    response = client.get("/viz")
    assert response.status_code == 200
    for name in ("deputy-ministry", "question-decision", "answer-delays", "most-cited-decisions"):
        assert f'href="/viz/{name}"' in response.text


def test_projection_as_graphml(client):
    response = client.get("/viz/deputy-ministry", params={"format": "graphml"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/graphml+xml")
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert {tuple(sorted(edge)) for edge in graph.edges()} == {(B + "acteur/PA721296", o("PO873643"))}
    assert graph[B + "acteur/PA721296"][o("PO873643")]["weight"] == 1


def test_page_links_nodes_to_the_servers_pages(client):
    response = client.get("/viz/question-decision")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    start = response.text.index('<script type="application/json" id="graph-data">') + len(
        '<script type="application/json" id="graph-data">')
    data = json.loads(response.text[start:response.text.index("</script>", start)])
    hrefs = {node["id"]: node["href"] for node in data["nodes"]}
    assert hrefs == {SEED: "/id/question/QANR5L17QE15973", CE: "/id/decision/fr/CE/2026-05-05/502860"}
    assert client.get(hrefs[SEED]).status_code == 200  # the link leads to the question's page


def test_filters_and_charts(client):
    cyto = client.get("/viz/deputy-ministry", params={"format": "cytoscape", "legislature": "16"}).json()
    assert cyto["elements"]["nodes"] == [] and cyto["elements"]["edges"] == []
    chart = client.get("/viz/most-cited-decisions", params={"format": "svg", "group": o("PO845407")})
    assert chart.status_code == 200 and chart.headers["content-type"] == "image/svg+xml"
    assert b"CE, 2026-05-05" in chart.content
    assert client.get("/viz/answer-delays").content.startswith(b"\x89PNG")


def test_bad_requests_are_named(client):
    cases = [
        ("/viz/deputies", 404, "no view 'deputies'"),
        ("/viz/deputy-ministry?legislature=XVII", 400, "parameter legislature"),
        ("/viz/deputy-ministry?colour=red", 400, "unknown parameter 'colour'"),
        ("/viz/deputy-ministry?format=dot", 400, "unknown format 'dot'"),
        ("/viz/answer-delays?format=html", 400, "answer-delays is a chart"),
        ("/viz/deputy-ministry?group=a&group=b", 400, "given twice"),
    ]
    for url, status, message in cases:
        response = client.get(url)
        assert (response.status_code, message in response.text) == (status, True), (url, response.text)


def test_the_views_page_is_in_the_site_layout(client):
    r = client.get("/viz", headers={"Accept-Language": "fr"})
    assert r.status_code == 200 and 'class="search-box"' in r.text and 'href="/deputies"' in r.text
    assert "<h1>Visualisations</h1>" in r.text and "Réseaux" in r.text and "Graphiques" in r.text
    assert "les questions au Gouvernement reçoivent leur réponse en séance" in r.text
    assert 'href="/viz/answer-delays?format=svg"' in r.text
