"""The SPARQL editor at ``/sparql`` over HTTP: a browser gets the page (YASGUI, or the plain form when its files
were not built), a program still gets the service description; the build of the editor's files; syntax errors
said as sentences."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hemicycle.ontology.terms import PREFIXES
from hemicycle.queries import catalog
from hemicycle.queries.web import editor_assets, sparql_editor

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.fixture
def built(tmp_path, monkeypatch):
    """A static folder holding (stand-ins for) YASGUI's built files."""
    folder = tmp_path / "yasgui"
    folder.mkdir()
    for name in sparql_editor.FILES:
        (folder / name).write_text("/* built */\n")
    (folder / "VERSION").write_text("4.6.2\n")
    monkeypatch.setattr(sparql_editor, "ASSETS", folder)
    return folder


@pytest.fixture
def absent(tmp_path, monkeypatch):
    monkeypatch.setattr(sparql_editor, "ASSETS", tmp_path / "not-built")


def config_of(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="editor-config">(.*?)</script>', html, re.DOTALL)
    assert found, "no editor configuration in the page"
    return json.loads(found.group(1))


def test_a_browser_gets_the_editor(client, built):
    r = client.get("/sparql", headers={"accept": BROWSER}, follow_redirects=False)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Accept" in r.headers["vary"]
    assert '<script src="/static/yasgui/yasgui.min.js?v=4.6.2"></script>' in r.text
    assert 'href="/static/yasgui/yasgui.min.css?v=4.6.2"' in r.text
    assert '<script src="/static/sparql_editor.js"></script>' in r.text
    assert "This editor is YASGUI (@zazuko/yasgui 4.6.2)" in r.text
    config = config_of(r.text)
    assert config["prefixes"] == PREFIXES
    for prefix, iri in PREFIXES.items():  # a new tab declares the project's prefixes
        assert f"PREFIX {prefix}: <{iri}>" in config["value"]
    names = [q["name"] for q in config["examples"]]
    assert names == list(catalog.load_all()) and "question-card" in names
    card = next(q for q in config["examples"] if q["name"] == "question-card")
    assert catalog.get("question-card").text in card["text"] and "?question" in card["text"].splitlines()[0]
    assert 'data-name="question-card"' in r.text
    hm = PREFIXES["hm"]
    assert hm + "WrittenQuestion" in config["classes"] and "http://xmlns.com/foaf/0.1/Person" in config["classes"]
    assert hm + "answerDate" in config["properties"] and hm + "WrittenQuestion" not in config["properties"]
    assert hm + "Answered" not in config["classes"] + config["properties"]  # an individual, not a term


def test_the_editor_script_disables_the_network_completers():
    script = (Path(sparql_editor.__file__).parent / "static" / "sparql_editor.js").read_text()
    assert "prefixCcApi = null" in script
    completers = re.search(r"var completers = \[(.*?)\];", script).group(1)
    assert '"property"' not in completers and '"class"' not in completers  # the LOV ones


def test_the_page_speaks_french(client, built):
    r = client.get("/sparql", headers={"accept": BROWSER, "accept-language": "fr"})
    assert r.status_code == 200 and "Cet éditeur est YASGUI (@zazuko/yasgui 4.6.2)" in r.text
    assert "Éditeur SPARQL" in r.text
    card = next(q for q in config_of(r.text)["examples"] if q["name"] == "question-card")
    assert card["text"].startswith("# Cette requête nommée prend des paramètres (?question)")


def test_without_the_built_files_the_page_falls_back(client, absent):
    r = client.get("/sparql", headers={"accept": BROWSER})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "yasgui.min.js" not in r.text and "editor-config" not in r.text
    assert "its files were not built" in r.text and editor_assets.__name__ in r.text
    assert '<form class="plain" method="post" action="/sparql">' in r.text
    assert f"PREFIX hm: &lt;{PREFIXES['hm']}&gt;" in r.text
    assert 'href="/query"' in r.text


def test_the_fallback_speaks_french(client, absent):
    r = client.get("/sparql", params={"lang": "fr"}, headers={"accept": BROWSER})
    assert r.status_code == 200 and "L'éditeur SPARQL (YASGUI) n'est pas disponible ici" in r.text
    assert f"<code>{editor_assets.__name__.join(['python -m ', ''])}</code>" in r.text


def test_the_plain_form_runs_a_query(client, absent):
    r = client.post("/sparql", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "format": "json"},
                    headers={"accept": BROWSER})
    assert r.status_code == 200 and int(r.json()["results"]["bindings"][0]["n"]["value"]) > 0


@pytest.mark.parametrize("accept", [None, "*/*", "application/sparql-results+json", "text/turtle",
                                    "application/rdf+xml", "application/ld+json"])
def test_a_program_gets_the_service_description(client, built, accept):
    headers = {"accept": accept} if accept else {}
    r = client.get("/sparql", headers=headers, follow_redirects=False)
    assert r.status_code == 200 and not r.headers["content-type"].startswith("text/html"), accept
    assert "sparql-service-description" in r.text
    if accept in (None, "*/*", "application/sparql-results+json", "text/turtle"):
        assert r.headers["content-type"].startswith("text/turtle")


def test_a_browser_asking_a_format_or_a_query_gets_it(client, built):
    r = client.get("/sparql", params={"format": "turtle"}, headers={"accept": BROWSER})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"accept": BROWSER})
    assert r.status_code == 200 and not r.headers["content-type"].startswith("text/html")


def test_the_static_files_are_served(client):
    r = client.get("/static/sparql_editor.js")
    assert r.status_code == 200 and "forkAutocompleter" in r.text


@pytest.mark.parametrize("query,said", [
    ("SELECT ?q WHERE { ?q a hm:WrittenQuestion } LIMIT 3",
     'SPARQL syntax error at line 1, column 42 (at "} LIMIT 3"): a prefixed name with an undeclared prefix. '
     "Likely cause: the prefix hm: is not declared (add PREFIX hm: <https://w3id.org/hemicycle/ontology#> "
     "before the query)"),
    ("SELECT * WHERE { ?s zz:x ?o }",
     'SPARQL syntax error at line 1, column 26 (at "?o }"): expected OPTIONAL. Likely cause: the prefix zz: is '
     "not declared (add PREFIX zz: <…> before the query)"),
    ("SELECT ?x WHERE {\n  ?x ?y ?z", "SPARQL syntax error at line 2, column 11 (at the end): expected one of"),
])
def test_the_endpoint_says_a_syntax_error_as_a_sentence(client, query, said):
    r = client.post("/sparql", data={"query": query}, headers={"accept": "application/sparql-results+json"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/plain")
    assert r.text.startswith(said), r.text
    assert "['" not in r.text  # no character classes of the parser's grammar


# --- the build of the editor's files -------------------------------------------------------------------------

def test_the_npm_dependency_is_declared_and_locked():
    manifest = json.loads((editor_assets.EDITOR / "package.json").read_text())
    version = manifest["dependencies"]["@zazuko/yasgui"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "pinned to one version"
    assert editor_assets.locked_version() == version


def test_copy_takes_only_the_browser_files(tmp_path):
    editor = tmp_path / "editor"
    build = editor / "node_modules" / "@zazuko" / "yasgui" / "build"
    build.mkdir(parents=True)
    (build.parent / "package.json").write_text(json.dumps({"version": "9.9.9", "license": "MIT"}))
    (build / "yasgui.min.js").write_bytes(b"var Yasgui=1;\n//# sourceMappingURL=yasgui.min.js.map\n")
    (build / "yasgui.min.css").write_bytes(b".yasgui{}")
    (build / "yasgui.min.js.map").write_bytes(b"{}")
    (build / "yasgui.esm.js").write_bytes(b"export {}")
    dest = tmp_path / "static" / "yasgui"
    written = editor_assets.copy_assets(dest, editor)
    assert sorted(p.name for p in dest.iterdir()) == ["NOTICE.txt", "VERSION", "yasgui.min.css", "yasgui.min.js"]
    assert sorted(written) == sorted(dest.iterdir())
    assert (dest / "yasgui.min.js").read_bytes() == b"var Yasgui=1;\n"  # no link to a map that is not there
    assert (dest / "VERSION").read_text().strip() == "9.9.9"


def test_without_npm_the_build_warns_and_goes_on(tmp_path, monkeypatch):
    editor = tmp_path / "editor"
    editor.mkdir()
    (editor / "package-lock.json").write_text(json.dumps(
        {"packages": {"node_modules/@zazuko/yasgui": {"version": "4.6.2"}}}))
    monkeypatch.setattr(editor_assets.shutil, "which", lambda name: None)
    monkeypatch.delenv(editor_assets.ENV, raising=False)
    said = []
    assert editor_assets.build_or_warn(tmp_path / "out", editor, log=said.append) == []
    assert "npm is not installed" in said[0] and "python -m hemicycle.queries.web.editor_assets" in said[0]
    assert not (tmp_path / "out").exists()
    monkeypatch.setenv(editor_assets.ENV, "require")
    with pytest.raises(editor_assets.AssetError, match="npm is not installed"):
        editor_assets.build_or_warn(tmp_path / "out", editor, log=said.append)
    monkeypatch.setenv(editor_assets.ENV, "skip")
    assert editor_assets.build_or_warn(tmp_path / "out", editor, log=said.append) == [] and "skip" in said[-1]
