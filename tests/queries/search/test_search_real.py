"""Search over real records: the Assemblée's files of ``../shared/data/an`` with the shipped sample, whose seed
question n° 15973 is found by the words of its public page and by its author's name. Skipped without the data."""
from __future__ import annotations

import pytest

from hemicycle.ingest.search.build import refresh
from hemicycle.ingest.search.index import index_path
from hemicycle.ingest.store import GraphStore
from hemicycle.queries.cli import sample_path
from hemicycle.queries.search import request_from, search_store
from support import ingest, real_data, shared

SEED = "https://w3id.org/hemicycle/id/question/QANR5L17QE15973"
Q = "https://w3id.org/hemicycle/id/question/"


def found(store, q, **filters) -> list[str]:
    return [hit.iri for hit in search_store(store, request_from({"q": q, "per_page": "100", **filters})).hits]


@pytest.fixture(scope="module")
def one_real_record(tmp_path_factory):
    """The sample and one real written question of the XVIIth (QANR5L17QE5268), indexed as an ingest does."""
    store = GraphStore(tmp_path_factory.mktemp("real-one") / "store")
    ingest(store, sample_path(), real_data("questions", "QANR5L17QE5268.json"))
    assert refresh(store, index_path(store.path), progress=False).action == "built"
    return store.path


def test_the_seed_question_by_the_words_of_its_page(one_real_record):
    page = shared("seed", "question-ecrite-17-15973.txt").read_text(encoding="utf-8")
    assert "expérimentation visant à mobiliser l'intelligence artificielle" in page
    assert found(one_real_record, "expérimentation intelligence artificielle préfectures")[0] == SEED
    assert found(one_real_record, '"ruptures de droits"') == [SEED]
    assert found(one_real_record, "dématérialisation", type="question", kind="QE", legislature="17") == [SEED]


def test_a_real_question_by_its_words(one_real_record):
    assert found(one_real_record, "diamants synthétiques") == [Q + "QANR5L17QE5268"]
    assert found(one_real_record, "pierres gemmes", group="EPR", status="answered") == [Q + "QANR5L17QE5268"]


@pytest.mark.slow
def test_every_real_record(tmp_path_factory):
    """All of ../shared/data/an (639 questions to the Government of the XVIth, a written question of the XVIIth,
    one of the XIVth, the XVIth's and XVIIth's deputies and organs) with the sample: the seed question by its
    words and by its author's name, a deputy by name, the real questions by their words and filters."""
    store = GraphStore(tmp_path_factory.mktemp("real-all") / "store")
    report = ingest(store, sample_path(), real_data())
    assert report.read > 10_000
    outcome = refresh(store, index_path(store.path), progress=False)
    assert outcome.action == "built" and outcome.documents > 2_000
    path = store.path
    assert found(path, "intelligence artificielle titres de séjour préfectures")[0] == SEED
    assert SEED in found(path, "Gouffier Valente", type="question")
    assert found(path, "Guillaume Gouffier Valente", type="deputy") == ["https://w3id.org/hemicycle/id/acteur/PA721296"]
    assert SEED in found(path, "Gouffier Valente", group="EPR", legislature="17")
    tension = found(path, '"métiers en tension"', kind="QG", legislature="16")
    assert Q + "QANR5L16QG260" in tension
    answered = search_store(path, request_from({"q": "retraites", "kind": "QG", "status": "answered"}))
    assert answered.total > 10 and all(hit.status == "answered" for hit in answered.hits)
    ministries = found(path, "intérieur", type="ministry")
    assert ministries and all("organe" in iri or "ministere" in iri for iri in ministries)
