"""An answer's tables, kept as tables: from the old site's XML to the graph (hm:table, rdf:HTML) to the page."""
from __future__ import annotations

import re

import pytest

from hemicycle.ingest.records.tables import sanitized, tables_of
from hemicycle.ingest.store import GraphStore

from support import ingest, real_data

QUESTION = "https://w3id.org/hemicycle/id/question/QANR5L14QE47351"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from starlette.testclient import TestClient

    from hemicycle.queries.web.app import create_app

    source = real_data("questions", "q14_14-47351QE.xml")
    path = tmp_path_factory.mktemp("tables") / "store"
    store = GraphStore(path)
    ingest(store, source)
    store.store.flush()
    del store
    app = create_app(path, query_timeout=30.0)
    with TestClient(app) as test_client:
        yield test_client


def test_the_graph_keeps_the_answer_s_table(client):
    r = client.get("/sparql", params={"query": f"""PREFIX hm: <https://w3id.org/hemicycle/ontology#>
        SELECT ?table (DATATYPE(?table) AS ?type) WHERE {{ <{QUESTION}> hm:hasAnswer/hm:table ?table }}"""},
                   headers={"Accept": "application/sparql-results+json"})
    rows = r.json()["results"]["bindings"]
    assert len(rows) == 1 and rows[0]["type"]["value"] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML"
    table = rows[0]["table"]["value"]
    assert table.startswith("<table><tr><th rowspan=\"2\">TYPE DE MATÉRIEL</th><th colspan=\"2\">")
    assert "<td>AMX30B2 DT<br>" in table and "border" not in table and "align" not in table


def test_the_page_shows_it_as_a_table_where_it_stands(client):
    page = client.get("/id/question/QANR5L14QE47351").text
    answer = page[page.index('<section class="text answer"'):]
    answer = answer[:answer.index("</section>")]
    assert answer.count("<table>") == 1
    before, table, after = re.split(r'<div class="table" lang="fr">|</div>', answer)[:3]
    assert "TYPE DE MATÉRIEL" not in before and "TYPE DE MATÉRIEL" in table  # not flattened, not twice
    assert table.count("<tr>") >= 3 and 'rowspan="2"' in table
    assert "AMX30B2" not in before + after


@pytest.mark.parametrize("hostile", [
    "<table><tr><td onmouseover='alert(1)'>x<img src=x onerror=alert(2)></td></tr></table>",
    "<table><tr><td><script>alert(3)</script>x</td></tr></table><script>alert(4)</script>",
    "<table><tr><td colspan='2\" onclick=\"alert(5)'>x</td><td><a href='javascript:alert(6)'>x</a></td></tr></table>",
    "<table><tr><td style='background:url(javascript:alert(7))'>x</td></tr><svg onload=alert(8)></svg></table>",
])
def test_hostile_markup_is_reduced_to_the_table(hostile):
    for kept in (*tables_of(hostile), sanitized(hostile)):
        assert not re.search(r"alert|onerror|onclick|onload|onmouseover|javascript|script|style|<a|<img|<svg",
                             kept), kept
        assert kept.startswith("<table><tr><td") and ">x</td>" in kept


def test_a_text_without_tables_gains_nothing():
    assert tables_of("<p>Une réponse.</p><p>Sans tableau.</p>") == ()
