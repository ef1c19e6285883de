"""The seed question n° 15973 (XVIIth): every fact of its public page, shown by SPARQL on the built graph."""
from __future__ import annotations

import pytest

from hemicycle.queries.cli import sample_path

from support import AN_DATA, ingest, real_data, shared, SHARED_DATA

PREFIXES = """
PREFIX hm: <https://w3id.org/hemicycle/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX q: <https://w3id.org/hemicycle/id/question/>
"""
SEED = "q:QANR5L17QE15973"
PAGE = SHARED_DATA / "seed" / "question-ecrite-17-15973.txt"
AMO_MIXED = AN_DATA / "amo" / "l17-acteurs-organes-mixed-2025.json.zip"


@pytest.fixture(scope="module", params=["sample", "sample+real-amo"])
def seeded(request, tmp_path_factory):
    from hemicycle.ingest.store import GraphStore
    paths = [sample_path()]
    if request.param == "sample+real-amo":
        paths.append(real_data("amo", AMO_MIXED.name))
    store = GraphStore(tmp_path_factory.mktemp("seed") / "store")
    report = ingest(store, *paths)
    assert not report.rejections, [str(r) for r in report.rejections]
    return store


def one(store, where: str, var: str = "x"):
    rows = list(store.query(PREFIXES + f"SELECT DISTINCT ?{var} WHERE {{ {where} }}"))
    assert len(rows) == 1, f"expected one ?{var}, got {[r[var] for r in rows]}"
    return rows[0][var]


def test_author(seeded):
    assert one(seeded, f"{SEED} dcterms:creator/foaf:name ?x").value == "Guillaume Gouffier Valente"


def test_constituency(seeded):
    row = list(seeded.query(PREFIXES + f"""
        SELECT DISTINCT ?dept ?n WHERE {{
            {SEED} hm:askedUnder ?m . ?m hm:organType "ASSEMBLEE" ; hm:constituency ?c .
            ?c hm:constituencyNumber ?n ; hm:department/rdfs:label ?dept }}"""))
    assert [(r["dept"].value, int(r["n"].value)) for r in row] == [("Val-de-Marne", 6)]


def test_group(seeded):
    assert one(seeded, f"{SEED} hm:authorGroup/skos:prefLabel ?x").value == "Ensemble pour la République"


def test_rubrique_and_analysis(seeded):
    assert one(seeded, f"{SEED} hm:rubrique/skos:prefLabel ?x").value.casefold() == "étrangers"
    assert (one(seeded, f"{SEED} hm:analysis/skos:prefLabel ?x").value
            == "Intelligence artificielle dans le traitement des titres de séjour")


@pytest.mark.parametrize("prop", ["hm:ministryQuestioned", "hm:ministryAttributed"])
def test_ministry(seeded, prop):
    ministry = one(seeded, f"{SEED} {prop} ?x")
    assert ministry.value.endswith("/organe/PO873643")
    assert one(seeded, f"<{ministry.value}> skos:prefLabel ?x").value == "Ministère de l'intérieur"
    assert seeded.query(PREFIXES + f"ASK {{ <{ministry.value}> a hm:Ministry "
                                   f"FILTER NOT EXISTS {{ <{ministry.value}> a hm:UnresolvedMinistry }} }}")


def test_journal_publication(seeded):
    rows = list(seeded.query(PREFIXES + f"""
        SELECT DISTINCT ?date ?page WHERE {{ {SEED} hm:hasQuestionText ?t . ?t hm:journalDate ?date ; hm:journalPage ?page }}"""))
    assert [(r["date"].value, int(r["page"].value)) for r in rows] == [("2026-06-16", 5382)]
    assert one(seeded, f"{SEED} hm:depositDate ?x").value == "2026-06-16"


def test_status_pending(seeded):
    assert one(seeded, f"{SEED} hm:status ?x").value.endswith("#Pending")
    assert not seeded.query(PREFIXES + f"ASK {{ {SEED} hm:hasAnswer ?a }}")


def test_identity(seeded):
    assert one(seeded, f"{SEED} hm:questionNumber ?x").value == "15973"
    assert one(seeded, f"{SEED} hm:legislature ?x").value == "17"
    assert one(seeded, f"{SEED} hm:kindCode ?x").value == "QE"
    assert seeded.query(PREFIXES + f"ASK {{ {SEED} a hm:WrittenQuestion }}")


def page_question_text() -> str:
    shared("seed", PAGE.name)
    page = PAGE.read_text(encoding="utf-8")
    body = page.split("Texte de la question", 1)[1].split("Données clés", 1)[0]
    return " ".join(body.split())


def test_text(seeded):
    text = one(seeded, f"{SEED} hm:hasQuestionText/hm:text ?x")
    assert text.language == "fr"
    assert "CE, 5 mai 2026" in text.value and "n° 502860" in text.value
    assert " ".join(text.value.split()) == page_question_text()
