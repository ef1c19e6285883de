"""The query page at / and the route it runs queries by (/query/results): named queries and edited text,
typed parameters, every result format, downloads, and clear errors."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from pyoxigraph import RdfFormat, parse

from hemicycle.queries import catalog

SEED = "https://w3id.org/hemicycle/id/question/QANR5L17QE15973"
UIDS = """# title: Identifiers
# param: question iri — a question
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?question ?uid WHERE { ?question dcterms:identifier ?uid }"""
CONSTRUCT = f"CONSTRUCT {{ <{SEED}> ?p ?o }} WHERE {{ <{SEED}> ?p ?o }}"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def test_query_page_offers_every_named_query(client):
    r = client.get("/query")
    assert r.status_code == 200
    named = json.loads(re.search(r'<script type="application/json" id="named-queries">(.*?)</script>',
                                 r.text, re.S).group(1))
    assert [q["name"] for q in named] == list(catalog.load_all())
    for name in catalog.load_all():
        assert f'<option value="{name}"' in r.text
    card = next(q for q in named if q["name"] == "question-card")
    assert card["params"][0]["default"] == SEED  # the first example runs as it comes
    assert card["text"] == catalog.get("question-card").text
    assert 'src="/static/query.js"' in r.text and 'href="/static/hemicycle.css"' in r.text


def test_named_query_with_typed_parameter(client):
    r = client.get("/query/results", params={"name": "question-card", "p.question": SEED})
    assert r.status_code == 200 and r.headers["x-result-kind"] == "solutions"
    [row] = r.json()["results"]["bindings"]
    assert row["question"] == {"type": "uri", "value": SEED}
    assert row["author"]["value"] == "Guillaume Gouffier Valente"


def test_edited_text_binds_the_parameters_its_header_declares(client):
    r = client.get("/query/results", params={"query": UIDS, "p.question": SEED})
    assert r.status_code == 200
    assert [b["uid"]["value"] for b in r.json()["results"]["bindings"]] == ["QANR5L17QE15973"]
    r = client.get("/query/results", params={"query": "SELECT ?x WHERE { ?x a ?y } LIMIT 2"})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 2


@pytest.mark.parametrize("fmt, media", [
    ("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
])
def test_select_downloads(client, fmt, media):
    r = client.get("/query/results", params={"query": UIDS, "p.question": SEED, "format": fmt, "download": "1"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    ext = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}[fmt]
    assert r.headers["content-disposition"] == f'attachment; filename="query.{ext}"'
    if fmt == "json":
        assert r.json()["results"]["bindings"][0]["uid"]["value"] == "QANR5L17QE15973"
    elif fmt == "xml":
        literal = ET.fromstring(r.content).find(f".//{SRX}binding[@name='uid']/{SRX}literal")
        assert literal.text == "QANR5L17QE15973"
    elif fmt == "csv":
        assert list(csv.DictReader(io.StringIO(r.text)))[0]["uid"] == "QANR5L17QE15973"
    else:
        lines = r.text.splitlines()
        assert lines[0].split("\t") == ["?question", "?uid"] and '"QANR5L17QE15973"' in lines[1]


@pytest.mark.parametrize("fmt, media, rdf", [
    ("turtle", "text/turtle", RdfFormat.TURTLE), ("ntriples", "application/n-triples", RdfFormat.N_TRIPLES),
    ("jsonld", "application/ld+json", RdfFormat.JSON_LD), ("rdfxml", "application/rdf+xml", RdfFormat.RDF_XML),
])
def test_graph_downloads(client, fmt, media, rdf):
    r = client.get("/query/results", params={"query": CONSTRUCT, "format": fmt, "download": "1"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert r.headers["x-result-kind"] == "graph"
    triples = {q.triple for q in parse(r.content, format=rdf)}
    assert len(triples) == 18 and all(t.subject.value == SEED for t in triples)


def test_download_is_named_after_the_named_query(client):
    r = client.get("/query/results", params={"name": "question-card", "p.question": SEED, "format": "csv",
                                             "download": "1"})
    assert r.headers["content-disposition"] == 'attachment; filename="question-card.csv"'


def test_auto_format(client):
    r = client.get("/query/results", params={"query": CONSTRUCT})
    assert r.headers["x-result-kind"] == "graph" and r.headers["content-type"].startswith("application/ld+json")
    r = client.get("/query/results", params={"query": f"ASK {{ <{SEED}> ?p ?o }}"})
    assert r.headers["x-result-kind"] == "boolean" and r.json()["boolean"] is True


@pytest.mark.parametrize("params, status, message", [
    ({"name": "no-such-query"}, 404, "no named query 'no-such-query'"),
    ({"name": "question-card"}, 400, "question-card needs its parameter question (the question): fill it in under Parameters"),
    ({"name": "question-card", "p.question": "not an iri"}, 400, "nothing in the store is called 'not an iri'"),
    ({"name": "question-card", "p.question": SEED, "p.other": "1"}, 400, "takes no parameter other"),
    ({"name": "question-card", "query": UIDS}, 400, "not both"),
    ({}, 400, "no query"),
    ({"query": "SELECT ?x WHERE {"}, 400, "SPARQL syntax error"),
    ({"query": UIDS, "p.question": SEED, "format": "png"}, 400, "format 'png' is none of"),
    ({"query": UIDS, "p.question": SEED, "format": "turtle"}, 406, "solutions result"),
    ({"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}, 403, "SERVICE"),
    ({"query": UIDS, "question": SEED}, 400, "p.NAME=value"),
    ({"query": "# param: n xsd:complex\nSELECT ?n WHERE {}"}, 400, "bad parameter line"),
])
def test_errors_say_what_is_wrong(client, params, status, message):
    r = client.get("/query/results", params=params)
    assert r.status_code == status
    assert message in r.text


def test_updates_are_not_queries(client):
    r = client.get("/query/results", params={"query": "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"})
    assert r.status_code == 400


def test_labels_name_the_iris_of_a_result(client):
    """POST /query/labels: the store's names and the ontology's labels, in the page's language; bad bodies 400."""
    person, pending = "https://w3id.org/hemicycle/id/acteur/PA721296", "https://w3id.org/hemicycle/ontology#Pending"
    unknown = "https://example.org/nothing"
    r = client.post("/query/labels", json=[person, pending, SEED, unknown])
    assert r.status_code == 200
    assert r.json() == {person: "Guillaume Gouffier Valente", pending: "pending", SEED: "QE 15973 (17th)"}
    french = client.post("/query/labels", json=[pending, SEED], headers={"Accept-Language": "fr"}).json()
    assert french == {pending: "en attente de réponse", SEED: "QE 15973 (17e)"}
    for body in (b"{}", b"[1, 2]", b'["not an iri"]', b"[", b"x" * (2 << 20)):
        bad = client.post("/query/labels", content=body)
        assert bad.status_code in (400, 413) and bad.text, body[:20]
