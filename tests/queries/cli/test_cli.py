"""The ``hemicycle`` command line, through ``main([...])`` and once through the real console script."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys

import pyoxigraph
import pytest

from hemicycle.ingest.pipeline import software_version
from hemicycle.queries.cli import main

SEED = "https://w3id.org/hemicycle/id/question/QANR5L17QE15973"
SELECT = f"SELECT ?p ?o WHERE {{ <{SEED}> ?p ?o }}"
ASK = f"ASK {{ <{SEED}> a <https://w3id.org/hemicycle/ontology#WrittenQuestion> }}"
CONSTRUCT = f"CONSTRUCT {{ <{SEED}> ?p ?o }} WHERE {{ <{SEED}> ?p ?o }}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    assert main(["ingest", "--quiet", "--sample", "--store", str(path)]) == 0
    return str(path)


def test_ingest_prints_one_summary_line(tmp_path, capsys):
    assert main(["ingest", "--quiet", "--sample", "--store", str(tmp_path / "s")]) == 0
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1, captured.err
    line = lines[0]
    assert re.search(r"read \d+ records", line) and re.search(r"ingested \d+", line)
    assert re.search(r"rejected 0\b", line) and re.search(r"unresolved ministries \d+", line)
    assert re.search(r"in \d+\.\d s$", line)
    assert captured.out == ""


def sparql(store, capsysbinary, *args):
    code = main(["sparql", "--store", store, *args])
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err.decode()


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_sparql_select_formats(built, capsysbinary, fmt):
    code, out, err = sparql(built, capsysbinary, SELECT, "--format", fmt)
    assert code == 0, err
    fmt_enum = {"json": pyoxigraph.QueryResultsFormat.JSON, "xml": pyoxigraph.QueryResultsFormat.XML,
                "csv": pyoxigraph.QueryResultsFormat.CSV, "tsv": pyoxigraph.QueryResultsFormat.TSV}[fmt]
    if fmt == "json":
        assert len(json.loads(out)["results"]["bindings"]) > 10
    if fmt == "csv":
        assert out.decode().splitlines()[0].strip() == "p,o"
        return  # SPARQL CSV loses the term kinds: not parsed back as results
    rows = list(pyoxigraph.parse_query_results(out, fmt_enum))
    assert len(rows) > 10
    assert any(r["o"] == pyoxigraph.Literal("QANR5L17QE15973") for r in rows)


def test_sparql_default_format_is_json_and_ask(built, capsysbinary):
    code, out, _ = sparql(built, capsysbinary, ASK)
    assert code == 0 and json.loads(out)["boolean"] is True
    code, out, _ = sparql(built, capsysbinary, ASK, "--format", "json")
    assert bool(pyoxigraph.parse_query_results(out, pyoxigraph.QueryResultsFormat.JSON)) is True


@pytest.mark.parametrize("fmt,rdf", [("turtle", pyoxigraph.RdfFormat.TURTLE),
                                     ("ntriples", pyoxigraph.RdfFormat.N_TRIPLES),
                                     ("jsonld", pyoxigraph.RdfFormat.JSON_LD)])
def test_sparql_construct_formats(built, capsysbinary, fmt, rdf):
    code, out, err = sparql(built, capsysbinary, CONSTRUCT, "--format", fmt)
    assert code == 0, err
    triples = set(pyoxigraph.parse(out, rdf))
    assert len(triples) > 10
    assert all(t.subject == pyoxigraph.NamedNode(SEED) for t in triples)
    if fmt == "jsonld":
        json.loads(out)


def test_sparql_from_stdin_and_to_a_file(built, capsysbinary, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "stdin", io.StringIO(ASK))
    out = tmp_path / "r.json"
    code, _, _ = sparql(built, capsysbinary, "-", "-o", str(out))
    assert code == 0 and json.loads(out.read_text())["boolean"] is True


def test_sparql_syntax_error_exits_2(built, capsysbinary):
    code, out, err = sparql(built, capsysbinary, "SELEKT ?x WHERE { ?x ?y }")
    assert code == 2 and out == b""
    assert "SPARQL syntax error" in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_format_that_does_not_fit_exits_2(built, capsysbinary):
    code, out, err = sparql(built, capsysbinary, SELECT, "--format", "turtle")
    assert code == 2 and "turtle" in err and "SELECT" in err
    code, out, err = sparql(built, capsysbinary, CONSTRUCT, "--format", "csv")
    assert code == 2 and "csv" in err


EXPORTS = [("nquads", pyoxigraph.RdfFormat.N_QUADS), ("trig", pyoxigraph.RdfFormat.TRIG),
           ("jsonld", pyoxigraph.RdfFormat.JSON_LD), ("ntriples", pyoxigraph.RdfFormat.N_TRIPLES),
           ("turtle", pyoxigraph.RdfFormat.TURTLE)]


@pytest.mark.parametrize("fmt,rdf", EXPORTS, ids=[e[0] for e in EXPORTS])
def test_export_round_trips(built, capsysbinary, fmt, rdf):
    assert main(["export", "--store", built, "--format", fmt]) == 0
    out = capsysbinary.readouterr().out
    original = pyoxigraph.Store.read_only(built)
    quads = list(pyoxigraph.parse(out, rdf))
    if fmt in ("nquads", "trig", "jsonld"):
        fresh = pyoxigraph.Store()
        fresh.extend(quads)
        assert len(fresh) == len(original)
        assert set(fresh) == set(original)
    else:
        union = {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in original}
        assert {pyoxigraph.Triple(t.subject, t.predicate, t.object) for t in quads} == union


def test_validate_sample_conforms(built, capsys):
    assert main(["validate", "--store", built]) == 0
    assert capsys.readouterr().out.startswith("conforms")


def test_stats_lists_counts(built, capsys):
    assert main(["stats", "--store", built]) == 0
    rows = {}
    for line in capsys.readouterr().out.splitlines():
        n, what = line.strip().split(None, 1)
        rows[what] = int(n)
    assert rows["written questions"] == 1 and rows["persons"] == 1 and rows["ingest runs"] == 1
    assert rows["quads"] > 100 and rows["named graphs"] > 5


def test_store_from_environment(tmp_path, monkeypatch, capsysbinary):
    monkeypatch.setenv("HEMICYCLE_STORE", str(tmp_path / "env-store"))
    assert main(["ingest", "--quiet", "--sample"]) == 0
    assert (tmp_path / "env-store").is_dir()
    capsysbinary.readouterr()
    assert main(["sparql", ASK]) == 0
    assert json.loads(capsysbinary.readouterr().out)["boolean"] is True
    # --store wins over the environment
    assert main(["sparql", "--store", str(tmp_path / "nowhere"), ASK]) == 2


def test_missing_store_exits_2(tmp_path, capsys):
    missing = tmp_path / "no-store"
    for command in (["sparql", ASK], ["export", "--format", "nquads"], ["validate"], ["stats"]):
        assert main([command[0], "--store", str(missing), *command[1:]]) == 2
        err = capsys.readouterr().err
        assert str(missing) in err and "no store" in err and "Traceback" not in err
    assert not missing.exists()  # a reader never creates a store


def test_ingest_missing_path_exits_2(tmp_path, capsys):
    assert main(["ingest", "--quiet", "--store", str(tmp_path / "s"), str(tmp_path / "missing.zip")]) == 2
    assert "missing.zip" in capsys.readouterr().err


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"hemicycle {software_version()}"


def command() -> list[str]:
    script = shutil.which("hemicycle")
    return [script] if script else [sys.executable, "-m", "hemicycle.queries.cli"]


@pytest.mark.slow
def test_console_script_exit_codes(tmp_path):
    store = str(tmp_path / "store")
    bad = tmp_path / "bad.json"
    bad.write_text('{"question": ')
    run = lambda *args: subprocess.run([*command(), *args], capture_output=True, text=True, timeout=300)
    assert run("--version").returncode == 0
    done = run("ingest", "--quiet", "--sample", "--store", store)
    assert done.returncode == 0, done.stderr
    assert run("ingest", "--quiet", "--store", store, str(bad)).returncode == 0
    strict = run("ingest", "--quiet", "--strict", "--store", store, str(bad))
    assert strict.returncode == 1 and "bad.json" in strict.stderr
    answer = run("sparql", "--store", store, ASK)
    assert answer.returncode == 0 and json.loads(answer.stdout)["boolean"] is True
    wrong = run("sparql", "--store", store, "SELEKT")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert run("sparql", "--store", str(tmp_path / "none"), ASK).returncode == 2
    assert run("validate", "--store", store).returncode == 0
    assert run("frobnicate").returncode == 2


def test_a_bug_is_not_reported_as_bad_usage(monkeypatch, tmp_path):
    """Only Hemicycle's own errors become a message and exit 2; any other exception surfaces as the bug it is."""
    from hemicycle.queries.cli import build

    def broken(store, **options):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(build, "Ingester", broken)
    with pytest.raises(ZeroDivisionError):
        main(["ingest", "--sample", "--store", str(tmp_path / "store"), "--quiet"])


def test_an_error_of_the_library_is_one_line_and_exit_2(capsys):
    assert main(["query", "no-such-query"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["hemicycle query: no named query 'no-such-query' (see 'hemicycle query --list')"]
