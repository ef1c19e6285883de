"""Read-only by default: updates are refused unless the server was started with an explicit opt-in and a token."""
from __future__ import annotations

import shutil

import pytest
from starlette.testclient import TestClient

from hemicycle.queries import cli
from hemicycle.queries.web.app import create_app

TOKEN = "s3cret-token"
INSERT = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> \"added\" } }"
CHECK = "ASK { <http://example.org/s> <http://example.org/p> \"added\" }"


@pytest.fixture
def writable(sample_store_path, tmp_path):
    path = tmp_path / "store"
    shutil.copytree(sample_store_path, path)
    app = create_app(path, update_token=TOKEN, workers=2)
    with TestClient(app) as client:
        yield client
    app.state.runner.close()


def ask(client, query=CHECK):
    return client.get("/sparql", params={"query": query}).json()["boolean"]


@pytest.mark.parametrize("send", [
    lambda c: c.post("/sparql", data={"update": INSERT}),
    lambda c: c.post("/sparql", content=INSERT, headers={"content-type": "application/sparql-update"}),
    lambda c: c.post("/sparql", content=INSERT, headers={"content-type": "application/sparql-update",
                                                          "authorization": f"Bearer {TOKEN}"}),
])
def test_read_only_server_refuses_updates(client, send):
    r = send(client)
    assert r.status_code == 403 and "--allow-updates" in r.text
    assert ask(client) is False


def test_update_in_a_query_is_a_syntax_error(client):
    r = client.get("/sparql", params={"query": INSERT})
    assert r.status_code == 400 and "syntax error" in r.text


def test_update_by_get_is_refused(client):
    r = client.get("/sparql", params={"update": INSERT})
    assert r.status_code == 405 and "POST" in r.text


def test_update_needs_the_token(writable):
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": f"Basic {TOKEN}"}):
        r = writable.post("/sparql", content=INSERT, headers={"content-type": "application/sparql-update", **headers})
        assert r.status_code == 401 and "Bearer" in r.headers["www-authenticate"]
    assert ask(writable) is False


def test_update_with_the_token(writable):
    assert ask(writable) is False
    r = writable.post("/sparql", content=INSERT, headers={"content-type": "application/sparql-update",
                                                           "authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204
    # every worker sees the change (each reopens its handle after an update)
    assert all(ask(writable) for _ in range(4))
    r = writable.post("/sparql", data={"update": "DROP GRAPH <http://example.org/g>"},
                      headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204
    assert not any(ask(writable) for _ in range(4))


def test_update_errors(writable):
    auth = {"authorization": f"Bearer {TOKEN}"}
    r = writable.post("/sparql", data={"update": "INSERT DATA { <x> }"}, headers=auth)
    assert r.status_code == 400 and "syntax error" in r.text
    r = writable.post("/sparql", data={"update": "LOAD <http://127.0.0.1:9/data.ttl>"}, headers=auth)
    assert r.status_code == 403 and "LOAD" in r.text


def test_service_description_says_updates(writable):
    assert "SPARQL11Update" in writable.get("/sparql", headers={"accept": "text/turtle"}).text


def test_cli_opt_in_needs_a_token(sample_store_path, tmp_path, capsys):
    assert cli.main(["serve", "--store", str(sample_store_path), "--allow-updates"]) == 2
    assert "--update-token-file" in capsys.readouterr().err
    empty = tmp_path / "token"
    empty.write_text("\n")
    assert cli.main(["serve", "--store", str(sample_store_path), "--allow-updates",
                     "--update-token-file", str(empty)]) == 2
    assert "empty" in capsys.readouterr().err
    assert cli.main(["serve", "--store", str(tmp_path / "nothing")]) == 2
    assert "no store here" in capsys.readouterr().err
