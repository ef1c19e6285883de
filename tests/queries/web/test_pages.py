"""The HTML pages over the sample graph: what each shows, where its links go, and the JSON-LD it embeds."""
from __future__ import annotations

import html
import re

import pytest
from pyoxigraph import RdfFormat, parse

SEED_PATH = "/id/question/QANR5L17QE15973"
DECISION_PATH = "/id/decision/fr/CE/2026-05-05/502860"


def text(page: str) -> str:
    """The page's visible text, tags dropped and spaces folded."""
    body = re.sub(r"(?s)<head>.*?</head>|<script.*?</script>", " ", page)
    body = re.sub(r"</?(a|small|mark)\b[^>]*>", "", body)  # inline elements: no space
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def links(page: str) -> dict[str, str]:
    """Each link's target, by its visible text."""
    return {re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", label))).strip(): html.unescape(target)
            for target, label in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', page, flags=re.S)}


def embedded_jsonld(page: str) -> bytes:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, flags=re.S)
    assert len(scripts) == 1
    return scripts[0].encode("utf-8")


@pytest.fixture(scope="module")
def seed_page(sample_app):
    from starlette.testclient import TestClient

    r = TestClient(sample_app).get(SEED_PATH)
    assert r.status_code == 200
    return r.text


def test_question_page_shows_what_the_assemblee_shows(seed_page):
    shown = text(seed_page)
    assert "Written question n° 15973, 17th legislature" in shown
    for fact in ["Author Guillaume Gouffier Valente (EPR)", "Constituency Val-de-Marne (6e circonscription)",
                 "Group Ensemble pour la République", "Rubrique étrangers",
                 "Ministry questioned Ministère de l'intérieur", "Ministry attributed Ministère de l'intérieur",
                 "Published (question) JO of 16 June 2026, page 5382", "Status pending",
                 "Analysis Intelligence artificielle dans le traitement des titres de séjour"]:
        assert fact in shown, fact
    assert re.search(r"Delay pending for \d+ days", shown)
    assert "M. Guillaume Gouffier Valente interroge M. le ministre de l'intérieur" in shown


def test_question_page_in_french(client):
    """Asked in French (Accept-Language), the page speaks French: labels, dates, ordinals, the status."""
    r = client.get(SEED_PATH, headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
    assert r.headers["content-language"] == "fr" and 'html lang="fr"' in r.text
    shown = text(r.text)
    assert "Question écrite n° 15973, 17e législature" in shown
    for fact in ["Auteur Guillaume Gouffier Valente (EPR)", "Ministère interrogé Ministère de l'intérieur",
                 "Publication (question) JO du 16 juin 2026, page 5382", "État en attente de réponse",
                 "Décisions et textes cités"]:
        assert fact in shown, fact
    assert re.search(r"Délai en attente depuis \d+ jours \(au \d+ \w+ \d{4}\)", shown)
    assert "Published" not in shown and "Author" not in shown


def test_language_switch_is_remembered(client):
    """?lang= wins over Accept-Language and is kept in a cookie for the next pages."""
    r = client.get(SEED_PATH + "?lang=fr", headers={"Accept-Language": "en"})
    assert r.headers["content-language"] == "fr" and r.cookies.get("lang") == "fr"
    client.cookies.set("lang", "fr")
    again = client.get(DECISION_PATH, headers={"Accept-Language": "en"})
    assert again.headers["content-language"] == "fr" and "Questions et réponses qui la citent" in again.text
    english = client.get(SEED_PATH + "?lang=en")
    client.cookies.clear()
    assert english.headers["content-language"] == "en" and "Written question" in english.text
    assert 'hreflang="fr"' in english.text and "lang=fr" in english.text  # the switch


def test_question_page_links(seed_page):
    found = links(seed_page)
    assert found["Guillaume Gouffier Valente"] == "/id/acteur/PA721296"
    assert found["Ministère de l'intérieur"] == "/id/organe/PO873643"
    assert found["Ensemble pour la République"] == "/id/organe/PO845407"
    assert found["étrangers"] == "/id/rubrique/etrangers"
    assert found["Val-de-Marne (6e circonscription)"] == "/id/circonscription/94-6"
    citation = "CE, 5 mai 2026, Fédération des Acteurs de la solidarité et autres, n° 502860"
    assert found[citation] == DECISION_PATH
    # the citation is also marked where it stands in the text, at its offsets
    assert re.search(r'\(<a class="citation" href="/id/decision/fr/CE/2026-05-05/502860">CE, 5 mai 2026',
                     seed_page)
    assert found["Turtle"] == SEED_PATH + ".ttl" and found["JSON-LD"] == SEED_PATH + ".jsonld"


def test_question_page_embeds_its_description(client, seed_page):
    embedded = {q.triple for q in parse(embedded_jsonld(seed_page), format=RdfFormat.JSON_LD)}
    served = {q.triple for q in parse(client.get(SEED_PATH + ".nt").content, format=RdfFormat.N_TRIPLES)}
    assert embedded == served and len(served) > 30


def test_decision_page_lists_the_citing_question(client):
    r = client.get(DECISION_PATH)
    assert r.status_code == 200
    shown = text(r.text)
    assert "Conseil d'État, 5 May 2026, n° 502860" in shown
    assert "Court Conseil d'État" in shown
    found = links(r.text)
    assert found["QANR5L17QE15973"] == SEED_PATH
    assert found["Guillaume Gouffier Valente"] == "/id/acteur/PA721296"
    assert "https://www.conseil-etat.fr/fr/arianeweb/CE/decision/2026-05-05/502860" in found


def test_deputy_page(client):
    r = client.get("/id/acteur/PA721296")
    assert r.status_code == 200
    shown = text(r.text)
    assert "Guillaume Gouffier Valente" in shown and "Born 1 February 1986, Beauvais (Oise)" in shown
    assert "Assemblée nationale de la 17ème législature, Val-de-Marne (6e circonscription): 7 July 2024" in shown
    assert "Ensemble pour la République (EPR) 19 July 2024" in shown  # groups over time
    assert "Ministère de l'intérieur 1" in shown  # ministries questioned, with the count
    assert "Questions asked: 1" in shown
    found = links(r.text)
    assert found["QE 15973 (17th)"] == SEED_PATH
    assert found["PM843698"] == "/id/mandat/PM843698"


def test_ministry_page(client):
    r = client.get("/id/organe/PO873643")
    shown = text(r.text)
    assert "Ministère de l'intérieur" in shown and "Part of Gouvernement" in shown
    assert "questioned pending 1" in shown and "attributed pending 1" in shown
    assert "Questions attributed to this ministry: 1" in shown
    assert links(r.text)["QE 15973 (17th)"] == SEED_PATH


def test_group_page(client):
    r = client.get("/id/organe/PO845407")
    shown = text(r.text)
    assert "Ensemble pour la République" in shown and "Abbreviation EPR" in shown
    assert "Questions asked by its members as members of this group: 1" in shown
    assert "1 mandate" in shown
    assert links(r.text)["Guillaume Gouffier Valente"] == "/id/acteur/PA721296"


def test_any_other_resource_has_a_page(client):
    r = client.get("/id/rubrique/etrangers")
    assert r.status_code == 200
    shown = text(r.text)
    assert "skos:prefLabel étrangers @fr" in shown
    assert "Pointed to by 1 statement" in shown
    assert "Questions under this rubrique: 1" in shown  # a concept questions are filed under lists them
    assert links(r.text)["QE 15973 (17th)"] == SEED_PATH
    assert links(r.text)["QANR5L17QE15973"] == SEED_PATH
    assert embedded_jsonld(r.text)


def test_fragment_iris_land_on_their_anchor(seed_page):
    """A part's IRI (…#question-1-citation-1) is the page's path with an anchor the page defines."""
    assert 'id="question-1"' in seed_page and 'id="question-1-citation-1"' in seed_page
    assert 'id="attribution-1"' in seed_page


def test_not_found_page(client):
    r = client.get("/id/acteur/PA0")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "This store knows nothing about" in text(r.text)


def test_static_files(client):
    assert client.get("/static/hemicycle.css").status_code == 200
    assert "function" in client.get("/static/query.js").text


def test_page_values_are_escaped():
    from hemicycle.queries.web.templating import templates

    page = templates().get_template("resource.html").render(
        base="https://w3id.org/hemicycle/id/", title="<b>title</b>", iri="https://w3id.org/hemicycle/id/x",
        properties=[{"property": "http://purl.org/dc/terms/title", "value": "<script>alert(1)</script>",
                     "isIri": False, "label": None, "language": "fr"}],
        inbound=[], inboundTotal=0, switch={"en": "?lang=en", "fr": "?lang=fr"})
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>title</b>" not in page


def test_a_page_past_the_timeout_says_so(sample_store_path):
    """Queries that outlive the server's timeout give a 503 page naming the timeout, not a partial page."""
    from starlette.testclient import TestClient

    from hemicycle.queries.web.app import create_app

    app = create_app(sample_store_path, query_timeout=1e-6, workers=1)
    with TestClient(app) as slow:
        r = slow.get(SEED_PATH)
    assert r.status_code == 503
    assert "timeout" in text(r.text)
