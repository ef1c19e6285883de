"""Building the search index and keeping it in step with the store: what each document holds, an update that
reads again only what changed (and ends as a full build would), a build that fails leaving the old index whole."""
from __future__ import annotations

import json
import sqlite3

import pytest

from hemicycle.ingest.search import build as search_build
from hemicycle.ingest.search import index, tables
from hemicycle.ingest.search.analysis import indexed
from hemicycle.ingest.search.build import rebuild, refresh
from hemicycle.ingest.search.index import index_path
from hemicycle.ingest.store import GraphStore
from hemicycle.ontology.errors import SearchIndexError
from hemicycle.queries.cli import sample_path
from support import ingest, write_json
from support.search import QUESTIONS, record, write_corpus


def rows(path, sql, *params):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def snapshot(path) -> dict:
    """What an index says, numbers aside: each document's fields, facets, filter names and references."""
    docs = {}
    for number, iri, *fields in rows(path, "SELECT id, iri, graph, type, label, date, kind, number, status, uid, "
                                           "detail, title, names, body, tags FROM docs"):
        docs[iri] = {"fields": fields,
                     "facets": sorted(rows(path, "SELECT facet, value FROM facets WHERE doc = ?", number)),
                     "names": sorted(rows(path, "SELECT facet, name, iri FROM names WHERE doc = ?", number)),
                     "refs": sorted(rows(path, "SELECT iri FROM refs WHERE doc = ?", number))}
    return docs


def matching(path, match: str) -> list[str]:
    return [iri for (iri,) in rows(path, "SELECT d.iri FROM text JOIN docs d ON d.id = text.rowid "
                                         "WHERE text MATCH ? ORDER BY d.iri", match)]


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus")


def test_every_kind_of_document(store, corpus):
    ingest(store, sample_path(), corpus)
    outcome = rebuild(store, index_path(store.path), jobs=1, progress=False)
    found = snapshot(index_path(store.path))
    assert outcome.action == "built" and outcome.documents == len(found) == 19
    types = sorted({doc["fields"][1] for doc in found.values()})
    assert types == ["decision", "deputy", "group", "ministry", "question", "rubrique"]
    seed = found["https://w3id.org/hemicycle/id/question/QANR5L17QE15973"]
    graph, _, label, day, kind, number, status, uid, detail, title, names, body, tags = seed["fields"]
    assert graph == "https://w3id.org/hemicycle/id/graph/QANR5L17QE15973"
    assert (label, day, kind, number, status, uid) == (
        "Intelligence artificielle dans le traitement des titres de séjour", "2026-06-16", "QE", 15973, "pending",
        "QANR5L17QE15973")
    assert title == "étrangers · Intelligence artificielle dans le traitement des titres de séjour"
    assert "Guillaume Gouffier Valente" in names and "EPR" in names and "Ministère de l'intérieur" in names
    assert body.startswith("M. Guillaume Gouffier Valente interroge M. le ministre de l'intérieur")
    assert detail == "Guillaume Gouffier Valente (EPR) · Ministère de l'intérieur"
    assert ("legislature", "17") in seed["facets"] and ("group", "https://w3id.org/hemicycle/id/organe/PO845407") \
        in seed["facets"]
    group = found["https://w3id.org/hemicycle/id/organe/PO845407"]
    assert {name for _, name, _ in group["names"]} == {"ensemble pour la republique", "epr", "po845407"}
    decision = found["https://w3id.org/hemicycle/id/decision/fr/CE/2026-05-05/502860"]
    assert decision["fields"][2] == "Conseil d'État, 5 mai 2026, n° 502860"
    assert "Fédération des Acteurs de la solidarité" in decision["fields"][10]


def test_the_parallel_build_is_the_same_index(store, corpus, tmp_path, monkeypatch):
    """The worker processes open the store read-only while this process holds it open for writing (as an ingest
    does)."""
    monkeypatch.setattr(search_build, "PARALLEL_FROM", 0)
    ingest(store, sample_path(), corpus)
    rebuild(store, tmp_path / "one.sqlite", jobs=1, progress=False)
    rebuild(store, tmp_path / "two.sqlite", jobs=2, progress=False)
    assert snapshot(tmp_path / "one.sqlite") == snapshot(tmp_path / "two.sqlite")
    assert sorted(p.name for p in tmp_path.glob("*.sqlite*")) == ["one.sqlite", "two.sqlite"]  # no texts left
    assert matching(tmp_path / "one.sqlite", '"agricol"') == matching(tmp_path / "two.sqlite", '"agricol"')


def test_an_update_reads_again_only_the_changed_record(store, corpus):
    ingest(store, sample_path(), corpus)
    path = index_path(store.path)
    rebuild(store, path, jobs=1, progress=False)
    before = snapshot(path)
    assert refresh(store, path, progress=False).action == "unchanged"
    changed = record(90003, {**QUESTIONS[90003], "text": "Une question sur la pêche en eau douce."})
    write_json(corpus / "questions" / "QANR5L17QE90003.json", changed)
    ingest(store, corpus)
    outcome = refresh(store, path, progress=False)
    after = snapshot(path)
    iri = "https://w3id.org/hemicycle/id/question/QANR5L17QE90003"
    # the question read again, and what it points to that may show it (its author, its rubrique): only it changed
    assert outcome.action == "updated" and outcome.written == 3 and outcome.removed == 0
    assert {k for k in after if after[k] != before[k]} == {iri}
    assert iri in matching(path, 'body : "pech"') and iri not in matching(path, 'body : "fiscalit"')
    fresh = path.with_name("fresh.sqlite")
    rebuild(store, fresh, jobs=1, progress=False)
    assert snapshot(fresh) == after
    assert matching(fresh, '"interroge" OR "pech" OR "menag"') == matching(path, '"interroge" OR "pech" OR "menag"')


def test_a_name_that_changes_reaches_the_questions_that_show_it(store, corpus, tmp_path):
    """Questions ingested before their deputies; the deputies come, then a deputy is renamed."""
    ingest(store, sample_path() / "questions", corpus / "questions")
    path = index_path(store.path)
    rebuild(store, path, jobs=1, progress=False)
    seed = "https://w3id.org/hemicycle/id/question/QANR5L17QE15973"
    assert seed not in matching(path, "names : \"gouffi\"")
    ingest(store, sample_path() / "amo", corpus / "amo")
    refresh(store, path, progress=False)
    assert seed in matching(path, "names : \"gouffi\"")
    person = json.loads((sample_path() / "amo" / "acteur" / "PA721296.json").read_text(encoding="utf-8"))
    text = json.dumps(person, ensure_ascii=False).replace("Gouffier Valente", "Gouffier-Valentin")
    (tmp_path / "renamed").mkdir()
    (tmp_path / "renamed" / "PA721296.json").write_text(text, encoding="utf-8")
    ingest(store, tmp_path / "renamed")
    outcome = refresh(store, path, progress=False)
    assert outcome.action == "updated" and outcome.written == 1 + len(QUESTIONS) + 1  # the deputy, his questions
    assert seed in matching(path, "names : \"valentin\"")
    fresh = path.with_name("fresh.sqlite")
    rebuild(store, fresh, jobs=1, progress=False)
    assert snapshot(fresh) == snapshot(path)


def test_a_graph_gone_from_the_store_takes_its_document(store, corpus):
    ingest(store, sample_path(), corpus)
    path = index_path(store.path)
    rebuild(store, path, jobs=1, progress=False)
    store.store.update("DROP GRAPH <https://w3id.org/hemicycle/id/graph/QANR5L17QE90001>")
    outcome = refresh(store, path, progress=False)
    assert outcome.removed == 1
    assert "https://w3id.org/hemicycle/id/question/QANR5L17QE90001" not in snapshot(path)


def test_a_missing_or_outdated_index_is_built_whole(store, corpus):
    ingest(store, sample_path())
    path = index_path(store.path)
    assert refresh(store, path, progress=False).action == "built"
    connection = sqlite3.connect(path)
    index.set_meta(connection, analyzer="an older analyzer")
    connection.commit()
    connection.close()
    with pytest.raises(SearchIndexError, match="another version"):
        index.connect_reader(path)
    assert refresh(store, path, progress=False).action == "built"
    assert index.connect_reader(path) is not None


def test_a_large_change_builds_the_index_whole(store, corpus, monkeypatch):
    ingest(store, sample_path())
    path = index_path(store.path)
    rebuild(store, path, jobs=1, progress=False)
    ingest(store, corpus)
    monkeypatch.setattr(search_build, "FULL_FROM", 2)
    monkeypatch.setattr(search_build, "FULL_SHARE", 0.0)
    assert refresh(store, path, progress=False).action == "built"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_that_fails_leaves_the_old_index(store, corpus, monkeypatch, jobs):
    monkeypatch.setattr(search_build, "PARALLEL_FROM", 0)
    ingest(store, sample_path())
    path = index_path(store.path)
    rebuild(store, path, jobs=1, progress=False)
    before = snapshot(path)
    ingest(store, corpus)

    def full(*args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(tables, "insert", full)
    with pytest.raises(SearchIndexError, match="disk is full"):
        rebuild(store, path, jobs=jobs, progress=False)
    with pytest.raises(SearchIndexError, match="disk is full"):
        refresh(store, path, progress=False)
    assert snapshot(path) == before
    assert [p.name for p in path.parent.glob("search.sqlite*")] == ["search.sqlite"]


def test_a_killed_build_leaves_its_file_for_the_next_one_to_remove(store):
    ingest(store, sample_path())
    path = index_path(store.path)
    leftover = path.with_name(f"{path.name}.tmp-999999999")
    leftover.write_bytes(b"half an index")
    rebuild(store, path, jobs=1, progress=False)
    assert not leftover.exists() and path.is_file()


def test_an_index_that_is_not_one(store, tmp_path):
    path = tmp_path / "search.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(SearchIndexError, match="cannot be read|another version"):
        index.connect_reader(path)
    with pytest.raises(SearchIndexError, match="no search index"):
        index.connect_reader(tmp_path / "none.sqlite")


def test_a_store_in_memory_is_indexed_in_one_process(tmp_path):
    store = GraphStore(in_memory=True)
    ingest(store, sample_path())
    assert rebuild(store, tmp_path / "search.sqlite", progress=False).documents == 6


def test_a_parallel_build_analyses_every_text_in_the_workers(store, corpus, tmp_path, monkeypatch):
    """The bodies' keys come from the workers, a question's text and its answer alike (none analysed twice)."""
    from hemicycle.ingest.search.documents import PROPERTIES, STARTS, Builder
    from hemicycle.ingest.search.facts import AllFacts

    monkeypatch.setattr(search_build, "PARALLEL_FROM", 0)
    ingest(store, sample_path(), corpus)
    facts = AllFacts(store)
    with search_build._pool(store, 2, 0) as pool:
        facts.preload(PROPERTIES, STARTS, pool, tmp_path / "texts")
    try:
        questions = [d for d in Builder(facts).documents() if d.type == "question"]
    finally:
        facts.close()
    assert len(questions) == 7 and not (tmp_path / "texts").exists()
    assert all(d.body_keys is not None and d.body_keys.split() == indexed(d.body).split() for d in questions)
