"""Searching the index: the query language, the ranking, every filter, the pages, the snippets, and hostile
queries that must give results or a clear ParameterError, never an SQLite error."""
from __future__ import annotations

import pytest

from hemicycle.ingest.search.index import connect_reader, index_path
from hemicycle.ontology.errors import ParameterError
from hemicycle.queries.search import request_from, search, search_store
from hemicycle.queries.search.expression import parse

Q = "https://w3id.org/hemicycle/id/question/"
SEED = Q + "QANR5L17QE15973"


def found(store, q, **filters) -> list[str]:
    """The IRIs found, in their order (all of them: one page of 100)."""
    return [hit.iri for hit in search_store(store, request_from({"q": q, "per_page": "100", **filters})).hits]


def questions(store, q, **filters) -> list[str]:
    return [iri.rsplit("/", 1)[1] for iri in found(store, q, type="question", **filters)]


def test_words_in_any_form_accents_and_elisions(search_store_path):
    assert questions(search_store_path, "agricoles") == ["QANR5L17QE90001"]
    assert questions(search_store_path, "l'écologie") == ["QANR5L17QE90002"]   # finds "écologiques", "l'écologie"
    assert questions(search_store_path, "ECOLOGIQUE") == ["QANR5L17QE90002"]
    assert questions(search_store_path, "securite hopital") == ["QANR5L17QG90006"]
    assert set(questions(search_store_path, "agriculteurs")) == {"QANR5L17QE90001", "QANR5L17QE90005"}


def test_phrases_prefixes_exclusions_and_or(search_store_path):
    assert questions(search_store_path, '"titres de séjour"') == ["QANR5L17QE15973"]
    assert questions(search_store_path, '"séjour titres"') == []
    assert set(questions(search_store_path, "agricult*")) == {"QANR5L17QE90001", "QANR5L17QE90005"}
    assert "QANR5L17QE90005" not in questions(search_store_path, "agriculteurs -jeunes")
    assert set(questions(search_store_path, "carburants OR hôpitaux")) == {
        "QANR5L17QE90003", "QANR5L17QE90004", "QANR5L17QG90006"}


def test_a_title_match_ranks_above_a_body_match(search_store_path):
    """90003 says "carburants" in its analysis (its title), 90004 once in its text."""
    assert questions(search_store_path, "carburants") == ["QANR5L17QE90003", "QANR5L17QE90004"]
    hits = search_store(search_store_path, request_from({"q": "carburants"})).hits
    assert hits[0].score > hits[1].score > 0


def test_names_find_deputies_groups_ministries(search_store_path):
    assert found(search_store_path, "Gouffier Valente", type="deputy") == [
        "https://w3id.org/hemicycle/id/acteur/PA721296"]
    assert found(search_store_path, "Gouffier Valente")[0] == "https://w3id.org/hemicycle/id/acteur/PA721296"
    assert found(search_store_path, "EPR", type="group") == ["https://w3id.org/hemicycle/id/organe/PO845407"]
    assert found(search_store_path, "agriculture", type="ministry") == [
        "https://w3id.org/hemicycle/id/organe/PO999101"]
    assert found(search_store_path, "Conseil d'État 502860") == [
        "https://w3id.org/hemicycle/id/decision/fr/CE/2026-05-05/502860", SEED]
    assert questions(search_store_path, "QANR5L17QE15973") == ["QANR5L17QE15973"]


@pytest.mark.parametrize("filters, expected", [
    ({"legislature": "17"}, {"QANR5L17QE15973", "QANR5L17QE90001", "QANR5L17QE90002", "QANR5L17QE90003",
                             "QANR5L17QE90004", "QANR5L17QE90005", "QANR5L17QG90006"}),
    ({"legislature": "16"}, set()),
    ({"kind": "QG"}, {"QANR5L17QG90006"}),
    ({"kind": "qe", "status": "answered"}, {"QANR5L17QE90002"}),
    ({"status": "pending"}, {"QANR5L17QE15973", "QANR5L17QE90001", "QANR5L17QE90003"}),
    ({"status": "withdrawn"}, {"QANR5L17QE90004"}),
    ({"status": "lapsed"}, {"QANR5L17QE90005"}),
    ({"group": "RN"}, {"QANR5L17QE90002", "QANR5L17QE90005"}),
    ({"group": "po999001"}, {"QANR5L17QE90002", "QANR5L17QE90005"}),
    ({"group": "Rassemblement national"}, {"QANR5L17QE90002", "QANR5L17QE90005"}),
    ({"group": "https://w3id.org/hemicycle/id/organe/PO999001"}, {"QANR5L17QE90002", "QANR5L17QE90005"}),
    ({"ministry": "Agriculture"}, {"QANR5L17QE90001", "QANR5L17QE90005"}),
    ({"ministry": "ministère de l'intérieur", "group": "RN"}, {"QANR5L17QE90002"}),
    ({"rubrique": "agriculture"}, {"QANR5L17QE90001", "QANR5L17QE90005"}),
    ({"rubrique": "Etrangers"}, {"QANR5L17QE15973"}),
    ({"since": "2026"}, {"QANR5L17QE15973", "QANR5L17QE90001", "QANR5L17QG90006"}),
    ({"until": "2024-12"}, {"QANR5L17QE90004", "QANR5L17QE90005"}),
    ({"since": "2025-03-10", "until": "2025-11-05"}, {"QANR5L17QE90002", "QANR5L17QE90003"}),
])
def test_each_filter(search_store_path, filters, expected):
    assert set(questions(search_store_path, "Guillaume", **filters)) == expected


def test_type_filter_and_deputy_filters(search_store_path):
    assert found(search_store_path, "Guillaume", type="deputy", legislature="17", group="EPR") == [
        "https://w3id.org/hemicycle/id/acteur/PA721296"]
    assert found(search_store_path, "Guillaume", type="deputy", group="RN") == []
    assert found(search_store_path, "étrangers", type="rubrique") == ["https://w3id.org/hemicycle/id/rubrique/etrangers"]


def test_orders_by_date(search_store_path):
    newest = questions(search_store_path, "Guillaume", sort="newest")
    assert set(newest[:2]) == {"QANR5L17QE15973", "QANR5L17QE90001"} and newest[2] == "QANR5L17QG90006"
    assert newest[-1] == "QANR5L17QE90004"
    assert questions(search_store_path, "Guillaume", sort="oldest")[0] == "QANR5L17QE90004"


def test_pages(search_store_path):
    everything = found(search_store_path, "Guillaume")
    pages = [search_store(search_store_path, request_from({"q": "Guillaume", "per_page": "3", "page": str(n)}))
             for n in (1, 2, 3, 4)]
    assert [r.total for r in pages] == [len(everything)] * 4 and pages[0].pages == -(-len(everything) // 3)
    assert [hit.iri for r in pages for hit in r.hits] == everything
    assert pages[3].hits == [] if len(everything) <= 9 else True
    with pytest.raises(ParameterError, match="per_page"):
        request_from({"q": "x", "per_page": "101"})
    with pytest.raises(ParameterError, match="past the 10,000th"):
        search_store(search_store_path, request_from({"q": "x", "per_page": "100", "page": "101"}))


def test_snippets_mark_the_words_found(search_store_path):
    hit = search_store(search_store_path, request_from({"q": "écologie", "type": "question"})).hits[0]
    marked = [hit.snippet.text[a:b] for a, b in hit.snippet.highlights]
    assert marked == ["écologiques", "écologie"]
    hit = search_store(search_store_path, request_from({"q": "agricol*", "kind": "QE", "status": "pending"})).hits[0]
    assert [hit.snippet.text[a:b] for a, b in hit.snippet.highlights] == ["agricole", "agricoles"]
    hit = search_store(search_store_path, request_from({"q": "agricult*", "kind": "QE", "status": "pending"})).hits[0]
    assert [hit.snippet.text[a:b] for a, b in hit.snippet.highlights] == ["agriculture", "Agriculture"]  # names
    deputy = search_store(search_store_path, request_from({"q": "Gouffier", "type": "deputy"})).hits[0]
    assert [deputy.snippet.text[a:b] for a, b in deputy.snippet.highlights] == ["Gouffier"]


def test_results_as_json(search_store_path):
    answer = search_store(search_store_path, request_from({"q": "titres de séjour", "per_page": "1"})).as_json()
    assert answer["total"] >= 1 and answer["page"] == 1 and answer["per_page"] == 1
    first = answer["results"][0]
    assert first["iri"] == SEED and first["type"] == "question" and first["date"] == "2026-06-16"
    assert first["label"] == "Intelligence artificielle dans le traitement des titres de séjour"
    assert first["legislatures"] == [17] and first["kind"] == "QE" and first["number"] == 15973
    assert "titres de séjour" in first["snippet"] and first["score"] > 0


@pytest.mark.parametrize("q", ['"', "*", "NEAR(", "AND OR", "NOT", "(", ")", "title:", "{title}", "^", "a:b",
                               '"unclosed phrase', "-", "--x", "x*y", "\\", "'", "’", "%", "_", "🙂", "NEAR(a b, 2)",
                               "é\u0301", "\u200b", "x" * 200, "Ω" * 50, "a\x00b", "\x00", "l'", "OR OR OR"])
def test_hostile_queries_give_results_or_a_clear_error(search_store_path, q):
    try:
        search_store(search_store_path, request_from({"q": q}))
    except ParameterError as error:
        assert str(error).startswith("q:")


def test_huge_and_many_word_queries_are_refused_clearly(search_store_path):
    with pytest.raises(ParameterError, match="too long"):
        search_store(search_store_path, request_from({"q": "mot " * 2560}))
    with pytest.raises(ParameterError, match="too many words"):
        search_store(search_store_path, request_from({"q": " ".join(f"mot{i}" for i in range(40))}))
    with pytest.raises(ParameterError, match="nothing to search for"):
        search_store(search_store_path, request_from({"q": "le la les de"}))
    with pytest.raises(ParameterError, match="not excluded"):
        search_store(search_store_path, request_from({"q": "-agriculture"}))


@pytest.mark.parametrize("params, message", [
    ({"q": ""}, "q: give the words"), ({"q": "x", "status": "lost"}, "status: 'lost' is not one of"),
    ({"q": "x", "kind": "QX"}, "kind"), ({"q": "x", "legislature": "dix-sept"}, "legislature"),
    ({"q": "x", "since": "2024-02-30"}, "since: '2024-02-30' is not a date"),
    ({"q": "x", "since": "2025", "until": "2024"}, "until: '2024' is before since"),
    ({"q": "x", "type": "person"}, "type"), ({"q": "x", "page": "0"}, "page"), ({"q": "x", "sort": "best"}, "sort"),
    ({"q": "x", "colour": "red"}, "colour: no such search parameter"),
])
def test_bad_parameters_are_named(params, message):
    with pytest.raises(ParameterError, match=message):
        request_from(params)


def test_a_filter_naming_nothing_says_so(search_store_path):
    with pytest.raises(ParameterError, match="group: no political group in the search index is called 'XYZ'"):
        search_store(search_store_path, request_from({"q": "Guillaume", "group": "XYZ"}))
    assert questions(search_store_path, "Guillaume", group="PO123456") == []  # a uid is taken as it is


def test_an_expression_is_always_quoted_fts5():
    assert parse('"titre de séjour" -préfecture agri*').match == '"titr sejour" AND "agri"* NOT ("prefectur")'
    assert parse("ecologi*").match == '("ecologi"* OR "ecolog")'
    assert parse("dépis*").match == '("depis"* OR "dep")'  # not "dep"*, which would find most documents


def test_the_index_is_opened_read_only(search_store_path):
    connection = connect_reader(index_path(search_store_path))
    try:
        with pytest.raises(Exception, match="readonly"):
            connection.execute("DELETE FROM docs")
        assert search(connection, request_from({"q": "séjour"})).total >= 1
    finally:
        connection.close()
