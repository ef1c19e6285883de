"""The page queries (queries/sparql/pages/*.rq): each has a header, and each gives the expected rows on the
sample graph (run directly on the store, parameters bound as typed terms, as the pages bind them)."""
from __future__ import annotations

import pytest
from pyoxigraph import QueryBoolean, QuerySolutions

from hemicycle.ingest.store import GraphStore
from hemicycle.queries.web.page_data import page_query, page_query_names

from support import value

B = "https://w3id.org/hemicycle/id/"
SEED = B + "question/QANR5L17QE15973"
AUTHOR = B + "acteur/PA721296"
MINISTRY = B + "organe/PO873643"
GROUP = B + "organe/PO845407"
DECISION = B + "decision/fr/CE/2026-05-05/502860"
HM = "https://w3id.org/hemicycle/ontology#"


@pytest.fixture(scope="module")
def sample(sample_store_path):
    return GraphStore(sample_store_path, read_only=True)


def run(store, name, **params):
    query = page_query(name)
    result = store.query(query.text, substitutions=query.substitutions(params))
    if isinstance(result, QuerySolutions):
        names = [v.value for v in result.variables]
        return [{n: value(row[n]) for n in names if row[n] is not None} for row in result]
    if isinstance(result, QueryBoolean):
        return bool(result)
    return list(result)


def test_every_page_query_has_a_header():
    names = page_query_names()
    assert len(names) >= 15
    for name in names:
        query = page_query(name)
        assert query.title != name and query.description, name
        assert query.params, name
        body = "\n".join(line for line in query.text.splitlines() if not line.startswith(("#", "PREFIX")))
        if body.lstrip().startswith("SELECT"):  # pyoxigraph binds only variables the SELECT projects
            projection = body[:body.index("WHERE")]
            assert all(f"?{p.name}" in projection for p in query.params), name


def test_describe(sample):
    got = run(sample, "describe", resource=SEED)
    subjects = {t.subject.value for t in got}
    assert subjects == {SEED, SEED + "#question-1", SEED + "#question-1-citation-1", SEED + "#attribution-1"}
    assert len(got) == len(set(got))


def test_exists(sample):
    assert run(sample, "exists", resource=SEED) is True
    assert run(sample, "exists", resource=B + "juridiction/ce") is True
    assert run(sample, "exists", resource=B + "question/QANR5L17QE0") is False


def test_question(sample):
    [row] = run(sample, "question", question=SEED)
    assert (row["uid"], row["kind"], row["number"], row["legislature"]) == ("QANR5L17QE15973", "QE", 15973, 17)
    assert (row["author"], row["authorName"]) == (AUTHOR, "Guillaume Gouffier Valente")
    assert (row["constituencyLabel"], row["departmentCode"], row["constituencyNumber"]) == (
        "Val-de-Marne (6e circonscription)", "94", 6)
    assert (row["group"], row["groupLabel"], row["groupAbbreviation"]) == (GROUP, "Ensemble pour la République", "EPR")
    assert (row["rubrique"], row["rubriqueLabel"]) == (B + "rubrique/etrangers", "étrangers")
    assert row["questioned"] == row["attributed"] == MINISTRY
    assert row["questionedLabel"] == "Ministère de l'intérieur"
    assert (row["depositDate"], row["status"]) == ("2026-06-16", HM + "Pending")
    assert "answerDate" not in row and "delay" not in row


def test_question_analyses(sample):
    assert run(sample, "question-analyses", question=SEED) == [{
        "question": SEED, "analysis": B + "analyse/intelligence-artificielle-dans-le-traitement-des-titres-de-sejour",
        "label": "Intelligence artificielle dans le traitement des titres de séjour"}]


def test_question_publications(sample):
    rows = run(sample, "question-publications", question=SEED)
    by_kind = {r["kind"]: r for r in rows}
    assert set(by_kind) == {"QuestionText", "Attribution"}
    text = by_kind["QuestionText"]
    assert (text["journalDate"], text["journalPage"], text["order"]) == ("2026-06-16", 5382, 1)
    assert text["text"].startswith("M. Guillaume Gouffier Valente interroge")
    attribution = by_kind["Attribution"]
    assert (attribution["ministry"], attribution["ministryLabel"], attribution["eventDate"]) == (
        MINISTRY, "Ministère de l'intérieur", "2026-06-16")


def test_question_transfers_none_in_the_sample(sample):
    assert run(sample, "question-transfers", question=SEED) == []


def test_question_citations(sample):
    [row] = run(sample, "question-citations", question=SEED)
    assert (row["part"], row["cited"], row["citedKind"], row["start"], row["end"]) == (
        "question", DECISION, "decision", 1037, 1113)
    assert row["exact"] == "CE, 5 mai 2026, Fédération des Acteurs de la solidarité et autres, n° 502860"


@pytest.mark.parametrize("prop, val", [
    ("http://purl.org/dc/terms/creator", AUTHOR), (HM + "rubrique", B + "rubrique/etrangers"),
    (HM + "ministryAttributed", MINISTRY), (HM + "authorGroup", GROUP),
])
def test_questions_linked(sample, prop, val):
    [row] = run(sample, "questions-linked", property=prop, value=val)
    assert (row["question"], row["total"], row["date"], row["rubriqueLabel"], row["status"]) == (
        SEED, 1, "2026-06-16", "étrangers", HM + "Pending")


def test_questions_linked_counts_only_the_value_given(sample):
    assert run(sample, "questions-linked", property=HM + "rubrique", value=B + "rubrique/nothing") == []


def test_person(sample):
    [row] = run(sample, "person", person=AUTHOR)
    assert (row["name"], row["civility"], row["birthDate"], row["birthCity"]) == (
        "Guillaume Gouffier Valente", "M.", "1986-02-01", "Beauvais")


def test_person_mandates(sample):
    rows = run(sample, "person-mandates", person=AUTHOR)
    assert [(r["mandate"].rsplit("/", 1)[1], r["organType"], r.get("constituencyLabel")) for r in rows] == [
        ("PM843698", "ASSEMBLEE", "Val-de-Marne (6e circonscription)"), ("PM845553", "GP", None)]
    assert rows[1]["organ"] == GROUP and rows[1]["start"] == "2024-07-19"


def test_person_ministries(sample):
    assert [(r["ministry"], r["questions"]) for r in run(sample, "person-ministries", person=AUTHOR)] == [
        (MINISTRY, 1)]


def test_organ(sample):
    [ministry] = run(sample, "organ", organ=MINISTRY)
    assert (ministry["label"], ministry["abbreviation"], ministry["kindCode"], ministry.get("isMinistry")) == (
        "Ministère de l'intérieur", "INT", "MINISTERE", True)
    assert "isGroup" not in ministry and ministry["parentLabel"] == "Gouvernement"
    [group] = run(sample, "organ", organ=GROUP)
    assert group.get("isGroup") is True and "isMinistry" not in group


def test_organ_members(sample):
    assert [(r["person"], r["total"], r["start"]) for r in run(sample, "organ-members", organ=GROUP)] == [
        (AUTHOR, 1, "2024-07-19")]
    assert run(sample, "organ-members", organ=MINISTRY) == []


def test_ministry_outcomes(sample):
    rows = run(sample, "ministry-outcomes", ministry=MINISTRY)
    assert [(r["role"], r["status"], r["questions"]) for r in rows] == [
        ("questioned", HM + "Pending", 1), ("attributed", HM + "Pending", 1)]


def test_cited(sample):
    [row] = run(sample, "cited", cited=DECISION)
    assert (row["kind"], row["courtCode"], row["date"], row["numbers"]) == ("decision", "CE", "2026-05-05", "502860")
    assert "https://www.conseil-etat.fr/fr/arianeweb/CE/decision/2026-05-05/502860" in row["pages"].split()


def test_cited_by(sample):
    [row] = run(sample, "cited-by", cited=DECISION)
    assert (row["question"], row["part"], row["author"], row["group"], row["date"]) == (
        SEED, "question", AUTHOR, GROUP, "2026-06-16")


def test_properties(sample):
    rows = run(sample, "properties", resource=SEED)
    creator = next(r for r in rows if r["property"] == "http://purl.org/dc/terms/creator")
    assert (creator["value"], creator["label"]) == (AUTHOR, "Guillaume Gouffier Valente")
    assert [r["value"] for r in rows if r["property"] == HM + "depositDateBasis"] == ["deposit"]
    assert len(rows) == 18


def test_inbound(sample):
    rows = run(sample, "inbound", resource=B + "rubrique/etrangers")
    assert [(r["subject"], r["property"], r["label"], r["total"]) for r in rows] == [
        (SEED, HM + "rubrique", "QANR5L17QE15973", 1)]
