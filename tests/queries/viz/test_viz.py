"""Network projections (``queries/viz-*.rq`` + ``hemicycle.queries.viz``): nodes, edges and weights on the fixture
graphs, the filters, the metrics and the layout.

Two fixture stores: ``graph`` is the shipped sample plus ``tests/fixtures/graph/`` (and ``graph/run2/``), with
these questions (author, group at the time, ministry attributed, rubrique, deposit date):

==========  =======  ======  =======  ===============  ==========
question    author   group   ministry rubrique         deposit
==========  =======  ======  =======  ===============  ==========
16/9001     PA9001   PO9101  PO9011   santé            2024-01-16
16/9002     PA9003   PO9101  PO9011   santé            2024-02-06
16/9003     PA9003   PO9101  PO9012   impôts et taxes  2024-03-05
16/9004     PA9001   PO9101  PO9012   impôts et taxes  2024-04-02
16/9005     PA9001   PO9101  PO9011   santé            2024-05-07
17/9006     PA9001   PO9102  PO9022   santé            2024-10-01
17/9007     PA9001   PO9103  PO9022   impôts et taxes  2025-02-04
17/9008     PA9002   PO9102  PO9021   santé            2024-11-05
17/9009     PA9002   PO9103  PO9021   agriculture      2024-12-03
17/9010     PA9002   PO9102  PO9011   agriculture      2024-11-12
17/9011     PA9002   PO9102  PO9022   agriculture      2024-07-23
17/15973    PA721296 PO845407 PO873643 étrangers       2026-06-16
==========  =======  ======  =======  ===============  ==========

``citations`` is the sample plus ``tests/fixtures/citations-graph/`` (see ``test_citation_graph.py``): court
decisions cited by question (q) and answer (a) texts, with occurrences: 15973 q CE 502860; 9101 q CE, a CE ×2;
9102 q and a CC 2025-880 QPC; 9103 q CC 2023-860 DC, a CC 2023-860 DC and CE; 9104 q CE. Authors: 9101, 9103,
9105 by PA9101; 9102, 9104 by PA9102; 15973 by PA721296.
"""
from __future__ import annotations

import pytest

from hemicycle.ingest.store import GraphStore
from hemicycle.queries import catalog
from hemicycle.ontology.errors import ParameterError, UnknownProjection
from hemicycle.queries.viz import projections
from hemicycle.queries.viz.filters import Filters
from hemicycle.queries.viz.layout import SCALE, add_layout
from hemicycle.queries.viz.metrics import add_metrics

from support import B, a, ingest, o

CE = B + "decision/fr/CE/2026-05-05/502860"
CC860 = B + "decision/fr/CC/2023-12-21/2023-860-DC"
CC880 = B + "decision/fr/CC/2025-03-14/2025-880-QPC"



def r(name):
    return B + "rubrique/" + name


def qn(uid):
    return B + "question/" + uid


def edges(graph):
    """The edges as {(one end, other end): weight}, each pair in IRI order."""
    return {tuple(sorted((s, t))): d["weight"] for s, t, d in graph.edges(data=True)}


def pairs(*triples):
    return {tuple(sorted((s, t))): w for s, t, w in triples}


DEPUTY_MINISTRY_ALL = pairs(
    (a("PA9001"), o("PO9011"), 2), (a("PA9001"), o("PO9012"), 1), (a("PA9001"), o("PO9022"), 2),
    (a("PA9003"), o("PO9011"), 1), (a("PA9003"), o("PO9012"), 1),
    (a("PA9002"), o("PO9021"), 2), (a("PA9002"), o("PO9011"), 1), (a("PA9002"), o("PO9022"), 1),
    (a("PA721296"), o("PO873643"), 1))


@pytest.mark.parametrize("filters, expected", [
    (Filters(), DEPUTY_MINISTRY_ALL),
    (Filters(legislature=16), pairs((a("PA9001"), o("PO9011"), 2), (a("PA9001"), o("PO9012"), 1),
                                    (a("PA9003"), o("PO9011"), 1), (a("PA9003"), o("PO9012"), 1))),
    (Filters(group=o("PO9102")), pairs((a("PA9001"), o("PO9022"), 1), (a("PA9002"), o("PO9021"), 1),
                                       (a("PA9002"), o("PO9011"), 1), (a("PA9002"), o("PO9022"), 1))),
    (Filters(start="2024-10-01", end="2024-12-31"),
     pairs((a("PA9001"), o("PO9022"), 1), (a("PA9002"), o("PO9021"), 2), (a("PA9002"), o("PO9011"), 1))),
    (Filters(rubrique=r("sante")), pairs((a("PA9001"), o("PO9011"), 2), (a("PA9003"), o("PO9011"), 1),
                                         (a("PA9001"), o("PO9022"), 1), (a("PA9002"), o("PO9021"), 1))),
    (Filters(ministry=o("PO9022")), pairs((a("PA9001"), o("PO9022"), 2), (a("PA9002"), o("PO9022"), 1))),
    (Filters(legislature=16, group=o("PO9102")), {}),
], ids=["all", "legislature", "group", "period", "rubrique", "ministry", "nothing"])
def test_deputy_ministry_edges_and_filters(graph_store, filters, expected):
    graph = projections.build(graph_store, "deputy-ministry", filters)
    assert edges(graph) == expected
    assert set(graph) == {end for pair in expected for end in pair}


def test_deputy_ministry_nodes(graph_store):
    graph = projections.build(graph_store, "deputy-ministry")
    deputy, ministry = graph.nodes[a("PA9003")], graph.nodes[o("PO9011")]
    assert (deputy["kind"], deputy["group"], deputy["iri"]) == ("deputy", o("PO9101"), a("PA9003"))
    assert deputy["label"] != a("PA9003") and deputy["groupLabel"]
    assert (ministry["kind"], ministry["group"], ministry["colour"]) == (
        "ministry", "", projections.KIND_COLOURS["ministry"])
    # a deputy takes the group of its heaviest edge (ties: the first ministry in IRI order)
    assert graph.nodes[a("PA9001")]["group"] == o("PO9101")


def test_group_rubrique(graph_store):
    graph = projections.build(graph_store, "group-rubrique")
    assert edges(graph) == pairs(
        (o("PO9101"), r("sante"), 3), (o("PO9101"), r("impots-et-taxes"), 2),
        (o("PO9102"), r("sante"), 2), (o("PO9102"), r("agriculture"), 2),
        (o("PO9103"), r("impots-et-taxes"), 1), (o("PO9103"), r("agriculture"), 1),
        (o("PO845407"), r("etrangers"), 1))
    assert {graph.nodes[n]["kind"] for n in graph} == {"group", "rubrique"}
    assert graph.nodes[r("sante")]["label"] == "santé"
    assert graph.nodes[o("PO845407")]["colour"].startswith("#")


def test_deputy_rubriques(graph_store):
    graph = projections.build(graph_store, "deputy-rubriques")
    assert edges(graph) == pairs((a("PA9001"), a("PA9003"), 2), (a("PA9001"), a("PA9002"), 1),
                                 (a("PA9002"), a("PA9003"), 1))
    assert a("PA721296") not in graph  # no rubrique in common with anyone
    assert edges(projections.build(graph_store, "deputy-rubriques", Filters(legislature=17))) == pairs(
        (a("PA9001"), a("PA9002"), 1))


def test_question_decision(citation_store):
    graph = projections.build(citation_store, "question-decision")
    assert edges(graph) == pairs(
        (qn("QANR5L17QE15973"), CE, 1), (qn("QANR5L17QE9101"), CE, 3), (qn("QANR5L17QE9102"), CC880, 2),
        (qn("QANR5L17QE9103"), CC860, 2), (qn("QANR5L17QE9103"), CE, 1), (qn("QANR5L17QE9104"), CE, 1))
    assert graph.nodes[CE]["label"] == "CE, 2026-05-05, n° 502860"
    assert graph.nodes[qn("QANR5L17QE9101")]["label"] == "QANR5L17QE9101"
    assert graph.nodes[CE]["kind"] == "decision"
    assert edges(projections.build(citation_store, "question-decision", Filters(end="2026-01-01"))) == pairs(
        (qn("QANR5L17QE9102"), CC880, 2))


def test_decision_cocitation(citation_store):
    graph = projections.build(citation_store, "decision-cocitation")
    assert edges(graph) == pairs((CC860, CE, 1))  # only 9103's answer cites two decisions


def test_deputy_decisions(citation_store):
    graph = projections.build(citation_store, "deputy-decisions")
    assert edges(graph) == pairs((a("PA721296"), a("PA9101"), 1), (a("PA721296"), a("PA9102"), 1),
                                 (a("PA9101"), a("PA9102"), 1))
    assert graph.nodes[a("PA9101")]["kind"] == "deputy"


def test_projection_queries_are_named_queries_with_typed_filters():
    for projection in projections.PROJECTIONS.values():
        query = catalog.get(projection.query)
        types = {p.name: p.type for p in query.params}
        assert types == {"legislature": "xsd:integer", "from": "xsd:date", "to": "xsd:date", "group": "iri",
                         "rubrique": "iri", "ministry": "iri"}, projection.name


@pytest.mark.parametrize("filters, message", [
    (Filters(legislature="seventeen"), "legislature"),
    (Filters(start="2024-13-01"), "from"),
    (Filters(group="Groupe Alpha"), "group"),
    (Filters(start="2025-01-01", end="2024-01-01"), "period is empty"),
])
def test_bad_filters_are_named(graph_store, filters, message):
    with pytest.raises(ParameterError, match=message):
        projections.build(graph_store, "deputy-ministry", filters)


def test_unknown_projection(graph_store):
    with pytest.raises(UnknownProjection, match="no projection 'deputies'"):
        projections.build(graph_store, "deputies")


def test_metrics(graph_store):
    graph = add_metrics(projections.build(graph_store, "deputy-ministry"))
    pa9002 = graph.nodes[a("PA9002")]
    assert (pa9002["degree"], pa9002["weightedDegree"]) == (3, 4)
    assert graph.nodes[o("PO9011")]["degree"] == 3
    assert abs(sum(graph.nodes[n]["pagerank"] for n in graph) - 1) < 1e-4
    # PO9011 joins the three fixture deputies: it lies on more shortest paths than a leaf ministry
    assert graph.nodes[o("PO9011")]["betweenness"] > graph.nodes[o("PO9021")]["betweenness"] == 0
    # the sample's deputy and ministry form a component of their own, hence a community of their own
    seed = graph.nodes[a("PA721296")]["community"]
    assert graph.nodes[o("PO873643")]["community"] == seed
    assert all(graph.nodes[n]["community"] != seed for n in graph if n not in (a("PA721296"), o("PO873643")))


def test_layout_positions_every_node_within_the_frame(graph_store):
    graph = add_layout(projections.build(graph_store, "deputy-ministry"))
    xs = [graph.nodes[n]["x"] for n in graph]
    ys = [graph.nodes[n]["y"] for n in graph]
    assert all(-SCALE <= v <= SCALE for v in xs + ys)
    assert len({(x, y) for x, y in zip(xs, ys)}) == len(graph)  # no two nodes on the same spot
    again = add_layout(projections.build(graph_store, "deputy-ministry"))
    assert [again.nodes[n]["x"] for n in graph] == xs  # seeded: the same picture each time


@pytest.mark.slow
def test_betweenness_is_estimated_on_large_graphs():
    import networkx as nx

    graph = nx.path_graph(3000)
    nx.set_edge_attributes(graph, 1, "weight")
    add_metrics(graph)
    assert graph.graph["betweenness"] == "estimated from 500 sources"  # 3,000,000 visits / (3000 + 2999)
    assert graph.nodes[1500]["betweenness"] > graph.nodes[10]["betweenness"] > graph.nodes[0]["betweenness"] == 0


def test_real_questions_to_the_government(tmp_path):
    """The XVIth's questions to the government 1 to 639 (real data): every question counts once."""
    from support import real_data

    store = GraphStore(tmp_path / "store")
    report = ingest(store, real_data("questions", "l16-questions-gouvernement-1-639.json.zip"))
    assert not report.rejections
    graph = projections.build(store, "deputy-ministry")
    assert sum(w for _, _, w in graph.edges(data="weight")) == 639
    assert {graph.nodes[n]["kind"] for n in graph} == {"deputy", "ministry"}
    groups = projections.build(store, "group-rubrique", Filters(legislature=16))
    assert len([n for n in groups if groups.nodes[n]["kind"] == "group"]) >= 8
    assert projections.build(store, "group-rubrique", Filters(legislature=17)).number_of_nodes() == 0
