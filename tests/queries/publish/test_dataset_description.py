"""The dataset description: VoID counts checked against the store read quad by quad, link sets (0 included),
DCAT licence, attribution, temporal coverage, distributions with size and SHA-256, ``hemicycle void`` and
``export --describe``, and ``/.well-known/void``.
"""
from __future__ import annotations

import gzip
import hashlib
from collections import Counter, defaultdict

import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat

from support import ingest, real_data
from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.terms import DCAT, DCT, FOAF, HM, OWL, PROV, RDF, RDFS, SPDX, VOID, XSD
from hemicycle.queries.publish import dataset
from hemicycle.queries.cli import main

D = NamedNode("https://w3id.org/hemicycle/id/dataset")


@pytest.fixture(scope="module")
def sample(sample_store_path) -> str:
    """The store built once per session from the shipped sample (read only here)."""
    return str(sample_store_path)


def graph_of(data: bytes, fmt=RdfFormat.TURTLE) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(data, fmt)
    return store


def one(store, s, p):
    values = [q.object for q in store.quads_for_pattern(s, p, None)]
    assert len(values) == 1, f"{s} {p}: {values}"
    return values[0]


def partitions(desc, link, key, count) -> dict:
    return {one(desc, q.object, key): int(one(desc, q.object, count).value)
            for q in desc.quads_for_pattern(D, link, None)}


def expected_links(quads) -> dict:
    """Links counted by reading every quad in Python (not SPARQL), by (target, predicate)."""
    found = Counter()
    for quad in quads:
        value = quad.object.value
        for key, (_, _, candidates) in dataset.LINK_TARGETS.items():
            for predicate, starts in candidates:
                if quad.predicate == predicate and value.startswith(starts):
                    found[key, predicate.value] += 1
    return found


def check_counts(desc, store: pyoxigraph.Store):
    quads = list(store)
    assert int(one(desc, D, VOID.triples).value) == len(quads)
    assert int(one(desc, D, VOID.entities).value) == len({q.subject for q in quads
                                                              if isinstance(q.subject, NamedNode)})
    assert partitions(desc, VOID.propertyPartition, VOID.property, VOID.triples) == \
        dict(Counter(q.predicate for q in quads))
    members = defaultdict(set)
    for q in quads:
        if q.predicate == RDF.type:
            members[q.object].add(q.subject)
    assert partitions(desc, VOID.classPartition, VOID["class"], VOID.entities) == \
        {cls: len(subjects) for cls, subjects in members.items()}
    # every link set is there, with its count, zeros included
    links = expected_links(quads)
    reported = {}
    for q in desc.quads_for_pattern(D, VOID.subset, None):
        target = one(desc, q.object, VOID.objectsTarget)
        key = next(k for k, (t, _, _) in dataset.LINK_TARGETS.items() if t == target)
        reported[key, one(desc, q.object, VOID.linkPredicate).value] = int(one(desc, q.object, VOID.triples).value)
    assert len(reported) == sum(len(c) for _, _, c in dataset.LINK_TARGETS.values())
    assert {k: v for k, v in reported.items() if v} == dict(links)
    assert 0 in reported.values()


def test_counts_match_the_store_read_quad_by_quad(sample):
    store = GraphStore(sample, read_only=True)
    desc = graph_of(dataset.void_turtle(store))
    check_counts(desc, store.store)
    assert partitions(desc, VOID.classPartition, VOID["class"], VOID.entities)[HM.WrittenQuestion] == 1


def test_licence_attribution_coverage_and_provenance(sample):
    store = GraphStore(sample, read_only=True)
    desc = graph_of(dataset.void_turtle(store, sparql_endpoint="http://localhost:8000/sparql"))
    assert {q.object for q in desc.quads_for_pattern(D, RDF.type, None)} == {DCAT.Dataset, VOID.Dataset}
    assert one(desc, D, DCT.license) == NamedNode("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
    agent = one(desc, one(desc, D, PROV.qualifiedAttribution), PROV.agent)
    assert one(desc, agent, FOAF.name) == Literal("Assemblée nationale", language="fr")
    assert one(desc, D, DCT.rightsHolder) == agent
    period = one(desc, D, DCT.temporal)
    dates = [q.object.value for q in store.store.quads_for_pattern(None, HM.depositDate, None)]
    assert one(desc, period, DCAT.startDate) == Literal(min(dates), datatype=XSD.date)
    assert one(desc, period, DCAT.startDate).value <= one(desc, period, DCAT.endDate).value
    runs = {q.subject for q in store.store.quads_for_pattern(None, RDF.type, HM.IngestRun)}
    assert {q.object for q in desc.quads_for_pattern(D, PROV.wasGeneratedBy, None)} == runs
    assert "1 ingest runs" in one(desc, one(desc, D, DCT.provenance), RDFS.label).value
    assert one(desc, D, VOID.sparqlEndpoint) == NamedNode("http://localhost:8000/sparql")
    assert one(desc, one(desc, D, DCT.license), OWL.sameAs).value.startswith("https://spdx.org/licenses/etalab-2.0")


def test_export_describe_gives_size_and_sha256(sample, tmp_path):
    dump = tmp_path / "hemicycle.nq.gz"
    assert main(["export", "--store", sample, "--format", "nquads", "--gzip", "-o", str(dump), "--describe",
                 "--download-url", "https://example.org/dumps/hemicycle.nq.gz"]) == 0
    desc = graph_of((tmp_path / "hemicycle.nq.gz.void.ttl").read_bytes())
    dist = one(desc, D, DCAT.distribution)
    data = dump.read_bytes()
    assert int(one(desc, dist, DCAT.byteSize).value) == len(data)  # (a store reads nonNegativeInteger as integer)
    assert f'"{len(data)}"^^xsd:nonNegativeInteger' in (tmp_path / "hemicycle.nq.gz.void.ttl").read_text()
    checksum = one(desc, dist, SPDX.checksum)
    assert one(desc, checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
    assert one(desc, checksum, SPDX.checksumValue).value == hashlib.sha256(data).hexdigest()
    assert one(desc, dist, DCAT.mediaType).value.endswith("/application/n-quads")
    assert one(desc, dist, DCAT.compressFormat).value.endswith("/application/gzip")
    assert one(desc, dist, DCAT.downloadURL) == NamedNode("https://example.org/dumps/hemicycle.nq.gz")
    assert one(desc, D, VOID.dataDump) == NamedNode("https://example.org/dumps/hemicycle.nq.gz")
    check_counts(desc, graph_of(gzip.decompress(data), RdfFormat.N_QUADS))


def test_subset_description_counts_the_subset(sample, tmp_path):
    dump, described = tmp_path / "l17.ttl", tmp_path / "l17-description.ttl"
    query = f"CONSTRUCT {{ ?q a ?c }} WHERE {{ ?q a ?c FILTER(?c = {HM.WrittenQuestion}) }}"
    assert main(["export", "--store", sample, "--format", "turtle", "-o", str(dump), "--construct", query,
                 "--describe", str(described)]) == 0
    desc = graph_of(described.read_bytes())
    assert int(one(desc, D, VOID.triples).value) == 1
    assert "CONSTRUCT" in " ".join(q.object.value for q in desc.quads_for_pattern(D, DCT.description, None))


def test_void_command_writes_turtle(sample, capsysbinary):
    assert main(["void", "--store", sample]) == 0
    desc = graph_of(capsysbinary.readouterr().out)
    assert int(one(desc, D, VOID.triples).value) == len(pyoxigraph.Store.read_only(sample))
    assert main(["void", "--store", sample, "--format", "ntriples"]) == 0
    assert len(graph_of(capsysbinary.readouterr().out, RdfFormat.N_TRIPLES)) == len(desc)


def test_real_records_counts_and_links(tmp_path):
    questions = real_data("questions")
    store = GraphStore(tmp_path / "store")
    ingest(store, questions)
    desc = graph_of(dataset.void_turtle(store))
    check_counts(desc, store.store)


def test_well_known_void(client, sample_store_path):
    response = client.get("/.well-known/void")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    desc = graph_of(response.content)
    assert int(one(desc, D, VOID.triples).value) == len(pyoxigraph.Store.read_only(str(sample_store_path)))
    assert one(desc, D, VOID.sparqlEndpoint).value.endswith("/sparql")
    assert client.get("/.well-known/void").content == response.content  # served from the cache


def test_link_sets_count_each_target():
    store = GraphStore(in_memory=True)
    g = NamedNode("https://w3id.org/hemicycle/id/graph/x")
    decision = NamedNode("https://w3id.org/hemicycle/id/decision/fr/CC/2012-07-27/2012-270-QPC")
    law = NamedNode("https://w3id.org/hemicycle/id/texte/loi/2016-1321")
    ecli = "ECLI:FR:CC:2012:2012.270.QPC"
    store.store.extend([
        pyoxigraph.Quad(decision, HM.ecli, Literal(ecli), g),
        pyoxigraph.Quad(decision, RDFS.seeAlso, NamedNode(f"https://e-justice.europa.eu/ecli/{ecli}"), g),
        pyoxigraph.Quad(decision, RDFS.seeAlso, NamedNode("https://www.conseil-constitutionnel.fr/x"), g),
        pyoxigraph.Quad(law, HM.eli, Literal("https://www.legifrance.gouv.fr/eli/loi/2016/10/7/2016-1321/jo/texte",
                                             datatype=XSD.anyURI), g),
        pyoxigraph.Quad(law, OWL.sameAs, NamedNode("http://www.wikidata.org/entity/Q28359347"), g),
        pyoxigraph.Quad(law, RDF.type, HM.LegalText, g),
    ])
    counts = {(key, p.value): n for key, found in dataset.count_links(store).items() for p, n in found}
    assert counts[("ecli", HM.ecli.value)] == 1 and counts[("ecli", RDFS.seeAlso.value)] == 1
    assert counts[("legifrance", HM.eli.value)] == 1 and counts[("legifrance", RDFS.seeAlso.value)] == 0
    assert counts[("wikidata", OWL.sameAs.value)] == 1 and counts[("wikidata", RDFS.seeAlso.value)] == 0
    check_counts(graph_of(dataset.void_turtle(store)), store.store)
