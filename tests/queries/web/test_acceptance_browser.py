"""The issue's acceptance walk, in French, in a real browser: someone who knows no SPARQL starts at /, finds a
deputy by name with the search box, sees their questions to a given ministry, opens a cited decision and sees
who else cites it; a SPARQL user then gets YASGUI with the prefixes."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

DECISION_PATH = "/id/decision/fr/CE/2026-05-05/502860"


def test_from_the_front_page_in_french(page, live_server):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server + "/?lang=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.fill("section.front input[name=q]", "Gouffier Valente")
    page.locator("section.front button[type=submit]").click()
    page.wait_for_url("**/search?q=*")
    deputy = page.locator("ol.search-results li.hit-deputy a").first
    assert deputy.inner_text() == "Guillaume Gouffier Valente"
    deputy.click()
    page.wait_for_url(live_server + "/id/acteur/PA721296")
    assert page.locator("h2", has_text="Ministères interrogés").count() == 1

    page.locator("section.ministries tr", has_text="Ministère de l'intérieur").locator("a.questions-to").click()
    page.wait_for_url("**/questions?*")
    assert parse_qs(urlsplit(page.url).query) == {"author": ["PA721296"], "ministry": ["PO873643"]}
    page.locator("table.browse a.question").click()
    page.wait_for_url("**/id/question/QANR5L17QE15973")
    assert page.locator("h1").inner_text() == "Question écrite n° 15973, 17e législature"
    assert "JO du 16 juin 2026" in page.locator("dl.facts").inner_text()

    page.locator("section.citations a.cited-decision").click()
    page.wait_for_url(live_server + DECISION_PATH)
    assert page.locator("h1").inner_text() == "Conseil d'État, 5 mai 2026, n° 502860"
    citing = page.locator("section.citing table")
    assert citing.locator("caption").inner_text() == "1 citation"
    assert "Guillaume Gouffier Valente" in citing.inner_text()
    assert errors == []


def test_a_sparql_user_gets_yasgui_with_the_prefixes(page, live_server):
    from hemicycle.queries.web import sparql_editor

    if not sparql_editor.assets_built():
        pytest.skip("the editor's files are not built (python -m hemicycle.queries.web.editor_assets)")
    page.goto(live_server + "/?lang=fr")
    page.locator("header.site nav a[href='/sparql']").click()
    page.wait_for_url(live_server + "/sparql")
    page.wait_for_selector(".yasqe .CodeMirror")
    text = page.evaluate("() => document.querySelector('.yasqe .CodeMirror').CodeMirror.getValue()")
    assert "PREFIX hm: <https://w3id.org/hemicycle/ontology#>" in text
