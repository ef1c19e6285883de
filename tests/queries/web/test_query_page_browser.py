"""The pages in a real headless browser (Debian's chromium driven by Playwright) against the real uvicorn server
over the sample graph: the question page and its links, clicking through to the decision and the deputy, the
query page running named and edited queries, its IRIs leading to pages, and its downloads."""
from __future__ import annotations

import csv
import io
import json

from pyoxigraph import RdfFormat, parse

from hemicycle.queries.web import i18n

SEED_PATH = "/id/question/QANR5L17QE15973"
DECISION_PATH = "/id/decision/fr/CE/2026-05-05/502860"
SEED = "https://w3id.org/hemicycle/id/question/QANR5L17QE15973"


def watch_errors(page) -> list[str]:
    """The page's script errors, collected as they happen."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_question_page_renders_with_author_and_decision(page, live_server):
    errors = watch_errors(page)
    page.goto(live_server + SEED_PATH)
    assert page.title().startswith("Written question n° 15973")
    assert page.locator("dd.author").inner_text() == "Guillaume Gouffier Valente (EPR)"
    assert page.locator("dd.constituency").inner_text() == "Val-de-Marne (6e circonscription)"
    decision = page.locator("section.citations a.cited-decision")
    assert decision.count() == 1
    assert decision.get_attribute("href") == DECISION_PATH
    assert "n° 502860" in decision.inner_text()
    assert page.locator("a.citation").is_visible()  # the span, marked in the text itself
    embedded = page.locator('script[type="application/ld+json"]').text_content()
    assert SEED in {q.subject.value for q in parse(embedded.encode(), format=RdfFormat.JSON_LD)}
    assert errors == []


def test_clicking_through(page, live_server):
    page.goto(live_server + SEED_PATH)
    page.locator("section.citations a.cited-decision").click()
    page.wait_for_url(live_server + DECISION_PATH)
    assert page.locator("h1").inner_text() == "Conseil d'État, 5 May 2026, n° 502860"
    page.locator("a.citing-question").click()  # the decision page lists the question: back to it
    page.wait_for_url(live_server + SEED_PATH)
    page.locator("dd.author a").first.click()
    page.wait_for_url(live_server + "/id/acteur/PA721296")
    assert page.locator("h1").inner_text() == "Guillaume Gouffier Valente"
    page.locator("section.groups a").first.click()
    page.wait_for_url(live_server + "/id/organe/PO845407")
    assert page.locator("h1").inner_text() == "Ensemble pour la République"
    page.go_back()
    page.locator("section.ministries a").first.click()
    page.wait_for_url(live_server + "/id/organe/PO873643")
    assert page.locator("h1").inner_text() == "Ministère de l'intérieur"


def test_query_page_runs_a_named_query(page, live_server):
    errors = watch_errors(page)
    page.goto(live_server + "/query")
    page.select_option("#named", "questions-citing-decision")
    assert page.locator("#editor").input_value().startswith("# title: Questions that cite a court decision")
    assert page.locator("#param-decision").input_value().endswith(DECISION_PATH[len("/id/"):])
    page.click("#run")
    page.wait_for_selector("table.results tbody tr")
    assert page.locator("#status").inner_text().startswith("1 row in")
    headers = page.locator("table.results th").all_inner_texts()
    assert headers[:3] == ["decision", "question", "uid"]
    question_link = page.locator("table.results tbody tr td:nth-child(2) a")
    assert question_link.get_attribute("href") == SEED_PATH
    question_link.click()  # the result's IRIs lead to the pages
    page.wait_for_url(live_server + SEED_PATH)
    assert page.locator("dd.author").inner_text().startswith("Guillaume Gouffier Valente")
    assert errors == []


def test_query_page_runs_an_edited_query_and_a_graph(page, live_server):
    page.goto(live_server + "/query")
    page.select_option("#named", "")
    page.fill("#editor", f"CONSTRUCT {{ <{SEED}> ?p ?o }} WHERE {{ <{SEED}> ?p ?o }}")
    page.locator("#editor").press("Control+Enter")
    page.wait_for_selector("table.results tbody tr")
    assert page.locator("#status").inner_text().startswith("18 triples")
    assert page.locator("table.results th").all_inner_texts() == ["subject", "predicate", "object"]
    assert [a.inner_text() for a in page.locator("#downloads a").all()] == ["Turtle", "N-Triples", "JSON-LD",
                                                                            "RDF/XML"]


def test_query_page_reports_errors(page, live_server):
    page.goto(live_server + "/query")
    page.fill("#editor", "SELECT ?x WHERE {")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert "400" in page.locator("#status").inner_text() and "syntax" in page.locator("#status").inner_text()
    assert page.locator("#downloads a").count() == 0


def test_download_gives_the_chosen_format(page, live_server):
    page.goto(live_server + "/query")  # question-card with the seed question, as the page starts
    page.click("#run")
    page.wait_for_selector("table.results tbody tr")
    assert [a.inner_text() for a in page.locator("#downloads a").all()] == ["JSON", "XML", "CSV", "TSV"]
    with page.expect_download() as info:
        page.locator('#downloads a[data-format="csv"]').click()
    download = info.value
    assert download.suggested_filename == "question-card.csv"
    with open(download.path(), encoding="utf-8") as f:
        rows = list(csv.DictReader(io.StringIO(f.read())))
    assert rows[0]["question"] == SEED and rows[0]["author"] == "Guillaume Gouffier Valente"
    with page.expect_download() as info:
        page.locator('#downloads a[data-format="json"]').click()
    with open(info.value.path(), encoding="utf-8") as f:
        assert json.load(f)["results"]["bindings"][0]["uid"]["value"] == "QANR5L17QE15973"


# In the page: does any cell break a word across two lines? (A word's text gives one rectangle per line.)
BROKEN_WORDS = """() => {
  const broken = [];
  document.querySelectorAll("table.results td").forEach(td => {
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest("details:not([open])") && !node.parentElement.closest("summary")) continue;
      const re = /\\S+/g;
      let m;
      while ((m = re.exec(node.data))) {
        if (m[0].length > 30) continue;   // an IRI or a word longer than a column may wrap
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  });
  return broken;
}"""


def test_results_are_readable(page, live_server):
    """Names instead of IRIs, no word broken, long texts folded, paging and sorting: the question card and a
    120-row result, in a window as narrow as a laptop's half screen."""
    errors = watch_errors(page)
    page.set_viewport_size({"width": 900, "height": 900})
    page.goto(live_server + "/query")  # question-card with the seed question
    page.click("#run")
    page.wait_for_selector("table.results a.named")
    question = page.locator("table.results a", has_text="QE 15973 (17th)")
    assert question.count() == 1 and question.get_attribute("href") == SEED_PATH
    assert question.get_attribute("title") == SEED  # the IRI, on hovering
    assert page.locator("table.results a", has_text="en attente").count() == 0  # English page
    assert page.locator("table.results a", has_text="pending").count() == 1      # hm:Pending by its label
    assert page.locator("table.results td details").count() >= 1                 # the question's text, folded
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.locator("table.results").bounding_box()["height"] < 1500

    page.select_option("#named", "")
    assert "prefixes" in page.locator("#description").inner_text()  # not the previous query's description
    page.fill("#editor", "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 120")
    page.click("#run")
    page.wait_for_selector("table.results tbody tr")
    assert page.locator("table.results tbody tr").count() == 50
    assert page.locator("nav.pager span").inner_text() == "1–50 of 120"
    page.locator("nav.pager button.next").click()
    page.locator("nav.pager button.next").click()
    assert page.locator("nav.pager span").inner_text() == "101–120 of 120"
    assert page.locator("table.results tbody tr").count() == 20
    assert page.locator("nav.pager button.next").is_disabled()
    page.locator("table.results th button", has_text="o").click()
    assert page.locator("table.results th").nth(2).get_attribute("aria-sort") == "ascending"
    assert page.locator("nav.pager span").inner_text() == "1–50 of 120"  # sorting goes back to the first page
    page.wait_for_selector("table.results a.named")
    assert page.evaluate(BROKEN_WORDS) == []
    assert errors == []


def test_query_page_in_french(page, live_server):
    page.goto(live_server + "/query?lang=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("#run").inner_text() == i18n.gettext("fr", "Run")
    page.click("#run")
    page.wait_for_selector("table.results a.named")
    assert page.locator("#status").inner_text().startswith("1 ligne en")
    assert page.locator("table.results a", has_text="en attente de réponse").count() == 1
    page.locator("header.site a[hreflang=en]").click()  # the switch
    page.wait_for_url("**/query?lang=en")
    assert page.locator("#run").inner_text() == "Run"
