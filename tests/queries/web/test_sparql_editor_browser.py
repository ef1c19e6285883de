"""The SPARQL editor (YASGUI) in a real headless browser against the real server over the sample graph: a query
typed with a pre-declared prefix runs and fills YASGUI's table, a syntax error comes back as a sentence, the
vocabulary completes without the network, a named query opens in a tab, and a shared link opens its query.

YASGUI's files are built by the project's build (``pip install -e .``) or by
``python -m hemicycle.queries.web.editor_assets``; without them these tests skip, saying so, unless
``HEMICYCLE_REQUIRE_BROWSER`` is set (CI), when they fail.
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from hemicycle.queries.web import sparql_editor

pytestmark = pytest.mark.browser
REQUIRE_ENV = "HEMICYCLE_REQUIRE_BROWSER"
ROWS = ".yasr .yasr_results table tbody tr"


@pytest.fixture
def yasgui_built():
    """Skips (fails under ``HEMICYCLE_REQUIRE_BROWSER``) when YASGUI's files are not built."""
    if not sparql_editor.assets_built():
        reason = (f"the SPARQL editor's files are not built ({sparql_editor.ASSETS} has no yasgui.min.js): run "
                  f"'{sparql_editor.BUILD_COMMAND}' or 'pip install -e .' with npm")
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{reason} ({REQUIRE_ENV} is set: the browser tests must run)")
        pytest.skip(reason)


@pytest.fixture
def editor(yasgui_built, page, live_server):
    """The editor at /sparql, in a browser whose stored YASGUI tabs are forgotten; the page's script errors and
    the hosts it asked anything of are collected."""
    errors, hosts = [], set()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(live_server + "/sparql")
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector("#yasgui .CodeMirror")
    page.errors, page.hosts = errors, hosts
    return page


def type_query(page, text: str) -> None:
    """Replace the query under the new tab's PREFIX lines by ``text``, typed."""
    page.locator("#yasgui .CodeMirror").first.click()
    page.keyboard.press("Control+End")
    for _ in range(sparql_editor.STARTER.count("\n")):
        page.keyboard.press("Shift+ArrowUp")
    page.keyboard.press("Shift+Home")
    page.keyboard.type(text)


def query_of(page) -> str:
    return page.evaluate("hemicycleYasgui.getTab().getQuery()")


def test_a_typed_query_with_a_declared_prefix_runs(editor, live_server):
    assert "YASGUI" in editor.locator("p.intro").inner_text()
    assert editor.locator("#yasgui input.endpointText, #yasgui .autocomplete").first.input_value() \
        == live_server + "/sparql"
    assert query_of(editor).startswith("PREFIX hm: <https://w3id.org/hemicycle/ontology#>\n")
    type_query(editor, "SELECT ?f WHERE { ?f a hm:SourceFile } ORDER BY ?f LIMIT 3")
    editor.keyboard.press("Control+Enter")
    editor.wait_for_selector(ROWS)
    rows = editor.locator(ROWS)
    assert rows.count() == 3
    assert editor.locator(".yasr .yasr_results table thead th").all_inner_texts()[-1].strip() == "f"
    assert all("https://w3id.org/hemicycle/" in text for text in rows.all_inner_texts())
    assert editor.errors == [] and editor.hosts == {urlsplit(live_server).netloc}


def test_a_syntax_error_is_said_as_a_sentence(editor):
    type_query(editor, "SELECT ?x WHERE { ?x zz:name ?y }")
    editor.locator("#yasgui .yasqe_queryButton").click()
    error = editor.locator(".yasr .errorResult")
    error.wait_for()
    said = error.inner_text()
    assert "SPARQL syntax error at line 15, column" in said, said
    assert "Likely cause: the prefix zz: is not declared (add PREFIX zz: <…> before the query)" in said
    assert editor.locator(ROWS).count() == 0


def test_the_vocabulary_completes_offline(editor, live_server):
    type_query(editor, "SELECT ?q WHERE { ?q hm:answerDa")
    editor.keyboard.press("Control+Space")
    hints = editor.locator(".CodeMirror-hints li")
    hints.first.wait_for()
    assert hints.all_inner_texts() == ["hm:answerDate"]
    editor.keyboard.press("Enter")
    editor.keyboard.type(" ?d . ?q a hm:WrittenQ")
    editor.keyboard.press("Control+Space")
    editor.locator(".CodeMirror-hints li").first.wait_for()
    assert editor.locator(".CodeMirror-hints li").all_inner_texts() == ["hm:WrittenQuestion"]
    editor.keyboard.press("Enter")
    assert query_of(editor).endswith("SELECT ?q WHERE { ?q hm:answerDate ?d . ?q a hm:WrittenQuestion")
    # a prefix the project knows is declared as soon as it is used
    editor.keyboard.press("Control+a")
    editor.keyboard.type("SELECT ?id WHERE { ?q dcterms:identifier ?id }")
    assert query_of(editor).startswith("PREFIX dcterms: <http://purl.org/dc/terms/>\n")
    assert editor.errors == [] and editor.hosts == {urlsplit(live_server).netloc}  # no prefix.cc, no LOV


def test_a_named_query_opens_in_a_tab_and_a_shared_link_opens_it(editor, browser, live_server):
    editor.locator("details.examples summary").click()
    editor.locator('button.example[data-name="legislature-counts"]').click()
    assert editor.locator("#yasgui .tabsList .tab.active").inner_text().startswith("Counts per legislature")
    assert query_of(editor).startswith("# title: Counts per legislature")
    editor.locator("#yasgui .yasqe_share:visible").click()
    link = editor.locator("#yasgui .yasqe_sharePopup input:visible").input_value()
    assert link.startswith(live_server + "/sparql#query=")
    other = browser.new_page()
    try:
        other.goto(link)   # the same page, whose YASGUI opens the query of the link and runs it
        other.wait_for_selector(ROWS)
        assert other.evaluate("hemicycleYasgui.getTab().getQuery()").startswith("# title: Counts per legislature")
    finally:
        other.close()
