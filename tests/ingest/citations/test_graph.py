"""Citations in the graph: occurrences, shared decision and law nodes, the citation queries, ``hemicycle cite``.

The fixture store is the shipped sample (seed question 15973, which cites CE, 5 mai 2026, n° 502860) plus
``tests/fixtures/citations-graph/`` (made-up records in the official JSON forms):

=========  =======  =======  ==========  ===========================================================
question   author   group    ministry    citations
=========  =======  =======  ==========  ===========================================================
9101       PA9101   PO9101   PO9111      question: CE 502860; answer: CE 502860 (twice), CESEDA
           Petit    Delta    justice     L. 554-1, loi 2016-1321 — rubrique étrangers
9102       PA9102   PO9102   PO9111      question: CC 2025-880 QPC (88 days after it); answer: the same
           Roux     Epsilon              (235 days after), CESEDA L. 554-1, loi 2016-1321 — justice
9103       PA9101   PO9101   PO9111      question: CC 2023-860 DC (years later); answer: CC 2023-860 DC,
                                         CESEDA L. 554-1, CE 502860 — étrangers
9104       PA9102   PO9102   PO9112      question: CE 502860 and traps; answer: loi 2016-1321 — travail
9105       PA9101   PO9101   PO9112      question with traps only ("décret en Conseil d'État", "arrêt de
                                         travail"), pending
=========  =======  =======  ==========  ===========================================================
"""
from __future__ import annotations

import io
import json

import pytest
from pyoxigraph import Literal, NamedNode

from hemicycle.ingest.citations.extract import extract
from hemicycle.ingest.store import GraphStore
from hemicycle.queries import catalog
from hemicycle.queries.cli import main, sample_path

from support import B, FIXTURES, columns, ingest, o, q

HM = "https://w3id.org/hemicycle/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"
CITATIONS = FIXTURES / "citations-graph"
SEED = B + "question/QANR5L17QE15973"
CE = B + "decision/fr/CE/2026-05-05/502860"
CC_EARLY = B + "decision/fr/CC/2025-03-14/2025-880-QPC"
CC_LATE = B + "decision/fr/CC/2023-12-21/2023-860-DC"
LOI = B + "texte/loi/2016-1321"
CESEDA = B + "texte/code-article/CESEDA/L554-1"
ARIANEWEB = "https://www.conseil-etat.fr/fr/arianeweb/CE/decision/2026-05-05/502860"
SEED_SPAN = "CE, 5 mai 2026, Fédération des Acteurs de la solidarité et autres, n° 502860"
SEED_SENTENCE = ("Ces interrogations apparaissent d'autant plus prégnantes que les dispositifs de dématérialisation "
                 "des démarches en préfecture ont déjà conduit à des difficultés opérationnelles, appelant des "
                 "correctifs, comme l'a récemment rappelé le Conseil d'État (" + SEED_SPAN + ") s'agissant de la "
                 "plateforme d'administration numérique des étrangers en France (ANEF).")
TRAPS = ("Un décret en Conseil d'État fixera les conditions dans lesquelles un arrêt de travail est contrôlé ; "
         "l'arrêt de travail prescrit par le médecin ouvre droit aux indemnités.")

PREFIXES = f"""PREFIX hm: <{HM}>
PREFIX oa: <{OA}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""



def r(name):
    return B + "rubrique/" + name


def select(store, sparql, **iris):
    """Rows of an ad-hoc query, as dicts of terms; ``iris`` name constant IRIs written ``$name`` in the query."""
    for name, iri in iris.items():
        sparql = sparql.replace(f"${name}", f"<{iri.value if isinstance(iri, NamedNode) else iri}>")
    solutions = store.query(PREFIXES + sparql)
    names = [v.value for v in solutions.variables]
    return [dict(zip(names, (row[n] for n in names))) for row in solutions]


@pytest.fixture(scope="module")
def cstore(tmp_path_factory):
    store = GraphStore(tmp_path_factory.mktemp("citations") / "store")
    report = ingest(store, sample_path(), CITATIONS / "amo", CITATIONS / "questions")
    assert not report.rejections, report.rejections
    return store


# --- the seed question ------------------------------------------------------------------------------------------


def test_seed_question_cites_the_decision(cstore):
    rows = select(cstore, """
        SELECT ?text ?occurrence ?linked ?exact ?start ?end ?decision ?court WHERE {
          $question hm:hasQuestionText ?text .
          ?text hm:hasCitation ?occurrence .
          ?occurrence a hm:CitationOccurrence ; hm:citedIn ?linked ; oa:exact ?exact ; oa:start ?start ;
                      oa:end ?end ; hm:cites ?decision ; hm:court ?court .
        }""", question=NamedNode(SEED))
    assert len(rows) == 1
    row = rows[0]
    assert row["occurrence"].value == SEED + "#question-1-citation-1"
    assert row["linked"] == row["text"]
    assert row["decision"].value == CE
    assert row["court"].value == B + "juridiction/ce"
    assert row["exact"] == Literal(SEED_SPAN)
    # xsd:integer (>= 0): Oxigraph would store an xsd:nonNegativeInteger as xsd:integer anyway
    assert row["start"].datatype.value == row["end"].datatype.value == XSD + "integer"
    assert 0 <= int(row["start"].value) < int(row["end"].value)


def test_seed_decision_node(cstore):
    rows = select(cstore, "SELECT ?p ?o WHERE { $decision ?p ?o }", decision=NamedNode(CE))
    got = {}
    for row in rows:
        got.setdefault(row["p"].value, set()).add(row["o"])
    assert got[f"{HM}court"] == {NamedNode(B + "juridiction/ce")}
    assert got["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"] == {NamedNode(HM + "CourtDecision")}
    assert got["http://purl.org/dc/terms/date"] == {Literal("2026-05-05", datatype=NamedNode(XSD + "date"))}
    assert got[HM + "decisionNumber"] == {Literal("502860")}
    assert NamedNode(ARIANEWEB) in got["http://www.w3.org/2000/01/rdf-schema#seeAlso"]
    assert HM + "ecli" not in got  # the Conseil d'État's ECLI is not derived from a bare number and date
    court = select(cstore, "SELECT ?n ?l WHERE { $c skos:notation ?n ; skos:prefLabel ?l }",
                   c=NamedNode(B + "juridiction/ce"))
    assert [(x["n"].value, x["l"].value) for x in court] == [("CE", "Conseil d'État")]


def test_quoted_span_is_the_clean_text_substring(cstore):
    rows = select(cstore, """
        SELECT ?occurrence ?text ?exact ?start ?end WHERE {
          ?occurrence a hm:CitationOccurrence ; hm:citedIn/hm:text ?text ; oa:exact ?exact ;
                      oa:start ?start ; oa:end ?end .
        }""")
    assert len(rows) == 16
    for row in rows:
        text, start, end = row["text"].value, int(row["start"].value), int(row["end"].value)
        assert 0 <= start < end <= len(text)
        assert text[start:end] == row["exact"].value, row["occurrence"]
    (seed,) = [row for row in rows if row["occurrence"].value.startswith(SEED + "#")]
    text = seed["text"].value
    assert text[int(seed["start"].value):int(seed["end"].value)] == SEED_SPAN
    assert text.index(SEED_SPAN) == int(seed["start"].value)


def test_fixture_store_conforms(cstore):
    from hemicycle.queries.publish.validate import validate

    report = validate(cstore)
    assert report.conforms, report


# --- shared nodes -----------------------------------------------------------------------------------------------


def test_questions_citing_the_same_decision_meet_on_one_node(cstore):
    rows = select(cstore, """
        SELECT DISTINCT ?g WHERE { GRAPH ?g { ?occurrence hm:cites $decision } }""", decision=NamedNode(CE))
    assert {row["g"].value for row in rows} == {B + "graph/" + uid for uid in (
        "QANR5L17QE15973", "QANR5L17QE9101", "QANR5L17QE9103", "QANR5L17QE9104")}
    # the decision is described in one named graph of its own, each triple once
    graphs = select(cstore, "SELECT DISTINCT ?g WHERE { GRAPH ?g { $decision ?p ?o } }", decision=NamedNode(CE))
    assert [row["g"].value for row in graphs] == [B + "graph/decision/fr/CE/2026-05-05/502860"]
    # What the identity determines is said once; what a citation adds (a law's date and ELI, an ECLI from a
    # stated formation, joined numbers) is said by each citing record.
    repeated = select(cstore, """
        SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) WHERE {
          GRAPH ?g { ?s ?p ?o } ?s a ?class . FILTER(?class IN (hm:CourtDecision, hm:LegalText, hm:Court))
          FILTER(?p NOT IN (dcterms:date, hm:eli, hm:ecli, hm:decisionNumber, rdfs:seeAlso))
        } GROUP BY ?s ?p ?o HAVING (COUNT(DISTINCT ?g) > 1)""")
    assert repeated == []
    nodes = select(cstore, """
        SELECT ?node ?g WHERE { GRAPH ?g { ?node a ?class } FILTER(?class IN (hm:CourtDecision, hm:LegalText)) }
        ORDER BY ?node""")
    assert [(row["node"].value, row["g"].value) for row in nodes] == [
        (node, node.replace(B, B + "graph/")) for node in sorted([CC_LATE, CC_EARLY, CE, CESEDA, LOI])]


def test_traps_give_no_decision(cstore):
    assert [c for c in extract(TRAPS) if c.kind == "decision"] == []
    rows = select(cstore, "SELECT ?occurrence WHERE { $question hm:hasQuestionText/hm:hasCitation ?occurrence }",
                  question=NamedNode(q("QANR5L17QE9105")))
    assert rows == []
    rows = select(cstore, """
        SELECT ?exact WHERE { $question hm:hasQuestionText/hm:hasCitation/oa:exact ?exact }""",
                  question=NamedNode(q("QANR5L17QE9104")))
    assert [row["exact"].value for row in rows] == ["CE, 5 mai 2026, n° 502860"]


def test_reingesting_changes_nothing(tmp_path):
    store = GraphStore(tmp_path / "store")
    paths = (sample_path(), CITATIONS / "amo", CITATIONS / "questions")
    first = ingest(store, *paths)

    def data():
        return {quad for quad in store.store.quads_for_pattern(None, None, None)
                if "/graph/run/" not in quad.graph_name.value}

    before = data()
    second = ingest(store, *paths)
    assert not first.rejections and not second.rejections
    assert first.read == second.read == 18
    assert second.unchanged == second.read
    assert (second.added, second.updated, second.graphs_written) == (0, 0, 0)
    assert data() == before


def test_decision_description_does_not_depend_on_ingestion_order(tmp_path):
    described = []
    for name, order in (("a", (sample_path(), CITATIONS / "amo", CITATIONS / "questions")),
                        ("b", (CITATIONS / "amo", CITATIONS / "questions", sample_path()))):
        store = GraphStore(tmp_path / name)
        ingest(store, *order)
        described.append({(row["p"].value, row["o"].value) for row in select(
            store, "SELECT ?p ?o WHERE { $decision ?p ?o }", decision=NamedNode(CE))})
    assert described[0] == described[1]


# --- the named queries ------------------------------------------------------------------------------------------

EXPECTED = [
    # CQ10: questions whose question text cites the decision
    ("questions-citing-decision", {"decision": CE},
     ("question", "deputyName", "group", "groupLabel", "date", "citations"),
     [(q("QANR5L17QE9101"), "Claire Petit", o("PO9101"), "Groupe Delta", "2026-06-02", 1),
      (SEED, "Guillaume Gouffier Valente", o("PO845407"), "Ensemble pour la République", "2026-06-16", 1),
      (q("QANR5L17QE9104"), "Damien Roux", o("PO9102"), "Groupe Epsilon", "2026-07-07", 1)]),
    ("questions-citing-decision", {"decision": CC_LATE},
     ("uid", "deputy", "date"),
     [("QANR5L17QE9103", B + "acteur/PA9101", "2026-03-10")]),
    ("questions-citing-decision", {"decision": LOI}, ("uid",), []),  # cited in answers only
    # CQ12: every citation of one decision, by IRI or by ECLI
    ("decision-citations", {"decision": CE},
     ("cited", "uid", "part", "deputyName", "groupLabel", "date", "exact", "start", "end"),
     [(CE, "QANR5L17QE9103", "answer", "Claire Petit", "Groupe Delta", "2026-05-19",
       "CE, 5 mai 2026, n° 502860", 186, 211),
      (CE, "QANR5L17QE9101", "question", "Claire Petit", "Groupe Delta", "2026-06-02", SEED_SPAN, 198, 274),
      (CE, "QANR5L17QE15973", "question", "Guillaume Gouffier Valente", "Ensemble pour la République",
       "2026-06-16", SEED_SPAN, 1037, 1113),
      (CE, "QANR5L17QE9104", "question", "Damien Roux", "Groupe Epsilon", "2026-07-07",
       "CE, 5 mai 2026, n° 502860", 200, 225),
      (CE, "QANR5L17QE9101", "answer", "Claire Petit", "Groupe Delta", "2026-08-25",
       "CE, 5 mai 2026, n° 502860", 73, 98),
      (CE, "QANR5L17QE9101", "answer", "Claire Petit", "Groupe Delta", "2026-08-25", SEED_SPAN, 358, 434)]),
    ("decision-citations", {"ecli": "ecli:fr:cc:2023:2023.860.dc"},
     ("cited", "occurrence", "part", "date", "exact", "start", "end"),
     [(CC_LATE, q("QANR5L17QE9103") + "#question-1-citation-1", "question", "2026-03-10",
       "décision n° 2023-860 DC du 21 décembre 2023", 166, 209),
      (CC_LATE, q("QANR5L17QE9103") + "#answer-1-citation-1", "answer", "2026-05-19",
       "décision n° 2023-860 DC du 21 décembre 2023", 34, 77)]),
    ("decision-citations", {"ecli": "ECLI:FR:CC:2025:2025.880.QPC"},
     ("uid", "part", "deputyName", "groupLabel", "date", "exact"),
     [("QANR5L17QE9102", "question", "Damien Roux", "Groupe Epsilon", "2025-06-10",
       "décision n° 2025-880 QPC du 14 mars 2025"),
      ("QANR5L17QE9102", "answer", "Damien Roux", "Groupe Epsilon", "2025-11-04",
       "Conseil constitutionnel, par sa décision n° 2025-880 QPC du 14 mars 2025")]),
    ("decision-citations", {}, ("uid",), []),  # neither parameter: no rows
    ("decision-citations", {"ecli": "ECLI:FR:CE:2026:502860.20260505"}, ("uid",), []),  # no ECLI stored for it
    ("decision-citations", {"decision": LOI}, ("uid",), []),  # a text of law is not a decision
    # CQ11: decisions most cited in a ministry's answers, by rubrique
    ("decisions-cited-in-answers", {"ministry": o("PO9111")},
     ("rubrique", "rubriqueLabel", "decision", "court", "decisionDate", "numbers", "answers", "citations"),
     [(r("justice"), "justice", CC_EARLY, "CC", "2025-03-14", "2025-880 QPC", 1, 1),
      (r("etrangers"), "étrangers", CE, "CE", "2026-05-05", "502860", 2, 3),
      (r("etrangers"), "étrangers", CC_LATE, "CC", "2023-12-21", "2023-860 DC", 1, 1)]),
    ("decisions-cited-in-answers", {"ministry": o("PO9112")}, ("decision",), []),
    ("decisions-cited-in-answers", {"ministry": o("PO873643")}, ("decision",), []),  # the seed: no answer yet
    # CQ13: Conseil constitutionnel decisions cited within six months
    ("cc-decisions-cited-early", {},
     ("decision", "numbers", "decisionDate", "question", "part", "citedOn", "days", "citations"),
     [(CC_EARLY, "2025-880 QPC", "2025-03-14", q("QANR5L17QE9102"), "question", "2025-06-10", 88, 1)]),
    ("cc-decisions-cited-early", {"months": "29"},
     ("decision", "uid", "part", "citedOn", "days"),
     [(CC_EARLY, "QANR5L17QE9102", "question", "2025-06-10", 88),
      (CC_EARLY, "QANR5L17QE9102", "answer", "2025-11-04", 235),
      (CC_LATE, "QANR5L17QE9103", "question", "2026-03-10", 810),
      (CC_LATE, "QANR5L17QE9103", "answer", "2026-05-19", 880)]),
    ("cc-decisions-cited-early", {"months": "7"},  # 2025-03-14 + 7 months = 2025-10-14 < 2025-11-04
     ("uid", "part", "days"), [("QANR5L17QE9102", "question", 88)]),
    # CQ18: laws and code articles most cited in a ministry's answers
    ("texts-cited-in-answers", {"ministry": o("PO9111")},
     ("legalText", "textType", "label", "textNumber", "legalCode", "article", "date", "answers", "citations"),
     [(CESEDA, "code-article", "article L554-1 CESEDA", None, "CESEDA", "L554-1", None, 3, 3),
      (LOI, "loi", "loi n° 2016-1321", "2016-1321", None, None, "2016-10-07", 2, 2)]),
    ("texts-cited-in-answers", {"ministry": o("PO9111"), "type": "loi"},
     ("type", "legalText", "answers"), [("loi", LOI, 2)]),
    ("texts-cited-in-answers", {"ministry": o("PO9111"), "type": "code-article"},
     ("legalText", "answers"), [(CESEDA, 3)]),
    ("texts-cited-in-answers", {"ministry": o("PO9111"), "type": "decret"}, ("legalText",), []),
    ("texts-cited-in-answers", {"ministry": o("PO9112")},
     ("ministry", "legalText", "answers", "citations"), [(o("PO9112"), LOI, 1, 1)]),
]


@pytest.mark.parametrize("name, params, wanted, expected", EXPECTED,
                         ids=[f"{e[0]}-{i}" for i, e in enumerate(EXPECTED)])
def test_query_rows(cstore, name, params, wanted, expected):
    assert columns(cstore, name, wanted, **params) == expected


def test_citation_queries_have_headers_and_typed_parameters():
    wanted = {
        "questions-citing-decision": [("decision", "iri", None)],
        "decision-citations": [("decision", "iri", "urn:hemicycle:none"), ("ecli", "xsd:string", "-")],
        "decisions-cited-in-answers": [("ministry", "iri", None)],
        "cc-decisions-cited-early": [("months", "xsd:integer", "6")],
        "texts-cited-in-answers": [("ministry", "iri", None), ("type", "xsd:string", "-")],
    }
    for name, params in wanted.items():
        query = catalog.get(name)
        assert query.title and query.title != name and query.description
        assert [(p.name, p.type, p.default) for p in query.params] == params
        # every parameter is projected by the top-level SELECT (pyoxigraph binds only those)
        select_clause = query.text.split("SELECT", 1)[1].split("WHERE", 1)[0]
        for p in query.params:
            assert f"?{p.name} " in select_clause or select_clause.endswith(f"?{p.name}"), (name, p.name)


# --- hemicycle cite ---------------------------------------------------------------------------------------------


def cite(monkeypatch, capsys, text, *args):
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code = main(["cite", *args])
    out = capsys.readouterr().out
    assert code == 0
    return out


def test_cite_prints_json_lines(monkeypatch, capsys):
    out = cite(monkeypatch, capsys, SEED_SENTENCE)
    lines = out.splitlines()
    assert len(lines) == 1
    row = json.loads(lines[0])
    start = SEED_SENTENCE.index(SEED_SPAN)
    assert {k: row[k] for k in ("kind", "text", "start", "end", "court", "date", "numbers", "ecli", "iri")} == {
        "kind": "decision", "text": SEED_SPAN, "start": start, "end": start + len(SEED_SPAN), "court": "CE",
        "date": "2026-05-05", "numbers": ["502860"], "ecli": None, "iri": CE}
    assert SEED_SENTENCE[row["start"]:row["end"]] == row["text"]


def test_cite_json_array(monkeypatch, capsys):
    out = cite(monkeypatch, capsys, SEED_SENTENCE + " Voir l'article L. 554-1 du CESEDA.", "--format", "json")
    rows = json.loads(out)
    assert isinstance(rows, list)
    assert [(row["kind"], row["iri"]) for row in rows] == [("decision", CE), ("legislation", CESEDA)]


def test_cite_traps(monkeypatch, capsys):
    assert cite(monkeypatch, capsys, TRAPS) == ""
    assert json.loads(cite(monkeypatch, capsys, TRAPS, "--format", "json")) == []
