"""Named queries' IRI parameters given as people know things (queries/names.py): a uid, an abbreviation, a label
or a name, in the command line, the REST API and the query page; ambiguity and absence said in words. And SPARQL
written by hand (queries/web/sparql_help.py): the project's prefixes need no declaration, a syntax error is a
sentence."""
from __future__ import annotations

import pytest

from hemicycle.ontology.errors import ParameterError
from hemicycle.ontology.iris import Minter
from hemicycle.queries.cli import main
from hemicycle.queries.names import iri_of

B = Minter().base


@pytest.mark.parametrize("text,iri", [
    ("PA720422", B + "acteur/PA720422"), ("PO800520", B + "organe/PO800520"), ("PM1234", B + "mandat/PM1234"),
    ("QANR5L17QE15973", B + "question/QANR5L17QE15973"),
    (B + "organe/PO800520", B + "organe/PO800520"),
])
def test_uids_and_iris_need_no_lookup(text, iri):
    assert iri_of(text, minter=Minter(), lookup=None).value == iri


def rn(_text):
    return [{"resource": B + "organe/PO845401", "label": "Rassemblement National", "id": "PO845401",
             "legislature": "17"},
            {"resource": B + "organe/PO800520", "label": "Rassemblement National", "id": "PO800520",
             "legislature": "16"}]


def test_several_candidates_are_named_unless_the_legislature_tells():
    with pytest.raises(ParameterError, match=r"'RN' may be 2 resources: PO845401 \(Rassemblement National, "
                                             r"legislature 17\); PO800520 .*Give the uid"):
        iri_of("RN", minter=Minter(), lookup=rn, param="parameter group")
    assert iri_of("RN", minter=Minter(), lookup=rn, legislature="16").value == B + "organe/PO800520"


def test_nothing_called_so_is_said():
    with pytest.raises(ParameterError, match="nothing in the store is called 'Nobody'"):
        iri_of("Nobody", minter=Minter(), lookup=lambda text: [], param="parameter group")


def test_the_command_line_takes_a_uid_like_the_iri(sample_store_path, capsys):
    args = ["query", "question-card", "--store", str(sample_store_path), "--format", "csv", "--param"]
    assert main(args + ["question=QANR5L17QE15973"]) == 0
    by_uid = capsys.readouterr().out
    assert main(args + [f"question={B}question/QANR5L17QE15973"]) == 0
    assert capsys.readouterr().out == by_uid and "Gouffier Valente" in by_uid


def test_the_command_line_says_what_it_cannot_find(sample_store_path, capsys):
    assert main(["query", "slowest-ministries", "--store", str(sample_store_path), "--param", "group=Nobody"]) == 2
    assert "parameter group: nothing in the store is called 'Nobody'" in capsys.readouterr().err


def test_the_api_and_the_query_page_look_names_up(client):
    found = client.get("/api/queries/slowest-ministries", params={"group": "EPR", "legislature": "17",
                                                                   "format": "csv"})
    missing = client.get("/api/queries/slowest-ministries", params={"group": "Nobody", "format": "csv"})
    assert found.status_code == 200 and missing.status_code == 400
    assert "nothing in the store is called 'Nobody'" in missing.text
    page = client.get("/query/results", params={"name": "question-card", "p.question": "QANR5L17QE15973",
                                                "format": "csv"})
    assert page.status_code == 200 and "QANR5L17QE15973" in page.text
    by_label = client.get("/query/results", params={"name": "slowest-ministries", "format": "csv",
                                                    "p.group": "ensemble pour la république"})
    assert by_label.status_code == 200


def test_the_project_s_prefixes_need_no_declaration(sample_store_path, client, capsys):
    query = "SELECT (COUNT(?q) AS ?n) WHERE { ?q a hm:WrittenQuestion }"
    assert main(["sparql", "--store", str(sample_store_path), "--format", "csv", query]) == 0
    assert capsys.readouterr().out.split() == ["n", "1"]
    page = client.get("/query/results", params={"query": query, "format": "csv"})
    assert page.status_code == 200 and page.text.split() == ["n", "1"]


@pytest.mark.parametrize("query,said", [
    ("SELECT * WHERE { ?s zz:x ?o }", "line 1, column 26 (at \"?o }\"): expected OPTIONAL. Likely cause: the prefix "
                                      "zz: is not declared (add PREFIX zz: <…> before the query)"),
    ("SELECT * WHERE {\n  ?s ?p ?o ", "line 2, column 12 (at the end): expected one of \",\", \".\", \";\", \"{\", "
                                     "\"{|\", \"}\" and more. Likely cause: 1 { not closed"),
])
def test_a_syntax_error_is_a_sentence(sample_store_path, client, capsys, query, said):
    assert main(["sparql", "--store", str(sample_store_path), query]) == 2
    assert capsys.readouterr().err.strip() == f"hemicycle sparql: SPARQL syntax error at {said}"
    page = client.get("/query/results", params={"query": query, "format": "csv"})
    assert page.status_code == 400 and said in page.text


def test_today_and_latest_are_when_and_what_the_query_runs_on(sample_store_path, capsys):
    from datetime import date

    from hemicycle.ingest.store import GraphStore
    from hemicycle.queries import catalog
    from hemicycle.queries.names import store_latest

    overdue = catalog.get("overdue-questions").bind({})
    assert overdue["today"].value == date.today().isoformat()
    assert main(["query", "most-active-deputies", "--store", str(sample_store_path), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.strip().splitlines()[1:]
    assert rows and all(r.startswith(f"17,{date.today().isoformat()},") for r in rows)   # the sample's XVIIth
    with pytest.raises(ParameterError, match="'latest' is the latest legislature of the store's questions"):
        catalog.get("most-active-deputies").bind({}, latest=store_latest(GraphStore(in_memory=True)))
