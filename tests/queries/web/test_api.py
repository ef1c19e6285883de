"""The named queries as a REST API (/api/queries) with an OpenAPI description; parameters bound as typed terms."""
from __future__ import annotations

import csv
import io

from hemicycle.queries import catalog

SEED = "https://w3id.org/hemicycle/id/question/QANR5L17QE15973"
DECISION = "https://w3id.org/hemicycle/id/decision/fr/CE/2026-05-05/502860"


def test_list(client):
    listed = client.get("/api/queries").json()["queries"]
    assert [q["name"] for q in listed] == sorted(catalog.load_all())
    card = next(q for q in listed if q["name"] == "question-card")
    assert card["parameters"] == [{"name": "question", "type": "iri", "default": None, "description": "the question"}]
    assert card["url"] == client.app.state.public_url + "/api/queries/question-card"  # never the Host


def test_run_as_json(client):
    r = client.get("/api/queries/question-card", params={"question": SEED})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    row = r.json()["results"]["bindings"][0]
    assert row["uid"]["value"] == "QANR5L17QE15973" and row["kind"]["value"] == "QE"


def test_run_as_csv(client):
    for r in (client.get("/api/queries/question-card", params={"question": SEED, "format": "csv"}),
              client.get("/api/queries/question-card", params={"question": SEED}, headers={"accept": "text/csv"})):
        assert r.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert len(rows) == 1 and rows[0]["uid"] == "QANR5L17QE15973"


def test_cross_reference_query(client):
    rows = client.get("/api/queries/questions-citing-decision", params={"decision": DECISION}).json()
    questions = {b["question"]["value"] for b in rows["results"]["bindings"]}
    assert SEED in questions


def test_defaults_and_typed_parameters(client):
    r = client.get("/api/queries/most-active-deputies")
    assert r.status_code == 200
    r = client.get("/api/queries/most-active-deputies", params={"legislature": "seventeen"})
    assert r.status_code == 400 and "legislature" in r.text and "xsd:integer" in r.text


def test_parameters_are_not_pasted_into_the_query(client):
    # an IRI that would close the pattern if pasted is no IRI: it is looked up as a name, bound as a literal
    r = client.get("/api/queries/question-card", params={"question": SEED + "> ?p ?o } #"})
    assert r.status_code == 400 and "nothing in the store is called" in r.text
    # a string with quotes and braces is a plain literal: no row, no error
    r = client.get("/api/queries/texts-cited-in-answers", params={"ministry": "https://w3id.org/hemicycle/id/organe/PO845407",
                                                                  "type": '" } } SELECT * { ?s ?p ?o } #'})
    assert r.status_code == 200 and r.json()["results"]["bindings"] == []


def test_errors(client):
    assert client.get("/api/queries/no-such-query").status_code == 404
    r = client.get("/api/queries/question-card")
    assert r.status_code == 400 and "question" in r.text
    r = client.get("/api/queries/question-card", params={"question": SEED, "colour": "red"})
    assert r.status_code == 400 and "colour" in r.text
    r = client.get("/api/queries/question-card", params={"question": SEED, "format": "xml"})
    assert r.status_code == 400 and "json or csv" in r.text
    r = client.get("/api/queries/question-card", params={"question": SEED}, headers={"accept": "image/png"})
    assert r.status_code == 406
    r = client.get(f"/api/queries/question-card?question={SEED}&question={SEED}")
    assert r.status_code == 400 and "twice" in r.text


def test_openapi(client):
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    queries = catalog.load_all()
    assert set(doc["paths"]) == {"/api/queries", *(f"/api/queries/{name}" for name in queries)}
    params = {p["name"]: p for p in doc["paths"]["/api/queries/most-active-deputies"]["get"]["parameters"]}
    assert params["legislature"]["schema"]["type"] == "integer" and params["legislature"]["required"] is False
    params = {p["name"]: p for p in doc["paths"]["/api/queries/question-card"]["get"]["parameters"]}
    assert params["question"]["required"] is True and params["question"]["schema"]["format"] == "iri"
    for path in doc["paths"].values():
        for ref in _refs(path):
            assert ref.removeprefix("#/components/schemas/") in doc["components"]["schemas"]


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)
