"""The browsing lists over the sample graph (/deputies, /groups, /ministries, /rubriques, /decisions, /laws,
/questions): what each shows and links to, its filters, orders and pages, the 400 a bad parameter gets, the links
the resource pages give to the lists and to the Assemblée's site, and that a request's text never reaches a query's
text."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from hemicycle.queries.web import browse, browse_query
from hemicycle.queries.web.browse_lists import LISTS

SEED_PATH = "/id/question/QANR5L17QE15973"
DECISION_PATH = "/id/decision/fr/CE/2026-05-05/502860"
B = "https://w3id.org/hemicycle/id/"


def text(page: str) -> str:
    body = re.sub(r"(?s)<head>.*?</head>|<script.*?</script>|<header class=\"site\">.*?</header>", " ", page)
    body = re.sub(r"(?s)<form class=\"filters\".*?</form>", " ", body)
    body = re.sub(r"</?(a|small|mark|strong)\b[^>]*>", "", body)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def links(page: str) -> dict[str, str]:
    return {re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", label))).strip(): html.unescape(target)
            for target, label in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', page, flags=re.S)}


def caption(page: str) -> str | None:
    found = re.search(r"<caption>(.*?)</caption>", page, re.S)
    return html.unescape(found.group(1)).strip() if found else None


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.mark.parametrize("path", [spec.path for spec in LISTS])
def test_every_list_answers(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<h1>" in r.text and 'class="filters"' in r.text


def test_deputies(client):
    r = client.get("/deputies")
    shown, found = text(r.text), links(r.text)
    assert "Deputies of the 17th legislature" in shown  # the latest legislature, by default
    assert caption(r.text) == "1–1 of 1"
    assert "Guillaume Gouffier Valente EPR Val-de-Marne (6e circonscription) 1" in shown
    assert found["Guillaume Gouffier Valente"] == "/id/acteur/PA721296"
    assert found["EPR"] == "/id/organe/PO845407"
    assert query_of(found["1"]) == {"author": ["PA721296"], "legislature": ["17"]}


@pytest.mark.parametrize("params, expected", [
    ("group=PO845407", 1), ("group=EPR", 1), ("group=Ensemble pour la République", 1), ("group=PO000000", 0),
    ("department=94", 1), ("department=Val-de-Marne", 1), ("department=75", 0), ("name=gouffier", 1),
    ("name=GOUFFIER valente", 1), ("name=zzz", 0), ("legislature=16", 0), ("legislature=17&page=1", 1),
])
def test_deputies_filters(client, params, expected):
    r = client.get("/deputies?" + params)
    assert r.status_code == 200
    if expected:
        assert caption(r.text) == f"1–{expected} of {expected}"
    else:
        assert caption(r.text) is None and "No deputy of this legislature matches." in text(r.text)


def test_sortable_headers_link_to_the_other_order(client):
    r = client.get("/deputies")
    found = links(r.text)
    assert found["Deputy"] == "/deputies?sort=-name"  # sorted by name already: the header reverses it
    assert found["Questions"] == "/deputies?sort=questions"
    assert re.search(r'<th aria-sort="ascending"><a class="sort" href="/deputies\?sort=-name">', r.text)
    r = client.get("/deputies?sort=questions")
    assert r.status_code == 200 and 'aria-sort="descending"' in r.text
    assert links(r.text)["Questions"] == "/deputies?sort=-questions"
    assert '<input type="hidden" name="sort" value="questions">' in r.text  # the filters keep the order


def test_groups_ministries_rubriques(client):
    groups = client.get("/groups")
    assert "Political groups of the 17th legislature" in text(groups.text)
    assert "EPR Ensemble pour la République 18 July 2024 – 1 1" in text(groups.text)
    assert query_of(links(groups.text)["Ensemble pour la République"] and
                    re.search(r'href="(/deputies\?[^"]*)"', groups.text).group(1).replace("&amp;", "&")) == {
        "legislature": ["17"], "group": ["PO845407"]}
    ministries = client.get("/ministries")
    shown = text(ministries.text)
    assert "Ministries questioned in the 17th legislature" in shown
    assert "Ministère de l'intérieur LECORNU II 11 October 2025 1 1 0 0%" in shown
    assert query_of(links(ministries.text)["1"]) == {"ministry": ["PO873643"], "legislature": ["17"]}
    by_government = client.get("/ministries?government=PO873634")
    assert "Ministries of the government LECORNU II (11 October 2025)" in text(by_government.text)
    assert caption(by_government.text) == "1–1 of 1"
    assert caption(client.get("/ministries?government=LECORNU II").text) == "1–1 of 1"
    rubriques = client.get("/rubriques")
    assert "étrangers 1" in text(rubriques.text)
    assert links(rubriques.text)["étrangers"] == "/id/rubrique/etrangers"
    assert caption(client.get("/rubriques?name=ETRANG").text) == "1–1 of 1"
    assert caption(client.get("/rubriques?name=agriculture").text) is None


def test_decisions_and_laws(client):
    r = client.get("/decisions")
    shown = text(r.text)
    assert "Court decisions cited" in shown
    assert "Conseil d'État, 5 May 2026, n° 502860 Conseil d'État 5 May 2026 502860 1" in shown
    assert links(r.text)["Conseil d'État, 5 May 2026, n° 502860"] == DECISION_PATH
    assert caption(client.get("/decisions?court=CE").text) == "1–1 of 1"
    assert caption(client.get("/decisions?court=" + B + "juridiction/ce").text) == "1–1 of 1"
    assert caption(client.get("/decisions?court=CC").text) is None
    laws = client.get("/laws")  # the sample cites no text of law
    assert laws.status_code == 200 and "cites a text of law" in text(laws.text)


@pytest.mark.parametrize("params, expected", [
    ("", 1), ("author=PA721296", 1), ("author=Guillaume Gouffier Valente", 1), ("author=guillaume gouffier valente", 1),
    ("author=PA721296&ministry=PO873643", 1), ("ministry=" + B + "organe/PO873643", 1), ("ministry=PO000001", 0),
    ("group=PO845407", 1), ("group=EPR", 1), ("rubrique=étrangers", 1), ("rubrique=etrangers", 1),
    ("rubrique=" + B + "rubrique/etrangers", 1), ("rubrique=agriculture", 0), ("legislature=17", 1),
    ("legislature=16", 0), ("kind=QE", 1), ("kind=qe", 1), ("kind=QG", 0), ("status=pending", 1),
    ("status=Answered", 0), ("author=PA721296&ministry=PO873643&group=PO845407&rubrique=etrangers&legislature=17"
                             "&kind=QE&status=pending", 1),
])
def test_questions_filters(client, params, expected):
    r = client.get("/questions?" + params)
    assert r.status_code == 200, text(r.text)
    if expected:
        assert caption(r.text) == "1–1 of 1"
        assert links(r.text)["QE 15973"] == SEED_PATH
    else:
        assert caption(r.text) is None and "No question in this store matches these filters." in text(r.text)


def test_questions_show_what_they_are_filtered_on(client):
    r = client.get("/questions?author=PA721296&ministry=PO873643&status=pending")
    shown = text(r.text)
    assert "Author: Guillaume Gouffier Valente ✕" in shown
    assert "Ministry (questioned or attributed): Ministère de l'intérieur ✕" in shown
    assert ("QE 15973 (17th) 16 June 2026 Guillaume Gouffier Valente Ministère de l'intérieur étrangers pending"
            in shown)
    removal = re.findall(r'<a class="remove" href="([^"]*)"', r.text)
    assert [query_of(html.unescape(url)) for url in removal] == [
        {"ministry": ["PO873643"], "status": ["pending"]}, {"author": ["PA721296"], "status": ["pending"]},
        {"author": ["PA721296"], "ministry": ["PO873643"]}]


@pytest.mark.parametrize("url, says", [
    ("/deputies?sort=bad", "sort: 'bad' is not an order this list offers (name, -name, questions, -questions)"),
    ("/deputies?page=0", "page: '0' is not a page number"),
    ("/deputies?page=x", "page: 'x' is not a page number"),
    ("/deputies?colour=red", "/deputies takes no parameter 'colour'"),
    ("/deputies?legislature=abc", "parameter legislature: 'abc' is not a valid xsd:integer"),
    ("/deputies?name=a&name=b", "parameter name is given twice"),
    ("/questions?status=lost", "status: 'lost' is not a status"),
    ("/questions?kind=QX", "kind: 'QX' is not a kind of question"),
    ("/questions?author=Nobody Known", "nothing in the store is called 'Nobody Known'"),
    ("/laws?type=poem", "type: 'poem' is not a type of text"),
    ("/decisions?court=C%C3%89!", "court: 'CÉ!' is not a court's code"),
])
def test_bad_parameters_get_400_with_a_sentence(client, url, says):
    r = client.get(url)
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert "This list cannot be shown" in text(r.text) and says in html.unescape(r.text)


def test_empty_filters_and_the_language_switch_are_ignored(client):
    r = client.get("/deputies?group=&department=&name=&legislature=&lang=fr")
    assert r.status_code == 200 and caption(r.text) == "1–1 sur 1"
    assert "Députés de la 17e législature" in text(r.text)


def test_a_page_past_the_end(client):
    r = client.get("/questions?page=3")
    assert r.status_code == 200 and "This page is past the end of the list." in text(r.text)
    assert links(r.text)["First page"] == "/questions"


def test_paging_links():
    spec = next(s for s in LISTS if s.path == "/deputies")
    rows = [{}] * 50
    listing = browse.Listing(spec, {"legislature": "16", "group": "RN"}, "questions", 2, rows, 577)
    assert (listing.first, listing.last, listing.pages) == (51, 100, 12)
    assert query_of(listing.previous) == {"legislature": ["16"], "group": ["RN"], "sort": ["questions"]}
    assert query_of(listing.next) == {"legislature": ["16"], "group": ["RN"], "sort": ["questions"], "page": ["3"]}
    assert query_of(listing.sort_url("questions")) == {"legislature": ["16"], "group": ["RN"], "sort": ["-questions"]}
    assert listing.url(group=None) == "/deputies?legislature=16&sort=questions"
    last = browse.Listing(spec, {}, "name", 12, [{}] * 27, 577)
    assert (last.first, last.last, last.next, last.sorted_as("name"), last.sorted_as("questions")) == (
        551, 577, None, "ascending", None)


class Recorder:
    """A query runner that keeps what it is asked and answers nothing."""

    def __init__(self):
        self.asked = []

    def select(self, text, substitutions=None, **options):
        self.asked.append((text, substitutions))
        return []


def test_a_request_s_text_reaches_the_query_as_terms_only():
    from hemicycle.ontology.iris import Minter

    spec = next(s for s in LISTS if s.path == "/deputies")
    runner = Recorder()
    hostile = '"} } DELETE WHERE { ?s ?p ?o } #'
    browse.gather(runner, Minter(), spec, {"name": hostile, "legislature": "16"}, "-questions", 3, "en", latest="17")
    [(text, substitutions)] = runner.asked
    assert hostile not in text and "DELETE" not in text
    assert {v.value: t.value for v, t in substitutions.items()} == {"name": hostile, "legislature": "16"}
    assert "ORDER BY ?questions ?sortName ?person" in text and "LIMIT 50 OFFSET 100" in text
    assert "#if" not in text.split("WHERE", 1)[1].replace("#if name", "")  # the name filter is on, the others off


def test_every_browse_query_offers_its_orders_and_switches(sample_store_path):
    from hemicycle.ingest.store import GraphStore
    from hemicycle.queries.web.page_data import page_query_names

    store = GraphStore(sample_store_path, read_only=True)
    names = [name for name in page_query_names() if name.startswith("browse-")]
    assert {spec.query for spec in LISTS} < set(names)
    for name in names:
        query = browse_query.read(name)
        assert query.sorts and all(s.order and "?" in s.order for s in query.sorts), name
        assert {p.name for p in query.filters} <= query.switches | {"text", "legislature"}, name
        for on in (set(), query.switches):  # every filter off, every filter on: the text is a query
            text = query.text_for(on, query.sorts[-1].key, 10, 20)
            assert "#if" not in text, name
            given = {"text": "x"} if name == "browse-called" else {}
            store.query(text, substitutions=query.bind(given, latest=lambda: 17))


def test_resource_pages_link_to_the_lists_and_elsewhere(client):
    person = client.get("/id/acteur/PA721296").text
    found = links(person)
    assert found["Assemblée nationale"] == "https://www.assemblee-nationale.fr/dyn/deputes/PA721296"
    questions_to = re.search(r'<a class="questions-to" href="([^"]*)"', person).group(1)
    assert query_of(html.unescape(questions_to)) == {"author": ["PA721296"], "ministry": ["PO873643"]}
    assert query_of(found["All these questions, to filter and sort"]) == {"author": ["PA721296"]}
    question = links(client.get(SEED_PATH).text)
    assert question["The question on the Assemblée nationale's site"] == (
        "https://www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QE15973")
    group = links(client.get("/id/organe/PO845407").text)
    assert query_of(group["All the questions of its members, to filter and sort"]) == {"group": ["PO845407"]}
    assert query_of(group["Its deputies"]) == {"group": ["PO845407"], "legislature": ["17"]}
    ministry = links(client.get("/id/organe/PO873643").text)
    assert query_of(ministry["All the questions put to or attributed to this ministry, to filter and sort"]) == {
        "ministry": ["PO873643"]}
    government = links(client.get("/id/organe/PO873634").text)
    assert query_of(government["Its ministries and the questions put to them"]) == {"government": ["PO873634"]}
    rubrique = links(client.get("/id/rubrique/etrangers").text)
    assert query_of(rubrique["All the questions under this rubrique, to filter and sort"]) == {
        "rubrique": ["etrangers"]}
    decision = client.get(DECISION_PATH).text
    assert query_of(links(decision)["Other decisions of this court the questions cite"]) == {"court": ["CE"]}
    assert '<a href="/id/organe/PO845407" title="Ensemble pour la République">EPR</a>' in decision


def test_every_link_a_list_gives_answers(client):
    """Each list's links to other lists (counts, filters, headers, pages) answer 200."""
    seen = set()
    for spec in LISTS:
        page = client.get(spec.path).text
        for target in links(page).values():
            if target.split("?")[0] in {s.path for s in LISTS} and target not in seen:
                seen.add(target)
                assert client.get(target).status_code == 200, target
    assert len(seen) > 15
