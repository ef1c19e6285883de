"""The browsing lists in a real headless browser (Debian's chromium driven by Playwright) against the real uvicorn
server over the sample graph: the issue's scenario, for someone who knows no SPARQL. From the list of deputies, find
one by name, open their page, follow their questions to a ministry, open a question, open the decision it cites and
see who cites it; and the lists' sortable headers and filters."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

SEED_PATH = "/id/question/QANR5L17QE15973"
DECISION_PATH = "/id/decision/fr/CE/2026-05-05/502860"


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_from_a_deputy_to_who_cites_a_decision(page, live_server):
    errors = watch_errors(page)
    page.goto(live_server + "/")
    page.locator("header.site nav a[href='/deputies']").click()
    page.wait_for_url(live_server + "/deputies")
    assert page.locator("h1").inner_text() == "Deputies of the 17th legislature"

    page.fill("form.filters input[name=name]", "gouffier")  # a part of the name, accents and case aside
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/deputies?*name=gouffier*")
    assert page.locator("table.browse caption").inner_text() == "1–1 of 1"
    page.locator("table.browse a.deputy", has_text="Guillaume Gouffier Valente").click()
    page.wait_for_url(live_server + "/id/acteur/PA721296")
    assert page.locator("h1").inner_text() == "Guillaume Gouffier Valente"
    assert (page.locator("dd.elsewhere a.assemblee").get_attribute("href")
            == "https://www.assemblee-nationale.fr/dyn/deputes/PA721296")

    row = page.locator("section.ministries tr", has_text="Ministère de l'intérieur")
    row.locator("a.questions-to").click()  # the count of their questions to that ministry
    page.wait_for_url("**/questions?*")
    assert parse_qs(urlsplit(page.url).query) == {"author": ["PA721296"], "ministry": ["PO873643"]}
    chips = page.locator("ul.chips").inner_text()
    assert "Guillaume Gouffier Valente" in chips and "Ministère de l'intérieur" in chips
    assert page.locator("table.browse tbody tr").count() == 1

    page.locator("table.browse a.question").click()
    page.wait_for_url(live_server + SEED_PATH)
    assert page.title().startswith("Written question n° 15973")
    assert (page.locator("dd.elsewhere a.assemblee").get_attribute("href")
            == "https://www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QE15973")

    page.locator("section.citations a.cited-decision").click()
    page.wait_for_url(live_server + DECISION_PATH)
    assert page.locator("h1").inner_text() == "Conseil d'État, 5 May 2026, n° 502860"
    citing = page.locator("section.citing table")
    assert citing.locator("caption").inner_text() == "1 citation"
    assert citing.locator("a.citing-question").inner_text() == "QANR5L17QE15973"
    assert "Guillaume Gouffier Valente" in citing.inner_text() and "EPR" in citing.inner_text()
    assert errors == []


def test_the_decisions_list_leads_to_the_decision(page, live_server):
    page.goto(live_server + "/decisions")
    page.select_option("form.filters select[name=court]", "CE")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/decisions?court=CE")
    page.locator("table.browse a.decision").click()
    page.wait_for_url(live_server + DECISION_PATH)
    page.locator("a.citing-question").click()
    page.wait_for_url(live_server + SEED_PATH)


def test_headers_sort_and_filters_keep_the_order(page, live_server):
    page.goto(live_server + "/deputies")
    header = page.locator("table.browse th", has_text="Questions")
    assert header.get_attribute("aria-sort") is None
    header.locator("a.sort").click()
    page.wait_for_url(live_server + "/deputies?sort=questions")
    assert page.locator("table.browse th", has_text="Questions").get_attribute("aria-sort") == "descending"
    page.locator("table.browse th", has_text="Questions").locator("a.sort").click()
    page.wait_for_url(live_server + "/deputies?sort=-questions")
    assert page.locator("table.browse th", has_text="Questions").get_attribute("aria-sort") == "ascending"
    page.select_option("form.filters select[name=group]", "PO845407")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/deputies?*group=PO845407*")
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["-questions"]
    assert page.locator("form.filters select[name=group]").input_value() == "PO845407"
    assert page.locator("table.browse caption").inner_text() == "1–1 of 1"


def test_a_bad_parameter_is_explained(page, live_server):
    response = page.goto(live_server + "/questions?status=lost")
    assert response.status == 400
    assert page.locator("h1").inner_text() == "This list cannot be shown"
    assert "is not a status" in page.locator("p.error").inner_text()
