"""``GET /api/search`` and the ``/search`` page: JSON, filters, pages, clear 400s and 503s, never a 500."""
from __future__ import annotations

import shutil

import pytest
from starlette.testclient import TestClient

SEED = "https://w3id.org/hemicycle/id/question/QANR5L17QE15973"


def test_api_search(search_client):
    answer = search_client.get("/api/search", params={"q": "titres de séjour"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert body["total"] == 1 and body["page"] == 1 and body["pages"] == 1 and body["per_page"] == 20
    hit = body["results"][0]
    assert (hit["iri"], hit["type"], hit["date"]) == (SEED, "question", "2026-06-16")
    assert hit["label"] == "Intelligence artificielle dans le traitement des titres de séjour"
    assert "titres de séjour" in hit["snippet"] and isinstance(hit["score"], float)
    assert [hit["snippet"][a:b] for a, b in hit["highlights"]] == ["titres", "séjour"]


def test_api_filters_and_pages(search_client):
    body = search_client.get("/api/search", params={"q": "Guillaume", "group": "RN", "type": "question",
                                                    "sort": "newest"}).json()
    assert [r["uid"] for r in body["results"]] == ["QANR5L17QE90002", "QANR5L17QE90005"]
    assert body["filters"] == {"group": "RN", "type": "question", "sort": "newest"}
    first = search_client.get("/api/search", params={"q": "Guillaume", "per_page": 2}).json()
    second = search_client.get("/api/search", params={"q": "Guillaume", "per_page": 2, "page": 2}).json()
    assert first["total"] == second["total"] > 4 and first["pages"] == -(-first["total"] // 2)
    assert {r["iri"] for r in first["results"]}.isdisjoint(r["iri"] for r in second["results"])


@pytest.mark.parametrize("params, message", [
    ({}, "q: give the words to search for"),
    ({"q": ""}, "q: give the words to search for"),
    ({"q": "x", "status": "lost"}, "status: 'lost' is not one of answered, pending, withdrawn, lapsed"),
    ({"q": "x", "since": "2024-13-01"}, "since: '2024-13-01' is not a date"),
    ({"q": "x", "per_page": "500"}, "per_page: '500' is not a whole number from 1 to 100"),
    ({"q": "x", "legislature": "-1"}, "legislature"),
    ({"q": "x", "group": "Nobody"}, "group: no political group in the search index is called 'Nobody'"),
    ({"q": "le la les"}, "q: nothing to search for"),
    ({"q": "x" * 10_240}, "q: the search text is too long"),
    ({"q": "x", "colour": "red"}, "colour: no such search parameter"),
])
def test_api_bad_input_is_a_clear_400(search_client, params, message):
    answer = search_client.get("/api/search", params=params)
    assert answer.status_code == 400 and message in answer.text


def test_api_parameter_twice(search_client):
    answer = search_client.get("/api/search?q=a&q=b")
    assert answer.status_code == 400 and "parameter q is given twice" in answer.text


@pytest.mark.parametrize("q", ['"', "*", "NEAR(", "AND OR", "NOT x", "(", "x:y", "{title}:x", "-", "%00", "a\x00b",
                               "\x00", "'", "🙂", "é\u0301", "x*y", '"a" NEAR "b"', "title : séjour", "^séjour",
                               "OR", " ".join(["mot"] * 32)])
def test_api_hostile_queries_never_500(search_client, q):
    answer = search_client.get("/api/search", params={"q": q})
    assert answer.status_code in (200, 400), answer.text
    page = search_client.get("/search", params={"q": q})
    assert page.status_code in (200, 400), page.text


def test_api_not_utf8(search_client):
    answer = search_client.get("/api/search?q=%ff")
    assert answer.status_code == 400 and "UTF-8" in answer.text


def test_the_page_lists_results_with_links(search_client):
    page = search_client.get("/search", params={"q": "titres de séjour"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert 'href="/id/question/QANR5L17QE15973"' in html
    assert "<mark>titres</mark> de <mark>séjour</mark>" in html
    assert "1 result" in html and 'value="titres de séjour"' in html


def test_the_page_keeps_the_filters_in_its_page_links(search_client):
    page = search_client.get("/search", params={"q": "Guillaume", "per_page": 2, "type": "question",
                                                "group": "EPR"})
    html = page.text
    assert page.status_code == 200 and 'rel="next"' in html
    assert "/search?q=Guillaume&amp;group=EPR&amp;type=question&amp;per_page=2&amp;page=2" in html
    assert '<option value="question" selected>' in html and 'name="group" value="EPR"' in html


def test_the_page_without_a_search_is_the_form(search_client):
    page = search_client.get("/search")
    assert page.status_code == 200 and '<form class="search-form"' in page.text and "result" not in page.text


def test_the_page_says_what_is_wrong(search_client):
    page = search_client.get("/search", params={"q": "x", "status": "lost"})
    assert page.status_code == 400 and "status: &#39;lost&#39; is not one of" in page.text


def test_the_page_in_french(search_client):
    page = search_client.get("/search", params={"q": "agriculteurs", "lang": "fr"})
    assert page.status_code == 200 and "2 résultats" in page.text and "Filtres" in page.text
    assert "Question" in page.text


def test_no_index_is_a_503_that_says_what_to_run(search_store_path, tmp_path):
    from hemicycle.queries.web.app import create_app

    copy = tmp_path / "store"
    shutil.copytree(search_store_path, copy)
    (copy / "search.sqlite").unlink()
    app = create_app(copy, workers=1)
    try:
        client = TestClient(app)
        answer = client.get("/api/search", params={"q": "séjour"})
        assert answer.status_code == 503
        assert "no search index: run 'hemicycle search --rebuild' or 'hemicycle ingest'" in answer.text
        page = client.get("/search", params={"q": "séjour"})
        assert page.status_code == 503 and "hemicycle search --rebuild" in page.text
    finally:
        app.state.runner.close()
