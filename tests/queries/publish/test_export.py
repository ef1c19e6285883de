"""Exports: every format round-trips graph by graph, gzip, subsets, JSON-LD compaction, bad requests.

Round trip: export, load into a fresh store, and compare each named graph with the original's (the graph
holds no blank node, which is checked, so comparing sets of triples is the isomorphism test).
"""
from __future__ import annotations

import gzip
import io
import json
from collections import defaultdict

import pyoxigraph
import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat

from support import ingest, real_data
from hemicycle.ingest.store import GraphStore
from hemicycle.queries.publish import export, jsonld
from hemicycle.queries.cli import main
from hemicycle.ontology.errors import ExportError

ID = "https://w3id.org/hemicycle/id/"
HM = "https://w3id.org/hemicycle/ontology#"
SEED = NamedNode(ID + "graph/QANR5L17QE15973")
RDF_FORMATS = {**export.DATASET_FORMATS, **export.GRAPH_FORMATS}


@pytest.fixture(scope="module")
def sample(sample_store_path) -> str:
    """The store built once per session from the shipped sample (read only here)."""
    return str(sample_store_path)


@pytest.fixture(scope="module")
def real_subset(tmp_path_factory) -> str:
    """A store of real records: the XVIth's 639 questions to the government, two more, and 5 organs."""
    questions, organs = real_data("questions"), real_data("amo", "l17-organes-xml")
    path = tmp_path_factory.mktemp("export-real") / "store"
    store = GraphStore(path)
    ingest(store, questions, organs)
    del store
    return str(path)


def by_graph(quads) -> dict:
    graphs = defaultdict(set)
    for quad in quads:
        assert not isinstance(quad.subject, BlankNode) and not isinstance(quad.object, BlankNode)
        graphs[quad.graph_name].add(quad.triple)
    return dict(graphs)


def reload(data: bytes, fmt: str) -> pyoxigraph.Store:
    fresh = pyoxigraph.Store()
    fresh.load(data, RDF_FORMATS[fmt])
    return fresh


def assert_same_graphs(original: pyoxigraph.Store, copy: pyoxigraph.Store):
    want, got = by_graph(original), by_graph(copy)
    assert set(got) == set(want)
    for graph, triples in want.items():
        assert got[graph] == triples, f"graph {graph} differs: {len(got[graph] ^ triples)} triples"


def assert_same_union(original: pyoxigraph.Store, copy: pyoxigraph.Store):
    union = {q.triple for q in original}
    assert set(q.graph_name for q in copy) == {DefaultGraph()}
    assert {q.triple for q in copy} == union


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_round_trip_graph_by_graph(sample, tmp_path, fmt):
    out = tmp_path / f"dump{export.EXTENSIONS[fmt]}"
    assert main(["export", "--store", sample, "--format", fmt, "-o", str(out)]) == 0
    original = pyoxigraph.Store.read_only(sample)
    assert len(original) > 200
    copy = reload(out.read_bytes(), fmt)
    if fmt in export.DATASET_FORMATS:
        assert_same_graphs(original, copy)
    else:
        assert_same_union(original, copy)


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_real_data_round_trip_graph_by_graph(real_subset, fmt):
    original = pyoxigraph.Store.read_only(real_subset)
    out = io.BytesIO()
    export.export(GraphStore(real_subset, read_only=True), out, fmt)
    assert len(original) > 30000
    assert_same_graphs(original, reload(out.getvalue(), fmt))


def test_gzip_holds_the_same_dump(sample, tmp_path):
    plain, packed = tmp_path / "d.nq", tmp_path / "d.nq.gz"
    assert main(["export", "--store", sample, "--format", "nquads", "-o", str(plain)]) == 0
    assert main(["export", "--store", sample, "--format", "nquads", "--gzip", "-o", str(packed)]) == 0
    assert packed.read_bytes()[:2] == b"\x1f\x8b"
    assert gzip.decompress(packed.read_bytes()) == plain.read_bytes()


def test_gzip_to_standard_output(sample, capsysbinary):
    assert main(["export", "--store", sample, "--format", "turtle", "--gzip"]) == 0
    data = gzip.decompress(capsysbinary.readouterr().out)
    assert data.startswith(b"@prefix")
    assert_same_union(pyoxigraph.Store.read_only(sample), reload(data, "turtle"))


def test_turtle_and_trig_use_the_prefixes(sample, capsysbinary):
    for fmt in ("turtle", "trig"):
        assert main(["export", "--store", sample, "--format", fmt]) == 0
        text = capsysbinary.readouterr().out.decode()
        assert "@prefix hm: <https://w3id.org/hemicycle/ontology#> ." in text
        assert "hm:WrittenQuestion" in text


def test_jsonld_is_compacted_with_the_project_context(sample, capsysbinary):
    assert main(["export", "--store", sample, "--format", "jsonld"]) == 0
    document = json.loads(capsysbinary.readouterr().out)
    assert document["@context"] == jsonld.project_context()
    graphs = {g["id"]: g["@graph"] for g in document["@graph"]}
    nodes = {n["id"]: n for n in graphs[SEED.value]}
    question = nodes[ID + "question/QANR5L17QE15973"]
    assert "WrittenQuestion" in question["type"]
    assert question["legislature"] == "17"  # xsd:integer by the context's coercion
    assert question["depositDate"].count("-") == 2  # a plain date string: the term says xsd:date
    assert not any(key.startswith("http") for node in nodes.values() for key in node)


def test_jsonld_keeps_values_the_context_does_not_coerce():
    """A value that does not fit its term's coercion keeps an explicit value object under a compact IRI."""
    s, g = NamedNode(ID + "question/QANR5L17QE1"), NamedNode(ID + "graph/QANR5L17QE1")
    quads = [
        Quad(s, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("written", language="en"), g),
        Quad(s, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("écrite", language="fr"), g),
        Quad(s, NamedNode(HM + "legislature"), Literal("XVII"), g),
        Quad(s, NamedNode(HM + "depositDate"), Literal("2024-10-01", datatype=NamedNode(
            "http://www.w3.org/2001/XMLSchema#date")), g),
        Quad(s, NamedNode(HM + "status"), NamedNode(HM + "Answered"), g),
        Quad(s, NamedNode("https://example.org/unknown"), NamedNode(ID + "organe/PO1"), g),
        Quad(s, NamedNode("https://example.org/unknown"), Literal("3", datatype=NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer")), g),
        Quad(s, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(HM + "WrittenQuestion")),
    ]
    out = io.BytesIO()
    assert jsonld.write(quads, out) == len(quads)
    document = json.loads(out.getvalue())
    node = document["@graph"][0]["@graph"][0]
    assert node["label"] == "écrite"
    assert node["rdfs:label"] == {"@value": "written", "@language": "en"}
    assert node["hm:legislature"] == "XVII"  # a plain string: the term "legislature" would make it an integer
    assert node["depositDate"] == "2024-10-01"
    assert node["status"] == "Answered"
    assert node["https://example.org/unknown"] == [{"@id": ID + "organe/PO1"},
                                                  {"@value": "3", "@type": "xsd:integer"}]
    assert document["@graph"][1] == {"id": s.value, "type": "WrittenQuestion"}
    copy = pyoxigraph.Store()
    copy.load(out.getvalue(), RdfFormat.JSON_LD)
    assert set(copy) == set(quads)


def test_graph_subset(sample, capsysbinary):
    assert main(["export", "--store", sample, "--format", "nquads", "--graph", SEED.value]) == 0
    copy = reload(capsysbinary.readouterr().out, "nquads")
    original = pyoxigraph.Store.read_only(sample)
    assert set(copy) == set(original.quads_for_pattern(None, None, None, SEED))
    assert len(copy) > 30


def test_legislature_subset_stands_on_its_own(sample):
    store = GraphStore(sample, read_only=True)
    graphs = {g.value for g in export.legislature_graphs(store, 17)}
    assert SEED.value in graphs
    assert ID + "graph/PA721296" in graphs  # the seed question's author, one step out
    out = io.BytesIO()
    export.export(store, out, "trig", legislature=17)
    copy = reload(out.getvalue(), "trig")
    assert {g.value for g in copy.named_graphs()} == graphs


def test_real_legislature_subsets_do_not_mix(real_subset):
    store = GraphStore(real_subset, read_only=True)
    sixteen = {g.value for g in export.legislature_graphs(store, 16)}
    seventeen = {g.value for g in export.legislature_graphs(store, 17)}
    assert ID + "graph/QANR5L16QG1" in sixteen and ID + "graph/QANR5L16QG1" not in seventeen
    assert ID + "graph/QANR5L17QE5268" in seventeen and ID + "graph/QANR5L17QE5268" not in sixteen
    assert len(sixteen) > 639


def test_construct_subset(sample, capsysbinary):
    query = f"CONSTRUCT {{ ?q a <{HM}WrittenQuestion> }} WHERE {{ ?q a <{HM}WrittenQuestion> }}"
    assert main(["export", "--store", sample, "--format", "ntriples", "--construct", query]) == 0
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert lines == [f"<{ID}question/QANR5L17QE15973> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                     f"<{HM}WrittenQuestion> ."]


@pytest.mark.parametrize("argv,message", [
    (["--graph", ID + "graph/NOPE"], "no graph"),
    (["--graph", "not an iri"], "not an IRI"),
    (["--legislature", "99"], "legislature 99"),
    (["--legislature", "0"], "positive"),
    (["--construct", "SELECT * WHERE { ?s ?p ?o }"], "SELECT"),
    (["--construct", "ASK { ?s ?p ?o }"], "ASK"),
    (["--construct", "CONSTRUCT {"], "SPARQL syntax error"),
    (["--describe"], "--describe needs -o"),
])
def test_bad_requests_exit_2_with_a_message(sample, capsys, argv, message):
    assert main(["export", "--store", sample, "--format", "nquads", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hemicycle export: ") and message in err and "Traceback" not in err


def test_unknown_format_is_refused(sample):
    with pytest.raises(ExportError, match="unknown export format 'n3'"):
        export.export(GraphStore(sample, read_only=True), io.BytesIO(), "n3")
    with pytest.raises(SystemExit):
        main(["export", "--store", sample, "--format", "n3"])
