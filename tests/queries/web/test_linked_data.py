"""Linked data: every IRI minted under the base dereferences at its path on the server, by content negotiation
(HTML, Turtle, JSON-LD, N-Triples) or by suffix; unknown resources are 404; the JSON-LD reads back as the same
triples."""
from __future__ import annotations

import doctest
import json

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse

from hemicycle.ontology.iris import Minter
from hemicycle.queries.web import linked_data, page_data

B = "https://w3id.org/hemicycle/id/"
SEED = B + "question/QANR5L17QE15973"
SEED_PATH = "/id/question/QANR5L17QE15973"
DECISION = B + "decision/fr/CE/2026-05-05/502860"
DCT = "http://purl.org/dc/terms/"
HM = "https://w3id.org/hemicycle/ontology#"


def triples(body: bytes, fmt: RdfFormat) -> set[Triple]:
    return {q.triple for q in parse(body, format=fmt)}


def test_doctests():
    for module in (linked_data, page_data):
        assert doctest.testmod(module).failed == 0, module.__name__


# --- paths ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("base, iri, path", [
    (B, SEED, SEED_PATH),
    (B, SEED + "#question-1", SEED_PATH + "#question-1"),
    (B, DECISION, "/id/decision/fr/CE/2026-05-05/502860"),
    ("http://localhost:8000/data/id/", "http://localhost:8000/data/id/acteur/PA1", "/data/id/acteur/PA1"),
    ("https://example.org/", "https://example.org/organe/PO1", "/organe/PO1"),
    (B, "https://example.org/question/Q1", None),
])
def test_server_path(base, iri, path):
    assert linked_data.server_path(iri, base) == path


@pytest.mark.parametrize("accept, suffix, fmt", [
    ("text/turtle", "", "turtle"),
    ("application/ld+json", "", "jsonld"),
    ("application/n-triples", "", "ntriples"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "", "html"),
    ("*/*", "", "html"),
    (None, "", "html"),
    ("text/turtle;q=0.5, application/ld+json;q=0.9", "", "jsonld"),
    ("text/*", "", "html"),
    ("image/png", "", None),
    ("image/png", ".ttl", "turtle"),
    ("text/turtle", ".html", "html"),
    ("text/html", ".jsonld", "jsonld"),
    ("text/html", ".nt", "ntriples"),
])
def test_choose_format(accept, suffix, fmt):
    assert linked_data.choose_format(accept, suffix) == fmt


# --- negotiation over the sample's seed question ---------------------------------------------------------------

@pytest.mark.parametrize("accept, media, location", [
    ("text/turtle", "text/turtle", SEED_PATH + ".ttl"),
    ("application/ld+json", "application/ld+json", SEED_PATH + ".jsonld"),
    ("application/n-triples", "application/n-triples", SEED_PATH + ".nt"),
    ("text/html", "text/html", SEED_PATH + ".html"),
    ("*/*", "text/html", SEED_PATH + ".html"),
])
def test_negotiation(client, accept, media, location):
    r = client.get(SEED_PATH, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert r.headers["content-location"] == location
    assert "Accept" in r.headers["vary"]


def test_the_three_rdf_formats_say_the_same(client):
    turtle = triples(client.get(SEED_PATH, headers={"Accept": "text/turtle"}).content, RdfFormat.TURTLE)
    ntriples = triples(client.get(SEED_PATH + ".nt").content, RdfFormat.N_TRIPLES)
    jsonld = triples(client.get(SEED_PATH + ".jsonld").content, RdfFormat.JSON_LD)
    assert turtle == ntriples == jsonld
    seed = NamedNode(SEED)
    assert Triple(seed, NamedNode(DCT + "creator"), NamedNode(B + "acteur/PA721296")) in turtle
    assert Triple(seed, NamedNode(DCT + "identifier"), Literal("QANR5L17QE15973")) in turtle


def test_description_holds_the_parts(client):
    """A question's description reaches its texts (one step) and their citations (two steps)."""
    got = triples(client.get(SEED_PATH + ".nt").content, RdfFormat.N_TRIPLES)
    occurrence = NamedNode(SEED + "#question-1-citation-1")
    assert Triple(NamedNode(SEED), NamedNode(HM + "hasQuestionText"), NamedNode(SEED + "#question-1")) in got
    assert Triple(occurrence, NamedNode(HM + "cites"), NamedNode(DECISION)) in got
    subjects = {t.subject.value for t in got}
    assert subjects == {SEED, SEED + "#question-1", SEED + "#question-1-citation-1", SEED + "#attribution-1"}


def test_suffix_wins_over_accept(client):
    r = client.get(SEED_PATH + ".ttl", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert "content-location" not in r.headers
    r = client.get(SEED_PATH + ".html", headers={"Accept": "text/turtle"})
    assert r.headers["content-type"].startswith("text/html") and "Gouffier Valente" in r.text


def test_jsonld_is_compacted_with_the_prefixes(client):
    doc = client.get(SEED_PATH + ".jsonld").json()
    assert doc["@context"]["hm"] == HM
    seed = next(node for node in doc["@graph"] if node["@id"] == SEED)
    assert seed["@type"] == ["hm:WrittenQuestion"]
    assert seed["dcterms:creator"] == [{"@id": B + "acteur/PA721296"}]
    assert seed["hm:depositDate"] == [{"@type": "xsd:date", "@value": "2026-06-16"}]


def test_a_decision_a_deputy_an_organ_a_concept_dereference(client):
    for path, expected in [
        ("/id/decision/fr/CE/2026-05-05/502860", (DECISION, HM + "decisionNumber")),
        ("/id/acteur/PA721296", (B + "acteur/PA721296", "http://xmlns.com/foaf/0.1/name")),
        ("/id/organe/PO873643", (B + "organe/PO873643", "http://www.w3.org/2004/02/skos/core#prefLabel")),
        ("/id/rubrique/etrangers", (B + "rubrique/etrangers", "http://www.w3.org/2004/02/skos/core#prefLabel")),
    ]:
        got = triples(client.get(path + ".nt").content, RdfFormat.N_TRIPLES)
        assert any(t.subject.value == expected[0] and t.predicate.value == expected[1] for t in got), path


def test_unknown_resource_is_404(client):
    r = client.get("/id/question/QANR5L17QE99999999", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert "knows nothing about" in r.text and "QANR5L17QE99999999" in r.text
    r = client.get("/id/question/QANR5L17QE99999999.ttl")
    assert r.status_code == 404 and "knows nothing about" in r.text


def test_no_acceptable_format_is_406(client):
    r = client.get(SEED_PATH, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "text/turtle" in r.text and ".ttl" in r.text


def test_only_get_and_head(client):
    r = client.post(SEED_PATH, content=b"x")
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"
    assert client.head(SEED_PATH + ".ttl").status_code == 200


def test_paths_outside_the_base_are_not_resources(client):
    assert client.get("/question/QANR5L17QE15973").status_code == 404
    assert client.get("/id/").status_code == 404


def test_jsonld_in_html_cannot_close_its_script():
    text = linked_data.jsonld_text([Triple(NamedNode(SEED), NamedNode(HM + "text"), Literal("a </script> b"))],
                                   for_html=True)
    assert "</script>" not in text and "<" not in text
    assert json.loads(text)["@graph"][0]["hm:text"] == [{"@value": "a </script> b"}]


# --- another base: the IRIs map by their own path ----------------------------------------------------------------

@pytest.fixture(scope="module")
def other_base_client(tmp_path_factory):
    from starlette.testclient import TestClient

    from hemicycle.ingest.store import GraphStore
    from hemicycle.ingest.pipeline import Ingester
    from hemicycle.queries.cli import sample_path
    from hemicycle.queries.web.app import create_app

    base = "http://localhost:8000/data/id/"
    path = tmp_path_factory.mktemp("other-base") / "store"
    store = GraphStore(path)
    Ingester(store, iris=Minter(base), progress=False, on_rejection=lambda r: None).run([sample_path()])
    store.store.flush()
    del store
    app = create_app(path, base=base, query_timeout=10.0, workers=1)
    with TestClient(app) as client:
        yield client


def test_another_base_maps_by_its_path(other_base_client):
    r = other_base_client.get("/data/id/question/QANR5L17QE15973.nt")
    assert r.status_code == 200
    got = triples(r.content, RdfFormat.N_TRIPLES)
    assert Triple(NamedNode("http://localhost:8000/data/id/question/QANR5L17QE15973"), NamedNode(DCT + "creator"),
                  NamedNode("http://localhost:8000/data/id/acteur/PA721296")) in got
    page = other_base_client.get("/data/id/question/QANR5L17QE15973").text
    assert 'href="/data/id/acteur/PA721296"' in page
    assert other_base_client.get("/id/question/QANR5L17QE15973").status_code == 404

