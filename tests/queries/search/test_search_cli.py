"""``hemicycle search``: the readable list and the JSON, its errors and exit statuses, ``--rebuild``, and
``hemicycle ingest`` keeping the index in step."""
from __future__ import annotations

import json
import shutil

import pytest

from hemicycle.queries.cli import main
from support import write_json
from support.search import QUESTIONS, record

SEED = "https://w3id.org/hemicycle/id/question/QANR5L17QE15973"


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["search", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_readable_list(search_store_path, capsys):
    code, out, err = run(capsys, "--store", str(search_store_path), "titres de séjour")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "1 result for 'titres de séjour'"
    assert lines[2] == "1. Intelligence artificielle dans le traitement des titres de séjour"
    assert lines[3] == ("   question QE 15973 · legislature 17 · 2026-06-16 · pending · Guillaume Gouffier Valente "
                        "(EPR) · Ministère de l'intérieur")
    assert "[titres] de [séjour]" in lines[4]
    assert lines[5] == f"   {SEED}"


def test_filters_and_pages(search_store_path, capsys):
    code, out, _ = run(capsys, "--store", str(search_store_path), "Guillaume", "--type", "question", "--group", "RN",
                       "--status", "lapsed", "--since", "2024-01-01", "--until", "2024-12-31", "--legislature", "17",
                       "--kind", "QE", "--ministry", "Agriculture", "--rubrique", "agriculture")
    assert code == 0 and out.splitlines()[0] == "1 result for 'Guillaume'" and "QANR5L17QE90005" in out
    code, out, _ = run(capsys, "--store", str(search_store_path), "Guillaume", "--per-page", "2", "--page", "2",
                       "--sort", "oldest")
    assert code == 0 and "(page 2 of" in out.splitlines()[0] and out.count("\n3. ") == 1


def test_json(search_store_path, capsys):
    code, out, _ = run(capsys, "--store", str(search_store_path), "écologie", "--format", "json", "--type",
                       "question")
    answer = json.loads(out)
    assert code == 0 and answer["total"] == 1 and answer["filters"] == {"type": "question"}
    hit = answer["results"][0]
    assert hit["iri"].endswith("QANR5L17QE90002") and hit["status"] == "answered"
    assert [hit["snippet"][a:b] for a, b in hit["highlights"]] == ["écologiques", "écologie"]


def test_nothing_found_is_no_error(search_store_path, capsys):
    code, out, _ = run(capsys, "--store", str(search_store_path), "zygomatique")
    assert code == 0 and out == "0 results for 'zygomatique'\n"


@pytest.mark.parametrize("args, message", [
    (["x", "--status", "lost"], "status: 'lost' is not one of"),
    (["x", "--since", "yesterday"], "since: 'yesterday' is not a date"),
    (["x", "--per-page", "1000"], "per_page"),
    (["x", "--group", "Nobody"], "group: no political group in the search index is called 'Nobody'"),
    (["le de la"], "nothing to search for"),
    ([], "search needs the TEXT"),
])
def test_bad_input_is_one_line_and_status_2(search_store_path, capsys, args, message):
    code, out, err = run(capsys, "--store", str(search_store_path), *args)
    assert code == 2 and out == "" and message in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("q", ['"', "*", "NEAR(", "AND OR", "x" * 5000, "a\x00b"])
def test_hostile_text_is_never_a_traceback(search_store_path, capsys, q):
    code, _, err = run(capsys, "--store", str(search_store_path), q)
    assert code in (0, 2) and "Traceback" not in err


def test_no_index_says_how_to_build_it(search_store_path, tmp_path, capsys):
    copy = tmp_path / "store"
    shutil.copytree(search_store_path, copy)
    (copy / "search.sqlite").unlink()
    code, _, err = run(capsys, "--store", str(copy), "séjour")
    assert code == 2 and "no search index: run 'hemicycle search --rebuild' or 'hemicycle ingest'" in err
    code, _, err = run(capsys, "--store", str(copy), "--rebuild", "--quiet")
    assert code == 0 and err.startswith("search index built: 19 documents")
    code, out, _ = run(capsys, "--store", str(copy), "séjour", "--format", "json")
    assert code == 0 and json.loads(out)["results"][0]["iri"] == SEED
    code, _, err = run(capsys, "--store", str(tmp_path / "nothing"), "séjour")
    assert code == 2 and "no store here" in err


def test_ingest_builds_then_updates_the_index(tmp_path, capsys):
    store = str(tmp_path / "store")
    assert main(["ingest", "--quiet", "--sample", "--store", store]) == 0
    assert "search index built: 6 documents" in capsys.readouterr().err
    assert main(["ingest", "--quiet", "--sample", "--store", store]) == 0
    assert "search index unchanged (6 documents)" in capsys.readouterr().err
    number, spec = 90003, QUESTIONS[90003]
    write_json(tmp_path / "new" / f"QANR5L17QE{number}.json", record(number, spec))
    assert main(["ingest", "--quiet", "--no-search-index", "--store", store, str(tmp_path / "new")]) == 0
    assert "search index" not in capsys.readouterr().err
    assert run(capsys, "--store", store, "carburants")[1] == "0 results for 'carburants'\n"
    assert main(["ingest", "--quiet", "--store", store, str(tmp_path / "new")]) == 0
    assert "search index updated: " in capsys.readouterr().err
    code, out, _ = run(capsys, "--store", store, "carburants")
    assert code == 0 and "1. Fiscalité des carburants" in out
