"""The SPARQL editor, the page ``GET /sparql`` gives a browser: YASGUI (``@zazuko/yasgui``) over this endpoint.

A client that prefers HTML to every RDF format of the service description (a browser) and sends no query gets
this page; machine clients still get the service description (:func:`.sparql.service_description`). The page
loads YASGUI's built files from ``/static/yasgui/`` (see :mod:`.editor_assets`), with:

- the endpoint set to this server's ``/sparql`` (the page's own URL);
- the project's prefixes declared in every new tab, offered when a ``PREFIX`` is typed, and added by
  themselves when a query uses one undeclared;
- the named queries (:func:`hemicycle.queries.catalog.load_all`) as examples, each opening in a tab;
- completion of the vocabulary: the classes and properties of the ontology (``hemicycle.ttl``) and of the
  vocabularies it uses, completed locally (YASQE's own completers ask prefix.cc and LOV over the network: they
  are off);
- shareable links (YASGUI's: the tab's query and settings in the link's ``#`` part, which the server never
  sees, so the link opens this page and runs the query).

When the files were not built, the page says so and gives a plain form that posts to ``/sparql``.
"""
from __future__ import annotations

import functools

from pyoxigraph import NamedNode, RdfFormat, parse
from starlette.requests import Request
from starlette.responses import HTMLResponse

from hemicycle.ontology import ONTOLOGY_FILE, read_resource, terms
from hemicycle.ontology.terms import PREFIXES
from hemicycle.queries import catalog
from hemicycle.queries.web import i18n, templating

ASSETS = templating.FOLDER / "static" / "yasgui"  # where the built files are (tests point it elsewhere)
URL = "/static/yasgui/"
FILES = ("yasgui.min.js", "yasgui.min.css")
BUILD_COMMAND = "python -m hemicycle.queries.web.editor_assets"
PERSISTENCE = "hemicycle-sparql"  # YASGUI's key in the browser's storage (tabs, queries, last results)

OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_CLASS_TYPES = {OWL + "Class", RDFS + "Class"}
_PROPERTY_TYPES = {OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty",
                   "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property"}
_NOT_TERMS = {terms.XSD.iri}  # datatypes, neither classes nor properties

STARTER = """SELECT ?class (COUNT(?s) AS ?n) WHERE {
  ?s a ?class
} GROUP BY ?class ORDER BY DESC(?n)"""


def assets_built() -> bool:
    """Whether YASGUI's built files are in the static folder."""
    return all((ASSETS / name).is_file() for name in FILES)


def assets_version() -> str:
    """The version of the built ``@zazuko/yasgui`` (its ``VERSION`` file), or empty."""
    try:
        return (ASSETS / "VERSION").read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def prefix_lines() -> str:
    """``PREFIX`` lines for each of the project's prefixes, in their usual order."""
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())


@functools.cache
def vocabulary() -> dict[str, list[str]]:
    """The IRIs completed in the editor: ``classes`` and ``properties`` declared in the ontology (by their
    ``rdf:type``), and those of the project's other vocabularies (:mod:`hemicycle.ontology.terms`, under one of
    :data:`PREFIXES`), a capital first letter making a class there."""
    classes, properties, others = set(), set(), set()
    for triple in parse(read_resource(ONTOLOGY_FILE), format=RdfFormat.TURTLE):
        if not isinstance(triple.subject, NamedNode) or triple.predicate.value != terms.RDF.type.value:
            continue
        kind = triple.object.value
        if kind in _CLASS_TYPES:
            classes.add(triple.subject.value)
        elif kind in _PROPERTY_TYPES:
            properties.add(triple.subject.value)
        else:
            others.add(triple.subject.value)  # individuals (the questions' statuses), the ontology itself
    namespaces = set(PREFIXES.values()) - _NOT_TERMS
    for namespace in vars(terms).values():
        if not isinstance(namespace, terms.ClosedNamespace) or namespace.iri not in namespaces:
            continue
        for name in namespace.names():
            iri = namespace.iri + name
            if iri in classes or iri in properties or iri in others:
                continue
            (classes if name[:1].isupper() else properties).add(iri)
    return {"classes": sorted(classes), "properties": sorted(properties)}


def examples(lang: str) -> list[dict]:
    """The named queries as the editor's examples: name, title, description and text. The text of a query that
    takes parameters starts with a comment saying that they are free variables here."""
    found = []
    for query in catalog.load_all().values():
        text = query.text
        if query.params:
            names = " ".join(f"?{p.name}" for p in query.params)
            note = i18n.gettext(lang, "This named query takes parameters ({names}), bound as typed terms on the "
                                      "named-queries page (/query). Here they are free variables: give them "
                                      "values yourself, e.g. VALUES ?x { … } at the start of WHERE.")
            text = f"# {note.replace('{names}', names)}\n{text}"
        found.append({"name": query.name, "title": query.title, "description": query.description, "text": text,
                      "params": [p.name for p in query.params]})
    return found


def context(request: Request) -> dict:
    lang = i18n.language(request)
    built = assets_built()
    starter = prefix_lines() + "\n" + STARTER
    context = {"title": "SPARQL editor", "kind": "sparql-editor", "editor": built, "build_command": BUILD_COMMAND,
               "examples": examples(lang), "starter": starter, "yasgui_url": URL,
               "yasgui_version": assets_version() if built else ""}
    if built:
        context["config"] = {"prefixes": PREFIXES, "value": starter, "persistenceId": PERSISTENCE,
                             "tabName": i18n.gettext(lang, "Query"), "examples": context["examples"],
                             **vocabulary()}
    return context


def editor_page(request: Request) -> HTMLResponse:
    """The editor (or, without its files, the plain form)."""
    return templating.render(request, "sparql_editor.html", context(request))
