"""The ontology at its IRI (/ontology: documentation for a browser, RDF for a program) and the dataset's IRI
(303 to its VoID description)."""
from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, parse

from hemicycle.ontology import ONTOLOGY_FILE, read_resource
from hemicycle.ontology.terms import ONTOLOGY_IRI

TRIPLES = len(list(parse(read_resource(ONTOLOGY_FILE), format=RdfFormat.TURTLE)))


@pytest.mark.parametrize("path,accept,fmt", [
    ("/ontology", "text/turtle", RdfFormat.TURTLE),
    ("/ontology", "application/ld+json", RdfFormat.JSON_LD),
    ("/ontology.nt", "text/html", RdfFormat.N_TRIPLES),
    ("/ontology.ttl", None, RdfFormat.TURTLE),
])
def test_a_program_gets_the_ontology_s_triples(client, path, accept, fmt):
    r = client.get(path, headers={"accept": accept} if accept else {})
    assert r.status_code == 200 and "Accept" in r.headers["vary"]
    triples = list(parse(r.content, format=fmt))
    assert len(triples) == TRIPLES and any(t.subject.value == ONTOLOGY_IRI for t in triples)


def test_a_browser_gets_the_documentation(client):
    r = client.get("/ontology", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-location"] == "/ontology.html"
    assert r.content == read_resource("docs/index.html") and b"<title>Hemicycle ontology" in r.content


def test_what_is_not_offered_is_said(client):
    assert client.get("/ontology.xyz").status_code == 404
    assert client.get("/ontology", headers={"accept": "image/png"}).status_code == 406


def test_the_dataset_s_iri_leads_to_its_description(client):
    r = client.get("/id/dataset", headers={"accept": "text/turtle"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/.well-known/void"
    described = client.get("/id/dataset", headers={"accept": "text/turtle"})
    assert described.status_code == 200 and b"void:Dataset" in described.content
