"""Limits that tell the truth: a timeout that stops the query and frees its worker, a result cap answered by an
error status rather than a truncated body, and other clients served while a runaway query runs."""
from __future__ import annotations

import threading
import time

import pytest
from starlette.testclient import TestClient

from hemicycle.queries.web.app import create_app
from hemicycle.queries.web.runner import QueryRunner
from hemicycle.ontology.errors import QueryTimeout, ResultTooLarge

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def limited_app(sample_store_path):
    app = create_app(sample_store_path, query_timeout=1.5, max_results=5, workers=2)
    yield app
    app.state.runner.close()


@pytest.fixture
def limited(limited_app):
    return TestClient(limited_app)


def test_timeout_answers_503_and_replaces_the_worker(limited, limited_app):
    runner = limited_app.state.runner
    runner.start()
    before = {w.process.pid for w in runner._all}
    r = limited.get("/sparql", params={"query": RUNAWAY})
    assert r.status_code == 503 and "stopped after 1.5 s" in r.text and r.headers["retry-after"]
    # the killed worker is gone and a new one takes its place; queries go on
    for _ in range(4):
        assert limited.get("/sparql", params={"query": QUICK}).json()["boolean"] is True
    deadline = time.monotonic() + 20  # the replacement starts in the background
    while not (before - {w.process.pid for w in runner._all}) and time.monotonic() < deadline:
        time.sleep(0.05)
    after = {w.process.pid for w in runner._all}
    assert len(after) == 2 and before - after


def test_others_are_served_while_a_runaway_query_runs(limited):
    answers = {}

    def runaway():
        answers["runaway"] = limited.get("/sparql", params={"query": RUNAWAY})

    thread = threading.Thread(target=runaway)
    thread.start()
    quick = [limited.get("/sparql", params={"query": QUICK}) for _ in range(5)]
    still_running = thread.is_alive()
    thread.join()
    assert all(r.json()["boolean"] is True for r in quick)
    assert still_running, "the quick queries were answered while the runaway query was still running"
    assert answers["runaway"].status_code == 503


def test_cap_on_rows(limited):
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT {}"
    assert len(limited.get("/sparql", params={"query": query.replace("{}", "5")}).json()["results"]["bindings"]) == 5
    r = limited.get("/sparql", params={"query": query.replace("{}", "6")}, headers={"accept": "text/csv"})
    assert r.status_code == 507 and "more than 5 rows" in r.text
    assert r.headers["content-type"].startswith("text/plain")


def test_cap_on_triples(limited):
    r = limited.get("/sparql", params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"})
    assert r.status_code == 507 and "LIMIT" in r.text
    r = limited.get("/sparql", params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"})
    assert r.status_code == 200


def test_runner_raises_typed_errors(sample_store_path):
    with QueryRunner(sample_store_path, workers=1, query_timeout=1.0, max_results=3) as runner:
        assert len(runner.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3")) == 3
        with pytest.raises(ResultTooLarge):
            runner.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 4")
        with pytest.raises(ResultTooLarge):
            runner.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 4")
        with pytest.raises(QueryTimeout):
            runner.ask("ASK { { " + RUNAWAY + " } FILTER(?n < 0) }")
        # the one worker was replaced: the runner goes on
        assert runner.ask(QUICK) is True


def test_waiting_for_a_busy_pool_counts_in_the_timeout(sample_store_path):
    with QueryRunner(sample_store_path, workers=1, query_timeout=1.0) as runner:
        errors = []

        def hog():
            try:
                runner.select(RUNAWAY)
            except QueryTimeout as error:
                errors.append(error)

        thread = threading.Thread(target=hog)
        thread.start()
        with pytest.raises(QueryTimeout):
            runner.select(RUNAWAY)
        thread.join()
        assert len(errors) == 1


def test_memory_limit_stops_a_query_that_would_eat_the_memory(sample_store_path):
    app = create_app(sample_store_path, workers=1, query_timeout=60, worker_memory=1024)
    with TestClient(app) as limited:
        hungry = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 1"
        r = limited.get("/sparql", params={"query": hungry})
        assert r.status_code == 507 and "1024 MiB" in r.text
        assert limited.get("/sparql", params={"query": QUICK}).json()["boolean"] is True
    app.state.runner.close()


def test_closing_while_a_worker_is_being_replaced(sample_store_path):
    # A timed-out query's worker is replaced in a thread of its own; the server may shut down meanwhile (a
    # test client leaving at once did): the worker is stopped once, whichever thread gets there first.
    for _ in range(8):
        runner = QueryRunner(sample_store_path, workers=1)
        runner.start()
        [worker] = runner._all
        errors = []

        def replace():
            try:
                runner._replace(worker)
            except Exception as error:  # noqa: BLE001 - what the test is about
                errors.append(error)

        replacing = threading.Thread(target=replace)
        replacing.start()
        runner.close()
        replacing.join(10)
        assert not replacing.is_alive() and errors == []
        assert worker.closed and worker.process.poll() is not None
        assert runner._all == set()  # nothing started after the close
