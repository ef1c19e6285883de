"""``--format table``: what ``hemicycle query`` and ``hemicycle sparql`` show a person at a terminal."""
from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys

import pytest

from hemicycle.queries.cli import main
from hemicycle.queries.table import render, widths

SEED = "https://w3id.org/hemicycle/id/question/QANR5L17QE15973"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("table") / "store"
    assert main(["ingest", "--quiet", "--sample", "--store", str(path)]) == 0
    return str(path)


def test_a_named_query_as_a_table_shows_names(built, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["query", "questions-citing-decision", "--param", "decision=https://w3id.org/hemicycle/id/decision/fr/CE/2026-05-05/502860",
                 "--store", built, "--format", "table"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["decision", "question", "uid"]
    assert set(lines[1]) <= {"-", " "}
    assert "QE 15973 (17th)" in out and SEED not in out  # the question by its name, not its IRI
    assert lines[-1] == "(1 row)"
    assert max(len(line) for line in lines) <= 200


def test_sparql_table_in_french_with_compact_iris(built, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert main(["sparql", "--store", built, "--format", "table",
                 f"SELECT ?status ?kind ?x WHERE {{ <{SEED}> hm:status ?status ; a ?kind . "
                 "BIND(<https://example.org/x> AS ?x) }"]) == 0
    out = capsys.readouterr().out
    assert "en attente de réponse" in out            # the ontology's label, in French
    assert "https://example.org/x" in out            # no name, no prefix: the IRI as it is
    assert "https://w3id.org/hemicycle/ontology#" not in out


def test_ask_and_construct_as_tables(built, capsys):
    assert main(["sparql", "--store", built, "--format", "table", f"ASK {{ <{SEED}> ?p ?o }}"]) == 0
    assert capsys.readouterr().out.strip() == "true"
    assert main(["sparql", "--store", built, "--format", "table",
                 f"CONSTRUCT {{ <{SEED}> hm:status ?s }} WHERE {{ <{SEED}> hm:status ?s }}"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["subject", "predicate", "object"]
    assert "status" in out and "pending" in out and "(1 row)" in out  # the ontology's labels


def test_wide_columns_give_way_and_wrap():
    long = "mot " * 200
    table = render(["n", "text"], [["1", long.strip()]], width=60)
    assert max(len(line) for line in table.splitlines()) <= 60
    assert "…" in table  # cut past the longest shown
    assert widths(["a", "b"], [["x" * 50, "y" * 50]], 40) == [19, 19]
    assert widths(["a"], [["x" * 5]], 3) == [5]  # never below what fits anyway


@pytest.mark.skipif(not shutil.which("hemicycle"), reason="no hemicycle command on PATH (pip install the project)")
def test_a_terminal_gets_a_table_and_a_pipe_gets_json(built):
    """The default follows where the output goes: a table on a terminal (a real pseudo-terminal here)."""
    query = f"SELECT ?uid WHERE {{ <{SEED}> dcterms:identifier ?uid }}"
    command = ["hemicycle", "sparql", "--store", built, query]
    piped = subprocess.run(command, capture_output=True, text=True, check=True)
    assert piped.stdout.startswith('{"head"')
    main_fd, child_fd = pty.openpty()
    env = dict(os.environ, COLUMNS="80", LANG="C.UTF-8")
    process = subprocess.Popen(command, stdout=child_fd, stderr=subprocess.PIPE, env=env)
    os.close(child_fd)
    shown = b""
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(30) == 0, process.stderr.read()
    os.close(main_fd)
    text = shown.decode().replace("\r\n", "\n")
    assert text.splitlines()[0].strip() == "uid" and "QANR5L17QE15973" in text and "(1 row)" in text
    assert sys.platform != "win32"


def test_each_interface_says_how_to_give_a_missing_parameter(built, capsys, sample_app):
    """The terminal speaks of --param, the API of ?name=, the query page of its form: each its own language."""
    from starlette.testclient import TestClient

    assert main(["query", "question-card", "--store", built]) == 2
    err = capsys.readouterr().err
    assert "question-card needs its parameter question" in err and "give --param question=…" in err
    client = TestClient(sample_app)
    api = client.get("/api/queries/question-card")
    assert api.status_code == 400 and api.text.strip().endswith("give ?question=…") and "--param" not in api.text
    page = client.get("/query/results?name=question-card")
    assert page.status_code == 400 and "fill it in under Parameters" in page.text and "--param" not in page.text
