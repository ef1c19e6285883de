"""The named queries (``queries/sparql/*.rq``), each run on a small fixture graph with exactly known answers.

The fixture store is the shipped sample (seed question 15973) plus ``tests/fixtures/graph/`` (made-up records in
the official JSON forms), ingested in a first run; a second run then ingests ``graph/run2/`` (question 9009 now
transferred and answered).
"""
from __future__ import annotations


import pytest
from pyoxigraph import Literal, NamedNode

from hemicycle.ingest.store import GraphStore
from hemicycle.queries import catalog
from hemicycle.queries.names import store_latest
from hemicycle.ontology.errors import ParameterError
from hemicycle.queries.cli import main, sample_path

from support import B, FIXTURES, columns, ingest, o, q, run

HM = "https://w3id.org/hemicycle/ontology#"
GRAPH = FIXTURES / "graph"
SEED = B + "question/QANR5L17QE15973"
RUNS: list[str] = []  # the two runs of the fixture store, in order
STORE_PATH: list = []



@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("queries") / "store"
    store = GraphStore(path)
    first = ingest(store, sample_path(), GRAPH / "amo", GRAPH / "questions")
    second = ingest(store, GRAPH / "run2")
    assert not first.rejections and not second.rejections
    RUNS[:] = [first.run_iri, second.run_iri]
    STORE_PATH[:] = [path]
    return store


EXPECTED = [
    # 1. slowest ministries for group Beta in the XVIIth
    ("slowest-ministries", {"group": o("PO9102"), "legislature": "17"},
     ("ministry", "questions", "meanDays", "medianDays", "maxDays"),
     [(o("PO9021"), 1, 119, 119, 119), (o("PO9022"), 2, 112, 112, 119)]),
    ("slowest-ministries", {"group": o("PO9101"), "legislature": "16"},
     ("ministry", "questions", "meanDays", "medianDays", "maxDays"),
     [(o("PO9011"), 2, 66.5, 66.5, 98)]),
    ("slowest-ministries", {"group": o("PO9101"), "legislature": "17"},
     ("ministry",), []),
    # 2. outcomes per ministry
    ("ministry-outcomes", {},
     ("ministry", "questions", "answeredPercent", "withdrawnPercent", "lapsedPercent", "pendingPercent"),
     [(o("PO9011"), 4, 50, 0, 25, 25), (o("PO9022"), 3, 100, 0, 0, 0), (o("PO9012"), 2, 0, 50, 50, 0),
      (o("PO9021"), 2, 100, 0, 0, 0), (o("PO873643"), 1, 0, 0, 0, 100)]),
    ("ministry-outcomes", {"legislature": "16"},
     ("ministry", "questions", "answeredPercent", "withdrawnPercent", "lapsedPercent", "pendingPercent"),
     [(o("PO9011"), 3, 66.67, 0, 33.33, 0), (o("PO9012"), 2, 0, 50, 50, 0)]),
    # 3. past the deadline
    ("overdue-questions", {"today": "2025-06-30"},
     ("question", "rule", "deadline", "end", "daysOver"),
     [(q("QANR5L17QE9010"), "two months", "2025-01-12", "2025-06-30", 169),
      (q("QANR5L17QE9009"), "two months", "2025-02-03", "2025-04-15", 71),
      (q("QANR5L17QE9011"), "two months", "2024-09-23", "2024-11-19", 57),
      (q("QANR5L17QE9006"), "two months", "2024-12-01", "2025-01-14", 44),
      (q("QANR5L16QE9002"), "two months", "2024-04-06", "2024-05-14", 38),
      (q("QANR5L17QE9008"), "ten days after the signalement", None, "2025-03-04", 11)]),
    ("overdue-questions", {"today": "2025-01-20"},
     ("question", "daysOver"),
     [(q("QANR5L17QE9009"), 71), (q("QANR5L17QE9011"), 57), (q("QANR5L17QE9006"), 44),
      (q("QANR5L16QE9002"), 38), (q("QANR5L17QE9008"), 11), (q("QANR5L17QE9010"), 8)]),
    # 4. transfers
    ("transfers", {},
     ("question", "transfers", "chain", "firstAttribution", "lastTransfer", "daysAdded"),
     [(q("QANR5L17QE9011"), 1, "Économie (PO9012) → Économie (PO9022)", "2024-07-23", "2024-10-08", 77),
      (q("QANR5L17QE9009"), 1, "Économie (PO9022) → Santé (PO9021)", "2024-12-03", "2025-01-07", 35),
      (q("QANR5L17QE9006"), 1, "Santé (PO9021) → Économie (PO9022)", "2024-10-01", "2024-10-22", 21)]),
    # 5. signalement vs answer time
    ("signalement-effect", {},
     ("signalled", "questions", "meanDays", "meanDaysAfterSignalement"),
     [(True, 2, 112, 14), (False, 5, 98, None)]),
    # 6. most active deputies
    ("most-active-deputies", {"until": "2025-06-30"},                 # the latest legislature: the XVIIth
     ("deputy", "name", "questions", "daysInOffice", "perYear"),
     [(B + "acteur/PA9002", "Bruno Durand", 4, 358, 4.08), (B + "acteur/PA9001", "Alice Martin", 2, 358, 2.04),
      (B + "acteur/PA721296", "Guillaume Gouffier Valente", 1, 358, 1.02)]),
    ("most-active-deputies", {"legislature": "16", "until": "2025-06-30"},
     ("deputy", "questions", "daysInOffice", "perYear"),
     [(B + "acteur/PA9001", 3, 718, 1.53), (B + "acteur/PA9003", 2, 718, 1.02)]),
    # 7. deputies who changed group
    ("group-changes", {},
     ("deputy", "groupLabel", "start", "end", "questions"),
     [(B + "acteur/PA9001", "Groupe Alpha", "2022-06-28", "2024-06-09", 3),
      (B + "acteur/PA9001", "Groupe Beta", "2024-07-18", "2024-12-31", 1),
      (B + "acteur/PA9001", "Groupe Gamma", "2025-01-01", None, 1)]),
    # 8. topic profile
    ("group-topic-profile", {},
     ("groupLabel", "rubriqueLabel", "questions", "share"),
     [("Ensemble pour la République", "étrangers", 1, 100),
      ("Groupe Alpha", "santé", 3, 60), ("Groupe Alpha", "impôts et taxes", 2, 40),
      ("Groupe Beta", "agriculture", 2, 50), ("Groupe Beta", "santé", 2, 50),
      ("Groupe Gamma", "agriculture", 1, 50), ("Groupe Gamma", "impôts et taxes", 1, 50)]),
    ("group-topic-profile", {"legislature": "16"},
     ("groupLabel", "rubriqueLabel", "questions", "share"),
     [("Groupe Alpha", "santé", 3, 60), ("Groupe Alpha", "impôts et taxes", 2, 40)]),
    # 9. rubriques that grew
    ("rubrique-growth", {},
     ("rubriqueLabel", "before", "after", "growth"),
     [("agriculture", 0, 3, 3), ("étrangers", 0, 1, 1), ("impôts et taxes", 2, 1, -1), ("santé", 3, 2, -1)]),
    ("rubrique-growth", {"from": "17", "to": "16"},
     ("rubriqueLabel", "growth"),
     [("impôts et taxes", 1), ("santé", 1), ("étrangers", -1), ("agriculture", -3)]),
    # 14. ministries on a date, and across governments
    ("ministries-on-date", {},
     ("id", "label", "governmentLabel"),
     [("PO9012", "Ministère de l'économie", "ALPHA I"), ("PO9011", "Ministère de la santé", "ALPHA I")]),
    ("ministries-on-date", {"on": "2025-12-01"},
     ("id", "label", "governmentLabel"),
     [("PO873643", "Ministère de l'intérieur", "LECORNU II")]),
    ("ministry-organs", {},
     ("label", "id", "governmentLabel", "start", "end"),
     [("Ministère de l'intérieur", "PO873643", "LECORNU II", "2025-10-13", None),
      ("Ministère de l'économie", "PO9012", "ALPHA I", "2024-01-11", "2024-09-20"),
      ("Ministère de l'économie", "PO9022", "BETA I", "2024-09-23", "2025-09-30"),
      ("Ministère de la santé", "PO9011", "ALPHA I", "2024-01-11", "2024-09-20"),
      ("Ministère de la santé", "PO9021", "BETA I", "2024-09-23", "2025-09-30")]),
    # 15. asked under one government, answered under another
    ("cross-government", {},
     ("question", "askedLabel", "answeredLabel", "ministryQuestioned", "ministryAnswering"),
     [(q("QANR5L17QE9011"), "ALPHA I", "BETA I", o("PO9012"), o("PO9022"))]),
    # 16. lapsed at the dissolution
    ("lapsed-at-dissolution", {},
     ("groupLabel", "ministryLabel", "questions"),
     [("Groupe Alpha", "Ministère de l'économie", 1), ("Groupe Alpha", "Ministère de la santé", 1)]),
    ("lapsed-at-dissolution", {"legislature": "17"}, ("groupLabel",), []),
    # 17. by département, constituency and rubrique
    ("questions-by-constituency", {},
     ("departmentCode", "department", "constituency", "rubriqueLabel", "questions"),
     [("13", "Bouches-du-Rhône", 2, "agriculture", 3), ("13", "Bouches-du-Rhône", 2, "santé", 1),
      ("69", "Rhône", 3, "impôts et taxes", 1), ("69", "Rhône", 3, "santé", 1),
      ("75", "Paris", 1, "santé", 3), ("75", "Paris", 1, "impôts et taxes", 2),
      ("94", "Val-de-Marne", 6, "étrangers", 1)]),
    # 21. counts per legislature
    ("legislature-counts", {},
     ("legislature", "questions", "answers", "deputies", "ministries"),
     [(16, 5, 2, 2, 2), (17, 7, 5, 3, 5)]),
    # 22. data quality
    ("data-quality", {},
     ("problem", "question", "day", "organ"),
     [("group-not-member", q("QANR5L17QE9009"), "2024-12-03", o("PO9103")),
      ("ministry-not-in-existence", q("QANR5L17QE9010"), "2024-11-12", o("PO9011"))]),
    # 23. ministry questioned vs the one that answered
    ("ministry-reattribution", {},
     ("ministry", "questions", "reattributed", "share"),
     [(o("PO9021"), 2, 1, 50), (o("PO9022"), 2, 1, 50), (o("PO9012"), 3, 1, 33.33),
      (o("PO873643"), 1, 0, 0), (o("PO9011"), 4, 0, 0)]),
]


@pytest.mark.parametrize("name, params, wanted, expected", EXPECTED,
                         ids=[f"{e[0]}-{i}" for i, e in enumerate(EXPECTED)])
def test_query_rows(fixture_store, name, params, wanted, expected):
    assert columns(fixture_store, name, wanted, **params) == expected


def test_question_card(fixture_store):
    rows, names = run(fixture_store, "question-card", question=SEED)
    assert len(rows) == 1
    card = dict(zip(names, rows[0]))
    text = card.pop("text")
    assert text.startswith("M. Guillaume Gouffier Valente interroge M. le ministre de l'intérieur")
    assert card == {
        "question": SEED, "uid": "QANR5L17QE15973", "kind": "QE", "number": 15973, "legislature": 17,
        "author": "Guillaume Gouffier Valente", "department": "Val-de-Marne", "departmentCode": "94",
        "constituency": 6, "group": "Ensemble pour la République", "rubrique": "étrangers",
        "analyses": "Intelligence artificielle dans le traitement des titres de séjour",
        "ministryQuestioned": "Ministère de l'intérieur", "ministryAttributed": "Ministère de l'intérieur",
        "joDate": "2026-06-16", "joPage": 5382, "status": HM + "Pending", "closure": None, "answerDate": None}
    rows, names = run(fixture_store, "question-card", question=q("QANR5L16QE9004"))
    card = dict(zip(names, rows[0]))
    assert (card["status"], card["closure"], card["department"], card["constituency"]) == (
        HM + "Withdrawn", "Retirée", "Paris", 1)


def test_question_provenance(fixture_store):
    rows, names = run(fixture_store, "question-provenance", question=q("QANR5L17QE9009"))
    got = [dict(zip(names, row)) for row in rows]
    assert len(got) > 20
    assert {r["graph"] for r in got} == {B + "graph/QANR5L17QE9009"}
    assert {r["run"] for r in got} == {RUNS[1]}
    assert all(r["path"].endswith("run2/QANR5L17QE9009.json") for r in got)
    assert {r["subject"] for r in got} >= {q("QANR5L17QE9009"), q("QANR5L17QE9009") + "#transfer-2"}
    (delay,) = [r["object"] for r in got if r["predicate"] == HM + "answerDelayDays"]
    assert delay == 133
    rows, names = run(fixture_store, "question-provenance", question=SEED)
    assert {row[names.index("run")] for row in rows} == {RUNS[0]}


def test_run_changes(fixture_store):
    first, second = RUNS
    assert columns(fixture_store, "run-changes", ("record", "kind", "status", "transfers"),
                   run=second, previous=first) == [("QANR5L17QE9009", "QE", HM + "Answered", 1)]
    records = [r[0] for r in columns(fixture_store, "run-changes", ("record",), run=first, previous=second)]
    assert "QANR5L17QE9009" not in records and "QANR5L17QE15973" in records and "PA9001" in records


def test_every_query_has_a_header_and_runs(fixture_store):
    queries = catalog.load_all()
    assert len(queries) >= 13
    samples = {"iri": SEED, "xsd:integer": "17", "xsd:date": "2025-01-01", "xsd:string": "x",
               "xsd:decimal": "1.5", "xsd:boolean": "true"}
    for name, query in queries.items():
        assert name == name.lower() and " " not in name and "_" not in name
        assert query.title and query.title != name, name
        assert query.description, name
        params = {p.name: samples[p.type] for p in query.params if p.default is None}
        if name in ("run-changes",):
            params = {"run": RUNS[1], "previous": RUNS[0]}
        bound = query.substitutions(params, latest=store_latest(fixture_store))
        list(fixture_store.query(query.text, substitutions=bound))


@pytest.mark.parametrize("name, param, bad", [
    ("slowest-ministries", "legislature", "seventeen"),
    ("slowest-ministries", "group", "not an iri"),
    ("overdue-questions", "today", "2025-13-45"),
    ("most-active-deputies", "until", "tomorrow"),
    ("rubrique-growth", "from", "17 } ; DROP ALL ; {"),
    ("question-card", "question", '<x> } ; DROP ALL ; { "'),
    ("ministries-on-date", "on", '"2024-06-01"^^xsd:date'),
])
def test_wrong_typed_parameters_are_refused(name, param, bad):
    query = catalog.get(name)
    given = {"group": o("PO9102")} if name == "slowest-ministries" else {}
    given[param] = bad
    with pytest.raises(ParameterError):
        query.substitutions(given)


def test_unknown_and_missing_parameters_are_refused():
    with pytest.raises(ParameterError):
        catalog.get("transfers").substitutions({"legislature": "17"})
    with pytest.raises(ParameterError):
        catalog.get("question-card").substitutions({})


def test_parameters_are_typed_terms_not_text(fixture_store):
    bound = catalog.get("slowest-ministries").bind({"group": o("PO9102")}, latest=store_latest(fixture_store))
    assert bound["legislature"] == Literal("17", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    assert bound["group"] == NamedNode(o("PO9102"))
    # an IRI that is valid but names nothing, made of SPARQL-looking text, is only a value: no rows, no harm
    sneaky = "urn:x:%7D;DROP%20ALL;%7B"
    assert columns(fixture_store, "question-card", ("uid",), question=sneaky) == []
    assert columns(fixture_store, "legislature-counts", ("legislature",)) == [(16,), (17,)]
    # the parameter is bound as an integer: the same value written differently gives the same rows
    assert columns(fixture_store, "rubrique-growth", ("growth",), **{"from": " 016 "}) == \
        columns(fixture_store, "rubrique-growth", ("growth",))


def test_cli_question_card_csv(fixture_store, capsysbinary):
    code = main(["query", "question-card", "--store", str(STORE_PATH[0]), "--param", f"question={SEED}",
                 "--format", "csv"])
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert code == 0
    header, row = out.splitlines()[:2]
    assert header.startswith("question,uid,kind,number,legislature,author,department,departmentCode,constituency")
    assert row.startswith(f"{SEED},QANR5L17QE15973,QE,15973,17,Guillaume Gouffier Valente,Val-de-Marne,94,6,"
                          "Ensemble pour la République,étrangers,")


def test_cli_refuses_a_wrong_typed_parameter(fixture_store, capsys):
    code = main(["query", "slowest-ministries", "--store", str(STORE_PATH[0]), "--param", f"group={o('PO9102')}",
                 "--param", "legislature=17 } ; DROP ALL ; {"])
    assert code == 2
    assert "not a valid xsd:integer" in capsys.readouterr().err
