"""The SPARQL 1.1 Protocol at /sparql: query by GET, POST form and POST direct, datasets, content negotiation,
the protocol's error answers, the service description and CORS."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from pyoxigraph import RdfFormat, parse

SEED = "https://w3id.org/hemicycle/id/question/QANR5L17QE15973"
SEED_GRAPH = "https://w3id.org/hemicycle/id/graph/QANR5L17QE15973"
UID_QUERY = f"SELECT ?uid WHERE {{ <{SEED}> <http://purl.org/dc/terms/identifier> ?uid }}"
CONSTRUCT = f"CONSTRUCT {{ <{SEED}> ?p ?o }} WHERE {{ <{SEED}> ?p ?o }}"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def bindings(response):
    return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


# --- the three ways of sending a query ----------------------------------------------------------------------

def test_get(client):
    r = client.get("/sparql", params={"query": UID_QUERY})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert bindings(r) == [{"uid": "QANR5L17QE15973"}]


def test_head_is_get_without_a_body(client):
    r = client.head("/sparql", params={"query": UID_QUERY})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    assert r.content == b""


def test_doctests():
    import doctest

    from hemicycle.queries.web import formats, sparql_text

    for module in (formats, sparql_text):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_post_form(client):
    r = client.post("/sparql", data={"query": UID_QUERY})
    assert r.status_code == 200 and bindings(r) == [{"uid": "QANR5L17QE15973"}]


def test_post_direct(client):
    r = client.post("/sparql", content=UID_QUERY.encode(),
                    headers={"content-type": "application/sparql-query; charset=utf-8"})
    assert r.status_code == 200 and bindings(r) == [{"uid": "QANR5L17QE15973"}]


def test_non_ascii_query_text(client):
    query = 'SELECT ?q WHERE { ?q <http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(CONTAINS(?l, "é")) } LIMIT 1'
    assert client.get("/sparql", params={"query": query}).status_code == 200
    assert client.post("/sparql", content=query.encode(), headers={"content-type": "application/sparql-query"}).status_code == 200


# --- datasets ---------------------------------------------------------------------------------------------

def test_default_graph_is_the_union_of_the_named_graphs(client):
    r = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert int(bindings(r)[0]["n"]) > 100


def test_default_graph_uri_narrows_the_default_graph(client):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    whole = int(bindings(client.get("/sparql", params={"query": count}))[0]["n"])
    one = bindings(client.get("/sparql", params={"query": count, "default-graph-uri": SEED_GRAPH}))
    assert 0 < int(one[0]["n"]) < whole
    none = bindings(client.get("/sparql", params={"query": count, "default-graph-uri": "http://example.org/none"}))
    assert int(none[0]["n"]) == 0


def test_named_graph_uri_limits_graph(client):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = client.post("/sparql", content=query, params={"named-graph-uri": SEED_GRAPH},
                    headers={"content-type": "application/sparql-query"})
    assert bindings(r) == [{"g": SEED_GRAPH}]
    assert len(bindings(client.get("/sparql", params={"query": query}))) > 1


def test_from_in_the_query_is_its_dataset(client):
    count = "SELECT (COUNT(*) AS ?n) FROM <{}> WHERE {{ ?s ?p ?o }}"
    whole = int(bindings(client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}))[0]["n"])
    one = int(bindings(client.get("/sparql", params={"query": count.format(SEED_GRAPH)}))[0]["n"])
    assert 0 < one < whole
    # the protocol's dataset replaces the query's
    other = bindings(client.get("/sparql", params={"query": count.format(SEED_GRAPH),
                                                   "default-graph-uri": "http://example.org/none"}))
    assert int(other[0]["n"]) == 0
    named = f"SELECT DISTINCT ?g FROM NAMED <{SEED_GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert bindings(client.get("/sparql", params={"query": named})) == [{"g": SEED_GRAPH}]


def test_named_graph_uri_alone_leaves_the_default_graph_empty(client):
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "named-graph-uri": SEED_GRAPH})
    assert r.json()["boolean"] is False


def test_bad_graph_iri(client):
    r = client.get("/sparql", params={"query": UID_QUERY, "default-graph-uri": "not an iri"})
    assert r.status_code == 400 and "default-graph-uri" in r.text


# --- content negotiation ----------------------------------------------------------------------------------

def test_select_as_xml(client):
    r = client.get("/sparql", params={"query": UID_QUERY}, headers={"accept": "application/sparql-results+xml"})
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(r.content)
    assert [v.get("name") for v in root.iter(SRX + "variable")] == ["uid"]
    assert [e.text for e in root.iter(SRX + "literal")] == ["QANR5L17QE15973"]


def test_select_as_csv_and_tsv(client):
    query = f"SELECT ?uid ?kind WHERE {{ <{SEED}> <http://purl.org/dc/terms/identifier> ?uid ; " \
            "<https://w3id.org/hemicycle/ontology#kindCode> ?kind }"
    r = client.get("/sparql", params={"query": query}, headers={"accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(r.text))) == [["uid", "kind"], ["QANR5L17QE15973", "QE"]]
    r = client.get("/sparql", params={"query": query}, headers={"accept": "text/tab-separated-values"})
    assert r.text.splitlines() == ["?uid\t?kind", '"QANR5L17QE15973"\t"QE"']


def test_typed_literals_in_json(client):
    query = f"SELECT ?n WHERE {{ <{SEED}> <https://w3id.org/hemicycle/ontology#questionNumber> ?n }}"
    binding = client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["n"]
    assert binding == {"type": "literal", "value": "15973", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


def test_ask_formats(client):
    assert client.get("/sparql", params={"query": f"ASK {{ <{SEED}> ?p ?o }}"}).json() == {"head": {}, "boolean": True}
    r = client.get("/sparql", params={"query": "ASK { <http://example.org/x> ?p ?o }"},
                   headers={"accept": "application/sparql-results+xml"})
    assert ET.fromstring(r.content).find(SRX + "boolean").text == "false"


@pytest.mark.parametrize("accept,fmt", [
    ("text/turtle", RdfFormat.TURTLE), ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/ld+json", RdfFormat.JSON_LD), ("application/rdf+xml", RdfFormat.RDF_XML),
])
def test_construct_formats(client, accept, fmt):
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    triples = list(parse(r.content, format=fmt))
    assert len(triples) > 5 and all(t.subject.value == SEED for t in triples)


def test_describe_default_is_turtle(client):
    r = client.get("/sparql", params={"query": f"DESCRIBE <{SEED}>"})
    assert r.headers["content-type"].startswith("text/turtle")
    assert any(t.subject.value == SEED for t in parse(r.content, format=RdfFormat.TURTLE))


def test_quality_values_pick_the_format(client):
    r = client.get("/sparql", params={"query": UID_QUERY},
                   headers={"accept": "application/sparql-results+json;q=0.5, text/csv;q=0.9"})
    assert r.headers["content-type"].startswith("text/csv")


def test_format_parameter(client):
    r = client.get("/sparql", params={"query": CONSTRUCT, "format": "ntriples"})
    assert r.headers["content-type"].startswith("application/n-triples")
    assert client.get("/sparql", params={"query": CONSTRUCT, "format": "png"}).status_code == 400


def test_not_acceptable(client):
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "application/sparql-results+json"})
    assert r.status_code == 406 and "text/turtle" in r.text
    r = client.get("/sparql", params={"query": UID_QUERY}, headers={"accept": "image/png"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.text


# --- the protocol's error answers ---------------------------------------------------------------------------

def test_syntax_error(client):
    r = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400 and "syntax error at line 1, column" in r.text


@pytest.mark.parametrize("send", [
    lambda c: c.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D"),
    lambda c: c.post("/sparql", content="query=ASK%7B%7D&query=ASK%7B%7D",
                     headers={"content-type": "application/x-www-form-urlencoded"}),
    lambda c: c.post("/sparql?query=ASK%7B%7D", content="ASK {}", headers={"content-type": "application/sparql-query"}),
    lambda c: c.post("/sparql", data={"query": "ASK {}", "update": "CLEAR ALL"}),
])
def test_two_queries(client, send):
    r = send(client)
    assert r.status_code == 400 and ("query" in r.text)


def test_body_not_utf8(client):
    r = client.post("/sparql", content="ASK { ?s ?p \"caf\xe9\" }".encode("latin-1"),
                    headers={"content-type": "application/sparql-query"})
    assert r.status_code == 400 and "UTF-8" in r.text
    r = client.post("/sparql", content=b"query=ASK%20%7B%20%3Fs%20%3Fp%20%22caf%E9%22%20%7D",
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "UTF-8" in r.text
    r = client.get("/sparql?query=ASK%20%7B%22%E9%22%7D")
    assert r.status_code == 400 and "UTF-8" in r.text


def test_body_too_large(client):
    from hemicycle.queries.web.sparql import MAX_BODY

    body = b"ASK {}" + b" " * MAX_BODY
    r = client.post("/sparql", content=body, headers={"content-type": "application/sparql-query"})
    assert r.status_code == 413 and "at most" in r.text

    def chunks():  # no Content-Length: counted as it comes
        for _ in range(MAX_BODY // 65536 + 2):
            yield b" " * 65536

    r = client.post("/sparql", content=chunks(), headers={"content-type": "application/sparql-query"})
    assert r.status_code == 413 and "over" in r.text


def test_declared_charset_other_than_utf8(client):
    r = client.post("/sparql", content=b"ASK {}", headers={"content-type": "application/sparql-query; charset=latin-1"})
    assert r.status_code == 415 and "UTF-8" in r.text


def test_wrong_media_type(client):
    r = client.post("/sparql", content=b"ASK {}", headers={"content-type": "text/plain"})
    assert r.status_code == 415 and "application/sparql-query" in r.text


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_wrong_method(client, method):
    r = client.request(method, "/sparql", content=b"ASK {}")
    assert r.status_code == 405 and "GET" in r.headers["allow"] and method in r.text


def test_form_without_query(client):
    r = client.post("/sparql", data={"q": "ASK {}"})
    assert r.status_code == 400 and "'query'" in r.text


def test_service_is_refused(client):
    r = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 403 and "SERVICE" in r.text
    # the word inside a string is no call
    r = client.get("/sparql", params={"query": 'SELECT * WHERE { ?s ?p "service" } LIMIT 1'})
    assert r.status_code == 200


# --- service description, CORS -------------------------------------------------------------------------------

def test_service_description(client):
    r = client.get("/sparql", headers={"accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    triples = list(parse(r.content, format=RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    facts = {(t.predicate.value, t.object.value) for t in triples}
    assert (sd + "endpoint", client.app.state.public_url + "/sparql") in facts  # never the Host
    assert (sd + "supportedLanguage", sd + "SPARQL11Query") in facts
    assert (sd + "supportedLanguage", sd + "SPARQL11Update") not in facts  # read-only
    assert (sd + "feature", sd + "UnionDefaultGraph") in facts
    assert (sd + "resultFormat", "http://www.w3.org/ns/formats/SPARQL_Results_JSON") in facts


def test_service_description_as_jsonld(client):
    r = client.get("/sparql", headers={"accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    assert json.loads(r.text)


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def test_a_browser_gets_the_editor_and_a_program_the_description(client):
    r = client.get("/sparql", headers={"accept": BROWSER}, follow_redirects=False)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")  # test_sparql_editor.py
    assert "Accept" in r.headers["vary"]
    for accept in ("*/*", "text/turtle", "application/rdf+xml"):
        r = client.get("/sparql", headers={"accept": accept}, follow_redirects=False)
        assert r.status_code == 200 and "sparql-service-description" in r.text, accept
    r = client.get("/sparql", params={"format": "turtle"}, headers={"accept": BROWSER}, follow_redirects=False)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")


def test_cors(client):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    r = client.options("/sparql", headers={"origin": "https://example.org", "access-control-request-method": "POST",
                                           "access-control-request-headers": "content-type"})
    assert r.status_code == 200 and "POST" in r.headers["access-control-allow-methods"]


def test_live_server_answers_over_http(live_server):
    import httpx2

    r = httpx2.post(live_server + "/sparql", data={"query": UID_QUERY}, headers={"accept": "text/csv"})
    assert r.status_code == 200 and r.text.splitlines() == ["uid", "QANR5L17QE15973"]
