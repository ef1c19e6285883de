"""The real Assemblée nationale files of ../shared/data/an, all ingested in one store (skipped when absent)."""
from __future__ import annotations

import pytest

from hemicycle.ingest.store import GraphStore
from hemicycle.queries.publish.validate import validate

from support import AN_DATA, ingest, real_data

pytestmark = pytest.mark.slow  # builds a store of the real records

P = """
PREFIX hm: <https://w3id.org/hemicycle/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    real_data()  # skips with a reason when ../shared/data/an is absent
    store = GraphStore(tmp_path_factory.mktemp("real") / "store")
    report = ingest(store, AN_DATA)
    return store, report


def number(store, query: str) -> int:
    return int(next(iter(store.query(P + query)))["n"].value)


def test_nothing_rejected(real):
    store, report = real
    assert [str(r) for r in report.rejections] == []
    assert report.read > 10_000 and report.added > 10_000


def test_question_counts(real):
    store, _ = real
    assert number(store, "SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { ?q a hm:GovernmentQuestion }") == 639
    assert number(store, "SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { ?q a hm:WrittenQuestion }") == 2


def test_every_author_has_a_name(real):
    store, _ = real
    nameless = list(store.query(P + """SELECT DISTINCT ?q ?p WHERE {
        ?q a ?kind ; dcterms:creator ?p . VALUES ?kind { hm:WrittenQuestion hm:GovernmentQuestion hm:OralQuestion }
        FILTER NOT EXISTS { ?p foaf:name ?name } }"""))
    assert nameless == []
    assert number(store, """SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE {
        ?q a hm:GovernmentQuestion ; dcterms:creator/foaf:name ?name }""") == 639


def test_ministries_resolved_by_name(real, capsys):
    _, report = real
    rate = report.resolution_rate
    with capsys.disabled():
        print(f"\nministries by name: {report.ministries_resolved} resolved, {report.ministries_unresolved} "
              f"unresolved, rate {rate:.1%} [{report.resolution_summary()}]")
    assert rate is not None and rate >= 0.95
    # the XVIth's questions to the Government name their ministries without an id; each has a date
    by_legislature = report.resolutions_by_legislature()
    assert set(by_legislature) == {16} and by_legislature[16]["no date"] == 0


def test_every_question_is_dated(real):
    store, _ = real
    assert number(store, """SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE {
        ?q a hm:GovernmentQuestion ; hm:depositDate ?d ; hm:depositDateBasis "attribution" }""") == 639
    assert number(store, """SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE {
        ?q hm:kindCode [] . FILTER NOT EXISTS { ?q hm:depositDate ?d ; hm:depositDateBasis ?b } }""") == 0


def test_shapes_report_no_violation(real):
    store, _ = real
    report = validate(store)
    violations = [v for v in report.violations if v.severity == "Violation"]
    assert violations == [], report.text(limit=20)


def test_legacy_fourteenth_question(real):
    store, _ = real
    rows = list(store.query(P + """SELECT DISTINCT ?q ?from ?to ?renewal WHERE {
        ?q hm:legislature 14 ; hm:questionNumber 47351 ; hm:kindCode "QE" ;
           hm:hasTransfer ?t ; hm:hasRenewal ?r .
        ?t hm:fromMinistry ?from ; hm:toMinistry ?to . OPTIONAL { ?r hm:renewalDate ?renewal } }"""))
    assert len(rows) >= 1, "no transfer or no renewal on the XIVth legacy question"
    assert all(r["from"] != r["to"] for r in rows)
    assert any(r["renewal"] is not None for r in rows)


def test_written_question_5268_answer_delay(real):
    store, _ = real
    rows = list(store.query(P + """SELECT DISTINCT ?d WHERE {
        <https://w3id.org/hemicycle/id/question/QANR5L17QE5268> hm:answerDelayDays ?d }"""))
    assert [int(r["d"].value) for r in rows] == [70]
