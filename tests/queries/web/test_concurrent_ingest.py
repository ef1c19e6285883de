"""Readers work while an ingest runs in another process: every answer is a real result of the store as of some
moment, or an explicit 503 'try again', never a crash or a wrong error; once the ingest ends, readers see all."""
from __future__ import annotations

import pytest
import shutil
import subprocess
import sys
import time

from starlette.testclient import TestClient

from support import real_data
from hemicycle.ingest.store import GraphStore
from hemicycle.queries.web.app import create_app

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def count(response) -> int:
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_readers_during_an_ingest_in_another_process(sample_store_path, tmp_path):
    source = real_data("amo", "l16-AMO20_dep_sen_min_tous_mandats_et_organes.json.zip")
    path = tmp_path / "store"
    shutil.copytree(sample_store_path, path)
    app = create_app(path, workers=2, query_timeout=20)
    with TestClient(app) as client:
        initial = count(client.get("/sparql", params={"query": COUNT}))
        ingest = subprocess.Popen([sys.executable, "-m", "hemicycle.queries.cli", "ingest", "--quiet", "--jobs", "1",
                                   "--store", str(path), str(source)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        answers, unavailable, during = [], 0, 0
        while ingest.poll() is None:
            r = client.get("/sparql", params={"query": COUNT})
            if r.status_code == 503:
                assert "try again" in r.text
                assert str(path) not in r.text and ".sst" not in r.text  # no file of the server named
                unavailable += 1
                time.sleep(0.05)
                continue
            assert r.status_code == 200, r.text
            answers.append(count(r))
            during += 1
        assert ingest.returncode == 0, ingest.stderr.read().decode()
        final = count(client.get("/sparql", params={"query": COUNT}))
    app.state.runner.close()
    print(f"{during} answers, {unavailable} unavailable, counts {sorted(set(answers))}")
    assert during >= 3, f"only {during} answers during the ingest ({unavailable} 503s)"
    # each answer is the store as of some moment: between the start and the end, never decreasing
    assert all(initial <= n <= final for n in answers)
    assert answers == sorted(answers)
    # after the ingest, the readers see exactly what the store holds
    assert final > initial
    assert final == len(GraphStore(path, read_only=True))
